/*
 * A rule's one-line summary (rules.h) with the values a configuration sets
 * in it: what `flowgate rules` and `explain` print, and, with the built-in
 * defaults, the README table and flowgate-rules(7).
 * Layer: rules (common/README).
 */
#ifndef FLOWGATE_SUMMARY_H
#define FLOWGATE_SUMMARY_H

#include "settings.h"
#include "rules.h"

/*
 * fg_rule_summary: the summary of RULE with what CFG sets in place of its
 * placeholders: {headerMax} and {bodyMax} the two maxima;
 * {bodyUrls} ", but a line holding a URL (rule.bodyMaxLineLength.ignoreUrls)"
 * when such lines pass, else nothing; {subjectCase} "in none of: <cases>"
 * (when = never) or "in one of: <cases>" (always). Any other text in
 * braces is kept. Newly allocated (the caller frees it); NULL when out of
 * memory.
 */
char *fg_rule_summary(const struct fg_config *cfg, enum fg_rule rule);

/*
 * fg_rule_summary_defaults: CFG emptied, then the values the summaries name
 * set to the built-in defaults (the FG_DEFAULT_* of settings.h), without
 * fg_config_init: for a program that only writes summaries (docs/mangen.c).
 * CFG owns nothing; it needs no release.
 */
void fg_rule_summary_defaults(struct fg_config *cfg);

#endif

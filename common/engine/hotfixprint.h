/*
 * Hotfix propagation as flowgate prints it (engine layer, over hotfix.h):
 * the table of `flowgate hotfix-status`, its JSON document, and the few
 * lines post-merge adds to its advice, each with the commands that carry
 * the fix to the branches lacking it.
 */
#ifndef FLOWGATE_HOTFIXPRINT_H
#define FLOWGATE_HOTFIXPRINT_H

#include <stddef.h>
#include <stdio.h>
#include "hotfix.h"

/* fg_hotfix_state_name: "missing", "partial", "picked" or "merged". */
const char *fg_hotfix_state_name(enum fg_hotfix_state state);

/*
 * fg_hotfix_print: FIX as `flowgate hotfix-status` prints it to OUT: the
 * fix and its commits, how many branches of older series are not listed,
 * a table (BRANCH, STATUS, COMMITS: the carriers,
 * TAG), the count of branches lacking it with the commands that apply it
 * (git cherry-pick -x, then git push for remote-tracking branches), and
 * for release/maint branches that hold it without a tag, the command that
 * makes one (flowgate bump patch --commit --tag).
 */
void fg_hotfix_print(const struct fg_hotfix *fix, FILE *out);

/*
 * fg_hotfix_print_json: FIX as one JSON document on OUT: {"fix": {"name",
 * "branch", "commits": [{"id", "header"}]}, "branches": [{"name", "remote",
 * "kind", "status", "carriers": [id or null per fix commit], "tag"}],
 * "base": "X.Y" or null, "hidden", "lacking", "total"}.
 */
void fg_hotfix_print_json(const struct fg_hotfix *fix, FILE *out);

/*
 * fg_hotfix_print_brief: at most MAX_LINES lines (at least 3) for
 * post-merge: the branches lacking FIX, then the commands that apply it,
 * cut with "... and N more" when longer. Nothing when no branch lacks it.
 */
void fg_hotfix_print_brief(const struct fg_hotfix *fix, FILE *out, size_t max_lines);

#endif

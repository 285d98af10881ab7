/*
 * Release tags: tagFormat, tagAnnotated, tagMessage and tagVersionMatch on
 * one tag, given what was read of it from the repository.
 */
#ifndef FLOWGATE_TAG_H
#define FLOWGATE_TAG_H

#include "config.h"
#include "report.h"
#include "version.h"

/*
 * fg_check_tag: check tag NAME (without "refs/tags/") under CFG. ANNOTATED
 * is non-zero for an annotated tag object, whose MESSAGE (may be NULL) is
 * its message; SET (may be NULL when the tag does not point at a commit)
 * holds the version files at the tagged commit. Rules: tagFormat (tag.prefix,
 * "v", then X.Y.Z with an optional workflow pre-release), tagAnnotated
 * (unless tag.allowLightweight), tagMessage (first line starts with one of
 * tag.messagePrefixes: "release:", "hotfix:", "maintenance:"),
 * tagVersionMatch (every version file says the tag's version; a series
 * file its X.Y). Returns the number of violations added to REPORT.
 */
size_t fg_check_tag(struct fg_report *report, const struct fg_config *cfg, const char *name,
		    int annotated, const char *message, const struct fg_version_set *set);

#endif

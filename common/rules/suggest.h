/*
 * The header a refused one most likely meant, for the hints of the header
 * rules (issue 20, item 17: a hint that proposes a value passes when
 * followed): built from the header's own words (its type, misspelt, in
 * another case or in brackets; its scope; its subject), then judged by the
 * header rules, so that no hint proposes a header they would refuse. Pure.
 * Layer: rules (common/README).
 */
#ifndef FLOWGATE_SUGGEST_H
#define FLOWGATE_SUGGEST_H

#include <stddef.h>
#include "settings.h"

/*
 * fg_type_meant: the configured type TYPE[0..LEN) stands for when it is a
 * known slip ("feature", "bugfix", "Fixed": any case), lowercase, or NULL
 * (not a slip, or CFG's types lack the type meant). Static storage.
 */
const char *fg_type_meant(const struct fg_config *cfg, const char *type, size_t len);

/*
 * fg_release_commit_type: the type of a commit that sets a version, as
 * flowgate bump --commit writes it: "chore", else (CFG's types lack it)
 * "release" for a release (DEV zero) when listed, else CFG's first type.
 * Static storage or CFG's.
 */
const char *fg_release_commit_type(const struct fg_config *cfg, int dev);

/*
 * fg_header_passes: non-zero when HEADER[0..LEN) (one line, UTF-8) passes
 * every header rule CFG does not turn off: headerFormat (the shape
 * "type(scope)!: subject", no carriage return or bidirectional control,
 * none of git's own forms), typeCase, typeEnum, scopeEnum, subjectEmpty,
 * subjectFullStop, subjectCase and headerMaxLength. Out of memory: 0.
 */
int fg_header_passes(const struct fg_config *cfg, const char *header, size_t len);

/*
 * fg_suggest_header: a header that passes (fg_header_passes) and says
 * what HEADER[0..LEN) (line 1 of a message the header rules refused)
 * most likely meant, newly allocated (the caller frees it), or NULL when
 * none is found (no subject, a header too long) or out of memory. Carriage
 * returns and bidirectional controls are dropped and white space trimmed;
 * then, in this order:
 *  - "[type] subject": the type in brackets;
 *  - "type (scope) !: subject", white space anywhere around the scope, the
 *    '!' and the colon, an empty scope dropped ("feat (cli):x" ->
 *    "feat(cli): x", "feat(): x" -> "feat: x");
 *  - a type and the subject with no colon ("fix bug" -> "fix: bug",
 *    "Fixed - the bug" -> "fix: the bug"), when the first word is a type
 *    or a slip of one (fg_type_meant);
 *  - else the whole header as the subject of CFG's "fix" (its first type
 *    when it has no fix): "update stuff" -> "fix: update stuff".
 * The type is lowercased and a slip replaced by the type meant (a word
 * that is neither falls back to the last case); a scope CFG's scopeEnum
 * does not list is dropped; final full stops are dropped; under
 * subjectCase the subject is put in a case it takes.
 */
char *fg_suggest_header(const struct fg_config *cfg, const char *header, size_t len);

#endif

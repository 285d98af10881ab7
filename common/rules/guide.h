/*
 * The guidance prepare-commit-msg puts in the message file before git opens
 * the editor: comment lines saying what a header must be under the
 * configuration (format, types, scopes, the branch's type, the version the
 * staged version files set), and where in the file they go so that git's
 * cleanup drops them again. Pure: no repository, no I/O.
 * Layer: rules (common/README).
 */
#ifndef FLOWGATE_GUIDE_H
#define FLOWGATE_GUIDE_H

#include <stddef.h>
#include "cleanup.h"
#include "settings.h"

/* What the commit about to be made is, as far as the guidance needs it. */
struct fg_guide {
	const char *branch;      /* HEAD's branch, without refs/heads/; NULL: detached */
	const char *new_version; /* the version the staged version files set, when they change it */
	const char *old_version; /* the version before (may be NULL) */
};

/*
 * fg_guide_lines: the guidance under CFG (only the rules not off) as lines
 * each starting with COMMENT_CHAR ("<c> flowgate: the header is
 * 'type(scope)!: subject', at most 72 characters", the types of
 * rule.typeEnum.types wrapped at 72 columns, the scopes of
 * rule.scopeEnum.scopes, the type a hotfix/<name> or docs/<name> branch takes
 * (branchCommitType), the version the header must name
 * (versionBumpMessage) with an example header, how to say a breaking
 * change), ending with a line holding COMMENT_CHAR alone. Text from the
 * configuration or the branch is shown as fg_escape shows it, so no line
 * break or control byte gets in. Newly allocated, NUL-terminated; NULL
 * when out of memory.
 */
char *fg_guide_lines(const struct fg_config *cfg, const struct fg_guide *g, int comment_char);

/*
 * fg_guide_comment_char: the comment character git 2.39 chose for
 * core.commentChar = auto from the message RAW[0..LEN) before it wrote its
 * template (builtin/commit.c, adjust_comment_line_char): '#' when RAW holds
 * none, else the first of "#;@!$%^&|:" that starts no line. 0 when every
 * one does (git dies then).
 */
int fg_guide_comment_char(const char *raw, size_t len);

/*
 * fg_guide_insert: the message file RAW[0..LEN) as git wrote it for the
 * editor, with LINES (comment lines of PLAN->comment_char) put where git's
 * cleanup under PLAN (fg_cleanup_decide, with an editor) drops them:
 *  - git's own template says comment lines "will be kept" (whitespace or
 *    verbatim cleanup, whatever the configuration said): nowhere;
 *  - PLAN->mode FG_MODE_ALL: before the first comment line above the
 *    scissors line (git's template: the guidance comes first); when there
 *    is none, as for scissors below, else at the end;
 *  - FG_MODE_SCISSORS (and FG_MODE_ALL without a comment line above the
 *    scissors line: git's scissors template, which `git commit
 *    --cleanup=scissors` writes whatever commit.cleanup says): below the
 *    scissors line and the (at most two) comment lines git writes under
 *    it, where git drops everything; nowhere when there is no scissors line;
 *  - any other mode: nowhere (the lines would be kept in the commit).
 * Every byte of RAW is kept, in order (a newline is added before the
 * lines when RAW's last line has none). Returns 1 with *OUT newly allocated
 * (*OUT_LEN bytes, NUL-terminated), 0 when the lines go nowhere (*OUT
 * NULL), -1 when out of memory.
 */
int fg_guide_insert(char **out, size_t *out_len, const char *raw, size_t len,
		    const struct fg_cleanup_plan *plan, const char *lines);

#endif

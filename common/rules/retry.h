/*
 * What commit-msg prints after a refusal so that the message typed is not
 * lost: the command that reopens it in the editor, and the same command
 * skipping only the rules that refused it (FLOWGATE_SKIP).
 * Layer: rules (common/README).
 */
#ifndef FLOWGATE_RETRY_H
#define FLOWGATE_RETRY_H

#include <stdio.h>
#include "report.h"

/*
 * fg_retry_print: after commit-msg refused the message in PATH (its argument
 * as git gave it), "hint:" lines to OUT with the commands that take the
 * message up again:
 *   git commit -e -v -F <file>
 *   FLOWGATE_SKIP=<rules> git commit -e -v -F <file>
 * <file> is "$(git rev-parse --git-path NAME)" when PATH is git's own
 * COMMIT_EDITMSG or MERGE_MSG (so the command works from any directory of
 * the work tree and in a linked worktree), else PATH shell-quoted; <rules>
 * are the rules of REPORT's errors, each once, in order. git reads the
 * file before it writes COMMIT_EDITMSG again, and -v makes git cut at the
 * first scissors line, where a `git commit -v` diff kept in the file
 * starts (without it the old diff would be committed). git rewrites the
 * file at the next commit: the hint says so. REFLOG_ACTION is
 * GIT_REFLOG_ACTION (NULL: unset): "rebase ..." means git rebase is
 * rewording a commit, so the commands amend it and go on with the rebase;
 * otherwise a hint line says to add --amend when amending (a hook is not
 * told). Nothing is printed when PATH is NULL or holds a byte no shell
 * word can carry.
 */
void fg_retry_print(FILE *out, const struct fg_report *report, const char *path,
		    const char *reflog_action);

/*
 * fg_retry_print_am: after applypatch-msg (HOOK "applypatch-msg", PATH the
 * message file git am gave it) or pre-applypatch (PATH NULL) refused,
 * "hint:" lines to OUT with the ways on: git am keeps its session
 * (builtin/am.c exits, the patch left in rebase-apply/), so
 *   applypatch-msg: $(git var GIT_EDITOR) <file> && git am
 *     (the message edited, git am with no argument goes on from that patch,
 *     running the hook again; <file> is "$(git rev-parse --git-path
 *     rebase-apply/final-commit)" when PATH is that file, else PATH quoted)
 *   pre-applypatch: git am --continue, once the files are fixed and added
 *     (the patch is applied: --continue commits what is staged)
 * then the same command with FLOWGATE_SKIP=<rules> (REPORT's error rules,
 * each once), and git am --skip / --abort. Nothing when PATH holds a byte
 * no shell word can carry.
 */
void fg_retry_print_am(FILE *out, const struct fg_report *report, const char *hook,
		       const char *path);

#endif

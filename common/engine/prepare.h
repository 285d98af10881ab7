/*
 * The prepare-commit-msg hook's logic: guidance for the message about to
 * be typed (guide.h), written into git's message file before the editor
 * opens. hooks/prepare-commit-msg.c and `flowgate hook prepare-commit-msg`
 * run it through fg_hook_main (hook.h).
 */
#ifndef FLOWGATE_PREPARE_H
#define FLOWGATE_PREPARE_H

#include "hook.h"

/*
 * fg_run_prepare_commit_msg: arguments <message file> [<source> [<commit>]]
 * (githooks(5); an empty argument counts as absent, as hook managers pass
 * them). Only when git is about to open an editor on a message nobody gave
 * (no source, or "template": commit.template or -t; never "message" for
 * -m, -F and --fixup, "commit" for -c, -C and --amend, "merge" or
 * "squash"), and git launches one (GIT_EDITOR is not ":", which git sets
 * for the hook when it launches none): the staged .flowgate, HEAD's branch
 * and the staged version change (fg_repo_staged_context) give the lines of
 * fg_guide_lines, in the comment character git wrote the file with
 * (core.commentChar; for auto, its template's, else the one git chose
 * from the message), put where fg_guide_insert says git's cleanup
 * (commit.cleanup, fg_cleanup_decide with an editor) drops them, through a
 * temporary file beside the message file and rename(2). Anything else
 * leaves the file untouched, byte for byte, and so does any failure: a
 * configuration commit-msg will report, a file that cannot be read or
 * written (a note on stderr). Never writes the index, the work tree or a
 * ref. Returns FG_EXIT_OK, or FG_EXIT_USAGE for a wrong number of
 * arguments (fg_hook_main turns every status into 0: prepare-commit-msg
 * never stops a commit).
 */
int fg_run_prepare_commit_msg(struct fg_hook_ctx *ctx);

#endif

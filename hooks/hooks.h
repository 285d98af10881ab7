/*
 * Each hook's flow, defined in hooks/<hook>.c (top to bottom: its githooks(5)
 * input, what it judges, the rules it calls, its report) and run by that
 * file's main() through fg_hook_main (common/engine/hook.h). Declared here
 * for what runs a hook's flow from elsewhere: `flowgate hook <hook>`, the
 * hooks that run another's flow (pre-applypatch runs pre-commit's,
 * applypatch-msg commit-msg's, post-commit post-merge's advice) and the
 * unit suites; they link the flows built without their main()
 * (FG_HOOK_LIBRARY, the Makefile's HOOKLIB).
 *
 * Each takes the hook's context (its name, arguments and stdin as
 * fg_hook_main read them; the report it fills) and returns an FG_EXIT_*
 * status.
 */
#ifndef FLOWGATE_HOOKS_H
#define FLOWGATE_HOOKS_H

#include "hook.h"

/*
 * The hooks, per githooks(5):
 * fg_run_pre_commit: no arguments; branchName on HEAD's branch, version
 *   rules on the staged version files.
 * fg_run_commit_msg: one argument, the message file; header rules.
 * fg_run_pre_push: arguments <remote name> <url>, stdin lines
 *   "<local ref> <local oid> <remote ref> <remote oid>"; branch, version,
 *   message and tag rules on what the push adds.
 * fg_run_post_merge: one argument, 1 for a squash merge; version rules on
 *   the merge result, and the workflow's next step after a release merge.
 * fg_run_post_commit: no arguments; after a commit that is a merge (two or
 *   more parents: a merge stopped by conflicts and concluded by git commit,
 *   for which git runs no post-merge), post-merge's advice (nextStep,
 *   hotfixPropagation); nothing after any other commit. Never blocks.
 * fg_run_applypatch_msg: one argument, the message file of the patch git am
 *   is about to apply (rebase-apply/final-commit); commit-msg's rules on it
 *   as git am commits it, verbatim. A non-zero exit stops git am before
 *   the patch.
 * fg_run_pre_applypatch: no arguments; pre-commit's rules on the index git
 *   am applied the patch to, before it commits. A non-zero exit stops git
 *   am with the patch applied and not committed.
 *   Neither judges anything in git am's rebasing mode (git rebase --apply,
 *   whose replayed commits, like the other backend's, run no commit hook).
 * The server hooks, on a bare repository, per githooks(5):
 * fg_run_pre_receive: no arguments, stdin lines "<old oid> <new oid>
 *   <refname>"; pre-push's rules on the whole push, where new commits are
 *   those no existing ref reaches; any error refuses every ref of the push.
 * fg_run_update: arguments <refname> <old oid> <new oid>; the same rules on
 *   that one ref (for servers that run only per-ref hooks); nothing when
 *   git runs flowgate's pre-receive for this repository (core.hooksPath,
 *   else $GIT_DIR/hooks: an executable pre-receive carrying
 *   FG_ROLE_MARKER_PREFIX "pre-receive", or install.sh's launcher of one),
 *   which judged the whole push first.
 */
int fg_run_pre_commit(struct fg_hook_ctx *ctx);
int fg_run_commit_msg(struct fg_hook_ctx *ctx);
int fg_run_pre_push(struct fg_hook_ctx *ctx);
int fg_run_post_merge(struct fg_hook_ctx *ctx);
int fg_run_post_commit(struct fg_hook_ctx *ctx);
int fg_run_applypatch_msg(struct fg_hook_ctx *ctx);
int fg_run_pre_applypatch(struct fg_hook_ctx *ctx);
int fg_run_pre_receive(struct fg_hook_ctx *ctx);
int fg_run_update(struct fg_hook_ctx *ctx);

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

/*
 * What one hook's file exports for another's flow (the binaries of
 * pre-applypatch, applypatch-msg and post-commit link it from HOOKLIB).
 */

/*
 * fg_pre_commit_checks (hooks/pre-commit.c): pre-commit's flow, for
 * fg_run_pre_commit (AM 0) and fg_run_pre_applypatch (AM non-zero: git
 * am's hook, judging nothing in am's rebasing mode, fg_am_rebasing).
 * Returns an FG_EXIT_* status, FG_EXIT_USAGE when given arguments.
 */
int fg_pre_commit_checks(struct fg_hook_ctx *ctx, int am);

/*
 * fg_am_rebasing (hooks/pre-commit.c): non-zero when git am runs in its
 * rebasing mode (`git rebase --apply`: REPO's rebase-apply/rebasing
 * exists, builtin/am.c), whose replayed commits, like the other backend's,
 * run no commit hook of flowgate's.
 */
int fg_am_rebasing(git_repository *repo);

/*
 * fg_commit_msg_checks (hooks/commit-msg.c): commit-msg's flow on the
 * message file ARGV[1], for fg_run_commit_msg (AM 0: cleaned up as git
 * will, by GIT_EDITOR, commit.cleanup and core.commentChar) and
 * fg_run_applypatch_msg (AM non-zero: verbatim, as git am commits it;
 * nothing judged in am's rebasing mode). Returns an FG_EXIT_* status,
 * FG_EXIT_USAGE without exactly one argument.
 */
int fg_commit_msg_checks(struct fg_hook_ctx *ctx, int am);

/*
 * fg_advise_after_merge (hooks/post-merge.c): post-merge's advice (SQUASH:
 * its argument was 1), and post-commit's after a merge concluded by git
 * commit (COMMITTED): git runs post-merge only for a merge that needs no
 * commit of the user's, and post-commit (githooks(5)) for the commit that
 * concludes one stopped by conflicts. For post-commit, nothing when HEAD
 * is not a merge (two or more parents), and no version check (pre-commit
 * judged the staged files of that commit). Always FG_EXIT_OK but for a
 * repository that cannot be opened (FG_EXIT_INTERNAL); the driver turns
 * every status into 0 for both hooks.
 */
int fg_advise_after_merge(struct fg_hook_ctx *ctx, int squash, int committed);

#endif

/*
 * pre-applypatch: git am runs it after applying a patch to the index and
 * work tree, before committing it, with no argument (githooks(5)); a
 * non-zero exit stops git am there, the patch applied and not committed.
 * As git's sample runs pre-commit, it checks pre-commit's rules: the
 * branch HEAD is on and the version files as staged. In git rebase
 * --apply (am's rebasing mode) it judges nothing.
 */
#include "hooks.h"

int fg_run_pre_applypatch(struct fg_hook_ctx *ctx)
{
	return fg_pre_commit_checks(ctx, 1);
}

FG_HOOK_MAIN("pre-applypatch", fg_run_pre_applypatch, 0)

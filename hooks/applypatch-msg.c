/*
 * applypatch-msg: git am runs it for each patch before applying it, with
 * one argument, the file holding the commit message it will use
 * (rebase-apply/final-commit; githooks(5)); a non-zero exit stops git am
 * there, nothing committed. As git's sample runs commit-msg, it judges the
 * message by commit-msg's rules, as git am stores it: verbatim, am having
 * cleaned it up already (builtin/am.c). It never edits the file. In git
 * rebase --apply (am's rebasing mode) it judges nothing.
 */
#include "hooks.h"

int fg_run_applypatch_msg(struct fg_hook_ctx *ctx)
{
	return fg_commit_msg_checks(ctx, 1);
}

FG_HOOK_MAIN("applypatch-msg", fg_run_applypatch_msg, 0)

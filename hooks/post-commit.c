/*
 * post-commit: git runs it after `git commit` has made a commit, with no
 * argument (githooks(5)); its exit status cannot affect the commit. git
 * runs post-merge only for a merge that completes by itself: a merge
 * stopped by conflicts is concluded by `git commit` (or `git merge
 * --continue`), which runs post-commit instead. So when the commit just
 * made is a merge (two or more parents), flowgate gives post-merge's
 * advice: after release/X.Y.x is merged into main, the workflow's next step
 * (flowgate bump dev); after a hotfix/<name> branch is merged, the
 * long-lived branches still lacking it. After any other commit it says
 * nothing. Always exits 0.
 */
#include <stdio.h>
#include "hooks.h"

int fg_run_post_commit(struct fg_hook_ctx *ctx)
{
	if (ctx->argc != 1) {
		fprintf(stderr, "flowgate post-commit: usage: post-commit (takes no arguments)\n");
		return FG_EXIT_USAGE;
	}
	return fg_advise_after_merge(ctx, 0, 1);
}

FG_HOOK_MAIN("post-commit", fg_run_post_commit, 1)

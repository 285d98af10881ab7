/*
 * commit-msg: git runs it with one argument, the file holding the proposed
 * message (githooks(5)); a non-zero exit aborts the commit. It lints the
 * message as git will store it (common/rules/cleanup.h: git's cleanup, decided
 * from GIT_EDITOR, commit.cleanup and core.commentChar) against the
 * Conventional Commits rules. It never edits the message file.
 * applypatch-msg runs the same flow (fg_commit_msg_checks, hooks.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cleanup.h"
#include "commitctx.h"
#include "fileio.h"
#include "gitinit.h"
#include "hooks.h"
#include "repo.h"
#include "staged.h"

int fg_commit_msg_checks(struct fg_hook_ctx *ctx, int am)
{
	git_repository *repo = NULL;
	struct fg_staged staged;
	struct fg_config cfg;
	struct fg_commit_context cctx;
	char *raw = NULL;
	size_t len;
	int fd, status = FG_EXIT_INTERNAL;

	memset(&cfg, 0, sizeof(cfg));
	memset(&cctx, 0, sizeof(cctx));
	memset(&staged, 0, sizeof(staged));
	if (ctx->argc != 2) {
		fprintf(stderr, "flowgate %s: usage: %s <message-file>\n", ctx->hook, ctx->hook);
		return FG_EXIT_USAGE;
	}
	if ((fd = open(ctx->argv[1], O_RDONLY)) < 0 || fg_read_all(fd, &raw, &len) < 0) {
		fg_hook_fatal(ctx, "cannot read the message file", strerror(errno));
		if (fd >= 0)
			close(fd);
		return FG_EXIT_INTERNAL;
	}
	close(fd);
	fg_repo_defer_index();
	if (fg_hook_open_repo(ctx, &repo) < 0)
		goto out;
	if (am && fg_am_rebasing(repo)) {
		status = FG_EXIT_OK;
		goto out;
	}
	if ((status = fg_hook_load_index_config(ctx, &cfg, repo, &staged)) != FG_EXIT_OK)
		goto out;
	status = FG_EXIT_INTERNAL;
	if (fg_repo_staged_context(&cctx, repo, &staged, &cfg) < 0 && !cfg.error) {
		fg_hook_fatal(ctx, "cannot read the version files", fg_git_error());
		goto out;
	}
	if (!cfg.error) /* git tells the hook GIT_EDITOR=: when it launches no editor */
		fg_repo_check_message_file(&ctx->report, &cfg, repo, raw, len,
					   am ? FG_EDITOR_AM : fg_cleanup_editor(getenv("GIT_EDITOR")),
					   &cctx.ctx);
	status = cfg.error ? fg_config_failed(ctx, &cfg) : FG_EXIT_OK;
out:
	ctx->report.severity = NULL;
	if (!fg_hook_frees)
		return status; /* the process exits now */
	fg_commit_context_release(&cctx);
	fg_config_release(&cfg);
	free(raw);
	fg_staged_release(&staged);
	git_repository_free(repo);
	return status;
}

int fg_run_commit_msg(struct fg_hook_ctx *ctx)
{
	return fg_commit_msg_checks(ctx, 0);
}

FG_HOOK_MAIN("commit-msg", fg_run_commit_msg, 0)

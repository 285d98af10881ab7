/*
 * prepare-commit-msg: git runs it after it has written the message file and
 * before it opens the editor, with the file's path, the message's source
 * (none, message, template, merge, squash or commit) and, for commit, the
 * commit (githooks(5); git 2.39's builtin/commit.c, prepare_to_commit). A
 * non-zero exit would abort the commit: flowgate's always exits 0. When
 * git is about to open an editor on a message nobody gave (no source, or
 * template), flowgate adds comment lines saying what the header must be
 * here: the format, the allowed types and scopes, the type the branch
 * calls for, the version the staged version files set; git's cleanup drops
 * them again. Every other message is left byte for byte as it is.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "commitctx.h"
#include "fileio.h"
#include "gitinit.h"
#include "guide.h"
#include "hooks.h"
#include "repo.h"
#include "repoconfig.h"

/*
 * DATA[0..LEN) in place of the message file PATH, with its mode, through
 * fg_replace_file; not fsync'd, as git writes the file it hands the hook.
 */
static int replace(const char *path, const char *data, size_t len)
{
	struct stat st;

	if (stat(path, &st) < 0)
		return -1;
	return fg_replace_file(path, data, len, st.st_mode & 07777, 0);
}

/* One line on stderr saying why no guidance was added; the commit goes on. */
static void note(const char *what, const char *why)
{
	fg_print_line(stderr, "flowgate prepare-commit-msg: note: no guidance added: %s: %s",
		      what, why);
}

/*
 * The comment character git wrote RAW with: core.commentChar; for auto,
 * its template's, else the one git chose from the message (which is then
 * the whole file). 0: none can be known.
 */
static int comment_char(git_repository *repo, const char *raw, size_t len)
{
	int c = fg_repo_comment_char(repo), t;

	if (c != FG_COMMENT_AUTO)
		return c;
	t = fg_cleanup_template_char(raw, len);
	return t != FG_COMMENT_NONE ? t : fg_guide_comment_char(raw, len);
}

int fg_run_prepare_commit_msg(struct fg_hook_ctx *ctx)
{
	const char *source = ctx->argc > 2 && *ctx->argv[2] ? ctx->argv[2] : NULL;
	git_repository *repo = NULL;
	struct fg_staged staged;
	struct fg_config cfg;
	struct fg_commit_context cctx;
	struct fg_cleanup_plan plan;
	struct fg_guide guide;
	char *raw = NULL, *lines = NULL, *text = NULL;
	size_t len = 0, text_len = 0;
	int fd, c;

	memset(&cfg, 0, sizeof(cfg));
	memset(&cctx, 0, sizeof(cctx));
	memset(&staged, 0, sizeof(staged));
	if (ctx->argc < 2 || ctx->argc > 4 || !*ctx->argv[1]) {
		fprintf(stderr, "flowgate prepare-commit-msg: usage: prepare-commit-msg "
			"<message-file> [<source> [<commit>]]\n");
		return FG_EXIT_USAGE;
	}
	/* a message given (-m, -F, -C, --amend), a merge, a squash: not ours to touch */
	if (source && strcmp(source, "template"))
		return FG_EXIT_OK;
	/* git tells the hook GIT_EDITOR=: when it launches no editor: nobody reads them */
	if (!fg_cleanup_editor(getenv("GIT_EDITOR")))
		return FG_EXIT_OK;
	if ((fd = open(ctx->argv[1], O_RDONLY)) < 0 || fg_read_all(fd, &raw, &len) < 0) {
		note("cannot read the message file", strerror(errno));
		if (fd >= 0)
			close(fd);
		return FG_EXIT_OK;
	}
	close(fd);
	if (memchr(raw, '\0', len))
		goto out; /* not text: commit-msg says so */
	fg_repo_defer_index();
	if (fg_repo_open(&repo) < 0 || fg_staged_open(&staged, repo) < 0) {
		note("cannot read the repository", fg_git_error());
		goto out;
	}
	/* a bad configuration: commit-msg reports it, once */
	if (fg_repo_config_staged(&cfg, repo, &staged) < 0 ||
	    fg_repo_staged_context(&cctx, repo, &staged, &cfg) < 0)
		goto out;
	if (!(c = comment_char(repo, raw, len)))
		goto out;
	fg_cleanup_decide(&plan, (enum fg_cleanup)fg_repo_cleanup_mode(repo), 1, 0, c, raw, len);
	guide.branch = cctx.ctx.branch;
	guide.new_version = cctx.ctx.new_version;
	guide.old_version = cctx.ctx.old_version;
	if (!(lines = fg_guide_lines(&cfg, &guide, plan.comment_char)) ||
	    fg_guide_insert(&text, &text_len, raw, len, &plan, lines) < 0) {
		note("out of memory", "the message file is as git wrote it");
		goto out;
	}
	if (text && replace(ctx->argv[1], text, text_len) < 0)
		note("cannot write the message file", strerror(errno));
out:
	git_error_clear();
	if (!fg_hook_frees)
		return FG_EXIT_OK; /* the process exits now */
	free(text);
	free(lines);
	free(raw);
	fg_commit_context_release(&cctx);
	fg_config_release(&cfg);
	fg_staged_release(&staged);
	git_repository_free(repo);
	return FG_EXIT_OK;
}

FG_HOOK_MAIN("prepare-commit-msg", fg_run_prepare_commit_msg, 1)

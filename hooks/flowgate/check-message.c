/*
 * flowgate check-message (flowgate/cmd.h): one message file, or stdin,
 * judged as commit-msg judges a commit's message (fg_repo_check_message_file,
 * repo.h): cleaned up as git would store it, with HEAD's branch and the
 * staged version files when in a repository.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "fileio.h"
#include "flowgate/cmd.h"
#include "message.h"
#include "gitinit.h"
#include "commitctx.h"

/*
 * check-message: PATH ("-": stdin) cleaned up as git would store it (the
 * repository's core.commentChar and commit.cleanup when in one), then the
 * message rules.
 */
static int check_message(struct fg_config *cfg, git_repository *repo, const char *path,
			 const char *branch, enum fg_cmd_format format, FILE *out, FILE *err)
{
	struct fg_commit_context cctx;
	struct fg_staged staged;
	struct fg_report report;
	char *raw = NULL;
	size_t len;
	int fd = strcmp(path, "-") ? open(path, O_RDONLY) : 0, first = 1, failed;

	if (fd < 0 || fg_read_all(fd, &raw, &len) < 0) {
		fg_print_line(err, "flowgate: fatal: cannot read '%s': %s", path, strerror(errno));
		if (fd > 0)
			close(fd);
		return FG_EXIT_INTERNAL;
	}
	if (fd > 0)
		close(fd);
	fg_report_init(&report);
	report.severity = cfg->severity;
	/* what commit-msg would say: the branch, the staged version files */
	memset(&cctx, 0, sizeof(cctx));
	memset(&staged, 0, sizeof(staged));
	if (repo && fg_staged_open(&staged, repo) == 0 &&
	    fg_repo_staged_context(&cctx, repo, &staged, cfg) < 0 && !cfg->error) {
		fprintf(err, "flowgate: fatal: cannot read the version files: %s\n",
			fg_git_error());
		fg_staged_release(&staged);
		free(raw);
		fg_commit_context_release(&cctx);
		fg_report_release(&report);
		return FG_EXIT_INTERNAL;
	}
	fg_staged_release(&staged);
	git_error_clear();
	if (branch) {
		free(cctx.branch);
		cctx.branch = NULL;
		cctx.ctx.branch = branch;
	}
	/* no GIT_EDITOR from git here: an editor was used when git's template is there */
	if (!cfg->error)
		fg_repo_check_message_file(&report, cfg, repo, raw, len, FG_EDITOR_UNKNOWN,
					   &cctx.ctx);
	fg_commit_context_release(&cctx);
	failed = fg_report_count(&report, FG_ERROR) != 0 || report.oom;
	if (format == FG_CMD_JSON)
		fputs("{\n  \"results\": [", out);
	if (!cfg->error) {
		fg_cmd_write_result(out, format, "message", strcmp(path, "-") ? path : "<stdin>",
				    NULL, strcmp(path, "-") ? path : NULL, &report, &first);
		fg_cmd_write_summary(out, format, !failed, (size_t)failed);
	}
	fg_report_release(&report);
	free(raw);
	if (cfg->error) {
		fg_print_line(err, "flowgate: error: bad configuration: %s", cfg->error);
		return FG_EXIT_CONFIG;
	}
	return failed ? FG_EXIT_VIOLATION : 0;
}

int fg_cmd_check_message(int argc, char **argv, FILE *out, FILE *err)
{
	struct fg_cmd_check_args a;
	struct fg_config cfg;
	git_repository *repo = NULL;
	int status;

	if ((status = fg_cmd_check_args(&a, argc, argv, err)) != 0)
		return status;
	if ((status = fg_cmd_load(&cfg, &a.src, err, &repo, NULL)) != 0) {
		fg_config_release(&cfg);
		return status;
	}
	status = check_message(&cfg, repo, a.operand, a.branch, a.format, out, err);
	git_repository_free(repo);
	fg_config_release(&cfg);
	return ferror(out) && !status ? FG_EXIT_INTERNAL : status;
}

/*
 * The hooks' driver (engine layer; hook.h): fg_hook_main, which every
 * hooks/<hook>.c's main() calls with its flow, runs the flow, prints the
 * report, says how to get past a refusal and chains to the hook flowgate
 * kept; under GitLab it prefixes the server hooks' lines. Beside it, the
 * helpers each flow starts with: the repository, stdin, the configuration.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <git2/sys/repository.h>
#include "fileio.h"
#include "gitinit.h"
#include "hook.h"
#include "repo.h"
#include "repoconfig.h"
#include "retry.h"
#include "staged.h"

/* Lets install.sh tell a flowgate hook from one it must keep. */
const char fg_hook_marker[] = "@(#)flowgate-hook";

int fg_hook_frees = 1;

void fg_hook_fatal(const struct fg_hook_ctx *ctx, const char *what, const char *why)
{
	fg_print_line(stderr, "flowgate %s: fatal: %s: %s", ctx->hook, what, why);
}

int fg_run_chained(const char *path, int argc, char **argv, const char *input, size_t len)
{
	char **args = calloc((size_t)(argc > 0 ? argc : 1) + 1, sizeof(*args));
	int fds[2] = { -1, -1 }, status;
	pid_t pid;

	if (!args)
		return -1;
	args[0] = (char *)path;
	for (int i = 1; i < argc; i++)
		args[i] = argv[i];
	if (input && pipe(fds) < 0) {
		free(args);
		return -1;
	}
	fflush(NULL);
	pid = fork();
	if (pid == 0) {
		if (input) {
			dup2(fds[0], 0);
			close(fds[0]);
			close(fds[1]);
		}
		execv(path, args);
		fg_print_line(stderr, "flowgate: cannot run %s: %s", path, strerror(errno));
		free(args);
		_exit(126);
	}
	free(args);
	if (pid < 0) {
		if (input) {
			close(fds[0]);
			close(fds[1]);
		}
		return -1;
	}
	if (input) {
		void (*old)(int) = signal(SIGPIPE, SIG_IGN);
		close(fds[0]);
		for (size_t off = 0; off < len;) {
			ssize_t w = write(fds[1], input + off, len - off);
			if (w < 0 && errno == EINTR)
				continue;
			if (w <= 0)
				break; /* the hook stopped reading: its exit status decides */
			off += (size_t)w;
		}
		close(fds[1]);
		signal(SIGPIPE, old);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : -1;
}

/* The hook flowgate kept when it was installed: <dir of argv[0]>/<hook>.pre-flowgate. */
static int run_kept_hook(struct fg_hook_ctx *ctx)
{
	const char *argv0 = ctx->argv[0], *slash = strrchr(argv0, '/');
	struct stat kept, self;
	char *path;
	int status = 0;

	if (!slash)
		return 0;
	path = fg_strdupf("%.*s/%s.pre-flowgate", (int)(slash - argv0), argv0, ctx->hook);
	if (!path)
		return FG_EXIT_INTERNAL;
	/* the kept hook is this very file (flowgate itself was kept, as
	 * <hook>.pre-flowgate, and runs as that): running it would recurse */
	if (stat(path, &kept) == 0 && stat(argv0, &self) == 0 && kept.st_dev == self.st_dev &&
	    kept.st_ino == self.st_ino) {
		free(path);
		return 0;
	}
	if (access(path, X_OK) == 0) {
		status = fg_run_chained(path, ctx->argc, ctx->argv, ctx->input, ctx->input_len);
		if (status < 0) {
			fg_hook_fatal(ctx, "cannot run the kept hook", path);
			status = FG_EXIT_INTERNAL;
		}
	}
	free(path);
	return status;
}

/* The closing line of a refused hook: what did not happen, and the way out. */
static void print_refusal(const char *hook, int argc, char **argv)
{
	if (!strcmp(hook, "pre-receive"))
		fprintf(stderr, "flowgate pre-receive: refused: no ref of this push was updated; "
			"fix what is named above and push again\n");
	else if (!strcmp(hook, "update"))
		fg_print_line(stderr, "flowgate update: refused: %s was not updated; fix what is "
			      "named above and push again", argc > 1 ? argv[1] : "the ref");
	else if (!strcmp(hook, "applypatch-msg") || !strcmp(hook, "pre-applypatch"))
		/* git 2.39's am has no --no-verify: no hook at all for one command */
		fprintf(stderr, "flowgate %s: refused; git am stopped, this patch not committed; "
			"to bypass once: git -c core.hooksPath=/dev/null am%s\n", hook,
			hook[0] == 'a' ? "" : " --continue");
	else
		fprintf(stderr, "flowgate %s: refused; to bypass once: git %s --no-verify\n", hook,
			!strcmp(hook, "pre-push") ? "push" : "commit");
}

/* What GitLab shows of a refused push in its web UI: lines that start so. */
#define GITLAB_PREFIX "GL-HOOK-ERR: "

/* Copy FD to OUT, GITLAB_PREFIX at the start of each line, until FD ends. */
static void copy_prefixed(int fd, int out)
{
	char buf[4096];
	int at_start = 1;
	ssize_t got;

	while ((got = read(fd, buf, sizeof(buf))) != 0) {
		if (got < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		for (ssize_t i = 0; i < got;) {
			const char *nl = memchr(buf + i, '\n', (size_t)(got - i));
			size_t n = nl ? (size_t)(nl - (buf + i)) + 1 : (size_t)(got - i);

			if ((at_start && fg_write_all(out, GITLAB_PREFIX, strlen(GITLAB_PREFIX)) < 0) ||
			    fg_write_all(out, buf + i, n) < 0)
				return;
			at_start = nl != NULL;
			i += (ssize_t)n;
		}
	}
}

/*
 * Under GitLab (Gitaly runs the server hooks with GL_ID and GL_PROTOCOL
 * set), every line a server hook writes on stderr goes through a child
 * that prefixes it with GITLAB_PREFIX, so that GitLab shows it in the web
 * UI as well as to the pusher: the hook's own lines, libgit2's, and those
 * of a hook it runs. Returns the child's PID with *SAVED the real stderr,
 * or 0 when not under GitLab, or when the pipe or the child cannot be
 * made (the lines then go out unprefixed).
 */
static pid_t gitlab_lines(const char *hook, int *saved)
{
	const char *id = getenv("GL_ID"), *protocol = getenv("GL_PROTOCOL");
	int fds[2];
	pid_t pid;

	if ((strcmp(hook, "pre-receive") && strcmp(hook, "update")) ||
	    !((id && *id) || (protocol && *protocol)) || pipe(fds) < 0)
		return 0;
	fflush(NULL);
	if ((pid = fork()) == 0) {
		close(fds[1]);
		copy_prefixed(fds[0], 2);
		_exit(0);
	}
	close(fds[0]);
	if (pid < 0 || (*saved = dup(2)) < 0 || dup2(fds[1], 2) < 0) {
		close(fds[1]);
		if (pid > 0) {
			if (*saved >= 0)
				close(*saved);
			waitpid(pid, NULL, 0);
		}
		return 0;
	}
	close(fds[1]);
	return pid;
}

/* The end of gitlab_lines: the real stderr back, every line written out. */
static void gitlab_lines_end(pid_t pid, int saved)
{
	if (!pid)
		return;
	fflush(NULL);
	dup2(saved, 2); /* the pipe's last writer closed: the child sees its end */
	close(saved);
	while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
		;
}

int fg_hook_main(const char *hook, int argc, char **argv, fg_hook_fn fn, int downgrade)
{
	struct fg_hook_ctx ctx;
	int status, saved = -1;
	pid_t gitlab;

	/* git never passes "--version" alone (commit-msg's file is a path) */
	if (argc == 2 && !strcmp(argv[1], "--version")) {
		printf("flowgate %s\n", FLOWGATE_VERSION);
		return fflush(stdout) == 0 ? FG_EXIT_OK : FG_EXIT_INTERNAL;
	}
	memset(&ctx, 0, sizeof(ctx));
	ctx.hook = hook;
	ctx.argc = argc;
	ctx.argv = argv;
	fg_report_init(&ctx.report);
	ctx.report.limit = FG_REPORT_LIMIT; /* a push of 10,000 bad commits: not 40,000 lines */
	gitlab = gitlab_lines(hook, &saved);
	if (fg_git_init() < 0) {
		fg_hook_fatal(&ctx, "cannot initialise libgit2", fg_git_error());
		gitlab_lines_end(gitlab, saved);
		return downgrade ? FG_EXIT_OK : FG_EXIT_INTERNAL;
	}
	/* git applied safe.directory before it ran the hook (enter_repo, setup.c) */
	fg_repo_owner_checked();
	status = fn(&ctx);
	/* colour (git config color.flowgate, color.ui) is asked only when there is a report */
	fg_report_print(&ctx.report, stderr, hook, ctx.report.n && fg_repo_use_color(2), downgrade);
	if (status == FG_EXIT_OK && (fg_report_count(&ctx.report, FG_ERROR) || ctx.report.oom))
		status = FG_EXIT_VIOLATION;
	if (downgrade)
		status = FG_EXIT_OK;
	else if (status == FG_EXIT_VIOLATION)
		print_refusal(hook, argc, argv);
	if (status == FG_EXIT_VIOLATION && !strcmp(hook, "commit-msg") && argc == 2)
		fg_retry_print(stderr, &ctx.report, argv[1], getenv("GIT_REFLOG_ACTION"));
	if (status == FG_EXIT_VIOLATION && strstr(hook, "applypatch"))
		fg_retry_print_am(stderr, &ctx.report, hook, argc == 2 ? argv[1] : NULL);
	if (status == FG_EXIT_OK && argc > 0)
		status = run_kept_hook(&ctx);
	if (fg_hook_frees) {
		fg_report_release(&ctx.report);
		free(ctx.input);
		fg_git_shutdown();
	}
	gitlab_lines_end(gitlab, saved);
	return status;
}

/*
 * A hook reads the repository's git config many times (libgit2 itself
 * asks core.* for each ref and path it looks at) and never writes it: on
 * the live config each read checks every config file for a change (three
 * stat calls here), so the repository gets a snapshot of it once instead.
 * A snapshot that cannot be taken leaves the live config.
 */
static void freeze_config(git_repository *repo)
{
	git_config *live = NULL, *snapshot = NULL;

	if (git_repository_config(&live, repo) == 0 && git_config_snapshot(&snapshot, live) == 0)
		git_repository_set_config(repo, snapshot);
	git_config_free(snapshot);
	git_config_free(live);
	git_error_clear();
}

int fg_hook_open_repo(struct fg_hook_ctx *ctx, git_repository **repo)
{
	const char *why;

	if (fg_repo_open(repo) == 0) {
		freeze_config(*repo);
		return 0;
	}
	why = fg_git_error();
	/* git init --object-format=sha256: libgit2 1.5 reads SHA-1 only */
	if (strstr(why, "extensions.objectformat"))
		fg_print_line(stderr, "flowgate %s: fatal: cannot open the repository: %s "
			      "(a SHA-256 repository: flowgate's libgit2 reads SHA-1 "
			      "repositories only; remove the hooks here with install.sh "
			      "--uninstall)", ctx->hook, why);
	else
		fg_hook_fatal(ctx, "cannot open the repository", why);
	return -1;
}

int fg_hook_load_config(struct fg_hook_ctx *ctx, struct fg_config *cfg, git_repository *repo,
			const struct fg_config_from *from, git_oid *file_id)
{
	int rc = fg_repo_config(cfg, repo, from, file_id);

	if (rc == -1)
		return fg_config_failed(ctx, cfg);
	if (rc < 0) {
		fg_hook_fatal(ctx, "cannot read the configuration", fg_git_error());
		return FG_EXIT_INTERNAL;
	}
	ctx->report.severity = cfg->severity;
	return FG_EXIT_OK;
}

/* The index is read for the few paths wanted (staged.h), as fg_hook_load_config
 * reads the rest. */
int fg_hook_load_index_config(struct fg_hook_ctx *ctx, struct fg_config *cfg,
			      git_repository *repo, struct fg_staged *staged)
{
	int rc;

	if (fg_staged_open(staged, repo) < 0) {
		fg_hook_fatal(ctx, "cannot read the index", fg_git_error());
		return FG_EXIT_INTERNAL;
	}
	if ((rc = fg_repo_config_staged(cfg, repo, staged)) == -1)
		return fg_config_failed(ctx, cfg);
	if (rc < 0) {
		fg_hook_fatal(ctx, "cannot read the configuration", fg_git_error());
		return FG_EXIT_INTERNAL;
	}
	ctx->report.severity = cfg->severity;
	return FG_EXIT_OK;
}

int fg_config_failed(struct fg_hook_ctx *ctx, const struct fg_config *cfg)
{
	fg_print_line(stderr, "flowgate %s: error: bad configuration: %s", ctx->hook,
		      cfg->error ? cfg->error : "out of memory");
	return FG_EXIT_CONFIG;
}


int fg_hook_read_input(struct fg_hook_ctx *ctx, char **copy)
{
	*copy = NULL;
	if (fg_read_all(0, &ctx->input, &ctx->input_len) < 0) {
		fg_hook_fatal(ctx, "cannot read the ref updates on stdin", strerror(errno));
		return -1;
	}
	if (!(*copy = malloc(ctx->input_len + 1))) {
		fg_hook_fatal(ctx, "cannot read the ref updates on stdin", "out of memory");
		return -1;
	}
	memcpy(*copy, ctx->input, ctx->input_len + 1);
	return 0;
}

int fg_hook_open_for_push(struct fg_hook_ctx *ctx, git_repository **repo)
{
	git_libgit2_opts(GIT_OPT_ENABLE_CACHING, 0);
	return fg_hook_open_repo(ctx, repo);
}

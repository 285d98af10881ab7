/*
 * The four client hooks: reading their githooks(5) input, the repository
 * through libgit2, and handing parsed data to the pure rule functions.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "fileio.h"
#include "refs.h"
#include "revert.h"
#include "tagref.h"
#include "versionwalk.h"
#include "hotfix.h"
#include "hotfixprint.h"
#include "hook.h"
#include "hooks.h"
#include "message.h"
#include "quote.h"
#include "refname.h"
#include "commitctx.h"
#include "gitinit.h"
#include "oidset.h"
#include "repo.h"
#include "repoconfig.h"
#include "vfiles.h"
#include "retry.h"
#include "tag.h"
#include "walk.h"

/* Lets install.sh tell a flowgate hook from one it must keep. */
const char fg_hook_marker[] = "@(#)flowgate-hook";

/*
 * The server names the pusher's remote as <remote> in hints: it does not
 * know what the pusher calls it.
 */
#define SERVER_REMOTE "<remote>"

static void fatal_line(const struct fg_hook_ctx *ctx, const char *what, const char *why)
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
			fatal_line(ctx, "cannot run the kept hook", path);
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
		fatal_line(&ctx, "cannot initialise libgit2", fg_git_error());
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
	fg_report_release(&ctx.report);
	free(ctx.input);
	fg_git_shutdown();
	gitlab_lines_end(gitlab, saved);
	return status;
}

static int open_repo(struct fg_hook_ctx *ctx, git_repository **repo)
{
	if (fg_repo_open(repo) < 0) {
		const char *why = fg_git_error();

		/* git init --object-format=sha256: libgit2 1.5 reads SHA-1 only */
		if (strstr(why, "extensions.objectformat"))
			fg_print_line(stderr, "flowgate %s: fatal: cannot open the repository: %s "
				      "(a SHA-256 repository: flowgate's libgit2 reads SHA-1 "
				      "repositories only; remove the hooks here with install.sh "
				      "--uninstall)", ctx->hook, why);
		else
			fatal_line(ctx, "cannot open the repository", why);
		return -1;
	}
	return 0;
}

/*
 * Load the configuration with the committed file read from FROM, and make
 * the report use its severities. Returns FG_EXIT_OK, FG_EXIT_CONFIG (the
 * problem printed) or FG_EXIT_INTERNAL.
 */
static int load_config(struct fg_hook_ctx *ctx, struct fg_config *cfg, git_repository *repo,
		       const struct fg_config_from *from, git_oid *file_id)
{
	int rc = fg_repo_config(cfg, repo, from, file_id);

	if (rc == -1)
		return fg_config_failed(ctx, cfg);
	if (rc < 0) {
		fatal_line(ctx, "cannot read the configuration", fg_git_error());
		return FG_EXIT_INTERNAL;
	}
	ctx->report.severity = cfg->severity;
	return FG_EXIT_OK;
}

/*
 * The index and the configuration committed with it: pre-commit and
 * commit-msg check a commit by the rules it commits (.flowgate as staged).
 * The index is read for the few paths wanted (staged.h), as load_config
 * reads the rest.
 */
static int load_index_config(struct fg_hook_ctx *ctx, struct fg_config *cfg,
			     git_repository *repo, struct fg_staged *staged)
{
	int rc;

	if (fg_staged_open(staged, repo) < 0) {
		fatal_line(ctx, "cannot read the index", fg_git_error());
		return FG_EXIT_INTERNAL;
	}
	if ((rc = fg_repo_config_staged(cfg, repo, staged)) == -1)
		return fg_config_failed(ctx, cfg);
	if (rc < 0) {
		fatal_line(ctx, "cannot read the configuration", fg_git_error());
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

/* branchName on BRANCH, and *PARSED set when it is a workflow branch. */
static const struct fg_branch *check_branch(struct fg_report *report, struct fg_config *cfg,
					    const char *name, struct fg_branch *parsed,
					    int rename_hint)
{
	if (fg_check_branch_name(report, cfg, name, rename_hint) < 0)
		return NULL;
	fg_branch_parse(cfg, name, parsed);
	return parsed;
}

/* The merge in progress (MERGE_HEAD) brings a commit of release/X.Y.x. */
struct merge_from {
	struct fg_refs *refs;
	struct fg_config *cfg;
	uint64_t major, minor;
	int from_release;
};

static int merge_head_from_release(const git_oid *id, void *payload)
{
	struct merge_from *m = payload;
	struct fg_holders h;

	fg_branches_holding(&h, m->refs, m->cfg, id, m->major, m->minor, NULL);
	m->from_release |= h.on_release;
	return 0;
}

/*
 * HEAD's version files into *BEFORE (zeroed first; the caller releases
 * it). Returns 1, 0 when HEAD has no commit yet, or -1 when they cannot be
 * read (fg_git_error() says why; CFG->error when a pattern failed).
 */
static int head_versions(git_repository *repo, struct fg_config *cfg, struct fg_vfiles *before)
{
	git_object *head = NULL;
	int rc;

	memset(before, 0, sizeof(*before));
	if (git_revparse_single(&head, repo, "HEAD^{tree}") < 0) {
		git_error_clear();
		return 0;
	}
	rc = fg_vfiles_from_tree(before, repo, (git_tree *)head, cfg);
	git_object_free(head);
	if (rc == 0)
		git_error_clear();
	return rc < 0 ? -1 : 1;
}

/*
 * versionRegression and versionPreReleaseBranch on the version STAGED sets
 * when it differs from the one BEFORE holds, HEAD's (a first commit, or
 * version files appearing, set nothing to compare). The commit being made
 * is on BRANCH (NAME; may be NULL); a merge's other side is MERGE_HEAD.
 */
static void check_staged_change(struct fg_hook_ctx *ctx, git_repository *repo,
				struct fg_config *cfg, const struct fg_vfiles *staged,
				const struct fg_vfiles *before, const struct fg_branch *branch,
				const char *name)
{
	const struct fg_vfile_value *now = fg_versions_exact(&staged->set), *old;
	const char *where = "the staged version files";

	if (now && (old = fg_versions_exact(&before->set)) &&
	    !fg_version_same(&now->version, &old->version)) {
		struct fg_refs refs;
		struct merge_from m = { &refs, cfg, now->version.major, now->version.minor, 0 };

		fg_refs_init(&refs, repo, NULL);
		/* a git revert (REVERT_HEAD) of the commit that raised it goes back */
		if (fg_version_compare(&now->version, &old->version) >= 0 ||
		    !fg_revert_head_restores(repo, cfg, &now->version, &old->version))
			fg_check_version_regression(&ctx->report, now, old, where);
		if (branch) {
			git_repository_mergehead_foreach(repo, merge_head_from_release, &m);
			fg_check_version_branch(&ctx->report, now, branch, name, m.from_release, where);
		}
		fg_refs_release(&refs);
	}
}

/*
 * git am in its rebasing mode: `git rebase --apply` replays commits already
 * made through it, and its applypatch-msg and pre-applypatch run for each
 * (git 2.39 has no am --no-verify); the other backend runs no commit hook
 * for a commit it replays, so neither does flowgate. am's state directory
 * (builtin/am.c) holds "rebasing" then, "applying" for a plain git am.
 */
static int am_rebasing(git_repository *repo)
{
	char *path = fg_strdupf("%srebase-apply/rebasing", git_repository_path(repo));
	int rebasing = path && access(path, F_OK) == 0;

	free(path);
	return rebasing;
}

/* pre-commit's checks; for pre-applypatch (AM), none in am's rebasing mode. */
static int run_pre_commit(struct fg_hook_ctx *ctx, int am)
{
	git_repository *repo = NULL;
	struct fg_staged staged;
	struct fg_vfiles files, before;
	struct fg_config cfg;
	struct fg_branch parsed;
	const struct fg_branch *branch = NULL;
	char *name = NULL;
	int status = FG_EXIT_INTERNAL, head = 0;

	memset(&files, 0, sizeof(files));
	memset(&before, 0, sizeof(before));
	memset(&cfg, 0, sizeof(cfg));
	memset(&staged, 0, sizeof(staged));
	if (ctx->argc != 1) {
		fprintf(stderr, "flowgate %s: usage: %s (takes no arguments)\n", ctx->hook,
			ctx->hook);
		return FG_EXIT_USAGE;
	}
	fg_repo_defer_index();
	if (open_repo(ctx, &repo) < 0)
		return FG_EXIT_INTERNAL;
	if (am && am_rebasing(repo)) {
		status = FG_EXIT_OK;
		goto out;
	}
	if ((status = load_index_config(ctx, &cfg, repo, &staged)) != FG_EXIT_OK)
		goto out;
	status = FG_EXIT_INTERNAL;
	if (fg_repo_head_branch(repo, &name) < 0) {
		fatal_line(ctx, "cannot read HEAD", fg_git_error());
		goto out;
	}
	if (name) /* a detached HEAD (rebase, bisect) has no branch to check */
		branch = check_branch(&ctx->report, &cfg, name, &parsed, 1);
	if (!cfg.error && fg_vfiles_from_staged(&files, repo, &staged, &cfg) < 0 && !cfg.error) {
		fatal_line(ctx, "cannot read the staged version files", fg_git_error());
		goto out;
	}
	/* HEAD's, when a version is staged: the rules compare, the hints build on it */
	if (!cfg.error && fg_versions_exact(&files.set) &&
	    (head = head_versions(repo, &cfg, &before)) < 0 && !cfg.error) {
		fatal_line(ctx, "cannot read HEAD's version files", fg_git_error());
		goto out;
	}
	if (!cfg.error)
		fg_versions_check_after(&ctx->report, &files.set, branch, name,
					head > 0 ? fg_versions_exact(&before.set) : NULL);
	if (!cfg.error && head > 0)
		check_staged_change(ctx, repo, &cfg, &files, &before, branch, name);
	status = cfg.error ? fg_config_failed(ctx, &cfg) : FG_EXIT_OK;
out:
	ctx->report.severity = NULL;
	fg_config_release(&cfg);
	fg_vfiles_release(&before);
	fg_vfiles_release(&files);
	fg_staged_release(&staged);
	free(name);
	git_repository_free(repo);
	return status;
}

int fg_run_pre_commit(struct fg_hook_ctx *ctx)
{
	return run_pre_commit(ctx, 0);
}

int fg_run_pre_applypatch(struct fg_hook_ctx *ctx)
{
	return run_pre_commit(ctx, 1);
}

/*
 * commit-msg's checks on the message file; for applypatch-msg (AM), on the
 * message git am stores as it is (none in am's rebasing mode).
 */
static int run_commit_msg(struct fg_hook_ctx *ctx, int am)
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
		fatal_line(ctx, "cannot read the message file", strerror(errno));
		if (fd >= 0)
			close(fd);
		return FG_EXIT_INTERNAL;
	}
	close(fd);
	fg_repo_defer_index();
	if (open_repo(ctx, &repo) < 0)
		goto out;
	if (am && am_rebasing(repo)) {
		status = FG_EXIT_OK;
		goto out;
	}
	if ((status = load_index_config(ctx, &cfg, repo, &staged)) != FG_EXIT_OK)
		goto out;
	status = FG_EXIT_INTERNAL;
	if (fg_repo_staged_context(&cctx, repo, &staged, &cfg) < 0 && !cfg.error) {
		fatal_line(ctx, "cannot read the version files", fg_git_error());
		goto out;
	}
	if (!cfg.error) /* git tells the hook GIT_EDITOR=: when it launches no editor */
		fg_repo_check_message_file(&ctx->report, &cfg, repo, raw, len,
					   am ? FG_EDITOR_AM : fg_cleanup_editor(getenv("GIT_EDITOR")),
					   &cctx.ctx);
	status = cfg.error ? fg_config_failed(ctx, &cfg) : FG_EXIT_OK;
out:
	ctx->report.severity = NULL;
	fg_commit_context_release(&cctx);
	fg_config_release(&cfg);
	free(raw);
	fg_staged_release(&staged);
	git_repository_free(repo);
	return status;
}

int fg_run_commit_msg(struct fg_hook_ctx *ctx)
{
	return run_commit_msg(ctx, 0);
}

int fg_run_applypatch_msg(struct fg_hook_ctx *ctx)
{
	return run_commit_msg(ctx, 1);
}

static int parse_oid(git_oid *out, const char *hex)
{
	return strlen(hex) == GIT_OID_HEXSZ && git_oid_fromstr(out, hex) == 0 ? 0 : -1;
}

int fg_parse_updates(char *input, size_t len, int receive, struct fg_ref_update **out,
			 size_t *count)
{
	const int nfields = receive ? 3 : 4;
	size_t n = 0, alloc = 0;
	struct fg_ref_update *updates = NULL;
	char *line = input, *end = input + len;

	*out = NULL;
	*count = 0;
	while (line < end) {
		char *nl = memchr(line, '\n', (size_t)(end - line));
		char *field[4], *p;
		int i;

		size_t line_len = (size_t)((nl ? nl : end) - line);

		if (!line_len) {
			line = nl ? nl + 1 : end;
			continue;
		}
		/* a NUL would cut a field short: git never sends one */
		if (memchr(line, '\0', line_len))
			goto bad;
		if (nl)
			*nl = '\0';
		for (i = 0, p = line; i < nfields; i++) {
			field[i] = p;
			p = i < nfields - 1 ? strchr(p, ' ') : NULL;
			if (i < nfields - 1 && !p)
				break;
			if (p)
				*p++ = '\0';
		}
		if (i < nfields || strchr(field[nfields - 1], ' '))
			goto bad;
		for (i = 0; i < nfields; i++)
			if (!*field[i]) /* "a  b": an empty field */
				goto bad;
		if (n == alloc) {
			struct fg_ref_update *bigger;
			alloc = alloc ? alloc * 2 : 8;
			if (!(bigger = realloc(updates, alloc * sizeof(*updates))))
				goto bad;
			updates = bigger;
		}
		if (receive) {
			updates[n].local_ref = updates[n].remote_ref = field[2];
			if (parse_oid(&updates[n].remote, field[0]) < 0 ||
			    parse_oid(&updates[n].local, field[1]) < 0)
				goto bad;
		} else {
			updates[n].local_ref = field[0];
			updates[n].remote_ref = field[2];
			if (parse_oid(&updates[n].local, field[1]) < 0 ||
			    parse_oid(&updates[n].remote, field[3]) < 0)
				goto bad;
		}
		n++;
		line = nl ? nl + 1 : end;
	}
	*out = updates;
	*count = n;
	return 0;
bad:
	free(updates);
	return -1;
}

/*
 * Read the hook's stdin into CTX->input (which goes unchanged to a kept
 * hook) and *COPY, a copy to parse. Returns 0, or -1 with the error printed.
 */
static int read_input(struct fg_hook_ctx *ctx, char **copy)
{
	*copy = NULL;
	if (fg_read_all(0, &ctx->input, &ctx->input_len) < 0) {
		fatal_line(ctx, "cannot read the ref updates on stdin", strerror(errno));
		return -1;
	}
	if (!(*copy = malloc(ctx->input_len + 1))) {
		fatal_line(ctx, "cannot read the ref updates on stdin", "out of memory");
		return -1;
	}
	memcpy(*copy, ctx->input, ctx->input_len + 1);
	return 0;
}

/*
 * Open the repository for a push check. No object cache: the walk reads
 * each commit once (fg_walk), each root tree once, and the cache would
 * hold all of them (on 10,000 new commits 17.8 MiB peak RSS cached
 * against 11.3 MiB uncached, time -v, with libgit2's revwalk).
 */
static int open_for_push(struct fg_hook_ctx *ctx, git_repository **repo)
{
	git_libgit2_opts(GIT_OPT_ENABLE_CACHING, 0);
	return open_repo(ctx, repo);
}

/*
 * The configurations of one push: one per distinct committed file among the
 * pushed tips (usually one), each with the updates it governs.
 */
struct push_config {
	git_oid file_id; /* the committed file's blob, zero when none */
	struct fg_config cfg;
	int loaded;
};

/*
 * The version rules on the files of TREE, a pushed tip of branch NAME.
 * Returns 0, or -1 when they cannot be read (fg_git_error() says which
 * object and how to fetch it; CFG->error when a pattern failed).
 */
static int check_tip_versions(struct fg_hook_ctx *ctx, git_repository *repo, git_tree *tree,
			      struct fg_config *cfg, const struct fg_branch *branch,
			      const char *name)
{
	struct fg_vfiles files;
	int rc = fg_vfiles_from_tree(&files, repo, tree, cfg);

	if (rc == 0)
		fg_versions_check(&ctx->report, &files.set, branch, name);
	fg_vfiles_release(&files);
	return rc < 0 ? -1 : 0;
}

/* branchName and the version rules on the pushed branch U; returns as check_tip_versions. */
static int check_pushed_branch(struct fg_hook_ctx *ctx, git_repository *repo, git_tree *tree,
			       struct fg_config *cfg, const struct fg_ref_update *u)
{
	const char *name = u->remote_ref + strlen("refs/heads/");
	struct fg_branch parsed;
	const struct fg_branch *branch = check_branch(&ctx->report, cfg, name, &parsed, 0);

	if (tree && !cfg->error)
		return check_tip_versions(ctx, repo, tree, cfg, branch, name);
	return 0;
}

/* The commits only on one branch: what branchCommitType judges. */
struct branch_commits {
	const char *branch; /* without "refs/heads/", or NULL: no branch to judge by */
	struct fg_oidset ids; /* owned */
};

/*
 * BC: the commits of TIP, pushed from LOCAL_REF to branch NAME, that no other
 * local branch and no remote-tracking branch has: the work done on that
 * branch. Commits of main that were not pushed yet are main's, not the
 * hotfix's. Only for the kinds branchCommitType judges (hotfix, docs):
 * otherwise BC->branch stays NULL and nothing is walked.
 */
static void branch_only_commits(struct branch_commits *bc, git_repository *repo,
				struct fg_config *cfg, const char *name, const char *local_ref,
				const git_oid *tip)
{
	git_reference_iterator *it = NULL;
	git_reference *ref;
	git_revwalk *walk = NULL;
	struct fg_branch b;
	git_oid id;

	memset(bc, 0, sizeof(*bc));
	if (!name || fg_branch_parse(cfg, name, &b) != 0 ||
	    (b.kind != FG_BRANCH_HOTFIX && b.kind != FG_BRANCH_DOCS))
		return;
	if (git_revwalk_new(&walk, repo) < 0 || git_revwalk_push(walk, tip) < 0 ||
	    git_reference_iterator_new(&it, repo) < 0)
		goto out;
	while (git_reference_next(&ref, it) == 0) {
		const char *refname = git_reference_name(ref);
		git_object *peeled = NULL;

		if ((!strncmp(refname, "refs/heads/", 11) && strcmp(refname, local_ref)) ||
		    !strncmp(refname, "refs/remotes/", 13)) {
			if (git_reference_peel(&peeled, ref, GIT_OBJECT_COMMIT) == 0)
				git_revwalk_hide(walk, git_object_id(peeled));
			git_object_free(peeled);
		}
		git_reference_free(ref);
	}
	while (git_revwalk_next(&id, walk) == 0)
		if (fg_oidset_add(&bc->ids, &id) < 0)
			goto out;
	bc->branch = name;
out:
	git_reference_iterator_free(it);
	git_revwalk_free(walk);
	git_error_clear();
}

/*
 * A pushed branch update whose fast-forwardness branchProtected asks: the
 * remote's old commit is known to be in the pushed history once it is a
 * parent of a new commit (the walk stops at it), without a walk of its own.
 */
struct ff_check {
	const struct fg_ref_update *u;
	git_oid tip;        /* the pushed commit (U->local peeled) */
	size_t group;       /* the configuration it is checked under */
	int fast_forward;   /* a new commit has U->remote as a parent */
};

/*
 * The commits a push brings: those its tips reach and the receiving side's
 * commits (the hidden ones) do not. fg_walk finds them as libgit2's
 * revwalk would, each commit inflated once, its message kept for
 * check_new_commits up to WALK_KEEP bytes (walk.h). In a shallow clone
 * libgit2 1.5 has no grafts, and its walk fails at the first commit whose
 * parents the clone does not have (it parses the parents of hidden commits
 * too). There the same set is found by two plain walks over what the clone
 * has: everything the hidden commits reach, then what the tips reach
 * outside it.
 */
struct new_walk {
	git_repository *repo;
	struct fg_walk *walk;  /* NULL in a shallow clone */
	size_t node;           /* the walk's last commit */
	git_odb *odb;          /* shallow: where the commits are read */
	struct fg_commit_buf buf; /* shallow: the last commit read */
	git_oid *tips, *hides; /* shallow: recorded for the walks, owned */
	size_t ntips, nhides, tcap, hcap;
	git_oid *ids;          /* shallow: the new commits, found on the first next */
	size_t n, next;
	int done, failed;
};

/*
 * The messages a push's walk keeps for check_new_commits, which reads each
 * commit once with them: 10,000 commits of the benchmark hold 1.9 MiB.
 * Beyond, commits are read a second time; memory stays flat.
 */
#define WALK_KEEP ((size_t)4 << 20)

static int oid_push(git_oid **list, size_t *n, size_t *cap, const git_oid *id)
{
	if (*n == *cap) {
		size_t c = *cap ? *cap * 2 : 16;
		git_oid *p = realloc(*list, c * sizeof(*p));

		if (!p)
			return -1;
		*list = p;
		*cap = c;
	}
	git_oid_cpy(&(*list)[(*n)++], id);
	return 0;
}

/* KEEP: the bytes of messages the walk may keep (0 when they are not read). */
static int new_walk_init(struct new_walk *nw, git_repository *repo, size_t keep)
{
	memset(nw, 0, sizeof(*nw));
	nw->repo = repo;
	if (git_repository_is_shallow(repo) == 1)
		return git_repository_odb(&nw->odb, repo);
	return fg_walk_new(&nw->walk, repo, FG_WALK_UNSORTED, keep);
}

static void new_walk_release(struct new_walk *nw)
{
	fg_walk_free(nw->walk);
	fg_commit_buf_release(&nw->buf);
	git_odb_free(nw->odb);
	free(nw->tips);
	free(nw->hides);
	free(nw->ids);
	memset(nw, 0, sizeof(*nw));
}

/* Walk from commit ID (one that is here). Returns 0, or a libgit2 error. */
static int new_walk_push(struct new_walk *nw, const git_oid *id)
{
	if (nw->walk)
		return fg_walk_push(nw->walk, id);
	nw->failed |= oid_push(&nw->tips, &nw->ntips, &nw->tcap, id) < 0;
	return 0;
}

/* Leave out commit ID and everything it reaches. */
static void new_walk_hide(struct new_walk *nw, const git_oid *id)
{
	if (nw->walk)
		fg_walk_hide(nw->walk, id);
	else
		nw->failed |= oid_push(&nw->hides, &nw->nhides, &nw->hcap, id) < 0;
}

/* Leave out what the refs matching GLOB reach. */
static void new_walk_hide_glob(struct new_walk *nw, const char *glob)
{
	git_reference_iterator *it = NULL;
	git_reference *ref;

	if (nw->walk) {
		fg_walk_hide_glob(nw->walk, glob);
	} else if (git_reference_iterator_glob_new(&it, nw->repo, glob) == 0) {
		while (git_reference_next(&ref, it) == 0) {
			git_object *peeled = NULL;

			if (git_reference_peel(&peeled, ref, GIT_OBJECT_COMMIT) == 0)
				new_walk_hide(nw, git_object_id(peeled));
			git_object_free(peeled);
			git_reference_free(ref);
		}
		git_reference_iterator_free(it);
	}
	git_error_clear();
}

/*
 * Shallow: SEEN gets every commit the STACK's commits reach that the clone
 * has and SKIP does not hold; each newly seen one is appended to OUT when
 * OUT is given. Returns 0, or -1 out of memory.
 */
static int plain_walk(git_repository *repo, git_oid **stack, size_t *depth, size_t *cap,
		      struct fg_oidset *seen, const struct fg_oidset *skip, git_oid **out, size_t *n,
		      size_t *ocap)
{
	while (*depth) {
		git_oid id;
		git_commit *c = NULL;
		int added;

		git_oid_cpy(&id, &(*stack)[--*depth]);
		if ((skip && fg_oidset_has(skip, &id)) || (added = fg_oidset_add(seen, &id)) == 0)
			continue;
		if (added < 0)
			return -1;
		/* a parent beyond the shallow boundary: not here, not walked */
		if (git_commit_lookup(&c, repo, &id) < 0) {
			git_error_clear();
			continue;
		}
		for (unsigned p = 0; p < git_commit_parentcount(c); p++)
			if (oid_push(stack, depth, cap, git_commit_parent_id(c, p)) < 0) {
				git_commit_free(c);
				return -1;
			}
		git_commit_free(c);
		if (out && oid_push(out, n, ocap, &id) < 0)
			return -1;
	}
	return 0;
}

static int shallow_walk(struct new_walk *nw)
{
	struct fg_oidset have = FG_OIDSET_INIT, seen = FG_OIDSET_INIT;
	git_oid *stack = NULL;
	size_t depth = 0, cap = 0, ocap = 0;
	int rc = -1;

	for (size_t i = 0; i < nw->nhides; i++)
		if (oid_push(&stack, &depth, &cap, &nw->hides[i]) < 0)
			goto out;
	if (plain_walk(nw->repo, &stack, &depth, &cap, &have, NULL, NULL, NULL, NULL) < 0)
		goto out;
	for (size_t i = 0; i < nw->ntips; i++)
		if (oid_push(&stack, &depth, &cap, &nw->tips[i]) < 0)
			goto out;
	rc = plain_walk(nw->repo, &stack, &depth, &cap, &seen, &have, &nw->ids, &nw->n, &ocap);
out:
	free(stack);
	fg_oidset_release(&have);
	fg_oidset_release(&seen);
	return rc;
}

/* The next new commit: 0 and *ID, or non-zero at the end. */
static int new_walk_next(git_oid *id, struct new_walk *nw)
{
	int rc;

	if (nw->walk) {
		if ((rc = fg_walk_next(&nw->node, nw->walk)) == 0)
			git_oid_cpy(id, fg_walk_id(nw->walk, nw->node));
		return rc;
	}
	if (!nw->done) {
		nw->done = 1;
		if (nw->failed || shallow_walk(nw) < 0)
			return -1; /* out of memory */
	}
	if (nw->next == nw->n)
		return GIT_ITEROVER;
	git_oid_cpy(id, &nw->ids[nw->next++]);
	return 0;
}

/*
 * The commit new_walk_next gave last, read (valid until the next read).
 * Returns 0, or -1 when it cannot be read or parsed (fg_git_error()).
 */
static int new_walk_read(const struct fg_commit_info **out, struct new_walk *nw)
{
	if (nw->walk)
		return fg_walk_read(out, nw->walk, nw->node) < 0 ? -1 : 0;
	*out = &nw->buf.info;
	return fg_commit_read(&nw->buf, nw->odb, &nw->ids[nw->next - 1]) < 0 ? -1 : 0;
}

/*
 * The commits whose violations a walk of several pushed tips found, and
 * which of the report's violations they are (ITEMS FROM .. TO): which
 * ref each belongs to is told only when the report is too long to print
 * whole (bound_report).
 */
struct mark {
	git_oid id;
	size_t from, to; /* indexes into the report's items */
	size_t group;    /* the configuration whose walk found it */
};

struct marks {
	struct mark *v; /* owned */
	size_t n, cap;
	int oom;
};

static void marks_add(struct marks *m, const git_oid *id, size_t from, size_t to, size_t group)
{
	if (m->n == m->cap) {
		size_t cap = m->cap ? 2 * m->cap : 64;
		struct mark *bigger = realloc(m->v, cap * sizeof(*bigger));

		if (!bigger) {
			m->oom = 1;
			return;
		}
		m->v = bigger;
		m->cap = cap;
	}
	git_oid_cpy(&m->v[m->n].id, id);
	m->v[m->n].from = from;
	m->v[m->n].to = to;
	m->v[m->n++].group = group;
}

/*
 * The message rules on every commit WALK yields; branchCommitType for those
 * in BC (a commit only on the hotfix or docs branch pushed); each commit
 * recorded in VW for the version rules; the NFF checks whose remote commit
 * is a parent of it marked fast-forward. Not versionBumpMessage: it would
 * read each commit's parent and two trees, doubling the cost of a long push;
 * commit-msg and check-range check it. MARKS (may be NULL: the walk has
 * one tip, whose scope the report gives them) records the commits that
 * have violations, found in group GROUP's walk.
 */
static int check_new_commits(struct fg_hook_ctx *ctx, struct new_walk *walk,
			     struct fg_config *cfg, const struct branch_commits *bc,
			     struct fg_version_walk *vw, struct ff_check *ff, size_t nff,
			     struct marks *marks, size_t group)
{
	struct fg_message_context mctx = { NULL, NULL, NULL, NULL, 0, NULL, NULL, 0 };
	git_oid id;
	int rc = 0;

	while (!cfg->error && (rc = new_walk_next(&id, walk)) == 0) {
		const struct fg_commit_info *commit;
		size_t before = ctx->report.n;
		char where[32];

		memcpy(where, "commit ", 7);
		git_oid_tostr(where + 7, 13, &id);
		if (new_walk_read(&commit, walk) < 0) {
			fatal_line(ctx, where, fg_git_error());
			return -1;
		}
		mctx.branch = bc->branch && fg_oidset_has(&bc->ids, &id)
			      ? bc->branch : NULL;
		mctx.encoding = commit->encoding;
		mctx.merge = commit->nparents >= 2;
		mctx.commit = where + 7; /* made: the hints say how to reword it */
		mctx.root = commit->nparents == 0;
		fg_check_message(&ctx->report, cfg, commit->message, where, &mctx);
		if (marks && ctx->report.n > before)
			marks_add(marks, &id, before, ctx->report.n, group);
		if (fg_version_walk_add(vw, commit) < 0) {
			fatal_line(ctx, where, fg_git_error());
			return -1;
		}
		for (size_t p = 0; p < commit->nparents; p++)
			for (size_t k = 0; k < nff; k++)
				ff[k].fast_forward |= git_oid_equal(&commit->parents[p],
								   &ff[k].u->remote);
	}
	/* the walk stopped short (a missing or corrupt object): not "all checked" */
	if (!cfg->error && rc != GIT_ITEROVER) {
		fatal_line(ctx, "cannot walk the pushed commits",
			   rc == -1 && !git_error_last() ? "out of memory" : fg_git_error());
		return -1;
	}
	return 0;
}

/*
 * flowgate.since names the last legacy commit: it and its ancestors are
 * never checked, as `git log X..HEAD` and commitlint's --from leave X out.
 * Returns 0, or -1 with CFG->error set when it names no commit here.
 */
static int hide_before_since(git_repository *repo, struct new_walk *walk, struct fg_config *cfg)
{
	git_object *object = NULL, *peeled = NULL;
	int rc = 0;

	if (!cfg->since)
		return 0;
	if (git_revparse_single(&object, repo, cfg->since) < 0 ||
	    git_object_peel(&peeled, object, GIT_OBJECT_COMMIT) < 0) {
		rc = fg_config_error(cfg, "%s: flowgate.since: '%s' names no commit in this "
				     "repository; fetch it (git fetch --tags) or fix the value",
				     cfg->since_origin, cfg->since);
	} else {
		new_walk_hide(walk, git_object_id(peeled));
	}
	git_object_free(peeled);
	git_object_free(object);
	git_error_clear();
	return rc;
}

/*
 * The remote whose tracking refs say what the remote already has: NAME when
 * it is a remote name; for a push to a URL (git passes the URL as the name),
 * the configured remote with that URL, if any. Newly allocated, or NULL.
 */
static char *tracking_remote(git_repository *repo, const char *name, const char *url)
{
	git_config *config = NULL;
	git_config_iterator *it = NULL;
	git_config_entry *entry;
	char *found = NULL;
	int valid = 0;

	if (strcmp(name, url) && git_remote_name_is_valid(&valid, name) == 0 && valid)
		return strdup(name);
	/* remote.<name>.url and .pushurl, read without git_remote_lookup, whose
	 * insteadOf scan leaks in libgit2 1.5.1 (fixed in 1.6, PR #6382). */
	if (git_repository_config_snapshot(&config, repo) == 0 &&
	    git_config_iterator_new(&it, config) == 0) {
		while (!found && git_config_next(&entry, it) == 0) {
			const char *key = entry->name, *dot;

			if (strncmp(key, "remote.", 7) || !entry->value || strcmp(entry->value, url))
				continue;
			dot = strrchr(key, '.');
			if (dot > key + 7 && (!strcmp(dot, ".url") || !strcmp(dot, ".pushurl")))
				found = fg_strdupf("%.*s", (int)(dot - key - 7), key + 7);
		}
	}
	git_config_iterator_free(it);
	git_config_free(config);
	git_error_clear();
	return found;
}

/* The commit ID names, peeled through tags; NULL when absent or not a commit. */
/*
 * The commit object ID peels to, or NULL: it names no commit (a tag of a
 * tree or blob), or, with *UNREADABLE (may be NULL) set, it cannot be read
 * (missing or corrupt: git_error_last() says why).
 */
static git_commit *peeled_commit_or_error(git_repository *repo, const git_oid *id,
					  int *unreadable)
{
	git_object *object = NULL, *commit = NULL;
	int rc;

	if (unreadable)
		*unreadable = 0;
	if ((rc = git_object_lookup(&object, repo, id, GIT_OBJECT_ANY)) == 0)
		rc = git_object_peel(&commit, object, GIT_OBJECT_COMMIT);
	/* a tag of something else peels with GIT_EINVALIDSPEC: no commit, no error */
	if (rc < 0 && rc != GIT_EINVALIDSPEC && rc != GIT_EPEEL && unreadable)
		*unreadable = 1;
	git_object_free(object);
	return (git_commit *)commit;
}

static git_commit *peeled_commit(git_repository *repo, const git_oid *id)
{
	return peeled_commit_or_error(repo, id, NULL);
}

/* The configuration governing TREE: one already read for the same file, or a new one. */
static struct push_config *config_for(struct fg_hook_ctx *ctx, git_repository *repo,
				      struct push_config *configs, size_t *n, size_t max,
				      git_commit *commit, git_tree *tree, int *status)
{
	git_oid id;
	char name[32];
	struct fg_config_from from = { NULL, tree, name, 0, ctx->receiving };
	struct push_config *pc;

	if (fg_repo_config_file_id(repo, tree, &id) < 0) {
		fatal_line(ctx, "cannot read the configuration", fg_git_error());
		*status = FG_EXIT_INTERNAL;
		return NULL;
	}
	for (size_t i = 0; i < *n; i++)
		if (git_oid_equal(&configs[i].file_id, &id))
			return &configs[i];
	if (*n == max) {
		fatal_line(ctx, "cannot read the configuration", "out of memory");
		*status = FG_EXIT_INTERNAL;
		return NULL;
	}
	pc = &configs[(*n)++];
	name[0] = '\0';
	if (commit) {
		memcpy(name, "commit ", 7);
		git_oid_tostr(name + 7, 13, git_commit_id(commit));
	}
	*status = load_config(ctx, &pc->cfg, repo, &from, &pc->file_id);
	pc->loaded = 1;
	git_oid_cpy(&pc->file_id, &id);
	return *status == FG_EXIT_OK ? pc : NULL;
}

/*
 * branchProtected on FF, an update of a branch the remote has: the pushed
 * commit must descend from the remote's, which must be here to tell
 * (someone else's push: fetch first). Known from the walk (a new commit's
 * parent), else asked of the graph: a walk of its own, which a long
 * fast-forward push never needs.
 */
static void check_rewrite(struct fg_hook_ctx *ctx, git_repository *repo, struct fg_config *cfg,
			  const struct ff_check *ff, const char *remote)
{
	const struct fg_ref_update *u = ff->u;
	struct fg_branch b;
	git_odb *odb = NULL;
	char old[GIT_OID_HEXSZ + 1];
	int change = -1;

	/* an unprotected branch may be rewritten: no walk to find out */
	if (ff->fast_forward || fg_branch_protected(cfg, u->remote_ref, &b) != 1)
		return;
	if (git_repository_odb(&odb, repo) == 0 && !git_odb_exists(odb, &u->remote))
		change = FG_REF_OLD_UNKNOWN;
	else if (odb && git_graph_descendant_of(repo, &ff->tip, &u->remote) != 1)
		change = FG_REF_NOT_FAST_FORWARD;
	git_odb_free(odb);
	git_error_clear();
	git_oid_tostr(old, sizeof(old), &u->remote);
	if (change >= 0)
		fg_check_protected(&ctx->report, cfg, u->remote_ref, (enum fg_ref_change)change, old,
				   remote);
}

/*
 * The rules the receiving side had for the ref OLD (an update's old
 * object): the configuration committed at the commit OLD peels to, read
 * quietly into BEFORE. A rewrite or a moved tag is judged by them, not by
 * the pushed commit's: a push cannot unprotect the branch it rewrites, or
 * turn tagMoved off for the tag it moves, by committing a .flowgate that
 * says so. Returns 0 (release BEFORE), -1 when OLD is not here or its
 * rules are bad configuration (BEFORE released; the pushed rules apply), or
 * -2 when its committed file cannot be read (a missing or corrupt object:
 * fg_git_error() says which; BEFORE released): never taken for "no file".
 */
static int rules_before(git_repository *repo, const git_oid *old, struct fg_config *before)
{
	git_commit *commit = peeled_commit(repo, old);
	git_tree *tree = NULL;
	char name[32];
	struct fg_config_from from = { NULL, NULL, name, 0, 0 };
	int rc = -1;

	memcpy(name, "commit ", 7);
	git_oid_tostr(name + 7, 13, old);
	if (commit && git_commit_tree(&tree, commit) == 0) {
		from.tree = tree;
		if ((rc = fg_repo_config(before, repo, &from, NULL)) != 0) {
			fg_config_release(before);
			rc = rc == -2 ? -2 : -1;
		}
	}
	git_tree_free(tree);
	git_commit_free(commit);
	if (rc != -2)
		git_error_clear();
	return rc;
}

/*
 * "cannot read the WHAT of commit <12 hex digits of ID>: <libgit2's error>"
 * (WHAT: a few words); returns FG_EXIT_INTERNAL.
 */
static int unreadable_in_commit(struct fg_hook_ctx *ctx, const char *what, const git_oid *id)
{
	char line[96];

	snprintf(line, sizeof(line) - 13, "cannot read the %s of commit ", what);
	git_oid_tostr(line + strlen(line), 13, id);
	fatal_line(ctx, line, fg_git_error());
	return FG_EXIT_INTERNAL;
}

/*
 * The rules of the commit HEAD names (the default branch; on the client,
 * the branch checked out), or the built-in ones and git config's when HEAD
 * names no commit: read once per push, kept in *CACHED (NULL until then).
 * NULL (with *STATUS set and the problem printed) when they cannot be read.
 */
static struct push_config *head_config(struct fg_hook_ctx *ctx, git_repository *repo,
				       struct push_config *configs, size_t *nconfigs, size_t max,
				       struct push_config **cached, int *status)
{
	git_oid head;
	git_commit *commit = NULL;
	git_tree *tree = NULL;
	struct push_config *pc;

	if (*cached)
		return *cached;
	if (git_reference_name_to_id(&head, repo, "HEAD") == 0 &&
	    (commit = peeled_commit(repo, &head)) && git_commit_tree(&tree, commit) < 0)
		tree = NULL;
	git_error_clear();
	pc = config_for(ctx, repo, configs, nconfigs, max, tree ? commit : NULL, tree, status);
	git_tree_free(tree);
	git_commit_free(commit);
	return *cached = pc;
}

/*
 * branchProtected on the deletion U, under the rules of HEAD's commit (the
 * deleted ref has none to give). Returns an FG_EXIT_* status.
 */
static int check_deletion(struct fg_hook_ctx *ctx, git_repository *repo,
			  struct push_config *configs, size_t *nconfigs, size_t max,
			  struct push_config **head, const struct fg_ref_update *u,
			  const char *remote)
{
	struct push_config *pc;
	char old[GIT_OID_HEXSZ + 1];
	int status = FG_EXIT_OK;

	if ((pc = head_config(ctx, repo, configs, nconfigs, max, head, &status))) {
		ctx->report.severity = pc->cfg.severity;
		git_oid_tostr(old, sizeof(old), &u->remote);
		fg_check_protected(&ctx->report, &pc->cfg, u->remote_ref, FG_REF_DELETED, old,
				   remote);
		if (pc->cfg.error)
			status = fg_config_failed(ctx, &pc->cfg);
	}
	return status;
}

/*
 * refNamespace on U, a server's update of a ref outside refs/heads/ and
 * refs/tags/ (not a deletion): refused unless the server's git config
 * allows its namespace (flowgate.allowRefs). Its commits are not judged
 * here; they are when they reach a branch, as they are not "already on
 * the server" for that walk (hide_judged). Returns an FG_EXIT_* status.
 */
static int check_namespace(struct fg_hook_ctx *ctx, git_repository *repo,
			   struct push_config *configs, size_t *nconfigs, size_t max,
			   struct push_config **head, const struct fg_ref_update *u)
{
	struct push_config *pc;
	int status = FG_EXIT_OK;

	if (!(pc = head_config(ctx, repo, configs, nconfigs, max, head, &status)))
		return status;
	if (pc->cfg.error)
		return fg_config_failed(ctx, &pc->cfg);
	if (!fg_config_ref_allowed(&pc->cfg, u->remote_ref)) {
		/* the namespace: refs/<first component>/ (git only hands refs/... here);
		 * the glob is pasted: a shell word, whatever the namespace holds */
		int under_refs = !strncmp(u->remote_ref, "refs/", 5);
		const char *rest = u->remote_ref + (under_refs ? 5 : 0), *slash = strchr(rest, '/');
		char *glob = under_refs && slash ? fg_sh_wordf("refs/%.*s/*", (int)(slash - rest),
							       rest) : NULL;
		struct fg_violation *v;

		ctx->report.severity = pc->cfg.severity;
		v = fg_report_add(&ctx->report, FG_RULE_REF_NAMESPACE,
				  "%s is outside refs/heads/ and refs/tags/: this server takes "
				  "no commits there", u->remote_ref);
		if (glob)
			fg_violation_hint(v, "push to a branch instead (git push %s HEAD:refs/heads/"
					  "feature/<name>); an administrator allows the namespace "
					  "with: git config --add flowgate.allowRefs %s",
					  SERVER_REMOTE, glob);
		else
			fg_violation_hint(v, "push to a branch instead (git push %s HEAD:refs/heads/"
					  "feature/<name>)", SERVER_REMOTE);
		free(glob);
	}
	return status;
}

/*
 * The receiving side's rules for update U, whose pushed commit is COMMIT
 * with TREE (both NULL for an object that is no commit): a server judges a
 * push by what it already has, never by what the push brings. They are
 * the configuration committed at U's old commit; for a new ref (or an old
 * object that is no commit) at the commit HEAD names (the default branch);
 * when HEAD names none, the built-in rules, except in a repository with no
 * branch at all, whose first push brings its rules. flowgate.configFile, when
 * absolute, replaces the committed file in all of them (fg_repo_config).
 */
struct server_rules {
	int known;                /* the two below were looked up */
	int no_branch;            /* the repository has no branch (its first push) */
	struct push_config *head; /* HEAD's rules, once read (head_config) */
};

static struct push_config *server_config_for(struct fg_hook_ctx *ctx, git_repository *repo,
					     struct push_config *configs, size_t *n, size_t max,
					     struct server_rules *sr, const struct fg_ref_update *u,
					     git_commit *commit, git_tree *tree, int *status)
{
	git_commit *rules = NULL;
	git_tree *rules_tree = NULL;
	git_reference_iterator *it = NULL;
	git_reference *ref = NULL;
	struct push_config *pc;

	if (!git_oid_is_zero(&u->remote) && (rules = peeled_commit(repo, &u->remote)) &&
	    git_commit_tree(&rules_tree, rules) == 0) {
		pc = config_for(ctx, repo, configs, n, max, rules, rules_tree, status);
		git_tree_free(rules_tree);
		git_commit_free(rules);
		return pc;
	}
	git_commit_free(rules);
	git_error_clear();
	/* the same for every new ref of the push: looked up once */
	if (!sr->known) {
		if (git_reference_iterator_glob_new(&it, repo, "refs/heads/*") == 0) {
			sr->no_branch = git_reference_next(&ref, it) == GIT_ITEROVER;
			git_reference_free(ref);
		}
		git_reference_iterator_free(it);
		git_error_clear();
		sr->known = 1;
	}
	if (sr->no_branch)
		return config_for(ctx, repo, configs, n, max, commit, tree, status);
	return head_config(ctx, repo, configs, n, max, &sr->head, status);
}

/*
 * A server's walk of new commits leaves out only what it already judged:
 * the commits its branches and its release tags (fg_tag_is_release: named
 * like a version) reach. Refs elsewhere (refs/custom/x, a host's
 * refs/pull/<n>/head, a "latest" or "wip" tag, which no release rule
 * judges) are not counted; a fast-forward of a branch to them judges
 * their commits then.
 */
static void hide_judged(struct new_walk *walk, git_repository *repo, const struct fg_config *cfg)
{
	git_reference_iterator *it = NULL;
	git_reference *ref;

	new_walk_hide_glob(walk, "refs/heads/*");
	if (git_reference_iterator_glob_new(&it, repo, "refs/tags/*") == 0) {
		while (git_reference_next(&ref, it) == 0) {
			git_object *peeled = NULL;

			if (fg_tag_is_release(cfg, git_reference_name(ref) + 10) &&
			    git_reference_peel(&peeled, ref, GIT_OBJECT_COMMIT) == 0)
				new_walk_hide(walk, git_object_id(peeled));
			git_object_free(peeled);
			git_reference_free(ref);
		}
	}
	git_reference_iterator_free(it);
	git_error_clear();
}

/*
 * Start WALK over what group G of a push (check_updates: the updates whose
 * GROUP is G, in input order) brings: the tips of its updates pushed (with
 * ONLY < COUNT, that update's alone, the group's tips before it hidden);
 * hidden, the tips of earlier groups (their commits are judged there),
 * each update's old commit (a server: a branch's only) and what the
 * receiving side has (SERVER: hide_judged under CFG; else HAVE_GLOB), and
 * the commits before flowgate.since. *BRANCH and *NBRANCHES (may be NULL)
 * get the group's first pushed branch and the number of them. Returns
 * non-zero when a tip was pushed; CFG->error is set when flowgate.since
 * names no commit (nothing pushed then).
 */
static int group_walk_start(struct new_walk *walk, git_repository *repo,
			    const struct fg_ref_update *updates, size_t count, const size_t *group,
			    size_t g, size_t only, int server, const char *have_glob,
			    struct fg_config *cfg, const struct fg_ref_update **branch,
			    int *nbranches)
{
	int pushed = 0, n = 0;

	for (size_t i = 0; i < count; i++) {
		const struct fg_ref_update *u = &updates[i];
		git_commit *c;
		int push = group[i] == g && (only >= count || i == only);
		int hide = group[i] < g || (group[i] == g && only < count && i < only);

		if (push && (c = peeled_commit(repo, &u->local))) {
			if (!strncmp(u->remote_ref, "refs/heads/", 11) && n++ == 0 && branch)
				*branch = u;
			pushed |= new_walk_push(walk, git_commit_id(c)) == 0;
			git_commit_free(c);
		} else if (hide && (c = peeled_commit(repo, &u->local))) {
			/* a tip walked before, under its rules: its commits are
			 * checked there, not twice */
			new_walk_hide(walk, git_commit_id(c));
			git_commit_free(c);
		}
		/* Already on the remote: never re-checked. Unknown here (someone
		 * else pushed it): nothing to hide, the tracking refs still count.
		 * A server judged only what its branches hold (hide_judged). */
		if (!git_oid_is_zero(&u->remote) &&
		    (!server || !strncmp(u->remote_ref, "refs/heads/", 11)) &&
		    (c = peeled_commit(repo, &u->remote))) {
			new_walk_hide(walk, git_commit_id(c));
			git_commit_free(c);
		}
	}
	if (nbranches)
		*nbranches = n;
	/* A new branch: only the commits the receiving side has no ref to. */
	if (server)
		hide_judged(walk, repo, cfg);
	else if (have_glob)
		new_walk_hide_glob(walk, have_glob);
	git_error_clear();
	return pushed && hide_before_since(repo, walk, cfg) == 0;
}

static int mark_cmp(const void *a, const void *b)
{
	return git_oid_cmp(&((const struct mark *)a)->id, &((const struct mark *)b)->id);
}

/* What a walk of one ref's own commits found (ref_walk). */
struct ref_commits {
	size_t n;       /* its commits */
	git_oid base;   /* where their range starts: see ref_walk */
	int has_base;
};

/*
 * Update ONLY of group G's own commits: those G's walk judged that its tip
 * reaches and no tip before it in the group does. The violations of MARKS
 * (sorted by ID) found there get ONLY as their scope. RC gets how many
 * there are, and the commit their range starts from: the old commit of
 * the update when it is the parent of one of them (a fast-forward), else
 * the first parent of one of them that is not one of them, in walk order
 * (a commit the receiving side had; the range may then hold more commits
 * than these, never fewer); none when they reach a root commit only.
 * Returns 0, or -1 when the walk fails.
 */
static int ref_walk(struct fg_hook_ctx *ctx, git_repository *repo,
		    const struct fg_ref_update *updates, size_t count, const size_t *group,
		    size_t g, size_t only, const char *have_glob, struct fg_config *cfg,
		    struct marks *marks, struct ref_commits *rc)
{
	struct new_walk walk;
	struct fg_oidset mine = FG_OIDSET_INIT;
	git_oid *parents = NULL, id;
	size_t nparents = 0, cap = 0;
	int err = 0, next;

	memset(rc, 0, sizeof(*rc));
	if (new_walk_init(&walk, repo, 0) < 0)
		return -1;
	if (group_walk_start(&walk, repo, updates, count, group, g, only, ctx->receiving,
			     have_glob, cfg, NULL, NULL)) {
		while (!err && (next = new_walk_next(&id, &walk)) == 0) {
			const struct fg_commit_info *c;
			struct mark key, *m;

			if (fg_oidset_add(&mine, &id) < 0 || new_walk_read(&c, &walk) < 0) {
				err = 1;
				break;
			}
			for (size_t p = 0; !err && p < c->nparents; p++)
				err = oid_push(&parents, &nparents, &cap, &c->parents[p]) < 0;
			git_oid_cpy(&key.id, &id);
			if (marks->n && (m = bsearch(&key, marks->v, marks->n, sizeof(*m), mark_cmp)))
				for (size_t k = m->from; m->group == g && k < m->to; k++)
					ctx->report.items[k].scope = only;
		}
		err |= !err && next != GIT_ITEROVER;
	}
	rc->n = mine.n;
	for (size_t k = 0; !err && k < nparents; k++) {
		if (fg_oidset_has(&mine, &parents[k]))
			continue;
		if (!rc->has_base || git_oid_equal(&parents[k], &updates[only].remote))
			git_oid_cpy(&rc->base, &parents[k]);
		rc->has_base = 1;
	}
	free(parents);
	fg_oidset_release(&mine);
	new_walk_release(&walk);
	git_error_clear();
	return err ? -1 : 0;
}

/*
 * The command that lists every violation of update U, whose pushed commit
 * is TIP and whose own commits RC says, where the pusher is (pre-push: the
 * clone; pre-receive and update: the pusher's clone, the server having
 * dropped a refused push): flowgate check-range, on the branch U updates
 * (--branch '' for a tag), from RC's base, or the tip's first parent when
 * U brings no commit of its own (a tag of an older commit), to TIP; all
 * of TIP's history when there is no such commit. Newly allocated, or NULL
 * (out of memory).
 */
static char *list_command(git_repository *repo, const struct fg_ref_update *u, const git_oid *tip,
			  const struct ref_commits *rc)
{
	char to[GIT_OID_HEXSZ + 1], from[GIT_OID_HEXSZ + 1];
	char *branch, *command;
	git_commit *c = NULL;
	int has_from = rc->has_base;

	git_oid_tostr(to, sizeof(to), tip);
	if (has_from)
		git_oid_tostr(from, sizeof(from), &rc->base);
	else if (!rc->n && git_commit_lookup(&c, repo, tip) == 0 && git_commit_parentcount(c)) {
		git_oid_tostr(from, sizeof(from), git_commit_parent_id(c, 0));
		has_from = 1;
	}
	git_commit_free(c);
	git_error_clear();
	branch = !strncmp(u->remote_ref, "refs/heads/", 11)
		 ? fg_sh_quote(u->remote_ref + 11, strlen(u->remote_ref + 11), 0) : strdup("''");
	command = branch ? fg_strdupf("flowgate check-range --branch %s %s%s%s", branch,
				      has_from ? from : "", has_from ? ".." : "", to) : NULL;
	free(branch);
	return command;
}

/*
 * When CTX->report holds more violations than it prints (its limit):
 * which update each belongs to (the scopes the checks gave them; a commit
 * found by the walk of several tips, MARKS, to the first update in input
 * order whose own commits hold it: ref_walk), and for each update that has
 * some left out, its refname and the command that lists them all
 * (list_command). GROUP, CONFIGS and HAVE_GLOB are check_updates'. Best
 * effort: what cannot be walked keeps its scope (or none) and gets no
 * command.
 */
static void bound_report(struct fg_hook_ctx *ctx, git_repository *repo,
			 const struct fg_ref_update *updates, size_t count, const size_t *group,
			 struct push_config *configs, const char *have_glob, struct marks *marks)
{
	struct fg_report *report = &ctx->report;
	struct ref_commits *rc = NULL;
	unsigned char *walked = NULL;

	if (!report->limit || report->n <= report->limit ||
	    fg_report_scopes(report, count) < 0 || !(rc = calloc(count ? count : 1, sizeof(*rc))) ||
	    !(walked = calloc(count ? count : 1, 1)))
		goto out;
	if (marks->n && !marks->oom) {
		size_t left = marks->n;

		qsort(marks->v, marks->n, sizeof(*marks->v), mark_cmp);
		/* each tip's own commits in input order, until every mark has its ref */
		for (size_t i = 0; i < count && left; i++) {
			size_t k = 0;

			while (k < marks->n && marks->v[k].group != group[i])
				k++;
			if (group[i] == SIZE_MAX || k == marks->n)
				continue; /* no commit of its group is marked */
			/* 1: walked, 2: the walk failed (no command then) */
			walked[i] = ref_walk(ctx, repo, updates, count, group, group[i], i, have_glob,
					     &configs[group[i]].cfg, marks, &rc[i]) == 0 ? 1 : 2;
			left = 0;
			for (size_t k = 0; k < marks->n; k++)
				left += report->items[marks->v[k].from].scope == FG_SCOPE_NONE;
		}
	}
	for (size_t i = 0; i < count; i++) {
		git_commit *tip;
		char *command = NULL;

		if (!fg_report_omitted(report, i))
			continue;
		if (group[i] != SIZE_MAX && (tip = peeled_commit(repo, &updates[i].local))) {
			if (walked[i] == 1 ||
			    (!walked[i] && ref_walk(ctx, repo, updates, count, group, group[i], i,
						    have_glob, &configs[group[i]].cfg, marks,
						    &rc[i]) == 0))
				command = list_command(repo, &updates[i], git_commit_id(tip), &rc[i]);
			git_commit_free(tip);
		}
		fg_report_scope_set(report, i, updates[i].remote_ref, command);
		free(command);
	}
out:
	free(rc);
	free(walked);
	git_error_clear();
}

/*
 * The rules on COUNT ref updates a push makes on the receiving side (the
 * remote, for pre-push; this repository, for pre-receive and update): every
 * pushed branch name and tip, every pushed tag, branchProtected on
 * rewrites and deletions, and the message and version rules on each new
 * commit once. The receiving side already has what HAVE_GLOB (a refname
 * glob: its remote-tracking refs, or every ref of a server) and each
 * update's old object hold. REMOTE names it in hints. PENDING (may be
 * NULL): the updates as refs the repository does not show yet (a server's,
 * before git applies the push). On the receiving side (CTX->receiving),
 * HAVE_GLOB is unused (hide_judged says what the server judged before),
 * every update is judged by the server's rules (server_config_for), and
 * refs outside refs/heads/ and refs/tags/ face refNamespace. Returns an
 * FG_EXIT_* status; violations go to CTX->report.
 */
static int check_updates(struct fg_hook_ctx *ctx, git_repository *repo,
			 const struct fg_ref_update *updates, size_t count, const char *have_glob,
			 const char *remote, const struct fg_pending *pending)
{
	struct push_config *configs = NULL;
	struct ff_check *ff = NULL;
	size_t nconfigs = 0, nff = 0, *group = NULL;
	/* a server may read, per update, its rules and the pushed file; and HEAD's */
	size_t max = 2 * count + 1;
	struct fg_refs refs;
	struct server_rules sr = { 0, 0, NULL };
	struct marks marks = { NULL, 0, 0, 0 };
	int server = ctx->receiving, status = FG_EXIT_INTERNAL;

	/* the receiving side's refs, with the push's: listed once, on first use;
	 * what it has came before what the push brings (tagMonotonic) */
	fg_refs_init(&refs, repo, pending);
	refs.remote_order = ctx->receiving ? FG_ORDER_RECEIVING : FG_ORDER_PUSHING;
	if (!(configs = calloc(max, sizeof(*configs))) ||
	    !(group = calloc(count ? count : 1, sizeof(*group))) ||
	    !(ff = calloc(count ? count : 1, sizeof(*ff))))
		goto out;
	for (size_t i = 0; i < count; i++) {
		const struct fg_ref_update *u = &updates[i];
		git_commit *commit;
		git_tree *tree = NULL;
		struct push_config *pc = NULL;
		int is_branch = !strncmp(u->remote_ref, "refs/heads/", 11), unreadable, unread;

		group[i] = SIZE_MAX;
		ctx->report.scope = i; /* what is found now is about U */
		/* notes and other refs hold no workflow commits; a server takes
		 * them only where its configuration allows */
		if (!is_branch && strncmp(u->remote_ref, "refs/tags/", 10)) {
			if (server && !git_oid_is_zero(&u->local) &&
			    (status = check_namespace(ctx, repo, configs, &nconfigs, max, &sr.head,
						      u)) !=
				    FG_EXIT_OK)
				goto out;
			continue;
		}
		/* a deletion adds no commit: branchProtected alone, under HEAD's rules */
		if (git_oid_is_zero(&u->local)) {
			if ((status = check_deletion(ctx, repo, configs, &nconfigs, max, &sr.head,
						     u, remote)) != FG_EXIT_OK)
				goto out;
			continue;
		}
		commit = peeled_commit_or_error(repo, &u->local, &unreadable);
		if (unreadable || (commit && git_commit_tree(&tree, commit) < 0)) {
			/* a corrupt or missing object is no commit to let through */
			char hex[GIT_OID_HEXSZ + 1];
			char *what;

			git_oid_tostr(hex, sizeof(hex), &u->local);
			what = fg_strdupf("cannot read the pushed %s %s", unreadable ? "object" :
					  "commit's tree, of", hex);
			fatal_line(ctx, what ? what : "cannot read a pushed object", fg_git_error());
			free(what);
			git_commit_free(commit);
			status = FG_EXIT_INTERNAL;
			goto out;
		}
		if (server) {
			/* the server's rules; the pushed file must still be one that
			 * can govern the next push (bad configuration refused now) */
			struct push_config *pushed = NULL;

			if (!(pc = server_config_for(ctx, repo, configs, &nconfigs, max, &sr, u,
						     commit, tree, &status)) ||
			    (commit && !pc->cfg.error &&
			     !(pushed = config_for(ctx, repo, configs, &nconfigs, max, commit, tree,
						   &status)))) {
				git_tree_free(tree);
				git_commit_free(commit);
				goto out;
			}
			if (pushed && pushed->cfg.error) {
				status = fg_config_failed(ctx, &pushed->cfg);
				git_tree_free(tree);
				git_commit_free(commit);
				goto out;
			}
		} else if (commit) {
			/* the rules of the commit being pushed: its .flowgate */
			if (!(pc = config_for(ctx, repo, configs, &nconfigs, max, commit, tree,
					      &status))) {
				git_tree_free(tree);
				git_commit_free(commit);
				goto out;
			}
		} else if (!(pc = config_for(ctx, repo, configs, &nconfigs, max, NULL, NULL,
					     &status))) {
			git_commit_free(commit);
			goto out;
		}
		ctx->report.severity = pc->cfg.severity;
		/* branchProtected: an update of a branch the remote has, after the walk */
		if (is_branch && commit && !git_oid_is_zero(&u->remote) &&
		    !git_oid_equal(&u->remote, git_commit_id(commit))) {
			ff[nff].u = u;
			git_oid_cpy(&ff[nff].tip, git_commit_id(commit));
			ff[nff].group = (size_t)(pc - configs);
			ff[nff++].fast_forward = 0;
		}
		if (is_branch) {
			unread = check_pushed_branch(ctx, repo, tree, &pc->cfg, u) < 0;
		} else {
			struct fg_config before;
			/* a moved tag: the severities the tag's old commit had (a
			 * server's rules are those already) */
			int moved = !server && !git_oid_is_zero(&u->remote) &&
				    !git_oid_equal(&u->remote, &u->local)
				    ? rules_before(repo, &u->remote, &before) : -1;

			if (moved == -2) {
				status = unreadable_in_commit(ctx, "configuration", &u->remote);
				git_tree_free(tree);
				git_commit_free(commit);
				goto out;
			}
			if (moved == 0)
				ctx->report.severity = before.severity;
			unread = fg_check_tag_ref(&ctx->report, &refs, &pc->cfg, u->remote_ref + 10,
						  &u->local, &u->remote, commit, tree) < 0;
			ctx->report.severity = pc->cfg.severity;
			if (moved == 0)
				fg_config_release(&before);
		}
		/* version files that cannot be read: an error, never "no version" */
		if (unread && !pc->cfg.error) {
			status = unreadable_in_commit(ctx, "version files", git_commit_id(commit));
			git_tree_free(tree);
			git_commit_free(commit);
			goto out;
		}
		if (commit)
			group[i] = (size_t)(pc - configs);
		git_tree_free(tree);
		git_commit_free(commit);
		if (pc->cfg.error) {
			status = fg_config_failed(ctx, &pc->cfg);
			goto out;
		}
	}
	ctx->report.scope = FG_SCOPE_NONE;
	git_error_clear();
	/*
	 * One walk per configuration: each commit checked once, under the rules
	 * of the first pushed tip (in input order) it belongs to.
	 */
	for (size_t g = 0; g < nconfigs; g++) {
		struct fg_config *cfg = &configs[g].cfg;
		struct new_walk walk;
		const struct fg_ref_update *branch = NULL;
		struct branch_commits bc;
		struct fg_version_walk vw;
		size_t tips = 0, first = FG_SCOPE_NONE;
		int nbranches = 0, walked = 0;

		if (new_walk_init(&walk, repo, WALK_KEEP) < 0) {
			fatal_line(ctx, "cannot walk the pushed commits", fg_git_error());
			status = FG_EXIT_INTERNAL;
			goto out;
		}
		for (size_t i = 0; i < count; i++)
			if (group[i] == g && tips++ == 0)
				first = i;
		/* one tip: what the walk finds is about it; several: told when
		 * needed (bound_report) from the marks */
		ctx->report.scope = tips == 1 ? first : FG_SCOPE_NONE;
		if (group_walk_start(&walk, repo, updates, count, group, g, SIZE_MAX, server,
				     have_glob, cfg, &branch, &nbranches)) {
			ctx->report.severity = cfg->severity;
			/* branchCommitType: when the commits go to one branch only */
			if (nbranches == 1)
				branch_only_commits(&bc, repo, cfg, branch->remote_ref + 11,
						    branch->local_ref, &branch->local);
			else
				memset(&bc, 0, sizeof(bc));
			fg_version_walk_init(&vw, repo, cfg);
			walked = check_new_commits(ctx, &walk, cfg, &bc, &vw, ff, nff,
						   tips > 1 ? &marks : NULL, g);
			/* the version rules: about the branch pushed, else the first tip */
			ctx->report.scope = nbranches == 1 ? (size_t)(branch - updates) : first;
			if (walked == 0 &&
			    fg_check_version_changes(&ctx->report, &refs, cfg, &vw,
						     nbranches == 1 ? branch->remote_ref + 11 : NULL,
						     nbranches == 1 ? branch->local_ref : NULL) < 0 &&
			    !cfg->error) {
				fatal_line(ctx, "cannot read the version files of the pushed commits",
					   fg_git_error());
				walked = -1;
			}
			fg_version_walk_release(&vw);
			fg_oidset_release(&bc.ids);
		}
		new_walk_release(&walk);
		if (cfg->error) {
			status = fg_config_failed(ctx, cfg);
			goto out;
		}
		if (walked < 0) {
			status = FG_EXIT_INTERNAL; /* said */
			goto out;
		}
	}
	for (size_t k = 0; k < nff; k++) {
		struct fg_config *cfg = &configs[ff[k].group].cfg, before;
		/* a rewrite: under the rules the branch had (rules_before; a
		 * server's rules are those already) */
		int had = !server && !ff[k].fast_forward
			  ? rules_before(repo, &ff[k].u->remote, &before) : -1;

		if (had == -2) {
			status = unreadable_in_commit(ctx, "configuration", &ff[k].u->remote);
			goto out;
		}
		had = had == 0;
		if (had)
			cfg = &before;
		ctx->report.severity = cfg->severity;
		ctx->report.scope = (size_t)(ff[k].u - updates);
		check_rewrite(ctx, repo, cfg, &ff[k], remote);
		ctx->report.severity = configs[ff[k].group].cfg.severity;
		if (cfg->error) {
			status = fg_config_failed(ctx, cfg);
			if (had)
				fg_config_release(&before);
			goto out;
		}
		if (had)
			fg_config_release(&before);
	}
	ctx->report.scope = FG_SCOPE_NONE;
	/* too many to print: which ref each is about, and how to list them all */
	bound_report(ctx, repo, updates, count, group, configs, have_glob, &marks);
	status = FG_EXIT_OK;
out:
	ctx->report.scope = FG_SCOPE_NONE;
	free(marks.v);
	ctx->report.severity = NULL;
	fg_refs_release(&refs); /* before the configurations its views name */
	for (size_t g = 0; configs && g < nconfigs; g++)
		fg_config_release(&configs[g].cfg);
	free(configs);
	free(ff);
	free(group);
	return status;
}

int fg_run_pre_push(struct fg_hook_ctx *ctx)
{
	git_repository *repo = NULL;
	struct fg_ref_update *updates = NULL;
	size_t count = 0;
	char *copy = NULL, *remote_name = NULL, *glob = NULL, *remote_word = NULL;
	struct fg_pending_ref *tags = NULL;
	struct fg_pending pushed = { NULL, 0 };
	int status = FG_EXIT_INTERNAL;

	if (ctx->argc != 3) {
		fprintf(stderr, "flowgate pre-push: usage: pre-push <remote-name> <url> "
			"< '<local ref> <local oid> <remote ref> <remote oid>' lines\n");
		return FG_EXIT_USAGE;
	}
	/* the repository first: one libgit2 cannot open (a SHA-256 one) says so */
	if (read_input(ctx, &copy) < 0 || open_for_push(ctx, &repo) < 0)
		goto out;
	if (fg_parse_updates(copy, ctx->input_len, 0, &updates, &count) < 0) {
		fprintf(stderr, "flowgate pre-push: error: malformed input line; expected "
			"'<local ref> <local oid> <remote ref> <remote oid>'\n");
		status = FG_EXIT_USAGE;
		goto out;
	}
	/* what the remote has: its remote-tracking refs */
	if ((remote_name = tracking_remote(repo, ctx->argv[1], ctx->argv[2])))
		glob = fg_strdupf("refs/remotes/%s/*", remote_name);
	/* the hints name it in commands to paste: a shell word */
	remote_word = fg_sh_quote(ctx->argv[1], strlen(ctx->argv[1]), 0);
	/* the tags this push brings: the local repository's other tags stand for
	 * those the remote has (tagMonotonic: made before every pushed one) */
	if (!(tags = calloc(count ? count : 1, sizeof(*tags)))) {
		fatal_line(ctx, "cannot check the push", "out of memory");
		goto out;
	}
	for (size_t i = 0; i < count; i++)
		if (!strncmp(updates[i].remote_ref, "refs/tags/", 10) &&
		    !git_oid_is_zero(&updates[i].local)) {
			tags[pushed.n].refname = updates[i].remote_ref;
			git_oid_cpy(&tags[pushed.n++].id, &updates[i].local);
		}
	qsort(tags, pushed.n, sizeof(*tags), fg_pending_ref_cmp);
	pushed.refs = tags;
	status = check_updates(ctx, repo, updates, count, glob,
			       remote_word ? remote_word : "<remote>", &pushed);
out:
	free(tags);
	free(remote_word);
	free(copy);
	free(updates);
	free(glob);
	free(remote_name);
	git_repository_free(repo);
	return status;
}

/*
 * The server's view of a push: the objects are in git's quarantine
 * (GIT_OBJECT_DIRECTORY, GIT_ALTERNATE_OBJECT_DIRECTORIES), which
 * fg_repo_open reads from the environment; what it already judged is what
 * its branches and release tags reach (hide_judged).
 */

int fg_check_receive(struct fg_hook_ctx *ctx, git_repository *repo,
		     const struct fg_ref_update *updates, size_t count)
{
	struct fg_pending_ref *refs;
	struct fg_pending pending;
	int status;

	ctx->receiving = 1;
	if (!(refs = calloc(count ? count : 1, sizeof(*refs)))) {
		fatal_line(ctx, "cannot check the push", "out of memory");
		return FG_EXIT_INTERNAL;
	}
	for (size_t i = 0; i < count; i++) {
		refs[i].refname = updates[i].remote_ref;
		git_oid_cpy(&refs[i].id, &updates[i].local);
	}
	qsort(refs, count, sizeof(*refs), fg_pending_ref_cmp);
	pending.refs = refs;
	pending.n = count;
	status = check_updates(ctx, repo, updates, count, NULL, SERVER_REMOTE,
			       &pending);
	free(refs);
	return status;
}

int fg_run_pre_receive(struct fg_hook_ctx *ctx)
{
	git_repository *repo = NULL;
	struct fg_ref_update *updates = NULL;
	size_t count = 0;
	char *copy = NULL;
	int status = FG_EXIT_INTERNAL;

	if (ctx->argc != 1) {
		fprintf(stderr, "flowgate pre-receive: usage: pre-receive "
			"< '<old oid> <new oid> <refname>' lines\n");
		return FG_EXIT_USAGE;
	}
	if (read_input(ctx, &copy) < 0 || open_for_push(ctx, &repo) < 0)
		goto out;
	if (fg_parse_updates(copy, ctx->input_len, 1, &updates, &count) < 0) {
		fprintf(stderr, "flowgate pre-receive: error: malformed input line; expected "
			"'<old oid> <new oid> <refname>'\n");
		status = FG_EXIT_USAGE;
		goto out;
	}
	status = fg_check_receive(ctx, repo, updates, count);
out:
	free(copy);
	free(updates);
	git_repository_free(repo);
	return status;
}

/*
 * Where, in the SIZE bytes at MAP, the first A (of ALEN bytes) immediately
 * followed by B (BLEN bytes) ends: the byte after B; NULL when nowhere. The
 * two halves of a marker are kept apart so that this file does not hold it.
 */
static const char *find_marker(const char *map, size_t size, const char *a, size_t alen,
			       const char *b, size_t blen)
{
	const char *p = map, *end;

	if (size < alen + blen)
		return NULL;
	end = map + size - alen - blen + 1;
	for (; p < end && (p = memchr(p, a[0], (size_t)(end - p))); p++)
		if (!memcmp(p, a, alen) && !memcmp(p + alen, b, blen))
			return p + alen + blen;
	return NULL;
}

/*
 * Whether PATH is an executable regular file that is flowgate's pre-receive:
 * it holds FG_ROLE_MARKER_PREFIX "pre-receive", which only the pre-receive
 * binary carries (a copy of another flowgate hook named pre-receive refuses
 * nothing), or, when FOLLOW, it is the launcher install.sh places
 * (hooks/launch.c: "@(#)flowgate-target:", then the path it execs,
 * NUL-terminated) and that path is.
 */
static int is_pre_receive(const char *path, int follow)
{
	static const char prefix[] = FG_ROLE_MARKER_PREFIX, role[] = "pre-receive";
	static const char launch[] = "@(#)flowgate-target:";
	struct stat st;
	int fd, found = 0;

	if (access(path, X_OK) != 0 || (fd = open(path, O_RDONLY)) < 0)
		return 0;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
		size_t size = (size_t)st.st_size;
		const char *map = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0), *t, *nul;

		if (map != MAP_FAILED) {
			found = find_marker(map, size, prefix, sizeof(prefix) - 1, role,
					    sizeof(role) - 1) != NULL;
			if (!found && follow &&
			    (t = find_marker(map, size, launch, sizeof(launch) - 1, "", 0)) &&
			    (nul = memchr(t, '\0', (size_t)(map + size - t))) && nul > t) {
				char *target = strndup(t, (size_t)(nul - t));

				found = target && is_pre_receive(target, 0);
				free(target);
			}
			munmap((void *)map, size);
		}
	}
	close(fd);
	return found;
}

/*
 * Whether git runs flowgate's pre-receive for this push, as git finds hooks
 * (hook.c find_hook, path.c adjust_git_path in git 2.39): the file
 * pre-receive in core.hooksPath (a relative path is from the directory the
 * hooks run in, which update shares; "~/" is the home directory), else in
 * $GIT_DIR/hooks; git runs it only when it is executable (access(2)
 * X_OK). It is flowgate's as is_pre_receive says, directly or through the
 * launcher install.sh places. Any doubt (a configuration that cannot be
 * read, a script that may run flowgate) answers 0: update then judges the
 * ref itself, and at worst the ref is judged twice.
 */
static int flowgate_pre_receive_runs(git_repository *repo)
{
	git_config *config = NULL;
	git_buf hooks = { 0 };
	char *path = NULL;
	int found = 0, rc;

	if (git_repository_config_snapshot(&config, repo) < 0)
		goto out;
	rc = git_config_get_path(&hooks, config, "core.hooksPath");
	if (rc == 0 && hooks.size)
		path = fg_strdupf("%s/pre-receive", hooks.ptr);
	else if (rc == GIT_ENOTFOUND || (rc == 0 && !hooks.size))
		path = fg_strdupf("%shooks/pre-receive", git_repository_path(repo));
	found = path && is_pre_receive(path, 1);
out:
	free(path);
	git_buf_dispose(&hooks);
	git_config_free(config);
	git_error_clear();
	return found;
}

int fg_run_update(struct fg_hook_ctx *ctx)
{
	git_repository *repo = NULL;
	struct fg_ref_update u;
	struct fg_pending_ref ref;
	struct fg_pending pending = { &ref, 1 };
	int status;

	if (ctx->argc != 4 || parse_oid(&u.remote, ctx->argv[2]) < 0 ||
	    parse_oid(&u.local, ctx->argv[3]) < 0) {
		fprintf(stderr, "flowgate update: usage: update <refname> <old oid> <new oid>\n");
		return FG_EXIT_USAGE;
	}
	u.local_ref = u.remote_ref = ctx->argv[1];
	if (open_for_push(ctx, &repo) < 0)
		return FG_EXIT_INTERNAL;
	/* git ran flowgate's pre-receive on the whole push already: nothing to add */
	if (flowgate_pre_receive_runs(repo)) {
		git_repository_free(repo);
		return FG_EXIT_OK;
	}
	ctx->receiving = 1;
	ref.refname = u.remote_ref;
	git_oid_cpy(&ref.id, &u.local);
	status = check_updates(ctx, repo, &u, 1, NULL, SERVER_REMOTE, &pending);
	git_repository_free(repo);
	return status;
}

/*
 * The branch a merge brought in: a branch, local or remote-tracking, but
 * not HEAD_NAME (after a fast-forward HEAD's own branch is there too), of
 * kind hotfix, else of kind release, whose tip is MERGED; local before
 * remote-tracking. *NAME gets it as git names it ("release/0.16.x",
 * "origin/hotfix/x"; newly allocated) and *BRANCH its kind and series.
 * Returns 1 when found, 0 if not (or out of memory).
 */
static int merged_branch(git_repository *repo, struct fg_config *cfg, const git_oid *merged,
			 const char *head_name, struct fg_branch *branch, char **name)
{
	static const char *const globs[] = { "refs/heads/*", "refs/remotes/*" };
	struct fg_branch parsed, release;
	char *release_name = NULL;

	*name = NULL;
	for (size_t g = 0; g < 2 && !*name; g++) {
		git_reference_iterator *it = NULL;
		git_reference *ref;

		if (git_reference_iterator_glob_new(&it, repo, globs[g]) < 0)
			continue;
		while (!*name && git_reference_next(&ref, it) == 0) {
			const char *full = git_reference_name(ref) + (g ? 13 : 11);
			const char *short_name = fg_refname_branch(git_reference_name(ref), NULL);
			const git_oid *target = git_reference_target(ref);

			if (target && short_name && git_oid_equal(target, merged) &&
			    (g || strcmp(full, head_name)) &&
			    fg_branch_parse(cfg, short_name, &parsed) == 0) {
				if (parsed.kind == FG_BRANCH_HOTFIX) {
					*branch = parsed;
					*name = strdup(full);
				} else if (parsed.kind == FG_BRANCH_RELEASE && parsed.series &&
					   !release_name) {
					release = parsed;
					release_name = strdup(full);
				}
			}
			git_reference_free(ref);
		}
		git_reference_iterator_free(it);
	}
	git_error_clear();
	if (*name) {
		free(release_name);
	} else if (release_name) {
		*branch = release;
		*name = release_name;
	}
	return *name != NULL;
}

/* nextStep: RELEASE (release/X.Y.x, SERIES) merged into main, at version CURRENT. */
static void next_step_after_release(struct fg_hook_ctx *ctx, const struct fg_version_set *set,
				    const char *release, const struct fg_branch *series,
				    const char *head_name)
{
	const struct fg_vfile_value *current = fg_versions_exact(set);
	unsigned long long major = series->major, minor = series->minor;
	struct fg_violation *v;

	if (current && (current->major > major || (current->major == major && current->minor > minor)))
		return; /* already bumped */
	v = fg_report_add(&ctx->report, FG_RULE_NEXT_STEP,
			  "%s is merged into %s; next, %s moves to %llu.%llu.0-dev", release,
			  head_name, head_name, major, minor + 1);
	fg_violation_hint(v, "flowgate bump dev --commit (writes %llu.%llu.0-dev in every version "
			  "file and commits it)", major, minor + 1);
}

/*
 * hotfixPropagation: hotfix branch HOTFIX was merged into HEAD_NAME: the
 * long-lived branches that lack it, and whether HEAD_NAME, a release or
 * maint branch holding it, has a release tag with it yet.
 */
static void hotfix_after_merge(struct fg_hook_ctx *ctx, git_repository *repo,
			       struct fg_config *cfg, const char *hotfix, const char *head_name)
{
	struct fg_hotfix fix;
	struct fg_violation *v;
	const struct fg_hotfix_row *here = NULL;
	char *why = NULL, *detail = NULL, *word;
	size_t size = 0;
	FILE *out;
	int rc;

	/* -2: the branch has no commit of its own (it was a release tag): nothing to say */
	if ((rc = fg_hotfix_status(&fix, repo, cfg, hotfix, 0, &why)) < 0) {
		if (rc == -1 && !cfg->error)
			fatal_line(ctx, "cannot tell which branches hold the hotfix",
				   why ? why : "out of memory");
		goto out;
	}
	for (size_t i = 0; i < fix.nrows; i++)
		if (!fix.rows[i].remote && !strcmp(fix.rows[i].name, head_name))
			here = &fix.rows[i];
	if (here && (here->parsed.kind != FG_BRANCH_RELEASE && here->parsed.kind != FG_BRANCH_MAINT))
		here = NULL;
	if (here && (here->state < FG_HOTFIX_PICKED || here->tag))
		here = NULL; /* lacking it, or tagged already: nothing to tag */
	if (!fix.lacking && !here)
		goto out;
	if (!(out = open_memstream(&detail, &size)))
		goto out;
	fg_hotfix_print_brief(&fix, out, here ? 6 : 7);
	/* the lines above may leave HEAD on another branch: the command says where */
	if (here && (word = fg_sh_quote(head_name, strlen(head_name), 0))) {
		fprintf(out, "%s holds it without a release tag: git checkout %s && flowgate bump "
			"patch --commit --tag\n", head_name, word);
		free(word);
	}
	fclose(out);
	if (fix.lacking)
		v = fg_report_add(&ctx->report, FG_RULE_HOTFIX_PROPAGATION,
				  "%s is merged into %s; %zu of %zu long-lived branches lack it", hotfix,
				  head_name, fix.lacking, fix.nrows);
	else
		v = fg_report_add(&ctx->report, FG_RULE_HOTFIX_PROPAGATION,
				  "%s is merged into %s; every long-lived branch has it", hotfix, head_name);
	fg_violation_detail(v, detail);
	word = fg_sh_quote(hotfix, strlen(hotfix), 0);
	fg_violation_hint(v, "flowgate hotfix-status %s shows every branch it affects; git "
			  "cherry-pick -x records the fix it picks", word ? word : "<hotfix-branch>");
	free(word);
out:
	free(detail);
	free(why);
	fg_hotfix_release(&fix);
}

/*
 * Did the merge change a version file? BEFORE is the tree before it;
 * AFTER_TREE or AFTER_INDEX (squash) the result. Unknown counts as changed.
 */
static int versions_changed(const struct fg_config *cfg, git_tree *before, git_tree *after_tree,
			    git_index *after_index)
{
	if (!before)
		return 1;
	for (size_t i = 0; i < cfg->nvfiles; i++) {
		git_tree_entry *old = NULL, *new = NULL;
		const git_index_entry *staged = NULL;
		int same;

		int ro = git_tree_entry_bypath(&old, before, cfg->vfiles[i].path), rn = 0;

		if (after_index)
			staged = git_index_get_bypath(after_index, cfg->vfiles[i].path, 0);
		else
			rn = git_tree_entry_bypath(&new, after_tree, cfg->vfiles[i].path);
		git_error_clear();
		if ((ro < 0 && ro != GIT_ENOTFOUND) || (rn < 0 && rn != GIT_ENOTFOUND))
			same = 0; /* a tree on the path cannot be read: unknown */
		else if (after_index)
			same = old ? staged && git_oid_equal(git_tree_entry_id(old), &staged->id) : !staged;
		else
			same = old ? new && git_oid_equal(git_tree_entry_id(old), git_tree_entry_id(new))
				   : !new;
		git_tree_entry_free(old);
		git_tree_entry_free(new);
		if (!same)
			return 1;
	}
	return 0;
}

/*
 * The commit a merge brought in (HEAD's second parent, or HEAD after a
 * fast-forward) into *MERGED, and the tree before the merge (HEAD's first
 * parent's, or ORIG_HEAD's; NULL when unknown) into *BEFORE. Returns 0, or
 * -1 when HEAD cannot be read.
 */
static int merge_sides(git_repository *repo, git_oid *merged, git_tree **before)
{
	git_commit *head = NULL, *prior = NULL;
	git_oid id;
	int rc = -1;

	*before = NULL;
	if (git_reference_name_to_id(&id, repo, "HEAD") < 0 ||
	    git_commit_lookup(&head, repo, &id) < 0)
		goto out;
	rc = 0;
	*merged = git_commit_parentcount(head) >= 2 ? *git_commit_parent_id(head, 1) : id;
	if (git_commit_parentcount(head) >= 2)
		git_commit_parent(&prior, head, 0);
	else if (git_reference_name_to_id(&id, repo, "ORIG_HEAD") == 0 &&
		 !git_oid_equal(&id, git_commit_id(head)))
		git_commit_lookup(&prior, repo, &id);
	if (prior)
		git_commit_tree(before, prior);
out:
	git_error_clear();
	git_commit_free(prior);
	git_commit_free(head);
	return rc;
}

/*
 * post-merge's advice, and post-commit's after a merge concluded by git
 * commit (COMMITTED): git runs post-merge only for a merge that needs no
 * commit of the user's, and post-commit (githooks(5)) for the commit that
 * concludes one stopped by conflicts. For post-commit, nothing when HEAD is
 * not a merge (two or more parents), and no version check (pre-commit
 * judged the staged files of that commit). Always FG_EXIT_OK but for a
 * repository that cannot be opened.
 */
static int advise_after_merge(struct fg_hook_ctx *ctx, int squash, int committed)
{
	git_repository *repo = NULL;
	git_index *index = NULL;
	git_object *tree = NULL;
	git_tree *before = NULL;
	git_oid merged;
	struct fg_vfiles files;
	struct fg_config cfg;
	struct fg_config_from from = { NULL, NULL, "HEAD", 0, 0 };
	struct fg_branch parsed, brought;
	const struct fg_branch *branch = NULL;
	char *name = NULL, *merged_name = NULL;
	int rc;

	memset(&files, 0, sizeof(files));
	memset(&cfg, 0, sizeof(cfg));
	if (open_repo(ctx, &repo) < 0)
		return FG_EXIT_INTERNAL;
	if (committed) {
		git_commit *head = NULL;
		git_oid id;
		int merge = git_reference_name_to_id(&id, repo, "HEAD") == 0 &&
			    git_commit_lookup(&head, repo, &id) == 0 &&
			    git_commit_parentcount(head) >= 2;

		git_commit_free(head);
		git_error_clear();
		if (!merge)
			goto out; /* a commit of its own: nothing to advise */
	}
	/*
	 * The merge result: HEAD's tree, without loading the index; the index
	 * after a squash merge, which leaves HEAD alone (the tree before is
	 * then HEAD's). The rules come from the same place.
	 */
	if (squash) {
		rc = git_repository_index(&index, repo);
		if (rc == 0 && git_revparse_single(&tree, repo, "HEAD^{tree}") == 0) {
			before = (git_tree *)tree;
			tree = NULL;
		}
		git_error_clear();
	} else {
		rc = git_revparse_single(&tree, repo, "HEAD^{tree}");
		if (rc == 0 && merge_sides(repo, &merged, &before) < 0)
			rc = -1;
	}
	if (rc < 0) {
		fatal_line(ctx, "cannot read the merge result", fg_git_error());
		goto out;
	}
	from.index = index;
	from.tree = (git_tree *)tree;
	if (load_config(ctx, &cfg, repo, &from, NULL) != FG_EXIT_OK)
		goto out;
	if (fg_repo_head_branch(repo, &name) == 0 && name &&
	    fg_branch_parse(&cfg, name, &parsed) == 0)
		branch = &parsed;
	rc = squash ? fg_vfiles_from_index(&files, repo, index, &cfg)
		    : fg_vfiles_from_tree(&files, repo, (git_tree *)tree, &cfg);
	if (rc < 0 && !cfg.error) {
		fatal_line(ctx, "cannot read the version files after the merge", fg_git_error());
		goto out;
	}
	/* only what the merge changed: an older disagreement was reported when it
	 * was made (and pre-commit judged a merge concluded by git commit) */
	if (rc == 0 && !committed && versions_changed(&cfg, before, (git_tree *)tree, index))
		fg_versions_check(&ctx->report, &files.set, branch, name);
	/* a squash merge made no commit yet: nothing is merged until it is committed */
	if (rc == 0 && !squash && name && !cfg.error &&
	    merged_branch(repo, &cfg, &merged, name, &brought, &merged_name)) {
		if (brought.kind == FG_BRANCH_RELEASE && branch && branch->kind == FG_BRANCH_MAIN)
			next_step_after_release(ctx, &files.set, merged_name, &brought, name);
		else if (brought.kind == FG_BRANCH_HOTFIX && (!branch || branch->kind != FG_BRANCH_HOTFIX))
			hotfix_after_merge(ctx, repo, &cfg, merged_name, name);
	}
	if (cfg.error)
		fg_config_failed(ctx, &cfg);
out:
	ctx->report.severity = NULL;
	fg_config_release(&cfg);
	fg_vfiles_release(&files);
	git_tree_free(before);
	git_object_free(tree);
	git_index_free(index);
	free(merged_name);
	free(name);
	git_repository_free(repo);
	return FG_EXIT_OK;
}

int fg_run_post_merge(struct fg_hook_ctx *ctx)
{
	if (ctx->argc != 2) {
		fprintf(stderr, "flowgate post-merge: usage: post-merge <squash-flag>\n");
		return FG_EXIT_USAGE;
	}
	return advise_after_merge(ctx, !strcmp(ctx->argv[1], "1"), 0);
}

int fg_run_post_commit(struct fg_hook_ctx *ctx)
{
	if (ctx->argc != 1) {
		fprintf(stderr, "flowgate post-commit: usage: post-commit (takes no arguments)\n");
		return FG_EXIT_USAGE;
	}
	return advise_after_merge(ctx, 0, 1);
}

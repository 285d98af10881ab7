/*
 * Tests of hook.c: fg_read_all on pipes, fg_run_chained running a small
 * /bin/sh script (its exit status, arguments and stdin), and the hooks'
 * exit statuses through fg_hook_main in a libgit2-made repository (exit
 * tests: the status is what git sees).
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "check_flowgate.h"
#include "fileio.h"
#include "hooks.h"
#include "pattern.h"

/* ---- fg_read_all ------------------------------------------------------ */

static const size_t read_sizes[] = { 0, 1, 4095, 4096, 4097, 10000, 60000 };

START_TEST(test_read_all_pipe)
{
	size_t want = read_sizes[_i], len = 12345;
	char *data = malloc(want + 1), *got = NULL;
	int fds[2];

	ck_assert_ptr_nonnull(data);
	for (size_t i = 0; i < want; i++)
		data[i] = (char)(i % 251); /* NUL bytes included */
	ck_assert_int_eq(pipe(fds), 0);
	/* Up to 60000 bytes fit in a Linux pipe buffer: write all, then read. */
	ck_assert(write(fds[1], data, want) == (ssize_t)want);
	close(fds[1]);
	ck_assert_int_eq(fg_read_all(fds[0], &got, &len), 0);
	close(fds[0]);
	ck_assert_ptr_nonnull(got);
	ck_assert_uint_eq(len, want);
	ck_assert(!memcmp(got, data, want));
	ck_assert_int_eq(got[len], '\0');
	free(got);
	free(data);
}
END_TEST

START_TEST(test_read_all_large_from_a_process)
{
	/* More than a pipe buffer, written by another process while we read. */
	FILE *p = popen("head -c 300000 /dev/zero | tr '\\000' 'z'", "r");
	char *got = NULL;
	size_t len = 0;

	ck_assert_ptr_nonnull(p);
	ck_assert_int_eq(fg_read_all(fileno(p), &got, &len), 0);
	ck_assert_int_eq(pclose(p), 0);
	ck_assert_uint_eq(len, 300000);
	for (size_t i = 0; i < len; i++)
		if (got[i] != 'z')
			ck_abort_msg("byte %zu is %d", i, got[i]);
	ck_assert_int_eq(got[len], '\0');
	free(got);
}
END_TEST

START_TEST(test_read_all_bad_fd)
{
	char *got = (char *)"sentinel";
	size_t len = 7;
	int fds[2];

	ck_assert_int_eq(pipe(fds), 0);
	close(fds[0]);
	close(fds[1]);
	errno = 0;
	ck_assert_int_eq(fg_read_all(fds[0], &got, &len), -1);
	ck_assert_int_eq(errno, EBADF);
	ck_assert_ptr_null(got);
	ck_assert_uint_eq(len, 0);
}
END_TEST

/* ---- fg_run_chained --------------------------------------------------- */

/*
 * The script: writes its stdin to $1, its argument count and arguments to
 * $1.args, then exits with $2 (so each case chooses the status).
 */
static const char chained_script[] =
	"#!/bin/sh\n"
	"cat > \"$1\"\n"
	"printf '%s\\n' \"$#\" \"$@\" > \"$1.args\"\n"
	"exit \"$2\"\n";

static const struct {
	struct fg_bytes input;
	const char *status_arg;
	int status;
} chained_cases[] = {
	{ FG_BYTES("refs/heads/main 1111111111111111111111111111111111111111 "
		   "refs/heads/main 0000000000000000000000000000000000000000\n"), "0", 0 },
	{ FG_BYTES("line\n"), "1", 1 },
	{ FG_BYTES(""), "7", 7 },
	{ FG_BYTES("bin\0ary\n"), "42", 42 },
	{ FG_BYTES("no final newline"), "255", 255 },
};

START_TEST(test_run_chained)
{
	char *dir = fg_test_mkdtemp();
	char *script = fg_strdupf("%s/hook.pre-flowgate", dir);
	char *out = fg_strdupf("%s/stdin", dir);
	char *args_path = fg_strdupf("%s/stdin.args", dir);
	char *argv[] = { (char *)"ignored-argv0", out, (char *)chained_cases[_i].status_arg,
			 (char *)"with space", NULL };
	char *got, *args, *want_args;
	size_t len;
	int status;

	fg_test_write_file(script, chained_script, sizeof(chained_script) - 1, 0755);
	status = fg_run_chained(script, 4, argv, chained_cases[_i].input.data,
				chained_cases[_i].input.len);
	got = fg_test_read_file(out, &len);
	args = fg_test_read_file(args_path, NULL);
	want_args = fg_strdupf("3\n%s\n%s\nwith space\n", out, chained_cases[_i].status_arg);
	free(script);
	free(out);
	free(args_path);
	fg_test_rmtree(dir);

	ck_assert_int_eq(status, chained_cases[_i].status);
	ck_assert_ptr_nonnull(got);
	ck_assert_uint_eq(len, chained_cases[_i].input.len);
	ck_assert(!memcmp(got, chained_cases[_i].input.data, len));
	ck_assert_ptr_nonnull(args);
	ck_assert_str_eq(args, want_args);
	free(got);
	free(args);
	free(want_args);
}
END_TEST

START_TEST(test_run_chained_large_input)
{
	/* 1 MB through the pipe: more than its buffer, so writes interleave. */
	char *dir = fg_test_mkdtemp();
	char *script = fg_strdupf("%s/hook", dir), *out = fg_strdupf("%s/stdin", dir);
	char *argv[] = { (char *)"hook", out, (char *)"3", NULL };
	size_t n = 1 << 20, len = 0;
	char *input = malloc(n), *got;
	int status;

	ck_assert_ptr_nonnull(input);
	for (size_t i = 0; i < n; i++)
		input[i] = (char)('a' + i % 26);
	fg_test_write_file(script, chained_script, sizeof(chained_script) - 1, 0755);
	status = fg_run_chained(script, 3, argv, input, n);
	got = fg_test_read_file(out, &len);
	free(script);
	free(out);
	fg_test_rmtree(dir);
	ck_assert_int_eq(status, 3);
	ck_assert_ptr_nonnull(got);
	ck_assert_uint_eq(len, n);
	ck_assert(!memcmp(got, input, n));
	free(got);
	free(input);
}
END_TEST

START_TEST(test_run_chained_hook_ignores_stdin)
{
	/* A hook that exits without reading: its status counts, no SIGPIPE kills us,
	 * and SIGPIPE's disposition is put back. */
	static const char script_text[] = "#!/bin/sh\nexit 9\n";
	char *dir = fg_test_mkdtemp(), *script = fg_strdupf("%s/hook", dir);
	char *argv[] = { (char *)"hook", NULL };
	size_t n = 4 << 20;
	char *input = calloc(1, n);
	struct sigaction before, after;
	int status;

	ck_assert_ptr_nonnull(input);
	fg_test_write_file(script, script_text, sizeof(script_text) - 1, 0755);
	ck_assert_int_eq(sigaction(SIGPIPE, NULL, &before), 0);
	status = fg_run_chained(script, 1, argv, input, n);
	ck_assert_int_eq(sigaction(SIGPIPE, NULL, &after), 0);
	free(input);
	free(script);
	fg_test_rmtree(dir);
	ck_assert_int_eq(status, 9);
	ck_assert(before.sa_handler == after.sa_handler);
}
END_TEST

START_TEST(test_run_chained_inherits_stdin)
{
	/* INPUT NULL: the hook reads the caller's own stdin. */
	char *dir = fg_test_mkdtemp();
	char *script = fg_strdupf("%s/hook", dir), *out = fg_strdupf("%s/stdin", dir);
	char *in = fg_strdupf("%s/in", dir);
	char *argv[] = { (char *)"hook", out, (char *)"0", NULL };
	char *got;
	int saved = dup(0), fd, status;

	fg_test_write_file(script, chained_script, sizeof(chained_script) - 1, 0755);
	fg_test_write_file(in, "from the caller\n", 16, 0600);
	ck_assert_int_ge(saved, 0);
	fd = open(in, O_RDONLY);
	ck_assert_int_ge(fd, 0);
	dup2(fd, 0);
	close(fd);
	status = fg_run_chained(script, 3, argv, NULL, 0);
	dup2(saved, 0);
	close(saved);
	got = fg_test_read_file(out, NULL);
	free(script);
	free(out);
	free(in);
	fg_test_rmtree(dir);
	ck_assert_int_eq(status, 0);
	ck_assert_ptr_nonnull(got);
	ck_assert_str_eq(got, "from the caller\n");
	free(got);
}
END_TEST

START_TEST(test_run_chained_killed)
{
	static const char script_text[] = "#!/bin/sh\nkill -TERM $$\nexit 0\n";
	char *dir = fg_test_mkdtemp(), *script = fg_strdupf("%s/hook", dir);
	char *argv[] = { (char *)"hook", NULL };
	int status;

	fg_test_write_file(script, script_text, sizeof(script_text) - 1, 0755);
	status = fg_run_chained(script, 1, argv, "x\n", 2);
	free(script);
	fg_test_rmtree(dir);
	ck_assert_int_eq(status, 128 + SIGTERM);
}
END_TEST

START_TEST(test_run_chained_missing)
{
	char *dir = fg_test_mkdtemp(), *missing = fg_strdupf("%s/no-such-hook", dir);
	char *argv[] = { (char *)"hook", NULL };
	struct fg_test_capture cap;
	char *err;
	int status, said;

	fg_test_capture_start(&cap, 2);
	status = fg_run_chained(missing, 1, argv, "x\n", 2);
	err = fg_test_capture_end(&cap);
	said = strstr(err, "flowgate: cannot run ") != NULL;
	free(err);
	free(missing);
	fg_test_rmtree(dir);
	ck_assert_msg(status == 126 || status == -1, "status %d", status);
	if (status == 126)
		ck_assert(said);
}
END_TEST

/*
 * Regression: with ARGC 0 (no argv[0] to skip) the argument vector once had
 * no room for its NULL terminator; valgrind reported "Syscall param
 * execve(argv) points to unaddressable byte(s)" (make valgrind).
 */
START_TEST(test_run_chained_argc_zero)
{
	static const char script_text[] = "#!/bin/sh\nexit $#\n";
	char *dir = fg_test_mkdtemp(), *script = fg_strdupf("%s/hook", dir);
	int status;

	fg_test_write_file(script, script_text, sizeof(script_text) - 1, 0755);
	status = fg_run_chained(script, 0, NULL, NULL, 0);
	free(script);
	fg_test_rmtree(dir);
	ck_assert_int_eq(status, 0);
}
END_TEST

/* ---- fg_hook_main: exit statuses -------------------------------------- */

static const struct fg_test_file hook_files[] = {
	{ "half_orm/version.txt", "0.16.0\n" },
	{ "docs/index.md", "This documentation covers halfORM **0.16.x** (latest development release).\n" },
};

#define DOCS_015 "This documentation covers halfORM **0.15.x** (latest stable release).\n"
#define DOCS_017 "This documentation covers halfORM **0.17.x** (latest development release).\n"

#define TEMPLATE(c) \
	"\n" c " Please enter the commit message for your changes. Lines starting\n" \
	c " with '" c "' will be ignored, and an empty message aborts the commit.\n"

static const struct {
	const char *name;
	const char *branch;        /* HEAD; "-" for a detached HEAD */
	const char *comment_char;  /* core.commentChar; NULL: unset */
	const char *cleanup;       /* commit.cleanup; NULL: unset */
	struct fg_bytes message;   /* the message file; FG_ABSENT: a missing path */
	int argc;                  /* 2 normally */
	const char *kept;          /* commit-msg.pre-flowgate script; NULL: none */
	int status;
	const char *err;           /* "" : stderr is empty; else a substring of it */
	int editor;                /* git launched an editor (GIT_EDITOR unset), else GIT_EDITOR=: */
} commit_msg_cases[] = {
	{ "valid", "main", NULL, NULL, FG_BYTES("feat: add x\n"), 2, NULL, 0, "", 0 },
	{ "valid with template", "main", NULL, NULL, FG_BYTES("fix(core): y\n" TEMPLATE("#")), 2, NULL,
	  0, "", 0 },
	{ "only comments: empty, git aborts itself", "main", NULL, NULL, FG_BYTES(TEMPLATE("#")), 2,
	  NULL, 0, "", 0 },
	{ "no type", "main", NULL, NULL, FG_BYTES("update stuff\n"), 2, NULL, 1,
	  "flowgate commit-msg: error: headerFormat: line 1, column 1: header 'update stuff' is not "
	  "'type(scope)!: subject'\n    update stuff\n    ^^^^^^^^^^^^\nhint: start with a type and a colon", 0 },
	{ "refusal names --no-verify", "main", NULL, NULL, FG_BYTES("Feat: x\n"), 2, NULL, 1,
	  "flowgate commit-msg: refused; to bypass once: git commit --no-verify\n", 0 },
	{ "refusal prints the command that reopens the message", "main", NULL, NULL,
	  FG_BYTES("Feat: x\n"), 2, NULL, 1,
	  "flowgate commit-msg: refused; to bypass once: git commit --no-verify\n"
	  "hint: git keeps the message until the next commit; edit it again: git commit -e -v -F "
	  "\"$(git rev-parse --git-path COMMIT_EDITMSG)\"\n"
	  "hint: or skip only typeCase for it: FLOWGATE_SKIP=typeCase git commit", 0 },
	{ "core.commentChar ';' strips ';' lines", "main", ";", NULL,
	  FG_BYTES("; not part of it\nfeat: x\n" TEMPLATE(";")), 2, NULL, 0, "", 0 },
	{ "default '#': ';' lines are the message", "main", NULL, NULL,
	  FG_BYTES("; not part of it\nfeat: x\n"), 2, NULL, 1, "error: headerFormat: line 1, column 1: header '; not part", 0 },
	{ "core.commentChar auto", "main", "auto", NULL,
	  FG_BYTES("#123 fix: x\n" TEMPLATE(";")), 2, NULL, 1,
	  "error: headerFormat: line 1, column 1: header '#123 fix: x'", 0 },
	{ "-m: a '#' first line is kept by git, so it is the header", "main", NULL, NULL,
	  FG_BYTES("#123 fix: x\n"), 2, NULL, 1, "error: headerFormat: line 1, column 1: header '#123 fix: x'", 0 },
	{ "commit.cleanup strip: '#' lines go even without template", "main", NULL, "strip",
	  FG_BYTES("# fix the build\nfeat: x\n"), 2, NULL, 0, "", 0 },
	{ "commit.cleanup verbatim: the template stays, below its blank line 1", "main", NULL, "verbatim",
	  FG_BYTES(TEMPLATE("#") "feat: x\n"), 2, NULL, 1,
	  "error: headerFormat: line 2, column 1: header '# Please enter the commit message", 0 },
	{ "editor, no template (commit.status=false): '#' lines are comments", "main", NULL, NULL,
	  FG_BYTES("# my note\nfeat: x\n"), 2, NULL, 0, "", 1 },
	{ "editor, commit.cleanup scissors: '#' lines are kept", "main", NULL, "scissors",
	  FG_BYTES("# header\nfeat: x\n" "# ------------------------ >8 ------------------------\nwip\n"),
	  2, NULL, 1, "error: headerFormat: line 1, column 1: header '# header'", 1 },
	{ "NUL byte", "main", NULL, NULL, FG_BYTES("feat: x\0\n"), 2, NULL, 1,
	  "error: messageEncoding: line 1, column 8: the message holds a NUL byte\n"
	  "    feat: x \n           ^\n", 0 },
	{ "usage: no message file", "main", NULL, NULL, FG_BYTES("feat: x\n"), 1, NULL, 2,
	  "usage: commit-msg <message-file>", 0 },
	{ "usage: two message files", "main", NULL, NULL, FG_BYTES("feat: x\n"), 3, NULL, 2,
	  "usage: commit-msg <message-file>", 0 },
	{ "unreadable message file", "main", NULL, NULL, FG_ABSENT, 2, NULL, 3,
	  "flowgate commit-msg: fatal: cannot read the message file", 0 },
	{ "the kept hook runs after the checks, its status wins", "main", NULL, NULL,
	  FG_BYTES("feat: x\n"), 2, "#!/bin/sh\necho \"kept ran on $1\" >&2\nexit 5\n", 5,
	  "kept ran on ", 0 },
	{ "the kept hook does not run when refused", "main", NULL, NULL,
	  FG_BYTES("wip: x\n"), 2, "#!/bin/sh\necho kept ran >&2\nexit 0\n", 1, "typeEnum", 0 },
	{ "a kept hook that is not executable is skipped", "main", NULL, NULL,
	  FG_BYTES("feat: x\n"), 2, NULL, 0, "", 0 },
	{ "detached HEAD does not matter to commit-msg", "-", NULL, NULL, FG_BYTES("feat: x\n"), 2,
	  NULL, 0, "", 0 },
};

static void hook_setup(void)
{
	fg_test_no_color_save();
	setenv("NO_COLOR", "1", 1);
}

/* Repository for a hook case: HEAD on BRANCH ("-": detached at the commit). */
static void make_repo(struct fg_test_repo *r, const char *branch)
{
	fg_test_repo_create(r, !strcmp(branch, "-") ? "main" : branch, hook_files,
			    FG_COUNT(hook_files));
	if (!strcmp(branch, "-")) {
		git_oid head;
		ck_assert_int_eq(git_reference_name_to_id(&head, r->repo, "HEAD"), 0);
		ck_assert_int_eq(git_repository_set_head_detached(r->repo, &head), 0);
	}
}

/* Write the kept hook KEPT next to ARGV0 (in DIR/hooks). */
static char *hooks_dir(struct fg_test_repo *r, const char *hook, const char *kept)
{
	char *dir = fg_strdupf("%s/hooks", r->dir);

	ck_assert_int_eq(mkdir(dir, 0755), 0);
	if (kept) {
		char *path = fg_strdupf("%s/%s.pre-flowgate", dir, hook);
		fg_test_write_file(path, kept, strlen(kept), 0755);
		free(path);
	}
	return dir;
}

/*
 * Check the captured stderr ERR: it holds WANT ("": it is empty) and not
 * LACKS (NULL: no such check). Frees ERR either way.
 */
static void assert_err(char *err, const char *want, const char *lacks, const char *name)
{
	int ok = *want ? strstr(err, want) != NULL : *err == '\0';
	int clean = !lacks || !strstr(err, lacks);

	if (!ok || !clean) {
		char msg[2048];
		snprintf(msg, sizeof(msg), "%s: stderr\n%s\n%s\n%s", name, err,
			 ok ? "holds" : "lacks", ok ? lacks : want);
		free(err);
		ck_abort_msg("%s", msg);
	}
	free(err);
}

START_TEST(test_hook_commit_msg)
{
	struct fg_test_repo r;
	struct fg_test_capture cap;
	char *dir, *argv0, *msg, *err;
	char *argv[4];
	int status;

	make_repo(&r, commit_msg_cases[_i].branch);
	if (commit_msg_cases[_i].comment_char)
		fg_test_repo_config(&r, "core.commentChar", commit_msg_cases[_i].comment_char);
	if (commit_msg_cases[_i].cleanup)
		fg_test_repo_config(&r, "commit.cleanup", commit_msg_cases[_i].cleanup);
	dir = hooks_dir(&r, "commit-msg", commit_msg_cases[_i].kept);
	if (strstr(commit_msg_cases[_i].name, "not executable")) {
		static const char kept[] = "#!/bin/sh\nexit 9\n";
		char *path = fg_strdupf("%s/commit-msg.pre-flowgate", dir);
		fg_test_write_file(path, kept, sizeof(kept) - 1, 0644);
		free(path);
	}
	argv0 = fg_strdupf("%s/commit-msg", dir);
	msg = fg_strdupf("%s/COMMIT_EDITMSG", r.gitdir);
	if (commit_msg_cases[_i].message.data)
		fg_test_write_file(msg, commit_msg_cases[_i].message.data,
				   commit_msg_cases[_i].message.len, 0644);
	argv[0] = argv0;
	argv[1] = msg;
	argv[2] = msg;
	argv[3] = NULL;

	/* git sets GIT_EDITOR=: for the hook when it launches no editor */
	if (commit_msg_cases[_i].editor)
		unsetenv("GIT_EDITOR");
	else
		setenv("GIT_EDITOR", ":", 1);
	fg_test_capture_start(&cap, 2);
	status = fg_hook_main("commit-msg", commit_msg_cases[_i].argc, argv, fg_run_commit_msg, 0);
	err = fg_test_capture_end(&cap);
	unsetenv("GIT_EDITOR");
	free(argv0);
	free(msg);
	free(dir);
	fg_test_repo_release(&r);
	/* A refused message never reaches the kept hook. */
	assert_err(err, commit_msg_cases[_i].err,
		   commit_msg_cases[_i].status == FG_EXIT_VIOLATION ? "kept ran" : NULL,
		   commit_msg_cases[_i].name);
	ck_assert_int_eq(status, commit_msg_cases[_i].status);
}
END_TEST

static const struct {
	const char *name;
	const char *hook;          /* pre-commit or post-merge */
	const char *branch;
	const char *version_txt;   /* staged over the committed 0.16.0; NULL: unchanged */
	const char *docs;          /* staged; NULL: unchanged (0.16.x) */
	int commit;                /* commit what was staged (a merge result) */
	int argc;
	const char *arg;           /* argv[1]: post-merge's squash flag */
	int status;
	const char *err;
} tree_cases[] = {
	{ "pre-commit: clean", "pre-commit", "main", NULL, NULL, 0, 1, NULL, 0, "" },
	{ "pre-commit: feature branch, staged alpha", "pre-commit", "feature/new-cli",
	  "0.16.1-alpha1\n", NULL, 0, 1, NULL, 0, "" },
	{ "pre-commit: an rc on a feature branch warns", "pre-commit", "feature/new-cli",
	  "0.16.1-rc1\n", NULL, 0, 1, NULL, 0,
	  "flowgate pre-commit: warning: versionPreReleaseBranch: release candidate 0.16.1-rc1 is "
	  "set on branch 'feature/new-cli' in the staged version files; release candidates are cut "
	  "on release/0.16.x only\nhint: cut it on release/0.16.x: git checkout -b release/0.16.x" },
	{ "pre-commit: an rc on its release branch", "pre-commit", "release/0.16.x",
	  "0.16.1-rc1\n", NULL, 0, 1, NULL, 0, "" },
	{ "pre-commit: -dev on a release branch warns", "pre-commit", "release/0.16.x",
	  "0.16.1-dev\n", NULL, 0, 1, NULL, 0,
	  "warning: versionPreReleaseBranch: development version 0.16.1-dev is set on branch "
	  "'release/0.16.x' in the staged version files" },
	{ "pre-commit: -dev on a maint branch warns", "pre-commit", "maint/0.16.x",
	  "0.16.1-dev\n", NULL, 0, 1, NULL, 0, "warning: versionPreReleaseBranch: development " },
	/* issue 20, item 11: errors, the workflow guide cuts releases on release/ only */
	{ "pre-commit: a release straight on main is refused", "pre-commit", "main", "0.16.1\n",
	  NULL, 0, 1, NULL, 1,
	  "error: versionReleaseBranch: release 0.16.1 is set on branch 'main' in the staged "
	  "version files, not by merging release/0.16.x" },
	{ "pre-commit: an rc on main is refused", "pre-commit", "main", "0.16.1-rc1\n", NULL, 0, 1,
	  NULL, 1, "error: versionReleaseBranch: release candidate 0.16.1-rc1 is set on branch "
	  "'main'" },
	{ "pre-commit: an rc on dev/* is refused", "pre-commit", "dev/0.16.x", "0.16.1-rc1\n", NULL,
	  0, 1, NULL, 1, "error: versionReleaseBranch: release candidate 0.16.1-rc1 is set on "
	  "branch 'dev/0.16.x'" },
	{ "pre-commit: the next -dev on main", "pre-commit", "main", "0.17.0-dev\n", DOCS_017, 0, 1,
	  NULL, 0, "" },
	{ "pre-commit: the version goes down", "pre-commit", "feature/x", "0.15.9\n", DOCS_015, 0,
	  1, NULL, 1,
	  "flowgate pre-commit: error: versionRegression: the version goes down from 0.16.0 to "
	  "0.15.9 in the staged version files\nhint: versions only go up: write '0.16.0' or higher" },
	{ "pre-commit: a final release goes down to its rc", "pre-commit", "release/0.16.x",
	  "0.16.0-rc3\n", NULL, 0, 1, NULL, 1,
	  "error: versionRegression: the version goes down from 0.16.0 to 0.16.0-rc3" },
	{ "pre-commit: master", "pre-commit", "master", NULL, NULL, 0, 1, NULL, 1,
	  "flowgate pre-commit: error: branchName: branch 'master' is not a workflow branch" },
	{ "pre-commit: master hint", "pre-commit", "master", NULL, NULL, 0, 1, NULL, 1,
	  "\nhint: rename it: git branch -m main\n" },
	{ "pre-commit: staged disagreement", "pre-commit", "feature/x", NULL, DOCS_015, 0, 1, NULL, 1,
	  "flowgate pre-commit: error: versionConsistency: version files disagree: "
	  "half_orm/version.txt says '0.16.0' but docs/index.md says '0.15.x'" },
	{ "pre-commit: the index counts, not HEAD", "pre-commit", "feature/x", "0.17.0-dev\n",
	  DOCS_017, 0, 1, NULL, 0, "" },
	{ "pre-commit: staged invalid version", "pre-commit", "main", "0.16.0-preview\n", NULL, 0, 1,
	  NULL, 1, "error: versionFormat: half_orm/version.txt holds '0.16.0-preview'" },
	{ "pre-commit: release/0.16.x at 0.17.0", "pre-commit", "release/0.16.x", "0.17.0\n",
	  "This documentation covers halfORM **0.17.x** (latest development release).\n", 0, 1, NULL,
	  1, "error: branchVersionSeries: " },
	{ "pre-commit: detached HEAD is not refused", "pre-commit", "-", NULL, NULL, 0, 1, NULL, 0, "" },
	{ "pre-commit: usage", "pre-commit", "main", NULL, NULL, 0, 2, "x", 2,
	  "usage: pre-commit (takes no arguments)" },
	{ "post-merge: disagreement in the merge result only warns", "post-merge", "main", NULL,
	  DOCS_015, 1, 2, "0", 0, "flowgate post-merge: warning: versionConsistency: " },
	{ "post-merge: a squash merge is read from the index", "post-merge", "main", NULL, DOCS_015, 0,
	  2, "1", 0, "flowgate post-merge: warning: versionConsistency: " },
	{ "post-merge: clean", "post-merge", "feature/x", NULL, NULL, 0, 2, "0", 0, "" },
	{ "post-merge: usage still exits 0", "post-merge", "main", NULL, NULL, 0, 1, NULL, 0,
	  "usage: post-merge <squash-flag>" },
};

START_TEST(test_hook_tree)
{
	struct fg_test_repo r;
	struct fg_test_capture cap;
	char *dir, *argv0, *err;
	char *argv[3];
	int status, post_merge = !strcmp(tree_cases[_i].hook, "post-merge");

	make_repo(&r, tree_cases[_i].branch);
	if (tree_cases[_i].version_txt)
		fg_test_repo_stage(&r, "half_orm/version.txt", tree_cases[_i].version_txt);
	if (tree_cases[_i].docs)
		fg_test_repo_stage(&r, "docs/index.md", tree_cases[_i].docs);
	if (tree_cases[_i].commit)
		fg_test_repo_commit(&r, "Merge branch 'docs/stale'\n", NULL);
	dir = hooks_dir(&r, tree_cases[_i].hook, NULL);
	argv0 = fg_strdupf("%s/%s", dir, tree_cases[_i].hook);
	argv[0] = argv0;
	argv[1] = (char *)tree_cases[_i].arg;
	argv[2] = NULL;

	fg_test_capture_start(&cap, 2);
	status = fg_hook_main(tree_cases[_i].hook, tree_cases[_i].argc, argv,
			      post_merge ? fg_run_post_merge : fg_run_pre_commit, post_merge);
	err = fg_test_capture_end(&cap);
	free(argv0);
	free(dir);
	fg_test_repo_release(&r);
	assert_err(err, tree_cases[_i].err, NULL, tree_cases[_i].name);
	ck_assert_int_eq(status, tree_cases[_i].status);
}
END_TEST

START_TEST(test_hook_post_merge_next_step)
{
	/* A fast-forward of main to the tip of release/0.16.x at 0.16.0. */
	struct fg_test_repo r;
	struct fg_test_capture cap;
	git_reference *ref = NULL;
	git_oid head;
	char *dir, *argv0, *err, *argv[3];
	int status;

	make_repo(&r, "main");
	ck_assert_int_eq(git_reference_name_to_id(&head, r.repo, "HEAD"), 0);
	ck_assert_int_eq(git_reference_create(&ref, r.repo, "refs/heads/release/0.16.x", &head, 0,
					      NULL), 0);
	git_reference_free(ref);
	dir = hooks_dir(&r, "post-merge", NULL);
	argv0 = fg_strdupf("%s/post-merge", dir);
	argv[0] = argv0;
	argv[1] = (char *)"0";
	argv[2] = NULL;
	fg_test_capture_start(&cap, 2);
	status = fg_hook_main("post-merge", 2, argv, fg_run_post_merge, 1);
	err = fg_test_capture_end(&cap);
	free(argv0);
	free(dir);
	fg_test_repo_release(&r);
	assert_err(err, "flowgate post-merge: info: nextStep: release/0.16.x is merged into main; "
			"next, main moves to 0.17.0-dev\nhint: flowgate bump dev --commit (writes 0.17.0-dev "
			"in every version file and commits it)\n", "warning", "nextStep");
	ck_assert_int_eq(status, 0);
}
END_TEST

/* A commit of HEAD's tree with PARENTS[0..N) (HEAD moves to it when UPDATE_HEAD). */
static void tree_commit(struct fg_test_repo *r, const git_oid *parents, size_t n,
			const char *message, int update_head, git_oid *out)
{
	git_commit *p[2] = { NULL, NULL }, *head = NULL;
	git_tree *tree = NULL;
	git_signature *sig = NULL;
	git_oid head_id;

	ck_assert_uint_le(n, 2);
	ck_assert_int_eq(git_reference_name_to_id(&head_id, r->repo, "HEAD"), 0);
	ck_assert_int_eq(git_commit_lookup(&head, r->repo, &head_id), 0);
	ck_assert_int_eq(git_commit_tree(&tree, head), 0);
	for (size_t i = 0; i < n; i++)
		ck_assert_int_eq(git_commit_lookup(&p[i], r->repo, &parents[i]), 0);
	ck_assert_int_eq(git_signature_new(&sig, "Flowgate Test", "test@example.com", 1700000000, 0),
			 0);
	ck_assert_int_eq(git_commit_create(out, r->repo, update_head ? "HEAD" : NULL, sig, sig, NULL,
					   message, tree, n, (const git_commit **)p), 0);
	git_signature_free(sig);
	for (size_t i = 0; i < n; i++)
		git_commit_free(p[i]);
	git_tree_free(tree);
	git_commit_free(head);
}

/* post-commit, installed in DIR (no argument, or ARG): its exit status, and stderr into *ERR. */
static int run_post_commit(const char *dir, const char *arg, char **err)
{
	struct fg_test_capture cap;
	char *argv0 = fg_strdupf("%s/post-commit", dir);
	char *argv[3] = { argv0, (char *)arg, NULL };
	int status;

	fg_test_capture_start(&cap, 2);
	status = fg_hook_main("post-commit", arg ? 2 : 1, argv, fg_run_post_commit, 1);
	*err = fg_test_capture_end(&cap);
	free(argv0);
	return status;
}

/*
 * post-commit (issue 20, item 13): a merge of release/0.16.x into main
 * stopped by conflicts and concluded by git commit is a merge commit that
 * git's post-merge never saw: post-commit gives nextStep. After a commit
 * that is no merge it says nothing.
 */
START_TEST(test_hook_post_commit)
{
	struct fg_test_repo r;
	git_oid base, fix, mine, parents[2], merge;
	char *err, *dir;

	make_repo(&r, "main");
	dir = hooks_dir(&r, "post-commit", NULL);
	ck_assert_int_eq(git_reference_name_to_id(&base, r.repo, "HEAD"), 0);
	tree_commit(&r, &base, 1, "fix: on the release branch\n", 0, &fix);
	ck_assert_int_eq(git_reference_create(NULL, r.repo, "refs/heads/release/0.16.x", &fix, 0,
					      NULL), 0);
	tree_commit(&r, &base, 1, "docs: on main meanwhile\n", 1, &mine);
	/* a commit of its own: nothing */
	ck_assert_int_eq(run_post_commit(dir, NULL, &err), 0);
	assert_err(err, "", NULL, "post-commit after a plain commit");
	/* the merge, as git commit concludes it */
	git_oid_cpy(&parents[0], &mine);
	git_oid_cpy(&parents[1], &fix);
	tree_commit(&r, parents, 2, "Merge branch 'release/0.16.x'\n", 1, &merge);
	ck_assert_int_eq(run_post_commit(dir, NULL, &err), 0);
	assert_err(err, "flowgate post-commit: info: nextStep: release/0.16.x is merged into main; "
			"next, main moves to 0.17.0-dev\nhint: flowgate bump dev --commit (writes "
			"0.17.0-dev in every version file and commits it)\n", "warning",
		   "post-commit after the merge");
	/* git gives post-commit no argument; like post-merge, it never fails */
	ck_assert_int_eq(run_post_commit(dir, "0", &err), 0);
	assert_err(err, "usage: post-commit (takes no arguments)", NULL, "post-commit usage");
	free(dir);
	fg_test_repo_release(&r);
}
END_TEST

#define ZERO "0000000000000000000000000000000000000000"

static const struct {
	const char *name;
	const char *input;     /* @H: HEAD's id, @T: an annotated tag v0.16.0, @Z: zeros */
	const char *extra;     /* a commit made on HEAD first, with this message; NULL: none */
	int argc;
	const char *kept;      /* pre-push.pre-flowgate script; NULL: none */
	int status;
	const char *err;
} push_cases[] = {
	{ "new branch main", "refs/heads/main @H refs/heads/main @Z\n", NULL, 3, NULL, 0, "" },
	{ "nothing to push", "", NULL, 3, NULL, 0, "" },
	{ "a deletion is skipped", "(delete) @Z refs/heads/wip @H\n", NULL, 3, NULL, 0, "" },
	{ "branch pushed under a bad name", "refs/heads/main @H refs/heads/wip @Z\n", NULL, 3, NULL, 1,
	  "flowgate pre-push: error: branchName: branch 'wip' is not a workflow branch" },
	{ "a new commit with a bad message", "refs/heads/main @H refs/heads/main @Z\n",
	  "update stuff\n", 3, NULL, 1, "error: headerFormat: commit " },
	{ "annotated release tag", "refs/tags/v0.16.0 @T refs/tags/v0.16.0 @Z\n", NULL, 3, NULL, 0, "" },
	{ "lightweight tag", "refs/tags/v0.16.0 @H refs/tags/v0.16.0 @Z\n", NULL, 3, NULL, 1,
	  "error: tagAnnotated: tag 'v0.16.0' is lightweight, not annotated" },
	{ "annotated tag of another version", "refs/tags/v0.16.0 @T refs/tags/v0.16.0-rc1 @Z\n", NULL,
	  3, NULL, 1, "error: tagVersionMatch: tag 'v0.16.0-rc1' points at a commit whose "
	  "half_orm/version.txt says '0.16.0'" },
	{ "a tag the remote has elsewhere", "refs/tags/v0.16.0 @T refs/tags/v0.16.0 @H\n", NULL, 3,
	  NULL, 1, "error: tagMoved: tag 'v0.16.0' already exists on the remote (" },
	{ "malformed input", "refs/heads/main @H\n", NULL, 3, NULL, 2, "malformed input line" },
	{ "short object id", "refs/heads/main 1234 refs/heads/main @Z\n", NULL, 3, NULL, 2,
	  "malformed input line" },
	{ "usage", "", NULL, 2, NULL, 2, "usage: pre-push <remote-name> <url>" },
	{ "kept hook gets the same arguments and stdin",
	  "refs/heads/main @H refs/heads/main @Z\n", NULL, 3,
	  "#!/bin/sh\nprintf 'args:%s %s\\n' \"$1\" \"$2\" >&2\nsed 's/^/stdin:/' >&2\nexit 4\n", 4,
	  "args:origin /srv/origin.git\nstdin:refs/heads/main " },
};

/* INPUT with @H, @T and @Z replaced by HEAD, TAG and the zero id. */
static char *expand_input(const char *input, const git_oid *head, const git_oid *tag)
{
	char *out = malloc(strlen(input) * 21 + 1), *p = out;

	ck_assert_ptr_nonnull(out);
	for (const char *s = input; *s; s++) {
		if (s[0] == '@' && (s[1] == 'H' || s[1] == 'T')) {
			git_oid_fmt(p, s[1] == 'H' ? head : tag);
			p += GIT_OID_HEXSZ;
			s++;
		} else if (s[0] == '@' && s[1] == 'Z') {
			memcpy(p, ZERO, GIT_OID_HEXSZ);
			p += GIT_OID_HEXSZ;
			s++;
		} else {
			*p++ = *s;
		}
	}
	*p = '\0';
	return out;
}

START_TEST(test_hook_pre_push)
{
	struct fg_test_repo r;
	struct fg_test_capture cap;
	git_oid head, tag;
	git_object *target = NULL;
	git_signature *sig = NULL;
	char *dir, *argv0, *err, *input, *in_path, *argv[4];
	int status, saved, fd;

	make_repo(&r, "main");
	if (push_cases[_i].extra)
		fg_test_repo_commit(&r, push_cases[_i].extra, NULL);
	ck_assert_int_eq(git_reference_name_to_id(&head, r.repo, "HEAD"), 0);
	ck_assert_int_eq(git_object_lookup(&target, r.repo, &head, GIT_OBJECT_COMMIT), 0);
	ck_assert_int_eq(git_signature_new(&sig, "T", "t@example.com", 1700000000, 0), 0);
	ck_assert_int_eq(git_tag_annotation_create(&tag, r.repo, "v0.16.0", target, sig,
						   "release: 0.16.0\n"), 0);
	git_signature_free(sig);
	git_object_free(target);
	/* the release branch of the tag's series holds HEAD (tagOnReleaseBranch) */
	{
		git_reference *branch = NULL;

		ck_assert_int_eq(git_reference_create(&branch, r.repo, "refs/heads/release/0.16.x",
						      &head, 0, NULL), 0);
		git_reference_free(branch);
	}

	dir = hooks_dir(&r, "pre-push", push_cases[_i].kept);
	argv0 = fg_strdupf("%s/pre-push", dir);
	argv[0] = argv0;
	argv[1] = (char *)"origin";
	argv[2] = (char *)"/srv/origin.git";
	argv[3] = NULL;
	input = expand_input(push_cases[_i].input, &head, &tag);
	in_path = fg_strdupf("%s/push-input", r.dir);
	fg_test_write_file(in_path, input, strlen(input), 0600);

	saved = dup(0);
	ck_assert_int_ge(saved, 0);
	fd = open(in_path, O_RDONLY);
	ck_assert_int_ge(fd, 0);
	dup2(fd, 0);
	close(fd);
	fg_test_capture_start(&cap, 2);
	status = fg_hook_main("pre-push", push_cases[_i].argc, argv, fg_run_pre_push, 0);
	err = fg_test_capture_end(&cap);
	dup2(saved, 0);
	close(saved);

	free(input);
	free(in_path);
	free(argv0);
	free(dir);
	fg_test_repo_release(&r);
	assert_err(err, push_cases[_i].err, NULL, push_cases[_i].name);
	ck_assert_int_eq(status, push_cases[_i].status);
}
END_TEST

Suite *hook_suite(void)
{
	Suite *s = suite_create("hook");
	TCase *read = tcase_create("read_all");
	TCase *chained = tcase_create("chained");
	TCase *main_tc = tcase_create("hook_main");

	tcase_add_loop_test(read, test_read_all_pipe, 0, (int)FG_COUNT(read_sizes));
	tcase_add_test(read, test_read_all_large_from_a_process);
	tcase_add_test(read, test_read_all_bad_fd);
	suite_add_tcase(s, read);

	tcase_add_loop_test(chained, test_run_chained, 0, (int)FG_COUNT(chained_cases));
	tcase_add_test(chained, test_run_chained_large_input);
	tcase_add_test(chained, test_run_chained_hook_ignores_stdin);
	tcase_add_test(chained, test_run_chained_inherits_stdin);
	tcase_add_test(chained, test_run_chained_killed);
	tcase_add_test(chained, test_run_chained_missing);
	tcase_add_test(chained, test_run_chained_argc_zero);
	suite_add_tcase(s, chained);

	/*
	 * Each case asserts the status fg_hook_main returns (what git sees).
	 * Not exit tests: a failed assertion exits the forked test with 1,
	 * which an exit test expecting 1 would count as a pass.
	 */
	tcase_add_checked_fixture(main_tc, hook_setup, fg_test_no_color_restore);
	tcase_set_timeout(main_tc, 30);
	for (int i = 0; i < (int)FG_COUNT(commit_msg_cases); i++)
		tcase_add_loop_test(main_tc, test_hook_commit_msg, i, i + 1);
	for (int i = 0; i < (int)FG_COUNT(tree_cases); i++)
		tcase_add_loop_test(main_tc, test_hook_tree, i, i + 1);
	tcase_add_test(main_tc, test_hook_post_merge_next_step);
	tcase_add_test(main_tc, test_hook_post_commit);
	for (int i = 0; i < (int)FG_COUNT(push_cases); i++)
		tcase_add_loop_test(main_tc, test_hook_pre_push, i, i + 1);
	suite_add_tcase(s, main_tc);
	return s;
}

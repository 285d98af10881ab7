/*
 * Fixtures shared by the suites: one temporary directory per run holding
 * every test's files (removed by the runner even when a forked test fails
 * before its teardown), stderr capture, and repositories made through
 * libgit2 with the user's git configuration kept out.
 */
#define _XOPEN_SOURCE 700 /* nftw */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "check_flowgate.h"
#include "replace.h"


/* The run's directory, made by fg_test_run_begin (check_main.c). */
static char *run_dir;
static unsigned run_seq;

void fg_test_run_begin(void)
{
	const char *tmp = getenv("TMPDIR");
	char *templ = fg_strdupf("%s/flowgate-unit-XXXXXX", tmp && *tmp ? tmp : "/tmp");

	if (!templ || !mkdtemp(templ)) {
		perror("flowgate unit tests: cannot create a temporary directory");
		exit(3);
	}
	run_dir = templ;
}

static struct fg_config test_config;
static int test_config_ready;

struct fg_config *fg_test_config(void)
{
	if (!test_config_ready) {
		ck_assert_int_eq(fg_config_init(&test_config), 0);
		test_config_ready = 1;
	}
	return &test_config;
}

void fg_test_run_end(void)
{
	if (test_config_ready)
		fg_config_release(&test_config);
	test_config_ready = 0;
	fg_test_rmtree(run_dir);
	run_dir = NULL;
}


size_t fg_test_count_rule(const struct fg_report *report, enum fg_rule rule)
{
	size_t n = 0;

	for (size_t i = 0; i < report->n; i++)
		n += report->items[i].rule == rule;
	return n;
}

char *fg_test_mkdtemp(void)
{
	char *dir;

	ck_assert_ptr_nonnull(run_dir);
	/* The pid keeps forked tests apart; the sequence, one test's several dirs. */
	dir = fg_strdupf("%s/t%ld-%u", run_dir, (long)getpid(), run_seq++);
	ck_assert_ptr_nonnull(dir);
	ck_assert_msg(mkdir(dir, 0700) == 0, "mkdir %s: %s", dir, strerror(errno));
	return dir;
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path) < 0 && errno != ENOENT ? -1 : 0;
}

void fg_test_rmtree(char *dir)
{
	if (!dir)
		return;
	nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
	free(dir);
}

void fg_test_write_file(const char *path, const char *data, size_t len, unsigned mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, (mode_t)mode);
	size_t off = 0;

	ck_assert_msg(fd >= 0, "open %s: %s", path, strerror(errno));
	while (off < len) {
		ssize_t w = write(fd, data + off, len - off);
		ck_assert_msg(w > 0, "write %s: %s", path, strerror(errno));
		off += (size_t)w;
	}
	ck_assert_int_eq(close(fd), 0);
	/* open() applies the umask; the test wants MODE itself (e.g. 0755). */
	ck_assert_int_eq(chmod(path, (mode_t)mode), 0);
}

char *fg_test_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t n = 0, alloc = 0;
	int c;

	if (!f)
		return NULL;
	while ((c = getc(f)) != EOF) {
		if (n + 1 >= alloc) {
			char *bigger = realloc(buf, alloc = alloc ? alloc * 2 : 256);
			ck_assert_ptr_nonnull(bigger);
			buf = bigger;
		}
		buf[n++] = (char)c;
	}
	fclose(f);
	if (!buf)
		buf = calloc(1, 1);
	ck_assert_ptr_nonnull(buf);
	buf[n] = '\0';
	if (len)
		*len = n;
	return buf;
}

void fg_test_capture_start(struct fg_test_capture *c, int fd)
{
	fflush(stdout);
	fflush(stderr);
	c->fd = fd;
	c->file = tmpfile();
	ck_assert_ptr_nonnull(c->file);
	c->saved = dup(fd);
	ck_assert_int_ge(c->saved, 0);
	ck_assert_int_ge(dup2(fileno(c->file), fd), 0);
}

char *fg_test_capture_end(struct fg_test_capture *c)
{
	char *buf;
	long size;

	fflush(stdout);
	fflush(stderr);
	dup2(c->saved, c->fd);
	close(c->saved);
	fseek(c->file, 0, SEEK_END);
	size = ftell(c->file);
	rewind(c->file);
	buf = malloc(size > 0 ? (size_t)size + 1 : 1);
	ck_assert_ptr_nonnull(buf);
	buf[size > 0 && fread(buf, 1, (size_t)size, c->file) == (size_t)size ? size : 0] = '\0';
	fclose(c->file);
	return buf;
}

static void check_git(int rc, const char *what)
{
	const git_error *e = git_error_last();

	ck_assert_msg(rc >= 0, "%s: %d: %s", what, rc, e && e->message ? e->message : "?");
}

/* The GIT_* variables git exports to hooks, which must not leak into a test. */
static const char *const git_env[] = {
	"GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY",
	"GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_NAMESPACE", "GIT_COMMON_DIR",
	"GIT_CEILING_DIRECTORIES", "GIT_CONFIG", "GIT_CONFIG_PARAMETERS",
	"GIT_CONFIG_COUNT",
};

static const int config_levels[] = {
	GIT_CONFIG_LEVEL_PROGRAMDATA, GIT_CONFIG_LEVEL_SYSTEM, GIT_CONFIG_LEVEL_XDG,
	GIT_CONFIG_LEVEL_GLOBAL,
};

void fg_test_repo_create(struct fg_test_repo *r, const char *branch,
			 const struct fg_test_file *files, size_t nfiles)
{
	git_repository_init_options opts;
	const char *home = getenv("HOME");

	memset(r, 0, sizeof(*r));
	r->dir = fg_test_mkdtemp();
	r->work = fg_strdupf("%s/work", r->dir);
	r->gitdir = fg_strdupf("%s/work/.git", r->dir);
	r->home = fg_strdupf("%s/home", r->dir);
	ck_assert(r->work && r->gitdir && r->home);
	ck_assert_int_eq(mkdir(r->home, 0700), 0);

	/* libgit2 computed its config search paths at init: point them here. */
	r->saved_home = home ? strdup(home) : NULL;
	setenv("HOME", r->home, 1);
	setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
	for (size_t i = 0; i < FG_COUNT(config_levels); i++)
		check_git(git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, config_levels[i], r->home),
			  "set config search path");
	for (size_t i = 0; i < FG_COUNT(git_env); i++)
		unsetenv(git_env[i]);

	check_git(git_repository_init_options_init(&opts, GIT_REPOSITORY_INIT_OPTIONS_VERSION),
		  "git_repository_init_options_init");
	opts.flags = GIT_REPOSITORY_INIT_MKPATH;
	opts.initial_head = branch;
	check_git(git_repository_init_ext(&r->repo, r->work, &opts), "git_repository_init_ext");
	for (size_t i = 0; i < nfiles; i++)
		fg_test_repo_stage(r, files[i].path, files[i].data);
	if (nfiles)
		fg_test_repo_commit(r, "chore: initial commit\n", NULL);
	setenv("GIT_DIR", r->gitdir, 1);
}

void fg_test_repo_stage(struct fg_test_repo *r, const char *path, const char *data)
{
	git_index *index = NULL;
	git_index_entry entry;

	memset(&entry, 0, sizeof(entry));
	entry.mode = GIT_FILEMODE_BLOB;
	entry.path = path;
	check_git(git_repository_index(&index, r->repo), "git_repository_index");
	check_git(git_index_add_from_buffer(index, &entry, data, strlen(data)),
		  "git_index_add_from_buffer");
	check_git(git_index_write(index), "git_index_write");
	git_index_free(index);
}

void fg_test_repo_commit(struct fg_test_repo *r, const char *message, git_oid *out)
{
	git_index *index = NULL;
	git_tree *tree = NULL;
	git_commit *parent = NULL;
	git_signature *sig = NULL;
	git_oid tree_id, parent_id, id;

	check_git(git_repository_index(&index, r->repo), "git_repository_index");
	check_git(git_index_write_tree(&tree_id, index), "git_index_write_tree");
	check_git(git_tree_lookup(&tree, r->repo, &tree_id), "git_tree_lookup");
	if (git_reference_name_to_id(&parent_id, r->repo, "HEAD") == 0)
		check_git(git_commit_lookup(&parent, r->repo, &parent_id), "git_commit_lookup");
	check_git(git_signature_new(&sig, "Flowgate Test", "test@example.com", 1700000000, 0),
		  "git_signature_new");
	check_git(git_commit_create(&id, r->repo, "HEAD", sig, sig, NULL, message, tree,
				    parent ? 1 : 0, (const git_commit **)&parent),
		  "git_commit_create");
	if (out)
		git_oid_cpy(out, &id);
	git_signature_free(sig);
	git_commit_free(parent);
	git_tree_free(tree);
	git_index_free(index);
	git_error_clear();
}

void fg_test_repo_config(struct fg_test_repo *r, const char *key, const char *value)
{
	git_config *config = NULL, *local = NULL;

	check_git(git_repository_config(&config, r->repo), "git_repository_config");
	check_git(git_config_open_level(&local, config, GIT_CONFIG_LEVEL_LOCAL),
		  "git_config_open_level");
	check_git(git_config_set_string(local, key, value), "git_config_set_string");
	git_config_free(local);
	git_config_free(config);
}

void fg_test_repo_release(struct fg_test_repo *r)
{
	git_repository_free(r->repo);
	unsetenv("GIT_DIR");
	unsetenv("GIT_WORK_TREE");
	unsetenv("GIT_CONFIG_NOSYSTEM");
	if (r->saved_home)
		setenv("HOME", r->saved_home, 1);
	else
		unsetenv("HOME");
	for (size_t i = 0; i < FG_COUNT(config_levels); i++)
		git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, config_levels[i], NULL);
	git_error_clear();
	free(r->saved_home);
	free(r->work);
	free(r->gitdir);
	free(r->home);
	fg_test_rmtree(r->dir);
	memset(r, 0, sizeof(*r));
}

static char *saved_no_color;

void fg_test_no_color_save(void)
{
	const char *v = getenv("NO_COLOR");

	saved_no_color = v ? strdup(v) : NULL;
}

void fg_test_no_color_restore(void)
{
	if (saved_no_color)
		setenv("NO_COLOR", saved_no_color, 1);
	else
		unsetenv("NO_COLOR");
	free(saved_no_color);
	saved_no_color = NULL;
}

static char *saved_rename_fault;

char *fg_test_files_dir(void)
{
	const char *fault = getenv(FG_FAULT_RENAME_ENV);

	saved_rename_fault = fault ? strdup(fault) : NULL;
	unsetenv(FG_FAULT_RENAME_ENV);
	return fg_test_mkdtemp();
}

void fg_test_files_done(char *dir)
{
	if (saved_rename_fault)
		setenv(FG_FAULT_RENAME_ENV, saved_rename_fault, 1);
	else
		unsetenv(FG_FAULT_RENAME_ENV);
	free(saved_rename_fault);
	saved_rename_fault = NULL;
	fg_test_rmtree(dir);
}

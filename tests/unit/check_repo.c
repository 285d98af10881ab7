/*
 * Tests of repo.c against repositories made with libgit2 in a temporary
 * directory: opening from GIT_DIR (and GIT_WORK_TREE), HEAD's branch
 * (attached, unborn, detached), core.commentChar, the version files of the
 * index and of a tree, and the TLS stream that refuses to connect.
 */
#define _XOPEN_SOURCE 700 /* realpath */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "check_flowgate.h"
#include "message.h"
#include "repo.h"

static struct fg_test_repo fx;

static const struct fg_test_file halform_files[] = {
	{ "half_orm/version.txt", "0.16.0\n" },
	{ "setup.py", "from setuptools import setup\n\n"
		      "setup(name='half_orm', version=open('half_orm/version.txt').read().strip())\n" },
	{ "docs/index.md", "# halfORM\n\nThis documentation covers halfORM **0.16.x** "
			   "(latest development release).\n" },
	{ "README.md", "# halfORM\n" },
};

static void repo_setup(void)
{
	fg_test_repo_create(&fx, "main", halform_files, FG_COUNT(halform_files));
}

static void repo_teardown(void)
{
	fg_test_repo_release(&fx);
}

static git_repository *open_from_env(void)
{
	git_repository *repo = NULL;
	int rc = fg_repo_open(&repo);

	ck_assert_msg(rc == 0, "fg_repo_open: %d: %s", rc, fg_git_error());
	ck_assert_ptr_nonnull(repo);
	return repo;
}

/* Compare two directory paths, ignoring a trailing '/', after realpath. */
static void assert_same_dir(const char *got, const char *want)
{
	char a[PATH_MAX], b[PATH_MAX];

	ck_assert_ptr_nonnull(got);
	ck_assert_ptr_nonnull(realpath(got, a));
	ck_assert_ptr_nonnull(realpath(want, b));
	ck_assert_str_eq(a, b);
}

START_TEST(test_repo_open_git_dir)
{
	git_repository *repo = open_from_env();

	assert_same_dir(git_repository_path(repo), fx.gitdir);
	assert_same_dir(git_repository_workdir(repo), fx.work);
	git_repository_free(repo);
}
END_TEST

START_TEST(test_repo_open_git_work_tree)
{
	char *other = fg_strdupf("%s/elsewhere", fx.dir);
	git_repository *repo;

	ck_assert_int_eq(mkdir(other, 0700), 0);
	setenv("GIT_WORK_TREE", other, 1);
	repo = open_from_env();
	assert_same_dir(git_repository_workdir(repo), other);
	/* fg_repo_open puts GIT_WORK_TREE back for the hooks it runs. */
	ck_assert_str_eq(getenv("GIT_WORK_TREE"), other);
	git_repository_free(repo);
	free(other);
}
END_TEST

START_TEST(test_repo_open_discovered)
{
	char *sub = fg_strdupf("%s/docs", fx.work), cwd[PATH_MAX];
	git_repository *repo = NULL;
	int rc;

	ck_assert_ptr_nonnull(getcwd(cwd, sizeof(cwd)));
	ck_assert_int_eq(mkdir(sub, 0700), 0);
	unsetenv("GIT_DIR");
	ck_assert_int_eq(chdir(sub), 0);
	rc = fg_repo_open(&repo);
	ck_assert_int_eq(chdir(cwd), 0);
	free(sub);
	ck_assert_msg(rc == 0, "fg_repo_open: %s", fg_git_error());
	assert_same_dir(git_repository_path(repo), fx.gitdir);
	git_repository_free(repo);
}
END_TEST

START_TEST(test_repo_open_bad_git_dir)
{
	char *missing = fg_strdupf("%s/no-such-repo", fx.dir);
	git_repository *repo = (git_repository *)&fx; /* must be reset */

	setenv("GIT_DIR", missing, 1);
	ck_assert_int_lt(fg_repo_open(&repo), 0);
	ck_assert_ptr_null(repo);
	ck_assert_ptr_nonnull(fg_git_error());
	free(missing);
}
END_TEST

START_TEST(test_repo_head_branch)
{
	git_repository *repo = open_from_env();
	char *name = NULL;

	ck_assert_int_eq(fg_repo_head_branch(repo, &name), 0);
	ck_assert_str_eq(name, "main");
	free(name);
	git_repository_free(repo);
}
END_TEST

START_TEST(test_repo_head_branch_unborn)
{
	git_repository *repo = open_from_env();
	char *name = NULL;

	ck_assert_int_eq(git_repository_set_head(repo, "refs/heads/dev/0.17.x"), 0);
	ck_assert_int_eq(git_repository_head_unborn(repo), 1);
	ck_assert_int_eq(fg_repo_head_branch(repo, &name), 0);
	ck_assert_str_eq(name, "dev/0.17.x");
	free(name);
	git_repository_free(repo);
}
END_TEST

START_TEST(test_repo_head_branch_fresh_repository)
{
	/* git init: HEAD names a branch that has no commit yet. */
	git_repository *repo;
	char *name = NULL;

	fg_test_repo_release(&fx); /* this test makes its own, released by the teardown */
	fg_test_repo_create(&fx, "master", NULL, 0);
	repo = open_from_env();
	ck_assert_int_eq(git_repository_head_unborn(repo), 1);
	ck_assert_int_eq(fg_repo_head_branch(repo, &name), 0);
	ck_assert_str_eq(name, "master");
	free(name);
	git_repository_free(repo);
}
END_TEST

START_TEST(test_repo_head_detached)
{
	git_repository *repo = open_from_env();
	git_oid head;
	char *name = (char *)"sentinel";

	ck_assert_int_eq(git_reference_name_to_id(&head, repo, "HEAD"), 0);
	ck_assert_int_eq(git_repository_set_head_detached(repo, &head), 0);
	ck_assert_int_eq(git_repository_head_detached(repo), 1);
	ck_assert_int_eq(fg_repo_head_branch(repo, &name), 0);
	ck_assert_ptr_null(name);
	git_repository_free(repo);
}
END_TEST

START_TEST(test_repo_head_not_a_branch)
{
	/* HEAD may name a ref outside refs/heads/ (hand-edited, or a tool's):
	 * there is no branch to check. */
	char *head = fg_strdupf("%s/HEAD", fx.gitdir);
	git_repository *repo;
	char *name = (char *)"sentinel";

	fg_test_write_file(head, "ref: refs/remotes/origin/main\n", 30, 0644);
	free(head);
	repo = open_from_env();
	ck_assert_int_eq(fg_repo_head_branch(repo, &name), 0);
	ck_assert_ptr_null(name);
	git_repository_free(repo);
}
END_TEST

static const struct {
	const char *value; /* NULL: unset */
	int want;
} comment_cases[] = {
	{ NULL, '#' },
	{ ";", ';' },
	{ "auto", FG_COMMENT_AUTO },
	{ "%", '%' },
	{ "", '#' },
};

START_TEST(test_repo_comment_char)
{
	git_repository *repo;

	if (comment_cases[_i].value)
		fg_test_repo_config(&fx, "core.commentChar", comment_cases[_i].value);
	repo = open_from_env();
	ck_assert_int_eq(fg_repo_comment_char(repo), comment_cases[_i].want);
	git_repository_free(repo);
}
END_TEST

START_TEST(test_repo_comment_char_global_config)
{
	/* The global config is read (in real use, the user's ~/.gitconfig); here
	 * it is the test's own, which also shows the user's is kept out. */
	static const char global[] = "[core]\n\tcommentChar = !\n";
	char *path = fg_strdupf("%s/.gitconfig", fx.home);
	git_repository *repo;

	fg_test_write_file(path, global, sizeof(global) - 1, 0600);
	repo = open_from_env();
	ck_assert_int_eq(fg_repo_comment_char(repo), '!');
	git_repository_free(repo);
	fg_test_repo_config(&fx, "core.commentChar", ";"); /* local wins */
	repo = open_from_env();
	ck_assert_int_eq(fg_repo_comment_char(repo), ';');
	git_repository_free(repo);
	free(path);
}
END_TEST

static const struct {
	const char *value; /* NULL: unset */
	int want;
} cleanup_cases[] = {
	{ NULL, FG_CLEANUP_DEFAULT },
	{ "strip", FG_CLEANUP_STRIP },
	{ "whitespace", FG_CLEANUP_WHITESPACE },
	{ "verbatim", FG_CLEANUP_VERBATIM },
	{ "scissors", FG_CLEANUP_SCISSORS },
	{ "default", FG_CLEANUP_DEFAULT },
	{ "nonsense", FG_CLEANUP_DEFAULT },
};

START_TEST(test_repo_cleanup_mode)
{
	git_repository *repo;

	if (cleanup_cases[_i].value)
		fg_test_repo_config(&fx, "commit.cleanup", cleanup_cases[_i].value);
	repo = open_from_env();
	ck_assert_int_eq(fg_repo_cleanup_mode(repo), cleanup_cases[_i].want);
	git_repository_free(repo);
}
END_TEST

static const struct fg_vfile_value *find_value(const struct fg_version_set *set, const char *path)
{
	for (size_t i = 0; i < set->n; i++)
		if (!strcmp(set->values[i].path, path))
			return &set->values[i];
	return NULL;
}

START_TEST(test_repo_vfiles_from_index)
{
	git_repository *repo = open_from_env();
	git_index *index = NULL;
	struct fg_vfiles files;
	const struct fg_vfile_value *v;

	/* Stage a new version without committing: the index must be what is read. */
	fg_test_repo_stage(&fx, "half_orm/version.txt", "0.17.0-dev\n");
	ck_assert_int_eq(git_repository_index(&index, repo), 0);
	ck_assert_int_eq(fg_vfiles_from_index(&files, repo, index, fg_test_config()), 0);
	ck_assert_uint_eq(files.set.n, 2); /* setup.py has no literal */
	ck_assert_int_eq(files.contents[0].present, 1);
	ck_assert_uint_eq(files.contents[0].len, 11);
	ck_assert_int_eq(files.contents[1].present, 1);
	v = find_value(&files.set, "half_orm/version.txt");
	ck_assert_ptr_nonnull(v);
	ck_assert_str_eq(v->text, "0.17.0-dev");
	ck_assert_int_eq(v->valid, 1);
	ck_assert_int_eq(v->version.pre_kind, FG_PRE_DEV);
	v = find_value(&files.set, "docs/index.md");
	ck_assert_ptr_nonnull(v);
	ck_assert_str_eq(v->text, "0.16.x");
	ck_assert_int_eq(v->is_series, 1);
	fg_vfiles_release(&files);
	ck_assert_uint_eq(files.set.n, 0);
	git_index_free(index);
	git_repository_free(repo);
}
END_TEST

START_TEST(test_repo_vfiles_from_index_missing_files)
{
	git_repository *repo;
	git_index *index = NULL;
	struct fg_vfiles files;
	static const struct fg_test_file only_readme[] = { { "README.md", "x\n" } };

	fg_test_repo_release(&fx);
	fg_test_repo_create(&fx, "main", only_readme, 1);
	repo = open_from_env();
	ck_assert_int_eq(git_repository_index(&index, repo), 0);
	ck_assert_int_eq(fg_vfiles_from_index(&files, repo, index, fg_test_config()), 0);
	ck_assert_uint_eq(files.set.n, 0);
	for (int i = 0; i < 3; i++)
		ck_assert_int_eq(files.contents[i].present, 0);
	fg_vfiles_release(&files);
	git_index_free(index);
	git_repository_free(repo);
}
END_TEST

START_TEST(test_repo_vfiles_from_tree)
{
	git_repository *repo = open_from_env();
	git_object *obj = NULL;
	git_tree *tree = NULL;
	struct fg_vfiles files;
	const struct fg_vfile_value *v;

	/* The staged change is not in HEAD's tree. */
	fg_test_repo_stage(&fx, "half_orm/version.txt", "0.17.0-dev\n");
	ck_assert_int_eq(git_revparse_single(&obj, repo, "HEAD^{tree}"), 0);
	tree = (git_tree *)obj;
	ck_assert_int_eq(fg_vfiles_from_tree(&files, repo, tree, fg_test_config()), 0);
	ck_assert_uint_eq(files.set.n, 2);
	v = find_value(&files.set, "half_orm/version.txt");
	ck_assert_ptr_nonnull(v);
	ck_assert_str_eq(v->text, "0.16.0");
	ck_assert_int_eq(v->valid, 1);
	v = find_value(&files.set, "docs/index.md");
	ck_assert_ptr_nonnull(v);
	ck_assert_str_eq(v->text, "0.16.x");
	fg_vfiles_release(&files);
	git_tree_free(tree);
	git_repository_free(repo);
}
END_TEST

START_TEST(test_repo_vfiles_from_tree_after_commit)
{
	git_repository *repo;
	git_object *obj = NULL;
	struct fg_vfiles files;
	const struct fg_vfile_value *v;

	fg_test_repo_stage(&fx, "half_orm/version.txt", "0.16.0-rc1\r\n");
	fg_test_repo_stage(&fx, "setup.py", "setup(version='0.16.0-rc1')\n");
	fg_test_repo_commit(&fx, "chore: 0.16.0-rc1\n", NULL);
	repo = open_from_env();
	ck_assert_int_eq(git_revparse_single(&obj, repo, "HEAD^{tree}"), 0);
	ck_assert_int_eq(fg_vfiles_from_tree(&files, repo, (git_tree *)obj, fg_test_config()), 0);
	ck_assert_uint_eq(files.set.n, 3);
	v = find_value(&files.set, "setup.py");
	ck_assert_ptr_nonnull(v);
	ck_assert_str_eq(v->text, "0.16.0-rc1");
	v = find_value(&files.set, "half_orm/version.txt");
	ck_assert_ptr_nonnull(v);
	ck_assert_str_eq(v->text, "0.16.0-rc1");
	fg_vfiles_release(&files);
	git_object_free(obj);
	git_repository_free(repo);
}
END_TEST

START_TEST(test_repo_tls_refused)
{
	/*
	 * A detached remote, not git_remote_create_anonymous: in libgit2 1.5.1
	 * the anonymous remote's insteadOf scan of the repository config leaks
	 * PCRE2 match data (fixed in 1.6, PR #6382), which make valgrind would
	 * report. The transport, and so the TLS stream, is the same.
	 */
	git_repository *repo = open_from_env();
	git_remote *remote = NULL;
	const git_error *e;
	char *why;
	int rc;

	ck_assert_int_eq(git_remote_create_detached(&remote, "https://127.0.0.1:9/x.git"), 0);
	rc = git_remote_connect(remote, GIT_DIRECTION_FETCH, NULL, NULL, NULL);
	e = git_error_last();
	why = fg_strdupf("%s", e && e->message ? e->message : "(no error)");
	ck_assert_int_eq(git_remote_connected(remote), 0);
	git_remote_free(remote);
	git_repository_free(repo);
	ck_assert_msg(rc < 0, "connected: rc %d", rc);
	if (!strstr(why, "TLS is disabled")) {
		char msg[256];
		snprintf(msg, sizeof(msg), "error is not flowgate's TLS refusal: %s", why);
		free(why);
		ck_abort_msg("%s", msg);
	}
	free(why);
}
END_TEST

START_TEST(test_git_error_fallback)
{
	git_error_clear();
	ck_assert_str_eq(fg_git_error(), "unknown libgit2 error");
	git_error_set_str(GIT_ERROR_INVALID, "boom");
	ck_assert_str_eq(fg_git_error(), "boom");
	git_error_clear();
}
END_TEST

Suite *repo_suite(void)
{
	Suite *s = suite_create("repo");
	TCase *open = tcase_create("open");
	TCase *head = tcase_create("head");
	TCase *config = tcase_create("config");
	TCase *vfiles = tcase_create("vfiles");
	TCase *net = tcase_create("network");

	tcase_add_checked_fixture(open, repo_setup, repo_teardown);
	tcase_add_test(open, test_repo_open_git_dir);
	tcase_add_test(open, test_repo_open_git_work_tree);
	tcase_add_test(open, test_repo_open_discovered);
	tcase_add_test(open, test_repo_open_bad_git_dir);
	tcase_add_test(open, test_git_error_fallback);
	suite_add_tcase(s, open);

	tcase_add_checked_fixture(head, repo_setup, repo_teardown);
	tcase_add_test(head, test_repo_head_branch);
	tcase_add_test(head, test_repo_head_branch_unborn);
	tcase_add_test(head, test_repo_head_branch_fresh_repository);
	tcase_add_test(head, test_repo_head_detached);
	tcase_add_test(head, test_repo_head_not_a_branch);
	suite_add_tcase(s, head);

	tcase_add_checked_fixture(config, repo_setup, repo_teardown);
	tcase_add_loop_test(config, test_repo_comment_char, 0, (int)FG_COUNT(comment_cases));
	tcase_add_test(config, test_repo_comment_char_global_config);
	tcase_add_loop_test(config, test_repo_cleanup_mode, 0, (int)FG_COUNT(cleanup_cases));
	suite_add_tcase(s, config);

	tcase_add_checked_fixture(vfiles, repo_setup, repo_teardown);
	tcase_add_test(vfiles, test_repo_vfiles_from_index);
	tcase_add_test(vfiles, test_repo_vfiles_from_index_missing_files);
	tcase_add_test(vfiles, test_repo_vfiles_from_tree);
	tcase_add_test(vfiles, test_repo_vfiles_from_tree_after_commit);
	suite_add_tcase(s, vfiles);

	tcase_add_checked_fixture(net, repo_setup, repo_teardown);
	tcase_add_test(net, test_repo_tls_refused);
	suite_add_tcase(s, net);
	return s;
}

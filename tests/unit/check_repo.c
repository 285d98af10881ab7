/*
 * Tests of repo.c against repositories made with libgit2 in a temporary
 * directory: opening from GIT_DIR (and GIT_WORK_TREE) or discovered, HEAD's
 * branch (attached, unborn, detached), core.commentChar and commit.cleanup.
 */
#define _XOPEN_SOURCE 700 /* realpath */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "check_flowgate.h"
#include "fixtures_git.h"
#include "gitinit.h"
#include "repo.h"

static struct fg_test_repo fx;

static void repo_setup(void)
{
	fg_test_halform_create(&fx);
}

static void repo_teardown(void)
{
	fg_test_repo_release(&fx);
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
	git_repository *repo = fg_test_open_from_env();

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
	repo = fg_test_open_from_env();
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
	git_repository *repo = fg_test_open_from_env();
	char *name = NULL;

	ck_assert_int_eq(fg_repo_head_branch(repo, &name), 0);
	ck_assert_str_eq(name, "main");
	free(name);
	git_repository_free(repo);
}
END_TEST

START_TEST(test_repo_head_branch_unborn)
{
	git_repository *repo = fg_test_open_from_env();
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
	repo = fg_test_open_from_env();
	ck_assert_int_eq(git_repository_head_unborn(repo), 1);
	ck_assert_int_eq(fg_repo_head_branch(repo, &name), 0);
	ck_assert_str_eq(name, "master");
	free(name);
	git_repository_free(repo);
}
END_TEST

START_TEST(test_repo_head_detached)
{
	git_repository *repo = fg_test_open_from_env();
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
	repo = fg_test_open_from_env();
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
	repo = fg_test_open_from_env();
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
	repo = fg_test_open_from_env();
	ck_assert_int_eq(fg_repo_comment_char(repo), '!');
	git_repository_free(repo);
	fg_test_repo_config(&fx, "core.commentChar", ";"); /* local wins */
	repo = fg_test_open_from_env();
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
	repo = fg_test_open_from_env();
	ck_assert_int_eq(fg_repo_cleanup_mode(repo), cleanup_cases[_i].want);
	git_repository_free(repo);
}
END_TEST

Suite *repo_suite(void)
{
	Suite *s = suite_create("repo");
	TCase *open = tcase_create("open");
	TCase *head = tcase_create("head");
	TCase *config = tcase_create("config");

	tcase_add_checked_fixture(open, repo_setup, repo_teardown);
	tcase_add_test(open, test_repo_open_git_dir);
	tcase_add_test(open, test_repo_open_git_work_tree);
	tcase_add_test(open, test_repo_open_discovered);
	tcase_add_test(open, test_repo_open_bad_git_dir);
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
	return s;
}

/*
 * Tests of repoconfig.c against repositories made with libgit2 in a
 * temporary directory: the committed configuration file, or a tree on its
 * path, missing from the object store: an error naming it, never the
 * built-in defaults.
 */
#include "check_flowgate.h"
#include "fixtures_git.h"
#include "repoconfig.h"

static struct fg_test_repo fx;

static void repoconfig_setup(void)
{
	fg_test_halform_create(&fx);
}

static void repoconfig_teardown(void)
{
	fg_test_repo_release(&fx);
}

START_TEST(test_repo_config_missing_blob)
{
	/* The committed .flowgate's blob missing: no silent defaults, an error naming it. */
	git_repository *repo;
	git_tree *tree;
	struct fg_config cfg;
	struct fg_config_from from = { NULL, NULL, "HEAD", 0, 0 };
	git_oid id, file_id;

	fg_test_repo_stage(&fx, ".flowgate", "[rule \"typeEnum\"]\n\tseverity = off\n");
	fg_test_repo_commit(&fx, "chore: configure flowgate\n", NULL);
	fg_test_delete_object(&fx, "HEAD:.flowgate", &id);
	fg_test_repo_config(&fx, "remote.origin.promisor", "true");
	repo = fg_test_open_from_env();
	tree = fg_test_head_tree(repo);
	/* the ID alone needs no blob */
	ck_assert_int_eq(fg_repo_config_file_id(repo, tree, &file_id), 0);
	ck_assert(git_oid_equal(&file_id, &id));
	from.tree = tree;
	ck_assert_int_eq(fg_repo_config(&cfg, repo, &from, NULL), -2);
	fg_test_assert_error_has("not in this partial clone: .flowgate (blob %s); fetch it from the "
			 "promisor remote: git cat-file -e %s", &id);
	fg_config_release(&cfg);
	git_tree_free(tree);
	git_repository_free(repo);
}
END_TEST

START_TEST(test_repo_config_file_missing_tree)
{
	/* flowgate.configFile in a directory whose tree is missing: not "no file". */
	git_repository *repo;
	git_tree *tree;
	git_oid id, file_id;

	fg_test_repo_stage(&fx, "ci/flowgate.cfg", "[rule \"typeEnum\"]\n\tseverity = off\n");
	fg_test_repo_commit(&fx, "chore: configure flowgate\n", NULL);
	fg_test_delete_object(&fx, "HEAD:ci", &id);
	fg_test_repo_config(&fx, "flowgate.configFile", "ci/flowgate.cfg");
	repo = fg_test_open_from_env();
	tree = fg_test_head_tree(repo);
	ck_assert_int_lt(fg_repo_config_file_id(repo, tree, &file_id), 0);
	fg_test_assert_error_has("missing from the repository: ci (tree %s)", &id);
	git_tree_free(tree);
	git_repository_free(repo);
}
END_TEST

Suite *repoconfig_suite(void)
{
	Suite *s = suite_create("repoconfig");
	TCase *file = tcase_create("file");

	tcase_add_checked_fixture(file, repoconfig_setup, repoconfig_teardown);
	tcase_add_test(file, test_repo_config_missing_blob);
	tcase_add_test(file, test_repo_config_file_missing_tree);
	suite_add_tcase(s, file);
	return s;
}

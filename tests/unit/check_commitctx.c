/*
 * Tests of commitctx.c against repositories made with libgit2 in a
 * temporary directory: the context of a stored commit and of the commit
 * about to be made, when a version file's blob is missing (an error, never
 * "no bump").
 */
#include "check_flowgate.h"
#include "commitctx.h"
#include "fixtures_git.h"
#include "staged.h"

static struct fg_test_repo fx;

static void commitctx_setup(void)
{
	fg_test_halform_create(&fx);
}

static void commitctx_teardown(void)
{
	fg_test_repo_release(&fx);
}

START_TEST(test_repo_commit_context_missing_blob)
{
	/* versionBumpMessage's context: a missing blob is an error, not "no bump". */
	git_repository *repo;
	git_commit *commit = NULL;
	struct fg_commit_context cctx;
	git_oid head, id;

	fg_test_repo_stage(&fx, "half_orm/version.txt", "0.16.1\n");
	fg_test_repo_commit(&fx, "chore: 0.16.1\n", &head);
	fg_test_delete_object(&fx, "HEAD:half_orm/version.txt", &id);
	repo = fg_test_open_from_env();
	ck_assert_int_eq(git_commit_lookup(&commit, repo, &head), 0);
	ck_assert_int_eq(fg_repo_commit_context(&cctx, repo, commit, "main", 1, fg_test_config()),
			 -1);
	fg_test_assert_error_has("half_orm/version.txt (blob %s)", &id);
	ck_assert_ptr_null(cctx.new_version);
	fg_commit_context_release(&cctx);
	git_commit_free(commit);
	git_repository_free(repo);
}
END_TEST

START_TEST(test_repo_staged_context_missing_blob)
{
	/* commit-msg's context: HEAD's version file missing is an error too. */
	git_repository *repo;
	struct fg_staged staged;
	struct fg_commit_context cctx;
	git_oid id;

	fg_test_delete_object(&fx, "HEAD:half_orm/version.txt", &id);
	fg_test_repo_stage(&fx, "half_orm/version.txt", "0.16.1\n");
	repo = fg_test_open_from_env();
	ck_assert_int_eq(fg_staged_open(&staged, repo), 0);
	ck_assert_int_eq(fg_repo_staged_context(&cctx, repo, &staged, fg_test_config()), -1);
	fg_test_assert_error_has("half_orm/version.txt (blob %s)", &id);
	fg_commit_context_release(&cctx);
	fg_staged_release(&staged);
	git_repository_free(repo);
}
END_TEST

Suite *commitctx_suite(void)
{
	Suite *s = suite_create("commitctx");
	TCase *context = tcase_create("context");

	tcase_add_checked_fixture(context, commitctx_setup, commitctx_teardown);
	tcase_add_test(context, test_repo_commit_context_missing_blob);
	tcase_add_test(context, test_repo_staged_context_missing_blob);
	suite_add_tcase(s, context);
	return s;
}

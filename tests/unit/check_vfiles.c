/*
 * Tests of vfiles.c against repositories made with libgit2 in a temporary
 * directory: the version files of the index and of a tree, and the objects
 * they need that are missing from the object store (deleted, as in a
 * partial clone) or corrupt, each named with the way to get it.
 */
#include <stdlib.h>
#include <string.h>
#include "check_flowgate.h"
#include "fixtures_git.h"
#include "gitinit.h"
#include "vfiles.h"

static struct fg_test_repo fx;

static void vfiles_setup(void)
{
	fg_test_halform_create(&fx);
}

static void vfiles_teardown(void)
{
	fg_test_repo_release(&fx);
}

static const struct fg_vfile_value *find_value(const struct fg_version_set *set, const char *path)
{
	for (size_t i = 0; i < set->n; i++)
		if (!strcmp(set->values[i].path, path))
			return &set->values[i];
	return NULL;
}

START_TEST(test_repo_vfiles_from_index)
{
	git_repository *repo = fg_test_open_from_env();
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
	repo = fg_test_open_from_env();
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
	git_repository *repo = fg_test_open_from_env();
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
	repo = fg_test_open_from_env();
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

START_TEST(test_repo_vfiles_from_tree_absent)
{
	/* Not in the tree: absent, no error (the case that is not an error). */
	static const struct fg_test_file only_readme[] = { { "README.md", "x\n" } };
	git_repository *repo;
	git_tree *tree;
	struct fg_vfiles files;

	fg_test_repo_release(&fx);
	fg_test_repo_create(&fx, "main", only_readme, 1);
	repo = fg_test_open_from_env();
	tree = fg_test_head_tree(repo);
	ck_assert_int_eq(fg_vfiles_from_tree(&files, repo, tree, fg_test_config()), 0);
	ck_assert_uint_eq(files.set.n, 0);
	for (int i = 0; i < 3; i++)
		ck_assert_int_eq(files.contents[i].present, 0);
	fg_vfiles_release(&files);
	git_tree_free(tree);
	git_repository_free(repo);
}
END_TEST

START_TEST(test_repo_vfiles_from_tree_missing_blob)
{
	/* A version file's blob not in the object store: an error naming it, never absent. */
	git_repository *repo;
	git_tree *tree;
	struct fg_vfiles files;
	git_oid id;

	fg_test_delete_object(&fx, "HEAD:half_orm/version.txt", &id);
	repo = fg_test_open_from_env();
	tree = fg_test_head_tree(repo);
	ck_assert_int_eq(fg_vfiles_from_tree(&files, repo, tree, fg_test_config()), -1);
	fg_test_assert_error_has("missing from the repository: half_orm/version.txt (blob %s)", &id);
	ck_assert_ptr_nonnull(strstr(fg_git_error(), "git fsck"));
	fg_vfiles_release(&files);
	git_tree_free(tree);
	git_repository_free(repo);
}
END_TEST

START_TEST(test_repo_vfiles_from_tree_missing_blob_partial_clone)
{
	/*
	 * In a partial clone (a promisor remote, as git clone --filter sets
	 * it): every missing blob named, with the command that fetches it.
	 */
	git_repository *repo;
	git_tree *tree;
	struct fg_vfiles files;
	git_oid version, docs;
	char *fetch, hv[GIT_OID_HEXSZ + 1], hd[GIT_OID_HEXSZ + 1];

	fg_test_delete_object(&fx, "HEAD:half_orm/version.txt", &version);
	fg_test_delete_object(&fx, "HEAD:docs/index.md", &docs);
	fg_test_repo_config(&fx, "remote.origin.url", "file:///nowhere/origin.git");
	fg_test_repo_config(&fx, "remote.origin.promisor", "true");
	repo = fg_test_open_from_env();
	tree = fg_test_head_tree(repo);
	ck_assert_int_eq(fg_vfiles_from_tree(&files, repo, tree, fg_test_config()), -1);
	fg_test_assert_error_has("not in this partial clone: half_orm/version.txt (blob %s)", &version);
	fg_test_assert_error_has("docs/index.md (blob %s); fetch them from the promisor remote", &docs);
	git_oid_tostr(hv, sizeof(hv), &version);
	git_oid_tostr(hd, sizeof(hd), &docs);
	fetch = fg_strdupf("git cat-file -e %s && git cat-file -e %s", hv, hd);
	ck_assert_msg(strstr(fg_git_error(), fetch), "error '%s' lacks '%s'", fg_git_error(), fetch);
	free(fetch);
	fg_vfiles_release(&files);
	git_tree_free(tree);
	git_repository_free(repo);
}
END_TEST

START_TEST(test_repo_vfiles_from_tree_missing_tree)
{
	/* A directory on a version file's path whose tree is missing: named too. */
	git_repository *repo;
	git_tree *tree;
	struct fg_vfiles files;
	git_oid id;

	fg_test_delete_object(&fx, "HEAD:half_orm", &id);
	fg_test_repo_config(&fx, "extensions.partialClone", "origin");
	repo = fg_test_open_from_env();
	tree = fg_test_head_tree(repo);
	ck_assert_int_eq(fg_vfiles_from_tree(&files, repo, tree, fg_test_config()), -1);
	fg_test_assert_error_has("not in this partial clone: half_orm (tree %s); fetch it from the "
			 "promisor remote: git cat-file -e %s", &id);
	fg_vfiles_release(&files);
	git_tree_free(tree);
	git_repository_free(repo);
}
END_TEST

START_TEST(test_repo_vfiles_from_tree_corrupt_blob)
{
	/* A corrupt loose object: an error naming it, never absent. */
	git_repository *repo;
	git_tree *tree;
	struct fg_vfiles files;
	git_oid id;

	fg_test_corrupt_object(&fx, "HEAD:setup.py", &id);
	repo = fg_test_open_from_env();
	tree = fg_test_head_tree(repo);
	ck_assert_int_eq(fg_vfiles_from_tree(&files, repo, tree, fg_test_config()), -1);
	fg_test_assert_error_has("setup.py (blob %s) cannot be read: ", &id);
	ck_assert_ptr_nonnull(strstr(fg_git_error(), "the repository is damaged"));
	fg_vfiles_release(&files);
	git_tree_free(tree);
	git_repository_free(repo);
}
END_TEST

START_TEST(test_repo_vfiles_from_index_missing_blob)
{
	/* The index names a blob that is not there: -1 with the object named (not -3). */
	git_repository *repo;
	git_index *index = NULL;
	struct fg_vfiles files;
	git_oid id;

	fg_test_delete_object(&fx, "HEAD:setup.py", &id);
	repo = fg_test_open_from_env();
	ck_assert_int_eq(git_repository_index(&index, repo), 0);
	ck_assert_int_eq(fg_vfiles_from_index(&files, repo, index, fg_test_config()), -1);
	fg_test_assert_error_has("setup.py (blob %s)", &id);
	fg_vfiles_release(&files);
	git_index_free(index);
	git_repository_free(repo);
}
END_TEST

Suite *vfiles_suite(void)
{
	Suite *s = suite_create("vfiles");
	TCase *vfiles = tcase_create("vfiles");

	tcase_add_checked_fixture(vfiles, vfiles_setup, vfiles_teardown);
	tcase_add_test(vfiles, test_repo_vfiles_from_index);
	tcase_add_test(vfiles, test_repo_vfiles_from_index_missing_files);
	tcase_add_test(vfiles, test_repo_vfiles_from_tree);
	tcase_add_test(vfiles, test_repo_vfiles_from_tree_after_commit);
	tcase_add_test(vfiles, test_repo_vfiles_from_tree_absent);
	tcase_add_test(vfiles, test_repo_vfiles_from_tree_missing_blob);
	tcase_add_test(vfiles, test_repo_vfiles_from_tree_missing_blob_partial_clone);
	tcase_add_test(vfiles, test_repo_vfiles_from_tree_missing_tree);
	tcase_add_test(vfiles, test_repo_vfiles_from_tree_corrupt_blob);
	tcase_add_test(vfiles, test_repo_vfiles_from_index_missing_blob);
	suite_add_tcase(s, vfiles);
	return s;
}

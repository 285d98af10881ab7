/*
 * Fixtures of the git layer's suites: the halfORM repository, opened as a
 * hook opens it, and objects taken out of its store or corrupted
 * (fixtures_git.h).
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "fixtures_git.h"
#include "gitinit.h"
#include "repo.h"

static const struct fg_test_file halform_files[] = {
	{ "half_orm/version.txt", "0.16.0\n" },
	{ "setup.py", "from setuptools import setup\n\n"
		      "setup(name='half_orm', version=open('half_orm/version.txt').read().strip())\n" },
	{ "docs/index.md", "# halfORM\n\nThis documentation covers halfORM **0.16.x** "
			   "(latest development release).\n" },
	{ "README.md", "# halfORM\n" },
};

void fg_test_halform_create(struct fg_test_repo *r)
{
	fg_test_repo_create(r, "main", halform_files, FG_COUNT(halform_files));
}

git_repository *fg_test_open_from_env(void)
{
	git_repository *repo = NULL;
	int rc = fg_repo_open(&repo);

	ck_assert_msg(rc == 0, "fg_repo_open: %d: %s", rc, fg_git_error());
	ck_assert_ptr_nonnull(repo);
	return repo;
}

void fg_test_object_id(struct fg_test_repo *r, const char *rev, git_oid *id)
{
	git_object *obj = NULL;

	ck_assert_msg(git_revparse_single(&obj, r->repo, rev) == 0, "%s: %s", rev, fg_git_error());
	git_oid_cpy(id, git_object_id(obj));
	git_object_free(obj);
}

/* The loose object file of ID in R (newly allocated). */
static char *loose_path(struct fg_test_repo *r, const git_oid *id)
{
	char hex[GIT_OID_HEXSZ + 1];

	git_oid_tostr(hex, sizeof(hex), id);
	return fg_strdupf("%s/objects/%.2s/%s", r->gitdir, hex, hex + 2);
}

void fg_test_delete_object(struct fg_test_repo *r, const char *rev, git_oid *id)
{
	char *path;

	fg_test_object_id(r, rev, id);
	path = loose_path(r, id);
	ck_assert_msg(unlink(path) == 0, "unlink %s", path);
	free(path);
}

void fg_test_corrupt_object(struct fg_test_repo *r, const char *rev, git_oid *id)
{
	static const char garbage[] = "this is not a zlib stream\n";
	char *path;

	fg_test_object_id(r, rev, id);
	path = loose_path(r, id);
	ck_assert_int_eq(chmod(path, 0644), 0);
	fg_test_write_file(path, garbage, sizeof(garbage) - 1, 0644);
	free(path);
}

void fg_test_assert_error_has(const char *fmt, const git_oid *id)
{
	char hex[GIT_OID_HEXSZ + 1];
	char *want;

	git_oid_tostr(hex, sizeof(hex), id);
	want = fg_strdupf(fmt, hex, hex, hex);
	ck_assert_msg(strstr(fg_git_error(), want), "error '%s' lacks '%s'", fg_git_error(), want);
	free(want);
}

git_tree *fg_test_head_tree(git_repository *repo)
{
	git_object *obj = NULL;

	ck_assert_int_eq(git_revparse_single(&obj, repo, "HEAD^{tree}"), 0);
	return (git_tree *)obj;
}

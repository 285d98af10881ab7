/*
 * Fixtures of the git layer's suites (check_gitinit.c, check_repo.c,
 * check_vfiles.c, check_commitctx.c, check_repoconfig.c): the halfORM
 * repository they read, opened as a hook opens it, and the damage they do
 * to its object store (an object deleted, as a partial clone lacks it, or
 * corrupt).
 */
#ifndef FLOWGATE_FIXTURES_GIT_H
#define FLOWGATE_FIXTURES_GIT_H

#include <git2.h>
#include "check_flowgate.h"

/*
 * fg_test_halform_create: R, a repository on branch main (GIT_DIR names
 * it) whose first commit holds halfORM's version files
 * (half_orm/version.txt 0.16.0, setup.py reading it, docs/index.md naming
 * 0.16.x) and README.md. Release it with fg_test_repo_release.
 */
void fg_test_halform_create(struct fg_test_repo *r);

/* fg_test_open_from_env: fg_repo_open, asserted to succeed; the caller frees it. */
git_repository *fg_test_open_from_env(void);

/* fg_test_object_id: the object REV names ("HEAD:setup.py") in R, into *ID. */
void fg_test_object_id(struct fg_test_repo *r, const char *rev, git_oid *id);

/*
 * fg_test_delete_object: take the loose object REV names out of R's object
 * store; its ID into *ID.
 */
void fg_test_delete_object(struct fg_test_repo *r, const char *rev, git_oid *id);

/*
 * fg_test_corrupt_object: overwrite the loose object REV names in R with
 * bytes that do not inflate; its ID into *ID.
 */
void fg_test_corrupt_object(struct fg_test_repo *r, const char *rev, git_oid *id);

/*
 * fg_test_assert_error_has: fg_git_error() holds FMT, a printf format
 * whose (up to three) %s are each given ID's 40 hex digits.
 */
void fg_test_assert_error_has(const char *fmt, const git_oid *id);

/* fg_test_head_tree: HEAD's tree in REPO; the caller frees it. */
git_tree *fg_test_head_tree(git_repository *repo);

#endif

/*
 * Tests of repo.c against repositories made with libgit2 in a temporary
 * directory: opening from GIT_DIR (and GIT_WORK_TREE), HEAD's branch
 * (attached, unborn, detached), core.commentChar, the version files of the
 * index and of a tree, objects they need that are missing from the object
 * store (deleted, as in a partial clone) or corrupt, and the TLS stream
 * that refuses to connect.
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

/* The object REV names ("HEAD:setup.py") in the fixture repository, into *ID. */
static void object_id(const char *rev, git_oid *id)
{
	git_object *obj = NULL;

	ck_assert_msg(git_revparse_single(&obj, fx.repo, rev) == 0, "%s: %s", rev, fg_git_error());
	git_oid_cpy(id, git_object_id(obj));
	git_object_free(obj);
}

/* The loose object file of ID in the fixture repository (newly allocated). */
static char *loose_path(const git_oid *id)
{
	char hex[GIT_OID_HEXSZ + 1];

	git_oid_tostr(hex, sizeof(hex), id);
	return fg_strdupf("%s/objects/%.2s/%s", fx.gitdir, hex, hex + 2);
}

/* Take the loose object REV names out of the object store; its ID into *ID. */
static void delete_object(const char *rev, git_oid *id)
{
	char *path;

	object_id(rev, id);
	path = loose_path(id);
	ck_assert_msg(unlink(path) == 0, "unlink %s", path);
	free(path);
}

/* Overwrite the loose object REV names with bytes that do not inflate. */
static void corrupt_object(const char *rev, git_oid *id)
{
	static const char garbage[] = "this is not a zlib stream\n";
	char *path;

	object_id(rev, id);
	path = loose_path(id);
	ck_assert_int_eq(chmod(path, 0644), 0);
	fg_test_write_file(path, garbage, sizeof(garbage) - 1, 0644);
	free(path);
}

/* fg_git_error() holds WANT (a printf format with one OID's 40 hex digits, given as ID). */
static void assert_error_has(const char *fmt, const git_oid *id)
{
	char hex[GIT_OID_HEXSZ + 1];
	char *want;

	git_oid_tostr(hex, sizeof(hex), id);
	want = fg_strdupf(fmt, hex, hex, hex);
	ck_assert_msg(strstr(fg_git_error(), want), "error '%s' lacks '%s'", fg_git_error(), want);
	free(want);
}

/* HEAD's tree in REPO. */
static git_tree *head_tree(git_repository *repo)
{
	git_object *obj = NULL;

	ck_assert_int_eq(git_revparse_single(&obj, repo, "HEAD^{tree}"), 0);
	return (git_tree *)obj;
}

START_TEST(test_repo_vfiles_from_tree_absent)
{
	/* Not in the tree: absent, no error (the case that is not an error). */
	static const struct fg_test_file only_readme[] = { { "README.md", "x\n" } };
	git_repository *repo;
	git_tree *tree;
	struct fg_vfiles files;

	fg_test_repo_release(&fx);
	fg_test_repo_create(&fx, "main", only_readme, 1);
	repo = open_from_env();
	tree = head_tree(repo);
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

	delete_object("HEAD:half_orm/version.txt", &id);
	repo = open_from_env();
	tree = head_tree(repo);
	ck_assert_int_eq(fg_vfiles_from_tree(&files, repo, tree, fg_test_config()), -1);
	assert_error_has("missing from the repository: half_orm/version.txt (blob %s)", &id);
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

	delete_object("HEAD:half_orm/version.txt", &version);
	delete_object("HEAD:docs/index.md", &docs);
	fg_test_repo_config(&fx, "remote.origin.url", "file:///nowhere/origin.git");
	fg_test_repo_config(&fx, "remote.origin.promisor", "true");
	repo = open_from_env();
	tree = head_tree(repo);
	ck_assert_int_eq(fg_vfiles_from_tree(&files, repo, tree, fg_test_config()), -1);
	assert_error_has("not in this partial clone: half_orm/version.txt (blob %s)", &version);
	assert_error_has("docs/index.md (blob %s); fetch them from the promisor remote", &docs);
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

	delete_object("HEAD:half_orm", &id);
	fg_test_repo_config(&fx, "extensions.partialClone", "origin");
	repo = open_from_env();
	tree = head_tree(repo);
	ck_assert_int_eq(fg_vfiles_from_tree(&files, repo, tree, fg_test_config()), -1);
	assert_error_has("not in this partial clone: half_orm (tree %s); fetch it from the "
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

	corrupt_object("HEAD:setup.py", &id);
	repo = open_from_env();
	tree = head_tree(repo);
	ck_assert_int_eq(fg_vfiles_from_tree(&files, repo, tree, fg_test_config()), -1);
	assert_error_has("setup.py (blob %s) cannot be read: ", &id);
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

	delete_object("HEAD:setup.py", &id);
	repo = open_from_env();
	ck_assert_int_eq(git_repository_index(&index, repo), 0);
	ck_assert_int_eq(fg_vfiles_from_index(&files, repo, index, fg_test_config()), -1);
	assert_error_has("setup.py (blob %s)", &id);
	fg_vfiles_release(&files);
	git_index_free(index);
	git_repository_free(repo);
}
END_TEST

START_TEST(test_repo_commit_context_missing_blob)
{
	/* versionBumpMessage's context: a missing blob is an error, not "no bump". */
	git_repository *repo;
	git_commit *commit = NULL;
	struct fg_commit_context cctx;
	git_oid head, id;

	fg_test_repo_stage(&fx, "half_orm/version.txt", "0.16.1\n");
	fg_test_repo_commit(&fx, "chore: 0.16.1\n", &head);
	delete_object("HEAD:half_orm/version.txt", &id);
	repo = open_from_env();
	ck_assert_int_eq(git_commit_lookup(&commit, repo, &head), 0);
	ck_assert_int_eq(fg_repo_commit_context(&cctx, repo, commit, "main", 1, fg_test_config()),
			 -1);
	assert_error_has("half_orm/version.txt (blob %s)", &id);
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

	delete_object("HEAD:half_orm/version.txt", &id);
	fg_test_repo_stage(&fx, "half_orm/version.txt", "0.16.1\n");
	repo = open_from_env();
	ck_assert_int_eq(fg_staged_open(&staged, repo), 0);
	ck_assert_int_eq(fg_repo_staged_context(&cctx, repo, &staged, fg_test_config()), -1);
	assert_error_has("half_orm/version.txt (blob %s)", &id);
	fg_commit_context_release(&cctx);
	fg_staged_release(&staged);
	git_repository_free(repo);
}
END_TEST

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
	delete_object("HEAD:.flowgate", &id);
	fg_test_repo_config(&fx, "remote.origin.promisor", "true");
	repo = open_from_env();
	tree = head_tree(repo);
	/* the ID alone needs no blob */
	ck_assert_int_eq(fg_repo_config_file_id(repo, tree, &file_id), 0);
	ck_assert(git_oid_equal(&file_id, &id));
	from.tree = tree;
	ck_assert_int_eq(fg_repo_config(&cfg, repo, &from, NULL), -2);
	assert_error_has("not in this partial clone: .flowgate (blob %s); fetch it from the "
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
	delete_object("HEAD:ci", &id);
	fg_test_repo_config(&fx, "flowgate.configFile", "ci/flowgate.cfg");
	repo = open_from_env();
	tree = head_tree(repo);
	ck_assert_int_lt(fg_repo_config_file_id(repo, tree, &file_id), 0);
	assert_error_has("missing from the repository: ci (tree %s)", &id);
	git_tree_free(tree);
	git_repository_free(repo);
}
END_TEST

START_TEST(test_repo_tls_refused)
{
	/*
	 * A detached remote, not git_remote_create_anonymous: in libgit2 1.5.1
	 * the anonymous remote's insteadOf scan of the repository config leaks
	 * PCRE2 match data (fixed in 1.6, PR #6382), which make valgrind would
	 * report. The transport, and so the TLS stream, is the same. Refused
	 * before any connection: by the HTTP subtransport's stub in the static
	 * link (common/repo.c), by the TLS stream fg_git_init registers with
	 * the shared libgit2 (FLOWGATE_DYNAMIC=1).
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
	if (!strstr(why, "HTTP is disabled") && !strstr(why, "TLS is disabled")) {
		char msg[256];
		snprintf(msg, sizeof(msg), "error is not flowgate's HTTP or TLS refusal: %s", why);
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
	tcase_add_test(vfiles, test_repo_vfiles_from_tree_absent);
	tcase_add_test(vfiles, test_repo_vfiles_from_tree_missing_blob);
	tcase_add_test(vfiles, test_repo_vfiles_from_tree_missing_blob_partial_clone);
	tcase_add_test(vfiles, test_repo_vfiles_from_tree_missing_tree);
	tcase_add_test(vfiles, test_repo_vfiles_from_tree_corrupt_blob);
	tcase_add_test(vfiles, test_repo_vfiles_from_index_missing_blob);
	tcase_add_test(vfiles, test_repo_commit_context_missing_blob);
	tcase_add_test(vfiles, test_repo_staged_context_missing_blob);
	tcase_add_test(vfiles, test_repo_config_missing_blob);
	tcase_add_test(vfiles, test_repo_config_file_missing_tree);
	suite_add_tcase(s, vfiles);

	tcase_add_checked_fixture(net, repo_setup, repo_teardown);
	tcase_add_test(net, test_repo_tls_refused);
	suite_add_tcase(s, net);
	return s;
}

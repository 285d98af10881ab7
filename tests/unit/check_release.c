/*
 * Tests of the release commands on a repository made with libgit2:
 * `flowgate version` (release.c) and `flowgate bump` (bumpplan.c's
 * refusals, bumpwrite.c's writing and rollback under FLOWGATE_FAULT_RENAME),
 * and the work tree reader they read the version files with. The bump's
 * messages are check_bumpplan.c's, the replacement of files
 * check_replace.c's.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "bumpwrite.h"
#include "check_flowgate.h"
#include "release.h"
#include "gitinit.h"
#include "vfiles.h"

/* ---- the work tree reader ----------------------------------------------- */

static char *dir;

static void files_setup(void)
{
	dir = fg_test_files_dir();
}

static void files_teardown(void)
{
	fg_test_files_done(dir);
	dir = NULL;
}

START_TEST(test_workdir_read)
{
	struct fg_config *cfg = fg_test_config();
	struct fg_vfiles files;
	char *work = fg_strdupf("%s/", dir), *p;

	ck_assert_ptr_nonnull(work);
	p = fg_strdupf("%shalf_orm", work);
	ck_assert_int_eq(mkdir(p, 0700), 0);
	free(p);
	p = fg_strdupf("%shalf_orm/version.txt", work);
	fg_test_write_file(p, "0.16.0-rc2\r\n", 12, 0644);
	free(p);
	p = fg_strdupf("%ssetup.py", work);
	fg_test_write_file(p, "setup(version='0.16.0-rc2')", 27, 0644);
	free(p);
	/* docs/index.md is absent */
	ck_assert_int_eq(fg_vfiles_from_workdir(&files, work, cfg), 0);
	ck_assert_uint_eq(files.n, cfg->nvfiles);
	ck_assert_int_eq(files.contents[0].present, 1);
	ck_assert_uint_eq(files.contents[0].len, 12);
	ck_assert_int_eq(files.contents[2].present, 0);
	ck_assert_uint_eq(files.set.n, 2);
	ck_assert_str_eq(fg_versions_exact(&files.set)->text, "0.16.0-rc2");
	fg_vfiles_release(&files);

	/* a version file that is a symbolic link is refused, not followed */
	p = fg_strdupf("%ssetup.py", work);
	ck_assert_int_eq(unlink(p), 0);
	ck_assert_int_eq(symlink("half_orm/version.txt", p), 0);
	free(p);
	ck_assert_int_eq(fg_vfiles_from_workdir(&files, work, cfg), -1);
	ck_assert_msg(strstr(fg_git_error(), "setup.py is, or is reached through, a symbolic "
				"link") != NULL, "%s", fg_git_error());
	fg_vfiles_release(&files);
	p = fg_strdupf("%ssetup.py", work);
	ck_assert_int_eq(unlink(p), 0);
	fg_test_write_file(p, "setup(version='0.16.0-rc2')", 27, 0644);
	free(p);

	/* a committed link to a directory outside the work tree is not followed */
	p = fg_strdupf("%shalf_orm/version.txt", work);
	ck_assert_int_eq(unlink(p), 0);
	free(p);
	p = fg_strdupf("%shalf_orm", work);
	ck_assert_int_eq(rmdir(p), 0);
	ck_assert_int_eq(symlink("/proc/self", p), 0);
	free(p);
	ck_assert_int_eq(fg_vfiles_from_workdir(&files, work, cfg), -1);
	ck_assert_msg(strstr(fg_git_error(), "half_orm/version.txt is, or is reached through, a "
				"symbolic link") != NULL, "%s", fg_git_error());
	fg_vfiles_release(&files);
	free(work);
}
END_TEST

/* A version file named inside .git is refused, whatever its case. */
START_TEST(test_workdir_git_dir)
{
	struct fg_config cfg;
	struct fg_vfiles files;
	char *top = fg_test_mkdtemp(), *work = fg_strdupf("%s/", top), *p;

	ck_assert_int_eq(fg_config_init(&cfg), 0);
	free((char *)cfg.vfiles[0].path);
	cfg.vfiles[0].path = strdup(".GIT/config");
	p = fg_strdupf("%s.git", work);
	ck_assert_int_eq(mkdir(p, 0700), 0);
	free(p);
	p = fg_strdupf("%s.git/config", work);
	fg_test_write_file(p, "0.16.0\n", 7, 0644);
	free(p);
	memset(&files, 0, sizeof(files));
	ck_assert_int_eq(fg_vfiles_from_workdir(&files, work, &cfg), -1);
	ck_assert_msg(strstr(fg_git_error(), ".GIT/config is inside .git") != NULL, "%s",
		      fg_git_error());
	fg_vfiles_release(&files);
	fg_config_release(&cfg);
	free(work);
	fg_test_rmtree(top);
}
END_TEST

/* ---- flowgate version and flowgate bump on a repository ------------------ */

static struct fg_test_repo fx;

static const struct fg_test_file halform_files[] = {
	{ "half_orm/version.txt", "0.16.0-rc2\n" },
	{ "setup.py", "setup(name='half_orm', version='0.16.0-rc2')\n" },
	{ "docs/index.md", "This documentation covers halfORM **0.16.x** (latest).\n" },
	{ "README.md", "# halfORM\n" },
};

/* The environment the bump reads its identity from, saved around a test. */
static const char *const ident_env[] = {
	"GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL",
};
static char *saved_ident[4];

/* PATH of the work tree, newly allocated. */
static char *work_path(const char *path)
{
	char *full = fg_strdupf("%s/%s", fx.work, path);

	ck_assert_ptr_nonnull(full);
	return full;
}

static void put(const char *path, const char *data)
{
	char *full = work_path(path);

	fg_test_write_file(full, data, strlen(data), 0644);
	free(full);
}

static char *get(const char *path)
{
	char *full = work_path(path), *data = fg_test_read_file(full, NULL);

	free(full);
	ck_assert_ptr_nonnull(data);
	return data;
}

static void repo_setup(void)
{
	char *dirs[2];

	files_setup();
	for (size_t i = 0; i < FG_COUNT(ident_env); i++) {
		const char *v = getenv(ident_env[i]);

		saved_ident[i] = v ? strdup(v) : NULL;
		unsetenv(ident_env[i]);
	}
	fg_test_repo_create(&fx, "release/0.16.x", halform_files, FG_COUNT(halform_files));
	/* the work tree as checked out: the same files */
	dirs[0] = work_path("half_orm");
	dirs[1] = work_path("docs");
	ck_assert_int_eq(mkdir(dirs[0], 0755), 0);
	ck_assert_int_eq(mkdir(dirs[1], 0755), 0);
	free(dirs[0]);
	free(dirs[1]);
	for (size_t i = 0; i < FG_COUNT(halform_files); i++)
		put(halform_files[i].path, halform_files[i].data);
	fg_test_repo_config(&fx, "user.name", "Release Manager");
	fg_test_repo_config(&fx, "user.email", "rm@example.com");
}

static void repo_teardown(void)
{
	fg_test_repo_release(&fx);
	for (size_t i = 0; i < FG_COUNT(ident_env); i++) {
		if (saved_ident[i])
			setenv(ident_env[i], saved_ident[i], 1);
		else
			unsetenv(ident_env[i]);
		free(saved_ident[i]);
		saved_ident[i] = NULL;
	}
	files_teardown();
}

/* Run a command's function with OUT and ERR captured; *OUT_TEXT, *ERR_TEXT newly allocated. */
struct run {
	FILE *out, *err;
};

static void run_begin(struct run *r)
{
	r->out = tmpfile();
	r->err = tmpfile();
	ck_assert(r->out && r->err);
}

static char *slurp(FILE *f)
{
	long size;
	char *text;

	fflush(f);
	size = ftell(f);
	rewind(f);
	text = calloc(1, (size_t)(size > 0 ? size : 0) + 1);
	ck_assert_ptr_nonnull(text);
	if (size > 0)
		ck_assert_uint_eq(fread(text, 1, (size_t)size, f), (size_t)size);
	fclose(f);
	return text;
}

static int bump(const char *what, int commit, int tag, int dry_run, char **out, char **err)
{
	struct fg_bump_options opts = { what, commit, tag, dry_run };
	struct run r;
	int status;

	run_begin(&r);
	status = fg_release_bump(fg_test_config(), fx.repo, &opts, r.out, r.err);
	*out = slurp(r.out);
	*err = slurp(r.err);
	return status;
}

static int version(int cached, const char *rev, char **out, char **err)
{
	struct fg_version_source src = { cached, rev };
	struct run r;
	int status;

	run_begin(&r);
	status = fg_release_version(fg_test_config(), fx.repo, &src, r.out, r.err);
	*out = slurp(r.out);
	*err = slurp(r.err);
	return status;
}

/* The content of PATH staged in the index, newly allocated; NULL when not staged. */
static char *staged(const char *path)
{
	git_index *index = NULL;
	const git_index_entry *e;
	git_blob *blob = NULL;
	char *data = NULL;

	ck_assert_int_eq(git_repository_index(&index, fx.repo), 0);
	ck_assert_int_eq(git_index_read(index, 1), 0);
	if ((e = git_index_get_bypath(index, path, 0))) {
		ck_assert_int_eq(git_blob_lookup(&blob, fx.repo, &e->id), 0);
		data = fg_strdupf("%.*s", (int)git_blob_rawsize(blob),
				  (const char *)git_blob_rawcontent(blob));
		git_blob_free(blob);
	}
	git_index_free(index);
	return data;
}

START_TEST(test_version_sources)
{
	char *out, *err;

	ck_assert_int_eq(version(0, NULL, &out, &err), 0);
	ck_assert_str_eq(out, "0.16.0-rc2\n");
	ck_assert_str_eq(err, "");
	free(out);
	free(err);

	put("setup.py", "setup(name='half_orm', version='0.15.0')\n");
	ck_assert_int_eq(version(0, NULL, &out, &err), FG_EXIT_VIOLATION);
	ck_assert_str_eq(out, "");
	ck_assert_msg(strstr(err, "half_orm/version.txt: 0.16.0-rc2\nsetup.py: 0.15.0\n"
			     "docs/index.md: 0.16.x\n") != NULL, "%s", err);
	ck_assert_msg(strstr(err, "flowgate version: error: versionConsistency: ") != NULL, "%s", err);
	ck_assert_msg(strstr(err, "\nhint: ") != NULL, "%s", err);
	free(out);
	free(err);

	/* the index and HEAD still agree */
	ck_assert_int_eq(version(1, NULL, &out, &err), 0);
	ck_assert_str_eq(out, "0.16.0-rc2\n");
	free(out);
	free(err);
	ck_assert_int_eq(version(0, "HEAD", &out, &err), 0);
	ck_assert_str_eq(out, "0.16.0-rc2\n");
	free(out);
	free(err);
	ck_assert_int_eq(version(0, "no-such-rev", &out, &err), FG_EXIT_USAGE);
	free(out);
	free(err);
}
END_TEST

START_TEST(test_bump_dry_run_writes_nothing)
{
	char *out, *err, *v;

	ck_assert_int_eq(bump("release", 1, 1, 1, &out, &err), 0);
	ck_assert_str_eq(err, "");
	ck_assert_msg(strstr(out, "diff --git a/half_orm/version.txt b/half_orm/version.txt\n") &&
		      strstr(out, "\n-0.16.0-rc2\n+0.16.0\n") &&
		      strstr(out, "would commit 'chore: prepare release 0.16.0'\n") &&
		      strstr(out, "would tag v0.16.0 'release: 0.16.0'\n"), "%s", out);
	ck_assert_ptr_null(strstr(out, "docs/index.md b/docs")); /* 0.16.x stays */
	free(out);
	free(err);
	ck_assert_str_eq(v = get("half_orm/version.txt"), "0.16.0-rc2\n");
	free(v);
	ck_assert_str_eq(v = staged("half_orm/version.txt"), "0.16.0-rc2\n");
	free(v);
}
END_TEST

START_TEST(test_bump_commit_and_tag)
{
	git_object *obj = NULL;
	git_commit *head = NULL;
	git_reference *ref = NULL;
	git_tag *tag = NULL;
	char *out, *err, *v;

	ck_assert_int_eq(bump("release", 1, 1, 0, &out, &err), 0);
	ck_assert_msg(!strcmp(err, ""), "%s", err);
	ck_assert_msg(strstr(out, "flowgate bump: 0.16.0-rc2 -> 0.16.0 in half_orm/version.txt, "
			     "setup.py (committed); docs/index.md keeps 0.16.x\n") != NULL, "%s", out);
	free(out);
	free(err);
	ck_assert_str_eq(v = get("setup.py"), "setup(name='half_orm', version='0.16.0')\n");
	free(v);
	ck_assert_str_eq(v = staged("setup.py"), "setup(name='half_orm', version='0.16.0')\n");
	free(v);
	ck_assert_int_eq(git_revparse_single(&obj, fx.repo, "HEAD"), 0);
	head = (git_commit *)obj;
	ck_assert_str_eq(git_commit_message(head), "chore: prepare release 0.16.0\n");
	ck_assert_str_eq(git_commit_author(head)->name, "Release Manager");
	ck_assert_uint_eq(git_commit_parentcount(head), 1);
	obj = NULL;
	ck_assert_int_eq(git_revparse_single(&obj, fx.repo, "refs/tags/v0.16.0"), 0);
	ck_assert_int_eq(git_object_type(obj), GIT_OBJECT_TAG);
	tag = (git_tag *)obj;
	ck_assert_str_eq(git_tag_message(tag), "release: 0.16.0\n");
	ck_assert(git_oid_equal(git_tag_target_id(tag), git_commit_id(head)));
	git_tag_free(tag);

	/* a tag of the next version exists already: refused, nothing written */
	ck_assert_int_eq(git_reference_create(&ref, fx.repo, "refs/tags/v0.16.1",
					      git_commit_id(head), 0, NULL), 0);
	git_reference_free(ref);
	git_commit_free(head);
	ck_assert_int_eq(bump("0.16.1", 1, 1, 0, &out, &err), FG_EXIT_VIOLATION);
	ck_assert_msg(strstr(err, "flowgate bump: error: tag 'v0.16.1' already exists; ") != NULL,
		      "%s", err);
	free(out);
	free(err);
	ck_assert_str_eq(v = get("half_orm/version.txt"), "0.16.0\n");
	free(v);
}
END_TEST

START_TEST(test_bump_refusals)
{
	char *out, *err, *v;

	/* unstaged change in a version file */
	put("setup.py", "setup(name='half_orm', version='0.16.0-rc2')  # edited\n");
	ck_assert_int_eq(bump("release", 0, 0, 0, &out, &err), FG_EXIT_VIOLATION);
	ck_assert_msg(strstr(err, "flowgate bump: error: setup.py has unstaged changes; ") != NULL,
		      "%s", err);
	free(out);
	free(err);
	ck_assert_str_eq(v = get("half_orm/version.txt"), "0.16.0-rc2\n");
	free(v);
	put("setup.py", halform_files[1].data);

	/* out of the branch's series */
	ck_assert_int_eq(bump("dev", 0, 0, 0, &out, &err), FG_EXIT_VIOLATION);
	ck_assert_msg(strstr(err, "0.17.0-dev is outside the 0.16 series of branch "
			     "'release/0.16.x'") != NULL, "%s", err);
	free(out);
	free(err);

	/* the workflow's refusal */
	ck_assert_int_eq(bump("alpha", 0, 0, 0, &out, &err), FG_EXIT_VIOLATION);
	ck_assert_msg(strstr(err, "flowgate bump: error: cannot bump alpha from 0.16.0-rc2: ") != NULL,
		      "%s", err);
	free(out);
	free(err);

	/* other staged files with --commit */
	fg_test_repo_stage(&fx, "notes.txt", "x\n");
	put("notes.txt", "x\n");
	ck_assert_int_eq(bump("release", 1, 0, 0, &out, &err), FG_EXIT_VIOLATION);
	ck_assert_msg(strstr(err, "notes.txt is staged and would go into the bump commit; commit "
			     "or unstage them first") != NULL, "%s", err);
	free(out);
	free(err);

	/* without --commit, other staged files and a missing identity do not matter */
	fg_test_repo_config(&fx, "user.email", "");
	ck_assert_int_eq(bump("release", 0, 0, 0, &out, &err), 0);
	free(out);
	free(err);
	ck_assert_str_eq(v = get("half_orm/version.txt"), "0.16.0\n");
	free(v);
}
END_TEST

START_TEST(test_bump_no_identity)
{
	char *out, *err, *v;

	fg_test_repo_config(&fx, "user.email", "");
	ck_assert_int_eq(bump("release", 1, 0, 0, &out, &err), FG_EXIT_VIOLATION);
	ck_assert_msg(strstr(err, "no identity to commit with") != NULL, "%s", err);
	free(out);
	free(err);
	ck_assert_str_eq(v = get("half_orm/version.txt"), "0.16.0-rc2\n");
	free(v);
	/* git's environment variables stand in for the configuration */
	setenv("GIT_AUTHOR_EMAIL", "author@example.com", 1);
	setenv("GIT_COMMITTER_EMAIL", "committer@example.com", 1);
	ck_assert_int_eq(bump("release", 1, 0, 0, &out, &err), 0);
	free(out);
	free(err);
}
END_TEST

/* A rename fails: every version file is as it was, nothing is staged or committed. */
START_TEST(test_bump_fault_rolls_back)
{
	char *out, *err, *v;
	git_oid before, after;

	ck_assert_int_eq(git_reference_name_to_id(&before, fx.repo, "HEAD"), 0);
	setenv(FG_FAULT_RENAME_ENV, "2", 1);
	ck_assert_int_eq(bump("release", 1, 0, 0, &out, &err), FG_EXIT_INTERNAL);
	ck_assert_msg(strstr(err, "flowgate bump: fatal: cannot write the version files: cannot "
			     "rename ") && strstr(err, "every file was put back as it was"), "%s", err);
	free(out);
	free(err);
	for (size_t i = 0; i < 3; i++) {
		ck_assert_str_eq(v = get(halform_files[i].path), halform_files[i].data);
		free(v);
		ck_assert_str_eq(v = staged(halform_files[i].path), halform_files[i].data);
		free(v);
	}
	ck_assert_int_eq(git_reference_name_to_id(&after, fx.repo, "HEAD"), 0);
	ck_assert(git_oid_equal(&before, &after));
}
END_TEST

Suite *release_suite(void)
{
	Suite *s = suite_create("release");
	TCase *files = tcase_create("files");
	TCase *repo = tcase_create("repo");

	tcase_add_checked_fixture(files, files_setup, files_teardown);
	tcase_add_test(files, test_workdir_read);
	tcase_add_test(files, test_workdir_git_dir);
	suite_add_tcase(s, files);

	tcase_add_checked_fixture(repo, repo_setup, repo_teardown);
	tcase_add_test(repo, test_version_sources);
	tcase_add_test(repo, test_bump_dry_run_writes_nothing);
	tcase_add_test(repo, test_bump_commit_and_tag);
	tcase_add_test(repo, test_bump_refusals);
	tcase_add_test(repo, test_bump_no_identity);
	tcase_add_test(repo, test_bump_fault_rolls_back);
	suite_add_tcase(s, repo);
	return s;
}

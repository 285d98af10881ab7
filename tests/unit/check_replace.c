/*
 * Tests of replace.c: files replaced together through temporaries, and put
 * back when a rename fails (FLOWGATE_FAULT_RENAME), modes kept and no
 * temporary left behind.
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "check_flowgate.h"
#include "replace.h"

/* ---- replacing files ---------------------------------------------------- */

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

/* Three files in DIR (two in a subdirectory), their old and new contents. */
struct three {
	char *paths[3];
	struct fg_file_update files[3];
};

static const char *const old_data[] = { "0.16.0\r\n", "version='0.16.0'\nx = 'version=\\'0.16.0\\''",
					"covers halfORM **0.16.x**\n" };
static const char *const new_data[] = { "0.17.0-dev\r\n",
					"version='0.17.0-dev'\nx = 'version=\\'0.17.0-dev\\''",
					"covers halfORM **0.17.x**\n" };
static const unsigned modes[] = { 0644, 0755, 0600 };

static void three_make(struct three *t)
{
	char *sub = fg_strdupf("%s/sub", dir);

	ck_assert_ptr_nonnull(sub);
	ck_assert_int_eq(mkdir(sub, 0700), 0);
	free(sub);
	memset(t, 0, sizeof(*t));
	for (int i = 0; i < 3; i++) {
		t->paths[i] = fg_strdupf(i ? "%s/sub/f%d" : "%s/f%d", dir, i);
		ck_assert_ptr_nonnull(t->paths[i]);
		fg_test_write_file(t->paths[i], old_data[i], strlen(old_data[i]), modes[i]);
		t->files[i] = (struct fg_file_update){ t->paths[i], old_data[i], strlen(old_data[i]),
						       new_data[i], strlen(new_data[i]), 0 };
	}
}

static void three_free(struct three *t)
{
	for (int i = 0; i < 3; i++)
		free(t->paths[i]);
}

/* PATH holds exactly WANT with mode MODE. */
static void assert_file(const char *path, const char *want, unsigned mode)
{
	struct stat st;
	size_t len;
	char *got = fg_test_read_file(path, &len);

	ck_assert_msg(got != NULL, "%s cannot be read", path);
	ck_assert_msg(len == strlen(want) && !memcmp(got, want, len), "%s holds '%s', want '%s'",
		      path, got, want);
	free(got);
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_uint_eq(st.st_mode & 07777, mode);
}

/* The number of entries of directory PATH, "." and ".." excluded. */
static int count_entries(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *e;
	int n = 0;

	ck_assert_ptr_nonnull(d);
	while ((e = readdir(d)))
		n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
	closedir(d);
	return n;
}

static void assert_no_temporaries(void)
{
	char *sub = fg_strdupf("%s/sub", dir);

	ck_assert_int_eq(count_entries(dir), 2);  /* f0, sub */
	ck_assert_int_eq(count_entries(sub), 2); /* f1, f2 */
	free(sub);
}

START_TEST(test_replace)
{
	struct three t;
	unsigned long renames = 0;
	char *error = (char *)"unset";

	three_make(&t);
	ck_assert_int_eq(fg_files_replace(t.files, 3, &renames, &error), 0);
	ck_assert_ptr_null(error);
	ck_assert_uint_eq(renames, 3);
	for (int i = 0; i < 3; i++) {
		assert_file(t.paths[i], new_data[i], modes[i]); /* the mode is kept */
		ck_assert_int_eq(t.files[i].replaced, 1);
	}
	assert_no_temporaries();
	three_free(&t);
}
END_TEST

/* The N-th rename fails: the files renamed before it are put back. */
START_TEST(test_replace_fault)
{
	struct three t;
	unsigned long renames = 0;
	char *error = NULL, number[16];

	three_make(&t);
	snprintf(number, sizeof(number), "%d", _i + 1);
	setenv(FG_FAULT_RENAME_ENV, number, 1);
	ck_assert_int_eq(fg_files_replace(t.files, 3, &renames, &error), -1);
	ck_assert_ptr_nonnull(error);
	ck_assert_msg(strstr(error, "Input/output error") != NULL, "%s", error);
	ck_assert_msg(strstr(error, _i ? "every file was put back as it was"
				       : "no file was changed") != NULL, "%s", error);
	/* _i renames done, one failed, then _i renames back */
	ck_assert_uint_eq(renames, (unsigned long)(2 * _i + 1));
	for (int i = 0; i < 3; i++) {
		assert_file(t.paths[i], old_data[i], modes[i]);
		ck_assert_int_eq(t.files[i].replaced, 0);
	}
	assert_no_temporaries();
	free(error);
	three_free(&t);
}
END_TEST

/* A temporary cannot be written (a file is gone): nothing is renamed. */
START_TEST(test_replace_write_fails)
{
	struct three t;
	unsigned long renames = 0;
	char *error = NULL;

	three_make(&t);
	ck_assert_int_eq(unlink(t.paths[2]), 0);
	ck_assert_int_eq(fg_files_replace(t.files, 3, &renames, &error), -1);
	ck_assert_ptr_nonnull(error);
	ck_assert_msg(strstr(error, t.paths[2]) && strstr(error, "no file was changed"), "%s", error);
	ck_assert_uint_eq(renames, 0);
	assert_file(t.paths[0], old_data[0], modes[0]);
	assert_file(t.paths[1], old_data[1], modes[1]);
	ck_assert_int_eq(count_entries(dir), 2);
	free(error);
	three_free(&t);
}
END_TEST

/* A file that cannot be put back keeps a temporary with its old content, named in the error. */
START_TEST(test_restore_fault_keeps_old_content)
{
	struct three t;
	unsigned long renames = 0;
	char *error = NULL, *tmp, *end, *kept;

	three_make(&t);
	ck_assert_int_eq(fg_files_replace(t.files, 3, &renames, &error), 0);
	setenv(FG_FAULT_RENAME_ENV, "5", 1); /* the second file's way back */
	ck_assert_int_eq(fg_files_restore(t.files, 3, &renames, &error), -1);
	ck_assert_uint_eq(renames, 6);
	ck_assert_ptr_nonnull(error);
	assert_file(t.paths[0], old_data[0], modes[0]);
	assert_file(t.paths[1], new_data[1], modes[1]);
	assert_file(t.paths[2], old_data[2], modes[2]);
	ck_assert_int_eq(t.files[1].replaced, 1);
	tmp = strstr(error, "its old content is in ");
	ck_assert_msg(tmp != NULL && strstr(error, t.paths[1]), "%s", error);
	tmp += strlen("its old content is in ");
	end = tmp + strcspn(tmp, ";");
	*end = '\0';
	kept = fg_strdupf("%s", tmp);
	assert_file(kept, old_data[1], modes[1]);
	free(kept);
	free(error);
	three_free(&t);
}
END_TEST

Suite *replace_suite(void)
{
	Suite *s = suite_create("replace");
	TCase *files = tcase_create("files");

	tcase_add_checked_fixture(files, files_setup, files_teardown);
	tcase_add_test(files, test_replace);
	tcase_add_loop_test(files, test_replace_fault, 0, 3);
	tcase_add_test(files, test_replace_write_fails);
	tcase_add_test(files, test_restore_fault_keeps_old_content);
	suite_add_tcase(s, files);
	return s;
}

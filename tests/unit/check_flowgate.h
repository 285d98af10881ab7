/*
 * The Check suites of flowgate's unit tests, one per module of common/, and
 * the few fixtures they share (temporary directories, a libgit2-made
 * repository with the user's git config kept out, stderr capture).
 */
#ifndef FLOWGATE_CHECK_H
#define FLOWGATE_CHECK_H

#include <stddef.h>
#include <check.h>
#include <git2.h>
#include "config.h"
#include "report.h"

Suite *rules_suite(void);
Suite *report_suite(void);
Suite *report_term_suite(void);
Suite *pattern_suite(void);
Suite *version_suite(void);
Suite *vfile_suite(void);
Suite *refname_suite(void);
Suite *cleanup_suite(void);
Suite *gitform_suite(void);
Suite *textcase_suite(void);
Suite *retry_suite(void);
Suite *summary_suite(void);
Suite *message_suite(void);
Suite *msgheader_suite(void);
Suite *msgbody_suite(void);
Suite *commit_suite(void);
Suite *commit_header_suite(void);
Suite *tag_suite(void);
Suite *gitinit_suite(void);
Suite *repo_suite(void);
Suite *vfiles_suite(void);
Suite *repoconfig_suite(void);
Suite *commitctx_suite(void);
Suite *oidset_suite(void);
Suite *hook_suite(void);
Suite *updates_suite(void);
Suite *push_suite(void);
Suite *config_suite(void);
Suite *config_git_suite(void);
Suite *config_rules_suite(void);
Suite *cfgparse_suite(void);
Suite *settings_suite(void);
Suite *bump_suite(void);
Suite *release_suite(void);
Suite *bumpplan_suite(void);
Suite *replace_suite(void);
Suite *range_suite(void);
Suite *hotfix_suite(void);
Suite *refs_suite(void);
Suite *tagref_suite(void);
Suite *revert_suite(void);
Suite *hotfixprint_suite(void);
Suite *carrier_suite(void);
Suite *quote_suite(void);
Suite *doctor_suite(void);
Suite *index_suite(void);
Suite *notes_suite(void);
Suite *detect_suite(void);
Suite *guide_suite(void);

Suite *suggest_suite(void);

Suite *objects_suite(void);
Suite *packs_suite(void);
Suite *revparse_suite(void);
Suite *walk_suite(void);

Suite *help_suite(void);

/* Number of elements of a static table. */
#define FG_COUNT(a) (sizeof(a) / sizeof((a)[0]))

/*
 * fg_test_run_begin / fg_test_run_end: the runner's temporary directory,
 * under which fg_test_mkdtemp makes every test's; removed at the end.
 */
void fg_test_run_begin(void);
void fg_test_run_end(void);


/* Bytes with their length, so a table entry may hold a NUL byte. */
struct fg_bytes {
	const char *data; /* NULL: absent (a missing file) */
	size_t len;
};
#define FG_BYTES(s) { (s), sizeof(s) - 1 }
#define FG_ABSENT { NULL, 0 }

/* The number of violations of RULE in REPORT. */
size_t fg_test_count_rule(const struct fg_report *report, enum fg_rule rule);

/* A new empty directory under $TMPDIR or /tmp (newly allocated path). */
char *fg_test_mkdtemp(void);
/* Remove DIR and everything in it, then free the path; NULL is a no-op. */
void fg_test_rmtree(char *dir);
/*
 * fg_test_files_dir: a new empty directory (fg_test_mkdtemp) for tests that
 * replace files, with the rename fault of replace.h (FLOWGATE_FAULT_RENAME)
 * taken out of the environment until fg_test_files_done(DIR), which puts it
 * back as it was and removes DIR (fg_test_rmtree).
 */
char *fg_test_files_dir(void);
void fg_test_files_done(char *dir);
/* Write DATA[0..LEN) to PATH with MODE; asserts success. */
void fg_test_write_file(const char *path, const char *data, size_t len, unsigned mode);
/* PATH's content, NUL added (not counted in *LEN); NULL if unreadable. */
char *fg_test_read_file(const char *path, size_t *len);

/* Redirect file descriptor FD (1 or 2) to a temporary file until captured. */
struct fg_test_capture {
	int fd, saved;
	FILE *file;
};
void fg_test_capture_start(struct fg_test_capture *c, int fd);
/* Restore the descriptor; returns what was written (newly allocated). */
char *fg_test_capture_end(struct fg_test_capture *c);

/*
 * A repository created with libgit2 in a temporary directory, its
 * environment isolated from the user's: libgit2's system/XDG/global config
 * search paths and HOME point at an empty directory, and GIT_DIR names the
 * repository (the GIT_* variables a hook could inherit are unset).
 */
struct fg_test_repo {
	char *dir;      /* the temporary directory, work tree at DIR/work */
	char *work;     /* DIR/work */
	char *gitdir;   /* DIR/work/.git */
	char *home;     /* DIR/home, empty: HOME and the config search paths */
	git_repository *repo;
	char *saved_home;
};

/* A file of the first commit or the index: PATH and its content. */
struct fg_test_file {
	const char *path;
	const char *data;
};

/*
 * fg_test_repo_create: a repository whose HEAD is BRANCH; with NFILES > 0
 * the files are staged and committed ("chore: initial commit"), else the
 * branch is unborn. Sets GIT_DIR. Asserts on failure.
 */
void fg_test_repo_create(struct fg_test_repo *r, const char *branch,
			 const struct fg_test_file *files, size_t nfiles);
/* Stage PATH with DATA in the index (written to disk). */
void fg_test_repo_stage(struct fg_test_repo *r, const char *path, const char *data);
/* Commit the index on HEAD with MESSAGE; *OUT (may be NULL) gets its id. */
void fg_test_repo_commit(struct fg_test_repo *r, const char *message, git_oid *out);
/* Set a key of the repository's local config. */
void fg_test_repo_config(struct fg_test_repo *r, const char *key, const char *value);
/* Free the repository, restore the environment, remove the directory. */
void fg_test_repo_release(struct fg_test_repo *r);

/*
 * fg_test_config: the built-in configuration (the halfORM workflow), made
 * once per process and released by fg_test_run_end. Tests must not change it.
 */
struct fg_config *fg_test_config(void);

/* Checked fixture: save NO_COLOR before a test, restore it after. */
void fg_test_no_color_save(void);
void fg_test_no_color_restore(void);

#endif

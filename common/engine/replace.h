/*
 * Replacing several files at once (engine layer, under bump's writing):
 * every new content in a temporary file beside its file first, then the
 * renames, and every file put back as it was when a step fails. No
 * libgit2 here: `flowgate bump` writes the version files through it.
 */
#ifndef FLOWGATE_REPLACE_H
#define FLOWGATE_REPLACE_H

#include <stddef.h>

/*
 * FLOWGATE_FAULT_RENAME=N (for tests): the N-th rename(2) of one bump (the
 * renames that put the version files in place, then those that put them
 * back, counted from 1) fails with EIO instead of being made. It can only
 * make a bump fail, never change what is written; unset, empty or 0: no fault.
 */
#define FG_FAULT_RENAME_ENV "FLOWGATE_FAULT_RENAME"

/* One file to replace, and what it held before. */
struct fg_file_update {
	const char *path;     /* file system path; not owned */
	const char *old_data; /* its content now (what a rollback writes back); not owned */
	size_t old_len;
	const char *new_data; /* its new content; not owned */
	size_t new_len;
	int replaced;         /* set while NEW_DATA is in place (fg_files_replace) */
};

/*
 * fg_files_replace: put NEW_DATA in place of each of the N files at once,
 * as far as POSIX allows: every new content is first written to a
 * temporary file beside its file (O_CREAT | O_EXCL, the file's mode and,
 * when permitted, owner), fsync'd, then each is renamed over its file;
 * the directories are fsync'd at the end. If a write fails, the
 * temporaries are removed and no file is touched; if a rename fails, the
 * remaining temporaries are removed and the files already renamed are put
 * back with fg_files_restore. *RENAMES counts the renames made (set it to
 * 0 first; FLOWGATE_FAULT_RENAME counts on it).
 * Returns 0 with every REPLACED set, or -1 with *ERROR a newly allocated
 * one-line message (what failed, and whether the files were put back; NULL
 * when out of memory) that the caller frees.
 */
int fg_files_replace(struct fg_file_update *files, size_t n, unsigned long *renames,
		     char **error);

/*
 * fg_files_restore: put OLD_DATA back in each of the N files whose REPLACED
 * is set, the same way (temporary, rename), clearing REPLACED. A file that
 * cannot be put back keeps its temporary holding the old content, which
 * *ERROR names. Returns 0, or -1 with *ERROR as fg_files_replace's.
 */
int fg_files_restore(struct fg_file_update *files, size_t n, unsigned long *renames,
		     char **error);

#endif

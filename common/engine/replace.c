/*
 * Replacing files together (replace.h): each new content written to a
 * temporary file beside its file and fsync'd before any rename(2), the
 * renames counted for FLOWGATE_FAULT_RENAME, every file put back the same
 * way when a step fails.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "fileio.h"
#include "replace.h"
#include "report.h"

/* Append MORE (consumed; NULL: out of memory) to *ERROR, "; "-separated. */
static void add_error(char **error, char *more)
{
	char *joined;

	if (!*error) {
		*error = more;
		return;
	}
	joined = more ? fg_strdupf("%s; %s", *error, more) : NULL;
	free(more);
	if (joined) {
		free(*error);
		*error = joined;
	}
}

/* rename(2), or EIO when it is the FLOWGATE_FAULT_RENAME-th of *RENAMES. */
static int fault_rename(const char *from, const char *to, unsigned long *renames)
{
	const char *fault = getenv(FG_FAULT_RENAME_ENV);

	++*renames;
	if (fault && *fault && strtoul(fault, NULL, 10) == *renames) {
		errno = EIO;
		return -1;
	}
	return rename(from, to);
}

/* The directory part of PATH, newly allocated ("." when none). */
static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return strdup(".");
	if (slash == path)
		return strdup("/");
	return fg_strdupf("%.*s", (int)(slash - path), path);
}

/* fsync each file's directory, so that the renames survive a crash (best effort). */
static void sync_dirs(const struct fg_file_update *files, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char *dir = dir_of(files[i].path);
		int fd = dir ? open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC) : -1;

		if (fd >= 0) {
			fsync(fd);
			close(fd);
		}
		free(dir);
	}
}

/*
 * A new temporary file beside PATH, ".<name>.flowgate-<pid>-<n>", holding
 * DATA[0..LEN) with PATH's mode (and owner, when permitted), fsync'd.
 * Returns 0 and *TMP (newly allocated), or -1 with an error added to *ERROR.
 */
static int write_temp(const char *path, const char *data, size_t len, char **tmp,
		      char **error)
{
	static unsigned long seq;
	const char *slash = strrchr(path, '/');
	int dir_len = slash ? (int)(slash - path + 1) : 0;
	struct stat st;
	char *name = NULL;
	int fd = -1, e = 0;

	*tmp = NULL;
	if (stat(path, &st) < 0) {
		e = errno;
		add_error(error, fg_strdupf("cannot read %s: %s", path, strerror(e)));
		return -1;
	}
	for (int attempt = 0; fd < 0 && attempt < 100; attempt++) {
		free(name);
		name = fg_strdupf("%.*s.%s.flowgate-%ld-%lu", dir_len, path, path + dir_len,
				  (long)getpid(), seq++);
		if (!name) {
			add_error(error, NULL);
			return -1;
		}
		fd = open(name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, st.st_mode & 07777);
		if (fd < 0 && errno != EEXIST)
			break;
	}
	if (fd < 0) {
		e = errno;
		add_error(error, fg_strdupf("cannot create %s: %s", name, strerror(e)));
		free(name);
		return -1;
	}
	/* the owner first: chown may clear the set-user-ID bit that chmod sets */
	if ((st.st_uid != geteuid() || st.st_gid != getegid()) &&
	    fchown(fd, st.st_uid, st.st_gid) < 0) {
		/* not permitted: the file stays ours, as an editor's copy would */
	}
	if (fchmod(fd, st.st_mode & 07777) < 0 || fg_write_all(fd, data, len) < 0 || fsync(fd) < 0)
		e = errno ? errno : EIO;
	if (close(fd) < 0 && !e)
		e = errno;
	if (e) {
		add_error(error, fg_strdupf("cannot write %s: %s", name, strerror(e)));
		unlink(name);
		free(name);
		return -1;
	}
	*tmp = name;
	return 0;
}

int fg_files_restore(struct fg_file_update *files, size_t n, unsigned long *renames,
		     char **error)
{
	int rc = 0;

	*error = NULL;
	for (size_t i = 0; i < n; i++) {
		char *tmp = NULL;
		int e;

		if (!files[i].replaced)
			continue;
		if (write_temp(files[i].path, files[i].old_data, files[i].old_len, &tmp, error) < 0) {
			add_error(error, fg_strdupf("%s is left with the new version", files[i].path));
			rc = -1;
			continue;
		}
		if (fault_rename(tmp, files[i].path, renames) < 0) {
			e = errno;
			add_error(error, fg_strdupf("cannot put %s back: rename: %s; its old content "
						    "is in %s", files[i].path, strerror(e), tmp));
			free(tmp);
			rc = -1;
			continue;
		}
		free(tmp);
		files[i].replaced = 0;
	}
	sync_dirs(files, n);
	return rc;
}

int fg_files_replace(struct fg_file_update *files, size_t n, unsigned long *renames,
		     char **error)
{
	char **tmp = calloc(n ? n : 1, sizeof(*tmp)), *restore_error = NULL;
	int rc = -1, touched = 0, e;
	size_t i;

	*error = NULL;
	if (!tmp)
		return -1;
	for (i = 0; i < n; i++)
		if (write_temp(files[i].path, files[i].new_data, files[i].new_len, &tmp[i],
			       error) < 0)
			goto fail;
	for (i = 0; i < n; i++) {
		if (fault_rename(tmp[i], files[i].path, renames) < 0) {
			e = errno;
			add_error(error, fg_strdupf("cannot rename %s to %s: %s", tmp[i],
						    files[i].path, strerror(e)));
			goto fail;
		}
		free(tmp[i]);
		tmp[i] = NULL;
		files[i].replaced = 1;
	}
	sync_dirs(files, n);
	rc = 0;
	goto out;
fail:
	for (i = 0; i < n; i++) {
		if (tmp[i])
			unlink(tmp[i]);
		touched |= files[i].replaced;
	}
	if (!touched) {
		add_error(error, strdup("no file was changed"));
	} else if (fg_files_restore(files, n, renames, &restore_error) < 0) {
		add_error(error, strdup("some files could not be put back"));
		add_error(error, restore_error);
	} else {
		add_error(error, strdup("every file was put back as it was"));
	}
out:
	for (i = 0; i < n; i++)
		free(tmp[i]);
	free(tmp);
	return rc;
}

/*
 * Text in git-config syntax (a committed .flowgate read from a blob) parsed
 * by libgit2's own parser, which reads only files: through a memory file,
 * with [include] refused first. Layer: rules, below config.
 */
#define _GNU_SOURCE /* memfd_create */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <unistd.h>
#include "cfgparse.h"
#include "settings.h"

/*
 * The 1-based line of the first section header of DATA[0..LEN) that names
 * include or includeIf (any case, as libgit2 reads section names), or 0.
 * libgit2 follows [include] path and [includeIf] path while it opens a
 * file, and has no switch to stop it: a committed .flowgate could make a
 * hook read any file the user can read ("path = ~/.gitconfig" puts the
 * user's keys into the snapshot) or block for ever opening a FIFO. git
 * does not follow includes in the files it reads from a commit
 * (.gitmodules) either.
 * A header is a line whose first non-blank character is '[' (after a UTF-8
 * byte order mark on line 1); one inside a multi-line value is refused too,
 * which errs on the safe side.
 */
static size_t include_line(const char *data, size_t len)
{
	size_t pos = 0, line = 1;

	if (len >= 3 && !memcmp(data, "\xef\xbb\xbf", 3))
		pos = 3;
	while (pos < len) {
		const char *nl = memchr(data + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - data) : len;

		while (pos < end && (data[pos] == ' ' || data[pos] == '\t' || data[pos] == '\r' ||
				     data[pos] == '\v' || data[pos] == '\f'))
			pos++;
		if (pos < end && data[pos] == '[') {
			pos++;
			while (pos < end && (data[pos] == ' ' || data[pos] == '\t'))
				pos++;
			if (end - pos >= 7 && !strncasecmp(data + pos, "include", 7))
				return line;
		}
		pos = end + 1;
		line++;
	}
	return 0;
}

/*
 * The configuration text goes to libgit2's parser through a memory file
 * (memfd, named by /proc/self/fd), or a temporary file removed at once:
 * libgit2 1.5.1 exports no parser of configuration held in memory.
 */
int fg_config_parse_buffer(git_config **out, const char *data, size_t len)
{
	char path[64];
	char *tmp = NULL;
	int fd = -1, rc;
	size_t line;

	*out = NULL;
	if ((line = include_line(data, len))) {
		char message[160];

		/* the shape of libgit2's parse errors, whose line repoconfig.c reads */
		snprintf(message, sizeof(message), "[include] and [includeIf] are not followed: "
			 "write the keys in the file itself (in " FG_CONFIG_FILE ":%zu)", line);
		git_error_set_str(GIT_ERROR_CONFIG, message);
		return GIT_ERROR;
	}
#ifdef MFD_CLOEXEC
	fd = memfd_create("flowgate-config", MFD_CLOEXEC);
	if (fd >= 0) {
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
		if (access(path, R_OK) < 0) { /* no /proc (a bare chroot) */
			close(fd);
			fd = -1;
		}
	}
#endif
	if (fd < 0) {
		const char *dir = getenv("TMPDIR");

		if (!(tmp = malloc(strlen(dir && *dir ? dir : "/tmp") + 32)))
			return -1;
		sprintf(tmp, "%s/flowgate-config-XXXXXX", dir && *dir ? dir : "/tmp");
		if ((fd = mkstemp(tmp)) < 0) {
			git_error_set_str(GIT_ERROR_OS, "cannot create a temporary file for the configuration");
			free(tmp);
			return -1;
		}
	}
	for (size_t off = 0; off < len;) {
		ssize_t w = write(fd, data + off, len - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			git_error_set_str(GIT_ERROR_OS, "cannot write the configuration to a temporary file");
			rc = -1;
			goto out;
		}
		off += (size_t)w;
	}
	rc = git_config_open_ondisk(out, tmp ? tmp : path);
	if (rc == 0) {
		/* Read it now, while the file exists: a snapshot holds the entries. */
		git_config *snapshot = NULL;

		rc = git_config_snapshot(&snapshot, *out);
		git_config_free(*out);
		*out = snapshot;
	}
out:
	if (tmp)
		unlink(tmp);
	free(tmp);
	close(fd);
	return rc;
}


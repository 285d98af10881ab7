/*
 * fileio.c: fg_write_all and fg_replace_file (fileio.h), shared by the
 * commands that rewrite a file (changelog --write, init, bump) and the
 * hooks that write one (prepare-commit-msg) or copy a stream.
 */
#include <errno.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "fileio.h"

int fg_write_all(int fd, const char *data, size_t len)
{
	while (len) {
		ssize_t w = write(fd, data, len);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			if (w == 0)
				errno = EIO;
			return -1;
		}
		data += w;
		len -= (size_t)w;
	}
	return 0;
}

int fg_replace_file(const char *path, const char *data, size_t len, mode_t mode, int sync)
{
	const char *slash = strrchr(path, '/');
	int dir_len = slash ? (int)(slash - path + 1) : 0;
	size_t size = strlen(path) + sizeof("/.flowgate-XXXXXX") + 1;
	char *tmp = malloc(size);
	int fd, e = 0;

	if (!tmp) {
		errno = ENOMEM;
		return -1;
	}
	snprintf(tmp, size, "%.*s.%s.flowgate-XXXXXX", dir_len, path, path + dir_len);
	if ((fd = mkstemp(tmp)) < 0) {
		e = errno;
		free(tmp);
		errno = e;
		return -1;
	}
	if (fg_write_all(fd, data, len) < 0 || fchmod(fd, mode) < 0 || (sync && fsync(fd) < 0))
		e = errno ? errno : EIO;
	if (close(fd) < 0 && !e)
		e = errno;
	if (!e && rename(tmp, path) < 0)
		e = errno;
	if (e)
		unlink(tmp);
	free(tmp);
	errno = e;
	return e ? -1 : 0;
}

int fg_read_all(int fd, char **out, size_t *len)
{
	size_t alloc = 4096, n = 0;
	char *buf = malloc(alloc);

	*out = NULL;
	*len = 0;
	if (!buf)
		return -1;
	for (;;) {
		ssize_t got;
		if (n + 1 == alloc) {
			char *bigger = alloc > SIZE_MAX / 2 ? NULL : realloc(buf, alloc * 2);
			if (!bigger) {
				free(buf);
				errno = ENOMEM;
				return -1;
			}
			buf = bigger;
			alloc *= 2;
		}
		got = read(fd, buf + n, alloc - n - 1);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			free(buf);
			return -1;
		}
		if (got == 0)
			break;
		n += (size_t)got;
	}
	buf[n] = '\0';
	*out = buf;
	*len = n;
	return 0;
}

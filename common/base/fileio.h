/*
 * fileio: writing files whole, the way flowgate's commands and hooks do it:
 * every byte written, and a file replaced through a temporary file beside
 * it and rename(2), so that a reader sees the old content or the new one,
 * never a part. No libgit2 here: the bottom layer.
 * Layer: base (common/README).
 */
#ifndef FLOWGATE_FILEIO_H
#define FLOWGATE_FILEIO_H

#include <stddef.h>
#include <sys/types.h>

/*
 * fg_write_all: write DATA[0..LEN) to FD, retrying short writes and EINTR.
 * Returns 0, or -1 with errno set (EIO when write(2) wrote nothing).
 */
int fg_write_all(int fd, const char *data, size_t len);

/*
 * fg_replace_file: DATA[0..LEN) in place of PATH: written to a new
 * temporary file ".<name>.flowgate-XXXXXX" in PATH's directory (mkstemp),
 * given mode MODE, fsync'd when SYNC is non-zero, then renamed over PATH.
 * Returns 0, or -1 with errno set; on failure PATH is as it was and no
 * temporary file is left.
 */
int fg_replace_file(const char *path, const char *data, size_t len, mode_t mode, int sync);

/*
 * fg_read_all: read FD to its end into a newly allocated buffer (NUL added,
 * not counted in *LEN). Returns 0, or -1 with errno set.
 */
int fg_read_all(int fd, char **out, size_t *len);

#endif

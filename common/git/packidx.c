/*
 * A pack's index, mapped, then compact (packidx.h).
 */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include "bytes.h"
#include "packidx.h"

#define CONFIRM_ROWS 64            /* IDs read at once to confirm a key */
#define IDS_AT 1032                /* where the IDs start: magic, version, fanout */

int fg_pack_index_open(struct fg_pack_index *ix, const char *path)
{
	struct stat st;
	uint64_t min;
	int fd;

	memset(ix, 0, sizeof(*ix));
	ix->fd = -1;
	if (!(ix->path = strdup(path)))
		return -1;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st) < 0 || (uint64_t)st.st_size < IDS_AT + 40 ||
	    (uint64_t)st.st_size > SIZE_MAX) {
		if (fd >= 0)
			close(fd);
		goto fail;
	}
	ix->dev = st.st_dev;
	ix->ino = st.st_ino;
	ix->len = (size_t)st.st_size;
	ix->map = mmap(NULL, ix->len, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (ix->map == MAP_FAILED) {
		ix->map = NULL;
		goto fail;
	}
	if (memcmp(ix->map, "\377tOc", 4) || fg_be32(ix->map + 4) != 2)
		goto fail;
	for (int i = 1; i < 256; i++)
		if (fg_be32(ix->map + 8 + 4 * i) < fg_be32(ix->map + 8 + 4 * (i - 1)))
			goto fail;
	ix->n = fg_be32(ix->map + 8 + 4 * 255);
	min = IDS_AT + (uint64_t)ix->n * 28 + 40;
	if (ix->len < min || (ix->len - min) % 8)
		goto fail;
	ix->n64 = (ix->len - min) / 8;
	memcpy(ix->pack_sum, ix->map + ix->len - 40, 20);
	return 0;
fail:
	fg_pack_index_close(ix);
	return -1;
}

void fg_pack_index_close(struct fg_pack_index *ix)
{
	if (ix->fd >= 0)
		close(ix->fd);
	if (ix->map)
		munmap((void *)ix->map, ix->len);
	free(ix->path);
	free(ix->fan);
	free(ix->keys);
	free(ix->offs);
	memset(ix, 0, sizeof(*ix));
	ix->fd = -1;
}

/* LEN bytes of FD from OFF into BUF. Returns 0, or -1 (an error, or the file ends). */
static int pread_all(int fd, void *buf, size_t len, uint64_t off)
{
	unsigned char *b = buf;

	while (len) {
		ssize_t got = pread(fd, b, len, (off_t)off);

		if (got <= 0)
			return -1;
		b += got;
		len -= (size_t)got;
		off += (uint64_t)got;
	}
	return 0;
}

/*
 * The offset that IX's offset entry O (as nth_packed_object_offset reads
 * it) points at: a 32-bit one, or the 64-bit one it numbers. Returns 1
 * and *OFF, or 0 when O numbers no 64-bit offset or it cannot be read.
 */
static int offset_of(const struct fg_pack_index *ix, uint32_t o, uint64_t *off)
{
	uint64_t k = o & 0x7fffffffu, at = IDS_AT + (uint64_t)ix->n * 28 + k * 8;
	unsigned char b[8];

	if (!(o & 0x80000000u)) {
		*off = o;
		return 1;
	}
	if (k >= ix->n64)
		return 0;
	if (ix->map)
		memcpy(b, ix->map + at, 8);
	else if (pread_all(ix->fd, b, 8, at) < 0)
		return 0;
	*off = fg_be64(b);
	return 1;
}

/*
 * IX made compact: the fanout, bytes 1 and 2 of every ID (the IDs are
 * sorted, so within a fanout entry's range these keys are sorted too, and
 * few IDs share one) and every 32-bit offset, read from the file opened
 * again (the file mapped: the same device, inode and size); then the
 * mapping goes. Returns 0, or -1 (IX stays as it was).
 */
static int compact(struct fg_pack_index *ix)
{
	enum { ROWS = 3276 }; /* IDs read at once: 64 KiB */
	uint32_t *fan = malloc(256 * sizeof(*fan)), *offs = NULL;
	uint16_t *keys = NULL;
	unsigned char *buf = NULL;
	struct stat st;

	if ((ix->fd = open(ix->path, O_RDONLY | O_CLOEXEC)) < 0 || fstat(ix->fd, &st) < 0 ||
	    st.st_dev != ix->dev || st.st_ino != ix->ino || (uint64_t)st.st_size != ix->len)
		goto fail;
	if (!fan || !(keys = malloc((size_t)ix->n * sizeof(*keys) + 1)) ||
	    !(offs = malloc((size_t)ix->n * sizeof(*offs) + 1)) || !(buf = malloc(ROWS * 20)))
		goto fail;
	for (int i = 0; i < 256; i++)
		fan[i] = fg_be32(ix->map + 8 + 4 * i);
	for (uint32_t i = 0; i < ix->n; i += ROWS) {
		uint32_t k = ix->n - i < ROWS ? ix->n - i : ROWS;

		if (pread_all(ix->fd, buf, (size_t)k * 20, IDS_AT + (uint64_t)i * 20) < 0)
			goto fail;
		for (uint32_t j = 0; j < k; j++)
			keys[i + j] = (uint16_t)(buf[j * 20 + 1] << 8 | buf[j * 20 + 2]);
	}
	/* the offsets, after the IDs and the CRCs */
	if (pread_all(ix->fd, offs, (size_t)ix->n * 4, IDS_AT + (uint64_t)ix->n * 24) < 0)
		goto fail;
	for (uint32_t i = 0; i < ix->n; i++)
		offs[i] = fg_be32((const unsigned char *)&offs[i]);
	free(buf);
	munmap((void *)ix->map, ix->len);
	ix->map = NULL;
	ix->fan = fan;
	ix->keys = keys;
	ix->offs = offs;
	return 0;
fail:
	if (ix->fd >= 0)
		close(ix->fd);
	ix->fd = -1;
	free(buf);
	free(offs);
	free(keys);
	free(fan);
	return -1;
}

/* fg_pack_index_find in IX made compact: the IDs of ID's key run read to confirm it. */
static int find_compact(const struct fg_pack_index *ix, const unsigned char *id, uint64_t *off,
			size_t *confirms)
{
	uint32_t lo = id[0] ? ix->fan[id[0] - 1] : 0, end = ix->fan[id[0]], hi = end;
	uint16_t key = (uint16_t)(id[1] << 8 | id[2]);
	unsigned char rows[CONFIRM_ROWS * 20];

	if (end > ix->n)
		return 0;
	while (lo < hi) { /* the first of the key's run */
		uint32_t mid = lo + (hi - lo) / 2;

		if (ix->keys[mid] < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	while (lo < end && ix->keys[lo] == key) {
		uint32_t k = 1;

		while (k < CONFIRM_ROWS && lo + k < end && ix->keys[lo + k] == key)
			k++;
		if (pread_all(ix->fd, rows, (size_t)k * 20, IDS_AT + (uint64_t)lo * 20) < 0)
			return 0;
		(*confirms)++;
		for (uint32_t j = 0; j < k; j++)
			if (!memcmp(rows + (size_t)j * 20, id, 20))
				return offset_of(ix, ix->offs[lo + j], off);
		lo += k;
	}
	return 0;
}

int fg_pack_index_find(struct fg_pack_index *ix, const unsigned char *id, uint64_t *off,
		       size_t after, uint32_t min_objects, size_t *compacted, size_t *confirms)
{
	const unsigned char *fan, *ids;
	uint32_t lo, hi;

	if (ix->map && ++ix->lookups > after && ix->n >= min_objects && !ix->no_compact) {
		if (compact(ix) < 0)
			ix->no_compact = 1;
		else
			(*compacted)++;
	}
	if (!ix->map)
		return find_compact(ix, id, off, confirms);
	fan = ix->map + 8;
	ids = ix->map + IDS_AT;
	lo = id[0] ? fg_be32(fan + 4 * (id[0] - 1)) : 0;
	hi = fg_be32(fan + 4 * id[0]);
	if (hi > ix->n)
		return 0;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		int cmp = memcmp(ids + (size_t)mid * 20, id, 20);

		if (cmp < 0)
			lo = mid + 1;
		else if (cmp > 0)
			hi = mid;
		else /* the offsets, after the IDs and the CRCs */
			return offset_of(ix, fg_be32(ids + (size_t)ix->n * 24 + (size_t)mid * 4), off);
	}
	return 0;
}

/*
 * git's index file read in place for a few paths (index.h). The layout is
 * gitformat-index(5) of git 2.39; where the document is silent, git's own
 * reader (read-cache.c: create_from_disk, read_index_from; split-index.c:
 * merge_base_index; ewah/) is followed, and what git would die on is
 * reported as a damaged file.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include "bytes.h"
#include "index.h"

/* Entry layout (version 2): 40 bytes of stat data and mode, the ID, 16 bits of flags. */
#define ENTRY_MODE 24
#define ENTRY_ID 40
#define ENTRY_FLAGS (ENTRY_ID + FG_INDEX_RAWSZ)
#define ENTRY_NAME (ENTRY_FLAGS + 2)
#define CE_NAMEMASK 0x0fff
#define CE_STAGEMASK 0x3000
#define CE_EXTENDED 0x4000
/* The extended flags git knows (skip-worktree, intent-to-add); any other is refused. */
#define CE_EXTENDED_KNOWN 0x6000
#define HEADER_SIZE 12
#define S_DIRMODE 0040000

/* IX->error from FMT; returns RC. */
static int say(struct fg_index *ix, int rc, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static int say(struct fg_index *ix, int rc, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ix->error, sizeof(ix->error), fmt, ap);
	va_end(ap);
	return rc;
}

/* An extension's signature as text: its four bytes, or hexadecimal when not printable. */
static void signature(char out[9], const unsigned char *sig)
{
	int printable = 1;

	for (int i = 0; i < 4; i++)
		printable &= sig[i] > ' ' && sig[i] < 0x7f && sig[i] != '\'';
	if (printable)
		snprintf(out, 9, "%c%c%c%c", sig[0], sig[1], sig[2], sig[3]);
	else
		snprintf(out, 9, "%02x%02x%02x%02x", sig[0], sig[1], sig[2], sig[3]);
}

void fg_index_init(struct fg_index *ix)
{
	memset(ix, 0, sizeof(*ix));
	ix->main.name = "index";
	ix->shared.name = "shared index";
}

/*
 * git's decode_varint (varint.c), the prefix length of a version 4 entry,
 * bounded by END: 0 and *OUT, -1 when it overflows or runs past END.
 */
static int varint(const unsigned char **p, const unsigned char *end, uint64_t *out)
{
	const unsigned char *q = *p;
	uint64_t val;
	unsigned char c;

	if (q >= end)
		return -1;
	c = *q++;
	val = c & 127;
	while (c & 128) {
		val += 1;
		if (!val || (val >> (64 - 7)))
			return -1;
		if (q >= end)
			return -1;
		c = *q++;
		val = (val << 7) + (c & 127);
	}
	*p = q;
	*out = val;
	return 0;
}

/* One entry as found in the file: its mode and ID are read only when wanted. */
struct entry {
	const unsigned char *p;    /* where it starts */
	unsigned flags;            /* the 16-bit flags: stage, name length */
	const unsigned char *name; /* versions 2 and 3: the name; 4: the part after KEEP */
	size_t len;                /* the whole name's length */
	size_t keep;               /* version 4: bytes kept from the previous entry's name */
};

#define entry_stage(e) (((e)->flags & CE_STAGEMASK) >> 12)
#define entry_mode(e) fg_be32((e)->p + ENTRY_MODE)
#define entry_id(e) ((e)->p + ENTRY_ID)

/* read_entry for the entries its fast path leaves: extended flags, a long name, version 4. */
static int read_entry_slow(struct fg_index *ix, const struct fg_index_file *f, size_t *off,
			   size_t prev_len, uint32_t i, struct entry *e)
{
	const unsigned char *p = f->data + *off, *end = f->data + f->len - FG_INDEX_RAWSZ;
	size_t avail = (size_t)(end - p), fixed = ENTRY_NAME, len;
	const unsigned char *name, *nul;
	unsigned flags;

	if (avail < ENTRY_NAME)
		return say(ix, -1, "%s: entry %u of %u runs past the end of the file", f->name,
			   i + 1, f->nr);
	flags = (unsigned)p[ENTRY_FLAGS] << 8 | p[ENTRY_FLAGS + 1];
	if (flags & CE_EXTENDED) {
		if (avail < ENTRY_NAME + 2)
			return say(ix, -1, "%s: entry %u of %u runs past the end of the file",
				   f->name, i + 1, f->nr);
		if (((unsigned)p[ENTRY_NAME] << 8 | p[ENTRY_NAME + 1]) & ~CE_EXTENDED_KNOWN)
			return say(ix, -1, "%s: entry %u of %u has extended flags git does not know",
				   f->name, i + 1, f->nr);
		fixed += 2;
	}
	e->p = p;
	e->flags = flags;
	len = flags & CE_NAMEMASK;
	name = p + fixed;
	if (f->version == 4) {
		uint64_t strip;
		size_t suffix;

		if (varint(&name, end, &strip) < 0 || strip > prev_len)
			return say(ix, -1, "%s: entry %u of %u: malformed name field", f->name,
				   i + 1, f->nr);
		e->keep = prev_len - (size_t)strip;
		if (len == CE_NAMEMASK) {
			if (!(nul = memchr(name, '\0', (size_t)(end - name))))
				return say(ix, -1, "%s: entry %u of %u runs past the end of the file",
					   f->name, i + 1, f->nr);
			suffix = (size_t)(nul - name);
			len = e->keep + suffix;
		} else {
			if (len < e->keep)
				return say(ix, -1, "%s: entry %u of %u: malformed name field",
					   f->name, i + 1, f->nr);
			suffix = len - e->keep;
			if (suffix >= (size_t)(end - name) || name[suffix])
				return say(ix, -1, "%s: entry %u of %u runs past the end of the file",
					   f->name, i + 1, f->nr);
		}
		*off = (size_t)(name + suffix + 1 - f->data);
	} else {
		size_t size;

		e->keep = 0;
		if (len == CE_NAMEMASK) {
			if (!(nul = memchr(name, '\0', (size_t)(end - name))))
				return say(ix, -1, "%s: entry %u of %u runs past the end of the file",
					   f->name, i + 1, f->nr);
			len = (size_t)(nul - name);
		}
		/* 1 to 8 NUL bytes pad the entry to a multiple of 8 */
		size = (fixed + len + 8) & ~(size_t)7;
		if (size > avail)
			return say(ix, -1, "%s: entry %u of %u runs past the end of the file",
				   f->name, i + 1, f->nr);
		*off += size;
	}
	e->name = name;
	e->len = len;
	return 0;
}

/*
 * The entry of F at *OFF (PREV_LEN: the previous entry's name length, for
 * version 4) into *E, *OFF moved past it. 0, or -1 (IX->error) when it
 * does not fit in the file or its fields cannot be (git dies on those).
 * Most entries of versions 2 and 3 take the few instructions of the
 * first branch: a hook walks every entry of a large index.
 */
static inline int read_entry(struct fg_index *ix, const struct fg_index_file *f, size_t *off,
			     size_t prev_len, uint32_t i, struct entry *e)
{
	const unsigned char *p = f->data + *off;
	size_t avail = f->len - FG_INDEX_RAWSZ - *off;

	if (f->version != 4 && avail >= ENTRY_NAME) {
		unsigned flags = (unsigned)p[ENTRY_FLAGS] << 8 | p[ENTRY_FLAGS + 1];
		size_t len = flags & CE_NAMEMASK, size = (ENTRY_NAME + len + 8) & ~(size_t)7;

		if (!(flags & CE_EXTENDED) && len != CE_NAMEMASK && size <= avail) {
			e->p = p;
			e->flags = flags;
			e->name = p + ENTRY_NAME;
			e->len = len;
			e->keep = 0;
			*off += size;
			return 0;
		}
	}
	return read_entry_slow(ix, f, off, prev_len, i, e);
}

/*
 * The EWAH bitmap at P (gitformat-index(5) "Split index", git's
 * ewah_read_mmap): 32-bit bit count, 32-bit word count, the 64-bit words,
 * 32-bit position of the last marker. *WORDS and *N the words, *USED the
 * bytes read. -1 when it does not fit in LEN.
 */
static int ewah_span(const unsigned char *p, size_t len, const unsigned char **words, size_t *n,
		     size_t *used)
{
	size_t count;

	if (len < 8)
		return -1;
	count = fg_be32(p + 4);
	if ((len - 8) / 8 < count || len - 8 - 8 * count < 4)
		return -1;
	*words = p + 8;
	*n = count;
	*used = 8 + 8 * count + 4;
	return 0;
}

/*
 * A reading position in an EWAH bitmap: marker words (bit 0 the run's bit,
 * bits 1-32 the run's length in words, bits 33-63 the literal words that
 * follow) each followed by their literal words, as git's ewah_each_bit
 * walks them. Positions saturate far above any index's size.
 */
struct ewah {
	const unsigned char *words;
	size_t n, next;     /* words, and the next to read */
	uint64_t run, lit;  /* words of the current run left, literal words left */
	int bit;            /* the run's bit */
	uint64_t word, base; /* bits of the word being read not yet given, its first position */
	uint64_t pos;       /* the first position of the next word */
	int bad;            /* a marker promised more literal words than there are */
};

#define EWAH_END UINT64_MAX
#define EWAH_CAP ((uint64_t)1 << 60)

static void ewah_start(struct ewah *e, const unsigned char *words, size_t n)
{
	memset(e, 0, sizeof(*e));
	e->words = words;
	e->n = words ? n : 0;
}

static uint64_t ewah_skip(uint64_t pos, uint64_t words)
{
	return words >= EWAH_CAP / 64 || pos + words * 64 >= EWAH_CAP ? EWAH_CAP : pos + words * 64;
}

/* The next set position, in increasing order, or EWAH_END (E->bad: a damaged bitmap). */
static uint64_t ewah_next(struct ewah *e)
{
	for (;;) {
		if (e->word) {
			uint64_t low = e->word & (~e->word + 1);
			unsigned b = 0;

			while (!(low & 1)) {
				low >>= 1;
				b++;
			}
			e->word &= e->word - 1;
			return e->base + b;
		}
		if (e->run && !e->bit) {
			e->pos = ewah_skip(e->pos, e->run);
			e->run = 0;
		} else if (e->run) {
			e->run--;
			e->word = ~(uint64_t)0;
			e->base = e->pos;
			e->pos = ewah_skip(e->pos, 1);
		} else if (e->lit) {
			if (e->next >= e->n) {
				e->bad = 1;
				return EWAH_END;
			}
			e->word = fg_be64(e->words + 8 * e->next++);
			e->lit--;
			e->base = e->pos;
			e->pos = ewah_skip(e->pos, 1);
		} else if (e->next < e->n) {
			uint64_t marker = fg_be64(e->words + 8 * e->next++);

			e->bit = (int)(marker & 1);
			e->run = (marker >> 1) & 0xffffffffu;
			e->lit = marker >> 33;
		} else {
			return EWAH_END;
		}
	}
}

/* The "link" extension (BODY[0..SIZE)), git's read_link_extension. */
static int read_link(struct fg_index *ix, const unsigned char *body, size_t size)
{
	static const unsigned char null[FG_INDEX_RAWSZ];
	size_t used;

	if (size < FG_INDEX_RAWSZ)
		return say(ix, -1, "%s: corrupt link extension (too short)", ix->main.name);
	memcpy(ix->shared_id, body, FG_INDEX_RAWSZ);
	/* an all-zero ID: the index needs no shared index (gitformat-index(5)) */
	ix->split = memcmp(body, null, FG_INDEX_RAWSZ) != 0;
	body += FG_INDEX_RAWSZ;
	size -= FG_INDEX_RAWSZ;
	if (!size)
		return 0;
	if (ewah_span(body, size, &ix->del, &ix->del_words, &used) < 0)
		return say(ix, -1, "%s: corrupt delete bitmap in link extension", ix->main.name);
	body += used;
	size -= used;
	if (ewah_span(body, size, &ix->rep, &ix->rep_words, &used) < 0)
		return say(ix, -1, "%s: corrupt replace bitmap in link extension", ix->main.name);
	if (used != size)
		return say(ix, -1, "%s: garbage at the end of link extension", ix->main.name);
	return 0;
}

/*
 * F's header, entries (bounds only) and extensions. MAIN: the index
 * itself, whose "link" is read and whose nameless entries are counted into
 * *NAMELESS (all leading, else *NAMELESS is set past F->nr).
 */
static int read_file(struct fg_index *ix, struct fg_index_file *f, const void *data, size_t len,
		     int main, uint32_t *nameless)
{
	const unsigned char *d = data;
	size_t off = HEADER_SIZE, prev_len = 0;
	char sig[9];

	f->data = d;
	f->len = len;
	if (len < HEADER_SIZE + FG_INDEX_RAWSZ)
		return say(ix, -1, "%s: index file smaller than expected (%zu bytes)", f->name, len);
	if (memcmp(d, "DIRC", 4))
		return say(ix, -1, "%s: bad signature 0x%08x (not an index file)", f->name,
			   (unsigned)fg_be32(d));
	f->version = fg_be32(d + 4);
	f->nr = fg_be32(d + 8);
	if (f->version < 2 || f->version > 4)
		return say(ix, FG_INDEX_UNKNOWN, "%s: index version %u (flowgate reads 2, 3 and 4)",
			   f->name, (unsigned)f->version);
	for (uint32_t i = 0, nr = f->nr, v4 = f->version == 4; i < nr; i++) {
		size_t limit = len - FG_INDEX_RAWSZ, name_len, size;
		unsigned flags;
		struct entry e;

		/* read_entry's fast path, by hand: the one walk of every entry */
		if (!v4 && limit - off >= ENTRY_NAME) {
			flags = (unsigned)d[off + ENTRY_FLAGS] << 8 | d[off + ENTRY_FLAGS + 1];
			name_len = flags & CE_NAMEMASK;
			size = (ENTRY_NAME + name_len + 8) & ~(size_t)7;
			if (!(flags & CE_EXTENDED) && name_len && name_len != CE_NAMEMASK &&
			    size <= limit - off) {
				off += size;
				continue;
			}
		}
		if (read_entry_slow(ix, f, &off, prev_len, i, &e) < 0)
			return -1;
		prev_len = e.len;
		if (main && !e.len && (*nameless)++ != i)
			*nameless = UINT32_MAX; /* a nameless entry after a named one */
	}
	f->end = off;
	/* as git's load_index_extensions: while 8 bytes of a header fit before the checksum */
	while (len - FG_INDEX_RAWSZ - off >= 8) {
		const unsigned char *ext = d + off;
		size_t size = fg_be32(ext + 4);

		signature(sig, ext);
		if (size > len - FG_INDEX_RAWSZ - off - 8)
			return say(ix, -1, "%s: extension '%s' runs past the end of the file", f->name,
				   sig);
		if (!memcmp(ext, "link", 4)) {
			/* a shared index's own link is not followed, as git does not */
			if (main && read_link(ix, ext + 8, size) < 0)
				return -1;
		} else if (!memcmp(ext, "sdir", 4)) {
			ix->sparse = 1;
		} else if (ext[0] < 'A' || ext[0] > 'Z') {
			return say(ix, FG_INDEX_UNKNOWN, "%s: index extension '%s', which flowgate "
				   "does not know and must not ignore", f->name, sig);
		}
		off += 8 + size;
	}
	return 0;
}

int fg_index_parse(struct fg_index *ix, const void *data, size_t len)
{
	uint32_t nameless = 0;
	int rc;

	ix->split = 0;
	ix->del = ix->rep = NULL;
	ix->del_words = ix->rep_words = 0;
	ix->sparse = 0;
	ix->error[0] = '\0';
	rc = read_file(ix, &ix->main, data, len, 1, &nameless);
	/* the nameless entries are the replacements, counted against the bitmap later */
	ix->nameless = nameless;
	return rc;
}

/* Every position of bitmap WORDS[0..N) is below LIMIT: 0 and their number in *COUNT. */
static int bitmap_check(struct fg_index *ix, const unsigned char *words, size_t n, uint32_t limit,
			const char *what, uint32_t *count)
{
	struct ewah e;
	uint64_t pos;

	*count = 0;
	ewah_start(&e, words, n);
	while ((pos = ewah_next(&e)) != EWAH_END) {
		if (pos >= limit)
			return say(ix, -1, "%s: position for %s %llu exceeds base index size %u",
				   ix->main.name, what, (unsigned long long)pos, (unsigned)limit);
		(*count)++;
	}
	if (e.bad)
		return say(ix, -1, "%s: corrupt %s bitmap in link extension", ix->main.name, what);
	return 0;
}

int fg_index_parse_shared(struct fg_index *ix, const void *data, size_t len)
{
	uint32_t deleted, replaced, nameless = ix->nameless;
	int rc;

	if ((rc = read_file(ix, &ix->shared, data, len, 0, NULL)) != 0)
		return rc;
	if (memcmp((const unsigned char *)data + len - FG_INDEX_RAWSZ, ix->shared_id,
		   FG_INDEX_RAWSZ))
		return say(ix, -1, "%s: broken index: the shared index %s is not the one the link "
			   "extension names", ix->main.name, ix->shared.name);
	if (bitmap_check(ix, ix->del, ix->del_words, ix->shared.nr, "delete", &deleted) < 0 ||
	    bitmap_check(ix, ix->rep, ix->rep_words, ix->shared.nr, "replacement", &replaced) < 0)
		return -1;
	/* merge_base_index: one nameless entry per replacement, then named ones */
	if (nameless == UINT32_MAX || replaced != nameless)
		return say(ix, -1, "%s: corrupt link extension: %u replaced entries, %s", ix->main.name,
			   (unsigned)replaced, nameless == UINT32_MAX
			   ? "a nameless entry after a named one" : "not as many nameless entries");
	return 0;
}

/* Map PATH into slot SLOT of IX: 0, 1 when it does not exist, -1 (IX->error). */
static int map_file(struct fg_index *ix, int slot, const char *path, const void **data,
		    size_t *len)
{
	struct stat st;
	void *map;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return errno == ENOENT ? 1 : say(ix, -1, "%s: cannot open: %s", path, strerror(errno));
	if (fstat(fd, &st) < 0) {
		close(fd);
		return say(ix, -1, "%s: cannot stat: %s", path, strerror(errno));
	}
	if (!S_ISREG(st.st_mode) || st.st_size < HEADER_SIZE + FG_INDEX_RAWSZ) {
		close(fd);
		if (!S_ISREG(st.st_mode))
			return say(ix, -1, "%s: not a regular file", path);
		return say(ix, -1, "%s: index file smaller than expected (%lld bytes)", path,
			   (long long)st.st_size);
	}
	map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (map == MAP_FAILED)
		return say(ix, -1, "%s: cannot map: %s", path, strerror(errno));
	ix->map[slot] = map;
	ix->map_len[slot] = (size_t)st.st_size;
	*data = map;
	*len = (size_t)st.st_size;
	return 0;
}

/* DIR/sharedindex.<IX->shared_id> (DIR's length DLEN), newly allocated. */
static char *shared_path(const struct fg_index *ix, const char *dir, size_t dlen)
{
	char *path = malloc(dlen + 1 + 12 + 2 * FG_INDEX_RAWSZ + 1), *p;

	if (!path)
		return NULL;
	memcpy(path, dir, dlen);
	p = path + dlen;
	if (dlen && dir[dlen - 1] != '/')
		*p++ = '/';
	memcpy(p, "sharedindex.", 12);
	p += 12;
	for (int i = 0; i < FG_INDEX_RAWSZ; i++)
		p += sprintf(p, "%02x", ix->shared_id[i]);
	return path;
}

int fg_index_open(struct fg_index *ix, const char *path, const char *gitdir)
{
	const void *data;
	size_t len;
	const char *slash;
	int rc;

	fg_index_init(ix);
	if (!(ix->paths[0] = strdup(path)))
		return say(ix, -1, "out of memory");
	ix->main.name = ix->paths[0];
	if ((rc = map_file(ix, 0, path, &data, &len)) != 0)
		return rc == 1 ? 0 : rc; /* no file: an empty index */
	if ((rc = fg_index_parse(ix, data, len)) != 0 || !ix->split)
		return rc;
	/* read_index_from: in the git directory, else beside the index file */
	if (!(ix->paths[1] = shared_path(ix, gitdir, strlen(gitdir))))
		return say(ix, -1, "out of memory");
	ix->shared.name = ix->paths[1];
	if ((rc = map_file(ix, 1, ix->paths[1], &data, &len)) == 1) {
		char *beside;

		slash = strrchr(path, '/');
		if (!(beside = slash ? shared_path(ix, path, (size_t)(slash - path))
				     : shared_path(ix, ".", 1)))
			return say(ix, -1, "out of memory");
		if ((rc = map_file(ix, 1, beside, &data, &len)) == 1) {
			rc = say(ix, -1, "%s: split index without its shared index: neither %s nor %s "
				 "exists", path, ix->paths[1], beside);
			free(beside);
			return rc;
		}
		free(ix->paths[1]);
		ix->shared.name = ix->paths[1] = beside;
	}
	if (rc < 0)
		return rc;
	return fg_index_parse_shared(ix, data, len);
}

void fg_index_release(struct fg_index *ix)
{
	for (int i = 0; i < 2; i++) {
		if (ix->map[i])
			munmap(ix->map[i], ix->map_len[i]);
		free(ix->paths[i]);
	}
	fg_index_init(ix);
}

/* A walk over one file's entries, the whole name of each at hand. */
struct walk {
	struct fg_index *ix;
	const struct fg_index_file *f;
	size_t off;
	uint32_t i;
	char *buf; /* version 4: the current name, rebuilt from the previous one */
	size_t cap;
	struct entry e;
	const char *name; /* the whole name of E (E.len bytes) */
};

static void walk_start(struct walk *w, struct fg_index *ix, const struct fg_index_file *f)
{
	memset(w, 0, sizeof(*w));
	w->ix = ix;
	w->f = f;
	w->off = HEADER_SIZE;
}

/* The next entry: 1, 0 at the end, -1 (IX->error). */
static int walk_next(struct walk *w)
{
	size_t prev = w->i ? w->e.len : 0;

	if (!w->f->data || w->i >= w->f->nr)
		return 0;
	if (read_entry(w->ix, w->f, &w->off, prev, w->i, &w->e) < 0)
		return -1;
	w->i++;
	if (w->f->version != 4) {
		w->name = (const char *)w->e.name;
		return 1;
	}
	if (w->e.len + 1 > w->cap) {
		size_t cap = w->cap ? w->cap : 256;
		char *bigger;

		while (cap < w->e.len + 1)
			cap *= 2;
		if (!(bigger = realloc(w->buf, cap)))
			return say(w->ix, -1, "out of memory");
		w->buf = bigger;
		w->cap = cap;
	}
	/* the first KEEP bytes are the previous name's, already there */
	memcpy(w->buf + w->e.keep, w->e.name, w->e.len - w->e.keep);
	w->buf[w->e.len] = '\0';
	w->name = w->buf;
	return 1;
}

static void walk_end(struct walk *w)
{
	free(w->buf);
	w->buf = NULL;
}

/* What the walks found for one wanted path. */
struct found {
	size_t len;           /* the path's length */
	int entry;            /* where its stage-0 entry was found: 0 none, 1 shared, 2 main */
	int dir;              /* an entry below PATH/ */
	int sparse;           /* a sparse directory entry holding it: TREE, REST */
	unsigned char tree[FG_INDEX_RAWSZ];
	size_t rest;
	int done;             /* the walk is past every name that concerns it */
};

/* The wanted paths, and how many the walk may still meet. */
struct wanted {
	struct fg_index_find *want;
	struct found *fd;
	size_t n, left;
};

/* A new walk: every wanted path may be met again. */
static void wanted_rewind(struct wanted *ws)
{
	for (size_t k = 0; k < ws->n; k++)
		ws->fd[k].done = 0;
	ws->left = ws->n;
}

/* Non-zero when a wanted path is NAME, or lies inside NAME (a directory), by name alone. */
static int name_wanted(const struct wanted *ws, const char *name, size_t len)
{
	for (size_t k = 0; len && k < ws->n; k++)
		if (len <= ws->fd[k].len && !memcmp(name, ws->want[k].path, len) &&
		    (len == ws->fd[k].len || name[len - 1] == '/'))
			return 1;
	return 0;
}

/*
 * Entry NAME (LEN bytes), with the stage, mode and ID of E, from FROM (1
 * the shared index, 2 the index itself), against every wanted path. The
 * entries of a file come sorted by name (memcmp order): every name that
 * concerns a path (itself, those below PATH/, a directory holding it)
 * starts with the path, or is a prefix of it; once a name sorts after the
 * path in their common length, the path is done.
 */
static void consider(struct wanted *ws, const char *name, size_t len, const struct entry *e,
		     int from)
{
	if (!len)
		return;
	for (size_t k = 0; k < ws->n; k++) {
		struct found *fd = &ws->fd[k];
		const char *path = ws->want[k].path;
		size_t plen = fd->len;
		int c;

		if (fd->done)
			continue;
		if (name[0] != path[0]) {
			if ((unsigned char)name[0] > (unsigned char)path[0]) {
				fd->done = 1;
				ws->left--;
			}
			continue;
		}
		if ((c = memcmp(name, path, len < plen ? len : plen))) {
			if (c > 0) {
				fd->done = 1;
				ws->left--;
			}
			continue;
		}
		if (len == plen) {
			/* the first of a file; an added entry replaces the shared index's */
			if (!entry_stage(e) && fd->entry < from) {
				fd->entry = from;
				ws->want[k].mode = entry_mode(e);
				memcpy(ws->want[k].id, entry_id(e), FG_INDEX_RAWSZ);
			}
		} else if (len > plen) {
			if (name[plen] == '/')
				fd->dir = 1;
		} else if (!entry_stage(e) && name[len - 1] == '/' && !fd->sparse &&
			   (entry_mode(e) & 0170000) == S_DIRMODE) {
			fd->sparse = 1;
			fd->rest = len;
			memcpy(fd->tree, entry_id(e), FG_INDEX_RAWSZ);
		}
	}
}

/* The main file's entry number I (a replacement): its stage, mode and ID. */
static int replacement(struct fg_index *ix, uint32_t i, struct entry *out)
{
	struct walk w;
	int rc;

	walk_start(&w, ix, &ix->main);
	while ((rc = walk_next(&w)) == 1 && w.i <= i)
		;
	if (rc == 1)
		rc = 0;
	*out = w.e;
	walk_end(&w);
	if (rc == 0 && w.i <= i)
		rc = say(ix, -1, "%s: too many replacements", ix->main.name);
	return rc;
}

/* The shared index's entries, as merge_base_index leaves them, against the wanted paths. */
static int walk_shared(struct fg_index *ix, struct wanted *ws)
{
	struct walk w;
	struct ewah del, rep;
	uint64_t next_del, next_rep;
	uint32_t rank = 0;
	int rc = 0;

	ewah_start(&del, ix->del, ix->del_words);
	ewah_start(&rep, ix->rep, ix->rep_words);
	next_del = ewah_next(&del);
	next_rep = ewah_next(&rep);
	walk_start(&w, ix, &ix->shared);
	wanted_rewind(ws);
	while (ws->left && (rc = walk_next(&w)) == 1) {
		uint64_t pos = w.i - 1;

		while (next_del < pos)
			next_del = ewah_next(&del);
		while (next_rep < pos) {
			next_rep = ewah_next(&rep);
			rank++;
		}
		if (next_del == pos)
			continue; /* deleted: in no way part of the index */
		if (next_rep == pos && name_wanted(ws, w.name, w.e.len)) {
			/* the name stays, the rest is the replacement's */
			struct entry r;

			if (replacement(ix, rank, &r) < 0) {
				rc = -1;
				break;
			}
			consider(ws, w.name, w.e.len, &r, 1);
		} else {
			consider(ws, w.name, w.e.len, &w.e, 1);
		}
	}
	walk_end(&w);
	return rc < 0 ? -1 : 0;
}

int fg_index_find(struct fg_index *ix, struct fg_index_find *want, size_t n)
{
	struct found *fd = calloc(n ? n : 1, sizeof(*fd));
	struct wanted ws;
	struct walk w;
	int rc = 0;

	if (!fd)
		return say(ix, -1, "out of memory");
	ws.want = want;
	ws.fd = fd;
	ws.n = n;
	for (size_t k = 0; k < n; k++) {
		fd[k].len = strlen(want[k].path);
		want[k].state = FG_INDEX_ABSENT;
		want[k].mode = 0;
		want[k].rest = 0;
		memset(want[k].id, 0, FG_INDEX_RAWSZ);
	}
	if (ix->split && !ix->shared.data)
		rc = say(ix, -1, "%s: split index without its shared index", ix->main.name);
	else if (ix->split)
		rc = walk_shared(ix, &ws);
	walk_start(&w, ix, &ix->main);
	wanted_rewind(&ws);
	while (rc == 0 && ws.left && (rc = walk_next(&w)) == 1) {
		rc = 0;
		/* a split index's first entries are the replacements, read with the shared index */
		if (!ix->split || w.i > ix->nameless)
			consider(&ws, w.name, w.e.len, &w.e, 2);
	}
	walk_end(&w);
	if (rc == 1)
		rc = 0;
	for (size_t k = 0; rc == 0 && k < n; k++) {
		if (fd[k].entry) {
			want[k].state = FG_INDEX_ENTRY;
		} else if (fd[k].sparse) {
			want[k].state = FG_INDEX_SPARSE;
			want[k].rest = fd[k].rest;
			memcpy(want[k].id, fd[k].tree, FG_INDEX_RAWSZ);
		} else if (fd[k].dir) {
			want[k].state = FG_INDEX_DIRECTORY;
		}
	}
	free(fd);
	return rc;
}

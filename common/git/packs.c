/*
 * Objects read straight from the packs (packs.h): the pack index looked
 * up as git's find_pack_entry_one does (packfile.c), the entry inflated
 * and its delta chain rebuilt as unpack_entry and patch_delta do
 * (patch-delta.c), git v2.39.5; git_odb_read for everything else.
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include "array.h"
#include "bytes.h"
#include "fileio.h"
#include "packidx.h"
#include "packs.h"

#define WINDOW ((uint64_t)1 << 18) /* a pack is mapped 256 KiB at a time */
#define NWINDOWS 4                 /* at most this many mapped at once */
#define CACHE_SLOTS 256            /* delta bases, by pack offset */
#define CACHE_BYTES ((size_t)4 << 20)
#define MAX_CHAIN 10000            /* a REF_DELTA loop ends here */
/*
 * Room after an object's inflated bytes: zlib decodes in its fast loop
 * (inflate_fast) only while 258 bytes of output space are left, and most
 * commits are shorter than that. It also shows an object that inflates to
 * more than its header says.
 */
#define SLACK 260
#define MAX_HEADER 32              /* type and size, then a base offset or ID */
/*
 * A pack's index is mapped until COMPACT_AFTER objects, and one for every
 * COMPACT_RATIO objects it lists, were looked up in it; then, when it
 * lists at least COMPACT_MIN objects (an index of 3.5 MiB or more), the
 * reader keeps only a compact table of it in memory (packidx.h). The
 * binary searches of a long walk touch pages all over a mapped index, and
 * the kernel maps 64 KiB or more around each page touched: a 7 MB index
 * of 250,000 objects becomes resident whole after a few hundred lookups.
 * A compact index costs its making (reading 24 bytes an object: about 1
 * ms for 250,000) and a pread (about 0.4 us) to confirm each lookup, so a
 * walk of a few thousand commits, and any walk in a smaller index (which
 * costs no more than its size), keeps the mapping.
 */
#define COMPACT_AFTER 64
#define COMPACT_RATIO 32
#define COMPACT_MIN 131072
enum { OBJ_COMMIT = 1, OBJ_TREE, OBJ_BLOB, OBJ_TAG, OBJ_OFS_DELTA = 6, OBJ_REF_DELTA };

struct pack {
	int fd;
	uint64_t size;                /* of the .pack file */
	struct fg_pack_index ix;
};

struct window {
	struct pack *pack;
	uint64_t start, len;
	unsigned char *map;
	uint64_t used;                /* when last used: the LRU one goes */
};

struct cached {
	struct pack *pack;            /* NULL: empty */
	uint64_t off;
	int type;
	unsigned char *data;          /* LEN bytes and a NUL, owned */
	size_t len;
};

struct fg_packs {
	git_odb *odb;                 /* the fallback, owned */
	struct pack *packs;
	size_t npacks, packs_cap, last; /* LAST: where the previous object was */
	struct window windows[NWINDOWS];
	uint64_t tick;
	z_stream z;
	int z_ready;
	struct cached cache[CACHE_SLOTS];
	size_t cache_bytes, clock;
	unsigned char *out;           /* what fg_packs_read handed out, owned */
	git_odb_object *obj;          /* the same, when git_odb_read read it */
	struct fg_packs_stats stats;
	size_t compact_after;         /* SIZE_MAX: COMPACT_AFTER and COMPACT_RATIO; or a test's */
	uint32_t compact_min;
};

/* ---- opening: the object directories, their packs, each pack's index ---- */

static void pack_close(struct pack *pk)
{
	if (pk->fd >= 0)
		close(pk->fd);
	fg_pack_index_close(&pk->ix);
	pk->fd = -1;
}

/*
 * The index of PATH (an .idx) and its pack, as git's check_packed_git_idx
 * and open_packed_git_1 accept them: an index fg_pack_index_open opens,
 * the pack's header and object count, and its trailing checksum the
 * index records. Returns 0 and fills PK, or -1 (the pack is left to
 * libgit2).
 */
static int pack_open(struct pack *pk, const char *idxpath)
{
	size_t plen = strlen(idxpath);
	char *packpath;
	unsigned char head[12], sum[20];
	struct stat st;

	pk->fd = -1;
	if (fg_pack_index_open(&pk->ix, idxpath) < 0)
		return -1;
	if (!(packpath = malloc(plen + 2)))
		goto fail;
	memcpy(packpath, idxpath, plen - 4);
	memcpy(packpath + plen - 4, ".pack", 6);
	pk->fd = open(packpath, O_RDONLY | O_CLOEXEC);
	free(packpath);
	if (pk->fd < 0 || fstat(pk->fd, &st) < 0 || st.st_size < 12 + 20)
		goto fail;
	pk->size = (uint64_t)st.st_size;
	if (pread(pk->fd, head, 12, 0) != 12 || memcmp(head, "PACK", 4) ||
	    (fg_be32(head + 4) != 2 && fg_be32(head + 4) != 3) || fg_be32(head + 8) != pk->ix.n ||
	    pread(pk->fd, sum, 20, (off_t)(pk->size - 20)) != 20 ||
	    memcmp(sum, pk->ix.pack_sum, 20))
		goto fail;
	return 0;
fail:
	pack_close(pk);
	return -1;
}

/* The packs of object directory DIR, added to P. Returns 0, or -1 out of memory. */
static int add_dir(struct fg_packs *p, const char *dir, size_t dlen)
{
	char *path = malloc(dlen + 6 + 256 + 1);
	DIR *d;
	struct dirent *e;
	int rc = 0;

	if (!path)
		return -1;
	memcpy(path, dir, dlen);
	memcpy(path + dlen, "/pack", 6);
	if (!(d = opendir(path))) {
		free(path);
		return 0;
	}
	while (rc == 0 && (e = readdir(d))) {
		size_t n = strlen(e->d_name);
		struct pack pk;

		if (n < 5 || n > 255 || strcmp(e->d_name + n - 4, ".idx"))
			continue;
		path[dlen + 5] = '/';
		memcpy(path + dlen + 6, e->d_name, n + 1);
		if (pack_open(&pk, path) < 0)
			continue;
		if (fg_array_grow((void **)&p->packs, &p->packs_cap, p->npacks + 1,
				  sizeof(*p->packs)) < 0) {
			pack_close(&pk);
			rc = -1;
			break;
		}
		p->packs[p->npacks++] = pk;
	}
	closedir(d);
	free(path);
	return rc;
}

/*
 * The object directories listed in LIST (SEP between them; as the file
 * objects/info/alternates lists them when SEP is '\n'), relative ones
 * taken from BASE (NULL: from the current directory): what git's
 * link_alt_odb_entries reads, one level deep. A quoted entry or a comment
 * is left to libgit2.
 */
static int add_list(struct fg_packs *p, const char *list, size_t len, char sep, const char *base)
{
	size_t blen = base ? strlen(base) : 0;

	while (len) {
		const char *end = memchr(list, sep, len);
		size_t n = end ? (size_t)(end - list) : len;
		int rc = 0;

		if (n && list[0] != '"' && list[0] != '#') {
			char *dir = malloc(blen + 1 + n + 1);
			size_t dlen = 0;

			if (!dir)
				return -1;
			if (base && list[0] != '/') {
				memcpy(dir, base, blen);
				dir[blen] = '/';
				dlen = blen + 1;
			}
			memcpy(dir + dlen, list, n);
			dlen += n;
			while (dlen > 1 && dir[dlen - 1] == '/')
				dlen--;
			dir[dlen] = '\0';
			rc = add_dir(p, dir, dlen);
			free(dir);
		}
		if (rc < 0)
			return -1;
		list += n + (end != NULL);
		len -= n + (end != NULL);
	}
	return 0;
}

static int add_dirs(struct fg_packs *p, git_repository *repo)
{
	const char *env = getenv("GIT_OBJECT_DIRECTORY");
	const char *common = git_repository_commondir(repo);
	char *dir = NULL, *alt = NULL, *text = NULL;
	size_t dlen, len;
	int rc = -1, fd;

	if (env && *env) {
		dir = strdup(env);
	} else if (common) {
		size_t clen = strlen(common);

		if ((dir = malloc(clen + 8)))
			snprintf(dir, clen + 8, "%s%sobjects", common,
				 clen && common[clen - 1] == '/' ? "" : "/");
	}
	if (!dir)
		return env || common ? -1 : 0;
	dlen = strlen(dir);
	while (dlen > 1 && dir[dlen - 1] == '/')
		dir[--dlen] = '\0';
	if (add_dir(p, dir, dlen) < 0)
		goto out;
	if ((env = getenv("GIT_ALTERNATE_OBJECT_DIRECTORIES")) &&
	    add_list(p, env, strlen(env), ':', NULL) < 0)
		goto out;
	if (!(alt = malloc(dlen + 24)))
		goto out;
	snprintf(alt, dlen + 24, "%s/info/alternates", dir);
	/* unreadable: libgit2 reads it, or says why */
	if ((fd = open(alt, O_RDONLY | O_CLOEXEC)) >= 0) {
		int read_rc = fg_read_all(fd, &text, &len);

		close(fd);
		if (read_rc == 0 && add_list(p, text, len, '\n', dir) < 0)
			goto out;
	}
	rc = 0;
out:
	free(text);
	free(alt);
	free(dir);
	return rc;
}

int fg_packs_new(struct fg_packs **out, git_repository *repo)
{
	struct fg_packs *p = calloc(1, sizeof(*p));
	int rc;

	*out = NULL;
	if (!p) {
		git_error_set_oom();
		return -1;
	}
	p->compact_after = SIZE_MAX;
	p->compact_min = COMPACT_MIN;
	if ((rc = git_repository_odb(&p->odb, repo)) < 0) {
		free(p);
		return rc;
	}
	if (add_dirs(p, repo) < 0) {
		fg_packs_free(p);
		git_error_set_oom();
		return -1;
	}
	*out = p;
	return 0;
}

static void cache_drop(struct fg_packs *p, struct cached *c)
{
	if (!c->pack)
		return;
	p->cache_bytes -= c->len;
	free(c->data);
	memset(c, 0, sizeof(*c));
}

void fg_packs_free(struct fg_packs *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < CACHE_SLOTS; i++)
		cache_drop(p, &p->cache[i]);
	for (size_t i = 0; i < NWINDOWS; i++)
		if (p->windows[i].map)
			munmap(p->windows[i].map, p->windows[i].len);
	for (size_t i = 0; i < p->npacks; i++)
		pack_close(&p->packs[i]);
	if (p->z_ready)
		inflateEnd(&p->z);
	free(p->packs);
	free(p->out);
	git_odb_object_free(p->obj);
	git_odb_free(p->odb);
	free(p);
}

struct fg_packs_stats fg_packs_stats(const struct fg_packs *p)
{
	return p->stats;
}

void fg_packs_set_compact(struct fg_packs *p, size_t after, uint32_t min_objects)
{
	p->compact_after = after;
	p->compact_min = min_objects;
}

/* ---- the index: where an object is ---- */

/*
 * The offset of ID (raw, 20 bytes) in PK (packidx.h), within the pack's
 * data. Returns 1 and *OFF, or 0 when PK does not have it (or its index
 * is damaged there).
 */
static int find_offset(struct fg_packs *p, struct pack *pk, const unsigned char *id,
		       uint64_t *off)
{
	size_t after = p->compact_after;

	if (after == SIZE_MAX)
		after = pk->ix.n / COMPACT_RATIO > COMPACT_AFTER ? pk->ix.n / COMPACT_RATIO
								  : COMPACT_AFTER;
	return fg_pack_index_find(&pk->ix, id, off, after, p->compact_min,
				  &p->stats.compact, &p->stats.confirms) &&
	       *off >= 12 && *off < pk->size - 20;
}

/* ---- the pack: windows of it, an entry's header, its data inflated ---- */

/*
 * The bytes of PK from OFF: a pointer into a mapped window and, in *AVAIL,
 * how many follow there (at least one). NULL when OFF is past the pack's
 * data or a window cannot be mapped.
 */
static const unsigned char *window_at(struct fg_packs *p, struct pack *pk, uint64_t off,
				      uint64_t *avail)
{
	struct window *w = NULL, *lru = &p->windows[0];
	uint64_t start = off - off % WINDOW;
	void *map;

	if (off >= pk->size - 20)
		return NULL;
	for (size_t i = 0; i < NWINDOWS; i++) {
		struct window *c = &p->windows[i];

		if (c->map && c->pack == pk && c->start == start) {
			w = c;
			break;
		}
		if (!c->map || (lru->map && c->used < lru->used))
			lru = c;
	}
	if (!w) {
		uint64_t len = pk->size - start < WINDOW ? pk->size - start : WINDOW;

		if (lru->map)
			munmap(lru->map, lru->len);
		lru->map = NULL;
		map = mmap(NULL, (size_t)len, PROT_READ, MAP_PRIVATE, pk->fd, (off_t)start);
		if (map == MAP_FAILED)
			return NULL;
		lru->map = map;
		lru->pack = pk;
		lru->start = start;
		lru->len = len;
		p->stats.windows++;
		w = lru;
	}
	w->used = ++p->tick;
	*avail = w->start + w->len - off;
	if (off + *avail > pk->size - 20)
		*avail = pk->size - 20 - off;
	return w->map + (off - w->start);
}

/* Up to N bytes of PK from OFF into BUF, fewer at the pack's end. Returns how many. */
static size_t copy_out(struct fg_packs *p, struct pack *pk, uint64_t off, unsigned char *buf,
		       size_t n)
{
	size_t got = 0;

	while (got < n) {
		uint64_t avail;
		const unsigned char *b = window_at(p, pk, off + got, &avail);

		if (!b)
			break;
		if (avail > n - got)
			avail = n - got;
		memcpy(buf + got, b, (size_t)avail);
		got += (size_t)avail;
	}
	return got;
}

/* An entry's header (unpack_object_header_buffer and get_delta_base). */
struct entry {
	int type;
	uint64_t size;      /* of the object, or of the delta, inflated */
	uint64_t data;      /* where the deflated data starts */
	uint64_t base;      /* OFS_DELTA: the base's offset */
	unsigned char ref[20]; /* REF_DELTA: the base's ID */
};

static int entry_at(struct fg_packs *p, struct pack *pk, uint64_t off, struct entry *e)
{
	unsigned char h[MAX_HEADER];
	size_t n = copy_out(p, pk, off, h, sizeof(h)), i = 1;
	unsigned shift = 4;
	uint64_t c;

	if (n < 2)
		return -1;
	e->type = (h[0] >> 4) & 7;
	e->size = h[0] & 15;
	c = h[0];
	while (c & 0x80) {
		if (i >= n || shift > 57)
			return -1;
		c = h[i++];
		e->size += (c & 0x7f) << shift;
		shift += 7;
	}
	if (e->type == OBJ_OFS_DELTA) {
		uint64_t rel;

		if (i >= n)
			return -1;
		c = h[i++];
		rel = c & 0x7f;
		while (c & 0x80) {
			if (i >= n || rel >= (uint64_t)1 << 56)
				return -1;
			c = h[i++];
			rel = ((rel + 1) << 7) | (c & 0x7f);
		}
		if (!rel || rel > off)
			return -1;
		e->base = off - rel;
	} else if (e->type == OBJ_REF_DELTA) {
		if (i + 20 > n)
			return -1;
		memcpy(e->ref, h + i, 20);
		i += 20;
	} else if (e->type < OBJ_COMMIT || e->type > OBJ_TAG) {
		return -1;
	}
	e->data = off + i;
	return 0;
}

/*
 * The deflated data of E in PK, inflated: a new buffer of E->size bytes
 * and a NUL (the caller frees it), or NULL when it does not inflate to
 * exactly that size (or out of memory).
 */
static unsigned char *inflate_entry(struct fg_packs *p, struct pack *pk, const struct entry *e)
{
	unsigned char *buf;
	uint64_t pos = e->data;
	int st = Z_OK;

	if (e->size >= SIZE_MAX / 2 || !(buf = malloc((size_t)e->size + SLACK)))
		return NULL;
	if (!p->z_ready) {
		memset(&p->z, 0, sizeof(p->z));
		if (inflateInit(&p->z) != Z_OK) {
			free(buf);
			return NULL;
		}
		p->z_ready = 1;
	} else if (inflateReset(&p->z) != Z_OK) {
		free(buf);
		return NULL;
	}
	if (e->size + SLACK > UINT32_MAX) {
		free(buf);
		return NULL;
	}
	p->z.next_out = buf;
	p->z.avail_out = (uInt)(e->size + SLACK);
	while (st == Z_OK) {
		uint64_t avail;
		const unsigned char *in = window_at(p, pk, pos, &avail);

		if (!in)
			break;
		if (avail > UINT32_MAX)
			avail = UINT32_MAX;
		p->z.next_in = (unsigned char *)in;
		p->z.avail_in = (uInt)avail;
		st = inflate(&p->z, Z_NO_FLUSH);
		pos += avail - p->z.avail_in;
	}
	if (st != Z_STREAM_END || p->z.total_out != e->size) {
		free(buf);
		return NULL;
	}
	buf[e->size] = '\0';
	return buf;
}

static uint64_t delta_size(const unsigned char **d, const unsigned char *end)
{
	uint64_t size = 0;
	unsigned shift = 0;
	unsigned char c;

	do {
		if (*d >= end || shift > 57)
			return UINT64_MAX;
		c = *(*d)++;
		size |= (uint64_t)(c & 0x7f) << shift;
		shift += 7;
	} while (c & 0x80);
	return size;
}

/*
 * patch_delta (patch-delta.c): BASE (BLEN bytes) and the delta D (DLEN
 * bytes) make a new buffer (*OLEN bytes and a NUL; the caller frees it),
 * or NULL for a delta that does not fit its base (or out of memory).
 */
static unsigned char *apply_delta(const unsigned char *base, size_t blen, const unsigned char *d,
				  size_t dlen, size_t *olen)
{
	const unsigned char *end = d + dlen;
	uint64_t src = delta_size(&d, end), size = delta_size(&d, end);
	unsigned char *out, *o;
	size_t left;

	if (src != blen || size >= SIZE_MAX / 2 || !(out = malloc((size_t)size + 1)))
		return NULL;
	o = out;
	left = (size_t)size;
	while (d < end) {
		unsigned char cmd = *d++;

		if (cmd & 0x80) {
			uint64_t coff = 0, csize = 0;

			for (int b = 0; b < 4; b++)
				if (cmd & (1u << b)) {
					if (d >= end)
						goto bad;
					coff |= (uint64_t)*d++ << (8 * b);
				}
			for (int b = 0; b < 3; b++)
				if (cmd & (0x10u << b)) {
					if (d >= end)
						goto bad;
					csize |= (uint64_t)*d++ << (8 * b);
				}
			if (!csize)
				csize = 0x10000;
			if (coff + csize > blen || csize > left)
				goto bad;
			memcpy(o, base + coff, (size_t)csize);
			o += csize;
			left -= (size_t)csize;
		} else if (cmd) {
			if (cmd > left || (size_t)(end - d) < cmd)
				goto bad;
			memcpy(o, d, cmd);
			o += cmd;
			d += cmd;
			left -= cmd;
		} else {
			goto bad; /* reserved */
		}
	}
	if (left)
		goto bad;
	*o = '\0';
	*olen = (size_t)size;
	return out;
bad:
	free(out);
	return NULL;
}

/* ---- the cache of delta bases ---- */

static struct cached *cache_slot(struct fg_packs *p, const struct pack *pk, uint64_t off)
{
	uint64_t h = (off ^ (uint64_t)(uintptr_t)pk) * 0x9e3779b97f4a7c15ull;

	return &p->cache[h >> 56]; /* CACHE_SLOTS: 256 */
}

static struct cached *cache_find(struct fg_packs *p, const struct pack *pk, uint64_t off)
{
	struct cached *c = cache_slot(p, pk, off);

	return c->pack == pk && c->off == off ? c : NULL;
}

/*
 * Keep DATA (LEN bytes and a NUL) as the object of type TYPE at OFF in
 * PK: it takes its slot's place, and older entries go, round the slots,
 * while the cache holds more than CACHE_BYTES. Returns the entry, which
 * owns DATA now, or NULL for an object larger than a quarter of the cache
 * (DATA is then still the caller's).
 */
static struct cached *cache_put(struct fg_packs *p, struct pack *pk, uint64_t off, int type,
				unsigned char *data, size_t len)
{
	struct cached *c = cache_slot(p, pk, off);

	if (len > CACHE_BYTES / 4)
		return NULL;
	cache_drop(p, c);
	while (p->cache_bytes + len > CACHE_BYTES) {
		p->clock = (p->clock + 1) % CACHE_SLOTS;
		cache_drop(p, &p->cache[p->clock]);
	}
	c->pack = pk;
	c->off = off;
	c->type = type;
	c->data = data;
	c->len = len;
	p->cache_bytes += len;
	return c;
}

/* ---- an object: its entry, its delta chain ---- */

/*
 * CUR (owned by the caller, or NULL) as the object at OFF in PK, kept in
 * the cache when WANTED and it fits: *BASE and *CUR say where it is now and
 * whether the caller still owns it.
 */
static void keep(struct fg_packs *p, struct pack *pk, uint64_t off, int type, int wanted,
		 unsigned char **cur, const unsigned char **base, size_t len)
{
	struct cached *c;

	*base = *cur;
	if (wanted && (c = cache_put(p, pk, off, type, *cur, len))) {
		*base = c->data;
		*cur = NULL;
	}
}

/*
 * The object at OFF in PK: its type, and its data in *DATA (*LEN bytes
 * and a NUL), in P->out (which P owns) or a cache entry, valid until the
 * next read. Kept in the cache: the bases of deltas, the objects deltas
 * rebuild (the bases of others, most likely) and trees (a walk reads a
 * tree of the last commit's again). Returns 0, or -1 for what
 * git_odb_read should read instead.
 */
static int read_at(struct fg_packs *p, struct pack *pk, uint64_t off, int *type,
		   const unsigned char **data, size_t *len)
{
	struct link {
		uint64_t off;
		struct entry e;
	} *chain = NULL;
	size_t n = 0, cap = 0, blen = 0;
	struct cached *hit;
	unsigned char *cur = NULL; /* the object rebuilt so far, when the cache does not own it */
	const unsigned char *base = NULL;
	int btype = 0, rc = -1;
	struct entry e;

	/* down the chain to a base in the cache, or one that is no delta */
	for (;;) {
		if ((hit = cache_find(p, pk, off))) {
			p->stats.cached++;
			base = hit->data;
			blen = hit->len;
			btype = hit->type;
			break;
		}
		if (entry_at(p, pk, off, &e) < 0)
			goto out;
		if (e.type < OBJ_OFS_DELTA) {
			if (!(cur = inflate_entry(p, pk, &e)))
				goto out;
			blen = (size_t)e.size;
			btype = e.type;
			keep(p, pk, off, btype, n || e.type == OBJ_TREE, &cur, &base, blen);
			break;
		}
		if (n == MAX_CHAIN)
			goto out;
		if (fg_array_grow((void **)&chain, &cap, n + 1, sizeof(*chain)) < 0)
			goto out;
		chain[n].off = off;
		chain[n++].e = e;
		if (e.type == OBJ_OFS_DELTA)
			off = e.base;
		else if (!find_offset(p, pk, e.ref, &off))
			goto out;
	}
	/* up again: each delta applied to the object below it */
	while (n--) {
		unsigned char *delta = inflate_entry(p, pk, &chain[n].e), *next;
		size_t nlen;

		if (!delta)
			goto out;
		next = apply_delta(base, blen, delta, (size_t)chain[n].e.size, &nlen);
		free(delta);
		if (!next)
			goto out;
		p->stats.deltas++;
		free(cur);
		cur = next;
		blen = nlen;
		keep(p, pk, chain[n].off, btype, 1, &cur, &base, blen);
	}
	p->out = cur;
	cur = NULL;
	*type = btype;
	*data = base;
	*len = blen;
	rc = 0;
out:
	free(cur);
	free(chain);
	return rc;
}

static const git_object_t types[] = {
	GIT_OBJECT_INVALID, GIT_OBJECT_COMMIT, GIT_OBJECT_TREE, GIT_OBJECT_BLOB, GIT_OBJECT_TAG,
};

int fg_packs_read(struct fg_packs *p, const git_oid *id, git_object_t *type, const char **data,
		  size_t *len)
{
	const unsigned char *d;
	uint64_t off;
	int t, rc;

	free(p->out);
	p->out = NULL;
	git_odb_object_free(p->obj);
	p->obj = NULL;
	for (size_t k = 0; k < p->npacks; k++) {
		size_t i = (p->last + k) % p->npacks;

		if (!find_offset(p, &p->packs[i], id->id, &off))
			continue;
		if (read_at(p, &p->packs[i], off, &t, &d, len) < 0)
			break;
		p->last = i;
		p->stats.packed++;
		*type = types[t];
		*data = (const char *)d;
		return 0;
	}
	p->stats.fallback++;
	if ((rc = git_odb_read(&p->obj, p->odb, id)) < 0)
		return rc;
	*type = git_odb_object_type(p->obj);
	*data = git_odb_object_data(p->obj);
	*len = git_odb_object_size(p->obj);
	return 0;
}

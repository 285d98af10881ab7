/*
 * Tests of packs.c, the pack reader: every object of repositories git
 * made, in each way git stores them (OFS_DELTA and REF_DELTA packs, long
 * delta chains, 64-bit offsets, several packs, alternates, the object
 * directories of the environment; a version 1 pack index and loose
 * objects, which go to libgit2), compared with `git cat-file --batch`;
 * each with the pack index mapped and made compact (at the first lookup
 * and after a few); then damaged packs and indexes, which read as libgit2
 * reads them, and packs written here byte by byte for each way an entry or
 * a delta can be wrong, which the reader leaves to libgit2, and for IDs
 * that share a compact index's key.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#include "check_flowgate.h"
#include "fixtures_sh.h"
#include "packs.h"
#include "report.h"

/*
 * A history whose objects are deltas of each other: a list that grows, a
 * version file and a file two trees down changed in each commit; a text
 * of ~2 MB (its deflated data spans several of the reader's windows), then
 * a line added to it (a delta copying 64 KiB at a time); an empty file;
 * an annotated tag.
 */
static const char make_repo[] =
	"set -e; exec >/dev/null 2>&1; git init -q -b main .; "
	"for i in $(seq 1 30); do seq 1 $((i * 40)) >list.txt; echo \"v$i\" >version.txt; "
	"  mkdir -p d/e; echo \"$i\" >d/e/f.txt; git add -A; git commit -q -m \"feat: change $i\"; "
	"done; "
	"seq 1 300000 >big.txt; git add big.txt; git commit -q -m 'feat: big'; "
	"echo end >>big.txt; : >empty; git add -A; git commit -q -m 'feat: big, empty'; "
	"git tag -a v1.0.0 -m 'release: v1.0.0'; ";

/* The ways the objects are stored, each a command run after make_repo. */
static const struct {
	const char *name, *how;
	int packed; /* 1: every object read from the packs; 0: every one by libgit2 */
} stores[] = {
	{ "OFS_DELTA", "git repack -adfq", 1 },
	{ "REF_DELTA", "git -c repack.useDeltaBaseOffset=false repack -adfq", 1 },
	{ "long chains", "git repack -adfq --depth=250 --window=250", 1 },
	{ "64-bit offsets",
	  "git repack -adfq; for p in .git/objects/pack/*.pack; do "
	  "git index-pack --index-version=2,0x20 -o new.idx \"$p\"; mv -f new.idx \"${p%.pack}.idx\"; done",
	  1 },
	{ "two packs",
	  "git repack -adq; echo more >>list.txt; git commit -qam 'fix: more'; git repack -dq", 1 },
	{ "pack index v1", "git -c pack.indexVersion=1 repack -adfq", 0 },
	{ "loose", ":", 0 },
	{ "a damaged index beside loose objects",
	  "printf 'not an index' >.git/objects/pack/pack-0000000000000000000000000000000000000000.idx; "
	  ": >.git/objects/pack/pack-0000000000000000000000000000000000000000.pack",
	  0 },
};

/* One object of `git cat-file --batch` output: at *AT, moved past it. */
struct object {
	git_oid id;
	char type[8];
	const char *data;
	size_t len;
};

static int next_object(const char **at, const char *end, struct object *o)
{
	char hex[GIT_OID_HEXSZ + 1];
	unsigned long long len;
	const char *nl;

	if (*at >= end)
		return 0;
	ck_assert_ptr_nonnull(nl = memchr(*at, '\n', (size_t)(end - *at)));
	ck_assert_int_eq(sscanf(*at, "%40s %7s %llu", hex, o->type, &len), 3);
	ck_assert_int_eq(git_oid_fromstr(&o->id, hex), 0);
	o->data = nl + 1;
	o->len = (size_t)len;
	ck_assert(o->data + o->len + 1 <= end);
	*at = o->data + o->len + 1; /* the newline after the content */
	return 1;
}

/* How the reader holds the pack indexes: its defaults, or compact after AFTER lookups. */
static const struct {
	const char *name;
	size_t after;
} index_modes[] = {
	{ "mapped (the defaults)", SIZE_MAX },
	{ "compact at the first lookup", 0 },
	{ "compact after 7 lookups", 7 },
};

/* Object O read with P is what git cat-file shows: its type, its data, a NUL after. */
static void read_as_git(struct fg_packs *p, const struct object *o)
{
	git_object_t type;
	const char *data;
	size_t dlen;

	ck_assert_int_eq(fg_packs_read(p, &o->id, &type, &data, &dlen), 0);
	ck_assert_str_eq(git_object_type2string(type), o->type);
	ck_assert_uint_eq(dlen, o->len);
	ck_assert(memcmp(data, o->data, dlen) == 0);
	ck_assert_int_eq(data[dlen], '\0');
}

/*
 * Every object in DIR's repository read with a reader (its indexes held
 * as index_modes[MODE] says) and compared with git's; returns how many,
 * and the reader's counts in *STATS.
 */
static size_t compare_all(const char *dir, struct fg_packs_stats *stats, size_t mode)
{
	git_repository *repo = NULL;
	struct fg_packs *p = NULL;
	size_t len, n = 0;
	char *out = fg_test_sh_output(dir, "git cat-file --batch-all-objects --batch", &len);
	const char *at = out;
	struct object o;

	ck_assert_int_eq(git_repository_open(&repo, dir), 0);
	ck_assert_int_eq(fg_packs_new(&p, repo), 0);
	if (index_modes[mode].after != SIZE_MAX)
		fg_packs_set_compact(p, index_modes[mode].after, 0);
	/* twice: the second time, some from the cache */
	for (int round = 0; round < 2; round++, at = out)
		while (next_object(&at, out + len, &o)) {
			read_as_git(p, &o);
			n += round == 0;
		}
	*stats = fg_packs_stats(p);
	fg_packs_free(p);
	git_repository_free(repo);
	free(out);
	return n;
}

/*
 * Every object, in each way git stores it, reads as git cat-file shows it,
 * with the pack indexes mapped and (when there are packs) made compact.
 */
START_TEST(test_every_object_as_git)
{
	char *dir = fg_test_mkdtemp();

	fg_test_sh(dir, "%s", make_repo);
	fg_test_sh(dir, "set -e; { %s; } >/dev/null 2>&1", stores[_i].how);
	for (size_t mode = 0; mode < (stores[_i].packed ? FG_COUNT(index_modes) : 1); mode++) {
		struct fg_packs_stats st;
		size_t n = compare_all(dir, &st, mode);

		ck_assert_uint_gt(n, 90);
		if (!stores[_i].packed) {
			ck_assert_msg(st.packed == 0 && st.fallback == 2 * n,
				      "%s: %zu packed, %zu by libgit2", stores[_i].name, st.packed,
				      st.fallback);
			ck_assert_uint_eq(st.compact, 0);
			continue;
		}
		ck_assert_msg(st.packed == 2 * n && st.fallback == 0,
			      "%s, %s: %zu objects, %zu read from packs, %zu by libgit2",
			      stores[_i].name, index_modes[mode].name, n, st.packed, st.fallback);
		ck_assert_uint_gt(st.deltas, 0);
		ck_assert_uint_gt(st.cached, 0);
		ck_assert_uint_gt(st.windows, 1); /* the large text spans windows */
		if (index_modes[mode].after == SIZE_MAX) {
			/* these indexes are small: they stay mapped */
			ck_assert_uint_eq(st.compact, 0);
			ck_assert_uint_eq(st.confirms, 0);
		} else {
			ck_assert_uint_ge(st.compact, 1);
			/* each read from a compact index confirms at least once; with
			 * two packs, the second is mapped for its first 7 too */
			ck_assert_uint_ge(st.confirms, index_modes[mode].after ? n : 2 * n);
		}
	}
	fg_test_rmtree(dir);
}
END_TEST

/*
 * The object directories git reads besides the repository's: those of
 * objects/info/alternates (a clone --shared), and GIT_OBJECT_DIRECTORY and
 * GIT_ALTERNATE_OBJECT_DIRECTORIES as git sets them for a pre-receive hook
 * (the pushed objects in a quarantine directory).
 */
START_TEST(test_object_directories)
{
	char *dir = fg_test_mkdtemp(), *path;
	struct fg_packs_stats st;
	size_t n;

	fg_test_sh(dir, "mkdir src && cd src && { %s } && git repack -adfq && cd .. && "
		   "git clone -q --shared src shared && git init -q --bare empty.git && "
		   "mkdir -p quarantine/pack && cp src/.git/objects/pack/* quarantine/pack/",
		   make_repo);
	path = fg_strdupf("%s/shared", dir);
	n = compare_all(path, &st, 0);
	ck_assert_uint_eq(st.packed, 2 * n);
	ck_assert_uint_eq(st.fallback, 0);
	free(path);

	/* the quarantine: the objects only there */
	path = fg_strdupf("%s/quarantine", dir);
	setenv("GIT_OBJECT_DIRECTORY", path, 1);
	free(path);
	path = fg_strdupf("%s/empty.git", dir);
	{
		git_repository *repo = NULL;
		struct fg_packs *p = NULL;
		git_oid id;
		git_object_t type;
		const char *data;
		size_t len;
		char *hex = fg_test_sh_output(dir, "git -C src rev-parse v1.0.0", &len);

		ck_assert_int_eq(git_oid_fromstrn(&id, hex, GIT_OID_HEXSZ), 0);
		free(hex);
		ck_assert_int_eq(git_repository_open(&repo, path), 0);
		ck_assert_int_eq(fg_packs_new(&p, repo), 0);
		ck_assert_int_eq(fg_packs_read(p, &id, &type, &data, &len), 0);
		ck_assert_int_eq(type, GIT_OBJECT_TAG);
		ck_assert_ptr_nonnull(strstr(data, "release: v1.0.0"));
		ck_assert_uint_eq(fg_packs_stats(p).packed, 1);
		fg_packs_free(p);
		unsetenv("GIT_OBJECT_DIRECTORY");

		/* the same objects as alternates of the environment */
		free(path);
		path = fg_strdupf("%s/quarantine", dir);
		setenv("GIT_ALTERNATE_OBJECT_DIRECTORIES", path, 1);
		ck_assert_int_eq(fg_packs_new(&p, repo), 0);
		ck_assert_int_eq(fg_packs_read(p, &id, &type, &data, &len), 0);
		ck_assert_int_eq(type, GIT_OBJECT_TAG);
		ck_assert_uint_eq(fg_packs_stats(p).packed, 1);
		fg_packs_free(p);
		unsetenv("GIT_ALTERNATE_OBJECT_DIRECTORIES");

		/* without them: not there */
		ck_assert_int_eq(fg_packs_new(&p, repo), 0);
		ck_assert_int_eq(fg_packs_read(p, &id, &type, &data, &len), GIT_ENOTFOUND);
		fg_packs_free(p);
		git_repository_free(repo);
	}
	free(path);
	fg_test_rmtree(dir);
}
END_TEST

/*
 * A pack whose deflated data is damaged: the reader gives what libgit2's
 * git_odb_read gives for each object (the damaged one: an error; the
 * others: their content), and a missing object is GIT_ENOTFOUND.
 */
START_TEST(test_damaged_pack_as_libgit2)
{
	char *dir = fg_test_mkdtemp();
	git_repository *repo = NULL;
	struct fg_packs *p = NULL;
	git_odb *odb = NULL;
	size_t len, failed = 0;
	char *out;
	const char *at;
	struct object o;
	git_oid missing;

	fg_test_sh(dir, "%s", make_repo);
	/* the blob of big.txt, stored whole: bytes in the middle of its data overwritten */
	fg_test_sh(dir, "set -e; exec >/dev/null 2>&1; git repack -adfq --depth=0; "
		   "p=$(ls .git/objects/pack/*.pack); b=$(git rev-parse HEAD~1:big.txt); "
		   "off=$(git show-index <\"${p%%.pack}.idx\" | awk -v b=$b '$2 == b { print $1 }'); "
		   "chmod u+w \"$p\"; printf 'XXXXXXXX' | "
		   "dd of=\"$p\" bs=1 seek=$((off + 5000)) conv=notrunc");
	out = fg_test_sh_output(dir, "git cat-file --batch-all-objects --batch-check", &len);
	ck_assert_int_eq(git_repository_open(&repo, dir), 0);
	ck_assert_int_eq(git_repository_odb(&odb, repo), 0);
	ck_assert_int_eq(fg_packs_new(&p, repo), 0);
	for (at = out; at < out + len; at = strchr(at, '\n') + 1) {
		git_odb_object *obj = NULL;
		git_object_t type;
		const char *data;
		size_t dlen;
		int want, got;

		ck_assert_int_eq(git_oid_fromstrn(&o.id, at, GIT_OID_HEXSZ), 0);
		want = git_odb_read(&obj, odb, &o.id);
		got = fg_packs_read(p, &o.id, &type, &data, &dlen);
		ck_assert_int_eq(got, want);
		if (want == 0) {
			ck_assert_int_eq(type, git_odb_object_type(obj));
			ck_assert_uint_eq(dlen, git_odb_object_size(obj));
			ck_assert(memcmp(data, git_odb_object_data(obj), dlen) == 0);
		} else {
			failed++;
		}
		git_odb_object_free(obj);
	}
	ck_assert_uint_ge(failed, 1); /* the damaged blob, and the one made from it */
	ck_assert_uint_ge(fg_packs_stats(p).fallback, failed);
	memset(&missing, 0x42, sizeof(missing));
	{
		git_object_t type;
		const char *data;
		size_t dlen;

		ck_assert_int_eq(fg_packs_read(p, &missing, &type, &data, &dlen), GIT_ENOTFOUND);
	}
	fg_packs_free(p);
	git_odb_free(odb);
	git_repository_free(repo);
	free(out);
	fg_test_rmtree(dir);
}
END_TEST

/* ---- packs written byte by byte ---- */

struct bytes {
	unsigned char *b;
	size_t n, cap;
};

static void put(struct bytes *o, const void *data, size_t n)
{
	if (o->n + n > o->cap) {
		o->cap = (o->n + n) * 2 + 64;
		ck_assert_ptr_nonnull(o->b = realloc(o->b, o->cap));
	}
	memcpy(o->b + o->n, data, n);
	o->n += n;
}

static void put_be32(struct bytes *o, uint32_t v)
{
	unsigned char b[4] = { (unsigned char)(v >> 24), (unsigned char)(v >> 16),
			       (unsigned char)(v >> 8), (unsigned char)v };

	put(o, b, 4);
}

/* An entry's header: TYPE and SIZE as pack-format(5) writes them. */
static void put_header(struct bytes *o, int type, uint64_t size)
{
	unsigned char c = (unsigned char)(type << 4 | (size & 15));

	size >>= 4;
	while (size) {
		put(o, (unsigned char[]){ (unsigned char)(c | 0x80) }, 1);
		c = size & 0x7f;
		size >>= 7;
	}
	put(o, &c, 1);
}

/* DATA[0..N) deflated with zlib. */
static void put_deflated(struct bytes *o, const void *data, size_t n)
{
	uLongf len = compressBound((uLong)n);
	unsigned char *z = malloc(len);

	ck_assert_ptr_nonnull(z);
	ck_assert_int_eq(compress(z, &len, data, (uLong)n), Z_OK);
	put(o, z, len);
	free(z);
}

/* An OFS_DELTA's base: REL bytes back, in git's offset encoding. */
static void put_ofs(struct bytes *o, uint64_t rel)
{
	unsigned char buf[10];
	size_t pos = sizeof(buf) - 1;

	buf[pos] = rel & 0x7f;
	while (rel >>= 7)
		buf[--pos] = (unsigned char)(0x80 | (--rel & 0x7f));
	put(o, buf + pos, sizeof(buf) - pos);
}

/* One entry of a hand-made pack: its ID (made up: nothing checks it) and offset. */
struct entry_id {
	unsigned char id[20];
	uint32_t off;
};

static int by_id(const void *a, const void *b)
{
	return memcmp(((const struct entry_id *)a)->id, ((const struct entry_id *)b)->id, 20);
}

/*
 * DIR/.git/objects/pack/pack-x.pack and .idx (version 2) from PACK's
 * entries (N, at the offsets in IDS, each named by its made-up ID): the
 * pack's header and a trailing checksum the index repeats (made up too).
 */
static void write_pack(const char *dir, struct bytes *entries, struct entry_id *ids, size_t n)
{
	struct bytes pack = { 0 }, idx = { 0 };
	unsigned char sum[20];
	uint32_t fan[256] = { 0 };
	char *path;

	memset(sum, 0x5a, sizeof(sum));
	put(&pack, "PACK", 4);
	put_be32(&pack, 2);
	put_be32(&pack, (uint32_t)n);
	for (size_t i = 0; i < n; i++)
		ids[i].off += 12;
	put(&pack, entries->b, entries->n);
	put(&pack, sum, 20);
	qsort(ids, n, sizeof(*ids), by_id);
	put(&idx, "\377tOc", 4);
	put_be32(&idx, 2);
	for (size_t i = 0; i < n; i++)
		for (int f = ids[i].id[0]; f < 256; f++)
			fan[f]++;
	for (int f = 0; f < 256; f++)
		put_be32(&idx, fan[f]);
	for (size_t i = 0; i < n; i++)
		put(&idx, ids[i].id, 20);
	for (size_t i = 0; i < n; i++)
		put_be32(&idx, 0); /* CRCs: not read */
	for (size_t i = 0; i < n; i++)
		put_be32(&idx, ids[i].off);
	put(&idx, sum, 20);
	put(&idx, sum, 20); /* the index's own checksum: not read */
	path = fg_strdupf("%s/.git/objects/pack/pack-x.pack", dir);
	fg_test_write_file(path, (const char *)pack.b, pack.n, 0444);
	memcpy(path + strlen(path) - 4, "idx", 4);
	fg_test_write_file(path, (const char *)idx.b, idx.n, 0444);
	free(path);
	free(pack.b);
	free(idx.b);
}

/* The base every delta below applies to. */
static const char base_text[] = "0123456789abcdefghijklmnopqrstuvwxyz\n";

/* Deltas, their instructions after the two sizes (base 37 bytes, result RESULT). */
static const struct {
	const char *name;
	unsigned char ops[16];
	size_t nops;
	uint64_t base_size, result; /* the sizes the delta states */
	int good;
} deltas[] = {
	/* copy 10 bytes from 26, insert "!\n" */
	{ "good", { 0x91, 26, 10, 2, '!', '\n' }, 6, 37, 12, 1 },
	{ "a copy past the base", { 0x91, 30, 10 }, 3, 37, 10, 0 },
	{ "the reserved instruction 0", { 0x00 }, 1, 37, 0, 0 },
	{ "an insert past the result", { 5, 'a', 'b', 'c', 'd', 'e' }, 6, 37, 3, 0 },
	{ "a result shorter than stated", { 0x91, 0, 4 }, 3, 37, 9, 0 },
	{ "a base size that is not the base's", { 0x91, 0, 4 }, 3, 36, 4, 0 },
	{ "an insert cut short", { 9, 'a', 'b' }, 3, 37, 9, 0 },
	{ "a copy's offset cut short", { 0x93, 1 }, 2, 37, 4, 0 },
};

/*
 * A pack of a blob and an OFS_DELTA and a REF_DELTA of it, the delta of
 * the loop's case: a good one reads from the pack; a bad one is left to
 * libgit2, which refuses it too (its error), and nothing crashes.
 */
START_TEST(test_handmade_deltas)
{
	char *dir = fg_test_mkdtemp();
	struct bytes e = { 0 }, delta = { 0 };
	struct entry_id ids[3];
	git_repository *repo = NULL;
	struct fg_packs *p = NULL;
	unsigned char sz[20];
	size_t nsz = 0;
	uint64_t v;

	fg_test_sh(dir, "git init -q .");
	/* the delta: base size, result size, instructions */
	for (int k = 0; k < 2; k++) {
		v = k ? deltas[_i].result : deltas[_i].base_size;
		do {
			sz[nsz++] = (unsigned char)((v & 0x7f) | (v > 0x7f ? 0x80 : 0));
			v >>= 7;
		} while (v);
	}
	put(&delta, sz, nsz);
	put(&delta, deltas[_i].ops, deltas[_i].nops);
	memset(ids, 0, sizeof(ids));
	ids[0].id[0] = 0x10;
	ids[1].id[0] = 0x20;
	ids[2].id[0] = 0x30;
	ids[0].off = 0;
	put_header(&e, 3, sizeof(base_text) - 1);
	put_deflated(&e, base_text, sizeof(base_text) - 1);
	ids[1].off = (uint32_t)e.n;
	put_header(&e, 6, delta.n);
	put_ofs(&e, ids[1].off - ids[0].off);
	put_deflated(&e, delta.b, delta.n);
	ids[2].off = (uint32_t)e.n;
	put_header(&e, 7, delta.n);
	put(&e, ids[0].id, 20);
	put_deflated(&e, delta.b, delta.n);
	write_pack(dir, &e, ids, 3);

	ck_assert_int_eq(git_repository_open(&repo, dir), 0);
	ck_assert_int_eq(fg_packs_new(&p, repo), 0);
	{
		/* the base: read from the pack (the pack opened) */
		git_oid id;
		git_object_t type;
		const char *data;
		size_t len;

		memset(&id, 0, sizeof(id));
		id.id[0] = 0x10;
		ck_assert_int_eq(fg_packs_read(p, &id, &type, &data, &len), 0);
		ck_assert_str_eq(data, base_text);
		ck_assert_uint_eq(fg_packs_stats(p).packed, 1);
	}
	for (int k = 1; k <= 2; k++) {
		git_oid id;
		git_object_t type;
		const char *data;
		size_t len;
		int rc;

		memset(&id, 0, sizeof(id));
		id.id[0] = (unsigned char)(0x10 * (k + 1));
		rc = fg_packs_read(p, &id, &type, &data, &len);
		if (deltas[_i].good) {
			ck_assert_int_eq(rc, 0);
			ck_assert_int_eq(type, GIT_OBJECT_BLOB);
			ck_assert_uint_eq(len, 12);
			ck_assert(memcmp(data, "qrstuvwxyz!\n", 12) == 0);
			ck_assert_uint_eq(fg_packs_stats(p).fallback, 0);
		} else {
			ck_assert_msg(rc < 0, "%s: read", deltas[_i].name);
			ck_assert_uint_eq(fg_packs_stats(p).fallback, (size_t)k);
		}
	}
	fg_packs_free(p);
	git_repository_free(repo);
	free(e.b);
	free(delta.b);
	fg_test_rmtree(dir);
}
END_TEST

/*
 * Entries that are wrong before any delta: a type that does not exist (5),
 * data that inflates to more or less than the header says, an OFS_DELTA
 * whose base would lie before the pack's start, a REF_DELTA whose base
 * is in no pack: each left to libgit2, which refuses it.
 */
static const char *const bad_entries[] = {
	"type 5", "longer than stated", "shorter than stated", "base before the start",
	"base nowhere",
};

START_TEST(test_handmade_entries)
{
	char *dir = fg_test_mkdtemp();
	struct bytes e = { 0 };
	struct entry_id ids[2];
	git_repository *repo = NULL;
	struct fg_packs *p = NULL;
	git_oid id;
	git_object_t type;
	const char *data;
	size_t len;
	unsigned char nowhere[20];

	fg_test_sh(dir, "git init -q .");
	memset(ids, 0, sizeof(ids));
	memset(nowhere, 0x77, sizeof(nowhere));
	/* a good blob first: the pack opens */
	ids[1].id[0] = 0x01;
	put_header(&e, 3, 2);
	put_deflated(&e, "ok", 2);
	ids[0].id[0] = 0x42;
	ids[0].off = (uint32_t)e.n;
	switch (_i) {
	case 0:
		put_header(&e, 5, 3);
		put_deflated(&e, "abc", 3);
		break;
	case 1:
		put_header(&e, 3, 3);
		put_deflated(&e, "abcd", 4);
		break;
	case 2:
		put_header(&e, 3, 5);
		put_deflated(&e, "abcd", 4);
		break;
	case 3:
		put_header(&e, 6, 3);
		put_ofs(&e, 1000);
		put_deflated(&e, "\003\003\003", 3);
		break;
	default:
		put_header(&e, 7, 3);
		put(&e, nowhere, 20);
		put_deflated(&e, "\003\003\003", 3);
		break;
	}
	write_pack(dir, &e, ids, 2);
	ck_assert_int_eq(git_repository_open(&repo, dir), 0);
	ck_assert_int_eq(fg_packs_new(&p, repo), 0);
	memset(&id, 0, sizeof(id));
	id.id[0] = 0x01;
	ck_assert_int_eq(fg_packs_read(p, &id, &type, &data, &len), 0);
	ck_assert_str_eq(data, "ok");
	id.id[0] = 0x42;
	ck_assert_msg(fg_packs_read(p, &id, &type, &data, &len) < 0, "%s: read", bad_entries[_i]);
	ck_assert_uint_eq(fg_packs_stats(p).fallback, 1);
	ck_assert_uint_eq(fg_packs_stats(p).packed, 1);
	fg_packs_free(p);
	git_repository_free(repo);
	free(e.b);
	fg_test_rmtree(dir);
}
END_TEST

/*
 * A compact index confirms a lookup by reading the IDs that share its key
 * (ID bytes 1 and 2 under the fanout's byte 0), CONFIRM_ROWS (64) at a
 * time: 70 blobs whose IDs share their first three bytes, and 3 others,
 * each read from the pack as what it is; an ID that shares the key but is
 * not in the pack, and one that shares only the fanout byte, are not
 * found there (libgit2: GIT_ENOTFOUND).
 */
START_TEST(test_compact_key_runs)
{
	enum { RUN = 70, N = RUN + 3 };
	char *dir = fg_test_mkdtemp();
	struct bytes e = { 0 };
	struct entry_id ids[N], want[N];
	git_repository *repo = NULL;
	struct fg_packs *p = NULL;
	git_oid id;
	git_object_t type;
	const char *data;
	size_t len, confirms;

	fg_test_sh(dir, "git init -q .");
	memset(ids, 0, sizeof(ids));
	for (int i = 0; i < N; i++) {
		char text[16];
		int tlen = snprintf(text, sizeof(text), "blob %d\n", i);

		ids[i].id[0] = 0xab;
		ids[i].id[1] = i < RUN ? 0xcd : (unsigned char)(0x10 * i);
		ids[i].id[2] = i < RUN ? 0xef : 0x01;
		ids[i].id[19] = (unsigned char)(2 * i + 1); /* odd: an even one is in no pack */
		ids[i].off = (uint32_t)e.n;
		put_header(&e, 3, (uint64_t)tlen);
		put_deflated(&e, text, (size_t)tlen);
	}
	memcpy(want, ids, sizeof(ids));
	write_pack(dir, &e, ids, N);
	ck_assert_int_eq(git_repository_open(&repo, dir), 0);
	ck_assert_int_eq(fg_packs_new(&p, repo), 0);
	fg_packs_set_compact(p, 0, 0);
	for (int i = N - 1; i >= 0; i--) {
		char text[16];

		snprintf(text, sizeof(text), "blob %d\n", i);
		memcpy(id.id, want[i].id, 20);
		ck_assert_int_eq(fg_packs_read(p, &id, &type, &data, &len), 0);
		ck_assert_int_eq(type, GIT_OBJECT_BLOB);
		ck_assert_str_eq(data, text);
	}
	ck_assert_uint_eq(fg_packs_stats(p).compact, 1);
	ck_assert_uint_eq(fg_packs_stats(p).packed, N);
	ck_assert_uint_eq(fg_packs_stats(p).fallback, 0);
	/* the last of the run lies in its second 64 */
	confirms = fg_packs_stats(p).confirms;
	memcpy(id.id, want[RUN - 1].id, 20);
	ck_assert_int_eq(fg_packs_read(p, &id, &type, &data, &len), 0);
	ck_assert_str_eq(data, "blob 69\n");
	ck_assert_uint_eq(fg_packs_stats(p).confirms, confirms + 2);
	/* the key's run read whole, and no match */
	id.id[19] = 2;
	confirms = fg_packs_stats(p).confirms;
	ck_assert_int_eq(fg_packs_read(p, &id, &type, &data, &len), GIT_ENOTFOUND);
	ck_assert_uint_eq(fg_packs_stats(p).confirms, confirms + 2);
	ck_assert_uint_eq(fg_packs_stats(p).fallback, 1);
	/* no ID with the key: nothing to read */
	id.id[1] = 0xce;
	ck_assert_int_eq(fg_packs_read(p, &id, &type, &data, &len), GIT_ENOTFOUND);
	ck_assert_uint_eq(fg_packs_stats(p).confirms, confirms + 2);
	fg_packs_free(p);
	git_repository_free(repo);
	free(e.b);
	fg_test_rmtree(dir);
}
END_TEST

/*
 * An index replaced after it was mapped (a repack, a gc between two
 * lookups) is not made compact from the new file: the reader goes on with
 * the file it mapped, and every object still reads as git shows it.
 */
START_TEST(test_compact_replaced_index)
{
	char *dir = fg_test_mkdtemp();
	git_repository *repo = NULL;
	struct fg_packs *p = NULL;
	size_t len, n = 0;
	char *out;
	const char *at;
	struct object o;

	fg_test_sh(dir, "%s", make_repo);
	fg_test_sh(dir, "git repack -adfq >/dev/null 2>&1");
	out = fg_test_sh_output(dir, "git cat-file --batch-all-objects --batch", &len);
	ck_assert_int_eq(git_repository_open(&repo, dir), 0);
	ck_assert_int_eq(fg_packs_new(&p, repo), 0);
	fg_packs_set_compact(p, 1, 0);
	for (at = out; next_object(&at, out + len, &o); n++) {
		if (n == 1) /* the same content, another inode */
			fg_test_sh(dir, "set -e; for i in .git/objects/pack/*.idx; do "
				   "cp \"$i\" new.idx; mv -f new.idx \"$i\"; done");
		read_as_git(p, &o);
	}
	ck_assert_uint_gt(n, 90);
	ck_assert_uint_eq(fg_packs_stats(p).packed, n);
	ck_assert_uint_eq(fg_packs_stats(p).compact, 0);
	ck_assert_uint_eq(fg_packs_stats(p).confirms, 0);
	fg_packs_free(p);
	git_repository_free(repo);
	free(out);
	fg_test_rmtree(dir);
}
END_TEST

Suite *packs_suite(void)
{
	Suite *s = suite_create("packs");
	TCase *tc = tcase_create("packs");

	tcase_set_timeout(tc, 120);
	tcase_add_checked_fixture(tc, fg_test_git_env_save, fg_test_git_env_restore);
	tcase_add_loop_test(tc, test_every_object_as_git, 0, (int)FG_COUNT(stores));
	tcase_add_test(tc, test_object_directories);
	tcase_add_test(tc, test_damaged_pack_as_libgit2);
	tcase_add_loop_test(tc, test_handmade_deltas, 0, (int)FG_COUNT(deltas));
	tcase_add_loop_test(tc, test_handmade_entries, 0, (int)FG_COUNT(bad_entries));
	tcase_add_test(tc, test_compact_key_runs);
	tcase_add_test(tc, test_compact_replaced_index);
	suite_add_tcase(s, tc);
	return s;
}

/*
 * Tests of index.c, the index reader: every index format git 2.39 writes
 * (versions 2, 3 and 4, a split index, a sparse index, feature.manyFiles,
 * the end-of-entries and offset-table extensions), each made by git in a
 * temporary repository and compared with `git ls-files --stage` and `git
 * ls-files --sparse --stage`; then index files built here byte by byte for
 * what git does not write on request: a split index's every merge rule,
 * unknown versions and extensions, and damaged files.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "check_flowgate.h"
#include "fixtures_sh.h"
#include "index.h"
#include "report.h"

/*
 * The repository of the format tests: 100 files in d0..d9/sub/ and
 * d0..d9/top.txt, names that sort between "d0" and "d0/" ("d0-x",
 * "d0.y"), an executable, a symbolic link, a gitlink, a path of over 4,095
 * bytes (its length is then not in the entry's flags), all committed; then
 * the format, then changes on top: a modified file, one whose mode
 * changed, one removed from the index, one added, a conflict's three
 * stages, and (with EXTENDED) an intent-to-add entry and a skip-worktree
 * bit. A split index records those changes as replacements, deletions and
 * additions over its shared index.
 */
static const char make_repo[] =
	"set -e; exec >/dev/null 2>&1; git init -q -b main .; "
	"for d in 0 1 2 3 4 5 6 7 8 9; do mkdir -p d$d/sub; "
	"  for f in 0 1 2 3 4 5 6 7 8 9; do echo $d$f >d$d/sub/f$f.txt; done; "
	"  echo top >d$d/top.txt; done; "
	"mkdir -p bin half_orm; echo 0.1.0 >VERSION; echo 0.1.0 >half_orm/version.txt; "
	"printf '[rule \"typeEnum\"]\\n\\tseverity = warn\\n' >.flowgate; "
	"printf '#!/bin/sh\\n' >bin/run.sh; chmod +x bin/run.sh; ln -s VERSION link; "
	"echo a >d0-x; echo b >d0.y; echo c >'sp ace.txt'; git add -A; "
	"blob=$(git hash-object -w VERSION); "
	"git update-index --add --cacheinfo 160000,$blob,sub/module; "
	"c=$(printf 'x%.0s' $(seq 1 250)); long=long; "
	"for i in $(seq 1 17); do long=$long/$c; done; "
	"git update-index --add --cacheinfo 100644,$blob,$long/file; "
	"git commit -q -m init; ";
static const char make_changes[] =
	"set -e; exec >/dev/null 2>&1; blob=$(git hash-object -w VERSION); "
	"echo changed >d1/sub/f3.txt; git add d1/sub/f3.txt; "
	"git update-index --chmod=+x d1/sub/f4.txt; "
	"git rm -q --cached d1/top.txt; "
	"echo new >d2/new.txt; git add d2/new.txt; "
	"printf '100644 %s 1\\tconflict.txt\\n100644 %s 2\\tconflict.txt\\n"
	"100644 %s 3\\tconflict.txt\\n' $blob $blob $blob | git update-index --index-info; ";
static const char make_extended[] =
	"set -e; exec >/dev/null 2>&1; echo ita >d2/ita.txt; git add -N d2/ita.txt; "
	"git update-index --skip-worktree d1/sub/f5.txt; ";

static const struct {
	const char *name;
	const char *before; /* the commands that make the format, before the changes */
	const char *after;  /* and after them */
	int extended;       /* intent-to-add and skip-worktree entries too */
	unsigned version;   /* what the file must say */
	int split, sparse;  /* and the extensions it must have */
	const char *ext;    /* bytes the file must hold, or NULL */
} formats[] = {
	{ "version 2", "git update-index --index-version 2", "", 0, 2, 0, 0, NULL },
	{ "version 3", "git update-index --index-version 3", "", 1, 3, 0, 0, NULL },
	{ "version 4", "git update-index --index-version 4", "", 1, 4, 0, 0, NULL },
	{ "split index", "git update-index --index-version 2; git update-index --split-index", "",
	  1, 3, 1, 0, "link" },
	{ "split index, version 4", "git update-index --index-version 4; "
	  "git update-index --split-index", "", 1, 4, 1, 0, "link" },
	{ "core.splitIndex", "git config core.splitIndex true; git update-index --index-version 2",
	  "", 0, 2, 1, 0, "link" },
	{ "feature.manyFiles", "git config feature.manyFiles true; git update-index --index-version 4",
	  "git status --porcelain >/dev/null", 1, 4, 0, 0, "UNTR" },
	{ "end of entries and offset table",
	  "git config index.recordEndOfIndexEntries true; git config index.recordOffsetTable true; "
	  "git config index.threads 2; git update-index --index-version 3", "", 1, 3, 0, 0, "IEOT" },
	{ "resolve undo", "git update-index --index-version 2",
	  "git update-index --add --cacheinfo 100644,$(git hash-object -w VERSION),conflict.txt",
	  0, 2, 0, 0, "REUC" },
	{ "sparse index", "git sparse-checkout set --cone --sparse-index d1 d2 half_orm", "", 1, 3,
	  0, 1, "sdir" },
	{ "sparse checkout, no sparse index",
	  "git sparse-checkout set --cone --no-sparse-index d1 d2 half_orm", "", 1, 3, 0, 0, NULL },
};

/* One line of `git ls-files -s -z`. */
struct staged_line {
	unsigned mode, stage;
	unsigned char id[FG_INDEX_RAWSZ];
	char *path; /* in the output's buffer */
};

static void hex_to_raw(unsigned char *raw, const char *hex)
{
	for (int i = 0; i < FG_INDEX_RAWSZ; i++) {
		unsigned byte;

		ck_assert_int_eq(sscanf(hex + 2 * i, "%2x", &byte), 1);
		raw[i] = (unsigned char)byte;
	}
}

/* The lines of OUT[0..LEN), `git ls-files -s -z` output (modified in place). */
static struct staged_line *parse_staged(char *out, size_t len, size_t *n)
{
	struct staged_line *lines = NULL;
	size_t cap = 0;
	char *p = out;

	*n = 0;
	while (p < out + len) {
		char *tab = strchr(p, '\t'), hex[41];

		ck_assert_ptr_nonnull(tab);
		if (*n == cap)
			ck_assert_ptr_nonnull(lines = realloc(lines, (cap = cap ? 2 * cap : 256) *
							       sizeof(*lines)));
		ck_assert_int_eq(sscanf(p, "%o %40s %u", &lines[*n].mode, hex, &lines[*n].stage), 3);
		hex_to_raw(lines[*n].id, hex);
		lines[*n].path = tab + 1;
		p = tab + 1 + strlen(tab + 1) + 1;
		(*n)++;
	}
	return lines;
}

/* The sparse directory entry ("d1/") of SPARSE holding PATH, or NULL. */
static const struct staged_line *sparse_dir_of(const struct staged_line *sparse, size_t n,
					       const char *path)
{
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(sparse[i].path);

		if (sparse[i].mode == 040000 && len && sparse[i].path[len - 1] == '/' &&
		    strlen(path) > len && !strncmp(path, sparse[i].path, len))
			return &sparse[i];
	}
	return NULL;
}

/* What the index must hold at WANT, from git's own listings. */
static void expect(const struct fg_index_find *want, const struct staged_line *full, size_t nfull,
		   const struct staged_line *sparse, size_t nsparse)
{
	const struct staged_line *dir = sparse_dir_of(sparse, nsparse, want->path);
	size_t plen = strlen(want->path);
	int below = 0;

	if (dir) {
		ck_assert_msg(want->state == FG_INDEX_SPARSE, "%s: state %d, not sparse", want->path,
			      want->state);
		ck_assert_uint_eq(want->rest, strlen(dir->path));
		ck_assert(!memcmp(want->id, dir->id, FG_INDEX_RAWSZ));
		return;
	}
	for (size_t i = 0; i < nsparse; i++) {
		if (!strcmp(sparse[i].path, want->path) && sparse[i].stage == 0) {
			ck_assert_msg(want->state == FG_INDEX_ENTRY, "%s: state %d, not an entry",
				      want->path, want->state);
			ck_assert_uint_eq(want->mode, sparse[i].mode);
			ck_assert_msg(!memcmp(want->id, sparse[i].id, FG_INDEX_RAWSZ), "%s: wrong id",
				      want->path);
			return;
		}
		below |= !strncmp(sparse[i].path, want->path, plen) && sparse[i].path[plen] == '/';
	}
	for (size_t i = 0; i < nfull; i++)
		below |= !strncmp(full[i].path, want->path, plen) && full[i].path[plen] == '/';
	ck_assert_msg(want->state == (below ? FG_INDEX_DIRECTORY : FG_INDEX_ABSENT),
		      "%s: state %d, want %d", want->path, want->state,
		      below ? FG_INDEX_DIRECTORY : FG_INDEX_ABSENT);
}

/* Non-zero when DATA[0..LEN) holds the 4 bytes SIG. */
static int holds(const char *data, size_t len, const char *sig)
{
	for (size_t i = 0; i + 4 <= len; i++)
		if (!memcmp(data + i, sig, 4))
			return 1;
	return 0;
}

START_TEST(test_index_formats)
{
	char *dir = fg_test_mkdtemp(), *full_out, *sparse_out, *file, *index_path, *gitdir;
	struct staged_line *full, *sparse;
	size_t nfull, nsparse, len, n = 0, owned, cap;
	struct fg_index_find *want;
	struct fg_index ix;
	static const char *const absent[] = {
		"nope", "d0/nope", "VERSION/x", "VERSIO", "VERSION0", "d0/sub/f0", "d", "zzz",
		"link/x", "sub/module/x", "conflict.txt/x", "d1/top.txt", "\x7f", "D0",
	};

	fg_test_sh(dir, "%s", make_repo);
	fg_test_sh(dir, "set -e; { %s; } >/dev/null 2>&1", formats[_i].before);
	fg_test_sh(dir, "%s", make_changes);
	if (formats[_i].extended)
		fg_test_sh(dir, "%s", make_extended);
	if (*formats[_i].after)
		fg_test_sh(dir, "set -e; { %s; } >/dev/null 2>&1", formats[_i].after);
	full_out = fg_test_sh_output(dir, "git ls-files -s -z", &len);
	full = parse_staged(full_out, len, &nfull);
	sparse_out = fg_test_sh_output(dir, "git ls-files --sparse -s -z", &len);
	sparse = parse_staged(sparse_out, len, &nsparse);

	/* the format is the one named: git wrote what this case means to read */
	index_path = fg_strdupf("%s/.git/index", dir);
	gitdir = fg_strdupf("%s/.git/", dir);
	ck_assert_ptr_nonnull(file = fg_test_read_file(index_path, &len));
	if (formats[_i].ext)
		ck_assert_msg(holds(file, len, formats[_i].ext), "no %s extension", formats[_i].ext);
	ck_assert_int_eq(fg_index_open(&ix, index_path, gitdir), 0);
	ck_assert_uint_eq(ix.main.version, formats[_i].version);
	ck_assert_int_eq(ix.split, formats[_i].split);
	ck_assert_int_eq(ix.sparse, formats[_i].sparse);
	ck_assert_int_eq(nsparse < nfull, formats[_i].sparse);

	/* every path git lists, every directory above one, and paths it has not */
	cap = 3 * nfull + FG_COUNT(absent);
	ck_assert_ptr_nonnull(want = calloc(cap, sizeof(*want)));
	for (size_t i = 0; i < nfull; i++) {
		char *slash;

		ck_assert_ptr_nonnull(want[n++].path = strdup(full[i].path));
		for (slash = strchr(full[i].path, '/'); slash && n < cap; slash = strchr(slash + 1, '/'))
			ck_assert_ptr_nonnull(want[n++].path = strndup(full[i].path,
									(size_t)(slash - full[i].path)));
	}
	owned = n;
	for (size_t i = 0; i < FG_COUNT(absent); i++)
		want[n++].path = absent[i];
	ck_assert_int_eq(fg_index_find(&ix, want, n), 0);
	for (size_t i = 0; i < n; i++)
		expect(&want[i], full, nfull, sparse, nsparse);
	/* a path's answer does not depend on the other paths asked */
	for (size_t i = 0; i < n; i += 7) {
		struct fg_index_find one = { want[i].path, 0, 0, { 0 }, 0 };

		ck_assert_int_eq(fg_index_find(&ix, &one, 1), 0);
		ck_assert_int_eq(one.state, want[i].state);
		ck_assert_uint_eq(one.mode, want[i].mode);
		ck_assert(!memcmp(one.id, want[i].id, FG_INDEX_RAWSZ));
	}
	for (size_t i = 0; i < owned; i++)
		free((char *)want[i].path);
	fg_index_release(&ix);
	free(want);
	free(file);
	free(index_path);
	free(gitdir);
	free(full);
	free(sparse);
	free(full_out);
	free(sparse_out);
	fg_test_rmtree(dir);
}
END_TEST

/* ------------------------------------------------ index files built here */

/* An entry of a built index: NAME ("" for a split index's replacement). */
struct built_entry {
	const char *name;
	unsigned mode, stage;
	unsigned char id; /* every byte of the ID */
};

static void put32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

/*
 * An index file of VERSION (2 or 4) holding ENTRIES[0..N), then EXT[0..EXT_LEN)
 * (whole extensions), then a trailer of 20 TRAILER bytes, into OUT (whose size
 * is enough); returns its length.
 */
static size_t build(unsigned char *out, unsigned version, const struct built_entry *entries,
		    size_t n, const unsigned char *ext, size_t ext_len, unsigned char trailer)
{
	size_t off = 12;
	const char *prev = "";

	memcpy(out, "DIRC", 4);
	put32(out + 4, version);
	put32(out + 8, (uint32_t)n);
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(entries[i].name);

		memset(out + off, 0, 40);
		put32(out + off + 24, entries[i].mode);
		memset(out + off + 40, entries[i].id, FG_INDEX_RAWSZ);
		out[off + 60] = (unsigned char)(entries[i].stage << 4 | (len >= 0xfff ? 0xf : len >> 8));
		out[off + 61] = (unsigned char)(len >= 0xfff ? 0xff : len & 0xff);
		if (version == 4) {
			/* no prefix kept: strip the whole previous name (< 128 bytes here) */
			out[off + 62] = (unsigned char)strlen(prev);
			memcpy(out + off + 63, entries[i].name, len + 1);
			off += 63 + len + 1;
		} else {
			size_t size = (62 + len + 8) & ~(size_t)7;

			memset(out + off + 62, 0, size - 62);
			memcpy(out + off + 62, entries[i].name, len);
			off += size;
		}
		prev = entries[i].name;
	}
	if (ext_len)
		memcpy(out + off, ext, ext_len);
	off += ext_len;
	memset(out + off, trailer, FG_INDEX_RAWSZ);
	return off + FG_INDEX_RAWSZ;
}

/*
 * A "link" extension into OUT naming the shared index whose trailer is
 * SHARED, with one-word EWAH bitmaps of positions below 64 (DEL, REP: bit
 * masks); returns its length.
 */
static size_t link_ext(unsigned char *out, unsigned char shared, uint64_t del, uint64_t rep)
{
	size_t off = 8;
	uint64_t maps[2] = { del, rep };

	memcpy(out, "link", 4);
	memset(out + off, shared, FG_INDEX_RAWSZ);
	off += FG_INDEX_RAWSZ;
	for (int m = 0; m < 2; m++) {
		/* bit count, 2 words: a marker (no run, one literal word), the literal */
		put32(out + off, 64);
		put32(out + off + 4, 2);
		put32(out + off + 8, 2); /* 1 << 33, big-endian */
		put32(out + off + 12, 0);
		put32(out + off + 16, (uint32_t)(maps[m] >> 32));
		put32(out + off + 20, (uint32_t)maps[m]);
		put32(out + off + 24, 0);
		off += 28;
	}
	put32(out + 4, (uint32_t)(off - 8));
	return off;
}

/* The shared index of the split tests: 5 entries, trailer 0xab. */
static const struct built_entry shared_entries[] = {
	{ "a", 0100644, 0, 0x01 },
	{ "b", 0100644, 0, 0x02 },
	{ "c/x", 0100644, 0, 0x03 },
	{ "d", 0100644, 0, 0x04 },
	{ "e", 0100644, 0, 0x05 },
};

/* Find PATH in IX: its state, mode and first ID byte. */
static void assert_found(struct fg_index *ix, const char *path, enum fg_index_state state,
			 unsigned mode, unsigned char id)
{
	struct fg_index_find want = { path, 0, 0, { 0 }, 0 };

	ck_assert_int_eq(fg_index_find(ix, &want, 1), 0);
	ck_assert_msg(want.state == state, "%s: state %d, want %d", path, want.state, state);
	if (state == FG_INDEX_ENTRY) {
		ck_assert_uint_eq(want.mode, mode);
		ck_assert_uint_eq(want.id[0], id);
		ck_assert_uint_eq(want.id[FG_INDEX_RAWSZ - 1], id);
	}
}

START_TEST(test_index_split_merge)
{
	/*
	 * merge_base_index: "b" deleted; "a" replaced (new mode and ID, name
	 * kept); "d" replaced by a stage-2 entry (no stage 0 left); "c/x"
	 * added over the shared one; "b2" added; "e" as shared.
	 */
	static const struct built_entry main_entries[] = {
		{ "", 0100755, 0, 0x11 },
		{ "", 0100644, 2, 0x44 },
		{ "b2", 0100644, 0, 0x22 },
		{ "c/x", 0100644, 0, 0x33 },
	};
	unsigned char shared[1024], index[1024], ext[256];
	size_t shared_len = build(shared, 2, shared_entries, FG_COUNT(shared_entries), NULL, 0, 0xab);
	size_t ext_len = link_ext(ext, 0xab, 1u << 1, 1u << 0 | 1u << 3);
	size_t len = build(index, _i ? 4 : 2, main_entries, FG_COUNT(main_entries), ext, ext_len, 0);
	struct fg_index_find want = { "e", 0, 0, { 0 }, 0 };
	struct fg_index ix;

	fg_index_init(&ix);
	ck_assert_int_eq(fg_index_parse(&ix, index, len), 0);
	ck_assert_int_eq(ix.split, 1);
	/* without its shared index, a split index holds no answer */
	ck_assert_int_eq(fg_index_find(&ix, &want, 1), -1);
	ck_assert_ptr_nonnull(strstr(ix.error, "without its shared index"));
	ck_assert_int_eq(fg_index_parse_shared(&ix, shared, shared_len), 0);
	assert_found(&ix, "a", FG_INDEX_ENTRY, 0100755, 0x11);
	assert_found(&ix, "b", FG_INDEX_ABSENT, 0, 0);
	assert_found(&ix, "b2", FG_INDEX_ENTRY, 0100644, 0x22);
	assert_found(&ix, "c/x", FG_INDEX_ENTRY, 0100644, 0x33);
	assert_found(&ix, "c", FG_INDEX_DIRECTORY, 0, 0);
	assert_found(&ix, "d", FG_INDEX_ABSENT, 0, 0);
	assert_found(&ix, "e", FG_INDEX_ENTRY, 0100644, 0x05);
	fg_index_release(&ix);
}
END_TEST

/* Split indexes git refuses ("corrupt link extension", positions beyond the shared index). */
static const struct {
	const char *why;
	uint64_t del, rep;
	size_t nameless; /* leading nameless entries of the index */
	int named_first; /* a named entry before them */
	unsigned char shared_trailer;
} bad_split[] = {
	{ "a replaced position past the shared index", 0, 1u << 5, 1, 0, 0xab },
	{ "a deleted position past the shared index", (uint64_t)1 << 63, 0, 0, 0, 0xab },
	{ "fewer nameless entries than replacements", 0, 1u << 0 | 1u << 1, 1, 0, 0xab },
	{ "more nameless entries than replacements", 0, 1u << 0, 2, 0, 0xab },
	{ "a nameless entry after a named one", 0, 1u << 0, 1, 1, 0xab },
	{ "another shared index than the link names", 0, 0, 0, 0, 0xcd },
};

START_TEST(test_index_split_damaged)
{
	struct built_entry entries[4];
	unsigned char shared[1024], index[1024], ext[256];
	size_t shared_len = build(shared, 2, shared_entries, FG_COUNT(shared_entries), NULL, 0,
				  bad_split[_i].shared_trailer);
	size_t ext_len = link_ext(ext, 0xab, bad_split[_i].del, bad_split[_i].rep), n = 0, len;
	struct fg_index ix;

	if (bad_split[_i].named_first)
		entries[n++] = (struct built_entry){ "0", 0100644, 0, 0x66 };
	for (size_t k = 0; k < bad_split[_i].nameless; k++)
		entries[n++] = (struct built_entry){ "", 0100644, 0, 0x77 };
	entries[n++] = (struct built_entry){ "z", 0100644, 0, 0x88 };
	len = build(index, 2, entries, n, ext, ext_len, 0);
	fg_index_init(&ix);
	ck_assert_int_eq(fg_index_parse(&ix, index, len), 0);
	ck_assert_msg(fg_index_parse_shared(&ix, shared, shared_len) == -1, "%s accepted",
		      bad_split[_i].why);
	ck_assert_msg(*ix.error, "%s: no message", bad_split[_i].why);
	fg_index_release(&ix);
}
END_TEST

/* The entries of the built files below: an entry, a sparse directory, a conflict. */
static const struct built_entry plain_entries[] = {
	{ ".flowgate", 0100644, 0, 0x01 },
	{ "a/", 0040000, 0, 0x02 },
	{ "b", 0100644, 1, 0x03 },
	{ "b", 0100644, 3, 0x04 },
	{ "c/d/e", 0120000, 0, 0x05 },
};

START_TEST(test_index_built)
{
	/* versions 2 and 4 as built here read as git would: sparse, conflict, link */
	unsigned char index[1024];
	size_t len = build(index, _i ? 4 : 2, plain_entries, FG_COUNT(plain_entries), NULL, 0, 0);
	struct fg_index ix;
	struct fg_index_find want = { "a/x/y", 0, 0, { 0 }, 0 };

	fg_index_init(&ix);
	ck_assert_int_eq(fg_index_parse(&ix, index, len), 0);
	assert_found(&ix, ".flowgate", FG_INDEX_ENTRY, 0100644, 0x01);
	assert_found(&ix, "b", FG_INDEX_ABSENT, 0, 0);
	assert_found(&ix, "c/d/e", FG_INDEX_ENTRY, 0120000, 0x05);
	assert_found(&ix, "c/d", FG_INDEX_DIRECTORY, 0, 0);
	assert_found(&ix, "a", FG_INDEX_DIRECTORY, 0, 0);
	ck_assert_int_eq(fg_index_find(&ix, &want, 1), 0);
	ck_assert_int_eq(want.state, FG_INDEX_SPARSE);
	ck_assert_uint_eq(want.rest, 2);
	ck_assert_uint_eq(want.id[0], 0x02);
	fg_index_release(&ix);
}
END_TEST

/* Files the reader leaves to another reader: an unknown version or required extension. */
static const struct {
	unsigned version;
	const char *ext; /* 8 bytes: signature and size 0 */
	int rc;
	const char *says;
} unknown_cases[] = {
	{ 5, NULL, FG_INDEX_UNKNOWN, "index version 5" },
	{ 1, NULL, FG_INDEX_UNKNOWN, "index version 1" },
	{ 2, "abcd\0\0\0\0", FG_INDEX_UNKNOWN, "extension 'abcd'" },
	{ 2, "\x01xyz\0\0\0\0", FG_INDEX_UNKNOWN, "extension '0178797a'" },
	/* optional ones are skipped, as git skips them */
	{ 2, "ZZZZ\0\0\0\0", 0, NULL },
	{ 4, "TREE\0\0\0\0", 0, NULL },
};

START_TEST(test_index_unknown)
{
	unsigned char index[1024];
	size_t len = build(index, 2, plain_entries, FG_COUNT(plain_entries),
			   (const unsigned char *)unknown_cases[_i].ext,
			   unknown_cases[_i].ext ? 8 : 0, 0);
	struct fg_index ix;

	put32(index + 4, unknown_cases[_i].version);
	if (unknown_cases[_i].version == 4) /* a version 4 file indeed */
		len = build(index, 4, plain_entries, FG_COUNT(plain_entries),
			    (const unsigned char *)unknown_cases[_i].ext, 8, 0);
	fg_index_init(&ix);
	ck_assert_int_eq(fg_index_parse(&ix, index, len), unknown_cases[_i].rc);
	if (unknown_cases[_i].says)
		ck_assert_msg(strstr(ix.error, unknown_cases[_i].says), "'%s' does not say %s",
			      ix.error, unknown_cases[_i].says);
	else
		assert_found(&ix, ".flowgate", FG_INDEX_ENTRY, 0100644, 0x01);
	fg_index_release(&ix);
}
END_TEST

/*
 * Damaged files: byte OFFSET (from the end of the entries, before the
 * extension's 8 bytes and the checksum, with FROM_END) set to VALUE, or
 * the file cut to CUT bytes.
 */
static const struct {
	const char *why;
	unsigned version;
	size_t offset;
	int from_end;
	int value;  /* -1: none */
	size_t cut; /* 0: none */
} damaged_cases[] = {
	{ "a bad signature", 2, 0, 0, 'd', 0 },
	{ "fewer bytes than a header and a checksum", 2, 0, 0, -1, 31 },
	{ "entries past the end", 2, 0, 0, -1, 100 },
	{ "more entries than the file holds", 2, 11, 0, 99, 0 },
	{ "a name length past the end", 2, 12 + 60, 0, 0x0e, 0 },
	{ "unknown extended flags", 2, 12 + 60, 0, 0x40, 0 },
	{ "a version 4 prefix longer than the previous name", 4, 12 + 62, 0, 5, 0 },
	{ "a version 4 name without its NUL", 4, 12 + 62 + 1 + 9, 0, 'x', 0 },
	{ "an extension past the end", 2, 6, 1, 1, 0 },
};

START_TEST(test_index_damaged)
{
	unsigned char index[1024];
	size_t len = build(index, damaged_cases[_i].version, plain_entries,
			   FG_COUNT(plain_entries), (const unsigned char *)"TREE\0\0\0\0", 8, 0);
	size_t at = damaged_cases[_i].offset;
	struct fg_index ix;

	/* undamaged, it reads */
	fg_index_init(&ix);
	ck_assert_int_eq(fg_index_parse(&ix, index, len), 0);
	if (damaged_cases[_i].from_end)
		at += len - FG_INDEX_RAWSZ - 8;
	if (damaged_cases[_i].value >= 0)
		index[at] = (unsigned char)damaged_cases[_i].value;
	if (damaged_cases[_i].cut)
		len = damaged_cases[_i].cut;
	fg_index_init(&ix);
	ck_assert_msg(fg_index_parse(&ix, index, len) == -1, "%s accepted", damaged_cases[_i].why);
	ck_assert_msg(*ix.error, "%s: no message", damaged_cases[_i].why);
	fg_index_release(&ix);
}
END_TEST

START_TEST(test_index_files)
{
	/* fg_index_open: a missing file is empty; a split index needs its shared index */
	char *dir = fg_test_mkdtemp(), *path = fg_strdupf("%s/index", dir);
	char *shared_path = fg_strdupf("%s/sharedindex.%040d", dir, 0), *p;
	unsigned char shared[1024], index[1024], ext[256];
	size_t shared_len = build(shared, 2, shared_entries, FG_COUNT(shared_entries), NULL, 0, 0xab);
	size_t ext_len = link_ext(ext, 0xab, 0, 0);
	size_t len = build(index, 2, NULL, 0, ext, ext_len, 0);
	struct fg_index ix;

	ck_assert_int_eq(fg_index_open(&ix, path, dir), 0);
	assert_found(&ix, ".flowgate", FG_INDEX_ABSENT, 0, 0);
	fg_index_release(&ix);
	fg_test_write_file(path, (const char *)index, len, 0644);
	ck_assert_int_eq(fg_index_open(&ix, path, dir), -1);
	ck_assert_msg(strstr(ix.error, "sharedindex.abab"), "%s", ix.error);
	fg_index_release(&ix);
	/* beside the index file when the git directory has none (git's read_index_from) */
	p = strstr(shared_path, "sharedindex.") + 12;
	for (int i = 0; i < 2 * FG_INDEX_RAWSZ; i++)
		p[i] = "ab"[i % 2];
	fg_test_write_file(shared_path, (const char *)shared, shared_len, 0644);
	ck_assert_int_eq(fg_index_open(&ix, path, "/nonexistent"), 0);
	assert_found(&ix, "e", FG_INDEX_ENTRY, 0100644, 0x05);
	fg_index_release(&ix);
	/* a directory where the index should be */
	ck_assert_int_eq(fg_index_open(&ix, dir, dir), -1);
	fg_index_release(&ix);
	free(shared_path);
	free(path);
	fg_test_rmtree(dir);
}
END_TEST

Suite *index_suite(void)
{
	Suite *s = suite_create("index");
	TCase *tc = tcase_create("git");
	TCase *built = tcase_create("built");

	tcase_add_checked_fixture(tc, fg_test_git_env_save, fg_test_git_env_restore);
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, test_index_formats, 0, (int)FG_COUNT(formats));
	suite_add_tcase(s, tc);
	tcase_add_loop_test(built, test_index_split_merge, 0, 2);
	tcase_add_loop_test(built, test_index_split_damaged, 0, (int)FG_COUNT(bad_split));
	tcase_add_loop_test(built, test_index_built, 0, 2);
	tcase_add_loop_test(built, test_index_unknown, 0, (int)FG_COUNT(unknown_cases));
	tcase_add_loop_test(built, test_index_damaged, 0, (int)FG_COUNT(damaged_cases));
	tcase_add_test(built, test_index_files);
	suite_add_tcase(s, built);
	return s;
}

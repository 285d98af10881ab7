/*
 * A reader of git's index file for a few paths (gitformat-index(5), git
 * 2.39: versions 2, 3 and 4), as pre-commit and commit-msg need it: the
 * file is mapped and walked in place, nothing is allocated per entry, and
 * the trailing checksum is not verified (git verifies it only in git
 * fsck). A split index (extension "link": the shared index, its EWAH delete
 * and replace bitmaps) and a sparse index (extension "sdir": directory
 * entries naming a tree) are read; an index version or a required
 * extension it does not know is reported, for the caller to use another
 * reader. Pure file parsing: no libgit2 here.
 * Layer: git (common/README).
 */
#ifndef FLOWGATE_INDEX_H
#define FLOWGATE_INDEX_H

#include <stddef.h>
#include <stdint.h>

/* The size of an object ID in the index: SHA-1's (libgit2 1.5.1 reads no other). */
#define FG_INDEX_RAWSZ 20

/* What the index holds at a path, stage 0 (the content to be committed). */
enum fg_index_state {
	FG_INDEX_ABSENT = 0, /* no entry at the path (a conflict's stages 1-3 alone count as none) */
	FG_INDEX_ENTRY,      /* a stage-0 entry: MODE and ID */
	FG_INDEX_DIRECTORY,  /* no stage-0 entry at the path, but entries below "PATH/" */
	FG_INDEX_SPARSE      /* inside a sparse directory entry: ID is its tree, and the
				path inside that tree is PATH + REST */
};

/* One wanted path, and what the index holds there. */
struct fg_index_find {
	const char *path;          /* in: from the top of the work tree, '/'-separated, as
				      the index writes paths (no "." or empty component) */
	enum fg_index_state state; /* out */
	uint32_t mode;             /* FG_INDEX_ENTRY: 0100644, 0100755, 0120000, 0160000 */
	unsigned char id[FG_INDEX_RAWSZ]; /* FG_INDEX_ENTRY: the object; SPARSE: the tree */
	size_t rest;               /* FG_INDEX_SPARSE: the length of the directory ("a/b/") */
};

/* One index file, mapped or given: its entries end where its extensions begin. */
struct fg_index_file {
	const unsigned char *data; /* not owned; NULL: no file (an empty index) */
	size_t len;
	uint32_t version, nr;      /* format version, number of entries */
	size_t end;                /* offset of the first extension */
	const char *name;          /* for messages: its path, or "index", "shared index" */
};

/*
 * An index as read: the file, and for a split index its shared index.
 * Start it with fg_index_init; release it with fg_index_release.
 */
struct fg_index {
	struct fg_index_file main, shared; /* shared.data NULL: not a split index */
	int split;                         /* a "link" extension names a shared index */
	unsigned char shared_id[FG_INDEX_RAWSZ];
	const unsigned char *del, *rep;    /* the EWAH bitmaps' 64-bit words, in MAIN */
	size_t del_words, rep_words;
	uint32_t nameless;                 /* leading nameless entries of MAIN (UINT32_MAX:
					      one after a named one): the replacements */
	int sparse;                        /* an "sdir" extension: a sparse index */
	void *map[2];                      /* what fg_index_open mapped, and the lengths */
	size_t map_len[2];
	char *paths[2];                    /* owned: the files' names */
	char error[512];                   /* why the last call failed, or what it did not know */
};

/* What fg_index_parse and fg_index_open return for a file they do not know. */
#define FG_INDEX_UNKNOWN 1

/* fg_index_init: an empty index (no entry), nothing owned. */
void fg_index_init(struct fg_index *ix);

/*
 * fg_index_parse: read DATA[0..LEN) (not copied: it must outlive IX) as an
 * index file: its header, every entry's bounds (a walk, nothing stored),
 * its extensions. Returns 0; FG_INDEX_UNKNOWN for an index version other
 * than 2, 3 and 4, or a required extension (lowercase first letter) other
 * than "link" and "sdir" (IX->error says which: another reader may know
 * it); -1 when the file is damaged (IX->error says where, as git would
 * refuse it: "index file corrupt"). Optional extensions (TREE, REUC, UNTR,
 * FSMN, EOIE, IEOT...) are skipped, as git skips those it does not know.
 * After 0, IX->split says that a shared index must be given with
 * fg_index_parse_shared before fg_index_find.
 */
int fg_index_parse(struct fg_index *ix, const void *data, size_t len);

/*
 * fg_index_parse_shared: DATA[0..LEN), the shared index of the split index
 * IX (gitformat-index(5), "Split index"): read as fg_index_parse reads a
 * file; its trailing checksum must be the one the link extension names,
 * and the bitmaps must fit it (every position inside it, one nameless
 * entry of IX per replaced position). Returns as fg_index_parse.
 */
int fg_index_parse_shared(struct fg_index *ix, const void *data, size_t len);

/*
 * fg_index_open: map and parse the index file PATH (a missing file is an
 * empty index, as git and libgit2 read it), and for a split index its
 * shared index, GITDIR/sharedindex.<id>, else sharedindex.<id> beside PATH
 * (git 2.39's read_index_from). GITDIR is the repository's own directory
 * (a linked worktree's, not the common one). Returns as fg_index_parse;
 * a file that cannot be opened or mapped, or a missing shared index, is -1.
 * Release IX with fg_index_release in every case.
 */
int fg_index_open(struct fg_index *ix, const char *path, const char *gitdir);

/*
 * fg_index_find: what IX holds at each of WANT[0..N).path: every wanted
 * path is answered in one walk of the entries, however many are asked.
 * A split index is read as git merges it (the shared index's entries less
 * the deleted ones, the replaced ones with their new content, then the
 * added ones); a path inside a sparse directory entry is FG_INDEX_SPARSE.
 * Returns 0, or -1 when out of memory or when an entry the answer depends
 * on cannot be read (IX->error).
 */
int fg_index_find(struct fg_index *ix, struct fg_index_find *want, size_t n);

/* fg_index_release: unmap and free what IX owns; IX is then empty. */
void fg_index_release(struct fg_index *ix);

#endif

/*
 * Commits and trees read with one git_odb_read each and parsed here, as
 * libgit2 parses them, without its object cache or its per-field copies:
 * what a walk of many commits needs of each (walk.h) and the top-level
 * entries of a tree.
 * Layer: git (common/README).
 */
#ifndef FLOWGATE_OBJECTS_H
#define FLOWGATE_OBJECTS_H

#include <stddef.h>
#include <stdint.h>
#include <git2.h>
#include "packs.h"

/*
 * A commit object's fields as fg_commit_fields_parse finds them: pointers
 * into the object's data, and its parents in a vector the holder owns
 * (free PARENTS; zero the struct before the first parse).
 */
struct fg_commit_fields {
	git_oid tree;             /* zero after a quick parse */
	int64_t time;             /* the committer's time (0 when the line has none) */
	const char *encoding;     /* the last "encoding" header's value, or NULL */
	size_t encoding_len;
	const char *message;      /* after a full parse: as git_commit_message */
	git_oid *parents;
	size_t nparents, cap;
};

/*
 * A commit as read: what pushes and ranges judge of it. Valid as long as
 * its reader says (fg_commit_read, fg_walk_read).
 */
struct fg_commit_info {
	git_oid id, tree;
	const git_oid *parents; /* NPARENTS IDs, in the commit's order */
	size_t nparents;
	int64_t time;           /* the committer's time (0 when the line has none) */
	const char *encoding;   /* the "encoding" header, as git_commit_message_encoding, or NULL */
	const char *message;    /* as git_commit_message: leading newlines skipped */
};

/*
 * A commit read on its own, outside a walk (fg_commit_read). Zero it
 * before the first use; release with fg_commit_buf_release.
 */
struct fg_commit_buf {
	struct fg_commit_info info;
	char *data;               /* the object's data, owned: CAP bytes */
	size_t cap;
	struct fg_commit_fields fields;
	char *encoding;
};

/*
 * fg_commit_read: read commit ID with PACKS into BUF (a copy: BUF does not
 * change when PACKS reads on; its previous content released), parsed as
 * libgit2's git_commit_lookup parses it (commit.c, v1.5.1: the tree, the
 * parents, the author and committer lines, the headers, the message). Returns 0; a libgit2 error when the object cannot
 * be read; -1 with libgit2's own message when it is no commit or does not
 * parse (fg_git_error()), or out of memory.
 */
int fg_commit_read(struct fg_commit_buf *buf, struct fg_packs *packs, const git_oid *id);

/* fg_commit_buf_release: free what BUF holds; it is left zeroed. */
void fg_commit_buf_release(struct fg_commit_buf *buf);

/*
 * fg_commit_fields_parse: DATA[0..LEN), a commit object as libgit2 hands
 * it out (its data ends with a NUL), into F, as libgit2's commit_parse
 * (commit.c, v1.5.1) parses it: with QUICK as its revision walk does (the
 * tree line skipped unread, the author line optional, nothing read after
 * the committer), else as git_commit_lookup does (the tree, an author, the
 * headers, the message). The same inputs are refused, with the same
 * errors: returns 0, or -1 with libgit2's message (fg_git_error()) or out
 * of memory.
 */
int fg_commit_fields_parse(struct fg_commit_fields *f, const char *data, size_t len, int quick);

/*
 * fg_commit_fields_encoding_len: the length of F's encoding as libgit2
 * keeps it (git__strndup: up to a NUL); 0 when there is none.
 */
size_t fg_commit_fields_encoding_len(const struct fg_commit_fields *f);

/* fg_not_commit: libgit2's walk's error for an object that is no commit; returns -1. */
int fg_not_commit(void);

/* One top-level entry of a tree, by fg_tree_tops. */
struct fg_tree_top {
	git_oid id;   /* zero when the tree has no entry of that name */
	uint32_t mode;
};

/*
 * fg_tree_tops: the entries of tree TREE (read with PACKS, a reader of
 * REPO's objects) named NAMES[0..N), into TOPS (zero ID and mode when
 * absent). Returns 0; when the object cannot be read or is no well-formed
 * tree, libgit2's git_tree_lookup on it says why: its error is returned
 * (fg_git_error()).
 */
int fg_tree_tops(git_repository *repo, struct fg_packs *packs, const git_oid *tree,
		 char *const *names, size_t n, struct fg_tree_top *tops);

#endif

/*
 * The commits a push or a range brings, each inflated once: libgit2's
 * revision walk (revwalk.c, v1.5.1), in its order, over commits read with
 * git_odb_read and parsed as libgit2 parses them (objects.h), their
 * messages kept for the caller up to a bound.
 * Layer: git (common/README).
 */
#ifndef FLOWGATE_WALK_H
#define FLOWGATE_WALK_H

#include <stddef.h>
#include <stdint.h>
#include <git2.h>
#include "objects.h"
#include "packs.h"

/* The order of a walk: git_revwalk_sorting's GIT_SORT_NONE, or TOPOLOGICAL | REVERSE. */
enum fg_walk_sort { FG_WALK_UNSORTED, FG_WALK_TOPO_REVERSE };

/*
 * A walk of the commits some tips reach and some hidden commits do not,
 * as git_revwalk walks them, and in the same order: the same pushes and
 * hides give the same commits in the same order, and the same errors
 * (a missing parent, a commit that does not parse). Each commit is
 * inflated once while the walk runs; the message of each one the walk
 * yields is kept (up to the walk's bound, in bytes) until fg_walk_read
 * hands it out, and read again when it was not kept. Every commit the
 * walk met is known by its node number, from 0, until fg_walk_free.
 */
struct fg_walk;

/*
 * fg_walk_new: an empty walk of REPO (borrowed; it must outlive the walk)
 * in order SORT, keeping at most KEEP bytes of messages. Until it is
 * freed, libgit2 keeps at most 4 MiB of packs mapped (its global option
 * GIT_OPT_SET_MWINDOW_MAPPED_LIMIT, restored by fg_walk_free: walks are
 * freed in the reverse order of their making). Returns 0, or a libgit2
 * error (no object database, out of memory). Free with fg_walk_free.
 */
int fg_walk_new(struct fg_walk **out, git_repository *repo, enum fg_walk_sort sort, size_t keep);

/* fg_walk_free: free W and what it holds (NULL: nothing). */
void fg_walk_free(struct fg_walk *w);

/*
 * fg_walk_push / fg_walk_hide: walk from, or leave out, the commit object
 * ID names or peels to, as git_revwalk_push / git_revwalk_hide. Returns 0,
 * or libgit2's error (GIT_ENOTFOUND: no such object here; "object is not a
 * committish").
 */
int fg_walk_push(struct fg_walk *w, const git_oid *id);
int fg_walk_hide(struct fg_walk *w, const git_oid *id);

/*
 * fg_walk_hide_glob: leave out what the refs matching GLOB (a pattern
 * under "refs/" with a wildcard: "refs/remotes/origin/" and a star) reach, as
 * git_revwalk_hide_glob: a ref that peels to no commit is skipped, and the
 * first other error stops the listing and is returned.
 */
int fg_walk_hide_glob(struct fg_walk *w, const char *glob);

/*
 * fg_walk_next: the next commit, as its node number in *NODE. Returns 0,
 * GIT_ITEROVER at the end, or the error that stopped the walk (the commits
 * are read on the first call, and, without hidden commits, as it goes).
 */
int fg_walk_next(size_t *node, struct fg_walk *w);

/*
 * fg_walk_read: commit NODE (one fg_walk_next gave) into *OUT, valid until
 * the next fg_walk_read or fg_walk_next on W: from what the walk kept
 * (which it then lets go), else read again. Returns as fg_commit_read.
 */
int fg_walk_read(const struct fg_commit_info **out, struct fg_walk *w, size_t node);

/*
 * fg_walk_packs: the reader W reads its commits with, for the caller's
 * other objects (trees) to share its cache (borrowed: valid until
 * fg_walk_free).
 */
struct fg_packs *fg_walk_packs(const struct fg_walk *w);

/* fg_walk_count: the commits W has met so far (node numbers 0 .. count-1). */
size_t fg_walk_count(const struct fg_walk *w);

/* fg_walk_find: the node number of commit ID, or SIZE_MAX when W never met it. */
size_t fg_walk_find(const struct fg_walk *w, const git_oid *id);

/* fg_walk_id: the ID of node NODE. */
const git_oid *fg_walk_id(const struct fg_walk *w, size_t node);

/*
 * fg_walk_parents: the node numbers of NODE's parents into *PARENTS
 * (borrowed from W, valid until the walk goes on), their number returned;
 * 0 for a commit the walk has not read (beyond its end).
 */
size_t fg_walk_parents(const struct fg_walk *w, size_t node, const uint32_t **parents);

/* fg_walk_yielded: 1 when fg_walk_next has given NODE, else 0. */
int fg_walk_yielded(const struct fg_walk *w, size_t node);

#endif

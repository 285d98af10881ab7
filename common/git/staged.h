/*
 * The index as pre-commit and commit-msg read it: the file git names in
 * GIT_INDEX_FILE (git sets it for those hooks: the index being committed,
 * a temporary one during `git commit -a` or `git commit <path>`), else the
 * repository's own, read for the few paths a hook wants by the index
 * reader (index.h); libgit2's reader only for a file that reader does not
 * know (an index version or a required extension).
 * Layer: git (common/README).
 */
#ifndef FLOWGATE_STAGED_H
#define FLOWGATE_STAGED_H

#include <git2.h>
#include "index.h"

/* Start it with fg_staged_open; release it with fg_staged_release. */
struct fg_staged {
	struct fg_index file; /* the index reader's */
	git_index *index;     /* owned: libgit2's, when FILE could not be read */
};

/*
 * fg_staged_open: the index of REPO (opened by fg_repo_open) into S:
 * GIT_INDEX_FILE when set (a relative path from the current directory, as
 * git and libgit2 take it), else <git dir>/index (a linked worktree's
 * own). A missing file is an empty index. Returns 0, or -1 when the file is
 * damaged, cannot be read, or libgit2 cannot read one the reader does not
 * know (git_error_last() says which file, why, and what to do). S must be
 * released with fg_staged_release in every case.
 */
int fg_staged_open(struct fg_staged *s, git_repository *repo);

/*
 * fg_staged_find: what S holds at each of WANT[0..N).path, as
 * fg_index_find says it (index.h); libgit2's reader answers
 * FG_INDEX_ENTRY, FG_INDEX_DIRECTORY or FG_INDEX_ABSENT (it expands no
 * sparse directory). Returns 0, or -1 (git_error_last()).
 */
int fg_staged_find(struct fg_staged *s, struct fg_index_find *want, size_t n);

/* fg_staged_release: free what S holds; S is then empty. */
void fg_staged_release(struct fg_staged *s);

#endif

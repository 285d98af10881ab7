/*
 * The story repository of the refs snapshot's unit tests (check_refs.c,
 * check_tagref.c): release, feature and maint branches over one history,
 * and the brute-force answers the tests compare fg_branches_holding with.
 */
#ifndef FLOWGATE_REFS_STORY_H
#define FLOWGATE_REFS_STORY_H

#include <stddef.h>
#include <git2.h>
#include "check_flowgate.h"

#define NREL 64 /* release/0.16.x: well beyond REACH_FIRST (16) */
#define NFX 3   /* feature/x, off rel[10] */
#define NFY 20  /* feature/y, off rel[5], merged into release/0.18.x */
#define NR18 6  /* release/0.18.x: the merge of rel[30] and feature/y, then 5 more */
#define NM 4    /* maint/0.15.x, off rel[20] */
#define NALL (NREL + NFX + NFY + NR18 + NM + 1)

/*
 * The story: release/0.16.x a line of NREL commits; feature/x (NFX commits
 * off rel[10]); feature/y (NFY commits off rel[5]); release/0.18.x, a merge
 * of rel[30] and feature/y's tip, then NR18 - 1 commits; maint/0.15.x (NM
 * commits off rel[20]); main at rel[40]; LONE a commit no ref holds. ALL
 * every commit, oldest first (creation order).
 */
struct story {
	struct fg_test_repo r;
	git_oid rel[NREL], fx[NFX], fy[NFY], r18[NR18], m[NM], lone;
	git_oid all[NALL];
	size_t nall;
};

/* Create or move REFNAME to ID in REPO; asserts success. */
void story_set_ref(git_repository *repo, const char *refname, const git_oid *id);

/* A commit of the empty tree with PARENTS[0..N), made at WHEN, on no ref. */
void story_commit_raw(git_repository *repo, const git_oid *parents, size_t n, git_time_t when,
		      const char *message, git_oid *out);

/* S made: a new repository with the story's commits and branches. */
void story_init(struct story *s);

/* The brute-force answer: TIP (may be NULL: no branch) is COMMIT or descends from it. */
int story_holds(git_repository *repo, const git_oid *tip, const git_oid *commit);

/* IDX[0..N) a fixed permutation of 0..N-1 (Fisher-Yates, a fixed LCG). */
void story_shuffled(size_t *idx, size_t n, unsigned seed);

#endif

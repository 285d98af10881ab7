/*
 * Carriers of a fix (engine layer, under hotfix.h): which commits carry a
 * fix's commits, as the commits themselves or as cherry-picks, found as
 * `git cherry` finds them (the stable patch ID of git-patch-id(1)) or by
 * the line `git cherry-pick -x` writes; and one walk over the commits some
 * tips reach beyond the fix's base, where each commit holds the set of
 * carriers of its parents and its own. All repository access is through
 * libgit2.
 */
#ifndef FLOWGATE_CARRIER_H
#define FLOWGATE_CARRIER_H

#include <stddef.h>
#include <stdint.h>
#include <git2.h>

/* A fix commit, with what a cherry-pick of it must match. */
struct fg_fix_commit {
	git_commit *commit;   /* owned */
	char needle[80];      /* "(cherry picked from commit <hex>)" */
	int known;            /* PATHS and PATCH computed (by fg_carrier_picks, once) */
	char **paths;         /* owned: the paths it changes (old and new names) */
	size_t npaths;
	git_oid patch;        /* stable patch ID; zero when it changes nothing */
};

/*
 * fg_fix_commit_init: F for the fix commit ID of REPO: the commit looked up
 * and the "(cherry picked from commit <ID's 40 hex digits>)" line of `git
 * cherry-pick -x`; its paths and patch ID are computed when first needed.
 * F must be zeroed (or released) first; release it with
 * fg_fix_commit_release, even on error. Returns 0, or -1 when the commit
 * cannot be read (git_error_last says why).
 */
int fg_fix_commit_init(struct fg_fix_commit *f, git_repository *repo, const git_oid *id);

/* fg_fix_commit_release: free what F owns; F is left zeroed. */
void fg_fix_commit_release(struct fg_fix_commit *f);

/*
 * fg_carrier_picks: which of the NFIX fix commits FIXES COMMIT (of REPO;
 * one parent, not a fix commit itself) is a cherry-pick of: its message
 * names it (the line of git cherry-pick -x), or it changes the same paths
 * with the same stable patch ID (git_diff_patchid, as `git cherry`
 * decides). The paths are compared first, by tree entry IDs: a tree diff
 * and a patch ID are computed only for a commit that changes every path
 * the fix commit changes. Fills a fix commit's PATHS and PATCH the first
 * time it is compared. Returns the index of the fix commit, or SIZE_MAX
 * when none; errors count as no match (and are cleared).
 */
size_t fg_carrier_picks(git_repository *repo, struct fg_fix_commit *fixes, size_t nfix,
			git_commit *commit);

/* An OID and where it is (a position in an array), for bsearch. */
struct fg_oid_at {
	git_oid id;
	size_t at;
};

/*
 * The commits of one walk and the carriers each holds. Carriers 0 .. NFIX-1
 * are the fix commits, the others their cherry-picks met in the walk. Owned
 * arrays throughout; zero it before fg_carriers_walk, release it with
 * fg_carriers_release.
 */
struct fg_carriers {
	size_t nfix;
	/* the walk: commits in topological order, parents first */
	git_oid *ids;
	size_t n;
	struct fg_oid_at *index;     /* IDS sorted */
	size_t *parents, *parent_at; /* parents of commit i: parents[parent_at[i] .. parent_at[i+1]) */
	/* carriers: 0 .. nfix-1 the fix commits, then cherry-picks */
	git_oid *carrier;
	size_t *carrier_fix;         /* the fix commit each carrier carries */
	size_t ncarriers, carriers_cap;
	size_t *own;                 /* per commit: its carrier + 1, or 0 */
	uint64_t *bits;              /* per commit: WORDS words, the carriers it holds */
	size_t words;
};

/*
 * fg_carriers_walk: run WALK (a revwalk of REPO sorted GIT_SORT_TOPOLOGICAL
 * | GIT_SORT_REVERSE, its tips pushed and what is older than the fix
 * hidden; the caller frees it) into C: every commit it yields, parents
 * first, with its parents among them; each commit's own carrier: the fix
 * commit itself (one of the NFIX IDs FIX, oldest first) or, for a commit
 * of one parent, the fix commit it picks (fg_carrier_picks on FIXES, one
 * per FIX); then each commit's carriers, its own and its parents'. A
 * commit below the walk (hidden) holds nothing of the fix. Returns 0, or
 * -1 when a commit cannot be read or out of memory (C is then released
 * by fg_carriers_release all the same).
 */
int fg_carriers_walk(struct fg_carriers *c, git_repository *repo, git_revwalk *walk,
		     struct fg_fix_commit *fixes, const git_oid *fix, size_t nfix);

/*
 * fg_carriers_held: the carriers commit ID holds (C->words words, bit j for
 * carrier j), or NULL when ID is not in the walk. Points into C.
 */
const uint64_t *fg_carriers_held(const struct fg_carriers *c, const git_oid *id);

/*
 * fg_carriers_of: the carrier of fix commit I that BITS (fg_carriers_held's;
 * NULL holds none) hold: I when the fix commit itself, else the first of
 * its cherry-picks; SIZE_MAX when none. Its commit is C->carrier[j].
 */
size_t fg_carriers_of(const struct fg_carriers *c, const uint64_t *bits, size_t i);

/* fg_carriers_release: free what C owns; C is left zeroed. */
void fg_carriers_release(struct fg_carriers *c);

#endif

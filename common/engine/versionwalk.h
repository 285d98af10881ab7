/*
 * The version files along a set of new commits (engine layer): the version
 * walk, which records each commit's first parent and the top-level entries
 * its version files' paths start in, and the version rules
 * (versionRegression, versionReleaseBranch, versionPreReleaseBranch) on each
 * commit whose version files change. Shared by the hooks (pre-push,
 * pre-receive, update) and `flowgate check-range`. All repository access
 * is through libgit2.
 */
#ifndef FLOWGATE_VERSIONWALK_H
#define FLOWGATE_VERSIONWALK_H

#include <git2.h>
#include "config.h"
#include "refs.h"
#include "report.h"
#include "walk.h"

/* One commit recorded by fg_version_walk_add. */
struct fg_commit_rec {
	git_oid id, parent; /* parent: the first; zero for a root commit */
	unsigned nparents;
	size_t tops;        /* index of the first of its NV IDs in TOPS */
};

/*
 * The version files of a set of commits, for versionRegression and
 * versionPreReleaseBranch: each commit's first parent and, per version
 * file, the ID of the top-level tree entry its path starts in ("half_orm",
 * "setup.py"). Equal IDs in a commit and its parent mean the version files
 * are the same, without reading further down; only when one differs are
 * the files read and compared. One root tree read per distinct tree (a
 * commit whose tree is one read lately reuses its entries).
 */
#define FG_VERSION_WALK_MEMO 16
struct fg_version_walk {
	git_repository *repo;      /* borrowed */
	struct fg_packs *packs;    /* borrowed: where trees are read */
	size_t nv;                 /* version files */
	char **top;                /* owned: the top-level name of each version file's path */
	struct fg_commit_rec *recs; /* owned */
	size_t n, cap;
	git_oid *tops;             /* owned: N * NV entry IDs, zero when absent */
	struct fg_tree_top *scratch; /* owned: NV entries */
	/* the trees read lately, by their ID's first byte: the tree, its NV tops */
	git_oid memo_tree[FG_VERSION_WALK_MEMO];
	git_oid *memo_tops;        /* owned: FG_VERSION_WALK_MEMO * NV */
	unsigned char memo_used[FG_VERSION_WALK_MEMO];
	int failed;                /* out of memory: versions not checked */
};

/*
 * fg_version_walk_init: VW empty, for CFG's version files in REPO, its
 * trees read with PACKS (the reader of the walk VW follows, which shares
 * its cache; all borrowed: they must outlive VW's use). Out of memory sets
 * VW->failed (the walk then records and checks nothing). Release with
 * fg_version_walk_release.
 */
void fg_version_walk_init(struct fg_version_walk *vw, git_repository *repo,
			  const struct fg_config *cfg, struct fg_packs *packs);

/* fg_version_walk_release: free what VW owns; VW is left empty. */
void fg_version_walk_release(struct fg_version_walk *vw);

/*
 * fg_version_walk_add: record COMMIT (borrowed) in VW: its first parent and
 * the top-level entries of its version files' paths (its root tree read
 * with fg_tree_tops, unless read lately). Returns 0, or -1 when the
 * commit's tree cannot be read (missing or corrupt: fg_git_error() names
 * it and how to get it, as fg_repo_unreadable); out of memory sets
 * VW->failed.
 */
int fg_version_walk_add(struct fg_version_walk *vw, const struct fg_commit_info *commit);

/*
 * fg_check_version_change: the version rules on commit C against its first
 * parent P (both borrowed), when both have an exact version (every file
 * agrees) and the two differ: versionRegression (workflow precedence,
 * version.h; not when C is git's revert, fg_revert_parse, of a commit R of
 * P's history whose subject its header quotes, and fg_revert_restores
 * holds for R) and, when BRANCH (a branch name without "refs/heads/", may be
 * NULL) parses as a workflow branch and no branch other than LOCAL_REF
 * (may be NULL: not asked; a full refname or a branch name, SKIP_REF of
 * fg_branches_holding) holds C, versionReleaseBranch and
 * versionPreReleaseBranch (fg_check_version_branch: "from
 * release/X.Y.x": C or one of its other parents is held by that branch;
 * REFS, not NULL, as for fg_branches_holding; its repository is read).
 * Violations go to REPORT, located "commit <12 hex digits>". Returns 0
 * (CFG->error may be set by a bad configured pattern), or -1 when a tree or
 * version file of C or P cannot be read (missing or corrupt: fg_git_error()
 * names the object and how to get it, as fg_vfiles_from_tree does): what
 * cannot be read is never taken for "no version".
 */
int fg_check_version_change(struct fg_report *report, struct fg_refs *refs,
			    struct fg_config *cfg, git_commit *c, git_commit *p,
			    const char *branch, const char *local_ref);

/*
 * fg_check_version_changes: fg_check_version_change on every commit of VW
 * whose version entries differ from its first parent's (the parent's read
 * from VW when recorded there, else from the repository; a parent that is
 * not here, as in a shallow clone, leaves the commit unjudged). Sorts
 * VW->recs by ID. REFS (not NULL: its repository is read), BRANCH and
 * LOCAL_REF as for fg_check_version_change. PARSED (may be NULL): BRANCH's
 * kind and series as the caller parsed them under CFG (fg_branch_parse
 * returned 0: a push's branch, typed once, push.h), so that it is not
 * parsed again for each commit; NULL: BRANCH is parsed here, for each
 * commit that changes the version. Returns 0, or -1 at the first commit
 * whose trees or version files cannot be read (fg_git_error()).
 */
struct fg_branch;

int fg_check_version_changes(struct fg_report *report, struct fg_refs *refs,
			     struct fg_config *cfg, struct fg_version_walk *vw,
			     const char *branch, const struct fg_branch *parsed,
			     const char *local_ref);

#endif

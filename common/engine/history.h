/*
 * What the commit graph says, for the rules that judge a commit by where
 * it sits: which branches hold a commit, and how the version files change
 * along a set of new commits (versionRegression, versionPreReleaseBranch).
 * Shared by the hooks (pre-commit, pre-push, pre-receive, update) and
 * `flowgate check-range`. All repository access is through libgit2.
 */
#ifndef FLOWGATE_HISTORY_H
#define FLOWGATE_HISTORY_H

#include <stdint.h>
#include <git2.h>
#include "config.h"
#include "report.h"
#include "walk.h"

/*
 * The refs a push sets that the repository does not show yet: a server's
 * pre-receive runs before git updates them. REFNAME (full) gets object ID;
 * a zero ID deletes it. Wherever these functions list the repository's
 * refs, a ref of PENDING replaces the one of its name, or is added.
 */
struct fg_pending_ref {
	const char *refname;
	git_oid id;
};

struct fg_pending {
	const struct fg_pending_ref *refs; /* sorted by refname (fg_pending_ref_cmp) */
	size_t n;
};

/*
 * fg_pending_ref_cmp: qsort comparator of two struct fg_pending_ref, by
 * refname (strcmp): the order struct fg_pending's refs must be in, so that
 * a ref is found by binary search.
 */
int fg_pending_ref_cmp(const void *a, const void *b);

/*
 * The refs as a check sees them: REPO's branches (local, refs/heads/, and
 * remote-tracking, refs/remotes/<remote>/) and tags, with PENDING laid
 * over them. Made once per check (a push, a range) and handed to every
 * query, it lists the refs on the first query only, and keeps what the
 * queries learn: each ref's peeled commit, each tag's time, the tags of
 * each X.Y series by precedence, and for each branch the commits found
 * reachable from its tip (so that 10,000 tags of one release branch cost
 * one walk down it, not 10,000). Errors never escape: a query that cannot
 * use what is kept asks libgit2 directly (git_graph_descendant_of).
 */
struct fg_refs_cache;

enum { FG_ORDER_TIME, FG_ORDER_RECEIVING, FG_ORDER_PUSHING };

struct fg_refs {
	git_repository *repo;            /* borrowed */
	const struct fg_pending *pending; /* borrowed, may be NULL */
	struct fg_refs_cache *cache;     /* owned, made on the first query */
	/* The order of tags for tagMonotonic (set before the first query;
	 * fg_refs_init clears it): FG_ORDER_TIME (0), every tag by its time (a
	 * range); FG_ORDER_RECEIVING (pre-receive, update), the tags of PENDING
	 * are the ones new to the receiving side, every other tag is one it
	 * already has, made before any new one whatever its tagger time;
	 * FG_ORDER_PUSHING (pre-push, which cannot know the remote's tags),
	 * every tag by its time, and at equal times a tag PENDING does not
	 * hold counts as made before the pushed ones. */
	int remote_order;
};

/*
 * fg_refs_init: REFS for REPO and PENDING (both borrowed; they must outlive
 * REFS's use; PENDING may be NULL). Nothing is read yet; never fails.
 * Release with fg_refs_release. A REFS serves every configuration it is
 * queried with (what depends on the configuration, the branch kinds and
 * tag versions, is kept per struct fg_config, by address: a configuration
 * must outlive REFS or not be queried again after it is released).
 */
void fg_refs_init(struct fg_refs *refs, git_repository *repo, const struct fg_pending *pending);

/* fg_refs_release: free what REFS owns; REFS is left as fg_refs_init made it. */
void fg_refs_release(struct fg_refs *refs);

/* Which branches hold a commit (fg_branches_holding). */
struct fg_holders {
	int known;                /* the references could be read */
	int on_release, on_maint; /* release/X.Y.x, maint/X.Y.x of the series asked */
	int on_other;             /* a branch other than the one skipped */
};

/*
 * fg_branches_holding: which branches hold COMMIT (at their tip or below,
 * by git_graph_descendant_of). Always sets OUT: ON_RELEASE / ON_MAINT when
 * a local (refs/heads/) or remote-tracking (refs/remotes/<remote>/) branch
 * of CFG's kind release or maint with series MAJOR.MINOR holds it; and,
 * only when SKIP_REF is given, ON_OTHER when another branch holds it:
 * SKIP_REF a full refname (pre-push's local ref), any local branch but
 * SKIP_REF, or any remote-tracking branch; SKIP_REF a branch name
 * (check-range's "main"), any branch, local or remote-tracking, of another
 * name.
 * Reachability is asked only of the branches that can answer, through
 * what REFS keeps (a walk from each branch's tip, resumed as queries need
 * it) and else git_graph_descendant_of. REFS (not NULL; its repository
 * is read): the repository's refs, with those a push sets at their new
 * values. KNOWN is 0 when the references could not be listed (then
 * nothing is known). Errors are cleared, never returned.
 */
void fg_branches_holding(struct fg_holders *out, struct fg_refs *refs, struct fg_config *cfg,
			 const git_oid *commit, uint64_t major, uint64_t minor,
			 const char *skip_ref);

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
	git_odb *odb;              /* owned */
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
 * fg_version_walk_init: VW empty, for CFG's version files in REPO (both
 * borrowed; they must outlive VW's use). Out of memory sets VW->failed
 * (the walk then records and checks nothing). Release with
 * fg_version_walk_release.
 */
void fg_version_walk_init(struct fg_version_walk *vw, git_repository *repo,
			  const struct fg_config *cfg);

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
 * fg_revert_parse: whether MESSAGE (a commit message, may be NULL) is in
 * the form git revert writes (git's sequencer.c, v2.39): a header
 * 'Revert "<subject>"' and, on a line of its own further down, 'This
 * reverts commit <full OID>.' or, for a merge, 'This reverts commit <OID>,
 * reversing' then 'changes made to <parent OID>.'. Returns 0 with
 * *REVERTED (and for a merge *PARENT, the parent the revert goes back to,
 * *MERGE 1; else *MERGE 0), or -1 (*MERGE 0). The subject is not checked
 * here. Pure.
 */
int fg_revert_parse(const char *message, git_oid *reverted, git_oid *parent, int *merge);

/*
 * fg_revert_restores: 1 when a revert of commit REVERTED (borrowed) takes
 * the version back to what it was before it: REVERTED's version files
 * agree on OLD (the version the revert leaves) and those of its parent
 * (PARENT when not NULL, for a merge; else any parent) on NOW. The way back
 * versionRegression lets through (issue 20, item 11). 0 otherwise,
 * including when a version file cannot be read (versionRegression then
 * judges as usual); errors are cleared. CFG's version files are read.
 */
int fg_revert_restores(git_repository *repo, struct fg_config *cfg, git_commit *reverted,
		       const git_oid *parent, const struct fg_version *now,
		       const struct fg_version *old);

/*
 * fg_revert_head_restores: fg_revert_restores on REVERT_HEAD, the commit a
 * git revert in progress reverts (a conflict, or --no-commit, concluded by
 * git commit): for pre-commit, which does not see the message. 0 when
 * there is no REVERT_HEAD.
 */
int fg_revert_head_restores(git_repository *repo, struct fg_config *cfg,
			    const struct fg_version *now, const struct fg_version *old);

/*
 * fg_check_version_changes: fg_check_version_change on every commit of VW
 * whose version entries differ from its first parent's (the parent's read
 * from VW when recorded there, else from the repository; a parent that is
 * not here, as in a shallow clone, leaves the commit unjudged). Sorts
 * VW->recs by ID. REFS (not NULL: its repository is read), BRANCH and
 * LOCAL_REF as for fg_check_version_change. Returns 0, or -1 at the first
 * commit whose trees or version files cannot be read (fg_git_error()).
 */
int fg_check_version_changes(struct fg_report *report, struct fg_refs *refs,
			     struct fg_config *cfg, struct fg_version_walk *vw,
			     const char *branch, const char *local_ref);

/*
 * fg_check_tag_ref: every tag rule (fg_check_tag, tag.h) on the tag ref
 * refs/tags/NAME (NAME without the prefix) whose target is object ID (an
 * annotated tag or a commit), with COMMIT and TREE (borrowed; both NULL
 * when ID does not peel to a commit: tagTarget, for a release tag, names
 * the blob or tree it peels to) the tagged commit and its tree. OLD
 * is the object the ref had before (the remote's, for a push; NULL or zero
 * when the tag is new): tagMoved when it differs from ID, and tagMonotonic
 * (a tag of the same X.Y series made before, with a version at least
 * NAME's) only for a new tag. Made before: by tagger time (or the
 * commit's, for a lightweight tag), strictly earlier; with
 * REFS->remote_order FG_ORDER_RECEIVING, a tag the receiving side already
 * has (any tag not in PENDING) was made before every tag new to it; with
 * FG_ORDER_PUSHING, a tag not in PENDING made in the same second as a
 * pushed one counts as made before it. tagOnReleaseBranch
 * asks fg_branches_holding. REFS (not NULL; its repository is read): the
 * repository's refs, with those a push sets, branches and tags, at their
 * new values, for tagOnReleaseBranch and tagMonotonic (the highest tag
 * found by binary search among the series' tags sorted by precedence).
 * Violations go to REPORT. Returns 0, or -1 when the version files of TREE
 * cannot be read (missing or corrupt objects: fg_git_error() names them
 * and how to get them, as fg_vfiles_from_tree does; no rule is then
 * applied: tagVersionMatch is never judged on files taken for absent).
 */
int fg_check_tag_ref(struct fg_report *report, struct fg_refs *refs, struct fg_config *cfg,
		     const char *name, const git_oid *id, const git_oid *old, git_commit *commit,
		     git_tree *tree);

#endif

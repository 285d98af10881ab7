/*
 * The refs snapshot of a check (engine layer): the repository's branches
 * (local and remote-tracking) and tags as a check sees them, with the refs
 * a push sets laid over them; which branches hold a commit, for the rules
 * that judge a commit or a tag by where it sits; and the highest tag of an
 * X.Y series made before a new one (tagMonotonic). Made once per check (a
 * push, a range) by the hooks (pre-commit, pre-push, pre-receive, update)
 * and `flowgate check-range`. All repository access is through libgit2.
 */
#ifndef FLOWGATE_REFS_H
#define FLOWGATE_REFS_H

#include <stdint.h>
#include <git2.h>
#include "config.h"

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

/*
 * fg_refs_higher_tag: tagMonotonic, the highest tag of VERSION's X.Y
 * series (VERSION borrowed) other than NAME (a tag name without
 * "refs/tags/"), made strictly before WHEN, the time the pushed object was
 * made (an annotated tag's tagger time, else its commit's committer time),
 * whose version is at least VERSION, among REFS's tags (a tag pushed along
 * counts; REFS not NULL, its repository is read). With
 * REFS->remote_order FG_ORDER_RECEIVING, a tag the receiving side has is
 * made before any (the least time); with FG_ORDER_PUSHING, every tag by
 * its time, and at equal times a tag the push does not bring before one
 * it brings; the tags of the push are ordered by their time, those made in
 * the same second left alone. The series' tags (CFG's tag versions) are
 * sorted by precedence, highest first; those at least VERSION are a
 * prefix, found by binary search, and the first of them made before is
 * found by binary search on the running least time of that prefix (the
 * times read once per tag, as far down as queries reach). Returns the
 * newly allocated name without "refs/tags/" (the caller frees it), or
 * NULL: none, the refs cannot be listed, out of memory, or CFG->error set
 * by a bad configured pattern. Errors are cleared, never returned.
 */
char *fg_refs_higher_tag(struct fg_refs *refs, struct fg_config *cfg, const char *name,
			 const struct fg_version *version, git_time_t when);

#endif

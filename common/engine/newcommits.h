/*
 * The commits a push brings (engine layer): those its pushed tips reach
 * and the receiving side's commits do not, walked once (fg_new_walk, also
 * in a shallow clone); which of them one update brings of its own
 * (fg_ref_own_commits) or one branch alone holds (fg_branch_only_commits);
 * and the marks saying which violations each commit holds. push.h judges
 * them; nothing here reports a rule.
 */
#ifndef FLOWGATE_NEWCOMMITS_H
#define FLOWGATE_NEWCOMMITS_H

#include <stddef.h>
#include <git2.h>
#include "config.h"
#include "objects.h"
#include "oidset.h"
#include "report.h"
#include "updates.h"
#include "walk.h"

/*
 * fg_peeled_commit_or_error: the commit object ID peels to (through tags),
 * owned by the caller (git_commit_free), or NULL: it names no commit (a
 * tag of a tree or blob), or, with *UNREADABLE (may be NULL) set, it
 * cannot be read (missing or corrupt: git_error_last() says why).
 */
git_commit *fg_peeled_commit_or_error(git_repository *repo, const git_oid *id, int *unreadable);

/* fg_peeled_commit: fg_peeled_commit_or_error without telling why it is NULL. */
git_commit *fg_peeled_commit(git_repository *repo, const git_oid *id);

/*
 * A walk of the commits a push brings: those its tips reach and the
 * receiving side's commits (the hidden ones) do not. fg_walk finds them as
 * libgit2's revwalk would, each commit inflated once, its message kept for
 * the reader up to the KEEP bytes given to fg_new_walk_init (walk.h). In a
 * shallow clone libgit2 1.5 has no grafts, and its walk fails at the first
 * commit whose parents the clone does not have (it parses the parents of
 * hidden commits too). There the same set is found by two plain walks
 * over what the clone has: everything the hidden commits reach, then what
 * the tips reach outside it. Fields are private.
 */
struct fg_new_walk {
	git_repository *repo;
	struct fg_walk *walk;  /* NULL in a shallow clone */
	size_t node;           /* the walk's last commit */
	struct fg_packs *packs; /* shallow: where the commits are read */
	struct fg_commit_buf buf; /* shallow: the last commit read */
	git_oid *tips, *hides; /* shallow: recorded for the walks, owned */
	size_t ntips, nhides, tcap, hcap;
	git_oid *ids;          /* shallow: the new commits, found on the first next */
	size_t n, next;
	int done, failed;
};

/*
 * The messages a push's walk keeps for its reader, which reads each commit
 * once with them: 10,000 commits of the benchmark hold 1.9 MiB. Beyond,
 * commits are read a second time; memory stays flat.
 */
#define FG_NEW_WALK_KEEP ((size_t)4 << 20)

/*
 * fg_new_walk_init: NW, a walk over REPO (borrowed, outliving NW) keeping
 * up to KEEP bytes of messages (0 when they are not read). Returns 0, or a
 * libgit2 error (fg_git_error()); fg_new_walk_release NW either way.
 */
int fg_new_walk_init(struct fg_new_walk *nw, git_repository *repo, size_t keep);

/* fg_new_walk_release: free what NW holds (it is zeroed). */
void fg_new_walk_release(struct fg_new_walk *nw);

/* fg_new_walk_push: walk from commit ID (one that is here). Returns 0, or a libgit2 error. */
int fg_new_walk_push(struct fg_new_walk *nw, const git_oid *id);

/* fg_new_walk_hide: leave out commit ID and everything it reaches. */
void fg_new_walk_hide(struct fg_new_walk *nw, const git_oid *id);

/* fg_new_walk_hide_glob: leave out what the refs matching GLOB reach. */
void fg_new_walk_hide_glob(struct fg_new_walk *nw, const char *glob);

/*
 * fg_new_walk_next: the next new commit, in no particular order: 0 and
 * *ID, GIT_ITEROVER at the end, another non-zero value when the walk
 * stopped short (-1 with no libgit2 error: out of memory).
 */
int fg_new_walk_next(git_oid *id, struct fg_new_walk *nw);

/*
 * fg_new_walk_read: the commit fg_new_walk_next gave last, read into *OUT
 * (NW's, valid until the next read). Returns 0, or -1 when it cannot be
 * read or parsed (fg_git_error()).
 */
int fg_new_walk_read(const struct fg_commit_info **out, struct fg_new_walk *nw);

/*
 * fg_new_walk_packs: the reader NW reads its commits with (borrowed: valid
 * until fg_new_walk_release), for the trees of the same commits to share
 * its cache; NULL before fg_new_walk_init succeeded.
 */
struct fg_packs *fg_new_walk_packs(const struct fg_new_walk *nw);

/*
 * fg_new_walk_hide_since: flowgate.since names the last legacy commit: it
 * and its ancestors are never checked, as `git log X..HEAD` and
 * commitlint's --from leave X out; WALK hides them. Returns 0, or -1 with
 * CFG->error set when it names no commit in REPO.
 */
int fg_new_walk_hide_since(git_repository *repo, struct fg_new_walk *walk, struct fg_config *cfg);

/*
 * fg_new_walk_start: start WALK over what group G of a push brings, the
 * COUNT UPDATES (typed: fg_typed_update_init) being grouped by GROUP[i]
 * (the configuration each is judged under, SIZE_MAX for none;
 * fg_check_updates): the tips of G's updates pushed (with ONLY < COUNT,
 * that update's alone, the group's tips before it hidden); hidden, the
 * tips of earlier groups (their commits are judged there), each update's
 * old commit (for a server, SERVER non-zero: a branch's only) and what the
 * receiving side has (a server's branches and release tags under CFG: only
 * what it judged; else what HAVE_GLOB, a refname glob, may be NULL,
 * matches), and the commits before flowgate.since. *BRANCH and *NBRANCHES
 * (may be NULL) get the group's first pushed branch and the number of
 * them. Returns non-zero when a tip was pushed; CFG->error is set when
 * flowgate.since names no commit (nothing pushed then).
 */
int fg_new_walk_start(struct fg_new_walk *walk, git_repository *repo,
		      const struct fg_typed_update *updates, size_t count, const size_t *group,
		      size_t g, size_t only, int server, const char *have_glob,
		      struct fg_config *cfg, const struct fg_typed_update **branch,
		      int *nbranches);

/*
 * The commits whose violations a walk of several pushed tips found, and
 * which of the report's violations they are (ITEMS FROM .. TO): which
 * ref each belongs to is told only when the report is too long to print
 * whole (fg_ref_own_commits).
 */
struct fg_mark {
	git_oid id;
	size_t from, to; /* indexes into the report's items */
	size_t group;    /* the configuration whose walk found it */
};

struct fg_marks {
	struct fg_mark *v; /* owned: free(v) */
	size_t n, cap;
	int oom;           /* a mark could not be added: the marks are incomplete */
};

/* fg_marks_add: commit ID holds violations FROM .. TO, found in group GROUP's walk. */
void fg_marks_add(struct fg_marks *m, const git_oid *id, size_t from, size_t to, size_t group);

/* fg_mark_cmp: qsort and bsearch comparator of two struct fg_mark, by ID. */
int fg_mark_cmp(const void *a, const void *b);

/* What a walk of one ref's own commits found (fg_ref_own_commits). */
struct fg_ref_commits {
	size_t n;       /* its commits */
	git_oid base;   /* where their range starts: see fg_ref_own_commits */
	int has_base;
};

/*
 * fg_ref_own_commits: update ONLY of group G's own commits (UPDATES,
 * COUNT, GROUP, SERVER, HAVE_GLOB and CFG as fg_new_walk_start takes
 * them): those G's walk judged that its tip reaches and no tip before it
 * in the group does. The violations of REPORT that MARKS (sorted by
 * fg_mark_cmp) found there get ONLY as their scope. RC gets how many there
 * are, and the commit their range starts from: the old commit of the
 * update when it is the parent of one of them (a fast-forward), else the
 * first parent of one of them that is not one of them, in walk order (a
 * commit the receiving side had; the range may then hold more commits than
 * these, never fewer); none when they reach a root commit only. Returns 0,
 * or -1 when the walk fails.
 */
int fg_ref_own_commits(struct fg_report *report, git_repository *repo,
		       const struct fg_typed_update *updates, size_t count, const size_t *group,
		       size_t g, size_t only, int server, const char *have_glob,
		       struct fg_config *cfg, const struct fg_marks *marks,
		       struct fg_ref_commits *rc);

/* The commits only on one branch: what branchCommitType judges. */
struct fg_branch_commits {
	const char *branch; /* without "refs/heads/", or NULL: no branch to judge by */
	struct fg_branch parsed; /* BRANCH parsed (fg_branch_parse), when BRANCH is set */
	struct fg_oidset ids; /* owned: fg_oidset_release */
};

/*
 * fg_branch_only_commits: BC (the caller releases BC->ids): the commits of
 * the tip update U (typed; may be NULL: none) pushes from its local ref to
 * its branch that no other local branch and no remote-tracking branch has:
 * the work done on that branch. Commits of main that were not pushed yet
 * are main's, not the hotfix's. Only for the kinds branchCommitType judges
 * (hotfix, docs), U's branch under CFG (fg_typed_update_branch): otherwise
 * BC->branch stays NULL and nothing is walked. Best effort: what cannot be
 * walked leaves BC->branch NULL.
 */
void fg_branch_only_commits(struct fg_branch_commits *bc, git_repository *repo,
			    struct fg_config *cfg, const struct fg_typed_update *u);

#endif

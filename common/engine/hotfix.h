/*
 * Hotfix propagation: which long-lived branches (main, dev/X.Y.x, release/X.Y.x,
 * maint/X.Y.x, local and remote-tracking) already hold a fix, as the same
 * commit or as a cherry-pick of it, the workflow guide's step 5 (engine
 * layer: carrier.h finds the carriers, hotfixprint.h prints the result).
 * Shared by `flowgate hotfix-status` and post-merge. All repository access
 * is through libgit2.
 * Layer: engine (common/README).
 */
#ifndef FLOWGATE_HOTFIX_H
#define FLOWGATE_HOTFIX_H

#include <stdint.h>
#include <git2.h>
#include "config.h"
#include "refname.h"

/* How a branch holds a fix. */
enum fg_hotfix_state {
	FG_HOTFIX_MISSING = 0, /* none of the fix's commits */
	FG_HOTFIX_PARTIAL,     /* some of them, same commits or cherry-picks */
	FG_HOTFIX_PICKED,      /* all, at least one as a cherry-pick */
	FG_HOTFIX_MERGED       /* all, as the same commits (reachable) */
};

/* One long-lived branch and what it holds of the fix. */
struct fg_hotfix_row {
	char *name;        /* owned: "dev/0.16.x", "origin/dev/0.16.x" */
	const char *branch; /* into NAME: the branch without "<remote>/" */
	char *remote;      /* owned: the remote of a remote-tracking branch, else NULL */
	struct fg_branch parsed; /* its kind and X.Y series */
	git_oid tip;
	enum fg_hotfix_state state;
	git_oid *carriers; /* owned: per fix commit, the commit of this branch that
			      carries it (the fix commit itself, or its cherry-pick);
			      zero when the branch lacks it */
	char *tag;         /* owned: release/maint holding the whole fix: the lowest
			      release tag of its series that holds every fix commit
			      (itself or a cherry-pick); NULL when none (or not such
			      a branch) */
};

/* A fix and its status on every long-lived branch (fg_hotfix_status). */
struct fg_hotfix {
	char *name;        /* owned: what was asked, "hotfix/x", "origin/hotfix/x", "HEAD" */
	int is_branch;     /* NAME is a hotfix branch (else one commit) */
	git_oid *fix;      /* owned: the fix's commits, oldest first */
	char **headers;    /* owned: each one's header (first line), printable */
	size_t nfix;
	struct fg_hotfix_row *rows; /* owned: main, dev, release, maint; newest series first */
	size_t nrows;
	size_t lacking;    /* rows MISSING or PARTIAL */
	int base_known;    /* the X.Y series of the fix's base is known: */
	uint64_t base_major, base_minor;
	size_t hidden;     /* long-lived branches of older series not in ROWS */
};

/* fg_hotfix_status's FLAGS: also the branches of series older than the fix's base. */
#define FG_HOTFIX_OLDER 1u

/* The most commits a hotfix branch may have (the workflow's hotfixes are minimal). */
#define FG_HOTFIX_MAX_COMMITS 100

/*
 * fg_hotfix_status: the status of fix WHAT in REPO under CFG's branch kinds
 * and tag prefix. WHAT (NULL: HEAD's branch, which must be a hotfix branch)
 * names a hotfix branch, local ("hotfix/x") or remote-tracking
 * ("origin/hotfix/x"), or any revision (git_revparse_single) for one
 * commit. A hotfix branch's commits are those of its first-parent line,
 * from its tip down to (not including) where it starts: the first older
 * commit that a release tag or a long-lived branch points at; merge
 * commits are left out. A branch whose tip a release tag points at, or a
 * local one still where its reflog says it was made when that is a
 * long-lived branch's tip, has none.
 * A long-lived branch holds fix commit F when F is reachable from it
 * (MERGED), or as a cherry-pick when a commit reachable from it and not
 * from F's parents has F's patch ID (git_diff_patchid, the stable patch
 * ID of git-patch-id(1), as `git cherry` decides) or the line
 * "(cherry picked from commit <F's 40 hex digits>)" that `git cherry-pick
 * -x` writes; merge commits are never cherry-picks.
 * The rows are the series the fix affects (issue 20, item 15): main, the
 * branches of the base's X.Y series and newer ones, and the maint branches
 * that contain the base, where the base is where a hotfix branch starts
 * (a commit's first parent) and its series that of the highest release
 * tag at it, else the version its files agree on (unknown: every branch);
 * with FG_HOTFIX_OLDER in FLAGS, the branches of older series too. The
 * others are counted in OUT->hidden.
 * Fills OUT (release it with fg_hotfix_release, even on error). Returns 0;
 * -2 when WHAT names no commit or the branch has no commit of its own, or
 * more than FG_HOTFIX_MAX_COMMITS, or WHAT is NULL and HEAD is on no
 * hotfix branch; -1 when the repository cannot be read
 * or out of memory; with *WHY (never NULL on error) a newly allocated
 * one-line "problem; fix" the caller frees. CFG->error may be set by a bad
 * configured pattern (then -1).
 */
int fg_hotfix_status(struct fg_hotfix *out, git_repository *repo, struct fg_config *cfg,
		     const char *what, unsigned flags, char **why);

/* fg_hotfix_release: free what FIX owns; FIX is left empty. */
void fg_hotfix_release(struct fg_hotfix *fix);

#endif

/*
 * `flowgate check-range A..B`: every rule that applies to a range of
 * commits, for CI. The branch the range is on (branchName, and the rules
 * that depend on the branch), each commit's message and version files,
 * and the tags that point into the range; one result per commit, branch
 * or tag, handed to the caller, which writes them.
 * Layer: engine (common/README).
 */
#ifndef FLOWGATE_RANGE_H
#define FLOWGATE_RANGE_H

#include <git2.h>
#include "config.h"
#include "report.h"

/* Where the branch of a range came from. */
enum fg_branch_origin {
	FG_BRANCH_ORIGIN_NONE = 0, /* no branch: the branch rules are not checked */
	FG_BRANCH_ORIGIN_OPTION,   /* --branch <name> */
	FG_BRANCH_ORIGIN_GITHUB,   /* GITHUB_HEAD_REF, or GITHUB_REF_NAME (refs/heads/) */
	FG_BRANCH_ORIGIN_GITLAB,   /* CI_MERGE_REQUEST_SOURCE_BRANCH_NAME, or CI_COMMIT_BRANCH */
	FG_BRANCH_ORIGIN_HEAD      /* the branch HEAD is on */
};

/*
 * fg_ci_branch: the branch a CI job runs for, read through GET (getenv, or
 * a table in tests; a variable that is unset or empty counts as unset):
 *  - GitHub Actions (GITHUB_ACTIONS is "true"): GITHUB_HEAD_REF, the source
 *    branch of a pull request; else GITHUB_REF_NAME when GITHUB_REF starts
 *    with "refs/heads/" (a push to a branch; a tag push or a pull request's
 *    refs/pull/N/merge names no branch);
 *  - GitLab CI (GITLAB_CI is "true"): CI_MERGE_REQUEST_SOURCE_BRANCH_NAME
 *    (a merge request pipeline), else CI_COMMIT_BRANCH (a branch pipeline;
 *    unset for tags).
 * Returns the name as the variable holds it, minus a "refs/heads/" prefix
 * (GET's storage: valid while the environment is unchanged), with *ORIGIN
 * (may be NULL) set; NULL with *ORIGIN FG_BRANCH_ORIGIN_NONE when the
 * environment names no branch. Pure: no other input, no allocation.
 */
const char *fg_ci_branch(char *(*get)(const char *name), enum fg_branch_origin *origin);

/* What a result of check-range is about. */
enum fg_range_kind {
	FG_RANGE_BRANCH, /* branchName on the branch */
	FG_RANGE_COMMIT, /* a commit of the range: messages, version files */
	FG_RANGE_TAG     /* a tag whose commit is in the range */
};

/* One result, valid during the call to the emit function only. */
struct fg_range_entry {
	enum fg_range_kind kind;
	const char *name;   /* "branch main", "commit 1a2b3c4d5e6f", "tag v0.16.0" */
	/* The commit's full hex OID (a tag's: the one it peels to); NULL for the branch. */
	const char *commit;
	const struct fg_report *report; /* the violations; passed when it holds no error */
};

/* Receives each result in order; a non-zero return stops the check. */
typedef int (*fg_range_emit_fn)(void *payload, const struct fg_range_entry *entry);

struct fg_range_options {
	/* The branch the range is on, without "refs/heads/"; NULL: none. */
	const char *branch;
	/* branchName's hint: rename the local branch (git branch -m, for
	 * HEAD's branch) rather than push it under another name. */
	int rename_hint;
	fg_range_emit_fn emit;
	void *payload;
};

/* The errors of fg_range_check. */
enum fg_range_error {
	FG_RANGE_ERANGE = -1,    /* RANGE names no range here, or A...B (fg_git_error() says why) */
	FG_RANGE_ECONFIG = -2,   /* CFG->error is set: bad configuration */
	FG_RANGE_EINTERNAL = -3, /* an object unreadable, or out of memory (fg_git_error()) */
	FG_RANGE_ESTOPPED = -4   /* the emit function returned non-zero */
};

/*
 * fg_range_check: every rule that applies to RANGE ("A..B" as git
 * rev-list takes it, each end a revision, an empty one HEAD; or a full
 * refname or a full hex object name: all its history),
 * under CFG (its severities), each result handed to OPTS->emit in this
 * order:
 *  1. with OPTS->branch, one FG_RANGE_BRANCH result: branchName;
 *  2. each commit once, parents before children (git rev-list --topo-order
 *     --reverse), but CFG->since (flowgate.since, the last legacy commit)
 *     and its ancestors, as pre-push leaves them out (naming no commit:
 *     FG_RANGE_ECONFIG): the message rules (fg_check_message) with the commit's
 *     context (fg_repo_commit_context: versionBumpMessage, messageEncoding,
 *     and branchCommitType on OPTS->branch); and where its version files
 *     differ from its first parent's, or its first parent is not in the
 *     range (the range's first commits, a root commit): versionFormat,
 *     versionConsistency, branchVersionSeries (fg_versions_check) on its
 *     files, versionRegression, versionReleaseBranch and
 *     versionPreReleaseBranch against its first parent
 *     (fg_check_version_change; the last two, as pre-push judges them,
 *     only for a commit no other branch, local or remote-tracking, holds:
 *     one made there, like an rc of release/X.Y.x fast-forwarded into
 *     main, is that branch's). A violation is so reported
 *     once, at the commit that brings it, not at every commit after.
 *     Whether the files differ is first asked of the IDs of the top-level
 *     tree entries their paths start in (one root tree read per commit),
 *     then of the files' own entries;
 *  3. each tag (a ref under refs/tags/, by name) whose target peels to a
 *     commit of the range: the tag rules (fg_check_tag_ref, as a new tag).
 * OPTS->branch is the branch of the commits on the first-parent line of
 * B (git log --first-parent A..B): the commits made on it. Commits that a
 * merge brings from another branch are checked without a branch (no
 * branchCommitType, branchVersionSeries, versionReleaseBranch,
 * versionPreReleaseBranch).
 * Returns 0, or an enum fg_range_error: FG_RANGE_ERANGE before any result
 * is emitted; the others after some may have been.
 */
int fg_range_check(git_repository *repo, struct fg_config *cfg, const char *range,
		   const struct fg_range_options *opts);

#endif

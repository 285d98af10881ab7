/*
 * Branch and tag names of the workflow: which branch kinds exist, what a
 * valid name looks like (on top of git-check-ref-format(1)), and a valid
 * name to propose when one is refused. The types of a branch kind and a
 * classified branch (struct fg_branch, fg_branch_has_series) are
 * branchkind.h's. Layer: rules, above settings and version, below config
 * (which asks fg_refname_is_valid of a tag prefix).
 */
#ifndef FLOWGATE_REFNAME_H
#define FLOWGATE_REFNAME_H

#include <stddef.h>
#include "branchkind.h"
#include "report.h"
#include "settings.h"
#include "version.h"

/*
 * fg_branch_parse: classify branch NAME (without "refs/heads/") by CFG's
 * branch kinds, in order: the first whose pattern matches, for a valid
 * refname (git-check-ref-format(1), asked of libgit2: needs fg_git_init()).
 * For a kind with a series, groups 1 and 2 are its X.Y. Fills OUT (kind
 * FG_BRANCH_INVALID when nothing matches). Returns 0 when NAME is a branch
 * of the workflow, -1 if not, -3 when a pattern reached PCRE2's match limit
 * (CFG->error is then set).
 */
int fg_branch_parse(struct fg_config *cfg, const char *name, struct fg_branch *out);

/*
 * fg_branch_suggest: a branch name close to NAME that CFG accepts
 * ("Feature/My Work" -> "feature/my-work", "master" -> "main",
 * "release/0.16" -> "release/0.16.x"). Newly allocated; NULL when out of
 * memory or when no such name is found (custom branch kinds).
 */
char *fg_branch_suggest(struct fg_config *cfg, const char *name);

/*
 * fg_check_branch_name (rule branchName): add a violation to REPORT when
 * NAME is not a branch of CFG's kinds, with a `git branch -m` hint
 * (pre-commit, RENAME_HINT non-zero) or a push hint (pre-push), the names
 * in them quoted for the shell (fg_sh_quote: safe to paste). Returns 0
 * if valid, -1 if not, -3 on a pattern limit (CFG->error set).
 */
int fg_check_branch_name(struct fg_report *report, struct fg_config *cfg, const char *name,
			 int rename_hint);

/* How a push changes a ref on the remote, for branchProtected. */
enum fg_ref_change {
	FG_REF_DELETED,          /* the ref is deleted */
	FG_REF_NOT_FAST_FORWARD, /* the new object does not descend from the remote's */
	FG_REF_OLD_UNKNOWN       /* the remote's object is not in this repository */
};

/*
 * fg_branch_protected: 1 when REFNAME (full: "refs/heads/...") is a branch
 * of a kind CFG protects (branch.<kind>.protected; built in: main,
 * release, maint), with OUT filled; 0 when not (any other ref too); -3 when
 * a pattern reached PCRE2's match limit (CFG->error set).
 */
int fg_branch_protected(struct fg_config *cfg, const char *refname, struct fg_branch *out);

/*
 * fg_check_protected (rule branchProtected): the push changes REFNAME (the
 * remote's full refname: "refs/heads/..." or "refs/tags/...") as CHANGE
 * says; OLD is the remote's object (hex, for the message) and REMOTE names
 * the remote in the hint's command, printed as it is: a shell word (the
 * remote's name or URL through fg_sh_quote) or a placeholder ("<remote>");
 * the branch is quoted here. A violation when REFNAME is a branch
 * of a protected kind (branch.<kind>.protected; built in: main, release,
 * maint) and CHANGE is any of the three (git push's force or deletion), or
 * a release tag (CFG's tag prefix and a workflow version) being deleted
 * (moving one is tagMoved's). For FG_REF_OLD_UNKNOWN the message says
 * someone else pushed and the hint says to fetch: whether it is a
 * fast-forward cannot be known here. Returns the number of violations
 * added (0 or 1), -3 when a branch pattern reached PCRE2's match limit
 * (CFG->error set).
 */
int fg_check_protected(struct fg_report *report, struct fg_config *cfg, const char *refname,
		       enum fg_ref_change change, const char *old, const char *remote);

/*
 * fg_tag_parse: parse tag NAME (without "refs/tags/") as CFG's tag prefix
 * ("v" by default) + a workflow version (X.Y.Z with optional -dev, -alphaN,
 * -betaN, -rcN, no build metadata). OUT's pre-release span points into
 * NAME. Returns 0 when valid, -1 if not.
 */
int fg_tag_parse(const struct fg_config *cfg, const char *name, struct fg_version *out);

/*
 * fg_refname_is_valid: 1 when full REFNAME ("refs/heads/x", "refs/tags/v1")
 * is well formed by git-check-ref-format(1)'s rules, else 0: libgit2's
 * git_reference_name_is_valid, plus rule 4's DEL (0x7f), which libgit2 1.5
 * accepts. Needs fg_git_init(); libgit2's error is cleared.
 */
int fg_refname_is_valid(const char *refname);

/*
 * fg_refname_branch: the branch of a local (refs/heads/B) or remote-tracking
 * (refs/remotes/R/B) full REFNAME: a pointer to B inside REFNAME, or NULL
 * for any other ref. *REMOTE_LEN (may be NULL) gets the length of R, 0 for
 * a local branch (R is taken up to the first '/', as git's default
 * refspec names remotes).
 */
const char *fg_refname_branch(const char *refname, size_t *remote_len);

#endif

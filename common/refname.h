/*
 * Branch and tag names of the workflow: which branch kinds exist, what a
 * valid name looks like (on top of git-check-ref-format(1)), and a valid
 * name to propose when one is refused.
 */
#ifndef FLOWGATE_REFNAME_H
#define FLOWGATE_REFNAME_H

#include <stdint.h>
#include "report.h"
#include "version.h"

enum fg_branch_kind {
	FG_BRANCH_INVALID = 0,
	FG_BRANCH_MAIN,
	FG_BRANCH_DEV,     /* dev/X.Y.x */
	FG_BRANCH_RELEASE, /* release/X.Y.x */
	FG_BRANCH_MAINT,   /* maint/X.Y.x */
	FG_BRANCH_FEATURE, /* feature/<slug> */
	FG_BRANCH_HOTFIX,  /* hotfix/<slug> */
	FG_BRANCH_DOCS     /* docs/<slug> */
};

struct fg_branch {
	enum fg_branch_kind kind;
	uint64_t major, minor; /* the X.Y series of dev/release/maint branches */
};

/*
 * fg_branch_parse: classify branch NAME (without "refs/heads/"). Fills OUT
 * (kind FG_BRANCH_INVALID when NAME is not a workflow branch, including
 * names git-check-ref-format(1) refuses). Returns 0 when valid, -1 if not.
 * Needs fg_git_init() (refname validity is libgit2's).
 */
int fg_branch_parse(const char *name, struct fg_branch *out);

/* fg_branch_has_series: non-zero for dev/, release/ and maint/ branches. */
int fg_branch_has_series(const struct fg_branch *branch);

/*
 * fg_branch_suggest: a valid workflow branch name close to NAME
 * ("Feature/My Work" -> "feature/my-work", "master" -> "main",
 * "release/0.16" -> "release/0.16.x"). Newly allocated; NULL on OOM.
 */
char *fg_branch_suggest(const char *name);

/*
 * fg_check_branch_name (rule branchName): add a violation to REPORT when
 * NAME is not a workflow branch, with a `git branch -m` hint (pre-commit,
 * RENAME_HINT non-zero) or a push hint (pre-push). Returns 0 if valid.
 */
int fg_check_branch_name(struct fg_report *report, const char *name, int rename_hint);

/*
 * fg_tag_parse: parse tag NAME (without "refs/tags/") as "v" + a workflow
 * version (X.Y.Z with optional -dev, -alphaN, -betaN, -rcN, no build
 * metadata). OUT's pre-release span points into NAME. Returns 0 when valid,
 * -1 if not.
 */
int fg_tag_parse(const char *name, struct fg_version *out);

#endif

/*
 * git revert's commits (engine layer): whether a commit message is in the
 * form git revert writes, and whether a revert takes the version back to
 * what it was before the commit it reverts, the way back versionRegression
 * lets through (issue 20, item 11). Used by the version checks
 * (versionwalk.h) and pre-commit. All repository access is through libgit2.
 */
#ifndef FLOWGATE_REVERT_H
#define FLOWGATE_REVERT_H

#include <git2.h>
#include "config.h"
#include "version.h"

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

#endif

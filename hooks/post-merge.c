/*
 * post-merge: git runs it after a successful `git merge` or `git pull`, with
 * one argument, 1 when the merge was a squash (githooks(5)). Its exit status
 * cannot affect the merge, so flowgate only advises: it warns when the merge
 * changed the version files and they disagree; after release/X.Y.x is
 * merged into main it prints the workflow's next step (flowgate bump dev);
 * after a hotfix/<name> branch is merged, the long-lived branches still lacking
 * it, with the cherry-picks to run. After a squash merge, which commits
 * nothing, only the staged version files are checked. Always exits 0.
 */
#include "hooks.h"

FG_HOOK_MAIN("post-merge", fg_run_post_merge, 1)

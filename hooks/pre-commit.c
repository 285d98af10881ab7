/*
 * pre-commit: git runs it before it asks for the commit message (githooks(5)).
 * No arguments, no stdin; a non-zero exit aborts the commit. It checks the
 * branch HEAD is on (branchName; a detached HEAD is left alone) and the
 * version files as staged in the index, not as in the work tree. It does not
 * look at the message (commit-msg does) and never writes anything.
 */
#include "hooks.h"

FG_HOOK_MAIN("pre-commit", fg_run_pre_commit, 0)

/*
 * commit-msg: git runs it with one argument, the file holding the proposed
 * message (githooks(5)); a non-zero exit aborts the commit. It lints the
 * message as git will store it (common/cleanup.h: git's cleanup, decided
 * from GIT_EDITOR, commit.cleanup and core.commentChar) against the
 * Conventional Commits rules. It never edits the message file.
 */
#include "hooks.h"

FG_HOOK_MAIN("commit-msg", fg_run_commit_msg, 0)

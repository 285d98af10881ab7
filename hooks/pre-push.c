/*
 * pre-push: git runs it with the remote's name and URL, and one stdin line
 * per ref to update, "<local ref> <local oid> <remote ref> <remote oid>"
 * (githooks(5)); a non-zero exit stops the push before anything is sent.
 * It checks every pushed branch name and tip, every pushed tag, the
 * message and version of every commit the remote does not have yet, and
 * branchProtected on force pushes and deletions.
 */
#include "hooks.h"

FG_HOOK_MAIN("pre-push", fg_run_pre_push, 0)

/*
 * update: git runs it on the receiving (server) side once per ref, with
 * the arguments <refname> <old oid> <new oid> (githooks(5)); a non-zero
 * exit refuses that ref only. For servers that run per-ref hooks; where
 * pre-receive runs, install that instead: it refuses a push as a whole.
 */
#include "hooks.h"

FG_HOOK_MAIN("update", fg_run_update, 0)

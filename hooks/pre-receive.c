/*
 * pre-receive: git runs it on the receiving (server) side once per push,
 * with no arguments and one stdin line per ref to update, "<old oid> <new
 * oid> <refname>" (githooks(5)), while the pushed objects are still in the
 * quarantine directory; a non-zero exit refuses every ref of the push.
 * It applies pre-push's rules, with the server's refs as what it has.
 */
#include "hooks.h"

/* What update looks for (hook.h): git runs flowgate's pre-receive here. */
const char fg_role_marker[] = FG_ROLE_MARKER_PREFIX "pre-receive";

FG_HOOK_MAIN("pre-receive", fg_run_pre_receive, 0)

/*
 * pre-receive: git runs it on the receiving (server) side once per push,
 * with no arguments and one stdin line per ref to update, "<old oid> <new
 * oid> <refname>" (githooks(5)), while the pushed objects are still in the
 * quarantine directory; a non-zero exit refuses every ref of the push.
 * It applies pre-push's rules, with the server's refs as what it has.
 */
#include <stdio.h>
#include <stdlib.h>
#include "hooks.h"
#include "push.h"

/* What update looks for (hook.h): git runs flowgate's pre-receive here. */
const char fg_role_marker[] = FG_ROLE_MARKER_PREFIX "pre-receive";

int fg_run_pre_receive(struct fg_hook_ctx *ctx)
{
	git_repository *repo = NULL;
	struct fg_ref_update *updates = NULL;
	size_t count = 0;
	char *copy = NULL;
	int status = FG_EXIT_INTERNAL;

	if (ctx->argc != 1) {
		fprintf(stderr, "flowgate pre-receive: usage: pre-receive "
			"< '<old oid> <new oid> <refname>' lines\n");
		return FG_EXIT_USAGE;
	}
	if (fg_hook_read_input(ctx, &copy) < 0 || fg_hook_open_for_push(ctx, &repo) < 0)
		goto out;
	if (fg_parse_updates(copy, ctx->input_len, 1, &updates, &count) < 0) {
		fprintf(stderr, "flowgate pre-receive: error: malformed input line; expected "
			"'<old oid> <new oid> <refname>'\n");
		status = FG_EXIT_USAGE;
		goto out;
	}
	status = fg_check_receive(ctx, repo, updates, count);
out:
	free(copy);
	free(updates);
	git_repository_free(repo);
	return status;
}

FG_HOOK_MAIN("pre-receive", fg_run_pre_receive, 0)

/*
 * pre-push: git runs it with the remote's name and URL, and one stdin line
 * per ref to update, "<local ref> <local oid> <remote ref> <remote oid>"
 * (githooks(5)); a non-zero exit stops the push before anything is sent.
 * It checks every pushed branch name and tip, every pushed tag, the
 * message and version of every commit the remote does not have yet, and
 * branchProtected on force pushes and deletions.
 */
#include <stdlib.h>
#include <string.h>
#include "hooks.h"
#include "push.h"
#include "quote.h"

/*
 * The remote whose tracking refs say what the remote already has: NAME when
 * it is a remote name; for a push to a URL (git passes the URL as the name),
 * the configured remote with that URL, if any. Newly allocated, or NULL.
 */
static char *tracking_remote(git_repository *repo, const char *name, const char *url)
{
	git_config *config = NULL;
	git_config_iterator *it = NULL;
	git_config_entry *entry;
	char *found = NULL;
	int valid = 0;

	if (strcmp(name, url) && git_remote_name_is_valid(&valid, name) == 0 && valid)
		return strdup(name);
	/* remote.<name>.url and .pushurl, read without git_remote_lookup, whose
	 * insteadOf scan leaks in libgit2 1.5.1 (fixed in 1.6, PR #6382). */
	if (git_repository_config_snapshot(&config, repo) == 0 &&
	    git_config_iterator_new(&it, config) == 0) {
		while (!found && git_config_next(&entry, it) == 0) {
			const char *key = entry->name, *dot;

			if (strncmp(key, "remote.", 7) || !entry->value || strcmp(entry->value, url))
				continue;
			dot = strrchr(key, '.');
			if (dot > key + 7 && (!strcmp(dot, ".url") || !strcmp(dot, ".pushurl")))
				found = fg_strdupf("%.*s", (int)(dot - key - 7), key + 7);
		}
	}
	git_config_iterator_free(it);
	git_config_free(config);
	git_error_clear();
	return found;
}

int fg_run_pre_push(struct fg_hook_ctx *ctx)
{
	git_repository *repo = NULL;
	struct fg_ref_update *updates = NULL;
	size_t count = 0;
	char *copy = NULL, *remote_name = NULL, *glob = NULL, *remote_word = NULL;
	struct fg_pending_ref *tags = NULL;
	struct fg_pending pushed = { NULL, 0 };
	int status = FG_EXIT_INTERNAL;

	if (ctx->argc != 3) {
		fprintf(stderr, "flowgate pre-push: usage: pre-push <remote-name> <url> "
			"< '<local ref> <local oid> <remote ref> <remote oid>' lines\n");
		return FG_EXIT_USAGE;
	}
	/* the repository first: one libgit2 cannot open (a SHA-256 one) says so */
	if (fg_hook_read_input(ctx, &copy) < 0 || fg_hook_open_for_push(ctx, &repo) < 0)
		goto out;
	if (fg_parse_updates(copy, ctx->input_len, 0, &updates, &count) < 0) {
		fprintf(stderr, "flowgate pre-push: error: malformed input line; expected "
			"'<local ref> <local oid> <remote ref> <remote oid>'\n");
		status = FG_EXIT_USAGE;
		goto out;
	}
	/* what the remote has: its remote-tracking refs */
	if ((remote_name = tracking_remote(repo, ctx->argv[1], ctx->argv[2])))
		glob = fg_strdupf("refs/remotes/%s/*", remote_name);
	/* the hints name it in commands to paste: a shell word */
	remote_word = fg_sh_quote(ctx->argv[1], strlen(ctx->argv[1]), 0);
	/* the tags this push brings: the local repository's other tags stand for
	 * those the remote has (tagMonotonic: made before every pushed one) */
	if (!(tags = calloc(count ? count : 1, sizeof(*tags)))) {
		fg_hook_fatal(ctx, "cannot check the push", "out of memory");
		goto out;
	}
	for (size_t i = 0; i < count; i++)
		if (!strncmp(updates[i].remote_ref, "refs/tags/", 10) &&
		    !git_oid_is_zero(&updates[i].local)) {
			tags[pushed.n].refname = updates[i].remote_ref;
			git_oid_cpy(&tags[pushed.n++].id, &updates[i].local);
		}
	qsort(tags, pushed.n, sizeof(*tags), fg_pending_ref_cmp);
	pushed.refs = tags;
	status = fg_check_updates(ctx, repo, updates, count, glob,
				  remote_word ? remote_word : "<remote>", &pushed);
out:
	free(tags);
	free(remote_word);
	free(copy);
	free(updates);
	free(glob);
	free(remote_name);
	git_repository_free(repo);
	return status;
}

FG_HOOK_MAIN("pre-push", fg_run_pre_push, 0)

/*
 * update: git runs it on the receiving (server) side once per ref, with
 * the arguments <refname> <old oid> <new oid> (githooks(5)); a non-zero
 * exit refuses that ref only. For servers that run per-ref hooks; where
 * pre-receive runs, install that instead: it refuses a push as a whole.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include "hooks.h"
#include "push.h"
#include "repo.h"


/*
 * Where, in the SIZE bytes at MAP, the first A (of ALEN bytes) immediately
 * followed by B (BLEN bytes) ends: the byte after B; NULL when nowhere. The
 * two halves of a marker are kept apart so that this file does not hold it.
 */
static const char *find_marker(const char *map, size_t size, const char *a, size_t alen,
			       const char *b, size_t blen)
{
	const char *p = map, *end;

	if (size < alen + blen)
		return NULL;
	end = map + size - alen - blen + 1;
	for (; p < end && (p = memchr(p, a[0], (size_t)(end - p))); p++)
		if (!memcmp(p, a, alen) && !memcmp(p + alen, b, blen))
			return p + alen + blen;
	return NULL;
}

/*
 * Whether PATH is an executable regular file that is flowgate's pre-receive:
 * it holds FG_ROLE_MARKER_PREFIX "pre-receive", which only the pre-receive
 * binary carries (a copy of another flowgate hook named pre-receive refuses
 * nothing), or, when FOLLOW, it is the launcher install.sh places
 * (hooks/launch.c: "@(#)flowgate-target:", then the path it execs,
 * NUL-terminated) and that path is.
 */
static int is_pre_receive(const char *path, int follow)
{
	static const char prefix[] = FG_ROLE_MARKER_PREFIX, role[] = "pre-receive";
	static const char launch[] = "@(#)flowgate-target:";
	struct stat st;
	int fd, found = 0;

	if (access(path, X_OK) != 0 || (fd = open(path, O_RDONLY)) < 0)
		return 0;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
		size_t size = (size_t)st.st_size;
		const char *map = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0), *t, *nul;

		if (map != MAP_FAILED) {
			found = find_marker(map, size, prefix, sizeof(prefix) - 1, role,
					    sizeof(role) - 1) != NULL;
			if (!found && follow &&
			    (t = find_marker(map, size, launch, sizeof(launch) - 1, "", 0)) &&
			    (nul = memchr(t, '\0', (size_t)(map + size - t))) && nul > t) {
				char *target = strndup(t, (size_t)(nul - t));

				found = target && is_pre_receive(target, 0);
				free(target);
			}
			munmap((void *)map, size);
		}
	}
	close(fd);
	return found;
}

/*
 * Whether git runs flowgate's pre-receive for this push, as git finds hooks
 * (hook.c find_hook, path.c adjust_git_path in git 2.39): the file
 * pre-receive in core.hooksPath (a relative path is from the directory the
 * hooks run in, which update shares; "~/" is the home directory), else in
 * $GIT_DIR/hooks; git runs it only when it is executable (access(2)
 * X_OK). It is flowgate's as is_pre_receive says, directly or through the
 * launcher install.sh places. Any doubt (a configuration that cannot be
 * read, a script that may run flowgate) answers 0: update then judges the
 * ref itself, and at worst the ref is judged twice.
 */
static int flowgate_pre_receive_runs(git_repository *repo)
{
	git_config *config = NULL;
	git_buf hooks = { 0 };
	char *path = NULL;
	int found = 0, rc;

	if (git_repository_config_snapshot(&config, repo) < 0)
		goto out;
	rc = git_config_get_path(&hooks, config, "core.hooksPath");
	if (rc == 0 && hooks.size)
		path = fg_strdupf("%s/pre-receive", hooks.ptr);
	else if (rc == GIT_ENOTFOUND || (rc == 0 && !hooks.size))
		path = fg_strdupf("%shooks/pre-receive", git_repository_path(repo));
	found = path && is_pre_receive(path, 1);
out:
	free(path);
	git_buf_dispose(&hooks);
	git_config_free(config);
	git_error_clear();
	return found;
}

int fg_run_update(struct fg_hook_ctx *ctx)
{
	git_repository *repo = NULL;
	struct fg_ref_update u;
	struct fg_pending_ref ref;
	struct fg_pending pending = { &ref, 1 };
	int status;

	if (ctx->argc != 4 || fg_parse_oid(&u.remote, ctx->argv[2]) < 0 ||
	    fg_parse_oid(&u.local, ctx->argv[3]) < 0) {
		fprintf(stderr, "flowgate update: usage: update <refname> <old oid> <new oid>\n");
		return FG_EXIT_USAGE;
	}
	u.local_ref = u.remote_ref = ctx->argv[1];
	if (fg_hook_open_for_push(ctx, &repo) < 0)
		return FG_EXIT_INTERNAL;
	/* git ran flowgate's pre-receive on the whole push already: nothing to add */
	if (flowgate_pre_receive_runs(repo)) {
		git_repository_free(repo);
		return FG_EXIT_OK;
	}
	ctx->receiving = 1;
	ref.refname = u.remote_ref;
	git_oid_cpy(&ref.id, &u.local);
	status = fg_check_updates(ctx, repo, &u, 1, NULL, FG_SERVER_REMOTE, &pending);
	git_repository_free(repo);
	return status;
}

FG_HOOK_MAIN("update", fg_run_update, 0)

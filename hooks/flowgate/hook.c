/*
 * flowgate hook (flowgate/cmd.h): a client hook's flow (hooks.h) run in
 * this process through the hook binaries' own driver (fg_hook_main,
 * hook.h), its arguments and stdin rebuilt from the pre-commit
 * framework's environment when it gives none.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "flowgate/cmd.h"
#include "help.h"
#include "hooks.h"
#include "gitinit.h"
#include "repo.h"

/*
 * `flowgate hook`: the client hooks run from the command, for the pre-commit
 * framework's `language: system` hooks (.pre-commit-hooks.yaml). In-process,
 * through the hook binaries' own driver (fg_hook_main): the command and the
 * hook logic come from one build, so they cannot disagree on the version,
 * and nothing has to be found beside the command. argv[0] is the bare hook
 * name, so no kept <hook>.pre-flowgate is chained: under the framework, the
 * framework runs the hooks it kept (<hook>.legacy) itself.
 */
const struct fg_cmd_hook fg_cmd_hooks[] = {
	{ "pre-commit", fg_run_pre_commit, 0 },
	{ "commit-msg", fg_run_commit_msg, 0 },
	{ "pre-push", fg_run_pre_push, 0 },
	{ "post-merge", fg_run_post_merge, 1 },
	{ "post-commit", fg_run_post_commit, 1 },
	{ "prepare-commit-msg", fg_run_prepare_commit_msg, 1 },
	{ "applypatch-msg", fg_run_applypatch_msg, 0 },
	{ "pre-applypatch", fg_run_pre_applypatch, 0 },
};

/*
 * The pre-commit framework's pre-push stage (pre-commit 3.0.4,
 * commands/hook_impl.py and run.py): its hook gets no arguments and an empty
 * stdin; the framework read git's ref lines itself and exposes the first
 * one that adds commits, skipping deletions and refs that add none (a tag
 * of pushed commits): PRE_COMMIT_REMOTE_NAME, _REMOTE_URL, _LOCAL_BRANCH and
 * _REMOTE_BRANCH (the full refnames of git's line), and PRE_COMMIT_TO_REF
 * (the local OID) with PRE_COMMIT_FROM_REF, unset when the pushed history
 * reaches a root commit the remote lacks. FROM_REF is the remote's OID when
 * the remote ref exists and is known here, else the parent of the first
 * commit the remote lacks: an ancestor it has. Rebuilds git's arguments in
 * ARGS[1..2] and the one line "<local ref> <local oid> <remote ref> <remote
 * oid>" as the hook's stdin; the remote OID is FROM_REF for a branch (a new
 * branch is then judged as an update from what the remote has: the same
 * new commits), zero for a tag (new or moved, the framework does not say:
 * judged as new) or without FROM_REF. Returns 0, or an exit status with the
 * error printed on ERR.
 */
static int framework_push(char **args, FILE *err)
{
	const char *name = getenv("PRE_COMMIT_REMOTE_NAME"), *url = getenv("PRE_COMMIT_REMOTE_URL");
	const char *local = getenv("PRE_COMMIT_LOCAL_BRANCH");
	const char *remote = getenv("PRE_COMMIT_REMOTE_BRANCH");
	const char *to = getenv("PRE_COMMIT_TO_REF"), *from = getenv("PRE_COMMIT_FROM_REF");
	char to_hex[GIT_OID_HEXSZ + 1], from_hex[GIT_OID_HEXSZ + 1] = { 0 }, *line;
	git_oid id;
	size_t len;
	ssize_t w;
	int fds[2], ok;

	if (!name || !url || !local || !remote || !*name || !*local || !*remote) {
		fprintf(err, "flowgate hook pre-push: error: no <remote name> <url> given and no "
			"PRE_COMMIT_REMOTE_NAME, PRE_COMMIT_REMOTE_URL, PRE_COMMIT_LOCAL_BRANCH, "
			"PRE_COMMIT_REMOTE_BRANCH set; give them and the ref lines on stdin as git "
			"does, or run it from the pre-commit framework's pre-push stage\n");
		return FG_EXIT_USAGE;
	}
	if (to) {
		if (strlen(to) != GIT_OID_HEXSZ || git_oid_fromstr(&id, to) < 0) {
			fprintf(err, "flowgate hook pre-push: error: PRE_COMMIT_TO_REF '%s' is not "
				"an object name\n", to);
			return FG_EXIT_USAGE;
		}
	} else {
		/* the whole history is new: what the local ref names is pushed */
		git_repository *repo = NULL;
		git_object *obj = NULL;

		if (fg_repo_open(&repo) < 0 || git_revparse_single(&obj, repo, local) < 0) {
			fprintf(err, "flowgate hook pre-push: fatal: cannot resolve "
				"PRE_COMMIT_LOCAL_BRANCH '%s': %s\n", local, fg_git_error());
			git_repository_free(repo);
			return FG_EXIT_INTERNAL;
		}
		git_oid_cpy(&id, git_object_id(obj));
		git_object_free(obj);
		git_repository_free(repo);
	}
	git_oid_tostr(to_hex, sizeof(to_hex), &id);
	if (from && strncmp(remote, "refs/tags/", 10)) {
		if (strlen(from) != GIT_OID_HEXSZ || git_oid_fromstr(&id, from) < 0) {
			fprintf(err, "flowgate hook pre-push: error: PRE_COMMIT_FROM_REF '%s' is not "
				"an object name\n", from);
			return FG_EXIT_USAGE;
		}
		git_oid_tostr(from_hex, sizeof(from_hex), &id);
	} else {
		memset(from_hex, '0', GIT_OID_HEXSZ);
	}
	fprintf(err, "flowgate pre-push: note: judged %s only: the pre-commit framework shows "
		"one ref of a push, and none that deletes a ref or brings no new commit; "
		"multi-ref and tag pushes need flowgate's own pre-push hook (install.sh) or the "
		"server hooks (install.sh --server)\n", remote);
	if (!(line = fg_strdupf("%s %s %s %s\n", local, to_hex, remote, from_hex))) {
		fprintf(err, "flowgate hook pre-push: fatal: out of memory\n");
		return FG_EXIT_INTERNAL;
	}
	/* the line as stdin: a pipe that holds it whole (written without blocking) */
	len = strlen(line);
	if (pipe(fds) < 0) {
		fprintf(err, "flowgate hook pre-push: fatal: cannot make a pipe: %s\n",
			strerror(errno));
		free(line);
		return FG_EXIT_INTERNAL;
	}
	errno = 0;
	ok = fcntl(fds[1], F_SETFL, O_NONBLOCK) == 0 && (w = write(fds[1], line, len)) >= 0 &&
	     (size_t)w == len;
	ok = close(fds[1]) == 0 && ok && dup2(fds[0], 0) == 0;
	if (fds[0] != 0) /* stdin was closed: the pipe is stdin already */
		close(fds[0]);
	free(line);
	if (!ok) {
		fprintf(err, "flowgate hook pre-push: fatal: cannot pass the ref line on stdin: "
			"%s\n", errno ? strerror(errno) : "longer than a pipe holds");
		return FG_EXIT_INTERNAL;
	}
	args[1] = (char *)name;
	args[2] = (char *)url;
	return 0;
}

/*
 * flowgate hook HOOK [ARGS...]: HOOK's logic as git runs its binary, with
 * ARGC - 2 arguments from ARGV + 3 (ARGV[2] being HOOK) and this process's
 * stdin. Given no arguments, the pre-commit framework's environment
 * supplies them: pre-push, see framework_push; post-merge, the squash flag
 * PRE_COMMIT_IS_SQUASH_MERGE. commit-msg needs its message file (the
 * framework passes it as the hook's one file); so does prepare-commit-msg,
 * whose source and commit the framework gives as PRE_COMMIT_COMMIT_MSG_SOURCE
 * and PRE_COMMIT_COMMIT_OBJECT_NAME. Returns the hook's exit
 * status, or FG_EXIT_USAGE with the error on ERR.
 */
int fg_cmd_hook(int argc, char **argv, FILE *out, FILE *err)
{
	const char *hook = argc > 2 ? argv[2] : NULL;
	char **args;
	int nargs = argc > 3 ? argc - 3 : 0, status;
	size_t i;

	(void)out; /* the hook reports on stderr, as git runs it */
	for (i = 0; hook && i < sizeof(fg_cmd_hooks) / sizeof(fg_cmd_hooks[0]); i++)
		if (!strcmp(hook, fg_cmd_hooks[i].name))
			break;
	if (!hook || i == sizeof(fg_cmd_hooks) / sizeof(fg_cmd_hooks[0])) {
		size_t n = sizeof(fg_cmd_hooks) / sizeof(fg_cmd_hooks[0]), used = 0;
		char names[256];

		for (size_t k = 0; k < n && used < sizeof(names); k++) {
			int w = snprintf(names + used, sizeof(names) - used, "%s%s",
					 k ? (k + 1 < n ? ", " : " or ") : "", fg_cmd_hooks[k].name);

			used += w > 0 ? (size_t)w : 0;
		}
		if (hook)
			fg_print_line(err, "flowgate: error: unknown hook '%s'; flowgate hook runs "
				      "%s", hook, names);
		else
			fprintf(err, "flowgate: error: hook needs a hook name: %s\n", names);
		fg_help_print_usage(fg_help_find("hook"), err);
		return FG_EXIT_USAGE;
	}
	/* argv[0], the hook's arguments (3 for pre-push), NULL */
	if (!(args = calloc((size_t)nargs + 4, sizeof(*args)))) {
		fprintf(err, "flowgate hook %s: fatal: out of memory\n", hook);
		return FG_EXIT_INTERNAL;
	}
	args[0] = (char *)hook;
	for (int k = 0; k < nargs; k++)
		args[k + 1] = argv[k + 3];
	status = 0;
	if (!nargs && !strcmp(hook, "pre-push")) {
		if ((status = framework_push(args, err)) == 0)
			nargs = 2;
	} else if (!nargs && !strcmp(hook, "post-merge")) {
		if ((args[1] = getenv("PRE_COMMIT_IS_SQUASH_MERGE")))
			nargs = 1;
		else
			fprintf(err, "flowgate hook post-merge: error: no squash flag given and no "
				"PRE_COMMIT_IS_SQUASH_MERGE set; give 1 for a squash merge, else 0\n");
		status = nargs ? 0 : FG_EXIT_USAGE;
	} else if (nargs == 1 && !strcmp(hook, "prepare-commit-msg") &&
		   getenv("PRE_COMMIT_COMMIT_MSG_SOURCE")) {
		/* the framework passes the file alone, and git's other arguments so */
		args[2] = getenv("PRE_COMMIT_COMMIT_MSG_SOURCE");
		args[3] = getenv("PRE_COMMIT_COMMIT_OBJECT_NAME");
		nargs = args[3] ? 3 : 2;
	} else if (!nargs && !strcmp(hook, "prepare-commit-msg")) {
		fprintf(err, "flowgate hook prepare-commit-msg: error: no message file given; the "
			"pre-commit framework passes it as the hook's one file: keep pass_filenames "
			"true\n");
		status = FG_EXIT_USAGE;
	} else if (!nargs && !strcmp(hook, "commit-msg")) {
		fprintf(err, "flowgate hook commit-msg: error: no message file given; the pre-commit "
			"framework passes it as the hook's one file: keep pass_filenames true and no "
			"files or exclude pattern that leaves it out\n");
		status = FG_EXIT_USAGE;
	}
	if (status == 0) {
		fflush(NULL);
		status = fg_hook_main(hook, nargs + 1, args, fg_cmd_hooks[i].fn,
				      fg_cmd_hooks[i].downgrade);
	}
	free(args);
	return status;
}

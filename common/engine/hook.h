/*
 * The hooks' shared driver (engine layer): fg_hook_main, which
 * hooks/<hook>.c's main() (FG_HOOK_MAIN) calls with that hook's flow
 * (hooks/hooks.h), the kept hook it chains to, and the few helpers every
 * flow uses to start: opening the repository, reading stdin, loading the
 * configuration and saying why it could not.
 */
#ifndef FLOWGATE_HOOK_H
#define FLOWGATE_HOOK_H

#include <stddef.h>
#include <git2.h>
#include "report.h"

/*
 * A hook binary's role: hooks/pre-receive.c defines fg_role_marker as
 * FG_ROLE_MARKER_PREFIX "pre-receive", so that string lies in that binary
 * alone (the library holds the prefix only, followed by its NUL); update
 * looks for it to know the pre-receive git runs is flowgate's.
 */
#define FG_ROLE_MARKER_PREFIX "@(#)flowgate-role:"
extern const char fg_role_marker[];

/* flowgate's version, X.Y.Z: the Makefile's VERSION, passed by the build. */
#ifndef FLOWGATE_VERSION
#error "FLOWGATE_VERSION is not defined: build with the Makefile (VERSION)"
#endif


struct fg_hook_ctx {
	const char *hook;      /* "pre-commit", ... */
	int argc;
	char **argv;
	char *input;           /* stdin as read by the hook (pre-push, pre-receive), owned;
				  NULL if not read */
	size_t input_len;
	/* The receiving side of a push (pre-receive, update): judged by the
	 * server's own rules, the pusher's environment (FLOWGATE_*) ignored
	 * unless flowgate.allowEnvSkip. */
	int receiving;
	struct fg_report report;
};

/* A hook's logic: fills CTX->report; returns an FG_EXIT_* status. */
typedef int (*fg_hook_fn)(struct fg_hook_ctx *ctx);

/*
 * fg_hook_main: with the one argument "--version", print "flowgate X.Y.Z"
 * on stdout and return 0. Otherwise initialise libgit2 (the repository
 * opened without an owner check: fg_repo_owner_checked), run FN, print the
 * report on stderr (at most FG_REPORT_LIMIT violations, then the count of
 * the rest per ref: fg_report_print), and,
 * when the checks passed, run the hook flowgate found in place
 * (<dir of argv[0]>/<hook>.pre-flowgate) with the same arguments and stdin.
 * Returns the process exit status: FN's, or the chained hook's when it ran.
 * post-merge (DOWNGRADE non-zero) prints errors as warnings and returns 0.
 * pre-receive and update run by GitLab (GL_ID or GL_PROTOCOL set and not
 * empty) start every line written on stderr with "GL-HOOK-ERR: " (theirs
 * and the chained hook's), the lines GitLab shows in its web UI.
 */
int fg_hook_main(const char *hook, int argc, char **argv, fg_hook_fn fn, int downgrade);

/*
 * FG_HOOK_MAIN(NAME, FN, DOWNGRADE): the main() of hooks/<NAME>.c, the hook
 * binary NAME: fg_hook_main(NAME, argc, argv, FN, DOWNGRADE). Empty when
 * the file is compiled into the library of hook flows (FG_HOOK_LIBRARY: the
 * Makefile's HOOKLIB), which the flowgate command, the hooks that run
 * another's flow and the unit suites link.
 */
#ifdef FG_HOOK_LIBRARY
#define FG_HOOK_MAIN(name, fn, downgrade)
#else
#define FG_HOOK_MAIN(name, fn, downgrade) \
	int main(int argc, char **argv) \
	{ \
		fg_hook_frees = FG_HOOK_BINARY_FREES; \
		return fg_hook_main(name, argc, argv, fn, downgrade); \
	}
#endif

/*
 * fg_hook_frees: 1 (the default) where a flow frees what it holds before
 * it returns, and fg_hook_main libgit2's state: the flowgate command and
 * the unit suites run flows many times. A hook binary's main() sets it to
 * FG_HOOK_BINARY_FREES: 0 in a release build, where the process exits as
 * soon as the flow is done and what it holds goes with it (about a tenth
 * of commit-msg's instructions in a small repository); 1 in a sanitizer
 * build, whose leak checks need every free.
 */
extern int fg_hook_frees;
#if defined(__SANITIZE_ADDRESS__) || defined(FG_HOOK_FREE_AT_EXIT)
#define FG_HOOK_BINARY_FREES 1
#else
#define FG_HOOK_BINARY_FREES 0
#endif


struct fg_config;
struct fg_config_from;
struct fg_staged;

/*
 * fg_hook_fatal: "flowgate <CTX->hook>: fatal: WHAT: WHY", one line on
 * stderr (fg_print_line): what stopped the hook before it could judge.
 */
void fg_hook_fatal(const struct fg_hook_ctx *ctx, const char *what, const char *why);

/*
 * fg_hook_open_repo: open the repository the hook runs in (fg_repo_open:
 * GIT_DIR and git's quarantine from the environment) into *REPO, which
 * the caller frees with git_repository_free. Returns 0, or -1 with the
 * reason printed (fg_hook_fatal; a SHA-256 repository, which libgit2 1.5
 * cannot read, named as such with the way to remove the hooks).
 */
int fg_hook_open_repo(struct fg_hook_ctx *ctx, git_repository **repo);

/*
 * fg_hook_open_for_push: fg_hook_open_repo for a judgement of ref updates
 * (pre-push, pre-receive, update), with libgit2's object cache off for
 * the process: the walk of new commits reads each commit and root tree
 * once, and the cache would hold all of them (on 10,000 new commits 17.8
 * MiB peak RSS cached against 11.3 MiB uncached, time -v). Returns as
 * fg_hook_open_repo.
 */
int fg_hook_open_for_push(struct fg_hook_ctx *ctx, git_repository **repo);

/*
 * fg_hook_read_input: read the hook's stdin whole into CTX->input (and
 * CTX->input_len), which fg_hook_main hands unchanged to the kept hook
 * and frees, and *COPY, a newly allocated copy with a NUL after it for the
 * caller to parse in place (fg_parse_updates) and free. Returns 0, or -1
 * with the error printed (*COPY NULL).
 */
int fg_hook_read_input(struct fg_hook_ctx *ctx, char **copy);

/*
 * fg_hook_load_config: load CFG (zeroed by the caller; released by it,
 * whatever the result) with the committed file read from FROM
 * (fg_repo_config; *FILE_ID, may be NULL, gets the file's blob) and make
 * CTX->report use its severities. Returns FG_EXIT_OK, FG_EXIT_CONFIG (bad
 * configuration, printed by fg_config_failed) or FG_EXIT_INTERNAL (printed).
 */
int fg_hook_load_config(struct fg_hook_ctx *ctx, struct fg_config *cfg, git_repository *repo,
			const struct fg_config_from *from, git_oid *file_id);

/*
 * fg_hook_load_index_config: open the index of REPO into STAGED
 * (fg_staged_open: only the few paths wanted are read) and load CFG by the
 * configuration committed with it, .flowgate as staged
 * (fg_repo_config_staged): pre-commit and commit-msg judge a commit by
 * the rules it commits. CTX->report then uses its severities. The caller
 * zeroes and releases CFG and STAGED. Returns as fg_hook_load_config.
 */
int fg_hook_load_index_config(struct fg_hook_ctx *ctx, struct fg_config *cfg,
			      git_repository *repo, struct fg_staged *staged);

/*
 * fg_config_failed: print CFG->error as "flowgate <hook>: error: bad
 * configuration: ..." on stderr; returns FG_EXIT_CONFIG.
 */
int fg_config_failed(struct fg_hook_ctx *ctx, const struct fg_config *cfg);

/*
 * fg_run_chained: run PATH with arguments ARGV[1..ARGC) and, when INPUT is
 * not NULL, INPUT[0..LEN) as its stdin (otherwise stdin is inherited).
 * Returns its exit status (128+N when killed by signal N), or -1 when it
 * cannot be started.
 */
int fg_run_chained(const char *path, int argc, char **argv, const char *input, size_t len);

#endif

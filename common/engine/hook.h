/*
 * The hooks' shared driver: fg_hook_main, which hooks/<hook>.c's main()
 * (FG_HOOK_MAIN) calls with that hook's flow (hooks/hooks.h).
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
		return fg_hook_main(name, argc, argv, fn, downgrade); \
	}
#endif


/* One line of pre-push or pre-receive input. */
struct fg_ref_update {
	char *local_ref, *remote_ref; /* full refnames, into the parsed input buffer */
	git_oid local, remote;        /* pre-receive: remote = old OID, local = new OID */
};

/*
 * fg_parse_updates: split hook input INPUT[0..LEN), with INPUT[LEN] a NUL
 * (fg_read_all's buffers are), modified in place (separators become NULs;
 * the fields point into it) into updates, one per '\n'-terminated line
 * (the last may lack it), empty lines skipped, fields separated by one
 * space, none empty, no NUL in a line (githooks(5)): for pre-push (RECEIVE 0) "<local ref> <local oid>
 * <remote ref> <remote oid>", for pre-receive (RECEIVE 1) "<old oid> <new
 * oid> <ref>", the receiving side's view: old is the remote's, new the
 * pushed. OIDs are 40 hex digits (SHA-1). Returns 0 with *OUT a newly
 * allocated array of *COUNT updates (NULL when none; the caller frees
 * it), or -1 on a malformed line or out of memory (*OUT NULL, *COUNT 0).
 */
int fg_parse_updates(char *input, size_t len, int receive, struct fg_ref_update **out,
		     size_t *count);

/*
 * fg_check_receive: pre-receive's judgement of COUNT parsed UPDATES
 * (fg_parse_updates with RECEIVE 1) against REPO, the receiving
 * repository (its refs not yet updated; the pushed objects readable, as in
 * git's quarantine): the same rules and refusals as fg_run_pre_receive,
 * violations added to CTX->report (CTX->hook names the hook in fatal
 * lines). Neither UPDATES nor REPO is kept or freed. Returns an FG_EXIT_*
 * status. For fg_run_pre_receive and the repository fuzz target.
 */
int fg_check_receive(struct fg_hook_ctx *ctx, git_repository *repo,
		     const struct fg_ref_update *updates, size_t count);

struct fg_config;

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

/*
 * The flowgate command's subcommands, one file each under hooks/flowgate/
 * (the top layer, over the engines; in the manner of libgit2's examples/),
 * dispatched by hooks/flowgate.c; and what several of them share
 * (cmd.c, check.c): the configuration read as the hooks read it, the
 * options that say where the committed .flowgate is read from and how
 * results are printed, the usage error, the check commands' results.
 *
 * Every subcommand takes the whole command line, ARGV[1] being its name
 * and ARGV[2..ARGC) its arguments, writes its results to OUT and its
 * errors to ERR, and returns the command's exit status: 0; 1 when a
 * checked result fails (FG_EXIT_VIOLATION); 2 on a usage error, its one
 * line then the command's synopsis on ERR (FG_EXIT_USAGE); 3 when a file,
 * the repository or the configuration cannot be read (FG_EXIT_INTERNAL),
 * also when OUT cannot be written; 4 on bad configuration, its one-line
 * error printed (FG_EXIT_CONFIG). `flowgate <command> --help` never
 * reaches them (fg_cmd_help).
 */
#ifndef FLOWGATE_CMD_H
#define FLOWGATE_CMD_H

#include <stdio.h>
#include <git2.h>
#include "config.h"
#include "hook.h"
#include "report.h"

/* ---- the subcommands ---------------------------------------------------- */

/*
 * fg_cmd_help: the help (help.h), when ARGV asks for it: `flowgate`,
 * `flowgate --help`, `-h` or `help` (the list of commands), `flowgate help
 * <command>` or `flowgate --help <command>`, and `flowgate <command> ...
 * --help` (or -h) for every command; for `hook`, whose arguments are
 * git's, only as its first argument. Returns the exit status when it
 * answered (the help on OUT, 0; no command: the list on ERR, FG_EXIT_USAGE;
 * an unknown command after help: FG_EXIT_USAGE), else -1 (not a help
 * request: the command runs). help.c.
 */
int fg_cmd_help(int argc, char **argv, FILE *out, FILE *err);

/*
 * fg_cmd_rules: `rules [--markdown] [--cached | --rev <commit>]`: the rules
 * with their current severity, where it was set and the hooks that check
 * them (--markdown: the README's table, from the registry and the built-in
 * defaults alone). rules.c.
 */
int fg_cmd_rules(int argc, char **argv, FILE *out, FILE *err);

/*
 * fg_cmd_config: `config [--cached | --rev <commit>]`: the effective
 * configuration, each value with its origin (fg_config_write). config.c.
 */
int fg_cmd_config(int argc, char **argv, FILE *out, FILE *err);

/*
 * fg_cmd_explain: `explain <rule> [--cached | --rev <commit>]`: what a rule
 * checks, its severity here, why, examples that pass and fail, the fix.
 * explain.c.
 */
int fg_cmd_explain(int argc, char **argv, FILE *out, FILE *err);

/*
 * fg_cmd_check_message: `check-message [--format text|json|github]
 * [--branch <name>] <file>|-` (and --cached or --rev <commit>, where the
 * committed .flowgate is read from, as for rules): the message rules
 * on one message file (stdin for -), cleaned up as git would store it,
 * with HEAD's branch (--branch's) and the staged version files as
 * commit-msg sees them. Exit 1 when it has an error-severity violation.
 * check-message.c.
 */
int fg_cmd_check_message(int argc, char **argv, FILE *out, FILE *err);

/*
 * fg_cmd_check_range: `check-range [--format text|json|github] [--branch
 * <name>] <A>..<B>` (and --cached or --rev <commit>): every rule that applies
 * to the range (fg_range_check, range.h): branchName on its branch, each
 * commit's message and version files, the tags into it; the branch is
 * --branch's ("" for none), else the CI's (fg_ci_branch), else HEAD's.
 * Exit 1 when a result has an error-severity violation. check-range.c.
 */
int fg_cmd_check_range(int argc, char **argv, FILE *out, FILE *err);

/*
 * fg_cmd_hotfix_status: `hotfix-status [--format text|json] [--older]
 * [<commit> | <hotfix-branch>]` (and --cached or --rev <commit>): where a fix
 * stands on the long-lived branches of the series it affects
 * (fg_hotfix_status, hotfix.h). Exit 1 when a branch lacks it.
 * hotfix-status.c.
 */
int fg_cmd_hotfix_status(int argc, char **argv, FILE *out, FILE *err);

/*
 * fg_cmd_version: `version [--cached | --rev <commit>]`: the version the
 * version files agree on (fg_release_version, release.h). Exit 1 when they
 * name no one version. version.c.
 */
int fg_cmd_version(int argc, char **argv, FILE *out, FILE *err);

/*
 * fg_cmd_bump: `bump <what> [--commit [--tag]] [--dry-run]` (--cached and
 * --rev are taken, then refused: bump reads the work tree): the next
 * version written into every version file and staged, the only command
 * that writes to the repository (fg_release_bump, bumpwrite.h). Exit 1
 * when refused, nothing changed. bump.c.
 */
int fg_cmd_bump(int argc, char **argv, FILE *out, FILE *err);

/*
 * fg_cmd_changelog: `changelog [<A>..<B> | <B>] [--format ...] [--write
 * <file>]`: the release notes of a range (fg_changelog_run, changelog.h).
 * changelog.c.
 */
int fg_cmd_changelog(int argc, char **argv, FILE *out, FILE *err);

/*
 * fg_cmd_init: `init [--force]`: a .flowgate that fits the work tree
 * (fg_init_run, init.h). init.c.
 */
int fg_cmd_init(int argc, char **argv, FILE *out, FILE *err);

/*
 * fg_cmd_install: `install [<repo> | --server <bare-repo>]` and `uninstall
 * [--server] [<repo>]`: exec install.sh (with --uninstall for uninstall)
 * and the other arguments: the installed one, <dir of this program>/../
 * libexec/flowgate/install.sh, else a checkout's <dir>/../install.sh with
 * FLOWGATE_BUILD=<dir>; its output and exit status are the command's.
 * Returns only when neither runs: 1, its error on ERR. OUT is unused.
 * install.c.
 */
int fg_cmd_install(int argc, char **argv, FILE *out, FILE *err);

/*
 * fg_cmd_doctor: `doctor [<repo>]`: whether git runs flowgate's checks at
 * each client hook `flowgate hook` runs (FG_CMD_HOOKS), and the fix of
 * each problem (fg_doctor, doctor.h: its exit status). doctor.c.
 */
int fg_cmd_doctor(int argc, char **argv, FILE *out, FILE *err);

/*
 * fg_cmd_hook: `hook <hook> [<arg>...]`: a client hook run in-process as
 * git runs its binary (fg_hook_main, hook.h: its report on stderr, its
 * exit status), without chaining a kept <hook>.pre-flowgate; with no
 * argument, pre-push and post-merge take theirs from the pre-commit
 * framework's environment (PRE_COMMIT_REMOTE_NAME, ...,
 * PRE_COMMIT_IS_SQUASH_MERGE; pre-push's one ref line becomes its stdin).
 * Returns the hook's exit status, or FG_EXIT_USAGE. OUT is unused: a
 * hook's report goes to stderr. hook.c.
 */
int fg_cmd_hook(int argc, char **argv, FILE *out, FILE *err);

/*
 * The client hooks `flowgate hook` runs, in the order its errors list them
 * (hook.c), each with its flow (hooks.h) and whether its violations are
 * only advice (fg_hook_main's DOWNGRADE); doctor checks the same ones.
 */
#define FG_CMD_NHOOKS 8
struct fg_cmd_hook {
	const char *name;
	fg_hook_fn fn;
	int downgrade;
};
extern const struct fg_cmd_hook fg_cmd_hooks[FG_CMD_NHOOKS];

/* ---- shared: cmd.c ------------------------------------------------------ */

/* How the check commands and hotfix-status print their results (--format). */
enum fg_cmd_format { FG_CMD_TEXT, FG_CMD_JSON, FG_CMD_GITHUB };

/* Where to read the committed .flowgate from, as the options say. */
struct fg_cmd_source {
	int cached;      /* --cached: the index */
	const char *rev; /* --rev <commit>: that commit; neither: the work tree */
};

/*
 * fg_cmd_source_arg: when ARGV[*I] is --cached, or --rev with a value
 * after it (*I then moved onto the value), set SRC and return 1; else
 * return 0 (a --rev without a value is the caller's unexpected argument).
 */
int fg_cmd_source_arg(struct fg_cmd_source *src, int argc, char **argv, int *i);

/*
 * fg_cmd_source_check: --cached with --rev is a usage error: its line on
 * ERR, FG_EXIT_USAGE; else 0.
 */
int fg_cmd_source_check(const struct fg_cmd_source *src, FILE *err);

/*
 * fg_cmd_format_arg: when ARGV[*I] is --format with a value after it (*I
 * then moved onto the value): set *FORMAT and return 1 for text, json and,
 * when GITHUB is non-zero, github; for another value, print "unknown
 * format" on ERR and return -1 (a usage error). Else return 0.
 */
int fg_cmd_format_arg(enum fg_cmd_format *format, int github, int argc, char **argv, int *i,
		      FILE *err);

/*
 * fg_cmd_unexpected: the usage error of ARG, an argument COMMAND does not
 * take: its line and COMMAND's synopsis (fg_help_print_usage) on ERR.
 * Returns FG_EXIT_USAGE.
 */
int fg_cmd_unexpected(const char *command, const char *arg, FILE *err);

/*
 * fg_cmd_load: CFG (emptied first: release it with fg_config_release, even
 * on error) as the hooks would see it: in a repository, with the committed
 * file from the work tree, the index or a commit (SRC); outside one,
 * defaults, git's global and system config and FLOWGATE_SKIP, and
 * *NO_REPO (NO_REPO may be NULL: not asked) a newly allocated "why; fix"
 * for a command that needs the repository (the caller frees it). With
 * REPO_OUT, *REPO_OUT the repository the caller goes on reading (NULL
 * outside one; the caller frees it). Returns 0, or an exit status with its
 * error on ERR: FG_EXIT_USAGE (--rev names no commit), FG_EXIT_INTERNAL
 * (not a repository with --cached or --rev, unreadable), FG_EXIT_CONFIG.
 */
int fg_cmd_load(struct fg_config *cfg, const struct fg_cmd_source *src, FILE *err,
		git_repository **repo_out, char **no_repo);

/*
 * fg_cmd_severity_text: the severity column of RULE under CFG: its
 * effective severity's name, or why it is inactive ("off (no scopes)").
 * Static storage.
 */
const char *fg_cmd_severity_text(const struct fg_config *cfg, enum fg_rule rule);

/* ---- shared by the check commands: check.c ------------------------------ */

/* The arguments of check-message and check-range. */
struct fg_cmd_check_args {
	struct fg_cmd_source src;
	const char *branch;       /* --branch, "refs/heads/" dropped; NULL: not given */
	enum fg_cmd_format format;
	const char *operand;      /* the file (or -) or the range */
};

/*
 * fg_cmd_check_args: ARGV (ARGV[1] the check command) into A, then the
 * usage errors that do not need the repository: --cached with --rev, no
 * operand. Returns 0, or FG_EXIT_USAGE with the error on ERR.
 */
int fg_cmd_check_args(struct fg_cmd_check_args *a, int argc, char **argv, FILE *err);

/*
 * fg_cmd_write_result: one result to OUT in FORMAT: NAME ("commit
 * 1a2b3c4d5e6f", "branch main", "tag v0.16.0" or the message file's name)
 * of KIND ("commit", "branch", "tag", "message"), ID the commit's full hex
 * OID (NULL: none), FILE the message file GitHub can annotate a line of
 * (NULL: none), its violations in REPORT. Text: each violation's line,
 * excerpt and hint; github: one workflow command (::error, ::warning,
 * ::notice) each, its message escaped; JSON: one element of the "results"
 * array, *FIRST tracking its commas (1 before the first).
 */
void fg_cmd_write_result(FILE *out, enum fg_cmd_format format, const char *kind,
			 const char *name, const char *id, const char *file,
			 const struct fg_report *report, int *first);

/*
 * fg_cmd_write_summary: the last line, "N passed, N failed" (text,
 * github), or the counts closing the JSON document that
 * "{\n  \"results\": [" opened.
 */
void fg_cmd_write_summary(FILE *out, enum fg_cmd_format format, size_t passed, size_t failed);

#endif

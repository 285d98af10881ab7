/*
 * The flowgate command, for people and CI: the same library as the hooks,
 * reporting on the rules and the configuration instead of enforcing them.
 */
#ifndef FLOWGATE_CLI_H
#define FLOWGATE_CLI_H

#include <stdio.h>

/*
 * fg_cli_main: run `flowgate ARGV[1..ARGC)` writing results to OUT and
 * errors to ERR. Commands:
 *   rules [--markdown]  the rules with their current severity and where it
 *                       was set (--markdown: the README table, from the
 *                       registry alone);
 *   config              the effective configuration, each value's origin;
 *   explain <rule>      what a rule checks, why, examples that pass and fail;
 *   check-message FILE|-  the message rules on one message file (stdin for
 *                       -), cleaned up as git would store it;
 *   check-range A..B    every rule that applies to the range
 *                       (fg_range_check, range.h): branchName on its
 *                       branch, each commit's message and version files,
 *                       the tags into it; the branch is --branch <name>
 *                       ("" for none), else the CI's (fg_ci_branch), else
 *                       HEAD's;
 *   version [--cached | --rev <commit>]  the version the version files
 *                       agree on (fg_release_version);
 *   changelog [<A>..<B> | <B>] [--format ...] [--write <file>]  the release
 *                       notes of a range (fg_changelog_run, changelog.h);
 *   init [--force]      a .flowgate that fits the work tree (fg_init_run,
 *                       init.h);
 *   bump <what> [--commit [--tag]] [--dry-run]  the next version written
 *                       into every version file and staged, the only
 *                       command that writes (fg_release_bump);
 *   hook <hook> [<arg>...]  a client hook (pre-commit, commit-msg, pre-push,
 *                       post-merge, post-commit, prepare-commit-msg,
 *                       applypatch-msg, pre-applypatch) run in-process as
 *                       git runs its binary
 *                       (fg_hook_main, hook.h: its report on stderr, its exit
 *                       status), without chaining a kept <hook>.pre-flowgate;
 *                       with no argument, pre-push and post-merge take theirs
 *                       from the pre-commit framework's environment
 *                       (PRE_COMMIT_REMOTE_NAME, ..., PRE_COMMIT_IS_SQUASH_MERGE;
 *                       pre-push's one ref line becomes its stdin);
 *   install [<repo> | --server <bare-repo>], uninstall [--server] [<repo>]
 *                       exec install.sh (with --uninstall for uninstall)
 *                       and the other arguments: the installed one,
 *                       <dir of this program>/../libexec/flowgate/
 *                       install.sh, else a checkout's <dir>/../install.sh
 *                       with FLOWGATE_BUILD=<dir>; its output and exit
 *                       status are the command's (1 when neither runs);
 *   doctor [<repo>]     whether git runs flowgate's checks at each client
 *                       hook (the `hook` command's list) of the clone,
 *                       and the fix of each problem (fg_doctor, doctor.h:
 *                       its exit status);
 *   help [<command>]    the help (help.h): `flowgate`, `--help`, `-h` and
 *                       `help` list the commands (no command: on ERR, exit
 *                       2); `help <command>`, `--help <command>` and
 *                       `<command> ... --help` (or -h; for hook, only as
 *                       its first argument) print that command's help on
 *                       OUT and return 0, before any other argument is
 *                       looked at. A usage error prints one line and the
 *                       command's synopsis on ERR.
 * The check commands take --format text|json|github (GitHub Actions
 * workflow commands) and close with "N passed, N failed" (text, github) or
 * the same counts in the JSON document (each result, a message file or
 * check-range's branch, commit or tag, counts once); they exit 1 when a
 * result has an error-severity violation.
 * rules, config and explain read the configuration as the hooks do, with
 * the committed file taken from the work tree (--cached: the index;
 * --rev <commit>: that commit) when run in a repository, and from git's
 * global and system config alone outside one.
 * Returns the exit status (hook: the hook's): 0, 1 when a checked result
 * fails (version: no one version; bump: refused, nothing changed), 2 on a usage
 * error (unknown command, option, format, rule or range), 3 when a file,
 * the repository or the configuration cannot be read, 4 on bad
 * configuration (its one-line error printed).
 */
int fg_cli_main(int argc, char **argv, FILE *out, FILE *err);

#endif

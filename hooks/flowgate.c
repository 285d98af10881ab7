/*
 * flowgate: the command for people and CI (not a hook; it lives beside the
 * hooks because it is built the same way, from the same library). It
 * prints the rules, the effective configuration and what each rule checks,
 * runs the checks on a message or a range, reports on releases and
 * hotfixes, and runs a hook for the pre-commit framework; only `bump`
 * writes to the repository. This file holds main() and the dispatch: the
 * table of subcommands, each one's flow in its own file under
 * hooks/flowgate/ (declared, with their contracts, in flowgate/cmd.h), the
 * global options (--version; --help, -h and help: fg_cmd_help) and the
 * unknown command's error.
 *
 * The check commands take --format text|json|github (GitHub Actions
 * workflow commands) and close with "N passed, N failed" (text, github) or
 * the same counts in the JSON document (each result, a message file or
 * check-range's branch, commit or tag, counts once); they exit 1 when a
 * result has an error-severity violation. rules, config and explain read
 * the configuration as the hooks do, with the committed file taken from
 * the work tree (--cached: the index; --rev <commit>: that commit) when
 * run in a repository, and from git's global and system config alone
 * outside one. `help <command>`, `--help <command>` and `<command> ...
 * --help` print that command's help on stdout and exit 0, before any other
 * argument is looked at; `flowgate`, `--help`, `-h` and `help` list the
 * commands (no command: on stderr, exit 2).
 * Exit status (hook: the hook's): 0, 1 when a checked result fails
 * (version: no one version; bump: refused, nothing changed), 2 on a usage
 * error (unknown command, option, format, rule or range: one line and the
 * command's synopsis on stderr), 3 when a file, the repository or the
 * configuration cannot be read, or stdout cannot be written, 4 on bad
 * configuration (its one-line error printed).
 */
#include <stdio.h>
#include <string.h>
#include "flowgate/cmd.h"
#include "hook.h"
#include "gitinit.h"

/* The subcommands, in the order flowgate --help lists them (help.c's table). */
static const struct {
	const char *name;
	int (*run)(int argc, char **argv, FILE *out, FILE *err);
} commands[] = {
	{ "rules", fg_cmd_rules },
	{ "config", fg_cmd_config },
	{ "explain", fg_cmd_explain },
	{ "check-message", fg_cmd_check_message },
	{ "check-range", fg_cmd_check_range },
	{ "hotfix-status", fg_cmd_hotfix_status },
	{ "version", fg_cmd_version },
	{ "bump", fg_cmd_bump },
	{ "changelog", fg_cmd_changelog },
	{ "init", fg_cmd_init },
	{ "install", fg_cmd_install },
	{ "uninstall", fg_cmd_install },
	{ "doctor", fg_cmd_doctor },
	{ "hook", fg_cmd_hook },
};

/*
 * `flowgate ARGV[1..ARGC)`, results on OUT and errors on ERR: --version,
 * then a help request, then the subcommand ARGV[1] names. Returns the exit
 * status.
 */
static int dispatch(int argc, char **argv, FILE *out, FILE *err)
{
	const char *command = argc > 1 ? argv[1] : NULL;
	int status;

	if (command && !strcmp(command, "--version") && argc == 2) {
		fprintf(out, "flowgate %s\n", FLOWGATE_VERSION);
		return 0;
	}
	if ((status = fg_cmd_help(argc, argv, out, err)) >= 0)
		return status; /* it answered every call without a command */
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (!strcmp(command, commands[i].name))
			return commands[i].run(argc, argv, out, err);
	fg_print_line(err, "flowgate: error: unknown command '%s'; flowgate --help lists "
		      "the commands", command);
	return FG_EXIT_USAGE;
}

int main(int argc, char **argv)
{
	int status;

	if (fg_git_init() < 0) {
		fprintf(stderr, "flowgate: fatal: cannot initialise libgit2: %s\n", fg_git_error());
		return FG_EXIT_INTERNAL;
	}
	status = dispatch(argc, argv, stdout, stderr);
	if (fflush(stdout) != 0 && status == 0)
		status = FG_EXIT_INTERNAL;
	fg_git_shutdown();
	return status;
}

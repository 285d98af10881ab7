/*
 * flowgate: the command for people and CI (not a hook; it lives beside the
 * hooks because it is built the same way, from the same library). It
 * prints the rules, the effective configuration and what each rule checks;
 * it never writes to the repository. See common/cli.h for the commands.
 */
#include <stdio.h>
#include "cli.h"
#include "hook.h"
#include "gitinit.h"

int main(int argc, char **argv)
{
	int status;

	if (fg_git_init() < 0) {
		fprintf(stderr, "flowgate: fatal: cannot initialise libgit2: %s\n", fg_git_error());
		return FG_EXIT_INTERNAL;
	}
	status = fg_cli_main(argc, argv, stdout, stderr);
	if (fflush(stdout) != 0 && status == 0)
		status = FG_EXIT_INTERNAL;
	fg_git_shutdown();
	return status;
}

/*
 * flowgate init (flowgate/cmd.h): a .flowgate that fits the work tree of
 * the current directory's repository (init.h).
 */
#include <string.h>
#include "flowgate/cmd.h"
#include "help.h"
#include "init.h"
#include "gitinit.h"
#include "repo.h"

/*
 * flowgate init [--force]: fg_init_run in the repository of the current
 * directory. Returns its exit status, or FG_EXIT_USAGE.
 */
int fg_cmd_init(int argc, char **argv, FILE *out, FILE *err)
{
	git_repository *repo = NULL;
	int force = 0, status;

	for (int i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--force") || force) {
			fg_print_line(err, "flowgate init: error: unexpected argument '%s'", argv[i]);
			fg_help_print_usage(fg_help_find("init"), err);
			return FG_EXIT_USAGE;
		}
		force = 1;
	}
	if (fg_repo_open(&repo) < 0) {
		fg_print_line(err, "flowgate init: fatal: not in a git repository: %s; run it in "
			      "the clone to configure", fg_git_error());
		return FG_EXIT_INTERNAL;
	}
	status = fg_init_run(repo, force, out, err);
	git_repository_free(repo);
	return status;
}

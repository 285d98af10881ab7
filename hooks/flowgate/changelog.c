/*
 * flowgate changelog (flowgate/cmd.h): the release notes of a range
 * (changelog.h), the configuration read as the other commands read it.
 */
#include <stdlib.h>
#include "changelog.h"
#include "flowgate/cmd.h"
#include "help.h"

/*
 * flowgate changelog ARGV[2..]: its options (fg_changelog_parse_args), the
 * configuration as the other commands read it, then fg_changelog_run.
 * Returns its exit status.
 */
int fg_cmd_changelog(int argc, char **argv, FILE *out, FILE *err)
{
	struct fg_changelog_options opts;
	struct fg_cmd_source src = { 0, NULL };
	struct fg_config cfg;
	git_repository *repo = NULL;
	char *no_repo = NULL;
	int status;

	if ((status = fg_changelog_parse_args(&opts, argc - 2, argv + 2, err)) != 0) {
		fg_help_print_usage(fg_help_find("changelog"), err);
		return status;
	}
	if ((status = fg_cmd_load(&cfg, &src, err, &repo, &no_repo)) == 0) {
		if (repo)
			status = fg_changelog_run(&cfg, repo, &opts, out, err);
		else
			fg_print_line(err, "flowgate changelog: fatal: not in a git repository: %s",
				      no_repo ? no_repo : "out of memory");
		status = repo ? status : FG_EXIT_INTERNAL;
	}
	free(no_repo);
	git_repository_free(repo);
	fg_config_release(&cfg);
	return ferror(out) && !status ? FG_EXIT_INTERNAL : status;
}

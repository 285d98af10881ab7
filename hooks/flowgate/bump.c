/*
 * flowgate bump (flowgate/cmd.h): its arguments, then fg_release_bump
 * (bumpwrite.h), the only command that writes: the version files, the
 * index, and with --commit and --tag a commit and a tag.
 */
#include <string.h>
#include "bumpwrite.h"
#include "flowgate/cmd.h"
#include "help.h"

int fg_cmd_bump(int argc, char **argv, FILE *out, FILE *err)
{
	struct fg_cmd_source src = { 0, NULL };
	struct fg_bump_options bump = { NULL, 0, 0, 0 };
	struct fg_config cfg;
	git_repository *repo = NULL;
	int status;

	for (int i = 2; i < argc; i++) {
		if (fg_cmd_source_arg(&src, argc, argv, &i))
			continue;
		if (!strcmp(argv[i], "--commit"))
			bump.commit = 1;
		else if (!strcmp(argv[i], "--tag"))
			bump.tag = 1;
		else if (!strcmp(argv[i], "--dry-run"))
			bump.dry_run = 1;
		else if (!bump.what && argv[i][0] != '-')
			bump.what = argv[i];
		else
			return fg_cmd_unexpected(argv[1], argv[i], err);
	}
	if ((status = fg_cmd_source_check(&src, err)) != 0)
		return status;
	if (src.cached || src.rev) {
		fprintf(err, "flowgate bump: error: --cached and --rev do not apply; bump reads and "
			"writes the work tree\n");
		return FG_EXIT_USAGE;
	}
	if (!bump.what) {
		fprintf(err, "flowgate bump: error: nothing to bump; give %s\n", FG_BUMP_USAGE);
		fg_help_print_usage(fg_help_find(argv[1]), err);
		return FG_EXIT_USAGE;
	}
	if (bump.tag && !bump.commit) {
		fprintf(err, "flowgate bump: error: --tag tags the bump commit; add --commit\n");
		return FG_EXIT_USAGE;
	}
	if ((status = fg_cmd_load(&cfg, &src, err, &repo, NULL)) == 0)
		status = fg_release_bump(&cfg, repo, &bump, out, err);
	git_repository_free(repo);
	fg_config_release(&cfg);
	return ferror(out) && !status ? FG_EXIT_INTERNAL : status;
}

/*
 * flowgate version (flowgate/cmd.h): the version the version files agree
 * on, read from the work tree, the index (--cached) or a commit (--rev)
 * by fg_release_version (release.h).
 */
#include <string.h>
#include "flowgate/cmd.h"
#include "release.h"

int fg_cmd_version(int argc, char **argv, FILE *out, FILE *err)
{
	struct fg_cmd_source src = { 0, NULL };
	struct fg_config cfg;
	git_repository *repo = NULL;
	int status;

	for (int i = 2; i < argc; i++)
		if (!fg_cmd_source_arg(&src, argc, argv, &i))
			return fg_cmd_unexpected(argv[1], argv[i], err);
	if ((status = fg_cmd_source_check(&src, err)) != 0)
		return status;
	if ((status = fg_cmd_load(&cfg, &src, err, &repo, NULL)) == 0) {
		struct fg_version_source from = { src.cached, src.rev };

		status = fg_release_version(&cfg, repo, &from, out, err);
	}
	git_repository_free(repo);
	fg_config_release(&cfg);
	return ferror(out) && !status ? FG_EXIT_INTERNAL : status;
}

/*
 * flowgate hotfix-status (flowgate/cmd.h): where a fix stands on the
 * long-lived branches of the series it affects (fg_hotfix_status,
 * hotfix.h), printed as a table or a JSON document (hotfixprint.h).
 */
#include <stdlib.h>
#include <string.h>
#include "flowgate/cmd.h"
#include "hotfix.h"
#include "hotfixprint.h"

/*
 * hotfix-status: where fix WHAT (hotfix.h; NULL: HEAD's hotfix branch) stands
 * on the long-lived branches of the series it affects (FLAGS: hotfix.h's);
 * exit 1 when one lacks it.
 */
static int hotfix_status(struct fg_config *cfg, git_repository *repo, const char *no_repo,
			 const char *what, unsigned flags, enum fg_cmd_format format, FILE *out,
			 FILE *err)
{
	struct fg_hotfix fix;
	char *why = NULL;
	int rc;

	if (!repo) {
		fg_print_line(err, "flowgate: fatal: hotfix-status needs a git repository: %s",
			      no_repo ? no_repo : "out of memory");
		return FG_EXIT_INTERNAL;
	}
	rc = fg_hotfix_status(&fix, repo, cfg, what, flags, &why);
	if (rc == 0 && format == FG_CMD_JSON)
		fg_hotfix_print_json(&fix, out);
	else if (rc == 0)
		fg_hotfix_print(&fix, out);
	else if (cfg->error)
		fg_print_line(err, "flowgate: error: bad configuration: %s", cfg->error);
	else
		fg_print_line(err, "flowgate hotfix-status: %s: %s", rc == -2 ? "error" : "fatal",
			      why ? why : "out of memory");
	free(why);
	rc = rc == 0 ? (fix.lacking ? FG_EXIT_VIOLATION : 0)
	     : cfg->error ? FG_EXIT_CONFIG : rc == -2 ? FG_EXIT_USAGE : FG_EXIT_INTERNAL;
	fg_hotfix_release(&fix);
	return rc;
}

int fg_cmd_hotfix_status(int argc, char **argv, FILE *out, FILE *err)
{
	struct fg_cmd_source src = { 0, NULL };
	enum fg_cmd_format format = FG_CMD_TEXT;
	struct fg_config cfg;
	git_repository *repo = NULL;
	const char *operand = NULL;
	char *no_repo = NULL; /* why hotfix-status has no repository */
	unsigned flags = 0;
	int status;

	for (int i = 2; i < argc; i++) {
		if (fg_cmd_source_arg(&src, argc, argv, &i))
			continue;
		if ((status = fg_cmd_format_arg(&format, 0, argc, argv, &i, err)) != 0) {
			if (status < 0)
				return FG_EXIT_USAGE;
		} else if (!operand && argv[i][0] != '-') {
			operand = argv[i];
		} else if (!strcmp(argv[i], "--older")) {
			flags |= FG_HOTFIX_OLDER;
		} else {
			return fg_cmd_unexpected(argv[1], argv[i], err);
		}
	}
	if ((status = fg_cmd_source_check(&src, err)) != 0)
		return status;
	if ((status = fg_cmd_load(&cfg, &src, err, &repo, &no_repo)) != 0) {
		fg_config_release(&cfg);
		free(no_repo);
		return status;
	}
	status = hotfix_status(&cfg, repo, no_repo, operand, flags, format, out, err);
	free(no_repo);
	git_repository_free(repo);
	fg_config_release(&cfg);
	return ferror(out) && !status ? FG_EXIT_INTERNAL : status;
}

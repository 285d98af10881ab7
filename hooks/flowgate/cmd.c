/*
 * What the flowgate command's subcommands share (flowgate/cmd.h): the
 * configuration read as the hooks read it (repo.h), the --cached, --rev
 * and --format options, the usage error, the rules' severity column.
 */
#include <stdlib.h>
#include <string.h>
#include "flowgate/cmd.h"
#include "help.h"
#include "gitinit.h"
#include "repoconfig.h"
#include "repo.h"

int fg_cmd_source_arg(struct fg_cmd_source *src, int argc, char **argv, int *i)
{
	if (!strcmp(argv[*i], "--cached")) {
		src->cached = 1;
		return 1;
	}
	if (!strcmp(argv[*i], "--rev") && *i + 1 < argc) {
		src->rev = argv[++*i];
		return 1;
	}
	return 0;
}

int fg_cmd_source_check(const struct fg_cmd_source *src, FILE *err)
{
	if (src->cached && src->rev) {
		fprintf(err, "flowgate: error: --cached and --rev cannot be used together\n");
		return FG_EXIT_USAGE;
	}
	return 0;
}

int fg_cmd_format_arg(enum fg_cmd_format *format, int github, int argc, char **argv, int *i,
		      FILE *err)
{
	if (strcmp(argv[*i], "--format") || *i + 1 >= argc)
		return 0;
	++*i;
	if (!strcmp(argv[*i], "text")) {
		*format = FG_CMD_TEXT;
	} else if (!strcmp(argv[*i], "json")) {
		*format = FG_CMD_JSON;
	} else if (!strcmp(argv[*i], "github") && github) {
		*format = FG_CMD_GITHUB;
	} else {
		fg_print_line(err, "flowgate: error: unknown format '%s'; use text, json%s", argv[*i],
			      github ? " or github" : "");
		return -1;
	}
	return 1;
}

int fg_cmd_unexpected(const char *command, const char *arg, FILE *err)
{
	fg_print_line(err, "flowgate: error: unexpected argument '%s'", arg);
	fg_help_print_usage(fg_help_find(command), err);
	return FG_EXIT_USAGE;
}

int fg_cmd_load(struct fg_config *cfg, const struct fg_cmd_source *src, FILE *err,
		git_repository **repo_out, char **no_repo)
{
	git_repository *repo = NULL;
	git_index *index = NULL;
	git_object *tree = NULL;
	git_config *git_cfg = NULL;
	struct fg_config_from from = { NULL, NULL, src->rev, !src->cached && !src->rev, 0 };
	int rc, status = FG_EXIT_INTERNAL;

	memset(cfg, 0, sizeof(*cfg));
	if (repo_out)
		*repo_out = NULL;
	if ((rc = fg_repo_open(&repo)) < 0) {
		/*
		 * fg_repo_open refuses a repository another user owns as git
		 * does (a CI container's checkout): GIT_EOWNER, its message
		 * naming the directory safe.directory must name.
		 */
		int owner = rc == GIT_EOWNER;

		if (no_repo)
			*no_repo = fg_strdupf("%s; %s", fg_git_error(), owner
					      ? "if you trust it, git config --global --add "
						"safe.directory <the directory named>"
					      : "run it inside a clone");
		if (src->cached || src->rev) {
			fg_print_line(err, "flowgate: fatal: not in a git repository: %s",
				      fg_git_error());
			return FG_EXIT_INTERNAL;
		}
		git_error_clear();
		/* outside a repository: defaults, global and system config, environment */
		if (fg_config_init(cfg) < 0 || git_config_open_default(&git_cfg) < 0)
			goto fail;
		rc = fg_config_apply_git(cfg, git_cfg);
		if (rc == 0)
			rc = fg_config_apply_env(cfg, getenv("FLOWGATE_SKIP"));
		git_config_free(git_cfg);
	} else {
		if (src->cached && git_repository_index(&index, repo) < 0)
			goto fail;
		if (src->rev) {
			git_object *object = NULL;

			if (git_revparse_single(&object, repo, src->rev) < 0 ||
			    git_object_peel(&tree, object, GIT_OBJECT_TREE) < 0) {
				git_object_free(object);
				fg_print_line(err, "flowgate: error: '%s' names no commit: %s", src->rev,
					      fg_git_error());
				status = FG_EXIT_USAGE;
				goto out;
			}
			git_object_free(object);
		}
		from.index = index;
		from.tree = (git_tree *)tree;
		rc = fg_repo_config(cfg, repo, &from, NULL);
	}
	if (rc == -1) {
		fg_print_line(err, "flowgate: error: bad configuration: %s",
			      cfg->error ? cfg->error : "out of memory");
		status = FG_EXIT_CONFIG;
		goto out;
	}
	if (rc < 0)
		goto fail;
	status = 0;
	if (repo_out) { /* the caller goes on reading the repository */
		*repo_out = repo;
		repo = NULL;
	}
	goto out;
fail:
	fg_print_line(err, "flowgate: fatal: cannot read the configuration: %s", fg_git_error());
out:
	git_object_free(tree);
	git_index_free(index);
	git_repository_free(repo);
	return status;
}

const char *fg_cmd_severity_text(const struct fg_config *cfg, enum fg_rule rule)
{
	if (rule == FG_RULE_SCOPE_ENUM && cfg->severity[rule] != FG_OFF && !cfg->nscopes)
		return "off (no scopes)";
	return fg_severity_config_name(fg_config_severity(cfg, rule));
}

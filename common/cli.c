/*
 * The flowgate command: `rules`, `config` and `explain`, reading the
 * configuration the way the hooks do (repo.c) and the rule registry
 * (rules.h). It never writes to the repository.
 */
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "config.h"
#include "hook.h"
#include "repo.h"

static const char usage[] =
	"usage: flowgate rules [--markdown] [--cached | --rev <commit>]\n"
	"       flowgate config [--cached | --rev <commit>]\n"
	"       flowgate explain <rule> [--cached | --rev <commit>]\n"
	"       flowgate help\n";

/* Where to read the committed file from, as the options say. */
struct source {
	int cached;
	const char *rev;
};

/*
 * CFG as the hooks would see it: in a repository, with the committed file
 * from the work tree, the index or a commit; outside one, defaults and
 * git's global/system config. Returns 0 or an exit status.
 */
static int load(struct fg_config *cfg, const struct source *src, FILE *err)
{
	git_repository *repo = NULL;
	git_index *index = NULL;
	git_object *tree = NULL;
	git_config *git_cfg = NULL;
	struct fg_config_from from = { NULL, NULL, src->rev, !src->cached && !src->rev };
	int rc, status = FG_EXIT_INTERNAL;

	memset(cfg, 0, sizeof(*cfg));
	if (fg_repo_open(&repo) < 0) {
		if (src->cached || src->rev) {
			fprintf(err, "flowgate: fatal: not in a git repository: %s\n", fg_git_error());
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
				fprintf(err, "flowgate: error: '%s' names no commit: %s\n", src->rev,
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
		fprintf(err, "flowgate: error: bad configuration: %s\n",
			cfg->error ? cfg->error : "out of memory");
		status = FG_EXIT_CONFIG;
		goto out;
	}
	if (rc < 0)
		goto fail;
	status = 0;
	goto out;
fail:
	fprintf(err, "flowgate: fatal: cannot read the configuration: %s\n", fg_git_error());
out:
	git_object_free(tree);
	git_index_free(index);
	git_repository_free(repo);
	return status;
}

/* The severity column: the effective one, and why a rule is inactive. */
static const char *severity_text(const struct fg_config *cfg, enum fg_rule rule)
{
	if (rule == FG_RULE_SCOPE_ENUM && cfg->severity[rule] != FG_OFF && !cfg->nscopes)
		return "off (no scopes)";
	return fg_severity_config_name(fg_config_severity(cfg, rule));
}

static void write_rules(const struct fg_config *cfg, FILE *out)
{
	char hooks[80];

	fprintf(out, "%-20s %-16s %-22s %s\n", "RULE", "SEVERITY", "SET BY", "HOOKS");
	for (int i = 0; i < FG_RULE__COUNT; i++) {
		const struct fg_rule_info *info = fg_rule_info((enum fg_rule)i);

		fprintf(out, "%-20s %-16s %-22s %s\n", info->name, severity_text(cfg, (enum fg_rule)i),
			cfg->severity_origin[i], fg_hook_names(info->hooks, hooks, sizeof(hooks)));
		fprintf(out, "    %s\n", info->summary);
	}
}

/* TEXT's newline-separated examples as "`a`, `b`" (a '|' escaped for the table). */
static void write_examples(FILE *out, const char *text)
{
	int first = 1;

	while (*text) {
		size_t len = strcspn(text, "\n");

		fprintf(out, "%s`", first ? "" : ", ");
		for (size_t i = 0; i < len; i++)
			fputs(text[i] == '|' ? "\\|" : (char[]){ text[i], '\0' }, out);
		fputc('`', out);
		first = 0;
		text += len + (text[len] == '\n');
	}
}

/* The README's rules table: from the registry alone, never the configuration. */
static void write_markdown(FILE *out)
{
	char hooks[80];

	fprintf(out, "| rule | hooks | default | checks | refused, for example |\n");
	fprintf(out, "| --- | --- | --- | --- | --- |\n");
	for (int i = 0; i < FG_RULE__COUNT; i++) {
		const struct fg_rule_info *info = fg_rule_info((enum fg_rule)i);

		fprintf(out, "| `%s` | %s | %s | %s | ", info->name,
			fg_hook_names(info->hooks, hooks, sizeof(hooks)),
			fg_severity_config_name(info->severity), info->summary);
		write_examples(out, info->fails);
		fprintf(out, " |\n");
	}
}

static void write_lines(FILE *out, const char *text)
{
	while (*text) {
		size_t len = strcspn(text, "\n");
		fprintf(out, "    %.*s\n", (int)len, text);
		text += len + (text[len] == '\n');
	}
}

static void write_explain(const struct fg_config *cfg, enum fg_rule rule, FILE *out)
{
	const struct fg_rule_info *info = fg_rule_info(rule);
	char hooks[80];

	fprintf(out, "%s: %s\n\n", info->name, info->summary);
	fprintf(out, "Hooks: %s\n", fg_hook_names(info->hooks, hooks, sizeof(hooks)));
	fprintf(out, "Severity: %s (default %s; set by %s)\n", severity_text(cfg, rule),
		fg_severity_config_name(info->severity), cfg->severity_origin[rule]);
	fprintf(out, "\nWhy: %s\n", info->why);
	fprintf(out, "\nPasses:\n");
	write_lines(out, info->passes);
	if (*info->fails) {
		fprintf(out, "\nFails:\n");
		write_lines(out, info->fails);
	}
	fprintf(out, "\nFix: %s\n", info->hint);
	fprintf(out, "\nConfigure: [rule \"%s\"] severity = error|warn|info|off in .flowgate, "
		"or git config flowgate.%s <severity>; FLOWGATE_SKIP=%s for one command\n",
		info->name, info->name, info->name);
}

int fg_cli_main(int argc, char **argv, FILE *out, FILE *err)
{
	struct source src = { 0, NULL };
	struct fg_config cfg;
	const char *command = argc > 1 ? argv[1] : NULL, *rule_name = NULL;
	int markdown = 0, rule = -1, status;

	if (!command || !strcmp(command, "help") || !strcmp(command, "--help") ||
	    !strcmp(command, "-h")) {
		fputs(usage, command ? out : err);
		return command ? 0 : FG_EXIT_USAGE;
	}
	if (strcmp(command, "rules") && strcmp(command, "config") && strcmp(command, "explain")) {
		fprintf(err, "flowgate: error: unknown command '%s'\n%s", command, usage);
		return FG_EXIT_USAGE;
	}
	for (int i = 2; i < argc; i++) {
		if (!strcmp(argv[i], "--markdown") && !strcmp(command, "rules")) {
			markdown = 1;
		} else if (!strcmp(argv[i], "--cached")) {
			src.cached = 1;
		} else if (!strcmp(argv[i], "--rev") && i + 1 < argc) {
			src.rev = argv[++i];
		} else if (argv[i][0] != '-' && !strcmp(command, "explain") && !rule_name) {
			rule_name = argv[i];
		} else {
			fprintf(err, "flowgate: error: unexpected argument '%s'\n%s", argv[i], usage);
			return FG_EXIT_USAGE;
		}
	}
	if (src.cached && src.rev) {
		fprintf(err, "flowgate: error: --cached and --rev cannot be used together\n");
		return FG_EXIT_USAGE;
	}
	if (!strcmp(command, "explain")) {
		if (!rule_name) {
			fprintf(err, "flowgate: error: explain needs a rule name\n%s", usage);
			return FG_EXIT_USAGE;
		}
		if ((rule = fg_rule_lookup(rule_name)) < 0) {
			fprintf(err, "flowgate: error: no rule is named '%s'; flowgate rules lists them\n",
				rule_name);
			return FG_EXIT_USAGE;
		}
	}
	if (markdown) { /* the registry alone: no repository, no configuration */
		write_markdown(out);
		return ferror(out) ? FG_EXIT_INTERNAL : 0;
	}
	if ((status = load(&cfg, &src, err)) != 0) {
		fg_config_release(&cfg);
		return status;
	}
	if (!strcmp(command, "rules"))
		write_rules(&cfg, out);
	else if (!strcmp(command, "config"))
		fg_config_write(&cfg, out);
	else
		write_explain(&cfg, (enum fg_rule)rule, out);
	fg_config_release(&cfg);
	return ferror(out) ? FG_EXIT_INTERNAL : 0;
}

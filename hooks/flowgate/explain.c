/*
 * flowgate explain (flowgate/cmd.h): one rule of the registry (rules.h),
 * its summary under this configuration, the hooks that check it, its
 * severity and where it was set, why, examples, the fix and how to
 * configure it: the text flowgate-rules(7) holds for every rule.
 */
#include <stdlib.h>
#include <string.h>
#include "flowgate/cmd.h"
#include "help.h"
#include "summary.h"

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

	char *summary = fg_rule_summary(cfg, rule);

	fprintf(out, "%s: %s\n\n", info->name, summary ? summary : info->summary);
	free(summary);
	fprintf(out, "Hooks: %s\n", fg_hook_names(info->hooks, hooks, sizeof(hooks)));
	fg_print_line(out, "Severity: %s (default %s; set by %s)", fg_cmd_severity_text(cfg, rule),
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

int fg_cmd_explain(int argc, char **argv, FILE *out, FILE *err)
{
	struct fg_cmd_source src = { 0, NULL };
	struct fg_config cfg;
	const char *rule_name = NULL;
	int rule, status;

	for (int i = 2; i < argc; i++) {
		if (fg_cmd_source_arg(&src, argc, argv, &i))
			continue;
		if (argv[i][0] != '-' && !rule_name)
			rule_name = argv[i];
		else
			return fg_cmd_unexpected(argv[1], argv[i], err);
	}
	if ((status = fg_cmd_source_check(&src, err)) != 0)
		return status;
	if (!rule_name) {
		fprintf(err, "flowgate: error: explain needs a rule name\n");
		fg_help_print_usage(fg_help_find(argv[1]), err);
		return FG_EXIT_USAGE;
	}
	if ((rule = fg_rule_lookup(rule_name)) < 0) {
		fg_print_line(err, "flowgate: error: no rule is named '%s'; flowgate rules "
			      "lists them", rule_name);
		return FG_EXIT_USAGE;
	}
	if ((status = fg_cmd_load(&cfg, &src, err, NULL, NULL)) != 0) {
		fg_config_release(&cfg);
		return status;
	}
	write_explain(&cfg, (enum fg_rule)rule, out);
	fg_config_release(&cfg);
	return ferror(out) ? FG_EXIT_INTERNAL : 0;
}

/*
 * flowgate rules (flowgate/cmd.h): every rule of the registry (rules.h)
 * with its severity here, where it was set and the hooks that check it;
 * --markdown, the README's table from the registry and the built-in
 * defaults alone.
 */
#include <stdlib.h>
#include <string.h>
#include "flowgate/cmd.h"
#include "summary.h"

static void write_rules(const struct fg_config *cfg, FILE *out)
{
	char hooks[80], *summary;

	fprintf(out, "%-20s %-16s %-22s %s\n", "RULE", "SEVERITY", "SET BY", "HOOKS");
	for (int i = 0; i < FG_RULE__COUNT; i++) {
		const struct fg_rule_info *info = fg_rule_info((enum fg_rule)i);

		fprintf(out, "%-20s %-16s ", info->name, fg_cmd_severity_text(cfg, (enum fg_rule)i));
		/* where it was set: a configuration file's path, shown escaped */
		fg_print_escaped(out, cfg->severity_origin[i], strlen(cfg->severity_origin[i]), 0, 22);
		fprintf(out, " %s\n", fg_hook_names(info->hooks, hooks, sizeof(hooks)));
		summary = fg_rule_summary(cfg, (enum fg_rule)i);
		fprintf(out, "    %s\n", summary ? summary : fg_rule_info((enum fg_rule)i)->summary);
		free(summary);
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

/*
 * The README's rules table: from the registry and the built-in defaults
 * (DEFAULTS, fg_config_init), never the configuration.
 */
static void write_markdown(FILE *out, const struct fg_config *defaults)
{
	char hooks[80], *summary;

	fprintf(out, "| rule | hooks | default | checks | refused, for example |\n");
	fprintf(out, "| --- | --- | --- | --- | --- |\n");
	for (int i = 0; i < FG_RULE__COUNT; i++) {
		const struct fg_rule_info *info = fg_rule_info((enum fg_rule)i);

		fprintf(out, "| `%s` | %s | %s | ", info->name,
			fg_hook_names(info->hooks, hooks, sizeof(hooks)),
			fg_severity_config_name(info->severity));
		summary = fg_rule_summary(defaults, (enum fg_rule)i);
		fprintf(out, "%s | ", summary ? summary : info->summary);
		free(summary);
		write_examples(out, info->fails);
		fprintf(out, " |\n");
	}
}

int fg_cmd_rules(int argc, char **argv, FILE *out, FILE *err)
{
	struct fg_cmd_source src = { 0, NULL };
	struct fg_config cfg;
	int markdown = 0, status;

	for (int i = 2; i < argc; i++) {
		if (!strcmp(argv[i], "--markdown"))
			markdown = 1;
		else if (!fg_cmd_source_arg(&src, argc, argv, &i))
			return fg_cmd_unexpected(argv[1], argv[i], err);
	}
	if ((status = fg_cmd_source_check(&src, err)) != 0)
		return status;
	if (markdown) { /* the registry alone: no repository, no configuration */
		struct fg_config defaults;
		int failed = fg_config_init(&defaults) < 0;

		if (!failed)
			write_markdown(out, &defaults);
		fg_config_release(&defaults);
		if (failed)
			fprintf(err, "flowgate: fatal: out of memory\n");
		return failed || ferror(out) ? FG_EXIT_INTERNAL : 0;
	}
	if ((status = fg_cmd_load(&cfg, &src, err, NULL, NULL)) != 0) {
		fg_config_release(&cfg);
		return status;
	}
	write_rules(&cfg, out);
	fg_config_release(&cfg);
	return ferror(out) ? FG_EXIT_INTERNAL : 0;
}

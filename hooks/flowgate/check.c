/*
 * What check-message and check-range share (flowgate/cmd.h): their
 * arguments, and their results printed as text, as GitHub Actions
 * workflow commands or as one JSON document.
 */
#include <stdlib.h>
#include <string.h>
#include "flowgate/cmd.h"
#include "help.h"
#include "quote.h"

int fg_cmd_check_args(struct fg_cmd_check_args *a, int argc, char **argv, FILE *err)
{
	int rc;

	memset(a, 0, sizeof(*a));
	a->format = FG_CMD_TEXT;
	for (int i = 2; i < argc; i++) {
		if (fg_cmd_source_arg(&a->src, argc, argv, &i))
			continue;
		if (!strcmp(argv[i], "--branch") && i + 1 < argc) {
			a->branch = argv[++i];
			if (!strncmp(a->branch, "refs/heads/", 11))
				a->branch += 11;
		} else if ((rc = fg_cmd_format_arg(&a->format, 1, argc, argv, &i, err)) != 0) {
			if (rc < 0)
				return FG_EXIT_USAGE;
		} else if (!a->operand && (argv[i][0] != '-' || !strcmp(argv[i], "-"))) {
			a->operand = argv[i];
		} else {
			return fg_cmd_unexpected(argv[1], argv[i], err);
		}
	}
	if ((rc = fg_cmd_source_check(&a->src, err)) != 0)
		return rc;
	if (!a->operand) {
		fprintf(err, "flowgate: error: %s needs %s\n", argv[1],
			!strcmp(argv[1], "check-range") ? "a range A..B" : "a file (or - for stdin)");
		fg_help_print_usage(fg_help_find(argv[1]), err);
		return FG_EXIT_USAGE;
	}
	return 0;
}

/* TEXT as GitHub Actions wants a workflow command's message: %, CR, LF escaped. */
static void github_text(FILE *out, const char *text)
{
	for (; text && *text; text++) {
		if (*text == '%')
			fputs("%25", out);
		else if (*text == '\r')
			fputs("%0D", out);
		else if (*text == '\n')
			fputs("%0A", out);
		else
			fputc(*text, out);
	}
}

/* TEXT as a GitHub Actions workflow command's property: also ':' and ',' escaped. */
static void github_property(FILE *out, const char *text)
{
	for (; *text; text++) {
		if (*text == ':')
			fputs("%3A", out);
		else if (*text == ',')
			fputs("%2C", out);
		else {
			char one[2] = { *text, '\0' };
			github_text(out, one);
		}
	}
}

void fg_cmd_write_result(FILE *out, enum fg_cmd_format format, const char *kind,
			 const char *name, const char *id, const char *file,
			 const struct fg_report *report, int *first)
{
	/* a branch's or a file's name, as a terminal or a CI log may show it
	 * (only with a violation to show: check-range passes most commits) */
	char *shown = format == FG_CMD_JSON || !report->n ? NULL
							 : fg_escape(name, strlen(name), 0);
	const char *nm = shown ? shown : "?";

	for (size_t i = 0; format != FG_CMD_JSON && i < report->n; i++) {
		const struct fg_violation *v = &report->items[i];
		const char *sev = v->severity == FG_ERROR ? "error" :
				  v->severity == FG_WARN ? "warning" : "notice";

		if (format == FG_CMD_GITHUB) {
			fprintf(out, "::%s ", sev);
			if (file && v->line) {
				fputs("file=", out);
				github_property(out, file);
				fprintf(out, ",line=%zu,col=%zu,", v->line, v->column);
			}
			fprintf(out, "title=flowgate %s::", fg_rule_info(v->rule)->name);
			github_text(out, nm);
			fputs(": ", out);
			github_text(out, v->message);
			if (v->hint) {
				fputs("%0Ahint: ", out);
				github_text(out, v->hint);
			}
			fputc('\n', out);
		} else {
			fprintf(out, "%s: %s: %s: %s\n", nm, fg_severity_name(v->severity),
				fg_rule_info(v->rule)->name, v->message);
			fg_violation_print_excerpt(v, out, "", "");
			if (v->hint)
				fprintf(out, "hint: %s\n", v->hint);
		}
	}
	free(shown);
	if (format != FG_CMD_JSON)
		return;
	fprintf(out, "%s\n    {\"name\": ", *first ? "" : ",");
	*first = 0;
	fg_json_string(out, name);
	fprintf(out, ", \"kind\": \"%s\", \"commit\": ", kind);
	if (id)
		fg_json_string(out, id);
	else
		fputs("null", out);
	fprintf(out, ", \"passed\": %s, \"violations\": [",
		fg_report_count(report, FG_ERROR) ? "false" : "true");
	for (size_t i = 0; i < report->n; i++) {
		const struct fg_violation *v = &report->items[i];

		fprintf(out, "%s{\"rule\": \"%s\", \"severity\": \"%s\", \"message\": ", i ? ", " : "",
			fg_rule_info(v->rule)->name, fg_severity_config_name(v->severity));
		fg_json_string(out, v->message);
		if (v->line)
			fprintf(out, ", \"line\": %zu, \"column\": %zu", v->line, v->column);
		else
			fputs(", \"line\": null, \"column\": null", out);
		fputs(", \"hint\": ", out);
		if (v->hint)
			fg_json_string(out, v->hint);
		else
			fputs("null", out);
		fputc('}', out);
	}
	fputs("]}", out);
}

void fg_cmd_write_summary(FILE *out, enum fg_cmd_format format, size_t passed, size_t failed)
{
	if (format == FG_CMD_JSON)
		fprintf(out, "\n  ],\n  \"passed\": %zu,\n  \"failed\": %zu\n}\n", passed, failed);
	else
		fprintf(out, "%zu passed, %zu failed\n", passed, failed);
}

/*
 * Hotfix propagation printed (hotfixprint.h): names and headers shown
 * escaped, OIDs abbreviated to 12 hex digits, and the commands to paste
 * with their words shell-quoted.
 */
#include <stdlib.h>
#include <string.h>
#include "hotfixprint.h"
#include "quote.h"
#include "report.h"

#define ABBREV 12 /* hex digits of an OID in tables and commands */

static const char *kind_name(enum fg_branch_kind kind)
{
	switch (kind) {
	case FG_BRANCH_MAIN: return "main";
	case FG_BRANCH_DEV: return "dev";
	case FG_BRANCH_RELEASE: return "release";
	case FG_BRANCH_MAINT: return "maint";
	default: return "other";
	}
}

const char *fg_hotfix_state_name(enum fg_hotfix_state state)
{
	static const char *const names[] = { "missing", "partial", "picked", "merged" };

	return names[state];
}

static void abbrev(char *buf, const git_oid *id)
{
	git_oid_tostr(buf, ABBREV + 1, id);
}

/* ROW's carriers, "a,b" with "-" for each one it lacks, or "-" when none. */
static void write_carriers(FILE *out, const struct fg_hotfix *fix, const struct fg_hotfix_row *row)
{
	char hex[ABBREV + 1];

	if (row->state == FG_HOTFIX_MISSING) {
		fputc('-', out);
		return;
	}
	for (size_t i = 0; i < fix->nfix; i++) {
		if (git_oid_is_zero(&row->carriers[i]))
			fputs(i ? ",-" : "-", out);
		else {
			abbrev(hex, &row->carriers[i]);
			fprintf(out, "%s%s", i ? "," : "", hex);
		}
	}
}

static size_t carriers_width(const struct fg_hotfix *fix, const struct fg_hotfix_row *row)
{
	size_t n = 0;

	if (row->state == FG_HOTFIX_MISSING)
		return 1;
	for (size_t i = 0; i < fix->nfix; i++)
		n += (i ? 1 : 0) + (git_oid_is_zero(&row->carriers[i]) ? 1 : ABBREV);
	return n;
}

static const char *tag_cell(const struct fg_hotfix_row *row)
{
	if (row->tag)
		return row->tag;
	if ((row->parsed.kind == FG_BRANCH_RELEASE || row->parsed.kind == FG_BRANCH_MAINT) &&
	    row->state >= FG_HOTFIX_PICKED)
		return "untagged";
	return "-";
}

/* The local row named BRANCH, or NULL. */
static const struct fg_hotfix_row *local_row(const struct fg_hotfix *fix, const char *branch)
{
	for (size_t i = 0; i < fix->nrows; i++)
		if (!fix->rows[i].remote && !strcmp(fix->rows[i].name, branch))
			return &fix->rows[i];
	return NULL;
}

/* Was BRANCH's command written already (an earlier row of the same branch)? */
static int seen_branch(const struct fg_hotfix *fix, size_t r)
{
	for (size_t i = 0; i < r; i++)
		if (fix->rows[i].state < FG_HOTFIX_PICKED &&
		    !strcmp(fix->rows[i].branch, fix->rows[r].branch))
			return 1;
	return 0;
}

/*
 * The command that brings the fix to the branch of lacking row R: the
 * cherry-picks the local branch still needs, then a push of every
 * remote-tracking branch of that name that lacks it. 0 when written, -1
 * when R's branch was written already.
 */
static int write_command(FILE *out, const struct fg_hotfix *fix, size_t r, const char *indent)
{
	const struct fg_hotfix_row *row = &fix->rows[r], *local;
	const struct fg_hotfix_row *from;
	char hex[ABBREV + 1], *branch;
	int first = 1;

	if (seen_branch(fix, r))
		return -1;
	local = local_row(fix, row->branch);
	from = local ? local : row;
	/* the command is pasted: the names in it are shell words */
	branch = fg_sh_quote(row->branch, strlen(row->branch), 0);
	fputs(indent, out);
	if (from->state < FG_HOTFIX_PICKED) {
		fprintf(out, "git checkout %s && git cherry-pick -x", branch ? branch : "<branch>");
		for (size_t i = 0; i < fix->nfix; i++)
			if (git_oid_is_zero(&from->carriers[i])) {
				abbrev(hex, &fix->fix[i]);
				fprintf(out, " %s", hex);
			}
		first = 0;
	}
	for (size_t i = 0; i < fix->nrows; i++) {
		const struct fg_hotfix_row *other = &fix->rows[i];

		if (other->remote && other->state < FG_HOTFIX_PICKED &&
		    !strcmp(other->branch, row->branch)) {
			char *remote = fg_sh_quote(other->remote, strlen(other->remote), 0);

			fprintf(out, "%sgit push %s %s", first ? "" : " && ",
				remote ? remote : "<remote>", branch ? branch : "<branch>");
			free(remote);
			first = 0;
		}
	}
	fputc('\n', out);
	free(branch);
	return 0;
}

/* TEXT (a name, a header) as fg_escape shows it, padded with spaces to WIDTH bytes. */
static void write_shown(FILE *out, const char *text, size_t width)
{
	fg_print_escaped(out, text, strlen(text), 0, width);
}

/* The bytes TEXT takes once shown (write_shown). */
static size_t shown_len(const char *text)
{
	return fg_escape_len(text, strlen(text), 0);
}

void fg_hotfix_print(const struct fg_hotfix *fix, FILE *out)
{
	char hex[ABBREV + 1];
	size_t name_w = strlen("BRANCH"), commits_w = strlen("COMMITS"), untagged = 0;

	write_shown(out, fix->name, 0);
	fprintf(out, ": %zu commit%s\n", fix->nfix, fix->nfix == 1 ? "" : "s");
	for (size_t i = 0; i < fix->nfix; i++) {
		abbrev(hex, &fix->fix[i]);
		fprintf(out, "    %s ", hex);
		write_shown(out, fix->headers[i], 0);
		fputc('\n', out);
	}
	if (!fix->nrows) {
		fprintf(out, "no long-lived branch (main, dev/X.Y.x, release/X.Y.x, maint/X.Y.x) here\n");
		return;
	}
	if (fix->hidden)
		fprintf(out, "%zu branch%s of series older than %llu.%llu, the fix's base, not "
			"listed (--older lists them)\n", fix->hidden, fix->hidden == 1 ? "" : "es",
			(unsigned long long)fix->base_major, (unsigned long long)fix->base_minor);
	for (size_t i = 0; i < fix->nrows; i++) {
		size_t n = shown_len(fix->rows[i].name), c = carriers_width(fix, &fix->rows[i]);

		name_w = n > name_w ? n : name_w;
		commits_w = c > commits_w ? c : commits_w;
	}
	fprintf(out, "%-*s  %-7s  %-*s  %s\n", (int)name_w, "BRANCH", "STATUS", (int)commits_w,
		"COMMITS", "TAG");
	for (size_t i = 0; i < fix->nrows; i++) {
		const struct fg_hotfix_row *row = &fix->rows[i];

		write_shown(out, row->name, name_w);
		fprintf(out, "  %-7s  ", fg_hotfix_state_name(row->state));
		write_carriers(out, fix, row);
		fprintf(out, "%*s  ", (int)(commits_w - carriers_width(fix, row)), "");
		write_shown(out, tag_cell(row), 0);
		fputc('\n', out);
		untagged += !strcmp(tag_cell(row), "untagged");
	}
	if (!fix->lacking)
		fprintf(out, "all %zu branches have the fix\n", fix->nrows);
	else
		fprintf(out, "%zu of %zu branches lack the fix; to apply it:\n", fix->lacking,
			fix->nrows);
	for (size_t i = 0; i < fix->nrows; i++)
		if (fix->rows[i].state < FG_HOTFIX_PICKED)
			write_command(out, fix, i, "    ");
	if (untagged)
		fprintf(out, "to tag the release and maint branches that hold it:\n");
	for (size_t i = 0; untagged && i < fix->nrows; i++) {
		const struct fg_hotfix_row *row = &fix->rows[i];
		size_t j;

		if (strcmp(tag_cell(row), "untagged"))
			continue;
		for (j = 0; j < i && (strcmp(fix->rows[j].branch, row->branch) ||
				      strcmp(tag_cell(&fix->rows[j]), "untagged")); j++)
			;
		if (j == i) {
			char *branch = fg_sh_quote(row->branch, strlen(row->branch), 0);

			fprintf(out, "    git checkout %s && flowgate bump patch --commit --tag\n",
				branch ? branch : "<branch>");
			free(branch);
		}
	}
}

void fg_hotfix_print_json(const struct fg_hotfix *fix, FILE *out)
{
	char hex[GIT_OID_HEXSZ + 1];

	fputs("{\"fix\":{\"name\":", out);
	fg_json_string(out, fix->name);
	fprintf(out, ",\"branch\":%s,\"commits\":[", fix->is_branch ? "true" : "false");
	for (size_t i = 0; i < fix->nfix; i++) {
		git_oid_tostr(hex, sizeof(hex), &fix->fix[i]);
		fprintf(out, "%s{\"id\":\"%s\",\"header\":", i ? "," : "", hex);
		fg_json_string(out, fix->headers[i]);
		fputc('}', out);
	}
	fputs("]},\"branches\":[", out);
	for (size_t r = 0; r < fix->nrows; r++) {
		const struct fg_hotfix_row *row = &fix->rows[r];

		fprintf(out, "%s{\"name\":", r ? "," : "");
		fg_json_string(out, row->name);
		fputs(",\"remote\":", out);
		if (row->remote)
			fg_json_string(out, row->remote);
		else
			fputs("null", out);
		fprintf(out, ",\"kind\":\"%s\",\"status\":\"%s\",\"carriers\":[",
			kind_name(row->parsed.kind), fg_hotfix_state_name(row->state));
		for (size_t i = 0; i < fix->nfix; i++) {
			git_oid_tostr(hex, sizeof(hex), &row->carriers[i]);
			fprintf(out, "%s%s%s%s", i ? "," : "",
				git_oid_is_zero(&row->carriers[i]) ? "null" : "\"",
				git_oid_is_zero(&row->carriers[i]) ? "" : hex,
				git_oid_is_zero(&row->carriers[i]) ? "" : "\"");
		}
		fputs("],\"tag\":", out);
		if (row->tag)
			fg_json_string(out, row->tag);
		else
			fputs("null", out);
		fputc('}', out);
	}
	fputs("],\"base\":", out);
	if (fix->base_known)
		fprintf(out, "\"%llu.%llu\"", (unsigned long long)fix->base_major,
			(unsigned long long)fix->base_minor);
	else
		fputs("null", out);
	fprintf(out, ",\"hidden\":%zu,\"lacking\":%zu,\"total\":%zu}\n", fix->hidden,
		fix->lacking, fix->nrows);
}

void fg_hotfix_print_brief(const struct fg_hotfix *fix, FILE *out, size_t max_lines)
{
	size_t commands = 0, rows_budget, shown = 0, name_w = 0;

	if (!fix->lacking)
		return;
	if (max_lines < 3)
		max_lines = 3;
	for (size_t i = 0; i < fix->nrows; i++)
		if (fix->rows[i].state < FG_HOTFIX_PICKED) {
			size_t n = shown_len(fix->rows[i].name);

			commands += !seen_branch(fix, i);
			name_w = n > name_w ? n : name_w;
		}
	/* the rows take what the commands leave, at least half */
	rows_budget = fix->lacking + commands <= max_lines ? fix->lacking
		      : max_lines - (commands < max_lines / 2 ? commands : max_lines / 2);
	for (size_t i = 0; i < fix->nrows && shown < fix->lacking; i++) {
		if (fix->rows[i].state >= FG_HOTFIX_PICKED)
			continue;
		if (shown + 1 == rows_budget && fix->lacking > rows_budget) {
			fprintf(out, "... and %zu more\n", fix->lacking - shown);
			break;
		}
		write_shown(out, fix->rows[i].name, name_w);
		fprintf(out, "  %s\n", fg_hotfix_state_name(fix->rows[i].state));
		shown++;
	}
	shown = 0;
	for (size_t i = 0, budget = max_lines - rows_budget; i < fix->nrows; i++) {
		if (fix->rows[i].state >= FG_HOTFIX_PICKED || seen_branch(fix, i))
			continue;
		if (shown + 1 == budget && commands > budget) {
			fprintf(out, "... and %zu more commands\n", commands - shown);
			break;
		}
		write_command(out, fix, i, "");
		shown++;
	}
}

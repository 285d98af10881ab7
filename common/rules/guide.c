/*
 * prepare-commit-msg's guidance (guide.h): the rules a header faces, as
 * comment lines in the comment character git itself uses, put where git's
 * cleanup will drop them.
 */
#include <stdlib.h>
#include <string.h>
#include "guide.h"
#include "quote.h"
#include "refname.h"
#include "report.h"

#define WIDTH 72 /* columns of a guidance line */

static int rule_on(const struct fg_config *cfg, enum fg_rule rule)
{
	return fg_config_severity(cfg, rule) != FG_OFF;
}

static int type_ok(const struct fg_config *cfg, const char *type)
{
	if (!rule_on(cfg, FG_RULE_TYPE_ENUM))
		return 1;
	for (size_t i = 0; i < cfg->ntypes; i++)
		if (!strcmp(cfg->types[i], type))
			return 1;
	return 0;
}

/* A word from the configuration or the repository, as fg_escape shows it. */
static void put_word(FILE *out, const char *word)
{
	char *shown = fg_escape(word, strlen(word), 0);

	fputs(shown ? shown : "?", out);
	free(shown);
}

/* LABEL and the N WORDS after it, filled into lines of WIDTH columns. */
static void put_list(FILE *out, int c, const char *label, char *const *words, size_t n)
{
	size_t col = fprintf(out, "%c   %s", c, label), indent = col;

	for (size_t i = 0; i < n; i++) {
		char *shown = fg_escape(words[i], strlen(words[i]), 0);
		size_t len = shown ? strlen(shown) : 1;

		if (i && col + 1 + len > WIDTH) {
			fprintf(out, "\n%c%*s", c, (int)indent - 1, "");
			col = indent;
		} else if (i) {
			fputc(' ', out);
			col++;
		}
		fputs(shown ? shown : "?", out);
		col += len;
		free(shown);
	}
	fputc('\n', out);
}

char *fg_guide_lines(const struct fg_config *cfg, const struct fg_guide *g, int c)
{
	char *text = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&text, &size);
	struct fg_branch branch;
	const char *want = NULL; /* the type the branch takes */

	if (!out)
		return NULL;
	fprintf(out, "%c flowgate: the header is 'type(scope)!: subject'", c);
	if (rule_on(cfg, FG_RULE_HEADER_MAX_LENGTH))
		fprintf(out, ", at most %lu characters", cfg->header_max_length);
	fputc('\n', out);
	if (rule_on(cfg, FG_RULE_TYPE_ENUM) && cfg->ntypes)
		put_list(out, c, "types: ", cfg->types, cfg->ntypes);
	if (rule_on(cfg, FG_RULE_SCOPE_ENUM))
		put_list(out, c, "scopes (or none): ", cfg->scopes, cfg->nscopes);
	if (g->branch && rule_on(cfg, FG_RULE_BRANCH_COMMIT_TYPE) &&
	    fg_branch_parse((struct fg_config *)cfg, g->branch, &branch) == 0 &&
	    (branch.kind == FG_BRANCH_HOTFIX || branch.kind == FG_BRANCH_DOCS)) {
		int hot = branch.kind == FG_BRANCH_HOTFIX;

		want = hot ? (type_ok(cfg, "fix") || !type_ok(cfg, "hotfix") ? "fix" : "hotfix") : "docs";
		fprintf(out, "%c   on ", c);
		put_word(out, g->branch);
		fprintf(out, ": type %s (a %s branch holds %s only)\n",
			hot ? "fix or hotfix" : "docs", hot ? "hotfix" : "docs",
			hot ? "fixes" : "documentation");
	}
	if (g->new_version && rule_on(cfg, FG_RULE_VERSION_BUMP_MESSAGE)) {
		int final = !strchr(g->new_version, '-');
		const char *type = want ? want : type_ok(cfg, "chore") ? "chore" :
				   final && type_ok(cfg, "release") ? "release" :
				   cfg->ntypes ? cfg->types[0] : "chore";

		fprintf(out, "%c   the staged version files change ", c);
		if (g->old_version) {
			put_word(out, g->old_version);
			fputs(" -> ", out);
		} else {
			fputs("the version to ", out);
		}
		put_word(out, g->new_version);
		fprintf(out, ":\n%c   name it in the header, e.g. '", c);
		put_word(out, type);
		fprintf(out, ": %s ", final ? "prepare release" : "bump version to");
		put_word(out, g->new_version);
		fputs("'\n", out);
	} else if (want) {
		fprintf(out, "%c   e.g. '%s: %s'\n", c, want,
			!strcmp(want, "docs") ? "explain the pool options" : "close the pool on error");
	}
	fprintf(out, "%c   a breaking change: 'type!: ...' or a footer 'BREAKING CHANGE: "
		"<what breaks>'\n%c\n", c, c);
	if (fclose(out) != 0) {
		free(text);
		return NULL;
	}
	return text;
}

int fg_guide_comment_char(const char *raw, size_t len)
{
	char candidates[] = "#;@!$%^&|:";

	if (!memchr(raw, '#', len))
		return '#';
	for (size_t i = 0; i < len; i++) {
		/* a line's first character: the message's, and after each LF or CR */
		if (i == 0 || raw[i - 1] == '\n' || raw[i - 1] == '\r') {
			char *hit = memchr(candidates, raw[i], sizeof(candidates) - 1);

			if (hit && raw[i])
				*hit = ' ';
		}
	}
	for (size_t i = 0; i < sizeof(candidates) - 1; i++)
		if (candidates[i] != ' ')
			return candidates[i];
	return 0;
}

/* The offset of the line after the one at POS in RAW[0..LEN). */
static size_t next_line(const char *raw, size_t len, size_t pos)
{
	const char *nl = memchr(raw + pos, '\n', len - pos);

	return nl ? (size_t)(nl - raw) + 1 : len;
}

/* RAW[POS..) starts "<c> with '<c>' will be kept": git's template for kept comments. */
static int kept_hint(const char *raw, size_t len, size_t pos, int c)
{
	char want[32];
	int n = snprintf(want, sizeof(want), "%c with '%c' will be kept", c, c);

	return len - pos >= (size_t)n && !memcmp(raw + pos, want, (size_t)n);
}

int fg_guide_insert(char **out, size_t *out_len, const char *raw, size_t len,
		    const struct fg_cleanup_plan *plan, const char *lines)
{
	int c = plan->comment_char;
	size_t cut = fg_cleanup_scissors(raw, len, c), at = len, n = strlen(lines), k = 0;
	int newline;
	char *text;

	*out = NULL;
	*out_len = 0;
	if (c == FG_COMMENT_NONE)
		return 0;
	for (size_t pos = 0; pos < len; pos = next_line(raw, len, pos))
		if ((unsigned char)raw[pos] == (unsigned)c && kept_hint(raw, len, pos, c))
			return 0;
	if (plan->mode == FG_MODE_ALL)
		for (size_t pos = 0; pos < cut && at == len; pos = next_line(raw, len, pos))
			if ((unsigned char)raw[pos] == (unsigned)c)
				at = pos;
	/*
	 * Below the scissors line git drops everything, whatever the mode: the
	 * place when no comment line comes before it (git's scissors template,
	 * which `git commit --cleanup=scissors` writes whatever commit.cleanup
	 * says, starts with that line).
	 */
	if (at == len && cut < len && (plan->mode == FG_MODE_ALL || plan->mode == FG_MODE_SCISSORS)) {
		at = next_line(raw, len, cut);
		for (int i = 0; i < 2 && at < len && (unsigned char)raw[at] == (unsigned)c; i++)
			at = next_line(raw, len, at);
	} else if (at == len && plan->mode != FG_MODE_ALL) {
		return 0;
	}
	/* the lines start a line of their own */
	newline = at > 0 && raw[at - 1] != '\n';
	if (!(text = malloc(len + n + 2)))
		return -1;
	memcpy(text, raw, at);
	k = at;
	if (newline)
		text[k++] = '\n';
	memcpy(text + k, lines, n);
	k += n;
	memcpy(text + k, raw + at, len - at);
	k += len - at;
	text[k] = '\0';
	*out = text;
	*out_len = k;
	return 1;
}

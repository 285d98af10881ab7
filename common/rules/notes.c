/*
 * Release notes (notes.h): commits sorted into sections by their
 * Conventional Commits type, written in conventional-changelog's shape
 * (Markdown), as plain text for a tag's message, or as JSON; and a section
 * put at the top of a changelog file's text.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "commit.h"
#include "gitform.h"
#include "notes.h"
#include "quote.h"

void fg_notes_init(struct fg_notes *notes)
{
	memset(notes, 0, sizeof(*notes));
}

static void entry_release(struct fg_notes_entry *e)
{
	free(e->type);
	free(e->scope);
	free(e->subject);
	free(e->breaking);
}

void fg_notes_release(struct fg_notes *notes)
{
	for (size_t i = 0; i < notes->n; i++)
		entry_release(&notes->entries[i]);
	free(notes->entries);
	free(notes->version);
	free(notes->from);
	free(notes->to);
	memset(notes, 0, sizeof(*notes));
}

static char *lower_dup(const char *text, size_t len)
{
	char *out = malloc(len + 1);

	if (!out)
		return NULL;
	for (size_t i = 0; i < len; i++)
		out[i] = text[i] >= 'A' && text[i] <= 'Z' ? (char)(text[i] - 'A' + 'a') : text[i];
	out[len] = '\0';
	return out;
}

/* TYPE is one the configuration accepts: one of rule.typeEnum.types, any while typeEnum is off. */
static int known_type(const struct fg_config *cfg, const char *type)
{
	if (cfg->severity[FG_RULE_TYPE_ENUM] == FG_OFF)
		return 1;
	for (size_t i = 0; i < cfg->ntypes; i++)
		if (!strcasecmp(cfg->types[i], type))
			return 1;
	return 0;
}

static int excluded(const struct fg_config *cfg, const char *type)
{
	for (size_t i = 0; i < cfg->nchangelog_exclude; i++)
		if (!strcmp(cfg->changelog_exclude[i], type))
			return 1;
	return 0;
}

/* The descriptions of MSG's breaking footers, '\n'-separated, newly allocated; NULL: none or OOM. */
static char *breaking_text(const struct fg_commit_message *msg, int *oom)
{
	size_t len = 0, k = 0;
	char *out;

	for (size_t i = 0; i < msg->nfooters; i++)
		if (msg->footers[i].breaking && msg->footers[i].value_len)
			len += msg->footers[i].value_len + 1;
	if (!len)
		return NULL;
	if (!(out = malloc(len))) {
		*oom = 1;
		return NULL;
	}
	for (size_t i = 0; i < msg->nfooters; i++) {
		const struct fg_footer *f = &msg->footers[i];

		if (!f->breaking || !f->value_len)
			continue;
		if (k)
			out[k++] = '\n';
		memcpy(out + k, f->value, f->value_len);
		k += f->value_len;
	}
	out[k] = '\0';
	return out;
}

int fg_notes_add(struct fg_notes *notes, const struct fg_config *cfg, const char *message,
		 size_t len, int merge, const char *id, const char *short_id)
{
	struct fg_commit_message msg;
	struct fg_notes_entry e;
	enum fg_git_form form;
	size_t hl;
	int oom = 0, listed = 0;

	memset(&e, 0, sizeof(e));
	if (merge && !cfg->changelog_merges) {
		notes->skipped++;
		return 0;
	}
	form = fg_message_git_form(message, len, NULL, NULL);
	hl = memchr(message, '\n', len) ? (size_t)((const char *)memchr(message, '\n', len) - message)
					 : len;
	if (form == FG_FORM_REVERT) {
		size_t q = fg_git_form_revert_quote(message, hl);

		/* `Revert "feat: x"`: the reverted header, without the quotes */
		if (q && hl > q && message[hl - 1] == '"') {
			e.type = strdup("revert");
			e.subject = strndup(message + q, hl - q - 1);
			oom = !e.type || !e.subject;
			listed = 1;
		}
	} else if (form == FG_FORM_NONE || (form == FG_FORM_MERGE && !merge)) {
		int rc = fg_commit_parse(message, len, &msg);

		if (rc == -1)
			return -1;
		if (rc == 0 && msg.header_valid && msg.subject_len) {
			e.type = lower_dup(msg.type, msg.type_len);
			e.breaking = breaking_text(&msg, &oom);
			e.bang = msg.bang;
			listed = e.type && known_type(cfg, e.type) &&
				 (msg.breaking || !excluded(cfg, e.type));
			if (listed) {
				e.subject = strndup(msg.subject, msg.subject_len);
				e.scope = msg.scope ? strndup(msg.scope, msg.scope_len) : NULL;
				oom |= !e.subject || (msg.scope && !e.scope);
			}
			oom |= !e.type;
		}
		fg_commit_message_release(&msg);
	}
	if (!oom && listed && notes->n == notes->alloc) {
		size_t alloc = notes->alloc ? notes->alloc * 2 : 16;
		struct fg_notes_entry *bigger = realloc(notes->entries, alloc * sizeof(*bigger));

		if (bigger) {
			notes->entries = bigger;
			notes->alloc = alloc;
		}
		oom = !bigger;
	}
	if (oom || !listed) {
		entry_release(&e);
		notes->skipped += !oom;
		return oom ? -1 : 0;
	}
	snprintf(e.id, sizeof(e.id), "%s", id);
	snprintf(e.short_id, sizeof(e.short_id), "%s", short_id);
	notes->entries[notes->n++] = e;
	return 1;
}

/* ---- sections ----------------------------------------------------------- */

/* conventional-changelog's titles (its conventionalcommits preset) */
static const struct {
	const char *type, *title;
} titles[] = {
	{ "feat", "Features" },
	{ "fix", "Bug Fixes" },
	{ "perf", "Performance" },
	{ "revert", "Reverts" },
	{ "docs", "Documentation" },
	{ "style", "Styles" },
	{ "refactor", "Code Refactoring" },
	{ "test", "Tests" },
	{ "build", "Build System" },
	{ "ci", "Continuous Integration" },
	{ "chore", "Miscellaneous Chores" },
	{ "release", "Releases" },
	{ "maintenance", "Maintenance" },
};
#define NFIXED 4 /* feat, fix, perf, revert come first, in this order */

/* The section key of TYPE: hotfix commits are fixes. */
static const char *section_of(const char *type)
{
	return !strcmp(type, "hotfix") ? "fix" : type;
}

static const char *title_of(const char *type)
{
	for (size_t i = 0; i < sizeof(titles) / sizeof(titles[0]); i++)
		if (!strcmp(titles[i].type, type))
			return titles[i].title;
	return type;
}

/*
 * The section keys in order, each with at least one entry: the fixed
 * four, CFG's types, then the rest as met. Newly allocated array of *N
 * pointers into NOTES' entries or static storage; NULL with *N 0 when
 * empty or out of memory (*OOM set).
 */
static const char **section_order(const struct fg_notes *notes, const struct fg_config *cfg,
				  size_t *n, int *oom)
{
	const char **keys = malloc((NFIXED + cfg->ntypes + notes->n + 1) * sizeof(*keys));
	size_t k = 0;

	*n = 0;
	if (!keys) {
		*oom = 1;
		return NULL;
	}
	for (size_t pass = 0; pass < 3; pass++) {
		size_t count = pass == 0 ? NFIXED : pass == 1 ? cfg->ntypes : notes->n;

		for (size_t i = 0; i < count; i++) {
			const char *key = pass == 0 ? titles[i].type :
					  section_of(pass == 1 ? cfg->types[i] : notes->entries[i].type);
			int seen = 0, used = 0;

			for (size_t j = 0; j < k && !seen; j++)
				seen = !strcmp(keys[j], key);
			for (size_t j = 0; j < notes->n && !used && !seen; j++)
				used = !strcmp(section_of(notes->entries[j].type), key) &&
				       !excluded(cfg, notes->entries[j].type);
			if (used)
				keys[k++] = key;
		}
	}
	*n = k;
	return keys;
}

/* ---- writing ------------------------------------------------------------ */

/* TEXT[0..LEN) as fg_escape shows it (no control byte into the notes). */
static int put_escaped(FILE *out, const char *text, size_t len)
{
	char *shown = fg_escape(text, len, 0);

	if (!shown)
		return -1;
	fputs(shown, out);
	free(shown);
	return 0;
}

/*
 * One entry: BULLET, the scope, TEXT (a subject, or a breaking description
 * whose later lines are indented by two spaces), the short ID after its
 * first line.
 */
static int write_entry(FILE *out, enum fg_notes_format format, const struct fg_notes_entry *e,
		       const char *text)
{
	size_t first = strcspn(text, "\n");
	int rc = 0;

	fputs(format == FG_NOTES_MARKDOWN ? "* " : "- ", out);
	if (e->scope) {
		fputs(format == FG_NOTES_MARKDOWN ? "**" : "", out);
		rc |= put_escaped(out, e->scope, strlen(e->scope));
		fputs(format == FG_NOTES_MARKDOWN ? ":** " : ": ", out);
	}
	rc |= put_escaped(out, text, first);
	fprintf(out, " (%s)\n", e->short_id);
	for (text += first; *text == '\n';) {
		size_t len;

		text++;
		/* a folded footer's own indentation gives way to the list's */
		text += strspn(text, " \t");
		len = strcspn(text, "\n");
		while (len && (text[len - 1] == ' ' || text[len - 1] == '\t'))
			len--;
		if (len) {
			fputs("  ", out);
			rc |= put_escaped(out, text, len);
		}
		fputc('\n', out);
		text += strcspn(text, "\n");
	}
	return rc;
}

/* A section's title: Markdown "### T", text "T" (never starting with '#': "Type #x"). */
static void write_title(FILE *out, enum fg_notes_format format, const char *title)
{
	if (format == FG_NOTES_MARKDOWN) {
		fputs("### ", out);
		put_escaped(out, title, strlen(title));
	} else {
		unsigned char c = (unsigned char)title[0];

		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')))
			fputs("Type ", out);
		put_escaped(out, title, strlen(title));
	}
	fputs(format == FG_NOTES_MARKDOWN ? "\n\n" : "\n", out);
}

static void json_field(FILE *out, const char *name, const char *value, int comma)
{
	fprintf(out, "%s\"%s\": ", comma ? ", " : "", name);
	if (value)
		fg_json_string(out, value);
	else
		fputs("null", out);
}

static void json_entry(FILE *out, const struct fg_notes_entry *e, const char *description)
{
	json_field(out, "commit", e->short_id, 0);
	json_field(out, "id", e->id, 1);
	json_field(out, "type", e->type, 1);
	json_field(out, "scope", e->scope, 1);
	json_field(out, "subject", e->subject, 1);
	if (description)
		json_field(out, "description", description, 1);
	else
		fprintf(out, ", \"breaking\": %s", e->bang || e->breaking ? "true" : "false");
}

static long write_json(const struct fg_notes *notes, const struct fg_config *cfg,
		       const char **keys, size_t nkeys, FILE *out)
{
	long written = 0;
	int first = 1;

	fputs("{\n  ", out);
	json_field(out, "version", notes->version, 0);
	json_field(out, "date", notes->date[0] ? notes->date : NULL, 1);
	fputs(",\n  \"range\": {", out);
	json_field(out, "from", notes->from, 0);
	json_field(out, "fromId", notes->from_id[0] ? notes->from_id : NULL, 1);
	json_field(out, "to", notes->to, 1);
	json_field(out, "toId", notes->to_id[0] ? notes->to_id : NULL, 1);
	fputs("},\n  \"breaking\": [", out);
	for (size_t i = 0; i < notes->n; i++) {
		const struct fg_notes_entry *e = &notes->entries[i];

		if (!e->bang && !e->breaking)
			continue;
		fputs(first ? "\n    {" : ",\n    {", out);
		json_entry(out, e, e->breaking ? e->breaking : e->subject);
		fputc('}', out);
		first = 0;
		written++;
	}
	fputs(first ? "],\n  \"sections\": [" : "\n  ],\n  \"sections\": [", out);
	for (size_t s = 0; s < nkeys; s++) {
		int one = 1;

		fprintf(out, "%s\n    {", s ? "," : "");
		json_field(out, "type", keys[s], 0);
		json_field(out, "title", title_of(keys[s]), 1);
		fputs(", \"entries\": [", out);
		for (size_t i = 0; i < notes->n; i++) {
			const struct fg_notes_entry *e = &notes->entries[i];

			if (strcmp(section_of(e->type), keys[s]) || excluded(cfg, e->type))
				continue;
			fputs(one ? "\n      {" : ",\n      {", out);
			json_entry(out, e, NULL);
			fputc('}', out);
			one = 0;
			written += !e->bang && !e->breaking;
		}
		fputs(one ? "]}" : "\n    ]}", out);
	}
	fprintf(out, "%s,\n  \"skipped\": %zu\n}\n", nkeys ? "\n  ]" : "]", notes->skipped);
	return written;
}

long fg_notes_write(const struct fg_notes *notes, const struct fg_config *cfg,
		    enum fg_notes_format format, unsigned flags, FILE *out)
{
	const char *version = notes->version ? notes->version : notes->to ? notes->to : "";
	const char **keys;
	size_t nkeys, nbreaking = 0;
	long written = 0;
	int oom = 0, rc = 0, any = 0;

	keys = section_order(notes, cfg, &nkeys, &oom);
	if (oom)
		return -1;
	if (format == FG_NOTES_JSON) {
		written = write_json(notes, cfg, keys, nkeys, out);
		free(keys);
		return ferror(out) ? -1 : written;
	}
	if (!(flags & FG_NOTES_NO_HEADING)) {
		fputs(format == FG_NOTES_MARKDOWN ? "## " : "", out);
		rc |= put_escaped(out, version, strlen(version));
		if (notes->date[0])
			fprintf(out, " (%s)", notes->date);
		fputc('\n', out);
		any = 1;
	}
	for (size_t i = 0; i < notes->n; i++)
		nbreaking += notes->entries[i].bang || notes->entries[i].breaking;
	if (nbreaking) {
		fputs(any ? "\n" : "", out);
		write_title(out, format, "BREAKING CHANGES");
		for (size_t i = 0; i < notes->n; i++) {
			const struct fg_notes_entry *e = &notes->entries[i];

			if (e->bang || e->breaking) {
				rc |= write_entry(out, format, e, e->breaking ? e->breaking : e->subject);
				written++;
			}
		}
		any = 1;
	}
	for (size_t s = 0; s < nkeys; s++) {
		fputs(any ? "\n" : "", out);
		write_title(out, format, title_of(keys[s]));
		for (size_t i = 0; i < notes->n; i++) {
			const struct fg_notes_entry *e = &notes->entries[i];

			if (strcmp(section_of(e->type), keys[s]) || excluded(cfg, e->type))
				continue;
			rc |= write_entry(out, format, e, e->subject);
			written += !e->bang && !e->breaking;
		}
		any = 1;
	}
	free(keys);
	return rc || ferror(out) ? -1 : written;
}

/* ---- a changelog file ----------------------------------------------------- */

/* The length of the line at FILE[POS..LEN), its newline excluded. */
static size_t line_len(const char *file, size_t pos, size_t len)
{
	const char *nl = memchr(file + pos, '\n', len - pos);

	return nl ? (size_t)(nl - file) - pos : len - pos;
}

/*
 * Where a Markdown heading of a release starts in LINE[0..N): "## " (any
 * title), or "# " before '[' or a digit (conventional-changelog's heading
 * of a minor release, "# [19.1.0](...)"); the offset of its text, or 0.
 */
static size_t release_heading(const char *line, size_t n)
{
	if (n >= 3 && !memcmp(line, "## ", 3))
		return 3;
	if (n >= 3 && !memcmp(line, "# ", 2) &&
	    (line[2] == '[' || (line[2] >= '0' && line[2] <= '9')))
		return 2;
	return 0;
}

int fg_notes_has_section(const char *file, size_t len, enum fg_notes_format format,
			 const char *version)
{
	size_t vlen = strlen(version);

	for (size_t pos = 0; pos < len;) {
		const char *line = file + pos;
		size_t n = line_len(file, pos, len), i = 0;

		if (format == FG_NOTES_MARKDOWN) {
			i = release_heading(line, n);
			if (i && i < n && line[i] == '[')
				i++;
		}
		if ((i || format != FG_NOTES_MARKDOWN) && n - i >= vlen &&
		    !memcmp(line + i, version, vlen) &&
		    (i + vlen == n || strchr(" ](\r", line[i + vlen])))
			return 1;
		pos += n + 1;
	}
	return 0;
}

int fg_notes_insert(char **out, size_t *out_len, const char *file, size_t len,
		    const char *section, size_t section_len, enum fg_notes_format format)
{
	static const char title[] = "# Changelog\n\n";
	size_t at = 0, size, k = 0;
	char *text;

	*out = NULL;
	*out_len = 0;
	if (!file)
		len = 0;
	if (format == FG_NOTES_MARKDOWN) {
		at = len;
		for (size_t pos = 0; pos < len; pos += line_len(file, pos, len) + 1) {
			if (release_heading(file + pos, line_len(file, pos, len))) {
				at = pos;
				break;
			}
		}
	}
	size = sizeof(title) + len + section_len + 3;
	if (!(text = malloc(size)))
		return -1;
	if (!file && format == FG_NOTES_MARKDOWN) {
		memcpy(text, title, sizeof(title) - 1);
		k = sizeof(title) - 1;
	}
	if (at)
		memcpy(text + k, file, at);
	k += at;
	/* a blank line above the section, unless it starts the file */
	if (k && text[k - 1] != '\n')
		text[k++] = '\n';
	if (k >= 2 && text[k - 2] != '\n')
		text[k++] = '\n';
	memcpy(text + k, section, section_len);
	k += section_len;
	if (at < len) {
		if (section_len && section[section_len - 1] != '\n')
			text[k++] = '\n';
		text[k++] = '\n';
		memcpy(text + k, file + at, len - at);
		k += len - at;
	}
	text[k] = '\0';
	*out = text;
	*out_len = k;
	return 0;
}

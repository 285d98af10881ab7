/*
 * flowgate init's detection (detect.h): each known version file looked at
 * where its ecosystem keeps the project's version, a pattern written for
 * it and run the way flowgate runs it, and the .flowgate text in
 * git-config quoting.
 */
#include <stdlib.h>
#include <string.h>
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include "detect.h"
#include "report.h"
#include "version.h"

const char *const fg_detect_paths[] = {
	"half_orm/version.txt", "setup.py", "docs/index.md", "package.json", "package-lock.json",
	"pyproject.toml", "setup.cfg", "Cargo.toml", "VERSION", "version.txt", "CMakeLists.txt",
};
const size_t fg_detect_paths_count = sizeof(fg_detect_paths) / sizeof(fg_detect_paths[0]);

/*
 * A TOML (or INI) table's key: the table's header at the start of a line,
 * then, before any line that starts another table ('['), the key KEY.
 * (?m): ^ and $ at every line; '.' never crosses a newline.
 */
#define TABLE_KEY(table, value) \
	"(?m)^\\[" table "\\][ \\t]*(?:[#;].*)?\\r?$(?:\\n(?!\\[).*)*?\\n[ \\t]*version[ \\t]*" value
#define QUOTED "=[ \\t]*(?|\"([^\"\\n]*)\"|'([^'\\n]*)')"

static const char project_re[] = TABLE_KEY("project", QUOTED);
static const char poetry_re[] = TABLE_KEY("tool\\.poetry", QUOTED);
static const char cargo_re[] = TABLE_KEY("package", QUOTED);
static const char setup_cfg_re[] = TABLE_KEY("metadata", "[=:][ \\t]*([0-9][^\\s#;]*)");
/* CMake's command names ignore case; its keywords do not */
static const char cmake_re[] = "(?i:\\bproject)[ \\t]*\\([^)]*?\\bVERSION[ \\t\\r\\n]+([0-9][^\\s)]*)";

void fg_detection_init(struct fg_detection *d)
{
	memset(d, 0, sizeof(*d));
}

void fg_detection_release(struct fg_detection *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->files[i].path);
		free(d->files[i].pattern);
		free(d->files[i].value);
	}
	for (size_t i = 0; i < d->nnotes; i++)
		free(d->notes[i]);
	free(d->files);
	free(d->notes);
	memset(d, 0, sizeof(*d));
}

/* A note (consumed; NULL: out of memory) that PATH was passed over. Returns 0 or -1. */
static int note(struct fg_detection *d, char *text)
{
	char **bigger;

	if (!text || !(bigger = realloc(d->notes, (d->nnotes + 1) * sizeof(*bigger)))) {
		free(text);
		return -1;
	}
	d->notes = bigger;
	d->notes[d->nnotes++] = text;
	return 0;
}

/*
 * Run SOURCE (NULL: the whole file) on DATA as flowgate reads a version
 * file: the value of every match. Returns 1 with *VALUE (newly allocated)
 * and *OFF (its offset in DATA) when every match holds one SemVer version
 * (a series X.Y.x with SERIES), 0 with *WHY (static) when not, -1 when out
 * of memory.
 */
static int verify(const char *source, int series, const char *data, size_t len, char **value,
		  size_t *off, const char **why)
{
	struct fg_pattern p = FG_PATTERN(source, PCRE2_AUTO_CALLOUT | PCRE2_MATCH_INVALID_UTF);
	struct fg_vfile_spec spec = { "", source ? &p : NULL, series, 0 };
	struct fg_span span;
	struct fg_version v;
	uint64_t x, y;
	size_t from = 0;
	int rc, n = 0;

	*value = NULL;
	*why = NULL;
	while ((rc = fg_vfile_find(&spec, data, len, &from, &span)) == 1) {
		if (span.off == SIZE_MAX)
			continue;
		if (!n++) {
			if (!(*value = strndup(data + span.off, span.len)))
				goto oom;
			*off = span.off;
		} else if (span.len != strlen(*value) || memcmp(data + span.off, *value, span.len)) {
			*why = "it holds two different versions where flowgate would read and rewrite both";
			break;
		}
		if (!source)
			break;
	}
	fg_pattern_release(&p);
	if (rc < 0)
		*why = rc == -2 ? "it is not UTF-8 text" : "its pattern reaches PCRE2's limits";
	else if (!n)
		*why = "it holds no version where such a file keeps it";
	else if (!*why && (memchr(*value, '\n', strlen(*value)) ||
			   (series ? fg_series_parse(*value, strlen(*value), &x, &y) != 0
				   : fg_version_parse(*value, strlen(*value), &v) != 0)))
		*why = series ? "its value is not a series X.Y.x" : "its value is not an X.Y.Z version";
	if (*why) {
		free(*value);
		*value = NULL;
		return 0;
	}
	return 1;
oom:
	fg_pattern_release(&p);
	return -1;
}

/* The index after the JSON string starting at D[I] ('"'), or LEN. */
static size_t skip_string(const char *d, size_t len, size_t i)
{
	for (i++; i < len; i++) {
		if (d[i] == '\\')
			i++;
		else if (d[i] == '"')
			return i + 1;
	}
	return len;
}

static size_t skip_space(const char *d, size_t len, size_t i)
{
	while (i < len && (d[i] == ' ' || d[i] == '\t' || d[i] == '\n' || d[i] == '\r'))
		i++;
	return i;
}

/*
 * The "version" key of the top-level object of the JSON text D[0..LEN):
 * the offset of its opening quote into *KEY. Returns 0, -1 when there is
 * none (or its value is not a string).
 */
static int json_top_version(const char *d, size_t len, size_t *key)
{
	size_t i = skip_space(d, len, len >= 3 && !memcmp(d, "\xef\xbb\xbf", 3) ? 3 : 0);
	int depth = 0;

	if (i >= len || d[i] != '{')
		return -1;
	while (i < len) {
		if (d[i] == '"') {
			size_t start = i, j;

			i = skip_string(d, len, i);
			j = skip_space(d, len, i);
			if (depth == 1 && j < len && d[j] == ':' && i - start == 9 &&
			    !memcmp(d + start, "\"version\"", 9)) {
				j = skip_space(d, len, j + 1);
				if (j >= len || d[j] != '"')
					return -1;
				*key = start;
				return 0;
			}
			continue;
		}
		if (d[i] == '{' || d[i] == '[')
			depth++;
		else if (d[i] == '}' || d[i] == ']')
			depth--;
		i++;
	}
	return -1;
}

/* package.json's or package-lock.json's pattern: the key at its indentation. */
static char *json_pattern(const char *data, size_t len, size_t *key, const char **why)
{
	char indent[64];
	size_t start, k = 0;

	if (json_top_version(data, len, key) < 0) {
		*why = "its top-level object has no \"version\" string";
		return NULL;
	}
	for (start = *key; start > 0 && data[start - 1] != '\n'; start--)
		if (data[start - 1] != ' ' && data[start - 1] != '\t') {
			*why = "its \"version\" key does not start a line (a minified file)";
			return NULL;
		}
	for (size_t i = start; i < *key; i++) {
		if (k + 3 > sizeof(indent)) {
			*why = "its \"version\" key is indented by more than 30 characters";
			return NULL;
		}
		if (data[i] == '\t') {
			indent[k++] = '\\';
			indent[k++] = 't';
		} else {
			indent[k++] = ' ';
		}
	}
	indent[k] = '\0';
	return fg_strdupf("(?m)^%s\"version\"[ \\t]*:[ \\t]*\"([^\"\\n]*)\"", indent);
}

static int has_file(const struct fg_detection *d, const char *path)
{
	for (size_t i = 0; i < d->n; i++)
		if (!strcmp(d->files[i].path, path))
			return 1;
	return 0;
}

/* The built-in pattern of halfORM's version file PATH. */
static const char *builtin_pattern(const char *path)
{
	for (size_t i = 0; i < fg_builtin_vfiles_count; i++)
		if (!strcmp(fg_builtin_vfiles[i].path, path) && fg_builtin_vfiles[i].pattern)
			return fg_builtin_vfiles[i].pattern->source;
	return NULL;
}

/* Where a kind of file keeps the version: a pattern (NULL: the whole file). */
struct place {
	const char *what, *pattern;
};

int fg_detect_file(struct fg_detection *d, const char *path, const char *data, size_t len)
{
	struct place places[2] = { { "the whole file", NULL }, { NULL, NULL } };
	const char *why = NULL, *what = NULL;
	char *pattern = NULL, *value = NULL;
	int series = 0, rc = 0, json = 0;
	size_t off = 0, key = 0;
	struct fg_detected *bigger, *f;

	if (!strcmp(path, "package.json") || !strcmp(path, "package-lock.json")) {
		json = 1;
		places[0].what = "the top-level \"version\"";
	} else if (!strcmp(path, "pyproject.toml")) {
		places[0] = (struct place){ "version in [project]", project_re };
		places[1] = (struct place){ "version in [tool.poetry]", poetry_re };
	} else if (!strcmp(path, "Cargo.toml")) {
		places[0] = (struct place){ "version in [package]", cargo_re };
	} else if (!strcmp(path, "setup.cfg")) {
		places[0] = (struct place){ "version in [metadata]", setup_cfg_re };
	} else if (!strcmp(path, "setup.py")) {
		places[0] = (struct place){ "version='X' in setup()", builtin_pattern("setup.py") };
	} else if (!strcmp(path, "CMakeLists.txt")) {
		places[0] = (struct place){ "project(... VERSION X)", cmake_re };
	} else if (!strcmp(path, "docs/index.md")) {
		if (!has_file(d, "half_orm/version.txt"))
			return 0; /* halfORM's own page, nobody else's */
		places[0] = (struct place){ "halfORM's \"covers halfORM **X.Y.x**\"",
					    builtin_pattern("docs/index.md") };
		series = 1;
	}
	for (size_t i = 0; i < 2 && (i == 0 || places[i].what) && rc == 0; i++) {
		free(pattern);
		pattern = NULL;
		what = places[i].what;
		why = NULL;
		if (json && !(pattern = json_pattern(data, len, &key, &why)) && !why)
			return -1;
		if (!json && places[i].pattern && !(pattern = strdup(places[i].pattern)))
			return -1;
		if (!why && (rc = verify(pattern, series, data, len, &value, &off, &why)) < 0) {
			free(pattern);
			return -1;
		}
	}
	/* a JSON file's pattern reads the top-level key, not another indented alike */
	if (json && !why && (off < key || memchr(data + key, '\n', off - key)))
		why = "its top-level \"version\" is not the first key its pattern finds";
	if (why) {
		free(pattern);
		free(value);
		return note(d, fg_strdupf("%s: passed over: %s", path, why)) < 0 ? -1 : 0;
	}
	if (!(bigger = realloc(d->files, (d->n + 1) * sizeof(*bigger)))) {
		free(pattern);
		free(value);
		return -1;
	}
	d->files = bigger;
	f = &d->files[d->n];
	memset(f, 0, sizeof(*f));
	f->path = strdup(path);
	f->pattern = pattern;
	f->value = value;
	f->series = series;
	f->what = what;
	d->n++;
	return f->path ? 1 : -1;
}

/* TEXT between double quotes as git-config(1) reads a value back: '\' and '"' escaped. */
static void put_quoted(FILE *out, const char *text)
{
	fputc('"', out);
	for (; *text; text++) {
		if (*text == '\\' || *text == '"')
			fputc('\\', out);
		if (*text == '\n')
			fputs("\\n", out);
		else if (*text == '\t')
			fputs("\\t", out);
		else
			fputc(*text, out);
	}
	fputc('"', out);
}

char *fg_detect_config_text(const struct fg_detection *d, const char *since,
			    const char *since_why, const char *tag_prefix)
{
	char *text = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&text, &size);

	if (!out)
		return NULL;
	fputs("# flowgate's configuration (man 5 flowgate-config), written by flowgate init\n", out);
	if (since) {
		fputs("[flowgate]\n", out);
		if (since_why)
			fprintf(out, "\t# %s\n", since_why);
		fputs("\tsince = ", out);
		put_quoted(out, since);
		fputc('\n', out);
	}
	if (tag_prefix) {
		fputs("[tag]\n\tprefix = ", out);
		put_quoted(out, tag_prefix);
		fputc('\n', out);
	}
	for (size_t i = 0; i < d->n; i++) {
		const struct fg_detected *f = &d->files[i];

		fputs("[versionFile \"", out);
		for (const char *p = f->path; *p; p++) {
			if (*p == '\\' || *p == '"')
				fputc('\\', out);
			fputc(*p, out);
		}
		fprintf(out, "\"]\n\t# %s\n", f->what);
		if (f->pattern) {
			fputs("\tpattern = ", out);
			put_quoted(out, f->pattern);
			fputc('\n', out);
		}
		if (f->series)
			fputs("\tkind = series\n", out);
		fputs("\trequired = true\n", out);
	}
	if (fclose(out) != 0) {
		free(text);
		return NULL;
	}
	return text;
}

/*
 * SemVer 2.0.0 parsing, the workflow's pre-release kinds, and the version
 * files rules: every file holds a valid version, they all agree, and the
 * version fits the X.Y series of a dev/release/maint branch.
 */
#include <stdlib.h>
#include <string.h>
#include "refname.h"
#include "version.h"

/* semver.org's regular expression for SemVer 2.0.0 (anchored with \z). */
static struct fg_pattern semver_re = FG_PATTERN(
	"^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
	"(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
	"(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?\\z", 0);
static struct fg_pattern workflow_pre_re = FG_PATTERN(
	"^(?:(dev)|alpha([1-9]\\d*)|beta([1-9]\\d*)|rc([1-9]\\d*))\\z", 0);
static struct fg_pattern series_re = FG_PATTERN("^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.x\\z", 0);

static struct fg_pattern setup_py_re = FG_PATTERN(
	"\\bversion\\s*=\\s*(?|'([^'\\n]*)'|\"([^\"\\n]*)\")", 0);
static struct fg_pattern docs_index_re = FG_PATTERN("covers halfORM \\*\\*([^*\\n]*)\\*\\*", 0);

const struct fg_vfile_spec fg_builtin_vfiles[] = {
	{ "half_orm/version.txt", NULL, 0, 0 },
	{ "setup.py", &setup_py_re, 0, 0 },
	{ "docs/index.md", &docs_index_re, 1, 0 },
};
const size_t fg_builtin_vfiles_count = sizeof(fg_builtin_vfiles) / sizeof(fg_builtin_vfiles[0]);

int fg_parse_u64(const char *text, size_t len, uint64_t *out)
{
	uint64_t v = 0;

	if (!len)
		return -1;
	for (size_t i = 0; i < len; i++) {
		unsigned d = (unsigned char)text[i] - '0';
		if (d > 9 || v > (UINT64_MAX - d) / 10)
			return -1;
		v = v * 10 + d;
	}
	*out = v;
	return 0;
}

int fg_version_parse(const char *text, size_t len, struct fg_version *out)
{
	struct fg_span g[6], p[5];

	memset(out, 0, sizeof(*out));
	if (fg_pattern_match(&semver_re, text, len, g, 6) != 1)
		return -1;
	if (fg_parse_u64(text + g[1].off, g[1].len, &out->major) ||
	    fg_parse_u64(text + g[2].off, g[2].len, &out->minor) ||
	    fg_parse_u64(text + g[3].off, g[3].len, &out->patch))
		return -2;
	if (g[4].off != SIZE_MAX) {
		out->pre = text + g[4].off;
		out->pre_len = g[4].len;
		out->pre_kind = FG_PRE_OTHER;
		if (fg_pattern_match(&workflow_pre_re, out->pre, out->pre_len, p, 5) == 1) {
			for (int k = 1; k <= 4; k++) {
				if (p[k].off == SIZE_MAX)
					continue;
				out->pre_kind = (enum fg_prerelease_kind)k;
				if (k > 1 && fg_parse_u64(out->pre + p[k].off, p[k].len, &out->pre_number))
					return -2;
			}
		}
	}
	if (g[5].off != SIZE_MAX) {
		out->build = text + g[5].off;
		out->build_len = g[5].len;
	}
	return 0;
}

int fg_version_is_workflow(const struct fg_version *v)
{
	return v->pre_kind != FG_PRE_OTHER;
}

int fg_version_same(const struct fg_version *a, const struct fg_version *b)
{
	return a->major == b->major && a->minor == b->minor && a->patch == b->patch &&
	       a->pre_len == b->pre_len && (!a->pre_len || !memcmp(a->pre, b->pre, a->pre_len));
}

int fg_series_parse(const char *text, size_t len, uint64_t *major, uint64_t *minor)
{
	struct fg_span g[3];

	if (fg_pattern_match(&series_re, text, len, g, 3) != 1)
		return -1;
	if (fg_parse_u64(text + g[1].off, g[1].len, major) ||
	    fg_parse_u64(text + g[2].off, g[2].len, minor))
		return -2;
	return 0;
}

void fg_version_set_init(struct fg_version_set *set)
{
	set->values = NULL;
	set->n = 0;
	set->limit_path = NULL;
}

void fg_version_set_release(struct fg_version_set *set)
{
	for (size_t i = 0; i < set->n; i++)
		free(set->values[i].text);
	free(set->values);
	fg_version_set_init(set);
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

/* Parse one extracted value: a workflow version, or a series where allowed. */
static void classify(struct fg_vfile_value *value, int series_allowed)
{
	size_t len = strlen(value->text);

	if (series_allowed && fg_series_parse(value->text, len, &value->major, &value->minor) == 0) {
		value->is_series = 1;
		value->valid = 1;
		return;
	}
	if (fg_version_parse(value->text, len, &value->version) == 0 &&
	    fg_version_is_workflow(&value->version) && !value->version.build) {
		value->valid = 1;
		value->major = value->version.major;
		value->minor = value->version.minor;
	}
}

int fg_versions_extract(struct fg_version_set *set, const struct fg_vfile_spec *specs,
			size_t nspecs, const struct fg_vfile_content *contents)
{
	set->values = calloc(nspecs ? nspecs : 1, sizeof(*set->values));
	if (!set->values)
		return -1;
	for (size_t i = 0; i < nspecs; i++) {
		const struct fg_vfile_content *c = &contents[i];
		const char *start = c->data;
		size_t len = c->len;
		struct fg_vfile_value *value;
		struct fg_span g[2];
		int missing = 0;

		if (!c->present) {
			missing = 1;
		} else if (specs[i].pattern) {
			int rc = fg_pattern_match(specs[i].pattern, c->data, c->len, g, 2);

			if (rc == -3 || rc == -1) {
				set->limit_path = specs[i].path;
				return -3;
			}
			if (rc != 1 || g[1].off == SIZE_MAX)
				missing = 2;
			else
				start = c->data + g[1].off, len = g[1].len;
		}
		if (missing) {
			if (!specs[i].required)
				continue;
			value = &set->values[set->n++];
			value->path = specs[i].path;
			value->missing = missing;
			if (!(value->text = calloc(1, 1)))
				return -1;
			continue;
		}
		while (len && is_space(*start))
			start++, len--;
		while (len && is_space(start[len - 1]))
			len--;
		value = &set->values[set->n];
		value->path = specs[i].path;
		if (!(value->text = malloc(len + 1)))
			return -1;
		memcpy(value->text, start, len);
		value->text[len] = '\0';
		/* An embedded NUL makes the value invalid, never silently shorter. */
		if (memchr(start, '\0', len))
			value->text[0] = '\x01';
		set->n++;
		classify(value, specs[i].series);
	}
	return 0;
}

const struct fg_vfile_value *fg_versions_exact(const struct fg_version_set *set)
{
	for (size_t i = 0; i < set->n; i++)
		if (set->values[i].valid && !set->values[i].is_series)
			return &set->values[i];
	return NULL;
}

static int values_agree(const struct fg_vfile_value *a, const struct fg_vfile_value *b)
{
	if (a->is_series || b->is_series)
		return a->major == b->major && a->minor == b->minor;
	return fg_version_same(&a->version, &b->version);
}

static void report_format(struct fg_report *report, const struct fg_vfile_value *value)
{
	char *q;
	struct fg_violation *v;

	if (value->missing) {
		v = fg_report_add(report, FG_RULE_VERSION_FORMAT, value->missing == 1
				  ? "required version file %s is missing"
				  : "required version file %s holds no version its pattern finds",
				  value->path);
		fg_violation_hint(v, value->missing == 1
				  ? "add %s with the version, then git add it (or set "
				    "versionFile.\"%s\".required = false in .flowgate)"
				  : "write the version in %s where versionFile.\"%s\".pattern "
				    "finds it (flowgate config shows the pattern)", value->path,
				  value->path);
		return;
	}
	q = fg_quote(value->text, strlen(value->text), 60);
	v = fg_report_add(report, FG_RULE_VERSION_FORMAT,
		"%s holds %s, which is not a workflow version", value->path, q ? q : "?");

	fg_violation_hint(v, "write X.Y.Z with an optional -dev, -alphaN, -betaN or -rcN "
			  "(e.g. 0.16.0-rc1), then git add %s", value->path);
	free(q);
}

size_t fg_versions_check(struct fg_report *report, const struct fg_version_set *set,
			 const struct fg_branch *branch, const char *branch_name)
{
	size_t before = report->n;
	const struct fg_vfile_value *ref = fg_versions_exact(set);

	for (size_t i = 0; i < set->n; i++)
		if (!set->values[i].valid)
			report_format(report, &set->values[i]);

	if (!ref) {
		/* No exact version: the series that are there must still agree. */
		for (size_t i = 0; i < set->n; i++)
			if (set->values[i].valid) {
				ref = &set->values[i];
				break;
			}
	}
	for (size_t i = 0; ref && i < set->n; i++) {
		const struct fg_vfile_value *value = &set->values[i];
		struct fg_violation *v;

		if (value == ref || !value->valid || values_agree(ref, value))
			continue;
		v = fg_report_add(report, FG_RULE_VERSION_CONSISTENCY,
				  "version files disagree: %s says '%s' but %s says '%s'",
				  ref->path, ref->text, value->path, value->text);
		if (value->is_series)
			fg_violation_hint(v, "write '%llu.%llu.x' in %s, then git add %s",
					  (unsigned long long)ref->major,
					  (unsigned long long)ref->minor, value->path, value->path);
		else
			fg_violation_hint(v, "write '%s' in %s (or change %s), then git add both",
					  ref->text, value->path, ref->path);
	}

	if (branch && fg_branch_has_series(branch)) {
		for (size_t i = 0; i < set->n; i++) {
			const struct fg_vfile_value *value = &set->values[i];
			struct fg_violation *v;

			if (!value->valid || (value->major == branch->major &&
					      value->minor == branch->minor))
				continue;
			v = fg_report_add(report, FG_RULE_BRANCH_VERSION_SERIES,
					  "%s says '%s', outside the %llu.%llu series of branch '%s'",
					  value->path, value->text,
					  (unsigned long long)branch->major,
					  (unsigned long long)branch->minor, branch_name);
			fg_violation_hint(v, "set the version to %llu.%llu.Z (e.g. %llu.%llu.0-dev), "
					  "or commit on the branch of the %llu.%llu series",
					  (unsigned long long)branch->major,
					  (unsigned long long)branch->minor,
					  (unsigned long long)branch->major,
					  (unsigned long long)branch->minor,
					  (unsigned long long)value->major,
					  (unsigned long long)value->minor);
			break;
		}
	}
	return report->n - before;
}

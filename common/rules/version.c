/*
 * SemVer 2.0.0 parsing, the workflow's pre-release kinds, and the version
 * files rules: every file holds a valid version, they all agree, and the
 * version fits the X.Y series of a dev/release/maint branch.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "branchkind.h"
#include "quote.h"
#include "version.h"

/* semver.org's regular expression for SemVer 2.0.0 (anchored with \z). */
static struct fg_pattern semver_re = FG_PATTERN(
	"^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
	"(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
	"(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?\\z", 0);
static struct fg_pattern workflow_pre_re = FG_PATTERN(
	"^(?:(dev)|alpha([1-9]\\d*)|beta([1-9]\\d*)|rc([1-9]\\d*))\\z", 0);
static struct fg_pattern series_re = FG_PATTERN("^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.x\\z", 0);

/* version files need not be UTF-8 (a Latin-1 setup.py): FG_PATTERN_MATCH_INVALID_UTF */
static struct fg_pattern setup_py_re = FG_PATTERN(
	"\\bversion\\s*=\\s*(?|'([^'\\n]*)'|\"([^\"\\n]*)\")", FG_PATTERN_MATCH_INVALID_UTF);
static struct fg_pattern docs_index_re = FG_PATTERN("covers halfORM \\*\\*([^*\\n]*)\\*\\*",
						    FG_PATTERN_MATCH_INVALID_UTF);

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

/* The kind words of the workflow's pre-releases, by enum fg_prerelease_kind. */
static const char *const pre_words[] = { "", "dev", "alpha", "beta", "rc", "" };

/*
 * The pre-release text of V (which has one): PRE when set, else written from
 * PRE_KIND and PRE_NUMBER into BUF (32 bytes hold "alpha" and 20 digits).
 */
static const char *pre_text(const struct fg_version *v, char buf[32], size_t *len)
{
	int n;

	if (v->pre) {
		*len = v->pre_len;
		return v->pre;
	}
	if (v->pre_kind == FG_PRE_DEV || v->pre_kind == FG_PRE_OTHER) /* OTHER has PRE */
		n = snprintf(buf, 32, "%s", pre_words[v->pre_kind]);
	else
		n = snprintf(buf, 32, "%s%llu", pre_words[v->pre_kind],
			     (unsigned long long)v->pre_number);
	*len = n > 0 ? (size_t)n : 0;
	return buf;
}

/*
 * The pre-release of V as the workflow's precedence reads it: -dev as
 * alpha.0, -alphaN as alpha.N, -betaN as beta.N, -rcN as rc.N; an OTHER
 * pre-release as it is written.
 */
static const char *precedence_text(const struct fg_version *v, char buf[32], size_t *len)
{
	int n;

	if (v->pre_kind == FG_PRE_OTHER)
		return pre_text(v, buf, len);
	n = snprintf(buf, 32, "%s.%llu", v->pre_kind == FG_PRE_DEV ? "alpha" : pre_words[v->pre_kind],
		     (unsigned long long)(v->pre_kind == FG_PRE_DEV ? 0 : v->pre_number));
	*len = n > 0 ? (size_t)n : 0;
	return buf;
}

static int all_digits(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

/* Byte-wise comparison of two strings of different lengths; a prefix is lower. */
static int compare_bytes(const char *a, size_t alen, const char *b, size_t blen)
{
	int c = memcmp(a, b, alen < blen ? alen : blen);

	if (c)
		return c;
	return alen < blen ? -1 : alen > blen;
}

/*
 * SemVer 2.0.0 §11.4: compare two dot-separated pre-release identifier
 * lists. Numeric identifiers have no leading zeros (§9), so the longer
 * number is the greater, and equal lengths compare digit by digit: no
 * 64-bit limit.
 */
static int compare_prerelease(const char *a, size_t alen, const char *b, size_t blen)
{
	size_t i = 0, j = 0;

	for (;;) {
		size_t ie = i, je = j;
		int an, bn, c;

		if (i > alen || j > blen) /* §11.4.4: the list that ends first is lower */
			return (j > blen) - (i > alen);
		while (ie < alen && a[ie] != '.')
			ie++;
		while (je < blen && b[je] != '.')
			je++;
		an = all_digits(a + i, ie - i);
		bn = all_digits(b + j, je - j);
		if (an && bn) /* §11.4.1 */
			c = ie - i != je - j ? (ie - i < je - j ? -1 : 1)
					     : memcmp(a + i, b + j, ie - i);
		else if (an || bn) /* §11.4.3: numeric is lower */
			c = an ? -1 : 1;
		else /* §11.4.2: ASCII order */
			c = compare_bytes(a + i, ie - i, b + j, je - j);
		if (c)
			return c < 0 ? -1 : 1;
		i = ie + 1;
		j = je + 1;
	}
}

/* §11.2: major, minor, patch, numerically. */
static int compare_core(const struct fg_version *a, const struct fg_version *b)
{
	if (a->major != b->major)
		return a->major < b->major ? -1 : 1;
	if (a->minor != b->minor)
		return a->minor < b->minor ? -1 : 1;
	if (a->patch != b->patch)
		return a->patch < b->patch ? -1 : 1;
	return 0;
}

/*
 * The order of A and B before their pre-release identifiers (§11.2, §11.3):
 * <0 or >0, 0 when both are the same final version, 2 when only their
 * pre-releases can tell.
 */
static int compare_release(const struct fg_version *a, const struct fg_version *b)
{
	int c = compare_core(a, b);

	if (c)
		return c;
	if (a->pre_kind == FG_PRE_NONE || b->pre_kind == FG_PRE_NONE)
		return (a->pre_kind == FG_PRE_NONE) - (b->pre_kind == FG_PRE_NONE);
	return 2;
}

/*
 * A and B by §11, their pre-releases read as TEXT gives them (pre_text:
 * as written; precedence_text: the workflow's kinds as SemVer identifiers).
 */
static int compare_with(const struct fg_version *a, const struct fg_version *b,
			const char *(*text)(const struct fg_version *, char[32], size_t *))
{
	char abuf[32], bbuf[32];
	const char *at, *bt;
	size_t alen, blen;
	int c = compare_release(a, b);

	if (c != 2)
		return c;
	at = text(a, abuf, &alen);
	bt = text(b, bbuf, &blen);
	return compare_prerelease(at, alen, bt, blen);
}

int fg_version_compare(const struct fg_version *a, const struct fg_version *b)
{
	int c = compare_with(a, b, precedence_text);

	if (c)
		return c;
	/* Read alike (-alpha.3 and -alpha3): the one that is not the workflow's first. */
	return (a->pre_kind != FG_PRE_OTHER) - (b->pre_kind != FG_PRE_OTHER);
}

int fg_version_compare_semver(const struct fg_version *a, const struct fg_version *b)
{
	return compare_with(a, b, pre_text);
}

int fg_version_format(char *buf, size_t size, const struct fg_version *v)
{
	char core[64], prebuf[32];
	const char *pre = NULL;
	size_t pre_len = 0, core_len, total;
	int n = snprintf(core, sizeof(core), "%llu.%llu.%llu", (unsigned long long)v->major,
			 (unsigned long long)v->minor, (unsigned long long)v->patch);

	if (n < 0)
		return -1;
	core_len = (size_t)n;
	if (v->pre_kind != FG_PRE_NONE)
		pre = pre_text(v, prebuf, &pre_len);
	total = core_len + (pre ? 1 + pre_len : 0);
	if (pre_len > INT_MAX || total > INT_MAX)
		return -1;
	if (size) {
		size_t k = core_len < size - 1 ? core_len : size - 1;

		memcpy(buf, core, k);
		if (pre && k < size - 1) {
			buf[k++] = '-';
			if (k < size - 1) {
				size_t m = pre_len < size - 1 - k ? pre_len : size - 1 - k;

				memcpy(buf + k, pre, m);
				k += m;
			}
		}
		buf[k] = '\0';
	}
	return (int)total;
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

/* TEXT[*OFF..*OFF+*LEN) without its white space; an empty span stays where it starts. */
static void trim(const char *text, size_t *off, size_t *len)
{
	size_t start = *off, n = *len;

	while (n && is_space(text[start]))
		start++, n--;
	while (n && is_space(text[start + n - 1]))
		n--;
	if (n)
		*off = start;
	*len = n;
}

int fg_vfile_find(const struct fg_vfile_spec *spec, const char *data, size_t len, size_t *from,
		  struct fg_span *value)
{
	struct fg_span g[2];
	size_t at = *from;
	int rc;

	if (at > len)
		return 0;
	if (!spec->pattern) {
		if (at > 0)
			return 0;
		value->off = 0;
		value->len = len;
		trim(data, &value->off, &value->len);
		*from = len + 1;
		return 1;
	}
	rc = fg_pattern_match_from(spec->pattern, data, len, at, g, 2);
	if (rc != 1)
		return rc;
	/* Resume past the match, or past one more character (PCRE2 checked the
	 * UTF-8) after an empty match, so that a loop on it ends. */
	*from = g[0].off + g[0].len;
	if (!g[0].len && (*from)++ < len)
		while (*from < len && ((unsigned char)data[*from] & 0xc0) == 0x80)
			(*from)++;
	if (g[1].off == SIZE_MAX) {
		value->off = SIZE_MAX;
		value->len = 0;
		return 1;
	}
	value->off = g[1].off;
	value->len = g[1].len;
	trim(data, &value->off, &value->len);
	return 1;
}

int fg_versions_extract(struct fg_version_set *set, const struct fg_vfile_spec *specs,
			size_t nspecs, const struct fg_vfile_content *contents)
{
	set->values = calloc(nspecs ? nspecs : 1, sizeof(*set->values));
	if (!set->values)
		return -1;
	for (size_t i = 0; i < nspecs; i++) {
		const struct fg_vfile_content *c = &contents[i];
		const char *start = NULL;
		size_t len = 0;
		struct fg_vfile_value *value;
		int missing = 0;

		if (!c->present) {
			missing = 1;
		} else if (c->present == 2) {
			missing = 3;
		} else {
			/* The first value only: see fg_vfile_rewrite for the others. */
			struct fg_span span;
			size_t from = 0;
			int rc = fg_vfile_find(&specs[i], c->data, c->len, &from, &span);

			if (rc == -3 || rc == -1) {
				set->limit_path = specs[i].path;
				return -3;
			}
			if (rc != 1 || span.off == SIZE_MAX)
				missing = 2;
			else
				start = c->data + span.off, len = span.len;
		}
		if (missing) {
			if (!specs[i].required && missing != 3)
				continue;
			value = &set->values[set->n++];
			value->path = specs[i].path;
			value->missing = missing;
			value->size = missing == 3 ? c->len : 0;
			if (!(value->text = calloc(1, 1)))
				return -1;
			continue;
		}
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

/*
 * VALUE's text made a workflow version, when a mere slip keeps it from
 * being one ("v0.16.0", "0.16": a leading v, a missing patch number),
 * into OUT (SIZE bytes); NULL when not.
 */
static const char *repaired(const char *value, char *out, size_t size)
{
	struct fg_version v;
	int dots = 0, n;

	if (*value == 'v' || *value == 'V')
		value++;
	for (const char *p = value; *p; p++) {
		if (*p == '-' || *p == '+')
			break;
		dots += *p == '.';
	}
	if (dots != 1 && dots != 2)
		return NULL;
	n = dots == 1 ? snprintf(out, size, "%.*s.0%s", (int)strcspn(value, "-+"), value,
				 value + strcspn(value, "-+"))
		      : snprintf(out, size, "%s", value);
	if (n < 0 || (size_t)n >= size || fg_version_parse(out, strlen(out), &v) < 0 ||
	    !fg_version_is_workflow(&v) || v.build)
		return NULL;
	return out;
}

static void report_format(struct fg_report *report, const struct fg_vfile_value *value,
			  const struct fg_vfile_value *ref)
{
	char fixed[64];
	const char *fix;
	char *q, *word;
	struct fg_violation *v;

	if (value->missing == 3) {
		v = fg_report_add(report, FG_RULE_VERSION_FORMAT,
				  "version file %s is %zu bytes, more than %d: it is not read",
				  value->path, value->size, FG_VFILE_MAX_SIZE);
		fg_violation_hint(v, "a version file is small: put the version in %s (git add "
				  "it), or name the right file in the versionFile configuration",
				  value->path);
		return;
	}
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

	word = fg_sh_quote(value->path, strlen(value->path), 0);
	if (ref && value->is_series)
		fg_violation_hint(v, "write '%llu.%llu.x' in %s (the series of what %s says), then "
				  "git add %s", (unsigned long long)ref->major,
				  (unsigned long long)ref->minor, value->path, ref->path,
				  word ? word : "<path>");
	else if (ref)
		fg_violation_hint(v, "write '%s' in %s (what %s says), then git add %s", ref->text,
				  value->path, ref->path, word ? word : "<path>");
	else if (!value->is_series && (fix = repaired(value->text, fixed, sizeof(fixed))))
		fg_violation_hint(v, "write '%s' in %s, then git add %s", fix, value->path,
				  word ? word : "<path>");
	else
		fg_violation_hint(v, "write X.Y.Z with an optional -dev, -alphaN, -betaN or -rcN "
				  "(e.g. 0.16.0-rc1), then git add %s", word ? word : "<path>");
	free(word);
	free(q);
}

/*
 * branchVersionSeries' hint on V: VALUE is outside BRANCH's series; the
 * parent commit held PARENT (may be NULL). A version the parent's does not
 * pass (versionRegression) is never proposed.
 */
static void series_hint(struct fg_violation *v, const struct fg_branch *branch,
			const struct fg_vfile_value *value, const struct fg_vfile_value *parent)
{
	unsigned long long x = branch->major, y = branch->minor;
	unsigned long long vx = value->major, vy = value->minor;

	if (parent && parent->valid && !parent->is_series && parent->version.major == x &&
	    parent->version.minor == y)
		fg_violation_hint(v, "write '%s' (the parent's version) or a higher %llu.%llu.Z in "
				  "the version files, then git add them; or commit on a branch of "
				  "the %llu.%llu series", parent->text, x, y, vx, vy);
	else if (parent && parent->valid && !parent->is_series &&
		 (parent->version.major > x || (parent->version.major == x &&
						parent->version.minor > y)))
		fg_violation_hint(v, "the parent is at %s, past the %llu.%llu series: no %llu.%llu "
				  "version goes up from it; commit on a branch of the %llu.%llu "
				  "series", parent->text, x, y, x, y,
				  (unsigned long long)parent->version.major,
				  (unsigned long long)parent->version.minor);
	else
		fg_violation_hint(v, "set the version to %llu.%llu.Z, no lower than the parent "
				  "commit's, or commit on a branch of the %llu.%llu series", x, y,
				  vx, vy);
}

size_t fg_versions_check(struct fg_report *report, const struct fg_version_set *set,
			 const struct fg_branch *branch, const char *branch_name)
{
	return fg_versions_check_after(report, set, branch, branch_name, NULL);
}

size_t fg_versions_check_after(struct fg_report *report, const struct fg_version_set *set,
			       const struct fg_branch *branch, const char *branch_name,
			       const struct fg_vfile_value *parent)
{
	size_t before = report->n;
	const struct fg_vfile_value *ref = fg_versions_exact(set);

	for (size_t i = 0; i < set->n; i++)
		if (!set->values[i].valid)
			report_format(report, &set->values[i], ref);

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
		if (value->is_series) {
			char *word = fg_sh_quote(value->path, strlen(value->path), 0);

			fg_violation_hint(v, "write '%llu.%llu.x' in %s, then git add %s",
					  (unsigned long long)ref->major,
					  (unsigned long long)ref->minor, value->path,
					  word ? word : "<path>");
			free(word);
		} else {
			char *word = fg_sh_quote(value->path, strlen(value->path), 0);

			fg_violation_hint(v, "write '%s' in %s (or change %s), then git add %s",
					  ref->text, value->path, ref->path, word ? word : "<path>");
			free(word);
		}
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
			series_hint(v, branch, value, parent);
			break;
		}
	}
	return report->n - before;
}

size_t fg_check_version_regression(struct fg_report *report, const struct fg_vfile_value *now,
				   const struct fg_vfile_value *before, const char *where)
{
	struct fg_violation *v;

	if (!now || !before || fg_version_compare(&now->version, &before->version) >= 0)
		return 0;
	v = fg_report_add(report, FG_RULE_VERSION_REGRESSION,
			  "the version goes down from %s to %s in %s", before->text, now->text,
			  where);
	fg_violation_hint(v, "versions only go up: write '%s' or higher in the version files "
			  "(flowgate bump picks the next one), then git add them", before->text);
	return v ? 1 : 0;
}

size_t fg_check_version_branch(struct fg_report *report, const struct fg_vfile_value *now,
			       const struct fg_branch *branch, const char *branch_name,
			       int from_release, const char *where)
{
	struct fg_violation *v = NULL;
	unsigned long long major, minor;

	if (!now || !branch)
		return 0;
	major = (unsigned long long)now->version.major;
	minor = (unsigned long long)now->version.minor;
	switch (now->version.pre_kind) {
	case FG_PRE_RC:
		if (branch->kind == FG_BRANCH_RELEASE)
			return 0;
		/* on main and dev/X.Y.x, the workflow's own lines: an error of its own */
		v = fg_report_add(report, branch->kind == FG_BRANCH_MAIN || branch->kind == FG_BRANCH_DEV
				  ? FG_RULE_VERSION_RELEASE_BRANCH : FG_RULE_VERSION_PRE_RELEASE_BRANCH,
				  "release candidate %s is set on branch '%s' in %s; release "
				  "candidates are cut on release/%llu.%llu.x only", now->text,
				  branch_name, where, major, minor);
		fg_violation_hint(v, "cut it on release/%llu.%llu.x: git checkout -b "
				  "release/%llu.%llu.x takes what is staged there (git checkout "
				  "release/%llu.%llu.x, then flowgate bump rc, when the branch "
				  "exists); here use -dev, -alphaN or -betaN", major, minor, major,
				  minor, major, minor);
		break;
	case FG_PRE_DEV:
		if (branch->kind != FG_BRANCH_RELEASE && branch->kind != FG_BRANCH_MAINT)
			return 0;
		v = fg_report_add(report, FG_RULE_VERSION_PRE_RELEASE_BRANCH,
				  "development version %s is set on branch '%s' in %s; release "
				  "and maint branches hold only -rcN and final versions", now->text,
				  branch_name, where);
		fg_violation_hint(v, "set a release candidate or a release here (flowgate bump rc, "
				  "flowgate bump release or flowgate bump patch); -dev belongs on "
				  "main and dev/*");
		break;
	case FG_PRE_NONE:
		if (branch->kind != FG_BRANCH_MAIN || from_release)
			return 0;
		v = fg_report_add(report, FG_RULE_VERSION_RELEASE_BRANCH,
				  "release %s is set on branch '%s' in %s, not by merging "
				  "release/%llu.%llu.x; main gets a release only from its release "
				  "branch", now->text, branch_name, where, major, minor);
		fg_violation_hint(v, "release on release/%llu.%llu.x: git checkout -b "
				  "release/%llu.%llu.x takes what is staged there (git checkout "
				  "release/%llu.%llu.x, then flowgate bump release --commit --tag, "
				  "when the branch exists); then git merge release/%llu.%llu.x into "
				  "main", major, minor, major, minor, major, minor, major, minor);
		break;
	default:
		return 0;
	}
	return v ? 1 : 0;
}

/*
 * Tests of bump.c: the `flowgate bump` argument, every transition of the
 * workflow's life cycle (refusals and counter overflow included), and the
 * rewrite of version files that changes the version's bytes and no others.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "check_flowgate.h"
#include "bump.h"
#include "version.h"

#define MAX "18446744073709551615"

/* ---- fg_bump_parse ------------------------------------------------------- */

static const struct {
	const char *word;
	int rc;
	enum fg_bump_kind kind;
} parse_cases[] = {
	{ "major", 0, FG_BUMP_MAJOR },
	{ "minor", 0, FG_BUMP_MINOR },
	{ "patch", 0, FG_BUMP_PATCH },
	{ "dev", 0, FG_BUMP_DEV },
	{ "alpha", 0, FG_BUMP_ALPHA },
	{ "beta", 0, FG_BUMP_BETA },
	{ "rc", 0, FG_BUMP_RC },
	{ "release", 0, FG_BUMP_RELEASE },
	{ "0.17.0", 0, FG_BUMP_EXPLICIT },
	{ "0.17.0-dev", 0, FG_BUMP_EXPLICIT },
	{ "0.16.0-alpha10", 0, FG_BUMP_EXPLICIT },
	{ "0.16.0-rc2", 0, FG_BUMP_EXPLICIT },
	{ MAX "." MAX "." MAX "-alpha" MAX, 0, FG_BUMP_EXPLICIT },
	{ "explicit", FG_BUMP_EWORD, 0 },     /* a kind's name, not a word of the command */
	{ "Major", FG_BUMP_EWORD, 0 },
	{ "RC", FG_BUMP_EWORD, 0 },
	{ "release ", FG_BUMP_EWORD, 0 },
	{ "", FG_BUMP_EWORD, 0 },
	{ "0.17", FG_BUMP_EWORD, 0 },
	{ "v0.17.0", FG_BUMP_EWORD, 0 },
	{ " 0.17.0", FG_BUMP_EWORD, 0 },
	{ "0.17.0-01", FG_BUMP_EWORD, 0 },     /* not SemVer (§9: no leading zero) */
	{ "0.17.0-rc01", FG_BUMP_ENOTWORKFLOW, 0 }, /* SemVer: "rc01" is alphanumeric */
	{ "0.17.0-preview", FG_BUMP_ENOTWORKFLOW, 0 },
	{ "0.17.0-rc0", FG_BUMP_ENOTWORKFLOW, 0 },
	{ "0.17.0-rc.1", FG_BUMP_ENOTWORKFLOW, 0 },
	{ "0.17.0+build.1", FG_BUMP_ENOTWORKFLOW, 0 },
	{ "0.17.0-rc1+build.1", FG_BUMP_ENOTWORKFLOW, 0 },
	{ "18446744073709551616.0.0", FG_BUMP_EOVERFLOW, 0 },
	{ "0.16.0-rc18446744073709551616", FG_BUMP_EOVERFLOW, 0 },
};

START_TEST(test_bump_parse)
{
	const char *word = parse_cases[_i].word, *why = NULL;
	enum fg_bump_kind kind = FG_BUMP_RELEASE;
	struct fg_version v;
	int rc;

	memset(&v, 0x55, sizeof(v));
	rc = fg_bump_parse(word, &kind, &v, &why);
	ck_assert_msg(rc == parse_cases[_i].rc, "'%s': rc %d, want %d", word, rc, parse_cases[_i].rc);
	if (rc) {
		ck_assert_ptr_nonnull(why);
		ck_assert_int_eq(fg_bump_parse(word, &kind, &v, NULL), rc); /* WHY may be NULL */
		return;
	}
	ck_assert_int_eq(kind, parse_cases[_i].kind);
	ck_assert_str_eq(fg_bump_kind_name(kind), kind == FG_BUMP_EXPLICIT ? "explicit" : word);
	if (kind == FG_BUMP_EXPLICIT) {
		char buf[FG_VERSION_TEXT_MAX];

		ck_assert(v.pre == NULL || (v.pre > word && v.pre < word + strlen(word)));
		ck_assert_int_eq(fg_version_format(buf, sizeof(buf), &v), (int)strlen(word));
		ck_assert_str_eq(buf, word);
	}
}
END_TEST

START_TEST(test_bump_parse_messages)
{
	enum fg_bump_kind kind;
	struct fg_version v;
	const char *why = NULL;

	ck_assert_int_eq(fg_bump_parse("v0.17.0", &kind, &v, &why), FG_BUMP_EWORD);
	ck_assert_str_eq(why, "give the version without the tag prefix, e.g. 0.16.0 for v0.16.0");
	ck_assert_int_eq(fg_bump_parse("next", &kind, &v, &why), FG_BUMP_EWORD);
	ck_assert_str_eq(why, "give major, minor, patch, dev, alpha, beta, rc, release or a "
			      "version X.Y.Z[-pre]");
	ck_assert_str_eq(fg_bump_kind_name((enum fg_bump_kind)99), "?");
}
END_TEST

/* ---- fg_bump_next -------------------------------------------------------- */

#define REFUSED FG_BUMP_EREFUSED
#define OVERFLOW FG_BUMP_EOVERFLOW

static const struct {
	const char *current;
	enum fg_bump_kind kind;
	const char *explicit; /* FG_BUMP_EXPLICIT: the given version (NULL: none) */
	int rc;
	const char *want;     /* rc == 0: the next version */
} next_cases[] = {
	/* major: the lowest X.0.0 above the current version */
	{ "1.2.3", FG_BUMP_MAJOR, NULL, 0, "2.0.0" },
	{ "0.16.0", FG_BUMP_MAJOR, NULL, 0, "1.0.0" },
	{ "1.2.3+build.7", FG_BUMP_MAJOR, NULL, 0, "2.0.0" },
	{ "1.2.3-rc1", FG_BUMP_MAJOR, NULL, 0, "2.0.0" },
	{ "1.2.0-dev", FG_BUMP_MAJOR, NULL, 0, "2.0.0" },
	{ "1.0.1-alpha1", FG_BUMP_MAJOR, NULL, 0, "2.0.0" },
	{ "2.0.0-rc1", FG_BUMP_MAJOR, NULL, 0, "2.0.0" },
	{ "2.0.0-dev", FG_BUMP_MAJOR, NULL, 0, "2.0.0" },
	{ "2.0.0-preview", FG_BUMP_MAJOR, NULL, 0, "2.0.0" },
	{ "1.1.0-beta2", FG_BUMP_MAJOR, NULL, 0, "2.0.0" },
	{ MAX ".0.0", FG_BUMP_MAJOR, NULL, OVERFLOW, NULL },
	{ MAX ".0.0-rc1", FG_BUMP_MAJOR, NULL, 0, MAX ".0.0" },
	{ MAX ".1.0-rc1", FG_BUMP_MAJOR, NULL, OVERFLOW, NULL },
	/* minor: the lowest X.Y.0 above */
	{ "0.16.2", FG_BUMP_MINOR, NULL, 0, "0.17.0" },
	{ "0.16.0", FG_BUMP_MINOR, NULL, 0, "0.17.0" },
	{ "1.9.0", FG_BUMP_MINOR, NULL, 0, "1.10.0" },
	{ "0.17.0-dev", FG_BUMP_MINOR, NULL, 0, "0.17.0" },
	{ "1.0.0-alpha3", FG_BUMP_MINOR, NULL, 0, "1.0.0" },
	{ "0.16.1-rc1", FG_BUMP_MINOR, NULL, 0, "0.17.0" },
	{ "0.17.0-beta1", FG_BUMP_MINOR, NULL, 0, "0.17.0" },
	{ "0.17.0-preview", FG_BUMP_MINOR, NULL, 0, "0.17.0" },
	{ "0." MAX ".0", FG_BUMP_MINOR, NULL, OVERFLOW, NULL },
	{ "0." MAX ".0-dev", FG_BUMP_MINOR, NULL, 0, "0." MAX ".0" },
	{ "0." MAX ".1-dev", FG_BUMP_MINOR, NULL, OVERFLOW, NULL },
	/* patch: the lowest X.Y.Z above */
	{ "0.16.0", FG_BUMP_PATCH, NULL, 0, "0.16.1" },
	{ "0.16.9", FG_BUMP_PATCH, NULL, 0, "0.16.10" },
	{ "0.16.0+b", FG_BUMP_PATCH, NULL, 0, "0.16.1" },
	{ "0.16.1-rc1", FG_BUMP_PATCH, NULL, 0, "0.16.1" },
	{ "0.17.0-dev", FG_BUMP_PATCH, NULL, 0, "0.17.0" },
	{ "0.16.2-alpha1", FG_BUMP_PATCH, NULL, 0, "0.16.2" },
	{ "0.16.2-beta3", FG_BUMP_PATCH, NULL, 0, "0.16.2" },
	{ "0.16.1-preview", FG_BUMP_PATCH, NULL, 0, "0.16.1" },
	{ "0.16." MAX, FG_BUMP_PATCH, NULL, OVERFLOW, NULL },
	{ "0.16." MAX "-rc1", FG_BUMP_PATCH, NULL, 0, "0.16." MAX },
	/* dev: the next minor's development */
	{ "0.16.0", FG_BUMP_DEV, NULL, 0, "0.17.0-dev" },
	{ "0.16.2", FG_BUMP_DEV, NULL, 0, "0.17.0-dev" },
	{ "0.16.0-dev", FG_BUMP_DEV, NULL, 0, "0.17.0-dev" },
	{ "0.16.0-alpha1", FG_BUMP_DEV, NULL, 0, "0.17.0-dev" },
	{ "0.16.0-beta1", FG_BUMP_DEV, NULL, 0, "0.17.0-dev" },
	{ "0.16.0-rc2", FG_BUMP_DEV, NULL, 0, "0.17.0-dev" },
	{ "0.16.0-preview", FG_BUMP_DEV, NULL, 0, "0.17.0-dev" },
	{ "0.16.0+b", FG_BUMP_DEV, NULL, 0, "0.17.0-dev" },
	{ "1." MAX ".0", FG_BUMP_DEV, NULL, OVERFLOW, NULL },
	/* alpha */
	{ "0.16.0-dev", FG_BUMP_ALPHA, NULL, 0, "0.16.0-alpha1" },
	{ "0.16.0-alpha1", FG_BUMP_ALPHA, NULL, 0, "0.16.0-alpha2" },
	{ "0.16.0-alpha9", FG_BUMP_ALPHA, NULL, 0, "0.16.0-alpha10" },
	{ "0.16.0-alpha9+b", FG_BUMP_ALPHA, NULL, 0, "0.16.0-alpha10" },
	{ "0.16.0-alpha" MAX, FG_BUMP_ALPHA, NULL, OVERFLOW, NULL },
	{ "0.16.0-beta1", FG_BUMP_ALPHA, NULL, REFUSED, NULL },
	{ "0.16.0-rc1", FG_BUMP_ALPHA, NULL, REFUSED, NULL },
	{ "0.16.0", FG_BUMP_ALPHA, NULL, REFUSED, NULL },
	{ "0.16.0-preview", FG_BUMP_ALPHA, NULL, REFUSED, NULL },
	/* beta */
	{ "0.16.0-dev", FG_BUMP_BETA, NULL, 0, "0.16.0-beta1" },
	{ "0.16.0-alpha3", FG_BUMP_BETA, NULL, 0, "0.16.0-beta1" },
	{ "0.16.0-beta1", FG_BUMP_BETA, NULL, 0, "0.16.0-beta2" },
	{ "0.16.0-beta9", FG_BUMP_BETA, NULL, 0, "0.16.0-beta10" },
	{ "0.16.0-alpha" MAX, FG_BUMP_BETA, NULL, 0, "0.16.0-beta1" },
	{ "0.16.0-beta" MAX, FG_BUMP_BETA, NULL, OVERFLOW, NULL },
	{ "0.16.0-rc1", FG_BUMP_BETA, NULL, REFUSED, NULL },
	{ "0.16.0", FG_BUMP_BETA, NULL, REFUSED, NULL },
	{ "0.16.0-beta.1", FG_BUMP_BETA, NULL, REFUSED, NULL },
	/* rc */
	{ "0.16.0-dev", FG_BUMP_RC, NULL, 0, "0.16.0-rc1" },
	{ "0.16.0-alpha2", FG_BUMP_RC, NULL, 0, "0.16.0-rc1" },
	{ "0.16.0-beta2", FG_BUMP_RC, NULL, 0, "0.16.0-rc1" },
	{ "0.16.0-rc1", FG_BUMP_RC, NULL, 0, "0.16.0-rc2" },
	{ "0.16.0-rc9", FG_BUMP_RC, NULL, 0, "0.16.0-rc10" },
	{ "0.16.1-rc1", FG_BUMP_RC, NULL, 0, "0.16.1-rc2" },
	{ "0.16.0-rc" MAX, FG_BUMP_RC, NULL, OVERFLOW, NULL },
	{ "0.16.0", FG_BUMP_RC, NULL, REFUSED, NULL },
	{ "0.16.0-rc.1", FG_BUMP_RC, NULL, REFUSED, NULL },
	/* release */
	{ "0.16.0-dev", FG_BUMP_RELEASE, NULL, 0, "0.16.0" },
	{ "0.16.0-alpha1", FG_BUMP_RELEASE, NULL, 0, "0.16.0" },
	{ "0.16.0-beta1", FG_BUMP_RELEASE, NULL, 0, "0.16.0" },
	{ "0.16.0-rc2", FG_BUMP_RELEASE, NULL, 0, "0.16.0" },
	{ "0.16.0-rc2+b", FG_BUMP_RELEASE, NULL, 0, "0.16.0" },
	{ "0.16.1-rc1", FG_BUMP_RELEASE, NULL, 0, "0.16.1" },
	{ "0.16.0-preview", FG_BUMP_RELEASE, NULL, 0, "0.16.0" },
	{ MAX "." MAX "." MAX "-rc" MAX, FG_BUMP_RELEASE, NULL, 0, MAX "." MAX "." MAX },
	{ "0.16.0", FG_BUMP_RELEASE, NULL, REFUSED, NULL },
	{ "0.16.0+b", FG_BUMP_RELEASE, NULL, REFUSED, NULL },
	/* explicit: higher by the workflow's precedence */
	{ "0.16.0", FG_BUMP_EXPLICIT, "0.17.0", 0, "0.17.0" },
	{ "0.16.0", FG_BUMP_EXPLICIT, "0.16.1-rc1", 0, "0.16.1-rc1" },
	{ "0.16.0-rc1", FG_BUMP_EXPLICIT, "0.16.0", 0, "0.16.0" },
	{ "0.16.0-dev", FG_BUMP_EXPLICIT, "0.16.0-alpha1", 0, "0.16.0-alpha1" },
	{ "0.16.0-alpha2", FG_BUMP_EXPLICIT, "0.16.0-alpha10", 0, "0.16.0-alpha10" }, /* not SemVer's */
	{ "0.16.0-preview", FG_BUMP_EXPLICIT, "0.16.0-rc1", 0, "0.16.0-rc1" },
	{ "0.16.0-beta2", FG_BUMP_EXPLICIT, "0.16.0-dev", REFUSED, NULL },    /* SemVer: higher */
	{ "0.16.0-rc1", FG_BUMP_EXPLICIT, "0.16.0-beta5", REFUSED, NULL },
	{ "0.16.0-preview", FG_BUMP_EXPLICIT, "0.16.0-beta1", REFUSED, NULL },
	{ "0.16.0", FG_BUMP_EXPLICIT, "0.16.0", REFUSED, NULL },
	{ "0.16.0+b", FG_BUMP_EXPLICIT, "0.16.0", REFUSED, NULL },
	{ "0.16.0", FG_BUMP_EXPLICIT, "0.15.9", REFUSED, NULL },
	{ "0.16.0", FG_BUMP_EXPLICIT, "0.17.0-preview", REFUSED, NULL },
	{ "0.16.0", FG_BUMP_EXPLICIT, "0.17.0+b", REFUSED, NULL },
	{ "0.16.0", FG_BUMP_EXPLICIT, NULL, REFUSED, NULL },
};

START_TEST(test_bump_next)
{
	const char *current_text = next_cases[_i].current, *why = NULL;
	struct fg_version current, explicit, next;
	char out[FG_VERSION_TEXT_MAX];
	int rc;

	ck_assert_int_eq(fg_version_parse(current_text, strlen(current_text), &current), 0);
	if (next_cases[_i].explicit)
		ck_assert_int_eq(fg_version_parse(next_cases[_i].explicit,
						  strlen(next_cases[_i].explicit), &explicit), 0);
	memset(out, 'Z', sizeof(out));
	rc = fg_bump_next(&current, next_cases[_i].kind, next_cases[_i].explicit ? &explicit : NULL,
			  out, sizeof(out), &why);
	ck_assert_msg(rc == next_cases[_i].rc, "%s %s: rc %d, want %d (%s)",
		      fg_bump_kind_name(next_cases[_i].kind), current_text, rc, next_cases[_i].rc,
		      why ? why : "");
	if (rc) {
		ck_assert_ptr_nonnull(why);
		ck_assert_str_eq(out, "");
		ck_assert_int_eq(fg_bump_next(&current, next_cases[_i].kind,
					      next_cases[_i].explicit ? &explicit : NULL, out,
					      sizeof(out), NULL), rc);
		return;
	}
	ck_assert_str_eq(out, next_cases[_i].want);
	/* Every bump goes up, to a version the version files may hold. */
	ck_assert_int_eq(fg_version_parse(out, strlen(out), &next), 0);
	ck_assert(fg_version_is_workflow(&next) && !next.build);
	ck_assert_msg(fg_version_compare(&next, &current) > 0, "%s %s -> %s is not higher",
		      fg_bump_kind_name(next_cases[_i].kind), current_text, out);
}
END_TEST

/* Every kind from every shape of version is in the table. */
START_TEST(test_bump_next_covers_every_transition)
{
	static const char *const shapes[] = { "final", "dev", "alpha", "beta", "rc", "other" };
	int seen[FG_BUMP_EXPLICIT + 1][6] = { { 0 } };

	for (size_t i = 0; i < FG_COUNT(next_cases); i++) {
		struct fg_version v;
		int shape;

		ck_assert_int_eq(fg_version_parse(next_cases[i].current, strlen(next_cases[i].current),
						  &v), 0);
		shape = v.pre_kind == FG_PRE_NONE ? 0 : v.pre_kind == FG_PRE_OTHER ? 5
			: (int)v.pre_kind;
		seen[next_cases[i].kind][shape] = 1;
	}
	for (int k = 0; k <= FG_BUMP_EXPLICIT; k++)
		for (int shape = 0; shape < 6; shape++)
			ck_assert_msg(seen[k][shape], "no case for %s from a %s version",
				      fg_bump_kind_name((enum fg_bump_kind)k), shapes[shape]);
}
END_TEST

START_TEST(test_bump_next_messages)
{
	struct fg_version current;
	char out[FG_VERSION_TEXT_MAX];
	const char *why = NULL;

	ck_assert_int_eq(fg_version_parse("0.16.0", 6, &current), 0);
	ck_assert_int_eq(fg_bump_next(&current, FG_BUMP_RELEASE, NULL, out, sizeof(out), &why),
			 FG_BUMP_EREFUSED);
	ck_assert_str_eq(why, "the version is already released: bump patch, minor, major or dev "
			      "for the next one");
	ck_assert_int_eq(fg_bump_next(&current, FG_BUMP_RC, NULL, out, sizeof(out), &why),
			 FG_BUMP_EREFUSED);
	ck_assert_ptr_nonnull(strstr(why, "flowgate bump X.Y.Z-rc1"));
	ck_assert_int_eq(fg_bump_next(&current, (enum fg_bump_kind)99, NULL, out, sizeof(out), &why),
			 FG_BUMP_EREFUSED);
	ck_assert_int_eq(fg_version_parse("0.16.0-rc" MAX, strlen("0.16.0-rc" MAX), &current), 0);
	ck_assert_int_eq(fg_bump_next(&current, FG_BUMP_RC, NULL, out, sizeof(out), &why),
			 FG_BUMP_EOVERFLOW);
	ck_assert_ptr_nonnull(strstr(why, "18446744073709551615"));
	ck_assert_str_eq(out, ""); /* refused, not wrapped to -rc0 */
}
END_TEST

START_TEST(test_bump_next_size)
{
	const char *longest = MAX "." MAX "." MAX "-alpha" MAX;
	struct fg_version current;
	char out[FG_VERSION_TEXT_MAX];
	const char *why = NULL;

	ck_assert_int_eq(fg_version_parse(MAX "." MAX "." MAX "-dev", strlen(MAX) * 3 + 6,
					  &current), 0);
	ck_assert_int_eq(fg_bump_next(&current, FG_BUMP_RELEASE, NULL, out, 6, &why), FG_BUMP_ESIZE);
	ck_assert_ptr_nonnull(why);
	ck_assert_str_eq(out, "");
	ck_assert_int_eq(fg_bump_next(&current, FG_BUMP_RELEASE, NULL, NULL, 0, &why),
			 FG_BUMP_ESIZE);
	ck_assert_int_eq(fg_version_parse(MAX "." MAX "." MAX "-alpha" "18446744073709551614",
					  strlen(longest), &current), 0);
	/* The longest workflow version fits FG_VERSION_TEXT_MAX, not a byte less. */
	ck_assert_int_eq(fg_bump_next(&current, FG_BUMP_ALPHA, NULL, out, sizeof(out), &why), 0);
	ck_assert_str_eq(out, longest);
	ck_assert_int_eq(fg_bump_next(&current, FG_BUMP_ALPHA, NULL, out, sizeof(out) - 1, &why),
			 FG_BUMP_ESIZE);
	ck_assert_str_eq(out, "");
}
END_TEST

/* ---- fg_vfile_rewrite ---------------------------------------------------- */

/* halfORM's setup.py: the version is read from half_orm/version.txt. */
#define SETUP_PY_READS_VERSION_TXT \
	"from setuptools import setup\n" \
	"\n" \
	"def get_version():\n" \
	"    return read('half_orm/version.txt').strip()\n" \
	"\n" \
	"setup(\n" \
	"    name='half_orm',\n" \
	"    version=get_version(),\n" \
	"    python_requires='>=3.7',\n" \
	")\n"

#define SETUP_PY(q1, v1, q2, v2, eol) \
	"from setuptools import setup" eol \
	"# python_version='3.7'; __version__ = '9.9.9' are not the version" eol \
	"if LEGACY:" eol \
	"    setup(name='half_orm', version=" q1 v1 q1 ")" eol \
	"else:" eol \
	"    setup(name='half_orm', version = " q2 v2 q2 ", author='Jo\xc3\xabl Ma\xc3\xafzi')" eol

#define DOCS_INDEX(value, eol) \
	"# halfORM Documentation" eol \
	eol \
	"!!! info \"Documentation Version\"" eol \
	"    This documentation covers halfORM **" value "** (latest development release)." eol \
	"**The PostgreSQL-native ORM that stays out of your way**" eol

static struct fg_pattern package_json_re = FG_PATTERN("\"version\": \"([^\"]+)\"", 0);
static struct fg_pattern never_re = FG_PATTERN("__version__ = '([^']+)'", 0);
static struct fg_pattern unset_re = FG_PATTERN("version=(?:'([^']*)'|None)", 0);
static struct fg_pattern empty_re = FG_PATTERN("(x*)", 0);
static struct fg_pattern lookahead_re = FG_PATTERN("(?=(\\d+\\.\\d+\\.\\d+))", 0);
static struct fg_pattern bad_re = FG_PATTERN("version=(", 0);
static struct fg_pattern slow_re = FG_PATTERN("^((a+)+)$", 0);

static const struct fg_vfile_spec vtxt = { "half_orm/version.txt", NULL, 0, 0 };
#define SETUP (&fg_builtin_vfiles[1])
#define DOCS (&fg_builtin_vfiles[2])
static const struct fg_vfile_spec package_json = { "package.json", &package_json_re, 0, 1 };
static const struct fg_vfile_spec never = { "never", &never_re, 0, 0 };
static const struct fg_vfile_spec unset = { "unset", &unset_re, 0, 0 };
static const struct fg_vfile_spec empty = { "empty", &empty_re, 0, 0 };
static const struct fg_vfile_spec lookahead = { "lookahead", &lookahead_re, 0, 0 };
static const struct fg_vfile_spec bad = { "bad", &bad_re, 0, 0 };
static const struct fg_vfile_spec slow = { "slow", &slow_re, 0, 0 };

static const struct {
	const char *name;
	const struct fg_vfile_spec *spec;
	struct fg_bytes data;
	const char *version;
	int rc;
	struct fg_bytes want; /* rc >= 0 */
	const char *extracted; /* rc > 0, SPEC is a real one: what fg_versions_extract reads after */
} rewrite_cases[] = {
	{ "version.txt with a final newline", &vtxt, FG_BYTES("0.16.0\n"), "0.16.1", 1,
	  FG_BYTES("0.16.1\n"), "0.16.1" },
	{ "version.txt without a final newline", &vtxt, FG_BYTES("0.16.0"), "0.17.0-dev", 1,
	  FG_BYTES("0.17.0-dev"), "0.17.0-dev" },
	{ "version.txt with CRLF", &vtxt, FG_BYTES("0.16.0-rc10\r\n"), "0.16.0", 1,
	  FG_BYTES("0.16.0\r\n"), "0.16.0" },
	{ "version.txt with white space around", &vtxt, FG_BYTES(" \t0.16.0 \t\r\n\r\n\n"),
	  "0.16.0-rc1", 1, FG_BYTES(" \t0.16.0-rc1 \t\r\n\r\n\n"), "0.16.0-rc1" },
	{ "empty version.txt", &vtxt, FG_BYTES(""), "0.16.0", 1, FG_BYTES("0.16.0"), "0.16.0" },
	{ "blank version.txt: the version before the white space", &vtxt, FG_BYTES("\r\n"),
	  "0.16.0", 1, FG_BYTES("0.16.0\r\n"), "0.16.0" },
	{ "version.txt holding a NUL: the whole trimmed value goes", &vtxt,
	  FG_BYTES("0.16.0\0x\n"), "0.16.1", 1, FG_BYTES("0.16.1\n"), "0.16.1" },
	{ "version.txt not UTF-8: no pattern, rewritten", &vtxt, FG_BYTES("\xff" "0.16.0\n"),
	  "0.16.1", 1, FG_BYTES("0.16.1\n"), "0.16.1" },
	{ "setup.py, both quote styles, two matches", SETUP,
	  FG_BYTES(SETUP_PY("'", "0.16.0", "\"", "0.16.0", "\n")), "0.16.1-rc1", 2,
	  FG_BYTES(SETUP_PY("'", "0.16.1-rc1", "\"", "0.16.1-rc1", "\n")), "0.16.1-rc1" },
	{ "setup.py with CRLF and no final newline", SETUP,
	  FG_BYTES(SETUP_PY("\"", "0.16.0", "'", "0.16.0", "\r\n") "# end"), "1.0.0", 2,
	  FG_BYTES(SETUP_PY("\"", "1.0.0", "'", "1.0.0", "\r\n") "# end"), "1.0.0" },
	{ "setup.py: two different values both get the new one", SETUP,
	  FG_BYTES(SETUP_PY("'", "0.16.0", "'", "0.15.0", "\n")), "0.17.0-dev", 2,
	  FG_BYTES(SETUP_PY("'", "0.17.0-dev", "'", "0.17.0-dev", "\n")), "0.17.0-dev" },
	{ "setup.py: white space inside the quotes stays", SETUP,
	  FG_BYTES("setup(version=' 0.16.0 ')\n"), "0.16.1", 1,
	  FG_BYTES("setup(version=' 0.16.1 ')\n"), "0.16.1" },
	{ "halfORM's setup.py reads version.txt: nothing to rewrite", SETUP,
	  FG_BYTES(SETUP_PY_READS_VERSION_TXT), "0.16.1", 0, FG_BYTES(SETUP_PY_READS_VERSION_TXT),
	  NULL },
	{ "setup.py not UTF-8 (Latin-1): the version rewritten, the other bytes kept", SETUP,
	  FG_BYTES("setup(version='0.16.0')\n# \xe9t\xe9\n"), "0.16.1", 1,
	  FG_BYTES("setup(version='0.16.1')\n# \xe9t\xe9\n"), "0.16.1" },
	{ "docs/index.md series: X.Y.x of the new version", DOCS,
	  FG_BYTES(DOCS_INDEX("0.16.x", "\n")), "0.17.0-dev", 1,
	  FG_BYTES(DOCS_INDEX("0.17.x", "\n")), "0.17.x" },
	{ "docs/index.md series stays within its series", DOCS,
	  FG_BYTES(DOCS_INDEX("0.16.x", "\n")), "0.16.0-rc1", 1,
	  FG_BYTES(DOCS_INDEX("0.16.x", "\n")), "0.16.x" },
	{ "docs/index.md holding an exact version gets the series", DOCS,
	  FG_BYTES(DOCS_INDEX("0.15.0", "\r\n")), "0.16.0", 1,
	  FG_BYTES(DOCS_INDEX("0.16.x", "\r\n")), "0.16.x" },
	{ "docs/index.md, twice", DOCS,
	  FG_BYTES("covers halfORM **0.15.x** and covers halfORM **0.15.x**"), "10.200.3", 2,
	  FG_BYTES("covers halfORM **10.200.x** and covers halfORM **10.200.x**"), "10.200.x" },
	{ "package.json, three matches", &package_json,
	  FG_BYTES("{\n  \"version\": \"1.2.3\",\n  \"a\": {\"version\": \"1.2.3\"},\n"
		   "  \"b\": {\"version\": \" 1.2.3\"}\n}"), "1.3.0", 3,
	  FG_BYTES("{\n  \"version\": \"1.3.0\",\n  \"a\": {\"version\": \"1.3.0\"},\n"
		   "  \"b\": {\"version\": \" 1.3.0\"}\n}"), "1.3.0" },
	{ "a pattern that does not match", &never, FG_BYTES("version = '0.16.0'\n"), "0.16.1", 0,
	  FG_BYTES("version = '0.16.0'\n"), NULL },
	{ "matches without group 1 are skipped", &unset,
	  FG_BYTES("version=None version='0.1.0' version=None"), "0.2.0", 1,
	  FG_BYTES("version=None version='0.2.0' version=None"), NULL },
	{ "empty matches: every position, whole characters", &empty, FG_BYTES("a\xc3\xa9xx"),
	  "1.0.0", 4, FG_BYTES("1.0.0a1.0.0\xc3\xa9" "1.0.01.0.0"), NULL },
	{ "overlapping groups in a lookahead: the first one", &lookahead, FG_BYTES("1.2.3.4"),
	  "9.9.9", 1, FG_BYTES("9.9.9.4"), NULL },
	{ "empty file, pattern", &package_json, FG_BYTES(""), "1.0.0", 0, FG_BYTES(""), NULL },
	{ "a pattern that does not compile", &bad, FG_BYTES("version=1"), "1.0.0",
	  FG_REWRITE_EPATTERN, FG_BYTES(""), NULL },
	{ "a pattern that backtracks without end", &slow, FG_BYTES("aaaaaaaaaaaaaaaaaaaaaaaa!"),
	  "1.0.0", FG_REWRITE_ELIMIT, FG_BYTES(""), NULL },
	{ "not a version", &vtxt, FG_BYTES("0.16.0\n"), "0.16", FG_REWRITE_EVERSION, FG_BYTES(""),
	  NULL },
	{ "not a version: a series", DOCS, FG_BYTES(DOCS_INDEX("0.16.x", "\n")), "0.17.x",
	  FG_REWRITE_EVERSION, FG_BYTES(""), NULL },
};

START_TEST(test_vfile_rewrite)
{
	const struct fg_bytes *data = &rewrite_cases[_i].data, *want = &rewrite_cases[_i].want;
	const char *name = rewrite_cases[_i].name;
	size_t out_len = 12345, head, tail, from = 0;
	struct fg_span first = { SIZE_MAX, 0 }, last = { SIZE_MAX, 0 }, span;
	char *out = (char *)"junk";
	int rc;

	rc = fg_vfile_rewrite(&out, &out_len, rewrite_cases[_i].spec, data->data, data->len,
			      rewrite_cases[_i].version);
	ck_assert_msg(rc == rewrite_cases[_i].rc, "%s: rc %d, want %d", name, rc,
		      rewrite_cases[_i].rc);
	if (rc < 0) {
		ck_assert_ptr_null(out);
		ck_assert_uint_eq(out_len, 0);
		return;
	}
	ck_assert_ptr_nonnull(out);
	ck_assert_msg(out_len == want->len && !memcmp(out, want->data, want->len),
		      "%s: got '%.*s'", name, (int)out_len, out);
	ck_assert_int_eq(out[out_len], '\0');

	/* Byte for byte outside the spans: the same head before the first, the
	 * same tail after the last. */
	while (fg_vfile_find(rewrite_cases[_i].spec, data->data, data->len, &from, &span) == 1)
		if (span.off != SIZE_MAX) {
			if (last.off == SIZE_MAX)
				first = span;
			last = span;
		}
	if (rc == 0) {
		ck_assert_uint_eq(out_len, data->len);
	} else {
		head = first.off;
		tail = data->len - (last.off + last.len);
		ck_assert_uint_ge(out_len, head + tail);
		ck_assert_msg(!memcmp(out, data->data, head), "%s: head differs", name);
		ck_assert_msg(!memcmp(out + out_len - tail, data->data + data->len - tail, tail),
			      "%s: tail differs", name);
	}

	/* What is rewritten is what is read. */
	if (rewrite_cases[_i].extracted) {
		struct fg_vfile_content content = { 1, out, out_len };
		struct fg_version_set set;

		fg_version_set_init(&set);
		ck_assert_int_eq(fg_versions_extract(&set, rewrite_cases[_i].spec, 1, &content), 0);
		ck_assert_uint_eq(set.n, 1);
		ck_assert_str_eq(set.values[0].text, rewrite_cases[_i].extracted);
		ck_assert_int_eq(set.values[0].valid, 1);
		fg_version_set_release(&set);
	}
	free(out);
}
END_TEST

/* A rewrite of a rewrite changes nothing more: only the spans move. */
START_TEST(test_vfile_rewrite_twice)
{
	static const char data[] = SETUP_PY("'", "0.16.0", "\"", "0.16.0", "\r\n");
	char *once, *twice, *back;
	size_t once_len, twice_len, back_len;

	ck_assert_int_eq(fg_vfile_rewrite(&once, &once_len, SETUP, data, sizeof(data) - 1,
					  "0.16.0-rc1"), 2);
	ck_assert_int_eq(fg_vfile_rewrite(&twice, &twice_len, SETUP, once, once_len,
					  "0.16.0-rc1"), 2);
	ck_assert_uint_eq(once_len, twice_len);
	ck_assert(!memcmp(once, twice, once_len));
	ck_assert_int_eq(fg_vfile_rewrite(&back, &back_len, SETUP, twice, twice_len, "0.16.0"), 2);
	ck_assert_uint_eq(back_len, sizeof(data) - 1);
	ck_assert(!memcmp(back, data, back_len));
	free(once);
	free(twice);
	free(back);
}
END_TEST

Suite *bump_suite(void)
{
	Suite *s = suite_create("bump");
	TCase *parse = tcase_create("parse");
	TCase *next = tcase_create("next");
	TCase *rewrite = tcase_create("rewrite");

	tcase_add_loop_test(parse, test_bump_parse, 0, (int)FG_COUNT(parse_cases));
	tcase_add_test(parse, test_bump_parse_messages);
	suite_add_tcase(s, parse);

	tcase_add_loop_test(next, test_bump_next, 0, (int)FG_COUNT(next_cases));
	tcase_add_test(next, test_bump_next_covers_every_transition);
	tcase_add_test(next, test_bump_next_messages);
	tcase_add_test(next, test_bump_next_size);
	suite_add_tcase(s, next);

	tcase_add_loop_test(rewrite, test_vfile_rewrite, 0, (int)FG_COUNT(rewrite_cases));
	tcase_add_test(rewrite, test_vfile_rewrite_twice);
	suite_add_tcase(s, rewrite);
	return s;
}

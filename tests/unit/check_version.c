/*
 * Tests of version.c's versions: the SemVer 2.0.0 parser (the spec's own
 * examples), the workflow's pre-release kinds, series, precedence and
 * formatting. The version files rules are check_vfile.c's.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "check_flowgate.h"
#include "version.h"

static const struct {
	const char *text;
	uint64_t major, minor, patch;
	const char *pre;   /* NULL: none */
	const char *build; /* NULL: none */
} valid_versions[] = {
	{ "0.0.0", 0, 0, 0, NULL, NULL },
	{ "1.0.0", 1, 0, 0, NULL, NULL },
	{ "0.16.0", 0, 16, 0, NULL, NULL },
	{ "10.20.30", 10, 20, 30, NULL, NULL },
	{ "1.0.0-alpha", 1, 0, 0, "alpha", NULL },
	{ "1.0.0-alpha.1", 1, 0, 0, "alpha.1", NULL },
	{ "1.0.0-0.3.7", 1, 0, 0, "0.3.7", NULL },
	{ "1.0.0-x.7.z.92", 1, 0, 0, "x.7.z.92", NULL },
	{ "1.0.0-x-y-z.--", 1, 0, 0, "x-y-z.--", NULL },
	{ "1.0.0+20130313144700", 1, 0, 0, NULL, "20130313144700" },
	{ "1.0.0-beta+exp.sha.5114f85", 1, 0, 0, "beta", "exp.sha.5114f85" },
	{ "1.0.0+21AF26D3----117B344092BD", 1, 0, 0, NULL, "21AF26D3----117B344092BD" },
	{ "1.0.0+001", 1, 0, 0, NULL, "001" }, /* leading zeros allowed in build metadata */
	{ "1.0.0-0A.is.legal", 1, 0, 0, "0A.is.legal", NULL },
	{ "18446744073709551615.0.0", UINT64_MAX, 0, 0, NULL, NULL },
	{ "0.16.0-rc2", 0, 16, 0, "rc2", NULL },
};

START_TEST(test_version_parse_valid)
{
	const char *text = valid_versions[_i].text;
	struct fg_version v;

	ck_assert_msg(fg_version_parse(text, strlen(text), &v) == 0, "'%s' refused", text);
	ck_assert(v.major == valid_versions[_i].major);
	ck_assert(v.minor == valid_versions[_i].minor);
	ck_assert(v.patch == valid_versions[_i].patch);
	if (valid_versions[_i].pre) {
		ck_assert_ptr_nonnull(v.pre);
		ck_assert_uint_eq(v.pre_len, strlen(valid_versions[_i].pre));
		ck_assert(!memcmp(v.pre, valid_versions[_i].pre, v.pre_len));
		ck_assert(v.pre > text && v.pre < text + strlen(text)); /* points into TEXT */
	} else {
		ck_assert_ptr_null(v.pre);
		ck_assert_uint_eq(v.pre_len, 0);
		ck_assert_int_eq(v.pre_kind, FG_PRE_NONE);
	}
	if (valid_versions[_i].build) {
		ck_assert_ptr_nonnull(v.build);
		ck_assert_uint_eq(v.build_len, strlen(valid_versions[_i].build));
		ck_assert(!memcmp(v.build, valid_versions[_i].build, v.build_len));
	} else {
		ck_assert_ptr_null(v.build);
	}
}
END_TEST

static const struct {
	struct fg_bytes text;
	int rc;
} invalid_versions[] = {
	{ FG_BYTES("01.0.0"), -1 },
	{ FG_BYTES("1.01.0"), -1 },
	{ FG_BYTES("1.0.01"), -1 },
	{ FG_BYTES("1.0"), -1 },
	{ FG_BYTES("1"), -1 },
	{ FG_BYTES("1.0.0.0"), -1 },
	{ FG_BYTES("1.0.0-"), -1 },
	{ FG_BYTES("1.0.0-01"), -1 },
	{ FG_BYTES("1.0.0-alpha.01"), -1 },
	{ FG_BYTES("1.0.0+"), -1 },
	{ FG_BYTES("1.0.0-alpha..1"), -1 },
	{ FG_BYTES("1.0.0+build..1"), -1 },
	{ FG_BYTES("1.0.0-alpha_beta"), -1 },
	{ FG_BYTES("1.0.0-alpha+beta+gamma"), -1 },
	{ FG_BYTES("v1.0.0"), -1 },
	{ FG_BYTES(" 1.0.0"), -1 },
	{ FG_BYTES("1.0.0 "), -1 },
	{ FG_BYTES("1.0.0\n"), -1 },
	{ FG_BYTES("1.0.0\0"), -1 },
	{ FG_BYTES("1.0.0-\xc3\xa9"), -1 },
	{ FG_BYTES("1.0.0-\xff"), -1 },
	{ FG_BYTES(""), -1 },
	{ FG_BYTES("-1.0.0"), -1 },
	{ FG_BYTES("1.-1.0"), -1 },
	{ FG_BYTES("18446744073709551616.0.0"), -2 },
	{ FG_BYTES("0.18446744073709551616.0"), -2 },
	{ FG_BYTES("0.0.99999999999999999999999"), -2 },
};

START_TEST(test_version_parse_invalid)
{
	struct fg_version v;
	int rc = fg_version_parse(invalid_versions[_i].text.data, invalid_versions[_i].text.len, &v);

	ck_assert_msg(rc == invalid_versions[_i].rc, "'%s': rc %d, want %d",
		      invalid_versions[_i].text.data, rc, invalid_versions[_i].rc);
}
END_TEST

START_TEST(test_version_parse_uses_len)
{
	const char *text = "1.2.3-rc1 and more";
	struct fg_version v;

	ck_assert_int_eq(fg_version_parse(text, 9, &v), 0);
	ck_assert_uint_eq(v.pre_len, 3);
	ck_assert_int_eq(v.pre_kind, FG_PRE_RC);
	ck_assert_int_eq(fg_version_parse(text, 10, &v), -1);
	ck_assert_int_eq(fg_version_parse(text, 4, &v), -1);
}
END_TEST

static const struct {
	const char *text;
	enum fg_prerelease_kind kind;
	uint64_t number;
} pre_kinds[] = {
	{ "0.16.0", FG_PRE_NONE, 0 },
	{ "0.16.0+build.7", FG_PRE_NONE, 0 },
	{ "0.16.0-dev", FG_PRE_DEV, 0 },
	{ "0.16.0-alpha1", FG_PRE_ALPHA, 1 },
	{ "0.16.0-beta12", FG_PRE_BETA, 12 },
	{ "0.16.0-rc3", FG_PRE_RC, 3 },
	{ "0.16.0-rc3+build", FG_PRE_RC, 3 },
	{ "0.16.0-rc18446744073709551615", FG_PRE_RC, UINT64_MAX },
	{ "0.16.0-alpha0", FG_PRE_OTHER, 0 },
	{ "0.16.0-rc0", FG_PRE_OTHER, 0 },
	{ "0.16.0-rc01", FG_PRE_OTHER, 0 },
	{ "0.16.0-RC1", FG_PRE_OTHER, 0 },
	{ "0.16.0-Dev", FG_PRE_OTHER, 0 },
	{ "0.16.0-preview", FG_PRE_OTHER, 0 },
	{ "0.16.0-alpha", FG_PRE_OTHER, 0 },
	{ "0.16.0-alpha.1", FG_PRE_OTHER, 0 },
	{ "0.16.0-rc1.1", FG_PRE_OTHER, 0 },
	{ "0.16.0-dev1", FG_PRE_OTHER, 0 },
	{ "0.16.0-dev.1", FG_PRE_OTHER, 0 },
	{ "0.16.0-1", FG_PRE_OTHER, 0 },
};

START_TEST(test_version_prerelease_kind)
{
	const char *text = pre_kinds[_i].text;
	struct fg_version v;

	ck_assert_int_eq(fg_version_parse(text, strlen(text), &v), 0);
	ck_assert_msg(v.pre_kind == pre_kinds[_i].kind, "'%s': kind %d, want %d", text,
		      (int)v.pre_kind, (int)pre_kinds[_i].kind);
	ck_assert(v.pre_number == pre_kinds[_i].number);
	ck_assert_int_eq(fg_version_is_workflow(&v) != 0, pre_kinds[_i].kind != FG_PRE_OTHER);
}
END_TEST

static const struct {
	const char *a, *b;
	int same;
} same_cases[] = {
	{ "0.16.0", "0.16.0", 1 },
	{ "1.0.0+a", "1.0.0+b", 1 },      /* build metadata is ignored (SemVer 10) */
	{ "1.0.0", "1.0.0+b", 1 },
	{ "1.0.0-rc1", "1.0.0-rc1+exp", 1 },
	{ "1.0.0-rc1", "1.0.0-rc2", 0 },
	{ "1.0.0-rc1", "1.0.0-rc10", 0 },
	{ "1.0.0", "1.0.0-rc1", 0 },
	{ "1.0.0-dev", "1.0.0", 0 },
	{ "1.0.1", "1.0.0", 0 },
	{ "1.1.0", "1.0.0", 0 },
	{ "2.0.0", "1.0.0", 0 },
	{ "1.0.0-alpha.1", "1.0.0-alpha.1", 1 },
	{ "1.0.0-alpha.1", "1.0.0-alpha.2", 0 },
};

START_TEST(test_version_same)
{
	struct fg_version a, b;

	ck_assert_int_eq(fg_version_parse(same_cases[_i].a, strlen(same_cases[_i].a), &a), 0);
	ck_assert_int_eq(fg_version_parse(same_cases[_i].b, strlen(same_cases[_i].b), &b), 0);
	ck_assert_msg((fg_version_same(&a, &b) != 0) == same_cases[_i].same, "'%s' vs '%s'",
		      same_cases[_i].a, same_cases[_i].b);
	ck_assert_msg((fg_version_same(&b, &a) != 0) == same_cases[_i].same, "'%s' vs '%s'",
		      same_cases[_i].b, same_cases[_i].a);
}
END_TEST

static const struct {
	const char *text;
	int rc;
	uint64_t major, minor;
} series_cases[] = {
	{ "0.16.x", 0, 0, 16 },
	{ "0.0.x", 0, 0, 0 },
	{ "10.200.x", 0, 10, 200 },
	{ "0.16", -1, 0, 0 },
	{ "00.16.x", -1, 0, 0 },
	{ "0.016.x", -1, 0, 0 },
	{ "0.16.X", -1, 0, 0 },
	{ "0.16.1", -1, 0, 0 },
	{ "v0.16.x", -1, 0, 0 },
	{ "0.16.x ", -1, 0, 0 },
	{ "0.16.x\n", -1, 0, 0 },
	{ "0.16.*", -1, 0, 0 },
	{ ".16.x", -1, 0, 0 },
	{ "", -1, 0, 0 },
	{ "18446744073709551616.0.x", -2, 0, 0 },
};

START_TEST(test_series_parse)
{
	const char *text = series_cases[_i].text;
	uint64_t major = 77, minor = 77;
	int rc = fg_series_parse(text, strlen(text), &major, &minor);

	ck_assert_msg(rc == series_cases[_i].rc, "'%s': rc %d", text, rc);
	if (rc == 0) {
		ck_assert(major == series_cases[_i].major);
		ck_assert(minor == series_cases[_i].minor);
	}
}
END_TEST

static const struct {
	const char *text;
	int rc;
	uint64_t value;
} u64_cases[] = {
	{ "0", 0, 0 },
	{ "42", 0, 42 },
	{ "007", 0, 7 },
	{ "18446744073709551615", 0, UINT64_MAX },
	{ "18446744073709551616", -1, 0 },
	{ "99999999999999999999", -1, 0 },
	{ "", -1, 0 },
	{ "1a", -1, 0 },
	{ "-1", -1, 0 },
	{ " 1", -1, 0 },
};

START_TEST(test_parse_u64)
{
	uint64_t v = 123;
	int rc = fg_parse_u64(u64_cases[_i].text, strlen(u64_cases[_i].text), &v);

	ck_assert_int_eq(rc, u64_cases[_i].rc);
	if (rc == 0)
		ck_assert(v == u64_cases[_i].value);
}
END_TEST

/* ---- precedence -------------------------------------------------------- */

static int sign(int n)
{
	return (n > 0) - (n < 0);
}

/* 40 distinct versions in the workflow's order (fg_version_compare). */
static const char *const workflow_order[] = {
	"0.0.0",
	"0.0.1",
	"0.9.9",
	"0.16.0-dev",
	"0.16.0-alpha1",
	"0.16.0-alpha2",
	"0.16.0-alpha9",
	"0.16.0-alpha10",
	"0.16.0-alpha11",
	"0.16.0-beta1",
	"0.16.0-beta2",
	"0.16.0-beta10",
	"0.16.0-rc1",
	"0.16.0-rc2",
	"0.16.0-rc9",
	"0.16.0-rc10",
	"0.16.0",
	"0.16.1-dev",
	"0.16.1-alpha1",
	"0.16.1-beta1",
	"0.16.1-rc1",
	"0.16.1",
	"0.16.2",
	"0.16.10",
	"0.17.0-dev",
	"0.17.0-rc1",
	"0.17.0",
	"0.100.0",
	"1.0.0-dev",
	"1.0.0-alpha1",
	"1.0.0-beta1",
	"1.0.0-rc1",
	"1.0.0-rc18446744073709551615",
	"1.0.0",
	"1.0.1",
	"1.1.0",
	"2.0.0-dev",
	"2.0.0",
	"10.0.0",
	"18446744073709551615.18446744073709551615.18446744073709551615",
};

static void parse_ok(const char *text, struct fg_version *v)
{
	ck_assert_msg(fg_version_parse(text, strlen(text), v) == 0, "'%s' does not parse", text);
}

/* Row _i of the 40x40 table: against every version, with and without build metadata. */
START_TEST(test_version_compare_workflow_order)
{
	struct fg_version a, b, ab, bb;
	char abuild[128], bbuild[128];

	ck_assert_uint_eq(FG_COUNT(workflow_order), 40);
	parse_ok(workflow_order[_i], &a);
	snprintf(abuild, sizeof(abuild), "%s+build.%d", workflow_order[_i], _i);
	parse_ok(abuild, &ab);
	for (int j = 0; j < (int)FG_COUNT(workflow_order); j++) {
		int want = sign(_i - j);

		parse_ok(workflow_order[j], &b);
		snprintf(bbuild, sizeof(bbuild), "%s+sha.%d.z", workflow_order[j], j);
		parse_ok(bbuild, &bb);
		ck_assert_msg(sign(fg_version_compare(&a, &b)) == want, "'%s' vs '%s': %d, want %d",
			      workflow_order[_i], workflow_order[j], fg_version_compare(&a, &b), want);
		ck_assert_msg(sign(fg_version_compare(&b, &a)) == -want, "'%s' vs '%s' not antisymmetric",
			      workflow_order[j], workflow_order[_i]);
		/* SemVer §10: build metadata does not count. */
		ck_assert_msg(sign(fg_version_compare(&ab, &bb)) == want, "'%s' vs '%s'", abuild, bbuild);
		ck_assert_msg(sign(fg_version_compare(&ab, &b)) == want, "'%s' vs '%s'", abuild,
			      workflow_order[j]);
	}
}
END_TEST

/* Other orders, each checked on every pair. */
static const char *const semver_spec_order[] = { /* SemVer 2.0.0 §11.4's own example */
	"1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2",
	"1.0.0-beta.11", "1.0.0-rc.1", "1.0.0",
};
/* Workflow pre-releases among others: the workflow's order... */
static const char *const mixed_workflow_order[] = {
	"1.0.0-1", "1.0.0-Z", "1.0.0-alpha", "1.0.0-alpha.0", "1.0.0-dev", "1.0.0-alpha.1",
	"1.0.0-alpha1", "1.0.0-alpha.2", "1.0.0-alpha2", "1.0.0-alpha10", "1.0.0-alpha0",
	"1.0.0-b", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta2", "1.0.0-c", "1.0.0-ci",
	"1.0.0-dev.1", "1.0.0-preview", "1.0.0-rc", "1.0.0-rc.1", "1.0.0-rc1", "1.0.0-rc10",
	"1.0.0-x.7.z.92", "1.0.0",
};
/* ... and plain SemVer's order of the same versions: -dev and the Ns move. */
static const char *const mixed_semver_order[] = {
	"1.0.0-1", "1.0.0-Z", "1.0.0-alpha", "1.0.0-alpha.0", "1.0.0-alpha.1", "1.0.0-alpha.2",
	"1.0.0-alpha0", "1.0.0-alpha1", "1.0.0-alpha10", "1.0.0-alpha2", "1.0.0-b",
	"1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta2", "1.0.0-c", "1.0.0-ci", "1.0.0-dev",
	"1.0.0-dev.1", "1.0.0-preview", "1.0.0-rc", "1.0.0-rc.1", "1.0.0-rc1", "1.0.0-rc10",
	"1.0.0-x.7.z.92", "1.0.0",
};
/* Numeric identifiers of any length (§11.4.1), below alphanumeric ones (§11.4.3). */
static const char *const semver_numeric_order[] = {
	"1.0.0-0", "1.0.0-1", "1.0.0-2", "1.0.0-10", "1.0.0-18446744073709551615",
	"1.0.0-99999999999999999999998", "1.0.0-99999999999999999999999",
	"1.0.0-100000000000000000000000", "1.0.0--", "1.0.0-0a", "1.0.0-a", "1.0.0-x",
	"1.0.0-x.1", "1.0.0-x.2", "1.0.0-x.10", "1.0.0-x.a", "1.0.0-x.a.0", "1.0.0-x-y",
};

static const struct {
	const char *name;
	const char *const *list;
	size_t n;
	int (*compare)(const struct fg_version *, const struct fg_version *);
} orders[] = {
	{ "SemVer's example, workflow", semver_spec_order, FG_COUNT(semver_spec_order),
	  fg_version_compare },
	{ "SemVer's example, SemVer", semver_spec_order, FG_COUNT(semver_spec_order),
	  fg_version_compare_semver },
	{ "mixed, workflow", mixed_workflow_order, FG_COUNT(mixed_workflow_order),
	  fg_version_compare },
	{ "mixed, SemVer", mixed_semver_order, FG_COUNT(mixed_semver_order),
	  fg_version_compare_semver },
	{ "numeric, workflow", semver_numeric_order, FG_COUNT(semver_numeric_order),
	  fg_version_compare },
	{ "numeric, SemVer", semver_numeric_order, FG_COUNT(semver_numeric_order),
	  fg_version_compare_semver },
};

/* Every pair of ORDERS[_i] has the sign of its indices: a total order, hence transitive. */
START_TEST(test_version_compare_orders)
{
	for (size_t i = 0; i < orders[_i].n; i++) {
		struct fg_version a, b;

		parse_ok(orders[_i].list[i], &a);
		for (size_t j = 0; j < orders[_i].n; j++) {
			int want = (i > j) - (i < j);

			parse_ok(orders[_i].list[j], &b);
			ck_assert_msg(sign(orders[_i].compare(&a, &b)) == want,
				      "%s: '%s' vs '%s': %d, want %d", orders[_i].name,
				      orders[_i].list[i], orders[_i].list[j],
				      orders[_i].compare(&a, &b), want);
		}
	}
}
END_TEST

/* Where the workflow's precedence and plain SemVer's differ, and where they do not. */
static const struct {
	const char *a, *b;
	int workflow, semver; /* sign of compare(a, b) */
} compare_cases[] = {
	{ "0.16.0-dev", "0.16.0-beta2", -1, 1 },     /* SemVer: "dev" > "beta2" in ASCII */
	{ "0.16.0-dev", "0.16.0-alpha1", -1, 1 },
	{ "0.16.0-dev", "0.16.0-rc1", -1, -1 },
	{ "0.16.0-alpha10", "0.16.0-alpha2", 1, -1 }, /* SemVer: "alpha10" < "alpha2" */
	{ "0.16.0-rc10", "0.16.0-rc9", 1, -1 },
	{ "0.16.0-beta1", "0.16.0-alpha9", 1, 1 },
	{ "0.16.0-rc1", "0.16.0", -1, -1 },           /* §11.3 */
	{ "0.16.0-rc1", "0.15.99", 1, 1 },            /* §11.2 first */
	{ "1.0.0+a", "1.0.0+b", 0, 0 },               /* §10 */
	{ "1.0.0", "1.0.0+b", 0, 0 },
	{ "1.0.0-rc1+a", "1.0.0-rc1+b", 0, 0 },
	{ "1.0.0+zzz", "1.0.1", -1, -1 },
	{ "1.0.0-x.1", "1.0.0-x.2", -1, -1 },         /* §11.4.1 */
	{ "1.0.0-x.2", "1.0.0-x.10", -1, -1 },
	{ "1.0.0-1", "1.0.0-alpha", -1, -1 },         /* §11.4.3 */
	{ "1.0.0-x", "1.0.0-x.1", -1, -1 },           /* §11.4.4 */
	{ "1.0.0-Z", "1.0.0-a", -1, -1 },             /* §11.4.2: ASCII */
	{ "1.0.0-a.b", "1.0.0-a-b", -1, -1 },
	{ "1.0.0-alpha.1", "1.0.0-alpha1", -1, -1 },  /* read alike: the OTHER one first */
	{ "1.0.0-alpha.2", "1.0.0-alpha1", 1, -1 },
	{ "1.0.0-alpha.0", "1.0.0-dev", -1, -1 },
	{ "1.0.0-rc.2", "1.0.0-rc1", 1, -1 },
	{ "1.0.0-ci", "1.0.0-dev", 1, -1 },
	{ "1.0.0-1", "1.0.0-dev", -1, -1 },
	{ "1.0.0-preview", "1.0.0-beta9", 1, 1 },
	{ "1.0.0-preview", "1.0.0-rc1", -1, -1 },
	{ "1.0.0-preview", "1.0.0-preview+b", 0, 0 },
};

START_TEST(test_version_compare_cases)
{
	struct fg_version a, b;

	parse_ok(compare_cases[_i].a, &a);
	parse_ok(compare_cases[_i].b, &b);
	ck_assert_msg(sign(fg_version_compare(&a, &b)) == compare_cases[_i].workflow,
		      "workflow: '%s' vs '%s'", compare_cases[_i].a, compare_cases[_i].b);
	ck_assert_msg(sign(fg_version_compare(&b, &a)) == -compare_cases[_i].workflow,
		      "workflow: '%s' vs '%s'", compare_cases[_i].b, compare_cases[_i].a);
	ck_assert_msg(sign(fg_version_compare_semver(&a, &b)) == compare_cases[_i].semver,
		      "SemVer: '%s' vs '%s'", compare_cases[_i].a, compare_cases[_i].b);
	ck_assert_msg(sign(fg_version_compare_semver(&b, &a)) == -compare_cases[_i].semver,
		      "SemVer: '%s' vs '%s'", compare_cases[_i].b, compare_cases[_i].a);
}
END_TEST

/* The workflow's kinds count by PRE_KIND and PRE_NUMBER in a version built by hand. */
START_TEST(test_version_compare_by_hand)
{
	struct fg_version built = { 0, 16, 0, FG_PRE_ALPHA, 10, NULL, 0, NULL, 0 };
	struct fg_version alpha2, alpha10;

	parse_ok("0.16.0-alpha2", &alpha2);
	parse_ok("0.16.0-alpha10", &alpha10);
	ck_assert_int_gt(fg_version_compare(&built, &alpha2), 0);
	ck_assert_int_eq(fg_version_compare(&built, &alpha10), 0);
	ck_assert_int_lt(fg_version_compare_semver(&built, &alpha2), 0);
	ck_assert_int_eq(fg_version_compare_semver(&built, &alpha10), 0);
}
END_TEST

static const struct {
	const char *text;
	const char *want; /* NULL: TEXT itself */
} format_cases[] = {
	{ "0.0.0", NULL },
	{ "0.16.0", NULL },
	{ "0.16.0-dev", NULL },
	{ "0.16.0-alpha10", NULL },
	{ "0.16.0-beta2", NULL },
	{ "0.16.0-rc1", NULL },
	{ "1.0.0-x.7.z.92", NULL },
	{ "1.0.0-rc1+exp.sha.5114f85", "1.0.0-rc1" }, /* build metadata left out */
	{ "1.0.0+20130313144700", "1.0.0" },
	{ "18446744073709551615.18446744073709551615.18446744073709551615-alpha18446744073709551615",
	  NULL },
};

START_TEST(test_version_format)
{
	const char *want = format_cases[_i].want ? format_cases[_i].want : format_cases[_i].text;
	struct fg_version v;
	char buf[FG_VERSION_TEXT_MAX], small[6];

	parse_ok(format_cases[_i].text, &v);
	ck_assert_int_eq(fg_version_format(buf, sizeof(buf), &v), (int)strlen(want));
	ck_assert_str_eq(buf, want);
	/* Cut as snprintf cuts, the whole length returned. */
	memset(small, 'Z', sizeof(small));
	ck_assert_int_eq(fg_version_format(small, sizeof(small), &v), (int)strlen(want));
	ck_assert_uint_eq(strlen(small), strlen(want) < 5 ? strlen(want) : 5);
	ck_assert(!strncmp(small, want, strlen(small)));
	ck_assert_int_eq(fg_version_format(NULL, 0, &v), (int)strlen(want));
}
END_TEST

START_TEST(test_version_format_by_hand)
{
	static const struct {
		enum fg_prerelease_kind kind;
		uint64_t n;
		const char *want;
	} cases[] = {
		{ FG_PRE_NONE, 0, "1.2.3" }, { FG_PRE_DEV, 0, "1.2.3-dev" },
		{ FG_PRE_ALPHA, 1, "1.2.3-alpha1" }, { FG_PRE_BETA, 12, "1.2.3-beta12" },
		{ FG_PRE_RC, UINT64_MAX, "1.2.3-rc18446744073709551615" },
	};
	char buf[FG_VERSION_TEXT_MAX];

	for (size_t i = 0; i < FG_COUNT(cases); i++) {
		struct fg_version v = { 1, 2, 3, cases[i].kind, cases[i].n, NULL, 0, NULL, 0 };

		ck_assert_int_eq(fg_version_format(buf, sizeof(buf), &v), (int)strlen(cases[i].want));
		ck_assert_str_eq(buf, cases[i].want);
	}
	/* The longest workflow version fills FG_VERSION_TEXT_MAX exactly. */
	{
		struct fg_version v = { UINT64_MAX, UINT64_MAX, UINT64_MAX, FG_PRE_ALPHA, UINT64_MAX,
					NULL, 0, NULL, 0 };

		ck_assert_int_eq(fg_version_format(buf, sizeof(buf), &v), FG_VERSION_TEXT_MAX - 1);
		ck_assert_int_eq(fg_version_format(buf, sizeof(buf) - 1, &v), FG_VERSION_TEXT_MAX - 1);
		ck_assert_uint_eq(strlen(buf), FG_VERSION_TEXT_MAX - 2); /* cut: one byte short */
	}
}
END_TEST

Suite *version_suite(void)
{
	Suite *s = suite_create("version");
	TCase *semver = tcase_create("semver");
	TCase *precedence = tcase_create("precedence");
	TCase *series = tcase_create("series");

	tcase_add_loop_test(semver, test_version_parse_valid, 0, (int)FG_COUNT(valid_versions));
	tcase_add_loop_test(semver, test_version_parse_invalid, 0, (int)FG_COUNT(invalid_versions));
	tcase_add_test(semver, test_version_parse_uses_len);
	tcase_add_loop_test(semver, test_version_prerelease_kind, 0, (int)FG_COUNT(pre_kinds));
	tcase_add_loop_test(semver, test_version_same, 0, (int)FG_COUNT(same_cases));
	tcase_add_loop_test(semver, test_parse_u64, 0, (int)FG_COUNT(u64_cases));
	suite_add_tcase(s, semver);

	tcase_add_loop_test(precedence, test_version_compare_workflow_order, 0,
			    (int)FG_COUNT(workflow_order));
	tcase_add_loop_test(precedence, test_version_compare_orders, 0, (int)FG_COUNT(orders));
	tcase_add_loop_test(precedence, test_version_compare_cases, 0, (int)FG_COUNT(compare_cases));
	tcase_add_test(precedence, test_version_compare_by_hand);
	tcase_add_loop_test(precedence, test_version_format, 0, (int)FG_COUNT(format_cases));
	tcase_add_test(precedence, test_version_format_by_hand);
	suite_add_tcase(s, precedence);

	tcase_add_loop_test(series, test_series_parse, 0, (int)FG_COUNT(series_cases));
	suite_add_tcase(s, series);
	return s;
}

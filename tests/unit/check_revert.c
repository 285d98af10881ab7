/*
 * Unit tests for revert.c: git revert's message form (fg_revert_parse) and
 * the way back versionRegression lets through (fg_check_version_change,
 * versionwalk.c, on a revert that fg_revert_restores judges).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check_flowgate.h"
#include "refs.h"
#include "revert.h"
#include "versionwalk.h"

/*
 * fg_revert_parse: git revert's message form (sequencer.c, v2.39.5): the
 * header, then 'This reverts commit <OID>.' on a line of its own, or a
 * merge's ', reversing\nchanges made to <OID>.'.
 */
#define OID_A "0123456789abcdef0123456789abcdef01234567"
#define OID_B "89abcdef0123456789abcdef0123456789abcdef"
static const struct {
	const char *message;
	int ok, merge;
} revert_parse_cases[] = {
	{ "Revert \"chore: prepare release 0.17.0-rc1\"\n\nThis reverts commit " OID_A ".\n", 1, 0 },
	{ "Revert \"x\"\n\nThis reverts commit " OID_A ".", 1, 0 },
	{ "Revert \"x\"\n\nWhy: it was cut on main.\n\nThis reverts commit " OID_A ".\n", 1, 0 },
	{ "Revert \"Merge branch 'x'\"\n\nThis reverts commit " OID_A ", reversing\nchanges made to "
	  OID_B ".\n", 1, 1 },
	{ "Revert \"x\"\n\nThis reverts commit 0123456.\n", 0, 0 },        /* abbreviated */
	{ "Revert \"x\"\n\nThis reverts commit " OID_A "\n", 0, 0 },       /* no full stop */
	{ "Revert \"x\"\n\nThis reverts commit " OID_A ". And more\n", 0, 0 },
	{ "Revert \"x\"\n\nthis reverts commit " OID_A ".\n", 0, 0 },
	{ "Revert \"x\"\n\n  This reverts commit " OID_A ".\n", 0, 0 },
	{ "Revert \"x\"\n\nThis reverts commit " "0123456789ABCDEF0123456789ABCDEF01234567" ".\n", 0, 0 },
	{ "Revert x\n\nThis reverts commit " OID_A ".\n", 0, 0 },
	{ "Revert \"x\n\nThis reverts commit " OID_A ".\n", 0, 0 },
	{ "revert: x\n\nThis reverts commit " OID_A ".\n", 0, 0 },
	{ "Revert \"\"\n\nThis reverts commit " OID_A ".\n", 0, 0 },       /* no subject */
	{ "Revert \"x\"\n", 0, 0 },
	{ "Revert \"x\" This reverts commit " OID_A ".\n", 0, 0 },
	{ "", 0, 0 },
	{ NULL, 0, 0 },
};

START_TEST(test_revert_parse)
{
	git_oid reverted, parent, want;
	int merge = -1, rc = fg_revert_parse(revert_parse_cases[_i].message, &reverted, &parent, &merge);

	ck_assert_msg((rc == 0) == revert_parse_cases[_i].ok, "case %d: %d", _i, rc);
	ck_assert_int_eq(merge, revert_parse_cases[_i].merge);
	if (rc == 0) {
		git_oid_fromstr(&want, OID_A);
		ck_assert(git_oid_equal(&reverted, &want));
	}
	if (merge) {
		git_oid_fromstr(&want, OID_B);
		ck_assert(git_oid_equal(&parent, &want));
	}
}
END_TEST

/* fg_check_version_change on C against its parent; the number of versionRegression errors. */
static size_t regressions(struct fg_test_repo *r, const git_oid *c_id)
{
	struct fg_refs refs;
	struct fg_report report;
	git_commit *c = NULL, *p = NULL;
	size_t n;

	ck_assert_int_eq(git_commit_lookup(&c, r->repo, c_id), 0);
	ck_assert_int_eq(git_commit_parent(&p, c, 0), 0);
	fg_refs_init(&refs, r->repo, NULL);
	fg_report_init(&report);
	ck_assert_int_eq(fg_check_version_change(&report, &refs, fg_test_config(), c, p, NULL, NULL),
			 0);
	n = fg_test_count_rule(&report, FG_RULE_VERSION_REGRESSION);
	fg_report_release(&report);
	fg_refs_release(&refs);
	git_commit_free(p);
	git_commit_free(c);
	return n;
}

/* A commit on HEAD setting version.txt to VERSION with MESSAGE (printf format, one %s: ARG). */
static void version_commit(struct fg_test_repo *r, const char *version, const char *message,
			   const char *arg, git_oid *out)
{
	char *text = fg_strdupf(message, arg), *v = fg_strdupf("%s\n", version);

	fg_test_repo_stage(r, "half_orm/version.txt", v);
	fg_test_repo_commit(r, text, out);
	free(text);
	free(v);
}

/*
 * versionRegression lets git's revert of a version change through (issue 20,
 * item 11): main at 0.17.0-dev, an rc cut on it by mistake, its revert back
 * to 0.17.0-dev. Look-alikes are judged as before: a header that does not
 * quote the reverted commit's subject, a version that is not the one before
 * it, a commit that is not in the history, a message git did not write.
 */
START_TEST(test_revert_version)
{
	static const struct fg_test_file files[] = { { "half_orm/version.txt", "0.17.0-dev\n" } };
	struct fg_test_repo r;
	git_oid base, rc, back, other, lone;
	char hex[GIT_OID_HEXSZ + 1];

	fg_test_repo_create(&r, "main", files, FG_COUNT(files));
	ck_assert_int_eq(git_reference_name_to_id(&base, r.repo, "HEAD"), 0);
	version_commit(&r, "0.17.0-rc1", "chore: prepare release 0.17.0-rc1\n", NULL, &rc);
	git_oid_tostr(hex, sizeof(hex), &rc);
	/* git revert --no-edit: the version goes back, and passes */
	version_commit(&r, "0.17.0-dev", "Revert \"chore: prepare release 0.17.0-rc1\"\n\n"
		       "This reverts commit %s.\n", hex, &back);
	ck_assert_uint_eq(regressions(&r, &back), 0);
	/* the same change with another message: versionRegression */
	ck_assert_int_eq(git_reference_create(NULL, r.repo, "refs/heads/main", &rc, 1, NULL), 0);
	version_commit(&r, "0.17.0-dev", "fix: back to dev, %s\n", hex, &other);
	ck_assert_uint_eq(regressions(&r, &other), 1);
	/* a header that is not the reverted commit's subject */
	ck_assert_int_eq(git_reference_create(NULL, r.repo, "refs/heads/main", &rc, 1, NULL), 0);
	version_commit(&r, "0.17.0-dev", "Revert \"chore: something else\"\n\n"
		       "This reverts commit %s.\n", hex, &other);
	ck_assert_uint_eq(regressions(&r, &other), 1);
	/* further down than the version before it */
	ck_assert_int_eq(git_reference_create(NULL, r.repo, "refs/heads/main", &rc, 1, NULL), 0);
	version_commit(&r, "0.16.0", "Revert \"chore: prepare release 0.17.0-rc1\"\n\n"
		       "This reverts commit %s.\n", hex, &other);
	ck_assert_uint_eq(regressions(&r, &other), 1);
	/* a revert of the base (not a version change: its parent has none) */
	ck_assert_int_eq(git_reference_create(NULL, r.repo, "refs/heads/main", &rc, 1, NULL), 0);
	git_oid_tostr(hex, sizeof(hex), &base);
	version_commit(&r, "0.17.0-dev", "Revert \"chore: initial commit\"\n\n"
		       "This reverts commit %s.\n", hex, &other);
	ck_assert_uint_eq(regressions(&r, &other), 1);
	/* the revert of an rc that is not in the history the revert is made on */
	ck_assert_int_eq(git_reference_create(NULL, r.repo, "refs/heads/main", &base, 1, NULL), 0);
	version_commit(&r, "0.17.0-rc1", "chore: prepare release 0.17.0-rc1\n", NULL, &lone);
	ck_assert_int_eq(git_reference_create(NULL, r.repo, "refs/heads/main", &base, 1, NULL), 0);
	version_commit(&r, "0.17.0-rc2", "chore: prepare release 0.17.0-rc2\n", NULL, &rc);
	git_oid_tostr(hex, sizeof(hex), &lone);
	version_commit(&r, "0.17.0-dev", "Revert \"chore: prepare release 0.17.0-rc1\"\n\n"
		       "This reverts commit %s.\n", hex, &other);
	ck_assert_uint_eq(regressions(&r, &other), 1);
	fg_test_repo_release(&r);
}
END_TEST

Suite *revert_suite(void)
{
	Suite *s = suite_create("revert");
	TCase *versions = tcase_create("versions");

	tcase_add_loop_test(versions, test_revert_parse, 0, (int)FG_COUNT(revert_parse_cases));
	tcase_add_test(versions, test_revert_version);
	suite_add_tcase(s, versions);
	return s;
}

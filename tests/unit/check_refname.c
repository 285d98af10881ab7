/*
 * Tests of refname.c: workflow branch kinds and series, the valid name
 * proposed for a refused one, rule branchName, and release tag names.
 */
#include <stdlib.h>
#include <string.h>
#include "check_flowgate.h"
#include "refname.h"

static const struct {
	const char *name;
	int rc;
	enum fg_branch_kind kind;
	uint64_t major, minor;
} branch_cases[] = {
	{ "main", 0, FG_BRANCH_MAIN, 0, 0 },
	{ "dev/0.16.x", 0, FG_BRANCH_DEV, 0, 16 },
	{ "release/0.16.x", 0, FG_BRANCH_RELEASE, 0, 16 },
	{ "maint/0.15.x", 0, FG_BRANCH_MAINT, 0, 15 },
	{ "release/10.0.x", 0, FG_BRANCH_RELEASE, 10, 0 },
	{ "dev/1.2.x", 0, FG_BRANCH_DEV, 1, 2 },
	{ "feature/new-cli", 0, FG_BRANCH_FEATURE, 0, 0 },
	{ "hotfix/critical-security-fix", 0, FG_BRANCH_HOTFIX, 0, 0 },
	{ "docs/update-guide", 0, FG_BRANCH_DOCS, 0, 0 },
	{ "feature/a.b_c-1", 0, FG_BRANCH_FEATURE, 0, 0 },
	{ "feature/x", 0, FG_BRANCH_FEATURE, 0, 0 },
	{ "docs/0.16", 0, FG_BRANCH_DOCS, 0, 0 },
	{ "master", -1, FG_BRANCH_INVALID, 0, 0 },
	{ "Main", -1, FG_BRANCH_INVALID, 0, 0 },
	{ "main/x", -1, FG_BRANCH_INVALID, 0, 0 },
	{ "develop", -1, FG_BRANCH_INVALID, 0, 0 },
	{ "dev/0.16", -1, FG_BRANCH_INVALID, 0, 0 },
	{ "dev/00.16.x", -1, FG_BRANCH_INVALID, 0, 0 },
	{ "dev/0.016.x", -1, FG_BRANCH_INVALID, 0, 0 },
	{ "dev/0.16.1", -1, FG_BRANCH_INVALID, 0, 0 },
	{ "release/0.16.X", -1, FG_BRANCH_INVALID, 0, 0 },
	{ "release/v0.16.x", -1, FG_BRANCH_INVALID, 0, 0 },
	{ "release/0.16.x/fix", -1, FG_BRANCH_INVALID, 0, 0 },
	{ "release/18446744073709551616.0.x", -1, FG_BRANCH_INVALID, 0, 0 },
	{ "feature/", -1, FG_BRANCH_INVALID, 0, 0 },
	{ "feature", -1, FG_BRANCH_INVALID, 0, 0 },
	{ "feature/Caps", -1, FG_BRANCH_INVALID, 0, 0 },
	{ "feature/a..b", -1, FG_BRANCH_INVALID, 0, 0 },
	{ "feature/.hidden", -1, FG_BRANCH_INVALID, 0, 0 },
	{ "feature/x.lock", -1, FG_BRANCH_INVALID, 0, 0 },
	{ "feature/a/b", -1, FG_BRANCH_INVALID, 0, 0 },
	{ "feature/caf\xc3\xa9", -1, FG_BRANCH_INVALID, 0, 0 },
	{ "hotfix/with space", -1, FG_BRANCH_INVALID, 0, 0 },
	{ "docs/trailing.", -1, FG_BRANCH_INVALID, 0, 0 },
	{ "bugfix/x", -1, FG_BRANCH_INVALID, 0, 0 },
	{ "features/x", -1, FG_BRANCH_INVALID, 0, 0 },
	{ "Feature/x", -1, FG_BRANCH_INVALID, 0, 0 },
	{ "", -1, FG_BRANCH_INVALID, 0, 0 },
	{ "HEAD", -1, FG_BRANCH_INVALID, 0, 0 },
};

/* git-check-ref-format(1)'s rules, DEL (rule 4) included: libgit2 1.5 misses it. */
static const struct {
	const char *refname;
	int valid;
} refname_cases[] = {
	{ "refs/heads/main", 1 },
	{ "refs/tags/v0.16.0-rc1", 1 },
	{ "refs/heads/feature/x", 1 },
	{ "refs/heads/a\x7f" "b", 0 },
	{ "refs/tags/v\x7f" "0.1.0", 0 },
	{ "refs/heads/a\x1b" "b", 0 },
	{ "refs/heads/a b", 0 },
	{ "refs/heads/a..b", 0 },
	{ "refs/heads/a@{b", 0 },
	{ "refs/heads/x.lock", 0 },
	{ "refs/heads/", 0 },
};

START_TEST(test_refname_is_valid)
{
	ck_assert_msg(fg_refname_is_valid(refname_cases[_i].refname) == refname_cases[_i].valid,
		      "case %d: want %d", _i, refname_cases[_i].valid);
}
END_TEST

START_TEST(test_branch_parse)
{
	struct fg_branch b;
	int rc;

	memset(&b, 0x5a, sizeof(b));
	rc = fg_branch_parse(fg_test_config(), branch_cases[_i].name, &b);
	ck_assert_msg(rc == branch_cases[_i].rc, "'%s': rc %d", branch_cases[_i].name, rc);
	ck_assert_msg(b.kind == branch_cases[_i].kind, "'%s': kind %d", branch_cases[_i].name,
		      (int)b.kind);
	ck_assert(b.major == branch_cases[_i].major);
	ck_assert(b.minor == branch_cases[_i].minor);
	ck_assert_int_eq(fg_branch_has_series(&b) != 0,
			 b.kind == FG_BRANCH_DEV || b.kind == FG_BRANCH_RELEASE ||
			 b.kind == FG_BRANCH_MAINT);
}
END_TEST

/* Names people give branches; every suggestion must itself be valid. */
static const char *const bad_names[] = {
	"master", "MASTER", "trunk", "Main", "develop", "development", "dev", "dev/",
	"develop/0.16", "dev/0.16", "dev/00.16", "dev/v0.16", "dev/0.16.3", "dev/x.y",
	"release/0.16", "release/v0.16.x", "release/0.16.X", "release-0.16", "release/next",
	"release/99999999999999999999.1", "maint/0.15", "maintenance/0.15", "maint/abc",
	"feature/", "feature", "feature/Caps", "Feature/My Work", "feature/a..b",
	"feature/.hidden", "feature/x.lock", "feature/a.lock.lock", "feature/a_.lock",
	"feature/a/b/c", "features/x", "feat/x", "feat-login", "hotfix/with space",
	"hotfix/--", "fix/bug_123", "bugfix/x", "docs/trailing.", "doc/guide",
	"docs/..", "wip", "WIP!!", "tmp/", "-x", "x-", ".x", "x.", "a..b", "a b c",
	"\xc3\xa9t\xc3\xa9", "caf\xc3\xa9/cr\xc3\xa8me", "@", "@{-1}", "x~1^2:3?*[",
	"feature/\\back", "name.lock", "lock", "....", "____", "----", "",
	"ünïcödé-only", "release/0.16.x/extra", "dev/1.2.x.y", "hotfix/", "docs/",
	"feature/-leading", "release/0.0", "release/01.02",
};

START_TEST(test_branch_suggest_is_valid)
{
	struct fg_branch b;
	char *s = fg_branch_suggest(fg_test_config(), bad_names[_i]);

	ck_assert_ptr_nonnull(s);
	ck_assert_msg(fg_branch_parse(fg_test_config(), s, &b) == 0, "suggestion '%s' for '%s' is not valid", s,
		      bad_names[_i]);
	free(s);
}
END_TEST

static const struct {
	const char *name, *want;
} suggest_cases[] = {
	{ "master", "main" },
	{ "Master", "main" },
	{ "trunk", "main" },
	{ "Feature/My Work", "feature/my-work" },
	{ "release/0.16", "release/0.16.x" },
	{ "release/v0.16.x", "release/0.16.x" },
	{ "release/0.16.3", "release/0.16.x" },
	{ "dev/00.16", "dev/0.16.x" },
	{ "develop/0.17", "dev/0.17.x" },
	{ "maintenance/0.15", "maint/0.15.x" },
	{ "bugfix/x", "hotfix/x" },
	{ "fix/bug_123", "hotfix/bug_123" },
	{ "feat-login", "feature/login" },
	{ "features/x", "feature/x" },
	{ "doc/guide", "docs/guide" },
	{ "feature/x.lock", "feature/x" },
	{ "feature/a/b", "feature/a-b" },
	{ "hotfix/with space", "hotfix/with-space" },
	{ "docs/trailing.", "docs/trailing" },
	{ "wip", "feature/wip" },
	{ "", "feature/my-work" },
	{ "!!!", "feature/my-work" },
};

START_TEST(test_branch_suggest)
{
	char *s = fg_branch_suggest(fg_test_config(), suggest_cases[_i].name);

	ck_assert_ptr_nonnull(s);
	ck_assert_str_eq(s, suggest_cases[_i].want);
	free(s);
}
END_TEST

static const struct {
	const char *name;
	int rename_hint;
	const char *hint; /* NULL: the name is valid, no violation */
} check_cases[] = {
	{ "master", 1, "rename it: git branch -m main" },
	{ "Feature/My Work", 1, "rename it: git branch -m feature/my-work" },
	{ "release/0.16", 1, "rename it: git branch -m release/0.16.x" },
	{ "wip", 0, "push it under a workflow name: git push <remote> 'wip':feature/wip" },
	/* the hints are pasted: a name that is shell syntax is quoted, never run */
	{ "x'$(id>&2)'y", 0, "push it under a workflow name: git push <remote> "
	  "'x'\\''$(id>&2)'\\''y':feature/x-id-2-y" },
	{ "x\xe2\x80\xae" "y", 0, "push it under a workflow name: git push <remote> "
	  "\"$(printf 'x\\342\\200\\256y')\":feature/x-y" },
	{ "main", 1, NULL },
	{ "feature/new-cli", 1, NULL },
	{ "release/0.16.x", 0, NULL },
};

START_TEST(test_check_branch_name)
{
	struct fg_report report;
	int rc;

	fg_report_init(&report);
	rc = fg_check_branch_name(&report, fg_test_config(), check_cases[_i].name, check_cases[_i].rename_hint);
	if (!check_cases[_i].hint) {
		ck_assert_int_eq(rc, 0);
		ck_assert_uint_eq(report.n, 0);
	} else {
		char *quoted = fg_quote(check_cases[_i].name, strlen(check_cases[_i].name), 80);
		ck_assert_int_eq(rc, -1);
		ck_assert_uint_eq(report.n, 1);
		ck_assert_int_eq(report.items[0].rule, FG_RULE_BRANCH_NAME);
		ck_assert_ptr_nonnull(strstr(report.items[0].message, quoted));
		ck_assert_ptr_nonnull(report.items[0].hint);
		ck_assert_str_eq(report.items[0].hint, check_cases[_i].hint);
		if (check_cases[_i].rename_hint)
			ck_assert_ptr_nonnull(strstr(report.items[0].hint, "git branch -m "));
		free(quoted);
	}
	fg_report_release(&report);
}
END_TEST

START_TEST(test_check_branch_name_quotes_control_chars)
{
	struct fg_report report;

	fg_report_init(&report);
	ck_assert_int_eq(fg_check_branch_name(&report, fg_test_config(), "x\033[2Jy", 1), -1);
	ck_assert_uint_eq(report.n, 1);
	ck_assert_ptr_null(strchr(report.items[0].message, '\033'));
	ck_assert_ptr_nonnull(strstr(report.items[0].message, "'x\\x1b[2Jy'"));
	fg_report_release(&report);
}
END_TEST

static const struct {
	const char *name;
	int rc;
	uint64_t major, minor, patch;
	enum fg_prerelease_kind kind;
	uint64_t number;
} tag_cases[] = {
	{ "v0.16.0", 0, 0, 16, 0, FG_PRE_NONE, 0 },
	{ "v0.16.0-rc1", 0, 0, 16, 0, FG_PRE_RC, 1 },
	{ "v1.2.3-alpha2", 0, 1, 2, 3, FG_PRE_ALPHA, 2 },
	{ "v1.2.3-beta10", 0, 1, 2, 3, FG_PRE_BETA, 10 },
	{ "v0.17.0-dev", 0, 0, 17, 0, FG_PRE_DEV, 0 },
	{ "v0.0.0", 0, 0, 0, 0, FG_PRE_NONE, 0 },
	{ "0.16.0", -1, 0, 0, 0, FG_PRE_NONE, 0 },
	{ "v0.16", -1, 0, 0, 0, FG_PRE_NONE, 0 },
	{ "v0.16.x", -1, 0, 0, 0, FG_PRE_NONE, 0 },
	{ "v0.16.0-rc0", -1, 0, 0, 0, FG_PRE_NONE, 0 },
	{ "v0.16.0-rc01", -1, 0, 0, 0, FG_PRE_NONE, 0 },
	{ "v0.16.0+build", -1, 0, 0, 0, FG_PRE_NONE, 0 },
	{ "V0.16.0", -1, 0, 0, 0, FG_PRE_NONE, 0 },
	{ "v0.16.0-preview", -1, 0, 0, 0, FG_PRE_NONE, 0 },
	{ "v0.16.0-RC1", -1, 0, 0, 0, FG_PRE_NONE, 0 },
	{ "v01.16.0", -1, 0, 0, 0, FG_PRE_NONE, 0 },
	{ "v0.16.0 ", -1, 0, 0, 0, FG_PRE_NONE, 0 },
	{ "release-1", -1, 0, 0, 0, FG_PRE_NONE, 0 },
	{ "vv0.16.0", -1, 0, 0, 0, FG_PRE_NONE, 0 },
	{ "v18446744073709551616.0.0", -1, 0, 0, 0, FG_PRE_NONE, 0 },
	{ "", -1, 0, 0, 0, FG_PRE_NONE, 0 },
};

START_TEST(test_tag_parse)
{
	struct fg_version v;
	int rc = fg_tag_parse(fg_test_config(), tag_cases[_i].name, &v);

	ck_assert_msg(rc == tag_cases[_i].rc, "'%s': rc %d", tag_cases[_i].name, rc);
	if (rc == 0) {
		ck_assert(v.major == tag_cases[_i].major);
		ck_assert(v.minor == tag_cases[_i].minor);
		ck_assert(v.patch == tag_cases[_i].patch);
		ck_assert_int_eq(v.pre_kind, tag_cases[_i].kind);
		ck_assert(v.pre_number == tag_cases[_i].number);
		ck_assert_ptr_null(v.build);
		if (v.pre)
			ck_assert(v.pre > tag_cases[_i].name); /* points into NAME */
	}
}
END_TEST

/* branchProtected: what a push may do to which ref. */
static const struct {
	const char *refname;
	enum fg_ref_change change;
	const char *text; /* NULL: no violation; else the message starts with it */
} protected_cases[] = {
	{ "refs/heads/main", FG_REF_DELETED, "deleting protected branch 'main' from the remote" },
	{ "refs/heads/main", FG_REF_NOT_FAST_FORWARD,
	  "non-fast-forward push to protected branch 'main': the remote's 0123456789ab is not in" },
	{ "refs/heads/main", FG_REF_OLD_UNKNOWN,
	  "the remote's protected branch 'main' is at 0123456789ab, which this repository does "
	  "not have: someone else pushed to it" },
	{ "refs/heads/release/0.16.x", FG_REF_DELETED, "deleting protected branch 'release/0.16.x'" },
	{ "refs/heads/release/0.16.x", FG_REF_NOT_FAST_FORWARD, "non-fast-forward push to " },
	{ "refs/heads/maint/0.15.x", FG_REF_DELETED, "deleting protected branch 'maint/0.15.x'" },
	{ "refs/heads/dev/0.16.x", FG_REF_DELETED, NULL },
	{ "refs/heads/dev/0.16.x", FG_REF_NOT_FAST_FORWARD, NULL },
	{ "refs/heads/feature/x", FG_REF_DELETED, NULL },
	{ "refs/heads/feature/x", FG_REF_NOT_FAST_FORWARD, NULL },
	{ "refs/heads/master", FG_REF_DELETED, NULL },          /* not a workflow branch */
	{ "refs/heads/release/0.16", FG_REF_DELETED, NULL },
	{ "refs/tags/v0.16.0", FG_REF_DELETED, "deleting release tag 'v0.16.0' from the remote" },
	{ "refs/tags/v0.16.0-rc1", FG_REF_DELETED, "deleting release tag 'v0.16.0-rc1'" },
	{ "refs/tags/v0.16.0", FG_REF_NOT_FAST_FORWARD, NULL }, /* moving a tag: tagMoved's */
	{ "refs/tags/nightly", FG_REF_DELETED, NULL },
	{ "refs/notes/commits", FG_REF_DELETED, NULL },
};

START_TEST(test_check_protected)
{
	struct fg_report report;
	int n;

	fg_report_init(&report);
	n = fg_check_protected(&report, fg_test_config(), protected_cases[_i].refname,
			       protected_cases[_i].change,
			       "0123456789abcdef0123456789abcdef01234567", "origin");
	if (!protected_cases[_i].text) {
		ck_assert_msg(n == 0 && report.n == 0, "%s: %d violations (%s)",
			      protected_cases[_i].refname, n, report.n ? report.items[0].message : "");
	} else {
		ck_assert_int_eq(n, 1);
		ck_assert_int_eq(report.items[0].rule, FG_RULE_BRANCH_PROTECTED);
		ck_assert_int_eq(report.items[0].severity, FG_ERROR);
		ck_assert_msg(!strncmp(report.items[0].message, protected_cases[_i].text,
				       strlen(protected_cases[_i].text)),
			      "%s: '%s'", protected_cases[_i].refname, report.items[0].message);
		ck_assert_ptr_nonnull(report.items[0].hint);
	}
	fg_report_release(&report);
}
END_TEST

START_TEST(test_check_protected_configured)
{
	/* branch.dev.protected = true protects dev/X.Y.x too */
	struct fg_config *cfg = fg_test_config();
	struct fg_report report;
	int saved = -1;

	for (size_t i = 0; i < cfg->nbranches; i++)
		if (!strcmp(cfg->branches[i].kind, "dev")) {
			saved = cfg->branches[i].protected_branch;
			cfg->branches[i].protected_branch = 1;
		}
	ck_assert_int_eq(saved, 0);
	fg_report_init(&report);
	ck_assert_int_eq(fg_check_protected(&report, cfg, "refs/heads/dev/0.16.x", FG_REF_DELETED,
					    "0123456789ab", "origin"), 1);
	ck_assert_str_eq(report.items[0].hint, "protected branches are never deleted "
			 "(branch.dev.protected); keep it, or ask whoever runs the server");
	fg_report_release(&report);
	for (size_t i = 0; i < cfg->nbranches; i++)
		if (!strcmp(cfg->branches[i].kind, "dev"))
			cfg->branches[i].protected_branch = saved;
}
END_TEST

Suite *refname_suite(void)
{
	Suite *s = suite_create("refname");
	TCase *branch = tcase_create("branch");
	TCase *suggest = tcase_create("suggest");
	TCase *tag = tcase_create("tag");

	tcase_add_loop_test(branch, test_refname_is_valid, 0, (int)FG_COUNT(refname_cases));

	tcase_add_loop_test(branch, test_branch_parse, 0, (int)FG_COUNT(branch_cases));
	tcase_add_loop_test(branch, test_check_branch_name, 0, (int)FG_COUNT(check_cases));
	tcase_add_test(branch, test_check_branch_name_quotes_control_chars);
	suite_add_tcase(s, branch);

	tcase_add_loop_test(suggest, test_branch_suggest_is_valid, 0, (int)FG_COUNT(bad_names));
	tcase_add_loop_test(suggest, test_branch_suggest, 0, (int)FG_COUNT(suggest_cases));
	suite_add_tcase(s, suggest);

	tcase_add_loop_test(tag, test_tag_parse, 0, (int)FG_COUNT(tag_cases));
	tcase_add_loop_test(tag, test_check_protected, 0, (int)FG_COUNT(protected_cases));
	tcase_add_test(tag, test_check_protected_configured);
	suite_add_tcase(s, tag);
	return s;
}

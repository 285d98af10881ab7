/*
 * Tests of range.c: the branch a CI job runs for, from GitHub Actions' and
 * GitLab CI's variables (fg_ci_branch, a table of environments), and the
 * order, kinds and errors of fg_range_check's results in a libgit2-made
 * repository.
 */
#include <stdlib.h>
#include <string.h>
#include "check_flowgate.h"
#include "range.h"

/* ---- fg_ci_branch ----------------------------------------------------- */

/* One environment: "NAME=VALUE" strings, NULL-terminated. */
static const char *const *env_now;

static char *fake_getenv(const char *name)
{
	size_t len = strlen(name);

	for (const char *const *e = env_now; e && *e; e++)
		if (!strncmp(*e, name, len) && (*e)[len] == '=')
			return (char *)*e + len + 1;
	return NULL;
}

static const struct {
	const char *env[6];
	const char *branch; /* NULL: none */
	enum fg_branch_origin origin;
} ci_cases[] = {
	/* nothing set, or the variables without the CI's own marker */
	{ { NULL }, NULL, FG_BRANCH_ORIGIN_NONE },
	{ { "GITHUB_HEAD_REF=feature/x", "GITHUB_REF=refs/heads/main", "GITHUB_REF_NAME=main" },
	  NULL, FG_BRANCH_ORIGIN_NONE },
	{ { "GITHUB_ACTIONS=false", "GITHUB_HEAD_REF=feature/x" }, NULL, FG_BRANCH_ORIGIN_NONE },
	{ { "CI_COMMIT_BRANCH=main" }, NULL, FG_BRANCH_ORIGIN_NONE },
	/* GitHub Actions: a pull request's source branch first */
	{ { "GITHUB_ACTIONS=true", "GITHUB_HEAD_REF=feature/x", "GITHUB_REF=refs/pull/7/merge",
	    "GITHUB_REF_NAME=7/merge" }, "feature/x", FG_BRANCH_ORIGIN_GITHUB },
	{ { "GITHUB_ACTIONS=true", "GITHUB_HEAD_REF=", "GITHUB_REF=refs/heads/release/0.16.x",
	    "GITHUB_REF_NAME=release/0.16.x" }, "release/0.16.x", FG_BRANCH_ORIGIN_GITHUB },
	{ { "GITHUB_ACTIONS=true", "GITHUB_REF=refs/heads/main" }, "main",
	  FG_BRANCH_ORIGIN_GITHUB },
	{ { "GITHUB_ACTIONS=true", "GITHUB_REF=refs/tags/v0.16.0", "GITHUB_REF_NAME=v0.16.0" },
	  NULL, FG_BRANCH_ORIGIN_NONE },
	{ { "GITHUB_ACTIONS=true", "GITHUB_HEAD_REF=", "GITHUB_REF=refs/pull/7/merge",
	    "GITHUB_REF_NAME=7/merge" }, NULL, FG_BRANCH_ORIGIN_NONE },
	{ { "GITHUB_ACTIONS=true", "GITHUB_REF_NAME=main" }, NULL, FG_BRANCH_ORIGIN_NONE },
	{ { "GITHUB_ACTIONS=true", "GITHUB_HEAD_REF=refs/heads/docs/x" }, "docs/x",
	  FG_BRANCH_ORIGIN_GITHUB },
	/* GitLab CI: a merge request's source branch first */
	{ { "GITLAB_CI=true", "CI_MERGE_REQUEST_SOURCE_BRANCH_NAME=hotfix/x",
	    "CI_COMMIT_BRANCH=main" }, "hotfix/x", FG_BRANCH_ORIGIN_GITLAB },
	{ { "GITLAB_CI=true", "CI_MERGE_REQUEST_SOURCE_BRANCH_NAME=",
	    "CI_COMMIT_BRANCH=dev/0.17.x" }, "dev/0.17.x", FG_BRANCH_ORIGIN_GITLAB },
	{ { "GITLAB_CI=true", "CI_COMMIT_TAG=v0.16.0" }, NULL, FG_BRANCH_ORIGIN_NONE },
	{ { "GITLAB_CI=true", "CI_COMMIT_BRANCH=" }, NULL, FG_BRANCH_ORIGIN_NONE },
	/* both set: GitHub's first, GitLab's when GitHub's name no branch */
	{ { "GITHUB_ACTIONS=true", "GITHUB_REF=refs/heads/main", "GITLAB_CI=true",
	    "CI_COMMIT_BRANCH=dev/0.17.x" }, "main", FG_BRANCH_ORIGIN_GITHUB },
	{ { "GITHUB_ACTIONS=true", "GITHUB_REF=refs/tags/v1.0.0", "GITLAB_CI=true",
	    "CI_COMMIT_BRANCH=dev/0.17.x" }, "dev/0.17.x", FG_BRANCH_ORIGIN_GITLAB },
	/* "refs/heads/" alone names nothing */
	{ { "GITLAB_CI=true", "CI_COMMIT_BRANCH=refs/heads/" }, NULL, FG_BRANCH_ORIGIN_NONE },
};

START_TEST(test_ci_branch)
{
	enum fg_branch_origin origin = FG_BRANCH_ORIGIN_OPTION; /* must be overwritten */
	const char *got;

	env_now = ci_cases[_i].env;
	got = fg_ci_branch(fake_getenv, &origin);
	if (ci_cases[_i].branch)
		ck_assert_str_eq(got ? got : "(null)", ci_cases[_i].branch);
	else
		ck_assert_msg(!got, "case %d: want no branch, got '%s'", _i, got);
	ck_assert_int_eq(origin, ci_cases[_i].origin);
	ck_assert_ptr_eq(fg_ci_branch(fake_getenv, NULL), got); /* ORIGIN may be NULL */
}
END_TEST

/* ---- fg_range_check ---------------------------------------------------- */

static struct fg_test_repo fx;

static const struct fg_test_file halform_files[] = {
	{ "half_orm/version.txt", "0.16.0\n" },
	{ "docs/index.md", "This documentation covers halfORM **0.16.x**.\n" },
};

static void range_setup(void)
{
	fg_test_repo_create(&fx, "release/0.16.x", halform_files, FG_COUNT(halform_files));
}

static void range_teardown(void)
{
	fg_test_repo_release(&fx);
}

/* What the emit function saw. */
struct seen {
	size_t n, stop_after; /* stop_after: 0 never */
	enum fg_range_kind kinds[8];
	char names[8][64];
	char commits[8][GIT_OID_HEXSZ + 1];
	size_t errors[8];
};

static int record(void *payload, const struct fg_range_entry *entry)
{
	struct seen *s = payload;

	ck_assert_uint_lt(s->n, 8);
	s->kinds[s->n] = entry->kind;
	snprintf(s->names[s->n], sizeof(s->names[0]), "%s", entry->name);
	snprintf(s->commits[s->n], sizeof(s->commits[0]), "%s", entry->commit ? entry->commit : "");
	s->errors[s->n] = fg_report_count(entry->report, FG_ERROR);
	s->n++;
	return s->stop_after && s->n >= s->stop_after;
}

/* Two more commits on the fixture's first one; *FIRST and *SECOND get their IDs. */
static void two_commits(git_oid *first, git_oid *second)
{
	fg_test_repo_stage(&fx, "notes.txt", "one\n");
	fg_test_repo_commit(&fx, "fix: one\n", first);
	fg_test_repo_stage(&fx, "half_orm/version.txt", "0.16.0-rc1\n"); /* lower than 0.16.0 */
	fg_test_repo_commit(&fx, "fix: two\n", second);
}

START_TEST(test_range_order)
{
	struct seen s = { 0 };
	struct fg_range_options opts = { "release/0.16.x", 0, record, &s };
	git_oid first, second;
	git_object *target = NULL;
	char hex1[GIT_OID_HEXSZ + 1], hex2[GIT_OID_HEXSZ + 1];
	git_oid tag_id;

	two_commits(&first, &second);
	ck_assert_int_eq(git_object_lookup(&target, fx.repo, &first, GIT_OBJECT_COMMIT), 0);
	ck_assert_int_eq(git_tag_create_lightweight(&tag_id, fx.repo, "v1-build", target, 0), 0);
	git_object_free(target);
	git_oid_tostr(hex1, sizeof(hex1), &first);
	git_oid_tostr(hex2, sizeof(hex2), &second);

	ck_assert_int_eq(fg_range_check(fx.repo, fg_test_config(), "HEAD~2..HEAD", &opts), 0);
	ck_assert_uint_eq(s.n, 4);
	/* the branch first, then the commits parents first, then the tags */
	ck_assert_int_eq(s.kinds[0], FG_RANGE_BRANCH);
	ck_assert_str_eq(s.names[0], "branch release/0.16.x");
	ck_assert_str_eq(s.commits[0], "");
	ck_assert_uint_eq(s.errors[0], 0);
	ck_assert_int_eq(s.kinds[1], FG_RANGE_COMMIT);
	ck_assert_str_eq(s.commits[1], hex1);
	ck_assert_uint_eq(s.errors[1], 0);
	ck_assert_int_eq(s.kinds[2], FG_RANGE_COMMIT);
	ck_assert_str_eq(s.commits[2], hex2);
	ck_assert_int_eq(strncmp(s.names[2], "commit ", 7), 0);
	ck_assert_int_eq(strncmp(s.names[2] + 7, hex2, 12), 0);
	ck_assert_uint_eq(strlen(s.names[2]), 19);
	/* 0.16.0 -> 0.16.0-rc1: versionRegression, in the second commit's result only */
	ck_assert_uint_eq(s.errors[2], 1);
	ck_assert_int_eq(s.kinds[3], FG_RANGE_TAG);
	ck_assert_str_eq(s.names[3], "tag v1-build");
	ck_assert_str_eq(s.commits[3], hex1);
	ck_assert_uint_ge(s.errors[3], 1); /* tagFormat, tagAnnotated: named like a release */
}
END_TEST

START_TEST(test_range_stopped)
{
	struct seen s = { .stop_after = 2 };
	struct fg_range_options opts = { "release/0.16.x", 0, record, &s };

	two_commits(NULL, NULL);
	ck_assert_int_eq(fg_range_check(fx.repo, fg_test_config(), "HEAD~2..HEAD", &opts),
			 FG_RANGE_ESTOPPED);
	ck_assert_uint_eq(s.n, 2);
}
END_TEST

START_TEST(test_range_no_branch)
{
	struct seen s = { 0 };
	struct fg_range_options opts = { NULL, 0, record, &s };

	two_commits(NULL, NULL);
	ck_assert_int_eq(fg_range_check(fx.repo, fg_test_config(), "HEAD~1..HEAD", &opts), 0);
	ck_assert_uint_eq(s.n, 1);
	ck_assert_int_eq(s.kinds[0], FG_RANGE_COMMIT);
}
END_TEST

static const char *const bad_ranges[] = { "nope..HEAD", "HEAD~1...HEAD", "HEAD~9..HEAD",
					  "refs/heads/nope" };

START_TEST(test_range_bad)
{
	struct seen s = { 0 };
	struct fg_range_options opts = { "release/0.16.x", 0, record, &s };

	ck_assert_int_eq(fg_range_check(fx.repo, fg_test_config(), bad_ranges[_i], &opts),
			 FG_RANGE_ERANGE);
	ck_assert_uint_eq(s.n, 0); /* nothing emitted, not even the branch */
}
END_TEST

START_TEST(test_range_refname)
{
	struct seen s = { 0 };
	struct fg_range_options opts = { NULL, 0, record, &s };

	two_commits(NULL, NULL);
	/* a refname alone: all its history, the root commit included */
	ck_assert_int_eq(fg_range_check(fx.repo, fg_test_config(), "refs/heads/release/0.16.x",
					&opts), 0);
	ck_assert_uint_eq(s.n, 3);
}
END_TEST

START_TEST(test_range_object_name)
{
	struct seen s = { 0 };
	struct fg_range_options opts = { NULL, 0, record, &s };
	char hex[GIT_OID_HEXSZ + 1], *abbrev;
	git_oid tip;

	two_commits(NULL, NULL);
	ck_assert_int_eq(git_reference_name_to_id(&tip, fx.repo, "refs/heads/release/0.16.x"), 0);
	git_oid_tostr(hex, sizeof(hex), &tip);
	/* a full object name alone (as a hook's refusal prints it): all its history */
	ck_assert_int_eq(fg_range_check(fx.repo, fg_test_config(), hex, &opts), 0);
	ck_assert_uint_eq(s.n, 3);
	/* not an abbreviated one, nor another revision alone: no range */
	abbrev = strndup(hex, 12);
	ck_assert_int_eq(fg_range_check(fx.repo, fg_test_config(), abbrev, &opts),
			 FG_RANGE_ERANGE);
	ck_assert_int_eq(fg_range_check(fx.repo, fg_test_config(), "release/0.16.x", &opts),
			 FG_RANGE_ERANGE);
	free(abbrev);
}
END_TEST

Suite *range_suite(void)
{
	Suite *s = suite_create("range");
	TCase *ci = tcase_create("ci_branch");
	TCase *check = tcase_create("check");

	tcase_add_loop_test(ci, test_ci_branch, 0, (int)FG_COUNT(ci_cases));
	tcase_add_checked_fixture(check, range_setup, range_teardown);
	tcase_add_test(check, test_range_order);
	tcase_add_test(check, test_range_stopped);
	tcase_add_test(check, test_range_no_branch);
	tcase_add_loop_test(check, test_range_bad, 0, (int)FG_COUNT(bad_ranges));
	tcase_add_test(check, test_range_refname);
	tcase_add_test(check, test_range_object_name);
	suite_add_tcase(s, ci);
	suite_add_tcase(s, check);
	return s;
}

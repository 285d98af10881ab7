/*
 * Tests of revparse.c: revisions with ancestry operators resolve to the
 * commit `git rev-parse <spec>^{commit}` names, in a history with merges
 * (packed, then loose), their operators followed by the pack reader; an
 * operator past the history fails as libgit2's does, and one past a
 * shallow clone's edge as git's; a path, or nothing before the operators,
 * goes to libgit2 whole.
 */
#include <stdlib.h>
#include <string.h>
#include "check_flowgate.h"
#include "fixtures_sh.h"
#include "packs.h"
#include "report.h"
#include "revparse.h"

/*
 * main: c1, c2, a merge of side (s1 s2, from c1), a merge of other (o1,
 * from c2), c3 (tagged v1), c4.
 */
static const char history[] =
	"set -e; exec >/dev/null 2>&1; git init -q -b main .; "
	"c() { echo \"$1\" >\"$1.txt\"; git add \"$1.txt\"; git commit -q -m \"feat: $1\"; }; "
	"c c1; git checkout -q -b side; c s1; c s2; git checkout -q main; c c2; "
	"git merge -q --no-ff -m 'Merge side' side; git checkout -q -b other main~1; c o1; "
	"git checkout -q main; git merge -q --no-ff -m 'Merge other' other; c c3; "
	"git tag -a v1 -m 'release: v1'; c c4; ";

static const char *const specs[] = {
	"main", "main~0", "main^0", "main~", "main^", "main~1", "main^1", "main~2", "main~2^2",
	"main~2^2~1", "main~2^2^", "main~3^2", "main~3", "main~~~", "main^^^", "main^^^2",
	"main~2^1~1", "v1~1", "v1~1^2", "v1^{commit}~1", "main~05", "main~3^2^0", "other~1",
	"HEAD~2^2", "@~2", "main@{0}~1",
};

/* *OUT: git's commit for SPEC; 0, or -1 when git names none. */
static int git_commit_of(const char *dir, const char *spec, git_oid *out)
{
	char *cmd = fg_strdupf("git rev-parse -q --verify '%s^{commit}' 2>/dev/null || :", spec), *hex;
	size_t len;
	int rc;

	hex = fg_test_sh_output(dir, cmd, &len);
	rc = len >= GIT_OID_HEXSZ ? git_oid_fromstrn(out, hex, GIT_OID_HEXSZ) : -1;
	free(hex);
	free(cmd);
	return rc;
}

static void check_all(const char *dir, int packed)
{
	git_repository *repo = NULL;
	struct fg_packs *p = NULL;

	ck_assert_int_eq(git_repository_open(&repo, dir), 0);
	ck_assert_int_eq(fg_packs_new(&p, repo), 0);
	for (size_t i = 0; i < FG_COUNT(specs); i++) {
		git_oid want, got;

		ck_assert_msg(git_commit_of(dir, specs[i], &want) == 0, "git: %s", specs[i]);
		ck_assert_msg(fg_revparse_commit(&got, repo, p, specs[i]) == 0, "%s: %s", specs[i],
			      git_error_last() ? git_error_last()->message : "");
		ck_assert_msg(git_oid_equal(&got, &want), "%s: not git's commit", specs[i]);
	}
	/* the operators' commits were read by the pack reader (from the packs, or through it) */
	if (packed)
		ck_assert_uint_gt(fg_packs_stats(p).packed, 20);
	else
		ck_assert_uint_gt(fg_packs_stats(p).fallback, 20);
	fg_packs_free(p);
	git_repository_free(repo);
}

/* Each revision is git's commit, with the objects packed and loose. */
START_TEST(test_revisions_as_git)
{
	char *dir = fg_test_mkdtemp();

	fg_test_sh(dir, "%s", history);
	check_all(dir, 0);
	fg_test_sh(dir, "git repack -adq >/dev/null 2>&1 && git prune-packed");
	check_all(dir, 1);
	fg_test_rmtree(dir);
}
END_TEST

/*
 * Past the history: libgit2's errors (GIT_ENOTFOUND, "parent N does not
 * exist"), where git names no commit either; a revision that is no
 * commit; a path and a bare operator, which are libgit2's alone.
 */
START_TEST(test_revisions_git_refuses)
{
	static const struct {
		const char *spec, *message;
		int rc;
	} bad[] = {
		{ "main~7", "parent 0 does not exist", GIT_ENOTFOUND },
		{ "main^3", "parent 2 does not exist", GIT_ENOTFOUND },
		{ "main~2^3", "parent 2 does not exist", GIT_ENOTFOUND },
		{ "main^{tree}~1", NULL, 0 },
		{ "nosuch~1", NULL, GIT_ENOTFOUND },
		{ "main:c1.txt~1", NULL, GIT_ENOTFOUND },
		{ "~1", NULL, 0 },
	};
	char *dir = fg_test_mkdtemp();
	git_repository *repo = NULL;
	struct fg_packs *p = NULL;

	fg_test_sh(dir, "%s", history);
	ck_assert_int_eq(git_repository_open(&repo, dir), 0);
	ck_assert_int_eq(fg_packs_new(&p, repo), 0);
	for (size_t i = 0; i < FG_COUNT(bad); i++) {
		git_oid want, got;
		git_object *object = NULL;
		int rc = fg_revparse_commit(&got, repo, p, bad[i].spec);

		ck_assert_msg(git_commit_of(dir, bad[i].spec, &want) < 0, "git: %s", bad[i].spec);
		ck_assert_msg(rc < 0, "%s: resolved", bad[i].spec);
		if (bad[i].rc)
			ck_assert_int_eq(rc, bad[i].rc);
		if (bad[i].message)
			ck_assert_str_eq(git_error_last()->message, bad[i].message);
		/* libgit2's revparse refuses it too */
		if (git_revparse_single(&object, repo, bad[i].spec) == 0) {
			git_object *commit = NULL;

			ck_assert_int_lt(git_object_peel(&commit, object, GIT_OBJECT_COMMIT), 0);
			git_object_free(object);
		}
	}
	fg_packs_free(p);
	git_repository_free(repo);
	fg_test_rmtree(dir);
}
END_TEST

/*
 * A shallow clone of two commits: HEAD~1 is there, HEAD~2 (named by
 * HEAD~1's parent line) is not, and git names no commit for it; nor for
 * a chain that ends past the edge.
 */
START_TEST(test_revisions_shallow)
{
	static const char *const refused[] = { "HEAD~2", "HEAD^^", "HEAD~1^", "HEAD~3" };
	char *dir = fg_test_mkdtemp(), *clone;
	git_repository *repo = NULL;
	struct fg_packs *p = NULL;
	git_oid want, got;

	fg_test_sh(dir, "mkdir src && cd src && { %s } && cd .. && "
		   "git clone -q --depth 2 \"file://$PWD/src\" shallow >/dev/null 2>&1", history);
	clone = fg_strdupf("%s/shallow", dir);
	ck_assert_int_eq(git_repository_open(&repo, clone), 0);
	ck_assert_int_eq(fg_packs_new(&p, repo), 0);
	ck_assert_int_eq(git_commit_of(clone, "HEAD~1", &want), 0);
	ck_assert_int_eq(fg_revparse_commit(&got, repo, p, "HEAD~1"), 0);
	ck_assert(git_oid_equal(&got, &want));
	for (size_t i = 0; i < FG_COUNT(refused); i++) {
		ck_assert_msg(git_commit_of(clone, refused[i], &want) < 0, "git: %s", refused[i]);
		ck_assert_msg(fg_revparse_commit(&got, repo, p, refused[i]) < 0, "%s: resolved",
			      refused[i]);
	}
	fg_packs_free(p);
	git_repository_free(repo);
	free(clone);
	fg_test_rmtree(dir);
}
END_TEST

Suite *revparse_suite(void)
{
	Suite *s = suite_create("revparse");
	TCase *tc = tcase_create("revparse");

	tcase_set_timeout(tc, 60);
	tcase_add_checked_fixture(tc, fg_test_git_env_save, fg_test_git_env_restore);
	tcase_add_test(tc, test_revisions_as_git);
	tcase_add_test(tc, test_revisions_git_refuses);
	tcase_add_test(tc, test_revisions_shallow);
	suite_add_tcase(s, tc);
	return s;
}

/*
 * Unit tests for hotfix.c: which long-lived branches hold a fix, as the
 * same commits or as cherry-picks (trailer or patch ID), on the series the
 * fix affects; with a few lines of the table printed from it
 * (hotfixprint.c, whose own suite is check_hotfixprint.c).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check_flowgate.h"
#include "hotfix.h"
#include "hotfix_story.h"

START_TEST(test_story_states)
{
	struct story s;
	struct fg_hotfix fix;
	char *why = NULL;
	const struct fg_hotfix_row *row;

	fg_story_init(&s);
	ck_assert_int_eq(fg_hotfix_status(&fix, s.r.repo, fg_test_config(), "hotfix/x",
					  FG_HOTFIX_OLDER, &why), 0);
	ck_assert_ptr_null(why);
	ck_assert_int_eq(fix.is_branch, 1);
	ck_assert_uint_eq(fix.nfix, 1);
	ck_assert(git_oid_equal(&fix.fix[0], &s.fix));
	ck_assert_str_eq(fix.headers[0], "fix: close the pool");
	ck_assert_uint_eq(fix.nrows, 4);
	/* main, dev, release, maint */
	ck_assert_str_eq(fix.rows[0].name, "main");
	ck_assert_str_eq(fix.rows[1].name, "dev/0.16.x");
	ck_assert_str_eq(fix.rows[2].name, "release/0.16.x");
	ck_assert_str_eq(fix.rows[3].name, "maint/0.15.x");
	row = fg_story_row(&fix, "main");
	ck_assert_int_eq(row->state, FG_HOTFIX_PICKED); /* by patch ID */
	ck_assert(git_oid_equal(&row->carriers[0], &s.on_main));
	ck_assert_ptr_null(row->tag);
	row = fg_story_row(&fix, "release/0.16.x");
	ck_assert_int_eq(row->state, FG_HOTFIX_PICKED); /* by the -x line */
	ck_assert(git_oid_equal(&row->carriers[0], &s.on_release));
	ck_assert_str_eq(row->tag, "v0.16.1");
	ck_assert_int_eq(fg_story_row(&fix, "dev/0.16.x")->state, FG_HOTFIX_MISSING);
	ck_assert(git_oid_is_zero(&fg_story_row(&fix, "dev/0.16.x")->carriers[0]));
	ck_assert_int_eq(fg_story_row(&fix, "maint/0.15.x")->state, FG_HOTFIX_MISSING);
	ck_assert_uint_eq(fix.lacking, 2);
	fg_hotfix_release(&fix);
	fg_test_repo_release(&s.r);
}
END_TEST

/* Same path, another change: not a cherry-pick. A merge: the same commit. */
START_TEST(test_other_change_and_merge)
{
	struct story s;
	struct fg_hotfix fix;
	char *why = NULL;
	git_oid other;

	fg_story_init(&s);
	fg_story_on_branch(&s.r, "dev/0.16.x", &s.dev_tip);
	fg_story_commit_file(&s.r, "b.txt", "two, fixed otherwise\n", "fix: the pool another way\n", &other);
	/* maint/0.15.x takes the fix itself (a fast-forward of its own) */
	fg_story_set_ref(&s.r, "refs/heads/maint/0.15.x", &s.fix);
	ck_assert_int_eq(fg_hotfix_status(&fix, s.r.repo, fg_test_config(), "hotfix/x",
					  FG_HOTFIX_OLDER, &why), 0);
	ck_assert_int_eq(fg_story_row(&fix, "dev/0.16.x")->state, FG_HOTFIX_MISSING);
	ck_assert_int_eq(fg_story_row(&fix, "maint/0.15.x")->state, FG_HOTFIX_MERGED);
	ck_assert(git_oid_equal(&fg_story_row(&fix, "maint/0.15.x")->carriers[0], &s.fix));
	/* no tag of 0.15 holds it */
	ck_assert_ptr_null(fg_story_row(&fix, "maint/0.15.x")->tag);
	ck_assert_uint_eq(fix.lacking, 1);
	fg_hotfix_release(&fix);
	fg_test_repo_release(&s.r);
}
END_TEST

/* A two-commit hotfix branch: a branch with one of them is partial. */
START_TEST(test_partial)
{
	struct story s;
	struct fg_hotfix fix;
	char *why = NULL, *text, *line, f2[13];
	git_oid f1, f2id;

	fg_story_init(&s);
	fg_story_on_branch(&s.r, "hotfix/y", &s.c1);
	fg_story_commit_file(&s.r, "y1.txt", "y1\n", "fix: first half\n", &f1);
	fg_story_commit_file(&s.r, "y2.txt", "y2\n", "fix: second half\n", &f2id);
	fg_story_on_branch(&s.r, "dev/0.16.x", &s.dev_tip);
	fg_story_commit_file(&s.r, "y1.txt", "y1\n", "fix: first half, picked\n", NULL);
	ck_assert_int_eq(fg_hotfix_status(&fix, s.r.repo, fg_test_config(), "hotfix/y",
					  FG_HOTFIX_OLDER, &why), 0);
	ck_assert_uint_eq(fix.nfix, 2);
	ck_assert(git_oid_equal(&fix.fix[0], &f1)); /* oldest first */
	ck_assert(git_oid_equal(&fix.fix[1], &f2id));
	ck_assert_int_eq(fg_story_row(&fix, "dev/0.16.x")->state, FG_HOTFIX_PARTIAL);
	ck_assert(!git_oid_is_zero(&fg_story_row(&fix, "dev/0.16.x")->carriers[0]));
	ck_assert(git_oid_is_zero(&fg_story_row(&fix, "dev/0.16.x")->carriers[1]));
	text = fg_story_printed(&fix, 0, 0);
	git_oid_tostr(f2, sizeof(f2), &f2id);
	line = fg_strdupf("    git checkout dev/0.16.x && git cherry-pick -x %s\n", f2);
	ck_assert_msg(strstr(text, line), "%s", text);
	free(line);
	free(text);
	fg_hotfix_release(&fix);
	fg_test_repo_release(&s.r);
}
END_TEST

/* A remote-tracking branch lacking what the local one has: push it. */
START_TEST(test_remote_tracking)
{
	struct story s;
	struct fg_hotfix fix;
	char *why = NULL, *text;

	fg_story_init(&s);
	fg_story_set_ref(&s.r, "refs/remotes/origin/main", &s.c1);
	fg_story_set_ref(&s.r, "refs/remotes/origin/release/0.16.x", &s.on_release);
	ck_assert_int_eq(fg_hotfix_status(&fix, s.r.repo, fg_test_config(), "hotfix/x",
					  FG_HOTFIX_OLDER, &why), 0);
	ck_assert_uint_eq(fix.nrows, 6);
	ck_assert_str_eq(fix.rows[1].name, "origin/main"); /* after main, before dev */
	ck_assert_str_eq(fix.rows[1].remote, "origin");
	ck_assert_str_eq(fix.rows[1].branch, "main");
	ck_assert_int_eq(fix.rows[1].state, FG_HOTFIX_MISSING);
	ck_assert_int_eq(fg_story_row(&fix, "origin/release/0.16.x")->state, FG_HOTFIX_PICKED);
	text = fg_story_printed(&fix, 0, 0);
	ck_assert_msg(strstr(text, "3 of 6 branches lack the fix; to apply it:\n"
				   "    git push origin main\n"), "%s", text);
	free(text);
	fg_hotfix_release(&fix);
	fg_test_repo_release(&s.r);
}
END_TEST

START_TEST(test_errors_and_commit_mode)
{
	struct story s;
	struct fg_hotfix fix;
	char *why = NULL;

	fg_story_init(&s);
	ck_assert_int_eq(fg_hotfix_status(&fix, s.r.repo, fg_test_config(), "no-such-thing",
					  FG_HOTFIX_OLDER, &why), -2);
	ck_assert_ptr_nonnull(strstr(why, "'no-such-thing' names no commit"));
	free(why);
	fg_hotfix_release(&fix);
	/* a hotfix branch just made from the release tag has no commit of its own */
	fg_story_set_ref(&s.r, "refs/heads/hotfix/fresh", &s.c1);
	ck_assert_int_eq(fg_hotfix_status(&fix, s.r.repo, fg_test_config(), "hotfix/fresh",
					  FG_HOTFIX_OLDER, &why), -2);
	ck_assert_ptr_nonnull(strstr(why, "has no commit of its own"));
	free(why);
	fg_hotfix_release(&fix);
	/* made where a long-lived branch is and not moved since: nothing of its own */
	fg_story_set_ref(&s.r, "refs/heads/hotfix/at-main", &s.on_main);
	ck_assert_int_eq(fg_hotfix_status(&fix, s.r.repo, fg_test_config(), "hotfix/at-main",
					  FG_HOTFIX_OLDER, &why),
			 -2);
	ck_assert_ptr_nonnull(strstr(why, "has no commit of its own"));
	free(why);
	fg_hotfix_release(&fix);
	/* made at the tip of a hotfix fetched from a remote: its commits are the fix */
	fg_story_set_ref(&s.r, "refs/remotes/origin/hotfix/x", &s.fix);
	fg_story_set_ref(&s.r, "refs/heads/hotfix/copy", &s.fix);
	ck_assert_int_eq(fg_hotfix_status(&fix, s.r.repo, fg_test_config(), "hotfix/copy",
					  FG_HOTFIX_OLDER, &why), 0);
	ck_assert_uint_eq(fix.nfix, 1);
	ck_assert(git_oid_equal(&fix.fix[0], &s.fix));
	fg_hotfix_release(&fix);
	/* one commit, named by a revision */
	ck_assert_int_eq(fg_hotfix_status(&fix, s.r.repo, fg_test_config(), "release/0.16.x",
					  FG_HOTFIX_OLDER, &why), 0);
	ck_assert_int_eq(fix.is_branch, 0);
	ck_assert(git_oid_equal(&fix.fix[0], &s.on_release));
	ck_assert_int_eq(fg_story_row(&fix, "release/0.16.x")->state, FG_HOTFIX_MERGED);
	fg_hotfix_release(&fix);
	/* without an argument on main: not HEAD, but an error that says so (issue 20, item 15) */
	ck_assert_int_eq(fg_hotfix_status(&fix, s.r.repo, fg_test_config(), NULL, 0, &why), -2);
	ck_assert_str_eq(why, "HEAD is on main, not a hotfix branch; name the fix: flowgate "
			      "hotfix-status hotfix/<name> (or a commit)");
	free(why);
	fg_hotfix_release(&fix);
	ck_assert_int_eq(git_repository_set_head_detached(s.r.repo, &s.on_main), 0);
	ck_assert_int_eq(fg_hotfix_status(&fix, s.r.repo, fg_test_config(), NULL, 0, &why), -2);
	ck_assert_str_eq(why, "HEAD is detached, not a hotfix branch; name the fix: flowgate "
			      "hotfix-status hotfix/<name> (or a commit)");
	free(why);
	fg_hotfix_release(&fix);
	/* without an argument on the hotfix branch: the branch */
	fg_story_on_branch(&s.r, "hotfix/x", &s.fix);
	ck_assert_int_eq(fg_hotfix_status(&fix, s.r.repo, fg_test_config(), NULL, FG_HOTFIX_OLDER,
					  &why), 0);
	ck_assert_str_eq(fix.name, "hotfix/x");
	ck_assert_int_eq(fix.is_branch, 1);
	fg_hotfix_release(&fix);
	fg_test_repo_release(&s.r);
}
END_TEST

/*
 * The series the fix affects (issue 20, item 15): hotfix/x starts at
 * v0.16.0, so main, the 0.16 branches and newer ones are listed; the older
 * dev/0.15.x, release/0.15.x and maint/0.15.x are not (FG_HOTFIX_OLDER
 * lists them), unless a maint branch contains the base. Without a release
 * tag at the base, its version files give the series.
 */
START_TEST(test_affected_series)
{
	struct story s;
	struct fg_hotfix fix;
	char *why = NULL, *text;
	git_oid newer, at_base;

	fg_story_init(&s);
	fg_story_set_ref(&s.r, "refs/heads/dev/0.15.x", &s.c0);
	fg_story_set_ref(&s.r, "refs/heads/release/0.15.x", &s.c0);
	fg_story_set_ref(&s.r, "refs/remotes/origin/dev/0.15.x", &s.c0);
	fg_story_on_branch(&s.r, "dev/0.17.x", &s.on_main);
	fg_story_commit_file(&s.r, "n.txt", "newer\n", "feat: newer\n", &newer);
	fg_story_on_branch(&s.r, "main", &s.on_main);
	ck_assert_int_eq(fg_hotfix_status(&fix, s.r.repo, fg_test_config(), "hotfix/x", 0, &why), 0);
	ck_assert_int_eq(fix.base_known, 1);
	ck_assert(fix.base_major == 0 && fix.base_minor == 16);
	ck_assert_uint_eq(fix.nrows, 4);
	fg_story_row(&fix, "main");
	fg_story_row(&fix, "dev/0.17.x");
	fg_story_row(&fix, "dev/0.16.x");
	fg_story_row(&fix, "release/0.16.x");
	ck_assert_uint_eq(fix.hidden, 4);
	ck_assert_uint_eq(fix.lacking, 1); /* dev/0.16.x (dev/0.17.x has main's pick) */
	text = fg_story_printed(&fix, 0, 0);
	ck_assert_msg(strstr(text, "\n4 branches of series older than 0.16, the fix's base, not "
				   "listed (--older lists them)\n"), "%s", text);
	ck_assert_ptr_null(strstr(text, "0.15.x"));
	free(text);
	text = fg_story_printed(&fix, 1, 0);
	ck_assert_msg(strstr(text, "],\"base\":\"0.16\",\"hidden\":4,\"lacking\":1,\"total\":4}\n"),
		      "%s", text);
	free(text);
	fg_hotfix_release(&fix);
	/* --older: every long-lived branch, as before */
	ck_assert_int_eq(fg_hotfix_status(&fix, s.r.repo, fg_test_config(), "hotfix/x",
					  FG_HOTFIX_OLDER, &why), 0);
	ck_assert_uint_eq(fix.nrows, 8);
	ck_assert_uint_eq(fix.hidden, 0);
	fg_story_row(&fix, "origin/dev/0.15.x");
	fg_hotfix_release(&fix);
	/* an older maint branch that contains the base: listed */
	fg_story_on_branch(&s.r, "maint/0.15.x", &s.c1);
	fg_story_commit_file(&s.r, "m2.txt", "maint\n", "fix: maint after the base\n", &at_base);
	fg_story_on_branch(&s.r, "main", &s.on_main);
	ck_assert_int_eq(fg_hotfix_status(&fix, s.r.repo, fg_test_config(), "hotfix/x", 0, &why), 0);
	ck_assert_int_eq(fg_story_row(&fix, "maint/0.15.x")->state, FG_HOTFIX_MISSING);
	ck_assert_uint_eq(fix.hidden, 3);
	fg_hotfix_release(&fix);
	/* no release tag at the base (release/0.16.x's tip): its version files say the series */
	fg_story_on_branch(&s.r, "hotfix/z", &s.c1);
	fg_story_commit_file(&s.r, "half_orm/version.txt", "0.16.0\n", "chore: prepare release 0.16.0\n",
		    &at_base);
	fg_story_set_ref(&s.r, "refs/heads/release/0.16.x", &at_base);
	fg_story_commit_file(&s.r, "z.txt", "z\n", "fix: z\n", NULL);
	ck_assert_int_eq(fg_hotfix_status(&fix, s.r.repo, fg_test_config(), "hotfix/z", 0, &why), 0);
	ck_assert_int_eq(fix.base_known, 1);
	ck_assert(fix.base_major == 0 && fix.base_minor == 16);
	ck_assert_uint_eq(fix.nfix, 1);
	ck_assert_uint_gt(fix.hidden, 0);
	fg_hotfix_release(&fix);
	fg_test_repo_release(&s.r);
}
END_TEST

Suite *hotfix_suite(void)
{
	Suite *s = suite_create("hotfix");
	TCase *tc = tcase_create("status");

	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_story_states);
	tcase_add_test(tc, test_other_change_and_merge);
	tcase_add_test(tc, test_partial);
	tcase_add_test(tc, test_remote_tracking);
	tcase_add_test(tc, test_errors_and_commit_mode);
	tcase_add_test(tc, test_affected_series);
	suite_add_tcase(s, tc);
	return s;
}

/*
 * Unit tests for hotfixprint.c: the table of flowgate hotfix-status, its
 * JSON document and post-merge's brief lines, printed from the status of
 * the hotfix story (hotfix_story.h); names and headers shown escaped, the
 * words of the commands to paste shell-quoted.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check_flowgate.h"
#include "hotfix.h"
#include "hotfix_story.h"

START_TEST(test_story_table)
{
	struct story s;
	struct fg_hotfix fix;
	char *why = NULL, *text, *expected, f[13], m[13], r[13];

	fg_story_init(&s);
	ck_assert_int_eq(fg_hotfix_status(&fix, s.r.repo, fg_test_config(), "hotfix/x",
					  FG_HOTFIX_OLDER, &why), 0);
	git_oid_tostr(f, sizeof(f), &s.fix);
	git_oid_tostr(m, sizeof(m), &s.on_main);
	git_oid_tostr(r, sizeof(r), &s.on_release);
	text = fg_story_printed(&fix, 0, 0);
	expected = fg_strdupf(
		"hotfix/x: 1 commit\n"
		"    %s fix: close the pool\n"
		"BRANCH          STATUS   COMMITS       TAG\n"
		"main            picked   %s  -\n"
		"dev/0.16.x      missing  -             -\n"
		"release/0.16.x  picked   %s  v0.16.1\n"
		"maint/0.15.x    missing  -             -\n"
		"2 of 4 branches lack the fix; to apply it:\n"
		"    git checkout dev/0.16.x && git cherry-pick -x %s\n"
		"    git checkout maint/0.15.x && git cherry-pick -x %s\n",
		f, m, r, f, f);
	ck_assert_str_eq(text, expected);
	free(text);
	free(expected);
	/* the brief lines of post-merge: the rows lacking it, then the commands */
	text = fg_story_printed(&fix, 2, 8);
	expected = fg_strdupf("dev/0.16.x    missing\nmaint/0.15.x  missing\n"
			      "git checkout dev/0.16.x && git cherry-pick -x %s\n"
			      "git checkout maint/0.15.x && git cherry-pick -x %s\n", f, f);
	ck_assert_str_eq(text, expected);
	free(text);
	free(expected);
	fg_hotfix_release(&fix);
	fg_test_repo_release(&s.r);
}
END_TEST

START_TEST(test_story_json)
{
	struct story s;
	struct fg_hotfix fix;
	char *why = NULL, *text, *frag, f[GIT_OID_HEXSZ + 1], r[GIT_OID_HEXSZ + 1];

	fg_story_init(&s);
	ck_assert_int_eq(fg_hotfix_status(&fix, s.r.repo, fg_test_config(), "hotfix/x",
					  FG_HOTFIX_OLDER, &why), 0);
	git_oid_tostr(f, sizeof(f), &s.fix);
	git_oid_tostr(r, sizeof(r), &s.on_release);
	text = fg_story_printed(&fix, 1, 0);
	frag = fg_strdupf("{\"fix\":{\"name\":\"hotfix/x\",\"branch\":true,\"commits\":[{\"id\":\"%s\","
			  "\"header\":\"fix: close the pool\"}]},\"branches\":[", f);
	ck_assert_msg(!strncmp(text, frag, strlen(frag)), "%s", text);
	free(frag);
	frag = fg_strdupf("{\"name\":\"release/0.16.x\",\"remote\":null,\"kind\":\"release\","
			  "\"status\":\"picked\",\"carriers\":[\"%s\"],\"tag\":\"v0.16.1\"}", r);
	ck_assert_msg(strstr(text, frag), "%s", text);
	free(frag);
	ck_assert_ptr_nonnull(strstr(text, "{\"name\":\"dev/0.16.x\",\"remote\":null,\"kind\":\"dev\","
					 "\"status\":\"missing\",\"carriers\":[null],\"tag\":null}"));
	ck_assert_ptr_nonnull(strstr(text, "],\"base\":\"0.16\",\"hidden\":0,\"lacking\":2,"
					 "\"total\":4}\n"));
	free(text);
	fg_hotfix_release(&fix);
	fg_test_repo_release(&s.r);
}
END_TEST

/*
 * Names and headers are shown escaped, and the commands to paste quote a
 * remote whose name is shell syntax: a remote named o'$(>x)' (valid in a
 * refname), a header with OSC and U+202E.
 */
START_TEST(test_hostile_names)
{
	struct story s;
	struct fg_hotfix fix;
	char *why = NULL, *text;
	git_oid fix2;

	fg_story_init(&s);
	fg_story_set_ref(&s.r, "refs/remotes/o'$(>x)'/main", &s.c1);
	fg_story_on_branch(&s.r, "hotfix/x", &s.fix);
	fg_story_commit_file(&s.r, "z.txt", "z\n", "fix: \033]0;t\007 also \xe2\x80\xae" "this\n", &fix2);
	ck_assert_int_eq(fg_hotfix_status(&fix, s.r.repo, fg_test_config(), "hotfix/x",
					  FG_HOTFIX_OLDER, &why), 0);
	text = fg_story_printed(&fix, 0, 0);
	ck_assert_msg(!strchr(text, '\033') && !strchr(text, '\007'), "%s", text);
	ck_assert_msg(!strstr(text, "\xe2\x80\xae"), "%s", text);
	/* (the header's C0 controls were blanked when read) */
	ck_assert_msg(strstr(text, " fix:  ]0;t  also \\u202Ethis\n"), "%s", text);
	ck_assert_msg(strstr(text, "\no'$(>x)'/main  "), "%s", text);
	ck_assert_msg(strstr(text, "git push 'o'\\''$(>x)'\\''' main\n"), "%s", text);
	free(text);
	text = fg_story_printed(&fix, 2, 8);
	ck_assert_msg(strstr(text, "git push 'o'\\''$(>x)'\\''' main\n"), "%s", text);
	free(text);
	fg_hotfix_release(&fix);
	fg_test_repo_release(&s.r);
}
END_TEST

/* The brief never passes its line budget, and says what it left out. */
START_TEST(test_brief_budget)
{
	struct story s;
	struct fg_hotfix fix;
	char *why = NULL, *text, name[64];
	size_t lines = 0;

	fg_story_init(&s);
	for (int k = 1; k <= 12; k++) {
		snprintf(name, sizeof(name), "refs/heads/maint/0.%d.x", k);
		fg_story_set_ref(&s.r, name, &s.c0);
	}
	ck_assert_int_eq(fg_hotfix_status(&fix, s.r.repo, fg_test_config(), "hotfix/x",
					  FG_HOTFIX_OLDER, &why), 0);
	ck_assert_uint_eq(fix.lacking, 14);
	text = fg_story_printed(&fix, 2, 7);
	for (const char *p = text; *p; p++)
		lines += *p == '\n';
	ck_assert_uint_le(lines, 7);
	ck_assert_msg(strstr(text, "... and "), "%s", text);
	ck_assert_msg(strstr(text, " more commands\n"), "%s", text);
	free(text);
	fg_hotfix_release(&fix);
	fg_test_repo_release(&s.r);
}
END_TEST

Suite *hotfixprint_suite(void)
{
	Suite *s = suite_create("hotfixprint");
	TCase *tc = tcase_create("print");

	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_story_table);
	tcase_add_test(tc, test_story_json);
	tcase_add_test(tc, test_hostile_names);
	tcase_add_test(tc, test_brief_budget);
	suite_add_tcase(s, tc);
	return s;
}

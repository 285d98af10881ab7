/*
 * Tests of gitform.c: the forms of git's own messages told by their text
 * (a merge, git revert's message and its "This reverts commit <oid>."
 * line, git merge --squash's message, the autosquash prefixes).
 */
#include <string.h>
#include "check_flowgate.h"
#include "gitform.h"

#define OID40 "0123456789abcdef0123456789abcdef01234567"
#define OID64 OID40 "0123456789abcdef01234567"

/* The forms of git's own messages, by their text (fg_message_git_form). */
static const struct {
	const char *message;
	enum fg_git_form form;
	const char *target; /* FG_FORM_AUTOSQUASH: the header judged */
} form_cases[] = {
	{ "Merge branch 'x'", FG_FORM_MERGE, NULL },
	{ "Merge branch 'release/0.16.x' into main\n\nbody\n", FG_FORM_MERGE, NULL },
	{ "Merge remote-tracking branch 'origin/main'", FG_FORM_MERGE, NULL },
	{ "Merge pull request #1 from a/b", FG_FORM_MERGE, NULL },
	{ "Merge whatever I like", FG_FORM_MERGE, NULL }, /* the form: a merge only if it is one */
	{ "Revert \"feat: x\"\n\nThis reverts commit " OID40 ".\n", FG_FORM_REVERT, NULL },
	{ "Revert \"feat: x\"\n\nThis reverts commit " OID64 ".\n", FG_FORM_REVERT, NULL },
	{ "Revert \"Merge branch 'x'\"\n\nThis reverts commit " OID40 ", reversing\n"
	  "changes made to " OID40 ".\n", FG_FORM_REVERT, NULL },
	{ "Revert \"Revert \"feat: x\"\"\n\nThis reverts commit " OID40 ".\n", FG_FORM_REVERT, NULL },
	{ "Reapply \"feat: x\"\n\nWhy.\n\nThis reverts commit " OID40 ".\nSigned-off-by: A <a@b>\n",
	  FG_FORM_REVERT, NULL },
	{ "Revert \"feat: x\"", FG_FORM_NONE, NULL },
	{ "Revert \"feat: x\"\n\nThis reverts commit 1a2b3c4.\n", FG_FORM_NONE, NULL },
	{ "Revert \"feat: x\"\n\nThis reverts commit " OID40 "\n", FG_FORM_NONE, NULL },
	{ "Revert \"feat: x\"\n\nThis reverts commit " OID40 ". Because.\n", FG_FORM_NONE, NULL },
	{ "Revert \"feat: x\n\nThis reverts commit " OID40 ".\n", FG_FORM_NONE, NULL },
	{ "Revert feat: x\n\nThis reverts commit " OID40 ".\n", FG_FORM_NONE, NULL },
	{ "Squashed commit of the following:\n\ncommit " OID40 "\nAuthor: A <a@b>\n",
	  FG_FORM_SQUASHED, NULL },
	{ "Squashed commit of the following:\n\nI edited this.\n", FG_FORM_NONE, NULL },
	{ "Squashed commit of the following:", FG_FORM_NONE, NULL },
	{ "fixup! feat: x", FG_FORM_AUTOSQUASH, "feat: x" },
	{ "squash! fix(core): y\n\nMore.\n", FG_FORM_AUTOSQUASH, "fix(core): y" },
	{ "amend! feat: x\n\nfeat: better x\n", FG_FORM_AUTOSQUASH, "feat: x" },
	{ "squash! fixup! feat: x", FG_FORM_AUTOSQUASH, "feat: x" },
	{ "fixup! whatever", FG_FORM_AUTOSQUASH, "whatever" },
	{ "fixup! Revert \"feat: x\"", FG_FORM_AUTOSQUASH, "feat: x" },
	{ "fixup! Revert \"Reapply \"feat: x\"\"", FG_FORM_AUTOSQUASH, "feat: x" },
	{ "Merged stuff", FG_FORM_NONE, NULL },
	{ "Merge", FG_FORM_NONE, NULL },
	{ "merge branch 'x'", FG_FORM_NONE, NULL },
	{ "revert: x", FG_FORM_NONE, NULL },
	{ "fixup!x", FG_FORM_NONE, NULL },
	{ "fixup: x", FG_FORM_NONE, NULL },
	{ "feat: fixup! x", FG_FORM_NONE, NULL },
	{ "feat: x", FG_FORM_NONE, NULL },
	{ "", FG_FORM_NONE, NULL },
};

START_TEST(test_message_git_form)
{
	const char *m = form_cases[_i].message;
	size_t target = 99, target_len = 99;
	enum fg_git_form form = fg_message_git_form(m, strlen(m), &target, &target_len);

	ck_assert_msg(form == form_cases[_i].form, "'%s': form %d, want %d", m, (int)form,
		      (int)form_cases[_i].form);
	if (form == FG_FORM_AUTOSQUASH)
		ck_assert_msg(target_len == strlen(form_cases[_i].target) &&
			      !memcmp(m + target, form_cases[_i].target, target_len),
			      "'%s': target '%.*s'", m, (int)target_len, m + target);
}
END_TEST

START_TEST(test_git_form_helpers)
{
	ck_assert(fg_git_form_merge("Merge x", 7));
	ck_assert(!fg_git_form_merge("Merge", 5));
	ck_assert(!fg_git_form_merge("Merged x", 8));
	ck_assert_uint_eq(fg_git_form_revert_quote("Revert \"x\"", 10), 8);
	ck_assert_uint_eq(fg_git_form_revert_quote("Reapply \"x\"", 11), 9);
	ck_assert_uint_eq(fg_git_form_revert_quote("Revert \"x", 9), 0);
	ck_assert_uint_eq(fg_git_form_revert_quote("Revert \"", 8), 0);
	ck_assert_uint_eq(fg_git_form_revert_quote("revert \"x\"", 10), 0);
}
END_TEST

Suite *gitform_suite(void)
{
	Suite *s = suite_create("gitform");
	TCase *tc = tcase_create("gitform");

	tcase_add_loop_test(tc, test_message_git_form, 0, (int)FG_COUNT(form_cases));
	tcase_add_test(tc, test_git_form_helpers);
	suite_add_tcase(s, tc);
	return s;
}

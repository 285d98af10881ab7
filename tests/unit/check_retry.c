/*
 * Tests of retry.c: the commands commit-msg prints after a refusal (the
 * message reopened, the failed rules skipped), for git's own files, a file
 * named by hand, a reword in git rebase -i, and what is left out.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check_flowgate.h"
#include "retry.h"

#define EDITMSG "\"$(git rev-parse --git-path COMMIT_EDITMSG)\""

static const struct {
	const char *name;
	const char *path;
	const char *reflog_action;
	int rules[3];        /* the report's errors' rules, -1 ended */
	const char *want;    /* the whole output */
} retry_cases[] = {
	{ "git's COMMIT_EDITMSG, one rule", ".git/COMMIT_EDITMSG", NULL,
	  { FG_RULE_HEADER_FORMAT, -1 },
	  "hint: git keeps the message until the next commit; edit it again: git commit -e -v -F "
	  EDITMSG "\n"
	  "hint: or skip only headerFormat for it: FLOWGATE_SKIP=headerFormat git commit -e -v -F "
	  EDITMSG "\n"
	  "hint: amending a commit? add --amend\n" },
	{ "a linked worktree's, two rules and one twice", "/r/.git/worktrees/w/COMMIT_EDITMSG", NULL,
	  { FG_RULE_TYPE_ENUM, FG_RULE_FOOTER_FORMAT, FG_RULE_TYPE_ENUM },
	  "hint: git keeps the message until the next commit; edit it again: git commit -e -v -F "
	  EDITMSG "\n"
	  "hint: or skip only typeEnum,footerFormat for it: FLOWGATE_SKIP=typeEnum,footerFormat git "
	  "commit -e -v -F " EDITMSG "\n"
	  "hint: amending a commit? add --amend\n" },
	{ "git merge's MERGE_MSG", ".git/MERGE_MSG", NULL, { FG_RULE_HEADER_FORMAT, -1 },
	  "hint: git keeps the message until the next commit; edit it again: git commit -e -v -F "
	  "\"$(git rev-parse --git-path MERGE_MSG)\"\n"
	  "hint: or skip only headerFormat for it: FLOWGATE_SKIP=headerFormat git commit -e -v -F "
	  "\"$(git rev-parse --git-path MERGE_MSG)\"\n"
	  "hint: amending a commit? add --amend\n" },
	{ "a reword in git rebase -i", ".git/COMMIT_EDITMSG", "rebase (reword)",
	  { FG_RULE_HEADER_FORMAT, -1 },
	  "hint: git keeps the message until the next commit; edit it again: git commit --amend -e -v "
	  "-F " EDITMSG " && git rebase --continue\n"
	  "hint: or skip only headerFormat for it: FLOWGATE_SKIP=headerFormat git commit --amend -e -v "
	  "-F " EDITMSG " && git rebase --continue\n" },
	{ "a file named by hand", "/tmp/my msg", "commit", { FG_RULE_HEADER_FORMAT, -1 },
	  "hint: git keeps the message until the next commit; edit it again: git commit -e -v -F "
	  "'/tmp/my msg'\n"
	  "hint: or skip only headerFormat for it: FLOWGATE_SKIP=headerFormat git commit -e -v -F "
	  "'/tmp/my msg'\n"
	  "hint: amending a commit? add --amend\n" },
	{ "no error (out of memory): no skip line", ".git/COMMIT_EDITMSG", NULL, { -1 },
	  "hint: git keeps the message until the next commit; edit it again: git commit -e -v -F "
	  EDITMSG "\n"
	  "hint: amending a commit? add --amend\n" },
	{ "a path no shell word carries", "x\n", NULL, { FG_RULE_HEADER_FORMAT, -1 }, "" },
	{ "no path", NULL, NULL, { FG_RULE_HEADER_FORMAT, -1 }, "" },
};

START_TEST(test_retry_print)
{
	struct fg_report report;
	char *text = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&text, &size);

	ck_assert_ptr_nonnull(out);
	fg_report_init(&report);
	for (int i = 0; i < 3 && retry_cases[_i].rules[i] >= 0; i++)
		fg_report_add(&report, (enum fg_rule)retry_cases[_i].rules[i], "x");
	/* a warning is never named: only what refused the message */
	fg_report_add(&report, FG_RULE_BODY_LEADING_BLANK, "w");
	fg_retry_print(out, &report, retry_cases[_i].path, retry_cases[_i].reflog_action);
	fclose(out);
	fg_report_release(&report);
	ck_assert_msg(!strcmp(text, retry_cases[_i].want), "%s:\n%s", retry_cases[_i].name, text);
	free(text);
}
END_TEST

Suite *retry_suite(void)
{
	Suite *s = suite_create("retry");
	TCase *tc = tcase_create("retry");

	tcase_add_loop_test(tc, test_retry_print, 0, (int)FG_COUNT(retry_cases));
	suite_add_tcase(s, tc);
	return s;
}

/*
 * Tests of message.c: fg_check_message over every rule (one table), git's
 * generated messages (merges, reverts, squashes, autosquash), where each
 * rule points, messageEncoding, the reword hint of a commit already made,
 * and linear time on long messages. The header rules are
 * check_msgheader.c's, the body and footer rules check_msgbody.c's.
 */
#include <stdlib.h>
#include <string.h>
#include "check_flowgate.h"
#include "message.h"

#define OID40 "0123456789abcdef0123456789abcdef01234567"
#define NO_RULE (-1)

static const struct {
	const char *name;
	const char *message;
	int rule;     /* the one rule refused, or NO_RULE */
	size_t count; /* violations in all */
} check_cases[] = {
	{ "feat", "feat: x", NO_RULE, 0 },
	{ "scope", "fix(core): y", NO_RULE, 0 },
	{ "breaking", "feat!: z", NO_RULE, 0 },
	{ "breaking with scope", "feat(api)!: z", NO_RULE, 0 },
	{ "release", "release: 0.16.0", NO_RULE, 0 },
	{ "hotfix", "hotfix: a", NO_RULE, 0 },
	{ "maintenance", "maintenance: b", NO_RULE, 0 },
	{ "every workflow type", NULL, NO_RULE, 0 },
	{ "header only with newline", "docs: update the guide\n", NO_RULE, 0 },
	{ "body and footers",
	  "feat(api)!: drop the v1 endpoints\n\nThe v1 endpoints were deprecated in 0.15.\n\n"
	  "BREAKING CHANGE: v1 is gone\nRefs: #42\nSigned-off-by: A <a@example.com>\n", NO_RULE, 0 },
	{ "body is not checked", "fix: y\n\nwip: not a header\nupdate stuff\n", NO_RULE, 0 },
	{ "empty message", "", NO_RULE, 0 },
	{ "merge message, not known to be a merge (look-alike)",
	  "Merge branch 'feature/x' into dev/0.16.x\n", FG_RULE_HEADER_FORMAT, 1 },
	{ "merge pull request, not known to be a merge",
	  "Merge pull request #1 from a/b\n\nfeat: x\n", FG_RULE_HEADER_FORMAT, 1 },
	{ "revert in git's form", "Revert \"feat: x\"\n\nThis reverts commit " OID40 ".\n", NO_RULE, 0 },
	{ "revert in git's form, long and with a full stop",
	  "Revert \"feat: a header of seventy characters that git wraps in its revert.\"\n\n"
	  "This reverts commit " OID40 ".\n", NO_RULE, 0 },
	{ "revert in git's form: the body rules apply",
	  "Revert \"feat: x\"\n\nThis reverts commit " OID40 ".\n\nRefs:\n", FG_RULE_FOOTER_FORMAT, 1 },
	{ "revert without git's line (look-alike)", "Revert \"feat: x\"\n\nThis reverts commit 1a2b3c4.\n",
	  FG_RULE_HEADER_FORMAT, 1 },
	{ "squash message, unedited",
	  "Squashed commit of the following:\n\ncommit " OID40 "\nAuthor: A <a@b>\n\n    wip: x\n",
	  NO_RULE, 0 },
	{ "fixup", "fixup! feat: x", NO_RULE, 0 },
	{ "fixup of a fixup", "fixup! fixup! feat: x", NO_RULE, 0 },
	{ "fixup of a revert", "fixup! Revert \"feat: x\"", NO_RULE, 0 },
	{ "fixup! of anything (look-alike)", "fixup! whatever I like", FG_RULE_HEADER_FORMAT, 1 },
	{ "squash! of a bad type", "squash! wip: x\n\nMore.\n", FG_RULE_TYPE_ENUM, 1 },
	{ "amend! with a bad body footer", "amend! feat: x\n\nfeat: x\n\nRefs:\n", FG_RULE_FOOTER_FORMAT, 1 },
	{ "fixup! of a header of 70 characters (77 with the prefix)",
	  "fixup! feat: a header of seventy characters that stays within the limit ok", NO_RULE, 0 },
	{ "lowercase revert type", "revert: x", NO_RULE, 0 },
	{ "no type", "update stuff", FG_RULE_HEADER_FORMAT, 1 },
	{ "no space after the colon", "feat:x", FG_RULE_HEADER_FORMAT, 1 },
	{ "capitalised type", "Feat: x", FG_RULE_TYPE_CASE, 1 },
	{ "capitalised unknown type: typeEnum only", "Wip: x", FG_RULE_TYPE_ENUM, 1 },
	{ "capitalised known type: typeCase only", "Feat: x", FG_RULE_TYPE_CASE, 1 },
	{ "unknown type", "wip: x", FG_RULE_TYPE_ENUM, 1 },
	{ "bugfix is not a type", "bugfix(core): y", FG_RULE_TYPE_ENUM, 1 },
	{ "Merged is not git's", "Merged stuff", FG_RULE_HEADER_FORMAT, 1 },
	{ "empty subject (spaces, as given to the rule)", "feat:  ", FG_RULE_SUBJECT_EMPTY, 1 },
	{ "empty subject (tab)", "fix(x): \t", FG_RULE_SUBJECT_EMPTY, 1 },
	{ "invalid UTF-8 header", "feat: caf\xe9", FG_RULE_MESSAGE_ENCODING, 1 },
	{ "invalid UTF-8 only in the body", "feat: x\n\ncaf\xe9\n", FG_RULE_MESSAGE_ENCODING, 1 },
};

START_TEST(test_check_message)
{
	struct fg_report report;
	size_t added;

	fg_report_init(&report);
	if (!check_cases[_i].message) {
		const struct fg_config *cfg = fg_test_config();

		ck_assert_uint_eq(cfg->ntypes, 14);
		for (size_t i = 0; i < cfg->ntypes; i++) {
			char *m = fg_strdupf("%s: x", cfg->types[i]);
			ck_assert_uint_eq(fg_check_message(&report, fg_test_config(), m, NULL, NULL), 0);
			free(m);
		}
		ck_assert_uint_eq(report.n, 0);
		fg_report_release(&report);
		return;
	}
	added = fg_check_message(&report, fg_test_config(), check_cases[_i].message, NULL, NULL);
	ck_assert_uint_eq(added, report.n);
	ck_assert_msg(report.n == check_cases[_i].count, "%s: %zu violations (first: %s)",
		      check_cases[_i].name, report.n,
		      report.n ? fg_rule_info(report.items[0].rule)->name : "none");
	if (check_cases[_i].rule != NO_RULE) {
		ck_assert_msg(report.items[0].rule == (enum fg_rule)check_cases[_i].rule,
			      "%s: rule %s, want %s", check_cases[_i].name,
			      fg_rule_info(report.items[0].rule)->name,
			      fg_rule_info((enum fg_rule)check_cases[_i].rule)->name);
		ck_assert_ptr_nonnull(report.items[0].hint);
	}
	fg_report_release(&report);
}
END_TEST

START_TEST(test_check_message_texts)
{
	struct fg_report report;

	fg_report_init(&report);
	fg_check_message(&report, fg_test_config(), "wip: x", "commit 1a2b3c4", NULL);
	fg_check_message(&report, fg_test_config(), "Feat: x", NULL, NULL);
	fg_check_message(&report, fg_test_config(), "feat:x", NULL, NULL);
	fg_check_message(&report, fg_test_config(), "update stuff", NULL, NULL);
	fg_check_message(&report, fg_test_config(), "feat: caf\xe9", NULL, NULL);
	ck_assert_uint_eq(report.n, 5);
	ck_assert_str_eq(report.items[0].message, "commit 1a2b3c4: line 1, column 1: type 'wip' is not a workflow type");
	ck_assert_ptr_nonnull(strstr(report.items[0].hint, "feat fix docs"));
	ck_assert_str_eq(report.items[1].message, "line 1, column 1: type 'Feat' is not lowercase");
	ck_assert_str_eq(report.items[1].hint, "write the type in lowercase, e.g. 'feat: x'");
	ck_assert_ptr_nonnull(strstr(report.items[2].hint, "e.g. 'feat: x'"));
	ck_assert_str_eq(report.items[2].message, "line 1, column 6: header 'feat:x' has no space after the colon");
	ck_assert_str_eq(report.items[3].message, "line 1, column 1: header 'update stuff' is not 'type(scope)!: subject'");
	ck_assert_ptr_nonnull(strstr(report.items[3].hint, "'fix: update stuff'"));
	ck_assert_str_eq(report.items[4].message, "line 1, column 10: byte 0xe9 is not valid UTF-8");
	ck_assert_int_eq(report.items[4].rule, FG_RULE_MESSAGE_ENCODING);
	fg_report_release(&report);
}
END_TEST

/*
 * Where each message rule points: line, column (code points), the excerpt
 * and the caret's column and width under it.
 */
static const struct {
	const char *name, *message;
	int rule;
	size_t line, column;
	const char *excerpt;
	size_t caret_column, caret_width;
} where_cases[] = {
	{ "typeEnum underlines the type", "feature: x", FG_RULE_TYPE_ENUM, 1, 1, "feature: x", 1, 7 },
	{ "typeCase underlines the type", "Fix: x", FG_RULE_TYPE_CASE, 1, 1, "Fix: x", 1, 3 },
	{ "subjectEmpty points after the colon", "fix:", FG_RULE_SUBJECT_EMPTY, 1, 5, "fix:", 5, 1 },
	{ "subjectEmpty points after the space", "fix: ", FG_RULE_SUBJECT_EMPTY, 1, 6, "fix: ", 6, 1 },
	{ "subjectFullStop points at the stop", "fix: \xc3\xa9.", FG_RULE_SUBJECT_FULL_STOP, 1, 7,
	  "fix: \xc3\xa9.", 7, 1 },
	{ "headerFormat: no space after the colon", "fix:x", FG_RULE_HEADER_FORMAT, 1, 5,
	  "fix:x", 5, 1 },
	{ "headerFormat: no type underlines the header", "update stuff", FG_RULE_HEADER_FORMAT,
	  1, 1, "update stuff", 1, 12 },
	{ "headerFormat: a type in brackets", "[release] 0.16.0", FG_RULE_HEADER_FORMAT, 1, 1,
	  "[release] 0.16.0", 1, 9 },
	{ "headerMaxLength underlines the excess",
	  "fix: 123456789012345678901234567890123456789012345678901234567890123456789",
	  FG_RULE_HEADER_MAX_LENGTH, 1, 73,
	  "fix: 123456789012345678901234567890123456789012345678901234567890123456789", 73, 2 },
	{ "bodyLeadingBlank underlines line 2", "fix: x\nbody", FG_RULE_BODY_LEADING_BLANK, 2, 1,
	  "body", 1, 4 },
	{ "footerFormat underlines the token", "fix: x\n\nRefs #", FG_RULE_FOOTER_FORMAT, 3, 1,
	  "Refs #", 1, 4 },
	{ "breakingChangeFormat in the body", "fix: x\n\nSome text.\nbreaking change: y\n\nRefs: 1",
	  FG_RULE_BREAKING_CHANGE_FORMAT, 4, 1, "breaking change: y", 1, 15 },
	{ "messageEncoding at the bad byte", "fix: x\n\nab\xff" "cd", FG_RULE_MESSAGE_ENCODING, 3, 3,
	  "ab?cd", 3, 1 },
	{ "a tab shows as one space", "fix:\tx", FG_RULE_HEADER_FORMAT, 1, 5, "fix: x", 5, 1 },
	{ "blank lines above the header (verbatim): git's subject is below them",
	  "\n \nupdate stuff\n", FG_RULE_HEADER_FORMAT, 3, 1, "update stuff", 1, 12 },
	{ "fixup!: the excerpt is the line as written", "fixup! Fix: x", FG_RULE_TYPE_CASE, 1, 8,
	  "fixup! Fix: x", 8, 3 },
	{ "headerMaxLength on git's subject: a header wrapped onto line 2",
	  "feat: a header wrapped by the editor at seventy-two columns, so that the\n"
	  "subject git shows is longer", FG_RULE_HEADER_MAX_LENGTH, 2, 1,
	  "subject git shows is longer", 1, 27 },
	{ "headerMaxLength: the joining space is the 73rd character",
	  "feat: a header of exactly seventy-two characters, no more, no less, ok!!\nx",
	  FG_RULE_HEADER_MAX_LENGTH, 2, 1, "x", 1, 1 },
	{ "headerFormat: a lone carriage return in the header", "feat: x\rfix: innocent\n",
	  FG_RULE_HEADER_FORMAT, 1, 8, "feat: x fix: innocent", 8, 1 },
	{ "headerFormat: U+202E in the header", "feat: abc\xe2\x80\xae" "def\n\nbody\n",
	  FG_RULE_HEADER_FORMAT, 1, 10, "feat: abc?def", 10, 1 },
	{ "headerFormat: U+2066 on line 2 of the subject", "feat: x\nand \xe2\x81\xa6y\n",
	  FG_RULE_HEADER_FORMAT, 2, 5, "and ?y", 5, 1 },
	{ "a passing message has no location", "fix: x\n\nbody\n\nRefs: 1", NO_RULE, 0, 0, NULL,
	  0, 0 },
};

START_TEST(test_check_message_where)
{
	struct fg_report report;
	const struct fg_violation *v;

	fg_report_init(&report);
	fg_check_message(&report, fg_test_config(), where_cases[_i].message, NULL, NULL);
	if (where_cases[_i].rule == NO_RULE) {
		ck_assert_msg(report.n == 0, "%s: %zu violations", where_cases[_i].name, report.n);
		fg_report_release(&report);
		return;
	}
	ck_assert_msg(report.n >= 1, "%s: no violation", where_cases[_i].name);
	v = fg_report_find(&report, (enum fg_rule)where_cases[_i].rule);
	ck_assert_msg(v != NULL, "%s: no %s", where_cases[_i].name,
		      fg_rule_info((enum fg_rule)where_cases[_i].rule)->name);
	ck_assert_msg(v->line == where_cases[_i].line && v->column == where_cases[_i].column,
		      "%s: at %zu:%zu, want %zu:%zu", where_cases[_i].name, v->line, v->column,
		      where_cases[_i].line, where_cases[_i].column);
	ck_assert_str_eq(v->excerpt, where_cases[_i].excerpt);
	ck_assert_msg(v->caret_column == where_cases[_i].caret_column &&
		      v->caret_width == where_cases[_i].caret_width,
		      "%s: caret %zu+%zu, want %zu+%zu", where_cases[_i].name, v->caret_column,
		      v->caret_width, where_cases[_i].caret_column, where_cases[_i].caret_width);
	fg_report_release(&report);
}
END_TEST

/* A megabyte-long header: the excerpt is cut around the caret, the caret stays in it. */
START_TEST(test_check_message_long_line_excerpt)
{
	size_t n = 1024 * 1024;
	char *m = malloc(n + 1);
	struct fg_report report;
	const struct fg_violation *v;

	ck_assert_ptr_nonnull(m);
	memcpy(m, "fix: ", 5);
	memset(m + 5, 'a', n - 5);
	m[n] = '\0';
	fg_report_init(&report);
	fg_check_message(&report, fg_test_config(), m, NULL, NULL);
	v = fg_report_find(&report, FG_RULE_HEADER_MAX_LENGTH);
	ck_assert_ptr_nonnull(v);
	ck_assert_uint_eq(v->column, 73);
	ck_assert_uint_le(strlen(v->excerpt), 110);
	ck_assert_str_eq(v->excerpt + strlen(v->excerpt) - 3, "...");
	ck_assert(strncmp(v->excerpt, "...", 3) == 0);
	ck_assert_uint_eq(v->caret_column, 34); /* "..." then 30 code points before it */
	ck_assert_uint_le(v->caret_column + v->caret_width, strlen(v->excerpt) + 1);
	fg_report_release(&report);
	free(m);
}
END_TEST

/*
 * Every rule is linear in the message: 100,000 lines in paragraphs, each
 * line a footer look-alike, a breaking-change look-alike and a URL, then a
 * footer block of 10,000 footers, are judged within the test's timeout
 * (a rule quadratic in the lines or the line length would take minutes).
 */
START_TEST(test_check_message_many_lines)
{
	size_t nlines = 100000, nfooters = 10000, len = 0;
	char *m = malloc(nlines * 80 + nfooters * 24 + 64);
	struct fg_report report;

	ck_assert_ptr_nonnull(m);
	len += (size_t)sprintf(m, "feat: a long message\n\n");
	for (size_t i = 0; i < nlines; i++)
		len += (size_t)sprintf(m + len, i % 10 == 9 ? "\n" : i % 3 ? "Word: %06zu "
				       "http://example.com/%zu\n" : "Breaking change: %06zu, %zu\n", i, i);
	len += (size_t)sprintf(m + len, "\n");
	for (size_t i = 0; i < nfooters; i++)
		len += (size_t)sprintf(m + len, "Refs: #%zu\n", i);
	fg_report_init(&report);
	fg_check_message(&report, fg_test_config(), m, NULL, NULL);
	/* prose in the middle paragraphs; the body's last one is judged (3 lines) */
	ck_assert_uint_eq(report.n, 3);
	ck_assert_uint_eq(fg_test_count_rule(&report, FG_RULE_BREAKING_CHANGE_FORMAT), 3);
	fg_report_release(&report);
	free(m);
}
END_TEST

/*
 * A "Merge ..." header passes when the commit is a merge: CTX->merge (two
 * parents, MERGE_HEAD), or, in commit-msg, HEAD's header when HEAD is a
 * merge (git commit --amend of it); never without the context.
 */
START_TEST(test_check_message_merge)
{
	struct fg_message_context merge = { NULL, NULL, NULL, NULL, 1, NULL, NULL, 0, NULL };
	struct fg_message_context plain = { NULL, NULL, NULL, NULL, 0, NULL, NULL, 0, NULL };
	struct fg_message_context amend = { NULL, NULL, NULL, NULL, 0, "Merge branch 'x'", NULL, 0, NULL };
	struct fg_report report;

	fg_report_init(&report);
	ck_assert_uint_eq(fg_check_message(&report, fg_test_config(), "Merge branch 'x'\n\nbody",
					   NULL, &merge), 0);
	ck_assert_uint_eq(fg_check_message(&report, fg_test_config(), "Merge branch 'x'", NULL,
					   &amend), 0);
	ck_assert_uint_eq(fg_check_message(&report, fg_test_config(), "Merge branch 'y'", NULL,
					   &amend), 1);
	ck_assert_uint_eq(fg_check_message(&report, fg_test_config(), "Merge branch 'x'", NULL,
					   &plain), 1);
	ck_assert_uint_eq(fg_check_message(&report, fg_test_config(), "Merge branch 'x'", NULL,
					   NULL), 1);
	for (size_t i = 0; i < report.n; i++)
		ck_assert_int_eq(report.items[i].rule, FG_RULE_HEADER_FORMAT);
	/* a merge with a conventional header is judged as any commit */
	ck_assert_uint_eq(fg_check_message(&report, fg_test_config(), "wip: merge", NULL, &merge), 1);
	fg_report_release(&report);
}
END_TEST

/* i18n.commitEncoding: the message converted by iconv before the rules. */
START_TEST(test_check_message_encoding)
{
	struct fg_message_context latin1 = { NULL, NULL, NULL, "ISO-8859-1", 0, NULL, NULL, 0, NULL };
	struct fg_message_context utf8 = { NULL, NULL, NULL, "utf8", 0, NULL, NULL, 0, NULL };
	struct fg_message_context bogus = { NULL, NULL, NULL, "NO-SUCH-CHARSET-42", 0, NULL, NULL, 0, NULL };
	struct fg_message_context sjis = { NULL, NULL, NULL, "SHIFT_JIS", 0, NULL, NULL, 0, NULL };
	struct fg_report report;
	char *out;
	size_t len;

	fg_report_init(&report);
	/* Latin-1 é is fine under ISO-8859-1, its subject column counts code points */
	ck_assert_uint_eq(fg_check_message(&report, fg_test_config(), "feat: caf\xe9", NULL, &latin1), 0);
	ck_assert_uint_eq(fg_check_message(&report, fg_test_config(), "feat: caf\xe9.", NULL, &latin1), 1);
	ck_assert_str_eq(report.items[0].message, "line 1, column 11: subject ends with a full stop");
	ck_assert_str_eq(report.items[0].excerpt, "feat: café.");
	fg_report_release(&report);
	/* UTF-8 named any way git accepts: no conversion, bad bytes reported */
	ck_assert_uint_eq(fg_check_message(&report, fg_test_config(), "feat: caf\xc3\xa9", NULL, &utf8), 0);
	ck_assert_uint_eq(fg_check_message(&report, fg_test_config(), "feat: caf\xe9", NULL, &utf8), 1);
	ck_assert_int_eq(report.items[0].rule, FG_RULE_MESSAGE_ENCODING);
	fg_report_release(&report);
	/* an unknown encoding; text not valid in the encoding named */
	ck_assert_uint_eq(fg_check_message(&report, fg_test_config(), "feat: x", NULL, &bogus), 1);
	ck_assert_int_eq(report.items[0].rule, FG_RULE_MESSAGE_ENCODING);
	ck_assert_str_eq(report.items[0].message,
			 "the message's encoding 'NO-SUCH-CHARSET-42' is not one this system knows");
	ck_assert_uint_eq(fg_check_message(&report, fg_test_config(), "feat: \x81", NULL, &sjis), 1);
	ck_assert_str_eq(report.items[1].message, "the message is not valid SHIFT_JIS");
	fg_report_release(&report);
	/* the converter itself */
	ck_assert_int_eq(fg_message_to_utf8(&out, &len, "x", 1, NULL), 0);
	ck_assert_ptr_null(out);
	ck_assert_int_eq(fg_message_to_utf8(&out, &len, "x", 1, "UTF-8"), 0);
	ck_assert_int_eq(fg_message_to_utf8(&out, &len, "\xe9t\xe9", 3, "latin1"), 1);
	ck_assert_str_eq(out, "\xc3\xa9t\xc3\xa9");
	ck_assert_uint_eq(len, 5);
	free(out);
	ck_assert_int_eq(fg_message_to_utf8(&out, &len, "x", 1, "NO-SUCH-CHARSET-42"), -1);
	ck_assert_ptr_null(out);
	ck_assert_int_eq(fg_message_to_utf8(&out, &len, "\x81", 1, "SHIFT_JIS"), -2);
	ck_assert_ptr_null(out);
}
END_TEST

/* A commit already made: each hint ends with how to reword it (issue 20, item 17). */
START_TEST(test_check_message_reword_hint)
{
	struct fg_message_context made = { NULL, NULL, NULL, NULL, 0, NULL, "1a2b3c4d5e6f", 0, NULL };
	struct fg_message_context root = { NULL, NULL, NULL, NULL, 0, NULL, "1a2b3c4d5e6f", 1, NULL };
	struct fg_message_context merge = { NULL, NULL, NULL, NULL, 1, NULL, "1a2b3c4d5e6f", 0, NULL };
	struct fg_report report;

	fg_report_init(&report);
	ck_assert_uint_eq(fg_check_message(&report, fg_test_config(), "fix bug", "commit 1a2b3c4d5e6f",
					   &made), 1);
	ck_assert_str_eq(report.items[0].hint, "start with a type and a colon, e.g. 'fix: bug' "
			 "(types: feat fix docs style refactor perf test build ci chore revert release "
			 "hotfix maintenance); the commit is made: reword it with git rebase -i "
			 "1a2b3c4d5e6f^ (pick -> reword on its line), then push again");
	fg_check_message(&report, fg_test_config(), "Feat: x", NULL, &root);
	ck_assert_ptr_nonnull(strstr(report.items[1].hint, "; the commit is made: reword it with "
				     "git rebase -i --root (pick -> reword on the line of "
				     "1a2b3c4d5e6f), then push again"));
	fg_check_message(&report, fg_test_config(), "merged dev", NULL, &merge);
	ck_assert_ptr_nonnull(strstr(report.items[2].hint, "git rebase -i --rebase-merges "
				     "1a2b3c4d5e6f^ (-C -> -c on its merge line)"));
	/* a message being committed: no such command */
	fg_check_message(&report, fg_test_config(), "Feat: x", NULL, NULL);
	ck_assert_ptr_null(strstr(report.items[3].hint, "rebase"));
	fg_report_release(&report);
}
END_TEST

/* git merge --squash's SQUASH_MSG, stored unedited, is git's own message. */
START_TEST(test_check_message_squash_msg)
{
	struct fg_report report;

	fg_report_init(&report);
	ck_assert_uint_eq(fg_check_message(&report, fg_test_config(),
		"Squashed commit of the following:\n\ncommit 0123456789abcdef0123456789abcdef01234567\n"
		"Author: A U Thor <a@example.com>\nDate:   Mon Jan 1 00:00:00 2024 +0000\n\n"
		"    feat: one\n", NULL, NULL), 0);
	/* a header that only starts like it is not */
	ck_assert_uint_eq(fg_check_message(&report, fg_test_config(),
		"Squashed commit of the following: x", NULL, NULL), 1);
	fg_report_release(&report);
}
END_TEST

Suite *message_suite(void)
{
	Suite *s = suite_create("message");
	TCase *rules = tcase_create("rules");

	tcase_add_loop_test(rules, test_check_message, 0, (int)FG_COUNT(check_cases));
	tcase_add_test(rules, test_check_message_texts);
	tcase_add_loop_test(rules, test_check_message_where, 0, (int)FG_COUNT(where_cases));
	tcase_add_test(rules, test_check_message_long_line_excerpt);
	tcase_add_test(rules, test_check_message_many_lines);
	tcase_add_test(rules, test_check_message_merge);
	tcase_add_test(rules, test_check_message_encoding);
	tcase_add_test(rules, test_check_message_reword_hint);
	tcase_add_test(rules, test_check_message_squash_msg);
	suite_add_tcase(s, rules);
	return s;
}

/*
 * Tests of msgbody.c through fg_check_message: bodyMaxLineLength (a URL
 * may be longer), and the Conventional Commits 1.0.0 rules of the header's
 * case and full stop and of the body and footers (typeCase,
 * subjectFullStop, bodyLeadingBlank, footerFormat, breakingChangeFormat).
 */
#include <stdlib.h>
#include <string.h>
#include "check_flowgate.h"
#include "message.h"

#define OID40 "0123456789abcdef0123456789abcdef01234567"
#define NO_RULE (-1)

/*
 * bodyMaxLineLength lets a line holding a URL pass (commitlint's
 * /\bhttps?:\/\/\S+/), unless rule.bodyMaxLineLength.ignoreUrls is false.
 */
static const struct {
	const char *line;
	int url;
} url_cases[] = {
	{ "https://example.com/a/very/long/path/that/goes/on/and/on/and/on/well/past/the/limit/of/one/hundred", 1 },
	{ "See http://example.com/a/very/long/path/that/goes/on/and/on/and/on/well/past/the/limit/of/a/hundred.", 1 },
	{ "[the guide](https://example.com/a/very/long/path/that/goes/on/and/on/and/on/well/past/the/limit/x)", 1 },
	{ "Refs: https://github.com/org/repo/pull/12345#issuecomment-123456789012 and text after it, long enough", 1 },
	{ "xhttps://example.com/a/very/long/path/that/goes/on/and/on/and/on/well/past/the/limit/of/a/hundred", 0 },
	{ "ftp://example.com/a/very/long/path/that/goes/on/and/on/and/on/well/past/the/limit/of/one/hundred/x", 0 },
	{ "https:// example.com a very long line of prose that only mentions the scheme and goes on and on....", 0 },
	{ "a very long line of prose that names no address at all and simply goes on and on past one hundred.", 0 },
};

START_TEST(test_check_message_body_urls)
{
	char *m = fg_strdupf("fix: x\n\n%s, and a few words more\n", url_cases[_i].line);
	struct fg_config cfg;
	struct fg_report report;
	size_t with, without;

	ck_assert_uint_gt(strlen(m), 8 + 101 + 1);
	ck_assert_int_eq(fg_config_init(&cfg), 0);
	fg_report_init(&report);
	with = fg_check_message(&report, &cfg, m, NULL, NULL);
	cfg.body_ignore_urls = 0;
	without = fg_check_message(&report, &cfg, m, NULL, NULL);
	for (size_t i = 0; i < report.n; i++)
		ck_assert_int_eq(report.items[i].rule, FG_RULE_BODY_MAX_LINE_LENGTH);
	fg_report_release(&report);
	fg_config_release(&cfg);
	free(m);
	ck_assert_msg(with == (url_cases[_i].url ? 0u : 1u), "'%s': %zu with ignoreUrls",
		      url_cases[_i].line, with);
	ck_assert_uint_eq(without, 1);
}
END_TEST

/*
 * The Conventional Commits 1.0.0 rules of the header's case and full stop
 * and of the body and footers: typeCase, subjectFullStop, bodyLeadingBlank,
 * footerFormat, breakingChangeFormat. RULE is the one rule refused (NO_RULE:
 * none), at SEVERITY, with MESSAGE as its text.
 */
static const struct {
	const char *name;
	const char *message;
	int rule;
	enum fg_severity severity;
	const char *text; /* the violation's message, when RULE */
} cc_cases[] = {
	/* typeCase */
	{ "lowercase type", "feat: x", NO_RULE, FG_OFF, NULL },
	{ "capitalised type", "Feat: x", FG_RULE_TYPE_CASE, FG_ERROR,
	  "line 1, column 1: type 'Feat' is not lowercase" },
	{ "uppercase type with scope", "FIX(core): y", FG_RULE_TYPE_CASE, FG_ERROR,
	  "line 1, column 1: type 'FIX' is not lowercase" },
	{ "one uppercase letter inside", "dOcs: z", FG_RULE_TYPE_CASE, FG_ERROR,
	  "line 1, column 1: type 'dOcs' is not lowercase" },
	/* subjectFullStop */
	{ "subject without full stop", "fix: close the pool", NO_RULE, FG_OFF, NULL },
	{ "full stop inside the subject", "fix: bump to 0.16.1 now", NO_RULE, FG_OFF, NULL },
	{ "subject ending with a full stop", "fix: close the pool.", FG_RULE_SUBJECT_FULL_STOP,
	  FG_WARN, "line 1, column 20: subject ends with a full stop" },
	{ "full stop after a scope and UTF-8", "docs(api): d\xc3\xa9" "crire.", FG_RULE_SUBJECT_FULL_STOP,
	  FG_WARN, "line 1, column 19: subject ends with a full stop" },
	{ "ellipsis", "feat: and more...", FG_RULE_SUBJECT_FULL_STOP, FG_WARN,
	  "line 1, column 17: subject ends with a full stop" },
	/* bodyLeadingBlank */
	{ "blank line before the body", "fix: x\n\nThe pool leaked.\n", NO_RULE, FG_OFF, NULL },
	{ "blank line before the footers", "fix: x\n\nRefs: #42\n", NO_RULE, FG_OFF, NULL },
	{ "body glued to the header", "fix: x\nThe pool leaked.\n", FG_RULE_BODY_LEADING_BLANK,
	  FG_WARN, "line 2, column 1: the body starts right after the header, without a blank line" },
	{ "footer glued to the header", "fix: x\nRefs: #42\n", FG_RULE_BODY_LEADING_BLANK, FG_WARN,
	  "line 2, column 1: the body starts right after the header, without a blank line" },
	{ "CRLF message with the blank line", "fix: x\r\n\r\nbody\r\n", NO_RULE, FG_OFF, NULL },
	/* footerFormat */
	{ "trailers", "fix: x\n\nRefs #42\nSigned-off-by: A <a@example.com>\n", NO_RULE, FG_OFF, NULL },
	{ "footer without value", "fix: x\n\nBody.\n\nRefs:\n", FG_RULE_FOOTER_FORMAT, FG_ERROR,
	  "line 5, column 1: footer 'Refs' has no value" },
	{ "an empty footer ending the block continues the one before (item 10)",
	  "fix: x\n\nCloses #1\nRefs:\n", NO_RULE, FG_OFF, NULL },
	{ "an empty footer in the middle of the block", "fix: x\n\nRefs: #1\nAcked-by:\nCloses #2\n",
	  FG_RULE_FOOTER_FORMAT, FG_ERROR, "line 4, column 1: footer 'Acked-by' has no value" },
	{ "value on the next line is a value", "fix: x\n\nSee-also:\n  the guide\n", NO_RULE, FG_OFF,
	  NULL },
	/* breakingChangeFormat */
	{ "BREAKING CHANGE", "feat: x\n\nBREAKING CHANGE: the config is YAML\n", NO_RULE, FG_OFF,
	  NULL },
	{ "BREAKING-CHANGE", "feat: x\n\nBREAKING-CHANGE: v1 is gone\n", NO_RULE, FG_OFF, NULL },
	{ "BREAKING CHANGE with a '!'", "feat!: x\n\nBREAKING CHANGE: v1 is gone\nRefs: #1\n",
	  NO_RULE, FG_OFF, NULL },
	{ "lowercase breaking-change", "feat: x\n\nbreaking-change: v1 is gone\n",
	  FG_RULE_BREAKING_CHANGE_FORMAT, FG_ERROR,
	  "line 3, column 1: footer 'breaking-change' is not 'BREAKING CHANGE:' (uppercase, then ': ')" },
	{ "Breaking Change (body to the parser)", "feat: x\n\nBreaking Change: v1 is gone\n",
	  FG_RULE_BREAKING_CHANGE_FORMAT, FG_ERROR,
	  "line 3, column 1: footer 'Breaking Change' is not 'BREAKING CHANGE:' (uppercase, then ': ')" },
	{ "BREAKING CHANGES", "feat: x\n\nText.\n\nBREAKING CHANGES: v1 is gone\n",
	  FG_RULE_BREAKING_CHANGE_FORMAT, FG_ERROR,
	  "line 5, column 1: footer 'BREAKING CHANGES' is not 'BREAKING CHANGE:' (uppercase, then ': ')" },
	{ "'Breaking change: none.' in a middle paragraph is prose", "feat: x\n\nBreaking change: "
	  "none.\n\nThe API is the same.\n\nRefs: #1\n", NO_RULE, FG_OFF, NULL },
	{ "a 'Breaking changes:' heading in a middle paragraph is prose (halfORM ee12fd3)",
	  "feat: add the CLI\n\n- Add half_orm.cli\n\nBreaking changes:\n"
	  "- Model.execute_query now has better error reporting\n- Added click\n\n"
	  "This lays the foundation for the ecosystem.\n", NO_RULE, FG_OFF, NULL },
	{ "a mistyped breaking change ending the message", "feat: x\n\nText.\n\nBreaking change: y\n",
	  FG_RULE_BREAKING_CHANGE_FORMAT, FG_ERROR,
	  "line 5, column 1: footer 'Breaking change' is not 'BREAKING CHANGE:' (uppercase, then ': ')" },
	{ "a mistyped breaking change right above the trailers (git commit -s)",
	  "feat: x\n\nBreaking change: y\n\nSigned-off-by: A <a@example.com>\n",
	  FG_RULE_BREAKING_CHANGE_FORMAT, FG_ERROR,
	  "line 3, column 1: footer 'Breaking change' is not 'BREAKING CHANGE:' (uppercase, then ': ')" },
	{ "a mistyped breaking change inside the footer block", "feat: x\n\nRefs: #1\nBREAKING CHANGES: y\n",
	  FG_RULE_BREAKING_CHANGE_FORMAT, FG_ERROR,
	  "line 4, column 1: footer 'BREAKING CHANGES' is not 'BREAKING CHANGE:' (uppercase, then ': ')" },
	{ "BREAKING CHANGE with '#'", "feat: x\n\nBREAKING CHANGE #12\n",
	  FG_RULE_BREAKING_CHANGE_FORMAT, FG_ERROR,
	  "line 3, column 1: footer 'BREAKING CHANGE' is not 'BREAKING CHANGE:' (uppercase, then ': ')" },
	{ "BREAKING CHANGE without description", "feat: x\n\nRefs: #1\nBREAKING CHANGE:\n",
	  FG_RULE_BREAKING_CHANGE_FORMAT, FG_ERROR, "line 4, column 1: footer 'BREAKING CHANGE' has no description" },
	{ "BREAKING-CHANGE without description", "feat: x\n\nBREAKING-CHANGE:\n",
	  FG_RULE_BREAKING_CHANGE_FORMAT, FG_ERROR, "line 3, column 1: footer 'BREAKING-CHANGE' has no description" },
	/* exempt: git's messages */
	{ "a merge's header on a commit not known to be a merge", "Merge whatever I like\n",
	  FG_RULE_HEADER_FORMAT, FG_ERROR,
	  "line 1, column 1: header 'Merge whatever I like' is git's merge message, but the commit "
	  "is not a merge" },
	{ "revert ending with a full stop", "Revert \"feat: x.\"\n\nThis reverts commit " OID40 ".\n",
	  NO_RULE, FG_OFF, NULL },
	{ "revert without git's line", "Revert \"feat: x\"\n\nBecause.\n", FG_RULE_HEADER_FORMAT,
	  FG_ERROR, "line 1, column 1: header 'Revert \"feat: x\"' is git's revert message without its "
	  "line 'This reverts commit <oid>.'" },
	{ "fixup: the body rules apply", "fixup! feat: x\n\nbreaking change: y\n",
	  FG_RULE_BREAKING_CHANGE_FORMAT, FG_ERROR,
	  "line 3, column 1: footer 'breaking change' is not 'BREAKING CHANGE:' (uppercase, then ': ')" },
	{ "fixup: columns on the line as written", "fixup! Feat: x\n", FG_RULE_TYPE_CASE, FG_ERROR,
	  "line 1, column 8: type 'Feat' is not lowercase" },
};

START_TEST(test_check_message_cc)
{
	struct fg_report report;
	char *got = NULL;
	size_t n;
	int rule = -1;
	enum fg_severity sev = FG_OFF;

	fg_report_init(&report);
	fg_check_message(&report, fg_test_config(), cc_cases[_i].message, NULL, NULL);
	n = report.n;
	if (n) {
		rule = (int)report.items[0].rule;
		sev = report.items[0].severity;
		got = fg_strdupf("%s: %s", fg_rule_info(report.items[0].rule)->name,
				 report.items[0].message);
		ck_assert_ptr_nonnull(report.items[0].hint);
	}
	fg_report_release(&report);
	if (cc_cases[_i].rule == NO_RULE) {
		ck_assert_msg(n == 0, "%s: %zu violations, first %s", cc_cases[_i].name, n, got);
	} else {
		char *want = fg_strdupf("%s: %s", fg_rule_info((enum fg_rule)cc_cases[_i].rule)->name,
					cc_cases[_i].text);
		int ok = n == 1 && rule == cc_cases[_i].rule && sev == cc_cases[_i].severity &&
			 !strcmp(got, want);
		char msg[512];

		snprintf(msg, sizeof(msg), "%s: %zu violations, first '%s' (severity %d), want '%s'",
			 cc_cases[_i].name, n, got ? got : "none", (int)sev, want);
		free(want);
		free(got);
		got = NULL;
		ck_assert_msg(ok, "%s", msg);
	}
	free(got);
}
END_TEST

/* commit.ignore and WHERE: exempt as the header rules are; WHERE prefixes the line. */
START_TEST(test_check_message_cc_where)
{
	struct fg_report report;

	fg_report_init(&report);
	fg_check_message(&report, fg_test_config(), "fix: x.\nbody\n", "commit 1a2b3c4", NULL);
	ck_assert_uint_eq(report.n, 2);
	ck_assert_str_eq(report.items[0].message,
			 "commit 1a2b3c4: line 1, column 7: subject ends with a full stop");
	ck_assert_str_eq(report.items[1].message, "commit 1a2b3c4: line 2, column 1: the body starts right "
			 "after the header, without a blank line");
	fg_report_release(&report);
}
END_TEST

Suite *msgbody_suite(void)
{
	Suite *s = suite_create("msgbody");
	TCase *body = tcase_create("body");

	tcase_add_loop_test(body, test_check_message_body_urls, 0, (int)FG_COUNT(url_cases));
	tcase_add_loop_test(body, test_check_message_cc, 0, (int)FG_COUNT(cc_cases));
	tcase_add_test(body, test_check_message_cc_where);
	suite_add_tcase(s, body);
	return s;
}

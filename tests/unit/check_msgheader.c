/*
 * Tests of msgheader.c through fg_check_message: headerFormat (an empty
 * scope, text that displays otherwise than git stores it), subjectEmpty,
 * headerMaxLength (the subject git shows), subjectCase, the hints that
 * name the fix, and the context rules versionBumpMessage and
 * branchCommitType.
 */
#include <stdlib.h>
#include <string.h>
#include "check_flowgate.h"
#include "cleanup.h"
#include "message.h"
#include "textcase.h"

#define OID40 "0123456789abcdef0123456789abcdef01234567"
#define NO_RULE (-1)

/*
 * A scope is "a noun describing a section of the codebase" (Conventional
 * Commits 1.0.0, item 4): an empty "()" is refused as headerFormat.
 */
START_TEST(test_check_message_empty_scope)
{
	static const char *const headers[] = { "feat(): x", "fix()!: y" };
	struct fg_report report;
	size_t n;
	int rule;

	fg_report_init(&report);
	fg_check_message(&report, fg_test_config(), headers[_i], NULL, NULL);
	n = report.n;
	rule = n ? (int)report.items[0].rule : -1;
	fg_report_release(&report);
	ck_assert_msg(n == 1 && rule == FG_RULE_HEADER_FORMAT,
		      "'%s': %zu violations, want one headerFormat", headers[_i], n);
}
END_TEST

/*
 * "feat: " as typed: git's cleanup strips the trailing space, so the rule
 * sees "feat:". The user left the subject empty; subjectEmpty must say so
 * (regression: it was once refused as headerFormat with a confusing hint).
 */
START_TEST(test_check_message_subject_empty_after_cleanup)
{
	static const char *const raw[] = { "feat: \n", "feat:   \n\n# comment\n", "fix(core): \t\n" };
	struct fg_cleanup_plan plan = { FG_MODE_ALL, 1, '#' };
	struct fg_report report;
	char *clean = NULL, *first = NULL;
	size_t n;
	int rule;

	ck_assert_int_eq(fg_cleanup_apply(&clean, NULL, raw[_i], strlen(raw[_i]), &plan), 0);
	fg_report_init(&report);
	fg_check_message(&report, fg_test_config(), clean, NULL, NULL);
	free(clean);
	n = report.n;
	rule = n ? (int)report.items[0].rule : -1;
	if (n)
		first = fg_strdupf("%s: %s", fg_rule_info(report.items[0].rule)->name,
				   report.items[0].message);
	fg_report_release(&report);
	if (!(n == 1 && rule == FG_RULE_SUBJECT_EMPTY)) {
		char msg[256];
		snprintf(msg, sizeof(msg), "after cleanup: %zu violations, first %s", n,
			 first ? first : "none");
		free(first);
		ck_abort_msg("%s", msg);
	}
	free(first);
}
END_TEST

/* Repeat S to fill N bytes into BUF (NUL-terminated). */
static void fill(char *buf, const char *prefix, const char *unit, size_t count)
{
	strcpy(buf, prefix);
	for (size_t i = 0; i < count; i++)
		strcat(buf, unit);
}

static const struct {
	const char *prefix, *unit;
	size_t count;
	size_t violations; /* headerMaxLength */
} length_cases[] = {
	{ "feat: ", "x", 66, 0 },              /* 72 characters */
	{ "feat: ", "x", 67, 1 },              /* 73 */
	{ "feat: ", "\xc3\xa9", 66, 0 },       /* 72 characters, 138 bytes */
	{ "feat: ", "\xc3\xa9", 67, 1 },       /* 73 characters */
	{ "feat: ", "\xc3\x97", 66, 0 },       /* U+00D7 multiplication sign */
	{ "feat: ", "\xe2\x9c\x93", 66, 0 },   /* U+2713, 3 bytes each */
	{ "feat: ", "\xf0\x9f\x9a\x80", 66, 0 }, /* U+1F680, 4 bytes each */
	{ "feat: ", "\xf0\x9f\x9a\x80", 67, 1 },
	{ "feat: ", "x", 5000, 1 },            /* long, still only this rule */
};

START_TEST(test_check_message_length)
{
	char *buf = malloc(6 + 4 * length_cases[_i].count + 1);
	struct fg_report report;

	ck_assert_ptr_nonnull(buf);
	fill(buf, length_cases[_i].prefix, length_cases[_i].unit, length_cases[_i].count);
	ck_assert_uint_eq(fg_utf8_length(buf, strlen(buf)), 6 + length_cases[_i].count);
	fg_report_init(&report);
	fg_check_message(&report, fg_test_config(), buf, NULL, NULL);
	free(buf);
	ck_assert_msg(report.n == length_cases[_i].violations, "%zu violations: %s", report.n,
		      report.n ? report.items[0].message : "");
	if (report.n)
		ck_assert_int_eq(report.items[0].rule, FG_RULE_HEADER_MAX_LENGTH);
	fg_report_release(&report);
}
END_TEST

/*
 * What displays as other text than git stores is refused in the subject:
 * a carriage return that ends no line, the bidirectional controls
 * U+202A-U+202E and U+2066-U+2069. Not other characters, not the body,
 * not CRLF line ends; git's own messages too.
 */
static const struct {
	const char *message;
	int refused;
	const char *text;
} display_cases[] = {
	{ "feat: x\rfix: y", 1, "line 1, column 8: the header holds a carriage return: a terminal "
	  "shows the text after it over the text before" },
	{ "feat: \xe2\x80\xaa" "x", 1, "line 1, column 7: the header holds the bidirectional "
	  "control U+202A: the text after it displays reordered" },
	{ "feat: \xe2\x80\xae" "x", 1, NULL },
	{ "feat: \xe2\x81\xa6" "x", 1, NULL },
	{ "feat: \xe2\x81\xa9" "x", 1, "line 1, column 7: the header holds the bidirectional "
	  "control U+2069: the text after it displays reordered" },
	{ "Merge branch '\xe2\x80\xae" "x'", 1, NULL },
	{ "feat: \xe2\x80\xa9" "x", 0, NULL },    /* U+2029, not a control of this list */
	{ "feat: \xe2\x80\x8f" "x", 0, NULL },    /* U+200F RLM: a mark, no embedding */
	{ "feat: \xe2\x81\xa5" "x", 0, NULL },    /* U+2065, unassigned */
	{ "feat: x\r\n\r\nbody\r\n", 0, NULL }, /* CRLF line ends */
	{ "feat: x\n\nbody \xe2\x80\xae with it\nand a\rCR\n", 0, NULL }, /* the body */
};

START_TEST(test_check_message_display)
{
	struct fg_message_context merge = { NULL, NULL, NULL, NULL, 1, NULL, NULL, 0, NULL };
	const struct fg_violation *v;
	struct fg_report report;

	fg_report_init(&report);
	fg_check_message(&report, fg_test_config(), display_cases[_i].message, NULL, &merge);
	v = fg_report_find(&report, FG_RULE_HEADER_FORMAT);
	ck_assert_msg((v != NULL) == display_cases[_i].refused, "case %d: %s", _i,
		      v ? v->message : "no headerFormat");
	if (display_cases[_i].text)
		ck_assert_str_eq(v->message, display_cases[_i].text);
	fg_report_release(&report);
}
END_TEST

/*
 * headerMaxLength measures the subject git shows: the whole first
 * paragraph, its lines joined by a space, when line 2 is not blank.
 */
START_TEST(test_check_message_subject_paragraph)
{
	struct fg_report report;
	const struct fg_violation *v;

	fg_report_init(&report);
	/* 60 + 1 + 8 = 69 characters: within */
	fg_check_message(&report, fg_test_config(),
			 "fix: a header of sixty-two characters, then a second line of\nwrapped.",
			 NULL, NULL);
	ck_assert_ptr_null(fg_report_find(&report, FG_RULE_HEADER_MAX_LENGTH));
	ck_assert_ptr_nonnull(fg_report_find(&report, FG_RULE_BODY_LEADING_BLANK));
	fg_report_release(&report);
	/* three lines, trailing blanks not counted (a verbatim message): 117 */
	fg_check_message(&report, fg_test_config(),
			 "feat: a header wrapped at seventy-two columns by an editor that     \n"
			 "fills paragraphs, the way many do\t\n"
			 "all the way to here\n\nBody.\n", NULL, NULL);
	v = fg_report_find(&report, FG_RULE_HEADER_MAX_LENGTH);
	ck_assert_ptr_nonnull(v);
	ck_assert_str_eq(v->message, "line 2, column 9: the subject git shows is lines 1-3 joined "
			 "(no blank line 2), 117 characters long, more than 72");
	ck_assert_str_eq(v->hint, "insert a blank line after line 1, the header: git takes the "
			 "whole first paragraph for the subject");
	fg_report_release(&report);
	/* a blank line 2: the header alone */
	ck_assert_uint_eq(fg_check_message(&report, fg_test_config(),
		"fix: a header of sixty-two characters, then a second line of\n\n"
		"a body line that is long but is the body and not part of the subject at all\n",
		NULL, NULL), 0);
	fg_report_release(&report);
}
END_TEST

/* subjectCase: off by default; when on, commitlint's subject-case with its hint. */
START_TEST(test_check_message_subject_case)
{
	struct fg_config cfg;
	struct fg_report report;
	const struct fg_violation *v;

	ck_assert_int_eq(fg_config_init(&cfg), 0);
	fg_report_init(&report);
	report.severity = cfg.severity;
	ck_assert_uint_eq(fg_check_message(&report, &cfg, "fix: Add the parser", NULL, NULL), 0);
	cfg.severity[FG_RULE_SUBJECT_CASE] = FG_ERROR;
	ck_assert_uint_eq(fg_check_message(&report, &cfg, "fix: add the parser", NULL, NULL), 0);
	ck_assert_uint_eq(fg_check_message(&report, &cfg, "fix(core)!: Add the parser", NULL, NULL), 1);
	v = &report.items[0];
	ck_assert_int_eq(v->rule, FG_RULE_SUBJECT_CASE);
	ck_assert_str_eq(v->message, "line 1, column 13: subject is sentence-case; rule.subjectCase: "
			 "none of upper-case, pascal-case, sentence-case, start-case");
	ck_assert_str_eq(v->hint, "write e.g. 'fix(core)!: add the parser'");
	ck_assert_uint_eq(v->caret_column, 13);
	ck_assert_uint_eq(v->caret_width, 14);
	/* always lower-case */
	cfg.subject_cases = FG_CASE_LOWER;
	cfg.subject_case_never = 0;
	ck_assert_uint_eq(fg_check_message(&report, &cfg, "fix: add the API", NULL, NULL), 1);
	ck_assert_str_eq(report.items[1].message, "line 1, column 6: subject is none of lower-case; "
			 "rule.subjectCase: one of lower-case");
	ck_assert_str_eq(report.items[1].hint, "write e.g. 'fix: add the api'");
	/* fixup!: the target's subject */
	ck_assert_uint_eq(fg_check_message(&report, &cfg, "fixup! fix: Add x", NULL, NULL), 1);
	ck_assert_str_eq(report.items[2].message, "line 1, column 13: subject is none of lower-case; "
			 "rule.subjectCase: one of lower-case");
	report.severity = NULL;
	fg_report_release(&report);
	fg_config_release(&cfg);
}
END_TEST

START_TEST(test_check_message_long_without_type)
{
	/* Both the shape and the length are wrong: both rules, and the
	 * diagnosis is not "invalid UTF-8" (the header is plain ASCII). */
	char *buf = malloc(20001);
	struct fg_report report;

	ck_assert_ptr_nonnull(buf);
	memset(buf, 'a', 20000);
	buf[20000] = '\0';
	fg_report_init(&report);
	fg_check_message(&report, fg_test_config(), buf, NULL, NULL);
	free(buf);
	ck_assert_uint_eq(fg_test_count_rule(&report, FG_RULE_HEADER_FORMAT), 1);
	ck_assert_uint_eq(fg_test_count_rule(&report, FG_RULE_HEADER_MAX_LENGTH), 1);
	ck_assert_ptr_null(strstr(fg_report_find(&report, FG_RULE_HEADER_FORMAT)->message, "UTF-8"));
	fg_report_release(&report);
}
END_TEST

/* Context rules: versionBumpMessage and branchCommitType. */
static const struct {
	const char *name, *message, *branch, *new_version, *old_version;
	int rule; /* NO_RULE: passes */
	const char *text;
} context_cases[] = {
	{ "bump named", "chore: bump version to 0.17.0-dev", NULL, "0.17.0-dev", "0.16.0",
	  NO_RULE, NULL },
	{ "release named with v", "release: v0.16.0", NULL, "0.16.0", "0.16.0-rc2", NO_RULE, NULL },
	{ "release named in the subject", "chore: prepare release 0.16.0", NULL, "0.16.0", NULL,
	  NO_RULE, NULL },
	{ "bump not named", "chore: update version.txt", NULL, "0.16.0", "0.16.0-rc2",
	  FG_RULE_VERSION_BUMP_MESSAGE,
	  "line 1, column 1: the commit changes the version files from 0.16.0-rc2 to 0.16.0, "
	  "but the header does not name 0.16.0" },
	{ "a pre-release is not the release", "chore: prepare release 0.16.0-rc1", NULL, "0.16.0",
	  NULL, FG_RULE_VERSION_BUMP_MESSAGE, NULL },
	{ "a longer version is not it", "chore: bump to 0.16.10", NULL, "0.16.1", NULL,
	  FG_RULE_VERSION_BUMP_MESSAGE, NULL },
	{ "a longer version before is not it", "chore: bump to 10.16.1", NULL, "0.16.1", NULL,
	  FG_RULE_VERSION_BUMP_MESSAGE, NULL },
	{ "a full stop after it is fine", "chore: 0.16.1. Tidy up", NULL, "0.16.1", NULL, NO_RULE,
	  NULL },
	{ "a merge is git's", "Merge branch 'release/0.16.x'", NULL, "0.16.0", NULL, NO_RULE, NULL },
	{ "fix on hotfix", "fix: pool leak", "hotfix/pool-leak", NULL, NULL, NO_RULE, NULL },
	{ "hotfix on hotfix", "hotfix: pool leak", "hotfix/pool-leak", NULL, NULL, NO_RULE, NULL },
	{ "feat on hotfix", "feat: pool size", "hotfix/pool-leak", NULL, NULL,
	  FG_RULE_BRANCH_COMMIT_TYPE,
	  "line 1, column 1: type 'feat' on hotfix branch 'hotfix/pool-leak'; a hotfix branch "
	  "holds fixes only" },
	{ "docs on docs", "docs(tutorial): fix a link", "docs/tutorial", NULL, NULL, NO_RULE, NULL },
	{ "fix on docs", "fix: typo", "docs/tutorial", NULL, NULL, FG_RULE_BRANCH_COMMIT_TYPE, NULL },
	{ "anything on feature", "chore: x", "feature/x", NULL, NULL, NO_RULE, NULL },
	{ "a revert on hotfix is git's", "Revert \"feat: x\"\n\nThis reverts commit " OID40 ".",
	  "hotfix/x", NULL, NULL, NO_RULE, NULL },
	{ "not a workflow branch", "feat: x", "wip", NULL, NULL, NO_RULE, NULL },
};

START_TEST(test_check_message_context)
{
	struct fg_message_context ctx = { context_cases[_i].branch, context_cases[_i].new_version,
					  context_cases[_i].old_version, NULL, 1, NULL, NULL, 0, NULL };
	struct fg_report report;

	fg_report_init(&report);
	fg_check_message(&report, fg_test_config(), context_cases[_i].message, NULL, &ctx);
	if (context_cases[_i].rule == NO_RULE) {
		ck_assert_msg(report.n == 0, "%s: %zu violations (%s)", context_cases[_i].name,
			      report.n, report.n ? report.items[0].message : "");
	} else {
		ck_assert_msg(report.n == 1 && report.items[0].rule == (enum fg_rule)context_cases[_i].rule,
			      "%s: %zu violations (first: %s)", context_cases[_i].name, report.n,
			      report.n ? fg_rule_info(report.items[0].rule)->name : "none");
		ck_assert_int_eq(report.items[0].severity, FG_WARN);
		if (context_cases[_i].text)
			ck_assert_str_eq(report.items[0].message, context_cases[_i].text);
		ck_assert_ptr_nonnull(report.items[0].hint);
	}
	/* without the context, neither rule fires */
	fg_report_release(&report);
	fg_report_init(&report);
	fg_check_message(&report, fg_test_config(), context_cases[_i].message, NULL, NULL);
	ck_assert_ptr_null(fg_report_find(&report, FG_RULE_VERSION_BUMP_MESSAGE));
	ck_assert_ptr_null(fg_report_find(&report, FG_RULE_BRANCH_COMMIT_TYPE));
	fg_report_release(&report);
}
END_TEST

/*
 * branchCommitType judges by the branch its caller parsed (a push's typed
 * ref update, check-range's branch) when there is one, without parsing the
 * name again: a parsed hotfix branch holds fixes only whatever its name
 * says, and a parsed feature branch takes any type even under a hotfix name.
 */
START_TEST(test_check_message_branch_parsed)
{
	struct fg_branch hotfix = { FG_BRANCH_HOTFIX, NULL, 0, 0, 0 };
	struct fg_branch feature = { FG_BRANCH_FEATURE, NULL, 0, 0, 0 };
	struct fg_message_context ctx = { "feature/pool", NULL, NULL, NULL, 0, NULL, NULL, 0, &hotfix };
	struct fg_report report;

	fg_report_init(&report);
	fg_check_message(&report, fg_test_config(), "feat: add a pool\n", NULL, &ctx);
	ck_assert_ptr_nonnull(fg_report_find(&report, FG_RULE_BRANCH_COMMIT_TYPE));
	fg_report_release(&report);

	ctx.branch = "hotfix/pool";
	ctx.branch_parsed = &feature;
	fg_report_init(&report);
	fg_check_message(&report, fg_test_config(), "feat: add a pool\n", NULL, &ctx);
	ck_assert_ptr_null(fg_report_find(&report, FG_RULE_BRANCH_COMMIT_TYPE));
	fg_report_release(&report);

	ctx.branch_parsed = NULL; /* not parsed by the caller: parsed here */
	fg_report_init(&report);
	fg_check_message(&report, fg_test_config(), "feat: add a pool\n", NULL, &ctx);
	ck_assert_ptr_nonnull(fg_report_find(&report, FG_RULE_BRANCH_COMMIT_TYPE));
	fg_report_release(&report);
}
END_TEST

/* Hints that name the fix: a known slip of a type, a type in brackets. */
START_TEST(test_check_message_hints)
{
	struct fg_report report;

	fg_report_init(&report);
	fg_check_message(&report, fg_test_config(), "tests: add x", NULL, NULL);
	fg_check_message(&report, fg_test_config(), "Feature: add x", NULL, NULL);
	fg_check_message(&report, fg_test_config(), "[release] 0.16.0", NULL, NULL);
	fg_check_message(&report, fg_test_config(), "ci/cd: deploy", NULL, NULL);
	ck_assert_uint_eq(report.n, 4);
	ck_assert_ptr_nonnull(strstr(report.items[0].hint, "write the type test, e.g. 'test: add x'"));
	/* "Feature": not a type in any case, so typeEnum alone, naming 'feat' */
	ck_assert_int_eq(report.items[1].rule, FG_RULE_TYPE_ENUM);
	ck_assert_ptr_nonnull(strstr(report.items[1].hint, "write the type feat, e.g. 'feat: add x'"));
	ck_assert_str_eq(report.items[2].message,
			 "line 1, column 1: header '[release] 0.16.0' has its type in brackets");
	ck_assert_ptr_nonnull(strstr(report.items[2].hint, "e.g. 'release: 0.16.0'"));
	ck_assert_ptr_nonnull(strstr(report.items[3].hint, "use one of: "));
	fg_report_release(&report);
}
END_TEST

Suite *msgheader_suite(void)
{
	Suite *s = suite_create("msgheader");
	TCase *header = tcase_create("header");

	tcase_add_loop_test(header, test_check_message_empty_scope, 0, 2);
	tcase_add_loop_test(header, test_check_message_subject_empty_after_cleanup, 0, 3);
	tcase_add_loop_test(header, test_check_message_length, 0, (int)FG_COUNT(length_cases));
	tcase_add_test(header, test_check_message_subject_paragraph);
	tcase_add_test(header, test_check_message_subject_case);
	tcase_add_loop_test(header, test_check_message_display, 0, (int)FG_COUNT(display_cases));
	tcase_add_test(header, test_check_message_long_without_type);
	tcase_add_loop_test(header, test_check_message_context, 0, (int)FG_COUNT(context_cases));
	tcase_add_test(header, test_check_message_branch_parsed);
	tcase_add_test(header, test_check_message_hints);
	suite_add_tcase(s, header);
	return s;
}

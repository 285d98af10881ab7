/*
 * Tests of report.c: collecting violations, the exact output format of
 * fg_report_print, fg_quote, and the escaping of what a report and
 * fg_print_line write (control bytes, C1, invalid UTF-8, bidi). The
 * terminal's side (colour, the excerpt cut to its width) is
 * check_report_term.c's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check_flowgate.h"
#include "report.h"

START_TEST(test_report_add_hint_count_find)
{
	struct fg_report report;
	struct fg_violation *v;

	fg_report_init(&report);
	ck_assert_uint_eq(report.n, 0);
	ck_assert_ptr_null(fg_report_find(&report, FG_RULE_BRANCH_NAME));

	v = fg_report_add(&report, FG_RULE_BRANCH_NAME, "branch '%s' is %d", "x", 5);
	ck_assert_ptr_nonnull(v);
	ck_assert_str_eq(v->message, "branch 'x' is 5");
	ck_assert_ptr_null(v->hint);
	ck_assert_int_eq(v->severity, FG_ERROR);
	fg_violation_hint(v, "git branch -m %s", "main");
	ck_assert_str_eq(v->hint, "git branch -m main");
	fg_violation_hint(v, "replaced %d", 2); /* the old hint is freed (valgrind) */
	ck_assert_str_eq(v->hint, "replaced 2");
	fg_violation_hint(NULL, "ignored"); /* a failed add's NULL is accepted */

	v = fg_report_add(&report, FG_RULE_NEXT_STEP, "bump");
	ck_assert_ptr_nonnull(v);
	ck_assert_int_eq(v->severity, FG_INFO);
	v = fg_report_add(&report, FG_RULE_BRANCH_NAME, "second");
	ck_assert_ptr_nonnull(v);

	ck_assert_uint_eq(report.n, 3);
	ck_assert_uint_eq(fg_report_count(&report, FG_ERROR), 2);
	ck_assert_uint_eq(fg_report_count(&report, FG_INFO), 1);
	ck_assert_uint_eq(fg_report_count(&report, FG_WARN), 0);
	ck_assert_str_eq(fg_report_find(&report, FG_RULE_BRANCH_NAME)->message, "branch 'x' is 5");
	ck_assert_str_eq(fg_report_find(&report, FG_RULE_NEXT_STEP)->message, "bump");
	ck_assert_ptr_null(fg_report_find(&report, FG_RULE_TAG_FORMAT));
	ck_assert_int_eq(report.oom, 0);

	fg_report_release(&report);
	ck_assert_uint_eq(report.n, 0);
	ck_assert_ptr_null(report.items);
}
END_TEST

START_TEST(test_report_grows)
{
	struct fg_report report;

	fg_report_init(&report);
	for (int i = 0; i < 100; i++) {
		struct fg_violation *v = fg_report_add(&report, FG_RULE_TYPE_ENUM, "n%d", i);
		ck_assert_ptr_nonnull(v);
		fg_violation_hint(v, "h%d", i);
	}
	ck_assert_uint_eq(report.n, 100);
	ck_assert_uint_eq(fg_report_count(&report, FG_ERROR), 100);
	for (size_t i = 0; i < report.n; i++) {
		char want[32];
		snprintf(want, sizeof(want), "n%zu", i);
		ck_assert_str_eq(report.items[i].message, want);
	}
	fg_report_release(&report);
}
END_TEST

/* fg_report_print into memory, with HOOK, COLOR and DOWNGRADE. */
static char *print_to_string(const struct fg_report *report, const char *hook, int color,
			     int downgrade)
{
	char *buf = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&buf, &size);

	ck_assert_ptr_nonnull(out);
	fg_report_print(report, out, hook, color, downgrade);
	ck_assert_int_eq(fclose(out), 0);
	return buf;
}

static const struct {
	const char *hook;
	int color, downgrade, with_hint;
	const char *want;
} print_cases[] = {
	{ "pre-commit", 0, 0, 1,
	  "flowgate pre-commit: error: branchName: branch 'x' is not a workflow branch\n"
	  "hint: git branch -m main\n" },
	{ "pre-commit", 0, 0, 0,
	  "flowgate pre-commit: error: branchName: branch 'x' is not a workflow branch\n" },
	{ "post-merge", 0, 1, 1,
	  "flowgate post-merge: warning: branchName: branch 'x' is not a workflow branch\n"
	  "hint: git branch -m main\n" },
	{ "pre-push", 1, 0, 1,
	  "flowgate pre-push: \033[1;31merror\033[m: branchName: branch 'x' is not a workflow branch\n"
	  "\033[33mhint:\033[m git branch -m main\n" },
	{ "post-merge", 1, 1, 0,
	  "flowgate post-merge: \033[1;33mwarning\033[m: branchName: branch 'x' is not a workflow branch\n" },
};

START_TEST(test_report_print_format)
{
	struct fg_report report;
	struct fg_violation *v;
	char *text;

	fg_report_init(&report);
	v = fg_report_add(&report, FG_RULE_BRANCH_NAME, "branch '%s' is not a workflow branch", "x");
	if (print_cases[_i].with_hint)
		fg_violation_hint(v, "git branch -m main");
	text = print_to_string(&report, print_cases[_i].hook, print_cases[_i].color,
			       print_cases[_i].downgrade);
	ck_assert_str_eq(text, print_cases[_i].want);
	free(text);
	fg_report_release(&report);
}
END_TEST

START_TEST(test_report_print_order_severities)
{
	struct fg_report report;
	char *text;

	fg_report_init(&report);
	fg_violation_hint(fg_report_add(&report, FG_RULE_VERSION_FORMAT, "a"), "fix a");
	fg_report_add(&report, FG_RULE_NEXT_STEP, "b");
	fg_report_add(&report, FG_RULE_TAG_FORMAT, "c")->severity = FG_OFF; /* not printed */
	text = print_to_string(&report, "post-merge", 0, 1);
	ck_assert_str_eq(text, "flowgate post-merge: warning: versionFormat: a\n"
			       "hint: fix a\n"
			       "flowgate post-merge: info: nextStep: b\n");
	free(text);
	fg_report_release(&report);
}
END_TEST

START_TEST(test_report_print_oom)
{
	struct fg_report report;
	char *text;

	fg_report_init(&report);
	report.oom = 1;
	text = print_to_string(&report, "commit-msg", 0, 0);
	ck_assert_str_eq(text, "flowgate commit-msg: error: out of memory: some violations "
			       "were not recorded\n");
	free(text);
	fg_report_release(&report);
}
END_TEST

/* The scope a violation gets is the report's when it is added. */
START_TEST(test_report_scope_stamped)
{
	struct fg_report report;

	fg_report_init(&report);
	ck_assert_uint_eq(report.scope, FG_SCOPE_NONE);
	ck_assert_uint_eq(report.limit, 0);
	ck_assert_uint_eq(fg_report_add(&report, FG_RULE_TYPE_ENUM, "a")->scope, FG_SCOPE_NONE);
	report.scope = 2;
	ck_assert_uint_eq(fg_report_add(&report, FG_RULE_TYPE_ENUM, "b")->scope, 2);
	ck_assert_int_eq(fg_report_scopes(&report, 3), 0);
	ck_assert_uint_eq(report.nscopes, 3);
	ck_assert_ptr_null(report.scopes[0].name);
	ck_assert_int_eq(fg_report_scope_set(&report, 1, "refs/heads/x", "cmd"), 0);
	ck_assert_str_eq(report.scopes[1].name, "refs/heads/x");
	ck_assert_str_eq(report.scopes[1].command, "cmd");
	ck_assert_int_eq(fg_report_scope_set(&report, 1, "refs/heads/y", NULL), 0);
	ck_assert_ptr_null(report.scopes[1].command);
	ck_assert_int_eq(fg_report_scope_set(&report, 7, "beyond", "ignored"), 0);
	ck_assert_int_eq(fg_report_scopes(&report, 2), 0); /* the old ones freed (valgrind) */
	ck_assert_ptr_null(report.scopes[1].name);
	fg_report_release(&report);
	ck_assert_uint_eq(report.nscopes, 0);
	ck_assert_uint_eq(report.scope, FG_SCOPE_NONE);
}
END_TEST

/*
 * A report of N errors of FG_RULE_HEADER_FORMAT, "e0" ... "eN-1": the
 * first NA about scope 0, the next NB about scope 1, the rest about none.
 */
static void errors_in_scopes(struct fg_report *report, int n, int na, int nb)
{
	for (int i = 0; i < n; i++) {
		report->scope = i < na ? 0 : i < na + nb ? 1 : FG_SCOPE_NONE;
		fg_violation_hint(fg_report_add(report, FG_RULE_HEADER_FORMAT, "e%d", i), "h%d", i);
	}
	report->scope = FG_SCOPE_NONE;
}

/* At or under its limit, a report prints whole, with no count line. */
START_TEST(test_report_limit_not_reached)
{
	struct fg_report report;
	char *text;

	fg_report_init(&report);
	report.limit = 3;
	errors_in_scopes(&report, 3, 3, 0);
	fg_report_scopes(&report, 1);
	fg_report_scope_set(&report, 0, "refs/heads/main", "flowgate check-range a..b");
	ck_assert_uint_eq(fg_report_omitted(&report, 0), 0);
	text = print_to_string(&report, "pre-receive", 0, 0);
	ck_assert_str_eq(text, "flowgate pre-receive: error: headerFormat: e0\nhint: h0\n"
			       "flowgate pre-receive: error: headerFormat: e1\nhint: h1\n"
			       "flowgate pre-receive: error: headerFormat: e2\nhint: h2\n");
	free(text);
	fg_report_release(&report);
}
END_TEST

/*
 * Over its limit: the first LIMIT violations, then per scope with some
 * left out the count and the command, then the rest of no scope.
 */
START_TEST(test_report_limit_counts_per_scope)
{
	struct fg_report report;
	char *text;

	fg_report_init(&report);
	report.limit = 2;
	/* e0 e1 about scope 0 (shown), e2 e3 e4 about scope 1, e5 about none */
	errors_in_scopes(&report, 6, 2, 3);
	fg_report_scopes(&report, 2);
	fg_report_scope_set(&report, 0, "refs/heads/main", "flowgate check-range --branch main a..b");
	fg_report_scope_set(&report, 1, "refs/heads/feature/x",
			    "flowgate check-range --branch feature/x c..d");
	ck_assert_uint_eq(fg_report_omitted(&report, 0), 0);
	ck_assert_uint_eq(fg_report_omitted(&report, 1), 3);
	ck_assert_uint_eq(fg_report_omitted(&report, FG_SCOPE_NONE), 1);
	text = print_to_string(&report, "pre-receive", 0, 0);
	ck_assert_str_eq(text,
			 "flowgate pre-receive: error: headerFormat: e0\nhint: h0\n"
			 "flowgate pre-receive: error: headerFormat: e1\nhint: h1\n"
			 "flowgate pre-receive: refs/heads/feature/x: 3 more violations not shown; "
			 "list them all with: flowgate check-range --branch feature/x c..d\n"
			 "flowgate pre-receive: 1 more violation not shown\n");
	free(text);
	/* a scope without a command: the count alone */
	fg_report_scope_set(&report, 1, "refs/heads/feature/x", NULL);
	text = print_to_string(&report, "pre-receive", 0, 0);
	ck_assert_ptr_nonnull(strstr(text, "flowgate pre-receive: refs/heads/feature/x: 3 more "
					   "violations not shown\nflowgate pre-receive: 1 more"));
	free(text);
	fg_report_release(&report);
}
END_TEST

/* Over its limit, the errors are printed first: the refusal's reason is never cut. */
START_TEST(test_report_limit_errors_first)
{
	struct fg_report report;
	char *text;

	fg_report_init(&report);
	report.limit = 3;
	report.scope = 0;
	/* 2 errors, room for 1 more: the first info (n0) */
	fg_report_add(&report, FG_RULE_NEXT_STEP, "n0");
	fg_report_add(&report, FG_RULE_HEADER_FORMAT, "e1");
	fg_report_add(&report, FG_RULE_NEXT_STEP, "n2");  /* left out */
	fg_report_add(&report, FG_RULE_HEADER_FORMAT, "e3");
	fg_report_add(&report, FG_RULE_NEXT_STEP, "n4");  /* left out */
	fg_report_scopes(&report, 1);
	fg_report_scope_set(&report, 0, "refs/heads/main", "cmd");
	ck_assert_uint_eq(fg_report_omitted(&report, 0), 2);
	text = print_to_string(&report, "pre-push", 0, 0);
	ck_assert_str_eq(text, "flowgate pre-push: info: nextStep: n0\n"
			       "flowgate pre-push: error: headerFormat: e1\n"
			       "flowgate pre-push: error: headerFormat: e3\n"
			       "flowgate pre-push: refs/heads/main: 2 more violations not shown; "
			       "list them all with: cmd\n");
	free(text);
	/* more errors than the limit: no room for any other */
	fg_report_add(&report, FG_RULE_HEADER_FORMAT, "e5");
	fg_report_add(&report, FG_RULE_HEADER_FORMAT, "e6");
	ck_assert_uint_eq(fg_report_omitted(&report, 0), 4); /* n0 n2 n4 e6 */
	text = print_to_string(&report, "pre-push", 0, 0);
	ck_assert_str_eq(text, "flowgate pre-push: error: headerFormat: e1\n"
			       "flowgate pre-push: error: headerFormat: e3\n"
			       "flowgate pre-push: error: headerFormat: e5\n"
			       "flowgate pre-push: refs/heads/main: 4 more violations not shown; "
			       "list them all with: cmd\n");
	free(text);
	fg_report_release(&report);
}
END_TEST

/* 10,000 violations over 3 scopes: 100 printed, every other one counted once. */
START_TEST(test_report_limit_large)
{
	struct fg_report report;
	char *text, *p;
	size_t lines = 0, counted = 0;

	fg_report_init(&report);
	report.limit = FG_REPORT_LIMIT;
	for (int i = 0; i < 10000; i++) {
		report.scope = (size_t)(i % 3);
		fg_report_add(&report, FG_RULE_HEADER_FORMAT, "e%d", i);
	}
	fg_report_scopes(&report, 3);
	for (size_t s = 0; s < 3; s++)
		fg_report_scope_set(&report, s, s ? "refs/heads/b" : "refs/heads/a", "c");
	for (size_t s = 0; s < 3; s++)
		counted += fg_report_omitted(&report, s);
	ck_assert_uint_eq(counted, 10000 - FG_REPORT_LIMIT);
	text = print_to_string(&report, "pre-receive", 0, 0);
	for (p = text; (p = strstr(p, "error: headerFormat: ")); p++)
		lines++;
	ck_assert_uint_eq(lines, FG_REPORT_LIMIT);
	ck_assert_ptr_nonnull(strstr(text, "refs/heads/a: 3300 more violations not shown"));
	free(text);
	fg_report_release(&report);
}
END_TEST

/*
 * What a violation holds is printed raw by every format: names, paths and
 * values put in its message, hint or detail are escaped when added.
 */
START_TEST(test_report_add_escapes)
{
	struct fg_report report;
	struct fg_violation *v;
	char *text;

	fg_report_init(&report);
	v = fg_report_add(&report, FG_RULE_HEADER_FORMAT, "header %s of %s", "\033]0;x\007 hi",
			  "feature/caf\xc3\xa9\xe2\x80\xae\xc2\x9b\xff\xc0\xaf\n");
	ck_assert_ptr_nonnull(v);
	ck_assert_str_eq(v->message, "header \\x1b]0;x\\x07 hi of feature/caf\xc3\xa9\\u202E"
				     "\\u009B\\xff\\xc0\\xaf\\x0a");
	fg_violation_hint(v, "e.g. 'fix: %s'", "\033[2J");
	ck_assert_str_eq(v->hint, "e.g. 'fix: \\x1b[2J'");
	fg_violation_detail(v, "main  lacking\n\033[31mred\xe2\x81\xa6\n");
	ck_assert_str_eq(v->detail, "main  lacking\n\\x1b[31mred\\u2066\n");
	text = print_to_string(&report, "pre-receive", 0, 0);
	ck_assert_ptr_null(strchr(text, '\033'));
	ck_assert_ptr_null(strstr(text, "\xe2\x80\xae"));
	ck_assert_ptr_nonnull(strstr(text, "caf\xc3\xa9"));
	free(text);
	fg_report_release(&report);
}
END_TEST

/* The excerpt under a message: one column per code point, nothing a terminal acts on. */
START_TEST(test_locate_excerpt_printable)
{
	static const char line[] = "fix: a\tb\033c\xc2\x9b" "d\xe2\x80\xae" "e\xc0\xaf" "f\xc3\xa9g";
	struct fg_report report;
	struct fg_violation *v;

	fg_report_init(&report);
	v = fg_report_add(&report, FG_RULE_HEADER_FORMAT, "x");
	fg_violation_locate(v, 1, 5, line, sizeof(line) - 1, 3);
	ck_assert_str_eq(v->excerpt, "fix: a b c d?e??f\xc3\xa9g");
	ck_assert_uint_eq(v->caret_column, 5);
	fg_report_release(&report);
}
END_TEST

/* fg_print_line and fg_print_escaped into memory. */
START_TEST(test_print_line)
{
	char *buf = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&buf, &size);
	char big[3000];

	ck_assert_ptr_nonnull(out);
	fg_print_line(out, "flowgate update: refused: %s was not updated", "refs/heads/x\033]0;t\007");
	fg_print_line(out, "a %s", "b\nc\xe2\x80\xaa\xf0\x9f\x9a\x80");
	fg_print_escaped(out, "ab\033", 3, 0, 10);
	fputs("|\n", out);
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	fg_print_line(out, "%s\033", big);
	ck_assert_int_eq(fclose(out), 0);
	ck_assert_uint_eq(size, strlen("flowgate update: refused: refs/heads/x\\x1b]0;t\\x07 was not "
				       "updated\na b\\x0ac\\u202A\xf0\x9f\x9a\x80\nab\\x1b    |\n") +
				sizeof(big) - 1 + 5);
	ck_assert_ptr_nonnull(strstr(buf, "flowgate update: refused: refs/heads/x\\x1b]0;t\\x07 "
					  "was not updated\na b\\x0ac\\u202A\xf0\x9f\x9a\x80\n"
					  "ab\\x1b    |\n"));
	ck_assert_str_eq(buf + size - 5, "\\x1b\n");
	free(buf);
}
END_TEST

static const struct {
	struct fg_bytes text;
	const char *want;
} json_cases[] = {
	{ FG_BYTES("feature/caf\xc3\xa9"), "\"feature/caf\xc3\xa9\"" },
	{ FG_BYTES("q\"b\\"), "\"q\\\"b\\\\\"" },
	{ FG_BYTES("\033]0;x\007\177"), "\"\\u001b]0;x\\u0007\\u007f\"" },
	{ FG_BYTES("\xc2\x9b\xe2\x80\xae\xe2\x81\xa9"), "\"\\u009b\\u202e\\u2069\"" },
	{ FG_BYTES("\xff\xc0\xaf\xed\xa0\x80"), "\"\\ufffd\\ufffd\\ufffd\\ufffd\\ufffd\\ufffd\"" },
};

START_TEST(test_json_string)
{
	char *buf = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&buf, &size);

	ck_assert_ptr_nonnull(out);
	fg_json_string(out, json_cases[_i].text.data);
	ck_assert_int_eq(fclose(out), 0);
	ck_assert_str_eq(buf, json_cases[_i].want);
	free(buf);
}
END_TEST

START_TEST(test_report_print_empty)
{
	struct fg_report report;
	char *text;

	fg_report_init(&report);
	text = print_to_string(&report, "pre-commit", 1, 0);
	ck_assert_str_eq(text, "");
	free(text);
}
END_TEST

static const struct {
	struct fg_bytes text;
	size_t max;
	const char *want;
} quote_cases[] = {
	{ FG_BYTES("feature/x"), 80, "'feature/x'" },
	{ FG_BYTES(""), 80, "''" },
	{ FG_BYTES("a\nb"), 80, "'a\\x0ab'" },
	{ FG_BYTES("tab\there\r"), 80, "'tab\\x09here\\x0d'" },
	{ FG_BYTES("esc\033[31m"), 80, "'esc\\x1b[31m'" },
	{ FG_BYTES("del\177"), 80, "'del\\x7f'" },
	{ FG_BYTES("it's"), 80, "'it's'" }, /* quotes are kept: the text reads as written */
	{ FG_BYTES("back\\slash"), 80, "'back\\x5cslash'" },
	{ FG_BYTES("nul\0byte"), 80, "'nul\\x00byte'" },
	{ FG_BYTES("abcdef"), 3, "'abc'..." },
	{ FG_BYTES("abcdef"), 6, "'abcdef'" },
	{ FG_BYTES("abcdef"), 0, "''..." },
	{ FG_BYTES("\n\n\n\n"), 2, "'\\x0a\\x0a'..." },
	{ FG_BYTES("caf\xc3\xa9"), 80, "'caf\xc3\xa9'" }, /* UTF-8 is kept as is */
	/* A cut never splits a UTF-8 sequence. */
	{ FG_BYTES("\xc3\xa9\xc3\xa9\xc3\xa9"), 3, "'\xc3\xa9'..." },
	{ FG_BYTES("\xc3\xa9\xc3\xa9\xc3\xa9"), 4, "'\xc3\xa9\xc3\xa9'..." },
	{ FG_BYTES("\xc3\xa9\xc3\xa9\xc3\xa9"), 1, "''..." },
	{ FG_BYTES("a\xe2\x9c\x93" "b"), 3, "'a'..." },
	{ FG_BYTES("a\xe2\x9c\x93" "b"), 4, "'a\xe2\x9c\x93'..." },
	{ FG_BYTES("a\xf0\x9f\x9a\x80"), 4, "'a'..." },
	/* C1 and bidirectional controls, bytes that are not UTF-8 */
	{ FG_BYTES("a\xc2\x9b" "b"), 80, "'a\\u009Bb'" },
	{ FG_BYTES("feature/\xe2\x80\xae" "fdp"), 80, "'feature/\\u202Efdp'" },
	{ FG_BYTES("caf\xe9 \xc0\xaf\xed\xa0\x80"), 80, "'caf\\xe9 \\xc0\\xaf\\xed\\xa0\\x80'" },
};

START_TEST(test_quote)
{
	char *q = fg_quote(quote_cases[_i].text.data, quote_cases[_i].text.len, quote_cases[_i].max);

	ck_assert_ptr_nonnull(q);
	ck_assert_str_eq(q, quote_cases[_i].want);
	free(q);
}
END_TEST

START_TEST(test_quote_long_string_cut)
{
	char text[500];
	char *q;

	memset(text, 'x', sizeof(text));
	q = fg_quote(text, sizeof(text), 80);
	ck_assert_ptr_nonnull(q);
	ck_assert_uint_eq(strlen(q), 1 + 80 + 1 + 3);
	ck_assert_int_eq(q[0], '\'');
	ck_assert_int_eq(q[81], '\'');
	ck_assert_str_eq(q + 82, "...");
	free(q);
}
END_TEST

START_TEST(test_strdupf)
{
	char *s = fg_strdupf("%s/%llu.%d.x", "release", 16ULL, 0);

	ck_assert_str_eq(s, "release/16.0.x");
	free(s);
	s = fg_strdupf("%s", "");
	ck_assert_str_eq(s, "");
	free(s);
}
END_TEST

Suite *report_suite(void)
{
	Suite *s = suite_create("report");
	TCase *tc = tcase_create("collect");
	TCase *print = tcase_create("print");
	TCase *quote = tcase_create("quote");

	tcase_add_test(tc, test_report_add_hint_count_find);
	tcase_add_test(tc, test_report_grows);
	tcase_add_test(tc, test_strdupf);
	suite_add_tcase(s, tc);

	tcase_add_loop_test(print, test_report_print_format, 0, (int)FG_COUNT(print_cases));
	tcase_add_test(print, test_report_print_order_severities);
	tcase_add_test(print, test_report_print_oom);
	tcase_add_test(print, test_report_scope_stamped);
	tcase_add_test(print, test_report_limit_not_reached);
	tcase_add_test(print, test_report_limit_counts_per_scope);
	tcase_add_test(print, test_report_limit_errors_first);
	tcase_add_test(print, test_report_limit_large);
	tcase_add_test(print, test_report_print_empty);
	tcase_add_test(print, test_report_add_escapes);
	tcase_add_test(print, test_locate_excerpt_printable);
	tcase_add_test(print, test_print_line);
	tcase_add_loop_test(print, test_json_string, 0, (int)FG_COUNT(json_cases));
	suite_add_tcase(s, print);

	tcase_add_loop_test(quote, test_quote, 0, (int)FG_COUNT(quote_cases));
	tcase_add_test(quote, test_quote_long_string_cut);
	suite_add_tcase(s, quote);
	return s;
}

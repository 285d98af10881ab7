/*
 * Tests of message.c: git's generated messages, and the Conventional Commits header
 * rules headerFormat, typeCase, typeEnum, subjectEmpty, subjectFullStop,
 * headerMaxLength, bodyLeadingBlank, footerFormat and breakingChangeFormat.
 */
#include <stdlib.h>
#include <string.h>
#include "check_flowgate.h"
#include "cleanup.h"
#include "message.h"
#include "textcase.h"

#define OID40 "0123456789abcdef0123456789abcdef01234567"


static const struct {
	struct fg_bytes header;
	int rc;
	const char *type, *scope; /* scope NULL: absent */
	int breaking;
	const char *subject;
} header_cases[] = {
	{ FG_BYTES("feat: x"), 0, "feat", NULL, 0, "x" },
	{ FG_BYTES("fix(core): y"), 0, "fix", "core", 0, "y" },
	{ FG_BYTES("feat!: z"), 0, "feat", NULL, 1, "z" },
	{ FG_BYTES("feat(api)!: add the x endpoint"), 0, "feat", "api", 1, "add the x endpoint" },
	{ FG_BYTES("release: 0.16.0"), 0, "release", NULL, 0, "0.16.0" },
	{ FG_BYTES("Feat: x"), 0, "Feat", NULL, 0, "x" },
	{ FG_BYTES("wip: x"), 0, "wip", NULL, 0, "x" },
	{ FG_BYTES("feat: "), 0, "feat", NULL, 0, "" },
	{ FG_BYTES("feat:  two spaces"), 0, "feat", NULL, 0, " two spaces" },
	{ FG_BYTES("feat(a-b/c.d): x"), 0, "feat", "a-b/c.d", 0, "x" },
	{ FG_BYTES("docs: d\xc3\xa9" "crire"), 0, "docs", NULL, 0, "d\xc3\xa9" "crire" },
	{ FG_BYTES("update stuff"), -1, NULL, NULL, 0, NULL },
	{ FG_BYTES("feat:x"), -1, NULL, NULL, 0, NULL },
	{ FG_BYTES(": x"), -1, NULL, NULL, 0, NULL },
	{ FG_BYTES("feat x: y"), -1, NULL, NULL, 0, NULL },
	{ FG_BYTES("feat!(api): x"), -1, NULL, NULL, 0, NULL },
	{ FG_BYTES("feat(a(b)): x"), -1, NULL, NULL, 0, NULL },
	{ FG_BYTES("feat(api: x"), -1, NULL, NULL, 0, NULL },
	{ FG_BYTES("feat :x"), -1, NULL, NULL, 0, NULL },
	{ FG_BYTES(""), -1, NULL, NULL, 0, NULL },
	{ FG_BYTES("feat: \xff"), -2, NULL, NULL, 0, NULL },
	{ FG_BYTES("feat: caf\xe9"), -2, NULL, NULL, 0, NULL },
};

static void assert_span(const char *got, size_t len, const char *want)
{
	ck_assert_ptr_nonnull(got);
	ck_assert_msg(len == strlen(want) && !memcmp(got, want, len), "span '%.*s', want '%s'",
		      (int)len, got, want);
}

START_TEST(test_header_parse)
{
	struct fg_header h;
	int rc = fg_header_parse(header_cases[_i].header.data, header_cases[_i].header.len, &h);

	ck_assert_msg(rc == header_cases[_i].rc, "'%s': rc %d", header_cases[_i].header.data, rc);
	if (rc != 0)
		return;
	assert_span(h.type, h.type_len, header_cases[_i].type);
	if (header_cases[_i].scope)
		assert_span(h.scope, h.scope_len, header_cases[_i].scope);
	else
		ck_assert_ptr_null(h.scope);
	ck_assert_int_eq(h.breaking != 0, header_cases[_i].breaking);
	assert_span(h.subject, h.subject_len, header_cases[_i].subject);
	ck_assert(h.type == header_cases[_i].header.data); /* pointers into HEADER */
}
END_TEST

/* Repeat S to fill N bytes into BUF (NUL-terminated). */
static void fill(char *buf, const char *prefix, const char *unit, size_t count)
{
	strcpy(buf, prefix);
	for (size_t i = 0; i < count; i++)
		strcat(buf, unit);
}

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
	struct fg_message_context merge = { NULL, NULL, NULL, NULL, 1, NULL, NULL, 0 };
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
					  context_cases[_i].old_version, NULL, 1, NULL, NULL, 0 };
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
 * A "Merge ..." header passes when the commit is a merge: CTX->merge (two
 * parents, MERGE_HEAD), or, in commit-msg, HEAD's header when HEAD is a
 * merge (git commit --amend of it); never without the context.
 */
START_TEST(test_check_message_merge)
{
	struct fg_message_context merge = { NULL, NULL, NULL, NULL, 1, NULL, NULL, 0 };
	struct fg_message_context plain = { NULL, NULL, NULL, NULL, 0, NULL, NULL, 0 };
	struct fg_message_context amend = { NULL, NULL, NULL, NULL, 0, "Merge branch 'x'", NULL, 0 };
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
	struct fg_message_context latin1 = { NULL, NULL, NULL, "ISO-8859-1", 0, NULL, NULL, 0 };
	struct fg_message_context utf8 = { NULL, NULL, NULL, "utf8", 0, NULL, NULL, 0 };
	struct fg_message_context bogus = { NULL, NULL, NULL, "NO-SUCH-CHARSET-42", 0, NULL, NULL, 0 };
	struct fg_message_context sjis = { NULL, NULL, NULL, "SHIFT_JIS", 0, NULL, NULL, 0 };
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

/* A commit already made: each hint ends with how to reword it (issue 20, item 17). */
START_TEST(test_check_message_reword_hint)
{
	struct fg_message_context made = { NULL, NULL, NULL, NULL, 0, NULL, "1a2b3c4d5e6f", 0 };
	struct fg_message_context root = { NULL, NULL, NULL, NULL, 0, NULL, "1a2b3c4d5e6f", 1 };
	struct fg_message_context merge = { NULL, NULL, NULL, NULL, 1, NULL, "1a2b3c4d5e6f", 0 };
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

static const struct {
	struct fg_bytes text;
	size_t length;
} utf8_cases[] = {
	{ FG_BYTES(""), 0 },
	{ FG_BYTES("abc"), 3 },
	{ FG_BYTES("\xc3\xa9t\xc3\xa9"), 3 },
	{ FG_BYTES("\xe2\x9c\x93\xf0\x9f\x9a\x80"), 2 },
	{ FG_BYTES("\xff\xfe"), 2 }, /* invalid bytes count as one each */
};

START_TEST(test_utf8_length)
{
	ck_assert_uint_eq(fg_utf8_length(utf8_cases[_i].text.data, utf8_cases[_i].text.len),
			  utf8_cases[_i].length);
}
END_TEST

Suite *message_suite(void)
{
	Suite *s = suite_create("message");
	TCase *header = tcase_create("header");
	TCase *rules = tcase_create("rules");

	tcase_add_loop_test(header, test_header_parse, 0, (int)FG_COUNT(header_cases));
	tcase_add_loop_test(header, test_utf8_length, 0, (int)FG_COUNT(utf8_cases));
	suite_add_tcase(s, header);

	tcase_add_loop_test(rules, test_check_message, 0, (int)FG_COUNT(check_cases));
	tcase_add_loop_test(rules, test_check_message_empty_scope, 0, 2);
	tcase_add_loop_test(rules, test_check_message_subject_empty_after_cleanup, 0, 3);
	tcase_add_loop_test(rules, test_check_message_length, 0, (int)FG_COUNT(length_cases));
	tcase_add_test(rules, test_check_message_subject_paragraph);
	tcase_add_test(rules, test_check_message_subject_case);
	tcase_add_loop_test(rules, test_check_message_display, 0, (int)FG_COUNT(display_cases));
	tcase_add_loop_test(rules, test_check_message_body_urls, 0, (int)FG_COUNT(url_cases));
	tcase_add_test(rules, test_check_message_long_without_type);
	tcase_add_test(rules, test_check_message_texts);
	tcase_add_loop_test(rules, test_check_message_where, 0, (int)FG_COUNT(where_cases));
	tcase_add_test(rules, test_check_message_long_line_excerpt);
	tcase_add_test(rules, test_check_message_many_lines);
	tcase_add_loop_test(rules, test_check_message_context, 0, (int)FG_COUNT(context_cases));
	tcase_add_test(rules, test_check_message_merge);
	tcase_add_test(rules, test_check_message_encoding);
	tcase_add_test(rules, test_check_message_hints);
	tcase_add_test(rules, test_check_message_reword_hint);
	tcase_add_test(rules, test_check_message_squash_msg);
	tcase_add_loop_test(rules, test_check_message_cc, 0, (int)FG_COUNT(cc_cases));
	tcase_add_test(rules, test_check_message_cc_where);
	suite_add_tcase(s, rules);
	return s;
}

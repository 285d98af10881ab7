/*
 * Tests of cleanup.c: what git 2.39 decides to do to a commit message
 * (get_cleanup_mode and cleanup_message: commit.cleanup, whether an editor
 * was launched, commit.verbose, core.commentChar including "auto") and how
 * it does it (wt_status_locate_end's scissors line, strbuf_stripspace).
 */
#include <stdlib.h>
#include <string.h>
#include "check_flowgate.h"
#include "cleanup.h"

#define SCISSORS(c) c " ------------------------ >8 ------------------------\n"

/* git's commit template (git 2.39, `git commit -v`) with comment character C. */
#define TEMPLATE(c) \
	"\n" \
	c " Please enter the commit message for your changes. Lines starting\n" \
	c " with '" c "' will be ignored, and an empty message aborts the commit.\n" \
	c "\n" \
	c " On branch feature/new-cli\n" \
	c " Changes to be committed:\n" \
	c "\tmodified:   half_orm/version.txt\n" \
	c "\n"

/* What `git commit -v` puts below the scissors: lines that look like headers. */
#define VERBOSE_DIFF(c) \
	SCISSORS(c) \
	c " Do not modify or remove the line above.\n" \
	c " Everything below it will be ignored.\n" \
	"diff --git a/half_orm/version.txt b/half_orm/version.txt\n" \
	"@@ -1 +1 @@\n" \
	"-0.16.0-rc1\n" \
	"+0.16.0-rc2\n" \
	"wip: this line is not part of the message\n"

/* strbuf_stripspace, with and without comment lines (FG_COMMENT_NONE). */
static const struct {
	const char *name;
	struct fg_bytes raw;
	int comment_char;
	const char *want;
} strip_cases[] = {
	{ "one final newline is added", FG_BYTES("feat: add x"), FG_COMMENT_NONE, "feat: add x\n" },
	{ "trailing spaces, tabs and CR trimmed", FG_BYTES("feat: x  \t\r\n\nbody \r\n"), '#',
	  "feat: x\n\nbody\n" },
	{ "CRLF line ends become LF", FG_BYTES("feat: x\r\n\r\nbody line\r\n"), FG_COMMENT_NONE,
	  "feat: x\n\nbody line\n" },
	{ "\\v and \\f are not git's white space", FG_BYTES("feat: x\v\n\nbody\f\n"), FG_COMMENT_NONE,
	  "feat: x\v\n\nbody\f\n" },
	{ "leading space is kept", FG_BYTES("feat: x\n\n    indented\n"), FG_COMMENT_NONE,
	  "feat: x\n\n    indented\n" },
	{ "leading, trailing and repeated blank lines", FG_BYTES("\n\n  \nfeat: x\n\n\n\nbody\n\n\n"),
	  FG_COMMENT_NONE, "feat: x\n\nbody\n" },
	{ "comment lines dropped, '#' with no space too",
	  FG_BYTES("# note\nfeat: x\n#note\n\nbody\n# more\n"), '#', "feat: x\n\nbody\n" },
	{ "a comment line between paragraphs keeps one blank line",
	  FG_BYTES("feat: x\n\n# c\n\nbody\n"), '#', "feat: x\n\nbody\n" },
	{ "a comment line alone between lines joins them",
	  FG_BYTES("feat: x\n# c\nbody\n"), '#', "feat: x\nbody\n" },
	{ "comments kept without a comment character", FG_BYTES("feat: x\n\n# kept\n"),
	  FG_COMMENT_NONE, "feat: x\n\n# kept\n" },
	{ "another character's comments are lines", FG_BYTES("fix: #1\n\n#1 is it\n; c\n"), ';',
	  "fix: #1\n\n#1 is it\n" },
	{ "an indented '#' is not a comment", FG_BYTES("feat: x\n\n # kept\n"), '#',
	  "feat: x\n\n # kept\n" },
	{ "blank lines only: empty", FG_BYTES(" \n\t\n\r\n"), FG_COMMENT_NONE, "" },
	{ "comments only: empty", FG_BYTES(TEMPLATE("#")), '#', "" },
	{ "empty", FG_BYTES(""), '#', "" },
	{ "UTF-8 kept", FG_BYTES("docs: d\xc3\xa9" "crire \xe2\x9c\x93 \n"), '#',
	  "docs: d\xc3\xa9" "crire \xe2\x9c\x93\n" },
};

START_TEST(test_stripspace)
{
	size_t len = strip_cases[_i].raw.len;
	char *buf = malloc(len + 1);
	size_t n;

	ck_assert_ptr_nonnull(buf);
	memcpy(buf, strip_cases[_i].raw.data, len);
	n = fg_stripspace(buf, len, strip_cases[_i].comment_char);
	ck_assert_msg(n == strlen(strip_cases[_i].want) && !memcmp(buf, strip_cases[_i].want, n),
		      "%s: got \"%.*s\"", strip_cases[_i].name, (int)n, buf);
	free(buf);
}
END_TEST

/* wt_status_locate_end: the first scissors line of the comment character, LF-ended. */
static const struct {
	const char *name;
	const char *raw;
	int comment_char;
	size_t want; /* SIZE_MAX: the whole length */
} scissors_cases[] = {
	{ "none", "feat: x\n\nbody\n", '#', SIZE_MAX },
	{ "after the message", "feat: x\n" SCISSORS("#") "diff\n", '#', 8 },
	{ "at the very start", SCISSORS("#") "feat: below\n", '#', 0 },
	{ "the first of two", "a\n" SCISSORS("#") "b\n" SCISSORS("#") "c\n", '#', 2 },
	{ "another character's line is text", "feat: x\n" SCISSORS(";") "kept\n", '#', SIZE_MAX },
	{ "with ';'", "feat: x\n" SCISSORS(";") "diff\n", ';', 8 },
	{ "CRLF: not git's line", "feat: x\r\n# ------------------------ >8 ------------------------\r\nd\r\n",
	  '#', SIZE_MAX },
	{ "unterminated last line: not git's line",
	  "feat: x\n# ------------------------ >8 ------------------------", '#', SIZE_MAX },
	{ "a longer dash line is not it",
	  "feat: x\n# ------------------------- >8 -------------------------\nkept\n", '#', SIZE_MAX },
	{ "text after the dashes is not it",
	  "feat: x\n# ------------------------ >8 ------------------------ x\nkept\n", '#', SIZE_MAX },
	{ "no space after the character is not it",
	  "feat: x\n#------------------------ >8 ------------------------\nkept\n", '#', SIZE_MAX },
	{ "no comment character: nothing cut", "feat: x\n" SCISSORS("#") "d\n", FG_COMMENT_NONE,
	  SIZE_MAX },
};

START_TEST(test_scissors)
{
	const char *raw = scissors_cases[_i].raw;
	size_t len = strlen(raw), want = scissors_cases[_i].want == SIZE_MAX ? len
					 : scissors_cases[_i].want;

	ck_assert_msg(fg_cleanup_scissors(raw, len, scissors_cases[_i].comment_char) == want,
		      "%s: got %zu, want %zu", scissors_cases[_i].name,
		      fg_cleanup_scissors(raw, len, scissors_cases[_i].comment_char), want);
}
END_TEST

static const struct {
	struct fg_bytes raw;
	int want;
} template_cases[] = {
	{ FG_BYTES("x\n" TEMPLATE("#")), '#' },
	{ FG_BYTES("x\n" TEMPLATE(";")), ';' },
	{ FG_BYTES("x\n" TEMPLATE("@")), '@' },
	{ FG_BYTES("x\n\n" SCISSORS("%")), '%' },
	{ FG_BYTES("Merge branch 'x'\n\n! Please enter a commit message to explain why this merge is necessary,\n"), '!' },
	{ FG_BYTES("x\n\n# ------------------------ >8 ------------------------"), FG_COMMENT_NONE },
	{ FG_BYTES("feat: x\n"), FG_COMMENT_NONE },
	{ FG_BYTES("feat: x\n\nPlease enter the commit message\n"), FG_COMMENT_NONE },
	{ FG_BYTES("feat: x\n\n#Please enter the commit message\n"), FG_COMMENT_NONE },
	/* a Latin-1 diff below does not hide the template (line by line) */
	{ FG_BYTES("x\n" TEMPLATE(";") "-caf\xe9\n"), ';' },
	{ FG_BYTES(""), FG_COMMENT_NONE },
};

START_TEST(test_template_char)
{
	ck_assert_int_eq(fg_cleanup_template_char(template_cases[_i].raw.data,
						  template_cases[_i].raw.len),
			 template_cases[_i].want);
}
END_TEST

static const struct {
	const char *value;
	enum fg_cleanup want;
} parse_cases[] = {
	{ "default", FG_CLEANUP_DEFAULT },
	{ "strip", FG_CLEANUP_STRIP },
	{ "whitespace", FG_CLEANUP_WHITESPACE },
	{ "verbatim", FG_CLEANUP_VERBATIM },
	{ "scissors", FG_CLEANUP_SCISSORS },
	{ NULL, FG_CLEANUP_DEFAULT },
	{ "", FG_CLEANUP_DEFAULT },
	{ "Strip", FG_CLEANUP_DEFAULT },
	{ "bogus", FG_CLEANUP_DEFAULT },
};

START_TEST(test_cleanup_parse)
{
	ck_assert_int_eq(fg_cleanup_parse(parse_cases[_i].value), parse_cases[_i].want);
}
END_TEST

START_TEST(test_cleanup_editor)
{
	ck_assert_int_eq(fg_cleanup_editor(":"), 0);
	ck_assert_int_eq(fg_cleanup_editor(NULL), 1);
	ck_assert_int_eq(fg_cleanup_editor("vi"), 1);
	ck_assert_int_eq(fg_cleanup_editor(": "), 1);
	ck_assert_int_eq(fg_cleanup_editor("true"), 1);
}
END_TEST

/* get_cleanup_mode and cleanup_message's choices (git 2.39, sequencer.c). */
static const struct {
	const char *name;
	const char *raw;
	enum fg_cleanup cleanup;
	int editor, verbose, configured;
	enum fg_cleanup_mode mode;
	int cut, comment_char;
} decide_cases[] = {
	{ "default, no editor (-m, -F): whitespace", "feat: x\n", FG_CLEANUP_DEFAULT, 0, 0, '#',
	  FG_MODE_SPACE, 0, '#' },
	{ "default, editor: strip", "feat: x\n", FG_CLEANUP_DEFAULT, 1, 0, '#', FG_MODE_ALL, 1, '#' },
	{ "default, GIT_EDITOR=: but git's template: an editor ran (a no-op one)",
	  "feat: x\n" TEMPLATE("#"), FG_CLEANUP_DEFAULT, 0, 0, '#', FG_MODE_ALL, 1, '#' },
	{ "default, unknown, template: editor", "feat: x\n" TEMPLATE("#"), FG_CLEANUP_DEFAULT,
	  FG_EDITOR_UNKNOWN, 0, '#', FG_MODE_ALL, 1, '#' },
	{ "default, unknown, no template: no editor", "feat: x\n", FG_CLEANUP_DEFAULT,
	  FG_EDITOR_UNKNOWN, 0, '#', FG_MODE_SPACE, 0, '#' },
	{ "strip, no editor", "feat: x\n", FG_CLEANUP_STRIP, 0, 0, '#', FG_MODE_ALL, 0, '#' },
	{ "whitespace, editor (cuts a -v diff)", "feat: x\n", FG_CLEANUP_WHITESPACE, 1, 0, '#',
	  FG_MODE_SPACE, 1, '#' },
	{ "verbatim, no editor", "feat: x\n", FG_CLEANUP_VERBATIM, 0, 0, '#', FG_MODE_NONE, 0, '#' },
	{ "verbatim, editor", "feat: x\n", FG_CLEANUP_VERBATIM, 1, 0, '#', FG_MODE_NONE, 1, '#' },
	{ "scissors, editor", "feat: x\n", FG_CLEANUP_SCISSORS, 1, 0, ';', FG_MODE_SCISSORS, 1, ';' },
	{ "scissors, no editor: whitespace", "feat: x\n", FG_CLEANUP_SCISSORS, 0, 0, '#',
	  FG_MODE_SPACE, 0, '#' },
	{ "commit.verbose, no editor: cut", "feat: x\n", FG_CLEANUP_DEFAULT, 0, 1, '#', FG_MODE_SPACE,
	  1, '#' },
	{ "auto, template ';'", "#1 x\n" TEMPLATE(";"), FG_CLEANUP_DEFAULT, 1, 0, FG_COMMENT_AUTO,
	  FG_MODE_ALL, 1, ';' },
	{ "auto, scissors '%'", "x\n" VERBOSE_DIFF("%"), FG_CLEANUP_DEFAULT, 1, 0, FG_COMMENT_AUTO,
	  FG_MODE_ALL, 1, '%' },
	{ "auto, no template: '#'", "x\n", FG_CLEANUP_STRIP, 1, 0, FG_COMMENT_AUTO, FG_MODE_ALL, 1,
	  '#' },
};

START_TEST(test_cleanup_decide)
{
	struct fg_cleanup_plan plan;
	const char *raw = decide_cases[_i].raw;

	fg_cleanup_decide(&plan, decide_cases[_i].cleanup, decide_cases[_i].editor,
			  decide_cases[_i].verbose, decide_cases[_i].configured, raw, strlen(raw));
	ck_assert_msg(plan.mode == decide_cases[_i].mode && plan.cut == decide_cases[_i].cut &&
		      plan.comment_char == decide_cases[_i].comment_char,
		      "%s: mode %d cut %d char %d", decide_cases[_i].name, (int)plan.mode, plan.cut,
		      plan.comment_char);
}
END_TEST

/* The whole cleanup of a message file, as git stores it. */
static const struct {
	const char *name;
	struct fg_bytes raw;
	enum fg_cleanup cleanup;
	int editor, configured;
	int rc;
	const char *want;
} apply_cases[] = {
	{ "edited with git's template", FG_BYTES("fix(core): y\n" TEMPLATE("#")), FG_CLEANUP_DEFAULT,
	  1, '#', 0, "fix(core): y\n" },
	{ "-m: '#' lines are the message", FG_BYTES("# note\nfeat: x\n"), FG_CLEANUP_DEFAULT, 0, '#',
	  0, "# note\nfeat: x\n" },
	{ "commit.status=false, editor: '#' lines stripped", FG_BYTES("# note\nfeat: x\n"),
	  FG_CLEANUP_DEFAULT, 1, '#', 0, "feat: x\n" },
	{ "';' configured: ';' stripped, '#' kept",
	  FG_BYTES("; note\nfix: #123 crash\n\n#123 is it\n" TEMPLATE(";")), FG_CLEANUP_DEFAULT, 1,
	  ';', 0, "fix: #123 crash\n\n#123 is it\n" },
	{ "-v: the diff below the scissors is not the message",
	  FG_BYTES("feat: x\n\nbody\n" TEMPLATE("#") VERBOSE_DIFF("#")), FG_CLEANUP_DEFAULT, 1, '#', 0,
	  "feat: x\n\nbody\n" },
	{ "-v with a Latin-1 diff and auto ';'",
	  FG_BYTES("feat: x\n" TEMPLATE(";") VERBOSE_DIFF(";") "-caf\xe9\n"), FG_CLEANUP_DEFAULT, 1,
	  FG_COMMENT_AUTO, 0, "feat: x\n" },
	{ "scissors keeps comment lines above the cut",
	  FG_BYTES("# header\nfeat: x\n" VERBOSE_DIFF("#")), FG_CLEANUP_SCISSORS, 1, '#', 0,
	  "# header\nfeat: x\n" },
	{ "scissors -m: whitespace, '#' kept", FG_BYTES("# header\n\nfeat: x\n"), FG_CLEANUP_SCISSORS,
	  0, '#', 0, "# header\n\nfeat: x\n" },
	{ "verbatim: as it is", FG_BYTES("feat: x  \n\n# kept\n\n\n"), FG_CLEANUP_VERBATIM, 0, '#', 0,
	  "feat: x  \n\n# kept\n\n\n" },
	{ "verbatim, -v: cut, nothing else", FG_BYTES("feat: x  \n" VERBOSE_DIFF("#")),
	  FG_CLEANUP_VERBATIM, 1, '#', 0, "feat: x  \n" },
	{ "scissors as the first line: empty", FG_BYTES(SCISSORS("#") "feat: below\n"),
	  FG_CLEANUP_DEFAULT, 1, '#', 0, "" },
	{ "CRLF scissors line is not cut (as git)",
	  FG_BYTES("feat: x\r\n# ------------------------ >8 ------------------------\r\ndiff\r\n"),
	  FG_CLEANUP_DEFAULT, 1, '#', 0, "feat: x\ndiff\n" },
	{ "a NUL byte", FG_BYTES("feat: x\0hidden\n"), FG_CLEANUP_DEFAULT, 0, '#', -1, NULL },
	{ "a NUL byte below the scissors too", FG_BYTES("feat: x\n" SCISSORS("#") "\0"),
	  FG_CLEANUP_DEFAULT, 1, '#', -1, NULL },
};

START_TEST(test_cleanup_apply)
{
	struct fg_cleanup_plan plan;
	char *out = (char *)"sentinel";
	size_t n = 99;
	int rc;

	fg_cleanup_decide(&plan, apply_cases[_i].cleanup, apply_cases[_i].editor, 0,
			  apply_cases[_i].configured, apply_cases[_i].raw.data, apply_cases[_i].raw.len);
	rc = fg_cleanup_apply(&out, &n, apply_cases[_i].raw.data, apply_cases[_i].raw.len, &plan);
	ck_assert_msg(rc == apply_cases[_i].rc, "%s: rc %d", apply_cases[_i].name, rc);
	if (rc == 0) {
		ck_assert_ptr_nonnull(out);
		ck_assert_uint_eq(n, strlen(out));
		ck_assert_msg(!strcmp(out, apply_cases[_i].want), "%s: got \"%s\"",
			      apply_cases[_i].name, out);
	} else {
		ck_assert_ptr_null(out);
	}
	free(out);
}
END_TEST

/*
 * Every line of a 4 MiB message is handled once: the cleanup of 200,000
 * lines ends with the expected result (libgit2's git_message_prettify,
 * quadratic, took minutes on such input; the bench times it).
 */
START_TEST(test_cleanup_many_lines)
{
	size_t nlines = 200000, len = 0, n = 0;
	char *raw = malloc(nlines * 22 + 16), *out = NULL;
	struct fg_cleanup_plan plan = { FG_MODE_ALL, 1, '#' };

	ck_assert_ptr_nonnull(raw);
	len += (size_t)sprintf(raw, "feat: x\n\n");
	for (size_t i = 0; i < nlines; i++)
		len += (size_t)sprintf(raw + len, i % 2 ? "# comment %06zu  \n" : "line %06zu   \n", i);
	ck_assert_int_eq(fg_cleanup_apply(&out, &n, raw, len, &plan), 0);
	ck_assert_uint_eq(n, 9 + (nlines / 2) * 12);
	ck_assert(!strncmp(out, "feat: x\n\nline 000000\nline 000002\n", 33));
	free(out);
	free(raw);
}
END_TEST

Suite *cleanup_suite(void)
{
	Suite *s = suite_create("cleanup");
	TCase *tc = tcase_create("cleanup");

	tcase_add_loop_test(tc, test_stripspace, 0, (int)FG_COUNT(strip_cases));
	tcase_add_loop_test(tc, test_scissors, 0, (int)FG_COUNT(scissors_cases));
	tcase_add_loop_test(tc, test_template_char, 0, (int)FG_COUNT(template_cases));
	tcase_add_loop_test(tc, test_cleanup_parse, 0, (int)FG_COUNT(parse_cases));
	tcase_add_test(tc, test_cleanup_editor);
	tcase_add_loop_test(tc, test_cleanup_decide, 0, (int)FG_COUNT(decide_cases));
	tcase_add_loop_test(tc, test_cleanup_apply, 0, (int)FG_COUNT(apply_cases));
	tcase_add_test(tc, test_cleanup_many_lines);
	suite_add_tcase(s, tc);
	return s;
}

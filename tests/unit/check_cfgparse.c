/*
 * Tests of cfgparse.c: git-config text parsed from a buffer (its length,
 * its syntax errors), [include] and [includeIf] refused before libgit2
 * could follow them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "check_flowgate.h"
#include "config_fixtures.h"

/* fg_config_parse_buffer reads DATA[0..LEN) only. */
START_TEST(test_config_parse_buffer_len)
{
	static const char text[] = "[tag]\n\tprefix = r\n[broken";
	git_config *file = NULL;
	struct fg_config cfg;

	ck_assert_int_lt(fg_config_parse_buffer(&file, text, strlen(text)), 0);
	ck_assert_ptr_null(file);
	git_error_clear();
	ck_assert_int_eq(fg_config_parse_buffer(&file, text, strlen(text) - strlen("[broken")), 0);
	ck_assert_int_eq(fg_config_init(&cfg), 0);
	ck_assert_int_eq(fg_config_apply_file(&cfg, file, FG_TEST_ORIGIN), 0);
	ck_assert_str_eq(cfg.tag_prefix, "r");
	git_config_free(file);
	fg_config_release(&cfg);
}
END_TEST

/*
 * A syntax error: a negative libgit2 error saying what is wrong and, for
 * most errors, the line (libgit2 1.5.1 names none for a bad escape).
 */
static const struct {
	const char *text;
	unsigned long line; /* 0: the message names no line */
	const char *says;
} syntax_cases[] = {
	{ "[rule \"typeEnum\"\n\tseverity = warn\n", 1, "failed to parse config file" },
	{ "[tag]\n\n\n\t= v\n", 4, "invalid configuration key" },
	{ "[tag]\n\tprefix = v\na key with spaces = 1\n", 3, "invalid configuration key" },
	{ "[tag]\n\tprefix = v\n[versionFile \"VERSION\"]\n\tpattern = ^(\\d+)$\n", 0,
	  "invalid escape" },
};

START_TEST(test_config_parse_buffer_syntax_error)
{
	const char *text = syntax_cases[_i].text, *msg, *in, *colon;
	git_config *file = NULL;
	const git_error *e;

	ck_assert_int_lt(fg_config_parse_buffer(&file, text, strlen(text)), 0);
	ck_assert_ptr_null(file);
	e = git_error_last();
	ck_assert_ptr_nonnull(e);
	msg = e->message;
	ck_assert_msg(strstr(msg, syntax_cases[_i].says), "'%s' does not say '%s'", msg,
		      syntax_cases[_i].says);
	if (syntax_cases[_i].line) {
		ck_assert_ptr_nonnull(in = strstr(msg, " (in "));
		ck_assert_ptr_nonnull(colon = strrchr(in, ':'));
		ck_assert_msg(strtoul(colon + 1, NULL, 10) == syntax_cases[_i].line,
			      "'%s': want line %lu", msg, syntax_cases[_i].line);
	}
	git_error_clear();
}
END_TEST

/*
 * libgit2 follows [include] path while it opens a file: a committed
 * .flowgate naming a FIFO made the hooks block for ever, one naming any
 * readable file (~/.gitconfig) made them read it into the snapshot.
 * Refused before libgit2 sees the text.
 */
static const struct {
	const char *text;
	size_t line; /* 0: parses */
} include_cases[] = {
	{ "[include]\n\tpath = ~/.gitconfig\n", 1 },
	{ "[tag]\n\tprefix = v\n[include]\n\tpath = /tmp/x\n", 3 },
	{ "[INCLUDE]\n\tpath = x\n", 1 },
	{ "  \t[ Include ]\n", 1 },
	{ "[includeIf \"gitdir:/\"]\n\tpath = x\n", 1 },
	{ "\xef\xbb\xbf[include]\n\tpath = x\n", 1 },
	{ "[tag]\n\tprefix = v ; [include]\n", 0 },
	{ "[tag]\n\tmessagePrefixes = release: [include]\n", 0 },
};

START_TEST(test_config_include_refused)
{
	git_config *file = NULL;
	const char *text = include_cases[_i].text;
	int rc = fg_config_parse_buffer(&file, text, strlen(text));

	if (!include_cases[_i].line) {
		ck_assert_int_eq(rc, 0);
	} else {
		char in[48];

		ck_assert_int_lt(rc, 0);
		ck_assert_ptr_null(file);
		ck_assert_ptr_nonnull(git_error_last());
		snprintf(in, sizeof(in), "(in .flowgate:%zu)", include_cases[_i].line);
		ck_assert_msg(strstr(git_error_last()->message, in), "'%s': %s", text,
			      git_error_last()->message);
	}
	git_config_free(file);
	git_error_clear();
}
END_TEST

/* No FIFO is ever opened: parsing returns at once (it used to block in open(2)). */
START_TEST(test_config_include_fifo)
{
	char *dir = fg_test_mkdtemp(), *fifo = fg_strdupf("%s/fifo", dir);
	char *text = fg_strdupf("[include]\n\tpath = %s\n", fifo);
	git_config *file = NULL;

	ck_assert_int_eq(mkfifo(fifo, 0600), 0);
	ck_assert_int_lt(fg_config_parse_buffer(&file, text, strlen(text)), 0);
	ck_assert_ptr_null(file);
	git_error_clear();
	free(text);
	free(fifo);
	fg_test_rmtree(dir);
}
END_TEST

Suite *cfgparse_suite(void)
{
	Suite *s = suite_create("cfgparse");
	TCase *parse = tcase_create("parse");
	TCase *include = tcase_create("include");

	tcase_add_test(parse, test_config_parse_buffer_len);
	tcase_add_loop_test(parse, test_config_parse_buffer_syntax_error, 0, (int)FG_COUNT(syntax_cases));
	suite_add_tcase(s, parse);

	tcase_add_loop_test(include, test_config_include_refused, 0, (int)FG_COUNT(include_cases));
	tcase_add_test(include, test_config_include_fifo);
	suite_add_tcase(s, include);
	return s;
}

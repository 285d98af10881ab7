/*
 * Tests of guide.c: prepare-commit-msg's lines under a configuration, the
 * comment character git picks for core.commentChar = auto, and where the
 * lines go in the file git wrote for each cleanup mode.
 */
#include <stdlib.h>
#include <string.h>
#include "check_flowgate.h"
#include "guide.h"

/* The default configuration: the header line, the types, the breaking line. */
START_TEST(test_guide_lines_default)
{
	struct fg_config cfg;
	struct fg_guide g = { "main", NULL, NULL };
	char *text;

	ck_assert_int_eq(fg_config_init(&cfg), 0);
	text = fg_guide_lines(&cfg, &g, '#');
	ck_assert_str_eq(text,
			 "# flowgate: the header is 'type(scope)!: subject', at most 72 characters\n"
			 "#   types: feat fix docs style refactor perf test build ci chore revert\n"
			 "#          release hotfix maintenance\n"
			 "#   a breaking change: 'type!: ...' or a footer 'BREAKING CHANGE: "
			 "<what breaks>'\n"
			 "#\n");
	free(text);
	fg_config_release(&cfg);
}
END_TEST

/* Rules turned off say nothing; scopes, a hotfix branch, a version. */
START_TEST(test_guide_lines_configured)
{
	struct fg_config cfg;
	struct fg_guide g = { "hotfix/pool-leak", "0.16.1", "0.16.0" };
	char *text;

	ck_assert_int_eq(fg_config_init(&cfg), 0);
	cfg.severity[FG_RULE_TYPE_ENUM] = FG_OFF;
	cfg.severity[FG_RULE_HEADER_MAX_LENGTH] = FG_OFF;
	cfg.scopes = calloc(2, sizeof(char *));
	cfg.scopes[0] = strdup("cli");
	cfg.scopes[1] = strdup("co\033re"); /* a control byte from a committed file */
	cfg.nscopes = 2;
	text = fg_guide_lines(&cfg, &g, ';');
	ck_assert_str_eq(text,
			 "; flowgate: the header is 'type(scope)!: subject'\n"
			 ";   scopes (or none): cli co\\x1bre\n"
			 ";   on hotfix/pool-leak: type fix or hotfix (a hotfix branch holds fixes only)\n"
			 ";   the staged version files change 0.16.0 -> 0.16.1:\n"
			 ";   name it in the header, e.g. 'fix: prepare release 0.16.1'\n"
			 ";   a breaking change: 'type!: ...' or a footer 'BREAKING CHANGE: "
			 "<what breaks>'\n"
			 ";\n");
	free(text);
	/* the rules that say what the branch and the version ask, off */
	cfg.severity[FG_RULE_BRANCH_COMMIT_TYPE] = FG_OFF;
	cfg.severity[FG_RULE_VERSION_BUMP_MESSAGE] = FG_OFF;
	text = fg_guide_lines(&cfg, &g, '#');
	ck_assert_ptr_null(strstr(text, "hotfix"));
	ck_assert_ptr_null(strstr(text, "0.16.1"));
	free(text);
	fg_config_release(&cfg);
}
END_TEST

/* A docs branch; a -dev version without a version before it. */
START_TEST(test_guide_lines_docs_dev)
{
	struct fg_config cfg;
	struct fg_guide docs = { "docs/tutorial", NULL, NULL }, dev = { "main", "0.17.0-dev", NULL };
	char *text;

	ck_assert_int_eq(fg_config_init(&cfg), 0);
	text = fg_guide_lines(&cfg, &docs, '#');
	ck_assert_ptr_nonnull(strstr(text, "#   on docs/tutorial: type docs (a docs branch holds "
					   "documentation only)\n#   e.g. 'docs: "));
	free(text);
	text = fg_guide_lines(&cfg, &dev, '#');
	ck_assert_ptr_nonnull(strstr(text, "#   the staged version files change the version to "
					   "0.17.0-dev:\n#   name it in the header, e.g. 'chore: bump "
					   "version to 0.17.0-dev'\n"));
	free(text);
	fg_config_release(&cfg);
}
END_TEST

/* git's adjust_comment_line_char. */
static const struct {
	const char *raw;
	int want;
} chars[] = {
	{ "", '#' },
	{ "no hash here\n", '#' },
	{ "a # inside a line\n", '#' }, /* only a line's first character counts */
	{ "#1\n", ';' },
	{ "#1\n;2\n", '@' },
	{ "x\r#y\n;z\n", '@' },
	{ "#\n;\n@\n!\n$\n%\n^\n&\n|\n:\n", 0 },
};

START_TEST(test_guide_comment_char)
{
	ck_assert_int_eq(fg_guide_comment_char(chars[_i].raw, strlen(chars[_i].raw)), chars[_i].want);
}
END_TEST

#define CUT "# ------------------------ >8 ------------------------\n"
#define L "#G\n"

static const struct {
	const char *raw;
	enum fg_cleanup_mode mode;
	const char *want; /* NULL: nowhere */
} inserts[] = {
	/* strip: above git's template */
	{ "\n# Please enter the commit message for your changes. Lines starting\n"
	  "# with '#' will be ignored, and an empty message aborts the commit.\n#\n",
	  FG_MODE_ALL,
	  "\n" L "# Please enter the commit message for your changes. Lines starting\n"
	  "# with '#' will be ignored, and an empty message aborts the commit.\n#\n" },
	/* strip, a template's text above git's */
	{ "Title\n\n# Please enter\n", FG_MODE_ALL, "Title\n\n" L "# Please enter\n" },
	/* strip, no comment line: at the end, on a line of its own */
	{ "Title", FG_MODE_ALL, "Title\n" L },
	{ "", FG_MODE_ALL, L },
	/* git's scissors template (--cleanup=scissors) under a strip plan: below */
	{ "\n" CUT "# Do not modify or remove the line above.\n# Everything below it will be "
	  "ignored.\n#\n# On branch main\n", FG_MODE_ALL,
	  "\n" CUT "# Do not modify or remove the line above.\n# Everything below it will be "
	  "ignored.\n" L "#\n# On branch main\n" },
	/* scissors: below the cut line and git's two lines */
	{ "\n" CUT "# Do not modify\n# Everything below\n#\n", FG_MODE_SCISSORS,
	  "\n" CUT "# Do not modify\n# Everything below\n" L "#\n" },
	{ "\n" CUT, FG_MODE_SCISSORS, "\n" CUT L },
	{ "\n# no cut line\n", FG_MODE_SCISSORS, NULL },
	/* whitespace, verbatim: comment lines would be kept */
	{ "\n# Please enter\n", FG_MODE_SPACE, NULL },
	{ "\n# Please enter\n", FG_MODE_NONE, NULL },
	{ "\n" CUT "# Do not modify\n", FG_MODE_SPACE, NULL },
	/* git's template says they are kept (a --cleanup on git's command line) */
	{ "\n# Please enter the commit message for your changes. Lines starting\n"
	  "# with '#' will be kept; you may remove them yourself if you want to.\n",
	  FG_MODE_ALL, NULL },
};

START_TEST(test_guide_insert)
{
	struct fg_cleanup_plan plan = { inserts[_i].mode, 1, '#' };
	char *out;
	size_t len;
	int rc = fg_guide_insert(&out, &len, inserts[_i].raw, strlen(inserts[_i].raw), &plan, L);

	if (!inserts[_i].want) {
		ck_assert_int_eq(rc, 0);
		ck_assert_ptr_null(out);
		return;
	}
	ck_assert_int_eq(rc, 1);
	ck_assert_str_eq(out, inserts[_i].want);
	ck_assert_uint_eq(len, strlen(inserts[_i].want));
	free(out);
}
END_TEST

/* No comment character: nowhere. */
START_TEST(test_guide_insert_no_char)
{
	struct fg_cleanup_plan plan = { FG_MODE_ALL, 1, FG_COMMENT_NONE };
	char *out;
	size_t len;

	ck_assert_int_eq(fg_guide_insert(&out, &len, "x\n", 2, &plan, L), 0);
	ck_assert_ptr_null(out);
}
END_TEST

Suite *guide_suite(void)
{
	Suite *s = suite_create("guide");
	TCase *tc = tcase_create("guide");

	tcase_add_test(tc, test_guide_lines_default);
	tcase_add_test(tc, test_guide_lines_configured);
	tcase_add_test(tc, test_guide_lines_docs_dev);
	tcase_add_loop_test(tc, test_guide_comment_char, 0, FG_COUNT(chars));
	tcase_add_loop_test(tc, test_guide_insert, 0, FG_COUNT(inserts));
	tcase_add_test(tc, test_guide_insert_no_char);
	suite_add_tcase(s, tc);
	return s;
}

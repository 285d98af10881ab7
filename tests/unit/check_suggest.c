/*
 * Tests of suggest.c: the header a refused header most likely meant, and
 * that every header it proposes passes the message rules (issue 20, item
 * 17: a hint that proposes a value passes when followed).
 */
#include <stdlib.h>
#include <string.h>
#include "check_flowgate.h"
#include "message.h"
#include "suggest.h"

/* CFG: the defaults with the .flowgate TEXT over them (NULL: none). */
static void config_with(struct fg_config *cfg, const char *text)
{
	git_config *file = NULL;

	ck_assert_int_eq(fg_config_init(cfg), 0);
	if (!text)
		return;
	ck_assert_int_eq(fg_config_parse_buffer(&file, text, strlen(text)), 0);
	ck_assert_int_eq(fg_config_apply_file(cfg, file, ".flowgate"), 0);
	git_config_free(file);
}

#define SCOPES "[rule \"scopeEnum\"]\n\tscopes = cli core\n"
#define CASE "[rule \"subjectCase\"]\n\tseverity = error\n"
#define NOFIX "[rule \"typeEnum\"]\n\ttypes = feat docs chore\n"

static const struct {
	const char *config; /* .flowgate text, or NULL */
	const char *header;
	const char *want;   /* NULL: nothing proposed */
} cases[] = {
	/* the issue's own: the type the header names, not "fix: " before it */
	{ NULL, "feat (cli): x", "feat(cli): x" },
	{ NULL, "fix bug", "fix: bug" },
	{ NULL, "Fixed the bug", "fix: the bug" },
	{ NULL, "fix - the bug", "fix: the bug" },
	{ NULL, "feat(): x", "feat: x" },
	{ NULL, "feat ( cli ) ! : x", "feat(cli)!: x" },
	{ NULL, "feat:add x", "feat: add x" },
	{ NULL, "fix : x", "fix: x" },
	{ NULL, "[release] 0.16.0", "release: 0.16.0" },
	{ NULL, "[Feature]: add x", "feat: add x" },
	{ NULL, "Feat: x", "feat: x" },
	{ NULL, "FEATURE: x", "feat: x" },
	{ NULL, "fix: x.", "fix: x" },
	{ NULL, "fix: x...", "fix: x" },
	{ NULL, "  fix bug  ", "fix: bug" },
	{ NULL, "Revert \"feat: x\"", "revert: \"feat: x\"" },
	/* no type named: the whole header is the subject */
	{ NULL, "update stuff", "fix: update stuff" },
	{ NULL, "Merge stuff", "fix: Merge stuff" },
	{ NULL, "wip (core): x", "fix: wip (core): x" },
	{ NOFIX, "update stuff", "feat: update stuff" },
	/* what displays as other text than stored is dropped */
	{ NULL, "feat: a\xe2\x80\xae" "b", "feat: ab" },
	{ NULL, "feat a\rb", "feat: ab" },
	/* scopes: an unknown one is dropped, a known one kept */
	{ SCOPES, "feat(gui): x", "feat: x" },
	{ SCOPES, "feat (cli): x", "feat(cli): x" },
	/* subjectCase on: the subject in a case it takes */
	{ CASE, "Fix: Add the parser", "fix: add the parser" },
	/* nothing to propose: no subject, or too long */
	{ NULL, "fix", NULL },
	{ NULL, "feat:", NULL },
	{ NULL, "[release]", NULL },
	{ NULL, "", NULL },
	{ NULL, "fix: a subject long enough that no header made of it can fit in seventy-two characters", NULL },
};

START_TEST(test_suggest_header)
{
	struct fg_config cfg;
	struct fg_report report;
	const char *h = cases[_i].header;
	char *got;

	config_with(&cfg, cases[_i].config);
	got = fg_suggest_header(&cfg, h, strlen(h));
	if (!cases[_i].want) {
		ck_assert_msg(got == NULL, "'%s': proposed '%s'", h, got);
	} else {
		ck_assert_msg(got != NULL, "'%s': nothing proposed", h);
		ck_assert_str_eq(got, cases[_i].want);
		ck_assert(fg_header_passes(&cfg, got, strlen(got)));
		/* followed, it passes every message rule */
		fg_report_init(&report);
		report.severity = cfg.severity;
		ck_assert_uint_eq(fg_check_message(&report, &cfg, got, NULL, NULL), 0);
		fg_report_release(&report);
	}
	free(got);
	fg_config_release(&cfg);
}
END_TEST

/* The header rules as fg_header_passes judges them, each at its severity. */
START_TEST(test_header_passes)
{
	struct fg_config cfg;

	config_with(&cfg, SCOPES);
	ck_assert(fg_header_passes(&cfg, "feat(cli)!: x", 13));
	ck_assert(!fg_header_passes(&cfg, "feat(gui): x", 12));
	ck_assert(!fg_header_passes(&cfg, "Feat: x", 7));
	ck_assert(!fg_header_passes(&cfg, "wip: x", 6));
	ck_assert(!fg_header_passes(&cfg, "fix: x.", 7));
	ck_assert(!fg_header_passes(&cfg, "fix: ", 5));
	ck_assert(!fg_header_passes(&cfg, "Merge x", 7));
	ck_assert(!fg_header_passes(&cfg, "fixup! fix: x", 13));
	ck_assert(!fg_header_passes(&cfg, "fix: a\rb", 8));
	/* a rule turned off is not asked */
	cfg.severity[FG_RULE_SUBJECT_FULL_STOP] = FG_OFF;
	ck_assert(fg_header_passes(&cfg, "fix: x.", 7));
	fg_config_release(&cfg);
}
END_TEST

/* The type of a version commit, as flowgate bump --commit writes it. */
START_TEST(test_release_commit_type)
{
	struct fg_config cfg;

	config_with(&cfg, NULL);
	ck_assert_str_eq(fg_release_commit_type(&cfg, 0), "chore");
	fg_config_release(&cfg);
	config_with(&cfg, "[rule \"typeEnum\"]\n\ttypes = feat release\n");
	ck_assert_str_eq(fg_release_commit_type(&cfg, 0), "release");
	ck_assert_str_eq(fg_release_commit_type(&cfg, 1), "feat");
	fg_config_release(&cfg);
}
END_TEST

Suite *suggest_suite(void)
{
	Suite *s = suite_create("suggest");
	TCase *tc = tcase_create("suggest");

	tcase_add_loop_test(tc, test_suggest_header, 0, (int)FG_COUNT(cases));
	tcase_add_test(tc, test_header_passes);
	tcase_add_test(tc, test_release_commit_type);
	suite_add_tcase(s, tc);
	return s;
}

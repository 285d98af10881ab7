/*
 * Tests of summary.c: the rules' summaries with the configured values in
 * their placeholders, and the defaults that fill the README table and
 * flowgate-rules(7).
 */
#include <stdlib.h>
#include <string.h>
#include "check_flowgate.h"
#include "summary.h"

/* Every placeholder of the registry is filled in: no '{' is left. */
START_TEST(test_summary_no_placeholder_left)
{
	struct fg_config cfg;
	char *s;

	fg_rule_summary_defaults(&cfg);
	s = fg_rule_summary(&cfg, (enum fg_rule)_i);
	ck_assert_ptr_nonnull(s);
	ck_assert_msg(!strchr(s, '{') && !strchr(s, '}'), "%s: %s",
		      fg_rule_info((enum fg_rule)_i)->name, s);
	free(s);
}
END_TEST

/* The summaries' defaults are fg_config_init's. */
START_TEST(test_summary_defaults_are_the_configuration_defaults)
{
	struct fg_config init, defaults;

	ck_assert_int_eq(fg_config_init(&init), 0);
	fg_rule_summary_defaults(&defaults);
	ck_assert_uint_eq(defaults.header_max_length, init.header_max_length);
	ck_assert_uint_eq(defaults.body_max_line_length, init.body_max_line_length);
	ck_assert_int_eq(defaults.body_ignore_urls, init.body_ignore_urls);
	ck_assert_uint_eq(defaults.subject_cases, init.subject_cases);
	ck_assert_int_eq(defaults.subject_case_never, init.subject_case_never);
	fg_config_release(&init);
}
END_TEST

/* flowgate rules under a configuration: its values, not the defaults. */
START_TEST(test_summary_configured)
{
	struct fg_config cfg;
	char *s;

	fg_rule_summary_defaults(&cfg);
	cfg.header_max_length = 100;
	cfg.body_max_line_length = 80;
	cfg.body_ignore_urls = 0;
	cfg.subject_cases = FG_CASE_LOWER;
	cfg.subject_case_never = 0;
	s = fg_rule_summary(&cfg, FG_RULE_HEADER_MAX_LENGTH);
	ck_assert_ptr_nonnull(strstr(s, "at most 100 characters (rule.headerMaxLength.max)"));
	free(s);
	s = fg_rule_summary(&cfg, FG_RULE_BODY_MAX_LINE_LENGTH);
	ck_assert_str_eq(s, "every body line is at most 80 characters (rule.bodyMaxLineLength.max)");
	free(s);
	s = fg_rule_summary(&cfg, FG_RULE_SUBJECT_CASE);
	ck_assert_ptr_nonnull(strstr(s, "commit subject is in one of: lower-case (rule.subjectCase"));
	free(s);
	fg_rule_summary_defaults(&cfg);
	s = fg_rule_summary(&cfg, FG_RULE_BODY_MAX_LINE_LENGTH);
	ck_assert_str_eq(s, "every body line is at most 100 characters (rule.bodyMaxLineLength.max), "
			 "but a line holding a URL (rule.bodyMaxLineLength.ignoreUrls)");
	free(s);
	/* a summary without placeholders is itself */
	s = fg_rule_summary(&cfg, FG_RULE_TYPE_CASE);
	ck_assert_str_eq(s, fg_rule_info(FG_RULE_TYPE_CASE)->summary);
	free(s);
}
END_TEST

Suite *summary_suite(void)
{
	Suite *s = suite_create("summary");
	TCase *tc = tcase_create("summary");

	tcase_add_loop_test(tc, test_summary_no_placeholder_left, 0, FG_RULE__COUNT);
	tcase_add_test(tc, test_summary_defaults_are_the_configuration_defaults);
	tcase_add_test(tc, test_summary_configured);
	suite_add_tcase(s, tc);
	return s;
}

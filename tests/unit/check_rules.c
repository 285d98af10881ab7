/* Tests of the rule registry (rules.h): names, hooks, severities, summaries. */
#include <string.h>
#include "check_flowgate.h"
#include "rules.h"

/* ^[a-z][A-Za-z]+$, checked by hand so this suite does not rest on pattern.c. */
static int is_camel_case(const char *s)
{
	if (!(s[0] >= 'a' && s[0] <= 'z') || !s[1])
		return 0;
	for (size_t i = 1; s[i]; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z')))
			return 0;
	return 1;
}

START_TEST(test_rule_name_camel_case)
{
	const struct fg_rule_info *info = fg_rule_info((enum fg_rule)_i);

	ck_assert_ptr_nonnull(info);
	ck_assert_ptr_nonnull(info->name);
	ck_assert_msg(is_camel_case(info->name), "rule %d name '%s' is not camelCase", _i, info->name);
}
END_TEST

START_TEST(test_rule_name_unique)
{
	const char *name = fg_rule_info((enum fg_rule)_i)->name;

	for (int j = 0; j < FG_RULE__COUNT; j++)
		if (j != _i)
			ck_assert_msg(strcmp(name, fg_rule_info((enum fg_rule)j)->name) != 0,
				      "rules %d and %d are both named '%s'", _i, j, name);
}
END_TEST

START_TEST(test_rule_hooks_and_summary)
{
	const struct fg_rule_info *info = fg_rule_info((enum fg_rule)_i);
	const unsigned all = FG_HOOK_PRE_COMMIT | FG_HOOK_COMMIT_MSG | FG_HOOK_PRE_PUSH |
			     FG_HOOK_POST_MERGE | FG_HOOK_PRE_RECEIVE | FG_HOOK_POST_COMMIT |
			     FG_HOOK_PREPARE_COMMIT_MSG | FG_HOOK_APPLYPATCH_MSG |
			     FG_HOOK_PRE_APPLYPATCH;

	ck_assert_msg(info->hooks != 0, "rule '%s' runs in no hook", info->name);
	ck_assert_msg((info->hooks & ~all) == 0, "rule '%s' has unknown hook bits %#x", info->name,
		      info->hooks);
	ck_assert_ptr_nonnull(info->summary);
	ck_assert_msg(info->summary[0] != '\0', "rule '%s' has an empty summary", info->name);
	/* subjectCase alone is a style some teams want: off until configured */
	ck_assert_msg((info->severity > FG_OFF && info->severity <= FG_ERROR) ||
		      (_i == FG_RULE_SUBJECT_CASE && info->severity == FG_OFF),
		      "rule '%s' is off by default", info->name);
}
END_TEST

/*
 * git am's hooks run what git's samples run (issue 20, item 7):
 * applypatch-msg commit-msg's rules (but versionBumpMessage: the patch is
 * not applied yet), pre-applypatch pre-commit's.
 */
START_TEST(test_rule_am_hooks)
{
	const struct fg_rule_info *info = fg_rule_info((enum fg_rule)_i);
	int msg = (info->hooks & FG_HOOK_COMMIT_MSG) && _i != FG_RULE_VERSION_BUMP_MESSAGE;

	ck_assert_msg(!!(info->hooks & FG_HOOK_APPLYPATCH_MSG) == msg,
		      "rule '%s': applypatch-msg bit %s", info->name, msg ? "missing" : "set");
	ck_assert_msg(!!(info->hooks & FG_HOOK_PRE_APPLYPATCH) ==
		      !!(info->hooks & FG_HOOK_PRE_COMMIT), "rule '%s': pre-applypatch bit is not "
		      "pre-commit's", info->name);
}
END_TEST

/* The names the contract (and every user-facing message) promises. */
static const struct {
	enum fg_rule rule;
	const char *name;
	unsigned hook; /* a hook the rule must run in */
} contract_names[] = {
	{ FG_RULE_BRANCH_NAME, "branchName", FG_HOOK_PRE_COMMIT },
	{ FG_RULE_BRANCH_NAME, "branchName", FG_HOOK_PRE_PUSH },
	{ FG_RULE_HEADER_FORMAT, "headerFormat", FG_HOOK_COMMIT_MSG },
	{ FG_RULE_HEADER_FORMAT, "headerFormat", FG_HOOK_PRE_PUSH },
	{ FG_RULE_TYPE_ENUM, "typeEnum", FG_HOOK_COMMIT_MSG },
	{ FG_RULE_HEADER_MAX_LENGTH, "headerMaxLength", FG_HOOK_COMMIT_MSG },
	{ FG_RULE_SUBJECT_EMPTY, "subjectEmpty", FG_HOOK_COMMIT_MSG },
	{ FG_RULE_TYPE_CASE, "typeCase", FG_HOOK_COMMIT_MSG },
	{ FG_RULE_TYPE_CASE, "typeCase", FG_HOOK_PRE_PUSH },
	{ FG_RULE_SUBJECT_FULL_STOP, "subjectFullStop", FG_HOOK_COMMIT_MSG },
	{ FG_RULE_SUBJECT_CASE, "subjectCase", FG_HOOK_COMMIT_MSG },
	{ FG_RULE_SUBJECT_CASE, "subjectCase", FG_HOOK_PRE_PUSH },
	{ FG_RULE_BODY_LEADING_BLANK, "bodyLeadingBlank", FG_HOOK_COMMIT_MSG },
	{ FG_RULE_FOOTER_FORMAT, "footerFormat", FG_HOOK_COMMIT_MSG },
	{ FG_RULE_BREAKING_CHANGE_FORMAT, "breakingChangeFormat", FG_HOOK_COMMIT_MSG },
	{ FG_RULE_BREAKING_CHANGE_FORMAT, "breakingChangeFormat", FG_HOOK_PRE_PUSH },
	{ FG_RULE_VERSION_FORMAT, "versionFormat", FG_HOOK_PRE_COMMIT },
	{ FG_RULE_VERSION_CONSISTENCY, "versionConsistency", FG_HOOK_PRE_COMMIT },
	{ FG_RULE_VERSION_CONSISTENCY, "versionConsistency", FG_HOOK_POST_MERGE },
	{ FG_RULE_BRANCH_VERSION_SERIES, "branchVersionSeries", FG_HOOK_PRE_COMMIT },
	{ FG_RULE_TAG_FORMAT, "tagFormat", FG_HOOK_PRE_PUSH },
	{ FG_RULE_TAG_ANNOTATED, "tagAnnotated", FG_HOOK_PRE_PUSH },
	{ FG_RULE_TAG_MESSAGE, "tagMessage", FG_HOOK_PRE_PUSH },
	{ FG_RULE_TAG_VERSION_MATCH, "tagVersionMatch", FG_HOOK_PRE_PUSH },
	{ FG_RULE_NEXT_STEP, "nextStep", FG_HOOK_POST_MERGE },
	{ FG_RULE_HOTFIX_PROPAGATION, "hotfixPropagation", FG_HOOK_POST_MERGE },
	/* issue 20, item 13: a merge concluded by git commit runs post-commit */
	{ FG_RULE_NEXT_STEP, "nextStep", FG_HOOK_POST_COMMIT },
	{ FG_RULE_HOTFIX_PROPAGATION, "hotfixPropagation", FG_HOOK_POST_COMMIT },
	{ FG_RULE_REF_NAMESPACE, "refNamespace", FG_HOOK_PRE_RECEIVE },
	/* issue 24: prepare-commit-msg explains these before the message is typed */
	{ FG_RULE_TYPE_ENUM, "typeEnum", FG_HOOK_PREPARE_COMMIT_MSG },
	{ FG_RULE_BRANCH_COMMIT_TYPE, "branchCommitType", FG_HOOK_PREPARE_COMMIT_MSG },
};

START_TEST(test_rule_contract_names)
{
	const struct fg_rule_info *info = fg_rule_info(contract_names[_i].rule);

	ck_assert_str_eq(info->name, contract_names[_i].name);
	ck_assert_msg(info->hooks & contract_names[_i].hook, "rule '%s' lacks hook bit %#x",
		      info->name, contract_names[_i].hook);
}
END_TEST

START_TEST(test_rule_default_severities)
{
	/* Every rule blocks except the post-merge advice and the message's
	 * layout warnings (bodyMaxLineLength, subjectFullStop, bodyLeadingBlank),
	 * versionBumpMessage and branchCommitType (issue 4's defaults), and
	 * versionPreReleaseBranch (issue 5: "default warn"; its rc on main or
	 * dev/X.Y.x and release straight on main are versionReleaseBranch, an
	 * error: issue 20, item 11); subjectCase is off (issue 20, item 9: an
	 * option for the teams that want it). */
	for (int i = 0; i < FG_RULE__COUNT; i++)
		ck_assert_int_eq(fg_rule_info((enum fg_rule)i)->severity,
				 i == FG_RULE_SUBJECT_CASE ? FG_OFF :
				 i == FG_RULE_NEXT_STEP || i == FG_RULE_HOTFIX_PROPAGATION ? FG_INFO :
				 i == FG_RULE_BODY_MAX_LINE_LENGTH || i == FG_RULE_SUBJECT_FULL_STOP ||
				 i == FG_RULE_BODY_LEADING_BLANK || i == FG_RULE_VERSION_BUMP_MESSAGE ||
				 i == FG_RULE_BRANCH_COMMIT_TYPE ||
				 i == FG_RULE_VERSION_PRE_RELEASE_BRANCH ? FG_WARN : FG_ERROR);
}
END_TEST

static const struct {
	enum fg_severity severity;
	const char *name;
} severity_names[] = {
	{ FG_OFF, "off" }, { FG_INFO, "info" }, { FG_WARN, "warning" }, { FG_ERROR, "error" },
};

START_TEST(test_severity_name)
{
	ck_assert_str_eq(fg_severity_name(severity_names[_i].severity), severity_names[_i].name);
}
END_TEST

Suite *rules_suite(void)
{
	Suite *s = suite_create("rules");
	TCase *tc = tcase_create("registry");

	tcase_add_loop_test(tc, test_rule_name_camel_case, 0, FG_RULE__COUNT);
	tcase_add_loop_test(tc, test_rule_name_unique, 0, FG_RULE__COUNT);
	tcase_add_loop_test(tc, test_rule_hooks_and_summary, 0, FG_RULE__COUNT);
	tcase_add_loop_test(tc, test_rule_am_hooks, 0, FG_RULE__COUNT);
	tcase_add_loop_test(tc, test_rule_contract_names, 0, (int)FG_COUNT(contract_names));
	tcase_add_test(tc, test_rule_default_severities);
	tcase_add_loop_test(tc, test_severity_name, 0, (int)FG_COUNT(severity_names));
	suite_add_tcase(s, tc);
	return s;
}

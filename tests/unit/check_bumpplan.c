/*
 * Tests of bumpplan.c's messages: the bump commit's and the release tag's,
 * as the workflow guide words them, within typeEnum and tagMessage. The
 * plan's refusals are tested through fg_release_bump (check_release.c).
 */
#include <stdlib.h>
#include <string.h>
#include "bumpplan.h"
#include "check_flowgate.h"

/* ---- messages ----------------------------------------------------------- */

static const struct {
	const char *version, *message;
} commit_cases[] = {
	{ "0.17.0-dev", "chore: bump version to 0.17.0-dev\n" },
	{ "1.0.0-dev", "chore: bump version to 1.0.0-dev\n" },
	{ "0.16.0", "chore: prepare release 0.16.0\n" },
	{ "0.16.1", "chore: prepare release 0.16.1\n" },
	{ "0.16.0-alpha1", "chore: prepare release 0.16.0-alpha1\n" },
	{ "0.16.0-beta2", "chore: prepare release 0.16.0-beta2\n" },
	{ "0.16.0-rc10", "chore: prepare release 0.16.0-rc10\n" },
};

START_TEST(test_commit_message)
{
	struct fg_version v;
	char *message;

	ck_assert_int_eq(fg_version_parse(commit_cases[_i].version,
					  strlen(commit_cases[_i].version), &v), 0);
	message = fg_bump_commit_message(fg_test_config(), &v);
	ck_assert_ptr_nonnull(message);
	ck_assert_str_eq(message, commit_cases[_i].message);
	free(message);
}
END_TEST

/* The type follows typeEnum's list: chore, else release for a release, else the first. */
START_TEST(test_commit_message_type)
{
	static const struct {
		const char *types, *version, *message;
	} cases[] = {
		{ "feat fix chore", "0.16.0", "chore: prepare release 0.16.0\n" },
		{ "feat fix release", "0.16.0", "release: prepare release 0.16.0\n" },
		{ "feat fix release", "0.17.0-dev", "feat: bump version to 0.17.0-dev\n" },
		{ "build ci", "0.16.0-rc1", "build: prepare release 0.16.0-rc1\n" },
	};

	for (size_t i = 0; i < FG_COUNT(cases); i++) {
		struct fg_config cfg;
		struct fg_version v;
		char *text = fg_strdupf("[rule \"typeEnum\"]\n\ttypes = %s\n", cases[i].types);
		git_config *file = NULL;
		char *message;

		ck_assert_ptr_nonnull(text);
		ck_assert_int_eq(fg_config_init(&cfg), 0);
		ck_assert_int_eq(fg_config_parse_buffer(&file, text, strlen(text)), 0);
		ck_assert_int_eq(fg_config_apply_file(&cfg, file, ".flowgate"), 0);
		git_config_free(file);
		free(text);
		ck_assert_int_eq(fg_version_parse(cases[i].version, strlen(cases[i].version), &v), 0);
		message = fg_bump_commit_message(&cfg, &v);
		fg_config_release(&cfg);
		ck_assert_ptr_nonnull(message);
		ck_assert_msg(!strcmp(message, cases[i].message), "case %zu: %s", i, message);
		free(message);
	}
}
END_TEST

/* NULL prefixes: the built-in ones (release: hotfix: maintenance:). */
static const char *const only_release[] = { "release:", NULL };
static const char *const custom[] = { "Release -", "hotfix:", NULL };

static const struct {
	const char *version;
	enum fg_branch_kind branch;
	const char *const *prefixes;
	const char *message;
} tag_cases[] = {
	{ "0.16.0", FG_BRANCH_RELEASE, NULL, "release: 0.16.0\n" },
	{ "0.16.0-rc2", FG_BRANCH_RELEASE, NULL, "release: 0.16.0-rc2\n" },
	{ "0.16.0", FG_BRANCH_MAINT, NULL, "release: 0.16.0\n" },
	{ "0.16.1", FG_BRANCH_RELEASE, NULL, "hotfix: 0.16.1\n" },
	/* issue 20, item 12: a release candidate is tagged 'release:' */
	{ "0.16.1-rc1", FG_BRANCH_RELEASE, NULL, "release: 0.16.1-rc1\n" },
	{ "0.15.4-rc1", FG_BRANCH_MAINT, NULL, "release: 0.15.4-rc1\n" },
	{ "0.16.1-beta2", FG_BRANCH_RELEASE, NULL, "release: 0.16.1-beta2\n" },
	{ "0.15.4", FG_BRANCH_MAINT, NULL, "maintenance: 0.15.4\n" },
	{ "0.16.1", FG_BRANCH_MAIN, NULL, "release: 0.16.1\n" },
	{ "0.16.1", FG_BRANCH_HOTFIX, NULL, "release: 0.16.1\n" },
	{ "0.16.1", FG_BRANCH_INVALID, NULL, "release: 0.16.1\n" },
	{ "0.17.0-dev", FG_BRANCH_MAIN, NULL, "release: 0.17.0-dev\n" },
	/* the kind's prefix not configured: the first configured one */
	{ "0.15.4", FG_BRANCH_MAINT, only_release, "release: 0.15.4\n" },
	{ "0.16.1", FG_BRANCH_RELEASE, only_release, "release: 0.16.1\n" },
	{ "0.16.0", FG_BRANCH_RELEASE, custom, "Release - 0.16.0\n" },
	{ "0.16.1", FG_BRANCH_RELEASE, custom, "hotfix: 0.16.1\n" },
	{ "0.15.4", FG_BRANCH_MAINT, custom, "Release - 0.15.4\n" },
};

START_TEST(test_tag_message)
{
	struct fg_config cfg = *fg_test_config(); /* a shallow copy: never released */
	struct fg_version v;
	char *message;

	if (tag_cases[_i].prefixes) {
		size_t n = 0;

		while (tag_cases[_i].prefixes[n])
			n++;
		cfg.tag_message_prefixes = (char **)tag_cases[_i].prefixes;
		cfg.ntag_message_prefixes = n;
	}
	ck_assert_int_eq(fg_version_parse(tag_cases[_i].version, strlen(tag_cases[_i].version),
					  &v), 0);
	message = fg_bump_tag_message(&cfg, &v, tag_cases[_i].branch);
	ck_assert_ptr_nonnull(message);
	ck_assert_str_eq(message, tag_cases[_i].message);
	free(message);
}
END_TEST

Suite *bumpplan_suite(void)
{
	Suite *s = suite_create("bumpplan");
	TCase *messages = tcase_create("messages");

	tcase_add_test(messages, test_commit_message_type);

	tcase_add_loop_test(messages, test_commit_message, 0, (int)FG_COUNT(commit_cases));
	tcase_add_loop_test(messages, test_tag_message, 0, (int)FG_COUNT(tag_cases));
	suite_add_tcase(s, messages);
	return s;
}

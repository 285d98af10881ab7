/*
 * Tests of settings.c: the built-in defaults, the match limits of the
 * configured patterns (and none on the built-in ones), and the dump of the
 * effective configuration with each value's origin (fg_config_write).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "bump.h"
#include "check_flowgate.h"
#include "config_fixtures.h"
#include "message.h"
#include "refname.h"
#include "version.h"

/*
 * The defaults: the halfORM workflow as the registry, settings.h and
 * version.c describe it, every value's origin "default".
 */
START_TEST(test_config_defaults)
{
	static const struct {
		const char *kind;
		enum fg_branch_kind id;
		int series, protected_branch;
	} branches[] = {
		{ "main", FG_BRANCH_MAIN, 0, 1 }, { "dev", FG_BRANCH_DEV, 1, 0 },
		{ "release", FG_BRANCH_RELEASE, 1, 1 }, { "maint", FG_BRANCH_MAINT, 1, 1 },
		{ "feature", FG_BRANCH_FEATURE, 0, 0 }, { "hotfix", FG_BRANCH_HOTFIX, 0, 0 },
		{ "docs", FG_BRANCH_DOCS, 0, 0 },
	};
	struct fg_config cfg;

	ck_assert_int_eq(fg_config_init(&cfg), 0);
	for (int i = 0; i < FG_RULE__COUNT; i++) {
		ck_assert_int_eq(cfg.severity[i], fg_rule_info((enum fg_rule)i)->severity);
		ck_assert_str_eq(cfg.severity_origin[i], FG_ORIGIN_DEFAULT);
	}
	ck_assert_int_eq(cfg.severity[FG_RULE_BODY_MAX_LINE_LENGTH], FG_WARN);
	ck_assert_uint_eq(cfg.header_max_length, 72);
	ck_assert_uint_eq(cfg.body_max_line_length, 100);
	fg_test_assert_list(cfg.types, cfg.ntypes, "feat fix docs style refactor perf test build ci chore "
			    "revert release hotfix maintenance");
	ck_assert_uint_eq(cfg.nscopes, 0);
	ck_assert_uint_eq(cfg.nignores, 0);

	ck_assert_uint_eq(cfg.nbranches, FG_COUNT(branches));
	for (size_t i = 0; i < FG_COUNT(branches); i++) {
		ck_assert_str_eq(cfg.branches[i].kind, branches[i].kind);
		ck_assert_int_eq(cfg.branches[i].id, branches[i].id);
		ck_assert_ptr_nonnull(cfg.branches[i].pattern.source);
		ck_assert_int_eq(cfg.branches[i].series, branches[i].series);
		ck_assert_int_eq(cfg.branches[i].protected_branch, branches[i].protected_branch);
	}
	ck_assert_uint_eq(cfg.nvfiles, fg_builtin_vfiles_count);
	ck_assert_uint_eq(cfg.nvfiles, 3);
	for (size_t i = 0; i < cfg.nvfiles; i++) {
		const struct fg_vfile_spec *v = &cfg.vfiles[i], *b = &fg_builtin_vfiles[i];

		ck_assert_str_eq(v->path, b->path);
		ck_assert_int_eq(!v->pattern, !b->pattern);
		if (b->pattern)
			ck_assert_str_eq(v->pattern->source, b->pattern->source);
		ck_assert_int_eq(v->series, b->series);
		ck_assert_int_eq(v->required, b->required);
	}
	ck_assert_str_eq(cfg.vfiles[0].path, "half_orm/version.txt");
	ck_assert_str_eq(cfg.vfiles[1].path, "setup.py");
	ck_assert_str_eq(cfg.vfiles[2].path, "docs/index.md");
	ck_assert_int_eq(cfg.vfiles[2].series, 1);

	ck_assert_str_eq(cfg.tag_prefix, "v");
	fg_test_assert_list(cfg.tag_message_prefixes, cfg.ntag_message_prefixes,
			    "release: hotfix: maintenance:");
	ck_assert_int_eq(cfg.allow_lightweight, 0);
	ck_assert_int_eq(cfg.refuse_other_tags, 0);
	ck_assert_ptr_null(cfg.since);
	ck_assert_ptr_null(cfg.config_file);
	ck_assert_ptr_null(cfg.file_origin);
	ck_assert_ptr_null(cfg.error);
	{
		const char *origins[] = {
			cfg.header_max_length_origin, cfg.body_max_line_length_origin,
			cfg.types_origin, cfg.scopes_origin, cfg.ignores_origin,
			cfg.branches_origin, cfg.vfiles_origin, cfg.tag_prefix_origin,
			cfg.tag_message_prefixes_origin, cfg.allow_lightweight_origin, cfg.other_tags_origin,
			cfg.since_origin, cfg.config_file_origin,
		};
		for (size_t i = 0; i < FG_COUNT(origins); i++)
			ck_assert_str_eq(origins[i], FG_ORIGIN_DEFAULT);
	}
	/* scopeEnum is an error, inactive while no scopes are configured */
	ck_assert_int_eq(cfg.severity[FG_RULE_SCOPE_ENUM], FG_ERROR);
	ck_assert_int_eq(fg_config_severity(&cfg, FG_RULE_SCOPE_ENUM), FG_OFF);
	ck_assert_int_eq(fg_config_severity(&cfg, FG_RULE_TYPE_ENUM), FG_ERROR);
	ck_assert_int_eq(fg_config_severity(&cfg, FG_RULE_NEXT_STEP), FG_INFO);
	fg_config_release(&cfg);
}
END_TEST

/* The default branch kinds classify the workflow's names as refname.c's built-ins do. */
static const struct {
	const char *name;
	enum fg_branch_kind kind;
	int series;
	uint64_t major, minor;
} default_branch_cases[] = {
	{ "main", FG_BRANCH_MAIN, 0, 0, 0 },
	{ "dev/0.17.x", FG_BRANCH_DEV, 1, 0, 17 },
	{ "release/0.16.x", FG_BRANCH_RELEASE, 1, 0, 16 },
	{ "maint/0.15.x", FG_BRANCH_MAINT, 1, 0, 15 },
	{ "feature/pool-timeout", FG_BRANCH_FEATURE, 0, 0, 0 },
	{ "hotfix/pool-leak", FG_BRANCH_HOTFIX, 0, 0, 0 },
	{ "docs/guide", FG_BRANCH_DOCS, 0, 0, 0 },
	{ "master", FG_BRANCH_INVALID, 0, 0, 0 },
	{ "dev/0.16", FG_BRANCH_INVALID, 0, 0, 0 },
};

START_TEST(test_config_default_branches)
{
	struct fg_config cfg;
	struct fg_branch b;

	ck_assert_int_eq(fg_config_init(&cfg), 0);
	ck_assert_int_eq(fg_branch_parse(&cfg, default_branch_cases[_i].name, &b),
			 default_branch_cases[_i].kind == FG_BRANCH_INVALID ? -1 : 0);
	ck_assert_int_eq(b.kind, default_branch_cases[_i].kind);
	ck_assert_int_eq(b.series, default_branch_cases[_i].series);
	ck_assert(b.major == default_branch_cases[_i].major);
	ck_assert(b.minor == default_branch_cases[_i].minor);
	fg_config_release(&cfg);
}
END_TEST

/* A pattern that backtracks without end stops at PCRE2's match limit: -1 and an error. */
START_TEST(test_config_ignore_match_limit)
{
	char header[42];
	struct fg_config cfg;
	struct fg_report report;

	memset(header, 'a', 40);
	header[40] = '!';
	header[41] = '\0';
	fg_test_config_with(&cfg, "[commit]\n\tignore = ^WIP\n\tignore = ^(a+)+$\n");
	ck_assert_int_eq(fg_config_match_ignore(&cfg, "WIP: x", 6), 1); /* the first still matches */
	ck_assert_ptr_null(cfg.error);
	ck_assert_int_eq(fg_config_match_ignore(&cfg, header, 41), -1);
	ck_assert_ptr_nonnull(cfg.error);
	ck_assert_msg(!strncmp(cfg.error, FG_TEST_ORIGIN ": commit.ignore: ", strlen(FG_TEST_ORIGIN ": commit.ignore: ")),
		      "error: %s", cfg.error);
	ck_assert_ptr_nonnull(strstr(cfg.error, "'^(a+)+$'"));
	ck_assert_ptr_nonnull(strstr(cfg.error, "reached PCRE2's match limit"));
	fg_config_release(&cfg);

	/* fg_check_message: no violation, the error set */
	fg_test_config_with(&cfg, "[commit]\n\tignore = ^(a+)+$\n");
	fg_report_init(&report);
	ck_assert_uint_eq(fg_check_message(&report, &cfg, header, NULL, NULL), 0);
	ck_assert_uint_eq(report.n, 0);
	ck_assert_ptr_nonnull(cfg.error);
	ck_assert_ptr_nonnull(strstr(cfg.error, "reached PCRE2's match limit"));
	fg_report_release(&report);
	fg_config_release(&cfg);
}
END_TEST

/* The same for a branch pattern (-3) and a version file pattern (-3, limit_path). */
START_TEST(test_config_pattern_match_limit)
{
	char subject[42];
	struct fg_config cfg;
	struct fg_branch b;
	struct fg_report report;
	struct fg_version_set set;
	struct fg_vfile_content content;

	memset(subject, 'a', 40);
	subject[40] = '!';
	subject[41] = '\0';
	fg_test_config_with(&cfg, "[branch \"main\"]\n\tprotected = true\n"
			    "[branch \"topic\"]\n\tpattern = ^(a+)+$\n");
	ck_assert_int_eq(fg_branch_parse(&cfg, "main", &b), 0);
	ck_assert_int_eq(fg_branch_parse(&cfg, subject, &b), -3);
	ck_assert_ptr_nonnull(cfg.error);
	ck_assert_msg(!strncmp(cfg.error, FG_TEST_ORIGIN ": branch.topic.pattern: ",
			       strlen(FG_TEST_ORIGIN ": branch.topic.pattern: ")), "error: %s", cfg.error);
	ck_assert_ptr_nonnull(strstr(cfg.error, "reached PCRE2's match limit"));
	fg_report_init(&report);
	ck_assert_int_eq(fg_check_branch_name(&report, &cfg, subject, 1), -3);
	ck_assert_uint_eq(report.n, 0);
	fg_report_release(&report);
	fg_config_release(&cfg);

	fg_test_config_with(&cfg, "[versionFile \"VERSION\"]\n\tpattern = (a+)+$\n");
	content = (struct fg_vfile_content){ 1, subject, 41 };
	fg_version_set_init(&set);
	ck_assert_int_eq(fg_versions_extract(&set, cfg.vfiles, cfg.nvfiles, &content), -3);
	ck_assert_ptr_nonnull(set.limit_path);
	ck_assert_str_eq(set.limit_path, "VERSION");
	fg_version_set_release(&set);
	fg_config_release(&cfg);
}
END_TEST

/*
 * PCRE2's match limit counts one start position at a time: (a+a+)+$
 * backtracks just under it at each 'a' of "aaaaaaaaaaaaaab" repeated, and
 * ran for seconds on a 4 KB version file without reaching it (found by
 * tests/fuzz/fuzz_vfile.c). A configured pattern has a budget for the whole
 * scan: extract and rewrite stop at -3, fast, and a small file still reads.
 */
START_TEST(test_config_pattern_scan_limit)
{
	static const char unit[] = "aaaaaaaaaaaaaab";
	char data[266 * (sizeof(unit) - 1) + 1];
	struct fg_config cfg;
	struct fg_version_set set;
	struct fg_vfile_content content;
	char *out = NULL;
	size_t out_len = 0;

	for (size_t i = 0; i < 266; i++)
		memcpy(data + i * (sizeof(unit) - 1), unit, sizeof(unit) - 1);
	data[sizeof(data) - 1] = '\0';
	fg_test_config_with(&cfg, "[versionFile \"VERSION\"]\n\tpattern = (a+a+)+$\n");
	content = (struct fg_vfile_content){ 1, data, sizeof(data) - 1 };
	fg_version_set_init(&set);
	ck_assert_int_eq(fg_versions_extract(&set, cfg.vfiles, cfg.nvfiles, &content), -3);
	ck_assert_str_eq(set.limit_path, "VERSION");
	fg_version_set_release(&set);
	ck_assert_int_eq(fg_vfile_rewrite(&out, &out_len, &cfg.vfiles[0], data, sizeof(data) - 1,
					  "0.17.0"), FG_REWRITE_ELIMIT);
	ck_assert_ptr_null(out);
	/* the same pattern decides a short file */
	content = (struct fg_vfile_content){ 1, "aaaa", 4 };
	fg_version_set_init(&set);
	ck_assert_int_eq(fg_versions_extract(&set, cfg.vfiles, cfg.nvfiles, &content), 0);
	ck_assert_uint_eq(set.n, 1);
	ck_assert_str_eq(set.values[0].text, "aaaa");
	fg_version_set_release(&set);
	fg_config_release(&cfg);
}
END_TEST

/* The built-in patterns have no scan budget: a long docs/index.md is read. */
START_TEST(test_config_builtin_no_scan_budget)
{
	static const char tail[] = "\nThis documentation covers halfORM **0.16.x** (latest).\n";
	size_t n = 700000;
	char *data = malloc(n + sizeof(tail));
	struct fg_config cfg;
	struct fg_version_set set;
	struct fg_vfile_content content[3];

	ck_assert_ptr_nonnull(data);
	for (size_t i = 0; i < n; i++)
		data[i] = i % 8 == 7 ? ' ' : 'c';
	memcpy(data + n, tail, sizeof(tail));
	ck_assert_int_eq(fg_config_init(&cfg), 0);
	ck_assert_str_eq(cfg.vfiles[2].path, "docs/index.md");
	memset(content, 0, sizeof(content));
	content[2] = (struct fg_vfile_content){ 1, data, n + sizeof(tail) - 1 };
	fg_version_set_init(&set);
	ck_assert_int_eq(fg_versions_extract(&set, cfg.vfiles, cfg.nvfiles, content), 0);
	ck_assert_uint_eq(set.n, 1);
	ck_assert_str_eq(set.values[0].text, "0.16.x");
	fg_version_set_release(&set);
	fg_config_release(&cfg);
	free(data);
}
END_TEST

/* fg_config_write: every key with its value and origin, in the order of config.h's list. */
START_TEST(test_config_write_origins)
{
	static const char *const keys[] = {
		"flowgate.since = ", "flowgate.configFile = ", "rule.branchName.severity = ",
		"rule.nextStep.severity = ", "rule.headerMaxLength.max = ",
		"rule.bodyMaxLineLength.max = ", "rule.typeEnum.types = ", "rule.scopeEnum.scopes = ",
		"commit.ignore = ", "branch.stable.pattern = ", "versionFile.VERSION.pattern = ",
		"tag.prefix = ", "tag.messagePrefixes = ", "tag.allowLightweight = ", "tag.others = ",
	};
	static const char *const lines[] = {
		"flowgate.since = v0.16.0\t# git config (local)",
		"flowgate.configFile = conf/flowgate\t# git config (global)",
		"rule.branchName.severity = error\t# default",
		"rule.headerFormat.severity = warn\t# git config (local)",
		"rule.typeEnum.severity = off\t# FLOWGATE_SKIP",
		"rule.tagFormat.severity = info\t# " FG_TEST_ORIGIN,
		"rule.headerMaxLength.max = 50\t# " FG_TEST_ORIGIN,
		"rule.bodyMaxLineLength.max = 100\t# default",
		"rule.typeEnum.types = feat fix\t# " FG_TEST_ORIGIN,
		"rule.scopeEnum.scopes = (any)\t# default",
		"commit.ignore = ^WIP\t# " FG_TEST_ORIGIN,
		"commit.ignore = ^Bump\t# " FG_TEST_ORIGIN,
		"branch.stable.pattern = ^stable-([0-9]+)[.]([0-9]+)$\t# " FG_TEST_ORIGIN,
		"branch.stable.series = false\t# " FG_TEST_ORIGIN,
		"branch.stable.protected = false\t# " FG_TEST_ORIGIN,
		"versionFile.VERSION.pattern = (the whole file)\t# " FG_TEST_ORIGIN,
		"versionFile.VERSION.kind = exact\t# " FG_TEST_ORIGIN,
		"versionFile.VERSION.required = true\t# " FG_TEST_ORIGIN,
		"tag.prefix = v\t# default",
		"tag.messagePrefixes = release: hotfix: maintenance:\t# default",
		"tag.allowLightweight = false\t# default",
		"tag.others = allow\t# default",
	};
	static const char *const origins[] = {
		"default", FG_TEST_ORIGIN, "git config (local)", "git config (global)", FG_ORIGIN_ENV,
	};
	char *dir, *text, *p;
	git_config *config = fg_test_git_layers(&dir, "[flowgate]\n\tconfigFile = conf/flowgate\n",
						"[flowgate]\n\theaderFormat = warn\n\tsince = v0.16.0\n");
	struct fg_config cfg;
	const char *last = NULL;

	fg_test_config_with(&cfg, "[rule \"headerMaxLength\"]\n\tmax = 50\n"
			    "[rule \"tagFormat\"]\n\tseverity = info\n"
			    "[rule \"typeEnum\"]\n\ttypes = feat fix\n"
			    "[commit]\n\tignore = ^WIP\n\tignore = ^Bump\n"
			    "[branch \"stable\"]\n\tpattern = ^stable-([0-9]+)[.]([0-9]+)$\n"
			    "[versionFile \"VERSION\"]\n\trequired\n");
	ck_assert_int_eq(fg_config_apply_git(&cfg, config), 0);
	ck_assert_int_eq(fg_config_apply_env(&cfg, "typeEnum"), 0);
	text = fg_test_config_text(&cfg);
	for (size_t i = 0; i < FG_COUNT(lines); i++)
		ck_assert_msg(fg_test_has_line(text, lines[i], strlen(lines[i])), "no line '%s' in:\n%s",
			      lines[i], text);
	for (size_t i = 0; i < FG_COUNT(keys); i++) {
		const char *at = strstr(text, keys[i]);

		ck_assert_msg(at && (!last || at > last), "'%s' out of order in:\n%s", keys[i], text);
		last = at;
	}
	/* every line is "key = value\t# origin" with a known origin; one line per rule */
	ck_assert_uint_eq(fg_test_count_lines(text), 2 + FG_RULE__COUNT + 7 + 2 + 3 + 3 + 4 + 2);
	for (p = text; *p;) {
		char *nl = strchr(p, '\n'), *hash;
		int known = 0;

		ck_assert_ptr_nonnull(nl);
		*nl = '\0';
		ck_assert_msg((hash = strstr(p, "\t# ")) && strstr(p, " = ") < hash, "line '%s'", p);
		ck_assert_ptr_null(strstr(hash + 1, "\t# "));
		for (size_t i = 0; i < FG_COUNT(origins); i++)
			known |= !strcmp(hash + 3, origins[i]);
		ck_assert_msg(known, "line '%s': unknown origin", p);
		p = nl + 1;
	}
	free(text);
	fg_config_release(&cfg);
	git_config_free(config);
	fg_test_rmtree(dir);
}
END_TEST

/* fg_config_write returns -1 when the stream cannot be written. */
START_TEST(test_config_write_error)
{
	struct fg_config cfg;
	FILE *f = fopen("/dev/null", "r");

	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(fg_config_init(&cfg), 0);
	ck_assert_int_eq(fg_config_write(&cfg, f), -1);
	fclose(f);
	fg_config_release(&cfg);
}
END_TEST

Suite *settings_suite(void)
{
	Suite *s = suite_create("settings");
	TCase *defaults = tcase_create("defaults");
	TCase *limits = tcase_create("limits");
	TCase *write = tcase_create("write");

	tcase_add_test(defaults, test_config_defaults);
	tcase_add_loop_test(defaults, test_config_default_branches, 0, (int)FG_COUNT(default_branch_cases));
	suite_add_tcase(s, defaults);

	tcase_add_test(limits, test_config_ignore_match_limit);
	tcase_add_test(limits, test_config_pattern_match_limit);
	tcase_add_test(limits, test_config_pattern_scan_limit);
	tcase_add_test(limits, test_config_builtin_no_scan_budget);
	suite_add_tcase(s, limits);

	tcase_add_test(write, test_config_write_origins);
	tcase_add_test(write, test_config_write_error);
	suite_add_tcase(s, write);
	return s;
}

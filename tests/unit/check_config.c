/*
 * Tests of config.c's committed file layer: every key of a .flowgate and
 * the origin each value remembers, every bad file and the error naming it.
 * The git config and FLOWGATE_SKIP layers are check_config_git.c's, the
 * defaults and the dump check_settings.c's, the parser check_cfgparse.c's,
 * the rules under a custom configuration check_config_rules.c's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check_flowgate.h"
#include "config_fixtures.h"
#include "refname.h"

/* One .flowgate with every documented key; each value lands in its field with FG_TEST_ORIGIN. */
START_TEST(test_config_file_every_key)
{
	static const char text[] =
		"# the committed configuration\n"
		"[flowgate]\n"
		"\tsince = v0.15.0\n"
		"[rule \"typeEnum\"]\n"
		"\tseverity = warn\n"
		"\ttypes = feat fix  chore\n"
		"[rule \"scopeEnum\"]\n"
		"\tscopes = cli core\n"
		"[rule \"headerMaxLength\"]\n"
		"\tmax = 50\n"
		"[rule \"bodyMaxLineLength\"]\n"
		"\tmax = 80\n"
		"\tseverity = error\n"
		"[commit]\n"
		"\tignore = ^Bump \n"
		"\tignore = ^WIP\n"
		"\tignore = \"^chore\\\\(deps\\\\): \"\n"
		"[branch \"main\"]\n"
		"\tprotected = false\n"
		"[branch \"stable\"]\n"
		"\tpattern = ^stable/([0-9]+)[.]([0-9]+)$\n"
		"\tseries = true\n"
		"\tprotected = true\n"
		"[versionFile \"pyproject.toml\"]\n"
		"\tpattern = \"(?m)^version = \\\"([^\\\"]*)\\\"\"\n"
		"\tkind = exact\n"
		"\trequired = true\n"
		"[versionFile \"docs/VERSION\"]\n"
		"\tkind = series\n"
		"[tag]\n"
		"\tprefix = release-\n"
		"\tmessagePrefixes = rel: fix:\n"
		"\tallowLightweight = true\n";
	struct fg_config cfg;

	fg_test_config_with(&cfg, text);
	ck_assert_str_eq(cfg.file_origin, FG_TEST_ORIGIN);
	ck_assert_str_eq(cfg.since, "v0.15.0");
	ck_assert_str_eq(cfg.since_origin, FG_TEST_ORIGIN);
	for (int i = 0; i < FG_RULE__COUNT; i++) {
		int set = i == FG_RULE_TYPE_ENUM || i == FG_RULE_BODY_MAX_LINE_LENGTH;
		ck_assert_str_eq(cfg.severity_origin[i], set ? FG_TEST_ORIGIN : FG_ORIGIN_DEFAULT);
	}
	ck_assert_int_eq(cfg.severity[FG_RULE_TYPE_ENUM], FG_WARN);
	ck_assert_int_eq(cfg.severity[FG_RULE_BODY_MAX_LINE_LENGTH], FG_ERROR);
	fg_test_assert_list(cfg.types, cfg.ntypes, "feat fix chore");
	ck_assert_str_eq(cfg.types_origin, FG_TEST_ORIGIN);
	fg_test_assert_list(cfg.scopes, cfg.nscopes, "cli core");
	ck_assert_str_eq(cfg.scopes_origin, FG_TEST_ORIGIN);
	ck_assert_int_eq(fg_config_severity(&cfg, FG_RULE_SCOPE_ENUM), FG_ERROR);
	ck_assert_uint_eq(cfg.header_max_length, 50);
	ck_assert_str_eq(cfg.header_max_length_origin, FG_TEST_ORIGIN);
	ck_assert_uint_eq(cfg.body_max_line_length, 80);
	ck_assert_str_eq(cfg.body_max_line_length_origin, FG_TEST_ORIGIN);

	ck_assert_uint_eq(cfg.nignores, 3);
	ck_assert_str_eq(cfg.ignores[0].source, "^Bump");
	ck_assert_str_eq(cfg.ignores[1].source, "^WIP");
	ck_assert_str_eq(cfg.ignores[2].source, "^chore\\(deps\\): ");
	ck_assert_str_eq(cfg.ignores_origin, FG_TEST_ORIGIN);

	ck_assert_uint_eq(cfg.nbranches, 2);
	ck_assert_str_eq(cfg.branches_origin, FG_TEST_ORIGIN);
	ck_assert_str_eq(cfg.branches[0].kind, "main");
	ck_assert_int_eq(cfg.branches[0].id, FG_BRANCH_MAIN);
	ck_assert_str_eq(cfg.branches[0].pattern.source, "^main$"); /* the built-in one */
	ck_assert_int_eq(cfg.branches[0].series, 0);
	ck_assert_int_eq(cfg.branches[0].protected_branch, 0);
	ck_assert_str_eq(cfg.branches[1].kind, "stable");
	ck_assert_int_eq(cfg.branches[1].id, FG_BRANCH_OTHER);
	ck_assert_str_eq(cfg.branches[1].pattern.source, "^stable/([0-9]+)[.]([0-9]+)$");
	ck_assert_int_eq(cfg.branches[1].series, 1);
	ck_assert_int_eq(cfg.branches[1].protected_branch, 1);

	ck_assert_uint_eq(cfg.nvfiles, 2);
	ck_assert_str_eq(cfg.vfiles_origin, FG_TEST_ORIGIN);
	ck_assert_str_eq(cfg.vfiles[0].path, "pyproject.toml");
	ck_assert_ptr_nonnull(cfg.vfiles[0].pattern);
	ck_assert_str_eq(cfg.vfiles[0].pattern->source, "(?m)^version = \"([^\"]*)\"");
	ck_assert_int_eq(cfg.vfiles[0].series, 0);
	ck_assert_int_eq(cfg.vfiles[0].required, 1);
	ck_assert_str_eq(cfg.vfiles[1].path, "docs/VERSION");
	ck_assert_ptr_null(cfg.vfiles[1].pattern);
	ck_assert_int_eq(cfg.vfiles[1].series, 1);
	ck_assert_int_eq(cfg.vfiles[1].required, 0);

	ck_assert_str_eq(cfg.tag_prefix, "release-");
	ck_assert_str_eq(cfg.tag_prefix_origin, FG_TEST_ORIGIN);
	fg_test_assert_list(cfg.tag_message_prefixes, cfg.ntag_message_prefixes, "rel: fix:");
	ck_assert_str_eq(cfg.tag_message_prefixes_origin, FG_TEST_ORIGIN);
	ck_assert_int_eq(cfg.allow_lightweight, 1);
	ck_assert_str_eq(cfg.allow_lightweight_origin, FG_TEST_ORIGIN);

	/* not a .flowgate key: stays the default */
	ck_assert_ptr_null(cfg.config_file);
	ck_assert_str_eq(cfg.config_file_origin, FG_ORIGIN_DEFAULT);
	fg_config_release(&cfg);
}
END_TEST

/* FG_TEST_ORIGIN is copied: the caller's buffer may go away. */
START_TEST(test_config_file_origin_copied)
{
	char origin[] = ".flowgate (commit 1a2b3c4d5e6f)";
	git_config *file = NULL;
	struct fg_config cfg;
	static const char text[] = "[rule \"headerMaxLength\"]\n\tmax = 60\n";

	ck_assert_int_eq(fg_config_init(&cfg), 0);
	ck_assert_int_eq(fg_config_parse_buffer(&file, text, strlen(text)), 0);
	ck_assert_int_eq(fg_config_apply_file(&cfg, file, origin), 0);
	git_config_free(file);
	memset(origin, 'x', sizeof(origin) - 1);
	ck_assert_str_eq(cfg.file_origin, ".flowgate (commit 1a2b3c4d5e6f)");
	ck_assert_str_eq(cfg.header_max_length_origin, ".flowgate (commit 1a2b3c4d5e6f)");
	fg_config_release(&cfg);
}
END_TEST

/* [rule "<name>"] severity works for every rule of the registry, name in any case. */
START_TEST(test_config_file_rule_severity)
{
	const char *name = fg_rule_info((enum fg_rule)_i)->name;
	/* a severity other than the default */
	enum fg_severity want = fg_rule_info((enum fg_rule)_i)->severity == FG_OFF ? FG_WARN : FG_OFF;
	char upper[64];
	char *text;
	struct fg_config cfg;

	/* every other rule spelt in upper case: fg_rule_lookup ignores case */
	for (size_t i = 0; i <= strlen(name) && i < sizeof(upper); i++)
		upper[i] = (char)(_i % 2 && name[i] >= 'a' && name[i] <= 'z' ? name[i] - 32
									   : name[i]);
	text = fg_strdupf("[rule \"%s\"]\n\tseverity = %s\n", upper, want == FG_OFF ? "off" : "warn");
	ck_assert_ptr_nonnull(text);
	fg_test_config_with(&cfg, text);
	for (int i = 0; i < FG_RULE__COUNT; i++) {
		if (i == _i) {
			ck_assert_int_eq(cfg.severity[i], want);
			ck_assert_str_eq(cfg.severity_origin[i], FG_TEST_ORIGIN);
		} else {
			ck_assert_int_eq(cfg.severity[i], fg_rule_info((enum fg_rule)i)->severity);
			ck_assert_str_eq(cfg.severity_origin[i], FG_ORIGIN_DEFAULT);
		}
	}
	free(text);
	fg_config_release(&cfg);
}
END_TEST

/* The values a severity, a number and a boolean may take. */
static const struct {
	const char *text;
	enum fg_severity severity;
	unsigned long header_max;
	int allow_lightweight;
} value_cases[] = {
	/* the last value of a key wins, so the default values below are really read */
	{ "[rule \"typeEnum\"]\n\tseverity = off\n\tseverity = error\n", FG_ERROR, 72, 0 },
	{ "[rule \"typeEnum\"]\n\tseverity = warn\n", FG_WARN, 72, 0 },
	{ "[rule \"typeEnum\"]\n\tseverity = warning\n", FG_WARN, 72, 0 },
	{ "[rule \"typeEnum\"]\n\tseverity = info\n", FG_INFO, 72, 0 },
	{ "[rule \"typeEnum\"]\n\tseverity = off\n", FG_OFF, 72, 0 },
	{ "[rule \"typeEnum\"]\n\tseverity = OFF\n", FG_OFF, 72, 0 },
	{ "[rule \"typeEnum\"]\n\tseverity = \"Warn\"\n", FG_WARN, 72, 0 },
	{ "[rule \"headerMaxLength\"]\n\tmax = 1\n", FG_ERROR, 1, 0 },
	{ "[rule \"headerMaxLength\"]\n\tmax = 1000000\n", FG_ERROR, 1000000, 0 },
	{ "[rule \"headerMaxLength\"]\n\tmax = 100 ; a comment\n", FG_ERROR, 100, 0 },
	{ "[tag]\n\tallowLightweight = true\n", FG_ERROR, 72, 1 },
	{ "[tag]\n\tallowLightweight = yes\n", FG_ERROR, 72, 1 },
	{ "[tag]\n\tallowLightweight = on\n", FG_ERROR, 72, 1 },
	{ "[tag]\n\tallowLightweight = 1\n", FG_ERROR, 72, 1 },
	{ "[tag]\n\tallowLightweight\n", FG_ERROR, 72, 1 }, /* bare key: true, as in git */
	{ "[tag]\n\tallowLightweight = true\n\tallowLightweight = false\n", FG_ERROR, 72, 0 },
	{ "[tag]\n\tallowLightweight = true\n\tallowLightweight = no\n", FG_ERROR, 72, 0 },
	{ "[tag]\n\tallowLightweight = true\n\tallowLightweight = off\n", FG_ERROR, 72, 0 },
	{ "[tag]\n\tallowLightweight = true\n\tallowLightweight = 0\n", FG_ERROR, 72, 0 },
	/* section and variable names ignore case, as git's do */
	{ "[RULE \"typeEnum\"]\n\tSeverity = info\n", FG_INFO, 72, 0 },
	{ "[Rule \"headerMaxLength\"]\n\tMAX = 60\n", FG_ERROR, 60, 0 },
	{ "[TAG]\n\tallowlightweight = TRUE\n", FG_ERROR, 72, 1 },
};

START_TEST(test_config_file_values)
{
	struct fg_config cfg;

	fg_test_config_with(&cfg, value_cases[_i].text);
	ck_assert_int_eq(cfg.severity[FG_RULE_TYPE_ENUM], value_cases[_i].severity);
	ck_assert_uint_eq(cfg.header_max_length, value_cases[_i].header_max);
	ck_assert_int_eq(cfg.allow_lightweight, value_cases[_i].allow_lightweight);
	fg_config_release(&cfg);
}
END_TEST

/*
 * [rule]/[tag]/[commit]/[flowgate] keys override one value each: one line of
 * `flowgate config` changes.
 */
static const struct {
	const char *text;
	const char *line; /* the one line of fg_config_write that changes */
} override_cases[] = {
	{ "[flowgate]\n\tsince = v0.16.0\n", "flowgate.since = v0.16.0\t# " FG_TEST_ORIGIN "\n" },
	{ "[rule \"typeEnum\"]\n\tseverity = warn\n", "rule.typeEnum.severity = warn\t# " FG_TEST_ORIGIN "\n" },
	{ "[rule \"nextStep\"]\n\tseverity = off\n", "rule.nextStep.severity = off\t# " FG_TEST_ORIGIN "\n" },
	{ "[rule \"headerMaxLength\"]\n\tmax = 50\n", "rule.headerMaxLength.max = 50\t# " FG_TEST_ORIGIN "\n" },
	{ "[rule \"bodyMaxLineLength\"]\n\tmax = 120\n",
	  "rule.bodyMaxLineLength.max = 120\t# " FG_TEST_ORIGIN "\n" },
	{ "[rule \"bodyMaxLineLength\"]\n\tignoreUrls = false\n",
	  "rule.bodyMaxLineLength.ignoreUrls = false\t# " FG_TEST_ORIGIN "\n" },
	{ "[rule \"subjectCase\"]\n\tcase = lower-case sentence-case\n",
	  "rule.subjectCase.case = lower-case sentence-case\t# " FG_TEST_ORIGIN "\n" },
	{ "[rule \"subjectCase\"]\n\twhen = always\n", "rule.subjectCase.when = always\t# " FG_TEST_ORIGIN "\n" },
	{ "[rule \"subjectCase\"]\n\tseverity = error\n", "rule.subjectCase.severity = error\t# " FG_TEST_ORIGIN "\n" },
	{ "[rule \"typeEnum\"]\n\ttypes = feat fix\n", "rule.typeEnum.types = feat fix\t# " FG_TEST_ORIGIN "\n" },
	{ "[rule \"scopeEnum\"]\n\tscopes = cli\n", "rule.scopeEnum.scopes = cli\t# " FG_TEST_ORIGIN "\n" },
	{ "[commit]\n\tignore = ^WIP\n", "commit.ignore = ^WIP\t# " FG_TEST_ORIGIN "\n" },
	{ "[tag]\n\tprefix = r\n", "tag.prefix = r\t# " FG_TEST_ORIGIN "\n" },
	{ "[tag]\n\tmessagePrefixes = release:\n", "tag.messagePrefixes = release:\t# " FG_TEST_ORIGIN "\n" },
	{ "[tag]\n\tallowLightweight = true\n", "tag.allowLightweight = true\t# " FG_TEST_ORIGIN "\n" },
	{ "[tag]\n\tothers = refuse\n", "tag.others = refuse\t# " FG_TEST_ORIGIN "\n" },
	{ "[tag]\n\tothers = Refuse\n", "tag.others = refuse\t# " FG_TEST_ORIGIN "\n" },
	{ "[tag]\n\tothers = refuse\n\tothers = allow\n", "tag.others = allow\t# " FG_TEST_ORIGIN "\n" },
};

START_TEST(test_config_file_overrides_one_value)
{
	struct fg_config defaults, cfg;
	char *before, *after, *changed;

	ck_assert_int_eq(fg_config_init(&defaults), 0);
	fg_test_config_with(&cfg, override_cases[_i].text);
	before = fg_test_config_text(&defaults);
	after = fg_test_config_text(&cfg);
	changed = fg_test_new_lines(before, after);
	ck_assert_uint_eq(fg_test_count_lines(after), fg_test_count_lines(before));
	ck_assert_str_eq(changed, override_cases[_i].line);
	free(changed);
	free(after);
	free(before);
	fg_config_release(&cfg);
	fg_config_release(&defaults);
}
END_TEST

/* Declaring any [branch] replaces the built-in list; a workflow kind keeps its pattern. */
START_TEST(test_config_branch_replaces_builtin)
{
	struct fg_config cfg;
	struct fg_branch b;

	fg_test_config_with(&cfg, "[branch \"release\"]\n\tprotected = false\n");
	ck_assert_uint_eq(cfg.nbranches, 1);
	ck_assert_str_eq(cfg.branches[0].kind, "release");
	ck_assert_int_eq(cfg.branches[0].series, 1);
	ck_assert_int_eq(cfg.branches[0].protected_branch, 0);
	ck_assert_str_eq(cfg.branches_origin, FG_TEST_ORIGIN);
	ck_assert_int_eq(fg_branch_parse(&cfg, "release/0.16.x", &b), 0);
	ck_assert_int_eq(b.kind, FG_BRANCH_RELEASE);
	ck_assert(b.major == 0 && b.minor == 16);
	ck_assert_int_eq(fg_branch_parse(&cfg, "main", &b), -1);
	ck_assert_int_eq(fg_branch_parse(&cfg, "feature/x", &b), -1);
	ck_assert_int_eq(fg_branch_parse(&cfg, "dev/0.17.x", &b), -1);
	/* version files, tags and rules are untouched */
	ck_assert_uint_eq(cfg.nvfiles, 3);
	ck_assert_str_eq(cfg.vfiles_origin, FG_ORIGIN_DEFAULT);
	fg_config_release(&cfg);
}
END_TEST

/* Keys of one kind in two sections land in one entry, in the order first declared. */
START_TEST(test_config_branch_sections_merge)
{
	struct fg_config cfg;
	struct fg_branch b;

	fg_test_config_with(&cfg,
			    "[branch \"topic\"]\n\tpattern = ^[a-z]+/.+$\n"
			    "[branch \"feature\"]\n\tprotected = true\n"
			    "[branch \"topic\"]\n\tprotected = true\n");
	ck_assert_uint_eq(cfg.nbranches, 2);
	ck_assert_str_eq(cfg.branches[0].kind, "topic");
	ck_assert_int_eq(cfg.branches[0].protected_branch, 1);
	ck_assert_str_eq(cfg.branches[1].kind, "feature");
	/* both match: the first declared wins */
	ck_assert_int_eq(fg_branch_parse(&cfg, "feature/x", &b), 0);
	ck_assert_ptr_nonnull(b.spec);
	ck_assert_str_eq(b.spec->kind, "topic");
	ck_assert_int_eq(b.kind, FG_BRANCH_OTHER);
	fg_config_release(&cfg);
}
END_TEST

/* Declaring any [versionFile] replaces the built-in list; a section with no keys declares nothing. */
START_TEST(test_config_vfile_replaces_builtin)
{
	struct fg_config cfg;

	fg_test_config_with(&cfg, "[versionFile \"VERSION\"]\n\tkind = exact\n");
	ck_assert_uint_eq(cfg.nvfiles, 1);
	ck_assert_str_eq(cfg.vfiles[0].path, "VERSION");
	ck_assert_ptr_null(cfg.vfiles[0].pattern);
	ck_assert_int_eq(cfg.vfiles[0].series, 0);
	ck_assert_int_eq(cfg.vfiles[0].required, 0);
	ck_assert_str_eq(cfg.vfiles_origin, FG_TEST_ORIGIN);
	ck_assert_uint_eq(cfg.nbranches, 7);
	fg_config_release(&cfg);

	/* git-config: a section without keys has no entries */
	fg_test_config_with(&cfg, "[versionFile \"VERSION\"]\n");
	ck_assert_uint_eq(cfg.nvfiles, 3);
	ck_assert_str_eq(cfg.vfiles[0].path, "half_orm/version.txt");
	ck_assert_str_eq(cfg.vfiles_origin, FG_ORIGIN_DEFAULT);
	fg_config_release(&cfg);
}
END_TEST

/* An empty file, or only comments, leaves the defaults. */
START_TEST(test_config_file_empty)
{
	static const char *const texts[] = { "", "# nothing\n; nothing either\n\n" };
	struct fg_config defaults, cfg;
	char *before, *after;

	ck_assert_int_eq(fg_config_init(&defaults), 0);
	fg_test_config_with(&cfg, texts[_i]);
	before = fg_test_config_text(&defaults);
	after = fg_test_config_text(&cfg);
	ck_assert_str_eq(after, before);
	ck_assert_str_eq(cfg.file_origin, FG_TEST_ORIGIN);
	free(after);
	free(before);
	fg_config_release(&cfg);
	fg_config_release(&defaults);
}
END_TEST

/*
 * Bad configuration in .flowgate: -1 and CFG->error "FG_TEST_ORIGIN: key: problem; fix",
 * one line. KEY is the entry's name as git-config spells it (section and
 * variable lowercased) or flowgate's own spelling of a pattern key.
 */
static const struct {
	const char *text;
	const char *key;
	const char *problem;
} bad_file_cases[] = {
	{ "[core]\n\teditor = vim\n", "core.editor", "unknown key" },
	{ "x = 1\n", "x", "unknown key" }, /* libgit2 takes a key before any section */
	{ "[flowgate]\n\ttypeEnum = off\n", "flowgate.typeEnum", "unknown key" },
	{ "[flowgate]\n\tconfigFile = other\n", "flowgate.configFile", "unknown key" },
	{ "[flowgate \"x\"]\n\tsince = v1.0.0\n", "flowgate.x.since", "unknown key" },
	{ "[flowgate]\n\tsince =\n", "flowgate.since", "empty revision" },
	{ "[flowgate]\n\tsince = HEAD^{/(a+)+$}\n", "flowgate.since", "is not a tag, branch or commit ID" },
	{ "[flowgate]\n\tsince = v0.15.0..v0.16.0\n", "flowgate.since", "is not a tag, branch or commit ID" },
	{ "[rule]\n\tseverity = off\n", "rule.severity", "unknown key" },
	{ "[rule \"noSuchRule\"]\n\tseverity = off\n", "rule.noSuchRule.severity",
	  "no rule is named 'noSuchRule'" },
	{ "[rule \"typeEnum\"]\n\tmax = 3\n", "rule.typeEnum.max", "unknown key" },
	{ "[rule \"typeEnum\"]\n\tscopes = cli\n", "rule.typeEnum.scopes", "unknown key" },
	{ "[rule \"scopeEnum\"]\n\ttypes = feat\n", "rule.scopeEnum.types", "unknown key" },
	{ "[rule \"headerFormat\"]\n\tmax = 3\n", "rule.headerFormat.max", "unknown key" },
	{ "[rule \"typeEnum\"]\n\tseverity = fatal\n", "rule.typeEnum.severity",
	  "unknown severity 'fatal'" },
	{ "[rule \"typeEnum\"]\n\tseverity\n", "rule.typeEnum.severity", "unknown severity ''" },
	{ "[rule \"headerMaxLength\"]\n\tmax = 0\n", "rule.headerMaxLength.max",
	  "'0' is not a positive whole number" },
	{ "[rule \"headerMaxLength\"]\n\tmax = -1\n", "rule.headerMaxLength.max",
	  "'-1' is not a positive whole number" },
	{ "[rule \"headerMaxLength\"]\n\tmax = 1000001\n", "rule.headerMaxLength.max",
	  "'1000001' is not a positive whole number" },
	{ "[rule \"bodyMaxLineLength\"]\n\tmax = 12x\n", "rule.bodyMaxLineLength.max",
	  "'12x' is not a positive whole number" },
	{ "[rule \"bodyMaxLineLength\"]\n\tmax = 1k\n", "rule.bodyMaxLineLength.max",
	  "'1k' is not a positive whole number" },
	{ "[rule \"bodyMaxLineLength\"]\n\tmax = 99999999999999999999999\n",
	  "rule.bodyMaxLineLength.max", "is not a positive whole number" },
	{ "[rule \"bodyMaxLineLength\"]\n\tmax\n", "rule.bodyMaxLineLength.max",
	  "'' is not a positive whole number" },
	{ "[rule \"subjectCase\"]\n\tcase = title-case\n", "rule.subjectCase.case",
	  "'title-case' is not a case; write lower-case, upper-case" },
	{ "[rule \"subjectCase\"]\n\tcase = \"\"\n", "rule.subjectCase.case", "no case is listed" },
	{ "[rule \"subjectCase\"]\n\twhen = sometimes\n", "rule.subjectCase.when",
	  "'sometimes' is not always or never" },
	{ "[rule \"subjectCase\"]\n\tmax = 3\n", "rule.subjectCase.max",
	  "unknown key; this rule takes severity, case and when" },
	{ "[rule \"bodyMaxLineLength\"]\n\tignoreUrls = sometimes\n",
	  "rule.bodyMaxLineLength.ignoreUrls", "'sometimes' is not a boolean" },
	{ "[rule \"headerMaxLength\"]\n\tignoreUrls = true\n", "rule.headerMaxLength.ignoreUrls",
	  "unknown key; this rule takes severity and max" },
	{ "[rule \"typeEnum\"]\n\ttypes = \"\"\n", "rule.typeEnum.types", "the list of types is empty" },
	{ "[commit]\n\tcleanup = strip\n", "commit.cleanup", "unknown key" },
	{ "[commit \"x\"]\n\tignore = ^x\n", "commit.x.ignore", "unknown key" },
	{ "[commit]\n\tignore = \"\"\n", "commit.ignore", "empty pattern" },
	{ "[commit]\n\tignore = (abc\n", "commit.ignore",
	  "invalid regular expression at offset 4: missing closing parenthesis" },
	{ "[commit]\n\tignore = ^WIP\n\tignore = a**\n", "commit.ignore",
	  "invalid regular expression at offset 2: quantifier does not follow a repeatable item" },
	{ "[branch]\n\tpattern = ^x$\n", "branch.pattern", "unknown key" },
	{ "[branch \"dev\"]\n\tprefix = dev/\n", "branch.dev.prefix", "unknown key" },
	{ "[branch \"dev\"]\n\tseries = maybe\n", "branch.dev.series", "'maybe' is not a boolean" },
	{ "[branch \"main\"]\n\tprotected = sometimes\n", "branch.main.protected",
	  "'sometimes' is not a boolean" },
	{ "[branch \"feature\"]\n\tpattern = \"\"\n", "branch.feature.pattern", "empty pattern" },
	{ "[branch \"feature\"]\n\tpattern = ^feature/[a-z\n", "branch.feature.pattern",
	  "invalid regular expression at offset 13: missing terminating ] for character class" },
	{ "[branch \"topic\"]\n\tprotected = true\n", "branch.topic.pattern", "missing" },
	{ "[branch \"stable\"]\n\tpattern = ^stable/[0-9]+$\n\tseries = true\n",
	  "branch.stable.pattern", "the pattern has 0 capture groups, needs 2" },
	{ "[branch \"stable\"]\n\tpattern = ^stable/([0-9]+)[.][0-9]+$\n\tseries = true\n",
	  "branch.stable.pattern", "the pattern has 1 capture group, needs 2" },
	{ "[branch \"feature\"]\n\tseries = true\n", "branch.feature.pattern",
	  "the pattern has 0 capture groups, needs 2" },
	{ "[versionFile]\n\tkind = exact\n", "versionFile.kind", "unknown key" },
	{ "[versionFile \"VERSION\"]\n\tformat = semver\n", "versionFile.VERSION.format", "unknown key" },
	{ "[versionFile \"VERSION\"]\n\tkind = major\n", "versionFile.VERSION.kind",
	  "unknown kind 'major'" },
	{ "[versionFile \"VERSION\"]\n\tkind\n", "versionFile.VERSION.kind", "unknown kind ''" },
	{ "[versionFile \"VERSION\"]\n\trequired = perhaps\n", "versionFile.VERSION.required",
	  "'perhaps' is not a boolean" },
	{ "[versionFile \"VERSION\"]\n\tpattern = \"\"\n", "versionFile.VERSION.pattern",
	  "empty pattern" },
	{ "[versionFile \"VERSION\"]\n\tpattern = version=(.*\n", "versionFile.VERSION.pattern",
	  "invalid regular expression at offset 11: missing closing parenthesis" },
	{ "[versionFile \"VERSION\"]\n\tpattern = ^[0-9.]+$\n", "versionFile.VERSION.pattern",
	  "the pattern has 0 capture groups, needs 1" },
	{ "[versionFile \"/etc/version\"]\n\tkind = exact\n", "versionFile./etc/version.kind",
	  "'/etc/version' is not a path inside the work tree" },
	{ "[versionFile \"../VERSION\"]\n\tkind = exact\n", "versionFile.../VERSION.kind",
	  "'../VERSION' is not a path inside the work tree" },
	{ "[versionFile \"./VERSION\"]\n\tkind = exact\n", "versionFile../VERSION.kind",
	  "'./VERSION' is not a path inside the work tree" },
	{ "[versionFile \"a/../../VERSION\"]\n\tkind = exact\n", "versionFile.a/../../VERSION.kind",
	  "'a/../../VERSION' is not a path inside the work tree" },
	{ "[versionFile \"docs/\"]\n\tkind = exact\n", "versionFile.docs/.kind",
	  "'docs/' is not a path inside the work tree" },
	{ "[versionFile \"..\"]\n\tkind = exact\n", "versionFile....kind",
	  "'..' is not a path inside the work tree" },
	{ "[versionFile \"docs/..\"]\n\tkind = exact\n", "versionFile.docs/...kind",
	  "'docs/..' is not a path inside the work tree" },
	{ "[versionFile \".\"]\n\tkind = exact\n", "versionFile...kind",
	  "'.' is not a path inside the work tree" },
	{ "[versionFile \"docs/./VERSION\"]\n\tkind = exact\n", "versionFile.docs/./VERSION.kind",
	  "'docs/./VERSION' is not a path inside the work tree" },
	{ "[versionFile \"docs//VERSION\"]\n\tkind = exact\n", "versionFile.docs//VERSION.kind",
	  "'docs//VERSION' is not a path inside the work tree" },
	{ "[tag \"v\"]\n\tprefix = v\n", "tag.v.prefix", "unknown key" },
	{ "[tag]\n\tsign = true\n", "tag.sign", "unknown key" },
	{ "[tag]\n\tprefix = v~\n", "tag.prefix", "'v~' cannot start a tag name" },
	{ "[tag]\n\tprefix = a..b\n", "tag.prefix", "'a..b' cannot start a tag name" },
	{ "[tag]\n\tprefix = \"rel \"\n", "tag.prefix", "'rel ' cannot start a tag name" },
	{ "[tag]\n\tprefix = .v\n", "tag.prefix", "'.v' cannot start a tag name" },
	{ "[tag]\n\tprefix = /v\n", "tag.prefix", "'/v' cannot start a tag name" },
	{ "[tag]\n\tprefix = v@{\n", "tag.prefix", "'v@{' cannot start a tag name" },
	{ "[tag]\n\tprefix = v.lock/\n", "tag.prefix", "'v.lock/' cannot start a tag name" },
	{ "[tag]\n\tmessagePrefixes = \"\"\n", "tag.messagePrefixes", "the list is empty" },
	{ "[tag]\n\tothers = deny\n", "tag.others", "'deny' is not allow or refuse" },
	{ "[tag]\n\tothers\n", "tag.others", "'' is not allow or refuse" },
	{ "[tag]\n\tallowLightweight = perhaps\n", "tag.allowLightweight",
	  "'perhaps' is not a boolean" },
	/* a committed file's control bytes never reach the terminal raw */
	{ "[versionFile \"a\x1b[31m.txt\"]\n\tpattern = x\n", "versionFile.a\\x1b[31m.txt.pattern",
	  "the pattern has 0 capture groups, needs 1" },
	{ "[tag]\n\tprefix = \"v\x7f\"\n", "tag.prefix", "'v\\x7f' cannot start a tag name" },
	{ "[branch \"main\"]\n\tprotected = \"\x1b]0;t\x07\"\n", "branch.main.protected",
	  "'\\x1b]0;t\\x07' is not a boolean" },
};

START_TEST(test_config_file_bad)
{
	struct fg_config cfg;
	char *prefix = fg_strdupf("%s: %s: ", FG_TEST_ORIGIN, bad_file_cases[_i].key);

	ck_assert_int_eq(fg_config_init(&cfg), 0);
	ck_assert_int_eq(fg_test_config_apply(&cfg, bad_file_cases[_i].text), -1);
	ck_assert_ptr_nonnull(cfg.error);
	ck_assert_msg(!strncmp(cfg.error, prefix, strlen(prefix)), "error '%s' does not start '%s'",
		      cfg.error, prefix);
	ck_assert_msg(strstr(cfg.error, bad_file_cases[_i].problem), "error '%s' does not say '%s'",
		      cfg.error, bad_file_cases[_i].problem);
	ck_assert_msg(strstr(cfg.error + strlen(prefix), "; "), "error '%s' has no fix", cfg.error);
	ck_assert_ptr_null(strchr(cfg.error, '\n'));
	for (const char *p = cfg.error; *p; p++)
		ck_assert_msg((unsigned char)*p >= 0x20 && *p != 0x7f,
			      "error '%s' holds control byte 0x%02x", cfg.error, (unsigned char)*p);
	free(prefix);
	fg_config_release(&cfg);
}
END_TEST

/*
 * The caps on what a file lists: at FG_CONFIG_MAX_PATTERNS branch kinds,
 * version files and commit.ignore patterns, and FG_CONFIG_MAX_LIST words,
 * the file is accepted; one more is refused, naming the key and the cap.
 */
static char *repeated(const char *head, const char *fmt, unsigned n, const char *tail)
{
	size_t cap = 64 + strlen(head) + strlen(tail) + (size_t)n * (strlen(fmt) + 32), len;
	char *text = malloc(cap);

	ck_assert_ptr_nonnull(text);
	len = (size_t)snprintf(text, cap, "%s", head);
	for (unsigned i = 0; i < n; i++)
		len += (size_t)snprintf(text + len, cap - len, fmt, i, i);
	snprintf(text + len, cap - len, "%s", tail);
	return text;
}

START_TEST(test_config_file_caps)
{
	static const struct {
		const char *head, *fmt, *tail, *problem;
		unsigned cap;
	} cases[] = {
		{ "", "[branch \"k%u\"]\n\tpattern = ^k%u/\n", "", "branch kinds",
		  FG_CONFIG_MAX_PATTERNS },
		{ "", "[versionFile \"v%u/VERSION%u\"]\n\tkind = exact\n", "", "version files",
		  FG_CONFIG_MAX_PATTERNS },
		{ "[commit]\n", "\tignore = ^x%u-%u\n", "", "patterns", FG_CONFIG_MAX_PATTERNS },
		{ "[rule \"typeEnum\"]\n\ttypes =", " t%u%u", "\n", "words", FG_CONFIG_MAX_LIST },
		{ "[tag]\n\tmessagePrefixes =", " p%u%u:", "\n", "words", FG_CONFIG_MAX_LIST },
	};

	for (size_t c = 0; c < FG_COUNT(cases); c++) {
		for (unsigned extra = 0; extra <= 1; extra++) {
			struct fg_config cfg;
			char *text = repeated(cases[c].head, cases[c].fmt, cases[c].cap + extra,
					      cases[c].tail);
			int rc;

			ck_assert_int_eq(fg_config_init(&cfg), 0);
			rc = fg_test_config_apply(&cfg, text);
			free(text);
			if (!extra) {
				ck_assert_msg(rc == 0 && !cfg.error, "case %zu at the cap: %s", c,
					      cfg.error ? cfg.error : "?");
			} else {
				ck_assert_msg(rc == -1 && cfg.error && strstr(cfg.error, cases[c].problem),
					      "case %zu over the cap: %s", c, cfg.error ? cfg.error : "?");
			}
			fg_config_release(&cfg);
		}
	}
}
END_TEST

/* The first problem is the one reported; later ones are not looked for. */
START_TEST(test_config_file_first_error)
{
	struct fg_config cfg;

	ck_assert_int_eq(fg_config_init(&cfg), 0);
	ck_assert_int_eq(fg_test_config_apply(&cfg, "[rule \"firstRule\"]\n\tseverity = off\n"
					      "[rule \"secondRule\"]\n\tseverity = off\n"), -1);
	ck_assert_ptr_nonnull(strstr(cfg.error, "'firstRule'"));
	ck_assert_ptr_null(strstr(cfg.error, "secondRule"));
	fg_config_release(&cfg);
}
END_TEST

Suite *config_suite(void)
{
	Suite *s = suite_create("config");
	TCase *file = tcase_create("file");
	TCase *bad = tcase_create("bad");

	tcase_add_test(file, test_config_file_every_key);
	tcase_add_test(file, test_config_file_origin_copied);
	tcase_add_loop_test(file, test_config_file_rule_severity, 0, FG_RULE__COUNT);
	tcase_add_loop_test(file, test_config_file_values, 0, (int)FG_COUNT(value_cases));
	tcase_add_loop_test(file, test_config_file_overrides_one_value, 0, (int)FG_COUNT(override_cases));
	tcase_add_test(file, test_config_branch_replaces_builtin);
	tcase_add_test(file, test_config_branch_sections_merge);
	tcase_add_test(file, test_config_vfile_replaces_builtin);
	tcase_add_loop_test(file, test_config_file_empty, 0, 2);
	suite_add_tcase(s, file);

	tcase_add_loop_test(bad, test_config_file_bad, 0, (int)FG_COUNT(bad_file_cases));
	tcase_add_test(bad, test_config_file_first_error);
	tcase_add_test(bad, test_config_file_caps);
	suite_add_tcase(s, bad);
	return s;
}

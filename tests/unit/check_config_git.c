/*
 * Tests of config.c's other layers: the flowgate.* keys of git config at
 * each level and their origins, FLOWGATE_SKIP, the server's keys, bad git
 * config, and the order of the layers (defaults < .flowgate < git config
 * < FLOWGATE_SKIP).
 */
#include <stdlib.h>
#include <string.h>
#include "check_flowgate.h"
#include "config_fixtures.h"

/* Each git config level is the origin of the values it sets. */
static const struct {
	git_config_level_t level;
	const char *origin;
} level_cases[] = {
	{ GIT_CONFIG_LEVEL_PROGRAMDATA, "git config (programdata)" },
	{ GIT_CONFIG_LEVEL_SYSTEM, "git config (system)" },
	{ GIT_CONFIG_LEVEL_XDG, "git config (xdg)" },
	{ GIT_CONFIG_LEVEL_GLOBAL, "git config (global)" },
	{ GIT_CONFIG_LEVEL_LOCAL, "git config (local)" },
	{ FG_CONFIG_LEVEL_WORKTREE, "git config (worktree)" },
	{ FG_CONFIG_LEVEL_COMMAND, "git -c" },
};

START_TEST(test_config_git_level_origin)
{
	char *dir = fg_test_mkdtemp();
	git_config *config = NULL;
	struct fg_config cfg;

	ck_assert_int_eq(git_config_new(&config), 0);
	fg_test_git_add_level(config, dir, level_cases[_i].level, "[flowgate]\n\ttypeEnum = warn\n");
	ck_assert_int_eq(fg_config_init(&cfg), 0);
	ck_assert_int_eq(fg_config_apply_git(&cfg, config), 0);
	ck_assert_int_eq(cfg.severity[FG_RULE_TYPE_ENUM], FG_WARN);
	ck_assert_str_eq(cfg.severity_origin[FG_RULE_TYPE_ENUM], level_cases[_i].origin);
	fg_config_release(&cfg);
	git_config_free(config);
	fg_test_rmtree(dir);
}
END_TEST

/* The git config keys: flowgate.<ruleName> (any case), flowgate.configFile, flowgate.since. */
START_TEST(test_config_git_keys)
{
	char *dir;
	git_config *config = fg_test_git_layers(&dir, NULL,
		"[user]\n\tname = Someone\n"
		"[core]\n\tbare = false\n"
		"[flowgate]\n"
		"\ttypeEnum = off\n"
		"\tHEADERMAXLENGTH = warn\n"
		"\tnextstep = error\n"
		"\tconfigFile = /srv/flowgate/team.flowgate\n"
		"\tsince = v0.16.0\n");
	struct fg_config cfg;

	ck_assert_int_eq(fg_config_init(&cfg), 0);
	ck_assert_int_eq(fg_config_apply_git(&cfg, config), 0);
	ck_assert_ptr_null(cfg.error);
	ck_assert_int_eq(cfg.severity[FG_RULE_TYPE_ENUM], FG_OFF);
	ck_assert_int_eq(cfg.severity[FG_RULE_HEADER_MAX_LENGTH], FG_WARN);
	ck_assert_int_eq(cfg.severity[FG_RULE_NEXT_STEP], FG_ERROR);
	for (int i = 0; i < FG_RULE__COUNT; i++)
		ck_assert_str_eq(cfg.severity_origin[i],
				 i == FG_RULE_TYPE_ENUM || i == FG_RULE_HEADER_MAX_LENGTH ||
				 i == FG_RULE_NEXT_STEP ? "git config (local)" : FG_ORIGIN_DEFAULT);
	ck_assert_str_eq(cfg.config_file, "/srv/flowgate/team.flowgate");
	ck_assert_str_eq(cfg.config_file_origin, "git config (local)");
	ck_assert_str_eq(cfg.since, "v0.16.0");
	ck_assert_str_eq(cfg.since_origin, "git config (local)");
	/* the file's keys are not git config keys */
	ck_assert_uint_eq(cfg.header_max_length, 72);
	ck_assert_str_eq(cfg.tag_prefix, "v");
	fg_config_release(&cfg);
	git_config_free(config);
	fg_test_rmtree(dir);
}
END_TEST

/* fg_config_config_file: flowgate.configFile, NULL when unset, local over global. */
START_TEST(test_config_git_config_file)
{
	char *dir, *path = NULL;
	git_config *config = fg_test_git_layers(&dir, NULL, "[user]\n\tname = x\n");

	ck_assert_int_eq(fg_config_config_file(config, &path), 0);
	ck_assert_ptr_null(path);
	git_config_free(config);
	fg_test_rmtree(dir);

	config = fg_test_git_layers(&dir, "[flowgate]\n\tconfigFile = /global.flowgate\n",
				    "[flowgate]\n\tconfigFile = conf/flowgate\n");
	ck_assert_int_eq(fg_config_config_file(config, &path), 0);
	ck_assert_str_eq(path, "conf/flowgate");
	free(path);
	git_config_free(config);
	fg_test_rmtree(dir);
}
END_TEST

/* Bad git config: -1 and "git config (<level>): <key>: problem; fix". */
static const struct {
	int global; /* the key is in the global file, else the local one */
	const char *text;
	const char *origin_key; /* "<origin>: <key>: " */
	const char *problem;
} bad_git_cases[] = {
	{ 0, "[flowgate]\n\tnoSuchRule = off\n", "git config (local): flowgate.nosuchrule: ",
	  "no rule is named 'nosuchrule'" },
	{ 1, "[flowgate]\n\tnoSuchRule = off\n", "git config (global): flowgate.nosuchrule: ",
	  "no rule is named 'nosuchrule'" },
	{ 0, "[flowgate]\n\tprefix = v\n", "git config (local): flowgate.prefix: ",
	  "no rule is named 'prefix'" },
	{ 0, "[flowgate]\n\ttypeEnum = fatal\n", "git config (local): flowgate.typeEnum: ",
	  "unknown severity 'fatal'" },
	{ 1, "[flowgate]\n\ttypeEnum\n", "git config (global): flowgate.typeEnum: ",
	  "unknown severity ''" },
	{ 0, "[flowgate \"rule\"]\n\ttypeEnum = off\n", "git config (local): flowgate.rule.typeenum: ",
	  "unknown key" },
	{ 0, "[flowgate]\n\tconfigFile = \"\"\n", "git config (local): flowgate.configFile: ",
	  "empty path" },
	{ 0, "[flowgate]\n\tsince = \"\"\n", "git config (local): flowgate.since: ", "empty revision" },
	{ 0, "[flowgate]\n\tallowRefs = pull/*\n", "git config (local): flowgate.allowRefs: ",
	  "'pull/*' is not a refname glob" },
	{ 0, "[flowgate]\n\tallowRefs = refs/a..b/*\n", "git config (local): flowgate.allowRefs: ",
	  "not a refname glob" },
	{ 0, "[flowgate]\n\tallowRefs\n", "git config (local): flowgate.allowRefs: ",
	  "'' is not a refname glob" },
	{ 1, "[flowgate]\n\tallowEnvSkip = maybe\n", "git config (global): flowgate.allowEnvSkip: ",
	  "'maybe' is not a boolean" },
};

/* flowgate.allowRefs and flowgate.allowEnvSkip: the server's own keys. */
START_TEST(test_config_git_server_keys)
{
	char *dir;
	git_config *config = fg_test_git_layers(&dir, "[flowgate]\n\tallowEnvSkip\n",
						"[flowgate]\n\tallowRefs = refs/pull/*\n"
						"\tallowRefs = refs/for/main\n");
	struct fg_config cfg;

	ck_assert_int_eq(fg_config_init(&cfg), 0);
	ck_assert_int_eq(cfg.allow_env_skip, 0);
	ck_assert_int_eq(fg_config_ref_allowed(&cfg, "refs/pull/1/head"), 0);
	ck_assert_int_eq(fg_config_apply_git(&cfg, config), 0);
	ck_assert_int_eq(cfg.allow_env_skip, 1); /* a bare key is true, as in git */
	ck_assert_uint_eq(cfg.nallow_refs, 2);
	ck_assert_int_eq(fg_config_ref_allowed(&cfg, "refs/pull/1/head"), 1); /* '*' spans '/' */
	ck_assert_int_eq(fg_config_ref_allowed(&cfg, "refs/pull/12"), 1);
	ck_assert_int_eq(fg_config_ref_allowed(&cfg, "refs/for/main"), 1);
	ck_assert_int_eq(fg_config_ref_allowed(&cfg, "refs/for/main2"), 0);
	ck_assert_int_eq(fg_config_ref_allowed(&cfg, "refs/pullx/1"), 0);
	ck_assert_int_eq(fg_config_ref_allowed(&cfg, "refs/custom/x"), 0);
	fg_config_release(&cfg);
	git_config_free(config);
	fg_test_rmtree(dir);
}
END_TEST

START_TEST(test_config_git_bad)
{
	char *dir;
	git_config *config = fg_test_git_layers(&dir, bad_git_cases[_i].global ? bad_git_cases[_i].text : NULL,
						bad_git_cases[_i].global ? NULL : bad_git_cases[_i].text);
	struct fg_config cfg;
	const char *want = bad_git_cases[_i].origin_key;

	ck_assert_int_eq(fg_config_init(&cfg), 0);
	ck_assert_int_eq(fg_config_apply_git(&cfg, config), -1);
	ck_assert_ptr_nonnull(cfg.error);
	ck_assert_msg(!strncmp(cfg.error, want, strlen(want)), "error '%s' does not start '%s'",
		      cfg.error, want);
	ck_assert_msg(strstr(cfg.error, bad_git_cases[_i].problem), "error '%s' does not say '%s'",
		      cfg.error, bad_git_cases[_i].problem);
	ck_assert_ptr_nonnull(strstr(cfg.error + strlen(want), "; "));
	fg_config_release(&cfg);
	git_config_free(config);
	fg_test_rmtree(dir);
}
END_TEST

/* FLOWGATE_SKIP: rule names separated by commas (spaces and empty items ignored), any case. */
static const struct {
	const char *skip;
	int rc;
	enum fg_rule off[2]; /* rules turned off (FG_RULE__COUNT: none) */
	const char *error;   /* when rc is -1 */
} env_cases[] = {
	{ NULL, 0, { FG_RULE__COUNT, FG_RULE__COUNT }, NULL },
	{ "", 0, { FG_RULE__COUNT, FG_RULE__COUNT }, NULL },
	{ " , ,", 0, { FG_RULE__COUNT, FG_RULE__COUNT }, NULL },
	{ "headerFormat", 0, { FG_RULE_HEADER_FORMAT, FG_RULE__COUNT }, NULL },
	{ " headerFormat , ,typeEnum,", 0, { FG_RULE_HEADER_FORMAT, FG_RULE_TYPE_ENUM }, NULL },
	{ "TAGMESSAGE tagformat", 0, { FG_RULE_TAG_MESSAGE, FG_RULE_TAG_FORMAT }, NULL },
	{ "headerFormat,noSuchRule", -1, { FG_RULE__COUNT, FG_RULE__COUNT },
	  "FLOWGATE_SKIP: 'noSuchRule' is not a rule; " },
	{ "header-format", -1, { FG_RULE__COUNT, FG_RULE__COUNT },
	  "FLOWGATE_SKIP: 'header-format' is not a rule; " },
	{ "aVeryLongNameThatIsNoRuleAtAllAndGoesOnAndOnPastSixtyFourCharactersX", -1,
	  { FG_RULE__COUNT, FG_RULE__COUNT },
	  "FLOWGATE_SKIP: 'aVeryLongNameThatIsNoRuleAtAllAndGoesOnAndOnPastSixtyFourCharac" },
};

START_TEST(test_config_env)
{
	struct fg_config cfg;

	ck_assert_int_eq(fg_config_init(&cfg), 0);
	ck_assert_int_eq(fg_config_apply_env(&cfg, env_cases[_i].skip), env_cases[_i].rc);
	if (env_cases[_i].rc < 0) {
		ck_assert_ptr_nonnull(cfg.error);
		ck_assert_msg(!strncmp(cfg.error, env_cases[_i].error, strlen(env_cases[_i].error)),
			      "error '%s', want '%s...'", cfg.error, env_cases[_i].error);
		fg_config_release(&cfg);
		return;
	}
	ck_assert_ptr_null(cfg.error);
	for (int i = 0; i < FG_RULE__COUNT; i++) {
		int off = (int)env_cases[_i].off[0] == i || (int)env_cases[_i].off[1] == i;

		ck_assert_int_eq(cfg.severity[i], off ? FG_OFF : fg_rule_info((enum fg_rule)i)->severity);
		ck_assert_str_eq(cfg.severity_origin[i], off ? FG_ORIGIN_ENV : FG_ORIGIN_DEFAULT);
	}
	fg_config_release(&cfg);
}
END_TEST

/* defaults < .flowgate < git config (global < local) < FLOWGATE_SKIP, for one rule. */
static const struct {
	const char *file, *global, *local, *skip; /* typeEnum's severity in each; NULL: unset */
	enum fg_severity want;
	const char *origin;
} precedence_cases[] = {
	{ NULL, NULL, NULL, NULL, FG_ERROR, FG_ORIGIN_DEFAULT },
	{ "warn", NULL, NULL, NULL, FG_WARN, FG_TEST_ORIGIN },
	{ "warn", "info", NULL, NULL, FG_INFO, "git config (global)" },
	{ "warn", "info", "off", NULL, FG_OFF, "git config (local)" },
	{ NULL, "off", "error", NULL, FG_ERROR, "git config (local)" },
	{ "off", NULL, "error", NULL, FG_ERROR, "git config (local)" },
	{ "off", "warn", NULL, NULL, FG_WARN, "git config (global)" },
	{ "warn", NULL, NULL, "typeEnum", FG_OFF, FG_ORIGIN_ENV },
	{ "warn", "info", "error", "typeEnum", FG_OFF, FG_ORIGIN_ENV },
	{ "warn", "info", "error", "headerFormat", FG_ERROR, "git config (local)" },
};

START_TEST(test_config_precedence)
{
	char *file = precedence_cases[_i].file ?
		fg_strdupf("[rule \"typeEnum\"]\n\tseverity = %s\n", precedence_cases[_i].file) :
		fg_strdupf("[tag]\n\tprefix = v\n");
	char *global = precedence_cases[_i].global ?
		fg_strdupf("[flowgate]\n\ttypeEnum = %s\n", precedence_cases[_i].global) : NULL;
	char *local = precedence_cases[_i].local ?
		fg_strdupf("[flowgate]\n\ttypeEnum = %s\n", precedence_cases[_i].local) : NULL;
	char *dir;
	git_config *config = fg_test_git_layers(&dir, global, local);
	struct fg_config cfg;

	fg_test_config_with(&cfg, file);
	ck_assert_int_eq(fg_config_apply_git(&cfg, config), 0);
	ck_assert_int_eq(fg_config_apply_env(&cfg, precedence_cases[_i].skip), 0);
	ck_assert_int_eq(cfg.severity[FG_RULE_TYPE_ENUM], precedence_cases[_i].want);
	ck_assert_str_eq(cfg.severity_origin[FG_RULE_TYPE_ENUM], precedence_cases[_i].origin);
	fg_config_release(&cfg);
	git_config_free(config);
	fg_test_rmtree(dir);
	free(local);
	free(global);
	free(file);
}
END_TEST

/* flowgate.since: .flowgate < global < local. */
START_TEST(test_config_precedence_since)
{
	static const struct {
		const char *global, *local, *want, *origin;
	} steps[] = {
		{ NULL, NULL, "v0.15.0", FG_TEST_ORIGIN },
		{ "[flowgate]\n\tsince = v0.16.0\n", NULL, "v0.16.0", "git config (global)" },
		{ "[flowgate]\n\tsince = v0.16.0\n", "[flowgate]\n\tsince = abc1234\n", "abc1234",
		  "git config (local)" },
	};
	char *dir;
	git_config *config = fg_test_git_layers(&dir, steps[_i].global, steps[_i].local);
	struct fg_config cfg;

	fg_test_config_with(&cfg, "[flowgate]\n\tsince = v0.15.0\n");
	ck_assert_int_eq(fg_config_apply_git(&cfg, config), 0);
	ck_assert_str_eq(cfg.since, steps[_i].want);
	ck_assert_str_eq(cfg.since_origin, steps[_i].origin);
	fg_config_release(&cfg);
	git_config_free(config);
	fg_test_rmtree(dir);
}
END_TEST

Suite *config_git_suite(void)
{
	Suite *s = suite_create("config_git");
	TCase *bad = tcase_create("bad");
	TCase *layers = tcase_create("layers");

	tcase_add_loop_test(bad, test_config_git_bad, 0, (int)FG_COUNT(bad_git_cases));
	tcase_add_test(bad, test_config_git_server_keys);
	suite_add_tcase(s, bad);

	tcase_add_loop_test(layers, test_config_git_level_origin, 0, (int)FG_COUNT(level_cases));
	tcase_add_test(layers, test_config_git_keys);
	tcase_add_test(layers, test_config_git_config_file);
	tcase_add_loop_test(layers, test_config_env, 0, (int)FG_COUNT(env_cases));
	tcase_add_loop_test(layers, test_config_precedence, 0, (int)FG_COUNT(precedence_cases));
	tcase_add_loop_test(layers, test_config_precedence_since, 0, 3);
	suite_add_tcase(s, layers);
	return s;
}

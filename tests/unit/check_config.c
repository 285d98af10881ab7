/*
 * Tests of config.c: the built-in defaults, every key of a committed
 * .flowgate, the layers (defaults < .flowgate < git config < FLOWGATE_SKIP)
 * with the origin each value remembers, every bad configuration and the
 * error naming it, and the rules run under a custom configuration.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include "bump.h"
#include "check_flowgate.h"
#include "message.h"
#include "refname.h"
#include "tag.h"
#include "version.h"

#define ORIGIN ".flowgate (index)"

/* Parse TEXT (git-config syntax) and apply it over CFG as ORIGIN; the parse must succeed. */
static int apply_text(struct fg_config *cfg, const char *text)
{
	git_config *file = NULL;
	int rc = fg_config_parse_buffer(&file, text, strlen(text));
	const git_error *e = git_error_last();

	ck_assert_msg(rc == 0, "parse: %d: %s", rc, e && e->message ? e->message : "?");
	rc = fg_config_apply_file(cfg, file, ORIGIN);
	git_config_free(file);
	return rc;
}

/* CFG set to the defaults with TEXT applied over them; asserts TEXT is accepted. */
static void config_with(struct fg_config *cfg, const char *text)
{
	ck_assert_int_eq(fg_config_init(cfg), 0);
	ck_assert_msg(apply_text(cfg, text) == 0, "refused: %s", cfg->error ? cfg->error : "?");
	ck_assert_ptr_null(cfg->error);
}

/* Write TEXT to a file in DIR and add it to CONFIG at LEVEL. */
static void add_level(git_config *config, const char *dir, git_config_level_t level,
		      const char *text)
{
	char *path = fg_strdupf("%s/level-%d.config", dir, (int)level);
	const git_error *e;
	int rc;

	ck_assert_ptr_nonnull(path);
	fg_test_write_file(path, text, strlen(text), 0644);
	rc = git_config_add_file_ondisk(config, path, level, NULL, 0);
	e = git_error_last();
	ck_assert_msg(rc == 0, "git_config_add_file_ondisk: %s", e && e->message ? e->message : "?");
	free(path);
}

/* A git config of GLOBAL and LOCAL text (NULL: that level is absent), files in *DIR. */
static git_config *git_layers(char **dir, const char *global, const char *local)
{
	git_config *config = NULL;

	*dir = fg_test_mkdtemp();
	ck_assert_int_eq(git_config_new(&config), 0);
	if (global)
		add_level(config, *dir, GIT_CONFIG_LEVEL_GLOBAL, global);
	if (local)
		add_level(config, *dir, GIT_CONFIG_LEVEL_LOCAL, local);
	return config;
}

/* fg_config_write of CFG, newly allocated. */
static char *config_text(const struct fg_config *cfg)
{
	char *buf = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&buf, &size);

	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(fg_config_write(cfg, f), 0);
	ck_assert_int_eq(fclose(f), 0);
	ck_assert_ptr_nonnull(buf);
	return buf;
}

static size_t count_lines(const char *text)
{
	size_t n = 0;

	for (; *text; text++)
		n += *text == '\n';
	return n;
}

/* Non-zero when TEXT holds LINE[0..LEN) as a whole line. */
static int has_line(const char *text, const char *line, size_t len)
{
	while (*text) {
		const char *nl = strchr(text, '\n');
		size_t l = nl ? (size_t)(nl - text) : strlen(text);

		if (l == len && !memcmp(text, line, len))
			return 1;
		if (!nl)
			break;
		text = nl + 1;
	}
	return 0;
}

/* The lines of AFTER that BEFORE does not hold, each with its newline (newly allocated). */
static char *new_lines(const char *before, const char *after)
{
	char *out = calloc(1, strlen(after) + 1), *p = out;

	ck_assert_ptr_nonnull(out);
	while (*after) {
		const char *nl = strchr(after, '\n');
		size_t l = nl ? (size_t)(nl - after) + 1 : strlen(after);

		if (!has_line(before, after, nl ? l - 1 : l)) {
			memcpy(p, after, l);
			p += l;
		}
		after += l;
	}
	return out;
}

/* Assert LIST[0..N) is the white-space separated words of WANT. */
static void assert_list(char *const *list, size_t n, const char *want)
{
	char *copy = strdup(want), *save = NULL, *word;
	size_t i = 0;

	ck_assert_ptr_nonnull(copy);
	for (word = strtok_r(copy, " ", &save); word; word = strtok_r(NULL, " ", &save), i++) {
		ck_assert_msg(i < n, "list has %zu items, want '%s'", n, want);
		ck_assert_str_eq(list[i], word);
	}
	ck_assert_uint_eq(n, i);
	free(copy);
}

/*
 * The defaults: the halfORM workflow as the registry, config.h and
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
	assert_list(cfg.types, cfg.ntypes, "feat fix docs style refactor perf test build ci chore "
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
	assert_list(cfg.tag_message_prefixes, cfg.ntag_message_prefixes,
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

/* One .flowgate with every documented key; each value lands in its field with ORIGIN. */
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

	config_with(&cfg, text);
	ck_assert_str_eq(cfg.file_origin, ORIGIN);
	ck_assert_str_eq(cfg.since, "v0.15.0");
	ck_assert_str_eq(cfg.since_origin, ORIGIN);
	for (int i = 0; i < FG_RULE__COUNT; i++) {
		int set = i == FG_RULE_TYPE_ENUM || i == FG_RULE_BODY_MAX_LINE_LENGTH;
		ck_assert_str_eq(cfg.severity_origin[i], set ? ORIGIN : FG_ORIGIN_DEFAULT);
	}
	ck_assert_int_eq(cfg.severity[FG_RULE_TYPE_ENUM], FG_WARN);
	ck_assert_int_eq(cfg.severity[FG_RULE_BODY_MAX_LINE_LENGTH], FG_ERROR);
	assert_list(cfg.types, cfg.ntypes, "feat fix chore");
	ck_assert_str_eq(cfg.types_origin, ORIGIN);
	assert_list(cfg.scopes, cfg.nscopes, "cli core");
	ck_assert_str_eq(cfg.scopes_origin, ORIGIN);
	ck_assert_int_eq(fg_config_severity(&cfg, FG_RULE_SCOPE_ENUM), FG_ERROR);
	ck_assert_uint_eq(cfg.header_max_length, 50);
	ck_assert_str_eq(cfg.header_max_length_origin, ORIGIN);
	ck_assert_uint_eq(cfg.body_max_line_length, 80);
	ck_assert_str_eq(cfg.body_max_line_length_origin, ORIGIN);

	ck_assert_uint_eq(cfg.nignores, 3);
	ck_assert_str_eq(cfg.ignores[0].source, "^Bump");
	ck_assert_str_eq(cfg.ignores[1].source, "^WIP");
	ck_assert_str_eq(cfg.ignores[2].source, "^chore\\(deps\\): ");
	ck_assert_str_eq(cfg.ignores_origin, ORIGIN);

	ck_assert_uint_eq(cfg.nbranches, 2);
	ck_assert_str_eq(cfg.branches_origin, ORIGIN);
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
	ck_assert_str_eq(cfg.vfiles_origin, ORIGIN);
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
	ck_assert_str_eq(cfg.tag_prefix_origin, ORIGIN);
	assert_list(cfg.tag_message_prefixes, cfg.ntag_message_prefixes, "rel: fix:");
	ck_assert_str_eq(cfg.tag_message_prefixes_origin, ORIGIN);
	ck_assert_int_eq(cfg.allow_lightweight, 1);
	ck_assert_str_eq(cfg.allow_lightweight_origin, ORIGIN);

	/* not a .flowgate key: stays the default */
	ck_assert_ptr_null(cfg.config_file);
	ck_assert_str_eq(cfg.config_file_origin, FG_ORIGIN_DEFAULT);
	fg_config_release(&cfg);
}
END_TEST

/* ORIGIN is copied: the caller's buffer may go away. */
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
	config_with(&cfg, text);
	for (int i = 0; i < FG_RULE__COUNT; i++) {
		if (i == _i) {
			ck_assert_int_eq(cfg.severity[i], want);
			ck_assert_str_eq(cfg.severity_origin[i], ORIGIN);
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

	config_with(&cfg, value_cases[_i].text);
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
	{ "[flowgate]\n\tsince = v0.16.0\n", "flowgate.since = v0.16.0\t# " ORIGIN "\n" },
	{ "[rule \"typeEnum\"]\n\tseverity = warn\n", "rule.typeEnum.severity = warn\t# " ORIGIN "\n" },
	{ "[rule \"nextStep\"]\n\tseverity = off\n", "rule.nextStep.severity = off\t# " ORIGIN "\n" },
	{ "[rule \"headerMaxLength\"]\n\tmax = 50\n", "rule.headerMaxLength.max = 50\t# " ORIGIN "\n" },
	{ "[rule \"bodyMaxLineLength\"]\n\tmax = 120\n",
	  "rule.bodyMaxLineLength.max = 120\t# " ORIGIN "\n" },
	{ "[rule \"bodyMaxLineLength\"]\n\tignoreUrls = false\n",
	  "rule.bodyMaxLineLength.ignoreUrls = false\t# " ORIGIN "\n" },
	{ "[rule \"subjectCase\"]\n\tcase = lower-case sentence-case\n",
	  "rule.subjectCase.case = lower-case sentence-case\t# " ORIGIN "\n" },
	{ "[rule \"subjectCase\"]\n\twhen = always\n", "rule.subjectCase.when = always\t# " ORIGIN "\n" },
	{ "[rule \"subjectCase\"]\n\tseverity = error\n", "rule.subjectCase.severity = error\t# " ORIGIN "\n" },
	{ "[rule \"typeEnum\"]\n\ttypes = feat fix\n", "rule.typeEnum.types = feat fix\t# " ORIGIN "\n" },
	{ "[rule \"scopeEnum\"]\n\tscopes = cli\n", "rule.scopeEnum.scopes = cli\t# " ORIGIN "\n" },
	{ "[commit]\n\tignore = ^WIP\n", "commit.ignore = ^WIP\t# " ORIGIN "\n" },
	{ "[tag]\n\tprefix = r\n", "tag.prefix = r\t# " ORIGIN "\n" },
	{ "[tag]\n\tmessagePrefixes = release:\n", "tag.messagePrefixes = release:\t# " ORIGIN "\n" },
	{ "[tag]\n\tallowLightweight = true\n", "tag.allowLightweight = true\t# " ORIGIN "\n" },
	{ "[tag]\n\tothers = refuse\n", "tag.others = refuse\t# " ORIGIN "\n" },
	{ "[tag]\n\tothers = Refuse\n", "tag.others = refuse\t# " ORIGIN "\n" },
	{ "[tag]\n\tothers = refuse\n\tothers = allow\n", "tag.others = allow\t# " ORIGIN "\n" },
};

START_TEST(test_config_file_overrides_one_value)
{
	struct fg_config defaults, cfg;
	char *before, *after, *changed;

	ck_assert_int_eq(fg_config_init(&defaults), 0);
	config_with(&cfg, override_cases[_i].text);
	before = config_text(&defaults);
	after = config_text(&cfg);
	changed = new_lines(before, after);
	ck_assert_uint_eq(count_lines(after), count_lines(before));
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

	config_with(&cfg, "[branch \"release\"]\n\tprotected = false\n");
	ck_assert_uint_eq(cfg.nbranches, 1);
	ck_assert_str_eq(cfg.branches[0].kind, "release");
	ck_assert_int_eq(cfg.branches[0].series, 1);
	ck_assert_int_eq(cfg.branches[0].protected_branch, 0);
	ck_assert_str_eq(cfg.branches_origin, ORIGIN);
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

	config_with(&cfg,
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

	config_with(&cfg, "[versionFile \"VERSION\"]\n\tkind = exact\n");
	ck_assert_uint_eq(cfg.nvfiles, 1);
	ck_assert_str_eq(cfg.vfiles[0].path, "VERSION");
	ck_assert_ptr_null(cfg.vfiles[0].pattern);
	ck_assert_int_eq(cfg.vfiles[0].series, 0);
	ck_assert_int_eq(cfg.vfiles[0].required, 0);
	ck_assert_str_eq(cfg.vfiles_origin, ORIGIN);
	ck_assert_uint_eq(cfg.nbranches, 7);
	fg_config_release(&cfg);

	/* git-config: a section without keys has no entries */
	config_with(&cfg, "[versionFile \"VERSION\"]\n");
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
	config_with(&cfg, texts[_i]);
	before = config_text(&defaults);
	after = config_text(&cfg);
	ck_assert_str_eq(after, before);
	ck_assert_str_eq(cfg.file_origin, ORIGIN);
	free(after);
	free(before);
	fg_config_release(&cfg);
	fg_config_release(&defaults);
}
END_TEST

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
	ck_assert_int_eq(fg_config_apply_file(&cfg, file, ORIGIN), 0);
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
 * Bad configuration in .flowgate: -1 and CFG->error "ORIGIN: key: problem; fix",
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
	char *prefix = fg_strdupf("%s: %s: ", ORIGIN, bad_file_cases[_i].key);

	ck_assert_int_eq(fg_config_init(&cfg), 0);
	ck_assert_int_eq(apply_text(&cfg, bad_file_cases[_i].text), -1);
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
			rc = apply_text(&cfg, text);
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
	ck_assert_int_eq(apply_text(&cfg, "[rule \"firstRule\"]\n\tseverity = off\n"
				    "[rule \"secondRule\"]\n\tseverity = off\n"), -1);
	ck_assert_ptr_nonnull(strstr(cfg.error, "'firstRule'"));
	ck_assert_ptr_null(strstr(cfg.error, "secondRule"));
	fg_config_release(&cfg);
}
END_TEST

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
	add_level(config, dir, level_cases[_i].level, "[flowgate]\n\ttypeEnum = warn\n");
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
	git_config *config = git_layers(&dir, NULL,
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
	git_config *config = git_layers(&dir, NULL, "[user]\n\tname = x\n");

	ck_assert_int_eq(fg_config_config_file(config, &path), 0);
	ck_assert_ptr_null(path);
	git_config_free(config);
	fg_test_rmtree(dir);

	config = git_layers(&dir, "[flowgate]\n\tconfigFile = /global.flowgate\n",
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
	git_config *config = git_layers(&dir, "[flowgate]\n\tallowEnvSkip\n",
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
	git_config *config = git_layers(&dir, bad_git_cases[_i].global ? bad_git_cases[_i].text : NULL,
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
	{ "warn", NULL, NULL, NULL, FG_WARN, ORIGIN },
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
	git_config *config = git_layers(&dir, global, local);
	struct fg_config cfg;

	config_with(&cfg, file);
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
		{ NULL, NULL, "v0.15.0", ORIGIN },
		{ "[flowgate]\n\tsince = v0.16.0\n", NULL, "v0.16.0", "git config (global)" },
		{ "[flowgate]\n\tsince = v0.16.0\n", "[flowgate]\n\tsince = abc1234\n", "abc1234",
		  "git config (local)" },
	};
	char *dir;
	git_config *config = git_layers(&dir, steps[_i].global, steps[_i].local);
	struct fg_config cfg;

	config_with(&cfg, "[flowgate]\n\tsince = v0.15.0\n");
	ck_assert_int_eq(fg_config_apply_git(&cfg, config), 0);
	ck_assert_str_eq(cfg.since, steps[_i].want);
	ck_assert_str_eq(cfg.since_origin, steps[_i].origin);
	fg_config_release(&cfg);
	git_config_free(config);
	fg_test_rmtree(dir);
}
END_TEST

/* scopeEnum: inactive with no scopes; with scopes, a scope outside the list is refused. */
static const struct {
	const char *text;
	const char *message;
	enum fg_severity severity; /* fg_config_severity(scopeEnum) */
	size_t violations;         /* of scopeEnum */
} scope_cases[] = {
	{ "", "feat(gui): x", FG_OFF, 0 },
	{ "[rule \"scopeEnum\"]\n\tscopes = \"\"\n", "feat(gui): x", FG_OFF, 0 },
	{ "[rule \"scopeEnum\"]\n\tscopes = cli core\n", "feat(gui): x", FG_ERROR, 1 },
	{ "[rule \"scopeEnum\"]\n\tscopes = cli core\n", "feat(cli): x", FG_ERROR, 0 },
	{ "[rule \"scopeEnum\"]\n\tscopes = cli core\n", "fix(core)!: x", FG_ERROR, 0 },
	{ "[rule \"scopeEnum\"]\n\tscopes = cli core\n", "feat: x", FG_ERROR, 0 },
	{ "[rule \"scopeEnum\"]\n\tscopes = cli core\n", "feat(cli-x): x", FG_ERROR, 1 },
	{ "[rule \"scopeEnum\"]\n\tscopes = cli core\n\tseverity = warn\n", "feat(gui): x", FG_WARN, 1 },
	{ "[rule \"scopeEnum\"]\n\tscopes = cli core\n\tseverity = off\n", "feat(gui): x", FG_OFF, 0 },
};

START_TEST(test_config_scope_enum)
{
	struct fg_config cfg;
	struct fg_report report;

	config_with(&cfg, scope_cases[_i].text);
	ck_assert_int_eq(fg_config_severity(&cfg, FG_RULE_SCOPE_ENUM), scope_cases[_i].severity);
	fg_report_init(&report);
	report.severity = cfg.severity;
	fg_check_message(&report, &cfg, scope_cases[_i].message, NULL, NULL);
	ck_assert_uint_eq(report.n, scope_cases[_i].violations); /* nothing else is wrong */
	ck_assert_uint_eq(fg_test_count_rule(&report, FG_RULE_SCOPE_ENUM), scope_cases[_i].violations);
	if (report.n) {
		ck_assert_int_eq(report.items[0].severity, scope_cases[_i].severity);
		ck_assert_ptr_nonnull(strstr(report.items[0].message, "is not one of the configured scopes"));
		ck_assert_ptr_nonnull(strstr(report.items[0].hint, "cli core"));
	}
	fg_report_release(&report);
	fg_config_release(&cfg);
}
END_TEST

/* bodyMaxLineLength: a warning for the first body line over the maximum, code points counted. */
static const struct {
	const char *text;    /* .flowgate */
	size_t lines[3];     /* code points of each body line (0: no more lines) */
	int multibyte;       /* lines of 'é' (2 bytes) instead of 'a' */
	const char *message; /* the violation's text; NULL: none */
} body_cases[] = {
	{ "", { 100, 0, 0 }, 0, NULL },
	{ "", { 101, 0, 0 }, 0, "line 3, column 101: line is 101 characters long, more than 100" },
	{ "", { 100, 0, 0 }, 1, NULL },
	{ "[rule \"bodyMaxLineLength\"]\n\tmax = 20\n", { 20, 20, 0 }, 0, NULL },
	{ "[rule \"bodyMaxLineLength\"]\n\tmax = 20\n", { 5, 21, 30 }, 0,
	  "line 4, column 21: line is 21 characters long, more than 20" },
	{ "[rule \"bodyMaxLineLength\"]\n\tmax = 20\n", { 20, 0, 0 }, 1, NULL },
	{ "[rule \"bodyMaxLineLength\"]\n\tmax = 20\n", { 21, 0, 0 }, 1,
	  "line 3, column 21: line is 21 characters long, more than 20" },
	{ "[rule \"bodyMaxLineLength\"]\n\tmax = 200\n", { 150, 0, 0 }, 0, NULL },
};

START_TEST(test_config_body_max_line_length)
{
	struct fg_config cfg;
	struct fg_report report;
	char *message = malloc(2048), *p;

	ck_assert_ptr_nonnull(message);
	/* "feat: x\n\n<line 3>\n<line 4>\n...": the blank line after the header is line 2 */
	p = message + sprintf(message, "feat: x\n\n");
	for (size_t l = 0; l < 3 && body_cases[_i].lines[l]; l++) {
		for (size_t c = 0; c < body_cases[_i].lines[l]; c++)
			p += sprintf(p, "%s", body_cases[_i].multibyte ? "\xc3\xa9" : "a");
		*p++ = '\n';
	}
	*p = '\0';
	config_with(&cfg, body_cases[_i].text);
	fg_report_init(&report);
	report.severity = cfg.severity;
	fg_check_message(&report, &cfg, message, NULL, NULL);
	if (!body_cases[_i].message) {
		ck_assert_uint_eq(report.n, 0);
	} else {
		ck_assert_uint_eq(report.n, 1);
		ck_assert_int_eq(report.items[0].rule, FG_RULE_BODY_MAX_LINE_LENGTH);
		ck_assert_int_eq(report.items[0].severity, FG_WARN);
		ck_assert_str_eq(report.items[0].message, body_cases[_i].message);
	}
	fg_report_release(&report);
	fg_config_release(&cfg);
	free(message);
}
END_TEST

/* headerMaxLength: rule.headerMaxLength.max is the maximum, in code points. */
static const struct {
	const char *text;
	size_t header;      /* code points of the header "feat: aaa..." */
	const char *message; /* NULL: no violation */
} header_cases[] = {
	{ "", 72, NULL },
	{ "", 73, "line 1, column 73: header is 73 characters long, more than 72" },
	{ "[rule \"headerMaxLength\"]\n\tmax = 50\n", 50, NULL },
	{ "[rule \"headerMaxLength\"]\n\tmax = 50\n", 51, "line 1, column 51: header is 51 characters long, more than 50" },
	{ "[rule \"headerMaxLength\"]\n\tmax = 100\n", 100, NULL },
	{ "[rule \"headerMaxLength\"]\n\tmax = 100\n", 101, "line 1, column 101: header is 101 characters long, more than 100" },
};

START_TEST(test_config_header_max_length)
{
	struct fg_config cfg;
	struct fg_report report;
	char header[256];

	memset(header, 'a', sizeof(header));
	memcpy(header, "feat: ", 6);
	header[header_cases[_i].header] = '\0';
	config_with(&cfg, header_cases[_i].text);
	fg_report_init(&report);
	report.severity = cfg.severity;
	fg_check_message(&report, &cfg, header, NULL, NULL);
	if (!header_cases[_i].message) {
		ck_assert_uint_eq(report.n, 0);
	} else {
		ck_assert_uint_eq(report.n, 1);
		ck_assert_int_eq(report.items[0].rule, FG_RULE_HEADER_MAX_LENGTH);
		ck_assert_int_eq(report.items[0].severity, FG_ERROR);
		ck_assert_str_eq(report.items[0].message, header_cases[_i].message);
	}
	fg_report_release(&report);
	fg_config_release(&cfg);
}
END_TEST

/* typeEnum: rule.typeEnum.types replaces the list of types. */
static const struct {
	const char *message;
	size_t violations; /* of typeEnum */
} type_cases[] = {
	{ "feat: x", 0 },
	{ "wip: x", 0 },
	{ "fix(core)!: x", 0 },
	{ "docs: x", 1 },
	{ "release: 1.0.0", 1 },
	{ "Feat: x", 0 },  /* typeCase's, not typeEnum's: "feat" is a type */
	{ "Docs: x", 1 },  /* and typeCase */
};

START_TEST(test_config_type_enum)
{
	struct fg_config cfg;
	struct fg_report report;

	config_with(&cfg, "[rule \"typeEnum\"]\n\ttypes = feat fix wip\n");
	fg_report_init(&report);
	report.severity = cfg.severity;
	fg_check_message(&report, &cfg, type_cases[_i].message, NULL, NULL);
	ck_assert_uint_eq(report.n, type_cases[_i].violations +
			  fg_test_count_rule(&report, FG_RULE_TYPE_CASE));
	ck_assert_uint_eq(fg_test_count_rule(&report, FG_RULE_TYPE_ENUM), type_cases[_i].violations);
	if (type_cases[_i].violations)
		ck_assert_str_eq(fg_report_find(&report, FG_RULE_TYPE_ENUM)->hint,
				 "use one of: feat fix wip");
	fg_report_release(&report);
	fg_config_release(&cfg);
}
END_TEST

/* commit.ignore: a header matching a pattern is accepted as it is; only the header is matched. */
static const struct {
	const char *message;
	int ignored;       /* fg_config_match_ignore on the header */
	size_t violations; /* with the ignore patterns */
	size_t without;    /* under the defaults */
} ignore_cases[] = {
	{ "Bump lodash from 4.17.20 to 4.17.21", 1, 0, 1 },
	{ "Bump @babel/traverse from 7.22.5 to 7.23.2 in /frontend/packages/a-rather-long-path", 1, 0, 2 },
	{ "Bump lodash\n\nfrom 4.17.20 to 4.17.21", 0, 1, 1 },
	{ "update deps\n\nBump lodash from 4.17.20 to 4.17.21", 0, 1, 1 },
	{ "WIP: half done", 1, 0, 1 }, /* typeEnum (typeCase only for a known type) */
	{ "wip: half done", 0, 1, 1 }, /* patterns are case-sensitive */
	{ "feat: x", 0, 0, 0 },
	{ "\xff bad", 0, 1, 1 }, /* not UTF-8: no pattern matches, messageEncoding says why */
};

START_TEST(test_config_commit_ignore)
{
	const char *message = ignore_cases[_i].message;
	struct fg_config cfg;
	struct fg_report report;

	config_with(&cfg, "[commit]\n"
		    "\tignore = ^Bump \\\\S+ from \\\\S+ to \\\\S+\n"
		    "\tignore = ^WIP\\\\b\n");
	ck_assert_int_eq(fg_config_match_ignore(&cfg, message, strcspn(message, "\n")),
			 ignore_cases[_i].ignored);
	fg_report_init(&report);
	report.severity = cfg.severity;
	ck_assert_uint_eq(fg_check_message(&report, &cfg, message, NULL, NULL), ignore_cases[_i].violations);
	fg_report_release(&report);
	fg_report_init(&report);
	ck_assert_uint_eq(fg_check_message(&report, fg_test_config(), message, NULL, NULL),
			  ignore_cases[_i].without);
	fg_report_release(&report);
	ck_assert_ptr_null(cfg.error);
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
	config_with(&cfg, "[commit]\n\tignore = ^WIP\n\tignore = ^(a+)+$\n");
	ck_assert_int_eq(fg_config_match_ignore(&cfg, "WIP: x", 6), 1); /* the first still matches */
	ck_assert_ptr_null(cfg.error);
	ck_assert_int_eq(fg_config_match_ignore(&cfg, header, 41), -1);
	ck_assert_ptr_nonnull(cfg.error);
	ck_assert_msg(!strncmp(cfg.error, ORIGIN ": commit.ignore: ", strlen(ORIGIN ": commit.ignore: ")),
		      "error: %s", cfg.error);
	ck_assert_ptr_nonnull(strstr(cfg.error, "'^(a+)+$'"));
	ck_assert_ptr_nonnull(strstr(cfg.error, "reached PCRE2's match limit"));
	fg_config_release(&cfg);

	/* fg_check_message: no violation, the error set */
	config_with(&cfg, "[commit]\n\tignore = ^(a+)+$\n");
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
	config_with(&cfg, "[branch \"main\"]\n\tprotected = true\n"
		    "[branch \"topic\"]\n\tpattern = ^(a+)+$\n");
	ck_assert_int_eq(fg_branch_parse(&cfg, "main", &b), 0);
	ck_assert_int_eq(fg_branch_parse(&cfg, subject, &b), -3);
	ck_assert_ptr_nonnull(cfg.error);
	ck_assert_msg(!strncmp(cfg.error, ORIGIN ": branch.topic.pattern: ",
			       strlen(ORIGIN ": branch.topic.pattern: ")), "error: %s", cfg.error);
	ck_assert_ptr_nonnull(strstr(cfg.error, "reached PCRE2's match limit"));
	fg_report_init(&report);
	ck_assert_int_eq(fg_check_branch_name(&report, &cfg, subject, 1), -3);
	ck_assert_uint_eq(report.n, 0);
	fg_report_release(&report);
	fg_config_release(&cfg);

	config_with(&cfg, "[versionFile \"VERSION\"]\n\tpattern = (a+)+$\n");
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
	config_with(&cfg, "[versionFile \"VERSION\"]\n\tpattern = (a+a+)+$\n");
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

/* Custom branch kinds: the configured list only, series from groups 1 and 2. */
static const char custom_branches[] =
	"[branch \"trunk\"]\n"
	"\tpattern = ^trunk$\n"
	"\tprotected = true\n"
	"[branch \"stable\"]\n"
	"\tpattern = ^stable-([0-9]+)[.]([0-9]+)$\n"
	"\tseries = true\n"
	"[branch \"release\"]\n"
	"\tprotected = false\n";

static const struct {
	const char *name;
	int rc;
	enum fg_branch_kind kind;
	const char *spec; /* the kind's name */
	int series;
	uint64_t major, minor;
} custom_branch_cases[] = {
	{ "trunk", 0, FG_BRANCH_OTHER, "trunk", 0, 0, 0 },
	{ "stable-2.5", 0, FG_BRANCH_OTHER, "stable", 1, 2, 5 },
	{ "stable-10.0", 0, FG_BRANCH_OTHER, "stable", 1, 10, 0 },
	{ "release/0.16.x", 0, FG_BRANCH_RELEASE, "release", 1, 0, 16 },
	{ "stable-2.x", -1, FG_BRANCH_INVALID, NULL, 0, 0, 0 },
	{ "stable-99999999999999999999.1", -1, FG_BRANCH_INVALID, NULL, 0, 0, 0 },
	{ "main", -1, FG_BRANCH_INVALID, NULL, 0, 0, 0 },
	{ "dev/0.17.x", -1, FG_BRANCH_INVALID, NULL, 0, 0, 0 },
	{ "feature/x", -1, FG_BRANCH_INVALID, NULL, 0, 0, 0 },
};

START_TEST(test_config_custom_branches)
{
	struct fg_config cfg;
	struct fg_branch b;

	config_with(&cfg, custom_branches);
	ck_assert_int_eq(fg_branch_parse(&cfg, custom_branch_cases[_i].name, &b),
			 custom_branch_cases[_i].rc);
	ck_assert_int_eq(b.kind, custom_branch_cases[_i].kind);
	ck_assert_int_eq(b.series, custom_branch_cases[_i].series);
	ck_assert_int_eq(fg_branch_has_series(&b), custom_branch_cases[_i].series);
	ck_assert(b.major == custom_branch_cases[_i].major);
	ck_assert(b.minor == custom_branch_cases[_i].minor);
	if (custom_branch_cases[_i].spec)
		ck_assert_str_eq(b.spec->kind, custom_branch_cases[_i].spec);
	else
		ck_assert_ptr_null(b.spec);
	fg_config_release(&cfg);
}
END_TEST

/* branchName under custom kinds names the file and the kinds; branchVersionSeries uses the series. */
START_TEST(test_config_custom_branches_rules)
{
	struct fg_config cfg;
	struct fg_report report;
	struct fg_branch b;
	struct fg_version_set set;
	struct fg_vfile_content contents[3] = {
		{ 1, "2.6.0\n", 6 }, { 0, NULL, 0 }, { 0, NULL, 0 },
	};

	config_with(&cfg, custom_branches);
	fg_report_init(&report);
	ck_assert_int_eq(fg_check_branch_name(&report, &cfg, "trunk", 1), 0);
	ck_assert_int_eq(fg_check_branch_name(&report, &cfg, "main", 1), -1);
	ck_assert_uint_eq(report.n, 1);
	ck_assert_int_eq(report.items[0].rule, FG_RULE_BRANCH_NAME);
	ck_assert_str_eq(report.items[0].message, "branch 'main' matches none of the branch kinds of "
				       ORIGIN " (trunk, stable, release)");
	ck_assert_ptr_nonnull(report.items[0].hint);
	fg_report_release(&report);

	ck_assert_int_eq(fg_branch_parse(&cfg, "stable-2.5", &b), 0);
	fg_version_set_init(&set);
	ck_assert_int_eq(fg_versions_extract(&set, cfg.vfiles, cfg.nvfiles, contents), 0);
	fg_report_init(&report);
	ck_assert_uint_eq(fg_versions_check(&report, &set, &b, "stable-2.5"), 1);
	ck_assert_int_eq(report.items[0].rule, FG_RULE_BRANCH_VERSION_SERIES);
	ck_assert_ptr_nonnull(strstr(report.items[0].message, "outside the 2.5 series of branch 'stable-2.5'"));
	fg_report_release(&report);
	fg_version_set_release(&set);

	contents[0] = (struct fg_vfile_content){ 1, "2.5.3\n", 6 };
	fg_version_set_init(&set);
	ck_assert_int_eq(fg_versions_extract(&set, cfg.vfiles, cfg.nvfiles, contents), 0);
	fg_report_init(&report);
	ck_assert_uint_eq(fg_versions_check(&report, &set, &b, "stable-2.5"), 0);
	fg_report_release(&report);
	fg_version_set_release(&set);
	fg_config_release(&cfg);
}
END_TEST

/* Custom tags: tag.prefix, tag.messagePrefixes, tag.allowLightweight. */
#define CUSTOM_TAG "[tag]\n\tprefix = release-\n\tmessagePrefixes = rel: fix:\n"
static const struct {
	const char *text;
	const char *tag;
	int annotated;
	const char *message;
	const char *version; /* half_orm/version.txt at the tagged commit */
	size_t format, annotated_v, message_v, match;
} custom_tag_cases[] = {
	{ CUSTOM_TAG "\tallowLightweight = true\n", "release-1.2.3", 0, NULL, "1.2.3", 0, 0, 0, 0 },
	{ CUSTOM_TAG "\tallowLightweight = true\n", "release-1.2.3", 1, "rel: 1.2.3\n", "1.2.3",
	  0, 0, 0, 0 },
	{ CUSTOM_TAG "\tallowLightweight = true\n", "release-1.2.3", 1, "fix: crash\n", "1.2.3",
	  0, 0, 0, 0 },
	{ CUSTOM_TAG "\tallowLightweight = true\n", "release-1.2.3-rc1", 1, "rel: rc\n", "1.2.3-rc1",
	  0, 0, 0, 0 },
	{ CUSTOM_TAG "\tallowLightweight = true\n", "release-1.2.3", 1, "release: 1.2.3\n", "1.2.3",
	  0, 0, 1, 0 },
	{ CUSTOM_TAG "\tallowLightweight = true\n", "release-1.2.3", 1, "", "1.2.3", 0, 0, 1, 0 },
	{ CUSTOM_TAG "\tallowLightweight = true\n", "v1.2.3", 1, "rel: x\n", "1.2.3", 1, 0, 0, 0 },
	{ CUSTOM_TAG "\tallowLightweight = true\n", "release-1.2.4", 0, NULL, "1.2.3", 0, 0, 0, 1 },
	{ CUSTOM_TAG, "release-1.2.3", 0, NULL, "1.2.3", 0, 1, 0, 0 },
	{ "[tag]\n\tprefix = \"\"\n", "1.2.3", 1, "release: 1.2.3\n", "1.2.3", 0, 0, 0, 0 },
	{ "[tag]\n\tprefix = \"\"\n", "v1.2.3", 1, "release: 1.2.3\n", "1.2.3", 1, 0, 0, 0 },
};

START_TEST(test_config_custom_tag)
{
	const char *vt = custom_tag_cases[_i].version;
	struct fg_vfile_content contents[3] = { { 1, vt, strlen(vt) }, { 0, NULL, 0 }, { 0, NULL, 0 } };
	struct fg_config cfg;
	struct fg_report report;
	struct fg_version_set set;

	config_with(&cfg, custom_tag_cases[_i].text);
	fg_version_set_init(&set);
	ck_assert_int_eq(fg_versions_extract(&set, cfg.vfiles, cfg.nvfiles, contents), 0);
	fg_report_init(&report);
	fg_check_tag(&report, &cfg, custom_tag_cases[_i].tag, custom_tag_cases[_i].annotated,
		     custom_tag_cases[_i].message, &set, NULL);
	ck_assert_uint_eq(fg_test_count_rule(&report, FG_RULE_TAG_FORMAT), custom_tag_cases[_i].format);
	ck_assert_uint_eq(fg_test_count_rule(&report, FG_RULE_TAG_ANNOTATED),
			  custom_tag_cases[_i].annotated_v);
	ck_assert_uint_eq(fg_test_count_rule(&report, FG_RULE_TAG_MESSAGE),
			  custom_tag_cases[_i].message_v);
	ck_assert_uint_eq(fg_test_count_rule(&report, FG_RULE_TAG_VERSION_MATCH),
			  custom_tag_cases[_i].match);
	ck_assert_uint_eq(report.n, custom_tag_cases[_i].format + custom_tag_cases[_i].annotated_v +
			  custom_tag_cases[_i].message_v + custom_tag_cases[_i].match);
	fg_report_release(&report);
	fg_version_set_release(&set);
	fg_config_release(&cfg);
}
END_TEST

/* The custom prefix in fg_tag_parse and in the texts of the tag rules. */
START_TEST(test_config_custom_tag_texts)
{
	struct fg_config cfg;
	struct fg_version v;
	struct fg_report report;

	config_with(&cfg, CUSTOM_TAG);
	ck_assert_int_eq(fg_tag_parse(&cfg, "release-1.2.3", &v), 0);
	ck_assert(v.major == 1 && v.minor == 2 && v.patch == 3);
	ck_assert_int_eq(fg_tag_parse(&cfg, "v1.2.3", &v), -1);
	ck_assert_int_eq(fg_tag_parse(&cfg, "release-1.2", &v), -1);

	fg_report_init(&report);
	fg_check_tag(&report, &cfg, "release-1.2", 1, "bump\n", NULL, NULL);
	ck_assert_uint_eq(report.n, 2);
	ck_assert_int_eq(report.items[0].rule, FG_RULE_TAG_FORMAT);
	ck_assert_str_eq(report.items[0].message, "tag 'release-1.2' is not release-X.Y.Z with an "
				       "optional -dev, -alphaN, -betaN or -rcN");
	ck_assert_ptr_nonnull(strstr(report.items[0].hint, "release-0.16.0"));
	ck_assert_int_eq(report.items[1].rule, FG_RULE_TAG_MESSAGE);
	ck_assert_str_eq(report.items[1].message, "tag 'release-1.2' message 'bump' does not start "
				       "with 'rel:' or 'fix:'");
	ck_assert_ptr_nonnull(strstr(report.items[1].hint, "-m 'rel: <summary>'"));
	fg_report_release(&report);
	/* v1.2.3 under another prefix: the exact rename, with a configured message prefix */
	fg_report_init(&report);
	fg_check_tag(&report, &cfg, "v1.2.3", 1, "bump\n", NULL, NULL);
	ck_assert_uint_eq(report.n, 1);
	ck_assert_int_eq(report.items[0].rule, FG_RULE_TAG_FORMAT);
	ck_assert_str_eq(report.items[0].message, "tag 'v1.2.3' names version 1.2.3 without the tag "
				       "prefix 'release-'");
	ck_assert_str_eq(report.items[0].hint, "rename it to 'release-1.2.3': git tag -a "
				       "release-1.2.3 v1.2.3^{} -m 'rel: 1.2.3' && git tag -d v1.2.3");
	fg_report_release(&report);
	fg_config_release(&cfg);
}
END_TEST

/* Custom version files: patterns whose group 1 is the version, required, kind = series. */
static const char custom_vfiles[] =
	"[versionFile \"pyproject.toml\"]\n"
	"\tpattern = \"(?m)^version = \\\"([^\\\"]*)\\\"\"\n"
	"\trequired = true\n"
	"[versionFile \"package.json\"]\n"
	"\tpattern = \"\\\"version\\\": \\\"([^\\\"]*)\\\"\"\n"
	"[versionFile \"docs/SERIES\"]\n"
	"\tkind = series\n";

#define PYPROJECT(v) "[project]\nname = \"demo\"\nversion = \"" v "\"\nrequires-python = \">=3.8\"\n"
#define PACKAGE_JSON(v) "{\n  \"name\": \"demo\",\n  \"version\": \"" v "\",\n  \"private\": true\n}\n"

static const struct {
	const char *name;
	const char *pyproject, *package_json, *series; /* NULL: missing */
	size_t values;                                  /* in the set */
	const char *first;                              /* the first value's text */
	size_t format, consistency;
} custom_vfile_cases[] = {
	{ "all agree", PYPROJECT("1.2.3"), PACKAGE_JSON("1.2.3"), "1.2.x\n", 3, "1.2.3", 0, 0 },
	{ "pre-release", PYPROJECT("1.2.3-rc1"), PACKAGE_JSON("1.2.3-rc1"), NULL, 2, "1.2.3-rc1", 0, 0 },
	{ "package.json differs", PYPROJECT("1.2.3"), PACKAGE_JSON("1.2.4"), NULL, 2, "1.2.3", 0, 1 },
	{ "series differs", PYPROJECT("1.2.3"), NULL, "1.3.x\n", 2, "1.2.3", 0, 1 },
	{ "series file with an exact version", PYPROJECT("1.2.3"), NULL, "1.2.3\n", 2, "1.2.3", 0, 0 },
	{ "optional file missing", PYPROJECT("1.2.3"), NULL, NULL, 1, "1.2.3", 0, 0 },
	{ "optional file without a match", PYPROJECT("1.2.3"), "{}\n", NULL, 1, "1.2.3", 0, 0 },
	{ "required file missing", NULL, PACKAGE_JSON("1.2.3"), NULL, 2, "", 1, 0 },
	{ "required file without a match", "[project]\nname = \"demo\"\n", NULL, NULL, 1, "", 1, 0 },
	{ "only 'version =' at a line start", "[tool.x]\nmin_version = \"9.9.9\"\n", NULL, NULL, 1, "",
	  1, 0 },
	{ "not a workflow version", PYPROJECT("1.2"), NULL, NULL, 1, "1.2", 1, 0 },
	{ "series in an exact file", PYPROJECT("1.2.x"), NULL, NULL, 1, "1.2.x", 1, 0 },
};

START_TEST(test_config_custom_vfiles)
{
	const char *py = custom_vfile_cases[_i].pyproject, *pj = custom_vfile_cases[_i].package_json,
		   *se = custom_vfile_cases[_i].series;
	struct fg_vfile_content contents[3] = {
		{ py != NULL, py, py ? strlen(py) : 0 },
		{ pj != NULL, pj, pj ? strlen(pj) : 0 },
		{ se != NULL, se, se ? strlen(se) : 0 },
	};
	struct fg_config cfg;
	struct fg_report report;
	struct fg_version_set set;

	config_with(&cfg, custom_vfiles);
	ck_assert_uint_eq(cfg.nvfiles, 3);
	fg_version_set_init(&set);
	ck_assert_int_eq(fg_versions_extract(&set, cfg.vfiles, cfg.nvfiles, contents), 0);
	ck_assert_msg(set.n == custom_vfile_cases[_i].values, "%s: %zu values",
		      custom_vfile_cases[_i].name, set.n);
	ck_assert_str_eq(set.values[0].text, custom_vfile_cases[_i].first);
	fg_report_init(&report);
	fg_versions_check(&report, &set, NULL, NULL);
	ck_assert_msg(fg_test_count_rule(&report, FG_RULE_VERSION_FORMAT) ==
		      custom_vfile_cases[_i].format, "%s: versionFormat", custom_vfile_cases[_i].name);
	ck_assert_msg(fg_test_count_rule(&report, FG_RULE_VERSION_CONSISTENCY) ==
		      custom_vfile_cases[_i].consistency, "%s: versionConsistency",
		      custom_vfile_cases[_i].name);
	ck_assert_uint_eq(report.n, custom_vfile_cases[_i].format + custom_vfile_cases[_i].consistency);
	fg_report_release(&report);
	fg_version_set_release(&set);
	fg_config_release(&cfg);
}
END_TEST

/* A required file that is missing, and one whose pattern finds nothing: versionFormat says which. */
START_TEST(test_config_required_vfile_texts)
{
	struct fg_vfile_content contents[3] = {
		{ 0, NULL, 0 }, { 0, NULL, 0 }, { 0, NULL, 0 },
	};
	struct fg_config cfg;
	struct fg_report report;
	struct fg_version_set set;

	config_with(&cfg, custom_vfiles);
	fg_version_set_init(&set);
	ck_assert_int_eq(fg_versions_extract(&set, cfg.vfiles, cfg.nvfiles, contents), 0);
	ck_assert_uint_eq(set.n, 1);
	ck_assert_int_eq(set.values[0].missing, 1);
	fg_report_init(&report);
	ck_assert_uint_eq(fg_versions_check(&report, &set, NULL, NULL), 1);
	ck_assert_int_eq(report.items[0].rule, FG_RULE_VERSION_FORMAT);
	ck_assert_str_eq(report.items[0].message, "required version file pyproject.toml is missing");
	fg_report_release(&report);
	fg_version_set_release(&set);

	contents[0] = (struct fg_vfile_content){ 1, "[project]\n", 10 };
	fg_version_set_init(&set);
	ck_assert_int_eq(fg_versions_extract(&set, cfg.vfiles, cfg.nvfiles, contents), 0);
	ck_assert_int_eq(set.values[0].missing, 2);
	fg_report_init(&report);
	ck_assert_uint_eq(fg_versions_check(&report, &set, NULL, NULL), 1);
	ck_assert_str_eq(report.items[0].message, "required version file pyproject.toml holds no "
				       "version its pattern finds");
	fg_report_release(&report);
	fg_version_set_release(&set);
	fg_config_release(&cfg);
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
		"rule.tagFormat.severity = info\t# " ORIGIN,
		"rule.headerMaxLength.max = 50\t# " ORIGIN,
		"rule.bodyMaxLineLength.max = 100\t# default",
		"rule.typeEnum.types = feat fix\t# " ORIGIN,
		"rule.scopeEnum.scopes = (any)\t# default",
		"commit.ignore = ^WIP\t# " ORIGIN,
		"commit.ignore = ^Bump\t# " ORIGIN,
		"branch.stable.pattern = ^stable-([0-9]+)[.]([0-9]+)$\t# " ORIGIN,
		"branch.stable.series = false\t# " ORIGIN,
		"branch.stable.protected = false\t# " ORIGIN,
		"versionFile.VERSION.pattern = (the whole file)\t# " ORIGIN,
		"versionFile.VERSION.kind = exact\t# " ORIGIN,
		"versionFile.VERSION.required = true\t# " ORIGIN,
		"tag.prefix = v\t# default",
		"tag.messagePrefixes = release: hotfix: maintenance:\t# default",
		"tag.allowLightweight = false\t# default",
		"tag.others = allow\t# default",
	};
	static const char *const origins[] = {
		"default", ORIGIN, "git config (local)", "git config (global)", FG_ORIGIN_ENV,
	};
	char *dir, *text, *p;
	git_config *config = git_layers(&dir, "[flowgate]\n\tconfigFile = conf/flowgate\n",
					"[flowgate]\n\theaderFormat = warn\n\tsince = v0.16.0\n");
	struct fg_config cfg;
	const char *last = NULL;

	config_with(&cfg, "[rule \"headerMaxLength\"]\n\tmax = 50\n"
		    "[rule \"tagFormat\"]\n\tseverity = info\n"
		    "[rule \"typeEnum\"]\n\ttypes = feat fix\n"
		    "[commit]\n\tignore = ^WIP\n\tignore = ^Bump\n"
		    "[branch \"stable\"]\n\tpattern = ^stable-([0-9]+)[.]([0-9]+)$\n"
		    "[versionFile \"VERSION\"]\n\trequired\n");
	ck_assert_int_eq(fg_config_apply_git(&cfg, config), 0);
	ck_assert_int_eq(fg_config_apply_env(&cfg, "typeEnum"), 0);
	text = config_text(&cfg);
	for (size_t i = 0; i < FG_COUNT(lines); i++)
		ck_assert_msg(has_line(text, lines[i], strlen(lines[i])), "no line '%s' in:\n%s",
			      lines[i], text);
	for (size_t i = 0; i < FG_COUNT(keys); i++) {
		const char *at = strstr(text, keys[i]);

		ck_assert_msg(at && (!last || at > last), "'%s' out of order in:\n%s", keys[i], text);
		last = at;
	}
	/* every line is "key = value\t# origin" with a known origin; one line per rule */
	ck_assert_uint_eq(count_lines(text), 2 + FG_RULE__COUNT + 7 + 2 + 3 + 3 + 4 + 2);
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

Suite *config_suite(void)
{
	Suite *s = suite_create("config");
	TCase *file = tcase_create("file");
	TCase *bad = tcase_create("bad");
	TCase *layers = tcase_create("layers");
	TCase *rules = tcase_create("rules");
	TCase *write = tcase_create("write");

	tcase_add_test(file, test_config_defaults);
	tcase_add_loop_test(file, test_config_default_branches, 0, (int)FG_COUNT(default_branch_cases));
	tcase_add_test(file, test_config_file_every_key);
	tcase_add_test(file, test_config_file_origin_copied);
	tcase_add_loop_test(file, test_config_file_rule_severity, 0, FG_RULE__COUNT);
	tcase_add_loop_test(file, test_config_file_values, 0, (int)FG_COUNT(value_cases));
	tcase_add_loop_test(file, test_config_file_overrides_one_value, 0, (int)FG_COUNT(override_cases));
	tcase_add_test(file, test_config_branch_replaces_builtin);
	tcase_add_test(file, test_config_branch_sections_merge);
	tcase_add_test(file, test_config_vfile_replaces_builtin);
	tcase_add_loop_test(file, test_config_file_empty, 0, 2);
	tcase_add_test(file, test_config_parse_buffer_len);
	tcase_add_loop_test(file, test_config_parse_buffer_syntax_error, 0, (int)FG_COUNT(syntax_cases));
	suite_add_tcase(s, file);

	tcase_add_loop_test(bad, test_config_file_bad, 0, (int)FG_COUNT(bad_file_cases));
	tcase_add_test(bad, test_config_file_first_error);
	tcase_add_test(bad, test_config_file_caps);
	tcase_add_loop_test(bad, test_config_git_bad, 0, (int)FG_COUNT(bad_git_cases));
	tcase_add_test(bad, test_config_git_server_keys);
	tcase_add_test(bad, test_config_ignore_match_limit);
	tcase_add_test(bad, test_config_pattern_match_limit);
	tcase_add_test(bad, test_config_pattern_scan_limit);
	tcase_add_test(bad, test_config_builtin_no_scan_budget);
	tcase_add_loop_test(bad, test_config_include_refused, 0, (int)FG_COUNT(include_cases));
	tcase_add_test(bad, test_config_include_fifo);
	suite_add_tcase(s, bad);

	tcase_add_loop_test(layers, test_config_git_level_origin, 0, (int)FG_COUNT(level_cases));
	tcase_add_test(layers, test_config_git_keys);
	tcase_add_test(layers, test_config_git_config_file);
	tcase_add_loop_test(layers, test_config_env, 0, (int)FG_COUNT(env_cases));
	tcase_add_loop_test(layers, test_config_precedence, 0, (int)FG_COUNT(precedence_cases));
	tcase_add_loop_test(layers, test_config_precedence_since, 0, 3);
	suite_add_tcase(s, layers);

	tcase_add_loop_test(rules, test_config_scope_enum, 0, (int)FG_COUNT(scope_cases));
	tcase_add_loop_test(rules, test_config_body_max_line_length, 0, (int)FG_COUNT(body_cases));
	tcase_add_loop_test(rules, test_config_header_max_length, 0, (int)FG_COUNT(header_cases));
	tcase_add_loop_test(rules, test_config_type_enum, 0, (int)FG_COUNT(type_cases));
	tcase_add_loop_test(rules, test_config_commit_ignore, 0, (int)FG_COUNT(ignore_cases));
	tcase_add_loop_test(rules, test_config_custom_branches, 0, (int)FG_COUNT(custom_branch_cases));
	tcase_add_test(rules, test_config_custom_branches_rules);
	tcase_add_loop_test(rules, test_config_custom_tag, 0, (int)FG_COUNT(custom_tag_cases));
	tcase_add_test(rules, test_config_custom_tag_texts);
	tcase_add_loop_test(rules, test_config_custom_vfiles, 0, (int)FG_COUNT(custom_vfile_cases));
	tcase_add_test(rules, test_config_required_vfile_texts);
	suite_add_tcase(s, rules);

	tcase_add_test(write, test_config_write_origins);
	tcase_add_test(write, test_config_write_error);
	suite_add_tcase(s, write);
	return s;
}

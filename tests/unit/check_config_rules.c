/*
 * The rules run under a custom configuration (config.c's keys as the
 * message, refname, tag and version rules read them): scopes, lengths,
 * types, commit.ignore, custom branch kinds, tags and version files.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check_flowgate.h"
#include "config_fixtures.h"
#include "message.h"
#include "refname.h"
#include "tag.h"
#include "version.h"

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

	fg_test_config_with(&cfg, scope_cases[_i].text);
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
	fg_test_config_with(&cfg, body_cases[_i].text);
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
	fg_test_config_with(&cfg, header_cases[_i].text);
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

	fg_test_config_with(&cfg, "[rule \"typeEnum\"]\n\ttypes = feat fix wip\n");
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

	fg_test_config_with(&cfg, "[commit]\n"
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

	fg_test_config_with(&cfg, custom_branches);
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

	fg_test_config_with(&cfg, custom_branches);
	fg_report_init(&report);
	ck_assert_int_eq(fg_check_branch_name(&report, &cfg, "trunk", 1), 0);
	ck_assert_int_eq(fg_check_branch_name(&report, &cfg, "main", 1), -1);
	ck_assert_uint_eq(report.n, 1);
	ck_assert_int_eq(report.items[0].rule, FG_RULE_BRANCH_NAME);
	ck_assert_str_eq(report.items[0].message, "branch 'main' matches none of the branch kinds of "
				       FG_TEST_ORIGIN " (trunk, stable, release)");
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

	fg_test_config_with(&cfg, custom_tag_cases[_i].text);
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

	fg_test_config_with(&cfg, CUSTOM_TAG);
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

	fg_test_config_with(&cfg, custom_vfiles);
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

	fg_test_config_with(&cfg, custom_vfiles);
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

Suite *config_rules_suite(void)
{
	Suite *s = suite_create("config_rules");
	TCase *rules = tcase_create("rules");

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
	return s;
}

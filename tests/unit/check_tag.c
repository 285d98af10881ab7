/*
 * Tests of tag.c: tagFormat, tagTarget, tagAnnotated, tagMessage and
 * tagVersionMatch over a tag name, its kind, its message, what it peels to
 * and the tagged commit's version files (extracted with the built-in specs,
 * as pre-push does).
 */
#include <stdlib.h>
#include <string.h>
#include "check_flowgate.h"
#include "refname.h"
#include "tag.h"

#define DOCS(series) "This documentation covers halfORM **" series "** (latest release).\n"

static const struct {
	const char *name;          /* the case */
	const char *tag;
	int annotated;
	const char *message;
	int has_set;               /* 0: the tag does not point at a commit */
	const char *version_txt;   /* NULL: missing */
	const char *docs;          /* NULL: missing */
	size_t format, annotated_v, message_v, match; /* violations per rule */
} tag_cases[] = {
	{ "good release tag", "v0.16.0", 1, "release: 0.16.0\n\nThe 0.16 release.\n",
	  1, "0.16.0\n", DOCS("0.16.x"), 0, 0, 0, 0 },
	{ "good pre-release tag", "v0.16.0-rc2", 1, "release: 0.16.0-rc2\n",
	  1, "0.16.0-rc2\n", DOCS("0.16.x"), 0, 0, 0, 0 },
	{ "hotfix message", "v0.16.1", 1, "hotfix: fix the crash\n", 1, "0.16.1\n", NULL, 0, 0, 0, 0 },
	{ "maintenance message", "v0.15.3", 1, "maintenance: 0.15.3", 1, "0.15.3\n", NULL, 0, 0, 0, 0 },
	{ "lightweight", "v0.16.0", 0, NULL, 1, "0.16.0\n", DOCS("0.16.x"), 0, 1, 0, 0 },
	{ "message 'bump'", "v0.16.0", 1, "bump\n", 1, "0.16.0\n", NULL, 0, 0, 1, 0 },
	{ "message 'Release: ...' (case matters)", "v0.16.0", 1, "Release: 0.16.0", 1, "0.16.0\n",
	  NULL, 0, 0, 1, 0 },
	{ "message 'release' without a colon", "v0.16.0", 1, "release 0.16.0", 1, "0.16.0\n", NULL,
	  0, 0, 1, 0 },
	{ "'release:' on the second line only", "v0.16.0", 1, "bump\nrelease: 0.16.0\n", 1,
	  "0.16.0\n", NULL, 0, 0, 1, 0 },
	{ "empty message", "v0.16.0", 1, "", 1, "0.16.0\n", NULL, 0, 0, 1, 0 },
	{ "annotated, no message", "v0.16.0", 1, NULL, 1, "0.16.0\n", NULL, 0, 0, 1, 0 },
	{ "halfORM corpus: v0.16.0-rc1 on version.txt 0.16.0", "v0.16.0-rc1", 1,
	  "release: 0.16.0-rc1\n", 1, "0.16.0\n", DOCS("0.16.x"), 0, 0, 0, 1 },
	{ "v0.16.0-rc3 on 0.16.0-rc2", "v0.16.0-rc3", 1, "release: 0.16.0-rc3\n", 1, "0.16.0-rc2\n",
	  NULL, 0, 0, 0, 1 },
	{ "v0.16.0 on 0.16.0-rc2", "v0.16.0", 1, "release: 0.16.0\n", 1, "0.16.0-rc2\n", NULL,
	  0, 0, 0, 1 },
	{ "docs of another series", "v0.16.1", 1, "hotfix: x\n", 1, "0.16.1\n", DOCS("0.15.x"),
	  0, 0, 0, 1 },
	{ "both files wrong: one violation each", "v0.17.0", 1, "release: 0.17.0\n", 1, "0.16.0\n",
	  DOCS("0.16.x"), 0, 0, 0, 2 },
	{ "invalid version file", "v0.16.0", 1, "release: 0.16.0\n", 1, "0.16.0-preview\n", NULL,
	  0, 0, 0, 1 },
	{ "no version files at the commit", "v0.16.0", 1, "release: 0.16.0\n", 1, NULL, NULL,
	  0, 0, 0, 0 },
	{ "bad name: tagFormat, no tagVersionMatch", "v1", 1, "release: 1\n", 1, "0.16.0\n",
	  DOCS("0.15.x"), 1, 0, 0, 0 },
	{ "name without v", "0.16.0", 1, "release: 0.16.0\n", 1, "0.16.0\n", NULL, 1, 0, 0, 0 },
	/* the rename makes a new annotated tag: tagAnnotated and tagMessage are not told */
	{ "name without v, lightweight: the rename alone", "0.16.2", 0, NULL, 1, "0.16.2\n", NULL,
	  1, 0, 0, 0 },
	{ "name with V: the rename alone", "V0.16.2", 1, "bump\n", 1, "0.16.2\n", NULL, 1, 0, 0, 0 },
	/* issue 20, item 10: tags not named like a version get no release rule */
	{ "latest: no release rule", "latest", 0, NULL, 1, "0.16.0\n", NULL, 0, 0, 0, 0 },
	{ "docs-snapshot, annotated 'bump': no release rule", "docs-snapshot", 1, "bump\n", 1,
	  "0.16.0\n", NULL, 0, 0, 0, 0 },
	{ "another package's tag: no release rule", "half-orm-dev-0.16.0", 0, NULL, 1, "0.16.0\n",
	  NULL, 0, 0, 0, 0 },
	{ "release-1: no release rule", "release-1", 1, "release: 1\n", 1, "0.16.0\n", NULL,
	  0, 0, 0, 0 },
	{ "2024-snapshot (digits, no dot): no release rule", "2024-snapshot", 0, NULL, 1,
	  "0.16.0\n", NULL, 0, 0, 0, 0 },
	{ "name with build metadata", "v0.16.0+build", 1, "release: 0.16.0\n", 1, "0.16.0\n", NULL,
	  1, 0, 0, 0 },
	{ "set NULL: no tagVersionMatch", "v0.16.0", 1, "release: 0.16.0\n", 0, NULL, NULL,
	  0, 0, 0, 0 },
	{ "everything wrong", "v0.16", 0, NULL, 0, NULL, NULL, 1, 1, 0, 0 },
};

START_TEST(test_check_tag)
{
	struct fg_vfile_content contents[3];
	struct fg_version_set set;
	struct fg_report report;
	const char *vt = tag_cases[_i].version_txt, *docs = tag_cases[_i].docs;
	size_t added;

	memset(contents, 0, sizeof(contents));
	if (vt)
		contents[0] = (struct fg_vfile_content){ 1, vt, strlen(vt) };
	if (docs)
		contents[2] = (struct fg_vfile_content){ 1, docs, strlen(docs) };
	fg_version_set_init(&set);
	ck_assert_int_eq(fg_versions_extract(&set, fg_builtin_vfiles, 3, contents), 0);
	fg_report_init(&report);
	added = fg_check_tag(&report, fg_test_config(), tag_cases[_i].tag, tag_cases[_i].annotated,
			     tag_cases[_i].message, tag_cases[_i].has_set ? &set : NULL, NULL);
	ck_assert_uint_eq(added, report.n);
	ck_assert_msg(fg_test_count_rule(&report, FG_RULE_TAG_FORMAT) == tag_cases[_i].format,
		      "%s: tagFormat", tag_cases[_i].name);
	ck_assert_msg(fg_test_count_rule(&report, FG_RULE_TAG_ANNOTATED) == tag_cases[_i].annotated_v,
		      "%s: tagAnnotated", tag_cases[_i].name);
	ck_assert_msg(fg_test_count_rule(&report, FG_RULE_TAG_MESSAGE) == tag_cases[_i].message_v,
		      "%s: tagMessage", tag_cases[_i].name);
	ck_assert_msg(fg_test_count_rule(&report, FG_RULE_TAG_VERSION_MATCH) == tag_cases[_i].match,
		      "%s: tagVersionMatch", tag_cases[_i].name);
	ck_assert_uint_eq(report.n, tag_cases[_i].format + tag_cases[_i].annotated_v +
			  tag_cases[_i].message_v + tag_cases[_i].match);
	for (size_t i = 0; i < report.n; i++)
		ck_assert_ptr_nonnull(report.items[i].hint);
	fg_report_release(&report);
	fg_version_set_release(&set);
}
END_TEST

START_TEST(test_check_tag_texts)
{
	struct fg_vfile_content contents[3] = { { 1, "0.16.0\n", 7 }, { 0, NULL, 0 }, { 0, NULL, 0 } };
	struct fg_version_set set;
	struct fg_report report;
	const struct fg_violation *v;

	fg_version_set_init(&set);
	ck_assert_int_eq(fg_versions_extract(&set, fg_builtin_vfiles, 3, contents), 0);
	fg_report_init(&report);
	fg_check_tag(&report, fg_test_config(), "v0.16.0-rc1", 1, "release: 0.16.0-rc1\n", &set, NULL);
	fg_check_tag(&report, fg_test_config(), "v0.16.0", 0, NULL, &set, NULL);
	fg_check_tag(&report, fg_test_config(), "v0.16.0", 1, "bump\nmore", &set, NULL);
	ck_assert_uint_eq(report.n, 3);

	v = &report.items[0];
	ck_assert_int_eq(v->rule, FG_RULE_TAG_VERSION_MATCH);
	ck_assert_str_eq(v->message, "tag 'v0.16.0-rc1' points at a commit whose "
				     "half_orm/version.txt says '0.16.0'");
	ck_assert_ptr_nonnull(strstr(v->hint, "0.16.0-rc1"));
	v = &report.items[1];
	ck_assert_int_eq(v->rule, FG_RULE_TAG_ANNOTATED);
	ck_assert_str_eq(v->message, "tag 'v0.16.0' is lightweight, not annotated");
	ck_assert_str_eq(v->hint, "recreate it annotated: git tag -f -a v0.16.0 v0.16.0^{} "
				  "-m 'release: 0.16.0'");
	v = &report.items[2];
	ck_assert_int_eq(v->rule, FG_RULE_TAG_MESSAGE);
	ck_assert_str_eq(v->message, "tag 'v0.16.0' message 'bump' does not start with 'release:', "
				     "the prefix of an X.Y.0 release");
	fg_report_release(&report);
	fg_version_set_release(&set);
}
END_TEST

/*
 * tagTarget's texts: the hint gives the commands with the tag's name and the
 * message prefix of its kind; a lightweight tag is told tagTarget's fix, not
 * tagAnnotated's (which would keep the tree); with tagTarget off, the other
 * rules judge the tag as before; a moved tag is told both.
 */
START_TEST(test_check_tag_target)
{
	struct fg_tag_context tree = { 0, 0, 0, NULL, NULL, "tree", NULL };
	struct fg_tag_context moved = { 0, 0, 0, "0123456789abcdef0123456789abcdef01234567", NULL,
					"blob", NULL };
	enum fg_severity sev[FG_RULE__COUNT];
	struct fg_report report;
	const struct fg_violation *v;

	fg_report_init(&report);
	ck_assert_uint_eq(fg_check_tag(&report, fg_test_config(), "v0.17.0", 1, "release: 0.17.0\n",
				       NULL, &tree), 1);
	v = &report.items[0];
	ck_assert_int_eq(v->rule, FG_RULE_TAG_TARGET);
	ck_assert_int_eq(v->severity, FG_ERROR);
	ck_assert_str_eq(v->message, "tag 'v0.17.0' points at a tree, not a commit");
	ck_assert_str_eq(v->hint, "delete the tag and tag the commit to release: git tag -d v0.17.0 "
				  "&& git tag -a v0.17.0 -m 'release: 0.17.0' <commit>");
	fg_report_release(&report);

	/* a patch: 'hotfix:', the prefix of a patch on release/X.Y.x and maint/X.Y.x */
	fg_report_init(&report);
	ck_assert_uint_eq(fg_check_tag(&report, fg_test_config(), "v0.16.1", 0, NULL, NULL, &tree),
			  1);
	v = &report.items[0];
	ck_assert_int_eq(v->rule, FG_RULE_TAG_TARGET);
	ck_assert_str_eq(v->hint, "delete the tag and tag the commit to release: git tag -d v0.16.1 "
				  "&& git tag -a v0.16.1 -m 'hotfix: 0.16.1' <commit>");
	fg_report_release(&report);

	/* moved and not a commit: both */
	fg_report_init(&report);
	ck_assert_uint_eq(fg_check_tag(&report, fg_test_config(), "v0.17.0", 1, "release: 0.17.0\n",
				       NULL, &moved), 2);
	ck_assert_uint_eq(fg_test_count_rule(&report, FG_RULE_TAG_MOVED), 1);
	ck_assert_uint_eq(fg_test_count_rule(&report, FG_RULE_TAG_TARGET), 1);
	fg_report_release(&report);

	/* tagTarget off: tagAnnotated and tagMessage judge the tag as before */
	memcpy(sev, fg_test_config()->severity, sizeof(sev));
	sev[FG_RULE_TAG_TARGET] = FG_OFF;
	fg_report_init(&report);
	report.severity = sev;
	ck_assert_uint_eq(fg_check_tag(&report, fg_test_config(), "v0.17.0", 0, NULL, NULL, &tree),
			  1);
	ck_assert_int_eq(report.items[0].rule, FG_RULE_TAG_ANNOTATED);
	fg_report_release(&report);
	fg_report_init(&report);
	report.severity = sev;
	ck_assert_uint_eq(fg_check_tag(&report, fg_test_config(), "v0.17.0", 1, "bump\n", NULL,
				       &tree), 1);
	ck_assert_int_eq(report.items[0].rule, FG_RULE_TAG_MESSAGE);
	fg_report_release(&report);
}
END_TEST

/* fg_tag_is_release: a name that looks like a version, under the prefix configured. */
static const struct {
	const char *prefix, *name;
	int release;
} release_cases[] = {
	{ "v", "v0.16.0", 1 },
	{ "v", "v0.16.0-rc1", 1 },
	{ "v", "v0.16", 1 },
	{ "v", "v1", 1 },
	{ "v", "v0.16.0+build", 1 },
	{ "v", "0.16.2", 1 },
	{ "v", "0.16", 1 },
	{ "v", "V0.16.2", 1 },
	{ "v", "latest", 0 },
	{ "v", "docs-snapshot", 0 },
	{ "v", "release-1", 0 },
	{ "v", "half-orm-dev-0.16.0", 0 },
	{ "v", "2024-snapshot", 0 },
	{ "v", "2024", 0 },
	{ "v", "v", 0 },
	{ "v", "vx1.0", 0 },
	{ "v", "0.", 0 },
	{ "v", "", 0 },
	{ "release-", "release-1.2.3", 1 },
	{ "release-", "release-1", 1 },
	{ "release-", "v3.1.0", 1 },
	{ "release-", "3.1.0", 1 },
	{ "release-", "release-candidate", 0 },
	{ "", "1.2.3", 1 },
	{ "", "2024-snapshot", 1 },
	{ "", "latest", 0 },
};

START_TEST(test_tag_is_release)
{
	struct fg_config cfg;

	ck_assert_int_eq(fg_config_init(&cfg), 0);
	free(cfg.tag_prefix);
	ck_assert_ptr_nonnull(cfg.tag_prefix = strdup(release_cases[_i].prefix));
	ck_assert_msg(fg_tag_is_release(&cfg, release_cases[_i].name) == release_cases[_i].release,
		      "prefix '%s', tag '%s'", release_cases[_i].prefix, release_cases[_i].name);
	fg_config_release(&cfg);
}
END_TEST

/*
 * tag.others = refuse: a tag not named like a version is a tagFormat error
 * whose hint deletes it; a release tag is judged as with allow.
 */
START_TEST(test_check_tag_others_refused)
{
	struct fg_config cfg;
	struct fg_report report;
	const struct fg_violation *v;

	ck_assert_int_eq(fg_config_init(&cfg), 0);
	cfg.refuse_other_tags = 1;
	fg_report_init(&report);
	ck_assert_uint_eq(fg_check_tag(&report, &cfg, "latest", 0, NULL, NULL, NULL), 1);
	v = &report.items[0];
	ck_assert_int_eq(v->rule, FG_RULE_TAG_FORMAT);
	ck_assert_str_eq(v->message, "tag 'latest' is not named like a release (vX.Y.Z), and "
				     "tag.others = refuse takes no other tag");
	ck_assert_str_eq(v->hint, "delete it (git tag -d latest) and push releases only, named "
				  "like v0.16.0");
	fg_report_release(&report);
	fg_report_init(&report);
	ck_assert_uint_eq(fg_check_tag(&report, &cfg, "v0.16.0", 1, "release: 0.16.0\n", NULL, NULL),
			  0);
	fg_report_release(&report);
	fg_config_release(&cfg);
}
END_TEST

/*
 * A version named without the prefix: tagFormat's hint is the exact rename,
 * with the message prefix of its kind; of a blob, the rename tags a commit.
 */
START_TEST(test_check_tag_rename_hint)
{
	struct fg_tag_context blob = { 0, 0, 0, NULL, NULL, "blob", NULL };
	struct fg_report report;
	const struct fg_violation *v;

	fg_report_init(&report);
	ck_assert_uint_eq(fg_check_tag(&report, fg_test_config(), "0.16.2", 0, NULL, NULL, NULL), 1);
	v = &report.items[0];
	ck_assert_int_eq(v->rule, FG_RULE_TAG_FORMAT);
	ck_assert_str_eq(v->message, "tag '0.16.2' names version 0.16.2 without the tag prefix 'v'");
	ck_assert_str_eq(v->hint, "rename it to 'v0.16.2': git tag -a v0.16.2 0.16.2^{} -m "
				  "'hotfix: 0.16.2' && git tag -d 0.16.2");
	fg_report_release(&report);

	fg_report_init(&report);
	ck_assert_uint_eq(fg_check_tag(&report, fg_test_config(), "0.17.0-rc1", 1, "bump\n", NULL,
				       NULL), 1);
	ck_assert_str_eq(report.items[0].hint, "rename it to 'v0.17.0-rc1': git tag -a v0.17.0-rc1 "
					       "0.17.0-rc1^{} -m 'release: 0.17.0-rc1' && git tag "
					       "-d 0.17.0-rc1");
	fg_report_release(&report);

	/* of a blob: tagFormat and tagTarget, both making the new tag on a commit */
	fg_report_init(&report);
	ck_assert_uint_eq(fg_check_tag(&report, fg_test_config(), "0.17.0", 1, "release: 0.17.0\n",
				       NULL, &blob), 2);
	v = fg_report_find(&report, FG_RULE_TAG_FORMAT);
	ck_assert_ptr_nonnull(v);
	ck_assert_str_eq(v->hint, "rename it to 'v0.17.0': git tag -d 0.17.0 && git tag -a v0.17.0 "
				  "-m 'release: 0.17.0' <commit>");
	v = fg_report_find(&report, FG_RULE_TAG_TARGET);
	ck_assert_ptr_nonnull(v);
	ck_assert_str_eq(v->hint, "delete the tag and tag the commit to release: git tag -d 0.17.0 "
				  "&& git tag -a v0.17.0 -m 'release: 0.17.0' <commit>");
	fg_report_release(&report);

	/* a release-like name that is no version (v0.17) of a blob: both, no name guessed */
	fg_report_init(&report);
	ck_assert_uint_eq(fg_check_tag(&report, fg_test_config(), "v0.17", 1, "release: 0.17\n",
				       NULL, &blob), 2);
	v = fg_report_find(&report, FG_RULE_TAG_TARGET);
	ck_assert_ptr_nonnull(v);
	ck_assert_str_eq(v->hint, "delete the tag and tag the commit to release: git tag -d v0.17 "
				  "&& git tag -a <tag> -m <message> <commit>");
	fg_report_release(&report);
}
END_TEST

/* The tag hints are pasted: a tag or message prefix that is shell syntax is quoted. */
START_TEST(test_check_tag_hints_quoted)
{
	struct fg_report report;
	const struct fg_violation *v;

	fg_report_init(&report);
	fg_check_tag(&report, fg_test_config(), "v0'$(>p)'", 0, NULL, NULL, NULL);
	v = fg_report_find(&report, FG_RULE_TAG_ANNOTATED);
	ck_assert_ptr_nonnull(v);
	ck_assert_str_eq(v->hint, "recreate it annotated: git tag -f -a 'v0'\\''$(>p)'\\''' "
				  "'v0'\\''$(>p)'\\'''^{} -m 'release: ...'");
	fg_report_release(&report);
	fg_report_init(&report);
	fg_check_tag(&report, fg_test_config(), "v0.16.0", 1, "it's $(>p)\n", NULL, NULL);
	v = fg_report_find(&report, FG_RULE_TAG_MESSAGE);
	ck_assert_ptr_nonnull(v);
	ck_assert_str_eq(v->hint, "recreate it: git tag -f -a v0.16.0 v0.16.0^{} -m "
				  "'release: 0.16.0'");
	fg_report_release(&report);
}
END_TEST

/* The rules that need the repository: tagMoved, tagOnReleaseBranch, tagMessage by kind. */
static const struct {
	const char *name, *tag, *message;
	struct fg_tag_context tctx;
	int rule; /* -1: passes */
	const char *text;
} context_cases[] = {
	{ "X.Y.0 on its release branch", "v0.16.0", "release: 0.16.0\n", { 1, 1, 0, NULL, NULL, NULL, NULL }, -1, NULL },
	{ "X.Y.0 on no branch of its series", "v0.16.0", "release: 0.16.0\n", { 1, 0, 0, NULL, NULL, NULL, NULL },
	  FG_RULE_TAG_ON_RELEASE_BRANCH,
	  "tag 'v0.16.0' points at a commit on no release/0.16.x or maint/0.16.x branch" },
	{ "branches not looked up: no judgement", "v0.16.0", "release: 0.16.0\n", { 0, 0, 0, NULL, NULL, NULL, NULL },
	  -1, NULL },
	{ "a patch on maint", "v0.15.4", "maintenance: backport\n", { 1, 0, 1, NULL, NULL, NULL, NULL }, -1, NULL },
	{ "a patch on release", "v0.16.1", "hotfix: pool leak\n", { 1, 1, 0, NULL, NULL, NULL, NULL }, -1, NULL },
	{ "a patch on release called maintenance", "v0.16.1", "maintenance: x\n", { 1, 1, 0, NULL, NULL, NULL, NULL },
	  FG_RULE_TAG_MESSAGE,
	  "tag 'v0.16.1' message 'maintenance: x' does not start with 'hotfix:' or 'release:', the "
	  "prefix of a patch on a release branch" },
	/* issue 20, item 12: a planned patch release through release/X.Y.x */
	{ "a patch on release called release", "v0.16.1", "release: 0.16.1\n",
	  { 1, 1, 0, NULL, NULL, NULL, NULL }, -1, NULL },
	{ "an rc of a patch on release called release", "v0.16.1-rc1", "release: 0.16.1-rc1\n",
	  { 1, 1, 0, NULL, NULL, NULL, NULL }, -1, NULL },
	{ "an rc of a patch on release called hotfix", "v0.16.1-rc1", "hotfix: 0.16.1-rc1\n",
	  { 1, 1, 0, NULL, NULL, NULL, NULL }, -1, NULL },
	{ "an rc of a patch on maint called release", "v0.15.4-rc1", "release: 0.15.4-rc1\n",
	  { 1, 0, 1, NULL, NULL, NULL, NULL }, -1, NULL },
	{ "an rc of a patch on release called maintenance", "v0.16.1-rc1", "maintenance: x\n",
	  { 1, 1, 0, NULL, NULL, NULL, NULL }, FG_RULE_TAG_MESSAGE,
	  "tag 'v0.16.1-rc1' message 'maintenance: x' does not start with 'release:' or 'hotfix:', "
	  "the prefix of a pre-release of a patch on a release branch" },
	{ "an rc of a patch on maint called bump", "v0.15.4-rc1", "bump\n",
	  { 1, 0, 1, NULL, NULL, NULL, NULL }, FG_RULE_TAG_MESSAGE,
	  "tag 'v0.15.4-rc1' message 'bump' does not start with 'release:', 'hotfix:' or "
	  "'maintenance:', the prefix of a pre-release of a patch on a maint branch" },
	/* the workflow guide's multi-version hotfix: git tag v0.15.4 -m "hotfix: ..." on maint */
	{ "a patch on maint called hotfix", "v0.15.4", "hotfix: x\n", { 1, 0, 1, NULL, NULL, NULL, NULL }, -1,
	  NULL },
	{ "a patch on maint called release", "v0.15.4", "release: x\n", { 1, 0, 1, NULL, NULL, NULL, NULL },
	  FG_RULE_TAG_MESSAGE,
	  "tag 'v0.15.4' message 'release: x' does not start with 'maintenance:' or 'hotfix:', the "
	  "prefix of a patch on a maint branch" },
	{ "a new tag above the series' tags", "v0.16.0-rc2", "release: 0.16.0-rc2\n",
	  { 1, 1, 0, NULL, NULL, NULL, NULL }, -1, NULL },
	{ "a new tag below one made before", "v0.16.0-rc3", "release: 0.16.0-rc3\n",
	  { 1, 1, 0, NULL, "v0.16.0", NULL, NULL }, FG_RULE_TAG_MONOTONIC,
	  "tag 'v0.16.0-rc3' is not higher than tag 'v0.16.0', made before it in the 0.16 series" },
	{ "X.Y.0 called hotfix", "v0.16.0", "hotfix: x\n", { 1, 1, 0, NULL, NULL, NULL, NULL }, FG_RULE_TAG_MESSAGE,
	  NULL },
	{ "a patch on both: either prefix", "v0.16.1", "maintenance: x\n", { 1, 1, 1, NULL, NULL, NULL, NULL }, -1,
	  NULL },
	{ "a tag the remote has elsewhere", "v0.16.0", "release: 0.16.0\n",
	  { 1, 1, 0, "0123456789abcdef0123456789abcdef01234567", NULL, NULL, NULL }, FG_RULE_TAG_MOVED,
	  "tag 'v0.16.0' already exists on the remote (0123456789ab) and this push would move it" },
	/* tagTarget: a release tag peels to a commit (issue 17, case 2) */
	{ "a release tag of a blob", "v0.17.0", "release: 0.17.0\n",
	  { 0, 0, 0, NULL, NULL, "blob", NULL }, FG_RULE_TAG_TARGET,
	  "tag 'v0.17.0' points at a blob, not a commit" },
	{ "a release tag of a tree", "v0.17.0-rc1", "release: 0.17.0-rc1\n",
	  { 0, 0, 0, NULL, NULL, "tree", NULL }, FG_RULE_TAG_TARGET,
	  "tag 'v0.17.0-rc1' points at a tree, not a commit" },
	{ "a release tag of an unreadable object", "v0.17.0", "release: 0.17.0\n",
	  { 0, 0, 0, NULL, NULL, "object", NULL }, FG_RULE_TAG_TARGET,
	  "tag 'v0.17.0' points at an object, not a commit" },
	{ "a blob, its message wrong too: tagTarget alone", "v0.17.0", "bump\n",
	  { 0, 0, 0, NULL, NULL, "blob", NULL }, FG_RULE_TAG_TARGET, NULL },
	/* issue 20, item 10: a tag not named like a version is no release */
	{ "a tag not named like a release, of a blob: passes", "notes-blob",
	  "release: notes\n", { 0, 0, 0, NULL, NULL, "blob", NULL }, -1, NULL },
	{ "latest, off the release branches: passes", "latest", "bump\n",
	  { 1, 0, 0, NULL, NULL, NULL, NULL }, -1, NULL },
	{ "latest, moved: tagMoved still guards it", "latest", "bump\n",
	  { 1, 0, 0, "0123456789abcdef0123456789abcdef01234567", NULL, NULL, NULL }, FG_RULE_TAG_MOVED,
	  "tag 'latest' already exists on the remote (0123456789ab) and this push would move it" },
};

START_TEST(test_check_tag_context)
{
	struct fg_report report;

	fg_report_init(&report);
	fg_check_tag(&report, fg_test_config(), context_cases[_i].tag, 1, context_cases[_i].message,
		     NULL, &context_cases[_i].tctx);
	if (context_cases[_i].rule < 0) {
		ck_assert_msg(report.n == 0, "%s: %zu violations (%s)", context_cases[_i].name,
			      report.n, report.n ? report.items[0].message : "");
	} else {
		ck_assert_msg(report.n == 1 && report.items[0].rule == (enum fg_rule)context_cases[_i].rule,
			      "%s: %zu violations (first %s)", context_cases[_i].name, report.n,
			      report.n ? fg_rule_info(report.items[0].rule)->name : "none");
		if (context_cases[_i].text)
			ck_assert_str_eq(report.items[0].message, context_cases[_i].text);
		ck_assert_ptr_nonnull(report.items[0].hint);
	}
	fg_report_release(&report);
}
END_TEST

/*
 * A tag its caller parsed (a push's typed ref update: tctx.version) is not
 * parsed again: the version given is the one judged. On maint/X.Y.x only,
 * tagged 'hotfix:': given 0.15.4, a patch, the tag passes whatever its name
 * says; without it, fg_check_tag parses the name, v0.16.0, an X.Y.0
 * release, which a maint branch alone does not make.
 */
START_TEST(test_check_tag_parsed_version)
{
	struct fg_config *cfg = fg_test_config();
	struct fg_version given;
	struct fg_tag_context tctx = { 1, 0, 1, NULL, NULL, NULL, NULL };
	struct fg_report report;

	ck_assert_int_eq(fg_tag_parse(cfg, "v0.15.4", &given), 0);
	tctx.version = &given;
	fg_report_init(&report);
	fg_check_tag(&report, cfg, "v0.16.0", 1, "hotfix: x\n", NULL, &tctx);
	ck_assert_msg(report.n == 0, "%zu violations (%s)", report.n,
		      report.n ? report.items[0].message : "");
	fg_report_release(&report);

	tctx.version = NULL;
	fg_report_init(&report);
	fg_check_tag(&report, cfg, "v0.16.0", 1, "hotfix: x\n", NULL, &tctx);
	ck_assert_uint_gt(report.n, 0);
	fg_report_release(&report);
}
END_TEST

/*
 * The hints' messages are those tagMessage asks of the tag's kind (issue 20,
 * item 17): a patch on release/X.Y.x is tagged 'hotfix:', not 'release:'.
 */
START_TEST(test_check_tag_hint_messages)
{
	struct fg_tag_context release = { 1, 1, 0, NULL, NULL, NULL, NULL };
	struct fg_tag_context maint = { 1, 0, 1, NULL, NULL, NULL, NULL };
	struct fg_report report;
	const struct fg_violation *v;

	fg_report_init(&report);
	fg_check_tag(&report, fg_test_config(), "v0.16.1", 0, NULL, NULL, &release);
	v = fg_report_find(&report, FG_RULE_TAG_ANNOTATED);
	ck_assert_ptr_nonnull(v);
	ck_assert_str_eq(v->hint, "recreate it annotated: git tag -f -a v0.16.1 v0.16.1^{} "
				  "-m 'hotfix: 0.16.1'");
	fg_check_tag(&report, fg_test_config(), "v0.15.4", 1, "backport\n", NULL, &maint);
	v = fg_report_find(&report, FG_RULE_TAG_MESSAGE);
	ck_assert_ptr_nonnull(v);
	ck_assert_str_eq(v->hint, "recreate it: git tag -f -a v0.15.4 v0.15.4^{} "
				  "-m 'maintenance: 0.15.4'");
	fg_report_release(&report);
}
END_TEST

Suite *tag_suite(void)
{
	Suite *s = suite_create("tag");
	TCase *tc = tcase_create("rules");

	tcase_add_loop_test(tc, test_check_tag, 0, (int)FG_COUNT(tag_cases));
	tcase_add_test(tc, test_check_tag_texts);
	tcase_add_test(tc, test_check_tag_target);
	tcase_add_test(tc, test_check_tag_hints_quoted);
	tcase_add_test(tc, test_check_tag_hint_messages);
	tcase_add_loop_test(tc, test_tag_is_release, 0, (int)FG_COUNT(release_cases));
	tcase_add_test(tc, test_check_tag_others_refused);
	tcase_add_test(tc, test_check_tag_rename_hint);
	tcase_add_loop_test(tc, test_check_tag_context, 0, (int)FG_COUNT(context_cases));
	tcase_add_test(tc, test_check_tag_parsed_version);
	suite_add_tcase(s, tc);
	return s;
}

/*
 * Tests of version.c's version files: reading each file's version
 * (fg_vfile_find, fg_versions_extract) and the rules on them
 * (versionFormat, versionConsistency, branchVersionSeries,
 * versionRegression, versionReleaseBranch, versionPreReleaseBranch) on
 * realistic halfORM file contents.
 */
#include <stdio.h>
#include <string.h>
#include "check_flowgate.h"
#include "refname.h"
#include "version.h"

/* ---- version files ---------------------------------------------------- */

/* halfORM's setup.py: the version is read from half_orm/version.txt. */
#define SETUP_PY_READS_VERSION_TXT \
	"#-*- coding: utf-8 -*-\n" \
	"\n" \
	"import os\n" \
	"import codecs\n" \
	"from setuptools import setup\n" \
	"\n" \
	"def read(name):\n" \
	"    file_path = os.path.join(os.path.dirname(__file__), name)\n" \
	"    return codecs.open(file_path, \"r\", \"utf-8\").read()\n" \
	"\n" \
	"def get_version():\n" \
	"    return read('half_orm/version.txt').strip()\n" \
	"\n" \
	"setup(\n" \
	"    name='half_orm',\n" \
	"    version=get_version(),\n" \
	"    description=\"A simple PostgreSQL to Python mapper.\",\n" \
	"    long_description=read('README.md'),\n" \
	"    long_description_content_type='text/markdown',\n" \
	"    author='Jo\xc3\xabl Ma\xc3\xafzi',\n" \
	"    url='https://github.com/collorg/halfORM',\n" \
	"    packages=['half_orm'],\n" \
	"    python_requires='>=3.7',\n" \
	"    install_requires=['psycopg2-binary>=2.9.3', 'PyYAML'],\n" \
	"    classifiers=[\n" \
	"        'Programming Language :: Python :: 3.7',\n" \
	"    ],\n" \
	")\n"

#define SETUP_PY_LITERAL(q, v) \
	"from setuptools import setup\n" \
	"\n" \
	"setup(\n" \
	"    name='half_orm',\n" \
	"    version=" q v q ",\n" \
	"    python_requires='>=3.7',\n" \
	")\n"

#define DOCS_INDEX(value, note) \
	"# halfORM Documentation\n" \
	"\n" \
	"!!! info \"Documentation Version\"\n" \
	"    This documentation covers halfORM **" value "** (" note ").\n" \
	"    For older versions, see the [GitHub releases](https://github.com/collorg/halfORM/releases).\n" \
	"\n" \
	"**The PostgreSQL-native ORM that stays out of your way**\n"

enum { VTXT, SETUP, DOCS };

/* Expected value of one file in the set: path index and text, or not there. */
struct want_value {
	int present;
	const char *text;
	int valid, is_series;
};

static const struct {
	const char *name;
	struct fg_bytes files[3]; /* half_orm/version.txt, setup.py, docs/index.md */
	const char *branch;       /* NULL: no branch */
	struct want_value want[3];
	size_t format, consistency, series; /* violations of each rule */
} vfile_cases[] = {
	{ "halfORM setup.py reads version.txt: no literal, nothing found, no error",
	  { FG_BYTES("0.16.0-rc2\n"), FG_BYTES(SETUP_PY_READS_VERSION_TXT),
	    FG_BYTES(DOCS_INDEX("0.16.x", "latest development release")) },
	  NULL, { { 1, "0.16.0-rc2", 1, 0 }, { 0, NULL, 0, 0 }, { 1, "0.16.x", 1, 1 } }, 0, 0, 0 },
	{ "setup.py alone, reading version.txt",
	  { FG_ABSENT, FG_BYTES(SETUP_PY_READS_VERSION_TXT), FG_ABSENT },
	  NULL, { { 0, NULL, 0, 0 }, { 0, NULL, 0, 0 }, { 0, NULL, 0, 0 } }, 0, 0, 0 },
	{ "setup.py version='0.16.0'",
	  { FG_BYTES("0.16.0\n"), FG_BYTES(SETUP_PY_LITERAL("'", "0.16.0")), FG_ABSENT },
	  NULL, { { 1, "0.16.0", 1, 0 }, { 1, "0.16.0", 1, 0 }, { 0, NULL, 0, 0 } }, 0, 0, 0 },
	{ "setup.py version=\"0.16.0\"",
	  { FG_BYTES("0.16.0\n"), FG_BYTES(SETUP_PY_LITERAL("\"", "0.16.0")), FG_ABSENT },
	  NULL, { { 1, "0.16.0", 1, 0 }, { 1, "0.16.0", 1, 0 }, { 0, NULL, 0, 0 } }, 0, 0, 0 },
	{ "setup.py version = '0.16.0' with spaces around '='",
	  { FG_ABSENT, FG_BYTES("setup(name='x', version = '0.16.0')\n"), FG_ABSENT },
	  NULL, { { 0, NULL, 0, 0 }, { 1, "0.16.0", 1, 0 }, { 0, NULL, 0, 0 } }, 0, 0, 0 },
	{ "setup.py python_version= and __version__= are not the version literal",
	  { FG_ABSENT, FG_BYTES("python_version='3.7'\n__version__ = '9.9.9'\n"), FG_ABSENT },
	  NULL, { { 0, NULL, 0, 0 }, { 0, NULL, 0, 0 }, { 0, NULL, 0, 0 } }, 0, 0, 0 },
	{ "setup.py and version.txt disagree",
	  { FG_BYTES("0.16.1\n"), FG_BYTES(SETUP_PY_LITERAL("'", "0.16.0")), FG_ABSENT },
	  NULL, { { 1, "0.16.1", 1, 0 }, { 1, "0.16.0", 1, 0 }, { 0, NULL, 0, 0 } }, 0, 1, 0 },
	{ "old halfORM setup.py version='0.1.0a5' is not SemVer",
	  { FG_ABSENT, FG_BYTES(SETUP_PY_LITERAL("'", "0.1.0a5")), FG_ABSENT },
	  NULL, { { 0, NULL, 0, 0 }, { 1, "0.1.0a5", 0, 0 }, { 0, NULL, 0, 0 } }, 1, 0, 0 },
	{ "version.txt with a trailing newline",
	  { FG_BYTES("0.16.0\n"), FG_ABSENT, FG_ABSENT },
	  NULL, { { 1, "0.16.0", 1, 0 }, { 0, NULL, 0, 0 }, { 0, NULL, 0, 0 } }, 0, 0, 0 },
	{ "version.txt with CRLF",
	  { FG_BYTES("0.16.0\r\n"), FG_ABSENT, FG_ABSENT },
	  NULL, { { 1, "0.16.0", 1, 0 }, { 0, NULL, 0, 0 }, { 0, NULL, 0, 0 } }, 0, 0, 0 },
	{ "version.txt with spaces and blank lines around",
	  { FG_BYTES("  0.16.0 \t\n\n"), FG_ABSENT, FG_ABSENT },
	  NULL, { { 1, "0.16.0", 1, 0 }, { 0, NULL, 0, 0 }, { 0, NULL, 0, 0 } }, 0, 0, 0 },
	{ "empty version.txt",
	  { FG_BYTES(""), FG_ABSENT, FG_ABSENT },
	  NULL, { { 1, "", 0, 0 }, { 0, NULL, 0, 0 }, { 0, NULL, 0, 0 } }, 1, 0, 0 },
	{ "version.txt of blank lines only",
	  { FG_BYTES("\n\n"), FG_ABSENT, FG_ABSENT },
	  NULL, { { 1, "", 0, 0 }, { 0, NULL, 0, 0 }, { 0, NULL, 0, 0 } }, 1, 0, 0 },
	{ "docs 0.16.x agrees with 0.16.0-rc2",
	  { FG_BYTES("0.16.0-rc2\n"), FG_ABSENT,
	    FG_BYTES("This documentation covers halfORM **0.16.x** (latest development release).\n") },
	  NULL, { { 1, "0.16.0-rc2", 1, 0 }, { 0, NULL, 0, 0 }, { 1, "0.16.x", 1, 1 } }, 0, 0, 0 },
	{ "corpus: version.txt 0.16.0 but docs 0.15.x",
	  { FG_BYTES("0.16.0\n"), FG_BYTES(SETUP_PY_READS_VERSION_TXT),
	    FG_BYTES(DOCS_INDEX("0.15.x", "latest stable release")) },
	  NULL, { { 1, "0.16.0", 1, 0 }, { 0, NULL, 0, 0 }, { 1, "0.15.x", 1, 1 } }, 0, 1, 0 },
	{ "docs with the exact version of the real index.md",
	  { FG_BYTES("0.15.0\n"), FG_ABSENT, FG_BYTES(DOCS_INDEX("0.15.0", "latest stable release")) },
	  NULL, { { 1, "0.15.0", 1, 0 }, { 0, NULL, 0, 0 }, { 1, "0.15.0", 1, 0 } }, 0, 0, 0 },
	{ "docs exact 0.15.0 vs version.txt 0.15.1",
	  { FG_BYTES("0.15.1\n"), FG_ABSENT, FG_BYTES(DOCS_INDEX("0.15.0", "latest stable release")) },
	  NULL, { { 1, "0.15.1", 1, 0 }, { 0, NULL, 0, 0 }, { 1, "0.15.0", 1, 0 } }, 0, 1, 0 },
	{ "docs without the 'covers halfORM' line",
	  { FG_BYTES("0.16.0\n"), FG_ABSENT, FG_BYTES("# halfORM\n\nSee 0.15.x.\n") },
	  NULL, { { 1, "0.16.0", 1, 0 }, { 0, NULL, 0, 0 }, { 0, NULL, 0, 0 } }, 0, 0, 0 },
	{ "docs series 0.16.X is not a series",
	  { FG_BYTES("0.16.0\n"), FG_ABSENT, FG_BYTES(DOCS_INDEX("0.16.X", "dev")) },
	  NULL, { { 1, "0.16.0", 1, 0 }, { 0, NULL, 0, 0 }, { 1, "0.16.X", 0, 0 } }, 1, 0, 0 },
	{ "version.txt holding a series is invalid (series only in docs)",
	  { FG_BYTES("0.16.x\n"), FG_ABSENT, FG_ABSENT },
	  NULL, { { 1, "0.16.x", 0, 0 }, { 0, NULL, 0, 0 }, { 0, NULL, 0, 0 } }, 1, 0, 0 },
	{ "0.16.0-preview is valid SemVer but not a workflow version",
	  { FG_BYTES("0.16.0-preview\n"), FG_ABSENT, FG_ABSENT },
	  NULL, { { 1, "0.16.0-preview", 0, 0 }, { 0, NULL, 0, 0 }, { 0, NULL, 0, 0 } }, 1, 0, 0 },
	{ "build metadata is refused in a version file",
	  { FG_BYTES("0.16.0+build.1\n"), FG_ABSENT, FG_ABSENT },
	  NULL, { { 1, "0.16.0+build.1", 0, 0 }, { 0, NULL, 0, 0 }, { 0, NULL, 0, 0 } }, 1, 0, 0 },
	{ "an invalid value is not compared for consistency",
	  { FG_BYTES("0.16.0-preview\n"), FG_BYTES(SETUP_PY_LITERAL("'", "0.17.0")), FG_ABSENT },
	  NULL, { { 1, "0.16.0-preview", 0, 0 }, { 1, "0.17.0", 1, 0 }, { 0, NULL, 0, 0 } }, 1, 0, 0 },
	{ "release/0.16.x with 0.17.0",
	  { FG_BYTES("0.17.0\n"), FG_ABSENT, FG_ABSENT },
	  "release/0.16.x", { { 1, "0.17.0", 1, 0 }, { 0, NULL, 0, 0 }, { 0, NULL, 0, 0 } }, 0, 0, 1 },
	{ "release/0.16.x with 0.16.1-rc1",
	  { FG_BYTES("0.16.1-rc1\n"), FG_ABSENT, FG_BYTES(DOCS_INDEX("0.16.x", "dev")) },
	  "release/0.16.x", { { 1, "0.16.1-rc1", 1, 0 }, { 0, NULL, 0, 0 }, { 1, "0.16.x", 1, 1 } },
	  0, 0, 0 },
	{ "dev/0.17.x with docs 0.16.x and version.txt 0.16.0: both rules, one series violation",
	  { FG_BYTES("0.16.0\n"), FG_ABSENT, FG_BYTES(DOCS_INDEX("0.16.x", "dev")) },
	  "dev/0.17.x", { { 1, "0.16.0", 1, 0 }, { 0, NULL, 0, 0 }, { 1, "0.16.x", 1, 1 } }, 0, 0, 1 },
	{ "maint/0.15.x with only docs 0.16.x",
	  { FG_ABSENT, FG_ABSENT, FG_BYTES(DOCS_INDEX("0.16.x", "dev")) },
	  "maint/0.15.x", { { 0, NULL, 0, 0 }, { 0, NULL, 0, 0 }, { 1, "0.16.x", 1, 1 } }, 0, 0, 1 },
	{ "main has no series: 0.17.0 fine",
	  { FG_BYTES("0.17.0\n"), FG_ABSENT, FG_ABSENT },
	  "main", { { 1, "0.17.0", 1, 0 }, { 0, NULL, 0, 0 }, { 0, NULL, 0, 0 } }, 0, 0, 0 },
	{ "feature branch has no series",
	  { FG_BYTES("1.0.0-dev\n"), FG_ABSENT, FG_ABSENT },
	  "feature/x", { { 1, "1.0.0-dev", 1, 0 }, { 0, NULL, 0, 0 }, { 0, NULL, 0, 0 } }, 0, 0, 0 },
	{ "a NUL byte in version.txt",
	  { FG_BYTES("0.16.0\0\n"), FG_ABSENT, FG_ABSENT },
	  NULL, { { 1, NULL, 0, 0 }, { 0, NULL, 0, 0 }, { 0, NULL, 0, 0 } }, 1, 0, 0 },
	{ "a NUL byte inside the version",
	  { FG_BYTES("0.1\0006.0\n"), FG_ABSENT, FG_ABSENT },
	  NULL, { { 1, NULL, 0, 0 }, { 0, NULL, 0, 0 }, { 0, NULL, 0, 0 } }, 1, 0, 0 },
	{ "invalid UTF-8 in version.txt",
	  { FG_BYTES("\xff" "0.16.0\n"), FG_ABSENT, FG_ABSENT },
	  NULL, { { 1, "\xff" "0.16.0", 0, 0 }, { 0, NULL, 0, 0 }, { 0, NULL, 0, 0 } }, 1, 0, 0 },
	{ "a Latin-1 setup.py: the version is still read",
	  { FG_BYTES("0.16.0\n"), FG_BYTES("# auteur: Fran\xe7ois\nsetup(version='0.16.0')\n"),
	    FG_ABSENT },
	  NULL, { { 1, "0.16.0", 1, 0 }, { 1, "0.16.0", 1, 0 }, { 0, NULL, 0, 0 } }, 0, 0, 0 },
	{ "missing version.txt skipped, setup.py and docs agree",
	  { FG_ABSENT, FG_BYTES(SETUP_PY_LITERAL("'", "0.16.0")), FG_BYTES(DOCS_INDEX("0.16.x", "dev")) },
	  NULL, { { 0, NULL, 0, 0 }, { 1, "0.16.0", 1, 0 }, { 1, "0.16.x", 1, 1 } }, 0, 0, 0 },
	{ "every file missing",
	  { FG_ABSENT, FG_ABSENT, FG_ABSENT },
	  "release/0.16.x", { { 0, NULL, 0, 0 }, { 0, NULL, 0, 0 }, { 0, NULL, 0, 0 } }, 0, 0, 0 },
};

START_TEST(test_versions_files)
{
	struct fg_vfile_content contents[3];
	struct fg_version_set set;
	struct fg_report report;
	struct fg_branch branch, *bp = NULL;
	size_t added, k = 0;

	ck_assert_uint_eq(fg_builtin_vfiles_count, 3);
	ck_assert_str_eq(fg_builtin_vfiles[VTXT].path, "half_orm/version.txt");
	ck_assert_str_eq(fg_builtin_vfiles[SETUP].path, "setup.py");
	ck_assert_str_eq(fg_builtin_vfiles[DOCS].path, "docs/index.md");
	for (int i = 0; i < 3; i++) {
		contents[i].present = vfile_cases[_i].files[i].data != NULL;
		contents[i].data = vfile_cases[_i].files[i].data;
		contents[i].len = vfile_cases[_i].files[i].len;
	}
	if (vfile_cases[_i].branch) {
		fg_branch_parse(fg_test_config(), vfile_cases[_i].branch, &branch);
		bp = &branch;
	}
	fg_version_set_init(&set);
	fg_report_init(&report);
	ck_assert_int_eq(fg_versions_extract(&set, fg_builtin_vfiles, 3, contents), 0);
	added = fg_versions_check(&report, &set, bp, vfile_cases[_i].branch);

	for (int i = 0; i < 3; i++) {
		const struct want_value *w = &vfile_cases[_i].want[i];
		const struct fg_vfile_value *v;

		if (!w->present)
			continue;
		ck_assert_msg(k < set.n, "%s: %s not found", vfile_cases[_i].name,
			      fg_builtin_vfiles[i].path);
		v = &set.values[k++];
		ck_assert_str_eq(v->path, fg_builtin_vfiles[i].path);
		if (w->text)
			ck_assert_str_eq(v->text, w->text);
		ck_assert_msg(v->valid == w->valid, "%s: %s valid=%d", vfile_cases[_i].name, v->path,
			      v->valid);
		ck_assert_int_eq(v->is_series, w->is_series);
	}
	ck_assert_msg(set.n == k, "%s: %zu values, want %zu", vfile_cases[_i].name, set.n, k);
	ck_assert_uint_eq(added, report.n);
	ck_assert_msg(fg_test_count_rule(&report, FG_RULE_VERSION_FORMAT) == vfile_cases[_i].format,
		      "%s: versionFormat", vfile_cases[_i].name);
	ck_assert_msg(fg_test_count_rule(&report, FG_RULE_VERSION_CONSISTENCY) ==
		      vfile_cases[_i].consistency, "%s: versionConsistency", vfile_cases[_i].name);
	ck_assert_msg(fg_test_count_rule(&report, FG_RULE_BRANCH_VERSION_SERIES) ==
		      vfile_cases[_i].series, "%s: branchVersionSeries", vfile_cases[_i].name);
	ck_assert_uint_eq(report.n, vfile_cases[_i].format + vfile_cases[_i].consistency +
			  vfile_cases[_i].series);
	for (size_t i = 0; i < report.n; i++) {
		ck_assert_ptr_nonnull(report.items[i].message);
		ck_assert_ptr_nonnull(report.items[i].hint);
	}
	fg_report_release(&report);
	fg_version_set_release(&set);
	ck_assert_uint_eq(set.n, 0);
}
END_TEST

/* The messages and hints of the corpus case say what to write where. */
START_TEST(test_versions_corpus_messages)
{
	const char docs[] = DOCS_INDEX("0.15.x", "latest stable release");
	struct fg_vfile_content contents[3] = {
		{ 1, "0.16.0\n", 7 }, { 0, NULL, 0 }, { 1, docs, sizeof(docs) - 1 },
	};
	struct fg_version_set set;
	struct fg_report report;
	const struct fg_violation *v;

	fg_version_set_init(&set);
	fg_report_init(&report);
	ck_assert_int_eq(fg_versions_extract(&set, fg_builtin_vfiles, 3, contents), 0);
	ck_assert_uint_eq(fg_versions_check(&report, &set, NULL, NULL), 1);
	v = fg_report_find(&report, FG_RULE_VERSION_CONSISTENCY);
	ck_assert_ptr_nonnull(v);
	ck_assert_str_eq(v->message, "version files disagree: half_orm/version.txt says '0.16.0' "
				     "but docs/index.md says '0.15.x'");
	ck_assert_str_eq(v->hint, "write '0.16.x' in docs/index.md, then git add docs/index.md");
	fg_report_release(&report);
	fg_version_set_release(&set);
}
END_TEST

START_TEST(test_versions_series_message)
{
	struct fg_vfile_content contents[3] = { { 1, "0.17.0\n", 7 }, { 0, NULL, 0 }, { 0, NULL, 0 } };
	struct fg_version_set set;
	struct fg_report report;
	struct fg_branch branch;
	const struct fg_violation *v;

	ck_assert_int_eq(fg_branch_parse(fg_test_config(), "release/0.16.x", &branch), 0);
	fg_version_set_init(&set);
	fg_report_init(&report);
	ck_assert_int_eq(fg_versions_extract(&set, fg_builtin_vfiles, 3, contents), 0);
	ck_assert_uint_eq(fg_versions_check(&report, &set, &branch, "release/0.16.x"), 1);
	v = fg_report_find(&report, FG_RULE_BRANCH_VERSION_SERIES);
	ck_assert_ptr_nonnull(v);
	ck_assert_str_eq(v->message, "half_orm/version.txt says '0.17.0', outside the 0.16 series "
				     "of branch 'release/0.16.x'");
	/* the parent unknown: no version proposed (0.16.0-dev would go down from 0.16.0) */
	ck_assert_str_eq(v->hint, "set the version to 0.16.Z, no lower than the parent commit's, "
			 "or commit on a branch of the 0.17 series");
	fg_report_release(&report);
	fg_version_set_release(&set);
}
END_TEST

/* The parent's version decides what the hint of branchVersionSeries proposes (issue 20, item 17). */
START_TEST(test_versions_series_after)
{
	struct fg_vfile_content now[3] = { { 1, "0.17.0\n", 7 }, { 0, NULL, 0 }, { 0, NULL, 0 } };
	struct fg_vfile_content in[3] = { { 1, "0.16.0\n", 7 }, { 0, NULL, 0 }, { 0, NULL, 0 } };
	struct fg_vfile_content past[3] = { { 1, "0.18.0-dev\n", 11 }, { 0, NULL, 0 },
					   { 0, NULL, 0 } };
	struct fg_version_set set, parent_in, parent_past;
	struct fg_report report;
	struct fg_branch branch;

	ck_assert_int_eq(fg_branch_parse(fg_test_config(), "release/0.16.x", &branch), 0);
	fg_version_set_init(&set);
	fg_version_set_init(&parent_in);
	fg_version_set_init(&parent_past);
	fg_report_init(&report);
	ck_assert_int_eq(fg_versions_extract(&set, fg_builtin_vfiles, 3, now), 0);
	ck_assert_int_eq(fg_versions_extract(&parent_in, fg_builtin_vfiles, 3, in), 0);
	ck_assert_int_eq(fg_versions_extract(&parent_past, fg_builtin_vfiles, 3, past), 0);
	ck_assert_uint_eq(fg_versions_check_after(&report, &set, &branch, "release/0.16.x",
						  fg_versions_exact(&parent_in)), 1);
	ck_assert_str_eq(report.items[0].hint, "write '0.16.0' (the parent's version) or a higher "
			 "0.16.Z in the version files, then git add them; or commit on a branch of "
			 "the 0.17 series");
	ck_assert_uint_eq(fg_versions_check_after(&report, &set, &branch, "release/0.16.x",
						  fg_versions_exact(&parent_past)), 1);
	ck_assert_str_eq(report.items[1].hint, "the parent is at 0.18.0-dev, past the 0.16 series: "
			 "no 0.16 version goes up from it; commit on a branch of the 0.18 series");
	fg_report_release(&report);
	fg_version_set_release(&set);
	fg_version_set_release(&parent_in);
	fg_version_set_release(&parent_past);
}
END_TEST

/* versionFormat proposes the version the other files agree on, or the value made one. */
START_TEST(test_versions_format_proposal)
{
	struct fg_vfile_content other[3] = { { 1, "0.16\n", 5 },
		{ 1, "setup(version='0.16.0')\n", 24 }, { 0, NULL, 0 } };
	struct fg_vfile_content alone[3] = { { 1, "v0.16\n", 6 }, { 0, NULL, 0 }, { 0, NULL, 0 } };
	struct fg_vfile_content none[3] = { { 1, "0.16.0-preview\n", 15 }, { 0, NULL, 0 },
					   { 0, NULL, 0 } };
	struct fg_version_set set;
	struct fg_report report;

	fg_report_init(&report);
	fg_version_set_init(&set);
	ck_assert_int_eq(fg_versions_extract(&set, fg_builtin_vfiles, 3, other), 0);
	fg_versions_check(&report, &set, NULL, NULL);
	fg_version_set_release(&set);
	fg_version_set_init(&set);
	ck_assert_int_eq(fg_versions_extract(&set, fg_builtin_vfiles, 3, alone), 0);
	fg_versions_check(&report, &set, NULL, NULL);
	fg_version_set_release(&set);
	fg_version_set_init(&set);
	ck_assert_int_eq(fg_versions_extract(&set, fg_builtin_vfiles, 3, none), 0);
	fg_versions_check(&report, &set, NULL, NULL);
	fg_version_set_release(&set);
	ck_assert_uint_eq(report.n, 3);
	ck_assert_str_eq(report.items[0].hint, "write '0.16.0' in half_orm/version.txt (what "
			 "setup.py says), then git add half_orm/version.txt");
	ck_assert_str_eq(report.items[1].hint, "write '0.16.0' in half_orm/version.txt, then git "
			 "add half_orm/version.txt");
	ck_assert_ptr_nonnull(strstr(report.items[2].hint, "write X.Y.Z with an optional"));
	fg_report_release(&report);
}
END_TEST

START_TEST(test_versions_too_large)
{
	/* setup.py is not required: too large, it is reported all the same */
	struct fg_vfile_content contents[3] = {
		{ 1, "0.16.0\n", 7 }, { 2, NULL, (size_t)FG_VFILE_MAX_SIZE + 1 }, { 0, NULL, 0 },
	};
	struct fg_version_set set;
	struct fg_report report;
	const struct fg_violation *v;

	fg_version_set_init(&set);
	fg_report_init(&report);
	ck_assert_int_eq(fg_versions_extract(&set, fg_builtin_vfiles, 3, contents), 0);
	ck_assert_uint_eq(set.n, 2);
	ck_assert_int_eq(set.values[1].missing, 3);
	ck_assert_str_eq(fg_versions_exact(&set)->path, "half_orm/version.txt");
	ck_assert_uint_eq(fg_versions_check(&report, &set, NULL, NULL), 1);
	v = fg_report_find(&report, FG_RULE_VERSION_FORMAT);
	ck_assert_ptr_nonnull(v);
	ck_assert_str_eq(v->message, "version file setup.py is 16777217 bytes, more than 16777216: "
				     "it is not read");
	ck_assert_ptr_nonnull(strstr(v->hint, "a version file is small"));
	fg_report_release(&report);
	fg_version_set_release(&set);
}
END_TEST

START_TEST(test_versions_exact)
{
	const char docs[] = DOCS_INDEX("0.16.x", "dev");
	struct fg_vfile_content only_docs[3] = { { 0, NULL, 0 }, { 0, NULL, 0 }, { 1, docs, sizeof(docs) - 1 } };
	struct fg_vfile_content bad_then_good[3] = {
		{ 1, "bogus\n", 6 }, { 1, "version='0.16.0-rc1'", 20 }, { 1, docs, sizeof(docs) - 1 },
	};
	struct fg_version_set set;
	const struct fg_vfile_value *exact;

	fg_version_set_init(&set);
	ck_assert_ptr_null(fg_versions_exact(&set));
	ck_assert_int_eq(fg_versions_extract(&set, fg_builtin_vfiles, 3, only_docs), 0);
	ck_assert_ptr_null(fg_versions_exact(&set)); /* a series is not an exact version */
	fg_version_set_release(&set);

	ck_assert_int_eq(fg_versions_extract(&set, fg_builtin_vfiles, 3, bad_then_good), 0);
	exact = fg_versions_exact(&set);
	ck_assert_ptr_nonnull(exact);
	ck_assert_str_eq(exact->path, "setup.py");
	ck_assert_str_eq(exact->text, "0.16.0-rc1");
	ck_assert_int_eq(exact->version.pre_kind, FG_PRE_RC);
	ck_assert(exact->version.pre_number == 1);
	ck_assert(exact->major == 0 && exact->minor == 16);
	fg_version_set_release(&set);
}
END_TEST

/* ---- fg_vfile_find ------------------------------------------------------ */

static struct fg_pattern find_quoted = FG_PATTERN("v='([^']*)'", 0);
static struct fg_pattern find_empty = FG_PATTERN("(x*)", 0);
static struct fg_pattern find_unset = FG_PATTERN("a(x)|b", 0);
static struct fg_pattern find_bad = FG_PATTERN("(", 0);
static struct fg_pattern find_quoted_any = FG_PATTERN("v='([^']*)'", FG_PATTERN_MATCH_INVALID_UTF);

#define MAX_FOUND 6
static const struct {
	const char *name;
	struct fg_pattern *pattern; /* NULL: the whole file */
	struct fg_bytes data;
	int rc;                     /* of the call that ends the loop: 0 or an error */
	size_t n;                   /* values found before it */
	struct fg_span want[MAX_FOUND];
} find_cases[] = {
	{ "whole file, trimmed", NULL, FG_BYTES(" \t0.16.0\r\n\n"), 0, 1, { { 2, 6 } } },
	{ "whole file, empty", NULL, FG_BYTES(""), 0, 1, { { 0, 0 } } },
	{ "whole file, blank: empty span at its start", NULL, FG_BYTES("\n \n"), 0, 1,
	  { { 0, 0 } } },
	{ "whole file, not UTF-8: no pattern, no check", NULL, FG_BYTES("\xff\n"), 0, 1,
	  { { 0, 1 } } },
	{ "every match, trimmed", &find_quoted, FG_BYTES("v='1' v=' 2 ' v='' v='  '"), 0, 4,
	  { { 3, 1 }, { 10, 1 }, { 17, 0 }, { 22, 0 } } },
	{ "no match", &find_quoted, FG_BYTES("version = 1"), 0, 0, { { 0, 0 } } },
	{ "empty matches advance by one character", &find_empty,
	  FG_BYTES("a\xc3\xa9xx"), 0, 4, { { 0, 0 }, { 1, 0 }, { 3, 2 }, { 5, 0 } } },
	{ "group 1 unset", &find_unset, FG_BYTES("b ax b"), 0, 3,
	  { { SIZE_MAX, 0 }, { 3, 1 }, { SIZE_MAX, 0 } } },
	{ "not UTF-8", &find_quoted, FG_BYTES("v='1' \xff"), -2, 0, { { 0, 0 } } },
	{ "not UTF-8, PCRE2_MATCH_INVALID_UTF: the valid parts match, an invalid byte never",
	  &find_quoted_any, FG_BYTES("Jos\xe9 v='1' \xff v='\xe9' v='2'"), 0, 2,
	  { { 8, 1 }, { 22, 1 } } },
	{ "bad pattern", &find_bad, FG_BYTES("("), -1, 0, { { 0, 0 } } },
};

START_TEST(test_vfile_find)
{
	struct fg_vfile_spec spec = { "f", find_cases[_i].pattern, 0, 0 };
	struct fg_span value;
	size_t from = 0, n = 0;
	int rc;

	while ((rc = fg_vfile_find(&spec, find_cases[_i].data.data, find_cases[_i].data.len, &from,
				   &value)) == 1) {
		ck_assert_msg(n < MAX_FOUND, "%s: too many values", find_cases[_i].name);
		ck_assert_msg(value.off == find_cases[_i].want[n].off &&
			      value.len == find_cases[_i].want[n].len, "%s: value %zu at %zu+%zu, "
			      "want %zu+%zu", find_cases[_i].name, n, value.off, value.len,
			      find_cases[_i].want[n].off, find_cases[_i].want[n].len);
		n++;
	}
	ck_assert_msg(rc == find_cases[_i].rc, "%s: rc %d", find_cases[_i].name, rc);
	ck_assert_msg(n == find_cases[_i].n, "%s: %zu values, want %zu", find_cases[_i].name, n,
		      find_cases[_i].n);
	if (rc == 0) /* and it stays ended */
		ck_assert_int_eq(fg_vfile_find(&spec, find_cases[_i].data.data,
					       find_cases[_i].data.len, &from, &value), 0);
}
END_TEST

/* versionRegression: NOW against BEFORE (the first parent's). */
static const struct {
	const char *before, *now;
	int violations;
} regression_cases[] = {
	{ "0.16.0-rc1", "0.16.0-rc2", 0 },
	{ "0.16.0-rc2", "0.16.0", 0 },
	{ "0.16.0", "0.17.0-dev", 0 },
	{ "0.16.0-alpha2", "0.16.0-alpha10", 0 }, /* plain SemVer would call this a regression */
	{ "0.16.0-beta2", "0.16.0-rc1", 0 },
	{ "0.16.0", "0.16.0+build.7", 0 },       /* build metadata: same precedence */
	{ "0.16.0", "0.15.3", 1 },
	{ "0.16.0", "0.16.0-rc3", 1 },
	{ "0.16.0-beta2", "0.16.0-dev", 1 },      /* plain SemVer would call -dev higher */
	{ "0.16.0-alpha10", "0.16.0-alpha2", 1 },
	{ "1.0.0", "0.99.99", 1 },
	{ NULL, "0.16.0", 0 },                    /* nothing to compare */
	{ "0.16.0", NULL, 0 },
};

/* VALUE for TEXT (NULL: returns NULL), a valid exact version. */
static const struct fg_vfile_value *value_of(struct fg_vfile_value *value, const char *text)
{
	if (!text)
		return NULL;
	memset(value, 0, sizeof(*value));
	value->path = "half_orm/version.txt";
	value->text = (char *)text;
	value->valid = 1;
	ck_assert_int_eq(fg_version_parse(text, strlen(text), &value->version), 0);
	value->major = value->version.major;
	value->minor = value->version.minor;
	return value;
}

START_TEST(test_version_regression)
{
	struct fg_report report;
	struct fg_vfile_value now, before;
	size_t n;

	fg_report_init(&report);
	n = fg_check_version_regression(&report, value_of(&now, regression_cases[_i].now),
					value_of(&before, regression_cases[_i].before), "commit 1a2b3c");
	ck_assert_msg(n == (size_t)regression_cases[_i].violations && report.n == n,
		      "%s -> %s: %zu violations", regression_cases[_i].before,
		      regression_cases[_i].now, n);
	if (n) {
		char *want = fg_strdupf("the version goes down from %s to %s in commit 1a2b3c",
					regression_cases[_i].before, regression_cases[_i].now);
		ck_assert_int_eq(report.items[0].rule, FG_RULE_VERSION_REGRESSION);
		ck_assert_int_eq(report.items[0].severity, FG_ERROR);
		ck_assert_str_eq(report.items[0].message, want);
		ck_assert_ptr_nonnull(strstr(report.items[0].hint, regression_cases[_i].before));
		free(want);
	}
	fg_report_release(&report);
}
END_TEST

/*
 * versionReleaseBranch (VRB) and versionPreReleaseBranch (VPRB): the
 * version a commit sets, on a branch. An rc on main or dev/X.Y.x, a release
 * straight on main are errors of their own (issue 20, item 11).
 */
#define VRB FG_RULE_VERSION_RELEASE_BRANCH
#define VPRB FG_RULE_VERSION_PRE_RELEASE_BRANCH
static const struct {
	const char *version, *branch;
	int from_release, violations, rule;
} prerelease_branch_cases[] = {
	{ "0.16.0-rc1", "release/0.16.x", 0, 0, 0 },
	{ "0.16.0-rc1", "main", 0, 1, VRB },
	{ "0.16.0-rc1", "dev/0.16.x", 0, 1, VRB },
	{ "0.16.0-rc1", "feature/x", 0, 1, VPRB },
	{ "0.16.0-rc1", "maint/0.16.x", 0, 1, VPRB },
	{ "0.16.0-rc1", "hotfix/x", 0, 1, VPRB },
	{ "0.16.0-rc1", "main", 1, 1, VRB },      /* an rc reaching main from release: still main's */
	{ "0.17.0-dev", "main", 0, 0, 0 },
	{ "0.16.1-dev", "dev/0.16.x", 0, 0, 0 },
	{ "0.16.1-dev", "release/0.16.x", 0, 1, VPRB },
	{ "0.15.4-dev", "maint/0.15.x", 0, 1, VPRB },
	{ "0.16.0", "main", 0, 1, VRB },
	{ "0.16.0", "main", 1, 0, 0 },
	{ "0.16.0", "release/0.16.x", 0, 0, 0 },
	{ "0.16.1", "dev/0.16.x", 0, 0, 0 },
	{ "0.16.1", "hotfix/pool-leak", 0, 0, 0 },
	{ "0.15.4", "maint/0.15.x", 0, 0, 0 },
	{ "0.16.0-alpha1", "main", 0, 0, 0 },
	{ "0.16.0-beta2", "dev/0.16.x", 0, 0, 0 },
	{ "0.16.0-rc1", "Master", 0, 0, 0 },      /* not a workflow branch: branchName's business */
};

START_TEST(test_version_branch)
{
	struct fg_report report;
	struct fg_vfile_value now;
	struct fg_branch branch;
	const struct fg_branch *b = NULL;
	size_t n;

	fg_report_init(&report);
	if (fg_branch_parse(fg_test_config(), prerelease_branch_cases[_i].branch, &branch) == 0)
		b = &branch;
	n = fg_check_version_branch(&report, value_of(&now, prerelease_branch_cases[_i].version), b,
				    prerelease_branch_cases[_i].branch,
				    prerelease_branch_cases[_i].from_release, "commit 1a2b3c");
	ck_assert_msg(n == (size_t)prerelease_branch_cases[_i].violations && report.n == n,
		      "%s on %s: %zu violations", prerelease_branch_cases[_i].version,
		      prerelease_branch_cases[_i].branch, n);
	if (n) {
		ck_assert_int_eq(report.items[0].rule, prerelease_branch_cases[_i].rule);
		ck_assert_int_eq(report.items[0].severity,
				 prerelease_branch_cases[_i].rule == VRB ? FG_ERROR : FG_WARN);
		ck_assert_ptr_nonnull(strstr(report.items[0].message,
					     prerelease_branch_cases[_i].version));
		ck_assert_ptr_nonnull(strstr(report.items[0].message,
					     prerelease_branch_cases[_i].branch));
		ck_assert_ptr_nonnull(report.items[0].hint);
	}
	fg_report_release(&report);
}
END_TEST

Suite *vfile_suite(void)
{
	Suite *s = suite_create("vfile");
	TCase *files = tcase_create("files");

	tcase_add_loop_test(files, test_versions_files, 0, (int)FG_COUNT(vfile_cases));
	tcase_add_loop_test(files, test_version_regression, 0, (int)FG_COUNT(regression_cases));
	tcase_add_loop_test(files, test_version_branch, 0, (int)FG_COUNT(prerelease_branch_cases));
	tcase_add_test(files, test_versions_corpus_messages);
	tcase_add_test(files, test_versions_series_message);
	tcase_add_test(files, test_versions_series_after);
	tcase_add_test(files, test_versions_format_proposal);
	tcase_add_test(files, test_versions_exact);
	tcase_add_test(files, test_versions_too_large);
	tcase_add_loop_test(files, test_vfile_find, 0, (int)FG_COUNT(find_cases));
	suite_add_tcase(s, files);
	return s;
}

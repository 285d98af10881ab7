/*
 * Tests of detect.c: the version flowgate init finds in each kind of file
 * (and the files it passes over), and the .flowgate text it writes, read
 * back through libgit2's configuration parser and config.c.
 */
#include <stdlib.h>
#include <string.h>
#include "check_flowgate.h"
#include "detect.h"

static const struct {
	const char *path, *data;
	const char *value; /* NULL: passed over */
	const char *why;   /* the note's end when passed over */
} cases[] = {
	/* JSON: the top-level key, not a nested one, at its indentation */
	{ "package.json", "{\n  \"name\": \"x\",\n  \"version\": \"1.2.3\"\n}\n", "1.2.3", NULL },
	{ "package.json", "{\n  \"config\": {\n    \"version\": \"9.9.9\"\n  },\n  \"version\": \"1.2.3\"\n}\n",
	  "1.2.3", NULL },
	{ "package.json", "{\n\t\"version\": \"2.0.0-rc.1\",\n\t\"x\": {\n\t\t\"version\": \"1\"\n\t}\n}\n",
	  "2.0.0-rc.1", NULL },
	{ "package.json", "{\"name\":\"x\",\"version\":\"1.2.3\"}\n", NULL, "a minified file)" },
	{ "package.json", "{\n  \"name\": \"version\",\n  \"private\": true\n}\n", NULL,
	  "no \"version\" string" },
	{ "package.json", "{\n  \"version\": 3\n}\n", NULL, "no \"version\" string" },
	{ "package.json", "[\n  \"version\"\n]\n", NULL, "no \"version\" string" },
	{ "package.json", "{\n  \"version\": \"1.0\"\n}\n", NULL, "not an X.Y.Z version" },
	{ "package-lock.json", "{\n  \"name\": \"x\",\n  \"version\": \"1.2.3\",\n  \"packages\": {\n"
	  "    \"\": {\n      \"version\": \"1.2.3\"\n    }\n  }\n}\n", "1.2.3", NULL },
	/* TOML and INI tables */
	{ "pyproject.toml", "[project]\nname = \"x\"\nversion = \"0.3.0\"\n[tool.x]\nversion = \"9\"\n",
	  "0.3.0", NULL },
	{ "pyproject.toml", "[project] # the metadata\r\nversion = '0.3.0'\r\n", "0.3.0", NULL },
	{ "pyproject.toml", "[tool.poetry]\nname = \"x\"\nversion = \"1.0.0\"\n", "1.0.0", NULL },
	{ "pyproject.toml", "[project]\ndynamic = [\"version\"]\n[tool.setuptools_scm]\n", NULL,
	  "no version where such a file keeps it" },
	{ "pyproject.toml", "[tool.black]\nversion = \"1.0.0\"\n", NULL,
	  "no version where such a file keeps it" },
	{ "Cargo.toml", "[package]\nname = \"x\"\nversion = \"0.7.1\"\n\n[dependencies]\n"
	  "serde = { version = \"1.0\" }\n[dependencies.y]\nversion = \"3.0.0\"\n", "0.7.1", NULL },
	{ "Cargo.toml", "[package]\nversion.workspace = true\n", NULL, "keeps it" },
	{ "setup.cfg", "[metadata]\nname = x\nversion = 4.5.6\n", "4.5.6", NULL },
	{ "setup.cfg", "[metadata]\nversion = attr: x.__version__\n", NULL, "keeps it" },
	{ "setup.py", "setup(name='x', version=\"2.1.0\")\n", "2.1.0", NULL },
	{ "setup.py", "setup(version=get_version())\n", NULL, "keeps it" },
	{ "setup.py", "V = dict(version='1.0.0')\nsetup(version='2.0.0')\n", NULL,
	  "two different versions where flowgate would read and rewrite both" },
	{ "CMakeLists.txt", "project(demo VERSION 1.2.3 LANGUAGES C)\n", "1.2.3", NULL },
	{ "CMakeLists.txt", "PROJECT(demo\n  VERSION 1.2.3)\n", "1.2.3", NULL },
	{ "CMakeLists.txt", "project(demo VERSION 1.2.3.4)\n", NULL, "not an X.Y.Z version" },
	{ "VERSION", "  1.0.0\n", "1.0.0", NULL },
	{ "version.txt", "1.0.0\n2.0.0\n", NULL, "not an X.Y.Z version" },
	{ "version.txt", "", NULL, "not an X.Y.Z version" },
	{ "half_orm/version.txt", "0.16.0\n", "0.16.0", NULL },
	/* halfORM's page, without half_orm/version.txt first: not looked at */
	{ "docs/index.md", "covers halfORM **0.16.x**\n", NULL, NULL },
};

START_TEST(test_detect_file)
{
	struct fg_detection d;
	const char *data = cases[_i].data;
	int rc;

	fg_detection_init(&d);
	rc = fg_detect_file(&d, cases[_i].path, data, strlen(data));
	ck_assert_int_eq(rc, cases[_i].value != NULL);
	if (cases[_i].value) {
		ck_assert_uint_eq(d.n, 1);
		ck_assert_str_eq(d.files[0].path, cases[_i].path);
		ck_assert_str_eq(d.files[0].value, cases[_i].value);
		ck_assert_uint_eq(d.nnotes, 0);
	} else {
		ck_assert_uint_eq(d.n, 0);
		ck_assert_uint_eq(d.nnotes, cases[_i].why != NULL);
		if (cases[_i].why) {
			size_t n = strlen(d.notes[0]), w = strlen(cases[_i].why);

			ck_assert_msg(n >= w && !strcmp(d.notes[0] + n - w, cases[_i].why),
				      "note '%s' does not end with '%s'", d.notes[0], cases[_i].why);
			ck_assert_msg(!strncmp(d.notes[0], cases[_i].path, strlen(cases[_i].path)),
				      "note '%s' does not name %s", d.notes[0], cases[_i].path);
		}
	}
	fg_detection_release(&d);
}
END_TEST

/* halfORM's docs/index.md, after its version.txt: a series. */
START_TEST(test_detect_halform)
{
	static const char v[] = "0.16.0\n", docs[] = "This covers halfORM **0.16.x** (latest).\n";
	struct fg_detection d;

	fg_detection_init(&d);
	ck_assert_int_eq(fg_detect_file(&d, "half_orm/version.txt", v, strlen(v)), 1);
	ck_assert_int_eq(fg_detect_file(&d, "docs/index.md", docs, strlen(docs)), 1);
	ck_assert_uint_eq(d.n, 2);
	ck_assert_int_eq(d.files[1].series, 1);
	ck_assert_str_eq(d.files[1].value, "0.16.x");
	ck_assert_ptr_null(d.files[0].pattern);
	fg_detection_release(&d);
}
END_TEST

/*
 * The text read back: git-config quoting of patterns holding '"', '\',
 * '#' and ';', of a path holding '"' and '\', since and tag.prefix "".
 */
START_TEST(test_detect_config_text)
{
	static const char pkg[] = "{\n  \"version\": \"1.2.3\"\n}\n";
	struct fg_detection d;
	struct fg_config cfg;
	git_config *file = NULL;
	char *text;

	fg_detection_init(&d);
	ck_assert_int_eq(fg_detect_file(&d, "package.json", pkg, strlen(pkg)), 1);
	/* an odd path and pattern, by hand */
	d.files = realloc(d.files, 2 * sizeof(*d.files));
	d.files[1] = (struct fg_detected){ strdup("we\"ird\\dir/v.txt"),
					   strdup("#;\\\"x\\\\y([0-9.]+)"), 0, strdup("1.2.3"),
					   "by hand" };
	d.n = 2;
	text = fg_detect_config_text(&d, "v1.2.3#x", "why", "");
	ck_assert_ptr_nonnull(text);
	ck_assert_int_eq(fg_config_init(&cfg), 0);
	ck_assert_int_eq(fg_config_parse_buffer(&file, text, strlen(text)), 0);
	ck_assert_msg(fg_config_apply_file(&cfg, file, "test") == 0, "%s\n%s", cfg.error, text);
	ck_assert_str_eq(cfg.since, "v1.2.3#x");
	ck_assert_str_eq(cfg.tag_prefix, "");
	ck_assert_uint_eq(cfg.nvfiles, 2);
	ck_assert_str_eq(cfg.vfiles[0].path, "package.json");
	ck_assert_str_eq(cfg.vfiles[0].pattern->source, d.files[0].pattern);
	ck_assert_str_eq(cfg.vfiles[1].path, "we\"ird\\dir/v.txt");
	ck_assert_str_eq(cfg.vfiles[1].pattern->source, "#;\\\"x\\\\y([0-9.]+)");
	ck_assert_int_eq(cfg.vfiles[0].required, 1);
	ck_assert_ptr_nonnull(strstr(text, "\t# why\n"));
	git_config_free(file);
	fg_config_release(&cfg);
	free(text);
	fg_detection_release(&d);
}
END_TEST

/* Nothing found: a comment line and since only; no since, no [flowgate]. */
START_TEST(test_detect_config_text_empty)
{
	struct fg_detection d;
	char *text;

	fg_detection_init(&d);
	text = fg_detect_config_text(&d, NULL, NULL, NULL);
	ck_assert_ptr_nonnull(text);
	ck_assert_ptr_null(strchr(text, '['));
	ck_assert_int_eq(text[0], '#');
	free(text);
	fg_detection_release(&d);
}
END_TEST

Suite *detect_suite(void)
{
	Suite *s = suite_create("detect");
	TCase *tc = tcase_create("detect");

	tcase_add_loop_test(tc, test_detect_file, 0, FG_COUNT(cases));
	tcase_add_test(tc, test_detect_halform);
	tcase_add_test(tc, test_detect_config_text);
	tcase_add_test(tc, test_detect_config_text_empty);
	suite_add_tcase(s, tc);
	return s;
}

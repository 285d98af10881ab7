/*
 * Tests of notes.c: which commits the release notes list, their sections
 * and order, the Markdown, text and JSON forms, and a section put at the
 * top of a changelog file.
 */
#include <stdlib.h>
#include <string.h>
#include "check_flowgate.h"
#include "notes.h"

/* fg_notes_add: listed (1) or left out (0), and under which type. */
static const struct {
	const char *message;
	int merge;
	int listed;
	const char *type, *scope, *subject, *breaking;
} add_cases[] = {
	{ "feat(cli): add --dry-run\n", 0, 1, "feat", "cli", "add --dry-run", NULL },
	{ "fix: close the pool\n\nBody.\n", 0, 1, "fix", NULL, "close the pool", NULL },
	{ "Feat: legacy case\n", 0, 1, "feat", NULL, "legacy case", NULL },
	/* excluded by default, unless breaking */
	{ "chore: tidy\n", 0, 0, NULL, NULL, NULL, NULL },
	{ "test(core): more\n", 0, 0, NULL, NULL, NULL, NULL },
	{ "ci: x\n", 0, 0, NULL, NULL, NULL, NULL },
	{ "build!: drop Python 3.7\n", 0, 1, "build", NULL, "drop Python 3.7", NULL },
	{ "chore: move\n\nBREAKING CHANGE: the config file is .flowgate now\n", 0, 1, "chore",
	  NULL, "move", "the config file is .flowgate now" },
	/* a multi-line breaking description, and two footers */
	{ "feat: x\n\nBREAKING CHANGE: first line\n  second line\nRefs: #1\n", 0, 1, "feat",
	  NULL, "x", "first line\n  second line" },
	{ "feat: x\n\nBREAKING CHANGE: one\nBREAKING-CHANGE: two\n", 0, 1, "feat", NULL, "x",
	  "one\ntwo" },
	/* not Conventional Commits, merges, git's own forms */
	{ "update stuff\n", 0, 0, NULL, NULL, NULL, NULL },
	{ "legacy: a type typeEnum refuses\n", 0, 0, NULL, NULL, NULL, NULL },
	{ "wip!: breaking, but refused all the same\n", 0, 0, NULL, NULL, NULL, NULL },
	{ "feat: merge the importer\n", 1, 0, NULL, NULL, NULL, NULL },
	{ "Merge branch 'feature/x'\n", 1, 0, NULL, NULL, NULL, NULL },
	{ "fixup! feat: x\n", 0, 0, NULL, NULL, NULL, NULL },
	{ "Revert \"feat(cli): add --dry-run\"\n\nThis reverts commit "
	  "0123456789012345678901234567890123456789.\n", 0, 1, "revert", NULL,
	  "feat(cli): add --dry-run", NULL },
	{ "", 0, 0, NULL, NULL, NULL, NULL },
	{ "feat:\n", 0, 0, NULL, NULL, NULL, NULL },
};

START_TEST(test_notes_add)
{
	struct fg_config cfg;
	struct fg_notes notes;
	const char *m = add_cases[_i].message;

	ck_assert_int_eq(fg_config_init(&cfg), 0);
	fg_notes_init(&notes);
	ck_assert_int_eq(fg_notes_add(&notes, &cfg, m, strlen(m), add_cases[_i].merge,
				      "0123456789abcdef0123456789abcdef01234567", "0123456"),
			 add_cases[_i].listed);
	ck_assert_uint_eq(notes.n, (size_t)add_cases[_i].listed);
	ck_assert_uint_eq(notes.skipped, (size_t)!add_cases[_i].listed);
	if (add_cases[_i].listed) {
		const struct fg_notes_entry *e = &notes.entries[0];

		ck_assert_str_eq(e->type, add_cases[_i].type);
		ck_assert_str_eq(e->subject, add_cases[_i].subject);
		if (add_cases[_i].scope)
			ck_assert_str_eq(e->scope, add_cases[_i].scope);
		else
			ck_assert_ptr_null(e->scope);
		if (add_cases[_i].breaking)
			ck_assert_str_eq(e->breaking, add_cases[_i].breaking);
		else
			ck_assert_ptr_null(e->breaking);
		ck_assert_str_eq(e->short_id, "0123456");
	}
	fg_notes_release(&notes);
	fg_config_release(&cfg);
}
END_TEST

/* changelog.exclude and changelog.merges change what is listed. */
START_TEST(test_notes_configured)
{
	struct fg_config cfg;
	struct fg_notes notes;
	static const char merge[] = "feat: merge the importer\n", chore[] = "chore: tidy\n",
			  docs[] = "docs: guide\n";

	ck_assert_int_eq(fg_config_init(&cfg), 0);
	for (size_t i = 0; i < cfg.nchangelog_exclude; i++)
		free(cfg.changelog_exclude[i]);
	cfg.changelog_exclude[0] = strdup("docs");
	cfg.nchangelog_exclude = 1;
	cfg.changelog_merges = 1;
	fg_notes_init(&notes);
	ck_assert_int_eq(fg_notes_add(&notes, &cfg, merge, strlen(merge), 1, "a", "a"), 1);
	ck_assert_int_eq(fg_notes_add(&notes, &cfg, chore, strlen(chore), 0, "b", "b"), 1);
	ck_assert_int_eq(fg_notes_add(&notes, &cfg, docs, strlen(docs), 0, "c", "c"), 0);
	ck_assert_uint_eq(notes.skipped, 1);
	fg_notes_release(&notes);
	fg_config_release(&cfg);
}
END_TEST

/* Adds MESSAGES (NULL-ended) to NOTES, IDs "1111111", "2222222", ... */
static void add_all(struct fg_notes *notes, const struct fg_config *cfg, const char *const *messages)
{
	for (int i = 0; messages[i]; i++) {
		char id[8];

		memset(id, '1' + i, 7);
		id[7] = '\0';
		ck_assert_int_ge(fg_notes_add(notes, cfg, messages[i], strlen(messages[i]), 0, id, id), 0);
	}
}

static char *written(const struct fg_notes *notes, const struct fg_config *cfg,
		     enum fg_notes_format format, unsigned flags, long *n)
{
	char *text = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&text, &size);

	ck_assert_ptr_nonnull(f);
	*n = fg_notes_write(notes, cfg, format, flags, f);
	fclose(f);
	return text;
}

static const char *const release[] = {
	"docs: the guide\n",
	"fix(core): close the pool\n",
	"feat!: drop the old API\n",
	"chore: tidy\n",
	"perf: cache the index\n",
	"feat(cli): add --dry-run\n",
	"hotfix: the leak\n",
	"refactor: split\n\nBREAKING CHANGE: the module moved\n  to common/\n",
	"Revert \"feat: add x\"\n\nThis reverts commit 0123456789012345678901234567890123456789.\n",
	NULL,
};

/* Markdown: BREAKING CHANGES first, then the fixed order, then the configured types. */
START_TEST(test_notes_markdown)
{
	struct fg_config cfg;
	struct fg_notes notes;
	long n;
	char *text;

	ck_assert_int_eq(fg_config_init(&cfg), 0);
	fg_notes_init(&notes);
	add_all(&notes, &cfg, release);
	notes.version = strdup("0.17.0");
	memcpy(notes.date, "2026-01-31", 11);
	text = written(&notes, &cfg, FG_NOTES_MARKDOWN, 0, &n);
	ck_assert_str_eq(text,
			 "## 0.17.0 (2026-01-31)\n\n"
			 "### BREAKING CHANGES\n\n"
			 "* drop the old API (3333333)\n"
			 "* the module moved (8888888)\n"
			 "  to common/\n\n"
			 "### Features\n\n"
			 "* drop the old API (3333333)\n"
			 "* **cli:** add --dry-run (6666666)\n\n"
			 "### Bug Fixes\n\n"
			 "* **core:** close the pool (2222222)\n"
			 "* the leak (7777777)\n\n"
			 "### Performance\n\n"
			 "* cache the index (5555555)\n\n"
			 "### Reverts\n\n"
			 "* feat: add x (9999999)\n\n"
			 "### Documentation\n\n"
			 "* the guide (1111111)\n\n"
			 "### Code Refactoring\n\n"
			 "* split (8888888)\n");
	ck_assert_int_eq(n, 8);
	free(text);
	fg_notes_release(&notes);
	fg_config_release(&cfg);
}
END_TEST

/* Text, as a tag's message holds it: no heading, no line starting with '#'. */
START_TEST(test_notes_text)
{
	struct fg_config cfg;
	struct fg_notes notes;
	static const char *const odd[] = { "#x: an odd type\n", "fix: y\n", NULL };
	long n;
	char *text;

	ck_assert_int_eq(fg_config_init(&cfg), 0);
	cfg.severity[FG_RULE_TYPE_ENUM] = FG_OFF; /* any type is a type */
	fg_notes_init(&notes);
	add_all(&notes, &cfg, odd);
	text = written(&notes, &cfg, FG_NOTES_TEXT, FG_NOTES_NO_HEADING, &n);
	ck_assert_str_eq(text, "Bug Fixes\n- y (2222222)\n\nType #x\n- an odd type (1111111)\n");
	ck_assert_int_eq(n, 2);
	free(text);
	/* with the heading: the version, else the range's end */
	notes.to = strdup("HEAD");
	text = written(&notes, &cfg, FG_NOTES_TEXT, 0, &n);
	ck_assert_str_eq(text, "HEAD\n\nBug Fixes\n- y (2222222)\n\nType #x\n- an odd type (1111111)\n");
	free(text);
	fg_notes_release(&notes);
	fg_config_release(&cfg);
}
END_TEST

/* Nothing listed: the heading alone; no heading, nothing. */
START_TEST(test_notes_empty)
{
	struct fg_config cfg;
	struct fg_notes notes;
	long n;
	char *text;

	ck_assert_int_eq(fg_config_init(&cfg), 0);
	fg_notes_init(&notes);
	notes.version = strdup("1.0.0");
	text = written(&notes, &cfg, FG_NOTES_TEXT, FG_NOTES_NO_HEADING, &n);
	ck_assert_str_eq(text, "");
	ck_assert_int_eq(n, 0);
	free(text);
	text = written(&notes, &cfg, FG_NOTES_MARKDOWN, 0, &n);
	ck_assert_str_eq(text, "## 1.0.0\n");
	free(text);
	fg_notes_release(&notes);
	fg_config_release(&cfg);
}
END_TEST

/* JSON: escapes, nulls, the breaking list and the sections. */
START_TEST(test_notes_json)
{
	struct fg_config cfg;
	struct fg_notes notes;
	static const char *const two[] = { "feat(a\"b): x\n\nBREAKING CHANGE: l1\n l2\n",
					   "update\n", NULL };
	long n;
	char *text;

	ck_assert_int_eq(fg_config_init(&cfg), 0);
	fg_notes_init(&notes);
	add_all(&notes, &cfg, two);
	notes.to = strdup("HEAD");
	memcpy(notes.to_id, "abc", 4);
	text = written(&notes, &cfg, FG_NOTES_JSON, 0, &n);
	ck_assert_str_eq(text,
			 "{\n  \"version\": null, \"date\": null,\n"
			 "  \"range\": {\"from\": null, \"fromId\": null, \"to\": \"HEAD\", "
			 "\"toId\": \"abc\"},\n"
			 "  \"breaking\": [\n"
			 "    {\"commit\": \"1111111\", \"id\": \"1111111\", \"type\": \"feat\", "
			 "\"scope\": \"a\\\"b\", \"subject\": \"x\", \"description\": "
			 "\"l1\\u000a l2\"}\n  ],\n"
			 "  \"sections\": [\n"
			 "    {\"type\": \"feat\", \"title\": \"Features\", \"entries\": [\n"
			 "      {\"commit\": \"1111111\", \"id\": \"1111111\", \"type\": \"feat\", "
			 "\"scope\": \"a\\\"b\", \"subject\": \"x\", \"breaking\": true}\n"
			 "    ]}\n  ],\n"
			 "  \"skipped\": 1\n}\n");
	ck_assert_int_eq(n, 1);
	free(text);
	fg_notes_release(&notes);
	fg_config_release(&cfg);
}
END_TEST

/* Control bytes from a message never reach the notes raw. */
START_TEST(test_notes_escaped)
{
	struct fg_config cfg;
	struct fg_notes notes;
	static const char *const bad[] = { "feat: a \033[31mred\033[0m subject\n", NULL };
	long n;
	char *text;

	ck_assert_int_eq(fg_config_init(&cfg), 0);
	fg_notes_init(&notes);
	add_all(&notes, &cfg, bad);
	text = written(&notes, &cfg, FG_NOTES_MARKDOWN, FG_NOTES_NO_HEADING, &n);
	ck_assert_str_eq(text, "### Features\n\n* a \\x1b[31mred\\x1b[0m subject (1111111)\n");
	free(text);
	fg_notes_release(&notes);
	fg_config_release(&cfg);
}
END_TEST

static const struct {
	const char *file;
	enum fg_notes_format format;
	const char *version;
	int has;
} has_cases[] = {
	{ "# Changelog\n\n## 0.17.0 (2026-01-31)\n", FG_NOTES_MARKDOWN, "0.17.0", 1 },
	{ "## [0.17.0](https://x/compare) (2026-01-31)\n", FG_NOTES_MARKDOWN, "0.17.0", 1 },
	{ "# [19.1.0](https://x) (2024-01-01)\n", FG_NOTES_MARKDOWN, "19.1.0", 1 },
	{ "## 0.17.0\n", FG_NOTES_MARKDOWN, "0.17.0", 1 },
	{ "## 0.17.0-rc1 (2026-01-31)\n", FG_NOTES_MARKDOWN, "0.17.0", 0 },
	{ "## 0.17.0 (x)\n", FG_NOTES_MARKDOWN, "0.17.0-rc1", 0 },
	{ "0.17.0 (2026-01-31)\n", FG_NOTES_MARKDOWN, "0.17.0", 0 },
	{ "* 0.17.0 was fun\n", FG_NOTES_MARKDOWN, "0.17.0", 0 },
	{ "0.17.0 (2026-01-31)\n", FG_NOTES_TEXT, "0.17.0", 1 },
	{ "Features\n- 0.17.00 x\n", FG_NOTES_TEXT, "0.17.0", 0 },
	{ "", FG_NOTES_MARKDOWN, "0.17.0", 0 },
};

START_TEST(test_notes_has_section)
{
	ck_assert_int_eq(fg_notes_has_section(has_cases[_i].file, strlen(has_cases[_i].file),
					      has_cases[_i].format, has_cases[_i].version),
			 has_cases[_i].has);
}
END_TEST

static const struct {
	const char *file; /* NULL: no file */
	enum fg_notes_format format;
	const char *want;
} insert_cases[] = {
	{ NULL, FG_NOTES_MARKDOWN, "# Changelog\n\n## 2.0.0\n" },
	{ NULL, FG_NOTES_TEXT, "## 2.0.0\n" },
	{ "", FG_NOTES_MARKDOWN, "## 2.0.0\n" },
	{ "# Changelog\n\nAll notable changes.\n\n## 1.0.0\n\n* x\n", FG_NOTES_MARKDOWN,
	  "# Changelog\n\nAll notable changes.\n\n## 2.0.0\n\n## 1.0.0\n\n* x\n" },
	{ "# Changelog\n## 1.0.0\n", FG_NOTES_MARKDOWN, "# Changelog\n\n## 2.0.0\n\n## 1.0.0\n" },
	{ "## 1.0.0\n", FG_NOTES_MARKDOWN, "## 2.0.0\n\n## 1.0.0\n" },
	{ "# Changelog\n\n# [1.1.0](u) (d)\n", FG_NOTES_MARKDOWN,
	  "# Changelog\n\n## 2.0.0\n\n# [1.1.0](u) (d)\n" },
	{ "# Changelog\nno release yet", FG_NOTES_MARKDOWN,
	  "# Changelog\nno release yet\n\n## 2.0.0\n" },
	{ "1.0.0\n", FG_NOTES_TEXT, "## 2.0.0\n\n1.0.0\n" },
};

START_TEST(test_notes_insert)
{
	static const char section[] = "## 2.0.0\n";
	const char *file = insert_cases[_i].file;
	char *out;
	size_t len;

	ck_assert_int_eq(fg_notes_insert(&out, &len, file, file ? strlen(file) : 0, section,
					 strlen(section), insert_cases[_i].format), 0);
	ck_assert_str_eq(out, insert_cases[_i].want);
	ck_assert_uint_eq(len, strlen(insert_cases[_i].want));
	free(out);
}
END_TEST

Suite *notes_suite(void)
{
	Suite *s = suite_create("notes");
	TCase *tc = tcase_create("notes");

	tcase_add_loop_test(tc, test_notes_add, 0, FG_COUNT(add_cases));
	tcase_add_test(tc, test_notes_configured);
	tcase_add_test(tc, test_notes_markdown);
	tcase_add_test(tc, test_notes_text);
	tcase_add_test(tc, test_notes_empty);
	tcase_add_test(tc, test_notes_json);
	tcase_add_test(tc, test_notes_escaped);
	tcase_add_loop_test(tc, test_notes_has_section, 0, FG_COUNT(has_cases));
	tcase_add_loop_test(tc, test_notes_insert, 0, FG_COUNT(insert_cases));
	suite_add_tcase(s, tc);
	return s;
}

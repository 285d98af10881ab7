/*
 * Tests of help.c: every entry of the help table is complete and fits a
 * manual page (no backslash, one-line summaries), and what fg_help_print,
 * fg_help_print_usage and fg_help_print_all write.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check_flowgate.h"
#include "help.h"

/* What PRINT writes for H (H may be NULL for fg_help_print_all), newly allocated. */
static char *printed(void (*print)(const struct fg_help *, FILE *), const struct fg_help *h)
{
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);

	ck_assert_ptr_nonnull(out);
	print(h, out);
	ck_assert_int_eq(fclose(out), 0);
	return text;
}

static void print_all(const struct fg_help *h, FILE *out)
{
	(void)h;
	fg_help_print_all(out);
}

static size_t ncommands(void)
{
	size_t n = 0;

	while (fg_help_get(n))
		n++;
	return n;
}

/* TEXT holds no backslash, no newline (unless LINES), only printable ASCII. */
static void assert_plain(const char *what, const char *text, int lines)
{
	for (const char *p = text; *p; p++)
		ck_assert_msg((*p >= ' ' && *p <= '~' && *p != '\\') || (lines && *p == '\n'),
			      "%s: byte 0x%02x at %zu in '%s'", what, (unsigned char)*p,
			      (size_t)(p - text), text);
}

/* Every entry: named, summarised in one short line, plain text, complete. */
START_TEST(test_help_entry_complete)
{
	const struct fg_help *h = fg_help_get((size_t)_i);
	char prefix[64];
	size_t n;

	ck_assert_ptr_nonnull(h);
	ck_assert_msg(*h->name && strspn(h->name, "abcdefghijklmnopqrstuvwxyz-") ==
		      strlen(h->name), "name '%s'", h->name);
	ck_assert_ptr_eq(fg_help_find(h->name), h); /* names are unique */
	ck_assert_msg(strlen(h->summary) <= 62, "%s: summary of %zu characters", h->name,
		      strlen(h->summary));
	ck_assert_msg(h->summary[0] >= 'a' && h->summary[0] <= 'z', "%s: summary is lowercase",
		      h->name);
	ck_assert_msg(h->summary[strlen(h->summary) - 1] != '.', "%s: summary ends with '.'",
		      h->name);
	assert_plain(h->name, h->summary, 0);
	assert_plain(h->name, h->synopsis, 1);
	assert_plain(h->name, h->description, 0);
	assert_plain(h->name, h->example, 0);
	ck_assert_msg(h->description[strlen(h->description) - 1] == '.', "%s: description",
		      h->name);
	/* each synopsis line is a use of this command */
	snprintf(prefix, sizeof(prefix), "flowgate %s", h->name);
	for (const char *line = h->synopsis; *line;) {
		size_t len = strcspn(line, "\n");

		ck_assert_msg(!strncmp(line, prefix, strlen(prefix)) &&
			      (line[strlen(prefix)] == ' ' || len == strlen(prefix)),
			      "%s: synopsis line '%.*s'", h->name, (int)len, line);
		line += len + (line[len] == '\n');
	}
	ck_assert_msg(strstr(h->example, prefix) != NULL, "%s: example '%s'", h->name,
		      h->example);
	for (n = 0; n < FG_HELP_MAX_OPTIONS && h->options[n].name; n++) {
		assert_plain(h->name, h->options[n].name, 0);
		assert_plain(h->name, h->options[n].text, 0);
		ck_assert_msg(*h->options[n].text, "%s: option %s has no text", h->name,
			      h->options[n].name);
	}
	ck_assert_msg(n < FG_HELP_MAX_OPTIONS, "%s: the option list has no end", h->name);
	ck_assert_str_eq(h->exits[0].status, "0");
	for (n = 0; n < FG_HELP_MAX_EXITS && h->exits[n].status; n++) {
		assert_plain(h->name, h->exits[n].text, 0);
		ck_assert_msg(n == 0 || atoi(h->exits[n].status) > atoi(h->exits[n - 1].status),
			      "%s: exit statuses in order", h->name);
	}
	ck_assert_msg(n < FG_HELP_MAX_EXITS, "%s: the exit list has no end", h->name);
}
END_TEST

START_TEST(test_help_find)
{
	ck_assert_ptr_nonnull(fg_help_find("rules"));
	ck_assert_str_eq(fg_help_find("check-range")->name, "check-range");
	ck_assert_ptr_null(fg_help_find("rule"));
	ck_assert_ptr_null(fg_help_find("Rules"));
	ck_assert_ptr_null(fg_help_find(""));
	ck_assert_ptr_null(fg_help_find(NULL));
	ck_assert_ptr_null(fg_help_get(ncommands()));
	/* the commands issue 23 asks help of, doctor included */
	static const char *const wanted[] = { "rules", "config", "explain", "check-message",
		"check-range", "hotfix-status", "version", "bump", "install", "uninstall",
		"hook", "doctor", "help" };
	for (size_t i = 0; i < sizeof(wanted) / sizeof(wanted[0]); i++)
		ck_assert_msg(fg_help_find(wanted[i]) != NULL, "no help for %s", wanted[i]);
}
END_TEST

/* The whole help: sections in order, every option and exit status, lines of 79 columns. */
START_TEST(test_help_print_sections)
{
	const struct fg_help *h = fg_help_get((size_t)_i);
	char *text = printed(fg_help_print, h), *usage = printed(fg_help_print_usage, h);
	const char *exits = strstr(text, "\nExit status:\n"), *example = strstr(text, "\nExample:\n");
	char want[256];

	ck_assert_msg(!strncmp(text, usage, strlen(usage)), "%s: starts with its usage", h->name);
	ck_assert_msg(!strncmp(usage, "usage: flowgate ", 16), "%s: usage '%s'", h->name, usage);
	ck_assert_ptr_nonnull(exits);
	ck_assert_ptr_nonnull(example);
	ck_assert(exits < example);
	snprintf(want, sizeof(want), "\nExample:\n  $ %s\n", h->example);
	ck_assert_str_eq(example, want);
	for (const struct fg_help_option *o = h->options; o->name; o++) {
		snprintf(want, sizeof(want), "\n  %s ", o->name);
		ck_assert_msg(strstr(text, want) || (snprintf(want, sizeof(want), "\n  %s\n",
							      o->name), strstr(text, want)),
			      "%s: option %s not listed", h->name, o->name);
	}
	for (const struct fg_help_exit *e = h->exits; e->status; e++) {
		snprintf(want, sizeof(want), "\n  %s  ", e->status);
		ck_assert_msg(strstr(exits, want) != NULL, "%s: exit %s", h->name, e->status);
	}
	/* the description and the texts are wrapped; only a synopsis may be longer */
	for (const char *line = text + strlen(usage); *line;) {
		size_t len = strcspn(line, "\n");

		ck_assert_msg(len <= 79, "%s: line of %zu columns: %.*s", h->name, len, (int)len,
			      line);
		line += len + (line[len] == '\n');
	}
	free(text);
	free(usage);
}
END_TEST

/* A synopsis of three lines: the others aligned under the first. */
START_TEST(test_help_print_usage_lines)
{
	char *usage = printed(fg_help_print_usage, fg_help_find("install"));

	ck_assert_str_eq(usage, "usage: flowgate install [<repo>]\n"
			 "       flowgate install --server [--with-update] <bare-repo>\n"
			 "       flowgate install --server [--with-update] --custom-hooks-dir <dir>\n");
	free(usage);
}
END_TEST

/* The list: every command once, on one line with its summary. */
START_TEST(test_help_print_all)
{
	char *text = printed(print_all, NULL), want[128];

	ck_assert(!strncmp(text, "usage: flowgate <command>", 25));
	for (size_t i = 0; fg_help_get(i); i++) {
		const char *line;

		snprintf(want, sizeof(want), "\n  %-15s%s\n", fg_help_get(i)->name,
			 fg_help_get(i)->summary);
		ck_assert_msg((line = strstr(text, want)) != NULL, "no line for %s",
			      fg_help_get(i)->name);
		ck_assert_ptr_null(strstr(line + 1, want));
	}
	free(text);
}
END_TEST

Suite *help_suite(void)
{
	Suite *s = suite_create("help");
	TCase *tc = tcase_create("table");

	tcase_add_loop_test(tc, test_help_entry_complete, 0, (int)ncommands());
	tcase_add_test(tc, test_help_find);
	tcase_add_loop_test(tc, test_help_print_sections, 0, (int)ncommands());
	tcase_add_test(tc, test_help_print_usage_lines);
	tcase_add_test(tc, test_help_print_all);
	suite_add_tcase(s, tc);
	return s;
}

/*
 * The fixtures the configuration suites share (check_config.c,
 * check_settings.c, check_cfgparse.c, check_config_rules.c): a .flowgate
 * text applied over the defaults, git config levels in files, the dump of
 * fg_config_write and its lines.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check_flowgate.h"
#include "config_fixtures.h"

int fg_test_config_apply(struct fg_config *cfg, const char *text)
{
	git_config *file = NULL;
	int rc = fg_config_parse_buffer(&file, text, strlen(text));
	const git_error *e = git_error_last();

	ck_assert_msg(rc == 0, "parse: %d: %s", rc, e && e->message ? e->message : "?");
	rc = fg_config_apply_file(cfg, file, FG_TEST_ORIGIN);
	git_config_free(file);
	return rc;
}

void fg_test_config_with(struct fg_config *cfg, const char *text)
{
	ck_assert_int_eq(fg_config_init(cfg), 0);
	ck_assert_msg(fg_test_config_apply(cfg, text) == 0, "refused: %s",
		      cfg->error ? cfg->error : "?");
	ck_assert_ptr_null(cfg->error);
}

void fg_test_git_add_level(git_config *config, const char *dir, git_config_level_t level,
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

git_config *fg_test_git_layers(char **dir, const char *global, const char *local)
{
	git_config *config = NULL;

	*dir = fg_test_mkdtemp();
	ck_assert_int_eq(git_config_new(&config), 0);
	if (global)
		fg_test_git_add_level(config, *dir, GIT_CONFIG_LEVEL_GLOBAL, global);
	if (local)
		fg_test_git_add_level(config, *dir, GIT_CONFIG_LEVEL_LOCAL, local);
	return config;
}

char *fg_test_config_text(const struct fg_config *cfg)
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

size_t fg_test_count_lines(const char *text)
{
	size_t n = 0;

	for (; *text; text++)
		n += *text == '\n';
	return n;
}

int fg_test_has_line(const char *text, const char *line, size_t len)
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

char *fg_test_new_lines(const char *before, const char *after)
{
	char *out = calloc(1, strlen(after) + 1), *p = out;

	ck_assert_ptr_nonnull(out);
	while (*after) {
		const char *nl = strchr(after, '\n');
		size_t l = nl ? (size_t)(nl - after) + 1 : strlen(after);

		if (!fg_test_has_line(before, after, nl ? l - 1 : l)) {
			memcpy(p, after, l);
			p += l;
		}
		after += l;
	}
	return out;
}

void fg_test_assert_list(char *const *list, size_t n, const char *want)
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

/*
 * The fixtures of the configuration suites (config_fixtures.c): each asserts
 * (Check) on failure, so a test using it fails where the fixture does.
 */
#ifndef FLOWGATE_CONFIG_FIXTURES_H
#define FLOWGATE_CONFIG_FIXTURES_H

#include <stddef.h>
#include <git2.h>
#include "config.h"

/* The origin fg_test_config_apply gives the text it applies. */
#define FG_TEST_ORIGIN ".flowgate (index)"

/*
 * fg_test_config_apply: parse TEXT (git-config syntax; the parse must
 * succeed) and apply it over CFG as FG_TEST_ORIGIN. Returns
 * fg_config_apply_file's result.
 */
int fg_test_config_apply(struct fg_config *cfg, const char *text);

/* fg_test_config_with: CFG set to the defaults with TEXT applied over them; TEXT must be accepted. */
void fg_test_config_with(struct fg_config *cfg, const char *text);

/* fg_test_git_add_level: write TEXT to a file in DIR and add it to CONFIG at LEVEL. */
void fg_test_git_add_level(git_config *config, const char *dir, git_config_level_t level,
			   const char *text);

/*
 * fg_test_git_layers: a git config of GLOBAL and LOCAL text (NULL: that
 * level is absent), its files in *DIR (fg_test_mkdtemp: fg_test_rmtree it).
 */
git_config *fg_test_git_layers(char **dir, const char *global, const char *local);

/* fg_test_config_text: fg_config_write of CFG, newly allocated. */
char *fg_test_config_text(const struct fg_config *cfg);

/* fg_test_count_lines: the newlines in TEXT. */
size_t fg_test_count_lines(const char *text);

/* fg_test_has_line: non-zero when TEXT holds LINE[0..LEN) as a whole line. */
int fg_test_has_line(const char *text, const char *line, size_t len);

/* fg_test_new_lines: the lines of AFTER that BEFORE does not hold, each with its newline (newly allocated). */
char *fg_test_new_lines(const char *before, const char *after);

/* fg_test_assert_list: assert LIST[0..N) is the white-space separated words of WANT. */
void fg_test_assert_list(char *const *list, size_t n, const char *want);

#endif

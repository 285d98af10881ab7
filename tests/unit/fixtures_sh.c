/*
 * The shell fixtures (fixtures_sh.h): git's environment made the tests'
 * own, and shell commands run in a test's directory.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check_flowgate.h"
#include "fixtures_sh.h"
#include "report.h"

/* The environment git runs in here: nothing of the user's, nothing a hook would set. */
static const char *const unset_vars[] = {
	"GIT_DIR", "GIT_INDEX_FILE", "GIT_WORK_TREE", "GIT_OBJECT_DIRECTORY", "GIT_COMMON_DIR",
	"GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_QUARANTINE_PATH",
	"GIT_CONFIG_PARAMETERS", "GIT_CONFIG_COUNT", "GIT_CEILING_DIRECTORIES",
};
static const char *const set_vars[][2] = {
	{ "GIT_CONFIG_NOSYSTEM", "1" }, { "GIT_CONFIG_GLOBAL", "/dev/null" },
	{ "GIT_AUTHOR_NAME", "Tester" }, { "GIT_AUTHOR_EMAIL", "tester@example.com" },
	{ "GIT_COMMITTER_NAME", "Tester" }, { "GIT_COMMITTER_EMAIL", "tester@example.com" },
	{ "GIT_ADVICE", "0" },
};
#define NSAVED (FG_COUNT(unset_vars) + FG_COUNT(set_vars))
static char *saved[NSAVED];

void fg_test_git_env_save(void)
{
	for (size_t i = 0; i < NSAVED; i++) {
		const char *name = i < FG_COUNT(unset_vars) ? unset_vars[i]
							    : set_vars[i - FG_COUNT(unset_vars)][0];
		const char *value = getenv(name);

		saved[i] = value ? strdup(value) : NULL;
	}
	for (size_t i = 0; i < FG_COUNT(unset_vars); i++)
		unsetenv(unset_vars[i]);
	for (size_t i = 0; i < FG_COUNT(set_vars); i++)
		setenv(set_vars[i][0], set_vars[i][1], 1);
}

void fg_test_git_env_restore(void)
{
	for (size_t i = 0; i < NSAVED; i++) {
		const char *name = i < FG_COUNT(unset_vars) ? unset_vars[i]
							    : set_vars[i - FG_COUNT(unset_vars)][0];

		if (saved[i])
			setenv(name, saved[i], 1);
		else
			unsetenv(name);
		free(saved[i]);
		saved[i] = NULL;
	}
}

void fg_test_sh(const char *dir, const char *fmt, ...)
{
	va_list ap;
	char *cmd, *full;
	int rc;

	va_start(ap, fmt);
	cmd = fg_vstrdupf(fmt, ap);
	va_end(ap);
	ck_assert_ptr_nonnull(cmd);
	full = fg_strdupf("cd '%s' && HOME='%s' && export HOME && %s", dir, dir, cmd);
	ck_assert_ptr_nonnull(full);
	rc = system(full);
	ck_assert_msg(rc == 0, "'%s' failed (status %d)", cmd, rc);
	free(full);
	free(cmd);
}

char *fg_test_sh_output(const char *dir, const char *cmd, size_t *len)
{
	char *full = fg_strdupf("cd '%s' && %s 2>/dev/null", dir, cmd), *out = NULL;
	size_t cap = 0, n = 0, got;
	FILE *p;

	ck_assert_ptr_nonnull(full);
	ck_assert_ptr_nonnull(p = popen(full, "r"));
	do {
		if (n + 4096 > cap) {
			cap = cap ? 2 * cap : 65536;
			ck_assert_ptr_nonnull(out = realloc(out, cap + 1));
		}
		got = fread(out + n, 1, cap - n, p);
		n += got;
	} while (got);
	ck_assert_int_eq(pclose(p), 0);
	out[n] = '\0';
	*len = n;
	free(full);
	return out;
}


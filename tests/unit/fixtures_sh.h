/*
 * Fixtures of the suites that let the real git build what they read
 * (check_index.c, check_packs.c): an environment with nothing of the
 * user's in it, and shell commands run in a test's own directory.
 */
#ifndef FLOWGATE_FIXTURES_SH_H
#define FLOWGATE_FIXTURES_SH_H

#include <stddef.h>
#include "check_flowgate.h"

/*
 * fg_test_git_env_save / fg_test_git_env_restore: a checked fixture. Save
 * and unset the GIT_* variables a hook or the user could set (GIT_DIR,
 * GIT_INDEX_FILE, GIT_OBJECT_DIRECTORY, GIT_ALTERNATE_OBJECT_DIRECTORIES,
 * the command-line config, ...), set no system and no global config and a
 * fixed author and committer; restore them all after the test.
 */
void fg_test_git_env_save(void);
void fg_test_git_env_restore(void);

/* fg_test_sh: run the shell command FMT in DIR (HOME is DIR too); asserts it exits 0. */
void fg_test_sh(const char *dir, const char *fmt, ...) FG_PRINTF(2, 3);

/*
 * fg_test_sh_output: the standard output of shell command CMD run in DIR
 * (newly allocated, a NUL after it), its length in *LEN; asserts it exits 0.
 */
char *fg_test_sh_output(const char *dir, const char *cmd, size_t *len);

#endif

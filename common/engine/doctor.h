/*
 * flowgate doctor: whether git runs flowgate's client hooks in a clone,
 * hook by hook, through flowgate's launcher or a hook manager, at which
 * version, and for each problem the command that fixes it.
 * Layer: engine (common/README).
 */
#ifndef FLOWGATE_DOCTOR_H
#define FLOWGATE_DOCTOR_H

#include <stddef.h>
#include <stdio.h>

/*
 * fg_doctor: check the client hooks HOOKS[0..NHOOKS) (the names git runs,
 * "pre-commit", ...) of the clone REPO (NULL: the current directory's, as
 * GIT_DIR and the other variables git sets say; given, they are unset from
 * this process's environment, as install.sh does), in the hooks directory
 * git runs hooks from (fg_hookdir_open, hookdir.h: core.hooksPath, linked
 * worktrees and submodules as git says; githooks(5)); git runs a hook only
 * when it is executable. Writes on OUT a header line (the hooks directory,
 * the hook manager found), then for each hook one line, "<hook>: <path>:
 * <what runs>": flowgate's launcher and the binary and version it runs, a
 * copy of a hook binary, husky's, lefthook's or the pre-commit framework's
 * hook and whether flowgate runs through it, a script running `flowgate
 * hook`, or another hook; and the kept <hook>.pre-flowgate. Then one line
 * per problem, "<hook>: problem: <what>; fix: <fix>" (the fix a command, or
 * the exact line to add and where), and notes, "<hook>: note: ...", and a
 * closing line. A hook binary at another version than this flowgate's
 * (FLOWGATE_VERSION) is a problem; the fix that re-installs is
 * `flowgate install [REPO]`, or where husky or lefthook runs the hooks (as
 * install.sh refuses there) the line to add to its files. Runs git, and each
 * hook binary a launcher names with --version.
 * Returns 0 when every hook runs flowgate's checks (notes allowed), 1 when
 * there is a problem, FG_EXIT_USAGE (2) when REPO is a bare repository,
 * FG_EXIT_INTERNAL (3) when REPO (or the current directory) is no work
 * tree or cannot be read, git fails, or memory runs out (the one-line error
 * on ERR).
 */
int fg_doctor(const char *repo, const char *const *hooks, size_t nhooks, FILE *out, FILE *err);

#endif

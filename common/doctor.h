/*
 * flowgate doctor: whether git runs flowgate's client hooks in a clone,
 * hook by hook, through flowgate's launcher or a hook manager, at which
 * version, and for each problem the command that fixes it.
 */
#ifndef FLOWGATE_DOCTOR_H
#define FLOWGATE_DOCTOR_H

#include <stddef.h>
#include <stdio.h>

/*
 * fg_doctor: check the client hooks HOOKS[0..NHOOKS) (the names git runs,
 * "pre-commit", ...) of the clone REPO (NULL: the current directory's, as
 * GIT_DIR and the other variables git sets say; given, they are unset, as
 * install.sh does). The hooks directory is the one git runs hooks from
 * (`git rev-parse --git-path hooks` at the top of the work tree:
 * core.hooksPath, linked worktrees and submodules honoured, githooks(5)),
 * and git runs a hook only when it is executable. For each hook, one line on
 * OUT: what git runs (flowgate's launcher and the binary and version it
 * runs, a copy of a hook binary, the pre-commit framework's, lefthook's or
 * husky's hook and whether flowgate runs through it, or another hook), the
 * kept <hook>.pre-flowgate; then one line per problem, "<hook>: problem:
 * <what>; fix: <command or line to add>", and notes, "<hook>: note: ...";
 * a closing line. A version differing from this flowgate's
 * (FLOWGATE_VERSION) is a problem. Runs git, and each hook binary a
 * launcher names with --version (stdin /dev/null).
 * Returns 0 when every hook runs flowgate's checks, 1 when there is a
 * problem, 2 when REPO is a bare repository (the client hooks never run
 * there), 3 when REPO (or the current directory) is no git work tree or
 * cannot be read, or git cannot be run (the one-line error on ERR).
 */
int fg_doctor(const char *repo, const char *const *hooks, size_t nhooks, FILE *out, FILE *err);

#endif

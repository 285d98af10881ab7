/*
 * Configuration: the built-in halfORM defaults, then a committed `.flowgate`
 * file in git-config syntax (read with libgit2's config parser, the way git
 * reads .gitmodules), then the `flowgate.*` keys of git config (local,
 * global, system), then FLOWGATE_SKIP in the environment. Each layer
 * overrides the one before; each value remembers where it was set.
 *
 * `.flowgate` keys (section names ignore case, as git's do; the
 * subsection is a rule name, a branch kind or a path):
 *   flowgate.since                      revision: commits before it are never checked
 *   rule.<rule>.severity                error | warn | info | off
 *   rule.headerMaxLength.max, rule.bodyMaxLineLength.max    positive integer
 *   rule.bodyMaxLineLength.ignoreUrls   boolean (default true): lines with a URL pass
 *   rule.subjectCase.case               list of cases (textcase.h), default
 *                                       sentence-case start-case pascal-case upper-case
 *   rule.subjectCase.when               never (default) | always
 *   rule.typeEnum.types, rule.scopeEnum.scopes              space-separated list
 *   commit.ignore                       multi-valued PCRE2 pattern on the header
 *   branch.<kind>.pattern|series|protected
 *   versionFile.<path>.pattern|kind|required
 *   tag.prefix|messagePrefixes|allowLightweight|others
 *   changelog.exclude                   types `flowgate changelog` leaves out
 *   changelog.merges                    boolean (default false): list merge commits
 * Declaring any branch.<kind> (versionFile.<path>) replaces the built-in
 * list of branches (version files); every other key overrides one value.
 * git config keys: flowgate.<ruleName> = error|warn|info|off (as fsck.<msg-id>
 * in git), flowgate.configFile (a file read instead of .flowgate),
 * flowgate.since; on a server (pre-receive, update) flowgate.allowRefs
 * (multi-valued refname glob: namespaces beside refs/heads/ and refs/tags/
 * a push may update) and flowgate.allowEnvSkip (bool: obey FLOWGATE_SKIP
 * from the pusher's environment).
 * The values and their defaults are settings.h's; this module reads the
 * layers into them. Layer: rules, above settings and refname.
 */
#ifndef FLOWGATE_CONFIG_H
#define FLOWGATE_CONFIG_H

#include <stddef.h>
#include <git2.h>
#include "cfgparse.h"
#include "settings.h"

/* The origin of the values FLOWGATE_SKIP sets. */
#define FG_ORIGIN_ENV "FLOWGATE_SKIP"

/*
 * fg_config_apply_file: apply the keys of FILE (the committed file, parsed)
 * over CFG; ORIGIN names it in `flowgate config` and in errors, e.g.
 * ".flowgate (index)" (copied). Every key is validated: an unknown section
 * or key, a bad severity, number, boolean or kind, a pattern PCRE2 cannot
 * compile (its message and offset) or without the capture groups it needs.
 * Returns 0, or -1 with CFG->error set to "ORIGIN: key: problem; fix" (the
 * first problem; later ones are not looked for), -2 when out of memory.
 */
int fg_config_apply_file(struct fg_config *cfg, git_config *file, const char *origin);

/*
 * fg_config_apply_git: apply the flowgate.* keys of CONFIG (git config, all
 * levels) over CFG: flowgate.<ruleName> = error|warn|info|off,
 * flowgate.configFile, flowgate.since. Each value's origin is its level,
 * "git config (global)". Returns as fg_config_apply_file.
 */
int fg_config_apply_git(struct fg_config *cfg, git_config *config);

/*
 * fg_config_config_file: flowgate.configFile from CONFIG (git config), with
 * ~/ expanded (git_config_get_path), newly allocated into *OUT; *OUT NULL
 * when unset. Returns 0, or -2 when out of memory or libgit2 fails.
 */
int fg_config_config_file(git_config *config, char **out);

/*
 * fg_config_apply_env: turn off each rule named in SKIP, the value of
 * FLOWGATE_SKIP ("rule,rule"; spaces and empty items ignored; NULL: nothing).
 * Returns 0, or -1 with CFG->error set when a name is not a rule.
 */
int fg_config_apply_env(struct fg_config *cfg, const char *skip);

/*
 * The git config levels git 2.39 reads above the local config and libgit2
 * 1.5.1 does not: the worktree's config.worktree (extensions.worktreeConfig),
 * then the command line's (git -c), which fg_repo_open adds in that order
 * of precedence.
 */
#define FG_CONFIG_LEVEL_WORKTREE GIT_CONFIG_LEVEL_APP
#define FG_CONFIG_LEVEL_COMMAND ((git_config_level_t)(GIT_CONFIG_LEVEL_APP + 1))

/*
 * fg_config_level_origin: how origins name git config level LEVEL:
 * "git config (local)", "git config (global)", "git config (worktree)",
 * "git -c", ... (static storage).
 */
const char *fg_config_level_origin(git_config_level_t level);

/*
 * The most a configuration may list: branch kinds, version files and
 * commit.ignore patterns (each matched against every name, file or
 * header), and words in a list (types, scopes, tag.messagePrefixes). A
 * file over them is refused as bad configuration: a committed .flowgate of
 * 1 MiB could otherwise make every hook match tens of thousands of
 * patterns.
 */
#define FG_CONFIG_MAX_PATTERNS 64u
#define FG_CONFIG_MAX_LIST 256u

#endif

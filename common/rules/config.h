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
 */
#ifndef FLOWGATE_CONFIG_H
#define FLOWGATE_CONFIG_H

#include <stddef.h>
#include <stdio.h>
#include <git2.h>
#include "pattern.h"
#include "report.h"
#include "rules.h"
#include "textcase.h"
#include "version.h"

/* The committed configuration file's default name, at the top of the work tree. */
#define FG_CONFIG_FILE ".flowgate"

/* Origins of values that come from no file. */
#define FG_ORIGIN_DEFAULT "default"
#define FG_ORIGIN_ENV "FLOWGATE_SKIP"

/* The workflow's branch kinds; a configured kind with another name is OTHER. */
enum fg_branch_kind {
	FG_BRANCH_INVALID = 0,
	FG_BRANCH_MAIN,
	FG_BRANCH_DEV,     /* dev/X.Y.x */
	FG_BRANCH_RELEASE, /* release/X.Y.x */
	FG_BRANCH_MAINT,   /* maint/X.Y.x */
	FG_BRANCH_FEATURE, /* feature/<slug> */
	FG_BRANCH_HOTFIX,  /* hotfix/<slug> */
	FG_BRANCH_DOCS,    /* docs/<slug> */
	FG_BRANCH_OTHER    /* a configured kind the workflow does not name */
};

/* One branch kind: [branch "<kind>"]. */
struct fg_branch_spec {
	char *kind;               /* owned: "release" */
	enum fg_branch_kind id;   /* from the kind's name */
	struct fg_pattern pattern; /* source owned; matched against the name without refs/heads/ */
	int series;               /* groups 1 and 2 of the pattern are the X.Y series */
	int protected_branch;     /* branch.<kind>.protected */
};

/* The built-in limits (fg_config_init), named once for the summaries too (summary.h). */
#define FG_DEFAULT_HEADER_MAX_LENGTH 72
#define FG_DEFAULT_BODY_MAX_LINE_LENGTH 100
#define FG_DEFAULT_BODY_IGNORE_URLS 1
/* commitlint's config-conventional: subject-case never these */
#define FG_DEFAULT_SUBJECT_CASES (FG_CASE_SENTENCE | FG_CASE_START | FG_CASE_PASCAL | FG_CASE_UPPER)
#define FG_DEFAULT_SUBJECT_CASE_NEVER 1

struct fg_config {
	enum fg_severity severity[FG_RULE__COUNT];
	const char *severity_origin[FG_RULE__COUNT];

	unsigned long header_max_length;   /* rule.headerMaxLength.max, default 72 */
	const char *header_max_length_origin;
	unsigned long body_max_line_length; /* rule.bodyMaxLineLength.max, default 100 */
	const char *body_max_line_length_origin;
	int body_ignore_urls;  /* rule.bodyMaxLineLength.ignoreUrls, default true */
	const char *body_ignore_urls_origin;
	unsigned subject_cases; /* rule.subjectCase.case: enum fg_case bits (textcase.h) */
	const char *subject_cases_origin;
	int subject_case_never; /* rule.subjectCase.when: never (1, default) or always (0) */
	const char *subject_case_never_origin;
	char **types;  size_t ntypes;  const char *types_origin;   /* owned */
	char **scopes; size_t nscopes; const char *scopes_origin;  /* owned; none: any scope */
	struct fg_pattern *ignores; size_t nignores; const char *ignores_origin; /* sources owned */

	struct fg_branch_spec *branches; size_t nbranches; const char *branches_origin;
	/* The version files; path and pattern (with its source) owned. */
	struct fg_vfile_spec *vfiles; size_t nvfiles; const char *vfiles_origin;

	char *tag_prefix; const char *tag_prefix_origin;                 /* default "v" */
	char **tag_message_prefixes; size_t ntag_message_prefixes;       /* owned */
	const char *tag_message_prefixes_origin;
	int allow_lightweight; const char *allow_lightweight_origin;
	/* tag.others: tags whose name is no version (latest) are refused with
	 * tagFormat; default 0 (allow: no release rule judges them) */
	int refuse_other_tags; const char *other_tags_origin;

	/* [changelog]: the types the release notes leave out (owned; default chore
	 * style test ci build) and whether merge commits are listed (default 0) */
	char **changelog_exclude; size_t nchangelog_exclude; const char *changelog_exclude_origin;
	int changelog_merges; const char *changelog_merges_origin;

	char *since; const char *since_origin;             /* owned; NULL: check everything */
	char *config_file; const char *config_file_origin; /* flowgate.configFile, owned; NULL: .flowgate */
	/* Git config only (a committed file cannot set them): the server's. */
	char **allow_refs; size_t nallow_refs; /* flowgate.allowRefs globs, owned */
	int allow_env_skip;                     /* flowgate.allowEnvSkip */

	char *file_origin; /* owned label of the file layer, e.g. ".flowgate (index)" */
	char *error;       /* owned: the first configuration problem, one line, with the fix */
};

/*
 * fg_config_init: CFG set to the built-in defaults (the halfORM workflow).
 * Returns 0, or -1 when out of memory (CFG can still be released).
 */
int fg_config_init(struct fg_config *cfg);

/* fg_config_release: free everything CFG owns (compiled patterns included). */
void fg_config_release(struct fg_config *cfg);

/*
 * fg_config_parse_buffer: parse DATA[0..LEN), text in git-config syntax (a
 * committed .flowgate read from a blob), with libgit2's config parser.
 * Returns 0 and *OUT (free with git_config_free), or a negative libgit2
 * error (a syntax error: git_error_last() says which line).
 */
int fg_config_parse_buffer(git_config **out, const char *data, size_t len);

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
 * fg_config_severity: the severity RULE has under CFG, OFF for scopeEnum
 * while no scopes are configured.
 */
enum fg_severity fg_config_severity(const struct fg_config *cfg, enum fg_rule rule);

/*
 * fg_config_match_ignore: non-zero when HEADER[0..LEN) matches one of the
 * commit.ignore patterns. Returns 1 (ignored), 0, or -1 when a pattern
 * reached PCRE2's match or depth limit (CFG->error is then set).
 */
int fg_config_match_ignore(struct fg_config *cfg, const char *header, size_t len);

/*
 * fg_config_write: the effective configuration as lines "key = value" with
 * the origin of each value after a tab and "# ", in the order of the key
 * list above, to OUT. Returns 0, or -1 on a write error.
 */
int fg_config_write(const struct fg_config *cfg, FILE *out);

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

/*
 * fg_config_ref_allowed: whether REFNAME (full, "refs/...") matches one of
 * CFG's flowgate.allowRefs globs (fnmatch(3) without FNM_PATHNAME: '*'
 * spans '/', as a refspec glob does: refs/pull/ then any rest). Returns 1 or 0.
 */
int fg_config_ref_allowed(const struct fg_config *cfg, const char *refname);

/*
 * fg_config_error: set CFG->error from FMT if no error is set yet, made
 * safe to print as fg_escape (quote.h) makes it (control bytes and bytes
 * that are not UTF-8 as \xNN, C1 and bidirectional controls as \uNNNN: a
 * committed file's bytes must not reach the terminal raw); out of memory
 * leaves it NULL. Returns -1 (so callers can `return fg_config_error(...)`).
 */
int fg_config_error(struct fg_config *cfg, const char *fmt, ...) FG_PRINTF(2, 3);

#endif

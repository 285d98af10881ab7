/*
 * The settings the rules run under: struct fg_config, every value with the
 * layer that set it (its origin), from the built-in defaults of the halfORM
 * workflow (fg_config_init) up; the lookups the rules make in them, and the
 * dump `flowgate config` prints. Reading the layers (.flowgate, git config,
 * FLOWGATE_SKIP) into them is config.h's; the keys are listed there.
 * Layer: rules, below refname and config.
 */
#ifndef FLOWGATE_SETTINGS_H
#define FLOWGATE_SETTINGS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "branchkind.h"
#include "pattern.h"
#include "report.h"
#include "rules.h"
#include "textcase.h"
#include "version.h"

/* The committed configuration file's default name, at the top of the work tree. */
#define FG_CONFIG_FILE ".flowgate"

/* The origin of the values no file sets. */
#define FG_ORIGIN_DEFAULT "default"

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
 * fg_config_ref_allowed: whether REFNAME (full, "refs/...") matches one of
 * CFG's flowgate.allowRefs globs (fnmatch(3) without FNM_PATHNAME: '*'
 * spans '/', as a refspec glob does: refs/pull/ then any rest). Returns 1 or 0.
 */
int fg_config_ref_allowed(const struct fg_config *cfg, const char *refname);

/*
 * fg_config_write: the effective configuration as lines "key = value" with
 * the origin of each value after a tab and "# ", in the order of the key
 * list of config.h, to OUT. Returns 0, or -1 on a write error.
 */
int fg_config_write(const struct fg_config *cfg, FILE *out);

/*
 * fg_config_error: set CFG->error from FMT if no error is set yet, made
 * safe to print as fg_escape (quote.h) makes it (control bytes and bytes
 * that are not UTF-8 as \xNN, C1 and bidirectional controls as \uNNNN: a
 * committed file's bytes must not reach the terminal raw); out of memory
 * leaves it NULL. Returns -1 (so callers can `return fg_config_error(...)`).
 */
int fg_config_error(struct fg_config *cfg, const char *fmt, ...) FG_PRINTF(2, 3);

/*
 * For the layers' readers (config.c): the storage of the lists, patterns,
 * branch kinds and version files of CFG.
 */

/* fg_config_list_free: free the N strings of LIST, then LIST (NULL: nothing). */
void fg_config_list_free(char **list, size_t n);

/*
 * fg_config_list_split: VALUE (NULL: empty) split at spaces, tabs and
 * newlines into a new list *OUT of *N strings (all owned by the caller:
 * fg_config_list_free). Returns 0, or -2 when out of memory (*OUT NULL).
 */
int fg_config_list_split(const char *value, char ***out, size_t *n);

/*
 * fg_config_pattern_set: P, released first (its compiled code and owned
 * source), set to a new, not yet compiled pattern with source SOURCE
 * (copied: P owns it) and PCRE2 OPTIONS. A configured pattern gets
 * PCRE2_AUTO_CALLOUT (pattern.c counts the callouts of a whole scan), a
 * built-in one 0. Returns 0, or -2 when out of memory (P unchanged).
 */
int fg_config_pattern_set(struct fg_pattern *p, const char *source, uint32_t options);

/* fg_config_clear_branches: free CFG's branch kinds; the list is then empty. */
void fg_config_clear_branches(struct fg_config *cfg);

/* fg_config_clear_vfiles: free CFG's version files; the list is then empty. */
void fg_config_clear_vfiles(struct fg_config *cfg);

/*
 * fg_config_add_branch: append branch kind KIND (copied) to CFG: its id
 * from the name, and for a built-in kind the built-in pattern, series and
 * protection. Returns the new kind (into CFG->branches: moved by the next
 * append), or NULL when out of memory.
 */
struct fg_branch_spec *fg_config_add_branch(struct fg_config *cfg, const char *kind);

/*
 * fg_config_add_vfile: append version file PATH (copied) to CFG: the whole
 * file, kind exact, not required. Returns it (into CFG->vfiles: moved by
 * the next append), or NULL when out of memory.
 */
struct fg_vfile_spec *fg_config_add_vfile(struct fg_config *cfg, const char *path);

/*
 * fg_config_vfile_pattern: V's pattern (allocated when V has none, owned by
 * V) set as fg_config_pattern_set sets one. Returns 0 or -2.
 */
int fg_config_vfile_pattern(struct fg_vfile_spec *v, const char *source, uint32_t options);

#endif

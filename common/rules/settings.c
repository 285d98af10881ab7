/*
 * The settings the rules run under (struct fg_config): the built-in
 * defaults of the halfORM workflow, the storage the configuration layers
 * fill (config.c reads them), the lookups the rules make, and the dump
 * `flowgate config` prints. Layer: rules, below refname and config.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <fnmatch.h>
#include <string.h>
#include "quote.h"
#include "settings.h"
#include "textcase.h"

/* The built-in branch kinds of the workflow. */
static const struct {
	const char *kind;
	enum fg_branch_kind id;
	const char *pattern;
	int series, protected_branch;
} builtin_branches[] = {
	{ "main", FG_BRANCH_MAIN, "^main$", 0, 1 },
	{ "dev", FG_BRANCH_DEV, "^dev/(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.x$", 1, 0 },
	{ "release", FG_BRANCH_RELEASE, "^release/(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.x$", 1, 1 },
	{ "maint", FG_BRANCH_MAINT, "^maint/(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.x$", 1, 1 },
	{ "feature", FG_BRANCH_FEATURE, "^feature/[a-z0-9._-]+$", 0, 0 },
	{ "hotfix", FG_BRANCH_HOTFIX, "^hotfix/[a-z0-9._-]+$", 0, 0 },
	{ "docs", FG_BRANCH_DOCS, "^docs/[a-z0-9._-]+$", 0, 0 },
};
#define NBUILTIN_BRANCHES (sizeof(builtin_branches) / sizeof(builtin_branches[0]))

static const char *const builtin_types =
	"feat fix docs style refactor perf test build ci chore revert release hotfix maintenance";
static const char *const builtin_tag_message_prefixes = "release: hotfix: maintenance:";
/* what conventional-changelog's presets hide too: no change a user sees */
static const char *const builtin_changelog_exclude = "chore style test ci build";

int fg_config_error(struct fg_config *cfg, const char *fmt, ...)
{
	va_list ap;

	if (cfg->error)
		return -1;
	va_start(ap, fmt);
	/* a committed .flowgate's keys and values end up in the message: no raw
	 * escape sequence, invalid UTF-8 or bidirectional control reaches the terminal */
	cfg->error = fg_escaped(fg_vstrdupf(fmt, ap), 0);
	va_end(ap);
	return -1;
}

void fg_config_list_free(char **list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(list[i]);
	free(list);
}

int fg_config_list_split(const char *value, char ***out, size_t *n)
{
	size_t alloc = 0, count = 0;
	char **list = NULL;

	*out = NULL;
	*n = 0;
	while (value && *value) {
		size_t skip = strspn(value, " \t\n"), len;

		value += skip;
		if (!(len = strcspn(value, " \t\n")))
			break;
		if (count == alloc) {
			char **bigger = realloc(list, (alloc = alloc ? alloc * 2 : 8) * sizeof(*list));
			if (!bigger)
				goto oom;
			list = bigger;
		}
		if (!(list[count] = strndup(value, len)))
			goto oom;
		count++;
		value += len;
	}
	*out = list;
	*n = count;
	return 0;
oom:
	fg_config_list_free(list, count);
	return -2;
}

static void pattern_free(struct fg_pattern *p)
{
	fg_pattern_release(p);
	free((char *)p->source);
	p->source = NULL;
}

/*
 * A configured pattern gets PCRE2_AUTO_CALLOUT: pattern.c counts the
 * callouts against a budget for a whole scan, which PCRE2's own match
 * limit is not (a configured pattern, backtracking just under it at every
 * start position of a long version file, would run for seconds). The
 * built-in patterns get 0: they are linear, and a budget would refuse a
 * long docs/index.md as bad configuration.
 */
int fg_config_pattern_set(struct fg_pattern *p, const char *source, uint32_t options)
{
	char *copy = strdup(source);

	if (!copy)
		return -2;
	pattern_free(p);
	memset(p, 0, sizeof(*p));
	p->source = copy;
	p->options = options;
	return 0;
}

void fg_config_clear_branches(struct fg_config *cfg)
{
	for (size_t i = 0; i < cfg->nbranches; i++) {
		free(cfg->branches[i].kind);
		pattern_free(&cfg->branches[i].pattern);
	}
	free(cfg->branches);
	cfg->branches = NULL;
	cfg->nbranches = 0;
}

void fg_config_clear_vfiles(struct fg_config *cfg)
{
	for (size_t i = 0; i < cfg->nvfiles; i++) {
		free((char *)cfg->vfiles[i].path);
		if (cfg->vfiles[i].pattern) {
			pattern_free(cfg->vfiles[i].pattern);
			free(cfg->vfiles[i].pattern);
		}
	}
	free(cfg->vfiles);
	cfg->vfiles = NULL;
	cfg->nvfiles = 0;
}

static void free_ignores(struct fg_config *cfg)
{
	for (size_t i = 0; i < cfg->nignores; i++)
		pattern_free(&cfg->ignores[i]);
	free(cfg->ignores);
	cfg->ignores = NULL;
	cfg->nignores = 0;
}

void fg_config_release(struct fg_config *cfg)
{
	fg_config_list_free(cfg->types, cfg->ntypes);
	fg_config_list_free(cfg->scopes, cfg->nscopes);
	fg_config_list_free(cfg->tag_message_prefixes, cfg->ntag_message_prefixes);
	fg_config_list_free(cfg->changelog_exclude, cfg->nchangelog_exclude);
	free_ignores(cfg);
	fg_config_clear_branches(cfg);
	fg_config_clear_vfiles(cfg);
	free(cfg->tag_prefix);
	free(cfg->since);
	free(cfg->config_file);
	fg_config_list_free(cfg->allow_refs, cfg->nallow_refs);
	free(cfg->file_origin);
	free(cfg->error);
	memset(cfg, 0, sizeof(*cfg));
}

static enum fg_branch_kind kind_id(const char *kind)
{
	for (size_t i = 0; i < NBUILTIN_BRANCHES; i++)
		if (!strcmp(builtin_branches[i].kind, kind))
			return builtin_branches[i].id;
	return FG_BRANCH_OTHER;
}

struct fg_branch_spec *fg_config_add_branch(struct fg_config *cfg, const char *kind)
{
	struct fg_branch_spec *bigger = realloc(cfg->branches,
						(cfg->nbranches + 1) * sizeof(*cfg->branches));
	struct fg_branch_spec *b;

	if (!bigger)
		return NULL;
	cfg->branches = bigger;
	b = &cfg->branches[cfg->nbranches];
	memset(b, 0, sizeof(*b));
	if (!(b->kind = strdup(kind)))
		return NULL;
	b->id = kind_id(kind);
	for (size_t i = 0; i < NBUILTIN_BRANCHES; i++)
		if (!strcmp(builtin_branches[i].kind, kind)) {
			if (fg_config_pattern_set(&b->pattern, builtin_branches[i].pattern, 0) < 0) {
				free(b->kind);
				return NULL;
			}
			b->series = builtin_branches[i].series;
			b->protected_branch = builtin_branches[i].protected_branch;
		}
	cfg->nbranches++;
	return b;
}

struct fg_vfile_spec *fg_config_add_vfile(struct fg_config *cfg, const char *path)
{
	struct fg_vfile_spec *bigger = realloc(cfg->vfiles, (cfg->nvfiles + 1) * sizeof(*cfg->vfiles));
	struct fg_vfile_spec *v;

	if (!bigger)
		return NULL;
	cfg->vfiles = bigger;
	v = &cfg->vfiles[cfg->nvfiles];
	memset(v, 0, sizeof(*v));
	if (!(v->path = strdup(path)))
		return NULL;
	cfg->nvfiles++;
	return v;
}

int fg_config_vfile_pattern(struct fg_vfile_spec *v, const char *source, uint32_t options)
{
	if (!v->pattern && !(v->pattern = calloc(1, sizeof(*v->pattern))))
		return -2;
	return fg_config_pattern_set(v->pattern, source, options);
}

int fg_config_init(struct fg_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	for (int i = 0; i < FG_RULE__COUNT; i++) {
		cfg->severity[i] = fg_rule_info((enum fg_rule)i)->severity;
		cfg->severity_origin[i] = FG_ORIGIN_DEFAULT;
	}
	cfg->header_max_length = FG_DEFAULT_HEADER_MAX_LENGTH;
	cfg->body_max_line_length = FG_DEFAULT_BODY_MAX_LINE_LENGTH;
	cfg->body_ignore_urls = FG_DEFAULT_BODY_IGNORE_URLS;
	cfg->subject_cases = FG_DEFAULT_SUBJECT_CASES;
	cfg->subject_case_never = FG_DEFAULT_SUBJECT_CASE_NEVER;
	cfg->allow_lightweight = 0;
	cfg->header_max_length_origin = cfg->body_max_line_length_origin =
		cfg->body_ignore_urls_origin = cfg->subject_cases_origin =
		cfg->subject_case_never_origin = cfg->types_origin =
		cfg->scopes_origin = cfg->ignores_origin = cfg->branches_origin =
		cfg->vfiles_origin = cfg->tag_prefix_origin = cfg->tag_message_prefixes_origin =
		cfg->allow_lightweight_origin = cfg->other_tags_origin = cfg->since_origin =
		cfg->config_file_origin = cfg->changelog_exclude_origin =
		cfg->changelog_merges_origin = FG_ORIGIN_DEFAULT;
	if (fg_config_list_split(builtin_types, &cfg->types, &cfg->ntypes) < 0 ||
	    fg_config_list_split(builtin_tag_message_prefixes, &cfg->tag_message_prefixes,
		       &cfg->ntag_message_prefixes) < 0 ||
	    fg_config_list_split(builtin_changelog_exclude, &cfg->changelog_exclude,
		       &cfg->nchangelog_exclude) < 0 ||
	    !(cfg->tag_prefix = strdup("v")))
		return -1;
	for (size_t i = 0; i < NBUILTIN_BRANCHES; i++)
		if (!fg_config_add_branch(cfg, builtin_branches[i].kind))
			return -1;
	for (size_t i = 0; i < fg_builtin_vfiles_count; i++) {
		struct fg_vfile_spec *v = fg_config_add_vfile(cfg, fg_builtin_vfiles[i].path);

		if (!v || (fg_builtin_vfiles[i].pattern &&
			   fg_config_vfile_pattern(v, fg_builtin_vfiles[i].pattern->source,
					     fg_builtin_vfiles[i].pattern->options) < 0))
			return -1;
		v->series = fg_builtin_vfiles[i].series;
		v->required = fg_builtin_vfiles[i].required;
	}
	return 0;
}

int fg_config_ref_allowed(const struct fg_config *cfg, const char *refname)
{
	for (size_t i = 0; i < cfg->nallow_refs; i++)
		if (fnmatch(cfg->allow_refs[i], refname, 0) == 0)
			return 1;
	return 0;
}


enum fg_severity fg_config_severity(const struct fg_config *cfg, enum fg_rule rule)
{
	if (rule == FG_RULE_SCOPE_ENUM && !cfg->nscopes)
		return FG_OFF;
	return cfg->severity[rule];
}

int fg_config_match_ignore(struct fg_config *cfg, const char *header, size_t len)
{
	for (size_t i = 0; i < cfg->nignores; i++) {
		int rc = fg_pattern_match(&cfg->ignores[i], header, len, NULL, 0);

		if (rc == 1)
			return 1;
		if (rc == -3 || rc == -1)
			return fg_config_error(cfg, "%s: commit.ignore: pattern '%s' %s; simplify it "
					       "(nested repetition such as (a+)+ backtracks without end)",
					       cfg->ignores_origin, cfg->ignores[i].source,
					       rc == -3 ? "reached PCRE2's match limit"
							: "does not compile");
	}
	return 0;
}

static void write_list(FILE *out, char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		fputs(i ? " " : "", out);
		fg_print_escaped(out, list[i], strlen(list[i]), 0, 0);
	}
}

/* The end of a line of the dump: "\t# ORIGIN", ORIGIN (a path among them) shown escaped. */
static void write_origin(FILE *out, const char *origin)
{
	fputs("\t# ", out);
	fg_print_escaped(out, origin, strlen(origin), 0, 0);
	fputc('\n', out);
}

/*
 * One line of the dump: "KEY = VALUE" formatted from FMT, then ORIGIN. The
 * values come from a committed file: shown as fg_escape shows them.
 */
static void write_entry(FILE *out, const char *origin, const char *fmt, ...) FG_PRINTF(3, 4);
static void write_entry(FILE *out, const char *origin, const char *fmt, ...)
{
	va_list ap;
	char *text;

	va_start(ap, fmt);
	text = fg_vstrdupf(fmt, ap);
	va_end(ap);
	if (!text)
		text = strdup("(out of memory)");
	if (text)
		fg_print_escaped(out, text, strlen(text), 0, 0);
	write_origin(out, origin);
	free(text);
}

int fg_config_write(const struct fg_config *cfg, FILE *out)
{
	write_entry(out, cfg->since_origin, "flowgate.since = %s", cfg->since ? cfg->since : "(none)");
	write_entry(out, cfg->config_file_origin, "flowgate.configFile = %s",
		    cfg->config_file ? cfg->config_file : FG_CONFIG_FILE);
	for (int i = 0; i < FG_RULE__COUNT; i++)
		write_entry(out, cfg->severity_origin[i], "rule.%s.severity = %s",
			    fg_rule_info((enum fg_rule)i)->name,
			    fg_severity_config_name(cfg->severity[i]));
	write_entry(out, cfg->header_max_length_origin, "rule.headerMaxLength.max = %lu",
		    cfg->header_max_length);
	write_entry(out, cfg->body_max_line_length_origin, "rule.bodyMaxLineLength.max = %lu",
		    cfg->body_max_line_length);
	write_entry(out, cfg->body_ignore_urls_origin, "rule.bodyMaxLineLength.ignoreUrls = %s",
		    cfg->body_ignore_urls ? "true" : "false");
	fprintf(out, "rule.subjectCase.case =");
	for (unsigned bit = 1; bit < 1u << FG_CASE__COUNT; bit <<= 1)
		if (cfg->subject_cases & bit)
			fprintf(out, " %s", fg_case_name(bit));
	write_origin(out, cfg->subject_cases_origin);
	write_entry(out, cfg->subject_case_never_origin, "rule.subjectCase.when = %s",
		    cfg->subject_case_never ? "never" : "always");
	fprintf(out, "rule.typeEnum.types = ");
	write_list(out, cfg->types, cfg->ntypes);
	write_origin(out, cfg->types_origin);
	fprintf(out, "rule.scopeEnum.scopes = %s", cfg->nscopes ? "" : "(any)");
	write_list(out, cfg->scopes, cfg->nscopes);
	write_origin(out, cfg->scopes_origin);
	if (!cfg->nignores)
		write_entry(out, cfg->ignores_origin, "commit.ignore = (none)");
	for (size_t i = 0; i < cfg->nignores; i++)
		write_entry(out, cfg->ignores_origin, "commit.ignore = %s", cfg->ignores[i].source);
	for (size_t i = 0; i < cfg->nbranches; i++) {
		const struct fg_branch_spec *b = &cfg->branches[i];
		write_entry(out, cfg->branches_origin, "branch.%s.pattern = %s", b->kind,
			    b->pattern.source);
		write_entry(out, cfg->branches_origin, "branch.%s.series = %s", b->kind,
			    b->series ? "true" : "false");
		write_entry(out, cfg->branches_origin, "branch.%s.protected = %s", b->kind,
			    b->protected_branch ? "true" : "false");
	}
	for (size_t i = 0; i < cfg->nvfiles; i++) {
		const struct fg_vfile_spec *v = &cfg->vfiles[i];
		write_entry(out, cfg->vfiles_origin, "versionFile.%s.pattern = %s", v->path,
			    v->pattern ? v->pattern->source : "(the whole file)");
		write_entry(out, cfg->vfiles_origin, "versionFile.%s.kind = %s", v->path,
			    v->series ? "series" : "exact");
		write_entry(out, cfg->vfiles_origin, "versionFile.%s.required = %s", v->path,
			    v->required ? "true" : "false");
	}
	write_entry(out, cfg->tag_prefix_origin, "tag.prefix = %s", cfg->tag_prefix);
	fprintf(out, "tag.messagePrefixes = ");
	write_list(out, cfg->tag_message_prefixes, cfg->ntag_message_prefixes);
	write_origin(out, cfg->tag_message_prefixes_origin);
	write_entry(out, cfg->allow_lightweight_origin, "tag.allowLightweight = %s",
		    cfg->allow_lightweight ? "true" : "false");
	write_entry(out, cfg->other_tags_origin, "tag.others = %s",
		    cfg->refuse_other_tags ? "refuse" : "allow");
	fprintf(out, "changelog.exclude = %s", cfg->nchangelog_exclude ? "" : "(none)");
	write_list(out, cfg->changelog_exclude, cfg->nchangelog_exclude);
	write_origin(out, cfg->changelog_exclude_origin);
	write_entry(out, cfg->changelog_merges_origin, "changelog.merges = %s",
		    cfg->changelog_merges ? "true" : "false");
	return ferror(out) ? -1 : 0;
}


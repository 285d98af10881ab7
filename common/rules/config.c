/*
 * Configuration layers (defaults < .flowgate < git config < FLOWGATE_SKIP),
 * parsed by libgit2's config parser and validated key by key, in the manner
 * of git's own fsck.<msg-id> severities and .gitmodules sections; each
 * layer's values go into the settings (settings.c holds the defaults).
 * Layer: rules, above settings and refname.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include "config.h"
#include "quote.h"
#include "refname.h"
#include "textcase.h"

const char *fg_config_level_origin(git_config_level_t level)
{
	switch (level) {
	case GIT_CONFIG_LEVEL_PROGRAMDATA: return "git config (programdata)";
	case GIT_CONFIG_LEVEL_SYSTEM: return "git config (system)";
	case GIT_CONFIG_LEVEL_XDG: return "git config (xdg)";
	case GIT_CONFIG_LEVEL_GLOBAL: return "git config (global)";
	case GIT_CONFIG_LEVEL_LOCAL: return "git config (local)";
	case FG_CONFIG_LEVEL_WORKTREE: return "git config (worktree)";
	default: return level == FG_CONFIG_LEVEL_COMMAND ? "git -c" : "git config";
	}
}

/* Split a config entry name "section.sub.section.var" into its three parts. */
struct key {
	char section[32];
	const char *sub; size_t sub_len; /* NULL when there is no subsection */
	const char *var;
};

static int split_key(const char *name, struct key *k)
{
	const char *dot = strchr(name, '.'), *last = strrchr(name, '.');

	if (!dot || (size_t)(dot - name) >= sizeof(k->section))
		return -1;
	memcpy(k->section, name, (size_t)(dot - name));
	k->section[dot - name] = '\0';
	k->var = last + 1;
	k->sub = last > dot ? dot + 1 : NULL;
	k->sub_len = last > dot ? (size_t)(last - dot - 1) : 0;
	return 0;
}

static int parse_positive(struct fg_config *cfg, const char *origin, const char *key,
			  const char *value, unsigned long *out)
{
	uint64_t n;

	if (!value || fg_parse_u64(value, strlen(value), &n) < 0 || n == 0 || n > 1000000)
		return fg_config_error(cfg, "%s: %s: '%s' is not a positive whole number; "
				       "write a number such as 100", origin, key, value ? value : "");
	*out = (unsigned long)n;
	return 0;
}

static int parse_bool(struct fg_config *cfg, const char *origin, const char *key,
		      const char *value, int *out)
{
	/* A bare "key" with no "=" means true, as in git. */
	if (!value) {
		*out = 1;
		return 0;
	}
	if (git_config_parse_bool(out, value) < 0) {
		git_error_clear();
		return fg_config_error(cfg, "%s: %s: '%s' is not a boolean; write true or false",
				       origin, key, value);
	}
	return 0;
}

/*
 * Compile P now: a bad pattern is reported with PCRE2's message and offset,
 * and one with fewer than GROUPS capture groups is refused.
 */
static int check_pattern(struct fg_config *cfg, const char *origin, const char *key,
			 struct fg_pattern *p, int groups, const char *why)
{
	char message[256];
	size_t offset;
	int n = fg_pattern_compile(p, message, sizeof(message), &offset);

	if (n < 0)
		return fg_config_error(cfg, "%s: %s: invalid regular expression at offset %zu: %s; "
				       "fix the pattern (PCRE2 syntax)", origin, key, offset, message);
	if (n < groups)
		return fg_config_error(cfg, "%s: %s: the pattern has %d capture group%s, needs %d (%s); "
				       "add the group, e.g. ( ... )", origin, key, n, n == 1 ? "" : "s",
				       groups, why);
	return 0;
}

/*
 * Replace *LIST (*N words) by VALUE split at white space: 0, -2 out of
 * memory, -1 (CFG->error set, naming ORIGIN and KEY) for more than
 * FG_CONFIG_MAX_LIST words.
 */
static int set_list(struct fg_config *cfg, const char *origin, const char *key, char ***list,
		    size_t *n, const char *value)
{
	char **fresh;
	size_t count;

	if (fg_config_list_split(value, &fresh, &count) < 0)
		return -2;
	if (count > FG_CONFIG_MAX_LIST) {
		fg_config_list_free(fresh, count);
		return fg_config_error(cfg, "%s: %s: %zu words, more than %u; list only the words "
				       "the workflow uses", origin, key, count, FG_CONFIG_MAX_LIST);
	}
	fg_config_list_free(*list, *n);
	*list = fresh;
	*n = count;
	return 0;
}

/* rule.subjectCase.case: VALUE, a list of case names, into *OUT (enum fg_case bits). */
static int parse_cases(struct fg_config *cfg, const char *origin, const char *key,
		       const char *value, unsigned *out)
{
	char **words = NULL;
	size_t n = 0;
	unsigned cases = 0, bit;
	int rc = 0;

	if (fg_config_list_split(value ? value : "", &words, &n) < 0)
		return -2;
	for (size_t i = 0; i < n && rc == 0; i++) {
		if ((bit = fg_case_parse(words[i])) != 0)
			cases |= bit;
		else
			rc = fg_config_error(cfg, "%s: %s: '%s' is not a case; write lower-case, "
					     "upper-case, camel-case, kebab-case, pascal-case, "
					     "sentence-case, snake-case or start-case", origin, key,
					     words[i]);
	}
	fg_config_list_free(words, n);
	if (rc == 0 && !cases)
		rc = fg_config_error(cfg, "%s: %s: no case is listed; list at least one, e.g. "
				     "sentence-case", origin, key);
	if (rc == 0)
		*out = cases;
	return rc;
}

static int unknown_key(struct fg_config *cfg, const char *origin, const char *key,
		       const char *known)
{
	return fg_config_error(cfg, "%s: %s: unknown key; %s", origin, key, known);
}

static int apply_rule_key(struct fg_config *cfg, const char *origin, const char *key,
			  const struct key *k, const char *value)
{
	char name[64];
	int rule, rc;

	if (!k->sub || k->sub_len >= sizeof(name))
		return unknown_key(cfg, origin, key, "write [rule \"<ruleName>\"] (flowgate rules lists them)");
	memcpy(name, k->sub, k->sub_len);
	name[k->sub_len] = '\0';
	if ((rule = fg_rule_lookup(name)) < 0)
		return fg_config_error(cfg, "%s: %s: no rule is named '%s'; flowgate rules lists them",
				       origin, key, name);
	if (!strcmp(k->var, "severity")) {
		if (fg_severity_parse(value, &cfg->severity[rule]) < 0)
			return fg_config_error(cfg, "%s: %s: unknown severity '%s'; write error, warn, "
					       "info or off", origin, key, value ? value : "");
		cfg->severity_origin[rule] = origin;
		return 0;
	}
	if (!strcmp(k->var, "max") && rule == FG_RULE_HEADER_MAX_LENGTH) {
		cfg->header_max_length_origin = origin;
		return parse_positive(cfg, origin, key, value, &cfg->header_max_length);
	}
	if (!strcmp(k->var, "max") && rule == FG_RULE_BODY_MAX_LINE_LENGTH) {
		cfg->body_max_line_length_origin = origin;
		return parse_positive(cfg, origin, key, value, &cfg->body_max_line_length);
	}
	if (!strcmp(k->var, "ignoreurls") && rule == FG_RULE_BODY_MAX_LINE_LENGTH) {
		cfg->body_ignore_urls_origin = origin;
		return parse_bool(cfg, origin, key, value, &cfg->body_ignore_urls);
	}
	if (!strcmp(k->var, "case") && rule == FG_RULE_SUBJECT_CASE) {
		cfg->subject_cases_origin = origin;
		return parse_cases(cfg, origin, key, value, &cfg->subject_cases);
	}
	if (!strcmp(k->var, "when") && rule == FG_RULE_SUBJECT_CASE) {
		cfg->subject_case_never_origin = origin;
		if (value && (!strcmp(value, "never") || !strcmp(value, "always"))) {
			cfg->subject_case_never = !strcmp(value, "never");
			return 0;
		}
		return fg_config_error(cfg, "%s: %s: '%s' is not always or never; write never (the "
				       "subject is in none of the cases) or always (in one of them)",
				       origin, key, value ? value : "");
	}
	if (!strcmp(k->var, "types") && rule == FG_RULE_TYPE_ENUM) {
		cfg->types_origin = origin;
		if ((rc = set_list(cfg, origin, key, &cfg->types, &cfg->ntypes, value)) < 0)
			return rc;
		if (!cfg->ntypes)
			return fg_config_error(cfg, "%s: %s: the list of types is empty; list at least "
					       "one type, e.g. feat fix", origin, key);
		return 0;
	}
	if (!strcmp(k->var, "scopes") && rule == FG_RULE_SCOPE_ENUM) {
		cfg->scopes_origin = origin;
		return set_list(cfg, origin, key, &cfg->scopes, &cfg->nscopes, value);
	}
	return unknown_key(cfg, origin, key,
			   rule == FG_RULE_HEADER_MAX_LENGTH ? "this rule takes severity and max" :
			   rule == FG_RULE_BODY_MAX_LINE_LENGTH ?
			   "this rule takes severity, max and ignoreUrls" :
			   rule == FG_RULE_TYPE_ENUM ? "this rule takes severity and types" :
			   rule == FG_RULE_SUBJECT_CASE ? "this rule takes severity, case and when" :
			   rule == FG_RULE_SCOPE_ENUM ? "this rule takes severity and scopes" :
			   "this rule takes only severity");
}

static int add_ignore(struct fg_config *cfg, const char *origin, const char *key, const char *value)
{
	if (!value || !*value)
		return fg_config_error(cfg, "%s: %s: empty pattern; write a regular expression "
				       "matching the headers to accept", origin, key);
	if (cfg->nignores == FG_CONFIG_MAX_PATTERNS)
		return fg_config_error(cfg, "%s: %s: more than %u patterns; join them with | in "
				       "fewer", origin, key, FG_CONFIG_MAX_PATTERNS);
	/* room for every pattern at once: pattern.c lists the compiled ones by
	 * address, so the array never moves once one is compiled */
	if (!cfg->ignores &&
	    !(cfg->ignores = calloc(FG_CONFIG_MAX_PATTERNS, sizeof(*cfg->ignores))))
		return -2;
	if (fg_config_pattern_set(&cfg->ignores[cfg->nignores], value, PCRE2_AUTO_CALLOUT) < 0)
		return -2;
	cfg->nignores++;
	cfg->ignores_origin = origin;
	return check_pattern(cfg, origin, key, &cfg->ignores[cfg->nignores - 1], 0, "");
}

/* The file's first [branch] or [versionFile] section replaces the built-in list. */
struct file_state {
	int branches_replaced, vfiles_replaced;
};

static int apply_branch_key(struct fg_config *cfg, struct file_state *st, const char *origin,
			    const char *key, const struct key *k, const char *value)
{
	struct fg_branch_spec *b = NULL;
	char *kind;

	if (!k->sub || !k->sub_len)
		return unknown_key(cfg, origin, key, "write [branch \"<kind>\"] with pattern, series, protected");
	if (strcmp(k->var, "pattern") && strcmp(k->var, "series") && strcmp(k->var, "protected"))
		return unknown_key(cfg, origin, key, "a branch kind takes pattern, series and protected");
	if (!st->branches_replaced) {
		fg_config_clear_branches(cfg);
		st->branches_replaced = 1;
		cfg->branches_origin = origin;
	}
	if (!(kind = strndup(k->sub, k->sub_len)))
		return -2;
	for (size_t i = 0; i < cfg->nbranches && !b; i++)
		if (!strcmp(cfg->branches[i].kind, kind))
			b = &cfg->branches[i];
	if (!b && cfg->nbranches == FG_CONFIG_MAX_PATTERNS) {
		free(kind);
		return fg_config_error(cfg, "%s: %s: more than %u branch kinds; keep the kinds the "
				       "workflow has", origin, key, FG_CONFIG_MAX_PATTERNS);
	}
	if (!b && !(b = fg_config_add_branch(cfg, kind))) {
		free(kind);
		return -2;
	}
	free(kind);
	if (!strcmp(k->var, "pattern")) {
		if (!value || !*value)
			return fg_config_error(cfg, "%s: %s: empty pattern; write a regular expression "
					       "for the branch names, e.g. ^release/(\\d+)\\.(\\d+)\\.x$",
					       origin, key);
		return fg_config_pattern_set(&b->pattern, value, PCRE2_AUTO_CALLOUT) < 0 ? -2 : 0;
	}
	if (!strcmp(k->var, "series"))
		return parse_bool(cfg, origin, key, value, &b->series);
	return parse_bool(cfg, origin, key, value, &b->protected_branch);
}

/* Non-zero when PATH is relative and '/'-separated with no empty, "." or ".." component. */
static int path_inside(const char *path)
{
	for (;;) {
		size_t n = strcspn(path, "/");

		if (!n || (n == 1 && path[0] == '.') || (n == 2 && !strncmp(path, "..", 2)))
			return 0;
		if (!path[n])
			return 1;
		path += n + 1;
	}
}

static int apply_vfile_key(struct fg_config *cfg, struct file_state *st, const char *origin,
			   const char *key, const struct key *k, const char *value)
{
	struct fg_vfile_spec *v = NULL;
	char *path;

	if (!k->sub || !k->sub_len)
		return unknown_key(cfg, origin, key, "write [versionFile \"<path>\"] with pattern, kind, required");
	if (strcmp(k->var, "pattern") && strcmp(k->var, "kind") && strcmp(k->var, "required"))
		return unknown_key(cfg, origin, key, "a version file takes pattern, kind and required");
	if (!st->vfiles_replaced) {
		fg_config_clear_vfiles(cfg);
		st->vfiles_replaced = 1;
		cfg->vfiles_origin = origin;
	}
	if (!(path = strndup(k->sub, k->sub_len)))
		return -2;
	if (!path_inside(path)) {
		int rc = fg_config_error(cfg, "%s: %s: '%s' is not a path inside the work tree; "
					 "write it from the top, '/'-separated, e.g. src/VERSION",
					 origin, key, path);
		free(path);
		return rc;
	}
	for (size_t i = 0; i < cfg->nvfiles && !v; i++)
		if (!strcmp(cfg->vfiles[i].path, path))
			v = &cfg->vfiles[i];
	if (!v && cfg->nvfiles == FG_CONFIG_MAX_PATTERNS) {
		free(path);
		return fg_config_error(cfg, "%s: %s: more than %u version files; keep the files "
				       "that hold the version", origin, key, FG_CONFIG_MAX_PATTERNS);
	}
	if (!v && !(v = fg_config_add_vfile(cfg, path))) {
		free(path);
		return -2;
	}
	free(path);
	if (!strcmp(k->var, "pattern")) {
		if (!value || !*value)
			return fg_config_error(cfg, "%s: %s: empty pattern; write a regular expression "
					       "whose group 1 is the version, or remove the key to "
					       "read the whole file", origin, key);
		/* a version file need not be UTF-8: an invalid sequence only never matches */
		return fg_config_vfile_pattern(v, value, PCRE2_AUTO_CALLOUT | PCRE2_MATCH_INVALID_UTF) < 0
			       ? -2 : 0;
	}
	if (!strcmp(k->var, "kind")) {
		if (value && !strcmp(value, "exact"))
			v->series = 0;
		else if (value && !strcmp(value, "series"))
			v->series = 1;
		else
			return fg_config_error(cfg, "%s: %s: unknown kind '%s'; write exact or series",
					       origin, key, value ? value : "");
		return 0;
	}
	return parse_bool(cfg, origin, key, value, &v->required);
}

/* Non-zero when PREFIX followed by a version is a valid tag name (asked of libgit2). */
static int tag_prefix_valid(const char *prefix)
{
	char *name = fg_strdupf("refs/tags/%s0.0.0", prefix);
	int valid = name && fg_refname_is_valid(name);

	free(name);
	return valid;
}

static int apply_tag_key(struct fg_config *cfg, const char *origin, const char *key,
			 const struct key *k, const char *value)
{
	int rc;

	if (k->sub)
		return unknown_key(cfg, origin, key, "write [tag] with prefix, messagePrefixes, "
				   "allowLightweight, others");
	if (!strcmp(k->var, "prefix")) {
		char *copy = strdup(value ? value : "");
		if (!copy)
			return -2;
		free(cfg->tag_prefix);
		cfg->tag_prefix = copy;
		cfg->tag_prefix_origin = origin;
		if (!tag_prefix_valid(copy))
			return fg_config_error(cfg, "%s: %s: '%s' cannot start a tag name "
					       "(git-check-ref-format(1)); write a prefix such as v",
					       origin, key, copy);
		return 0;
	}
	if (!strcmp(k->var, "messageprefixes")) {
		cfg->tag_message_prefixes_origin = origin;
		if ((rc = set_list(cfg, origin, key, &cfg->tag_message_prefixes,
				   &cfg->ntag_message_prefixes, value)) < 0)
			return rc;
		if (!cfg->ntag_message_prefixes)
			return fg_config_error(cfg, "%s: %s: the list is empty; list the prefixes a tag "
					       "message may start with, e.g. release: hotfix:", origin, key);
		return 0;
	}
	if (!strcmp(k->var, "allowlightweight")) {
		cfg->allow_lightweight_origin = origin;
		return parse_bool(cfg, origin, key, value, &cfg->allow_lightweight);
	}
	if (!strcmp(k->var, "others")) {
		/* the tags whose name is no version: let through, or tagFormat */
		cfg->other_tags_origin = origin;
		if (value && !strcasecmp(value, "allow"))
			cfg->refuse_other_tags = 0;
		else if (value && !strcasecmp(value, "refuse"))
			cfg->refuse_other_tags = 1;
		else
			return fg_config_error(cfg, "%s: %s: '%s' is not allow or refuse; write allow "
					       "(tags not named like a version pass) or refuse",
					       origin, key, value ? value : "");
		return 0;
	}
	return unknown_key(cfg, origin, key, "[tag] takes prefix, messagePrefixes, allowLightweight "
			   "and others");
}

/* [changelog]: exclude (a list of types, may be empty) and merges (a boolean). */
static int apply_changelog_key(struct fg_config *cfg, const char *origin, const char *key,
			       const struct key *k, const char *value)
{
	if (!k->sub && !strcmp(k->var, "exclude")) {
		cfg->changelog_exclude_origin = origin;
		return set_list(cfg, origin, key, &cfg->changelog_exclude, &cfg->nchangelog_exclude,
				value);
	}
	if (!k->sub && !strcmp(k->var, "merges")) {
		cfg->changelog_merges_origin = origin;
		return parse_bool(cfg, origin, key, value, &cfg->changelog_merges);
	}
	return unknown_key(cfg, origin, key, "[changelog] takes exclude and merges");
}

static int set_since(struct fg_config *cfg, const char *origin, const char *key, const char *value)
{
	char *copy;

	if (!value || !*value)
		return fg_config_error(cfg, "%s: %s: empty revision; name a commit or tag, e.g. v0.16.0",
				       origin, key);
	/*
	 * A name, not a revision expression: git_revparse_single would run
	 * HEAD^{/regex} through libgit2's regex engine over the whole history,
	 * with no limit flowgate can set.
	 */
	{
		int bad = value[0] == '-' || strstr(value, "..") || strstr(value, "@{");

		/* what git-check-ref-format(1) refuses in a refname, and revparse's operators */
		for (const char *p = value; !bad && *p; p++)
			bad = (unsigned char)*p < 0x20 || *p == 0x7f || strchr(" ~^:?*[\\", *p);
		if (bad)
			return fg_config_error(cfg, "%s: %s: '%s' is not a tag, branch or commit ID "
					       "(a revision expression: ~ ^ : ? * [ \\ .. @{ or a "
					       "space); name one, e.g. v0.16.0", origin, key, value);
	}
	if (!(copy = strdup(value)))
		return -2;
	free(cfg->since);
	cfg->since = copy;
	cfg->since_origin = origin;
	return 0;
}

/* After the file: patterns compile and have the groups their use needs. */
static int check_file_patterns(struct fg_config *cfg)
{
	char key[512];

	for (size_t i = 0; i < cfg->nbranches; i++) {
		struct fg_branch_spec *b = &cfg->branches[i];

		snprintf(key, sizeof(key), "branch.%s.pattern", b->kind);
		if (!b->pattern.source)
			return fg_config_error(cfg, "%s: %s: missing; branch kind '%s' needs a pattern "
					       "(only the workflow's kinds have a built-in one)",
					       cfg->branches_origin, key, b->kind);
		if (check_pattern(cfg, cfg->branches_origin, key, &b->pattern, b->series ? 2 : 0,
				  "groups 1 and 2 are the X.Y series; or set series = false") < 0)
			return -1;
	}
	for (size_t i = 0; i < cfg->nvfiles; i++) {
		struct fg_vfile_spec *v = &cfg->vfiles[i];

		snprintf(key, sizeof(key), "versionFile.%s.pattern", v->path);
		if (v->pattern && check_pattern(cfg, cfg->vfiles_origin, key, v->pattern, 1,
						"group 1 is the version") < 0)
			return -1;
	}
	return 0;
}

/*
 * KEY as the documentation writes it: libgit2 lowercases section and
 * variable names (versionfile.x.kind, flowgate.headermaxlength); errors
 * name keys the way users wrote them in the examples.
 */
static const char *canonical_key(const char *key, char *buf, size_t size)
{
	static const char *const words[] = {
		"versionFile", "messagePrefixes", "allowLightweight", "configFile",
		"allowRefs", "allowEnvSkip", "ignoreUrls",
	};
	struct key k;
	const char *section, *var;
	int rule;

	if (split_key(key, &k) < 0)
		return key;
	section = k.section;
	var = k.var;
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		if (!strcasecmp(section, words[i]))
			section = words[i];
		if (!strcasecmp(var, words[i]))
			var = words[i];
	}
	if (!strcmp(section, "flowgate") && !k.sub && (rule = fg_rule_lookup(var)) >= 0)
		var = fg_rule_info((enum fg_rule)rule)->name;
	if (k.sub)
		snprintf(buf, size, "%s.%.*s.%s", section, (int)k.sub_len, k.sub, var);
	else
		snprintf(buf, size, "%s.%s", section, var);
	return buf;
}

int fg_config_apply_file(struct fg_config *cfg, git_config *file, const char *origin)
{
	git_config_iterator *it = NULL;
	git_config_entry *entry;
	struct file_state st = { 0, 0 };
	int rc = 0, next;

	free(cfg->file_origin);
	if (!(cfg->file_origin = strdup(origin)))
		return -2;
	origin = cfg->file_origin;
	if (git_config_iterator_new(&it, file) < 0)
		return -2;
	while (rc == 0 && (next = git_config_next(&entry, it)) == 0) {
		char buf[512];
		const char *key = canonical_key(entry->name, buf, sizeof(buf)), *value = entry->value;
		struct key k;

		if (split_key(entry->name, &k) < 0) {
			rc = unknown_key(cfg, origin, key, "write keys in sections: [rule \"<ruleName>\"], "
					 "[branch \"<kind>\"], ... (flowgate config shows them)");
		} else if (!strcmp(k.section, "flowgate")) {
			rc = !k.sub && !strcmp(k.var, "since") ? set_since(cfg, origin, key, value)
				: unknown_key(cfg, origin, key, "[flowgate] takes since here; rule "
					      "severities go in [rule \"<ruleName>\"]");
		} else if (!strcmp(k.section, "rule")) {
			rc = apply_rule_key(cfg, origin, key, &k, value);
		} else if (!strcmp(k.section, "commit")) {
			rc = !k.sub && !strcmp(k.var, "ignore") ? add_ignore(cfg, origin, key, value)
				: unknown_key(cfg, origin, key, "[commit] takes ignore");
		} else if (!strcmp(k.section, "branch")) {
			rc = apply_branch_key(cfg, &st, origin, key, &k, value);
		} else if (!strcmp(k.section, "versionfile")) {
			rc = apply_vfile_key(cfg, &st, origin, key, &k, value);
		} else if (!strcmp(k.section, "tag")) {
			rc = apply_tag_key(cfg, origin, key, &k, value);
		} else if (!strcmp(k.section, "changelog")) {
			rc = apply_changelog_key(cfg, origin, key, &k, value);
		} else {
			rc = unknown_key(cfg, origin, key, "the sections are flowgate, rule, commit, "
					 "branch, versionFile, tag and changelog");
		}
	}
	git_config_iterator_free(it);
	git_error_clear();
	if (rc == 0)
		rc = check_file_patterns(cfg);
	return rc;
}

int fg_config_config_file(git_config *config, char **out)
{
	git_buf buf = GIT_BUF_INIT;
	int rc = git_config_get_path(&buf, config, "flowgate.configFile");

	*out = NULL;
	if (rc == GIT_ENOTFOUND) {
		git_error_clear();
		return 0;
	}
	if (rc == 0 && !(*out = strdup(buf.ptr ? buf.ptr : "")))
		rc = -2;
	git_buf_dispose(&buf);
	return rc < 0 ? -2 : 0;
}

/*
 * flowgate.allowRefs: one more glob, a refname pattern under refs/ (git
 * check-ref-format's rules, '*' allowed). Returns 0, or -1 (CFG->error).
 */
static int add_allowed_ref(struct fg_config *cfg, const char *origin, const char *key,
			   const char *value)
{
	char **grown, norm[1024];

	if (!value || strncmp(value, "refs/", 5) ||
	    git_reference_normalize_name(norm, sizeof(norm), value, GIT_REFERENCE_FORMAT_ALLOW_ONELEVEL |
					 GIT_REFERENCE_FORMAT_REFSPEC_PATTERN) < 0) {
		git_error_clear();
		return fg_config_error(cfg, "%s: %s: '%s' is not a refname glob; write one under "
				       "refs/, e.g. 'refs/for/*'", origin, key, value ? value : "");
	}
	git_error_clear();
	if (cfg->nallow_refs == FG_CONFIG_MAX_PATTERNS)
		return fg_config_error(cfg, "%s: %s: more than %u globs; allow a whole namespace "
				       "with one ('refs/pull/*')", origin, key, FG_CONFIG_MAX_PATTERNS);
	if (!(grown = realloc(cfg->allow_refs, (cfg->nallow_refs + 1) * sizeof(*grown))))
		return -2;
	cfg->allow_refs = grown;
	if (!(grown[cfg->nallow_refs] = strdup(value)))
		return -2;
	cfg->nallow_refs++;
	return 0;
}


int fg_config_apply_git(struct fg_config *cfg, git_config *config)
{
	git_config_iterator *it = NULL;
	git_config_entry *entry;
	int rc = 0, rule, config_file = 0;

	/* Every entry, filtered here: libgit2 1.5.1's glob iterator leaks a PCRE2
	 * match block on each name its regex does not match (libgit2 PR #6382). */
	if (git_config_iterator_new(&it, config) < 0)
		return -2;
	while (rc == 0 && git_config_next(&entry, it) == 0) {
		const char *origin = fg_config_level_origin(entry->level), *key;
		char buf[512];
		struct key k;

		if (strncmp(entry->name, "flowgate.", 9)) /* libgit2 lowercases section names */
			continue;
		key = canonical_key(entry->name, buf, sizeof(buf));
		if (split_key(entry->name, &k) < 0 || k.sub) {
			rc = unknown_key(cfg, origin, key, "flowgate takes flowgate.<ruleName>, "
					 "flowgate.configFile, flowgate.since, flowgate.allowRefs "
					 "and flowgate.allowEnvSkip in git config");
		} else if (!strcmp(k.var, "configfile")) {
			if (!entry->value || !*entry->value)
				rc = fg_config_error(cfg, "%s: %s: empty path; name a file or unset the key",
						     origin, key);
			cfg->config_file_origin = origin;
			config_file = 1;
		} else if (!strcmp(k.var, "since")) {
			rc = set_since(cfg, origin, key, entry->value);
		} else if (!strcmp(k.var, "allowrefs")) {
			rc = add_allowed_ref(cfg, origin, key, entry->value);
		} else if (!strcmp(k.var, "allowenvskip")) {
			if (git_config_parse_bool(&cfg->allow_env_skip,
						  entry->value ? entry->value : "true") < 0)
				rc = fg_config_error(cfg, "%s: %s: '%s' is not a boolean; write true "
						     "or false", origin, key, entry->value);
		} else if ((rule = fg_rule_lookup(k.var)) >= 0) {
			if (fg_severity_parse(entry->value, &cfg->severity[rule]) < 0)
				rc = fg_config_error(cfg, "%s: %s: unknown severity '%s'; write error, "
						     "warn, info or off", origin, key,
						     entry->value ? entry->value : "");
			cfg->severity_origin[rule] = origin;
		} else {
			rc = fg_config_error(cfg, "%s: %s: no rule is named '%s'; flowgate rules lists "
					     "them (git config keys: flowgate.<ruleName>, "
					     "flowgate.configFile, flowgate.since, "
					     "flowgate.allowRefs, flowgate.allowEnvSkip)", origin, key, k.var);
		}
	}
	git_config_iterator_free(it);
	git_error_clear();
	if (rc == 0 && config_file && !cfg->config_file &&
	    fg_config_config_file(config, &cfg->config_file) < 0)
		rc = -2;
	return rc;
}

int fg_config_apply_env(struct fg_config *cfg, const char *skip)
{
	while (skip && *skip) {
		size_t len;
		char name[64];
		int rule;

		skip += strspn(skip, " ,");
		len = strcspn(skip, " ,");
		if (!len)
			break;
		if (len >= sizeof(name) || (memcpy(name, skip, len), name[len] = '\0',
					    (rule = fg_rule_lookup(name)) < 0))
			return fg_config_error(cfg, "FLOWGATE_SKIP: '%.*s' is not a rule; write rule "
					       "names separated by commas (flowgate rules lists them)",
					       (int)(len > 64 ? 64 : len), skip);
		cfg->severity[rule] = FG_OFF;
		cfg->severity_origin[rule] = FG_ORIGIN_ENV;
		skip += len;
	}
	return 0;
}

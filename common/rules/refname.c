/*
 * Workflow branch and tag names: git-check-ref-format(1) validity (asked of
 * libgit2) plus the workflow's own shapes, and a valid name to propose.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <git2.h>
#include "quote.h"
#include "refname.h"

/* A series written loosely: "0.16", "v0.16.x", "0.16.3". */
static struct fg_pattern loose_series_re = FG_PATTERN(
	"^v?0*([0-9]+)\\.0*([0-9]+)(?:\\.(?:x|[0-9]+))?\\z", 0);

int fg_refname_is_valid(const char *refname)
{
	int valid = 0;

	/* rule 4's DEL: libgit2 1.5 lets it through, git does not */
	if (strchr(refname, 0x7f) || git_reference_name_is_valid(&valid, refname) < 0)
		valid = 0;
	git_error_clear();
	return valid;
}

static int refname_valid(const char *name)
{
	size_t len = strlen(name);
	char *full = malloc(len + sizeof("refs/heads/"));
	int valid;

	if (!full)
		return 0;
	memcpy(full, "refs/heads/", sizeof("refs/heads/") - 1);
	memcpy(full + sizeof("refs/heads/") - 1, name, len + 1);
	valid = fg_refname_is_valid(full);
	free(full);
	return valid;
}

int fg_branch_parse(struct fg_config *cfg, const char *name, struct fg_branch *out)
{
	size_t len = strlen(name);
	struct fg_span g[3];

	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < cfg->nbranches; i++) {
		struct fg_branch_spec *b = &cfg->branches[i];
		int rc = fg_pattern_match(&b->pattern, name, len, g, 3);

		if (rc == -3 || rc == -1) {
			fg_config_error(cfg, "%s: branch.%s.pattern: %s on branch name '%s'; simplify "
					"the pattern (nested repetition such as (a+)+ backtracks "
					"without end)", cfg->branches_origin, b->kind,
					rc == -3 ? "reached PCRE2's match limit" : "does not compile",
					name);
			return -3;
		}
		if (rc != 1)
			continue;
		if (b->series && (g[1].off == SIZE_MAX || g[2].off == SIZE_MAX ||
				  fg_parse_u64(name + g[1].off, g[1].len, &out->major) ||
				  fg_parse_u64(name + g[2].off, g[2].len, &out->minor)))
			continue; /* groups 1 and 2 are not an X.Y */
		if (!refname_valid(name))
			break;
		out->kind = b->id;
		out->spec = b;
		out->series = b->series;
		return 0;
	}
	memset(out, 0, sizeof(*out));
	return -1;
}

/* Known prefixes people use, and the workflow kind each maps to. */
static const struct {
	const char *prefix, *kind;
} kinds[] = {
	{ "feature", "feature" }, { "features", "feature" }, { "feat", "feature" },
	{ "hotfix", "hotfix" }, { "fix", "hotfix" }, { "bugfix", "hotfix" },
	{ "docs", "docs" }, { "doc", "docs" },
	{ "dev", "dev" }, { "develop", "dev" }, { "release", "release" },
	{ "maint", "maint" }, { "maintenance", "maint" },
};

/* Lowercase slug of TEXT: [a-z0-9._-], runs of anything else become one '-'. */
static void slugify(char *out, const char *text)
{
	char *p = out;

	for (; *text; text++) {
		unsigned char c = (unsigned char)tolower((unsigned char)*text);
		if (isalnum(c) && c < 0x80) {
			*p++ = (char)c;
		} else if ((c == '.' || c == '_') && p > out && p[-1] != '.' && p[-1] != '-') {
			*p++ = (char)c;
		} else if (p > out && p[-1] != '-') {
			*p++ = '-';
		}
	}
	while (p > out && (p[-1] == '-' || p[-1] == '.' || p[-1] == '_'))
		p--;
	*p = '\0';
	if (p - out >= 5 && !strcmp(p - 5, ".lock"))
		p[-5] = '\0';
}

char *fg_branch_suggest(struct fg_config *cfg, const char *name)
{
	size_t len = strlen(name);
	char *rest = malloc(len + 16), *slug = malloc(len + 16), *out = NULL;
	const char *kind = "feature";
	struct fg_span g[3];
	struct fg_branch parsed;

	if (!rest || !slug)
		goto done;
	strcpy(rest, name);
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		size_t plen = strlen(kinds[i].prefix);
		if (!strncasecmp(name, kinds[i].prefix, plen) &&
		    (name[plen] == '/' || name[plen] == '-' || name[plen] == '_') && name[plen + 1]) {
			kind = kinds[i].kind;
			strcpy(rest, name + plen + 1);
			break;
		}
	}
	if (!strcasecmp(name, "master") || !strcasecmp(name, "main") ||
	    !strcasecmp(name, "trunk")) {
		out = fg_strdupf("main");
		goto check;
	}
	if (!strcmp(kind, "dev") || !strcmp(kind, "release") || !strcmp(kind, "maint")) {
		if (fg_pattern_match(&loose_series_re, rest, strlen(rest), g, 3) == 1) {
			out = fg_strdupf("%s/%.*s.%.*s.x", kind, (int)g[1].len, rest + g[1].off,
					 (int)g[2].len, rest + g[2].off);
			if (out && fg_branch_parse(cfg, out, &parsed) == 0)
				goto done;
			free(out);
			out = NULL;
		}
		kind = "feature";
	}
	for (char *s = rest; *s; s++)
		if (*s == '/')
			*s = '-';
	slugify(slug, rest);
	out = fg_strdupf("%s/%s", kind, *slug ? slug : "my-work");
	if (out && fg_branch_parse(cfg, out, &parsed) != 0) {
		free(out);
		out = fg_strdupf("feature/my-work");
	}
check:
	if (out && fg_branch_parse(cfg, out, &parsed) != 0) {
		free(out);
		out = NULL; /* the configured kinds have no name like it */
	}
done:
	free(rest);
	free(slug);
	return out;
}

/* The configured kinds, for a message: "main, release, feature". */
static char *kind_list(const struct fg_config *cfg)
{
	size_t len = 1;
	char *out;

	for (size_t i = 0; i < cfg->nbranches; i++)
		len += strlen(cfg->branches[i].kind) + 2;
	if (!(out = malloc(len)))
		return NULL;
	out[0] = '\0';
	for (size_t i = 0; i < cfg->nbranches; i++) {
		if (i)
			strcat(out, ", ");
		strcat(out, cfg->branches[i].kind);
	}
	return out;
}

int fg_check_branch_name(struct fg_report *report, struct fg_config *cfg, const char *name,
			 int rename_hint)
{
	struct fg_branch parsed;
	struct fg_violation *v;
	char *suggestion, *q, *kinds = NULL, *from = NULL, *to = NULL;
	int rc = fg_branch_parse(cfg, name, &parsed);

	if (rc != -1)
		return rc;
	q = fg_quote(name, strlen(name), 80);
	if (!strcmp(cfg->branches_origin, FG_ORIGIN_DEFAULT))
		v = fg_report_add(report, FG_RULE_BRANCH_NAME,
				  "branch %s is not a workflow branch (main, dev/X.Y.x, release/X.Y.x, "
				  "maint/X.Y.x, feature/<slug>, hotfix/<slug>, docs/<slug>)", q ? q : "?");
	else
		v = fg_report_add(report, FG_RULE_BRANCH_NAME,
				  "branch %s matches none of the branch kinds of %s (%s)", q ? q : "?",
				  cfg->branches_origin, (kinds = kind_list(cfg)) ? kinds : "?");
	suggestion = fg_branch_suggest(cfg, name);
	/* the commands are pasted: every name in them a shell word */
	if (suggestion && !(to = fg_sh_quote(suggestion, strlen(suggestion), 0))) {
		free(suggestion);
		suggestion = NULL;
	}
	if (!suggestion)
		fg_violation_hint(v, "rename it to match a branch kind's pattern (flowgate config "
				  "shows them): %s", rename_hint ? "git branch -m <name>"
								 : "git push <remote> <branch>:<name>");
	else if (rename_hint)
		fg_violation_hint(v, "rename it: git branch -m %s", to);
	else
		fg_violation_hint(v, "push it under a workflow name: git push <remote> %s:%s",
				  (from = fg_sh_quote(name, strlen(name), FG_SH_QUOTE_PLAIN))
				  ? from : "<branch>", to);
	free(from);
	free(to);
	free(suggestion);
	free(kinds);
	free(q);
	return -1;
}

int fg_tag_parse(const struct fg_config *cfg, const char *name, struct fg_version *out)
{
	size_t plen = strlen(cfg->tag_prefix);

	memset(out, 0, sizeof(*out));
	if (strncmp(name, cfg->tag_prefix, plen))
		return -1;
	name += plen;
	if (fg_version_parse(name, strlen(name), out) != 0 || !fg_version_is_workflow(out) ||
	    out->build) {
		memset(out, 0, sizeof(*out));
		return -1;
	}
	return 0;
}

int fg_branch_protected(struct fg_config *cfg, const char *refname, struct fg_branch *out)
{
	int rc;

	if (strncmp(refname, "refs/heads/", 11))
		return 0;
	if ((rc = fg_branch_parse(cfg, refname + 11, out)) == -3)
		return -3;
	return rc == 0 && out->spec && out->spec->protected_branch;
}

int fg_check_protected(struct fg_report *report, struct fg_config *cfg, const char *refname,
		       enum fg_ref_change change, const char *old, const char *remote)
{
	struct fg_violation *v;
	struct fg_version version;
	struct fg_branch b;
	const char *name;
	char *q, *word;
	int rc;

	if (!strncmp(refname, "refs/tags/", 10)) {
		name = refname + 10;
		if (change != FG_REF_DELETED || fg_tag_parse(cfg, name, &version) < 0)
			return 0;
		q = fg_quote(name, strlen(name), 80);
		v = fg_report_add(report, FG_RULE_BRANCH_PROTECTED,
				  "deleting release tag %s from the remote", q ? q : "?");
		fg_violation_hint(v, "a release stays released: release a new version instead "
				  "(flowgate bump patch --commit --tag), and keep %s", name);
		free(q);
		return v ? 1 : 0;
	}
	if ((rc = fg_branch_protected(cfg, refname, &b)) <= 0)
		return rc;
	name = refname + 11;
	q = fg_quote(name, strlen(name), 80);
	word = fg_sh_quote(name, strlen(name), 0);
	switch (change) {
	case FG_REF_DELETED:
		v = fg_report_add(report, FG_RULE_BRANCH_PROTECTED, "deleting protected branch %s "
				  "from the remote", q ? q : "?");
		fg_violation_hint(v, "protected branches are never deleted (branch.%s.protected); "
				  "keep it, or ask whoever runs the server", b.spec->kind);
		break;
	case FG_REF_NOT_FAST_FORWARD:
		v = fg_report_add(report, FG_RULE_BRANCH_PROTECTED, "non-fast-forward push to "
				  "protected branch %s: the remote's %.12s is not in the pushed "
				  "history, and a force push would drop its commits", q ? q : "?", old);
		fg_violation_hint(v, "git pull --rebase %s %s (or merge it), then push without "
				  "--force", remote, word ? word : "<branch>");
		break;
	default:
		v = fg_report_add(report, FG_RULE_BRANCH_PROTECTED, "the remote's protected "
				  "branch %s is at %.12s, which this repository does not have: "
				  "someone else pushed to it", q ? q : "?", old);
		fg_violation_hint(v, "git pull --rebase %s %s (it fetches what was pushed and puts "
				  "your commits on it; or merge it), then push again", remote,
				  word ? word : "<branch>");
		break;
	}
	free(word);
	free(q);
	return v ? 1 : 0;
}

const char *fg_refname_branch(const char *refname, size_t *remote_len)
{
	const char *slash;

	if (remote_len)
		*remote_len = 0;
	if (!strncmp(refname, "refs/heads/", 11))
		return refname + 11;
	if (strncmp(refname, "refs/remotes/", 13) || !(slash = strchr(refname + 13, '/')))
		return NULL;
	if (remote_len)
		*remote_len = (size_t)(slash - (refname + 13));
	return slash + 1;
}

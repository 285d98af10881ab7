/*
 * Workflow branch and tag names: git-check-ref-format(1) validity (asked of
 * libgit2) plus the workflow's own shapes, and a valid name to propose.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <git2.h>
#include "refname.h"

static struct fg_pattern series_branch_re = FG_PATTERN(
	"^(dev|release|maint)/(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.x\\z", 0);
static struct fg_pattern slug_branch_re = FG_PATTERN(
	"^(feature|hotfix|docs)/[a-z0-9._-]+\\z", 0);
static struct fg_pattern tag_re = FG_PATTERN(
	"^v((?:0|[1-9][0-9]*)\\.(?:0|[1-9][0-9]*)\\.(?:0|[1-9][0-9]*)"
	"(?:-(?:dev|alpha[1-9][0-9]*|beta[1-9][0-9]*|rc[1-9][0-9]*))?)\\z", 0);
/* A series written loosely: "0.16", "v0.16.x", "0.16.3". */
static struct fg_pattern loose_series_re = FG_PATTERN(
	"^v?0*([0-9]+)\\.0*([0-9]+)(?:\\.(?:x|[0-9]+))?\\z", 0);

static int refname_valid(const char *name)
{
	size_t len = strlen(name);
	char *full = malloc(len + sizeof("refs/heads/"));
	int valid = 0;

	if (!full)
		return 0;
	memcpy(full, "refs/heads/", sizeof("refs/heads/") - 1);
	memcpy(full + sizeof("refs/heads/") - 1, name, len + 1);
	if (git_reference_name_is_valid(&valid, full) < 0)
		valid = 0;
	free(full);
	return valid;
}

int fg_branch_parse(const char *name, struct fg_branch *out)
{
	size_t len = strlen(name);
	struct fg_span g[4];

	memset(out, 0, sizeof(*out));
	if (!strcmp(name, "main")) {
		out->kind = FG_BRANCH_MAIN;
		return 0;
	}
	if (fg_pattern_match(&series_branch_re, name, len, g, 4) == 1) {
		if (fg_parse_u64(name + g[2].off, g[2].len, &out->major) ||
		    fg_parse_u64(name + g[3].off, g[3].len, &out->minor))
			return -1;
		out->kind = name[0] == 'd' ? FG_BRANCH_DEV :
			    name[0] == 'r' ? FG_BRANCH_RELEASE : FG_BRANCH_MAINT;
		return 0;
	}
	if (fg_pattern_match(&slug_branch_re, name, len, NULL, 0) == 1 && refname_valid(name)) {
		out->kind = name[0] == 'f' ? FG_BRANCH_FEATURE :
			    name[0] == 'h' ? FG_BRANCH_HOTFIX : FG_BRANCH_DOCS;
		return 0;
	}
	return -1;
}

int fg_branch_has_series(const struct fg_branch *branch)
{
	return branch->kind == FG_BRANCH_DEV || branch->kind == FG_BRANCH_RELEASE ||
	       branch->kind == FG_BRANCH_MAINT;
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

char *fg_branch_suggest(const char *name)
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
		goto done;
	}
	if (!strcmp(kind, "dev") || !strcmp(kind, "release") || !strcmp(kind, "maint")) {
		if (fg_pattern_match(&loose_series_re, rest, strlen(rest), g, 3) == 1) {
			out = fg_strdupf("%s/%.*s.%.*s.x", kind, (int)g[1].len, rest + g[1].off,
					 (int)g[2].len, rest + g[2].off);
			if (out && fg_branch_parse(out, &parsed) == 0)
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
	if (out && fg_branch_parse(out, &parsed) != 0) {
		free(out);
		out = fg_strdupf("feature/my-work");
	}
done:
	free(rest);
	free(slug);
	return out;
}

int fg_check_branch_name(struct fg_report *report, const char *name, int rename_hint)
{
	struct fg_branch parsed;
	struct fg_violation *v;
	char *suggestion, *q;

	if (fg_branch_parse(name, &parsed) == 0)
		return 0;
	q = fg_quote(name, strlen(name), 80);
	v = fg_report_add(report, FG_RULE_BRANCH_NAME,
			  "branch %s is not a workflow branch (main, dev/X.Y.x, release/X.Y.x, "
			  "maint/X.Y.x, feature/<slug>, hotfix/<slug>, docs/<slug>)", q ? q : "?");
	suggestion = fg_branch_suggest(name);
	if (rename_hint)
		fg_violation_hint(v, "rename it: git branch -m %s", suggestion ? suggestion : "feature/my-work");
	else
		fg_violation_hint(v, "push it under a workflow name: git push <remote> %s:%s",
				  q ? q : "?", suggestion ? suggestion : "feature/my-work");
	free(suggestion);
	free(q);
	return -1;
}

int fg_tag_parse(const char *name, struct fg_version *out)
{
	struct fg_span g[2];

	memset(out, 0, sizeof(*out));
	if (fg_pattern_match(&tag_re, name, strlen(name), g, 2) != 1)
		return -1;
	return fg_version_parse(name + g[1].off, g[1].len, out) == 0 ? 0 : -1;
}

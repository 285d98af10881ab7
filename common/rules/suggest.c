/*
 * The header a refused header most likely meant (fg_suggest_header), and
 * the judgement that keeps every proposal one the header rules accept.
 */
#include <stdlib.h>
#include <string.h>
#include "commit.h"
#include "gitform.h"
#include "report.h"
#include "suggest.h"
#include "textcase.h"

/* Common misspellings of the standard types, and the type meant. */
static const char *const type_aliases[][2] = {
	{ "feature", "feat" }, { "features", "feat" }, { "bugfix", "fix" }, { "bug", "fix" },
	{ "fixes", "fix" }, { "fixed", "fix" }, { "doc", "docs" }, { "documentation", "docs" },
	{ "tests", "test" }, { "testing", "test" }, { "refacto", "refactor" },
	{ "performance", "perf" }, { "styles", "style" }, { "chores", "chore" },
};

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* Non-zero when WORD[0..LEN) is in LIST[0..N), ignoring ASCII case when FOLD. */
static const char *listed(char *const *list, size_t n, const char *word, size_t len, int fold)
{
	for (size_t i = 0; i < n; i++) {
		size_t j;

		if (strlen(list[i]) != len)
			continue;
		for (j = 0; j < len; j++)
			if (fold ? lower(word[j]) != lower(list[i][j]) : word[j] != list[i][j])
				break;
		if (j == len)
			return list[i];
	}
	return NULL;
}

/* A type CFG accepts (any, when it lists none). */
static int type_ok(const struct fg_config *cfg, const char *type)
{
	return !cfg->ntypes || listed(cfg->types, cfg->ntypes, type, strlen(type), 0);
}

const char *fg_type_meant(const struct fg_config *cfg, const char *type, size_t len)
{
	char low[16];

	if (len >= sizeof(low))
		return NULL;
	for (size_t i = 0; i < len; i++)
		low[i] = lower(type[i]);
	low[len] = '\0';
	for (size_t i = 0; i < sizeof(type_aliases) / sizeof(type_aliases[0]); i++)
		if (!strcmp(low, type_aliases[i][0]) && type_ok(cfg, type_aliases[i][1]))
			return type_aliases[i][1];
	return NULL;
}

const char *fg_release_commit_type(const struct fg_config *cfg, int dev)
{
	if (!cfg->ntypes || type_ok(cfg, "chore"))
		return "chore";
	return !dev && type_ok(cfg, "release") ? "release" : cfg->types[0];
}

/* The length of a carriage return or a bidirectional control at TEXT[0..LEN), or 0. */
static size_t control_at(const unsigned char *t, size_t len)
{
	if (t[0] == '\r')
		return 1;
	if (len >= 3 && t[0] == 0xe2 && ((t[1] == 0x80 && t[2] >= 0xaa && t[2] <= 0xae) ||
					 (t[1] == 0x81 && t[2] >= 0xa6 && t[2] <= 0xa9)))
		return 3;
	return 0;
}

/* Non-zero when rule R is on under CFG. */
static int on(const struct fg_config *cfg, enum fg_rule r)
{
	return cfg->severity[r] != FG_OFF;
}

static int is_blank(const char *text, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (text[i] != ' ' && text[i] != '\t')
			return 0;
	return 1;
}

int fg_header_passes(const struct fg_config *cfg, const char *header, size_t len)
{
	struct fg_header h;
	unsigned matched;

	for (size_t i = 0; i < len; i++)
		if (control_at((const unsigned char *)header + i, len - i) || header[i] == '\n')
			return 0;
	if (fg_message_git_form(header, len, NULL, NULL) != FG_FORM_NONE ||
	    fg_git_form_revert_quote(header, len) || fg_header_parse(header, len, &h) != 0)
		return 0;
	for (size_t i = 0; on(cfg, FG_RULE_TYPE_CASE) && i < h.type_len; i++)
		if (h.type[i] >= 'A' && h.type[i] <= 'Z')
			return 0;
	if (on(cfg, FG_RULE_TYPE_ENUM) && cfg->ntypes &&
	    !listed(cfg->types, cfg->ntypes, h.type, h.type_len, 1))
		return 0;
	if (on(cfg, FG_RULE_SCOPE_ENUM) && h.scope && cfg->nscopes &&
	    !listed(cfg->scopes, cfg->nscopes, h.scope, h.scope_len, 0))
		return 0;
	if (on(cfg, FG_RULE_SUBJECT_EMPTY) && is_blank(h.subject, h.subject_len))
		return 0;
	if (on(cfg, FG_RULE_SUBJECT_FULL_STOP) && h.subject_len &&
	    h.subject[h.subject_len - 1] == '.')
		return 0;
	if (on(cfg, FG_RULE_HEADER_MAX_LENGTH) && fg_utf8_length(header, len) > cfg->header_max_length)
		return 0;
	if (on(cfg, FG_RULE_SUBJECT_CASE) &&
	    fg_case_judge(h.subject, h.subject_len, cfg->subject_cases, cfg->subject_case_never,
			  &matched, NULL) != 0)
		return 0;
	return 1;
}

static int word_byte(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '-' || c == '_';
}

static const char *skip_blanks(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	return p;
}

/*
 * The configured type TYPE[0..LEN) names, lowercased or meant (into LOW,
 * 64 bytes, when CFG lists no type); NULL when none.
 */
static const char *type_named(const struct fg_config *cfg, const char *type, size_t len,
			      char low[64])
{
	const char *t;

	if (!len || len >= 64)
		return NULL;
	if (cfg->ntypes && (t = listed(cfg->types, cfg->ntypes, type, len, 1)))
		return t;
	if ((t = fg_type_meant(cfg, type, len)))
		return t;
	if (cfg->ntypes)
		return NULL;
	for (size_t i = 0; i < len; i++)
		low[i] = lower(type[i]);
	low[len] = '\0';
	return low;
}

/* The parts of a header to build, pointing into the cleaned text. */
struct parts {
	const char *type;                    /* NUL-terminated: static, CFG's or TYPE_BUF */
	char type_buf[64];
	const char *scope; size_t scope_len; /* NULL: none */
	int bang;
	const char *subject; size_t subject_len;
};

/*
 * The parts of P[0..END), read as the header rules' fixes read them: 1,
 * or 0 when they name no type (the whole is then a subject), or -1 when
 * they name a type and no subject (nothing to propose).
 */
static int read_parts(const struct fg_config *cfg, const char *p, const char *end,
		      struct parts *out)
{
	const char *word = p, *q, *close;

	memset(out, 0, sizeof(*out));
	if (*p == '[' && (close = memchr(p, ']', (size_t)(end - p)))) {
		const char *t = skip_blanks(p + 1, close), *te = close;

		while (te > t && (te[-1] == ' ' || te[-1] == '\t'))
			te--;
		q = skip_blanks(close + 1, end);
		if (q < end && *q == ':')
			q = skip_blanks(q + 1, end);
		out->type = type_named(cfg, t, (size_t)(te - t), out->type_buf);
		out->subject = q;
		out->subject_len = (size_t)(end - q);
		return out->type != NULL;
	}
	while (p < end && word_byte(*p))
		p++;
	q = skip_blanks(p, end);
	if (q < end && *q == '(' && (close = memchr(q, ')', (size_t)(end - q)))) {
		out->scope = skip_blanks(q + 1, close);
		out->scope_len = (size_t)(close - out->scope);
		while (out->scope_len && (out->scope[out->scope_len - 1] == ' ' ||
					  out->scope[out->scope_len - 1] == '\t'))
			out->scope_len--;
		q = skip_blanks(close + 1, end);
	}
	if (q < end && *q == '!') {
		out->bang = 1;
		q = skip_blanks(q + 1, end);
	}
	if (q < end && *q == ':') {
		q = skip_blanks(q + 1, end);
	} else if (!out->scope && !out->bang && (q > p || q == end)) {
		/* "fix bug", "Fixed - the bug": a type, then the subject */
		while (q < end && (*q == '-' || *q == ',' || *q == ';' || *q == ' ' || *q == '\t'))
			q++;
	} else {
		return 0;
	}
	out->type = type_named(cfg, word, (size_t)(p - word), out->type_buf);
	out->subject = q;
	out->subject_len = (size_t)(end - q);
	if (!out->type)
		return 0;
	return q < end ? 1 : -1;
}

char *fg_suggest_header(const struct fg_config *cfg, const char *header, size_t len)
{
	char *clean = malloc(len + 1), *out = NULL, *cased = NULL;
	const char *p, *end, *scope;
	struct parts parts;
	size_t n = 0, sl;
	unsigned matched;
	int rc = 0;

	if (!clean)
		return NULL;
	for (size_t i = 0; i < len;) {
		size_t c = control_at((const unsigned char *)header + i, len - i);

		if (c) {
			i += c;
			continue;
		}
		clean[n++] = header[i++];
	}
	p = skip_blanks(clean, clean + n);
	end = clean + n;
	while (end > p && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	if (p == end || (rc = read_parts(cfg, p, end, &parts)) < 0)
		goto out;
	if (rc == 0) {
		memset(&parts, 0, sizeof(parts));
		parts.type = type_ok(cfg, "fix") ? "fix" : cfg->types[0];
		parts.subject = p;
		parts.subject_len = (size_t)(end - p);
	}
	scope = parts.scope_len ? parts.scope : NULL;
	if (scope && cfg->nscopes && !listed(cfg->scopes, cfg->nscopes, scope, parts.scope_len, 0))
		scope = NULL; /* not one of the scopes: no scope */
	sl = parts.subject_len;
	while (sl && (parts.subject[sl - 1] == '.' || parts.subject[sl - 1] == ' ' ||
		      parts.subject[sl - 1] == '\t'))
		sl--;
	if (!sl)
		goto out;
	if (on(cfg, FG_RULE_SUBJECT_CASE) &&
	    fg_case_judge(parts.subject, sl, cfg->subject_cases, cfg->subject_case_never, &matched,
			  &cased) > 0) {
		if (!cased)
			goto out;
		parts.subject = cased;
		sl = strlen(cased);
	}
	out = fg_strdupf("%s%s%.*s%s%s: %.*s", parts.type, scope ? "(" : "",
			 scope ? (int)parts.scope_len : 0, scope ? scope : "", scope ? ")" : "",
			 parts.bang ? "!" : "", (int)sl, parts.subject);
	if (out && !fg_header_passes(cfg, out, strlen(out))) {
		free(out);
		out = NULL;
	}
out:
	free(cased);
	free(clean);
	return out;
}

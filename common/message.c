/*
 * Commit message cleanup (git's, through libgit2's git_message_prettify)
 * and the Conventional Commits 1.0.0 header rules.
 */
#include <stdlib.h>
#include <string.h>
#include <git2.h>
#include "commit.h"
#include "message.h"
#include "pattern.h"

#define CUT_LINE "------------------------ >8 ------------------------"

static struct fg_pattern generated_re = FG_PATTERN(
	"^(?:Merge |Revert \"|Reapply \"|fixup! |squash! |amend! )", 0);
/* Every repeated class excludes what follows it, so PCRE2 makes them
 * possessive: the match is linear in the header's length. */
static struct fg_pattern header_re = FG_PATTERN(
	"^([^\\s():!]+)(?:\\(([^()\\r\\n]+)\\))?(!)?:(?: (.*)|[ \\t]*)\\z", 0);
/* git's template lines, whose first character is the comment character. */
static struct fg_pattern template_re = FG_PATTERN(
	"^([\\x21-\\x7e]) (?:Please enter (?:the|a) commit message|" CUT_LINE "\\r?\\z)", 0);

int fg_message_detect_comment_char(const char *raw, size_t len)
{
	struct fg_span g[2];

	/* Line by line: a `git commit -v` diff below may hold any bytes, and
	 * one invalid UTF-8 line must not hide git's template lines. */
	for (size_t pos = 0; pos < len;) {
		const char *nl = memchr(raw + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - raw) : len;

		if (fg_pattern_match(&template_re, raw + pos, end - pos, g, 2) == 1)
			return (unsigned char)raw[pos + g[1].off];
		pos = end + 1;
	}
	return FG_COMMENT_NONE;
}

enum fg_cleanup fg_cleanup_parse(const char *value)
{
	static const char *const names[] = { "default", "strip", "whitespace", "verbatim", "scissors" };

	for (size_t i = 0; value && i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(value, names[i]))
			return (enum fg_cleanup)i;
	return FG_CLEANUP_DEFAULT;
}

int fg_message_comment_char(const char *raw, size_t len, int configured, enum fg_cleanup cleanup)
{
	int templated = fg_message_detect_comment_char(raw, len);

	if (cleanup == FG_CLEANUP_WHITESPACE || cleanup == FG_CLEANUP_VERBATIM)
		return FG_COMMENT_NONE;
	if (configured == FG_COMMENT_AUTO)
		return templated;
	if (cleanup == FG_CLEANUP_STRIP || cleanup == FG_CLEANUP_SCISSORS)
		return configured;
	return templated == configured ? configured : FG_COMMENT_NONE;
}

/* Length of RAW up to the scissors line of comment character CC, if any. */
static size_t before_scissors(const char *raw, size_t len, int cc)
{
	const size_t cut_len = sizeof(CUT_LINE) - 1;
	size_t pos = 0;

	if (cc == FG_COMMENT_NONE)
		return len;
	while (pos < len) {
		const char *nl = memchr(raw + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - raw) : len;
		size_t line_len = end - pos;

		if (line_len > 0 && raw[end - 1] == '\r')
			line_len--;
		if (line_len == cut_len + 2 && (unsigned char)raw[pos] == cc && raw[pos + 1] == ' ' &&
		    !memcmp(raw + pos + 2, CUT_LINE, cut_len))
			return pos;
		pos = end + 1;
	}
	return len;
}

int fg_message_cleanup(char **out, const char *raw, size_t len, int comment_char)
{
	git_buf buf = GIT_BUF_INIT;
	char *text;
	int rc;

	*out = NULL;
	if (memchr(raw, '\0', len))
		return -1;
	if (comment_char == FG_COMMENT_AUTO)
		comment_char = fg_message_detect_comment_char(raw, len);
	/* git cuts a `git commit -v` diff whatever it does with comments (the
	 * whitespace and verbatim cleanups, a comment character set by
	 * `git -c`): with no comment character, cut at the template's scissors. */
	len = before_scissors(raw, len, comment_char != FG_COMMENT_NONE ? comment_char
				      : fg_message_detect_comment_char(raw, len));
	if (!(text = malloc(len + 1)))
		return -2;
	memcpy(text, raw, len);
	text[len] = '\0';
	rc = git_message_prettify(&buf, text, comment_char != FG_COMMENT_NONE,
				  comment_char != FG_COMMENT_NONE ? (char)comment_char : '#');
	free(text);
	if (rc < 0)
		return -2;
	*out = malloc(buf.size + 1);
	if (*out) {
		memcpy(*out, buf.ptr ? buf.ptr : "", buf.size);
		(*out)[buf.size] = '\0';
	}
	git_buf_dispose(&buf);
	return *out ? 0 : -2;
}

int fg_message_is_generated(const char *header, size_t len)
{
	return fg_pattern_match(&generated_re, header, len, NULL, 0) == 1;
}

int fg_header_parse(const char *header, size_t len, struct fg_header *out)
{
	struct fg_span g[5];
	int rc;

	memset(out, 0, sizeof(*out));
	rc = fg_pattern_match(&header_re, header, len, g, 5);
	if (rc == -2)
		return -2;
	if (rc < 0)
		return -3; /* PCRE2 failed (the pattern is linear: not expected) */
	if (rc == 0)
		return -1;
	out->type = header + g[1].off;
	out->type_len = g[1].len;
	if (g[2].off != SIZE_MAX) {
		out->scope = header + g[2].off;
		out->scope_len = g[2].len;
	}
	out->breaking = g[3].off != SIZE_MAX;
	/* "type:" alone (cleanup strips the trailing space): an empty subject */
	out->subject = g[4].off != SIZE_MAX ? header + g[4].off : header + len;
	out->subject_len = g[4].len;
	return 0;
}

size_t fg_utf8_length(const char *text, size_t len)
{
	size_t n = 0;

	for (size_t i = 0; i < len; i++)
		n += ((unsigned char)text[i] & 0xC0) != 0x80;
	return n;
}

/* Non-zero when WORD[0..LEN) is in LIST, ignoring ASCII case when FOLD_CASE. */
static int in_list(char *const *list, size_t n, const char *word, size_t len, int fold_case)
{
	for (size_t i = 0; i < n; i++) {
		const char *t = list[i];
		size_t j;

		if (strlen(t) != len)
			continue;
		for (j = 0; j < len; j++) {
			char c = word[j], d = t[j];
			if (fold_case && c >= 'A' && c <= 'Z')
				c = (char)(c - 'A' + 'a');
			if (fold_case && d >= 'A' && d <= 'Z')
				d = (char)(d - 'A' + 'a');
			if (c != d)
				break;
		}
		if (j == len)
			return 1;
	}
	return 0;
}

/* LIST joined with spaces, newly allocated ("" when empty; NULL on OOM). */
static char *join_list(char *const *list, size_t n)
{
	size_t len = 1;
	char *out;

	for (size_t i = 0; i < n; i++)
		len += strlen(list[i]) + 1;
	if (!(out = malloc(len)))
		return NULL;
	out[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		if (i)
			strcat(out, " ");
		strcat(out, list[i]);
	}
	return out;
}

/* bodyMaxLineLength: the first line after the header longer than the maximum. */
static void check_body(struct fg_report *report, const struct fg_config *cfg, const char *body,
		       const char *pre, const char *sep)
{
	size_t line = 1;

	while (*body) {
		const char *nl = strchr(body, '\n');
		size_t len = nl ? (size_t)(nl - body) : strlen(body), chars;

		if (len > 1 && body[len - 1] == '\r')
			len--; /* a CRLF line end (a message stored verbatim) */
		line++;
		if ((chars = fg_utf8_length(body, len)) > cfg->body_max_line_length) {
			struct fg_violation *v = fg_report_add(report, FG_RULE_BODY_MAX_LINE_LENGTH,
				"%s%sline %zu is %zu characters long, more than %lu", pre, sep, line,
				chars, cfg->body_max_line_length);
			fg_violation_hint(v, "wrap the body at %lu characters (a URL may go on a line "
					  "of its own, or set rule.bodyMaxLineLength.max)",
					  cfg->body_max_line_length);
			return;
		}
		if (!nl)
			break;
		body = nl + 1;
	}
}

/* Non-zero when TEXT[0..LEN) is only spaces and tabs. */
static int blank(const char *text, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (text[i] != ' ' && text[i] != '\t')
			return 0;
	return 1;
}

/* Non-zero when TEXT[0..LEN) starts with WORD, ignoring ASCII case. */
static int starts_nocase(const char *text, size_t len, const char *word)
{
	size_t n = strlen(word);

	if (len < n)
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = text[i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != word[i])
			return 0;
	}
	return 1;
}

/*
 * The length of a breaking-change word at the start of TEXT[0..LEN) in any
 * spelling ("breaking change", "Breaking-Change", "BREAKING CHANGES",
 * "breaking_change", "breakingchange"), or 0.
 */
static size_t breaking_word(const char *text, size_t len)
{
	size_t i = 8;

	if (!starts_nocase(text, len, "breaking"))
		return 0;
	if (i < len && (text[i] == ' ' || text[i] == '-' || text[i] == '_'))
		i++;
	if (!starts_nocase(text + i, len - i, "change"))
		return 0;
	i += 6;
	if (i < len && (text[i] == 's' || text[i] == 'S'))
		i++;
	return i;
}

/* breaking_word of LINE[0..LEN) when a ':' or '#' follows it (after blanks); else 0. */
static size_t breaking_token(const char *line, size_t len)
{
	size_t t = breaking_word(line, len), i = t;

	if (!t)
		return 0;
	while (i < len && (line[i] == ' ' || line[i] == '\t'))
		i++;
	return i < len && (line[i] == ':' || line[i] == '#') ? t : 0;
}

/* Non-zero when TOKEN[0..LEN) followed by SEP is spelled as items 12, 15 and 16 want. */
static int breaking_exact(const char *token, size_t len, char sep)
{
	return sep == ':' && len == 15 &&
	       (!memcmp(token, "BREAKING CHANGE", 15) || !memcmp(token, "BREAKING-CHANGE", 15));
}

static void report_breaking_spelling(struct fg_report *report, const char *pre, const char *sep,
				     size_t line, const char *token, size_t len)
{
	struct fg_violation *v = fg_report_add(report, FG_RULE_BREAKING_CHANGE_FORMAT,
		"%s%sline %zu: footer '%.*s' is not 'BREAKING CHANGE:' (uppercase, then ': ')",
		pre, sep, line, (int)len, token);
	fg_violation_hint(v, "write 'BREAKING CHANGE: <description>' (or 'BREAKING-CHANGE: "
			  "<description>'): other spellings are not breaking changes");
}

/*
 * bodyLeadingBlank, footerFormat and breakingChangeFormat on the parsed
 * message MSG (Conventional Commits 1.0.0 items 6, 8-10, 12, 15, 16).
 */
static void check_parts(struct fg_report *report, const struct fg_commit_message *msg,
			const char *pre, const char *sep)
{
	struct fg_violation *v;

	if (!msg->blank_after_header) {
		v = fg_report_add(report, FG_RULE_BODY_LEADING_BLANK,
				  "%s%sline 2: the body starts right after the header, without a "
				  "blank line", pre, sep);
		fg_violation_hint(v, "leave line 2 blank: git takes everything up to the first "
				  "blank line for the subject");
	}
	/* Breaking-change tokens the parser did not take for footers: body lines. */
	if (msg->body) {
		const char *p = msg->body, *end = msg->body + msg->body_len;
		size_t line = msg->body_line;

		while (p < end) {
			const char *nl = memchr(p, '\n', (size_t)(end - p));
			size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p), t;

			if ((t = breaking_token(p, len)) && !breaking_exact(p, t, p[t]))
				report_breaking_spelling(report, pre, sep, line, p, t);
			if (!nl)
				break;
			p = nl + 1;
			line++;
		}
	}
	for (size_t i = 0; i < msg->nfooters; i++) {
		const struct fg_footer *f = &msg->footers[i];
		int empty = blank(f->value, f->value_len);

		if (f->breaking || breaking_exact(f->token, f->token_len, f->separator)) {
			if (empty) {
				v = fg_report_add(report, FG_RULE_BREAKING_CHANGE_FORMAT,
						  "%s%sline %zu: footer '%.*s' has no description",
						  pre, sep, f->line, (int)f->token_len, f->token);
				fg_violation_hint(v, "say what breaks and what to do: "
						  "'%.*s: <description>'", (int)f->token_len, f->token);
			}
		} else if (breaking_word(f->token, f->token_len) == f->token_len) {
			report_breaking_spelling(report, pre, sep, f->line, f->token, f->token_len);
		} else if (!fg_footer_token_valid(f->token, f->token_len)) {
			v = fg_report_add(report, FG_RULE_FOOTER_FORMAT,
					  "%s%sline %zu: footer token '%.*s' is not a word of letters, "
					  "digits and '-'", pre, sep, f->line, (int)f->token_len, f->token);
			fg_violation_hint(v, "write '-' in place of white space, e.g. 'Acked-by: ...'");
		} else if (empty) {
			v = fg_report_add(report, FG_RULE_FOOTER_FORMAT,
					  "%s%sline %zu: footer '%.*s' has no value", pre, sep, f->line,
					  (int)f->token_len, f->token);
			fg_violation_hint(v, "give the footer a value, e.g. '%.*s%s<value>', or drop it",
					  (int)f->token_len, f->token, f->separator == '#' ? " #" : ": ");
		}
	}
}

/* MESSAGE without the CR of CRLF line ends, newly allocated (NULL on OOM). */
static char *strip_cr(const char *message, size_t *len)
{
	size_t n = strlen(message), j = 0;
	char *out = malloc(n + 1);

	if (!out)
		return NULL;
	for (size_t i = 0; i < n; i++)
		if (!(message[i] == '\r' && (message[i + 1] == '\n' || !message[i + 1])))
			out[j++] = message[i];
	out[j] = '\0';
	*len = j;
	return out;
}

size_t fg_check_message(struct fg_report *report, struct fg_config *cfg, const char *message,
			const char *where)
{
	size_t before = report->n;
	const char *nl = strchr(message, '\n');
	size_t len = nl ? (size_t)(nl - message) : strlen(message);
	const char *pre = where ? where : "", *sep = where ? ": " : "";
	struct fg_header h;
	struct fg_violation *v;
	char *q, *types;
	int rc;

	if (len > 1 && message[len - 1] == '\r')
		len--; /* a CRLF line end: `git commit --cleanup=verbatim` stores it */
	if (!len || fg_message_is_generated(message, len))
		return 0;
	if ((rc = fg_config_match_ignore(cfg, message, len)) != 0)
		return 0; /* accepted as it is (1), or a pattern failed (CFG->error set) */
	q = fg_quote(message, len, 80);
	types = join_list(cfg->types, cfg->ntypes);
	rc = fg_header_parse(message, len, &h);
	if (rc == -2) {
		v = fg_report_add(report, FG_RULE_HEADER_FORMAT, "%s%sheader %s is not valid UTF-8",
				  pre, sep, q ? q : "?");
		fg_violation_hint(v, "write the message in UTF-8 (git's default i18n.commitEncoding)");
	} else if (rc < 0) {
		const char *colon = memchr(message, ':', len);
		v = fg_report_add(report, FG_RULE_HEADER_FORMAT,
				  "%s%sheader %s is not 'type(scope)!: subject'", pre, sep, q ? q : "?");
		if (colon && colon + 1 < message + len && colon[1] != ' ')
			fg_violation_hint(v, "put one space after the colon, e.g. '%.*s: %.*s'",
					  (int)(colon - message), message,
					  (int)(message + len - colon - 1), colon + 1);
		else
			fg_violation_hint(v, "start with a type and a colon, e.g. '%s: %.*s' "
					  "(types: %s)", in_list(cfg->types, cfg->ntypes, "fix", 3, 0) ||
					  !cfg->ntypes ? "fix" : cfg->types[0],
					  (int)(len > 50 ? 50 : len), message, types ? types : "?");
	} else {
		size_t upper = 0;

		for (size_t i = 0; i < h.type_len; i++)
			upper += h.type[i] >= 'A' && h.type[i] <= 'Z';
		if (upper) {
			char lower[64];
			size_t n = h.type_len < sizeof(lower) ? h.type_len : sizeof(lower) - 1;

			for (size_t i = 0; i < n; i++)
				lower[i] = (char)(h.type[i] >= 'A' && h.type[i] <= 'Z' ?
						  h.type[i] - 'A' + 'a' : h.type[i]);
			lower[n] = '\0';
			v = fg_report_add(report, FG_RULE_TYPE_CASE,
					  "%s%sline 1, column 1: type '%.*s' is not lowercase", pre, sep,
					  (int)h.type_len, h.type);
			fg_violation_hint(v, "write the type in lowercase: '%s'", lower);
		}
		if (!in_list(cfg->types, cfg->ntypes, h.type, h.type_len, 1)) {
			v = fg_report_add(report, FG_RULE_TYPE_ENUM, "%s%stype '%.*s' is not a workflow type",
					  pre, sep, (int)h.type_len, h.type);
			fg_violation_hint(v, "use one of: %s", types ? types : "?");
		}
		if (h.scope && cfg->nscopes &&
		    !in_list(cfg->scopes, cfg->nscopes, h.scope, h.scope_len, 0)) {
			char *scopes = join_list(cfg->scopes, cfg->nscopes);
			v = fg_report_add(report, FG_RULE_SCOPE_ENUM, "%s%sscope '%.*s' is not one of "
					  "the configured scopes", pre, sep, (int)h.scope_len, h.scope);
			fg_violation_hint(v, "use one of: %s (or no scope)", scopes ? scopes : "?");
			free(scopes);
		}
		{
			size_t i = 0;
			while (i < h.subject_len && (h.subject[i] == ' ' || h.subject[i] == '\t'))
				i++;
			if (i == h.subject_len) {
				v = fg_report_add(report, FG_RULE_SUBJECT_EMPTY,
						  "%s%sheader %s has an empty subject", pre, sep, q ? q : "?");
				fg_violation_hint(v, "say what the commit does after '%.*s: '",
						  (int)h.type_len, h.type);
			} else if (h.subject[h.subject_len - 1] == '.') {
				size_t end = (size_t)(h.subject - message) + h.subject_len;

				v = fg_report_add(report, FG_RULE_SUBJECT_FULL_STOP,
						  "%s%sline 1, column %zu: subject ends with a full stop",
						  pre, sep, fg_utf8_length(message, end));
				fg_violation_hint(v, "drop the final '.': the subject is a title");
			}
		}
	}
	if (rc != -2 && fg_utf8_length(message, len) > cfg->header_max_length) {
		v = fg_report_add(report, FG_RULE_HEADER_MAX_LENGTH,
				  "%s%sheader is %zu characters long, more than %lu", pre, sep,
				  fg_utf8_length(message, len), cfg->header_max_length);
		fg_violation_hint(v, "shorten the first line to %lu characters and put details in the body, "
				  "after a blank line", cfg->header_max_length);
	}
	if (nl)
		check_body(report, cfg, nl + 1, pre, sep);
	if (nl && rc != -2) {
		/* the rest of the message; not when it is not UTF-8 (the parser refuses it) */
		struct fg_commit_message msg;
		size_t mlen;
		char *copy = strip_cr(message, &mlen);

		if (!copy)
			report->oom = 1;
		else if (fg_commit_parse(copy, mlen, &msg) == 0)
			check_parts(report, &msg, pre, sep);
		else
			fg_commit_message_init(&msg);
		if (copy)
			fg_commit_message_release(&msg);
		free(copy);
	}
	free(types);
	free(q);
	return report->n - before;
}

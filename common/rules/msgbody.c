/*
 * The body and footer rules on a parsed commit message: bodyLeadingBlank,
 * bodyMaxLineLength, footerFormat and breakingChangeFormat, with the
 * breaking-change spellings they recognise. Layer: rules, below message.
 */
#include <stdlib.h>
#include <string.h>
#include "commit.h"
#include "msgbody.h"
#include "msgrule.h"
#include "report.h"

/* Non-zero when C is a word character of a JavaScript regular expression's \b. */
static int word_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/*
 * Non-zero when LINE[0..LEN) holds a URL: "http://" or "https://" after a
 * word boundary, then a character that is not white space (commitlint's
 * test, /\bhttps?:\/\/\S+/: a URL cannot be wrapped).
 */
static int has_url(const char *line, size_t len)
{
	for (const char *p = line; (p = memchr(p, ':', len - (size_t)(p - line))) != NULL; p++) {
		size_t at = (size_t)(p - line), scheme;

		if (at + 3 >= len || p[1] != '/' || p[2] != '/' || p[3] == ' ' || p[3] == '\t')
			continue;
		scheme = at >= 5 && !memcmp(p - 5, "https", 5) ? 5 :
			 at >= 4 && !memcmp(p - 4, "http", 4) ? 4 : 0;
		if (scheme && (at == scheme || !word_char(p[-(long)scheme - 1])))
			return 1;
	}
	return 0;
}

void fg_msg_check_body(const struct fg_msg_where *w, const struct fg_config *cfg,
		       const char *text, size_t len)
{
	size_t line = 1, pos = fg_msg_line_len(text, len) + 1;

	while (pos < len) {
		size_t n = fg_msg_line_len(text + pos, len - pos), chars;

		line++;
		if ((chars = fg_utf8_length(text + pos, n)) > cfg->body_max_line_length &&
		    !(cfg->body_ignore_urls && has_url(text + pos, n))) {
			struct fg_violation *v = fg_msg_add(w, FG_RULE_BODY_MAX_LINE_LENGTH, line,
				cfg->body_max_line_length + 1, text + pos, n,
				chars - cfg->body_max_line_length,
				"line is %zu characters long, more than %lu", chars,
				cfg->body_max_line_length);
			fg_violation_hint(v, "wrap the body at %lu characters (a line holding a URL "
					  "%s; or set rule.bodyMaxLineLength.max)",
					  cfg->body_max_line_length, cfg->body_ignore_urls ?
					  "may be longer" :
					  "may be longer with rule.bodyMaxLineLength.ignoreUrls");
			return;
		}
		pos += n + 1;
	}
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

static void report_breaking_spelling(const struct fg_msg_where *w, size_t line, const char *text,
				     size_t len, size_t token_len)
{
	struct fg_violation *v = fg_msg_add(w, FG_RULE_BREAKING_CHANGE_FORMAT, line, 1, text, len,
		fg_utf8_length(text, token_len),
		"footer '%.*s' is not 'BREAKING CHANGE:' (uppercase, then ': ')",
		(int)token_len, text);
	size_t i = token_len;

	/* the description after the separator, as written */
	while (i < len && (text[i] == ' ' || text[i] == '\t'))
		i++;
	if (i < len && (text[i] == ':' || text[i] == '#'))
		i++;
	while (i < len && (text[i] == ' ' || text[i] == '\t'))
		i++;
	if (i < len)
		fg_violation_hint(v, "write 'BREAKING CHANGE: %.*s' (or BREAKING-CHANGE): other "
				  "spellings are not breaking changes", (int)(len - i), text + i);
	else
		fg_violation_hint(v, "write BREAKING CHANGE: <description> (or BREAKING-CHANGE): "
				  "other spellings are not breaking changes");
}

/* Footer F's line with '-' for the white space in its token (newly allocated, or NULL). */
static char *dashed_footer(const struct fg_footer *f)
{
	size_t vl = fg_msg_line_len(f->value, f->value_len);
	char *out = fg_strdupf("%.*s%s%.*s", (int)f->token_len, f->token,
			       f->separator == '#' ? " #" : ": ", (int)vl, f->value);

	for (size_t i = 0; out && i < f->token_len; i++)
		if (out[i] == ' ' || out[i] == '\t')
			out[i] = '-';
	return out;
}

/* Offset in TEXT[0..LEN) of the start of line LINE (1-based; LEN when there is none). */
static size_t line_start(const char *text, size_t len, size_t line)
{
	size_t pos = 0;

	while (--line && pos < len)
		pos += fg_msg_line_len(text + pos, len - pos) + 1;
	return pos < len ? pos : len;
}

/*
 * breakingChangeFormat on the lines of TEXT[0..LEN), the first being line
 * LINE, that start with a breaking-change word in another spelling than
 * "BREAKING CHANGE:". In the footer block (FOOTERS), only the lines that
 * are no footer start ("Breaking change: y", "BREAKING CHANGES: y": the
 * word holds a space): the footers themselves are judged one by one.
 */
static void check_breaking_lines(const struct fg_msg_where *w, const char *text, size_t len,
				 size_t line, int footers)
{
	for (size_t pos = 0; pos < len; line++) {
		size_t n = fg_msg_line_len(text + pos, len - pos), t;
		const char *p = text + pos;

		if ((t = breaking_token(p, n)) && !breaking_exact(p, t, p[t]) &&
		    !(footers && fg_footer_token_valid(p, t)))
			report_breaking_spelling(w, line, p, n, t);
		pos += n + 1;
	}
}

void fg_msg_check_parts(const struct fg_msg_where *w, const struct fg_commit_message *msg,
			const char *text, size_t len)
{
	struct fg_violation *v;

	if (!msg->blank_after_header) {
		const char *l2 = msg->header + msg->header_len + 1;
		size_t n = fg_msg_line_len(l2, len - (size_t)(l2 - text));

		v = fg_msg_add(w, FG_RULE_BODY_LEADING_BLANK, 2, 1, l2, n, fg_utf8_length(l2, n),
			       "the body starts right after the header, without a blank line");
		fg_violation_hint(v, "insert a blank line after line %zu, the header: git takes "
				  "everything up to the first blank line for the subject", 1 + w->line0);
	}
	/*
	 * A mistyped breaking change the parser did not take for a footer:
	 * only where footers are, the footer paragraph (its lines that
	 * continue a value) and the body's last paragraph, right above it or
	 * ending the message. Earlier paragraphs are prose ("Breaking change:
	 * none.", a "Breaking changes:" heading over a list).
	 */
	if (msg->body) {
		const char *p = msg->body, *end = msg->body + msg->body_len, *last = p;
		size_t line = msg->body_line, last_line = line;

		for (const char *q = p; q < end;) { /* the last paragraph's first line */
			size_t n = fg_msg_line_len(q, (size_t)(end - q));

			if (fg_msg_blank(q, n)) {
				last = q + n + 1;
				last_line = line + 1;
			}
			q += n + 1;
			line++;
		}
		check_breaking_lines(w, last, (size_t)(end - last), last_line, 0);
	}
	if (msg->footer_line) {
		const char *block = text + line_start(text, len, msg->footer_line);

		check_breaking_lines(w, block, len - (size_t)(block - text), msg->footer_line, 1);
	}
	for (size_t i = 0; i < msg->nfooters; i++) {
		const struct fg_footer *f = &msg->footers[i];
		size_t n = fg_msg_line_len(f->token, len - (size_t)(f->token - text));
		size_t tw = fg_utf8_length(f->token, f->token_len);
		int empty = fg_msg_blank(f->value, f->value_len);
		char *dashed = NULL;

		if (f->breaking || breaking_exact(f->token, f->token_len, f->separator)) {
			if (empty) {
				v = fg_msg_add(w, FG_RULE_BREAKING_CHANGE_FORMAT, f->line, 1,
					       f->token, n, tw, "footer '%.*s' has no description",
					       (int)f->token_len, f->token);
				fg_violation_hint(v, "say what breaks and what to do: "
						  "'%.*s: <description>'", (int)f->token_len, f->token);
			}
		} else if (breaking_word(f->token, f->token_len) == f->token_len) {
			report_breaking_spelling(w, f->line, f->token, n, f->token_len);
		} else if (!fg_footer_token_valid(f->token, f->token_len)) {
			v = fg_msg_add(w, FG_RULE_FOOTER_FORMAT, f->line, 1, f->token, n, tw,
				       "footer token '%.*s' is not a word of letters, digits "
				       "and '-'", (int)f->token_len, f->token);
			fg_violation_hint(v, "write '-' in place of white space, e.g. '%s'",
					  (dashed = dashed_footer(f)) ? dashed : "Acked-by: <value>");
			free(dashed);
		} else if (empty) {
			v = fg_msg_add(w, FG_RULE_FOOTER_FORMAT, f->line, 1, f->token, n, tw,
				       "footer '%.*s' has no value", (int)f->token_len, f->token);
			fg_violation_hint(v, "delete line %zu, or give the footer a value: %.*s%s<value>",
					  f->line + w->line0, (int)f->token_len, f->token,
					  f->separator == '#' ? " #" : ": ");
		}
	}
}


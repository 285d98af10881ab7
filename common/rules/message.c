/*
 * The Conventional Commits 1.0.0 message rules on a cleaned-up message,
 * and git's own generated messages.
 */
#include <errno.h>
#include <iconv.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "commit.h"
#include "gitform.h"
#include "message.h"
#include "pattern.h"
#include "refname.h"
#include "suggest.h"
#include "textcase.h"

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

/* Where the violations of one message go, and the prefix of their texts. */
struct where {
	struct fg_report *report;
	const char *pre, *sep; /* "commit 1a2b3c4d5e6f", ": "; or "", "" */
	/* Line 1 as written when the rules judge another header in its place
	 * (fixup! and the like), and the code points before that header. */
	const char *line1; size_t line1_len, col1;
	size_t judged_off, judged_len; /* bytes of LINE1 the header judged replaces */
	size_t line0; /* blank lines above the header (a verbatim message) */
};

/*
 * HEADER (a header the rules accept: fg_suggest_header's, may be NULL) as
 * line 1 is to be written: in place of the header judged when that is part
 * of line 1 (fixup! <header>), newly allocated; NULL when HEADER is.
 */
static char *line1_with(const struct where *w, const char *header)
{
	if (!header)
		return NULL;
	if (!w->line1)
		return strdup(header);
	return fg_strdupf("%.*s%s%.*s", (int)w->judged_off, w->line1, header,
			  (int)(w->line1_len - w->judged_off - w->judged_len),
			  w->line1 + w->judged_off + w->judged_len);
}

/* The header proposed for line 1 in place of HEADER[0..LEN), as line1_with writes it. */
static char *proposed_line1(const struct where *w, const struct fg_config *cfg,
			    const char *header, size_t len)
{
	char *h = fg_suggest_header(cfg, header, len), *line = line1_with(w, h);

	free(h);
	return line;
}

/*
 * A violation of RULE at LINE, COLUMN (code points) of the message, TEXT[0..LEN)
 * being that line, WIDTH code points underlined; the text "line L, column C: "
 * then FMT.
 */
static struct fg_violation *add_at(const struct where *w, enum fg_rule rule, size_t line,
				   size_t column, const char *text, size_t len, size_t width,
				   const char *fmt, ...) FG_PRINTF(8, 9);
static struct fg_violation *add_at(const struct where *w, enum fg_rule rule, size_t line,
				   size_t column, const char *text, size_t len, size_t width,
				   const char *fmt, ...)
{
	struct fg_violation *v;
	va_list ap;
	char *what;

	va_start(ap, fmt);
	what = fg_vstrdupf(fmt, ap);
	va_end(ap);
	if (!what) {
		w->report->oom = 1;
		return NULL;
	}
	if (line == 1 && w->line1) { /* the header judged is part of line 1 */
		column += w->col1;
		text = w->line1;
		len = w->line1_len;
	}
	line += w->line0;
	v = fg_report_add(w->report, rule, "%s%sline %zu, column %zu: %s", w->pre, w->sep, line,
			  column, what);
	free(what);
	fg_violation_locate(v, line, column, text, len, width);
	return v;
}

/* Length of the line starting at TEXT (up to '\n' or the end, TEXT[0..LEN)). */
static size_t line_len(const char *text, size_t len)
{
	const char *nl = memchr(text, '\n', len);

	return nl ? (size_t)(nl - text) : len;
}

/* Non-zero when TEXT[0..LEN) is only spaces and tabs. */
static int blank(const char *text, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (text[i] != ' ' && text[i] != '\t')
			return 0;
	return 1;
}

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

/*
 * bodyMaxLineLength: the first line after the header longer than the
 * maximum; with rule.bodyMaxLineLength.ignoreUrls, not a line holding a URL.
 */
static void check_body(const struct where *w, const struct fg_config *cfg, const char *text,
		       size_t len)
{
	size_t line = 1, pos = line_len(text, len) + 1;

	while (pos < len) {
		size_t n = line_len(text + pos, len - pos), chars;

		line++;
		if ((chars = fg_utf8_length(text + pos, n)) > cfg->body_max_line_length &&
		    !(cfg->body_ignore_urls && has_url(text + pos, n))) {
			struct fg_violation *v = add_at(w, FG_RULE_BODY_MAX_LINE_LENGTH, line,
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

static void report_breaking_spelling(const struct where *w, size_t line, const char *text,
				     size_t len, size_t token_len)
{
	struct fg_violation *v = add_at(w, FG_RULE_BREAKING_CHANGE_FORMAT, line, 1, text, len,
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
	size_t vl = line_len(f->value, f->value_len);
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
		pos += line_len(text + pos, len - pos) + 1;
	return pos < len ? pos : len;
}

/*
 * breakingChangeFormat on the lines of TEXT[0..LEN), the first being line
 * LINE, that start with a breaking-change word in another spelling than
 * "BREAKING CHANGE:". In the footer block (FOOTERS), only the lines that
 * are no footer start ("Breaking change: y", "BREAKING CHANGES: y": the
 * word holds a space): the footers themselves are judged one by one.
 */
static void check_breaking_lines(const struct where *w, const char *text, size_t len,
				 size_t line, int footers)
{
	for (size_t pos = 0; pos < len; line++) {
		size_t n = line_len(text + pos, len - pos), t;
		const char *p = text + pos;

		if ((t = breaking_token(p, n)) && !breaking_exact(p, t, p[t]) &&
		    !(footers && fg_footer_token_valid(p, t)))
			report_breaking_spelling(w, line, p, n, t);
		pos += n + 1;
	}
}

/*
 * bodyLeadingBlank, footerFormat and breakingChangeFormat on the parsed
 * message MSG of TEXT[0..LEN) (Conventional Commits 1.0.0 items 6, 8-10,
 * 12, 15, 16).
 */
static void check_parts(const struct where *w, const struct fg_commit_message *msg,
			const char *text, size_t len)
{
	struct fg_violation *v;

	if (!msg->blank_after_header) {
		const char *l2 = msg->header + msg->header_len + 1;
		size_t n = line_len(l2, len - (size_t)(l2 - text));

		v = add_at(w, FG_RULE_BODY_LEADING_BLANK, 2, 1, l2, n, fg_utf8_length(l2, n),
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
			size_t n = line_len(q, (size_t)(end - q));

			if (blank(q, n)) {
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
		size_t n = line_len(f->token, len - (size_t)(f->token - text));
		size_t tw = fg_utf8_length(f->token, f->token_len);
		int empty = blank(f->value, f->value_len);
		char *dashed = NULL;

		if (f->breaking || breaking_exact(f->token, f->token_len, f->separator)) {
			if (empty) {
				v = add_at(w, FG_RULE_BREAKING_CHANGE_FORMAT, f->line, 1, f->token, n,
					   tw, "footer '%.*s' has no description", (int)f->token_len,
					   f->token);
				fg_violation_hint(v, "say what breaks and what to do: "
						  "'%.*s: <description>'", (int)f->token_len, f->token);
			}
		} else if (breaking_word(f->token, f->token_len) == f->token_len) {
			report_breaking_spelling(w, f->line, f->token, n, f->token_len);
		} else if (!fg_footer_token_valid(f->token, f->token_len)) {
			v = add_at(w, FG_RULE_FOOTER_FORMAT, f->line, 1, f->token, n, tw,
				   "footer token '%.*s' is not a word of letters, digits and '-'",
				   (int)f->token_len, f->token);
			fg_violation_hint(v, "write '-' in place of white space, e.g. '%s'",
					  (dashed = dashed_footer(f)) ? dashed : "Acked-by: <value>");
			free(dashed);
		} else if (empty) {
			v = add_at(w, FG_RULE_FOOTER_FORMAT, f->line, 1, f->token, n, tw,
				   "footer '%.*s' has no value", (int)f->token_len, f->token);
			fg_violation_hint(v, "delete line %zu, or give the footer a value: %.*s%s<value>",
					  f->line + w->line0, (int)f->token_len, f->token,
					  f->separator == '#' ? " #" : ": ");
		}
	}
}

/*
 * TEXT[0..LEN) in ASCII lowercase into OUT[0..SIZE), NUL-terminated and cut
 * to fit; returns non-zero when all of it fit.
 */
static int lower_copy(char *out, size_t size, const char *text, size_t len)
{
	size_t n = len < size ? len : size - 1;

	for (size_t i = 0; i < n; i++)
		out[i] = (char)(text[i] >= 'A' && text[i] <= 'Z' ? text[i] - 'A' + 'a' : text[i]);
	out[n] = '\0';
	return n == len;
}

/*
 * headerFormat on HEADER[0..LEN), which is not type(scope)!: subject. The
 * hint proposes the header it most likely meant (fg_suggest_header), as
 * line 1 is to be written (a fixup!'s: the header of the commit it fixes).
 */
static void report_header_format(const struct where *w, const struct fg_config *cfg,
				 const char *header, size_t len)
{
	char *types = join_list(cfg->types, cfg->ntypes);
	const char *colon = memchr(header, ':', len), *t = types ? types : "?";
	char *q = fg_quote(header, len, 80), *line = proposed_line1(w, cfg, header, len);
	struct fg_violation *v;

	if (fg_git_form_merge(header, len)) {
		/* a look-alike of git's merge message on a commit that is not a merge */
		v = add_at(w, FG_RULE_HEADER_FORMAT, 1, 1, header, len, 5,
			   "header %s is git's merge message, but the commit is not a merge",
			   q ? q : "?");
		if (line)
			fg_violation_hint(v, "write e.g. '%s' (types: %s): git writes 'Merge ...' "
					  "only for the merges it makes", line, t);
		else
			fg_violation_hint(v, "write type: subject (types: %s): git writes 'Merge ...' "
					  "only for the merges it makes", t);
	} else if (fg_git_form_revert_quote(header, len)) {
		v = add_at(w, FG_RULE_HEADER_FORMAT, 1, 1, header, len, header[1] == 'e' &&
			   header[2] == 'v' ? 6 : 7,
			   "header %s is git's revert message without its line 'This reverts commit "
			   "<oid>.'", q ? q : "?");
		if (line)
			fg_violation_hint(v, "write e.g. '%s', or keep the line git revert writes, "
					  "This reverts commit <full oid>.", line);
		else
			fg_violation_hint(v, "keep the line git revert writes, This reverts commit "
					  "<full oid>., or write revert: <subject>");
	} else {
		const char *what = "is not 'type(scope)!: subject'";
		size_t col = 1, width = colon ? (size_t)(colon - header) : len;

		if (len > 2 && header[0] == '[' && memchr(header, ']', len)) {
			what = "has its type in brackets"; /* "[release] 0.16.0" */
			width = (size_t)((const char *)memchr(header, ']', len) - header) + 1;
		} else if (colon && colon + 1 < header + len && colon[1] != ' ' && colon != header) {
			what = "has no space after the colon";
			col = fg_utf8_length(header, (size_t)(colon - header)) + 2;
			width = 0;
		}
		v = add_at(w, FG_RULE_HEADER_FORMAT, 1, col, header, len,
			   width ? fg_utf8_length(header, width) : 1, "header %s %s", q ? q : "?",
			   what);
		if (line && w->line1)
			fg_violation_hint(v, "name the header of the commit it changes after %.*s, "
					  "as git commit --fixup=<commit> writes it, e.g. '%s' "
					  "(types: %s)", (int)(strcspn(w->line1, "!") + 1), w->line1,
					  line, t);
		else if (line)
			fg_violation_hint(v, "start with a type and a colon, e.g. '%s' (types: %s)",
					  line, t);
		else
			fg_violation_hint(v, "start with a type and a colon, then what the commit does "
					  "(types: %s)", t);
	}
	free(line);
	free(types);
	free(q);
}

/* Non-zero when HEADER[0..LEN) names VERSION as a whole ("v0.16.0" yes, "0.16.0-rc1" no). */
static int names_version(const char *header, size_t len, const char *version)
{
	size_t n = strlen(version);

	for (size_t i = 0; n && i + n <= len; i++) {
		char before = i ? header[i - 1] : ' ', after = i + n < len ? header[i + n] : ' ';

		if (memcmp(header + i, version, n))
			continue;
		if ((before >= '0' && before <= '9') || before == '.' || before == '-' ||
		    before == '+')
			continue;
		if ((after >= '0' && after <= '9') || (after >= 'a' && after <= 'z') ||
		    (after >= 'A' && after <= 'Z') || after == '-' || after == '+' ||
		    (after == '.' && i + n + 1 < len && header[i + n + 1] >= '0' &&
		     header[i + n + 1] <= '9'))
			continue;
		return 1;
	}
	return 0;
}

/* The names of the cases in CASES, joined by ", ", into BUF. */
static const char *case_names(unsigned cases, char *buf, size_t size)
{
	size_t used = 0;

	buf[0] = '\0';
	for (unsigned bit = 1; bit < 1u << FG_CASE__COUNT; bit <<= 1)
		if (cases & bit && used < size)
			used += (size_t)snprintf(buf + used, size - used, "%s%s", used ? ", " : "",
						 fg_case_name(bit));
	return buf;
}

/* subjectCase (off by default), as commitlint's subject-case judges it. */
static void check_subject_case(const struct where *w, const struct fg_config *cfg,
			       const struct fg_commit_message *msg)
{
	char names[256], *hint = NULL; /* two lists of at most the 8 case names */
	char *full = NULL, *line = NULL;
	unsigned matched;
	struct fg_violation *v;
	int rc = fg_case_judge(msg->subject, msg->subject_len, cfg->subject_cases,
			       cfg->subject_case_never, &matched, &hint);

	if (rc < 0)
		w->report->oom = 1;
	if (rc <= 0)
		return;
	v = add_at(w, FG_RULE_SUBJECT_CASE, 1, msg->subject_column, msg->header, msg->header_len,
		   fg_utf8_length(msg->subject, msg->subject_len),
		   cfg->subject_case_never ? "subject is %s; rule.subjectCase: none of %s" :
		   "subject is none of %s; rule.subjectCase: one of %s",
		   case_names(cfg->subject_case_never ? matched : cfg->subject_cases, names,
			      sizeof(names) / 2), case_names(cfg->subject_cases, names + sizeof(names) / 2,
			      sizeof(names) / 2));
	if (hint && (full = fg_strdupf("%.*s: %s", (int)(msg->subject - msg->header - 2),
				       msg->header, hint)) && (line = line1_with(w, full)))
		fg_violation_hint(v, "write e.g. '%s'", line);
	else
		fg_violation_hint(v, "write the subject in another case (flowgate config shows "
				  "rule.subjectCase)");
	free(line);
	free(full);
	free(hint);
}

/*
 * Line 1 with the header H[0..HL) under TYPE in place of its first
 * TYPE_LEN bytes, when the header rules accept it (line1_with); else NULL.
 */
static char *with_type(const struct where *w, const struct fg_config *cfg, const char *h,
		       size_t hl, size_t type_len, const char *type)
{
	char *header = fg_strdupf("%s%.*s", type, (int)(hl - type_len), h + type_len), *line;

	line = header && fg_header_passes(cfg, header, strlen(header)) ? line1_with(w, header)
								       : NULL;
	free(header);
	return line;
}

/* The header rules on the parsed MSG (a valid Conventional Commits header). */
static void check_header(const struct where *w, struct fg_config *cfg,
			 const struct fg_commit_message *msg,
			 const struct fg_message_context *ctx)
{
	const char *h = msg->header;
	size_t hl = msg->header_len, tw = fg_utf8_length(msg->type, msg->type_len), upper = 0;
	struct fg_violation *v;
	const char *meant;
	/* typeEnum ignores case: typeCase says it */
	int known = in_list(cfg->types, cfg->ntypes, msg->type, msg->type_len, 1);

	for (size_t i = 0; i < msg->type_len; i++)
		upper += msg->type[i] >= 'A' && msg->type[i] <= 'Z';
	/* "WIP": one problem (not a type), said once, by typeEnum */
	if (upper && known) {
		char lower[64], *line = proposed_line1(w, cfg, h, hl);

		lower_copy(lower, sizeof(lower), msg->type, msg->type_len);
		v = add_at(w, FG_RULE_TYPE_CASE, 1, 1, h, hl, tw, "type '%.*s' is not lowercase",
			   (int)msg->type_len, msg->type);
		if (line)
			fg_violation_hint(v, "write the type in lowercase, e.g. '%s'", line);
		else
			fg_violation_hint(v, "write the type in lowercase: %s", lower);
		free(line);
	}
	if (!known) {
		char *types = join_list(cfg->types, cfg->ntypes), *line = NULL;

		v = add_at(w, FG_RULE_TYPE_ENUM, 1, 1, h, hl, tw, "type '%.*s' is not a workflow type",
			   (int)msg->type_len, msg->type);
		if ((meant = fg_type_meant(cfg, msg->type, msg->type_len)) &&
		    (line = proposed_line1(w, cfg, h, hl)))
			fg_violation_hint(v, "write the type %s, e.g. '%s' (types: %s)", meant, line,
					  types ? types : "?");
		else
			fg_violation_hint(v, "use one of: %s", types ? types : "?");
		free(line);
		free(types);
	}
	if (msg->scope && cfg->nscopes &&
	    !in_list(cfg->scopes, cfg->nscopes, msg->scope, msg->scope_len, 0)) {
		char *scopes = join_list(cfg->scopes, cfg->nscopes);
		char *line = proposed_line1(w, cfg, h, hl);

		v = add_at(w, FG_RULE_SCOPE_ENUM, 1, tw + 2, h, hl,
			   fg_utf8_length(msg->scope, msg->scope_len),
			   "scope '%.*s' is not one of the configured scopes", (int)msg->scope_len,
			   msg->scope);
		if (line)
			fg_violation_hint(v, "use one of: %s, or no scope, e.g. '%s'",
					  scopes ? scopes : "?", line);
		else
			fg_violation_hint(v, "use one of: %s, or no scope", scopes ? scopes : "?");
		free(line);
		free(scopes);
	}
	if (blank(msg->subject, msg->subject_len)) {
		char *q = fg_quote(h, hl, 80);

		v = add_at(w, FG_RULE_SUBJECT_EMPTY, 1, msg->subject_column, h, hl, 1,
			   "header %s has an empty subject", q ? q : "?");
		free(q);
		fg_violation_hint(v, "say what the commit does after '%.*s: '", (int)msg->type_len,
				  msg->type);
	} else if (msg->subject[msg->subject_len - 1] == '.') {
		size_t end = (size_t)(msg->subject - h) + msg->subject_len;

		char *line = proposed_line1(w, cfg, h, hl);

		v = add_at(w, FG_RULE_SUBJECT_FULL_STOP, 1, fg_utf8_length(h, end), h, hl, 1,
			   "subject ends with a full stop");
		if (line)
			fg_violation_hint(v, "drop the final full stop (the subject is a title), e.g. "
					  "'%s'", line);
		else
			fg_violation_hint(v, "drop the final full stop: the subject is a title");
		free(line);
	}
	if (cfg->severity[FG_RULE_SUBJECT_CASE] != FG_OFF && !blank(msg->subject, msg->subject_len))
		check_subject_case(w, cfg, msg);
	if (ctx && ctx->new_version && !names_version(h, hl, ctx->new_version)) {
		int final = !strchr(ctx->new_version, '-');
		char *proposal, *line;

		v = add_at(w, FG_RULE_VERSION_BUMP_MESSAGE, 1, 1, h, hl, fg_utf8_length(h, hl),
			   "the commit changes the version files%s%s to %s, but the header "
			   "does not name %s", ctx->old_version ? " from " : "",
			   ctx->old_version ? ctx->old_version : "", ctx->new_version,
			   ctx->new_version);
		proposal = fg_strdupf("%s: %s %s", fg_release_commit_type(cfg, !final),
				      final ? "prepare release" : "bump version to", ctx->new_version);
		line = proposal && fg_header_passes(cfg, proposal, strlen(proposal))
		       ? line1_with(w, proposal) : NULL;
		if (line)
			fg_violation_hint(v, "say it in the header, e.g. '%s'", line);
		else
			fg_violation_hint(v, "say %s in the header", ctx->new_version);
		free(line);
		free(proposal);
	}
	if (ctx && ctx->branch) {
		struct fg_branch b;

		if (fg_branch_parse(cfg, ctx->branch, &b) == 0 &&
		    ((b.kind == FG_BRANCH_HOTFIX && !in_list((char *const[]){ "fix", "hotfix" }, 2,
							     msg->type, msg->type_len, 1)) ||
		     (b.kind == FG_BRANCH_DOCS && !in_list((char *const[]){ "docs" }, 1, msg->type,
							   msg->type_len, 1)))) {
			int hot = b.kind == FG_BRANCH_HOTFIX;
			char *line;

			v = add_at(w, FG_RULE_BRANCH_COMMIT_TYPE, 1, 1, h, hl, tw,
				   "type '%.*s' on %s branch '%s'; %s", (int)msg->type_len, msg->type,
				   hot ? "hotfix" : "docs", ctx->branch,
				   hot ? "a hotfix branch holds fixes only" :
					 "a docs branch holds documentation only");
			line = with_type(w, cfg, h, hl, msg->type_len, hot ? "fix" : "docs");
			if (!line && hot)
				line = with_type(w, cfg, h, hl, msg->type_len, "hotfix");
			if (line)
				fg_violation_hint(v, "use type %s, e.g. '%s', or make the commit on a "
						  "feature/* branch", hot ? "fix or hotfix" : "docs", line);
			else
				fg_violation_hint(v, "use type %s, or make the commit on a feature/* "
						  "branch", hot ? "fix or hotfix" : "docs");
			free(line);
		}
	}
}

/* MESSAGE[0..*LEN) without the CR of CRLF line ends, newly allocated (NULL on OOM). */
static char *strip_cr(const char *message, size_t *len)
{
	size_t n = *len, j = 0;
	char *out = malloc(n + 1);

	if (!out)
		return NULL;
	for (size_t i = 0; i < n; i++)
		if (!(message[i] == '\r' && (i + 1 == n || message[i + 1] == '\n')))
			out[j++] = message[i];
	out[j] = '\0';
	*len = j;
	return out;
}

/* Non-zero when ENCODING names UTF-8 (git's is_encoding_utf8: "utf-8", "utf8", any case). */
static int is_utf8_name(const char *encoding)
{
	return !encoding || !*encoding || !strcasecmp(encoding, "utf-8") ||
	       !strcasecmp(encoding, "utf8");
}

int fg_message_to_utf8(char **out, size_t *out_len, const char *text, size_t len,
		       const char *encoding)
{
	iconv_t cd;
	char *buf, *in = (char *)text, *o;
	size_t cap, left = len, room;

	*out = NULL;
	*out_len = 0;
	if (is_utf8_name(encoding))
		return 0;
	if ((cd = iconv_open("UTF-8", encoding)) == (iconv_t)-1)
		return -1;
	/* 4 bytes of UTF-8 at most per input byte (any single-byte or CJK charset) */
	cap = len > (SIZE_MAX - 1) / 4 ? SIZE_MAX : len * 4 + 1;
	if (cap == SIZE_MAX || !(buf = malloc(cap))) {
		iconv_close(cd);
		return -3;
	}
	o = buf;
	room = cap - 1;
	if (iconv(cd, &in, &left, &o, &room) == (size_t)-1 ||
	    iconv(cd, NULL, NULL, &o, &room) == (size_t)-1) {
		int e = errno;

		iconv_close(cd);
		free(buf);
		return e == E2BIG ? -3 : -2;
	}
	iconv_close(cd);
	*o = '\0';
	*out = buf;
	*out_len = (size_t)(o - buf);
	return 1;
}

/* messageEncoding: TEXT[0..LEN) is not valid UTF-8 from offset BAD on. */
static void report_bad_utf8(const struct where *w, const char *text, size_t len, size_t bad)
{
	size_t line, column, start, n;
	struct fg_violation *v;

	fg_text_position(text, len, bad, &line, &column, &start, &n);
	v = add_at(w, FG_RULE_MESSAGE_ENCODING, line, column, text + start, n, 1,
		   "byte 0x%02x is not valid UTF-8", (unsigned char)text[bad]);
	fg_violation_hint(v, "save the message as UTF-8, or set i18n.commitEncoding to the "
			  "encoding you write in (git config i18n.commitEncoding ISO-8859-1)");
}

/*
 * headerMaxLength on the subject git shows (pretty.c, format_subject: git
 * log --oneline, rebase -i, format-patch): the first paragraph of
 * TEXT[0..LEN), its lines joined by one space, each without its trailing
 * white space. The header alone when line 2 is blank.
 */
static void check_subject_length(const struct where *w, const struct fg_config *cfg,
				 const char *text, size_t len)
{
	size_t max = cfg->header_max_length, chars = 0, lines = 0, pos = 0;
	size_t at_line = 0, at_column = 0, at_start = 0, at_len = 0, at_width = 0;
	struct fg_violation *v;

	while (pos < len || !lines) {
		size_t n = line_len(text + pos, len - pos), k = n, c;

		while (k && (text[pos + k - 1] == ' ' || text[pos + k - 1] == '\t'))
			k--;
		if (lines && !k)
			break;
		if (lines)
			chars++; /* the space git joins the lines with */
		c = fg_utf8_length(text + pos, k);
		lines++;
		if (!at_line && chars + c > max) { /* the first character over the limit */
			at_line = lines;
			at_column = max >= chars ? max - chars + 1 : 1;
			at_start = pos;
			at_len = n;
			at_width = c - (at_column - 1);
		}
		chars += c;
		pos += n + 1;
	}
	if (chars <= max)
		return;
	if (lines == 1) {
		v = add_at(w, FG_RULE_HEADER_MAX_LENGTH, 1, at_column, text, at_len, at_width,
			   "header is %zu characters long, more than %lu", chars, max);
		fg_violation_hint(v, "shorten the first line to %lu characters and put details in "
				  "the body, after a blank line", max);
		return;
	}
	v = add_at(w, FG_RULE_HEADER_MAX_LENGTH, at_line, at_column, text + at_start, at_len,
		   at_width ? at_width : 1, "the subject git shows is lines 1-%zu joined (no blank "
		   "line 2), %zu characters long, more than %lu", lines, chars, max);
	if (fg_utf8_length(text, line_len(text, len)) <= max)
		fg_violation_hint(v, "insert a blank line after line %zu, the header: git takes the "
				  "whole first paragraph for the subject", 1 + w->line0);
	else
		fg_violation_hint(v, "end the header on line %zu, at most %lu characters, then a "
				  "blank line: git takes the whole first paragraph for the subject",
				  1 + w->line0, max);
}

/*
 * Line 1 LINE[0..LEN) without its carriage returns and bidirectional
 * controls, when that passes the header rules or is one of git's own forms
 * (judged as such); else the header fg_suggest_header makes of it. Newly
 * allocated, or NULL (none, or out of memory).
 */
static char *display_fix(const struct fg_config *cfg, const char *line, size_t len)
{
	char *out = malloc(len + 1), *sugg;
	size_t n = 0;

	if (!out)
		return NULL;
	for (size_t i = 0; i < len; i++) {
		const unsigned char *l = (const unsigned char *)line + i;

		if (*l == '\r')
			continue;
		if (i + 2 < len && l[0] == 0xe2 && ((l[1] == 0x80 && l[2] >= 0xaa && l[2] <= 0xae) ||
						    (l[1] == 0x81 && l[2] >= 0xa6 && l[2] <= 0xa9))) {
			i += 2;
			continue;
		}
		out[n++] = line[i];
	}
	out[n] = '\0';
	if (fg_header_passes(cfg, out, n) || fg_message_git_form(out, n, NULL, NULL) != FG_FORM_NONE)
		return out;
	sugg = fg_suggest_header(cfg, out, n);
	free(out);
	return sugg;
}

/*
 * headerFormat on what displays as other text than git stores, in the
 * subject (the first paragraph of TEXT[0..LEN)): a carriage return that
 * does not end a line (a terminal writes what follows it over what comes
 * before), or a bidirectional control character, U+202A-U+202E or
 * U+2066-U+2069 (the text after it shows reordered). The first one found.
 * Returns non-zero when there was one.
 */
static int check_display(const struct where *w, const struct fg_config *cfg, const char *text,
			 size_t len)
{
	for (size_t pos = 0, line = 1; pos < len; line++) {
		size_t n = line_len(text + pos, len - pos);
		const unsigned char *l = (const unsigned char *)text + pos;

		if (line > 1 && blank(text + pos, n))
			break;
		for (size_t i = 0; i < n; i++) {
			int cr = l[i] == '\r';
			int bidi = i + 2 < n && l[i] == 0xe2 &&
				   ((l[i + 1] == 0x80 && l[i + 2] >= 0xaa && l[i + 2] <= 0xae) ||
				    (l[i + 1] == 0x81 && l[i + 2] >= 0xa6 && l[i + 2] <= 0xa9));
			struct fg_violation *v;
			size_t column;
			char *fixed = NULL;

			if (!cr && !bidi)
				continue;
			column = fg_utf8_length(text + pos, i) + 1;
			if (cr)
				v = add_at(w, FG_RULE_HEADER_FORMAT, line, column, text + pos, n, 1,
					   "the header holds a carriage return: a terminal shows the "
					   "text after it over the text before");
			else
				v = add_at(w, FG_RULE_HEADER_FORMAT, line, column, text + pos, n, 1,
					   "the header holds the bidirectional control U+%04X: the text "
					   "after it displays reordered", 0x2000u |
					   (l[i + 1] == 0x80 ? 0u : 0x40u) | (l[i + 2] & 0x3fu));
			if (line == 1 && (fixed = display_fix(cfg, text + pos, n)))
				fg_violation_hint(v, "retype the header without it, e.g. '%s': what git "
						  "log shows must be what git stores", fixed);
			else
				fg_violation_hint(v, "retype line %zu without it: what git log shows "
						  "must be what git stores", line);
			free(fixed);
			return 1;
		}
		pos += n + 1;
	}
	return 0;
}

/*
 * A "Merge ..." header HEADER[0..LEN) is git's when the commit is a merge,
 * or, in commit-msg, an amend of HEAD, a merge, keeping its header.
 */
static int is_merge(const struct fg_message_context *ctx, const char *header, size_t len)
{
	return ctx && (ctx->merge || (ctx->head_merge_header &&
				      strlen(ctx->head_merge_header) == len &&
				      !memcmp(ctx->head_merge_header, header, len)));
}

/*
 * The hints of REPORT's violations from BEFORE on, about CTX->commit, a
 * commit already made: each ends with the command that rewords it.
 */
static void add_reword(struct fg_report *report, size_t before, const struct fg_message_context *ctx)
{
	char *how;

	if (ctx->root)
		how = fg_strdupf("git rebase -i --root (pick -> reword on the line of %.12s)",
				 ctx->commit);
	else if (ctx->merge)
		how = fg_strdupf("git rebase -i --rebase-merges %.12s^ (-C -> -c on its merge line)",
				 ctx->commit);
	else
		how = fg_strdupf("git rebase -i %.12s^ (pick -> reword on its line)", ctx->commit);
	for (size_t i = before; how && i < report->n; i++) {
		struct fg_violation *v = &report->items[i];
		char *hint = v->hint;

		v->hint = NULL;
		fg_violation_hint(v, "%s%sthe commit is made: reword it with %s, then push again",
				  hint ? hint : "", hint ? "; " : "", how);
		if (!v->hint) { /* out of memory: the hint as it was */
			v->hint = hint;
			report->oom = 1;
		} else {
			free(hint);
		}
	}
	if (!how)
		report->oom = 1;
	free(how);
}

size_t fg_check_message(struct fg_report *report, struct fg_config *cfg, const char *message,
			const char *where, const struct fg_message_context *ctx)
{
	size_t before = report->n, len = strlen(message), hl, bad, target = 0, target_len = 0;
	struct where w = { report, where ? where : "", where ? ": " : "", NULL, 0, 0, 0, 0, 0 };
	struct fg_commit_message msg;
	const char *text = message;
	char *converted = NULL, *stripped = NULL, *judged = NULL;
	enum fg_git_form form;
	int rc;

	if (ctx && !is_utf8_name(ctx->encoding)) {
		rc = fg_message_to_utf8(&converted, &len, message, len, ctx->encoding);
		if (rc == -3) {
			report->oom = 1;
			return 0;
		}
		if (rc < 0) {
			struct fg_violation *v = fg_report_add(report, FG_RULE_MESSAGE_ENCODING,
				rc == -1 ? "%s%sthe message's encoding '%s' is not one this system "
					   "knows" : "%s%sthe message is not valid %s", w.pre, w.sep,
				ctx->encoding);
			fg_violation_hint(v, "set i18n.commitEncoding to the encoding the message is "
					  "written in (iconv --list names them), or write it in UTF-8");
			return report->n - before;
		}
		text = converted;
	}
	if (memchr(text, '\r', len)) {
		/* CRLF line ends: `git commit --cleanup=verbatim` stores them */
		if (!(stripped = strip_cr(text, &len))) {
			report->oom = 1;
			goto out;
		}
		text = stripped;
	}
	/* git shows the first non-blank line as the subject (pretty.c,
	 * skip_blank_lines): blank lines stay above it only in a verbatim message */
	while ((hl = line_len(text, len)) < len && blank(text, hl)) {
		text += hl + 1;
		len -= hl + 1;
		w.line0++;
	}
	if (!hl || blank(text, hl))
		goto out;
	check_display(&w, cfg, text, len);
	form = fg_message_git_form(text, len, &target, &target_len);
	if ((form == FG_FORM_MERGE && is_merge(ctx, text, hl)) || form == FG_FORM_SQUASHED)
		goto out;
	if (fg_config_match_ignore(cfg, text, hl) != 0)
		goto out; /* accepted as it is (1), or a pattern failed (CFG->error set) */
	if (form == FG_FORM_AUTOSQUASH && target_len) {
		/* judged as the commit autosquash makes: the target's header */
		if (fg_config_match_ignore(cfg, text + target, target_len) != 0)
			goto out;
		if (!(judged = malloc(target_len + len - hl + 1))) {
			report->oom = 1;
			goto out;
		}
		memcpy(judged, text + target, target_len);
		memcpy(judged + target_len, text + hl, len - hl + 1);
		w.line1 = text;
		w.line1_len = hl;
		w.col1 = fg_utf8_length(text, target);
		w.judged_off = target;
		w.judged_len = target_len;
		len = target_len + len - hl;
		hl = target_len;
		text = judged;
	}
	/* the parser checks the UTF-8 (one pass); where it fails is looked up then */
	if ((rc = fg_commit_parse(text, len, &msg)) == -2) {
		bad = fg_utf8_valid_prefix(text, len);
		report_bad_utf8(&w, text, len, bad);
		goto out;
	}
	if (rc < 0) {
		report->oom = 1;
		goto out;
	}
	if (form == FG_FORM_REVERT)
		; /* git's header: the body and footers are still the author's */
	else if (!msg.header_valid)
		report_header_format(&w, cfg, text, hl);
	else
		check_header(&w, cfg, &msg, ctx);
	if (form != FG_FORM_REVERT)
		check_subject_length(&w, cfg, text, len);
	if (hl < len) {
		check_body(&w, cfg, text, len);
		check_parts(&w, &msg, text, len);
	}
	fg_commit_message_release(&msg);
out:
	if (ctx && ctx->commit)
		add_reword(report, before, ctx);
	free(judged);
	free(stripped);
	free(converted);
	return report->n - before;
}

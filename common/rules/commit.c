/*
 * Conventional Commits 1.0.0 message parser: one pass over the lines finds
 * the header, the paragraphs and the last one; a second pass over that last
 * paragraph decides whether it is the footer block.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "commit.h"

#define BREAKING_CHANGE "BREAKING CHANGE"
#define BREAKING_CHANGE_LEN (sizeof(BREAKING_CHANGE) - 1)
#define CHERRY_PICK "(cherry picked from commit "
#define CHERRY_PICK_LEN (sizeof(CHERRY_PICK) - 1)

size_t fg_utf8_valid_prefix(const char *text, size_t len)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t i = 0;

	while (i < len) {
		unsigned c = s[i];
		uint32_t cp, min;
		size_t more;

		if (c < 0x80) {
			uint64_t w;

			/* ASCII, most of a message: eight bytes at a time */
			i++;
			while (len - i >= 8 && (memcpy(&w, s + i, 8), !(w & 0x8080808080808080u)))
				i += 8;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF)
			more = 1, cp = c & 0x1F, min = 0x80;
		else if ((c & 0xF0) == 0xE0)
			more = 2, cp = c & 0x0F, min = 0x800;
		else if (c >= 0xF0 && c <= 0xF4)
			more = 3, cp = c & 0x07, min = 0x10000;
		else
			return i;
		if (len - i - 1 < more)
			return i;
		for (size_t k = 1; k <= more; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return i;
			cp = cp << 6 | (s[i + k] & 0x3F);
		}
		if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return i;
		i += more + 1;
	}
	return len;
}

static int is_blank(const char *line, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (line[i] != ' ' && line[i] != '\t')
			return 0;
	return 1;
}

static int is_word_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '-';
}

/* Length of the word token (item 9) at the start of S[0..LEN), 0 if none. */
static size_t word_span(const char *s, size_t len)
{
	size_t n = 0;

	if (!len || s[0] == '-')
		return 0;
	while (n < len && is_word_char(s[n]))
		n++;
	return n;
}

/*
 * The separator after a token of T bytes at the start of LINE[0..LEN)
 * (item 8): ':' for ": " (or ':' ending the line), '#' for " #"; 0 when
 * none. *VALUE gets the offset of the value.
 */
static char separator_at(const char *line, size_t len, size_t t, size_t *value)
{
	if (t < len && line[t] == ':' && (t + 1 == len || line[t + 1] == ' ')) {
		*value = t + 1 == len ? len : t + 2;
		return ':';
	}
	if (t + 1 < len && line[t] == ' ' && line[t + 1] == '#') {
		*value = t + 2;
		return '#';
	}
	return 0;
}

/* Non-zero, with F filled (but its line), when LINE[0..LEN) starts a footer. */
static int footer_start(const char *line, size_t len, struct fg_footer *f)
{
	size_t t = 0, value = 0;
	char sep = 0;

	if (len >= BREAKING_CHANGE_LEN && !memcmp(line, BREAKING_CHANGE, BREAKING_CHANGE_LEN))
		sep = separator_at(line, len, t = BREAKING_CHANGE_LEN, &value);
	if (!sep && (t = word_span(line, len)) != 0)
		sep = separator_at(line, len, t, &value);
	if (!sep)
		return 0;
	memset(f, 0, sizeof(*f));
	f->token = line;
	f->token_len = t;
	f->separator = sep;
	f->value = line + value;
	f->value_len = len - value;
	f->breaking = sep == ':' && t == BREAKING_CHANGE_LEN &&
		(!memcmp(line, BREAKING_CHANGE, t) || !memcmp(line, "BREAKING-CHANGE", t));
	return 1;
}

/* Non-zero when LINE[0..LEN) is git's "(cherry picked from commit <hex>)". */
static int is_cherry_pick(const char *line, size_t len)
{
	size_t hex;

	if (len < CHERRY_PICK_LEN + 1 || memcmp(line, CHERRY_PICK, CHERRY_PICK_LEN) ||
	    line[len - 1] != ')')
		return 0;
	hex = len - CHERRY_PICK_LEN - 1;
	if (hex < 4 || hex > 64)
		return 0;
	for (size_t i = CHERRY_PICK_LEN; i < len - 1; i++) {
		char c = line[i];
		if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')))
			return 0;
	}
	return 1;
}

static int push_footer(struct fg_commit_message *out, size_t *cap, const struct fg_footer *f)
{
	if (out->nfooters == *cap) {
		size_t n = *cap ? *cap * 2 : 4;
		struct fg_footer *p;

		if (n > SIZE_MAX / sizeof(*p) || !(p = realloc(out->footers, n * sizeof(*p))))
			return -1;
		out->footers = p;
		*cap = n;
	}
	out->footers[out->nfooters++] = *f;
	return 0;
}

/*
 * Read MSG[START..STOP), the last paragraph, whose first line is line LINE,
 * as the footer block into OUT. Returns 1 when it is one, 0 when it is body
 * (OUT's footers and cherry-pick line emptied), -1 when out of memory.
 */
static int parse_footer_block(const char *msg, size_t start, size_t stop, size_t line,
			      struct fg_commit_message *out)
{
	size_t cap = 0, pos = start;
	int open = 0; /* the last footer's value may continue */

	for (;;) {
		const char *nl = memchr(msg + pos, '\n', stop - pos);
		size_t end = nl ? (size_t)(nl - msg) : stop;
		struct fg_footer f;

		if (is_cherry_pick(msg + pos, end - pos)) {
			out->cherry_pick = msg + pos;
			out->cherry_pick_len = end - pos;
			open = 0;
		} else if (footer_start(msg + pos, end - pos, &f) &&
			   !(open && !f.value_len && end >= stop && !f.breaking)) {
			f.line = line;
			if (push_footer(out, &cap, &f) < 0)
				return -1;
			open = 1;
		} else if (open) {
			struct fg_footer *last = &out->footers[out->nfooters - 1];

			if (!last->value_len)
				last->value = msg + pos; /* "Token:" then the value below */
			last->value_len = (size_t)(msg + end - last->value);
		} else {
			free(out->footers);
			out->footers = NULL;
			out->nfooters = 0;
			out->cherry_pick = NULL;
			out->cherry_pick_len = 0;
			return 0;
		}
		if (end >= stop)
			return 1;
		pos = end + 1;
		line++;
	}
}

/*
 * `git commit -s` on a message whose last paragraph is "BREAKING CHANGE: x"
 * adds a blank line before Signed-off-by (git 2.39 does not take "BREAKING
 * CHANGE" for a trailer), so the breaking change lands one paragraph above
 * the footer block. When MSG[START..STOP), the paragraph right before the
 * block (first line LINE), is footers only and starts with a breaking one,
 * it joins the block, in front. Returns 1 when it did, 0 when not, -1 when
 * out of memory.
 */
static int join_breaking_paragraph(const char *msg, size_t start, size_t stop, size_t line,
				   struct fg_commit_message *out)
{
	struct fg_commit_message para;
	struct fg_footer *all;
	int rc;

	fg_commit_message_init(&para);
	rc = parse_footer_block(msg, start, stop, line, &para);
	if (rc != 1 || !para.nfooters || !para.footers[0].breaking || para.cherry_pick) {
		free(para.footers);
		return rc < 0 ? -1 : 0;
	}
	if (!(all = malloc((para.nfooters + out->nfooters) * sizeof(*all)))) {
		free(para.footers);
		return -1;
	}
	memcpy(all, para.footers, para.nfooters * sizeof(*all));
	if (out->nfooters)
		memcpy(all + para.nfooters, out->footers, out->nfooters * sizeof(*all));
	free(out->footers);
	free(para.footers);
	out->footers = all;
	out->nfooters += para.nfooters;
	out->footer_line = line;
	return 1;
}

/*
 * The bytes \s stands for in the header's grammar: PCRE2's \s in UTF mode
 * without UCP, the C locale's white space (tab, LF, VT, FF, CR, space).
 */
static int header_space(unsigned char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

/*
 * The grammar is the pattern
 *     ^([^\s():!]+)(?:\(([^()\r\n]+)\))?(!)?:(?: (.*)|[ \t]*)\z
 * (PCRE2, UTF, '.' any character but LF), matched here by hand in one pass:
 * each repeated class excludes what follows it, so no backtracking can
 * change the match, and every byte it excludes is ASCII, so bytes of valid
 * UTF-8 are judged as its characters. tests/unit/check_commit_header.c
 * matches both on every short string of the grammar's characters.
 * HEADER[0..LEN) is valid UTF-8 (the caller checked it): 0 or -1 as
 * fg_header_parse returns them.
 */
static int header_match(const char *header, size_t len, struct fg_header *out)
{
	const char *p = header, *end = header + len, *scope = NULL, *subject = end;
	size_t type_len, scope_len = 0;
	int breaking = 0;

	/* type: [^\s():!]+ */
	while (p < end && !header_space((unsigned char)*p) && *p != '(' && *p != ')' &&
	       *p != ':' && *p != '!')
		p++;
	if (p == header)
		return -1;
	type_len = (size_t)(p - header);
	/* (scope): [^()\r\n]+ in parentheses */
	if (p < end && *p == '(') {
		scope = ++p;
		while (p < end && *p != '(' && *p != ')' && *p != '\r' && *p != '\n')
			p++;
		if (p == scope || p == end || *p != ')')
			return -1;
		scope_len = (size_t)(p++ - scope);
	}
	if (p < end && *p == '!') {
		breaking = 1;
		p++;
	}
	if (p == end || *p++ != ':')
		return -1;
	if (p < end && *p == ' ' && !memchr(p + 1, '\n', (size_t)(end - p - 1))) {
		subject = p + 1; /* " subject": the rest of the line */
	} else {
		/* "type:" alone, or with blanks only (cleanup strips them): an empty subject */
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		if (p != end)
			return -1;
	}
	out->type = header;
	out->type_len = type_len;
	out->scope = scope;
	out->scope_len = scope_len;
	out->breaking = breaking;
	out->subject = subject;
	out->subject_len = (size_t)(end - subject);
	return 0;
}

int fg_header_parse(const char *header, size_t len, struct fg_header *out)
{
	memset(out, 0, sizeof(*out));
	if (fg_utf8_valid_prefix(header, len) != len)
		return -2;
	return header_match(header, len, out);
}

size_t fg_utf8_length(const char *text, size_t len)
{
	size_t n = 0, i = 0;

	/* eight bytes at a time: each that is no continuation byte (10xxxxxx)
	 * starts a code point; the byte sum of 0/1 flags is in the top byte */
	for (; len - i >= 8; i += 8) {
		uint64_t w, cont;

		memcpy(&w, text + i, 8);
		cont = w & ~(w << 1) & 0x8080808080808080u;
		n += 8 - (size_t)(((cont >> 7) * 0x0101010101010101u) >> 56);
	}
	for (; i < len; i++)
		n += ((unsigned char)text[i] & 0xC0) != 0x80;
	return n;
}

/* The header's parts (items 1-5), by the grammar of fg_header_parse. */
static void parse_header(struct fg_commit_message *out)
{
	struct fg_header h;

	/* fg_commit_parse checked the whole message's UTF-8 already */
	if (header_match(out->header ? out->header : "", out->header_len, &h) < 0)
		return; /* not type(scope)!: subject: header_valid stays 0 */
	out->header_valid = 1;
	out->type = h.type;
	out->type_len = h.type_len;
	out->scope = h.scope;
	out->scope_len = h.scope_len;
	out->bang = h.breaking;
	out->subject = h.subject;
	out->subject_len = h.subject_len;
	out->subject_column = fg_utf8_length(out->header, (size_t)(h.subject - out->header)) + 1;
}

void fg_commit_message_init(struct fg_commit_message *msg)
{
	memset(msg, 0, sizeof(*msg));
}

int fg_commit_parse(const char *message, size_t len, struct fg_commit_message *out)
{
	/* What one pass over the lines learns. */
	size_t nlines = 0, pos = 0;
	int line2_blank = 0, prev_blank = 1;
	size_t body_start = 0, body_line = 0;             /* first non-blank line after line 1 */
	size_t para_start = 0, para_end = 0, para_line = 0; /* the last paragraph so far */
	size_t prev_para_end = 0;                         /* end of the paragraph before it */
	size_t prev_para_start = 0, prev_para_line = 0;   /* and where that one starts */
	size_t prev2_para_end = 0;                        /* end of the one before that */
	int rc;

	fg_commit_message_init(out);
	if (len && !message)
		return -1;
	if (fg_utf8_valid_prefix(message, len) != len)
		return -2;

	while (pos < len) {
		const char *nl = memchr(message + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - message) : len;
		int blank = is_blank(message + pos, end - pos);

		nlines++;
		if (nlines == 1) {
			out->header = message;
			out->header_len = end;
		}
		if (nlines == 2)
			line2_blank = blank;
		if (!blank) {
			if (prev_blank) {
				if (para_line) {
					prev2_para_end = prev_para_end;
					prev_para_end = para_end;
					prev_para_start = para_start;
					prev_para_line = para_line;
				}
				para_start = pos;
				para_line = nlines;
			}
			para_end = end;
			if (nlines >= 2 && !body_line) {
				body_start = pos;
				body_line = nlines;
			}
		}
		prev_blank = blank;
		pos = end + 1;
	}
	if (!nlines)
		out->header = message;
	out->blank_after_header = nlines < 2 || line2_blank;

	parse_header(out);

	/* The header's own paragraph is never the footer block. */
	if (para_line >= 2) {
		if ((rc = parse_footer_block(message, para_start, para_end, para_line, out)) < 0)
			goto fail;
		if (rc == 1) {
			out->footer_line = para_line;
			para_end = prev_para_end; /* the body ends before the block */
			if (prev_para_line >= 2) {
				rc = join_breaking_paragraph(message, prev_para_start, prev_para_end,
							     prev_para_line, out);
				if (rc < 0)
					goto fail;
				if (rc == 1)
					para_end = prev2_para_end;
			}
		}
	}
	if (body_line && (!out->footer_line || body_line < out->footer_line)) {
		out->body = message + body_start;
		out->body_len = para_end - body_start;
		out->body_line = body_line;
	}

	out->breaking = out->bang;
	for (size_t i = 0; i < out->nfooters; i++)
		out->breaking |= out->footers[i].breaking;
	return 0;

fail:
	fg_commit_message_release(out);
	return -1;
}

void fg_commit_message_release(struct fg_commit_message *msg)
{
	free(msg->footers);
	fg_commit_message_init(msg);
}

int fg_footer_token_valid(const char *token, size_t len)
{
	if (len == BREAKING_CHANGE_LEN && !memcmp(token, BREAKING_CHANGE, len))
		return 1;
	return len && word_span(token, len) == len;
}

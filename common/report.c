/* Collects violations and prints them with flowgate's fixed prefixes. */
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "report.h"

char *fg_vstrdupf(const char *fmt, va_list ap)
{
	va_list copy;
	int len;
	char *s;

	va_copy(copy, ap);
	len = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	if (len < 0 || !(s = malloc((size_t)len + 1)))
		return NULL;
	vsnprintf(s, (size_t)len + 1, fmt, ap);
	return s;
}

char *fg_strdupf(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = fg_vstrdupf(fmt, ap);
	va_end(ap);
	return s;
}

void fg_report_init(struct fg_report *report)
{
	memset(report, 0, sizeof(*report));
}

void fg_report_release(struct fg_report *report)
{
	for (size_t i = 0; i < report->n; i++) {
		free(report->items[i].message);
		free(report->items[i].hint);
		free(report->items[i].detail);
		free(report->items[i].excerpt);
	}
	free(report->items);
	fg_report_init(report);
}

struct fg_violation *fg_report_add(struct fg_report *report, enum fg_rule rule,
				   const char *fmt, ...)
{
	struct fg_violation *v;
	va_list ap;
	enum fg_severity sev = report->severity ? report->severity[rule] : fg_rule_info(rule)->severity;

	if (sev != FG_OFF && report->n == report->alloc) {
		size_t alloc = report->alloc ? report->alloc * 2 : 8;
		struct fg_violation *items = realloc(report->items, alloc * sizeof(*items));
		if (!items) {
			report->oom = 1;
			return NULL;
		}
		report->items = items;
		report->alloc = alloc;
	}
	if (sev == FG_OFF)
		return NULL;
	v = &report->items[report->n];
	v->rule = rule;
	v->severity = sev;
	v->hint = v->detail = NULL;
	v->line = v->column = v->caret_column = v->caret_width = 0;
	v->excerpt = NULL;
	va_start(ap, fmt);
	v->message = fg_vstrdupf(fmt, ap);
	va_end(ap);
	if (!v->message) {
		report->oom = 1;
		return NULL;
	}
	report->n++;
	return v;
}

void fg_violation_hint(struct fg_violation *v, const char *fmt, ...)
{
	va_list ap;

	if (!v)
		return;
	free(v->hint);
	va_start(ap, fmt);
	v->hint = fg_vstrdupf(fmt, ap);
	va_end(ap);
}

void fg_violation_detail(struct fg_violation *v, const char *text)
{
	if (!v)
		return;
	free(v->detail);
	v->detail = text && *text ? strdup(text) : NULL;
}

/* Bytes of the UTF-8 sequence starting TEXT[0..LEN), 0 when it is not one. */
static size_t utf8_seq(const unsigned char *text, size_t len)
{
	size_t n = text[0] < 0x80 ? 1 : text[0] >= 0xC2 && text[0] <= 0xDF ? 2 :
		   (text[0] & 0xF0) == 0xE0 ? 3 : text[0] >= 0xF0 && text[0] <= 0xF4 ? 4 : 0;

	if (n > len)
		return 0;
	for (size_t i = 1; i < n; i++)
		if ((text[i] & 0xC0) != 0x80)
			return 0;
	return n;
}

/* Code points in TEXT[0..LEN) (a byte that is not UTF-8 counts as one), up to MAX. */
static size_t utf8_count(const char *text, size_t len, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < len && n < max; i++)
		n += ((unsigned char)text[i] & 0xC0) != 0x80;
	return n;
}

#define EXCERPT_BEFORE 30 /* code points kept before the caret when the line is cut */
#define EXCERPT_WIDTH 100 /* code points shown at most */

void fg_violation_locate(struct fg_violation *v, size_t line, size_t column, const char *text,
			 size_t len, size_t width)
{
	const unsigned char *p = (const unsigned char *)text;
	size_t first = 0, cp = 0, shown = 0, pos = 0;
	char *out, *o;

	if (!v)
		return;
	v->line = line;
	v->column = column ? column : 1;
	free(v->excerpt);
	v->excerpt = NULL;
	/* a line longer than the excerpt: keep EXCERPT_BEFORE code points before the caret */
	if (v->column > EXCERPT_BEFORE + 20 && utf8_count(text, len, EXCERPT_WIDTH + 1) >
	    EXCERPT_WIDTH)
		first = v->column - 1 - EXCERPT_BEFORE; /* code points skipped */
	/* at most 4 bytes per code point shown, the two "..." and the NUL */
	if (!(out = o = malloc(EXCERPT_WIDTH * 4 + 8)))
		return;
	if (first) {
		memcpy(o, "...", 3);
		o += 3;
	}
	while (pos < len && shown < EXCERPT_WIDTH) {
		size_t n = utf8_seq(p + pos, len - pos);

		if (cp++ >= first) {
			if (!n || p[pos] < 0x20 || p[pos] == 0x7f)
				*o++ = !n ? '?' : ' ';
			else {
				memcpy(o, p + pos, n);
				o += n;
			}
			shown++;
		}
		pos += n ? n : 1;
	}
	if (pos < len) {
		memcpy(o, "...", 3);
		o += 3;
	}
	*o = '\0';
	v->excerpt = out;
	v->caret_column = v->column - first + (first ? 3 : 0);
	if (v->caret_column > shown + (first ? 3 : 0) + 1)
		v->caret_column = shown + (first ? 3 : 0) + 1; /* past the end: after it */
	v->caret_width = width ? width : 1;
	if (v->caret_column + v->caret_width > shown + (first ? 3 : 0) + 1)
		v->caret_width = shown + (first ? 3 : 0) + 1 - v->caret_column;
	if (!v->caret_width)
		v->caret_width = 1;
}

void fg_text_position(const char *text, size_t len, size_t off, size_t *line, size_t *column,
		      size_t *start, size_t *line_len)
{
	const char *nl;

	*line = 1;
	*start = 0;
	for (size_t i = 0; i < off; i++)
		if (text[i] == '\n')
			++*line, *start = i + 1;
	*column = utf8_count(text + *start, off - *start, SIZE_MAX) + 1;
	nl = memchr(text + off, '\n', len - off);
	*line_len = (nl ? (size_t)(nl - text) : len) - *start;
}

void fg_violation_print_excerpt(const struct fg_violation *v, FILE *out, const char *on,
				const char *off)
{
	if (!v->excerpt)
		return;
	fprintf(out, "    %s\n    %*s%s", v->excerpt, (int)(v->caret_column - 1), "", on);
	for (size_t k = 0; k < v->caret_width; k++)
		fputc('^', out);
	fprintf(out, "%s\n", off);
}

size_t fg_report_count(const struct fg_report *report, enum fg_severity sev)
{
	size_t count = 0;

	for (size_t i = 0; i < report->n; i++)
		count += report->items[i].severity == sev;
	return count;
}

const struct fg_violation *fg_report_find(const struct fg_report *report, enum fg_rule rule)
{
	for (size_t i = 0; i < report->n; i++)
		if (report->items[i].rule == rule)
			return &report->items[i];
	return NULL;
}

void fg_report_print(const struct fg_report *report, FILE *out, const char *hook,
		     int color, int downgrade)
{
	for (size_t i = 0; i < report->n; i++) {
		const struct fg_violation *v = &report->items[i];
		enum fg_severity sev = v->severity;
		const char *on = "", *off = "";

		if (sev == FG_OFF)
			continue;
		if (downgrade && sev == FG_ERROR)
			sev = FG_WARN;
		if (color) {
			on = sev == FG_ERROR ? "\033[1;31m" : sev == FG_WARN ? "\033[1;33m" : "\033[1;36m";
			off = "\033[m";
		}
		fprintf(out, "flowgate %s: %s%s%s: %s: %s\n", hook, on, fg_severity_name(sev), off,
			fg_rule_info(v->rule)->name, v->message);
		fg_violation_print_excerpt(v, out, on, off);
		for (const char *line = v->detail; line && *line;) {
			size_t len = strcspn(line, "\n");

			fprintf(out, "    %.*s\n", (int)len, line);
			line += len + (line[len] == '\n');
		}
		if (v->hint)
			fprintf(out, "%shint:%s %s\n", color ? "\033[33m" : "", off, v->hint);
	}
	if (report->oom)
		fprintf(out, "flowgate %s: error: out of memory: some violations were not recorded\n", hook);
}

int fg_use_color(int fd)
{
	const char *no_color = getenv("NO_COLOR");

	if (no_color && *no_color)
		return 0;
	return isatty(fd);
}

char *fg_quote(const char *text, size_t len, size_t max)
{
	size_t n = len < max ? len : max;
	char *out, *p;

	while (n < len && n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80)
		n--; /* never cut a UTF-8 sequence in two */
	out = p = malloc(n * 4 + 8);

	if (!out)
		return NULL;
	*p++ = '\'';
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)text[i];
		if (c < 0x20 || c == 0x7f || c == '\\') {
			p += sprintf(p, "\\x%02x", c);
		} else {
			*p++ = (char)c;
		}
	}
	*p++ = '\'';
	if (n < len)
		p += sprintf(p, "...");
	*p = '\0';
	return out;
}

void fg_json_string(FILE *out, const char *text)
{
	const unsigned char *p = (const unsigned char *)(text ? text : "");

	fputc('"', out);
	while (*p) {
		size_t n = *p < 0x80 ? 1 : (*p & 0xE0) == 0xC0 ? 2 : (*p & 0xF0) == 0xE0 ? 3 :
			   (*p & 0xF8) == 0xF0 ? 4 : 0;
		size_t i = 1;

		while (n && i < n && (p[i] & 0xC0) == 0x80)
			i++;
		if (!n || i < n || (n == 2 && *p < 0xC2)) {
			fputs("\\ufffd", out);
			p++;
		} else if (*p == '"' || *p == '\\') {
			fprintf(out, "\\%c", *p++);
		} else if (*p < 0x20) {
			fprintf(out, "\\u%04x", *p++);
		} else {
			fwrite(p, 1, n, out);
			p += n;
		}
	}
	fputc('"', out);
}

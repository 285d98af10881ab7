/* Collects violations and prints them with flowgate's fixed prefixes. */
#include <stdarg.h>
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
	v->hint = NULL;
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

/* Collects violations and prints them with flowgate's fixed prefixes. */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include "quote.h"
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

char *fg_sh_wordf(const char *fmt, ...)
{
	va_list ap;
	char *text, *word;

	va_start(ap, fmt);
	text = fg_vstrdupf(fmt, ap);
	va_end(ap);
	word = text ? fg_sh_quote(text, strlen(text), 0) : NULL;
	free(text);
	return word;
}

void fg_report_init(struct fg_report *report)
{
	memset(report, 0, sizeof(*report));
	report->scope = FG_SCOPE_NONE;
}

static void scopes_release(struct fg_report *report)
{
	for (size_t i = 0; i < report->nscopes; i++) {
		free(report->scopes[i].name);
		free(report->scopes[i].command);
	}
	free(report->scopes);
	report->scopes = NULL;
	report->nscopes = 0;
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
	scopes_release(report);
	fg_report_init(report);
}

int fg_report_scopes(struct fg_report *report, size_t n)
{
	scopes_release(report);
	if (n && !(report->scopes = calloc(n, sizeof(*report->scopes)))) {
		report->oom = 1;
		return -1;
	}
	report->nscopes = n;
	return 0;
}

int fg_report_scope_set(struct fg_report *report, size_t i, const char *name,
			const char *command)
{
	struct fg_report_scope *s = i < report->nscopes ? &report->scopes[i] : NULL;

	if (!s)
		return 0;
	free(s->name);
	free(s->command);
	s->name = name ? strdup(name) : NULL;
	s->command = command ? strdup(command) : NULL;
	if ((name && !s->name) || (command && !s->command)) {
		free(s->name);
		free(s->command);
		s->name = s->command = NULL;
		return -1;
	}
	return 0;
}

/*
 * Which violations fg_report_print writes, decided in one pass in order:
 * all of them up to REPORT->limit; beyond it the first LIMIT errors, then,
 * while room is left, the first of the others.
 */
struct show {
	const struct fg_report *report;
	size_t errors, seen_errors, seen_other;
};

static void show_init(struct show *st, const struct fg_report *report)
{
	st->report = report;
	st->errors = fg_report_count(report, FG_ERROR);
	st->seen_errors = st->seen_other = 0;
}

/* Whether V, the next violation in order, is written. */
static int show_next(struct show *st, const struct fg_violation *v)
{
	size_t limit = st->report->limit;

	if (!limit || st->report->n <= limit)
		return 1;
	if (v->severity == FG_ERROR)
		return st->seen_errors++ < limit;
	return st->errors < limit && st->seen_other++ < limit - st->errors;
}

size_t fg_report_omitted(const struct fg_report *report, size_t scope)
{
	struct show st;
	size_t n = 0;

	show_init(&st, report);
	for (size_t i = 0; i < report->n; i++)
		n += report->items[i].severity != FG_OFF && !show_next(&st, &report->items[i]) &&
		     report->items[i].scope == scope;
	return n;
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
	v->scope = report->scope;
	va_start(ap, fmt);
	v->message = fg_escaped(fg_vstrdupf(fmt, ap), 0);
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
	v->hint = fg_escaped(fg_vstrdupf(fmt, ap), 0);
	va_end(ap);
}

void fg_violation_detail(struct fg_violation *v, const char *text)
{
	if (!v)
		return;
	free(v->detail);
	v->detail = text && *text ? fg_escape(text, strlen(text), FG_ESC_NEWLINE) : NULL;
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
		uint32_t c = 0;

		if (cp++ >= first) {
			/* one column per code point, as fg_text_position counts them */
			if (!n || fg_utf8_decode(text + pos, n, &c) != n ||
			    fg_code_point_is_bidi(c))
				*o++ = '?';
			else if (fg_code_point_is_control(c))
				*o++ = ' ';
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

/* The byte offset of code point K of TEXT (NUL-terminated; its end when K is past it). */
static size_t cp_offset(const char *text, size_t k)
{
	size_t i = 0;

	for (; text[i] && k; k--)
		for (i++; ((unsigned char)text[i] & 0xC0) == 0x80; i++)
			;
	return i;
}

#define EXCERPT_INDENT 4       /* the excerpt and the carets are indented by 4 spaces */
#define EXCERPT_MIN_COLUMNS 20 /* fewer columns are taken as 20: a line may then wrap */

/*
 * The excerpt's text T between its "..." marks, and where the caret is in
 * it, cut again to fit AVAIL columns: a window [S, E) of T's code points
 * that holds the caret's first column, "..." on each side that is cut (or
 * was cut by fg_violation_locate), about 30% of the room kept before the
 * caret when the start must go.
 */
void fg_violation_print_excerpt_width(const struct fg_violation *v, FILE *out, const char *on,
				      const char *off, size_t columns)
{
	const char *text = v->excerpt;
	size_t n, lead, trail, m, ct, avail, s = 0, e, left, right, col, width;

	if (!text)
		return;
	n = utf8_count(text, strlen(text), SIZE_MAX);
	/* what fg_violation_locate cut is marked "...": T is the text between */
	lead = n > 3 && !strncmp(text, "...", 3) && v->caret_column > 3 ? 3 : 0;
	trail = n > lead + 3 && !strcmp(text + strlen(text) - 3, "...") &&
		v->caret_column <= n - 3 ? 3 : 0;
	m = n - lead - trail;
	ct = v->caret_column - lead; /* 1-based in T; m + 1: just after its end */
	avail = (columns > EXCERPT_MIN_COLUMNS ? columns : EXCERPT_MIN_COLUMNS) - EXCERPT_INDENT;
	if (!columns || (n <= avail && v->caret_column - 1 + v->caret_width <= avail)) {
		left = lead, right = trail, e = m, col = v->caret_column, width = v->caret_width;
	} else {
		/* from the start, if the caret's first column stays in sight */
		left = lead;
		right = trail || left + m > avail ? 3 : 0;
		e = left + m + right > avail ? avail - left - right : m;
		if (!((ct <= e || (ct == m + 1 && e == m)) && left + ct <= avail)) {
			size_t before = (avail - 6) * 3 / 10;

			s = ct - 1 > before ? ct - 1 - before : 0;
			left = lead || s ? 3 : 0;
			right = trail || s + avail - left < m ? 3 : 0;
			e = s + avail - left - right < m ? s + avail - left - right : m;
		}
		col = left + ct - s;
		width = ct <= e ? e - ct + 1 : 1; /* the carets end with the text shown */
		if (width > v->caret_width)
			width = v->caret_width;
	}
	text += lead; /* lead and trail are ASCII: 3 bytes each */
	fprintf(out, "%*s%s", EXCERPT_INDENT, "", left ? "..." : "");
	fwrite(text + cp_offset(text, s), 1, cp_offset(text, e) - cp_offset(text, s), out);
	fprintf(out, "%s\n%*s%*s%s", right ? "..." : "", EXCERPT_INDENT, "", (int)(col - 1), "",
		on);
	for (size_t k = 0; k < width; k++)
		fputc('^', out);
	fprintf(out, "%s\n", off);
}

void fg_violation_print_excerpt(const struct fg_violation *v, FILE *out, const char *on,
				const char *off)
{
	if (v->excerpt)
		fg_violation_print_excerpt_width(v, out, on, off, fg_term_columns(fileno(out)));
}

size_t fg_term_columns(int fd)
{
	const char *env = getenv("COLUMNS");
	struct winsize ws;
	char *end;
	unsigned long n;

	if (env && *env) {
		errno = 0;
		n = strtoul(env, &end, 10);
		if (!*end && !errno && n > 0 && n <= 100000 && *env != '-')
			return (size_t)n;
	}
	if (fd >= 0 && isatty(fd) && ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 0;
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

/*
 * The lines that count what fg_report_print left out: per scope, then
 * those of no scope (or of one the report does not name).
 */
static void print_omitted(const struct fg_report *report, FILE *out, const char *hook)
{
	size_t *left, rest = 0;
	struct show st;

	if (!report->limit || report->n <= report->limit)
		return;
	/* one count per scope, and one for the rest, in one pass */
	if (!(left = calloc(report->nscopes + 1, sizeof(*left)))) {
		fprintf(out, "flowgate %s: %zu more violations not shown\n", hook,
			report->n - report->limit);
		return;
	}
	show_init(&st, report);
	for (size_t i = 0; i < report->n; i++)
		if (report->items[i].severity != FG_OFF && !show_next(&st, &report->items[i]))
			left[report->items[i].scope < report->nscopes ? report->items[i].scope
								       : report->nscopes]++;
	for (size_t s = 0; s < report->nscopes; s++) {
		const struct fg_report_scope *scope = &report->scopes[s];
		const char *name = scope->name ? scope->name : "a ref";
		size_t n = left[s];

		if (!n)
			continue;
		if (scope->command)
			fprintf(out, "flowgate %s: %s: %zu more violation%s not shown; list them "
				"all with: %s\n", hook, name, n, n == 1 ? "" : "s", scope->command);
		else
			fprintf(out, "flowgate %s: %s: %zu more violation%s not shown\n", hook, name,
				n, n == 1 ? "" : "s");
	}
	rest = left[report->nscopes];
	if (rest)
		fprintf(out, "flowgate %s: %zu more violation%s not shown\n", hook, rest,
			rest == 1 ? "" : "s");
	free(left);
}

void fg_report_print(const struct fg_report *report, FILE *out, const char *hook,
		     int color, int downgrade)
{
	struct show st;

	show_init(&st, report);
	for (size_t i = 0; i < report->n; i++) {
		const struct fg_violation *v = &report->items[i];
		enum fg_severity sev = v->severity;
		const char *on = "", *off = "";

		if (sev == FG_OFF || !show_next(&st, v))
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
	print_omitted(report, out, hook);
	if (report->oom)
		fprintf(out, "flowgate %s: error: out of memory: some violations were not recorded\n", hook);
}

/*
 * VALUE as git's color.* takes it (git_config_colorbool, color.c): 1
 * always, 0 never, 2 auto; -1 unset or none of these.
 */
static int colorbool(const char *value)
{
	static const char *const never[] = { "never", "false", "no", "off", "0", "" };
	static const char *const autos[] = { "auto", "true", "yes", "on", "1" };

	if (!value)
		return -1;
	if (!strcasecmp(value, "always"))
		return 1;
	for (size_t i = 0; i < sizeof(never) / sizeof(never[0]); i++)
		if (!strcasecmp(value, never[i]))
			return 0;
	for (size_t i = 0; i < sizeof(autos) / sizeof(autos[0]); i++)
		if (!strcasecmp(value, autos[i]))
			return 2;
	return -1;
}

int fg_color_wanted(const char *flowgate, const char *ui, int fd)
{
	const char *no_color = getenv("NO_COLOR"), *term = getenv("TERM");
	int want = colorbool(flowgate);

	if (want < 0)
		want = colorbool(ui);
	if (want == 0 || want == 1)
		return want;
	/* auto: a terminal that is not dumb (git's check_auto_color), no NO_COLOR */
	if ((no_color && *no_color) || !term || !strcmp(term, "dumb"))
		return 0;
	return fd >= 0 && isatty(fd);
}

int fg_use_color(int fd)
{
	return fg_color_wanted(NULL, NULL, fd);
}

char *fg_quote(const char *text, size_t len, size_t max)
{
	size_t n = len < max ? len : max;
	char *shown, *out;

	while (n < len && n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80)
		n--; /* never cut a UTF-8 sequence in two */
	if (!(shown = fg_escape(text, n, FG_ESC_BACKSLASH)))
		return NULL;
	out = fg_strdupf("'%s'%s", shown, n < len ? "..." : "");
	free(shown);
	return out;
}

void fg_print_line(FILE *out, const char *fmt, ...)
{
	char buf[1024], *line = buf;
	va_list ap, copy;
	int len;

	va_start(ap, fmt);
	va_copy(copy, ap);
	len = vsnprintf(buf, sizeof(buf), fmt, ap);
	if (len >= (int)sizeof(buf) && (line = malloc((size_t)len + 1)))
		vsnprintf(line, (size_t)len + 1, fmt, copy);
	else if (len >= (int)sizeof(buf))
		line = buf, len = (int)sizeof(buf) - 1; /* out of memory: the line cut */
	va_end(copy);
	va_end(ap);
	if (len > 0)
		fg_print_escaped(out, line, (size_t)len, 0, 0);
	fputc('\n', out);
	if (line != buf)
		free(line);
}

void fg_print_escaped(FILE *out, const char *text, size_t len, unsigned flags, size_t width)
{
	char shown[FG_ESC_MAX + 1];
	size_t taken, n, written = 0;

	for (size_t i = 0; i < len; i += taken) {
		if ((n = fg_escape_next(text + i, len - i, flags, shown, &taken)))
			fwrite(shown, 1, n, out);
		else
			fwrite(text + i, 1, taken, out);
		written += n ? n : taken;
	}
	for (; written < width; written++)
		fputc(' ', out);
}

void fg_json_string(FILE *out, const char *text)
{
	const char *p = text ? text : "";
	size_t len = strlen(p);

	fputc('"', out);
	for (size_t i = 0, n; i < len; i += n) {
		uint32_t c;

		if (!(n = fg_utf8_decode(p + i, len - i, &c))) {
			fputs("\\ufffd", out);
			n = 1;
		} else if (c == '"' || c == '\\') {
			fprintf(out, "\\%c", (char)c);
		} else if (fg_code_point_is_control(c) || fg_code_point_is_bidi(c)) {
			/* the same string to a JSON reader, never raw on a terminal */
			fprintf(out, "\\u%04x", (unsigned)c);
		} else {
			fwrite(p + i, 1, n, out);
		}
	}
	fputc('"', out);
}

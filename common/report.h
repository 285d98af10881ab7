/*
 * Violations collected by the rules, and the one place that writes them out
 * (in the manner of curl's tool_msgs.c): fixed prefixes, one line per
 * violation naming its rule, then a "hint:" line with the fix.
 */
#ifndef FLOWGATE_REPORT_H
#define FLOWGATE_REPORT_H

#include <stdarg.h>
#include <stdio.h>
#include "rules.h"

#if defined(__GNUC__)
#define FG_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define FG_PRINTF(f, a)
#endif

struct fg_violation {
	enum fg_rule rule;
	enum fg_severity severity;
	char *message; /* owned; what is wrong, lowercase, no final full stop */
	char *hint;    /* owned; the fix, or NULL */
	char *detail;  /* owned; lines printed under the message (a table), or NULL */
	/* Where, in a commit message (fg_violation_locate); 0/NULL when nowhere. */
	size_t line, column;        /* 1-based line, 1-based column in code points */
	char *excerpt;              /* owned; the line shown under the message, printable */
	size_t caret_column, caret_width; /* the caret's place in EXCERPT, in code points */
};

struct fg_report {
	struct fg_violation *items; /* owned array of n items */
	size_t n, alloc;
	int oom; /* set when an allocation failed: the report is incomplete */
	/* Severity of each rule (FG_RULE__COUNT entries, e.g. a struct
	 * fg_config's), not owned; NULL: the registry's defaults. */
	const enum fg_severity *severity;
};

/* fg_report_init / fg_report_release: an empty report; free everything. */
void fg_report_init(struct fg_report *report);
void fg_report_release(struct fg_report *report);

/*
 * fg_report_add: append a violation of RULE at its severity (REPORT->severity,
 * else the registry's), the message formatted from FMT. Returns the new
 * violation (owned by REPORT, valid until the next add) so a hint can be
 * attached, or NULL when the rule is off (nothing is recorded) or out of
 * memory (REPORT->oom is then set).
 */
struct fg_violation *fg_report_add(struct fg_report *report, enum fg_rule rule,
				   const char *fmt, ...) FG_PRINTF(3, 4);

/* fg_violation_hint: set V's hint from FMT; V may be NULL (no-op). */
void fg_violation_hint(struct fg_violation *v, const char *fmt, ...) FG_PRINTF(2, 3);

/*
 * fg_violation_detail: set V's detail to a copy of TEXT, lines separated by
 * '\n', printed each indented by 4 spaces under the message (NULL or "":
 * none; out of memory: none). V may be NULL (no-op).
 */
void fg_violation_detail(struct fg_violation *v, const char *text);

/*
 * fg_violation_locate: place V (may be NULL: no-op) at LINE, COLUMN (both
 * 1-based; COLUMN in code points) of a message, TEXT[0..LEN) being that
 * line, and underline WIDTH code points from COLUMN (at least 1; cut at the
 * end of the excerpt). The excerpt is a copy of at most about 100 code
 * points around COLUMN ("..." marks what is cut), with tabs and control
 * characters shown as one space each and bytes that are not UTF-8 as '?',
 * so that the caret line printed under it lines up in a terminal (wide
 * characters, e.g. CJK, excepted). Out of memory: the excerpt is left
 * NULL (the line and column stay).
 */
void fg_violation_locate(struct fg_violation *v, size_t line, size_t column, const char *text,
			 size_t len, size_t width);

/*
 * fg_text_position: where byte OFF of TEXT[0..LEN) (OFF <= LEN) is: its
 * 1-based *LINE (lines end with '\n') and *COLUMN (code points, a byte that
 * is not UTF-8 counting as one), and that line as TEXT[*START..*START +
 * *LINE_LEN) (without its '\n'), for fg_violation_locate.
 */
void fg_text_position(const char *text, size_t len, size_t off, size_t *line, size_t *column,
		      size_t *start, size_t *line_len);

/*
 * fg_violation_print_excerpt: V's excerpt and the caret line under it, each
 * indented by 4 spaces, to OUT; the carets between ON and OFF (colour
 * escapes, or ""). Nothing when V has no excerpt.
 */
void fg_violation_print_excerpt(const struct fg_violation *v, FILE *out, const char *on,
				const char *off);

/* fg_report_count: number of violations of severity SEV. */
size_t fg_report_count(const struct fg_report *report, enum fg_severity sev);

/* fg_report_find: the first violation of RULE, or NULL. */
const struct fg_violation *fg_report_find(const struct fg_report *report, enum fg_rule rule);

/*
 * fg_report_print: write every violation to OUT as
 * "flowgate HOOK: error: ruleName: message", then, when it is located, the
 * excerpt and a line of carets under the offending text (each indented by 4
 * spaces), then its detail lines (indented by 4 spaces), then "hint: ...",
 * in colour when
 * COLOR is non-zero. With DOWNGRADE non-zero, errors print as warnings
 * (post-merge never blocks).
 */
void fg_report_print(const struct fg_report *report, FILE *out, const char *hook,
		     int color, int downgrade);

/*
 * fg_use_color: non-zero when FD is a terminal and NO_COLOR is unset or
 * empty (https://no-color.org).
 */
int fg_use_color(int fd);

/*
 * fg_xvasprintf-style helper: a newly allocated formatted string, or NULL
 * when out of memory. The caller frees it.
 */
char *fg_strdupf(const char *fmt, ...) FG_PRINTF(1, 2);

/* fg_vstrdupf: fg_strdupf with a va_list (AP is consumed). */
char *fg_vstrdupf(const char *fmt, va_list ap);

/*
 * fg_json_string: TEXT (NUL-terminated; NULL prints "") as a JSON string
 * (RFC 8259 section 7) on OUT: quoted, '"' and '\\' escaped, control
 * characters as \u00XX, each byte that is not part of valid UTF-8 as
 * U+FFFD.
 */
void fg_json_string(FILE *out, const char *text);

/*
 * fg_quote: TEXT[0..LEN) as a newly allocated single-quoted string for a
 * message: control characters and backslashes escaped as \xNN, cut to at
 * most MAX bytes of input (never inside a UTF-8 sequence) with "..."
 * appended when longer. NULL when out of memory.
 */
char *fg_quote(const char *text, size_t len, size_t max);

#endif

/*
 * Violations collected by the rules, and the one place that writes them out
 * (in the manner of curl's tool_msgs.c): fixed prefixes, one line per
 * violation naming its rule, then a "hint:" line with the fix.
 * Layer: rules (common/README).
 */
#ifndef FLOWGATE_REPORT_H
#define FLOWGATE_REPORT_H

#include <stdarg.h>
#include <stdio.h>
#include "quote.h"
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
	size_t scope; /* what it is about (a pushed ref: fg_report_scopes), or FG_SCOPE_NONE */
};


/* The exit statuses of the hooks and the flowgate command (documented in
 * README.md and flowgate(1)). */
#define FG_EXIT_OK 0        /* clean, warnings allowed */
#define FG_EXIT_VIOLATION 1 /* at least one error-severity violation */
#define FG_EXIT_USAGE 2     /* bad arguments or malformed hook input */
#define FG_EXIT_INTERNAL 3  /* repository cannot be opened, file unreadable, out of memory */
#define FG_EXIT_CONFIG 4    /* bad configuration (.flowgate, git config flowgate.*, FLOWGATE_SKIP) */

/* No scope: a violation about no one ref in particular. */
#define FG_SCOPE_NONE ((size_t)-1)

/* The most violations a hook prints (fg_report_print, REPORT->limit). */
#define FG_REPORT_LIMIT 100

/*
 * What a group of violations is about, for the line that counts those
 * fg_report_print leaves out: NAME (a refname) and COMMAND, the command
 * that lists them all (a flowgate check-range line, to paste), or NULL.
 */
struct fg_report_scope {
	char *name;    /* owned */
	char *command; /* owned, or NULL */
};

struct fg_report {
	struct fg_violation *items; /* owned array of n items */
	size_t n, alloc;
	int oom; /* set when an allocation failed: the report is incomplete */
	/* Severity of each rule (FG_RULE__COUNT entries, e.g. a struct
	 * fg_config's), not owned; NULL: the registry's defaults. */
	const enum fg_severity *severity;
	/* The scope fg_report_add gives each new violation (FG_SCOPE_NONE
	 * after fg_report_init); the caller sets it, e.g. to the ref judged. */
	size_t scope;
	/* The most violations fg_report_print writes; 0 (after
	 * fg_report_init): all of them. */
	size_t limit;
	struct fg_report_scope *scopes; /* owned array of nscopes (fg_report_scopes) */
	size_t nscopes;
};

/* fg_report_init / fg_report_release: an empty report; free everything. */
void fg_report_init(struct fg_report *report);
void fg_report_release(struct fg_report *report);

/*
 * fg_report_scopes: give REPORT N scopes (0 .. N-1), each without name or
 * command until fg_report_scope_set; scopes it had are freed. Returns 0,
 * or -1 out of memory (REPORT->oom is then set and it has none).
 */
int fg_report_scopes(struct fg_report *report, size_t n);

/*
 * fg_report_scope_set: scope I (< REPORT->nscopes; otherwise nothing) is
 * about NAME and its violations are all listed by COMMAND (may be NULL),
 * both copied as they are: the caller makes them safe to print (a
 * refname git accepted, a command of fg_sh_quote'd words). Returns 0, or
 * -1 out of memory (the scope is then left without them).
 */
int fg_report_scope_set(struct fg_report *report, size_t i, const char *name,
			const char *command);

/*
 * fg_report_omitted: how many violations of scope SCOPE (FG_SCOPE_NONE:
 * those of no scope) fg_report_print leaves out under REPORT->limit: none
 * when REPORT holds at most LIMIT violations; else it prints LIMIT of them,
 * the errors first (in the order added), then the warnings and notes.
 */
size_t fg_report_omitted(const struct fg_report *report, size_t scope);

/*
 * fg_report_add: append a violation of RULE at its severity (REPORT->severity,
 * else the registry's), the message formatted from FMT and made safe to
 * print as fg_escape (quote.h) makes it: a name, a path or a value put in it
 * raw reaches no terminal with a control byte, a byte that is not UTF-8 or
 * a bidirectional control. Returns the new
 * violation (owned by REPORT, valid until the next add) so a hint can be
 * attached, or NULL when the rule is off (nothing is recorded) or out of
 * memory (REPORT->oom is then set).
 */
struct fg_violation *fg_report_add(struct fg_report *report, enum fg_rule rule,
				   const char *fmt, ...) FG_PRINTF(3, 4);

/*
 * fg_violation_hint: set V's hint from FMT, made safe to print as the
 * message is; V may be NULL (no-op). A hint is meant to be pasted: every
 * name in a command it shows goes in as fg_sh_quote (quote.h) makes it.
 */
void fg_violation_hint(struct fg_violation *v, const char *fmt, ...) FG_PRINTF(2, 3);

/*
 * fg_violation_detail: set V's detail to a copy of TEXT, lines separated by
 * '\n', printed each indented by 4 spaces under the message (NULL or "":
 * none; out of memory: none), made safe to print as the message is (the
 * newlines kept). V may be NULL (no-op).
 */
void fg_violation_detail(struct fg_violation *v, const char *text);

/*
 * fg_violation_locate: place V (may be NULL: no-op) at LINE, COLUMN (both
 * 1-based; COLUMN in code points) of a message, TEXT[0..LEN) being that
 * line, and underline WIDTH code points from COLUMN (at least 1; cut at the
 * end of the excerpt). The excerpt is a copy of at most about 100 code
 * points around COLUMN ("..." marks what is cut; fg_violation_print_excerpt
 * cuts it again to the terminal's width), with tabs and control
 * characters (C0, DEL, C1) shown as one space each, and bytes that are not
 * UTF-8 (overlong forms and surrogates among them) and bidirectional
 * controls as '?', so that nothing in it acts on the terminal and the
 * caret line printed under it lines up (wide
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
 * fg_violation_print_excerpt_width: V's excerpt and the caret line under
 * it, each indented by 4 spaces, to OUT, both lines at most COLUMNS
 * columns (one per code point; fewer than 20 are taken as 20; 0: the
 * excerpt as fg_violation_locate made it): a longer excerpt is cut again
 * around the caret, "..." marking each side cut, about 30% of the room
 * kept before the caret when its start must go, and the carets stay under
 * the text they point at (cut where the text shown ends, at least one).
 * The carets are between ON and OFF (colour escapes, or ""). Nothing when
 * V has no excerpt.
 */
void fg_violation_print_excerpt_width(const struct fg_violation *v, FILE *out, const char *on,
				      const char *off, size_t columns);

/*
 * fg_violation_print_excerpt: fg_violation_print_excerpt_width at the
 * width of OUT's terminal, fg_term_columns(fileno(OUT)).
 */
void fg_violation_print_excerpt(const struct fg_violation *v, FILE *out, const char *on,
				const char *off);

/*
 * fg_term_columns: the terminal's width, as git's term_columns() finds it:
 * COLUMNS when it is a positive whole number, else the size of the
 * terminal FD is (TIOCGWINSZ), else 0 (unknown: not a terminal).
 */
size_t fg_term_columns(int fd);

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
 * (post-merge never blocks). With REPORT->limit set and more violations
 * than that, only LIMIT are written (which: fg_report_omitted), in the
 * order added, then one line per scope that has some left out, in scope
 * order: "flowgate HOOK: NAME: N more violations not shown; list them all
 * with: COMMAND" (without COMMAND: "N more violations not shown"), and
 * last "flowgate HOOK: N more violations not shown" for those of no scope.
 */
void fg_report_print(const struct fg_report *report, FILE *out, const char *hook,
		     int color, int downgrade);

/*
 * fg_color_wanted: non-zero when a report written to FD is coloured. The
 * values of git config color.flowgate and color.ui (NULL: unset) decide,
 * the first set to a value git's colour settings take: "always" colours
 * (NO_COLOR notwithstanding: https://no-color.org lets configuration
 * override it), "never" or false does not, "auto" or true, unset or
 * another value is automatic: colour when FD is a terminal, TERM is set
 * and not "dumb" (git's check_auto_color) and NO_COLOR is unset or empty.
 */
int fg_color_wanted(const char *flowgate, const char *ui, int fd);

/* fg_use_color: fg_color_wanted with neither key set: the automatic choice. */
int fg_use_color(int fd);

/*
 * fg_xvasprintf-style helper: a newly allocated formatted string, or NULL
 * when out of memory. The caller frees it.
 */
char *fg_strdupf(const char *fmt, ...) FG_PRINTF(1, 2);

/* fg_vstrdupf: fg_strdupf with a va_list (AP is consumed). */
char *fg_vstrdupf(const char *fmt, va_list ap);

/*
 * fg_sh_wordf: the text formatted from FMT as one POSIX shell word, as
 * fg_sh_quote (quote.h) makes it, for a command a hint prints. Newly
 * allocated; NULL when out of memory or when fg_sh_quote refuses the text
 * (the caller prints a placeholder such as <name>).
 */
char *fg_sh_wordf(const char *fmt, ...) FG_PRINTF(1, 2);

/*
 * fg_json_string: TEXT (NUL-terminated; NULL prints "") as a JSON string
 * (RFC 8259 section 7) on OUT: quoted, '"' and '\\' escaped, control
 * characters (C0, DEL, C1) and bidirectional controls as \u00XX / \u202e
 * (the same string to a JSON reader, never raw on a terminal), each byte
 * that is not part of valid UTF-8 (fg_utf8_decode) as U+FFFD.
 */
void fg_json_string(FILE *out, const char *text);

/*
 * fg_quote: TEXT[0..LEN) as a newly allocated single-quoted string for a
 * message (not for a shell: fg_sh_quote), shown as fg_escape shows it with
 * FG_ESC_BACKSLASH (control bytes, backslashes and bytes that are not
 * UTF-8 as \xNN, C1 and bidirectional controls as \uNNNN), cut to at most
 * MAX bytes of input (never inside a UTF-8 sequence) with "..." appended
 * when longer. NULL when out of memory.
 */
char *fg_quote(const char *text, size_t len, size_t max);

/*
 * fg_print_line: the line formatted from FMT written to OUT as fg_escape
 * shows it (every control byte, the newline included, every byte that is
 * not UTF-8 and every bidirectional control escaped), then a newline: the
 * writer of the lines outside a report that echo a name, a path, a value
 * or a libgit2 error (a refname in the update hook's refusal, a path in a
 * bump error). Out of memory: the line is cut to 1,023 bytes.
 */
void fg_print_line(FILE *out, const char *fmt, ...) FG_PRINTF(2, 3);

/*
 * fg_print_escaped: TEXT[0..LEN) written to OUT as fg_escape (quote.h)
 * shows it with FLAGS, then spaces up to WIDTH bytes written (0: none): a
 * column of a table whose width was measured with fg_escape_len.
 */
void fg_print_escaped(FILE *out, const char *text, size_t len, unsigned flags, size_t width);

#endif

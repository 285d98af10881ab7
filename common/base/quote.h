/*
 * Text made safe to show and names made safe to paste: the escaping of
 * everything flowgate echoes from a message, refname, path or configuration
 * value (a terminal never receives a control sequence, a byte that is not
 * UTF-8 or a bidirectional control from us), and the POSIX shell quoting of
 * the names in the commands its hints print. Pure: no I/O, no libgit2.
 * Layer: base (common/README).
 */
#ifndef FLOWGATE_QUOTE_H
#define FLOWGATE_QUOTE_H

#include <stddef.h>
#include <stdint.h>

/*
 * fg_utf8_decode: the UTF-8 sequence (RFC 3629 section 3) starting
 * TEXT[0..LEN): its length in bytes (1 to 4), its code point in *CP (CP may
 * be NULL). 0 when LEN is 0 or TEXT[0] starts no valid sequence: a stray
 * continuation byte, a sequence cut short, an overlong form (C0 AF for '/'),
 * a surrogate (U+D800 to U+DFFF) or a code point above U+10FFFF.
 */
size_t fg_utf8_decode(const char *text, size_t len, uint32_t *cp);

/* fg_code_point_is_control: CP is a C0 control, DEL or a C1 control (U+0080 to U+009F). */
int fg_code_point_is_control(uint32_t cp);

/*
 * fg_code_point_is_bidi: CP is a bidirectional embedding, override or
 * isolate control (U+202A to U+202E, U+2066 to U+2069), which reorders the
 * text shown after it (CVE-2021-42574, "Trojan Source").
 */
int fg_code_point_is_bidi(uint32_t cp);

/* fg_escape flags */
#define FG_ESC_NEWLINE 1u   /* keep '\n' as is: TEXT is several lines */
#define FG_ESC_BACKSLASH 2u /* write '\\' as \x5c too, so that every escape reads back one way */
#define FG_ESC_MAX 6        /* the longest piece fg_escape_next writes: "\u202E" */

/*
 * fg_escape_next: how fg_escape shows the piece starting TEXT[0..LEN)
 * (LEN > 0): the bytes it takes in *TAKEN (1 to 4), and the return value 0
 * when they are shown as they are, else the length of what is shown
 * instead, written NUL-terminated to SHOWN (FG_ESC_MAX + 1 bytes):
 * "\xNN" (lowercase hex) for a byte that is not valid UTF-8 and for a C0
 * control or DEL (the newline kept with FG_ESC_NEWLINE, '\\' escaped with
 * FG_ESC_BACKSLASH); "\uNNNN" (uppercase hex) for a C1 control and a
 * bidirectional control (fg_code_point_is_bidi).
 */
size_t fg_escape_next(const char *text, size_t len, unsigned flags, char *shown, size_t *taken);

/* fg_escape_len: the length of fg_escape's result, without allocating (LEN if nothing is escaped). */
size_t fg_escape_len(const char *text, size_t len, unsigned flags);

/*
 * fg_escape: TEXT[0..LEN) (may hold NUL bytes) as it may be shown on a
 * terminal, piece by piece as fg_escape_next says; every other character
 * (printable ASCII, any other UTF-8: "feature/café") is kept. Newly
 * allocated and NUL-terminated; NULL when out of memory.
 */
char *fg_escape(const char *text, size_t len, unsigned flags);

/*
 * fg_escaped: the NUL-terminated TEXT (owned; may be NULL) made safe as
 * fg_escape does: TEXT itself when nothing needs escaping, else a newly
 * allocated copy, and TEXT is freed. NULL when TEXT is NULL or memory runs
 * out (TEXT is freed).
 */
char *fg_escaped(char *text, unsigned flags);

/*
 * fg_sh_quote: TEXT[0..LEN) as one word of a POSIX shell command line
 * (POSIX.1-2017 XCU 2.2 Quoting, 2.6.3 Command Substitution, printf(1)),
 * which, pasted, names exactly those bytes and runs nothing:
 * - unquoted when TEXT is not empty and only holds [A-Za-z0-9._/@%+=:,-]
 *   (feature/x, v0.16.0, origin), unless FLAGS holds FG_SH_QUOTE_PLAIN;
 * - else in single quotes, each ' written '\'' ('it'\''s'), when
 *   fg_escape would show TEXT as it is;
 * - else, when TEXT holds a byte that must not reach a terminal raw,
 *   "$(printf '...')", the format holding each such byte as a
 *   three-digit octal escape (\033), '\\' as \\, '%' as %% and ' as '\''
 *   (a leading '-' as \055: some printf builtins take it for an option).
 * The result holds no byte fg_escape would escape, so it is printed as it
 * is. Newly allocated; NULL (errno ENOMEM) when out of memory, or (errno
 * EINVAL) when TEXT holds a NUL byte or ends with a newline, which no
 * word can carry without printing it raw (command substitution drops
 * trailing newlines): callers then print a placeholder. Refnames never
 * hold either (git-check-ref-format(1)).
 */
#define FG_SH_QUOTE_PLAIN 1u /* fg_sh_quote: single-quote a plain name too ('wip') */

char *fg_sh_quote(const char *text, size_t len, unsigned flags);

#endif

/*
 * PCRE2 patterns, compiled once per process on first use and matched with
 * match and depth limits, so no input can make a hook spin or overflow.
 * Layer: base (common/README).
 */
#ifndef FLOWGATE_PATTERN_H
#define FLOWGATE_PATTERN_H

#include <stddef.h>
#include <stdint.h>

/*
 * Limits applied to every match (PCRE2 match_limit, depth_limit and
 * heap_limit, in KiB: the backtracking frames of one match, whose size
 * grows with the pattern's capture groups)...
 */
#define FG_PATTERN_MATCH_LIMIT 100000u
#define FG_PATTERN_DEPTH_LIMIT 1000u
#define FG_PATTERN_HEAP_LIMIT_KIB 4096u

/*
 * ... and to every compilation (pcre2_set_max_pattern_length,
 * pcre2_set_parens_nest_limit), with PCRE2_NEVER_BACKSLASH_C (\C could
 * split a UTF-8 character): a committed .flowgate cannot make a hook
 * compile without end either.
 */
#define FG_PATTERN_MAX_LENGTH 4096u
#define FG_PATTERN_PARENS_NEST_LIMIT 32u

/* PCRE2_MULTILINE, for patterns declared where pcre2.h is not included. */
#define FG_PATTERN_MULTILINE 0x00000400u
/* PCRE2_MATCH_INVALID_UTF, likewise: for subjects that may not be UTF-8
 * (version files), where an invalid sequence only never matches. */
#define FG_PATTERN_MATCH_INVALID_UTF 0x04000000u

/* Maximum capture groups reported by fg_pattern_match (group 0 included). */
#define FG_PATTERN_MAX_GROUPS 10

/*
 * A pattern declared statically: FG_PATTERN("^main$", 0). The compiled code
 * is filled in by the first fg_pattern_match and freed by fg_pattern_cleanup.
 */
struct fg_pattern {
	const char *source;  /* PCRE2 pattern, UTF-8 */
	uint32_t options;    /* PCRE2 compile options (PCRE2_UTF, PCRE2_DOLLAR_ENDONLY and
				PCRE2_NEVER_BACKSLASH_C always added) */
	void *code;          /* pcre2_code_8 *, NULL until compiled */
	struct fg_pattern *next_compiled;
};
#define FG_PATTERN(src, opts) { (src), (opts), NULL, NULL }

/* One capture group: offset and length in the subject; offset SIZE_MAX if unset. */
struct fg_span {
	size_t off, len;
};

/*
 * fg_pattern_match: match PATTERN against SUBJECT[0..LEN) (need not be
 * NUL-terminated; must be valid UTF-8 or the match fails with -2, unless
 * PATTERN has PCRE2_MATCH_INVALID_UTF: then invalid sequences only never
 * match).
 * GROUPS (may be NULL) receives up to NGROUPS spans, group 0 = whole match.
 * Returns 1 on a match, 0 on no match, -1 when the pattern does not compile
 * (a bug, or a bad configured pattern), -2 on a match error such as invalid
 * UTF-8, -3 when the match or depth limit was reached (catastrophic
 * backtracking: the pattern, not the subject, needs fixing).
 */
/*
 * fg_pattern_match_from: fg_pattern_match starting the search at byte
 * START of SUBJECT (pcre2_match's start offset: '^', '\b' and lookbehinds
 * still see the bytes before START; START must not be inside a UTF-8
 * sequence, else -2). Offsets in GROUPS count from SUBJECT. START > LEN: 0.
 */
int fg_pattern_match_from(struct fg_pattern *pattern, const char *subject, size_t len,
			  size_t start, struct fg_span *groups, size_t ngroups);

int fg_pattern_match(struct fg_pattern *pattern, const char *subject, size_t len,
		     struct fg_span *groups, size_t ngroups);

/*
 * fg_pattern_compile: compile PATTERN now (a configured pattern, checked
 * when the configuration is read). Returns the number of capture groups
 * (>= 0), or -1 when it does not compile: then MESSAGE (SIZE bytes, may be
 * NULL) gets PCRE2's error message and *OFFSET the offset in the pattern
 * where compilation failed (pcre2_compile(3)).
 */
int fg_pattern_compile(struct fg_pattern *pattern, char *message, size_t size, size_t *offset);

/*
 * fg_pattern_release: free PATTERN's compiled code now (a configured
 * pattern about to be freed; a static one may simply wait for
 * fg_pattern_cleanup). PATTERN stays usable: it recompiles on next use.
 */
void fg_pattern_release(struct fg_pattern *pattern);

/* fg_pattern_cleanup: free every compiled pattern and the match state. */
void fg_pattern_cleanup(void);

#endif

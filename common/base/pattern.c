/* PCRE2 wrapper: lazy once-per-process compilation, bounded matching. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include "pattern.h"

_Static_assert(FG_PATTERN_MULTILINE == PCRE2_MULTILINE, "PCRE2_MULTILINE value");
_Static_assert(FG_PATTERN_MATCH_INVALID_UTF == PCRE2_MATCH_INVALID_UTF,
	       "PCRE2_MATCH_INVALID_UTF value");

/*
 * PCRE2's match limit counts the steps of one start position: pcre2_match
 * starts again from zero at each of them, so a pattern that backtracks just
 * under the limit at every position of a long subject, e.g. (a+a+)+$ on
 * "aaaaaaaaaaaaaaab" repeated, runs for seconds without ever reaching it
 * (found by tests/fuzz/fuzz_vfile.c). A pattern compiled with
 * PCRE2_AUTO_CALLOUT (the configured ones: see settings.c) also has a budget
 * for the whole scan of a subject: FG_PATTERN_MATCH_LIMIT callouts (one
 * before each item of the pattern PCRE2 tries: about 10 ms), renewed by
 * each search that starts at offset 0 (a search resumed further on, as
 * fg_vfile_find's loop does, draws on the same budget), reported as the
 * match limit is (-3). The built-in patterns, linear by design, have no
 * callouts and no such cost.
 */
#define SCAN_LIMIT ((unsigned long)FG_PATTERN_MATCH_LIMIT)

static struct fg_pattern *compiled;
static pcre2_compile_context *compile_context;
static pcre2_match_context *match_context;
static pcre2_match_data *match_data;
static unsigned long scan_left;

static int count_step(pcre2_callout_block *block, void *data)
{
	(void)block;
	(void)data;
	if (!scan_left)
		return PCRE2_ERROR_MATCHLIMIT;
	scan_left--;
	return 0;
}

static int compile(struct fg_pattern *pattern, int *errcode, PCRE2_SIZE *erroff)
{
	if (!compile_context) {
		if (!(compile_context = pcre2_compile_context_create(NULL))) {
			*errcode = PCRE2_ERROR_HEAPLIMIT; /* "heap limit exceeded": no memory */
			*erroff = 0;
			return -1;
		}
		pcre2_set_max_pattern_length(compile_context, FG_PATTERN_MAX_LENGTH);
		pcre2_set_parens_nest_limit(compile_context, FG_PATTERN_PARENS_NEST_LIMIT);
	}
	pattern->code = pcre2_compile((PCRE2_SPTR)pattern->source, PCRE2_ZERO_TERMINATED,
				      pattern->options | PCRE2_UTF | PCRE2_DOLLAR_ENDONLY |
					      PCRE2_NEVER_BACKSLASH_C,
				      errcode, erroff, compile_context);
	if (!pattern->code)
		return -1;
	pattern->next_compiled = compiled;
	compiled = pattern;
	return 0;
}

static int prepare(struct fg_pattern *pattern)
{
	int errcode;
	PCRE2_SIZE erroff;

	if (!match_context) {
		if (!(match_context = pcre2_match_context_create(NULL)))
			return -1;
		pcre2_set_match_limit(match_context, FG_PATTERN_MATCH_LIMIT);
		pcre2_set_depth_limit(match_context, FG_PATTERN_DEPTH_LIMIT);
		pcre2_set_heap_limit(match_context, FG_PATTERN_HEAP_LIMIT_KIB);
		pcre2_set_callout(match_context, count_step, NULL);
	}
	if (!match_data && !(match_data = pcre2_match_data_create(FG_PATTERN_MAX_GROUPS, NULL)))
		return -1;
	if (!pattern->code && compile(pattern, &errcode, &erroff) < 0)
		return -1;
	return 0;
}

int fg_pattern_compile(struct fg_pattern *pattern, char *message, size_t size, size_t *offset)
{
	int errcode = 0;
	PCRE2_SIZE erroff = 0;
	uint32_t groups = 0;

	if (message && size)
		message[0] = '\0';
	if (offset)
		*offset = 0;
	if (!pattern->code && compile(pattern, &errcode, &erroff) < 0) {
		if (message && size)
			pcre2_get_error_message(errcode, (PCRE2_UCHAR *)message, size);
		if (offset)
			*offset = erroff;
		return -1;
	}
	if (pcre2_pattern_info(pattern->code, PCRE2_INFO_CAPTURECOUNT, &groups) < 0)
		return -1;
	return (int)groups;
}

void fg_pattern_release(struct fg_pattern *pattern)
{
	struct fg_pattern **p = &compiled;

	if (!pattern->code)
		return;
	while (*p && *p != pattern)
		p = &(*p)->next_compiled;
	if (*p)
		*p = pattern->next_compiled;
	pcre2_code_free(pattern->code);
	pattern->code = NULL;
	pattern->next_compiled = NULL;
}

int fg_pattern_match(struct fg_pattern *pattern, const char *subject, size_t len,
		     struct fg_span *groups, size_t ngroups)
{
	return fg_pattern_match_from(pattern, subject, len, 0, groups, ngroups);
}

int fg_pattern_match_from(struct fg_pattern *pattern, const char *subject, size_t len,
			  size_t start, struct fg_span *groups, size_t ngroups)
{
	PCRE2_SIZE *ovector;
	uint32_t count;
	int rc;

	if (prepare(pattern) < 0)
		return -1;
	if (start > len)
		return 0;
	if (start == 0)
		scan_left = SCAN_LIMIT;
	rc = pcre2_match(pattern->code, (PCRE2_SPTR)subject, len, start, 0, match_data,
			 match_context);
	if (rc == PCRE2_ERROR_NOMATCH)
		return 0;
	if (rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT ||
	    rc == PCRE2_ERROR_HEAPLIMIT)
		return -3;
	if (rc < 0)
		return -2;
	ovector = pcre2_get_ovector_pointer(match_data);
	count = pcre2_get_ovector_count(match_data);
	for (size_t i = 0; groups && i < ngroups; i++) {
		if (i < count && i < (size_t)rc && ovector[2 * i] != PCRE2_UNSET) {
			groups[i].off = ovector[2 * i];
			groups[i].len = ovector[2 * i + 1] - ovector[2 * i];
		} else {
			groups[i].off = SIZE_MAX;
			groups[i].len = 0;
		}
	}
	return 1;
}

void fg_pattern_cleanup(void)
{
	while (compiled) {
		struct fg_pattern *next = compiled->next_compiled;
		pcre2_code_free(compiled->code);
		compiled->code = NULL;
		compiled->next_compiled = NULL;
		compiled = next;
	}
	pcre2_match_data_free(match_data);
	match_data = NULL;
	pcre2_match_context_free(match_context);
	match_context = NULL;
	pcre2_compile_context_free(compile_context);
	compile_context = NULL;
}

/*
 * Tests of pattern.c: matches and groups, the options always added (UTF,
 * DOLLAR_ENDONLY), invalid UTF-8, the match limits, bad patterns, cleanup.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "check_flowgate.h"
#include "pattern.h"

static const struct {
	const char *pattern;
	uint32_t options;
	struct fg_bytes subject;
	int rc;
	size_t g1_off, g1_len; /* group 1 when rc == 1; SIZE_MAX: unset */
} match_cases[] = {
	{ "^main\\z", 0, FG_BYTES("main"), 1, SIZE_MAX, 0 },
	{ "^main\\z", 0, FG_BYTES("mainx"), 0, 0, 0 },
	{ "^main\\z", 0, FG_BYTES("xmain"), 0, 0, 0 },
	{ "^(dev|release)/", 0, FG_BYTES("release/0.16.x"), 1, 0, 7 },
	{ "([0-9]+)\\.x", 0, FG_BYTES("dev/16.x"), 1, 4, 2 },
	/* DOLLAR_ENDONLY is always added: '$' does not match before a final newline. */
	{ "^main$", 0, FG_BYTES("main\n"), 0, 0, 0 },
	{ "^main$", 0, FG_BYTES("main"), 1, SIZE_MAX, 0 },
	/* UTF is always added: '.' is one code point, not one byte. */
	{ "^(.)$", 0, FG_BYTES("\xc3\xa9"), 1, 0, 2 },
	{ "^.{3}$", 0, FG_BYTES("\xc3\xa9\xc3\xa9\xc3\xa9"), 1, SIZE_MAX, 0 },
	/* FG_PATTERN_MULTILINE is PCRE2_MULTILINE. */
	{ "^(b)$", FG_PATTERN_MULTILINE, FG_BYTES("a\nb\nc"), 1, 2, 1 },
	{ "^(b)$", 0, FG_BYTES("a\nb\nc"), 0, 0, 0 },
	/* An optional group that did not take part is unset. */
	{ "^(x)?y", 0, FG_BYTES("y"), 1, SIZE_MAX, 0 },
	/* The subject may hold a NUL byte: LEN counts, not the terminator. */
	{ "^a\\x00b\\z", 0, FG_BYTES("a\0b"), 1, SIZE_MAX, 0 },
	{ "^(a)", 0, FG_BYTES(""), 0, 0, 0 },
	/* Invalid UTF-8 subjects fail the match (-2), whatever the pattern. */
	{ "x", 0, FG_BYTES("x\xff"), -2, 0, 0 },
	{ "x", 0, FG_BYTES("\xc3"), -2, 0, 0 },          /* truncated sequence */
	{ "x", 0, FG_BYTES("\xc0\xaf"), -2, 0, 0 },      /* overlong '/' */
	{ "x", 0, FG_BYTES("\xed\xa0\x80"), -2, 0, 0 },  /* UTF-16 surrogate */
	/* A pattern that does not compile. */
	{ "(", 0, FG_BYTES("("), -1, 0, 0 },
	{ "a{2,1}", 0, FG_BYTES("aa"), -1, 0, 0 },
	{ "\xff", 0, FG_BYTES("x"), -1, 0, 0 }, /* the pattern itself is not UTF-8 */
};

START_TEST(test_pattern_match)
{
	struct fg_pattern p = FG_PATTERN(match_cases[_i].pattern, match_cases[_i].options);
	struct fg_span g[3];
	int rc;

	memset(g, 0x55, sizeof(g));
	rc = fg_pattern_match(&p, match_cases[_i].subject.data, match_cases[_i].subject.len, g, 3);
	/* P lives on the stack: unlink and free its code before any assertion
	 * can leave this function (no-fork mode longjmps out of it). */
	fg_pattern_cleanup();
	ck_assert_ptr_null(p.code);
	ck_assert_msg(rc == match_cases[_i].rc, "'%s': rc %d, want %d", match_cases[_i].pattern, rc,
		      match_cases[_i].rc);
	if (rc == 1) {
		ck_assert_uint_ne(g[0].off, SIZE_MAX);
		ck_assert_uint_le(g[0].off + g[0].len, match_cases[_i].subject.len);
		ck_assert_uint_eq(g[1].off, match_cases[_i].g1_off);
		if (g[1].off != SIZE_MAX)
			ck_assert_uint_eq(g[1].len, match_cases[_i].g1_len);
		else
			ck_assert_uint_eq(g[1].len, 0);
		ck_assert_uint_eq(g[2].off, SIZE_MAX); /* no group 2 in any pattern */
	}
}
END_TEST

START_TEST(test_pattern_groups_spans)
{
	static struct fg_pattern p = FG_PATTERN(
		"^([a-z]+)(?:\\(([^()]*)\\))?(!)?: (.*)\\z", 0);
	const char *subject = "feat(api)!: add x";
	struct fg_span g[FG_PATTERN_MAX_GROUPS + 2];

	ck_assert_int_eq(fg_pattern_match(&p, subject, strlen(subject), g, FG_COUNT(g)), 1);
	ck_assert_uint_eq(g[0].off, 0);
	ck_assert_uint_eq(g[0].len, strlen(subject));
	ck_assert_uint_eq(g[1].off, 0);
	ck_assert_uint_eq(g[1].len, 4);
	ck_assert_uint_eq(g[2].off, 5);
	ck_assert_uint_eq(g[2].len, 3);
	ck_assert_uint_eq(g[3].off, 9);
	ck_assert_uint_eq(g[3].len, 1);
	ck_assert_uint_eq(g[4].off, 12);
	ck_assert_uint_eq(g[4].len, 5);
	/* More spans asked for than groups (or than FG_PATTERN_MAX_GROUPS): unset. */
	for (size_t i = 5; i < FG_COUNT(g); i++) {
		ck_assert_uint_eq(g[i].off, SIZE_MAX);
		ck_assert_uint_eq(g[i].len, 0);
	}
	/* GROUPS may be NULL. */
	ck_assert_int_eq(fg_pattern_match(&p, subject, strlen(subject), NULL, 0), 1);
	ck_assert_int_eq(fg_pattern_match(&p, "Feat: x", 7, NULL, 5), 0);
}
END_TEST

START_TEST(test_pattern_not_nul_terminated)
{
	static struct fg_pattern p = FG_PATTERN("^main\\z", 0);
	const char buf[] = { 'm', 'a', 'i', 'n', 'X' };

	ck_assert_int_eq(fg_pattern_match(&p, buf, 4, NULL, 0), 1);
	ck_assert_int_eq(fg_pattern_match(&p, buf, 5, NULL, 0), 0);
	ck_assert_int_eq(fg_pattern_match(&p, buf, 3, NULL, 0), 0);
}
END_TEST

START_TEST(test_pattern_catastrophic_backtracking)
{
	static struct fg_pattern p = FG_PATTERN("^(a+)+$", 0);
	const char *subject =
		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!";

	/* Stopped by the match limit; unbounded it would run for ages. */
	ck_assert_int_eq(fg_pattern_match(&p, subject, strlen(subject), NULL, 0), -3);
	/* 19 letters take PCRE2 over flowgate's limit of 100,000 but well under
	 * its default of 10,000,000: -2 shows FG_PATTERN_MATCH_LIMIT is set. */
	ck_assert_int_eq(fg_pattern_match(&p, "aaaaaaaaaaaaaaaaaaa!", 20, NULL, 0), -3);
	/* The same pattern still works on a subject it can decide. */
	ck_assert_int_eq(fg_pattern_match(&p, "aaaa", 4, NULL, 0), 1);
}
END_TEST

START_TEST(test_pattern_depth_limit)
{
	/* Each iteration of the capturing group is a backtracking point that
	 * stays open: 20000 of them exceed the depth limit of 1000 (PCRE2's
	 * default would let this one run to "no match"). */
	static struct fg_pattern p = FG_PATTERN("^(?:(a)|b)*c$", 0);
	char subject[20001];

	memset(subject, 'a', sizeof(subject) - 1);
	subject[sizeof(subject) - 1] = '\0';
	ck_assert_int_eq(fg_pattern_match(&p, subject, strlen(subject), NULL, 0), -3);
}
END_TEST

START_TEST(test_pattern_heap_limit)
{
	/* 1,000 capture groups make each backtracking frame about 16 KB: the
	 * frames the loop leaves open on 200 letters need about 15 MB (PCRE2's
	 * default heap limit, 20 GB, lets it end in "no match"), over
	 * FG_PATTERN_HEAP_LIMIT_KIB (4 MiB), while staying under the depth
	 * limit (1,000) and, the optional groups failing once each, under the
	 * match limit: only the heap limit stops it. The class [cd] keeps
	 * PCRE2 from seeing at once that a required 'c' is absent. */
	char *source = malloc(4096), *subject = malloc(201);
	struct fg_pattern p = FG_PATTERN(NULL, 0);
	int rc_long, rc_short;

	ck_assert(source && subject);
	strcpy(source, "^(a)");
	for (int i = 0; i < 998; i++)
		strcat(source, "(b)?");
	strcat(source, "(?:(a))*[cd]$");
	ck_assert_uint_lt(strlen(source), FG_PATTERN_MAX_LENGTH);
	memset(subject, 'a', 200);
	subject[200] = '\0';
	p.source = source;
	rc_long = fg_pattern_match(&p, subject, 200, NULL, 0);
	rc_short = fg_pattern_match(&p, "aaac", 4, NULL, 0);
	fg_pattern_cleanup();
	free(source);
	free(subject);
	ck_assert_int_eq(rc_long, -3);
	ck_assert_int_eq(rc_short, 1);
}
END_TEST

/* The compile context: pattern length, parentheses nesting, \C refused. */
START_TEST(test_pattern_compile_limits)
{
	char *source = malloc(FG_PATTERN_MAX_LENGTH + 2), message[256];
	struct fg_pattern p = FG_PATTERN(NULL, 0);
	size_t offset;
	int depth = (int)FG_PATTERN_PARENS_NEST_LIMIT;

	ck_assert_ptr_nonnull(source);
	/* FG_PATTERN_MAX_LENGTH bytes compile, one more does not */
	memset(source, 'a', FG_PATTERN_MAX_LENGTH);
	source[FG_PATTERN_MAX_LENGTH] = '\0';
	p.source = source;
	ck_assert_int_eq(fg_pattern_compile(&p, message, sizeof(message), &offset), 0);
	fg_pattern_release(&p);
	source[FG_PATTERN_MAX_LENGTH] = 'a';
	source[FG_PATTERN_MAX_LENGTH + 1] = '\0';
	ck_assert_int_eq(fg_pattern_compile(&p, message, sizeof(message), &offset), -1);
	ck_assert_msg(strstr(message, "longer than the limit"), "message: %s", message);
	/* FG_PATTERN_PARENS_NEST_LIMIT nested groups compile, one more does not */
	for (int extra = 0; extra <= 1; extra++) {
		int n = depth + extra;

		memset(source, '(', (size_t)n);
		source[n] = 'a';
		memset(source + n + 1, ')', (size_t)n);
		source[2 * n + 1] = '\0';
		ck_assert_int_eq(fg_pattern_compile(&p, message, sizeof(message), &offset),
				 extra ? -1 : n);
		if (extra)
			ck_assert_msg(strstr(message, "too deeply nested"), "message: %s", message);
		fg_pattern_release(&p);
	}
	/* \C (one code unit: it could split a UTF-8 character) is refused */
	strcpy(source, "a\\Cb");
	ck_assert_int_eq(fg_pattern_compile(&p, message, sizeof(message), &offset), -1);
	ck_assert_msg(strstr(message, "\\C is disabled"), "message: %s", message);
	fg_pattern_cleanup();
	free(source);
}
END_TEST

START_TEST(test_pattern_bad_stays_bad)
{
	static struct fg_pattern p = FG_PATTERN("[unclosed", 0);

	ck_assert_int_eq(fg_pattern_match(&p, "x", 1, NULL, 0), -1);
	ck_assert_ptr_null(p.code);
	ck_assert_int_eq(fg_pattern_match(&p, "x", 1, NULL, 0), -1);
}
END_TEST

START_TEST(test_pattern_cleanup_then_reuse)
{
	static struct fg_pattern a = FG_PATTERN("^a+\\z", 0);
	static struct fg_pattern b = FG_PATTERN("^b+\\z", 0);
	struct fg_span g[1];

	ck_assert_int_eq(fg_pattern_match(&a, "aaa", 3, g, 1), 1);
	ck_assert_int_eq(fg_pattern_match(&b, "bb", 2, NULL, 0), 1);
	ck_assert_ptr_nonnull(a.code);
	ck_assert_ptr_nonnull(b.code);
	fg_pattern_cleanup();
	ck_assert_ptr_null(a.code);
	ck_assert_ptr_null(b.code);
	fg_pattern_cleanup(); /* twice is harmless */
	ck_assert_int_eq(fg_pattern_match(&a, "aaa", 3, g, 1), 1);
	ck_assert_uint_eq(g[0].len, 3);
	ck_assert_int_eq(fg_pattern_match(&a, "ab", 2, g, 1), 0);
	ck_assert_int_eq(fg_pattern_match(&b, "bb", 2, NULL, 0), 1);
	ck_assert_ptr_nonnull(a.code);
}
END_TEST

/* A start offset: '\b' and '^' still see the bytes before it. */
START_TEST(test_pattern_match_from)
{
	static struct fg_pattern word = FG_PATTERN("\\bversion=(\\d)", 0);
	static struct fg_pattern line = FG_PATTERN("^v=(\\d)", FG_PATTERN_MULTILINE);
	const char *s = "version=1version=2 version=3";
	struct fg_span g[2];

	ck_assert_int_eq(fg_pattern_match_from(&word, s, strlen(s), 0, g, 2), 1);
	ck_assert_uint_eq(g[1].off, 8);
	/* from 9: "version=2" follows a word character, so no \b there */
	ck_assert_int_eq(fg_pattern_match_from(&word, s, strlen(s), 9, g, 2), 1);
	ck_assert_uint_eq(g[1].off, 27);
	ck_assert_int_eq(fg_pattern_match_from(&line, "v=1 v=2\nv=3", 11, 3, g, 2), 1);
	ck_assert_uint_eq(g[1].off, 10);
	ck_assert_int_eq(fg_pattern_match_from(&line, "v=1", 3, 4, g, 2), 0);
	/* inside a UTF-8 sequence: a match error, not a crash */
	ck_assert_int_eq(fg_pattern_match_from(&line, "\xc3\xa9v=1", 5, 1, g, 2), -2);
}
END_TEST

Suite *pattern_suite(void)
{
	Suite *s = suite_create("pattern");
	TCase *tc = tcase_create("match");
	TCase *limits = tcase_create("limits");

	tcase_add_loop_test(tc, test_pattern_match, 0, (int)FG_COUNT(match_cases));
	tcase_add_test(tc, test_pattern_groups_spans);
	tcase_add_test(tc, test_pattern_not_nul_terminated);
	tcase_add_test(tc, test_pattern_bad_stays_bad);
	tcase_add_test(tc, test_pattern_cleanup_then_reuse);
	tcase_add_test(tc, test_pattern_match_from);
	suite_add_tcase(s, tc);

	tcase_add_test(limits, test_pattern_catastrophic_backtracking);
	tcase_add_test(limits, test_pattern_depth_limit);
	tcase_add_test(limits, test_pattern_heap_limit);
	tcase_add_test(limits, test_pattern_compile_limits);
	suite_add_tcase(s, limits);

	return s;
}

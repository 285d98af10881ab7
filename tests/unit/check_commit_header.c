/*
 * Tests of commit.c's header grammar on one line (fg_header_parse: the
 * shape "type(scope)!: subject") and of fg_utf8_length, by which the
 * message rules count columns.
 */
#include <string.h>
#include "check_flowgate.h"
#include "commit.h"
#include "pattern.h"

static const struct {
	struct fg_bytes header;
	int rc;
	const char *type, *scope; /* scope NULL: absent */
	int breaking;
	const char *subject;
} header_cases[] = {
	{ FG_BYTES("feat: x"), 0, "feat", NULL, 0, "x" },
	{ FG_BYTES("fix(core): y"), 0, "fix", "core", 0, "y" },
	{ FG_BYTES("feat!: z"), 0, "feat", NULL, 1, "z" },
	{ FG_BYTES("feat(api)!: add the x endpoint"), 0, "feat", "api", 1, "add the x endpoint" },
	{ FG_BYTES("release: 0.16.0"), 0, "release", NULL, 0, "0.16.0" },
	{ FG_BYTES("Feat: x"), 0, "Feat", NULL, 0, "x" },
	{ FG_BYTES("wip: x"), 0, "wip", NULL, 0, "x" },
	{ FG_BYTES("feat: "), 0, "feat", NULL, 0, "" },
	{ FG_BYTES("feat:  two spaces"), 0, "feat", NULL, 0, " two spaces" },
	{ FG_BYTES("feat(a-b/c.d): x"), 0, "feat", "a-b/c.d", 0, "x" },
	{ FG_BYTES("docs: d\xc3\xa9" "crire"), 0, "docs", NULL, 0, "d\xc3\xa9" "crire" },
	{ FG_BYTES("update stuff"), -1, NULL, NULL, 0, NULL },
	{ FG_BYTES("feat:x"), -1, NULL, NULL, 0, NULL },
	{ FG_BYTES(": x"), -1, NULL, NULL, 0, NULL },
	{ FG_BYTES("feat x: y"), -1, NULL, NULL, 0, NULL },
	{ FG_BYTES("feat!(api): x"), -1, NULL, NULL, 0, NULL },
	{ FG_BYTES("feat(a(b)): x"), -1, NULL, NULL, 0, NULL },
	{ FG_BYTES("feat(api: x"), -1, NULL, NULL, 0, NULL },
	{ FG_BYTES("feat :x"), -1, NULL, NULL, 0, NULL },
	{ FG_BYTES(""), -1, NULL, NULL, 0, NULL },
	{ FG_BYTES("feat: \xff"), -2, NULL, NULL, 0, NULL },
	{ FG_BYTES("feat: caf\xe9"), -2, NULL, NULL, 0, NULL },
};

static void assert_span(const char *got, size_t len, const char *want)
{
	ck_assert_ptr_nonnull(got);
	ck_assert_msg(len == strlen(want) && !memcmp(got, want, len), "span '%.*s', want '%s'",
		      (int)len, got, want);
}

START_TEST(test_header_parse)
{
	struct fg_header h;
	int rc = fg_header_parse(header_cases[_i].header.data, header_cases[_i].header.len, &h);

	ck_assert_msg(rc == header_cases[_i].rc, "'%s': rc %d", header_cases[_i].header.data, rc);
	if (rc != 0)
		return;
	assert_span(h.type, h.type_len, header_cases[_i].type);
	if (header_cases[_i].scope)
		assert_span(h.scope, h.scope_len, header_cases[_i].scope);
	else
		ck_assert_ptr_null(h.scope);
	ck_assert_int_eq(h.breaking != 0, header_cases[_i].breaking);
	assert_span(h.subject, h.subject_len, header_cases[_i].subject);
	ck_assert(h.type == header_cases[_i].header.data); /* pointers into HEADER */
}
END_TEST

static const struct {
	struct fg_bytes text;
	size_t length;
} utf8_cases[] = {
	{ FG_BYTES(""), 0 },
	{ FG_BYTES("abc"), 3 },
	{ FG_BYTES("\xc3\xa9t\xc3\xa9"), 3 },
	{ FG_BYTES("\xe2\x9c\x93\xf0\x9f\x9a\x80"), 2 },
	{ FG_BYTES("\xff\xfe"), 2 }, /* invalid bytes count as one each */
};

START_TEST(test_utf8_length)
{
	ck_assert_uint_eq(fg_utf8_length(utf8_cases[_i].text.data, utf8_cases[_i].text.len),
			  utf8_cases[_i].length);
}
END_TEST

/*
 * fg_header_parse matches by hand the grammar commit.c writes as a PCRE2
 * pattern; here that pattern, compiled as flowgate compiles every pattern
 * (UTF, \z, '.' any character but LF), is the reference: on every string
 * of up to four of the grammar's characters (alone, after a type and
 * after a type and a scope) (and of characters that look
 * like them: a vertical tab, a no-break space, an e with an accent, a lone
 * continuation byte), the two agree on the match, each group's place and
 * length, and invalid UTF-8.
 */
static struct fg_pattern reference_re = FG_PATTERN(
	"^([^\\s():!]+)(?:\\(([^()\\r\\n]+)\\))?(!)?:(?: (.*)|[ \\t]*)\\z", 0);

static void expect_like_reference(const char *text, size_t len)
{
	struct fg_span g[5];
	struct fg_header h;
	int want = fg_pattern_match(&reference_re, text, len, g, 5);
	int got = fg_header_parse(text, len, &h);

	ck_assert_int_ne(want, -3);
	if (want == -2 || want == 0) {
		ck_assert_int_eq(got, want == 0 ? -1 : -2);
		ck_assert_ptr_null(h.type);
		return;
	}
	ck_assert_int_eq(got, 0);
	ck_assert_ptr_eq(h.type, text + g[1].off);
	ck_assert_uint_eq(h.type_len, g[1].len);
	if (g[2].off == SIZE_MAX) {
		ck_assert_ptr_null(h.scope);
	} else {
		ck_assert_ptr_eq(h.scope, text + g[2].off);
		ck_assert_uint_eq(h.scope_len, g[2].len);
	}
	ck_assert_int_eq(h.breaking, g[3].off != SIZE_MAX);
	ck_assert_ptr_eq(h.subject, g[4].off == SIZE_MAX ? text + len : text + g[4].off);
	ck_assert_uint_eq(h.subject_len, g[4].len);
}

START_TEST(test_header_parse_reference)
{
	static const char *const alphabet[] = { "a", "(", ")", ":", "!", " ", "\t", "\n", "\r",
						"\v", "\xc2\xa0", "\xc3\xa9", "\x80" };
	const size_t n = FG_COUNT(alphabet);
	char text[32], typed[40], scoped[40];
	size_t idx[4];

	for (size_t len = 0; len <= 4; len++) {
		size_t total = 1;

		for (size_t k = 0; k < len; k++)
			total *= n;
		for (size_t c = 0; c < total; c++) {
			size_t at = 0, rest = c;

			for (size_t k = 0; k < len; k++) {
				idx[k] = rest % n;
				rest /= n;
				memcpy(text + at, alphabet[idx[k]], strlen(alphabet[idx[k]]));
				at += strlen(alphabet[idx[k]]);
			}
			expect_like_reference(text, at);
			/* after a type, and a scope, where the grammar's choices are */
			memcpy(typed, "feat", 4);
			memcpy(typed + 4, text, at);
			expect_like_reference(typed, at + 4);
			memcpy(scoped, "feat(x)", 7);
			memcpy(scoped + 7, text, at);
			expect_like_reference(scoped, at + 7);
		}
	}
	for (size_t i = 0; i < FG_COUNT(header_cases); i++)
		expect_like_reference(header_cases[i].header.data, header_cases[i].header.len);
}
END_TEST

Suite *commit_header_suite(void)
{
	Suite *s = suite_create("commit_header");
	TCase *header = tcase_create("header");

	tcase_add_loop_test(header, test_header_parse, 0, (int)FG_COUNT(header_cases));
	tcase_add_test(header, test_header_parse_reference);
	tcase_add_loop_test(header, test_utf8_length, 0, (int)FG_COUNT(utf8_cases));
	suite_add_tcase(s, header);
	return s;
}

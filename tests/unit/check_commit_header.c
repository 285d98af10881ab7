/*
 * Tests of commit.c's header grammar on one line (fg_header_parse: the
 * shape "type(scope)!: subject") and of fg_utf8_length, by which the
 * message rules count columns.
 */
#include <string.h>
#include "check_flowgate.h"
#include "commit.h"

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

Suite *commit_header_suite(void)
{
	Suite *s = suite_create("commit_header");
	TCase *header = tcase_create("header");

	tcase_add_loop_test(header, test_header_parse, 0, (int)FG_COUNT(header_cases));
	tcase_add_loop_test(header, test_utf8_length, 0, (int)FG_COUNT(utf8_cases));
	suite_add_tcase(s, header);
	return s;
}

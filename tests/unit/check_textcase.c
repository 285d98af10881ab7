/*
 * Tests of textcase.c: commitlint's letter cases. The table holds the cases
 * of commitlint's own tests (@commitlint/ensure/src/case.test.ts), then
 * flowgate's: words, other alphabets, the subject-case judgement and its
 * hints, which must pass when followed.
 */
#include <stdlib.h>
#include <string.h>
#include "check_flowgate.h"
#include "textcase.h"

static const struct {
	const char *text;
	const char *case_name;
	int want;
} is_cases[] = {
	/* commitlint's case.test.ts */
	{ "", "lower-case", 1 },
	{ "a", "lower-case", 1 },
	{ "A", "lower-case", 0 },
	{ "*", "lower-case", 1 },
	{ "A", "upper-case", 1 },
	{ "a", "upper-case", 0 },
	{ "*", "upper-case", 1 },
	{ "Sentence case", "sentence-case", 1 },
	{ "sentence case", "sentence-case", 0 },
	{ "UPPERCASE", "sentence-case", 1 },
	{ "Start Case", "sentence-case", 1 },
	{ "PascalCase", "sentence-case", 1 },
	{ "kebab-case", "sentence-case", 0 },
	{ "snake_case", "sentence-case", 0 },
	{ "camelCase", "sentence-case", 0 },
	{ "*", "sentence-case", 1 },
	{ "*", "camel-case", 1 },
	{ "*", "kebab-case", 1 },
	{ "*", "snake-case", 1 },
	{ "*", "pascal-case", 1 },
	{ "*", "start-case", 1 },
	{ "`Any_CASE_iN_back-quotes`", "lower-case", 1 },
	{ "`Any_CASE_iN_back-quotes`", "upper-case", 1 },
	{ "`Any_CASE_iN_back-quotes`", "sentence-case", 1 },
	{ "`Any_CASE_iN_back-quotes`", "camel-case", 1 },
	{ "`Any_CASE_iN_back-quotes`", "kebab-case", 1 },
	{ "`Any_CASE_iN_back-quotes`", "snake-case", 1 },
	{ "`Any_CASE_iN_back-quotes`", "pascal-case", 1 },
	{ "`Any_CASE_iN_back-quotes`", "start-case", 1 },
	{ "lowercase `Any_CASE_iN_back-quotes` lowercase", "lower-case", 1 },
	{ "UPPERCASE `Any_CASE_iN_back-quotes` UPPERCASE", "lower-case", 0 },
	{ "UPPERCASE `Any_CASE_iN_back-quotes` UPPERCASE", "upper-case", 1 },
	{ "lowercase `Any_CASE_iN_back-quotes` lowercase", "upper-case", 0 },
	{ "fooBar`Any_CASE_iN_back-quotes`fooBar", "camel-case", 1 },
	{ "Foo Bar`Any_CASE_iN_back-quotes` Foo Bar", "camel-case", 0 },
	{ "foo-bar`Any_CASE_iN_back-quotes`foo-bar", "kebab-case", 1 },
	{ "Foo Bar `Any_CASE_iN_back-quotes` Foo Bar", "kebab-case", 0 },
	{ "foo_bar`Any_CASE_iN_back-quotes`foo_bar", "snake-case", 1 },
	{ "Foo Bar `Any_CASE_iN_back-quotes` Foo Bar", "snake-case", 0 },
	{ "PascalCase`Any_CASE_iN_back-quotes`PascalCase", "pascal-case", 1 },
	{ "Foo Bar `Any_CASE_iN_back-quotes` Foo Bar", "pascal-case", 0 },
	{ "Foo Bar `Any_CASE_iN_back-quotes`Foo Bar", "start-case", 1 },
	{ "foo_bar`Any_CASE_iN_back-quotes`foo_bar", "start-case", 0 },
	{ "'Any_CASE_iN_single-quotes'", "lower-case", 1 },
	{ "\"Any_CASE_iN_double-quotes\"", "lower-case", 1 },
	{ "`lowercasel\"'`", "lower-case", 1 },
	{ "`LOWERCASE", "lower-case", 0 },
	{ "1.0.0", "camel-case", 1 },
	{ "1.0.0", "kebab-case", 1 },
	{ "1.0.0", "snake-case", 1 },
	{ "1.0.0", "pascal-case", 1 },
	{ "1.0.0", "upper-case", 1 },
	{ "1.0.0", "sentence-case", 1 },
	{ "1.0.0", "lower-case", 1 },
	/* the aliases */
	{ "a", "lowercase", 1 },
	{ "A", "uppercase", 1 },
	{ "Sentence case", "sentencecase", 1 },
	/* words */
	{ "XMLHttp Request", "start-case", 0 }, /* XML Http Request */
	{ "XML Http Request", "start-case", 1 },
	{ "Add the parser", "start-case", 0 },
	{ "Add The Parser", "start-case", 1 },
	{ "AddTheParser", "pascal-case", 1 },
	{ "Add", "pascal-case", 1 },
	{ "addTheParser2", "camel-case", 1 },
	{ "add-the-parser", "kebab-case", 1 },
	{ "add_the_parser", "snake-case", 1 },
	{ "add the parser", "kebab-case", 0 },
	/* other alphabets: Latin-1, Latin Extended-A, Greek, Cyrillic */
	{ "\xc3\x89lan vital", "sentence-case", 1 },         /* Élan */
	{ "\xc3\xa9lan vital", "lower-case", 1 },            /* élan */
	{ "\xc5\x81\xc3\xb3" "d\xc5\xba", "sentence-case", 1 }, /* Łódź */
	{ "\xce\x91\xce\xb8\xce\xae\xce\xbd\xce\xb1", "sentence-case", 1 }, /* Αθήνα */
	{ "\xd0\x9c\xd0\xbe\xd1\x81\xd0\xba\xd0\xb2\xd0\xb0", "lower-case", 0 }, /* Москва */
	{ "\xd0\xbc\xd0\xbe\xd1\x81\xd0\xba\xd0\xb2\xd0\xb0", "lower-case", 1 }, /* москва */
	{ "\xe6\x97\xa5\xe6\x9c\xac", "upper-case", 1 },     /* 日本: no case */
};

START_TEST(test_case_is)
{
	unsigned bit = fg_case_parse(is_cases[_i].case_name);

	ck_assert_uint_ne(bit, 0);
	ck_assert_msg(fg_case_is(is_cases[_i].text, strlen(is_cases[_i].text), bit) ==
		      is_cases[_i].want, "'%s' %s: want %d", is_cases[_i].text,
		      is_cases[_i].case_name, is_cases[_i].want);
}
END_TEST

START_TEST(test_case_names)
{
	for (unsigned bit = 1; bit < 1u << FG_CASE__COUNT; bit <<= 1) {
		const char *name = fg_case_name(bit);

		ck_assert_ptr_nonnull(name);
		ck_assert_uint_eq(fg_case_parse(name), bit);
	}
	ck_assert_uint_eq(fg_case_parse("Lower-Case"), 0);
	ck_assert_uint_eq(fg_case_parse("title-case"), 0);
	ck_assert_uint_eq(fg_case_parse(NULL), 0);
	ck_assert_ptr_null(fg_case_name(0));
}
END_TEST

static const struct {
	const char *text;
	const char *case_name;
	const char *want;
} to_cases[] = {
	{ "Add the XMLHttp parser", "kebab-case", "add-the-xml-http-parser" },
	{ "Add the XMLHttp parser", "snake-case", "add_the_xml_http_parser" },
	{ "add the XMLHttp parser", "camel-case", "addTheXmlHttpParser" },
	{ "add the XMLHttp parser", "pascal-case", "AddTheXmlHttpParser" },
	{ "add the HTTP parser", "start-case", "Add The HTTP Parser" },
	{ "add the parser", "sentence-case", "Add the parser" },
	{ "Add The Parser", "lower-case", "add the parser" },
	{ "\xc3\xa9lan", "upper-case", "\xc3\x89LAN" },
};

START_TEST(test_case_to)
{
	char *got = fg_case_to(to_cases[_i].text, strlen(to_cases[_i].text),
			       fg_case_parse(to_cases[_i].case_name));

	ck_assert_ptr_nonnull(got);
	ck_assert_msg(!strcmp(got, to_cases[_i].want), "'%s' %s: got '%s'", to_cases[_i].text,
		      to_cases[_i].case_name, got);
	free(got);
}
END_TEST

/* commitlint's subject-case, and a hint that passes when followed. */
#define CONVENTIONAL (FG_CASE_SENTENCE | FG_CASE_START | FG_CASE_PASCAL | FG_CASE_UPPER)
static const struct {
	const char *subject;
	unsigned cases;
	int never;
	int want;            /* 0 passes, 1 refused */
	unsigned matched;    /* what never refuses */
	const char *hint;    /* when refused */
} judge_cases[] = {
	{ "add the parser", CONVENTIONAL, 1, 0, 0, NULL },
	{ "Add the parser", CONVENTIONAL, 1, 1, FG_CASE_SENTENCE, "add the parser" },
	{ "Add The Parser", CONVENTIONAL, 1, 1, FG_CASE_SENTENCE | FG_CASE_START, "add The Parser" },
	{ "ADD THE PARSER", CONVENTIONAL, 1, 1, FG_CASE_UPPER | FG_CASE_SENTENCE | FG_CASE_START,
	  "add the parser" },
	{ "Refactor", CONVENTIONAL, 1, 1, FG_CASE_SENTENCE | FG_CASE_START | FG_CASE_PASCAL,
	  "refactor" },
	{ "2FA for the CLI", CONVENTIONAL, 1, 0, 0, NULL },   /* no letter first: not judged */
	{ "`Foo` support", CONVENTIONAL, 1, 0, 0, NULL },
	{ "add the parser", FG_CASE_SENTENCE, 0, 1, 0, "Add the parser" },
	{ "Add the parser", FG_CASE_SENTENCE, 0, 0, FG_CASE_SENTENCE, NULL },
	{ "Add the API", FG_CASE_LOWER, 0, 1, 0, "add the api" },
};

START_TEST(test_case_judge)
{
	const char *s = judge_cases[_i].subject;
	char *hint = NULL;
	unsigned matched = 99, again;
	int rc = fg_case_judge(s, strlen(s), judge_cases[_i].cases, judge_cases[_i].never, &matched,
			       &hint);

	ck_assert_msg(rc == judge_cases[_i].want, "'%s': %d", s, rc);
	if (judge_cases[_i].never)
		ck_assert_uint_eq(matched, judge_cases[_i].matched);
	if (rc == 1) {
		ck_assert_ptr_nonnull(hint);
		ck_assert_str_eq(hint, judge_cases[_i].hint);
		/* followed, the hint passes */
		ck_assert_int_eq(fg_case_judge(hint, strlen(hint), judge_cases[_i].cases,
					       judge_cases[_i].never, &again, NULL), 0);
	} else {
		ck_assert_ptr_null(hint);
	}
	free(hint);
}
END_TEST

Suite *textcase_suite(void)
{
	Suite *s = suite_create("textcase");
	TCase *tc = tcase_create("textcase");

	tcase_add_loop_test(tc, test_case_is, 0, (int)FG_COUNT(is_cases));
	tcase_add_test(tc, test_case_names);
	tcase_add_loop_test(tc, test_case_to, 0, (int)FG_COUNT(to_cases));
	tcase_add_loop_test(tc, test_case_judge, 0, (int)FG_COUNT(judge_cases));
	suite_add_tcase(s, tc);
	return s;
}

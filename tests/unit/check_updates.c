/*
 * Tests of updates.c: fg_parse_updates on githooks(5)'s lines of pre-push
 * and pre-receive, the malformed ones refused.
 */
#include <stdlib.h>
#include <string.h>
#include "check_flowgate.h"
#include "updates.h"

/* fg_parse_updates: githooks(5)'s lines, and the malformed ones refused. */
static const struct {
	const char *input;
	size_t len; /* 0: strlen */
	int receive, rc;
	size_t count;
} update_cases[] = {
	{ "refs/heads/a 1111111111111111111111111111111111111111 refs/heads/a "
	  "0000000000000000000000000000000000000000\n", 0, 0, 0, 1 },
	{ "\n\n0000000000000000000000000000000000000000 1111111111111111111111111111111111111111 "
	  "refs/tags/v1.0.0", 0, 1, 0, 1 },
	{ "", 0, 1, 0, 0 },
	/* an empty refname: a trailing separator, a doubled one, a leading one */
	{ "0000000000000000000000000000000000000000 1111111111111111111111111111111111111111 \n",
	  0, 1, -1, 0 },
	{ "refs/heads/a 1111111111111111111111111111111111111111  "
	  "0000000000000000000000000000000000000000\n", 0, 0, -1, 0 },
	{ " 1111111111111111111111111111111111111111 refs/heads/a "
	  "0000000000000000000000000000000000000000\n", 0, 0, -1, 0 },
	/* a NUL inside a line */
	{ "0000000000000000000000000000000000000000 1111111111111111111111111111111111111111 "
	  "refs/heads/a\0b\n", 96, 1, -1, 0 },
	/* a short OID, an extra field */
	{ "0000 1111111111111111111111111111111111111111 refs/heads/a\n", 0, 1, -1, 0 },
	{ "0000000000000000000000000000000000000000 1111111111111111111111111111111111111111 "
	  "refs/heads/a extra\n", 0, 1, -1, 0 },
};

START_TEST(test_parse_updates)
{
	size_t len = update_cases[_i].len ? update_cases[_i].len : strlen(update_cases[_i].input);
	char *copy = malloc(len + 1);
	struct fg_ref_update *updates = NULL;
	size_t count = 99;

	ck_assert_ptr_nonnull(copy);
	memcpy(copy, update_cases[_i].input, len);
	copy[len] = '\0';
	ck_assert_int_eq(fg_parse_updates(copy, len, update_cases[_i].receive, &updates, &count),
			 update_cases[_i].rc);
	ck_assert_uint_eq(count, update_cases[_i].count);
	if (update_cases[_i].rc < 0)
		ck_assert_ptr_null(updates);
	free(updates);
	free(copy);
}
END_TEST

Suite *updates_suite(void)
{
	Suite *s = suite_create("updates");
	TCase *parse = tcase_create("parse");

	tcase_add_loop_test(parse, test_parse_updates, 0, (int)FG_COUNT(update_cases));
	suite_add_tcase(s, parse);
	return s;
}

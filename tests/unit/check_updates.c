/*
 * Tests of updates.c: fg_parse_updates on githooks(5)'s lines of pre-push
 * and pre-receive, the malformed ones refused; each update's refname typed
 * by its namespace, then parsed by a configuration, and parsed again only
 * under another one.
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

/* fg_typed_update_init and fg_typed_update_parse under the built-in configuration. */
static const struct {
	const char *refname;
	enum fg_ref_kind kind;
	const char *name;
	int parsed;
	enum fg_branch_kind branch; /* FG_REF_BRANCH, parsed 0 */
	int series;
	uint64_t major, minor, patch; /* a branch's series, a tag's version */
} typed_cases[] = {
	{ "refs/heads/main", FG_REF_BRANCH, "main", 0, FG_BRANCH_MAIN, 0, 0, 0, 0 },
	{ "refs/heads/release/0.16.x", FG_REF_BRANCH, "release/0.16.x", 0, FG_BRANCH_RELEASE, 1, 0,
	  16, 0 },
	{ "refs/heads/hotfix/pool-leak", FG_REF_BRANCH, "hotfix/pool-leak", 0, FG_BRANCH_HOTFIX, 0,
	  0, 0, 0 },
	{ "refs/heads/wip", FG_REF_BRANCH, "wip", -1, FG_BRANCH_INVALID, 0, 0, 0, 0 },
	{ "refs/tags/v0.16.1-rc2", FG_REF_TAG, "v0.16.1-rc2", 0, FG_BRANCH_INVALID, 0, 0, 16, 1 },
	{ "refs/tags/latest", FG_REF_TAG, "latest", -1, FG_BRANCH_INVALID, 0, 0, 0, 0 },
	{ "refs/tags/0.16.0", FG_REF_TAG, "0.16.0", -1, FG_BRANCH_INVALID, 0, 0, 0, 0 },
	{ "refs/notes/commits", FG_REF_OTHER, "refs/notes/commits", -1, FG_BRANCH_INVALID, 0, 0, 0,
	  0 },
	{ "refs/heads", FG_REF_OTHER, "refs/heads", -1, FG_BRANCH_INVALID, 0, 0, 0, 0 },
	{ "refs/pull/7/head", FG_REF_OTHER, "refs/pull/7/head", -1, FG_BRANCH_INVALID, 0, 0, 0, 0 },
};

START_TEST(test_typed_update)
{
	struct fg_ref_update u;
	struct fg_typed_update t;
	struct fg_branch scratch;
	const struct fg_branch *b;

	memset(&u, 0, sizeof(u));
	u.local_ref = u.remote_ref = (char *)typed_cases[_i].refname;
	fg_typed_update_init(&t, &u);
	ck_assert_ptr_eq(t.u, &u);
	ck_assert_int_eq(t.kind, typed_cases[_i].kind);
	ck_assert_str_eq(t.name, typed_cases[_i].name);
	/* the name points into the refname: nothing copied */
	ck_assert_ptr_eq(t.name + strlen(t.name), u.remote_ref + strlen(u.remote_ref));
	ck_assert_ptr_null(t.cfg);
	ck_assert_int_eq(t.parsed, -1);
	ck_assert_int_eq(fg_typed_update_parse(&t, fg_test_config()), typed_cases[_i].parsed);
	ck_assert_ptr_eq(t.cfg, fg_test_config());
	ck_assert_int_eq(t.parsed, typed_cases[_i].parsed);
	b = fg_typed_update_branch(&t, fg_test_config(), &scratch);
	if (t.kind == FG_REF_BRANCH && t.parsed == 0) {
		/* under the configuration it was parsed by: its own parse, not a new one */
		ck_assert_ptr_eq(b, &t.branch);
		ck_assert_int_eq(b->kind, typed_cases[_i].branch);
		ck_assert_int_eq(b->series, typed_cases[_i].series);
		ck_assert_uint_eq(b->major, typed_cases[_i].major);
		ck_assert_uint_eq(b->minor, typed_cases[_i].minor);
	} else {
		ck_assert_ptr_null(b);
	}
	if (t.kind == FG_REF_TAG && t.parsed == 0) {
		ck_assert_uint_eq(t.version.major, typed_cases[_i].major);
		ck_assert_uint_eq(t.version.minor, typed_cases[_i].minor);
		ck_assert_uint_eq(t.version.patch, typed_cases[_i].patch);
	}
}
END_TEST

/* CFG: the built-in configuration with TEXT (a .flowgate) applied over it. */
static void config_from(struct fg_config *cfg, const char *text)
{
	git_config *file = NULL;

	ck_assert_int_eq(fg_config_init(cfg), 0);
	ck_assert_int_eq(fg_config_parse_buffer(&file, text, strlen(text)), 0);
	ck_assert_int_eq(fg_config_apply_file(cfg, file, ".flowgate"), 0);
	git_config_free(file);
}

/*
 * A name is a workflow branch or a release tag only under a configuration:
 * typed under the one in force for the update, parsed again under another.
 */
START_TEST(test_typed_update_per_config)
{
	struct fg_config own;
	struct fg_ref_update branch = { (char *)"refs/heads/topic/x", (char *)"refs/heads/topic/x",
					{ { 0 } }, { { 0 } } };
	struct fg_ref_update tag = { (char *)"refs/tags/release-1.2.3",
				     (char *)"refs/tags/release-1.2.3", { { 0 } }, { { 0 } } };
	struct fg_typed_update t;
	struct fg_branch scratch;
	const struct fg_branch *b;

	config_from(&own, "[branch \"topic\"]\n\tpattern = ^topic/.+$\n\tprotected = true\n"
		    "[tag]\n\tprefix = release-\n");
	fg_typed_update_init(&t, &branch);
	ck_assert_int_eq(fg_typed_update_parse(&t, fg_test_config()), -1);
	ck_assert_ptr_null(fg_typed_update_branch(&t, fg_test_config(), &scratch));
	/* the rules of another commit: parsed under them, into SCRATCH */
	b = fg_typed_update_branch(&t, &own, &scratch);
	ck_assert_ptr_eq(b, &scratch);
	ck_assert_str_eq(b->spec->kind, "topic");
	ck_assert_int_eq(b->spec->protected_branch, 1);
	ck_assert_int_eq(t.parsed, -1); /* T itself stays as typed */
	ck_assert_int_eq(fg_typed_update_parse(&t, &own), 0);
	ck_assert_ptr_eq(fg_typed_update_branch(&t, &own, &scratch), &t.branch);
	ck_assert_ptr_null(fg_typed_update_branch(&t, fg_test_config(), &scratch));

	fg_typed_update_init(&t, &tag);
	ck_assert_int_eq(t.kind, FG_REF_TAG);
	ck_assert_int_eq(fg_typed_update_parse(&t, fg_test_config()), -1);
	ck_assert_int_eq(fg_typed_update_parse(&t, &own), 0);
	ck_assert(t.version.major == 1 && t.version.minor == 2 && t.version.patch == 3);
	/* a tag is no branch, under any configuration */
	ck_assert_ptr_null(fg_typed_update_branch(&t, &own, &scratch));
	fg_config_release(&own);
}
END_TEST

Suite *updates_suite(void)
{
	Suite *s = suite_create("updates");
	TCase *parse = tcase_create("parse");
	TCase *typed = tcase_create("typed");

	tcase_add_loop_test(parse, test_parse_updates, 0, (int)FG_COUNT(update_cases));
	suite_add_tcase(s, parse);
	tcase_add_loop_test(typed, test_typed_update, 0, (int)FG_COUNT(typed_cases));
	tcase_add_test(typed, test_typed_update_per_config);
	suite_add_tcase(s, typed);
	return s;
}

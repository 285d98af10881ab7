/*
 * Unit tests for carrier.c: which commit is a cherry-pick of a fix commit
 * (the -x line, else the same paths with the same patch ID), and the walk
 * where each commit holds its own carrier and its parents', on the hotfix
 * story (hotfix_story.h).
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "carrier.h"
#include "check_flowgate.h"
#include "hotfix_story.h"

/* fg_carrier_picks on commit ID of S's repository, with FIXES. */
static size_t picks_of(struct story *s, struct fg_fix_commit *fixes, size_t nfix,
		       const git_oid *id)
{
	git_commit *commit = NULL;
	size_t which;

	ck_assert_int_eq(git_commit_lookup(&commit, s->r.repo, id), 0);
	which = fg_carrier_picks(s->r.repo, fixes, nfix, commit);
	git_commit_free(commit);
	return which;
}

START_TEST(test_picks)
{
	struct story s;
	struct fg_fix_commit fix[1];
	char hex[GIT_OID_HEXSZ + 1], want[80];
	git_oid other_change, other_path, other_line;

	fg_story_init(&s);
	memset(fix, 0, sizeof(fix));
	ck_assert_int_eq(fg_fix_commit_init(&fix[0], s.r.repo, &s.fix), 0);
	git_oid_tostr(hex, sizeof(hex), &s.fix);
	snprintf(want, sizeof(want), "(cherry picked from commit %s)", hex);
	ck_assert_str_eq(fix[0].needle, want);
	ck_assert(git_oid_equal(git_commit_id(fix[0].commit), &s.fix));
	/* the -x line names it: found by the message alone, no diff made */
	ck_assert_uint_eq(picks_of(&s, fix, 1, &s.on_release), 0);
	ck_assert_int_eq(fix[0].known, 0);
	/* picked by hand: the same path, the same patch ID */
	ck_assert_uint_eq(picks_of(&s, fix, 1, &s.on_main), 0);
	ck_assert_int_eq(fix[0].known, 1);
	ck_assert_uint_eq(fix[0].npaths, 1);
	ck_assert_str_eq(fix[0].paths[0], "b.txt");
	ck_assert(!git_oid_is_zero(&fix[0].patch));
	/* the same path changed otherwise, another path changed alike, a -x line of
	 * another commit: none is a pick */
	fg_story_on_branch(&s.r, "dev/0.16.x", &s.dev_tip);
	fg_story_commit_file(&s.r, "b.txt", "two, fixed otherwise\n", "fix: another way\n",
			     &other_change);
	fg_story_on_branch(&s.r, "dev/0.16.x", &s.dev_tip);
	fg_story_commit_file(&s.r, "c.txt", "two, fixed\n", "fix: elsewhere\n", &other_path);
	fg_story_on_branch(&s.r, "dev/0.16.x", &s.dev_tip);
	fg_story_commit_file(&s.r, "b.txt", "two, fixed too\n", "fix: x\n\n(cherry picked from "
			     "commit 0123456789012345678901234567890123456789)\n", &other_line);
	ck_assert_uint_eq(picks_of(&s, fix, 1, &other_change), SIZE_MAX);
	ck_assert_uint_eq(picks_of(&s, fix, 1, &other_path), SIZE_MAX);
	ck_assert_uint_eq(picks_of(&s, fix, 1, &other_line), SIZE_MAX);
	ck_assert_uint_eq(picks_of(&s, fix, 1, &s.dev_tip), SIZE_MAX);
	fg_fix_commit_release(&fix[0]);
	ck_assert_ptr_null(fix[0].commit);
	ck_assert_ptr_null(fix[0].paths);
	ck_assert_uint_eq(fix[0].npaths, 0);
	fg_test_repo_release(&s.r);
}
END_TEST

/* A fix commit that changes nothing has no patch ID: only its -x line finds a pick. */
START_TEST(test_empty_fix)
{
	struct story s;
	struct fg_fix_commit fix[1];
	git_oid empty, other_empty, picked;
	char hex[GIT_OID_HEXSZ + 1], message[120];

	fg_story_init(&s);
	fg_story_on_branch(&s.r, "hotfix/empty", &s.c1);
	fg_test_repo_commit(&s.r, "fix: nothing\n", &empty);
	fg_story_on_branch(&s.r, "dev/0.16.x", &s.dev_tip);
	fg_test_repo_commit(&s.r, "fix: nothing either\n", &other_empty);
	git_oid_tostr(hex, sizeof(hex), &empty);
	snprintf(message, sizeof(message), "fix: nothing\n\n(cherry picked from commit %s)\n", hex);
	fg_test_repo_commit(&s.r, message, &picked);
	memset(fix, 0, sizeof(fix));
	ck_assert_int_eq(fg_fix_commit_init(&fix[0], s.r.repo, &empty), 0);
	ck_assert_uint_eq(picks_of(&s, fix, 1, &other_empty), SIZE_MAX);
	ck_assert_int_eq(fix[0].known, 1);
	ck_assert(git_oid_is_zero(&fix[0].patch));
	ck_assert_uint_eq(picks_of(&s, fix, 1, &picked), 0);
	fg_fix_commit_release(&fix[0]);
	fg_test_repo_release(&s.r);
}
END_TEST

/* A revwalk of S's repository pushing the N tips, HIDE hidden, as hotfix.c sets it up. */
static git_revwalk *walk_of(struct story *s, const git_oid *tips, size_t n, const git_oid *hide)
{
	git_revwalk *walk = NULL;

	ck_assert_int_eq(git_revwalk_new(&walk, s->r.repo), 0);
	ck_assert_int_eq(git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL | GIT_SORT_REVERSE), 0);
	for (size_t i = 0; i < n; i++)
		ck_assert_int_eq(git_revwalk_push(walk, &tips[i]), 0);
	ck_assert_int_eq(git_revwalk_hide(walk, hide), 0);
	return walk;
}

/* The carrier of fix commit I that commit ID holds, asserting ID is in the walk. */
static size_t carrier_at(const struct fg_carriers *c, const git_oid *id, size_t i)
{
	const uint64_t *bits = fg_carriers_held(c, id);

	ck_assert_ptr_nonnull(bits);
	return fg_carriers_of(c, bits, i);
}

START_TEST(test_walk)
{
	struct story s;
	struct fg_fix_commit fixes[1];
	struct fg_carriers c;
	git_revwalk *walk;
	git_oid tips[5], later;
	size_t j;

	fg_story_init(&s);
	fg_story_on_branch(&s.r, "main", &s.on_main);
	fg_story_commit_file(&s.r, "f.txt", "later\n", "feat: after the pick\n", &later);
	tips[0] = later;
	tips[1] = s.on_release;
	tips[2] = s.dev_tip;
	tips[3] = s.fix;
	tips[4] = s.maint_tip;
	memset(fixes, 0, sizeof(fixes));
	memset(&c, 0, sizeof(c));
	ck_assert_int_eq(fg_fix_commit_init(&fixes[0], s.r.repo, &s.fix), 0);
	walk = walk_of(&s, tips, 5, &s.c1);
	ck_assert_int_eq(fg_carriers_walk(&c, s.r.repo, walk, fixes, &s.fix, 1), 0);
	git_revwalk_free(walk);
	/* carriers: the fix, release's and main's picks; walked: those three, main's e.txt
	 * and later, dev's and maint's tips (c1 and c0 below the base) */
	ck_assert_uint_eq(c.ncarriers, 3);
	ck_assert_uint_eq(c.n, 7);
	/* the fix commit carries itself */
	ck_assert_uint_eq(carrier_at(&c, &s.fix, 0), 0);
	ck_assert(git_oid_equal(&c.carrier[0], &s.fix));
	/* each pick carries it, and a commit above main's pick holds that pick */
	j = carrier_at(&c, &s.on_release, 0);
	ck_assert(j != 0 && j != SIZE_MAX);
	ck_assert(git_oid_equal(&c.carrier[j], &s.on_release));
	ck_assert_uint_eq(c.carrier_fix[j], 0);
	j = carrier_at(&c, &s.on_main, 0);
	ck_assert(j != 0 && j != SIZE_MAX);
	ck_assert(git_oid_equal(&c.carrier[j], &s.on_main));
	ck_assert_uint_eq(carrier_at(&c, &later, 0), j);
	/* dev and maint lack it; the hidden base is not in the walk, and holds nothing */
	ck_assert_uint_eq(carrier_at(&c, &s.dev_tip, 0), SIZE_MAX);
	ck_assert_uint_eq(carrier_at(&c, &s.maint_tip, 0), SIZE_MAX);
	ck_assert_ptr_null(fg_carriers_held(&c, &s.c1));
	ck_assert_uint_eq(fg_carriers_of(&c, NULL, 0), SIZE_MAX);
	fg_carriers_release(&c);
	ck_assert_ptr_null(c.ids);
	ck_assert_ptr_null(c.bits);
	ck_assert_uint_eq(c.n, 0);
	fg_fix_commit_release(&fixes[0]);
	fg_test_repo_release(&s.r);
}
END_TEST

/* Two fix commits, one picked: each carrier names the fix commit it carries. */
START_TEST(test_walk_two_fixes)
{
	struct story s;
	struct fg_fix_commit fixes[2];
	struct fg_carriers c;
	git_revwalk *walk;
	git_oid fix[2], tips[2], pick;
	size_t j;

	fg_story_init(&s);
	fg_story_on_branch(&s.r, "hotfix/y", &s.c1);
	fg_story_commit_file(&s.r, "y1.txt", "y1\n", "fix: first half\n", &fix[0]);
	fg_story_commit_file(&s.r, "y2.txt", "y2\n", "fix: second half\n", &fix[1]);
	fg_story_on_branch(&s.r, "dev/0.16.x", &s.dev_tip);
	fg_story_commit_file(&s.r, "y2.txt", "y2\n", "fix: second half, picked\n", &pick);
	tips[0] = fix[1];
	tips[1] = pick;
	memset(fixes, 0, sizeof(fixes));
	memset(&c, 0, sizeof(c));
	for (int i = 0; i < 2; i++)
		ck_assert_int_eq(fg_fix_commit_init(&fixes[i], s.r.repo, &fix[i]), 0);
	walk = walk_of(&s, tips, 2, &s.c1);
	ck_assert_int_eq(fg_carriers_walk(&c, s.r.repo, walk, fixes, fix, 2), 0);
	git_revwalk_free(walk);
	ck_assert_uint_eq(c.nfix, 2);
	ck_assert_uint_eq(c.ncarriers, 3);
	/* dev holds the second fix commit as its pick, not the first */
	ck_assert_uint_eq(carrier_at(&c, &pick, 0), SIZE_MAX);
	j = carrier_at(&c, &pick, 1);
	ck_assert_uint_eq(j, 2);
	ck_assert_uint_eq(c.carrier_fix[j], 1);
	ck_assert(git_oid_equal(&c.carrier[j], &pick));
	/* the branch's tip holds both fix commits themselves */
	ck_assert_uint_eq(carrier_at(&c, &fix[1], 0), 0);
	ck_assert_uint_eq(carrier_at(&c, &fix[1], 1), 1);
	ck_assert_uint_eq(carrier_at(&c, &fix[0], 1), SIZE_MAX);
	fg_carriers_release(&c);
	for (int i = 0; i < 2; i++)
		fg_fix_commit_release(&fixes[i]);
	fg_test_repo_release(&s.r);
}
END_TEST

Suite *carrier_suite(void)
{
	Suite *s = suite_create("carrier");
	TCase *tc = tcase_create("carrier");

	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_picks);
	tcase_add_test(tc, test_empty_fix);
	tcase_add_test(tc, test_walk);
	tcase_add_test(tc, test_walk_two_fixes);
	suite_add_tcase(s, tc);
	return s;
}

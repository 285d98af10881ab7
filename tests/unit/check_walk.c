/*
 * walk.c: walks that give what git_revwalk gives, in its order, on random
 * histories with skewed clocks, each commit read as git_commit_lookup
 * reads it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check_flowgate.h"
#include "walk.h"

static git_oid write_object(git_repository *repo, const char *data, size_t len, git_object_t type)
{
	git_odb *odb = NULL;
	git_oid id;

	ck_assert_int_eq(git_repository_odb(&odb, repo), 0);
	ck_assert_int_eq(git_odb_write(&id, odb, data, len, type), 0);
	git_odb_free(odb);
	return id;
}

static const char *empty_tree_hex = "4b825dc642cb6eb9a060e54bf8d69288fbe4904b";

/* A small deterministic generator (the tests must give the same histories each run). */
static unsigned long rng;

static unsigned next_rand(void)
{
	rng = rng * 6364136223846793005UL + 1442695040888963407UL;
	return (unsigned)(rng >> 33);
}

#define NCOMMITS 700

/*
 * A random history of NCOMMITS commits (more than the walk's first blocks
 * of nodes and list cells hold): each has up to three parents among
 * the earlier ones (a few roots), times that mostly grow but jump back now
 * and then (skewed clocks), and an encoding header on some.
 */
static void random_history(git_repository *repo, git_oid *ids)
{
	char buf[1024];

	for (int i = 0; i < NCOMMITS; i++) {
		int n = 0, np = i == 0 || next_rand() % 12 == 0 ? 0 : 1 + (next_rand() % 5 == 0) +
								    (next_rand() % 9 == 0);
		long t = 1700000000L + 10L * i - (next_rand() % 6 == 0 ? next_rand() % 100 : 0);

		n += snprintf(buf + n, sizeof(buf) - (size_t)n, "tree %s\n", empty_tree_hex);
		for (int p = 0; p < np; p++) {
			char hex[GIT_OID_HEXSZ + 1];
			int back = 1 + (int)(next_rand() % (unsigned)(i < 8 ? i : 8));

			git_oid_tostr(hex, sizeof(hex), &ids[i - back]);
			n += snprintf(buf + n, sizeof(buf) - (size_t)n, "parent %s\n", hex);
		}
		n += snprintf(buf + n, sizeof(buf) - (size_t)n,
			      "author A <a@x> %ld +0000\ncommitter C <c@x> %ld +0000\n%s\n"
			      "feat: commit %d\n", t, next_rand() % 4 ? t : t + 5,
			      i % 7 == 0 ? "encoding ISO-8859-1\n" : "", i);
		ids[i] = write_object(repo, buf, (size_t)n, GIT_OBJECT_COMMIT);
	}
}

/*
 * fg_walk gives what git_revwalk gives, in its order, on random histories
 * and random tips and hidden commits, unsorted and topological-reversed,
 * with and without room to keep the messages.
 */
START_TEST(test_walk_as_revwalk)
{
	struct fg_test_repo r;
	git_oid ids[NCOMMITS];

	fg_test_repo_create(&r, "main", NULL, 0);
	git_libgit2_opts(GIT_OPT_ENABLE_CACHING, 0);
	rng = 12345 + (unsigned long)_i;
	random_history(r.repo, ids);
	for (int round = 0; round < 16; round++) {
		git_revwalk *rw = NULL;
		struct fg_walk *fw = NULL;
		int topo = round % 2, npush = 1 + (int)(next_rand() % 3),
		    nhide = (int)(next_rand() % 4);
		size_t keep = round % 3 == 0 ? 0 : round % 3 == 1 ? 6000 : 1 << 20, count = 0;
		git_oid want;
		size_t node;
		int a, b;

		ck_assert_int_eq(git_revwalk_new(&rw, r.repo), 0);
		if (topo)
			git_revwalk_sorting(rw, GIT_SORT_TOPOLOGICAL | GIT_SORT_REVERSE);
		ck_assert_int_eq(fg_walk_new(&fw, r.repo, topo ? FG_WALK_TOPO_REVERSE
							       : FG_WALK_UNSORTED, keep), 0);
		for (int k = 0; k < npush + nhide; k++) {
			const git_oid *id = &ids[NCOMMITS - 60 + (int)(next_rand() % 60)];

			if (k % 2 || k >= 2 * nhide) {
				ck_assert_int_eq(git_revwalk_push(rw, id), 0);
				ck_assert_int_eq(fg_walk_push(fw, id), 0);
			} else {
				id = &ids[next_rand() % 2 ? NCOMMITS - 100 + next_rand() % 100
							   : next_rand() % NCOMMITS];
				ck_assert_int_eq(git_revwalk_hide(rw, id), 0);
				ck_assert_int_eq(fg_walk_hide(fw, id), 0);
			}
		}
		for (;;) {
			const struct fg_commit_info *info;
			git_commit *c = NULL;

			a = git_revwalk_next(&want, rw);
			b = fg_walk_next(&node, fw);
			ck_assert_msg(a == b, "round %d, commit %zu: revwalk %d, fg_walk %d", round,
				      count, a, b);
			if (a)
				break;
			ck_assert_msg(git_oid_equal(&want, fg_walk_id(fw, node)),
				      "round %d: commit %zu differs", round, count);
			ck_assert(fg_walk_yielded(fw, node));
			ck_assert_int_eq(fg_walk_read(&info, fw, node), 0);
			ck_assert_int_eq(git_commit_lookup(&c, r.repo, &want), 0);
			ck_assert_str_eq(info->message, git_commit_message(c));
			ck_assert_uint_eq(info->nparents, git_commit_parentcount(c));
			for (unsigned i = 0; i < git_commit_parentcount(c); i++)
				ck_assert(git_oid_equal(&info->parents[i], git_commit_parent_id(c, i)));
			ck_assert(git_oid_equal(&info->tree, git_commit_tree_id(c)));
			if (git_commit_message_encoding(c))
				ck_assert_str_eq(info->encoding, git_commit_message_encoding(c));
			else
				ck_assert_ptr_null(info->encoding);
			ck_assert_uint_eq(fg_walk_find(fw, &want), node);
			git_commit_free(c);
			count++;
		}
		ck_assert_int_eq(a, GIT_ITEROVER);
		git_revwalk_free(rw);
		fg_walk_free(fw);
	}
	git_libgit2_opts(GIT_OPT_ENABLE_CACHING, 1);
	fg_test_repo_release(&r);
}
END_TEST

/* A missing parent stops both walks with the same error; a missing tip is not found. */
START_TEST(test_walk_missing_parent)
{
	struct fg_test_repo r;
	char buf[512];
	git_oid tip, missing, got;
	git_revwalk *rw = NULL;
	struct fg_walk *fw = NULL;
	size_t node;
	int a, b;
	char *want;

	fg_test_repo_create(&r, "main", NULL, 0);
	snprintf(buf, sizeof(buf), "tree %s\nparent 1234567890123456789012345678901234567890\n"
		 "author A <a@x> 1 +0000\ncommitter C <c@x> 2 +0000\n\nfeat: x\n", empty_tree_hex);
	tip = write_object(r.repo, buf, strlen(buf), GIT_OBJECT_COMMIT);
	ck_assert_int_eq(git_revwalk_new(&rw, r.repo), 0);
	ck_assert_int_eq(fg_walk_new(&fw, r.repo, FG_WALK_UNSORTED, 1024), 0);
	git_revwalk_push(rw, &tip);
	fg_walk_push(fw, &tip);
	while ((a = git_revwalk_next(&got, rw)) == 0)
		;
	want = strdup(git_error_last() ? git_error_last()->message : "");
	while ((b = fg_walk_next(&node, fw)) == 0)
		;
	ck_assert_int_eq(a, b);
	ck_assert_str_eq(git_error_last()->message, want);
	git_oid_fromstr(&missing, "1234567890123456789012345678901234567890");
	ck_assert_int_eq(fg_walk_hide(fw, &missing), GIT_ENOTFOUND);
	free(want);
	git_revwalk_free(rw);
	fg_walk_free(fw);
	fg_test_repo_release(&r);
}
END_TEST

Suite *walk_suite(void)
{
	Suite *s = suite_create("walk");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, test_walk_as_revwalk, 0, 4);
	tcase_add_test(tc, test_walk_missing_parent);
	suite_add_tcase(s, tc);
	return s;
}

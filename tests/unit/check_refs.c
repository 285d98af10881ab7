/*
 * Unit tests for refs.c's ref index (struct fg_refs): which branches hold
 * a commit (fg_branches_holding: the lazily resumed walks, on_other, pushed
 * refs laid over the repository's). Every expected answer is computed here
 * independently: reachability with git_graph_descendant_of.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check_flowgate.h"
#include "refs.h"
#include "refs_story.h"

/* The brute-force answer: the branch REFNAME (as the repository has it) holds COMMIT. */
static int ref_holds(git_repository *repo, const char *refname, const git_oid *commit)
{
	git_oid tip;

	if (!refname || git_reference_name_to_id(&tip, repo, refname) < 0) {
		git_error_clear();
		return 0;
	}
	return story_holds(repo, &tip, commit);
}

/* The brute-force on_other: a direct local or remote-tracking branch but SKIP holds COMMIT. */
static int others_hold_brute(git_repository *repo, const char *skip, const git_oid *commit)
{
	git_reference_iterator *it = NULL;
	git_reference *ref;
	int found = 0;

	ck_assert_int_eq(git_reference_iterator_new(&it, repo), 0);
	while (git_reference_next(&ref, it) == 0) {
		const char *name = git_reference_name(ref);
		size_t len = strlen(name);

		if (git_reference_type(ref) == GIT_REFERENCE_DIRECT &&
		    (!strncmp(name, "refs/heads/", 11) || !strncmp(name, "refs/remotes/", 13)) &&
		    strcmp(name, skip) && !(len >= 5 && !strcmp(name + len - 5, "/HEAD")) &&
		    story_holds(repo, git_reference_target(ref), commit))
			found = 1;
		git_reference_free(ref);
	}
	git_reference_iterator_free(it);
	git_error_clear();
	return found;
}

static struct fg_holders holding(struct fg_refs *refs, const git_oid *commit, uint64_t major,
				 uint64_t minor, const char *skip)
{
	struct fg_holders h;

	memset(&h, 0x5a, sizeof(h)); /* every field must be set */
	fg_branches_holding(&h, refs, fg_test_config(), commit, major, minor, skip);
	ck_assert_int_eq(h.known, 1);
	return h;
}

/* The series of the story, with the branches that hold their commits. */
static const struct {
	uint64_t major, minor;
	const char *release, *maint;
} story_series[] = {
	{ 0, 16, "refs/heads/release/0.16.x", NULL },
	{ 0, 15, NULL, "refs/heads/maint/0.15.x" },
	{ 0, 18, "refs/heads/release/0.18.x", NULL },
	{ 0, 17, NULL, NULL },
	{ 1, 16, NULL, NULL },
};

/* Every commit of S in the order IDX, every series, in one struct fg_refs. */
static void query_all(struct story *s, const size_t *idx, const char *order)
{
	struct fg_refs refs;
	git_repository *repo = s->r.repo;
	char hex[GIT_OID_HEXSZ + 1];

	fg_refs_init(&refs, repo, NULL);
	for (size_t k = 0; k < s->nall; k++) {
		const git_oid *c = &s->all[idx[k]];

		git_oid_tostr(hex, sizeof(hex), c);
		for (size_t j = 0; j < FG_COUNT(story_series); j++) {
			struct fg_holders h = holding(&refs, c, story_series[j].major,
						      story_series[j].minor, NULL);

			ck_assert_msg(h.on_release == ref_holds(repo, story_series[j].release, c),
				      "%s: commit %zu (%s) series %d.%d: on_release %d", order,
				      idx[k], hex, (int)story_series[j].major,
				      (int)story_series[j].minor, h.on_release);
			ck_assert_msg(h.on_maint == ref_holds(repo, story_series[j].maint, c),
				      "%s: commit %zu (%s) series %d.%d: on_maint %d", order,
				      idx[k], hex, (int)story_series[j].major,
				      (int)story_series[j].minor, h.on_maint);
			ck_assert_int_eq(h.on_other, 0); /* no SKIP_REF: never set */
		}
	}
	/* by now a query no branch answers has walked every branch to its end:
	 * the answers come from the walked commits */
	ck_assert_int_eq(holding(&refs, &s->lone, 0, 16, NULL).on_release, 0);
	ck_assert_int_eq(holding(&refs, &s->rel[0], 0, 16, NULL).on_release, 1);
	ck_assert_int_eq(holding(&refs, &s->rel[NREL - 1], 0, 16, NULL).on_release, 1);
	ck_assert_int_eq(holding(&refs, &s->rel[37], 0, 16, NULL).on_release, 1);
	ck_assert_int_eq(holding(&refs, &s->fx[1], 0, 16, NULL).on_release, 0);
	ck_assert_int_eq(holding(&refs, &s->m[0], 0, 16, NULL).on_release, 0);
	ck_assert_int_eq(holding(&refs, &s->m[0], 0, 15, NULL).on_maint, 1);
	ck_assert_int_eq(holding(&refs, &s->rel[20], 0, 15, NULL).on_maint, 1);
	ck_assert_int_eq(holding(&refs, &s->rel[21], 0, 15, NULL).on_maint, 0);
	ck_assert_int_eq(holding(&refs, &s->fy[0], 0, 18, NULL).on_release, 1);
	ck_assert_int_eq(holding(&refs, &s->rel[31], 0, 18, NULL).on_release, 0);
	ck_assert_int_eq(holding(&refs, &s->lone, 0, 18, NULL).on_release, 0);
	fg_refs_release(&refs);
	ck_assert_ptr_null(refs.cache);
}

START_TEST(test_reach_every_commit_three_orders)
{
	struct story s;
	size_t idx[NALL];

	story_init(&s);
	/* the brute force itself, on a few commits the story fixes */
	ck_assert_int_eq(ref_holds(s.r.repo, "refs/heads/release/0.16.x", &s.rel[0]), 1);
	ck_assert_int_eq(ref_holds(s.r.repo, "refs/heads/release/0.16.x", &s.fx[0]), 0);
	ck_assert_int_eq(ref_holds(s.r.repo, "refs/heads/release/0.18.x", &s.fy[3]), 1);
	/* oldest first: the first query misses the first window, the second walks down */
	for (size_t i = 0; i < NALL; i++)
		idx[i] = i;
	query_all(&s, idx, "oldest first");
	for (size_t i = 0; i < NALL; i++)
		idx[i] = NALL - 1 - i;
	query_all(&s, idx, "newest first");
	story_shuffled(idx, NALL, 20240229u);
	query_all(&s, idx, "shuffled");
	story_shuffled(idx, NALL, 7u);
	query_all(&s, idx, "shuffled again");
	fg_test_repo_release(&s.r);
}
END_TEST

START_TEST(test_reach_side_branch_not_held)
{
	struct story s;
	struct fg_refs refs;

	story_init(&s);
	fg_refs_init(&refs, s.r.repo, NULL);
	for (size_t i = 0; i < NFX; i++) {
		struct fg_holders h = holding(&refs, &s.fx[i], 0, 16, NULL);

		ck_assert_int_eq(h.on_release, 0);
		ck_assert_int_eq(h.on_maint, 0);
	}
	/* its fork point and what is below it are held */
	ck_assert_int_eq(holding(&refs, &s.rel[10], 0, 16, NULL).on_release, 1);
	ck_assert_int_eq(holding(&refs, &s.rel[9], 0, 16, NULL).on_release, 1);
	for (size_t i = 0; i < NFX; i++)
		ck_assert_int_eq(holding(&refs, &s.fx[i], 0, 16, NULL).on_release, 0);
	fg_refs_release(&refs);
	fg_test_repo_release(&s.r);
}
END_TEST

/* The first window of the walk (REACH_FIRST commits) and what follows a miss. */
START_TEST(test_reach_first_window)
{
	struct story s;
	struct fg_refs refs;

	story_init(&s);
	/* rel[48]: the 16th commit walked from the tip */
	fg_refs_init(&refs, s.r.repo, NULL);
	ck_assert_int_eq(holding(&refs, &s.rel[48], 0, 16, NULL).on_release, 1);
	ck_assert_int_eq(holding(&refs, &s.rel[47], 0, 16, NULL).on_release, 1);
	ck_assert_int_eq(holding(&refs, &s.rel[31], 0, 16, NULL).on_release, 1);
	ck_assert_int_eq(holding(&refs, &s.fx[0], 0, 16, NULL).on_release, 0);
	ck_assert_int_eq(holding(&refs, &s.rel[0], 0, 16, NULL).on_release, 1);
	fg_refs_release(&refs);
	/* rel[47]: just past the window, answered by libgit2; then a miss walks to the end */
	fg_refs_init(&refs, s.r.repo, NULL);
	ck_assert_int_eq(holding(&refs, &s.rel[47], 0, 16, NULL).on_release, 1);
	ck_assert_int_eq(holding(&refs, &s.fx[0], 0, 16, NULL).on_release, 0);
	ck_assert_int_eq(holding(&refs, &s.rel[0], 0, 16, NULL).on_release, 1);
	ck_assert_int_eq(holding(&refs, &s.rel[47], 0, 16, NULL).on_release, 1);
	ck_assert_int_eq(holding(&refs, &s.lone, 0, 16, NULL).on_release, 0);
	ck_assert_int_eq(holding(&refs, &s.fx[0], 0, 16, NULL).on_release, 0);
	fg_refs_release(&refs);
	/* a commit not held first, then one deep down, then not held again */
	fg_refs_init(&refs, s.r.repo, NULL);
	ck_assert_int_eq(holding(&refs, &s.lone, 0, 16, NULL).on_release, 0);
	ck_assert_int_eq(holding(&refs, &s.rel[0], 0, 16, NULL).on_release, 1);
	ck_assert_int_eq(holding(&refs, &s.lone, 0, 16, NULL).on_release, 0);
	ck_assert_int_eq(holding(&refs, &s.m[NM - 1], 0, 16, NULL).on_release, 0);
	ck_assert_int_eq(holding(&refs, &s.rel[63], 0, 16, NULL).on_release, 1);
	fg_refs_release(&refs);
	/* through a merge's second parent: feature/y, deeper than the window */
	fg_refs_init(&refs, s.r.repo, NULL);
	ck_assert_int_eq(holding(&refs, &s.fy[0], 0, 18, NULL).on_release, 1);
	ck_assert_int_eq(holding(&refs, &s.rel[5], 0, 18, NULL).on_release, 1);
	ck_assert_int_eq(holding(&refs, &s.rel[31], 0, 18, NULL).on_release, 0);
	ck_assert_int_eq(holding(&refs, &s.fy[NFY - 1], 0, 18, NULL).on_release, 1);
	ck_assert_int_eq(holding(&refs, &s.rel[63], 0, 18, NULL).on_release, 0);
	ck_assert_int_eq(holding(&refs, &s.rel[30], 0, 18, NULL).on_release, 1);
	fg_refs_release(&refs);
	fg_test_repo_release(&s.r);
}
END_TEST

START_TEST(test_on_other)
{
	static const char *const skips[] = {
		"refs/heads/release/0.16.x", "refs/heads/main", "refs/heads/feature/x",
		"refs/heads/no/such/branch",
	};
	struct story s;
	struct fg_refs refs;
	const char *rel = "refs/heads/release/0.16.x";
	size_t idx[NALL];

	story_init(&s);
	fg_refs_init(&refs, s.r.repo, NULL);
	/* only on release/0.16.x (main is at rel[40], release/0.18.x holds up to rel[30]) */
	ck_assert_int_eq(holding(&refs, &s.rel[50], 0, 16, rel).on_other, 0);
	ck_assert_int_eq(holding(&refs, &s.rel[50], 0, 16, rel).on_release, 1);
	ck_assert_int_eq(holding(&refs, &s.rel[NREL - 1], 0, 16, rel).on_other, 0);
	ck_assert_int_eq(holding(&refs, &s.rel[41], 0, 16, rel).on_other, 0);
	/* also on main, on the side branch, on maint */
	ck_assert_int_eq(holding(&refs, &s.rel[40], 0, 16, rel).on_other, 1);
	ck_assert_int_eq(holding(&refs, &s.rel[35], 0, 16, rel).on_other, 1);
	ck_assert_int_eq(holding(&refs, &s.fx[1], 0, 16, rel).on_other, 1);
	ck_assert_int_eq(holding(&refs, &s.m[0], 0, 16, rel).on_other, 1);
	ck_assert_int_eq(holding(&refs, &s.lone, 0, 16, rel).on_other, 0);
	/* without SKIP_REF: never */
	ck_assert_int_eq(holding(&refs, &s.rel[35], 0, 16, NULL).on_other, 0);
	fg_refs_release(&refs);
	/* every commit, several skipped branches in one struct fg_refs, shuffled */
	fg_refs_init(&refs, s.r.repo, NULL);
	story_shuffled(idx, NALL, 99u);
	for (size_t k = 0; k < NALL; k++)
		for (size_t j = 0; j < FG_COUNT(skips); j++) {
			const git_oid *c = &s.all[idx[k]];

			ck_assert_msg(holding(&refs, c, 0, 16, skips[j]).on_other ==
					      others_hold_brute(s.r.repo, skips[j], c),
				      "commit %zu skipping %s", idx[k], skips[j]);
		}
	fg_refs_release(&refs);
	fg_test_repo_release(&s.r);
}
END_TEST

/*
 * SKIP_REF as a branch name (check-range, issue 20, item 14): the branch is
 * skipped under every name it has, local and remote-tracking; a full
 * refname skips that ref alone, and the remote-tracking copy is another
 * branch.
 */
START_TEST(test_on_other_by_name)
{
	struct story s;
	struct fg_refs refs;

	story_init(&s);
	story_set_ref(s.r.repo, "refs/remotes/origin/feature/x", &s.fx[NFX - 1]);
	story_set_ref(s.r.repo, "refs/remotes/upstream/feature/x", &s.fx[NFX - 1]);
	fg_refs_init(&refs, s.r.repo, NULL);
	ck_assert_int_eq(holding(&refs, &s.fx[1], 0, 16, "feature/x").on_other, 0);
	ck_assert_int_eq(holding(&refs, &s.fx[1], 0, 16, "refs/heads/feature/x").on_other, 1);
	ck_assert_int_eq(holding(&refs, &s.fx[1], 0, 16, "feature/y").on_other, 1);
	/* a commit of release/0.16.x that main holds too: another branch's */
	ck_assert_int_eq(holding(&refs, &s.rel[40], 0, 16, "release/0.16.x").on_other, 1);
	ck_assert_int_eq(holding(&refs, &s.rel[50], 0, 16, "release/0.16.x").on_other, 0);
	/* a name that is a prefix of another's is not that branch */
	ck_assert_int_eq(holding(&refs, &s.fx[1], 0, 16, "feature").on_other, 1);
	fg_refs_release(&refs);
	fg_test_repo_release(&s.r);
}
END_TEST

START_TEST(test_remote_tracking)
{
	struct story s;
	struct fg_refs refs;
	const char *rel = "refs/heads/release/0.16.x";
	git_reference *sym = NULL;
	size_t idx[NALL];

	story_init(&s);
	story_set_ref(s.r.repo, "refs/remotes/origin/release/0.16.x", &s.rel[55]);
	story_set_ref(s.r.repo, "refs/remotes/origin/release/0.17.x", &s.rel[45]);
	story_set_ref(s.r.repo, "refs/remotes/upstream/maint/0.14.x", &s.fx[1]);
	ck_assert_int_eq(git_reference_symbolic_create(&sym, s.r.repo, "refs/remotes/origin/HEAD",
						       "refs/remotes/origin/release/0.17.x", 1,
						       NULL), 0);
	git_reference_free(sym);
	fg_refs_init(&refs, s.r.repo, NULL);
	/* a remote-tracking branch is another branch, whatever its name */
	ck_assert_int_eq(holding(&refs, &s.rel[50], 0, 16, rel).on_other, 1);
	ck_assert_int_eq(holding(&refs, &s.rel[55], 0, 16, rel).on_other, 1);
	ck_assert_int_eq(holding(&refs, &s.rel[56], 0, 16, rel).on_other, 0);
	/* skipping the remote-tracking one: the local one holds it */
	ck_assert_int_eq(holding(&refs, &s.rel[60], 0, 16, "refs/remotes/origin/release/0.16.x")
				 .on_other, 1);
	/* remote-tracking series branches hold their commits */
	ck_assert_int_eq(holding(&refs, &s.rel[45], 0, 17, NULL).on_release, 1);
	ck_assert_int_eq(holding(&refs, &s.rel[0], 0, 17, NULL).on_release, 1);
	ck_assert_int_eq(holding(&refs, &s.rel[46], 0, 17, NULL).on_release, 0);
	ck_assert_int_eq(holding(&refs, &s.fx[0], 0, 14, NULL).on_maint, 1);
	ck_assert_int_eq(holding(&refs, &s.fx[2], 0, 14, NULL).on_maint, 0);
	ck_assert_int_eq(holding(&refs, &s.rel[10], 0, 14, NULL).on_release, 0);
	fg_refs_release(&refs);
	/* two release branches of one series: either may hold it */
	story_set_ref(s.r.repo, "refs/remotes/origin/release/0.18.x", &s.rel[50]);
	story_set_ref(s.r.repo, "refs/remotes/origin/maint/0.18.x", &s.rel[10]);
	fg_refs_init(&refs, s.r.repo, NULL);
	ck_assert_int_eq(holding(&refs, &s.rel[45], 0, 18, NULL).on_release, 1); /* origin's */
	ck_assert_int_eq(holding(&refs, &s.fy[2], 0, 18, NULL).on_release, 1);   /* the local */
	ck_assert_int_eq(holding(&refs, &s.rel[51], 0, 18, NULL).on_release, 0);
	/* and a maint branch of the same series as well */
	ck_assert_int_eq(holding(&refs, &s.rel[9], 0, 18, NULL).on_release, 1);
	ck_assert_int_eq(holding(&refs, &s.rel[9], 0, 18, NULL).on_maint, 1);
	ck_assert_int_eq(holding(&refs, &s.rel[11], 0, 18, NULL).on_maint, 0);
	ck_assert_int_eq(holding(&refs, &s.fy[2], 0, 18, NULL).on_maint, 0);
	fg_refs_release(&refs);
	/* every commit against the brute force, the remote-tracking refs included
	 * (series 0.17 and 0.14) */
	fg_refs_init(&refs, s.r.repo, NULL);
	story_shuffled(idx, NALL, 4242u);
	for (size_t k = 0; k < NALL; k++) {
		const git_oid *c = &s.all[idx[k]];
		struct fg_holders h = holding(&refs, c, 0, 17, rel);

		ck_assert_int_eq(h.on_release,
				 ref_holds(s.r.repo, "refs/remotes/origin/release/0.17.x", c));
		ck_assert_int_eq(h.on_maint, 0);
		ck_assert_int_eq(h.on_other, others_hold_brute(s.r.repo, rel, c));
		h = holding(&refs, c, 0, 14, NULL);
		ck_assert_int_eq(h.on_maint,
				 ref_holds(s.r.repo, "refs/remotes/upstream/maint/0.14.x", c));
		ck_assert_int_eq(h.on_release, 0);
	}
	fg_refs_release(&refs);
	fg_test_repo_release(&s.r);
}
END_TEST

START_TEST(test_pending_overlay)
{
	struct story s;
	struct fg_refs refs;
	struct fg_pending_ref pr[4];
	struct fg_pending pending;
	git_oid tip, zero;
	const char *rel = "refs/heads/release/0.16.x";

	story_init(&s);
	memset(&zero, 0, sizeof(zero));
	/* without the overlay, commit 20 is held */
	fg_refs_init(&refs, s.r.repo, NULL);
	ck_assert_int_eq(holding(&refs, &s.rel[20], 0, 16, NULL).on_release, 1);
	fg_refs_release(&refs);

	/* release/0.16.x moved back to commit 5 (listed unsorted, then sorted) */
	pr[0].refname = "refs/heads/zzz/other";
	git_oid_cpy(&pr[0].id, &s.lone);
	pr[1].refname = rel;
	git_oid_cpy(&pr[1].id, &s.rel[5]);
	pr[2].refname = "refs/heads/feature/x";
	git_oid_cpy(&pr[2].id, &zero);
	pr[3].refname = "refs/heads/aaa/first";
	git_oid_cpy(&pr[3].id, &s.m[NM - 1]);
	qsort(pr, 4, sizeof(pr[0]), fg_pending_ref_cmp);
	ck_assert_str_eq(pr[0].refname, "refs/heads/aaa/first");
	ck_assert_str_eq(pr[3].refname, "refs/heads/zzz/other");
	pending.refs = pr;
	pending.n = 4;
	fg_refs_init(&refs, s.r.repo, &pending);
	ck_assert_int_eq(holding(&refs, &s.rel[20], 0, 16, NULL).on_release, 0);
	ck_assert_int_eq(holding(&refs, &s.rel[NREL - 1], 0, 16, NULL).on_release, 0);
	ck_assert_int_eq(holding(&refs, &s.rel[6], 0, 16, NULL).on_release, 0);
	ck_assert_int_eq(holding(&refs, &s.rel[5], 0, 16, NULL).on_release, 1);
	ck_assert_int_eq(holding(&refs, &s.rel[0], 0, 16, NULL).on_release, 1);
	/* the repository's ref has not moved */
	ck_assert_int_eq(git_reference_name_to_id(&tip, s.r.repo, rel), 0);
	ck_assert(git_oid_equal(&tip, &s.rel[NREL - 1]));
	/* on_other: feature/x deleted; the added branches count */
	ck_assert_int_eq(holding(&refs, &s.fx[2], 0, 16, rel).on_other, 0);
	ck_assert_int_eq(holding(&refs, &s.lone, 0, 16, rel).on_other, 1);
	ck_assert_int_eq(holding(&refs, &s.rel[50], 0, 16, rel).on_other, 0);
	/* skipping another branch: release/0.16.x counts at its new place */
	ck_assert_int_eq(holding(&refs, &s.rel[3], 0, 16, "refs/heads/main").on_other, 1);
	ck_assert_int_eq(holding(&refs, &s.rel[50], 0, 16, "refs/heads/main").on_other, 0);
	fg_refs_release(&refs);

	/* release/0.16.x deleted: no commit is held for 0.16 */
	pr[0].refname = rel;
	git_oid_cpy(&pr[0].id, &zero);
	pending.n = 1;
	fg_refs_init(&refs, s.r.repo, &pending);
	for (size_t i = 0; i < NALL; i++) {
		struct fg_holders h = holding(&refs, &s.all[i], 0, 16, "refs/heads/main");

		ck_assert_int_eq(h.on_release, 0);
		ck_assert_int_eq(h.on_maint, 0);
		/* and the deleted branch is no other branch */
		ck_assert_int_eq(h.on_other, story_holds(s.r.repo, &s.fx[NFX - 1], &s.all[i]) ||
						     story_holds(s.r.repo, &s.fy[NFY - 1], &s.all[i]) ||
						     story_holds(s.r.repo, &s.r18[NR18 - 1], &s.all[i]) ||
						     story_holds(s.r.repo, &s.m[NM - 1], &s.all[i]));
	}
	fg_refs_release(&refs);

	/* a new branch release/0.17.x at commit 30, and release/0.16.x moved onto feature/x */
	pr[0].refname = "refs/heads/release/0.16.x";
	git_oid_cpy(&pr[0].id, &s.fx[NFX - 1]);
	pr[1].refname = "refs/heads/release/0.17.x";
	git_oid_cpy(&pr[1].id, &s.rel[30]);
	pr[2].refname = "refs/heads/maint/0.17.x"; /* both kinds of one series */
	git_oid_cpy(&pr[2].id, &s.rel[25]);
	qsort(pr, 3, sizeof(pr[0]), fg_pending_ref_cmp);
	pending.n = 3;
	fg_refs_init(&refs, s.r.repo, &pending);
	ck_assert_int_eq(holding(&refs, &s.rel[30], 0, 17, NULL).on_release, 1);
	ck_assert_int_eq(holding(&refs, &s.rel[0], 0, 17, NULL).on_release, 1);
	ck_assert_int_eq(holding(&refs, &s.rel[31], 0, 17, NULL).on_release, 0);
	ck_assert_int_eq(holding(&refs, &s.fx[0], 0, 17, NULL).on_release, 0);
	ck_assert_int_eq(holding(&refs, &s.rel[25], 0, 17, NULL).on_maint, 1);
	ck_assert_int_eq(holding(&refs, &s.rel[25], 0, 17, NULL).on_release, 1);
	ck_assert_int_eq(holding(&refs, &s.rel[26], 0, 17, NULL).on_maint, 0);
	ck_assert_int_eq(holding(&refs, &s.fx[0], 0, 16, NULL).on_release, 1);
	ck_assert_int_eq(holding(&refs, &s.rel[10], 0, 16, NULL).on_release, 1);
	ck_assert_int_eq(holding(&refs, &s.rel[11], 0, 16, NULL).on_release, 0);
	fg_refs_release(&refs);
	/* the repository alone does not have release/0.17.x */
	fg_refs_init(&refs, s.r.repo, NULL);
	ck_assert_int_eq(holding(&refs, &s.rel[30], 0, 17, NULL).on_release, 0);
	fg_refs_release(&refs);
	fg_test_repo_release(&s.r);
}
END_TEST

Suite *refs_suite(void)
{
	Suite *s = suite_create("refs");
	TCase *reach = tcase_create("reach");

	tcase_set_timeout(reach, 120);
	tcase_add_test(reach, test_reach_every_commit_three_orders);
	tcase_add_test(reach, test_reach_side_branch_not_held);
	tcase_add_test(reach, test_reach_first_window);
	tcase_add_test(reach, test_on_other);
	tcase_add_test(reach, test_on_other_by_name);
	tcase_add_test(reach, test_remote_tracking);
	tcase_add_test(reach, test_pending_overlay);
	suite_add_tcase(s, reach);
	return s;
}

/*
 * Unit tests for history.c's ref index (struct fg_refs): which branches hold
 * a commit (fg_branches_holding: the lazily resumed walks, on_other, pushed
 * refs laid over the repository's) and the tag rules that ask it
 * (fg_check_tag_ref: tagMonotonic, tagOnReleaseBranch, tagTarget). Every
 * expected answer is computed here independently: reachability with
 * git_graph_descendant_of, the highest earlier tag by brute force over the
 * test's own table.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check_flowgate.h"
#include "refs.h"
#include "revert.h"
#include "tagref.h"
#include "versionwalk.h"

#define NREL 64 /* release/0.16.x: well beyond REACH_FIRST (16) */
#define NFX 3   /* feature/x, off rel[10] */
#define NFY 20  /* feature/y, off rel[5], merged into release/0.18.x */
#define NR18 6  /* release/0.18.x: the merge of rel[30] and feature/y, then 5 more */
#define NM 4    /* maint/0.15.x, off rel[20] */
#define NALL (NREL + NFX + NFY + NR18 + NM + 1)

/*
 * The story: release/0.16.x a line of NREL commits; feature/x (NFX commits
 * off rel[10]); feature/y (NFY commits off rel[5]); release/0.18.x, a merge
 * of rel[30] and feature/y's tip, then NR18 - 1 commits; maint/0.15.x (NM
 * commits off rel[20]); main at rel[40]; LONE a commit no ref holds. ALL
 * every commit, oldest first (creation order).
 */
struct story {
	struct fg_test_repo r;
	git_oid rel[NREL], fx[NFX], fy[NFY], r18[NR18], m[NM], lone;
	git_oid all[NALL];
	size_t nall;
};

static void set_ref(git_repository *repo, const char *refname, const git_oid *id)
{
	git_reference *ref = NULL;

	ck_assert_int_eq(git_reference_create(&ref, repo, refname, id, 1, NULL), 0);
	git_reference_free(ref);
}

/* A commit of the empty tree with PARENTS[0..N), made at WHEN, on no ref. */
static void commit_raw(git_repository *repo, const git_oid *parents, size_t n, git_time_t when,
		       const char *message, git_oid *out)
{
	git_treebuilder *tb = NULL;
	git_tree *tree = NULL;
	git_signature *sig = NULL;
	git_commit *p[2] = { NULL, NULL };
	git_oid tree_id;

	ck_assert_uint_le(n, 2);
	ck_assert_int_eq(git_treebuilder_new(&tb, repo, NULL), 0);
	ck_assert_int_eq(git_treebuilder_write(&tree_id, tb), 0);
	ck_assert_int_eq(git_tree_lookup(&tree, repo, &tree_id), 0);
	for (size_t i = 0; i < n; i++)
		ck_assert_int_eq(git_commit_lookup(&p[i], repo, &parents[i]), 0);
	ck_assert_int_eq(git_signature_new(&sig, "Flowgate Test", "test@example.com", when, 0), 0);
	ck_assert_int_eq(git_commit_create(out, repo, NULL, sig, sig, NULL, message, tree, n,
					   (const git_commit **)p), 0);
	git_signature_free(sig);
	for (size_t i = 0; i < n; i++)
		git_commit_free(p[i]);
	git_tree_free(tree);
	git_treebuilder_free(tb);
}

/* N commits in a line after PARENT (NULL: the first is a root), into OUT. */
static void line_of(struct story *s, const git_oid *parent, size_t n, const char *what,
		    git_oid *out)
{
	char message[64];

	for (size_t i = 0; i < n; i++) {
		const git_oid *p = i ? &out[i - 1] : parent;

		snprintf(message, sizeof(message), "feat: %s %zu\n", what, i);
		commit_raw(s->r.repo, p, p ? 1 : 0, 1700000000, message, &out[i]);
		git_oid_cpy(&s->all[s->nall++], &out[i]);
	}
}

static void story_init(struct story *s)
{
	git_oid parents[2];

	memset(s, 0, sizeof(*s));
	fg_test_repo_create(&s->r, "main", NULL, 0);
	line_of(s, NULL, NREL, "rel", s->rel);
	line_of(s, &s->rel[10], NFX, "fx", s->fx);
	line_of(s, &s->rel[5], NFY, "fy", s->fy);
	git_oid_cpy(&parents[0], &s->rel[30]);
	git_oid_cpy(&parents[1], &s->fy[NFY - 1]);
	commit_raw(s->r.repo, parents, 2, 1700000000, "merge: feature/y\n", &s->r18[0]);
	git_oid_cpy(&s->all[s->nall++], &s->r18[0]);
	line_of(s, &s->r18[0], NR18 - 1, "r18", s->r18 + 1);
	line_of(s, &s->rel[20], NM, "maint", s->m);
	line_of(s, NULL, 1, "lone", &s->lone);
	ck_assert_uint_eq(s->nall, NALL);
	set_ref(s->r.repo, "refs/heads/release/0.16.x", &s->rel[NREL - 1]);
	set_ref(s->r.repo, "refs/heads/feature/x", &s->fx[NFX - 1]);
	set_ref(s->r.repo, "refs/heads/feature/y", &s->fy[NFY - 1]);
	set_ref(s->r.repo, "refs/heads/release/0.18.x", &s->r18[NR18 - 1]);
	set_ref(s->r.repo, "refs/heads/maint/0.15.x", &s->m[NM - 1]);
	set_ref(s->r.repo, "refs/heads/main", &s->rel[40]);
}

/* The brute-force answer: TIP (may be NULL: no branch) is COMMIT or descends from it. */
static int holds(git_repository *repo, const git_oid *tip, const git_oid *commit)
{
	int rc;

	if (!tip)
		return 0;
	if (git_oid_equal(tip, commit))
		return 1;
	rc = git_graph_descendant_of(repo, tip, commit);
	ck_assert_int_ge(rc, 0);
	return rc;
}

/* The brute-force answer: the branch REFNAME (as the repository has it) holds COMMIT. */
static int ref_holds(git_repository *repo, const char *refname, const git_oid *commit)
{
	git_oid tip;

	if (!refname || git_reference_name_to_id(&tip, repo, refname) < 0) {
		git_error_clear();
		return 0;
	}
	return holds(repo, &tip, commit);
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
		    holds(repo, git_reference_target(ref), commit))
			found = 1;
		git_reference_free(ref);
	}
	git_reference_iterator_free(it);
	git_error_clear();
	return found;
}

/* IDX[0..N) a fixed permutation of 0..N-1 (Fisher-Yates, a fixed LCG). */
static void shuffled(size_t *idx, size_t n, unsigned seed)
{
	for (size_t i = 0; i < n; i++)
		idx[i] = i;
	for (size_t i = n; i > 1; i--) {
		size_t j, t;

		seed = seed * 1103515245u + 12345u;
		j = (seed >> 8) % i;
		t = idx[i - 1];
		idx[i - 1] = idx[j];
		idx[j] = t;
	}
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
	shuffled(idx, NALL, 20240229u);
	query_all(&s, idx, "shuffled");
	shuffled(idx, NALL, 7u);
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
	shuffled(idx, NALL, 99u);
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
	set_ref(s.r.repo, "refs/remotes/origin/feature/x", &s.fx[NFX - 1]);
	set_ref(s.r.repo, "refs/remotes/upstream/feature/x", &s.fx[NFX - 1]);
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
	set_ref(s.r.repo, "refs/remotes/origin/release/0.16.x", &s.rel[55]);
	set_ref(s.r.repo, "refs/remotes/origin/release/0.17.x", &s.rel[45]);
	set_ref(s.r.repo, "refs/remotes/upstream/maint/0.14.x", &s.fx[1]);
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
	set_ref(s.r.repo, "refs/remotes/origin/release/0.18.x", &s.rel[50]);
	set_ref(s.r.repo, "refs/remotes/origin/maint/0.18.x", &s.rel[10]);
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
	shuffled(idx, NALL, 4242u);
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
		ck_assert_int_eq(h.on_other, holds(s.r.repo, &s.fx[NFX - 1], &s.all[i]) ||
						     holds(s.r.repo, &s.fy[NFY - 1], &s.all[i]) ||
						     holds(s.r.repo, &s.r18[NR18 - 1], &s.all[i]) ||
						     holds(s.r.repo, &s.m[NM - 1], &s.all[i]));
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

/* ---- tags ---- */

/*
 * An annotated tag NAME on TARGET, tagger time WHEN; with REF, refs/tags/NAME
 * is made too. *OUT gets the tag object's ID.
 */
static void make_tag(git_repository *repo, const char *name, const git_oid *target,
		     git_time_t when, int ref, git_oid *out)
{
	git_object *object = NULL;
	git_signature *sig = NULL;

	ck_assert_int_eq(git_object_lookup(&object, repo, target, GIT_OBJECT_COMMIT), 0);
	ck_assert_int_eq(git_signature_new(&sig, "Flowgate Test", "test@example.com", when, 0), 0);
	if (ref)
		ck_assert_int_eq(git_tag_create(out, repo, name, object, sig, "release: test\n", 1),
				 0);
	else
		ck_assert_int_eq(git_tag_annotation_create(out, repo, name, object, sig,
							   "release: test\n"), 0);
	git_signature_free(sig);
	git_object_free(object);
}

/*
 * fg_check_tag_ref on tag NAME at object ID (OLD as the remote had it) into
 * a new report; returns the tagMonotonic message or NULL (newly allocated),
 * *NMONO the number of tagMonotonic and *NBRANCH of tagOnReleaseBranch
 * violations (both may be NULL).
 */
static char *check_tag(struct fg_refs *refs, const char *name, const git_oid *id,
		       const git_oid *old, size_t *nmono, size_t *nbranch)
{
	struct fg_report report;
	git_object *object = NULL, *peeled = NULL;
	git_tree *tree = NULL;
	const struct fg_violation *v;
	char *message;

	ck_assert_int_eq(git_object_lookup(&object, refs->repo, id, GIT_OBJECT_ANY), 0);
	ck_assert_int_eq(git_object_peel(&peeled, object, GIT_OBJECT_COMMIT), 0);
	ck_assert_int_eq(git_commit_tree(&tree, (git_commit *)peeled), 0);
	fg_report_init(&report);
	fg_check_tag_ref(&report, refs, fg_test_config(), name, id, old, (git_commit *)peeled,
			 tree);
	ck_assert_int_eq(report.oom, 0);
	if (nmono)
		*nmono = fg_test_count_rule(&report, FG_RULE_TAG_MONOTONIC);
	if (nbranch)
		*nbranch = fg_test_count_rule(&report, FG_RULE_TAG_ON_RELEASE_BRANCH);
	v = fg_report_find(&report, FG_RULE_TAG_MONOTONIC);
	message = v ? strdup(v->message) : NULL;
	ck_assert(!v || message);
	fg_report_release(&report);
	git_tree_free(tree);
	git_object_free(peeled);
	git_object_free(object);
	return message;
}

/* Assert that tag NAME at ID (new: no OLD) is refused naming HIGHER (NULL: not refused). */
static void expect_monotonic(struct fg_refs *refs, const char *name, const git_oid *id,
			     const char *higher, const char *series)
{
	size_t n;
	char *got = check_tag(refs, name, id, NULL, &n, NULL);

	if (!higher) {
		ck_assert_msg(n == 0 && !got, "tag %s: refused: %s", name, got ? got : "?");
	} else {
		char *want = fg_strdupf("tag '%s' is not higher than tag '%s', made before it in "
					"the %s series", name, higher, series);

		ck_assert_msg(n == 1 && got, "tag %s: not refused (expected %s)", name, higher);
		ck_assert_str_eq(got, want);
		free(want);
	}
	free(got);
}

START_TEST(test_tag_monotonic_story)
{
	struct story s;
	struct fg_refs refs;
	git_oid id, rc3, old;
	size_t n;
	char *got;

	story_init(&s);
	make_tag(s.r.repo, "v0.16.0-rc1", &s.rel[50], 1000, 1, &id);
	make_tag(s.r.repo, "v0.16.0-rc2", &s.rel[55], 2000, 1, &id);
	make_tag(s.r.repo, "v0.16.0", &s.rel[60], 3000, 1, &id);
	/* other series, made earlier, higher: never counted */
	make_tag(s.r.repo, "v0.17.0-rc1", &s.rel[40], 10, 1, &id);
	make_tag(s.r.repo, "v1.16.0", &s.rel[40], 10, 1, &id);
	make_tag(s.r.repo, "v0.15.9", &s.m[0], 10, 1, &id);
	/* not release tags: never counted */
	make_tag(s.r.repo, "v0.16.99-preview", &s.rel[40], 10, 1, &id);
	make_tag(s.r.repo, "x0.16.99", &s.rel[40], 10, 1, &id);
	set_ref(s.r.repo, "refs/tags/v0.16.98+build", &s.rel[40]);

	fg_refs_init(&refs, s.r.repo, NULL);
	/* rc3 at 4000: v0.16.0 (>= rc3) was made at 3000 */
	make_tag(s.r.repo, "v0.16.0-rc3", &s.rel[62], 4000, 0, &rc3);
	expect_monotonic(&refs, "v0.16.0-rc3", &rc3, "v0.16.0", "0.16");
	/* the same tag, not new (the remote has it, unmoved): tagMonotonic is not asked */
	got = check_tag(&refs, "v0.16.0-rc3", &rc3, &rc3, &n, NULL);
	ck_assert_uint_eq(n, 0);
	ck_assert_ptr_null(got);
	/* ... nor when it moves (tagMoved is the rule then) */
	git_oid_cpy(&old, &s.rel[1]);
	got = check_tag(&refs, "v0.16.0-rc3", &rc3, &old, &n, NULL);
	ck_assert_uint_eq(n, 0);
	ck_assert_ptr_null(got);
	/* a zero OLD is a new tag */
	memset(&old, 0, sizeof(old));
	got = check_tag(&refs, "v0.16.0-rc3", &rc3, &old, &n, NULL);
	ck_assert_uint_eq(n, 1);
	free(got);
	/* v0.16.1 at 5000: higher than all */
	make_tag(s.r.repo, "v0.16.1", &s.rel[63], 5000, 0, &id);
	expect_monotonic(&refs, "v0.16.1", &id, NULL, NULL);
	/* rc3 made the same second as v0.16.0: not ordered */
	make_tag(s.r.repo, "v0.16.0-rc3", &s.rel[62], 3000, 0, &id);
	expect_monotonic(&refs, "v0.16.0-rc3", &id, NULL, NULL);
	/* one second later: refused */
	make_tag(s.r.repo, "v0.16.0-rc3", &s.rel[62], 3001, 0, &id);
	expect_monotonic(&refs, "v0.16.0-rc3", &id, "v0.16.0", "0.16");
	/* made before every tag at least it: not refused */
	make_tag(s.r.repo, "v0.16.0-rc3", &s.rel[62], 999, 0, &id);
	expect_monotonic(&refs, "v0.16.0-rc3", &id, NULL, NULL);
	/* the highest made strictly before, not the highest: rc1 (own name left
	 * out) at 2500 sees rc2 (2000), not v0.16.0 (3000) */
	make_tag(s.r.repo, "v0.16.0-rc1", &s.rel[50], 2500, 0, &id);
	expect_monotonic(&refs, "v0.16.0-rc1", &id, "v0.16.0-rc2", "0.16");
	/* rc2 again, after the existing one: only v0.16.0, once it is made */
	make_tag(s.r.repo, "v0.16.0-rc2", &s.rel[55], 2001, 0, &id);
	expect_monotonic(&refs, "v0.16.0-rc2", &id, NULL, NULL);
	make_tag(s.r.repo, "v0.16.0-rc2", &s.rel[55], 3001, 0, &id);
	expect_monotonic(&refs, "v0.16.0-rc2", &id, "v0.16.0", "0.16");
	/* a tag's own existing ref is not another tag: v0.16.0 again, later */
	make_tag(s.r.repo, "v0.16.0", &s.rel[60], 9000, 0, &id);
	expect_monotonic(&refs, "v0.16.0", &id, NULL, NULL);
	/* a lower version made later than all */
	make_tag(s.r.repo, "v0.16.0-beta1", &s.rel[45], 9000, 0, &id);
	expect_monotonic(&refs, "v0.16.0-beta1", &id, "v0.16.0", "0.16");
	/* other series: v0.17 and v0.15 have their own tags only */
	make_tag(s.r.repo, "v0.17.0-alpha1", &s.rel[40], 9000, 0, &id);
	expect_monotonic(&refs, "v0.17.0-alpha1", &id, "v0.17.0-rc1", "0.17");
	make_tag(s.r.repo, "v0.17.0-rc2", &s.rel[40], 9000, 0, &id);
	expect_monotonic(&refs, "v0.17.0-rc2", &id, NULL, NULL);
	make_tag(s.r.repo, "v0.15.10", &s.m[1], 9000, 0, &id);
	expect_monotonic(&refs, "v0.15.10", &id, NULL, NULL);
	make_tag(s.r.repo, "v0.18.0-dev", &s.r18[1], 9000, 0, &id);
	expect_monotonic(&refs, "v0.18.0-dev", &id, NULL, NULL);
	fg_refs_release(&refs);
	fg_test_repo_release(&s.r);
}
END_TEST

/*
 * fg_check_tag_ref on tag NAME at object ID, which does not peel to a commit
 * (COMMIT and TREE NULL, as the hooks pass it), as a new tag: the tagTarget
 * message (newly allocated) or NULL; *N the number of violations.
 */
static char *check_target(struct fg_refs *refs, const char *name, const git_oid *id, size_t *n)
{
	struct fg_report report;
	const struct fg_violation *v;
	char *message;

	fg_report_init(&report);
	fg_check_tag_ref(&report, refs, fg_test_config(), name, id, NULL, NULL, NULL);
	ck_assert_int_eq(report.oom, 0);
	*n = report.n;
	v = fg_report_find(&report, FG_RULE_TAG_TARGET);
	message = v ? strdup(v->message) : NULL;
	ck_assert(!v || message);
	fg_report_release(&report);
	return message;
}

/* Assert that tag NAME at ID is refused by tagTarget alone with message WANT. */
static void expect_target(struct fg_refs *refs, const char *name, const git_oid *id,
			  const char *want)
{
	size_t n;
	char *got = check_target(refs, name, id, &n);

	ck_assert_msg(got != NULL, "tag %s: no tagTarget", name);
	ck_assert_str_eq(got, want);
	ck_assert_uint_eq(n, 1);
	free(got);
}

/*
 * tagTarget: a release tag of a blob or a tree, annotated, lightweight or
 * through a tag of a tag, names what it peels to; a tag whose object is not
 * here, "an object". A tag not named like a release gets no rule.
 */
START_TEST(test_tag_target)
{
	static const struct fg_test_file files[] = { { "half_orm/version.txt", "0.17.0\n" } };
	struct fg_test_repo r;
	struct fg_refs refs;
	git_object *blob = NULL, *tag = NULL;
	git_commit *head = NULL;
	git_signature *sig = NULL;
	git_oid head_id, blob_id, tree_id, tag_id, chain_id, missing, dangling;
	git_odb *odb = NULL;
	char hex[GIT_OID_HEXSZ + 1], *raw, *got;
	size_t n;

	fg_test_repo_create(&r, "main", files, FG_COUNT(files));
	ck_assert_int_eq(git_reference_name_to_id(&head_id, r.repo, "HEAD"), 0);
	ck_assert_int_eq(git_commit_lookup(&head, r.repo, &head_id), 0);
	git_oid_cpy(&tree_id, git_commit_tree_id(head));
	ck_assert_int_eq(git_blob_create_from_buffer(&blob_id, r.repo, "squat\n", 6), 0);
	ck_assert_int_eq(git_object_lookup(&blob, r.repo, &blob_id, GIT_OBJECT_BLOB), 0);
	ck_assert_int_eq(git_signature_new(&sig, "Flowgate Test", "test@example.com", 1000, 0), 0);
	ck_assert_int_eq(git_tag_annotation_create(&tag_id, r.repo, "v0.17.0", blob, sig,
						   "release: 0.17.0\n"), 0);
	ck_assert_int_eq(git_object_lookup(&tag, r.repo, &tag_id, GIT_OBJECT_TAG), 0);
	ck_assert_int_eq(git_tag_annotation_create(&chain_id, r.repo, "v0.18.0", tag, sig,
						   "release: 0.18.0\n"), 0);
	/* a tag whose object is not in the repository */
	memset(&missing, 0x11, sizeof(missing));
	git_oid_tostr(hex, sizeof(hex), &missing);
	raw = fg_strdupf("object %s\ntype blob\ntag v0.19.0\n"
			 "tagger Flowgate Test <test@example.com> 1000 +0000\n\nrelease: 0.19.0\n",
			 hex);
	ck_assert_ptr_nonnull(raw);
	ck_assert_int_eq(git_repository_odb(&odb, r.repo), 0);
	ck_assert_int_eq(git_odb_write(&dangling, odb, raw, strlen(raw), GIT_OBJECT_TAG), 0);

	fg_refs_init(&refs, r.repo, NULL);
	expect_target(&refs, "v0.17.0", &tag_id, "tag 'v0.17.0' points at a blob, not a commit");
	expect_target(&refs, "v0.18.0", &chain_id, "tag 'v0.18.0' points at a blob, not a commit");
	/* lightweight: tagTarget, not tagAnnotated */
	expect_target(&refs, "v0.17.0", &tree_id, "tag 'v0.17.0' points at a tree, not a commit");
	expect_target(&refs, "v0.17.0-rc1", &blob_id,
		      "tag 'v0.17.0-rc1' points at a blob, not a commit");
	expect_target(&refs, "v0.19.0", &dangling, "tag 'v0.19.0' points at an object, not a commit");
	expect_target(&refs, "v0.19.0", &missing, "tag 'v0.19.0' points at an object, not a commit");
	/* not named like a release: no release rule at all (issue 20, item 10) */
	got = check_target(&refs, "notes-blob", &tag_id, &n);
	ck_assert_ptr_null(got);
	ck_assert_uint_eq(n, 0);
	/* named like a release, not a version: tagFormat and tagTarget */
	got = check_target(&refs, "v0.17", &blob_id, &n);
	ck_assert_ptr_nonnull(got);
	ck_assert_str_eq(got, "tag 'v0.17' points at a blob, not a commit");
	ck_assert_uint_eq(n, 2);
	free(got);
	fg_refs_release(&refs);

	free(raw);
	git_odb_free(odb);
	git_signature_free(sig);
	git_object_free(tag);
	git_object_free(blob);
	git_commit_free(head);
	fg_test_repo_release(&r);
}
END_TEST

/* A lightweight tag (or a pushed commit) is made at its commit's time. */
START_TEST(test_tag_monotonic_lightweight)
{
	struct story s;
	struct fg_refs refs;
	git_oid c2000, c3000, c3001, id;

	story_init(&s);
	commit_raw(s.r.repo, &s.rel[NREL - 1], 1, 2000, "fix: at 2000\n", &c2000);
	commit_raw(s.r.repo, &c2000, 1, 3000, "fix: at 3000\n", &c3000);
	commit_raw(s.r.repo, &c3000, 1, 3001, "fix: at 3001\n", &c3001);
	set_ref(s.r.repo, "refs/heads/release/0.16.x", &c3001);
	set_ref(s.r.repo, "refs/tags/v0.16.4", &c3000); /* lightweight, made at 3000 */
	make_tag(s.r.repo, "v0.16.6", &c2000, 3200, 1, &id);
	fg_refs_init(&refs, s.r.repo, NULL);
	/* an annotated v0.16.3: v0.16.4 made at its commit's time, 3000 */
	make_tag(s.r.repo, "v0.16.3", &c3001, 3500, 0, &id);
	expect_monotonic(&refs, "v0.16.3", &id, "v0.16.6", "0.16");
	make_tag(s.r.repo, "v0.16.3", &c3001, 3100, 0, &id);
	expect_monotonic(&refs, "v0.16.3", &id, "v0.16.4", "0.16");
	make_tag(s.r.repo, "v0.16.3", &c3001, 3000, 0, &id);
	expect_monotonic(&refs, "v0.16.3", &id, NULL, NULL);
	/* a new lightweight tag: made at its commit's time */
	expect_monotonic(&refs, "v0.16.3", &c3001, "v0.16.4", "0.16");
	expect_monotonic(&refs, "v0.16.3", &c3000, NULL, NULL);
	expect_monotonic(&refs, "v0.16.1", &c2000, NULL, NULL);
	expect_monotonic(&refs, "v0.16.5", &c3001, NULL, NULL);
	expect_monotonic(&refs, "v0.16.5-rc1", &c3001, NULL, NULL);
	expect_monotonic(&refs, "v0.16.4-rc1", &c3001, "v0.16.4", "0.16");
	fg_refs_release(&refs);
	fg_test_repo_release(&s.r);
}
END_TEST

/* Tags a push sets: counted at their new value, deleted ones not at all. */
START_TEST(test_tag_monotonic_pending)
{
	struct story s;
	struct fg_refs refs;
	struct fg_pending_ref pr[3];
	struct fg_pending pending = { pr, 0 };
	git_oid id, rc3, pushed, later;

	story_init(&s);
	make_tag(s.r.repo, "v0.16.0-rc1", &s.rel[50], 1000, 1, &id);
	make_tag(s.r.repo, "v0.16.0-rc2", &s.rel[55], 2000, 1, &id);
	make_tag(s.r.repo, "v0.16.0", &s.rel[60], 3000, 1, &id);
	make_tag(s.r.repo, "v0.16.0-rc3", &s.rel[62], 4000, 0, &rc3);

	/* v0.16.2 pushed along (made at 2500): checking v0.16.1 at 4000 names it */
	make_tag(s.r.repo, "v0.16.2", &s.rel[63], 2500, 0, &pushed);
	pr[0].refname = "refs/tags/v0.16.2";
	git_oid_cpy(&pr[0].id, &pushed);
	pending.n = 1;
	fg_refs_init(&refs, s.r.repo, &pending);
	make_tag(s.r.repo, "v0.16.1", &s.rel[63], 4000, 0, &id);
	expect_monotonic(&refs, "v0.16.1", &id, "v0.16.2", "0.16");
	expect_monotonic(&refs, "v0.16.0-rc3", &rc3, "v0.16.2", "0.16");
	fg_refs_release(&refs);
	/* without the push it is not there */
	fg_refs_init(&refs, s.r.repo, NULL);
	expect_monotonic(&refs, "v0.16.1", &id, NULL, NULL);
	expect_monotonic(&refs, "v0.16.0-rc3", &rc3, "v0.16.0", "0.16");
	fg_refs_release(&refs);

	/* v0.16.0 deleted by the push: rc3 is the highest */
	pr[0].refname = "refs/tags/v0.16.0";
	memset(&pr[0].id, 0, sizeof(pr[0].id));
	pending.n = 1;
	fg_refs_init(&refs, s.r.repo, &pending);
	expect_monotonic(&refs, "v0.16.0-rc3", &rc3, NULL, NULL);
	fg_refs_release(&refs);

	/* v0.16.0 replaced by a tag made at 6000, v0.16.0-rc2 by one at 500:
	 * rc3 at 4000 sees neither v0.16.0 nor, being higher, rc2 */
	make_tag(s.r.repo, "v0.16.0", &s.rel[60], 6000, 0, &later);
	pr[0].refname = "refs/tags/v0.16.0-rc2";
	make_tag(s.r.repo, "v0.16.0-rc2", &s.rel[55], 500, 0, &pr[0].id);
	pr[1].refname = "refs/tags/v0.16.0";
	git_oid_cpy(&pr[1].id, &later);
	pr[2].refname = "refs/heads/release/0.16.x";
	git_oid_cpy(&pr[2].id, &s.rel[NREL - 1]);
	qsort(pr, 3, sizeof(pr[0]), fg_pending_ref_cmp);
	pending.n = 3;
	fg_refs_init(&refs, s.r.repo, &pending);
	expect_monotonic(&refs, "v0.16.0-rc3", &rc3, NULL, NULL);
	/* an rc1 at 1500 now sees rc2 (500), not itself (1000) nor v0.16.0 */
	make_tag(s.r.repo, "v0.16.0-rc1", &s.rel[50], 1500, 0, &id);
	expect_monotonic(&refs, "v0.16.0-rc1", &id, "v0.16.0-rc2", "0.16");
	fg_refs_release(&refs);
	fg_test_repo_release(&s.r);
}
END_TEST

/*
 * tagMonotonic by what the receiving side has (issue 20, item 16): with
 * FG_ORDER_RECEIVING, a tag of the repository (one the remote has) was
 * made before every tag of the push (PENDING), whatever its time; the
 * pushed tags are ordered by their times. With FG_ORDER_PUSHING (pre-push,
 * which cannot know the remote's tags), times, a tie going to the tag not
 * pushed. Without either (check-range), times alone.
 */
START_TEST(test_tag_monotonic_remote_order)
{
	struct story s;
	struct fg_refs refs;
	struct fg_pending_ref pr[2];
	struct fg_pending pending = { pr, 0 };
	git_oid had, rc1, rc1_early, rc2;

	story_init(&s);
	make_tag(s.r.repo, "v0.16.0", &s.rel[60], 3000, 1, &had);
	/* v0.16.0-rc1 made in the same second as the v0.16.0 the remote has */
	make_tag(s.r.repo, "v0.16.0-rc1", &s.rel[50], 3000, 0, &rc1);
	pr[0].refname = "refs/tags/v0.16.0-rc1";
	git_oid_cpy(&pr[0].id, &rc1);
	pending.n = 1;
	fg_refs_init(&refs, s.r.repo, &pending);
	refs.remote_order = FG_ORDER_RECEIVING;
	expect_monotonic(&refs, "v0.16.0-rc1", &rc1, "v0.16.0", "0.16");
	fg_refs_release(&refs);
	/* made earlier by its time: still after what the remote has */
	make_tag(s.r.repo, "v0.16.0-rc1", &s.rel[50], 1000, 0, &rc1_early);
	git_oid_cpy(&pr[0].id, &rc1_early);
	fg_refs_init(&refs, s.r.repo, &pending);
	refs.remote_order = FG_ORDER_RECEIVING;
	expect_monotonic(&refs, "v0.16.0-rc1", &rc1_early, "v0.16.0", "0.16");
	fg_refs_release(&refs);
	/* pushing (pre-push): the clone's v0.16.0 may not be on the remote yet;
	 * by times, the same second counting it first: rc1 refused, the earlier passes */
	pr[0].refname = "refs/tags/v0.16.0-rc1";
	git_oid_cpy(&pr[0].id, &rc1);
	fg_refs_init(&refs, s.r.repo, &pending);
	refs.remote_order = FG_ORDER_PUSHING;
	expect_monotonic(&refs, "v0.16.0-rc1", &rc1, "v0.16.0", "0.16");
	fg_refs_release(&refs);
	git_oid_cpy(&pr[0].id, &rc1_early);
	fg_refs_init(&refs, s.r.repo, &pending);
	refs.remote_order = FG_ORDER_PUSHING;
	expect_monotonic(&refs, "v0.16.0-rc1", &rc1_early, NULL, NULL);
	fg_refs_release(&refs);
	/* no push order (check-range): the same second is not ordered, the earlier passes */
	fg_refs_init(&refs, s.r.repo, &pending);
	expect_monotonic(&refs, "v0.16.0-rc1", &rc1, NULL, NULL);
	expect_monotonic(&refs, "v0.16.0-rc1", &rc1_early, NULL, NULL);
	fg_refs_release(&refs);
	/* v0.16.0 pushed along with rc1: their times order them */
	pr[0].refname = "refs/tags/v0.16.0";
	git_oid_cpy(&pr[0].id, &had);
	pr[1].refname = "refs/tags/v0.16.0-rc1";
	git_oid_cpy(&pr[1].id, &rc1_early);
	pending.n = 2;
	fg_refs_init(&refs, s.r.repo, &pending);
	refs.remote_order = FG_ORDER_RECEIVING;
	expect_monotonic(&refs, "v0.16.0-rc1", &rc1_early, NULL, NULL);
	fg_refs_release(&refs);
	git_oid_cpy(&pr[1].id, &rc1);
	fg_refs_init(&refs, s.r.repo, &pending);
	refs.remote_order = FG_ORDER_RECEIVING;
	expect_monotonic(&refs, "v0.16.0-rc1", &rc1, NULL, NULL); /* the same second */
	fg_refs_release(&refs);
	make_tag(s.r.repo, "v0.16.0-rc2", &s.rel[55], 3001, 0, &rc2);
	pr[1].refname = "refs/tags/v0.16.0-rc2";
	git_oid_cpy(&pr[1].id, &rc2);
	fg_refs_init(&refs, s.r.repo, &pending);
	refs.remote_order = FG_ORDER_RECEIVING;
	expect_monotonic(&refs, "v0.16.0-rc2", &rc2, "v0.16.0", "0.16");
	fg_refs_release(&refs);
	fg_test_repo_release(&s.r);
}
END_TEST

/* A workflow version of the 0.16 series: patch, kind (0 dev .. 4 final), number. */
struct tver {
	unsigned patch, kind, n;
};

static const char *const kind_names[] = { "dev", "alpha", "beta", "rc", "" };

static void tver_name(const struct tver *v, char *buf, size_t size)
{
	if (v->kind == 0)
		snprintf(buf, size, "v0.16.%u-dev", v->patch);
	else if (v->kind == 4)
		snprintf(buf, size, "v0.16.%u", v->patch);
	else
		snprintf(buf, size, "v0.16.%u-%s%u", v->patch, kind_names[v->kind], v->n);
}

/* The workflow's precedence, written out: patch, then dev < alpha < beta < rc < final, then N. */
static int tver_cmp(const struct tver *a, const struct tver *b)
{
	if (a->patch != b->patch)
		return a->patch < b->patch ? -1 : 1;
	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	if (a->n != b->n)
		return a->n < b->n ? -1 : 1;
	return 0;
}

#define NQ 24

START_TEST(test_tag_monotonic_many)
{
	static const unsigned patches[] = { 0, 1, 2, 10, 11 };
	static const struct tver pres[] = {
		{ 0, 0, 0 }, { 0, 1, 1 }, { 0, 1, 2 }, { 0, 1, 10 }, { 0, 2, 1 },
		{ 0, 3, 1 }, { 0, 3, 2 }, { 0, 3, 10 }, { 0, 4, 0 },
	};
	/* new versions, between and around the table's */
	static const struct tver fresh[] = {
		{ 0, 1, 3 }, { 0, 2, 2 }, { 1, 3, 11 }, { 3, 0, 0 }, { 3, 4, 0 },
		{ 9, 3, 1 }, { 12, 4, 0 }, { 100, 0, 0 }, { 10, 1, 9 }, { 2, 4, 0 } /* in table */,
	};
	struct tver table[FG_COUNT(patches) * FG_COUNT(pres)], queries[NQ];
	git_time_t tmade[FG_COUNT(table)], qmade[NQ];
	git_oid qid[NQ], id;
	char name[64], qname[NQ][64];
	size_t nt = 0, order[NQ];
	unsigned seed = 12345u;
	struct story s;

	story_init(&s);
	for (size_t p = 0; p < FG_COUNT(patches); p++)
		for (size_t k = 0; k < FG_COUNT(pres); k++) {
			table[nt] = pres[k];
			table[nt].patch = patches[p];
			/* 45 tags in 60 seconds: same-second ties are certain */
			seed = seed * 1103515245u + 12345u;
			tmade[nt] = 1000 + (git_time_t)((seed >> 8) % 60);
			tver_name(&table[nt], name, sizeof(name));
			make_tag(s.r.repo, name, &s.rel[15 + nt], tmade[nt], 1, &id);
			nt++;
		}
	ck_assert_uint_ge(nt, 40);
	/* the other series and non-workflow tags, made before all */
	make_tag(s.r.repo, "v0.17.0", &s.rel[1], 5, 1, &id);
	make_tag(s.r.repo, "v1.16.0", &s.rel[1], 5, 1, &id);
	make_tag(s.r.repo, "v0.15.99", &s.rel[1], 5, 1, &id);
	make_tag(s.r.repo, "v0.16.99-preview", &s.rel[1], 5, 1, &id);
	/* queries: table versions (their own refs left out) and new ones, at times
	 * around the table's */
	for (size_t q = 0; q < NQ; q++) {
		if (q < FG_COUNT(fresh)) {
			queries[q] = fresh[q];
		} else {
			seed = seed * 1103515245u + 12345u;
			queries[q] = table[(seed >> 8) % nt];
		}
		seed = seed * 1103515245u + 12345u;
		qmade[q] = 995 + (git_time_t)((seed >> 8) % 72);
		tver_name(&queries[q], qname[q], sizeof(qname[q]));
		make_tag(s.r.repo, qname[q], &s.rel[NREL - 1], qmade[q], 0, &qid[q]);
	}
	/* ascending versions, descending, two shuffles: one struct fg_refs each */
	for (int pass = 0; pass < 4; pass++) {
		struct fg_refs refs;
		size_t expected_some = 0;

		if (pass < 2) {
			for (size_t q = 0; q < NQ; q++)
				order[q] = q;
			for (size_t i = 1; i < NQ; i++) /* insertion sort by version */
				for (size_t j = i; j > 0 && tver_cmp(&queries[order[j - 1]],
								     &queries[order[j]]) > 0; j--) {
					size_t t = order[j];

					order[j] = order[j - 1];
					order[j - 1] = t;
				}
			if (pass == 1)
				for (size_t i = 0; i < NQ / 2; i++) {
					size_t t = order[i];

					order[i] = order[NQ - 1 - i];
					order[NQ - 1 - i] = t;
				}
		} else {
			shuffled(order, NQ, pass == 2 ? 31337u : 2718u);
		}
		fg_refs_init(&refs, s.r.repo, NULL);
		for (size_t i = 0; i < NQ; i++) {
			size_t q = order[i], best = nt;

			/* brute force: the highest other tag at least the query's, made before */
			for (size_t t = 0; t < nt; t++) {
				if (tver_cmp(&table[t], &queries[q]) < 0 || tmade[t] >= qmade[q] ||
				    !tver_cmp(&table[t], &queries[q]))
					continue; /* equal versions are the same name here */
				if (best == nt || tver_cmp(&table[t], &table[best]) > 0)
					best = t;
			}
			if (best < nt) {
				tver_name(&table[best], name, sizeof(name));
				expected_some++;
			}
			expect_monotonic(&refs, qname[q], &qid[q], best < nt ? name : NULL, "0.16");
		}
		/* the table does test both answers */
		ck_assert_uint_gt(expected_some, 0);
		ck_assert_uint_lt(expected_some, NQ);
		fg_refs_release(&refs);
	}
	fg_test_repo_release(&s.r);
}
END_TEST

START_TEST(test_tag_on_release_branch)
{
	struct story s;
	struct fg_refs refs;
	struct fg_pending_ref pr;
	struct fg_pending pending = { &pr, 1 };
	git_oid id;
	size_t n;

	story_init(&s);
	fg_refs_init(&refs, s.r.repo, NULL);
	/* on release/0.16.x, deep down and at the tip */
	make_tag(s.r.repo, "v0.16.0", &s.rel[2], 100, 0, &id);
	free(check_tag(&refs, "v0.16.0", &id, NULL, NULL, &n));
	ck_assert_uint_eq(n, 0);
	make_tag(s.r.repo, "v0.16.1", &s.rel[NREL - 1], 100, 0, &id);
	free(check_tag(&refs, "v0.16.1", &id, NULL, NULL, &n));
	ck_assert_uint_eq(n, 0);
	/* a lightweight tag on the release branch */
	free(check_tag(&refs, "v0.16.2", &s.rel[30], NULL, NULL, &n));
	ck_assert_uint_eq(n, 0);
	/* on the side branch only */
	make_tag(s.r.repo, "v0.16.3", &s.fx[1], 100, 0, &id);
	free(check_tag(&refs, "v0.16.3", &id, NULL, NULL, &n));
	ck_assert_uint_eq(n, 1);
	/* on maint/0.15.x: a maint branch of the series holds it */
	make_tag(s.r.repo, "v0.15.4", &s.m[2], 100, 0, &id);
	free(check_tag(&refs, "v0.15.4", &id, NULL, NULL, &n));
	ck_assert_uint_eq(n, 0);
	/* on release/0.16.x but of the 0.17 series: no release/0.17.x */
	make_tag(s.r.repo, "v0.17.0-rc1", &s.rel[30], 100, 0, &id);
	free(check_tag(&refs, "v0.17.0-rc1", &id, NULL, NULL, &n));
	ck_assert_uint_eq(n, 1);
	/* through the merge's second parent */
	make_tag(s.r.repo, "v0.18.0-rc1", &s.fy[3], 100, 0, &id);
	free(check_tag(&refs, "v0.18.0-rc1", &id, NULL, NULL, &n));
	ck_assert_uint_eq(n, 0);
	make_tag(s.r.repo, "v0.18.0-rc2", &s.rel[31], 100, 0, &id);
	free(check_tag(&refs, "v0.18.0-rc2", &id, NULL, NULL, &n));
	ck_assert_uint_eq(n, 1);
	fg_refs_release(&refs);
	/* release/0.17.x pushed along: it holds it */
	pr.refname = "refs/heads/release/0.17.x";
	git_oid_cpy(&pr.id, &s.rel[35]);
	fg_refs_init(&refs, s.r.repo, &pending);
	make_tag(s.r.repo, "v0.17.0-rc1", &s.rel[30], 100, 0, &id);
	free(check_tag(&refs, "v0.17.0-rc1", &id, NULL, NULL, &n));
	ck_assert_uint_eq(n, 0);
	make_tag(s.r.repo, "v0.17.0-rc2", &s.rel[36], 100, 0, &id);
	free(check_tag(&refs, "v0.17.0-rc2", &id, NULL, NULL, &n));
	ck_assert_uint_eq(n, 1);
	fg_refs_release(&refs);
	fg_test_repo_release(&s.r);
}
END_TEST

/*
 * fg_revert_parse: git revert's message form (sequencer.c, v2.39.5): the
 * header, then 'This reverts commit <OID>.' on a line of its own, or a
 * merge's ', reversing\nchanges made to <OID>.'.
 */
#define OID_A "0123456789abcdef0123456789abcdef01234567"
#define OID_B "89abcdef0123456789abcdef0123456789abcdef"
static const struct {
	const char *message;
	int ok, merge;
} revert_parse_cases[] = {
	{ "Revert \"chore: prepare release 0.17.0-rc1\"\n\nThis reverts commit " OID_A ".\n", 1, 0 },
	{ "Revert \"x\"\n\nThis reverts commit " OID_A ".", 1, 0 },
	{ "Revert \"x\"\n\nWhy: it was cut on main.\n\nThis reverts commit " OID_A ".\n", 1, 0 },
	{ "Revert \"Merge branch 'x'\"\n\nThis reverts commit " OID_A ", reversing\nchanges made to "
	  OID_B ".\n", 1, 1 },
	{ "Revert \"x\"\n\nThis reverts commit 0123456.\n", 0, 0 },        /* abbreviated */
	{ "Revert \"x\"\n\nThis reverts commit " OID_A "\n", 0, 0 },       /* no full stop */
	{ "Revert \"x\"\n\nThis reverts commit " OID_A ". And more\n", 0, 0 },
	{ "Revert \"x\"\n\nthis reverts commit " OID_A ".\n", 0, 0 },
	{ "Revert \"x\"\n\n  This reverts commit " OID_A ".\n", 0, 0 },
	{ "Revert \"x\"\n\nThis reverts commit " "0123456789ABCDEF0123456789ABCDEF01234567" ".\n", 0, 0 },
	{ "Revert x\n\nThis reverts commit " OID_A ".\n", 0, 0 },
	{ "Revert \"x\n\nThis reverts commit " OID_A ".\n", 0, 0 },
	{ "revert: x\n\nThis reverts commit " OID_A ".\n", 0, 0 },
	{ "Revert \"\"\n\nThis reverts commit " OID_A ".\n", 0, 0 },       /* no subject */
	{ "Revert \"x\"\n", 0, 0 },
	{ "Revert \"x\" This reverts commit " OID_A ".\n", 0, 0 },
	{ "", 0, 0 },
	{ NULL, 0, 0 },
};

START_TEST(test_revert_parse)
{
	git_oid reverted, parent, want;
	int merge = -1, rc = fg_revert_parse(revert_parse_cases[_i].message, &reverted, &parent, &merge);

	ck_assert_msg((rc == 0) == revert_parse_cases[_i].ok, "case %d: %d", _i, rc);
	ck_assert_int_eq(merge, revert_parse_cases[_i].merge);
	if (rc == 0) {
		git_oid_fromstr(&want, OID_A);
		ck_assert(git_oid_equal(&reverted, &want));
	}
	if (merge) {
		git_oid_fromstr(&want, OID_B);
		ck_assert(git_oid_equal(&parent, &want));
	}
}
END_TEST

/* fg_check_version_change on C against its parent; the number of versionRegression errors. */
static size_t regressions(struct fg_test_repo *r, const git_oid *c_id)
{
	struct fg_refs refs;
	struct fg_report report;
	git_commit *c = NULL, *p = NULL;
	size_t n;

	ck_assert_int_eq(git_commit_lookup(&c, r->repo, c_id), 0);
	ck_assert_int_eq(git_commit_parent(&p, c, 0), 0);
	fg_refs_init(&refs, r->repo, NULL);
	fg_report_init(&report);
	ck_assert_int_eq(fg_check_version_change(&report, &refs, fg_test_config(), c, p, NULL, NULL),
			 0);
	n = fg_test_count_rule(&report, FG_RULE_VERSION_REGRESSION);
	fg_report_release(&report);
	fg_refs_release(&refs);
	git_commit_free(p);
	git_commit_free(c);
	return n;
}

/* A commit on HEAD setting version.txt to VERSION with MESSAGE (printf format, one %s: ARG). */
static void version_commit(struct fg_test_repo *r, const char *version, const char *message,
			   const char *arg, git_oid *out)
{
	char *text = fg_strdupf(message, arg), *v = fg_strdupf("%s\n", version);

	fg_test_repo_stage(r, "half_orm/version.txt", v);
	fg_test_repo_commit(r, text, out);
	free(text);
	free(v);
}

/*
 * versionRegression lets git's revert of a version change through (issue 20,
 * item 11): main at 0.17.0-dev, an rc cut on it by mistake, its revert back
 * to 0.17.0-dev. Look-alikes are judged as before: a header that does not
 * quote the reverted commit's subject, a version that is not the one before
 * it, a commit that is not in the history, a message git did not write.
 */
START_TEST(test_revert_version)
{
	static const struct fg_test_file files[] = { { "half_orm/version.txt", "0.17.0-dev\n" } };
	struct fg_test_repo r;
	git_oid base, rc, back, other, lone;
	char hex[GIT_OID_HEXSZ + 1];

	fg_test_repo_create(&r, "main", files, FG_COUNT(files));
	ck_assert_int_eq(git_reference_name_to_id(&base, r.repo, "HEAD"), 0);
	version_commit(&r, "0.17.0-rc1", "chore: prepare release 0.17.0-rc1\n", NULL, &rc);
	git_oid_tostr(hex, sizeof(hex), &rc);
	/* git revert --no-edit: the version goes back, and passes */
	version_commit(&r, "0.17.0-dev", "Revert \"chore: prepare release 0.17.0-rc1\"\n\n"
		       "This reverts commit %s.\n", hex, &back);
	ck_assert_uint_eq(regressions(&r, &back), 0);
	/* the same change with another message: versionRegression */
	ck_assert_int_eq(git_reference_create(NULL, r.repo, "refs/heads/main", &rc, 1, NULL), 0);
	version_commit(&r, "0.17.0-dev", "fix: back to dev, %s\n", hex, &other);
	ck_assert_uint_eq(regressions(&r, &other), 1);
	/* a header that is not the reverted commit's subject */
	ck_assert_int_eq(git_reference_create(NULL, r.repo, "refs/heads/main", &rc, 1, NULL), 0);
	version_commit(&r, "0.17.0-dev", "Revert \"chore: something else\"\n\n"
		       "This reverts commit %s.\n", hex, &other);
	ck_assert_uint_eq(regressions(&r, &other), 1);
	/* further down than the version before it */
	ck_assert_int_eq(git_reference_create(NULL, r.repo, "refs/heads/main", &rc, 1, NULL), 0);
	version_commit(&r, "0.16.0", "Revert \"chore: prepare release 0.17.0-rc1\"\n\n"
		       "This reverts commit %s.\n", hex, &other);
	ck_assert_uint_eq(regressions(&r, &other), 1);
	/* a revert of the base (not a version change: its parent has none) */
	ck_assert_int_eq(git_reference_create(NULL, r.repo, "refs/heads/main", &rc, 1, NULL), 0);
	git_oid_tostr(hex, sizeof(hex), &base);
	version_commit(&r, "0.17.0-dev", "Revert \"chore: initial commit\"\n\n"
		       "This reverts commit %s.\n", hex, &other);
	ck_assert_uint_eq(regressions(&r, &other), 1);
	/* the revert of an rc that is not in the history the revert is made on */
	ck_assert_int_eq(git_reference_create(NULL, r.repo, "refs/heads/main", &base, 1, NULL), 0);
	version_commit(&r, "0.17.0-rc1", "chore: prepare release 0.17.0-rc1\n", NULL, &lone);
	ck_assert_int_eq(git_reference_create(NULL, r.repo, "refs/heads/main", &base, 1, NULL), 0);
	version_commit(&r, "0.17.0-rc2", "chore: prepare release 0.17.0-rc2\n", NULL, &rc);
	git_oid_tostr(hex, sizeof(hex), &lone);
	version_commit(&r, "0.17.0-dev", "Revert \"chore: prepare release 0.17.0-rc1\"\n\n"
		       "This reverts commit %s.\n", hex, &other);
	ck_assert_uint_eq(regressions(&r, &other), 1);
	fg_test_repo_release(&r);
}
END_TEST

Suite *history_suite(void)
{
	Suite *s = suite_create("history");
	TCase *reach = tcase_create("reach");
	TCase *tags = tcase_create("tags");
	TCase *versions = tcase_create("versions");

	tcase_set_timeout(reach, 120);
	tcase_add_test(reach, test_reach_every_commit_three_orders);
	tcase_add_test(reach, test_reach_side_branch_not_held);
	tcase_add_test(reach, test_reach_first_window);
	tcase_add_test(reach, test_on_other);
	tcase_add_test(reach, test_on_other_by_name);
	tcase_add_test(reach, test_remote_tracking);
	tcase_add_test(reach, test_pending_overlay);
	suite_add_tcase(s, reach);
	tcase_set_timeout(tags, 120);
	tcase_add_test(tags, test_tag_monotonic_story);
	tcase_add_test(tags, test_tag_monotonic_lightweight);
	tcase_add_test(tags, test_tag_monotonic_pending);
	tcase_add_test(tags, test_tag_monotonic_remote_order);
	tcase_add_test(tags, test_tag_monotonic_many);
	tcase_add_test(tags, test_tag_on_release_branch);
	tcase_add_test(tags, test_tag_target);
	suite_add_tcase(s, tags);
	tcase_add_loop_test(versions, test_revert_parse, 0, (int)FG_COUNT(revert_parse_cases));
	tcase_add_test(versions, test_revert_version);
	suite_add_tcase(s, versions);
	return s;
}

/*
 * The story repository of the refs snapshot's unit tests (refs_story.h).
 */
#include <check.h>
#include <stdio.h>
#include <string.h>
#include "refs_story.h"

void story_set_ref(git_repository *repo, const char *refname, const git_oid *id)
{
	git_reference *ref = NULL;

	ck_assert_int_eq(git_reference_create(&ref, repo, refname, id, 1, NULL), 0);
	git_reference_free(ref);
}

/* A commit of the empty tree with PARENTS[0..N), made at WHEN, on no ref. */
void story_commit_raw(git_repository *repo, const git_oid *parents, size_t n, git_time_t when,
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
		story_commit_raw(s->r.repo, p, p ? 1 : 0, 1700000000, message, &out[i]);
		git_oid_cpy(&s->all[s->nall++], &out[i]);
	}
}

void story_init(struct story *s)
{
	git_oid parents[2];

	memset(s, 0, sizeof(*s));
	fg_test_repo_create(&s->r, "main", NULL, 0);
	line_of(s, NULL, NREL, "rel", s->rel);
	line_of(s, &s->rel[10], NFX, "fx", s->fx);
	line_of(s, &s->rel[5], NFY, "fy", s->fy);
	git_oid_cpy(&parents[0], &s->rel[30]);
	git_oid_cpy(&parents[1], &s->fy[NFY - 1]);
	story_commit_raw(s->r.repo, parents, 2, 1700000000, "merge: feature/y\n", &s->r18[0]);
	git_oid_cpy(&s->all[s->nall++], &s->r18[0]);
	line_of(s, &s->r18[0], NR18 - 1, "r18", s->r18 + 1);
	line_of(s, &s->rel[20], NM, "maint", s->m);
	line_of(s, NULL, 1, "lone", &s->lone);
	ck_assert_uint_eq(s->nall, NALL);
	story_set_ref(s->r.repo, "refs/heads/release/0.16.x", &s->rel[NREL - 1]);
	story_set_ref(s->r.repo, "refs/heads/feature/x", &s->fx[NFX - 1]);
	story_set_ref(s->r.repo, "refs/heads/feature/y", &s->fy[NFY - 1]);
	story_set_ref(s->r.repo, "refs/heads/release/0.18.x", &s->r18[NR18 - 1]);
	story_set_ref(s->r.repo, "refs/heads/maint/0.15.x", &s->m[NM - 1]);
	story_set_ref(s->r.repo, "refs/heads/main", &s->rel[40]);
}

/* The brute-force answer: TIP (may be NULL: no branch) is COMMIT or descends from it. */
int story_holds(git_repository *repo, const git_oid *tip, const git_oid *commit)
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

/* IDX[0..N) a fixed permutation of 0..N-1 (Fisher-Yates, a fixed LCG). */
void story_shuffled(size_t *idx, size_t n, unsigned seed)
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

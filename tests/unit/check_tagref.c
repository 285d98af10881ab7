/*
 * Unit tests for tagref.c: the tag rules on a tag ref (fg_check_tag_ref:
 * tagMonotonic, tagOnReleaseBranch, tagTarget) and what they ask the refs
 * snapshot (fg_branches_holding, fg_refs_higher_tag). Every expected answer
 * is computed here independently: reachability with
 * git_graph_descendant_of, the highest earlier tag by brute force over the
 * test's own table.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check_flowgate.h"
#include "refs.h"
#include "refs_story.h"
#include "tagref.h"

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
	story_set_ref(s.r.repo, "refs/tags/v0.16.98+build", &s.rel[40]);

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
	story_commit_raw(s.r.repo, &s.rel[NREL - 1], 1, 2000, "fix: at 2000\n", &c2000);
	story_commit_raw(s.r.repo, &c2000, 1, 3000, "fix: at 3000\n", &c3000);
	story_commit_raw(s.r.repo, &c3000, 1, 3001, "fix: at 3001\n", &c3001);
	story_set_ref(s.r.repo, "refs/heads/release/0.16.x", &c3001);
	story_set_ref(s.r.repo, "refs/tags/v0.16.4", &c3000); /* lightweight, made at 3000 */
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
			story_shuffled(order, NQ, pass == 2 ? 31337u : 2718u);
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

Suite *tagref_suite(void)
{
	Suite *s = suite_create("tagref");
	TCase *tags = tcase_create("tags");

	tcase_set_timeout(tags, 120);
	tcase_add_test(tags, test_tag_monotonic_story);
	tcase_add_test(tags, test_tag_monotonic_lightweight);
	tcase_add_test(tags, test_tag_monotonic_pending);
	tcase_add_test(tags, test_tag_monotonic_remote_order);
	tcase_add_test(tags, test_tag_monotonic_many);
	tcase_add_test(tags, test_tag_on_release_branch);
	tcase_add_test(tags, test_tag_target);
	suite_add_tcase(s, tags);
	return s;
}

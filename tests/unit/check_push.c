/*
 * Tests of push.c: fg_check_updates and fg_check_receive judge each ref
 * update by the configuration in force for it, which is what its typed
 * form (updates.h) is parsed under: on the pushing side the pushed tip's
 * .flowgate, one per tip; on a rewrite, the rules the branch had; on the
 * receiving side the server's own rules, never the pushed ones.
 */
#include <stdlib.h>
#include <string.h>
#include "check_flowgate.h"
#include "push.h"

/* Branch kind "topic" (the only one: a [branch] replaces the built-in list). */
#define TOPIC_RULES "[branch \"topic\"]\n\tpattern = ^topic/.+$\n"
/* main, and main alone, unprotected. */
#define MAIN_OPEN "[branch \"main\"]\n\tpattern = ^main$\n\tprotected = false\n"

#define ZERO_OID { { 0 } }

/*
 * A commit of a tree holding only .flowgate with FLOWGATE (NULL: an empty
 * tree) on PARENT (NULL: a root commit), with MESSAGE; no ref moves.
 */
static git_oid make_commit(git_repository *repo, const char *flowgate, const git_oid *parent,
			   const char *message)
{
	git_treebuilder *tb = NULL;
	git_signature *sig = NULL;
	git_commit *p = NULL;
	git_tree *tree = NULL;
	git_oid blob, tree_id, id;

	ck_assert_int_eq(git_treebuilder_new(&tb, repo, NULL), 0);
	if (flowgate) {
		ck_assert_int_eq(git_blob_create_from_buffer(&blob, repo, flowgate, strlen(flowgate)),
				 0);
		ck_assert_int_eq(git_treebuilder_insert(NULL, tb, ".flowgate", &blob,
							GIT_FILEMODE_BLOB), 0);
	}
	ck_assert_int_eq(git_treebuilder_write(&tree_id, tb), 0);
	git_treebuilder_free(tb);
	ck_assert_int_eq(git_tree_lookup(&tree, repo, &tree_id), 0);
	if (parent)
		ck_assert_int_eq(git_commit_lookup(&p, repo, parent), 0);
	ck_assert_int_eq(git_signature_new(&sig, "Flowgate Test", "test@example.com", 1700000000, 0),
			 0);
	ck_assert_int_eq(git_commit_create(&id, repo, NULL, sig, sig, NULL, message, tree,
					   parent ? 1 : 0, (const git_commit **)&p), 0);
	git_signature_free(sig);
	git_commit_free(p);
	git_tree_free(tree);
	return id;
}

/* A push or receive context for HOOK, its report empty. */
static void ctx_init(struct fg_hook_ctx *ctx, const char *hook)
{
	memset(ctx, 0, sizeof(*ctx));
	ctx->hook = hook;
	ctx->argc = 1;
	fg_report_init(&ctx->report);
}

/* How many violations of RULE CTX's report holds about update SCOPE. */
static size_t count_about(const struct fg_hook_ctx *ctx, enum fg_rule rule, size_t scope)
{
	size_t n = 0;

	for (size_t i = 0; i < ctx->report.n; i++)
		n += ctx->report.items[i].rule == rule && ctx->report.items[i].scope == scope;
	return n;
}

/*
 * pre-push: two branches named alike, each typed under its own tip's
 * .flowgate: topic/x from a tip that declares the kind "topic" is a
 * workflow branch; topic/y from a tip with the built-in rules is not.
 */
START_TEST(test_push_each_tip_its_rules)
{
	struct fg_test_repo r;
	struct fg_hook_ctx ctx;
	git_oid topic, builtin;
	struct fg_ref_update u[2] = {
		{ (char *)"refs/heads/topic/x", (char *)"refs/heads/topic/x", ZERO_OID, ZERO_OID },
		{ (char *)"refs/heads/topic/y", (char *)"refs/heads/topic/y", ZERO_OID, ZERO_OID },
	};

	fg_test_repo_create(&r, "main", NULL, 0);
	topic = make_commit(r.repo, TOPIC_RULES, NULL, "feat: topic rules\n");
	builtin = make_commit(r.repo, NULL, NULL, "feat: built-in rules\n");
	git_oid_cpy(&u[0].local, &topic);
	git_oid_cpy(&u[1].local, &builtin);
	ctx_init(&ctx, "pre-push");
	ck_assert_int_eq(fg_check_updates(&ctx, r.repo, u, 2, NULL, "origin", NULL), FG_EXIT_OK);
	ck_assert_uint_eq(fg_test_count_rule(&ctx.report, FG_RULE_BRANCH_NAME), 1);
	ck_assert_uint_eq(count_about(&ctx, FG_RULE_BRANCH_NAME, 1), 1);
	ck_assert_ptr_nonnull(strstr(ctx.report.items[0].message, "'topic/y'"));
	fg_report_release(&ctx.report);
	fg_test_repo_release(&r);
}
END_TEST

/*
 * pre-push: a non-fast-forward push of main whose tip unprotects main is
 * judged by the rules main had (the remote's commit, built-in: protected),
 * not by those it was typed under; when the old rules unprotect it too,
 * nothing is refused.
 */
START_TEST(test_push_rewrite_by_the_rules_it_had)
{
	struct fg_test_repo r;
	struct fg_hook_ctx ctx;
	git_oid base, old, tip;
	struct fg_ref_update u = { (char *)"refs/heads/main", (char *)"refs/heads/main", ZERO_OID,
				   ZERO_OID };

	fg_test_repo_create(&r, "main", NULL, 0);
	base = make_commit(r.repo, NULL, NULL, "feat: base\n");
	old = make_commit(r.repo, NULL, &base, "feat: on the remote\n");
	tip = make_commit(r.repo, MAIN_OPEN, &base, "feat: main unprotected\n");
	git_oid_cpy(&u.local, &tip);
	git_oid_cpy(&u.remote, &old);
	ctx_init(&ctx, "pre-push");
	ck_assert_int_eq(fg_check_updates(&ctx, r.repo, &u, 1, NULL, "origin", NULL), FG_EXIT_OK);
	ck_assert_uint_eq(fg_test_count_rule(&ctx.report, FG_RULE_BRANCH_PROTECTED), 1);
	ck_assert_uint_eq(count_about(&ctx, FG_RULE_BRANCH_PROTECTED, 0), 1);
	ck_assert_ptr_nonnull(strstr(ctx.report.items[0].message, "non-fast-forward"));
	fg_report_release(&ctx.report);

	/* the remote's commit unprotected main already: the rewrite is allowed */
	old = make_commit(r.repo, MAIN_OPEN, &base, "feat: open on the remote\n");
	git_oid_cpy(&u.remote, &old);
	ctx_init(&ctx, "pre-push");
	ck_assert_int_eq(fg_check_updates(&ctx, r.repo, &u, 1, NULL, "origin", NULL), FG_EXIT_OK);
	ck_assert_uint_eq(fg_test_count_rule(&ctx.report, FG_RULE_BRANCH_PROTECTED), 0);
	fg_report_release(&ctx.report);
	fg_test_repo_release(&r);
}
END_TEST

/*
 * pre-receive: a new branch is typed by the server's rules (HEAD's commit
 * declares "topic"), not by the pushed tip's (built-in); and the other way
 * round, a pushed .flowgate declaring "topic" does not make topic/x a
 * workflow branch on a server whose rules are the built-in ones.
 */
START_TEST(test_receive_by_the_servers_rules)
{
	struct fg_test_repo r;
	struct fg_hook_ctx ctx;
	git_reference *ref = NULL;
	git_oid server, pushed;
	struct fg_ref_update u = { (char *)"refs/heads/topic/x", (char *)"refs/heads/topic/x",
				   ZERO_OID, ZERO_OID };

	fg_test_repo_create(&r, "main", NULL, 0);
	server = make_commit(r.repo, TOPIC_RULES, NULL, "feat: the server's rules\n");
	ck_assert_int_eq(git_reference_create(&ref, r.repo, "refs/heads/main", &server, 1, NULL), 0);
	git_reference_free(ref);
	pushed = make_commit(r.repo, NULL, &server, "feat: pushed with the built-in rules\n");
	git_oid_cpy(&u.local, &pushed);
	ctx_init(&ctx, "pre-receive");
	ck_assert_int_eq(fg_check_receive(&ctx, r.repo, &u, 1), FG_EXIT_OK);
	ck_assert_int_eq(ctx.receiving, 1);
	ck_assert_uint_eq(fg_test_count_rule(&ctx.report, FG_RULE_BRANCH_NAME), 0);
	fg_report_release(&ctx.report);

	/* the server back on the built-in rules; the push brings "topic" */
	server = make_commit(r.repo, NULL, NULL, "feat: built-in rules\n");
	ck_assert_int_eq(git_reference_create(&ref, r.repo, "refs/heads/main", &server, 1, NULL), 0);
	git_reference_free(ref);
	pushed = make_commit(r.repo, TOPIC_RULES, &server, "feat: pushed topic rules\n");
	git_oid_cpy(&u.local, &pushed);
	ctx_init(&ctx, "pre-receive");
	ck_assert_int_eq(fg_check_receive(&ctx, r.repo, &u, 1), FG_EXIT_OK);
	ck_assert_uint_eq(fg_test_count_rule(&ctx.report, FG_RULE_BRANCH_NAME), 1);
	ck_assert_uint_eq(count_about(&ctx, FG_RULE_BRANCH_NAME, 0), 1);
	fg_report_release(&ctx.report);
	fg_test_repo_release(&r);
}
END_TEST

Suite *push_suite(void)
{
	Suite *s = suite_create("push");
	TCase *rules = tcase_create("rules_in_force");

	tcase_add_test(rules, test_push_each_tip_its_rules);
	tcase_add_test(rules, test_push_rewrite_by_the_rules_it_had);
	tcase_add_test(rules, test_receive_by_the_servers_rules);
	suite_add_tcase(s, rules);
	return s;
}

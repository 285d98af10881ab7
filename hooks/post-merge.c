/*
 * post-merge: git runs it after a successful `git merge` or `git pull`, with
 * one argument, 1 when the merge was a squash (githooks(5)). Its exit status
 * cannot affect the merge, so flowgate only advises: it warns when the merge
 * changed the version files and they disagree; after release/X.Y.x is
 * merged into main it prints the workflow's next step (flowgate bump dev);
 * after a hotfix/<name> branch is merged, the long-lived branches still lacking
 * it, with the cherry-picks to run. After a squash merge, which commits
 * nothing, only the staged version files are checked. Always exits 0.
 * post-commit gives the same advice after a merge it concludes
 * (fg_advise_after_merge, hooks.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "gitinit.h"
#include "hooks.h"
#include "hotfix.h"
#include "hotfixprint.h"
#include "quote.h"
#include "refname.h"
#include "repo.h"
#include "repoconfig.h"
#include "version.h"
#include "vfiles.h"

/*
 * The branch a merge brought in: a branch, local or remote-tracking, but
 * not HEAD_NAME (after a fast-forward HEAD's own branch is there too), of
 * kind hotfix, else of kind release, whose tip is MERGED; local before
 * remote-tracking. *NAME gets it as git names it ("release/0.16.x",
 * "origin/hotfix/x"; newly allocated) and *BRANCH its kind and series.
 * Returns 1 when found, 0 if not (or out of memory).
 */
static int merged_branch(git_repository *repo, struct fg_config *cfg, const git_oid *merged,
			 const char *head_name, struct fg_branch *branch, char **name)
{
	static const char *const globs[] = { "refs/heads/*", "refs/remotes/*" };
	struct fg_branch parsed, release;
	char *release_name = NULL;

	*name = NULL;
	for (size_t g = 0; g < 2 && !*name; g++) {
		git_reference_iterator *it = NULL;
		git_reference *ref;

		if (git_reference_iterator_glob_new(&it, repo, globs[g]) < 0)
			continue;
		while (!*name && git_reference_next(&ref, it) == 0) {
			const char *full = git_reference_name(ref) + (g ? 13 : 11);
			const char *short_name = fg_refname_branch(git_reference_name(ref), NULL);
			const git_oid *target = git_reference_target(ref);

			if (target && short_name && git_oid_equal(target, merged) &&
			    (g || strcmp(full, head_name)) &&
			    fg_branch_parse(cfg, short_name, &parsed) == 0) {
				if (parsed.kind == FG_BRANCH_HOTFIX) {
					*branch = parsed;
					*name = strdup(full);
				} else if (parsed.kind == FG_BRANCH_RELEASE && parsed.series &&
					   !release_name) {
					release = parsed;
					release_name = strdup(full);
				}
			}
			git_reference_free(ref);
		}
		git_reference_iterator_free(it);
	}
	git_error_clear();
	if (*name) {
		free(release_name);
	} else if (release_name) {
		*branch = release;
		*name = release_name;
	}
	return *name != NULL;
}

/* nextStep: RELEASE (release/X.Y.x, SERIES) merged into main, at version CURRENT. */
static void next_step_after_release(struct fg_hook_ctx *ctx, const struct fg_version_set *set,
				    const char *release, const struct fg_branch *series,
				    const char *head_name)
{
	const struct fg_vfile_value *current = fg_versions_exact(set);
	unsigned long long major = series->major, minor = series->minor;
	struct fg_violation *v;

	if (current && (current->major > major || (current->major == major && current->minor > minor)))
		return; /* already bumped */
	v = fg_report_add(&ctx->report, FG_RULE_NEXT_STEP,
			  "%s is merged into %s; next, %s moves to %llu.%llu.0-dev", release,
			  head_name, head_name, major, minor + 1);
	fg_violation_hint(v, "flowgate bump dev --commit (writes %llu.%llu.0-dev in every version "
			  "file and commits it)", major, minor + 1);
}

/*
 * hotfixPropagation: hotfix branch HOTFIX was merged into HEAD_NAME: the
 * long-lived branches that lack it, and whether HEAD_NAME, a release or
 * maint branch holding it, has a release tag with it yet.
 */
static void hotfix_after_merge(struct fg_hook_ctx *ctx, git_repository *repo,
			       struct fg_config *cfg, const char *hotfix, const char *head_name)
{
	struct fg_hotfix fix;
	struct fg_violation *v;
	const struct fg_hotfix_row *here = NULL;
	char *why = NULL, *detail = NULL, *word;
	size_t size = 0;
	FILE *out;
	int rc;

	/* -2: the branch has no commit of its own (it was a release tag): nothing to say */
	if ((rc = fg_hotfix_status(&fix, repo, cfg, hotfix, 0, &why)) < 0) {
		if (rc == -1 && !cfg->error)
			fg_hook_fatal(ctx, "cannot tell which branches hold the hotfix",
				   why ? why : "out of memory");
		goto out;
	}
	for (size_t i = 0; i < fix.nrows; i++)
		if (!fix.rows[i].remote && !strcmp(fix.rows[i].name, head_name))
			here = &fix.rows[i];
	if (here && (here->parsed.kind != FG_BRANCH_RELEASE && here->parsed.kind != FG_BRANCH_MAINT))
		here = NULL;
	if (here && (here->state < FG_HOTFIX_PICKED || here->tag))
		here = NULL; /* lacking it, or tagged already: nothing to tag */
	if (!fix.lacking && !here)
		goto out;
	if (!(out = open_memstream(&detail, &size)))
		goto out;
	fg_hotfix_print_brief(&fix, out, here ? 6 : 7);
	/* the lines above may leave HEAD on another branch: the command says where */
	if (here && (word = fg_sh_quote(head_name, strlen(head_name), 0))) {
		fprintf(out, "%s holds it without a release tag: git checkout %s && flowgate bump "
			"patch --commit --tag\n", head_name, word);
		free(word);
	}
	fclose(out);
	if (fix.lacking)
		v = fg_report_add(&ctx->report, FG_RULE_HOTFIX_PROPAGATION,
				  "%s is merged into %s; %zu of %zu long-lived branches lack it", hotfix,
				  head_name, fix.lacking, fix.nrows);
	else
		v = fg_report_add(&ctx->report, FG_RULE_HOTFIX_PROPAGATION,
				  "%s is merged into %s; every long-lived branch has it", hotfix, head_name);
	fg_violation_detail(v, detail);
	word = fg_sh_quote(hotfix, strlen(hotfix), 0);
	fg_violation_hint(v, "flowgate hotfix-status %s shows every branch it affects; git "
			  "cherry-pick -x records the fix it picks", word ? word : "<hotfix-branch>");
	free(word);
out:
	free(detail);
	free(why);
	fg_hotfix_release(&fix);
}

/*
 * Did the merge change a version file? BEFORE is the tree before it;
 * AFTER_TREE or AFTER_INDEX (squash) the result. Unknown counts as changed.
 */
static int versions_changed(const struct fg_config *cfg, git_tree *before, git_tree *after_tree,
			    git_index *after_index)
{
	if (!before)
		return 1;
	for (size_t i = 0; i < cfg->nvfiles; i++) {
		git_tree_entry *old = NULL, *new = NULL;
		const git_index_entry *staged = NULL;
		int same;

		int ro = git_tree_entry_bypath(&old, before, cfg->vfiles[i].path), rn = 0;

		if (after_index)
			staged = git_index_get_bypath(after_index, cfg->vfiles[i].path, 0);
		else
			rn = git_tree_entry_bypath(&new, after_tree, cfg->vfiles[i].path);
		git_error_clear();
		if ((ro < 0 && ro != GIT_ENOTFOUND) || (rn < 0 && rn != GIT_ENOTFOUND))
			same = 0; /* a tree on the path cannot be read: unknown */
		else if (after_index)
			same = old ? staged && git_oid_equal(git_tree_entry_id(old), &staged->id) : !staged;
		else
			same = old ? new && git_oid_equal(git_tree_entry_id(old), git_tree_entry_id(new))
				   : !new;
		git_tree_entry_free(old);
		git_tree_entry_free(new);
		if (!same)
			return 1;
	}
	return 0;
}

/*
 * The commit a merge brought in (HEAD's second parent, or HEAD after a
 * fast-forward) into *MERGED, and the tree before the merge (HEAD's first
 * parent's, or ORIG_HEAD's; NULL when unknown) into *BEFORE. Returns 0, or
 * -1 when HEAD cannot be read.
 */
static int merge_sides(git_repository *repo, git_oid *merged, git_tree **before)
{
	git_commit *head = NULL, *prior = NULL;
	git_oid id;
	int rc = -1;

	*before = NULL;
	if (git_reference_name_to_id(&id, repo, "HEAD") < 0 ||
	    git_commit_lookup(&head, repo, &id) < 0)
		goto out;
	rc = 0;
	*merged = git_commit_parentcount(head) >= 2 ? *git_commit_parent_id(head, 1) : id;
	if (git_commit_parentcount(head) >= 2)
		git_commit_parent(&prior, head, 0);
	else if (git_reference_name_to_id(&id, repo, "ORIG_HEAD") == 0 &&
		 !git_oid_equal(&id, git_commit_id(head)))
		git_commit_lookup(&prior, repo, &id);
	if (prior)
		git_commit_tree(before, prior);
out:
	git_error_clear();
	git_commit_free(prior);
	git_commit_free(head);
	return rc;
}

int fg_advise_after_merge(struct fg_hook_ctx *ctx, int squash, int committed)
{
	git_repository *repo = NULL;
	git_index *index = NULL;
	git_object *tree = NULL;
	git_tree *before = NULL;
	git_oid merged;
	struct fg_vfiles files;
	struct fg_config cfg;
	struct fg_config_from from = { NULL, NULL, "HEAD", 0, 0 };
	struct fg_branch parsed, brought;
	const struct fg_branch *branch = NULL;
	char *name = NULL, *merged_name = NULL;
	int rc;

	memset(&files, 0, sizeof(files));
	memset(&cfg, 0, sizeof(cfg));
	if (fg_hook_open_repo(ctx, &repo) < 0)
		return FG_EXIT_INTERNAL;
	if (committed) {
		git_commit *head = NULL;
		git_oid id;
		int merge = git_reference_name_to_id(&id, repo, "HEAD") == 0 &&
			    git_commit_lookup(&head, repo, &id) == 0 &&
			    git_commit_parentcount(head) >= 2;

		git_commit_free(head);
		git_error_clear();
		if (!merge)
			goto out; /* a commit of its own: nothing to advise */
	}
	/*
	 * The merge result: HEAD's tree, without loading the index; the index
	 * after a squash merge, which leaves HEAD alone (the tree before is
	 * then HEAD's). The rules come from the same place.
	 */
	if (squash) {
		rc = git_repository_index(&index, repo);
		if (rc == 0 && git_revparse_single(&tree, repo, "HEAD^{tree}") == 0) {
			before = (git_tree *)tree;
			tree = NULL;
		}
		git_error_clear();
	} else {
		rc = git_revparse_single(&tree, repo, "HEAD^{tree}");
		if (rc == 0 && merge_sides(repo, &merged, &before) < 0)
			rc = -1;
	}
	if (rc < 0) {
		fg_hook_fatal(ctx, "cannot read the merge result", fg_git_error());
		goto out;
	}
	from.index = index;
	from.tree = (git_tree *)tree;
	if (fg_hook_load_config(ctx, &cfg, repo, &from, NULL) != FG_EXIT_OK)
		goto out;
	if (fg_repo_head_branch(repo, &name) == 0 && name &&
	    fg_branch_parse(&cfg, name, &parsed) == 0)
		branch = &parsed;
	rc = squash ? fg_vfiles_from_index(&files, repo, index, &cfg)
		    : fg_vfiles_from_tree(&files, repo, (git_tree *)tree, &cfg);
	if (rc < 0 && !cfg.error) {
		fg_hook_fatal(ctx, "cannot read the version files after the merge", fg_git_error());
		goto out;
	}
	/* only what the merge changed: an older disagreement was reported when it
	 * was made (and pre-commit judged a merge concluded by git commit) */
	if (rc == 0 && !committed && versions_changed(&cfg, before, (git_tree *)tree, index))
		fg_versions_check(&ctx->report, &files.set, branch, name);
	/* a squash merge made no commit yet: nothing is merged until it is committed */
	if (rc == 0 && !squash && name && !cfg.error &&
	    merged_branch(repo, &cfg, &merged, name, &brought, &merged_name)) {
		if (brought.kind == FG_BRANCH_RELEASE && branch && branch->kind == FG_BRANCH_MAIN)
			next_step_after_release(ctx, &files.set, merged_name, &brought, name);
		else if (brought.kind == FG_BRANCH_HOTFIX && (!branch || branch->kind != FG_BRANCH_HOTFIX))
			hotfix_after_merge(ctx, repo, &cfg, merged_name, name);
	}
	if (cfg.error)
		fg_config_failed(ctx, &cfg);
out:
	ctx->report.severity = NULL;
	fg_config_release(&cfg);
	fg_vfiles_release(&files);
	git_tree_free(before);
	git_object_free(tree);
	git_index_free(index);
	free(merged_name);
	free(name);
	git_repository_free(repo);
	return FG_EXIT_OK;
}

int fg_run_post_merge(struct fg_hook_ctx *ctx)
{
	if (ctx->argc != 2) {
		fprintf(stderr, "flowgate post-merge: usage: post-merge <squash-flag>\n");
		return FG_EXIT_USAGE;
	}
	return fg_advise_after_merge(ctx, !strcmp(ctx->argv[1], "1"), 0);
}

FG_HOOK_MAIN("post-merge", fg_run_post_merge, 1)

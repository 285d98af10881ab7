/*
 * pre-commit: git runs it before it asks for the commit message (githooks(5)).
 * No arguments, no stdin; a non-zero exit aborts the commit. It checks the
 * branch HEAD is on (branchName; a detached HEAD is left alone) and the
 * version files as staged in the index, not as in the work tree. It does not
 * look at the message (commit-msg does) and never writes anything.
 * pre-applypatch runs the same flow (fg_pre_commit_checks, hooks.h).
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "gitinit.h"
#include "hooks.h"
#include "refname.h"
#include "refs.h"
#include "repo.h"
#include "revert.h"
#include "staged.h"
#include "version.h"
#include "vfiles.h"

/*
 * branchName on branch NAME, parsed once: *PARSED, returned, when it is a
 * workflow branch; else NULL.
 */
static const struct fg_branch *check_branch(struct fg_report *report, struct fg_config *cfg,
					    const char *name, struct fg_branch *parsed,
					    int rename_hint)
{
	int rc = fg_branch_parse(cfg, name, parsed);

	/* no workflow branch: the rule parses the name again for its message and hint */
	if (rc == -1)
		fg_check_branch_name(report, cfg, name, rename_hint);
	return rc == 0 ? parsed : NULL;
}

/* The merge in progress (MERGE_HEAD) brings a commit of release/X.Y.x. */
struct merge_from {
	struct fg_refs *refs;
	struct fg_config *cfg;
	uint64_t major, minor;
	int from_release;
};

static int merge_head_from_release(const git_oid *id, void *payload)
{
	struct merge_from *m = payload;
	struct fg_holders h;

	fg_branches_holding(&h, m->refs, m->cfg, id, m->major, m->minor, NULL);
	m->from_release |= h.on_release;
	return 0;
}

/*
 * HEAD's version files into *BEFORE (zeroed first; the caller releases
 * it). Returns 1, 0 when HEAD has no commit yet, or -1 when they cannot be
 * read (fg_git_error() says why; CFG->error when a pattern failed).
 */
static int head_versions(git_repository *repo, struct fg_config *cfg, struct fg_vfiles *before)
{
	git_object *head = NULL;
	int rc;

	memset(before, 0, sizeof(*before));
	if (git_revparse_single(&head, repo, "HEAD^{tree}") < 0) {
		git_error_clear();
		return 0;
	}
	rc = fg_vfiles_from_tree(before, repo, (git_tree *)head, cfg);
	git_object_free(head);
	if (rc == 0)
		git_error_clear();
	return rc < 0 ? -1 : 1;
}

/*
 * versionRegression and versionPreReleaseBranch on the version STAGED sets
 * when it differs from the one BEFORE holds, HEAD's (a first commit, or
 * version files appearing, set nothing to compare). The commit being made
 * is on BRANCH (NAME; may be NULL); a merge's other side is MERGE_HEAD.
 */
static void check_staged_change(struct fg_hook_ctx *ctx, git_repository *repo,
				struct fg_config *cfg, const struct fg_vfiles *staged,
				const struct fg_vfiles *before, const struct fg_branch *branch,
				const char *name)
{
	const struct fg_vfile_value *now = fg_versions_exact(&staged->set), *old;
	const char *where = "the staged version files";

	if (now && (old = fg_versions_exact(&before->set)) &&
	    !fg_version_same(&now->version, &old->version)) {
		struct fg_refs refs;
		struct merge_from m = { &refs, cfg, now->version.major, now->version.minor, 0 };

		fg_refs_init(&refs, repo, NULL);
		/* a git revert (REVERT_HEAD) of the commit that raised it goes back */
		if (fg_version_compare(&now->version, &old->version) >= 0 ||
		    !fg_revert_head_restores(repo, cfg, &now->version, &old->version))
			fg_check_version_regression(&ctx->report, now, old, where);
		if (branch) {
			git_repository_mergehead_foreach(repo, merge_head_from_release, &m);
			fg_check_version_branch(&ctx->report, now, branch, name, m.from_release, where);
		}
		fg_refs_release(&refs);
	}
}

/*
 * git am in its rebasing mode: `git rebase --apply` replays commits already
 * made through it, and its applypatch-msg and pre-applypatch run for each
 * (git 2.39 has no am --no-verify); the other backend runs no commit hook
 * for a commit it replays, so neither does flowgate. am's state directory
 * (builtin/am.c) holds "rebasing" then, "applying" for a plain git am.
 */
int fg_am_rebasing(git_repository *repo)
{
	char *path = fg_strdupf("%srebase-apply/rebasing", git_repository_path(repo));
	int rebasing = path && access(path, F_OK) == 0;

	free(path);
	return rebasing;
}

int fg_pre_commit_checks(struct fg_hook_ctx *ctx, int am)
{
	git_repository *repo = NULL;
	struct fg_staged staged;
	struct fg_vfiles files, before;
	struct fg_config cfg;
	struct fg_branch parsed;
	const struct fg_branch *branch = NULL;
	char *name = NULL;
	int status = FG_EXIT_INTERNAL, head = 0;

	memset(&files, 0, sizeof(files));
	memset(&before, 0, sizeof(before));
	memset(&cfg, 0, sizeof(cfg));
	memset(&staged, 0, sizeof(staged));
	if (ctx->argc != 1) {
		fprintf(stderr, "flowgate %s: usage: %s (takes no arguments)\n", ctx->hook,
			ctx->hook);
		return FG_EXIT_USAGE;
	}
	fg_repo_defer_index();
	if (fg_hook_open_repo(ctx, &repo) < 0)
		return FG_EXIT_INTERNAL;
	if (am && fg_am_rebasing(repo)) {
		status = FG_EXIT_OK;
		goto out;
	}
	if ((status = fg_hook_load_index_config(ctx, &cfg, repo, &staged)) != FG_EXIT_OK)
		goto out;
	status = FG_EXIT_INTERNAL;
	if (fg_repo_head_branch(repo, &name) < 0) {
		fg_hook_fatal(ctx, "cannot read HEAD", fg_git_error());
		goto out;
	}
	if (name) /* a detached HEAD (rebase, bisect) has no branch to check */
		branch = check_branch(&ctx->report, &cfg, name, &parsed, 1);
	if (!cfg.error && fg_vfiles_from_staged(&files, repo, &staged, &cfg) < 0 && !cfg.error) {
		fg_hook_fatal(ctx, "cannot read the staged version files", fg_git_error());
		goto out;
	}
	/* HEAD's, when a version is staged: the rules compare, the hints build on it */
	if (!cfg.error && fg_versions_exact(&files.set) &&
	    (head = head_versions(repo, &cfg, &before)) < 0 && !cfg.error) {
		fg_hook_fatal(ctx, "cannot read HEAD's version files", fg_git_error());
		goto out;
	}
	if (!cfg.error)
		fg_versions_check_after(&ctx->report, &files.set, branch, name,
					head > 0 ? fg_versions_exact(&before.set) : NULL);
	if (!cfg.error && head > 0)
		check_staged_change(ctx, repo, &cfg, &files, &before, branch, name);
	status = cfg.error ? fg_config_failed(ctx, &cfg) : FG_EXIT_OK;
out:
	ctx->report.severity = NULL;
	if (!fg_hook_frees)
		return status; /* the process exits now */
	fg_config_release(&cfg);
	fg_vfiles_release(&before);
	fg_vfiles_release(&files);
	fg_staged_release(&staged);
	free(name);
	git_repository_free(repo);
	return status;
}

int fg_run_pre_commit(struct fg_hook_ctx *ctx)
{
	return fg_pre_commit_checks(ctx, 0);
}

FG_HOOK_MAIN("pre-commit", fg_run_pre_commit, 0)

/*
 * The commit a message belongs to (git layer): its context for the message
 * rules (branch, version bump, encoding, merge) read from the repository,
 * for the commit about to be made from the index or for a stored one, and
 * the message file judged as git will store it (cleaned up as the
 * repository's commit.cleanup, commit.verbose and core.commentChar say).
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "cleanup.h"
#include "message.h"
#include "repo.h"
#include "report.h"
#include "vfiles.h"
#include "commitctx.h"

/* commit.verbose, a boolean or a count (git_config_bool_or_int): non-zero when set. */
static int commit_verbose(git_repository *repo)
{
	git_buf value = GIT_BUF_INIT;
	int32_t n = 0;
	int b = 0, verbose = 0;

	fg_repo_config_string(repo, "commit.verbose", &value);
	if (value.size)
		verbose = git_config_parse_bool(&b, value.ptr) == 0 ? b :
			  git_config_parse_int32(&n, value.ptr) == 0 && n != 0;
	git_buf_dispose(&value);
	git_error_clear();
	return verbose;
}

int fg_repo_check_message_file(struct fg_report *report, struct fg_config *cfg,
			       git_repository *repo, const char *raw, size_t len, int editor,
			       const struct fg_message_context *ctx)
{
	struct fg_cleanup_plan plan;
	char *message = NULL;
	int rc;

	if (editor == FG_EDITOR_AM) {
		plan.mode = FG_MODE_NONE;
		plan.cut = 0;
		plan.comment_char = FG_COMMENT_NONE;
	} else {
		fg_cleanup_decide(&plan, repo ? (enum fg_cleanup)fg_repo_cleanup_mode(repo)
					      : FG_CLEANUP_DEFAULT,
				  editor, repo ? commit_verbose(repo) : 0,
				  repo ? fg_repo_comment_char(repo) : '#', raw, len);
	}
	rc = fg_cleanup_apply(&message, NULL, raw, len, &plan);
	if (rc == -1) {
		const char *nul = memchr(raw, '\0', len);
		size_t line, column, start, n;
		struct fg_violation *v;

		fg_text_position(raw, len, (size_t)(nul - raw), &line, &column, &start, &n);
		v = fg_report_add(report, FG_RULE_MESSAGE_ENCODING,
				  "line %zu, column %zu: the message holds a NUL byte", line, column);
		fg_violation_locate(v, line, column, raw + start, n, 1);
		fg_violation_hint(v, "write the message as text: git cuts a message at its first "
				  "NUL byte, or refuses it");
		rc = 0;
	} else if (rc == 0) {
		fg_check_message(report, cfg, message, NULL, ctx);
	} else {
		report->oom = 1;
		rc = 0;
	}
	free(message);
	return rc;
}

void fg_commit_context_release(struct fg_commit_context *ctx)
{
	free(ctx->branch);
	free(ctx->new_version);
	free(ctx->old_version);
	free(ctx->encoding);
	free(ctx->head_merge_header);
	memset(ctx, 0, sizeof(*ctx));
}

/* OUT's pointers to its own strings. */
static void context_link(struct fg_commit_context *out)
{
	out->ctx.branch = out->branch;
	out->ctx.new_version = out->new_version;
	out->ctx.old_version = out->old_version;
	out->ctx.encoding = out->encoding;
	out->ctx.head_merge_header = out->head_merge_header;
}

/*
 * The version NOW sets when BEFORE held another (or none), into OUT.
 * Returns 0, or -1 when out of memory.
 */
static int version_change(struct fg_commit_context *out, const struct fg_vfiles *now,
			  const struct fg_vfiles *before)
{
	const struct fg_vfile_value *n = fg_versions_exact(&now->set);
	const struct fg_vfile_value *o = fg_versions_exact(&before->set);

	if (!n || (o && !strcmp(o->text, n->text)))
		return 0;
	if (!(out->new_version = strdup(n->text)) ||
	    (o && !(out->old_version = strdup(o->text)))) {
		git_error_set_oom();
		return -1;
	}
	return 0;
}

/*
 * The commit about to be made is a merge when MERGE_HEAD exists (git merge,
 * or git commit concluding one, also inside git rebase -r: git's
 * determine_whence, builtin/commit.c, looks at MERGE_HEAD alone, where
 * git_repository_state says "rebase" while .git/rebase-merge exists); when
 * HEAD (HEAD_COMMIT, NULL when unborn) is a merge, its header, for `git
 * commit --amend` of it. Returns 0, or -1 when out of memory.
 */
static int merge_context(struct fg_commit_context *out, git_repository *repo,
			 const git_commit *head_commit)
{
	const char *message, *nl, *gitdir = git_repository_path(repo);
	char *merge_head = gitdir ? fg_strdupf("%sMERGE_HEAD", gitdir) : NULL;
	struct stat st;
	int rc = 0;

	if (gitdir && !merge_head) {
		git_error_set_oom();
		return -1;
	}
	/* file_exists (dir.c): lstat */
	out->ctx.merge = merge_head && lstat(merge_head, &st) == 0;
	free(merge_head);
	if (head_commit && git_commit_parentcount(head_commit) >= 2 &&
	    (message = git_commit_message(head_commit))) {
		nl = strchr(message, '\n');
		if (!(out->head_merge_header = strndup(message, nl ? (size_t)(nl - message)
								   : strlen(message)))) {
			git_error_set_oom();
			rc = -1;
		}
	}
	git_error_clear();
	return rc;
}

int fg_repo_staged_context(struct fg_commit_context *out, git_repository *repo,
			   struct fg_staged *staged, struct fg_config *cfg)
{
	git_buf value = GIT_BUF_INIT;
	git_object *head = NULL;
	git_tree *tree = NULL;
	struct fg_vfiles now, before;
	int rc = 0;

	memset(out, 0, sizeof(*out));
	memset(&now, 0, sizeof(now));
	memset(&before, 0, sizeof(before));
	if (fg_repo_head_branch(repo, &out->branch) < 0)
		out->branch = NULL;
	fg_repo_config_string(repo, "i18n.commitEncoding", &value);
	if (value.size && !(out->encoding = strdup(value.ptr))) {
		git_error_set_oom();
		rc = -1;
	}
	git_buf_dispose(&value);
	/* HEAD's commit, read once for both; none: the first commit */
	if (rc == 0 && git_revparse_single(&head, repo, "HEAD^{commit}") < 0)
		head = NULL;
	if (rc == 0)
		rc = merge_context(out, repo, (const git_commit *)head);
	/* the first commit creates the version files: nothing is bumped */
	if (rc == 0 && head && git_commit_tree(&tree, (const git_commit *)head) == 0) {
		/* a file that cannot be read is an error, never "no version" */
		if (fg_vfiles_from_staged(&now, repo, staged, cfg) < 0 ||
		    fg_vfiles_from_tree(&before, repo, tree, cfg) < 0)
			rc = -1;
		else
			rc = version_change(out, &now, &before);
	}
	fg_vfiles_release(&now);
	fg_vfiles_release(&before);
	git_tree_free(tree);
	git_object_free(head);
	if (rc == 0)
		git_error_clear();
	context_link(out);
	return rc;
}

/*
 * Non-zero when one of CFG's version files differs between trees A and B,
 * or cannot be looked up (the reader then says why).
 */
static int vfiles_differ(git_tree *a, git_tree *b, const struct fg_config *cfg)
{
	int differ = 0;

	for (size_t i = 0; !differ && i < cfg->nvfiles; i++) {
		git_tree_entry *ea = NULL, *eb = NULL;
		int ra = git_tree_entry_bypath(&ea, a, cfg->vfiles[i].path);
		int rb = git_tree_entry_bypath(&eb, b, cfg->vfiles[i].path);

		differ = (ra < 0 && ra != GIT_ENOTFOUND) || (rb < 0 && rb != GIT_ENOTFOUND) ||
			 (ra == 0) != (rb == 0) ||
			 (ra == 0 && !git_oid_equal(git_tree_entry_id(ea), git_tree_entry_id(eb)));
		git_tree_entry_free(ea);
		git_tree_entry_free(eb);
	}
	git_error_clear();
	return differ;
}

int fg_repo_commit_context(struct fg_commit_context *out, git_repository *repo,
			   git_commit *commit, const char *branch, int versions,
			   struct fg_config *cfg)
{
	const char *encoding = git_commit_message_encoding(commit);
	git_commit *parent = NULL;
	git_tree *tree = NULL, *parent_tree = NULL;
	int rc = 0;

	memset(out, 0, sizeof(*out));
	out->ctx.merge = git_commit_parentcount(commit) >= 2;
	if ((branch && !(out->branch = strdup(branch))) ||
	    (encoding && !(out->encoding = strdup(encoding)))) {
		git_error_set_oom();
		rc = -1;
	}
	if (rc == 0 && versions && git_commit_parentcount(commit) == 1 &&
	    git_commit_parent(&parent, commit, 0) == 0 &&
	    !git_oid_equal(git_commit_tree_id(commit), git_commit_tree_id(parent)) &&
	    git_commit_tree(&tree, commit) == 0 && git_commit_tree(&parent_tree, parent) == 0 &&
	    vfiles_differ(tree, parent_tree, cfg)) {
		struct fg_vfiles now, before;

		memset(&now, 0, sizeof(now));
		memset(&before, 0, sizeof(before));
		if (fg_vfiles_from_tree(&now, repo, tree, cfg) < 0 ||
		    fg_vfiles_from_tree(&before, repo, parent_tree, cfg) < 0)
			rc = -1;
		else
			rc = version_change(out, &now, &before);
		fg_vfiles_release(&now);
		fg_vfiles_release(&before);
	}
	git_tree_free(tree);
	git_tree_free(parent_tree);
	git_commit_free(parent);
	if (rc == 0)
		git_error_clear();
	context_link(out);
	return rc;
}

/*
 * The judgement of a push (push.h): per ref update, the configuration in
 * force (the pushed tip's, or a server's own), its name, tip and tag
 * rules, branchProtected on deletions and rewrites, refNamespace on a
 * server; then one walk of new commits per configuration for the message
 * and version rules; and, when the report is too long to print, which
 * ref each violation is about and how to list them all.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "gitinit.h"
#include "message.h"
#include "newcommits.h"
#include "oidset.h"
#include "push.h"
#include "quote.h"
#include "refname.h"
#include "repo.h"
#include "repoconfig.h"
#include "tagref.h"
#include "version.h"
#include "versionwalk.h"
#include "vfiles.h"

/*
 * The configurations of one push: one per distinct committed file among the
 * pushed tips (usually one), each with the updates it governs.
 */
struct push_config {
	git_oid file_id; /* the committed file's blob, zero when none */
	struct fg_config cfg;
	int loaded;
};

/*
 * The version rules on the files of TREE, a pushed tip of branch NAME.
 * Returns 0, or -1 when they cannot be read (fg_git_error() says which
 * object and how to fetch it; CFG->error when a pattern failed).
 */
static int check_tip_versions(struct fg_hook_ctx *ctx, git_repository *repo, git_tree *tree,
			      struct fg_config *cfg, const struct fg_branch *branch,
			      const char *name)
{
	struct fg_vfiles files;
	int rc = fg_vfiles_from_tree(&files, repo, tree, cfg);

	if (rc == 0)
		fg_versions_check(&ctx->report, &files.set, branch, name);
	fg_vfiles_release(&files);
	return rc < 0 ? -1 : 0;
}

/*
 * branchName and the version rules on the pushed branch T, parsed under
 * CFG (fg_typed_update_parse); returns as check_tip_versions.
 */
static int check_pushed_branch(struct fg_hook_ctx *ctx, git_repository *repo, git_tree *tree,
			       struct fg_config *cfg, const struct fg_typed_update *t)
{
	const struct fg_branch *branch = t->parsed == 0 ? &t->branch : NULL;

	/* no workflow branch: the rule parses the name again for its message and hint */
	if (t->parsed == -1)
		fg_check_branch_name(&ctx->report, cfg, t->name, 0);
	if (tree && !cfg->error)
		return check_tip_versions(ctx, repo, tree, cfg, branch, t->name);
	return 0;
}

/*
 * A pushed branch update whose fast-forwardness branchProtected asks: the
 * remote's old commit is known to be in the pushed history once it is a
 * parent of a new commit (the walk stops at it), without a walk of its own.
 */
struct ff_check {
	const struct fg_typed_update *u;
	git_oid tip;        /* the pushed commit (U->u->local peeled) */
	size_t group;       /* the configuration it is checked under */
	int fast_forward;   /* a new commit has U->u->remote as a parent */
};

/*
 * The message rules on every commit WALK yields; branchCommitType for those
 * in BC (a commit only on the hotfix or docs branch pushed); each commit
 * recorded in VW for the version rules; the NFF checks whose remote commit
 * is a parent of it marked fast-forward. Not versionBumpMessage: it would
 * read each commit's parent and two trees, doubling the cost of a long push;
 * commit-msg and check-range check it. MARKS (may be NULL: the walk has
 * one tip, whose scope the report gives them) records the commits that
 * have violations, found in group GROUP's walk.
 */
static int check_new_commits(struct fg_hook_ctx *ctx, struct fg_new_walk *walk,
			     struct fg_config *cfg, const struct fg_branch_commits *bc,
			     struct fg_version_walk *vw, struct ff_check *ff, size_t nff,
			     struct fg_marks *marks, size_t group)
{
	struct fg_message_context mctx = { NULL, NULL, NULL, NULL, 0, NULL, NULL, 0, NULL };
	git_oid id;
	int rc = 0;

	while (!cfg->error && (rc = fg_new_walk_next(&id, walk)) == 0) {
		const struct fg_commit_info *commit;
		size_t before = ctx->report.n;
		char where[32];

		memcpy(where, "commit ", 7);
		git_oid_tostr(where + 7, 13, &id);
		if (fg_new_walk_read(&commit, walk) < 0) {
			fg_hook_fatal(ctx, where, fg_git_error());
			return -1;
		}
		mctx.branch = bc->branch && fg_oidset_has(&bc->ids, &id)
			      ? bc->branch : NULL;
		mctx.branch_parsed = mctx.branch ? &bc->parsed : NULL;
		mctx.encoding = commit->encoding;
		mctx.merge = commit->nparents >= 2;
		mctx.commit = where + 7; /* made: the hints say how to reword it */
		mctx.root = commit->nparents == 0;
		fg_check_message(&ctx->report, cfg, commit->message, where, &mctx);
		if (marks && ctx->report.n > before)
			fg_marks_add(marks, &id, before, ctx->report.n, group);
		if (fg_version_walk_add(vw, commit) < 0) {
			fg_hook_fatal(ctx, where, fg_git_error());
			return -1;
		}
		for (size_t p = 0; p < commit->nparents; p++)
			for (size_t k = 0; k < nff; k++)
				ff[k].fast_forward |= git_oid_equal(&commit->parents[p],
								   &ff[k].u->u->remote);
	}
	/* the walk stopped short (a missing or corrupt object): not "all checked" */
	if (!cfg->error && rc != GIT_ITEROVER) {
		fg_hook_fatal(ctx, "cannot walk the pushed commits",
			   rc == -1 && !git_error_last() ? "out of memory" : fg_git_error());
		return -1;
	}
	return 0;
}

/* The configuration governing TREE: one already read for the same file, or a new one. */
static struct push_config *config_for(struct fg_hook_ctx *ctx, git_repository *repo,
				      struct push_config *configs, size_t *n, size_t max,
				      git_commit *commit, git_tree *tree, int *status)
{
	git_oid id;
	char name[32];
	struct fg_config_from from = { NULL, tree, name, 0, ctx->receiving };
	struct push_config *pc;

	if (fg_repo_config_file_id(repo, tree, &id) < 0) {
		fg_hook_fatal(ctx, "cannot read the configuration", fg_git_error());
		*status = FG_EXIT_INTERNAL;
		return NULL;
	}
	for (size_t i = 0; i < *n; i++)
		if (git_oid_equal(&configs[i].file_id, &id))
			return &configs[i];
	if (*n == max) {
		fg_hook_fatal(ctx, "cannot read the configuration", "out of memory");
		*status = FG_EXIT_INTERNAL;
		return NULL;
	}
	pc = &configs[(*n)++];
	name[0] = '\0';
	if (commit) {
		memcpy(name, "commit ", 7);
		git_oid_tostr(name + 7, 13, git_commit_id(commit));
	}
	*status = fg_hook_load_config(ctx, &pc->cfg, repo, &from, &pc->file_id);
	pc->loaded = 1;
	git_oid_cpy(&pc->file_id, &id);
	return *status == FG_EXIT_OK ? pc : NULL;
}

/*
 * branchProtected on FF, an update of a branch the remote has: the pushed
 * commit must descend from the remote's, which must be here to tell
 * (someone else's push: fetch first). Known from the walk (a new commit's
 * parent), else asked of the graph: a walk of its own, which a long
 * fast-forward push never needs.
 */
static void check_rewrite(struct fg_hook_ctx *ctx, git_repository *repo, struct fg_config *cfg,
			  const struct ff_check *ff, const char *remote)
{
	const struct fg_ref_update *u = ff->u->u;
	struct fg_branch scratch;
	const struct fg_branch *b;
	git_odb *odb = NULL;
	char old[GIT_OID_HEXSZ + 1];
	int change = -1;

	if (ff->fast_forward)
		return;
	/* an unprotected branch may be rewritten: no walk to find out (CFG may be the
	 * rules the branch had, not those it was parsed under) */
	b = fg_typed_update_branch(ff->u, cfg, &scratch);
	if (!b || !b->spec || !b->spec->protected_branch)
		return;
	if (git_repository_odb(&odb, repo) == 0 && !git_odb_exists(odb, &u->remote))
		change = FG_REF_OLD_UNKNOWN;
	else if (odb && git_graph_descendant_of(repo, &ff->tip, &u->remote) != 1)
		change = FG_REF_NOT_FAST_FORWARD;
	git_odb_free(odb);
	git_error_clear();
	git_oid_tostr(old, sizeof(old), &u->remote);
	if (change >= 0)
		fg_check_protected(&ctx->report, cfg, u->remote_ref, (enum fg_ref_change)change, old,
				   remote);
}

/*
 * The rules the receiving side had for the ref OLD (an update's old
 * object): the configuration committed at the commit OLD peels to, read
 * quietly into BEFORE. A rewrite or a moved tag is judged by them, not by
 * the pushed commit's: a push cannot unprotect the branch it rewrites, or
 * turn tagMoved off for the tag it moves, by committing a .flowgate that
 * says so. Returns 0 (release BEFORE), -1 when OLD is not here or its
 * rules are bad configuration (BEFORE released; the pushed rules apply), or
 * -2 when its committed file cannot be read (a missing or corrupt object:
 * fg_git_error() says which; BEFORE released): never taken for "no file".
 */
static int rules_before(git_repository *repo, const git_oid *old, struct fg_config *before)
{
	git_commit *commit = fg_peeled_commit(repo, old);
	git_tree *tree = NULL;
	char name[32];
	struct fg_config_from from = { NULL, NULL, name, 0, 0 };
	int rc = -1;

	memcpy(name, "commit ", 7);
	git_oid_tostr(name + 7, 13, old);
	if (commit && git_commit_tree(&tree, commit) == 0) {
		from.tree = tree;
		if ((rc = fg_repo_config(before, repo, &from, NULL)) != 0) {
			fg_config_release(before);
			rc = rc == -2 ? -2 : -1;
		}
	}
	git_tree_free(tree);
	git_commit_free(commit);
	if (rc != -2)
		git_error_clear();
	return rc;
}

/*
 * "cannot read the WHAT of commit <12 hex digits of ID>: <libgit2's error>"
 * (WHAT: a few words); returns FG_EXIT_INTERNAL.
 */
static int unreadable_in_commit(struct fg_hook_ctx *ctx, const char *what, const git_oid *id)
{
	char line[96];

	snprintf(line, sizeof(line) - 13, "cannot read the %s of commit ", what);
	git_oid_tostr(line + strlen(line), 13, id);
	fg_hook_fatal(ctx, line, fg_git_error());
	return FG_EXIT_INTERNAL;
}

/*
 * The rules of the commit HEAD names (the default branch; on the client,
 * the branch checked out), or the built-in ones and git config's when HEAD
 * names no commit: read once per push, kept in *CACHED (NULL until then).
 * NULL (with *STATUS set and the problem printed) when they cannot be read.
 */
static struct push_config *head_config(struct fg_hook_ctx *ctx, git_repository *repo,
				       struct push_config *configs, size_t *nconfigs, size_t max,
				       struct push_config **cached, int *status)
{
	git_oid head;
	git_commit *commit = NULL;
	git_tree *tree = NULL;
	struct push_config *pc;

	if (*cached)
		return *cached;
	if (git_reference_name_to_id(&head, repo, "HEAD") == 0 &&
	    (commit = fg_peeled_commit(repo, &head)) && git_commit_tree(&tree, commit) < 0)
		tree = NULL;
	git_error_clear();
	pc = config_for(ctx, repo, configs, nconfigs, max, tree ? commit : NULL, tree, status);
	git_tree_free(tree);
	git_commit_free(commit);
	return *cached = pc;
}

/*
 * branchProtected on the deletion U, under the rules of HEAD's commit (the
 * deleted ref has none to give). Returns an FG_EXIT_* status.
 */
static int check_deletion(struct fg_hook_ctx *ctx, git_repository *repo,
			  struct push_config *configs, size_t *nconfigs, size_t max,
			  struct push_config **head, const struct fg_ref_update *u,
			  const char *remote)
{
	struct push_config *pc;
	char old[GIT_OID_HEXSZ + 1];
	int status = FG_EXIT_OK;

	if ((pc = head_config(ctx, repo, configs, nconfigs, max, head, &status))) {
		ctx->report.severity = pc->cfg.severity;
		git_oid_tostr(old, sizeof(old), &u->remote);
		fg_check_protected(&ctx->report, &pc->cfg, u->remote_ref, FG_REF_DELETED, old,
				   remote);
		if (pc->cfg.error)
			status = fg_config_failed(ctx, &pc->cfg);
	}
	return status;
}

/*
 * refNamespace on U, a server's update of a ref outside refs/heads/ and
 * refs/tags/ (not a deletion): refused unless the server's git config
 * allows its namespace (flowgate.allowRefs). Its commits are not judged
 * here; they are when they reach a branch, as they are not "already on
 * the server" for that walk (fg_new_walk_start). Returns an FG_EXIT_* status.
 */
static int check_namespace(struct fg_hook_ctx *ctx, git_repository *repo,
			   struct push_config *configs, size_t *nconfigs, size_t max,
			   struct push_config **head, const struct fg_ref_update *u)
{
	struct push_config *pc;
	int status = FG_EXIT_OK;

	if (!(pc = head_config(ctx, repo, configs, nconfigs, max, head, &status)))
		return status;
	if (pc->cfg.error)
		return fg_config_failed(ctx, &pc->cfg);
	if (!fg_config_ref_allowed(&pc->cfg, u->remote_ref)) {
		/* the namespace: refs/<first component>/ (git only hands refs/... here);
		 * the glob is pasted: a shell word, whatever the namespace holds */
		int under_refs = !strncmp(u->remote_ref, "refs/", 5);
		const char *rest = u->remote_ref + (under_refs ? 5 : 0), *slash = strchr(rest, '/');
		char *glob = under_refs && slash ? fg_sh_wordf("refs/%.*s/*", (int)(slash - rest),
							       rest) : NULL;
		struct fg_violation *v;

		ctx->report.severity = pc->cfg.severity;
		v = fg_report_add(&ctx->report, FG_RULE_REF_NAMESPACE,
				  "%s is outside refs/heads/ and refs/tags/: this server takes "
				  "no commits there", u->remote_ref);
		if (glob)
			fg_violation_hint(v, "push to a branch instead (git push %s HEAD:refs/heads/"
					  "feature/<name>); an administrator allows the namespace "
					  "with: git config --add flowgate.allowRefs %s",
					  FG_SERVER_REMOTE, glob);
		else
			fg_violation_hint(v, "push to a branch instead (git push %s HEAD:refs/heads/"
					  "feature/<name>)", FG_SERVER_REMOTE);
		free(glob);
	}
	return status;
}

/*
 * The receiving side's rules for update U, whose pushed commit is COMMIT
 * with TREE (both NULL for an object that is no commit): a server judges a
 * push by what it already has, never by what the push brings. They are
 * the configuration committed at U's old commit; for a new ref (or an old
 * object that is no commit) at the commit HEAD names (the default branch);
 * when HEAD names none, the built-in rules, except in a repository with no
 * branch at all, whose first push brings its rules. flowgate.configFile, when
 * absolute, replaces the committed file in all of them (fg_repo_config).
 */
struct server_rules {
	int known;                /* the two below were looked up */
	int no_branch;            /* the repository has no branch (its first push) */
	struct push_config *head; /* HEAD's rules, once read (head_config) */
};

static struct push_config *server_config_for(struct fg_hook_ctx *ctx, git_repository *repo,
					     struct push_config *configs, size_t *n, size_t max,
					     struct server_rules *sr, const struct fg_ref_update *u,
					     git_commit *commit, git_tree *tree, int *status)
{
	git_commit *rules = NULL;
	git_tree *rules_tree = NULL;
	git_reference_iterator *it = NULL;
	git_reference *ref = NULL;
	struct push_config *pc;

	if (!git_oid_is_zero(&u->remote) && (rules = fg_peeled_commit(repo, &u->remote)) &&
	    git_commit_tree(&rules_tree, rules) == 0) {
		pc = config_for(ctx, repo, configs, n, max, rules, rules_tree, status);
		git_tree_free(rules_tree);
		git_commit_free(rules);
		return pc;
	}
	git_commit_free(rules);
	git_error_clear();
	/* the same for every new ref of the push: looked up once */
	if (!sr->known) {
		if (git_reference_iterator_glob_new(&it, repo, "refs/heads/*") == 0) {
			sr->no_branch = git_reference_next(&ref, it) == GIT_ITEROVER;
			git_reference_free(ref);
		}
		git_reference_iterator_free(it);
		git_error_clear();
		sr->known = 1;
	}
	if (sr->no_branch)
		return config_for(ctx, repo, configs, n, max, commit, tree, status);
	return head_config(ctx, repo, configs, n, max, &sr->head, status);
}

/*
 * The command that lists every violation of update U, whose pushed commit
 * is TIP and whose own commits RC says, where the pusher is (pre-push: the
 * clone; pre-receive and update: the pusher's clone, the server having
 * dropped a refused push): flowgate check-range, on the branch U updates
 * (--branch '' for a tag), from RC's base, or the tip's first parent when
 * U brings no commit of its own (a tag of an older commit), to TIP; all
 * of TIP's history when there is no such commit. Newly allocated, or NULL
 * (out of memory).
 */
static char *list_command(git_repository *repo, const struct fg_typed_update *u,
			  const git_oid *tip, const struct fg_ref_commits *rc)
{
	char to[GIT_OID_HEXSZ + 1], from[GIT_OID_HEXSZ + 1];
	char *branch, *command;
	git_commit *c = NULL;
	int has_from = rc->has_base;

	git_oid_tostr(to, sizeof(to), tip);
	if (has_from)
		git_oid_tostr(from, sizeof(from), &rc->base);
	else if (!rc->n && git_commit_lookup(&c, repo, tip) == 0 && git_commit_parentcount(c)) {
		git_oid_tostr(from, sizeof(from), git_commit_parent_id(c, 0));
		has_from = 1;
	}
	git_commit_free(c);
	git_error_clear();
	branch = u->kind == FG_REF_BRANCH ? fg_sh_quote(u->name, strlen(u->name), 0) : strdup("''");
	command = branch ? fg_strdupf("flowgate check-range --branch %s %s%s%s", branch,
				      has_from ? from : "", has_from ? ".." : "", to) : NULL;
	free(branch);
	return command;
}

/*
 * When CTX->report holds more violations than it prints (its limit):
 * which update each belongs to (the scopes the checks gave them; a commit
 * found by the walk of several tips, MARKS, to the first update in input
 * order whose own commits hold it: fg_ref_own_commits), and for each
 * update that has some left out, its refname and the command that lists
 * them all (list_command). UPDATES (typed), GROUP, CONFIGS and HAVE_GLOB
 * are fg_check_updates'. Best effort: what cannot be walked keeps its
 * scope (or none) and gets no command.
 */
static void bound_report(struct fg_hook_ctx *ctx, git_repository *repo,
			 const struct fg_typed_update *updates, size_t count, const size_t *group,
			 struct push_config *configs, const char *have_glob, struct fg_marks *marks)
{
	struct fg_report *report = &ctx->report;
	struct fg_ref_commits *rc = NULL;
	unsigned char *walked = NULL;

	if (!report->limit || report->n <= report->limit ||
	    fg_report_scopes(report, count) < 0 || !(rc = calloc(count ? count : 1, sizeof(*rc))) ||
	    !(walked = calloc(count ? count : 1, 1)))
		goto out;
	if (marks->n && !marks->oom) {
		size_t left = marks->n;

		qsort(marks->v, marks->n, sizeof(*marks->v), fg_mark_cmp);
		/* each tip's own commits in input order, until every mark has its ref */
		for (size_t i = 0; i < count && left; i++) {
			size_t k = 0;

			while (k < marks->n && marks->v[k].group != group[i])
				k++;
			if (group[i] == SIZE_MAX || k == marks->n)
				continue; /* no commit of its group is marked */
			/* 1: walked, 2: the walk failed (no command then) */
			walked[i] = fg_ref_own_commits(report, repo, updates, count, group, group[i],
						       i, ctx->receiving, have_glob,
						       &configs[group[i]].cfg, marks, &rc[i]) == 0
				    ? 1 : 2;
			left = 0;
			for (size_t k = 0; k < marks->n; k++)
				left += report->items[marks->v[k].from].scope == FG_SCOPE_NONE;
		}
	}
	for (size_t i = 0; i < count; i++) {
		git_commit *tip;
		char *command = NULL;

		if (!fg_report_omitted(report, i))
			continue;
		if (group[i] != SIZE_MAX && (tip = fg_peeled_commit(repo, &updates[i].u->local))) {
			if (walked[i] == 1 ||
			    (!walked[i] &&
			     fg_ref_own_commits(report, repo, updates, count, group, group[i], i,
						ctx->receiving, have_glob, &configs[group[i]].cfg,
						marks, &rc[i]) == 0))
				command = list_command(repo, &updates[i], git_commit_id(tip), &rc[i]);
			git_commit_free(tip);
		}
		fg_report_scope_set(report, i, updates[i].u->remote_ref, command);
		free(command);
	}
out:
	free(rc);
	free(walked);
	git_error_clear();
}

/*
 * One fg_check_updates: its arguments and what its three passes share (the
 * configurations in force, each update's typed form and group, the
 * rewrites found, the refs snapshot, the marks of the commits several tips
 * bring). STATUS is the FG_EXIT_* status the check ends with when a pass
 * stops it.
 */
struct push {
	struct fg_hook_ctx *ctx;
	git_repository *repo;
	const struct fg_ref_update *updates;
	size_t count;
	const char *have_glob, *remote;
	int server;
	struct push_config *configs;
	size_t nconfigs, max;
	struct fg_typed_update *typed;
	size_t *group;   /* per update: its configuration's index, SIZE_MAX: no commit */
	struct ff_check *ff;
	size_t nff;
	struct fg_refs refs;
	struct server_rules sr;
	struct fg_marks marks;
	int status;
};

/*
 * The first pass, on update I of P: its refname typed, the configuration in
 * force for it found (the server's, else its tip's), and the rules on the
 * ref itself: refNamespace, branchProtected on a deletion, the branch name
 * and tip's version files, or the tag rules; a rewrite noted for the third
 * pass. Returns 0 to go on, -1 to stop with P->status.
 */
static int judge_update(struct push *p, size_t i)
{
	struct fg_hook_ctx *ctx = p->ctx;
	git_repository *repo = p->repo;
	const struct fg_ref_update *u = &p->updates[i];
	struct fg_typed_update *t = &p->typed[i];
	git_commit *commit;
	git_tree *tree = NULL;
	struct push_config *pc = NULL;
	int server = p->server, is_branch, unreadable, unread;

	/* U's refname typed once, here; parsed under its rules once they are known */
	fg_typed_update_init(t, u);
	is_branch = t->kind == FG_REF_BRANCH;
	p->group[i] = SIZE_MAX;
	ctx->report.scope = i; /* what is found now is about U */
	/* notes and other refs hold no workflow commits; a server takes
	 * them only where its configuration allows */
	if (t->kind == FG_REF_OTHER) {
		if (server && !git_oid_is_zero(&u->local) &&
		    (p->status = check_namespace(ctx, repo, p->configs, &p->nconfigs, p->max,
						 &p->sr.head, u)) != FG_EXIT_OK)
			return -1;
		return 0;
	}
	/* a deletion adds no commit: branchProtected alone, under HEAD's rules */
	if (git_oid_is_zero(&u->local)) {
		if ((p->status = check_deletion(ctx, repo, p->configs, &p->nconfigs, p->max,
						&p->sr.head, u, p->remote)) != FG_EXIT_OK)
			return -1;
		return 0;
	}
	commit = fg_peeled_commit_or_error(repo, &u->local, &unreadable);
	if (unreadable || (commit && git_commit_tree(&tree, commit) < 0)) {
		/* a corrupt or missing object is no commit to let through */
		char hex[GIT_OID_HEXSZ + 1];
		char *what;

		git_oid_tostr(hex, sizeof(hex), &u->local);
		what = fg_strdupf("cannot read the pushed %s %s", unreadable ? "object" :
				  "commit's tree, of", hex);
		fg_hook_fatal(ctx, what ? what : "cannot read a pushed object", fg_git_error());
		free(what);
		git_commit_free(commit);
		p->status = FG_EXIT_INTERNAL;
		return -1;
	}
	if (server) {
		/* the server's rules; the pushed file must still be one that
		 * can govern the next push (bad configuration refused now) */
		struct push_config *pushed = NULL;

		if (!(pc = server_config_for(ctx, repo, p->configs, &p->nconfigs, p->max, &p->sr,
					     u, commit, tree, &p->status)) ||
		    (commit && !pc->cfg.error &&
		     !(pushed = config_for(ctx, repo, p->configs, &p->nconfigs, p->max, commit,
					   tree, &p->status)))) {
			git_tree_free(tree);
			git_commit_free(commit);
			return -1;
		}
		if (pushed && pushed->cfg.error) {
			p->status = fg_config_failed(ctx, &pushed->cfg);
			git_tree_free(tree);
			git_commit_free(commit);
			return -1;
		}
	} else if (commit) {
		/* the rules of the commit being pushed: its .flowgate */
		if (!(pc = config_for(ctx, repo, p->configs, &p->nconfigs, p->max, commit, tree,
				      &p->status))) {
			git_tree_free(tree);
			git_commit_free(commit);
			return -1;
		}
	} else if (!(pc = config_for(ctx, repo, p->configs, &p->nconfigs, p->max, NULL, NULL,
				     &p->status))) {
		git_commit_free(commit);
		return -1;
	}
	ctx->report.severity = pc->cfg.severity;
	/* branchProtected: an update of a branch the remote has, after the walk */
	if (is_branch && commit && !git_oid_is_zero(&u->remote) &&
	    !git_oid_equal(&u->remote, git_commit_id(commit))) {
		struct ff_check *ff = &p->ff[p->nff++];

		ff->u = t;
		git_oid_cpy(&ff->tip, git_commit_id(commit));
		ff->group = (size_t)(pc - p->configs);
		ff->fast_forward = 0;
	}
	/* the kind and series, or the version, by the rules in force for U */
	fg_typed_update_parse(t, &pc->cfg);
	if (is_branch) {
		unread = check_pushed_branch(ctx, repo, tree, &pc->cfg, t) < 0;
	} else {
		struct fg_config before;
		/* a moved tag: the severities the tag's old commit had (a
		 * server's rules are those already) */
		int moved = !server && !git_oid_is_zero(&u->remote) &&
			    !git_oid_equal(&u->remote, &u->local)
			    ? rules_before(repo, &u->remote, &before) : -1;

		if (moved == -2) {
			p->status = unreadable_in_commit(ctx, "configuration", &u->remote);
			git_tree_free(tree);
			git_commit_free(commit);
			return -1;
		}
		if (moved == 0)
			ctx->report.severity = before.severity;
		unread = fg_check_tag_ref_parsed(&ctx->report, &p->refs, &pc->cfg, t->name,
						 t->parsed == 0 ? &t->version : NULL,
						 &u->local, &u->remote, commit, tree) < 0;
		ctx->report.severity = pc->cfg.severity;
		if (moved == 0)
			fg_config_release(&before);
	}
	/* version files that cannot be read: an error, never "no version" */
	if (unread && !pc->cfg.error) {
		p->status = unreadable_in_commit(ctx, "version files", git_commit_id(commit));
		git_tree_free(tree);
		git_commit_free(commit);
		return -1;
	}
	if (commit)
		p->group[i] = (size_t)(pc - p->configs);
	git_tree_free(tree);
	git_commit_free(commit);
	if (pc->cfg.error) {
		p->status = fg_config_failed(ctx, &pc->cfg);
		return -1;
	}
	return 0;
}

/*
 * The second pass, on configuration G of P: one walk of the new commits
 * whose first pushed tip (in input order) is under it, each commit checked
 * once (message rules, branchCommitType when they go to one branch), then
 * the version rules along them. Returns 0 to go on, -1 to stop with
 * P->status.
 */
static int walk_group(struct push *p, size_t g)
{
	struct fg_hook_ctx *ctx = p->ctx;
	struct fg_config *cfg = &p->configs[g].cfg;
	struct fg_new_walk walk;
	const struct fg_typed_update *branch = NULL;
	const struct fg_branch *parsed;
	struct fg_branch scratch;
	struct fg_branch_commits bc;
	struct fg_version_walk vw;
	size_t tips = 0, first = FG_SCOPE_NONE;
	int nbranches = 0, walked = 0;

	if (fg_new_walk_init(&walk, p->repo, FG_NEW_WALK_KEEP) < 0) {
		fg_hook_fatal(ctx, "cannot walk the pushed commits", fg_git_error());
		p->status = FG_EXIT_INTERNAL;
		return -1;
	}
	for (size_t i = 0; i < p->count; i++)
		if (p->group[i] == g && tips++ == 0)
			first = i;
	/* one tip: what the walk finds is about it; several: told when
	 * needed (bound_report) from the marks */
	ctx->report.scope = tips == 1 ? first : FG_SCOPE_NONE;
	if (fg_new_walk_start(&walk, p->repo, p->typed, p->count, p->group, g, SIZE_MAX,
			      p->server, p->have_glob, cfg, &branch, &nbranches)) {
		ctx->report.severity = cfg->severity;
		/* branchCommitType: when the commits go to one branch only */
		fg_branch_only_commits(&bc, p->repo, cfg, nbranches == 1 ? branch : NULL);
		fg_version_walk_init(&vw, p->repo, cfg, fg_new_walk_packs(&walk));
		walked = check_new_commits(ctx, &walk, cfg, &bc, &vw, p->ff, p->nff,
					   tips > 1 ? &p->marks : NULL, g);
		/* the version rules: about the branch pushed, else the first tip */
		ctx->report.scope = nbranches == 1 ? (size_t)(branch - p->typed) : first;
		/* the branch as typed under CFG, its group's rules; a name that is
		 * no workflow branch there faces no rule that needs one */
		parsed = nbranches == 1 ? fg_typed_update_branch(branch, cfg, &scratch) : NULL;
		if (walked == 0 &&
		    fg_check_version_changes(&ctx->report, &p->refs, cfg, &vw,
					     parsed ? branch->name : NULL, parsed,
					     parsed ? branch->u->local_ref : NULL) < 0 &&
		    !cfg->error) {
			fg_hook_fatal(ctx, "cannot read the version files of the pushed commits",
				      fg_git_error());
			walked = -1;
		}
		fg_version_walk_release(&vw);
		fg_oidset_release(&bc.ids);
	}
	fg_new_walk_release(&walk);
	if (cfg->error) {
		p->status = fg_config_failed(ctx, cfg);
		return -1;
	}
	if (walked < 0) {
		p->status = FG_EXIT_INTERNAL; /* said */
		return -1;
	}
	return 0;
}

/*
 * The third pass, on rewrite K of P (an update of a branch the receiving
 * side has, to a commit that is no descendant of its old tip: the walk
 * told which): branchProtected, under the rules the branch had
 * (rules_before; a server's rules are those already). Returns 0 to go on,
 * -1 to stop with P->status.
 */
static int judge_rewrite(struct push *p, size_t k)
{
	struct fg_hook_ctx *ctx = p->ctx;
	const struct ff_check *ff = &p->ff[k];
	struct fg_config *cfg = &p->configs[ff->group].cfg, before;
	int had = !p->server && !ff->fast_forward
		  ? rules_before(p->repo, &ff->u->u->remote, &before) : -1;

	if (had == -2) {
		p->status = unreadable_in_commit(ctx, "configuration", &ff->u->u->remote);
		return -1;
	}
	had = had == 0;
	if (had)
		cfg = &before;
	ctx->report.severity = cfg->severity;
	ctx->report.scope = (size_t)(ff->u - p->typed);
	check_rewrite(ctx, p->repo, cfg, ff, p->remote);
	ctx->report.severity = p->configs[ff->group].cfg.severity;
	if (cfg->error) {
		p->status = fg_config_failed(ctx, cfg);
		if (had)
			fg_config_release(&before);
		return -1;
	}
	if (had)
		fg_config_release(&before);
	return 0;
}

int fg_check_updates(struct fg_hook_ctx *ctx, git_repository *repo,
		     const struct fg_ref_update *updates, size_t count, const char *have_glob,
		     const char *remote, const struct fg_pending *pending)
{
	struct push p;
	size_t n = count ? count : 1;

	memset(&p, 0, sizeof(p));
	p.ctx = ctx;
	p.repo = repo;
	p.updates = updates;
	p.count = count;
	p.have_glob = have_glob;
	p.remote = remote;
	p.server = ctx->receiving;
	/* a server may read, per update, its rules and the pushed file; and HEAD's */
	p.max = 2 * count + 1;
	p.status = FG_EXIT_INTERNAL;
	/* the receiving side's refs, with the push's: listed once, on first use;
	 * what it has came before what the push brings (tagMonotonic) */
	fg_refs_init(&p.refs, repo, pending);
	p.refs.remote_order = ctx->receiving ? FG_ORDER_RECEIVING : FG_ORDER_PUSHING;
	if (!(p.configs = calloc(p.max, sizeof(*p.configs))) ||
	    !(p.group = calloc(n, sizeof(*p.group))) || !(p.typed = calloc(n, sizeof(*p.typed))) ||
	    !(p.ff = calloc(n, sizeof(*p.ff))))
		goto out;
	/* 1. each update: its rules, and the rules on the ref itself */
	for (size_t i = 0; i < count; i++)
		if (judge_update(&p, i) < 0)
			goto out;
	ctx->report.scope = FG_SCOPE_NONE;
	git_error_clear();
	/* 2. the new commits: one walk per configuration */
	for (size_t g = 0; g < p.nconfigs; g++)
		if (walk_group(&p, g) < 0)
			goto out;
	/* 3. the rewrites the walks told */
	for (size_t k = 0; k < p.nff; k++)
		if (judge_rewrite(&p, k) < 0)
			goto out;
	ctx->report.scope = FG_SCOPE_NONE;
	/* too many to print: which ref each is about, and how to list them all */
	bound_report(ctx, repo, p.typed, count, p.group, p.configs, have_glob, &p.marks);
	p.status = FG_EXIT_OK;
out:
	ctx->report.scope = FG_SCOPE_NONE;
	free(p.marks.v);
	ctx->report.severity = NULL;
	fg_refs_release(&p.refs); /* before the configurations its views name */
	for (size_t g = 0; p.configs && g < p.nconfigs; g++)
		fg_config_release(&p.configs[g].cfg);
	free(p.configs);
	free(p.ff);
	free(p.typed);
	free(p.group);
	return p.status;
}

/*
 * The server's view of a push: the objects are in git's quarantine
 * (GIT_OBJECT_DIRECTORY, GIT_ALTERNATE_OBJECT_DIRECTORIES), which
 * fg_repo_open reads from the environment; what it already judged is what
 * its branches and release tags reach (fg_new_walk_start).
 */
int fg_check_receive(struct fg_hook_ctx *ctx, git_repository *repo,
		     const struct fg_ref_update *updates, size_t count)
{
	struct fg_pending_ref *refs;
	struct fg_pending pending;
	int status;

	ctx->receiving = 1;
	if (!(refs = calloc(count ? count : 1, sizeof(*refs)))) {
		fg_hook_fatal(ctx, "cannot check the push", "out of memory");
		return FG_EXIT_INTERNAL;
	}
	for (size_t i = 0; i < count; i++) {
		refs[i].refname = updates[i].remote_ref;
		git_oid_cpy(&refs[i].id, &updates[i].local);
	}
	qsort(refs, count, sizeof(*refs), fg_pending_ref_cmp);
	pending.refs = refs;
	pending.n = count;
	status = fg_check_updates(ctx, repo, updates, count, NULL, FG_SERVER_REMOTE, &pending);
	free(refs);
	return status;
}

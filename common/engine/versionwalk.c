/*
 * The version files along a set of new commits (versionwalk.h; engine
 * layer): the version walk and the version rules on each commit whose
 * version files change.
 */
#include <stdlib.h>
#include <string.h>
#include "refname.h"
#include "vfiles.h"
#include "revert.h"
#include "version.h"
#include "versionwalk.h"

void fg_version_walk_release(struct fg_version_walk *vw)
{
	for (size_t i = 0; vw->top && i < vw->nv; i++)
		free(vw->top[i]);
	free(vw->top);
	free(vw->recs);
	free(vw->tops);
	free(vw->scratch);
	free(vw->memo_tops);
	memset(vw, 0, sizeof(*vw));
}

void fg_version_walk_init(struct fg_version_walk *vw, git_repository *repo,
			  const struct fg_config *cfg, struct fg_packs *packs)
{
	memset(vw, 0, sizeof(*vw));
	vw->repo = repo;
	vw->nv = cfg->nvfiles;
	if (!(vw->top = calloc(vw->nv ? vw->nv : 1, sizeof(*vw->top))) ||
	    !(vw->scratch = calloc(vw->nv ? vw->nv : 1, sizeof(*vw->scratch))) ||
	    !(vw->memo_tops = calloc(FG_VERSION_WALK_MEMO * (vw->nv ? vw->nv : 1),
				     sizeof(*vw->memo_tops)))) {
		vw->failed = 1;
		return;
	}
	for (size_t i = 0; i < vw->nv; i++) {
		const char *path = cfg->vfiles[i].path;

		if (!(vw->top[i] = strndup(path, strcspn(path, "/"))))
			vw->failed = 1;
	}
	vw->packs = packs;
	git_error_clear();
}

/*
 * The tree of COMMIT could not be read (RC): the error names it and how to
 * get it. Returns -1.
 */
static int commit_tree_error(git_commit *commit, int rc)
{
	char what[40];

	memcpy(what, "the tree of commit ", 19);
	git_oid_tostr(what + 19, 13, git_commit_id(commit));
	return fg_repo_unreadable(git_commit_owner(commit), what, "tree",
				  git_commit_tree_id(commit), rc);
}

/*
 * TOPS[0..NV): the top-level entries of the version files' paths in TREE,
 * the tree of commit ID. Returns 0, or -1 when the tree cannot be read
 * (the error names it and how to get it).
 */
static int version_tops(struct fg_version_walk *vw, const git_oid *id, const git_oid *tree,
			git_oid *tops)
{
	size_t slot = tree->id[0] % FG_VERSION_WALK_MEMO;
	git_oid *memo = &vw->memo_tops[slot * vw->nv];
	char what[40];
	int rc;

	/* a tree read lately: a merge's, a revert's, an empty commit's parent */
	if (vw->memo_used[slot] && git_oid_equal(&vw->memo_tree[slot], tree)) {
		memcpy(tops, memo, vw->nv * sizeof(*tops));
		return 0;
	}
	if ((rc = fg_tree_tops(vw->repo, vw->packs, tree, vw->top, vw->nv, vw->scratch)) < 0) {
		memcpy(what, "the tree of commit ", 19);
		git_oid_tostr(what + 19, 13, id);
		return fg_repo_unreadable(vw->repo, what, "tree", tree, rc);
	}
	for (size_t i = 0; i < vw->nv; i++)
		git_oid_cpy(&tops[i], &vw->scratch[i].id);
	memcpy(memo, tops, vw->nv * sizeof(*tops));
	git_oid_cpy(&vw->memo_tree[slot], tree);
	vw->memo_used[slot] = 1;
	return 0;
}

int fg_version_walk_add(struct fg_version_walk *vw, const struct fg_commit_info *commit)
{
	struct fg_commit_rec *r;

	if (vw->failed || !vw->nv)
		return 0;
	if (vw->n == vw->cap) {
		size_t cap = vw->cap ? vw->cap * 2 : 64;
		struct fg_commit_rec *recs = realloc(vw->recs, cap * sizeof(*recs));
		git_oid *tops = recs ? realloc(vw->tops, cap * vw->nv * sizeof(*tops)) : NULL;

		if (recs)
			vw->recs = recs;
		if (!tops) {
			vw->failed = 1;
			return 0;
		}
		vw->tops = tops;
		vw->cap = cap;
	}
	r = &vw->recs[vw->n];
	git_oid_cpy(&r->id, &commit->id);
	r->nparents = (unsigned)commit->nparents;
	if (r->nparents)
		git_oid_cpy(&r->parent, &commit->parents[0]);
	else
		memset(&r->parent, 0, sizeof(r->parent));
	r->tops = vw->n * vw->nv;
	/* a tree that cannot be read is no "version unchanged" */
	if (version_tops(vw, &commit->id, &commit->tree, &vw->tops[r->tops]) < 0)
		return -1;
	vw->n++;
	return 0;
}

static int rec_cmp(const void *a, const void *b)
{
	const struct fg_commit_rec *ra = a, *rb = b;

	return git_oid_cmp(&ra->id, &rb->id);
}

/*
 * Non-zero when commit C (whose first parent is P) is git's revert of a
 * commit R of P's history, in the form git revert writes (header 'Revert
 * "<R's subject>"', and 'This reverts commit <R>.'), that takes the version
 * back from NOW's parent's OLD (R's version) to NOW (that of R's parent).
 */
static int reverts_version(git_repository *repo, struct fg_config *cfg, git_commit *c,
			   git_commit *p, const struct fg_version *now, const struct fg_version *old)
{
	const char *message = git_commit_message(c), *subject;
	git_commit *r = NULL;
	git_oid rid, parent;
	size_t len;
	int merge, ok = 0;

	if (fg_revert_parse(message, &rid, &parent, &merge) < 0 ||
	    git_commit_lookup(&r, repo, &rid) < 0)
		goto out;
	/* the header quotes R's subject (git's: the first line of its message) */
	subject = git_commit_message(r);
	len = subject ? strcspn(subject, "\n") : 0;
	if (!subject || strcspn(message, "\n") != len + 9 || memcmp(message + 8, subject, len))
		goto out;
	/* R is in the history the revert is made on */
	if (!git_oid_equal(&rid, git_commit_id(p)) &&
	    git_graph_descendant_of(repo, git_commit_id(p), &rid) != 1)
		goto out;
	ok = fg_revert_restores(repo, cfg, r, merge ? &parent : NULL, now, old);
out:
	git_commit_free(r);
	git_error_clear();
	return ok;
}

/*
 * fg_check_version_change with BRANCH's kind and series as PARSED gives
 * them (the caller parsed BRANCH under CFG), or, PARSED NULL, parsed here
 * once the version is found to change.
 */
static int version_change(struct fg_report *report, struct fg_refs *refs, struct fg_config *cfg,
			  git_commit *c, git_commit *p, const char *branch,
			  const struct fg_branch *parsed, const char *local_ref)
{
	git_repository *repo = refs->repo;
	git_tree *tree = NULL, *parent_tree = NULL;
	struct fg_vfiles now, before;
	const struct fg_vfile_value *n, *o;
	char where[32];
	int rc;

	memset(&now, 0, sizeof(now));
	memset(&before, 0, sizeof(before));
	memcpy(where, "commit ", 7);
	git_oid_tostr(where + 7, 13, git_commit_id(c));
	/* what cannot be read is an error, never "no version" */
	if ((rc = git_commit_tree(&tree, c)) < 0)
		rc = commit_tree_error(c, rc);
	else if ((rc = git_commit_tree(&parent_tree, p)) < 0)
		rc = commit_tree_error(p, rc);
	else if ((rc = fg_vfiles_from_tree(&now, repo, tree, cfg)) == 0)
		rc = fg_vfiles_from_tree(&before, repo, parent_tree, cfg);
	if (rc == 0 && (n = fg_versions_exact(&now.set)) && (o = fg_versions_exact(&before.set)) &&
	    !fg_version_same(&n->version, &o->version)) {
		struct fg_branch b;
		struct fg_holders h;
		int from_release;

		/* a git revert of the commit that raised it takes the version back */
		if (fg_version_compare(&n->version, &o->version) >= 0 ||
		    !reverts_version(repo, cfg, c, p, &n->version, &o->version))
			fg_check_version_regression(report, n, o, where);
		if (branch && (parsed || fg_branch_parse(cfg, branch, &b) == 0)) {
			fg_branches_holding(&h, refs, cfg, git_commit_id(c), n->version.major,
					    n->version.minor, local_ref);
			from_release = h.on_release;
			for (unsigned i = 1; !h.on_other && !from_release &&
			     i < git_commit_parentcount(c); i++) {
				struct fg_holders ph;

				fg_branches_holding(&ph, refs, cfg, git_commit_parent_id(c, i),
						    n->version.major, n->version.minor, NULL);
				from_release = ph.on_release;
			}
			if (!h.on_other)
				fg_check_version_branch(report, n, parsed ? parsed : &b, branch,
							from_release, where);
		}
	}
	fg_vfiles_release(&now);
	fg_vfiles_release(&before);
	git_tree_free(tree);
	git_tree_free(parent_tree);
	if (rc == 0)
		git_error_clear();
	return rc < 0 ? -1 : 0;
}

int fg_check_version_change(struct fg_report *report, struct fg_refs *refs,
			    struct fg_config *cfg, git_commit *c, git_commit *p,
			    const char *branch, const char *local_ref)
{
	return version_change(report, refs, cfg, c, p, branch, NULL, local_ref);
}

int fg_check_version_changes(struct fg_report *report, struct fg_refs *refs,
			     struct fg_config *cfg, struct fg_version_walk *vw,
			     const char *branch, const struct fg_branch *parsed,
			     const char *local_ref)
{
	git_repository *repo = refs->repo;
	git_oid *ptops;
	int rc = 0;

	if (vw->failed || !vw->n || !(ptops = calloc(vw->nv, sizeof(*ptops))))
		return 0;
	qsort(vw->recs, vw->n, sizeof(*vw->recs), rec_cmp);
	for (size_t i = 0; rc == 0 && !cfg->error && i < vw->n; i++) {
		const struct fg_commit_rec *r = &vw->recs[i], *pr;
		struct fg_commit_rec key;
		const git_oid *before = ptops;
		git_commit *c = NULL, *p = NULL;
		int same = 1;

		if (!r->nparents)
			continue;
		git_oid_cpy(&key.id, &r->parent);
		if ((pr = bsearch(&key, vw->recs, vw->n, sizeof(*vw->recs), rec_cmp))) {
			before = &vw->tops[pr->tops];
		} else if (git_commit_lookup(&p, repo, &r->parent) < 0) {
			git_error_clear(); /* a parent not here (shallow clone): nothing to compare */
			continue;
		} else if ((rc = version_tops(vw, git_commit_id(p), git_commit_tree_id(p),
					      ptops)) < 0) {
			git_commit_free(p); /* here, but its tree cannot be read */
			break;
		}
		for (size_t k = 0; same && k < vw->nv; k++)
			same = git_oid_equal(&vw->tops[r->tops + k], &before[k]);
		if (!same && git_commit_lookup(&c, repo, &r->id) == 0 &&
		    (p || git_commit_lookup(&p, repo, &r->parent) == 0))
			rc = version_change(report, refs, cfg, c, p, branch, parsed, local_ref);
		git_commit_free(c);
		git_commit_free(p);
		if (rc == 0)
			git_error_clear();
	}
	free(ptops);
	return rc;
}

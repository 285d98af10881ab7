/*
 * The commits a push brings (newcommits.h): the walk of what its tips
 * reach and the receiving side has not, with the shallow-clone fallback;
 * where it starts and what it hides, per group of updates; one update's
 * own commits; the commits only one branch holds; the marks of commits
 * that hold violations.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "array.h"
#include "newcommits.h"
#include "refname.h"
#include "tag.h"

git_commit *fg_peeled_commit_or_error(git_repository *repo, const git_oid *id, int *unreadable)
{
	git_object *object = NULL, *commit = NULL;
	int rc;

	if (unreadable)
		*unreadable = 0;
	if ((rc = git_object_lookup(&object, repo, id, GIT_OBJECT_ANY)) == 0)
		rc = git_object_peel(&commit, object, GIT_OBJECT_COMMIT);
	/* a tag of something else peels with GIT_EINVALIDSPEC: no commit, no error */
	if (rc < 0 && rc != GIT_EINVALIDSPEC && rc != GIT_EPEEL && unreadable)
		*unreadable = 1;
	git_object_free(object);
	return (git_commit *)commit;
}

git_commit *fg_peeled_commit(git_repository *repo, const git_oid *id)
{
	return fg_peeled_commit_or_error(repo, id, NULL);
}

static int oid_push(git_oid **list, size_t *n, size_t *cap, const git_oid *id)
{
	if (fg_array_grow((void **)list, cap, *n + 1, sizeof(**list)) < 0)
		return -1;
	git_oid_cpy(&(*list)[(*n)++], id);
	return 0;
}

int fg_new_walk_init(struct fg_new_walk *nw, git_repository *repo, size_t keep)
{
	memset(nw, 0, sizeof(*nw));
	nw->repo = repo;
	if (git_repository_is_shallow(repo) == 1)
		return fg_packs_new(&nw->packs, repo);
	return fg_walk_new(&nw->walk, repo, FG_WALK_UNSORTED, keep);
}

void fg_new_walk_release(struct fg_new_walk *nw)
{
	fg_walk_free(nw->walk);
	fg_commit_buf_release(&nw->buf);
	fg_packs_free(nw->packs);
	free(nw->tips);
	free(nw->hides);
	free(nw->ids);
	memset(nw, 0, sizeof(*nw));
}

int fg_new_walk_push(struct fg_new_walk *nw, const git_oid *id)
{
	if (nw->walk)
		return fg_walk_push(nw->walk, id);
	nw->failed |= oid_push(&nw->tips, &nw->ntips, &nw->tcap, id) < 0;
	return 0;
}

void fg_new_walk_hide(struct fg_new_walk *nw, const git_oid *id)
{
	if (nw->walk)
		fg_walk_hide(nw->walk, id);
	else
		nw->failed |= oid_push(&nw->hides, &nw->nhides, &nw->hcap, id) < 0;
}

void fg_new_walk_hide_glob(struct fg_new_walk *nw, const char *glob)
{
	git_reference_iterator *it = NULL;
	git_reference *ref;

	if (nw->walk) {
		fg_walk_hide_glob(nw->walk, glob);
	} else if (git_reference_iterator_glob_new(&it, nw->repo, glob) == 0) {
		while (git_reference_next(&ref, it) == 0) {
			git_object *peeled = NULL;

			if (git_reference_peel(&peeled, ref, GIT_OBJECT_COMMIT) == 0)
				fg_new_walk_hide(nw, git_object_id(peeled));
			git_object_free(peeled);
			git_reference_free(ref);
		}
		git_reference_iterator_free(it);
	}
	git_error_clear();
}

/*
 * Shallow: SEEN gets every commit the STACK's commits reach that the clone
 * has and SKIP does not hold; each newly seen one is appended to OUT when
 * OUT is given. Returns 0, or -1 out of memory.
 */
static int plain_walk(git_repository *repo, git_oid **stack, size_t *depth, size_t *cap,
		      struct fg_oidset *seen, const struct fg_oidset *skip, git_oid **out, size_t *n,
		      size_t *ocap)
{
	while (*depth) {
		git_oid id;
		git_commit *c = NULL;
		int added;

		git_oid_cpy(&id, &(*stack)[--*depth]);
		if ((skip && fg_oidset_has(skip, &id)) || (added = fg_oidset_add(seen, &id)) == 0)
			continue;
		if (added < 0)
			return -1;
		/* a parent beyond the shallow boundary: not here, not walked */
		if (git_commit_lookup(&c, repo, &id) < 0) {
			git_error_clear();
			continue;
		}
		for (unsigned p = 0; p < git_commit_parentcount(c); p++)
			if (oid_push(stack, depth, cap, git_commit_parent_id(c, p)) < 0) {
				git_commit_free(c);
				return -1;
			}
		git_commit_free(c);
		if (out && oid_push(out, n, ocap, &id) < 0)
			return -1;
	}
	return 0;
}

static int shallow_walk(struct fg_new_walk *nw)
{
	struct fg_oidset have = FG_OIDSET_INIT, seen = FG_OIDSET_INIT;
	git_oid *stack = NULL;
	size_t depth = 0, cap = 0, ocap = 0;
	int rc = -1;

	for (size_t i = 0; i < nw->nhides; i++)
		if (oid_push(&stack, &depth, &cap, &nw->hides[i]) < 0)
			goto out;
	if (plain_walk(nw->repo, &stack, &depth, &cap, &have, NULL, NULL, NULL, NULL) < 0)
		goto out;
	for (size_t i = 0; i < nw->ntips; i++)
		if (oid_push(&stack, &depth, &cap, &nw->tips[i]) < 0)
			goto out;
	rc = plain_walk(nw->repo, &stack, &depth, &cap, &seen, &have, &nw->ids, &nw->n, &ocap);
out:
	free(stack);
	fg_oidset_release(&have);
	fg_oidset_release(&seen);
	return rc;
}

int fg_new_walk_next(git_oid *id, struct fg_new_walk *nw)
{
	int rc;

	if (nw->walk) {
		if ((rc = fg_walk_next(&nw->node, nw->walk)) == 0)
			git_oid_cpy(id, fg_walk_id(nw->walk, nw->node));
		return rc;
	}
	if (!nw->done) {
		nw->done = 1;
		if (nw->failed || shallow_walk(nw) < 0)
			return -1; /* out of memory */
	}
	if (nw->next == nw->n)
		return GIT_ITEROVER;
	git_oid_cpy(id, &nw->ids[nw->next++]);
	return 0;
}

struct fg_packs *fg_new_walk_packs(const struct fg_new_walk *nw)
{
	return nw->walk ? fg_walk_packs(nw->walk) : nw->packs;
}

int fg_new_walk_read(const struct fg_commit_info **out, struct fg_new_walk *nw)
{
	if (nw->walk)
		return fg_walk_read(out, nw->walk, nw->node) < 0 ? -1 : 0;
	*out = &nw->buf.info;
	return fg_commit_read(&nw->buf, nw->packs, &nw->ids[nw->next - 1]) < 0 ? -1 : 0;
}

int fg_new_walk_hide_since(git_repository *repo, struct fg_new_walk *walk, struct fg_config *cfg)
{
	git_object *object = NULL, *peeled = NULL;
	int rc = 0;

	if (!cfg->since)
		return 0;
	if (git_revparse_single(&object, repo, cfg->since) < 0 ||
	    git_object_peel(&peeled, object, GIT_OBJECT_COMMIT) < 0) {
		rc = fg_config_error(cfg, "%s: flowgate.since: '%s' names no commit in this "
				     "repository; fetch it (git fetch --tags) or fix the value",
				     cfg->since_origin, cfg->since);
	} else {
		fg_new_walk_hide(walk, git_object_id(peeled));
	}
	git_object_free(peeled);
	git_object_free(object);
	git_error_clear();
	return rc;
}

/*
 * A server's walk of new commits leaves out only what it already judged:
 * the commits its branches and its release tags (fg_tag_is_release: named
 * like a version) reach. Refs elsewhere (refs/custom/x, a host's
 * refs/pull/<n>/head, a "latest" or "wip" tag, which no release rule
 * judges) are not counted; a fast-forward of a branch to them judges
 * their commits then.
 */
static void hide_judged(struct fg_new_walk *walk, git_repository *repo,
			const struct fg_config *cfg)
{
	git_reference_iterator *it = NULL;
	git_reference *ref;

	fg_new_walk_hide_glob(walk, "refs/heads/*");
	if (git_reference_iterator_glob_new(&it, repo, "refs/tags/*") == 0) {
		while (git_reference_next(&ref, it) == 0) {
			git_object *peeled = NULL;

			if (fg_tag_is_release(cfg, git_reference_name(ref) + 10) &&
			    git_reference_peel(&peeled, ref, GIT_OBJECT_COMMIT) == 0)
				fg_new_walk_hide(walk, git_object_id(peeled));
			git_object_free(peeled);
			git_reference_free(ref);
		}
	}
	git_reference_iterator_free(it);
	git_error_clear();
}

int fg_new_walk_start(struct fg_new_walk *walk, git_repository *repo,
		      const struct fg_typed_update *updates, size_t count, const size_t *group,
		      size_t g, size_t only, int server, const char *have_glob,
		      struct fg_config *cfg, const struct fg_typed_update **branch,
		      int *nbranches)
{
	int pushed = 0, n = 0;

	for (size_t i = 0; i < count; i++) {
		const struct fg_ref_update *u = updates[i].u;
		int is_branch = updates[i].kind == FG_REF_BRANCH;
		git_commit *c;
		int push = group[i] == g && (only >= count || i == only);
		int hide = group[i] < g || (group[i] == g && only < count && i < only);

		if (push && (c = fg_peeled_commit(repo, &u->local))) {
			if (is_branch && n++ == 0 && branch)
				*branch = &updates[i];
			pushed |= fg_new_walk_push(walk, git_commit_id(c)) == 0;
			git_commit_free(c);
		} else if (hide && (c = fg_peeled_commit(repo, &u->local))) {
			/* a tip walked before, under its rules: its commits are
			 * checked there, not twice */
			fg_new_walk_hide(walk, git_commit_id(c));
			git_commit_free(c);
		}
		/* Already on the remote: never re-checked. Unknown here (someone
		 * else pushed it): nothing to hide, the tracking refs still count.
		 * A server judged only what its branches hold (hide_judged). */
		if (!git_oid_is_zero(&u->remote) && (!server || is_branch) &&
		    (c = fg_peeled_commit(repo, &u->remote))) {
			fg_new_walk_hide(walk, git_commit_id(c));
			git_commit_free(c);
		}
	}
	if (nbranches)
		*nbranches = n;
	/* A new branch: only the commits the receiving side has no ref to. */
	if (server)
		hide_judged(walk, repo, cfg);
	else if (have_glob)
		fg_new_walk_hide_glob(walk, have_glob);
	git_error_clear();
	return pushed && fg_new_walk_hide_since(repo, walk, cfg) == 0;
}

void fg_marks_add(struct fg_marks *m, const git_oid *id, size_t from, size_t to, size_t group)
{
	if (m->n == m->cap) {
		size_t cap = m->cap ? 2 * m->cap : 64;
		struct fg_mark *bigger = realloc(m->v, cap * sizeof(*bigger));

		if (!bigger) {
			m->oom = 1;
			return;
		}
		m->v = bigger;
		m->cap = cap;
	}
	git_oid_cpy(&m->v[m->n].id, id);
	m->v[m->n].from = from;
	m->v[m->n].to = to;
	m->v[m->n++].group = group;
}

int fg_mark_cmp(const void *a, const void *b)
{
	return git_oid_cmp(&((const struct fg_mark *)a)->id, &((const struct fg_mark *)b)->id);
}

int fg_ref_own_commits(struct fg_report *report, git_repository *repo,
		       const struct fg_typed_update *updates, size_t count, const size_t *group,
		       size_t g, size_t only, int server, const char *have_glob,
		       struct fg_config *cfg, const struct fg_marks *marks,
		       struct fg_ref_commits *rc)
{
	struct fg_new_walk walk;
	struct fg_oidset mine = FG_OIDSET_INIT;
	git_oid *parents = NULL, id;
	size_t nparents = 0, cap = 0;
	int err = 0, next;

	memset(rc, 0, sizeof(*rc));
	if (fg_new_walk_init(&walk, repo, 0) < 0)
		return -1;
	if (fg_new_walk_start(&walk, repo, updates, count, group, g, only, server, have_glob,
			      cfg, NULL, NULL)) {
		while (!err && (next = fg_new_walk_next(&id, &walk)) == 0) {
			const struct fg_commit_info *c;
			struct fg_mark key, *m;

			if (fg_oidset_add(&mine, &id) < 0 || fg_new_walk_read(&c, &walk) < 0) {
				err = 1;
				break;
			}
			for (size_t p = 0; !err && p < c->nparents; p++)
				err = oid_push(&parents, &nparents, &cap, &c->parents[p]) < 0;
			git_oid_cpy(&key.id, &id);
			if (marks->n && (m = bsearch(&key, marks->v, marks->n, sizeof(*m), fg_mark_cmp)))
				for (size_t k = m->from; m->group == g && k < m->to; k++)
					report->items[k].scope = only;
		}
		err |= !err && next != GIT_ITEROVER;
	}
	rc->n = mine.n;
	for (size_t k = 0; !err && k < nparents; k++) {
		if (fg_oidset_has(&mine, &parents[k]))
			continue;
		if (!rc->has_base || git_oid_equal(&parents[k], &updates[only].u->remote))
			git_oid_cpy(&rc->base, &parents[k]);
		rc->has_base = 1;
	}
	free(parents);
	fg_oidset_release(&mine);
	fg_new_walk_release(&walk);
	git_error_clear();
	return err ? -1 : 0;
}

void fg_branch_only_commits(struct fg_branch_commits *bc, git_repository *repo,
			    struct fg_config *cfg, const struct fg_typed_update *u)
{
	git_reference_iterator *it = NULL;
	git_reference *ref;
	git_revwalk *walk = NULL;
	struct fg_branch scratch;
	const struct fg_branch *b = u ? fg_typed_update_branch(u, cfg, &scratch) : NULL;
	const char *local_ref = u ? u->u->local_ref : NULL;
	git_oid id;

	memset(bc, 0, sizeof(*bc));
	if (!b || (b->kind != FG_BRANCH_HOTFIX && b->kind != FG_BRANCH_DOCS))
		return;
	if (git_revwalk_new(&walk, repo) < 0 || git_revwalk_push(walk, &u->u->local) < 0 ||
	    git_reference_iterator_new(&it, repo) < 0)
		goto out;
	while (git_reference_next(&ref, it) == 0) {
		const char *refname = git_reference_name(ref);
		git_object *peeled = NULL;

		if ((!strncmp(refname, "refs/heads/", 11) && strcmp(refname, local_ref)) ||
		    !strncmp(refname, "refs/remotes/", 13)) {
			if (git_reference_peel(&peeled, ref, GIT_OBJECT_COMMIT) == 0)
				git_revwalk_hide(walk, git_object_id(peeled));
			git_object_free(peeled);
		}
		git_reference_free(ref);
	}
	while (git_revwalk_next(&id, walk) == 0)
		if (fg_oidset_add(&bc->ids, &id) < 0)
			goto out;
	bc->branch = u->name;
	bc->parsed = *b;
out:
	git_reference_iterator_free(it);
	git_revwalk_free(walk);
	git_error_clear();
}

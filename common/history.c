/*
 * What the commit graph says: branches holding a commit, and the version
 * files along new commits (history.h).
 */
#include <stdlib.h>
#include <string.h>
#include "history.h"
#include "refname.h"
#include "repo.h"
#include "tag.h"
#include "version.h"

static int pending_cmp(const void *key, const void *elem)
{
	return strcmp(key, ((const struct fg_pending_ref *)elem)->refname);
}

/* A ref of PENDING (sorted by refname) with REFNAME, or NULL. */
static const struct fg_pending_ref *pending_ref(const struct fg_pending *pending,
						const char *refname)
{
	if (!pending || !pending->n)
		return NULL;
	return bsearch(refname, pending->refs, pending->n, sizeof(*pending->refs), pending_cmp);
}

int fg_pending_ref_cmp(const void *a, const void *b)
{
	return strcmp(((const struct fg_pending_ref *)a)->refname,
		      ((const struct fg_pending_ref *)b)->refname);
}

/* fg_branches_holding on one ref: REFNAME, whose object is TIP. */
static void judge_branch(struct fg_holders *out, git_repository *repo, struct fg_config *cfg,
			 const char *refname, const git_oid *tip, const git_oid *commit,
			 uint64_t major, uint64_t minor, const char *skip_ref)
{
	const char *name = fg_refname_branch(refname, NULL);
	git_object *object = NULL, *peeled = NULL;
	struct fg_branch b;
	int holds, series, other;

	if (!name || !strcmp(name, "HEAD"))
		return;
	series = fg_branch_parse(cfg, name, &b) == 0 && b.series && b.major == major &&
		 b.minor == minor && (b.kind == FG_BRANCH_RELEASE || b.kind == FG_BRANCH_MAINT);
	other = skip_ref && strcmp(refname, skip_ref);
	holds = (series || other) && git_object_lookup(&object, repo, tip, GIT_OBJECT_ANY) == 0 &&
		git_object_peel(&peeled, object, GIT_OBJECT_COMMIT) == 0 &&
		(git_oid_equal(git_object_id(peeled), commit) ||
		 git_graph_descendant_of(repo, git_object_id(peeled), commit) == 1);
	if (holds && other)
		out->on_other = 1;
	if (holds && series) {
		if (b.kind == FG_BRANCH_RELEASE)
			out->on_release = 1;
		else
			out->on_maint = 1;
	}
	git_object_free(peeled);
	git_object_free(object);
}

void fg_branches_holding(struct fg_holders *out, git_repository *repo, struct fg_config *cfg,
			 const git_oid *commit, uint64_t major, uint64_t minor,
			 const char *skip_ref, const struct fg_pending *pending)
{
	git_reference_iterator *it = NULL;
	git_reference *ref;

	memset(out, 0, sizeof(*out));
	if (git_reference_iterator_new(&it, repo) < 0) {
		git_error_clear();
		return;
	}
	out->known = 1;
	while (!cfg->error && git_reference_next(&ref, it) == 0) {
		/* a ref the push sets: judged at its new value, below */
		if (git_reference_type(ref) == GIT_REFERENCE_DIRECT &&
		    !pending_ref(pending, git_reference_name(ref)))
			judge_branch(out, repo, cfg, git_reference_name(ref),
				     git_reference_target(ref), commit, major, minor, skip_ref);
		git_reference_free(ref);
	}
	git_reference_iterator_free(it);
	for (size_t i = 0; !cfg->error && pending && i < pending->n; i++)
		if (!git_oid_is_zero(&pending->refs[i].id))
			judge_branch(out, repo, cfg, pending->refs[i].refname, &pending->refs[i].id,
				     commit, major, minor, skip_ref);
	git_error_clear();
}


void fg_version_walk_release(struct fg_version_walk *vw)
{
	for (size_t i = 0; vw->top && i < vw->nv; i++)
		free(vw->top[i]);
	free(vw->top);
	free(vw->recs);
	free(vw->tops);
	memset(vw, 0, sizeof(*vw));
}

void fg_version_walk_init(struct fg_version_walk *vw, const struct fg_config *cfg)
{
	memset(vw, 0, sizeof(*vw));
	vw->nv = cfg->nvfiles;
	if (!(vw->top = calloc(vw->nv ? vw->nv : 1, sizeof(*vw->top)))) {
		vw->failed = 1;
		return;
	}
	for (size_t i = 0; i < vw->nv; i++) {
		const char *path = cfg->vfiles[i].path;

		if (!(vw->top[i] = strndup(path, strcspn(path, "/"))))
			vw->failed = 1;
	}
}

/* TOPS[0..NV): the top-level entries of the version files' paths in COMMIT's tree. */
static int version_tops(const struct fg_version_walk *vw, git_commit *commit, git_oid *tops)
{
	git_tree *tree = NULL;

	if (git_commit_tree(&tree, commit) < 0)
		return -1;
	for (size_t i = 0; i < vw->nv; i++) {
		const git_tree_entry *e = git_tree_entry_byname(tree, vw->top[i]);

		if (e)
			git_oid_cpy(&tops[i], git_tree_entry_id(e));
		else
			memset(&tops[i], 0, sizeof(tops[i]));
	}
	git_tree_free(tree);
	return 0;
}

void fg_version_walk_add(struct fg_version_walk *vw, git_commit *commit)
{
	struct fg_commit_rec *r;

	if (vw->failed || !vw->nv)
		return;
	if (vw->n == vw->cap) {
		size_t cap = vw->cap ? vw->cap * 2 : 64;
		struct fg_commit_rec *recs = realloc(vw->recs, cap * sizeof(*recs));
		git_oid *tops = recs ? realloc(vw->tops, cap * vw->nv * sizeof(*tops)) : NULL;

		if (recs)
			vw->recs = recs;
		if (!tops) {
			vw->failed = 1;
			return;
		}
		vw->tops = tops;
		vw->cap = cap;
	}
	r = &vw->recs[vw->n];
	git_oid_cpy(&r->id, git_commit_id(commit));
	r->nparents = git_commit_parentcount(commit);
	if (r->nparents)
		git_oid_cpy(&r->parent, git_commit_parent_id(commit, 0));
	else
		memset(&r->parent, 0, sizeof(r->parent));
	r->tops = vw->n * vw->nv;
	if (version_tops(vw, commit, &vw->tops[r->tops]) < 0) {
		git_error_clear();
		return; /* no tree: nothing to compare */
	}
	vw->n++;
}

static int rec_cmp(const void *a, const void *b)
{
	const struct fg_commit_rec *ra = a, *rb = b;

	return git_oid_cmp(&ra->id, &rb->id);
}

void fg_check_version_change(struct fg_report *report, git_repository *repo,
			     struct fg_config *cfg, git_commit *c, git_commit *p,
			     const char *branch, const char *local_ref,
			     const struct fg_pending *pending)
{
	git_tree *tree = NULL, *parent_tree = NULL;
	struct fg_vfiles now, before;
	const struct fg_vfile_value *n, *o;
	char where[32];

	memset(&now, 0, sizeof(now));
	memset(&before, 0, sizeof(before));
	memcpy(where, "commit ", 7);
	git_oid_tostr(where + 7, 13, git_commit_id(c));
	if (git_commit_tree(&tree, c) == 0 && git_commit_tree(&parent_tree, p) == 0 &&
	    fg_vfiles_from_tree(&now, repo, tree, cfg) == 0 &&
	    fg_vfiles_from_tree(&before, repo, parent_tree, cfg) == 0 &&
	    (n = fg_versions_exact(&now.set)) && (o = fg_versions_exact(&before.set)) &&
	    !fg_version_same(&n->version, &o->version)) {
		struct fg_branch b;
		struct fg_holders h;
		int from_release;

		fg_check_version_regression(report, n, o, where);
		if (branch && fg_branch_parse(cfg, branch, &b) == 0) {
			fg_branches_holding(&h, repo, cfg, git_commit_id(c), n->version.major,
					    n->version.minor, local_ref, pending);
			from_release = h.on_release;
			for (unsigned i = 1; !h.on_other && !from_release &&
			     i < git_commit_parentcount(c); i++) {
				struct fg_holders ph;

				fg_branches_holding(&ph, repo, cfg, git_commit_parent_id(c, i),
						    n->version.major, n->version.minor, NULL,
						    pending);
				from_release = ph.on_release;
			}
			if (!h.on_other)
				fg_check_version_branch(report, n, &b, branch, from_release,
							where);
		}
	}
	fg_vfiles_release(&now);
	fg_vfiles_release(&before);
	git_tree_free(tree);
	git_tree_free(parent_tree);
	git_error_clear();
}

void fg_check_version_changes(struct fg_report *report, git_repository *repo,
			      struct fg_config *cfg, struct fg_version_walk *vw,
			      const char *branch, const char *local_ref,
			      const struct fg_pending *pending)
{
	git_oid *ptops;

	if (vw->failed || !vw->n || !(ptops = calloc(vw->nv, sizeof(*ptops))))
		return;
	qsort(vw->recs, vw->n, sizeof(*vw->recs), rec_cmp);
	for (size_t i = 0; !cfg->error && i < vw->n; i++) {
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
		} else if (git_commit_lookup(&p, repo, &r->parent) < 0 ||
			   version_tops(vw, p, ptops) < 0) {
			git_commit_free(p); /* a parent not here (shallow clone): nothing to compare */
			git_error_clear();
			continue;
		}
		for (size_t k = 0; same && k < vw->nv; k++)
			same = git_oid_equal(&vw->tops[r->tops + k], &before[k]);
		if (!same && git_commit_lookup(&c, repo, &r->id) == 0 &&
		    (p || git_commit_lookup(&p, repo, &r->parent) == 0))
			fg_check_version_change(report, repo, cfg, c, p, branch, local_ref,
						pending);
		git_commit_free(c);
		git_commit_free(p);
		git_error_clear();
	}
	free(ptops);
}

/*
 * When object ID (a tag or a commit) was made: an annotated tag's tagger
 * time, else the committer time of the commit it names; 0 when unknown.
 */
static git_time_t made_at(git_repository *repo, const git_oid *id)
{
	git_object *object = NULL, *commit = NULL;
	git_time_t when = 0;

	if (git_object_lookup(&object, repo, id, GIT_OBJECT_ANY) < 0) {
		git_error_clear();
		return 0;
	}
	if (git_object_type(object) == GIT_OBJECT_TAG && git_tag_tagger((git_tag *)object))
		when = git_tag_tagger((git_tag *)object)->when.time;
	else if (git_object_peel(&commit, object, GIT_OBJECT_COMMIT) == 0)
		when = git_commit_time((git_commit *)commit);
	git_object_free(commit);
	git_object_free(object);
	git_error_clear();
	return when;
}

/*
 * tagMonotonic: the highest tag of VERSION's X.Y series other than NAME,
 * made strictly before the pushed object ID (tags made in the same second
 * cannot be ordered and are left alone), whose version is at least
 * VERSION, among the repository's tags and those PENDING sets (a tag
 * pushed along). Newly allocated name without "refs/tags/", or NULL.
 */
/* higher_tag on one tag: OTHER (without "refs/tags/") names object TARGET. */
static void higher_one(git_repository *repo, const struct fg_config *cfg, const char *name,
		       const struct fg_version *version, git_time_t when, const char *other,
		       const git_oid *target, char **found, struct fg_version *best)
{
	struct fg_version v;
	char *copy;

	if (strcmp(other, name) && fg_tag_parse(cfg, other, &v) == 0 &&
	    v.major == version->major && v.minor == version->minor &&
	    fg_version_compare(&v, version) >= 0 &&
	    (!*found || fg_version_compare(&v, best) > 0) && made_at(repo, target) < when &&
	    (copy = strdup(other))) {
		free(*found);
		*found = copy;
		/* BEST's pre-release points into the name: parse the copy */
		fg_tag_parse(cfg, *found, best);
	}
}

static char *higher_tag(git_repository *repo, const struct fg_config *cfg, const char *name,
			const struct fg_version *version, const git_oid *id,
			const struct fg_pending *pending)
{
	git_reference_iterator *it = NULL;
	git_reference *ref;
	git_time_t when = made_at(repo, id);
	struct fg_version best;
	char *found = NULL;

	if (git_reference_iterator_glob_new(&it, repo, "refs/tags/*") == 0) {
		while (git_reference_next(&ref, it) == 0) {
			if (git_reference_type(ref) == GIT_REFERENCE_DIRECT &&
			    !pending_ref(pending, git_reference_name(ref)))
				higher_one(repo, cfg, name, version, when,
					   git_reference_name(ref) + 10, git_reference_target(ref),
					   &found, &best);
			git_reference_free(ref);
		}
		git_reference_iterator_free(it);
	}
	/* the tags this push sets: made before, they count too */
	for (size_t i = 0; pending && i < pending->n; i++)
		if (!strncmp(pending->refs[i].refname, "refs/tags/", 10) &&
		    !git_oid_is_zero(&pending->refs[i].id))
			higher_one(repo, cfg, name, version, when, pending->refs[i].refname + 10,
				   &pending->refs[i].id, &found, &best);
	git_error_clear();
	return found;
}

void fg_check_tag_ref(struct fg_report *report, git_repository *repo, struct fg_config *cfg,
		      const char *name, const git_oid *id, const git_oid *old, git_commit *commit,
		      git_tree *tree, const struct fg_pending *pending)
{
	git_object *object = NULL;
	struct fg_vfiles files;
	struct fg_tag_context tctx;
	struct fg_version version;
	char moved[GIT_OID_HEXSZ + 1];
	const char *message = NULL;
	char *higher = NULL;
	int annotated = 0, have_files = 0;

	memset(&files, 0, sizeof(files));
	memset(&tctx, 0, sizeof(tctx));
	if (git_object_lookup(&object, repo, id, GIT_OBJECT_ANY) == 0 &&
	    git_object_type(object) == GIT_OBJECT_TAG) {
		annotated = 1;
		message = git_tag_message((git_tag *)object);
	}
	/* the remote has this tag, elsewhere: git's own check refuses without
	 * --force, flowgate refuses with it too */
	if (old && !git_oid_is_zero(old) && !git_oid_equal(old, id)) {
		git_oid_tostr(moved, sizeof(moved), old);
		tctx.moved_from = moved;
	}
	if (commit && fg_tag_parse(cfg, name, &version) == 0) {
		struct fg_holders h;

		fg_branches_holding(&h, repo, cfg, git_commit_id(commit), version.major,
				    version.minor, NULL, pending);
		tctx.branches_known = h.known;
		tctx.on_release = h.on_release;
		tctx.on_maint = h.on_maint;
		/* a new tag on the remote: it must be the highest of its series */
		if (!old || git_oid_is_zero(old))
			tctx.higher_tag = higher = higher_tag(repo, cfg, name, &version, id, pending);
	}
	if (tree)
		have_files = fg_vfiles_from_tree(&files, repo, tree, cfg) == 0;
	if (!cfg->error)
		fg_check_tag(report, cfg, name, annotated, message,
			     have_files ? &files.set : NULL, &tctx);
	free(higher);
	fg_vfiles_release(&files);
	git_object_free(object);
}

/*
 * The refs snapshot of a check (refs.h; engine layer): the repository's
 * branches and tags with a push's pending refs laid over them, which
 * branches hold a commit, and the highest tag of a series made before.
 */
#include <stdlib.h>
#include <string.h>
#include "refname.h"
#include "oidset.h"
#include "refs.h"
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

/*
 * The commits reachable from a set of tips, found by one revision walk that
 * goes on only as far as queries need. The first query the walk has not
 * answered within REACH_FIRST commits goes to git_graph_descendant_of,
 * which answers "no" cheaply (a merge-base walk stops at the common
 * ancestors): a check that asks once pays no more than that. From the
 * second such query on, the walk goes on until it meets the commit or
 * ends: every commit is walked at most once however many queries follow
 * (10,000 tags of one branch cost one walk down it, not 10,000).
 */
#define REACH_FIRST 16

struct reach {
	git_oid *tips;         /* owned */
	size_t ntips;
	git_revwalk *walk;     /* owned; NULL before the first step and after the last */
	struct fg_oidset seen; /* every commit walked: each is reachable */
	int started, done;     /* DONE: every reachable commit is in SEEN */
	int missed;            /* a query went to git_graph_descendant_of */
};

static void reach_free(struct reach *r)
{
	if (!r)
		return;
	git_revwalk_free(r->walk);
	fg_oidset_release(&r->seen);
	free(r->tips);
	free(r);
}

/* 1: COMMIT is reachable from R's tips; 0: it is not; -1: not known yet. */
static int reach_walk(struct reach *r, git_repository *repo, const git_oid *commit)
{
	git_oid id;
	int rc;

	if (fg_oidset_has(&r->seen, commit))
		return 1;
	if (r->done)
		return 0;
	if (!r->started) {
		r->started = 1;
		if (git_revwalk_new(&r->walk, repo) < 0)
			goto failed;
		for (size_t i = 0; i < r->ntips; i++)
			if (git_revwalk_push(r->walk, &r->tips[i]) < 0)
				goto failed;
	}
	if (!r->walk)
		return -1; /* the walk failed: libgit2 answers */
	for (size_t steps = 0; r->missed || steps < REACH_FIRST; steps++) {
		if ((rc = git_revwalk_next(&id, r->walk)) == GIT_ITEROVER) {
			r->done = 1;
			git_revwalk_free(r->walk);
			r->walk = NULL;
			return 0;
		}
		/* a commit that cannot be read, a shallow clone's end */
		if (rc < 0 || fg_oidset_add(&r->seen, &id) < 0)
			goto failed;
		if (git_oid_equal(&id, commit))
			return 1;
	}
	r->missed = 1;
	return -1;
failed:
	git_revwalk_free(r->walk);
	r->walk = NULL;
	git_error_clear();
	return -1;
}

/* A branch or tag of struct fg_refs_cache. */
struct ref_entry {
	size_t name;         /* offset of the full refname in NAMES */
	git_oid id;          /* its object */
	git_oid commit;      /* that object peeled, when PEELED is 1 */
	git_time_t made;     /* tags: made_at, when MADE_KNOWN */
	struct reach *reach; /* branches: the walk from the tip, owned, made on use */
	signed char peeled;  /* 0 not yet, 1 COMMIT set, -1 no commit */
	char tag, made_known;
	char pushed;         /* from the push (PENDING), not the repository */
};

/* The series branches and tags of the refs, as one configuration sees them. */
struct series_branch {
	uint64_t major, minor;
	size_t entry;
	int release; /* release/X.Y.x, else maint/X.Y.x */
};

struct series_tag {
	struct fg_version version; /* points into NAME */
	const char *name;           /* the tag's refname, in the cache's NAMES */
	size_t entry;
	git_time_t min_made;        /* the least time of the series' tags up to this one */
};

/* The tags of one X.Y series: TAGS[lo..hi), by precedence, highest first. */
struct series {
	uint64_t major, minor;
	size_t lo, hi, timed; /* MIN_MADE is set for [lo, timed) */
};

struct refs_view {
	const struct fg_config *cfg;
	struct series_branch *branches; /* sorted by series */
	size_t nbranches;
	struct series_tag *tags;
	size_t ntags;
	struct series *series;          /* sorted by series */
	size_t nseries;
};

/* A union walk from every branch but SKIP_REF (on_other). */
struct others {
	char *skip_ref;
	struct reach *reach;
};

struct fg_refs_cache {
	char *names; /* owned: the refnames, NUL-terminated, one after the other */
	size_t names_len, names_cap;
	struct ref_entry *entries;
	size_t n, cap;
	struct refs_view *views;
	size_t nviews;
	struct others *others;
	size_t nothers;
	int failed;  /* the refs could not be listed: nothing is known */
};

void fg_refs_init(struct fg_refs *refs, git_repository *repo, const struct fg_pending *pending)
{
	refs->repo = repo;
	refs->pending = pending;
	refs->cache = NULL;
	refs->remote_order = 0;
}

void fg_refs_release(struct fg_refs *refs)
{
	struct fg_refs_cache *c = refs->cache;

	if (c) {
		for (size_t i = 0; i < c->n; i++)
			reach_free(c->entries[i].reach);
		for (size_t i = 0; i < c->nviews; i++) {
			free(c->views[i].branches);
			free(c->views[i].tags);
			free(c->views[i].series);
		}
		for (size_t i = 0; i < c->nothers; i++) {
			free(c->others[i].skip_ref);
			reach_free(c->others[i].reach);
		}
		free(c->others);
		free(c->views);
		free(c->entries);
		free(c->names);
		free(c);
	}
	refs->cache = NULL;
}

static const char *entry_name(const struct fg_refs_cache *c, const struct ref_entry *e)
{
	return c->names + e->name;
}

/*
 * Keep REFNAME at object ID when it is a branch or a tag (PUSHED: one the
 * push sets); -1 out of memory.
 */
static int keep_ref(struct fg_refs_cache *c, const char *refname, const git_oid *id, int pushed)
{
	const char *branch = fg_refname_branch(refname, NULL);
	int tag = !strncmp(refname, "refs/tags/", 10);
	size_t len = strlen(refname) + 1;
	struct ref_entry *e;

	if (!tag && (!branch || !strcmp(branch, "HEAD")))
		return 0;
	if (c->n == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 64;
		struct ref_entry *p = realloc(c->entries, cap * sizeof(*p));

		if (!p)
			return -1;
		c->entries = p;
		c->cap = cap;
	}
	if (c->names_len + len > c->names_cap) {
		size_t cap = c->names_cap ? c->names_cap * 2 : 4096;
		char *p;

		while (cap < c->names_len + len)
			cap *= 2;
		if (!(p = realloc(c->names, cap)))
			return -1;
		c->names = p;
		c->names_cap = cap;
	}
	e = &c->entries[c->n++];
	memset(e, 0, sizeof(*e));
	e->name = c->names_len;
	memcpy(c->names + c->names_len, refname, len);
	c->names_len += len;
	git_oid_cpy(&e->id, id);
	e->tag = (char)tag;
	e->pushed = (char)pushed;
	return 0;
}

/* REFS's cache, the refs listed on the first call; NULL when they cannot be. */
static struct fg_refs_cache *refs_cache(struct fg_refs *refs)
{
	git_reference_iterator *it = NULL;
	git_reference *ref;
	struct fg_refs_cache *c = refs->cache;
	const struct fg_pending *pending = refs->pending;
	int rc = 0;

	if (c)
		return c->failed ? NULL : c;
	if (!(c = refs->cache = calloc(1, sizeof(*c))))
		return NULL;
	if (git_reference_iterator_new(&it, refs->repo) < 0) {
		c->failed = 1;
		git_error_clear();
		return NULL;
	}
	while (rc == 0 && git_reference_next(&ref, it) == 0) {
		/* a ref the push sets: kept at its new value, below */
		if (git_reference_type(ref) == GIT_REFERENCE_DIRECT &&
		    !pending_ref(pending, git_reference_name(ref)))
			rc = keep_ref(c, git_reference_name(ref), git_reference_target(ref), 0);
		git_reference_free(ref);
	}
	git_reference_iterator_free(it);
	for (size_t i = 0; rc == 0 && pending && i < pending->n; i++)
		if (!git_oid_is_zero(&pending->refs[i].id))
			rc = keep_ref(c, pending->refs[i].refname, &pending->refs[i].id, 1);
	git_error_clear();
	if (rc < 0) {
		c->failed = 1;
		return NULL;
	}
	return c;
}

/* The commit entry E's object peels to, or NULL. */
static const git_oid *entry_commit(git_repository *repo, struct ref_entry *e)
{
	git_object *object = NULL, *peeled = NULL;

	if (!e->peeled) {
		e->peeled = -1;
		if (git_object_lookup(&object, repo, &e->id, GIT_OBJECT_ANY) == 0 &&
		    git_object_peel(&peeled, object, GIT_OBJECT_COMMIT) == 0) {
			git_oid_cpy(&e->commit, git_object_id(peeled));
			e->peeled = 1;
		}
		git_object_free(peeled);
		git_object_free(object);
		git_error_clear();
	}
	return e->peeled == 1 ? &e->commit : NULL;
}

/* 1 when branch entry E (at its peeled tip) holds COMMIT, else 0. */
static int entry_holds(git_repository *repo, struct ref_entry *e, const git_oid *commit)
{
	const git_oid *tip = entry_commit(repo, e);
	int rc;

	if (!tip)
		return 0;
	if (git_oid_equal(tip, commit))
		return 1;
	if (!e->reach && (e->reach = calloc(1, sizeof(*e->reach))) &&
	    (e->reach->tips = malloc(sizeof(*tip)))) {
		git_oid_cpy(e->reach->tips, tip);
		e->reach->ntips = 1;
	}
	if (e->reach && e->reach->ntips && (rc = reach_walk(e->reach, repo, commit)) >= 0)
		return rc;
	rc = git_graph_descendant_of(repo, tip, commit) == 1;
	git_error_clear();
	return rc;
}

static int series_branch_cmp(const void *a, const void *b)
{
	const struct series_branch *x = a, *y = b;

	if (x->major != y->major)
		return x->major < y->major ? -1 : 1;
	if (x->minor != y->minor)
		return x->minor < y->minor ? -1 : 1;
	return 0;
}

/* By series, then precedence, highest first, then refname. */
static int series_tag_cmp(const void *a, const void *b)
{
	const struct series_tag *x = a, *y = b;
	int d;

	if (x->version.major != y->version.major)
		return x->version.major < y->version.major ? -1 : 1;
	if (x->version.minor != y->version.minor)
		return x->version.minor < y->version.minor ? -1 : 1;
	if ((d = fg_version_compare(&x->version, &y->version)))
		return -d;
	return strcmp(x->name, y->name);
}

/* The view of C's refs under CFG, made on the first call; NULL out of memory. */
static struct refs_view *refs_view(struct fg_refs_cache *c, struct fg_config *cfg)
{
	struct refs_view *v, *views;
	size_t nb = 0, nt = 0;

	for (size_t i = 0; i < c->nviews; i++)
		if (c->views[i].cfg == cfg)
			return &c->views[i];
	if (!(views = realloc(c->views, (c->nviews + 1) * sizeof(*views))))
		return NULL;
	c->views = views;
	v = &views[c->nviews];
	memset(v, 0, sizeof(*v));
	if (!(v->branches = malloc((c->n ? c->n : 1) * sizeof(*v->branches))) ||
	    !(v->tags = malloc((c->n ? c->n : 1) * sizeof(*v->tags))) ||
	    !(v->series = malloc((c->n ? c->n : 1) * sizeof(*v->series)))) {
		free(v->branches);
		free(v->tags);
		return NULL;
	}
	v->cfg = cfg;
	c->nviews++;
	for (size_t i = 0; i < c->n && !cfg->error; i++) {
		const char *refname = entry_name(c, &c->entries[i]);
		struct fg_branch b;

		if (c->entries[i].tag) {
			if (fg_tag_parse(cfg, refname + 10, &v->tags[nt].version) == 0) {
				v->tags[nt].name = refname;
				v->tags[nt++].entry = i;
			}
		} else if (fg_branch_parse(cfg, fg_refname_branch(refname, NULL), &b) == 0 &&
			   b.series && (b.kind == FG_BRANCH_RELEASE || b.kind == FG_BRANCH_MAINT)) {
			v->branches[nb].major = b.major;
			v->branches[nb].minor = b.minor;
			v->branches[nb].release = b.kind == FG_BRANCH_RELEASE;
			v->branches[nb++].entry = i;
		}
	}
	v->nbranches = nb;
	v->ntags = nt;
	qsort(v->branches, nb, sizeof(*v->branches), series_branch_cmp);
	qsort(v->tags, nt, sizeof(*v->tags), series_tag_cmp);
	for (size_t i = 0; i < nt; i++) {
		struct series *s = v->nseries ? &v->series[v->nseries - 1] : NULL;

		if (!s || s->major != v->tags[i].version.major ||
		    s->minor != v->tags[i].version.minor) {
			s = &v->series[v->nseries++];
			s->major = v->tags[i].version.major;
			s->minor = v->tags[i].version.minor;
			s->lo = s->timed = i;
		}
		s->hi = i + 1;
	}
	return v;
}

/*
 * Non-zero when branch REFNAME (full) is SKIP: SKIP a full refname is that
 * ref alone; a branch name ("main") is that branch, local and
 * remote-tracking under every remote (refs/heads/main, refs/remotes/origin/main).
 */
static int skipped(const char *refname, const char *skip)
{
	const char *branch;

	if (!strncmp(skip, "refs/", 5))
		return !strcmp(refname, skip);
	return (branch = fg_refname_branch(refname, NULL)) && !strcmp(branch, skip);
}

/* A walk from every branch of C but SKIP_REF, made on the first call; NULL out of memory. */
static struct reach *others_reach(struct fg_refs_cache *c, git_repository *repo,
				  const char *skip_ref)
{
	struct others *o;
	struct reach *r;

	for (size_t i = 0; i < c->nothers; i++)
		if (!strcmp(c->others[i].skip_ref, skip_ref))
			return c->others[i].reach;
	if (!(o = realloc(c->others, (c->nothers + 1) * sizeof(*o))))
		return NULL;
	c->others = o;
	o = &c->others[c->nothers];
	if (!(r = calloc(1, sizeof(*r))) || !(r->tips = malloc((c->n ? c->n : 1) * sizeof(git_oid))) ||
	    !(o->skip_ref = strdup(skip_ref))) {
		reach_free(r);
		return NULL;
	}
	o->reach = r;
	c->nothers++;
	for (size_t i = 0; i < c->n; i++) {
		const git_oid *tip;

		if (!c->entries[i].tag && !skipped(entry_name(c, &c->entries[i]), skip_ref) &&
		    (tip = entry_commit(repo, &c->entries[i])))
			git_oid_cpy(&r->tips[r->ntips++], tip);
	}
	return r;
}

/* on_other: a branch of C other than SKIP_REF holds COMMIT. */
static int others_hold(struct fg_refs_cache *c, git_repository *repo, const char *skip_ref,
		       const git_oid *commit)
{
	struct reach *r = others_reach(c, repo, skip_ref);
	int rc;

	if (r && (rc = reach_walk(r, repo, commit)) >= 0)
		return rc;
	for (size_t i = 0; i < c->n; i++) {
		struct ref_entry *e = &c->entries[i];
		const git_oid *tip;

		if (!e->tag && !skipped(entry_name(c, e), skip_ref) &&
		    (tip = entry_commit(repo, e)) &&
		    (git_oid_equal(tip, commit) || git_graph_descendant_of(repo, tip, commit) == 1))
			return 1;
	}
	git_error_clear();
	return 0;
}

void fg_branches_holding(struct fg_holders *out, struct fg_refs *refs, struct fg_config *cfg,
			 const git_oid *commit, uint64_t major, uint64_t minor,
			 const char *skip_ref)
{
	struct fg_refs_cache *c;
	struct refs_view *v;
	struct series_branch key;
	size_t i = 0, hi;

	memset(out, 0, sizeof(*out));
	if (!(c = refs_cache(refs)) || !(v = refs_view(c, cfg)) || cfg->error)
		return;
	out->known = 1;
	key.major = major;
	key.minor = minor;
	/* the first branch of the series, by binary search: sorted by series */
	for (hi = v->nbranches; i < hi;) {
		size_t mid = i + (hi - i) / 2;

		if (series_branch_cmp(&v->branches[mid], &key) < 0)
			i = mid + 1;
		else
			hi = mid;
	}
	for (; i < v->nbranches && !series_branch_cmp(&v->branches[i], &key); i++) {
		int *flag = v->branches[i].release ? &out->on_release : &out->on_maint;

		if (!*flag)
			*flag = entry_holds(refs->repo, &c->entries[v->branches[i].entry], commit);
	}
	if (skip_ref)
		out->on_other = others_hold(c, refs->repo, skip_ref, commit);
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

static int series_cmp(const void *key, const void *elem)
{
	const struct fg_version *k = key;
	const struct series *s = elem;

	if (k->major != s->major)
		return k->major < s->major ? -1 : 1;
	if (k->minor != s->minor)
		return k->minor < s->minor ? -1 : 1;
	return 0;
}

char *fg_refs_higher_tag(struct fg_refs *refs, struct fg_config *cfg, const char *name,
			 const struct fg_version *version, git_time_t when)
{
	struct fg_refs_cache *c;
	struct refs_view *v;
	struct series *s;
	size_t lo, hi, end;

	if (!(c = refs_cache(refs)) || !(v = refs_view(c, cfg)) || cfg->error ||
	    !(s = bsearch(version, v->series, v->nseries, sizeof(*v->series), series_cmp)))
		return NULL;
	/* END: past the last tag at least VERSION */
	for (lo = s->lo, hi = s->hi; lo < hi;) {
		size_t mid = lo + (hi - lo) / 2;

		if (fg_version_compare(&v->tags[mid].version, version) >= 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	end = lo;
	if (refs->remote_order == FG_ORDER_PUSHING)
		when *= 2;
	for (; s->timed < end; s->timed++) {
		struct series_tag *t = &v->tags[s->timed];
		struct ref_entry *e = &c->entries[t->entry];

		if (!e->made_known) {
			if (refs->remote_order == FG_ORDER_RECEIVING && !e->pushed) {
				/* a tag the receiving side has came before every new one */
				e->made = (git_time_t)INT64_MIN;
			} else {
				e->made = made_at(refs->repo, &e->id);
				/* pushing: at equal times, a tag the push does not bring
				 * (the remote's, maybe) was made first (times doubled) */
				if (refs->remote_order == FG_ORDER_PUSHING)
					e->made = 2 * e->made - !e->pushed;
			}
			e->made_known = 1;
		}
		t->min_made = s->timed > s->lo && v->tags[s->timed - 1].min_made < e->made ?
				      v->tags[s->timed - 1].min_made : e->made;
	}
	/* the first tag whose running least time is before WHEN: made before */
	for (lo = s->lo, hi = end; lo < hi;) {
		size_t mid = lo + (hi - lo) / 2;

		if (v->tags[mid].min_made < when)
			hi = mid;
		else
			lo = mid + 1;
	}
	for (; lo < end; lo++)
		if (c->entries[v->tags[lo].entry].made < when &&
		    strcmp(v->tags[lo].name + 10, name))
			return strdup(v->tags[lo].name + 10);
	return NULL;
}

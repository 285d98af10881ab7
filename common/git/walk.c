/*
 * The commits of a push or a range, each inflated once (walk.h): libgit2's
 * revision walk algorithm (revwalk.c and commit_list.c, v1.5.1), on nodes
 * in one array, over commits parsed as libgit2 parses them (objects.c).
 */
#include <stdlib.h>
#include <string.h>
#include "packs.h"
#include "walk.h"

#define PARSED 1u
#define SEEN 2u
#define UNINTERESTING 4u
#define ADDED 8u
#define YIELDED 16u

#define NIL UINT32_MAX
#define SLOP 5 /* libgit2's: uninteresting commits looked at once no interesting one is left */

struct node {
	git_oid id;
	uint32_t parents;  /* index of the first in the walk's PAR */
	uint16_t nparents;
	uint16_t flags;
	int64_t time;
	uint32_t in_degree;
	uint32_t kept;     /* 1 + offset of its message in the walk's ARENA; 0: not kept */
};

/*
 * A commit's message as the walk keeps it, in the arena: its tree, where
 * its encoding starts (0: none), then MESSAGE '\0' [ENCODING '\0'].
 */
struct kept {
	git_oid tree;
	uint32_t encoding;
	char data[];
};

/* A cell of a linked list of nodes (libgit2's git_commit_list), by index. */
struct cell {
	uint32_t item, next;
};

struct fg_walk {
	git_repository *repo;
	struct fg_packs *packs; /* where the walk reads its commits */
	enum fg_walk_sort sort;
	struct node *nodes;
	size_t n, cap;
	uint32_t *par;         /* the parents of every node, by node index */
	size_t npar, par_cap;
	uint32_t *slots;       /* open addressing: node index + 1; 0 empty */
	size_t nslots;
	struct cell *cells;    /* cell 0 unused: index 0 ends a list */
	size_t ncells, cells_cap;
	uint32_t free_cells;
	uint32_t user_input;   /* the pushes and hides, last first */
	uint32_t iter;         /* what fg_walk_next yields from */
	int limited, did_push, prepared, failed;
	/* libgit2's limit on mapped packs before the walk set its own (WALK_MAPPED) */
	size_t mapped;
	int windows_set;
	/* the messages kept: KEEP bytes at most, made on the first one kept;
	 * handed out in any order, the space is used again once all are */
	char *arena;
	size_t used, live, keep;
	struct fg_commit_fields tmp; /* the commit being parsed */
	struct fg_commit_buf buf; /* what fg_walk_read hands out when not kept */
	struct fg_commit_info info;
	git_oid *info_parents;  /* INFO's parents, when kept */
	size_t info_cap;
};

static size_t slot_of(const git_oid *id, size_t nslots)
{
	size_t h;

	memcpy(&h, id->id, sizeof(h)); /* an OID's bytes are already well mixed */
	return h & (nslots - 1);
}

size_t fg_walk_find(const struct fg_walk *w, const git_oid *id)
{
	if (!w->nslots)
		return SIZE_MAX;
	for (size_t s = slot_of(id, w->nslots);; s = (s + 1) & (w->nslots - 1)) {
		uint32_t v = w->slots[s];

		if (!v)
			return SIZE_MAX;
		if (git_oid_equal(&w->nodes[v - 1].id, id))
			return v - 1;
	}
}

static int grow_slots(struct fg_walk *w)
{
	size_t nslots = w->nslots ? 2 * w->nslots : 1024;
	uint32_t *slots = calloc(nslots, sizeof(*slots));

	if (!slots)
		return -1;
	for (size_t i = 0; i < w->n; i++) {
		size_t s = slot_of(&w->nodes[i].id, nslots);

		while (slots[s])
			s = (s + 1) & (nslots - 1);
		slots[s] = (uint32_t)i + 1;
	}
	free(w->slots);
	w->slots = slots;
	w->nslots = nslots;
	return 0;
}

/* git_revwalk__commit_lookup: the node of ID, made when new; NIL out of memory. */
static uint32_t node_of(struct fg_walk *w, const git_oid *id)
{
	size_t i = fg_walk_find(w, id), s;
	struct node *nd;

	if (i != SIZE_MAX)
		return (uint32_t)i;
	if (w->n >= NIL - 1 || (2 * (w->n + 1) > w->nslots && grow_slots(w) < 0))
		goto oom;
	if (w->n == w->cap) {
		size_t cap = w->cap ? 2 * w->cap : 256;
		struct node *nodes = realloc(w->nodes, cap * sizeof(*nodes));

		if (!nodes)
			goto oom;
		w->nodes = nodes;
		w->cap = cap;
	}
	nd = &w->nodes[w->n];
	memset(nd, 0, sizeof(*nd));
	git_oid_cpy(&nd->id, id);
	for (s = slot_of(id, w->nslots); w->slots[s]; s = (s + 1) & (w->nslots - 1))
		;
	w->slots[s] = (uint32_t)w->n + 1;
	return (uint32_t)w->n++;
oom:
	git_error_set_oom();
	return NIL;
}

static uint32_t cell_new(struct fg_walk *w, uint32_t item, uint32_t next)
{
	uint32_t c;

	if (w->free_cells) {
		c = w->free_cells;
		w->free_cells = w->cells[c].next;
	} else {
		if (w->ncells == w->cells_cap) {
			size_t cap = w->cells_cap ? 2 * w->cells_cap : 256;
			struct cell *cells = cap < NIL ? realloc(w->cells, cap * sizeof(*cells)) : NULL;

			if (!cells) {
				git_error_set_oom();
				return 0;
			}
			w->cells = cells;
			w->cells_cap = cap;
			if (!w->ncells)
				w->ncells = 1;
		}
		c = (uint32_t)w->ncells++;
	}
	w->cells[c].item = item;
	w->cells[c].next = next;
	return c;
}

/* git_commit_list_insert: ITEM before the first cell of *LIST. */
static int list_push(struct fg_walk *w, uint32_t *list, uint32_t item)
{
	uint32_t c = cell_new(w, item, *list);

	if (!c)
		return -1;
	*list = c;
	return 0;
}

/* git_commit_list_pop: the first item of *LIST, or NIL. */
static uint32_t list_pop(struct fg_walk *w, uint32_t *list)
{
	uint32_t c = *list, item;

	if (!c)
		return NIL;
	item = w->cells[c].item;
	*list = w->cells[c].next;
	w->cells[c].next = w->free_cells;
	w->free_cells = c;
	return item;
}

static void list_free(struct fg_walk *w, uint32_t *list)
{
	while (list_pop(w, list) != NIL)
		;
}

/*
 * git_commit_list_insert_by_date: ITEM before the first cell whose commit
 * is older (the list is newest first; equal times keep their order).
 */
static int list_insert_by_date(struct fg_walk *w, uint32_t *list, uint32_t item)
{
	uint32_t c = cell_new(w, item, 0), *pp = list; /* made first: CELLS may move */

	if (!c)
		return -1;
	while (*pp && w->nodes[w->cells[*pp].item].time >= w->nodes[item].time)
		pp = &w->cells[*pp].next;
	w->cells[c].next = *pp;
	*pp = c;
	return 0;
}

static void kept_drop(struct fg_walk *w, struct node *nd)
{
	if (nd->kept) {
		nd->kept = 0;
		if (!--w->live)
			w->used = 0;
	}
}

/*
 * Keep the message of commit NODE (parsed fully as P) while the bound
 * allows. Nothing kept is no error: it is read again.
 */
static void keep(struct fg_walk *w, uint32_t node, const struct fg_commit_fields *p)
{
	size_t mlen = strlen(p->message), elen = fg_commit_fields_encoding_len(p), size;
	struct kept *k;

	size = (sizeof(*k) + mlen + 1 + (p->encoding ? elen + 1 : 0) + 7) & ~(size_t)7;
	if (w->keep > UINT32_MAX || size > w->keep - w->used)
		return;
	if (!w->arena && !(w->arena = malloc(w->keep)))
		return;
	k = (struct kept *)(w->arena + w->used);
	git_oid_cpy(&k->tree, &p->tree);
	memcpy(k->data, p->message, mlen + 1);
	k->encoding = 0;
	if (p->encoding) {
		k->encoding = (uint32_t)mlen + 1;
		memcpy(k->data + mlen + 1, p->encoding, elen);
		k->data[mlen + 1 + elen] = '\0';
	}
	w->nodes[node].kept = (uint32_t)w->used + 1;
	w->used += size;
	w->live++;
}

/*
 * git_commit_list_parse: read commit NODE once, its parents and time as
 * libgit2's walk takes them (a quick parse), its message kept when it may
 * be yielded and parses fully (else fg_walk_read reads it again and says
 * why it does not).
 */
static int parse_node(struct fg_walk *w, uint32_t node)
{
	struct fg_commit_fields *p = &w->tmp;
	git_object_t type;
	const char *data;
	size_t len;
	int rc = 0, full;

	if (w->nodes[node].flags & PARSED)
		return 0;
	if ((rc = fg_packs_read(w->packs, &w->nodes[node].id, &type, &data, &len)) < 0)
		return rc;
	if (type != GIT_OBJECT_COMMIT)
		return fg_not_commit();
	/* what git_commit_lookup parses, the walk's quick parse takes too, alike */
	if ((full = fg_commit_fields_parse(p, data, len, 0)) < 0 &&
	    (rc = fg_commit_fields_parse(p, data, len, 1)) < 0)
		goto out;
	if (p->nparents > UINT16_MAX) {
		git_error_set(GIT_ERROR_INVALID, "commit has more than 2^16 parents");
		rc = -1;
		goto out;
	}
	if (w->npar + p->nparents > w->par_cap) {
		size_t cap = w->par_cap ? 2 * w->par_cap : 256;
		uint32_t *par;

		while (cap < w->npar + p->nparents)
			cap *= 2;
		if (!(par = realloc(w->par, cap * sizeof(*par)))) {
			git_error_set_oom();
			rc = -1;
			goto out;
		}
		w->par = par;
		w->par_cap = cap;
	}
	w->nodes[node].time = p->time;
	w->nodes[node].parents = (uint32_t)w->npar;
	w->nodes[node].nparents = (uint16_t)p->nparents;
	for (size_t i = 0; i < p->nparents; i++) {
		uint32_t pn = node_of(w, &p->parents[i]);

		if (pn == NIL) {
			rc = -1;
			goto out;
		}
		w->par[w->npar++] = pn;
	}
	w->nodes[node].flags |= PARSED;
	/* the message of a commit that may be yielded, while the bound allows */
	if (full == 0 && !(w->nodes[node].flags & UNINTERESTING))
		keep(w, node, p);
	git_error_clear();
out:
	return rc;
}

/*
 * While a walk runs, libgit2 keeps at most WALK_MAPPED of the packs mapped
 * (its windows are 1 MiB, fg_git_init), where it would keep up to 8 GiB:
 * a walk reads all of the commits, and all of the pack would stay resident
 * (the instruction count does not change). Only while a walk runs: checks
 * that read objects all over the packs (10,000 tags pushed) would map the
 * same windows again and again.
 */
#define WALK_MAPPED ((size_t)4 << 20)

static void windows_set(struct fg_walk *w)
{
	if (git_libgit2_opts(GIT_OPT_GET_MWINDOW_MAPPED_LIMIT, &w->mapped) < 0 ||
	    w->mapped <= WALK_MAPPED) {
		git_error_clear();
		return;
	}
	w->windows_set = git_libgit2_opts(GIT_OPT_SET_MWINDOW_MAPPED_LIMIT, WALK_MAPPED) == 0;
}

static void windows_restore(struct fg_walk *w)
{
	if (w->windows_set)
		git_libgit2_opts(GIT_OPT_SET_MWINDOW_MAPPED_LIMIT, w->mapped);
}

int fg_walk_new(struct fg_walk **out, git_repository *repo, enum fg_walk_sort sort, size_t keep)
{
	struct fg_walk *w = calloc(1, sizeof(*w));
	int rc;

	*out = NULL;
	if (!w) {
		git_error_set_oom();
		return -1;
	}
	w->repo = repo;
	w->sort = sort;
	w->keep = keep;
	/* git_revwalk_sorting: any sorting limits the walk */
	w->limited = sort != FG_WALK_UNSORTED;
	if ((rc = fg_packs_new(&w->packs, repo)) < 0) {
		free(w);
		return rc;
	}
	windows_set(w);
	*out = w;
	return 0;
}

struct fg_packs *fg_walk_packs(const struct fg_walk *w)
{
	return w->packs;
}

void fg_walk_free(struct fg_walk *w)
{
	if (!w)
		return;
	windows_restore(w);
	free(w->arena);
	fg_commit_buf_release(&w->buf);
	free(w->info_parents);
	free(w->tmp.parents);
	free(w->nodes);
	free(w->par);
	free(w->slots);
	free(w->cells);
	fg_packs_free(w->packs);
	free(w);
}

/* git_revwalk__push_commit, not from a glob unless FROM_GLOB. */
static int push_commit(struct fg_walk *w, const git_oid *id, int uninteresting, int from_glob)
{
	git_object *obj = NULL, *commit = NULL;
	uint32_t node;
	int rc;

	if ((rc = git_object_lookup(&obj, w->repo, id, GIT_OBJECT_ANY)) < 0)
		return rc;
	rc = git_object_peel(&commit, obj, GIT_OBJECT_COMMIT);
	git_object_free(obj);
	if (rc == GIT_ENOTFOUND || rc == GIT_EINVALIDSPEC || rc == GIT_EPEEL) {
		if (from_glob)
			return 0;
		git_error_set(GIT_ERROR_INVALID, "object is not a committish");
		return rc;
	}
	if (rc < 0)
		return rc;
	node = node_of(w, git_object_id(commit));
	git_object_free(commit);
	if (node == NIL)
		return -1;
	/* a hide before already said this commit is not wanted */
	if (w->nodes[node].flags & UNINTERESTING)
		return 0;
	if (uninteresting) {
		w->limited = 1;
		w->nodes[node].flags |= UNINTERESTING;
	} else {
		w->did_push = 1;
	}
	return list_push(w, &w->user_input, node);
}

int fg_walk_push(struct fg_walk *w, const git_oid *id)
{
	return push_commit(w, id, 0, 0);
}

int fg_walk_hide(struct fg_walk *w, const git_oid *id)
{
	return push_commit(w, id, 1, 0);
}

int fg_walk_hide_glob(struct fg_walk *w, const char *glob)
{
	git_reference_iterator *it = NULL;
	git_reference *ref;
	git_oid id;
	int rc;

	if ((rc = git_reference_iterator_glob_new(&it, w->repo, glob)) < 0)
		return rc;
	while ((rc = git_reference_next(&ref, it)) == 0) {
		rc = git_reference_name_to_id(&id, w->repo, git_reference_name(ref)) < 0
			     ? -1 : push_commit(w, &id, 1, 1);
		git_reference_free(ref);
		if (rc < 0)
			break;
	}
	git_reference_iterator_free(it);
	return rc == GIT_ITEROVER ? 0 : rc;
}

static const uint32_t *parents_of(const struct fg_walk *w, uint32_t node)
{
	return w->par + w->nodes[node].parents;
}

/* mark_parents_uninteresting: everything NODE reaches that the walk has read. */
static int mark_parents_uninteresting(struct fg_walk *w, uint32_t node)
{
	uint32_t stack = 0;

	for (size_t i = 0; i < w->nodes[node].nparents; i++)
		if (list_push(w, &stack, parents_of(w, node)[i]) < 0)
			goto oom;
	while (stack) {
		uint32_t c = list_pop(w, &stack);

		while (c != NIL) {
			struct node *nd = &w->nodes[c];

			if (nd->flags & UNINTERESTING)
				break;
			nd->flags |= UNINTERESTING;
			kept_drop(w, nd);
			/* reached some other way already: its parents too */
			if (!(nd->flags & PARSED))
				break;
			for (size_t i = 0; i < nd->nparents; i++)
				if (list_push(w, &stack, parents_of(w, c)[i]) < 0)
					goto oom;
			c = nd->nparents ? parents_of(w, c)[0] : NIL;
		}
	}
	return 0;
oom:
	list_free(w, &stack);
	return -1;
}

/* add_parents_to_list: NODE's parents, read, into *LIST by date. */
static int add_parents(struct fg_walk *w, uint32_t node, uint32_t *list)
{
	int rc;

	if (w->nodes[node].flags & ADDED)
		return 0;
	w->nodes[node].flags |= ADDED;
	if (w->nodes[node].flags & UNINTERESTING) {
		/* as many of the uninteresting ones as can be had */
		for (size_t i = 0; i < w->nodes[node].nparents; i++) {
			uint32_t p = parents_of(w, node)[i];

			w->nodes[p].flags |= UNINTERESTING;
			kept_drop(w, &w->nodes[p]);
			if ((rc = parse_node(w, p)) < 0)
				return rc;
			if (mark_parents_uninteresting(w, p) < 0)
				return -1;
			w->nodes[p].flags |= SEEN;
			if (list_insert_by_date(w, list, p) < 0)
				return -1;
		}
		return 0;
	}
	for (size_t i = 0; i < w->nodes[node].nparents; i++) {
		uint32_t p = parents_of(w, node)[i];

		if ((rc = parse_node(w, p)) < 0)
			return rc;
		if (!(w->nodes[p].flags & SEEN)) {
			w->nodes[p].flags |= SEEN;
			if (list_insert_by_date(w, list, p) < 0)
				return -1;
		}
	}
	return 0;
}

/* still_interesting: the slop left once LIST holds no interesting commit. */
static int still_interesting(const struct fg_walk *w, uint32_t list, int64_t time, int slop)
{
	if (!list)
		return 0;
	/* commits older than the last interesting one: not done */
	if (time <= w->nodes[w->cells[list].item].time)
		return SLOP;
	for (; list; list = w->cells[list].next) {
		const struct node *nd = &w->nodes[w->cells[list].item];

		if (!(nd->flags & UNINTERESTING) || nd->time > time)
			return SLOP;
	}
	return slop - 1;
}

/* limit_list: the interesting commits of *LIST (which it empties), in walk order. */
static int limit_list(struct fg_walk *w, uint32_t *out, uint32_t *list)
{
	int64_t time = INT64_MAX;
	uint32_t last = 0, c;
	int slop = SLOP, rc = 0;

	*out = 0;
	while (*list) {
		uint32_t n = list_pop(w, list);

		if ((rc = add_parents(w, n, list)) < 0)
			break;
		if (w->nodes[n].flags & UNINTERESTING) {
			if ((rc = mark_parents_uninteresting(w, n)) < 0)
				break;
			if ((slop = still_interesting(w, *list, time, slop)))
				continue;
			break;
		}
		time = w->nodes[n].time;
		/* appended (by index: a new cell may move CELLS) */
		if (!(c = cell_new(w, n, 0))) {
			rc = -1;
			break;
		}
		*(last ? &w->cells[last].next : out) = c;
		last = c;
	}
	list_free(w, list);
	return rc;
}

/*
 * sort_in_topological_order without time sorting: a commit after all its
 * children, the tips in the order the walk found them.
 */
static int topo_sort(struct fg_walk *w, uint32_t *out, uint32_t list)
{
	uint32_t *queue = NULL, last = 0, cell;
	size_t nq = 0, cap = 0;
	int rc = 0;

	*out = 0;
	for (uint32_t l = list; l; l = w->cells[l].next)
		w->nodes[w->cells[l].item].in_degree = 1;
	for (uint32_t l = list; l; l = w->cells[l].next) {
		uint32_t c = w->cells[l].item;

		for (size_t i = 0; i < w->nodes[c].nparents; i++) {
			struct node *p = &w->nodes[parents_of(w, c)[i]];

			if (p->in_degree)
				p->in_degree++;
		}
	}
	for (uint32_t l = list; l; l = w->cells[l].next)
		cap++;
	if (!(queue = malloc((cap ? cap : 1) * sizeof(*queue)))) {
		git_error_set_oom();
		return -1;
	}
	/* the tips, in the order they came (the queue pops its last) */
	for (uint32_t l = list; l; l = w->cells[l].next)
		if (w->nodes[w->cells[l].item].in_degree == 1)
			queue[nq++] = w->cells[l].item;
	for (size_t i = 0; i < nq / 2; i++) {
		uint32_t t = queue[i];

		queue[i] = queue[nq - 1 - i];
		queue[nq - 1 - i] = t;
	}
	while (nq) {
		uint32_t c = queue[--nq];

		for (size_t i = 0; i < w->nodes[c].nparents; i++) {
			uint32_t p = parents_of(w, c)[i];

			if (!w->nodes[p].in_degree)
				continue;
			/* each commit of LIST is queued once: CAP is room enough */
			if (--w->nodes[p].in_degree == 1)
				queue[nq++] = p;
		}
		w->nodes[c].in_degree = 0;
		if (!(cell = cell_new(w, c, 0))) {
			rc = -1;
			break;
		}
		*(last ? &w->cells[last].next : out) = cell;
		last = cell;
	}
	free(queue);
	return rc;
}

/* prepare_walk: read the tips, and for a limited walk every commit to yield. */
static int prepare(struct fg_walk *w)
{
	uint32_t commits = 0, tail_list = 0, limited = 0;
	int rc;

	if (!w->did_push)
		return GIT_ITEROVER;
	for (uint32_t l = w->user_input; l; l = w->cells[l].next) {
		uint32_t c = w->cells[l].item;

		if ((rc = parse_node(w, c)) < 0)
			return rc;
		if ((w->nodes[c].flags & UNINTERESTING) && mark_parents_uninteresting(w, c) < 0)
			return -1;
		if (!(w->nodes[c].flags & SEEN)) {
			w->nodes[c].flags |= SEEN;
			if (list_push(w, &commits, c) < 0)
				return -1;
		}
	}
	list_free(w, &w->user_input);
	if (!w->limited) {
		w->iter = commits;
		return 0;
	}
	if ((rc = limit_list(w, &limited, &commits)) < 0) {
		list_free(w, &limited);
		return rc;
	}
	if (w->sort == FG_WALK_UNSORTED) {
		w->iter = limited;
		return 0;
	}
	rc = topo_sort(w, &tail_list, limited);
	list_free(w, &limited);
	if (rc < 0) {
		list_free(w, &tail_list);
		return rc;
	}
	/* reversed, without the commits that turned uninteresting meanwhile */
	while (tail_list) {
		uint32_t c = list_pop(w, &tail_list);

		if (!(w->nodes[c].flags & UNINTERESTING) && list_push(w, &w->iter, c) < 0) {
			list_free(w, &tail_list);
			return -1;
		}
	}
	return 0;
}

int fg_walk_next(size_t *node, struct fg_walk *w)
{
	int rc;

	if (w->failed)
		return w->failed;
	if (!w->prepared) {
		w->prepared = 1;
		if ((rc = prepare(w)) < 0) {
			w->failed = rc == GIT_ITEROVER ? GIT_ITEROVER : rc;
			if (rc == GIT_ITEROVER)
				git_error_clear();
			return rc;
		}
	}
	for (;;) {
		uint32_t c = list_pop(w, &w->iter);

		if (c == NIL) {
			git_error_clear();
			return w->failed = GIT_ITEROVER;
		}
		/* without hidden commits the walk reads as it goes */
		if (!w->limited && (rc = add_parents(w, c, &w->iter)) < 0)
			return w->failed = rc;
		/* some commits turn uninteresting after they were listed */
		if (w->nodes[c].flags & UNINTERESTING)
			continue;
		w->nodes[c].flags |= YIELDED;
		*node = c;
		return 0;
	}
}

int fg_walk_read(const struct fg_commit_info **out, struct fg_walk *w, size_t node)
{
	struct node *nd = &w->nodes[node];
	int rc;

	*out = NULL;
	if (nd->kept) {
		/* handed out: its space may be used again from the next walk step */
		struct kept *k = (struct kept *)(w->arena + nd->kept - 1);

		kept_drop(w, nd);
		if (nd->nparents > w->info_cap) {
			git_oid *v = realloc(w->info_parents, nd->nparents * sizeof(*v));

			if (!v) {
				git_error_set_oom();
				return -1;
			}
			w->info_parents = v;
			w->info_cap = nd->nparents;
		}
		for (size_t i = 0; i < nd->nparents; i++)
			git_oid_cpy(&w->info_parents[i], &w->nodes[parents_of(w, (uint32_t)node)[i]].id);
		git_oid_cpy(&w->info.id, &nd->id);
		git_oid_cpy(&w->info.tree, &k->tree);
		w->info.parents = w->info_parents;
		w->info.nparents = nd->nparents;
		w->info.time = nd->time;
		w->info.message = k->data;
		w->info.encoding = k->encoding ? k->data + k->encoding : NULL;
		*out = &w->info;
		return 0;
	}
	if ((rc = fg_commit_read(&w->buf, w->packs, &nd->id)) < 0)
		return rc;
	*out = &w->buf.info;
	return 0;
}

size_t fg_walk_count(const struct fg_walk *w)
{
	return w->n;
}

const git_oid *fg_walk_id(const struct fg_walk *w, size_t node)
{
	return &w->nodes[node].id;
}

size_t fg_walk_parents(const struct fg_walk *w, size_t node, const uint32_t **parents)
{
	const struct node *nd = &w->nodes[node];

	*parents = w->par + nd->parents;
	return nd->flags & PARSED ? nd->nparents : 0;
}

int fg_walk_yielded(const struct fg_walk *w, size_t node)
{
	return !!(w->nodes[node].flags & YIELDED);
}


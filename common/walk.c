/*
 * The commits of a push or a range, each inflated once (walk.h): libgit2's
 * revision walk algorithm (revwalk.c and commit_list.c, v1.5.1), on nodes
 * in one array, over commits parsed here as libgit2 parses them.
 */
#include <stdlib.h>
#include <string.h>
#include "walk.h"

/* Each hexadecimal digit's value plus one, either case; 0 for any other byte. */
static const unsigned char hexval[256] = {
	['0'] = 1, ['1'] = 2, ['2'] = 3, ['3'] = 4, ['4'] = 5, ['5'] = 6, ['6'] = 7,
	['7'] = 8, ['8'] = 9, ['9'] = 10, ['a'] = 11, ['b'] = 12, ['c'] = 13, ['d'] = 14,
	['e'] = 15, ['f'] = 16, ['A'] = 11, ['B'] = 12, ['C'] = 13, ['D'] = 14, ['E'] = 15,
	['F'] = 16,
};

/* 40 hex digits at HEX into *ID (git_oid_fromstrn's: either case). */
static int hex_oid(git_oid *id, const char *hex)
{
	for (size_t i = 0; i < GIT_OID_RAWSZ; i++) {
		unsigned hi = hexval[(unsigned char)hex[2 * i]], lo = hexval[(unsigned char)hex[2 * i + 1]];

		if (!hi || !lo)
			return -1;
		id->id[i] = (unsigned char)((hi - 1) << 4 | (lo - 1));
	}
	return 0;
}

/* git_oid__parse: HEADER, 40 hex digits and a newline at *BUF. */
static int oid_line(git_oid *id, const char **buf, const char *end, const char *header,
		    size_t hlen)
{
	const char *b = *buf;

	if ((size_t)(end - b) < hlen + GIT_OID_HEXSZ + 1 || memcmp(b, header, hlen) ||
	    b[hlen + GIT_OID_HEXSZ] != '\n' || hex_oid(id, b + hlen) < 0)
		return -1;
	*buf = b + hlen + GIT_OID_HEXSZ + 1;
	return 0;
}

/* git__prefixncmp(s, n, prefix) == 0 */
static int has_prefix(const char *s, const char *end, const char *prefix, size_t plen)
{
	return (size_t)(end - s) >= plen && !memcmp(s, prefix, plen);
}

static const char *last_of(const char *s, int c, size_t n)
{
	while (n--)
		if (s[n] == c)
			return s + n;
	return NULL;
}

static int is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == '\v';
}

/* git__strntol64 in base 10: 0 and *OUT, or -1. */
static int strntol64(int64_t *out, const char *p, size_t n)
{
	int64_t v = 0;
	int neg = 0, ovfl = 0;
	size_t ndig = 0;

	while (n && is_space(*p))
		p++, n--;
	if (n && (*p == '-' || *p == '+')) {
		neg = *p == '-';
		p++, n--;
	}
	for (; n; p++, n--, ndig++) {
		int d = *p >= '0' && *p <= '9' ? *p - '0' : 10;

		if (d >= 10)
			break;
		if (__builtin_mul_overflow(v, 10, &v) || __builtin_add_overflow(v, neg ? -d : d, &v))
			ovfl = 1;
	}
	if (!ndig || ovfl)
		return -1;
	*out = v;
	return 0;
}

static int signature_error(const char *why)
{
	git_error_set(GIT_ERROR_INVALID, "failed to parse signature - %s", why);
	return -1;
}

/*
 * git_signature__parse(sig, buf, end, HEADER, '\n') without keeping the
 * name and e-mail: what it accepts, and the time (0 when there is none).
 */
static int signature_line(int64_t *time, const char **buf, const char *end, const char *header,
			  size_t hlen)
{
	const char *b = *buf, *eol = memchr(b, '\n', (size_t)(end - b)), *lt, *gt;

	*time = 0;
	if (!eol)
		return signature_error("no newline given");
	if (b + hlen >= eol || memcmp(b, header, hlen))
		return signature_error("expected prefix doesn't match actual");
	b += hlen;
	/* the last '>' of the line, with no '<' after it, and the last '<' before it */
	for (gt = eol; gt > b && gt[-1] != '>' && gt[-1] != '<'; gt--)
		;
	if (gt == b || gt[-1] != '>' || !(lt = last_of(b, '<', (size_t)(--gt - b))))
		return signature_error("malformed e-mail");
	if (gt + 2 < eol && strntol64(time, gt + 2, (size_t)(eol - gt - 2)) < 0)
		return signature_error("invalid Unix timestamp");
	*buf = eol + 1;
	return 0;
}

static int bad_commit(void)
{
	git_error_set(GIT_ERROR_OBJECT, "failed to parse bad commit object");
	return -1;
}

/* A commit parsed: the parents go to a vector the caller owns. */
struct parsed {
	git_oid tree;
	int64_t time;
	const char *encoding; /* in the object; ENCODING_LEN bytes */
	size_t encoding_len;
	const char *message;  /* NUL-terminated (libgit2 ends every object with one) */
};

struct oids {
	git_oid *v;
	size_t n, cap;
};

static int oids_add(struct oids *o, const git_oid *id)
{
	if (o->n == o->cap) {
		size_t cap = o->cap ? 2 * o->cap : 8;
		git_oid *v = realloc(o->v, cap * sizeof(*v));

		if (!v) {
			git_error_set_oom();
			return -1;
		}
		o->v = v;
		o->cap = cap;
	}
	git_oid_cpy(&o->v[o->n++], id);
	return 0;
}

/*
 * libgit2's commit_parse (commit.c, v1.5.1) of DATA[0..LEN), a commit
 * object: QUICK, as its revision walk parses (the tree line skipped
 * unread, the author line optional, nothing after the committer); else as
 * git_commit_lookup (the tree, an author, the headers, the message). The
 * same inputs are refused with the same errors.
 */
static int parse_commit(struct parsed *p, struct oids *parents, const char *data, size_t len,
			int quick)
{
	const char *b = data, *end = data + len;
	git_oid id;
	int64_t t;
	int rc;

	parents->n = 0;
	memset(p, 0, sizeof(*p));
	if (quick) {
		if (len < 5 + GIT_OID_HEXSZ + 1)
			return bad_commit();
		b += 5 + GIT_OID_HEXSZ + 1;
	} else if (oid_line(&p->tree, &b, end, "tree ", 5) < 0) {
		return bad_commit();
	}
	while (oid_line(&id, &b, end, "parent ", 7) == 0)
		if (oids_add(parents, &id) < 0)
			return -1;
	if (!quick && (rc = signature_line(&t, &b, end, "author ", 7)) < 0)
		return rc;
	/* some tools write several author lines: the others are skipped */
	while (has_prefix(b, end, "author ", 7))
		if ((rc = signature_line(&t, &b, end, "author ", 7)) < 0)
			return rc;
	if ((rc = signature_line(&p->time, &b, end, "committer ", 10)) < 0 || quick)
		return rc;
	while (b < end) {
		const char *eol = b;

		if (b[-1] == '\n' && b[0] == '\n')
			break;
		while (eol < end && *eol != '\n')
			eol++;
		if (has_prefix(b, end, "encoding ", 9)) {
			p->encoding = b + 9;
			p->encoding_len = (size_t)(eol - b - 9);
		}
		b = eol < end ? eol + 1 : eol;
	}
	/* past the header and the blank line after it; git_commit_message then
	 * skips leading newlines */
	p->message = b + 1 <= end ? b + 1 : "";
	while (*p->message == '\n')
		p->message++;
	return 0;
}

/* git_commit__parse_raw's encoding: a copy up to a NUL, as git__strndup makes it. */
static char *copy_encoding(const struct parsed *p)
{
	const char *nul = memchr(p->encoding, '\0', p->encoding_len);
	size_t n = nul ? (size_t)(nul - p->encoding) : p->encoding_len;
	char *s = malloc(n + 1);

	if (!s) {
		git_error_set_oom();
		return NULL;
	}
	memcpy(s, p->encoding, n);
	s[n] = '\0';
	return s;
}

static int not_commit(void)
{
	git_error_set(GIT_ERROR_INVALID, "object is no commit object");
	return -1;
}

void fg_commit_buf_release(struct fg_commit_buf *buf)
{
	git_odb_object_free(buf->object);
	free(buf->parents);
	free(buf->encoding);
	memset(buf, 0, sizeof(*buf));
}

int fg_commit_read(struct fg_commit_buf *buf, git_odb *odb, const git_oid *id)
{
	struct oids parents = { buf->parents, 0, buf->cap };
	struct parsed p;
	int rc;

	git_odb_object_free(buf->object);
	buf->object = NULL;
	free(buf->encoding);
	buf->encoding = NULL;
	if ((rc = git_odb_read(&buf->object, odb, id)) < 0)
		return rc;
	if (git_odb_object_type(buf->object) != GIT_OBJECT_COMMIT)
		return not_commit();
	rc = parse_commit(&p, &parents, git_odb_object_data(buf->object),
			  git_odb_object_size(buf->object), 0);
	buf->parents = parents.v;
	buf->cap = parents.cap;
	if (rc < 0)
		return rc;
	if (p.encoding && !(buf->encoding = copy_encoding(&p)))
		return -1;
	git_oid_cpy(&buf->info.id, id);
	git_oid_cpy(&buf->info.tree, &p.tree);
	buf->info.parents = parents.v;
	buf->info.nparents = parents.n;
	buf->info.time = p.time;
	buf->info.encoding = buf->encoding;
	buf->info.message = p.message;
	return 0;
}

/* ------------------------------------------------------------ the walk */

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
	git_odb *odb;
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
	/* the messages kept: KEEP bytes at most, made on the first one kept;
	 * handed out in any order, the space is used again once all are */
	char *arena;
	size_t used, live, keep;
	struct oids tmp;       /* the parents of the commit being parsed */
	struct fg_commit_buf buf; /* what fg_walk_read hands out when not kept */
	struct fg_commit_info info;
	struct oids info_parents;
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
static void keep(struct fg_walk *w, uint32_t node, const struct parsed *p)
{
	size_t mlen = strlen(p->message), elen = 0, size;
	const char *nul;
	struct kept *k;

	if (p->encoding) {
		nul = memchr(p->encoding, '\0', p->encoding_len);
		elen = nul ? (size_t)(nul - p->encoding) : p->encoding_len;
	}
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
	git_odb_object *obj = NULL;
	struct parsed p;
	const char *data;
	size_t len;
	int rc = 0, full;

	if (w->nodes[node].flags & PARSED)
		return 0;
	if ((rc = git_odb_read(&obj, w->odb, &w->nodes[node].id)) < 0)
		return rc;
	if (git_odb_object_type(obj) != GIT_OBJECT_COMMIT) {
		git_odb_object_free(obj);
		return not_commit();
	}
	data = git_odb_object_data(obj);
	len = git_odb_object_size(obj);
	/* what git_commit_lookup parses, the walk's quick parse takes too, alike */
	if ((full = parse_commit(&p, &w->tmp, data, len, 0)) < 0 &&
	    (rc = parse_commit(&p, &w->tmp, data, len, 1)) < 0)
		goto out;
	if (w->tmp.n > UINT16_MAX) {
		git_error_set(GIT_ERROR_INVALID, "commit has more than 2^16 parents");
		rc = -1;
		goto out;
	}
	if (w->npar + w->tmp.n > w->par_cap) {
		size_t cap = w->par_cap ? 2 * w->par_cap : 256;
		uint32_t *par;

		while (cap < w->npar + w->tmp.n)
			cap *= 2;
		if (!(par = realloc(w->par, cap * sizeof(*par)))) {
			git_error_set_oom();
			rc = -1;
			goto out;
		}
		w->par = par;
		w->par_cap = cap;
	}
	w->nodes[node].time = p.time;
	w->nodes[node].parents = (uint32_t)w->npar;
	w->nodes[node].nparents = (uint16_t)w->tmp.n;
	for (size_t i = 0; i < w->tmp.n; i++) {
		uint32_t pn = node_of(w, &w->tmp.v[i]);

		if (pn == NIL) {
			rc = -1;
			goto out;
		}
		w->par[w->npar++] = pn;
	}
	w->nodes[node].flags |= PARSED;
	/* the message of a commit that may be yielded, while the bound allows */
	if (full == 0 && !(w->nodes[node].flags & UNINTERESTING))
		keep(w, node, &p);
	git_error_clear();
out:
	git_odb_object_free(obj);
	return rc;
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
	if ((rc = git_repository_odb(&w->odb, repo)) < 0) {
		free(w);
		return rc;
	}
	*out = w;
	return 0;
}

void fg_walk_free(struct fg_walk *w)
{
	if (!w)
		return;
	free(w->arena);
	fg_commit_buf_release(&w->buf);
	free(w->info_parents.v);
	free(w->tmp.v);
	free(w->nodes);
	free(w->par);
	free(w->slots);
	free(w->cells);
	git_odb_free(w->odb);
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
		w->info_parents.n = 0;
		for (size_t i = 0; i < nd->nparents; i++)
			if (oids_add(&w->info_parents, &w->nodes[parents_of(w, (uint32_t)node)[i]].id) < 0)
				return -1;
		git_oid_cpy(&w->info.id, &nd->id);
		git_oid_cpy(&w->info.tree, &k->tree);
		w->info.parents = w->info_parents.v;
		w->info.nparents = nd->nparents;
		w->info.time = nd->time;
		w->info.message = k->data;
		w->info.encoding = k->encoding ? k->data + k->encoding : NULL;
		*out = &w->info;
		return 0;
	}
	if ((rc = fg_commit_read(&w->buf, w->odb, &nd->id)) < 0)
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

/* ------------------------------------------------------------ trees */

/*
 * libgit2's normalize_filemode (tree.c): how git_tree_entry_filemode shows
 * the mode a tree records.
 */
static uint32_t normal_mode(uint32_t mode)
{
	if ((mode & 0170000) == GIT_FILEMODE_TREE)
		return GIT_FILEMODE_TREE;
	if (mode & 0111)
		return GIT_FILEMODE_BLOB_EXECUTABLE;
	if ((mode & 0170000) == GIT_FILEMODE_COMMIT)
		return GIT_FILEMODE_COMMIT;
	if ((mode & 0170000) == GIT_FILEMODE_LINK)
		return GIT_FILEMODE_LINK;
	return GIT_FILEMODE_BLOB;
}

/* The same from libgit2's own parse (an odd tree, or one that cannot be read). */
static int tree_tops_git(git_repository *repo, const git_oid *id, char *const *names, size_t n,
			 struct fg_tree_top *tops)
{
	git_tree *tree = NULL;
	int rc = git_tree_lookup(&tree, repo, id);

	for (size_t k = 0; rc == 0 && k < n; k++) {
		const git_tree_entry *e = git_tree_entry_byname(tree, names[k]);

		if (e) {
			git_oid_cpy(&tops[k].id, git_tree_entry_id(e));
			tops[k].mode = (uint32_t)git_tree_entry_filemode(e);
		}
	}
	git_tree_free(tree);
	return rc;
}

int fg_tree_tops(git_repository *repo, git_odb *odb, const git_oid *tree, char *const *names,
		 size_t n, struct fg_tree_top *tops)
{
	git_odb_object *obj = NULL;
	const char *b, *end;

	memset(tops, 0, n * sizeof(*tops));
	if (git_odb_read(&obj, odb, tree) < 0 || git_odb_object_type(obj) != GIT_OBJECT_TREE)
		goto slow;
	b = git_odb_object_data(obj);
	end = b + git_odb_object_size(obj);
	/* "<octal mode> <name>\0<20-byte ID>" ...; anything else: libgit2 says */
	while (b < end) {
		uint32_t mode = 0;
		const char *name, *nul;
		size_t digits = 0, len;

		for (; b < end && *b >= '0' && *b <= '7' && digits < 7; b++, digits++)
			mode = mode * 8 + (uint32_t)(*b - '0');
		if (!digits || digits > 6 || b >= end || *b++ != ' ' ||
		    !(nul = memchr(b, '\0', (size_t)(end - b))) || nul == b ||
		    (size_t)(end - nul - 1) < GIT_OID_RAWSZ)
			goto slow;
		name = b;
		len = (size_t)(nul - b);
		for (size_t k = 0; k < n; k++)
			if (!tops[k].mode && !strncmp(names[k], name, len) && !names[k][len]) {
				git_oid_fromraw(&tops[k].id, (const unsigned char *)nul + 1);
				tops[k].mode = normal_mode(mode);
			}
		b = nul + 1 + GIT_OID_RAWSZ;
	}
	git_odb_object_free(obj);
	return 0;
slow:
	git_odb_object_free(obj);
	git_error_clear();
	memset(tops, 0, n * sizeof(*tops));
	return tree_tops_git(repo, tree, names, n, tops);
}

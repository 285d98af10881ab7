/*
 * Carriers of a fix (carrier.h): the fix commits' patch IDs and paths
 * computed once, a commit's paths compared by tree entry IDs before any
 * diff, then one walk where each commit's set of carriers (fix commits and
 * their cherry-picks) is the union of its parents' and its own, as bits.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "array.h"
#include "carrier.h"

static int oid_at_cmp(const void *a, const void *b)
{
	return git_oid_cmp(&((const struct fg_oid_at *)a)->id, &((const struct fg_oid_at *)b)->id);
}

static const struct fg_oid_at *oid_find(const struct fg_oid_at *index, size_t n, const git_oid *id)
{
	struct fg_oid_at key;

	if (!n)
		return NULL;
	key.id = *id;
	key.at = 0;
	return bsearch(&key, index, n, sizeof(key), oid_at_cmp);
}

int fg_fix_commit_init(struct fg_fix_commit *f, git_repository *repo, const git_oid *id)
{
	char hex[GIT_OID_HEXSZ + 1];

	if (git_commit_lookup(&f->commit, repo, id) < 0)
		return -1;
	git_oid_tostr(hex, sizeof(hex), id);
	snprintf(f->needle, sizeof(f->needle), "(cherry picked from commit %s)", hex);
	return 0;
}

void fg_fix_commit_release(struct fg_fix_commit *f)
{
	git_commit_free(f->commit);
	for (size_t p = 0; p < f->npaths; p++)
		free(f->paths[p]);
	free(f->paths);
	memset(f, 0, sizeof(*f));
}

/* The trees of COMMIT and of its first parent (*BASE NULL for a root commit). */
static int commit_trees(git_commit *commit, git_tree **tree, git_tree **base)
{
	git_commit *parent = NULL;
	int rc = -1;

	*tree = *base = NULL;
	if (git_commit_tree(tree, commit) == 0 &&
	    (!git_commit_parentcount(commit) || (git_commit_parent(&parent, commit, 0) == 0 &&
						  git_commit_tree(base, parent) == 0)))
		rc = 0;
	git_commit_free(parent);
	return rc;
}

/*
 * The stable patch ID of the change BASE (may be NULL) -> TREE; zero when
 * nothing changes. With PATHS, also the paths it changes (newly allocated).
 */
static int patch_id(git_repository *repo, git_tree *base, git_tree *tree, git_oid *out,
		    char ***paths, size_t *npaths)
{
	git_diff *diff = NULL;
	size_t n;
	int rc = -1;

	memset(out, 0, sizeof(*out));
	if (git_diff_tree_to_tree(&diff, repo, base, tree, NULL) < 0)
		return -1;
	n = git_diff_num_deltas(diff);
	if (n && git_diff_patchid(out, diff, NULL) < 0)
		goto out;
	if (paths && !(*paths = calloc(2 * n + 1, sizeof(**paths))))
		goto out;
	for (size_t i = 0; paths && i < n; i++) {
		const git_diff_delta *d = git_diff_get_delta(diff, i);

		if (!((*paths)[(*npaths)++] = strdup(d->old_file.path)))
			goto out;
		if (strcmp(d->old_file.path, d->new_file.path) &&
		    !((*paths)[(*npaths)++] = strdup(d->new_file.path)))
			goto out;
	}
	rc = 0;
out:
	git_diff_free(diff);
	return rc;
}

/*
 * Does the entry at PATH differ between TREE and BASE (NULL: empty)? Both
 * are descended together, and the walk stops at the first directory on
 * the way that is the same on both sides: most commits are told apart by
 * their root trees alone. Unknown (out of memory, unreadable) counts as
 * changed.
 */
static int path_changed(git_repository *repo, git_tree *tree, git_tree *base, const char *path)
{
	git_tree *a = tree, *b = base;
	char *copy = strdup(path), *name, *slash;
	int changed = 1;

	for (name = copy; name; name = slash ? slash + 1 : NULL) {
		const git_tree_entry *ea, *eb;
		git_tree *na = NULL, *nb = NULL;

		if ((slash = strchr(name, '/')))
			*slash = '\0';
		ea = a ? git_tree_entry_byname(a, name) : NULL;
		eb = b ? git_tree_entry_byname(b, name) : NULL;
		if (!ea || !eb) {
			changed = ea != eb;
			break;
		}
		if (git_oid_equal(git_tree_entry_id(ea), git_tree_entry_id(eb)) &&
		    git_tree_entry_filemode(ea) == git_tree_entry_filemode(eb)) {
			changed = 0;
			break;
		}
		if (!slash || git_tree_entry_type(ea) != GIT_OBJECT_TREE ||
		    git_tree_entry_type(eb) != GIT_OBJECT_TREE ||
		    git_tree_lookup(&na, repo, git_tree_entry_id(ea)) < 0 ||
		    git_tree_lookup(&nb, repo, git_tree_entry_id(eb)) < 0) {
			git_tree_free(na);
			break; /* changed */
		}
		if (a != tree)
			git_tree_free(a);
		if (b != base)
			git_tree_free(b);
		a = na;
		b = nb;
	}
	if (a != tree)
		git_tree_free(a);
	if (b != base)
		git_tree_free(b);
	free(copy);
	git_error_clear();
	return changed;
}

size_t fg_carrier_picks(git_repository *repo, struct fg_fix_commit *fixes, size_t nfix,
			git_commit *commit)
{
	const char *message = git_commit_message(commit);
	git_tree *tree = NULL, *base = NULL;
	git_oid patch;
	int have_patch = 0;
	size_t found = SIZE_MAX;

	if (message && strstr(message, "(cherry picked from commit "))
		for (size_t i = 0; i < nfix; i++)
			if (strstr(message, fixes[i].needle))
				return i;
	if (commit_trees(commit, &tree, &base) < 0)
		goto out;
	for (size_t i = 0; i < nfix && found == SIZE_MAX; i++) {
		struct fg_fix_commit *f = &fixes[i];
		size_t p;

		if (!f->known) {
			git_tree *ft = NULL, *fb = NULL;

			f->known = 1;
			if (commit_trees(f->commit, &ft, &fb) < 0 ||
			    patch_id(repo, fb, ft, &f->patch, &f->paths, &f->npaths) < 0)
				memset(&f->patch, 0, sizeof(f->patch)); /* unreadable: never matched */
			git_tree_free(ft);
			git_tree_free(fb);
		}
		if (git_oid_is_zero(&f->patch))
			continue;
		for (p = 0; p < f->npaths && path_changed(repo, tree, base, f->paths[p]); p++)
			;
		if (p < f->npaths)
			continue;
		if (!have_patch && patch_id(repo, base, tree, &patch, NULL, NULL) < 0)
			break;
		have_patch = 1;
		if (git_oid_equal(&patch, &f->patch))
			found = i;
	}
out:
	git_error_clear();
	git_tree_free(base);
	git_tree_free(tree);
	return found;
}

static int is_fix(const git_oid *fix, size_t nfix, const git_oid *id, size_t *which)
{
	for (size_t i = 0; i < nfix; i++)
		if (git_oid_equal(id, &fix[i])) {
			*which = i;
			return 1;
		}
	return 0;
}

int fg_carriers_walk(struct fg_carriers *c, git_repository *repo, git_revwalk *walk,
		     struct fg_fix_commit *fixes, const git_oid *fix, size_t nfix)
{
	git_oid id;
	size_t cap = 0, pcap = 0, npar = 0, ccap = 0;
	int next;

	c->nfix = nfix;
	while ((next = git_revwalk_next(&id, walk)) == 0) {
		if (fg_array_grow((void **)&c->ids, &cap, c->n + 1, sizeof(*c->ids)) < 0)
			return -1;
		c->ids[c->n++] = id;
	}
	if (next != GIT_ITEROVER)
		return -1;
	if (!(c->index = malloc((c->n ? c->n : 1) * sizeof(*c->index))) ||
	    !(c->parent_at = malloc((c->n + 1) * sizeof(*c->parent_at))) ||
	    !(c->own = calloc(c->n ? c->n : 1, sizeof(*c->own))))
		return -1;
	for (size_t i = 0; i < c->n; i++) {
		c->index[i].id = c->ids[i];
		c->index[i].at = i;
	}
	qsort(c->index, c->n, sizeof(*c->index), oid_at_cmp);
	/* carriers 0 .. nfix-1: the fix commits */
	if (fg_array_grow((void **)&c->carrier, &ccap, nfix, sizeof(*c->carrier)) < 0 ||
	    !(c->carrier_fix = malloc(ccap * sizeof(*c->carrier_fix))))
		return -1;
	c->carriers_cap = ccap;
	for (size_t i = 0; i < nfix; i++) {
		c->carrier[i] = fix[i];
		c->carrier_fix[i] = i;
	}
	c->ncarriers = nfix;
	for (size_t i = 0; i < c->n; i++) {
		git_commit *commit = NULL;
		unsigned n;
		size_t which;

		c->parent_at[i] = npar;
		if (git_commit_lookup(&commit, repo, &c->ids[i]) < 0)
			return -1;
		n = git_commit_parentcount(commit);
		for (unsigned p = 0; p < n; p++) {
			const struct fg_oid_at *found = oid_find(c->index, c->n,
								 git_commit_parent_id(commit, p));

			if (!found)
				continue; /* below the fix's base: holds nothing of it */
			if (fg_array_grow((void **)&c->parents, &pcap, npar + 1,
					  sizeof(*c->parents)) < 0) {
				git_commit_free(commit);
				return -1;
			}
			c->parents[npar++] = found->at;
		}
		if (is_fix(fix, nfix, &c->ids[i], &which)) {
			c->own[i] = which + 1;
		} else if (n == 1 && (which = fg_carrier_picks(repo, fixes, nfix, commit)) != SIZE_MAX) {
			size_t cc = c->carriers_cap;

			if (fg_array_grow((void **)&c->carrier, &cc, c->ncarriers + 1,
					  sizeof(*c->carrier)) < 0) {
				git_commit_free(commit);
				return -1;
			}
			if (cc != c->carriers_cap) {
				size_t *bigger = realloc(c->carrier_fix, cc * sizeof(*bigger));

				if (!bigger) {
					git_commit_free(commit);
					return -1;
				}
				c->carrier_fix = bigger;
				c->carriers_cap = cc;
			}
			c->carrier[c->ncarriers] = c->ids[i];
			c->carrier_fix[c->ncarriers] = which;
			c->own[i] = ++c->ncarriers;
		}
		git_commit_free(commit);
	}
	c->parent_at[c->n] = npar;
	/* each commit holds its own carrier and its parents' */
	c->words = (c->ncarriers + 63) / 64;
	if (!(c->bits = calloc(c->n * c->words + 1, sizeof(*c->bits))))
		return -1;
	for (size_t i = 0; i < c->n; i++) {
		uint64_t *mine = &c->bits[i * c->words];

		if (c->own[i])
			mine[(c->own[i] - 1) / 64] |= 1ULL << ((c->own[i] - 1) % 64);
		for (size_t p = c->parent_at[i]; p < c->parent_at[i + 1]; p++)
			for (size_t k = 0; k < c->words; k++)
				mine[k] |= c->bits[c->parents[p] * c->words + k];
	}
	return 0;
}

const uint64_t *fg_carriers_held(const struct fg_carriers *c, const git_oid *id)
{
	const struct fg_oid_at *found = oid_find(c->index, c->n, id);

	return found ? &c->bits[found->at * c->words] : NULL;
}

static int has_bit(const uint64_t *bits, size_t j)
{
	return bits && (bits[j / 64] >> (j % 64)) & 1;
}

size_t fg_carriers_of(const struct fg_carriers *c, const uint64_t *bits, size_t i)
{
	if (has_bit(bits, i))
		return i;
	for (size_t j = c->nfix; j < c->ncarriers; j++)
		if (c->carrier_fix[j] == i && has_bit(bits, j))
			return j;
	return SIZE_MAX;
}

void fg_carriers_release(struct fg_carriers *c)
{
	free(c->ids);
	free(c->index);
	free(c->parents);
	free(c->parent_at);
	free(c->carrier);
	free(c->carrier_fix);
	free(c->own);
	free(c->bits);
	memset(c, 0, sizeof(*c));
}

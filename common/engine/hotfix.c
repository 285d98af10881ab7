/*
 * Hotfix propagation (hotfix.h): the fix's commits, one walk over what the
 * long-lived branches hold beyond the fix's base, where each commit's set
 * of carriers (fix commits and their cherry-picks) is the union of its
 * parents' and its own, then one row per branch.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "hotfix.h"
#include "quote.h"
#include "report.h"
#include "gitinit.h"
#include "oidset.h"
#include "repo.h"
#include "vfiles.h"
#include "version.h"

#define ABBREV 12 /* hex digits of an OID in tables and commands */

/* An OID and where it is (a position in an array), for bsearch. */
struct oid_at {
	git_oid id;
	size_t at;
};

static int oid_at_cmp(const void *a, const void *b)
{
	return git_oid_cmp(&((const struct oid_at *)a)->id, &((const struct oid_at *)b)->id);
}

static const struct oid_at *oid_find(const struct oid_at *index, size_t n, const git_oid *id)
{
	struct oid_at key;

	if (!n)
		return NULL;
	key.id = *id;
	key.at = 0;
	return bsearch(&key, index, n, sizeof(key), oid_at_cmp);
}

/* A release tag: its name, version (PRE points into NAME) and commit. */
struct tag_ref {
	char *name;
	struct fg_version version;
	git_oid commit;
};

/* A fix commit, with what a cherry-pick of it must match. */
struct fix_commit {
	git_commit *commit;
	char needle[80];      /* "(cherry picked from commit <hex>)" */
	int known;            /* PATHS and PATCH computed */
	char **paths;         /* the paths it changes (old and new names) */
	size_t npaths;
	git_oid patch;        /* stable patch ID; zero when it changes nothing */
};

/* Everything fg_hotfix_status holds while it works. */
struct work {
	git_repository *repo;
	struct fg_config *cfg;
	struct fg_hotfix *out;
	struct tag_ref *tags;
	size_t ntags;
	struct fix_commit *fixes;
	git_oid base;              /* a hotfix branch: where it starts (HAS_BASE) */
	int has_base;
	/* the walk: commits in topological order, parents first */
	git_oid *ids;
	size_t n;
	struct oid_at *index;      /* IDS sorted */
	size_t *parents, *parent_at; /* parents of commit i: parents[parent_at[i] .. parent_at[i+1]) */
	/* carriers: 0 .. nfix-1 the fix commits, then cherry-picks */
	git_oid *carrier;
	size_t *carrier_fix;
	size_t ncarriers, carriers_cap;
	size_t *own;               /* per commit: its carrier + 1, or 0 */
	uint64_t *bits;            /* per commit: WORDS words, the carriers it holds */
	size_t words;
};

static int grow(void **array, size_t *cap, size_t need, size_t size)
{
	void *bigger;
	size_t n = *cap ? *cap : 8;

	if (need <= *cap)
		return 0;
	while (n < need)
		n *= 2;
	if (!(bigger = realloc(*array, n * size)))
		return -1;
	*array = bigger;
	*cap = n;
	return 0;
}

static const char *kind_name(enum fg_branch_kind kind)
{
	switch (kind) {
	case FG_BRANCH_MAIN: return "main";
	case FG_BRANCH_DEV: return "dev";
	case FG_BRANCH_RELEASE: return "release";
	case FG_BRANCH_MAINT: return "maint";
	default: return "other";
	}
}

static int long_lived(enum fg_branch_kind kind)
{
	return kind == FG_BRANCH_MAIN || kind == FG_BRANCH_DEV || kind == FG_BRANCH_RELEASE ||
	       kind == FG_BRANCH_MAINT;
}

const char *fg_hotfix_state_name(enum fg_hotfix_state state)
{
	static const char *const names[] = { "missing", "partial", "picked", "merged" };

	return names[state];
}

/* Add the long-lived branch REF to OUT->rows. Returns 0, -1 out of memory. */
static int add_row(struct work *w, git_reference *ref, size_t *cap)
{
	const char *refname = git_reference_name(ref), *branch;
	struct fg_hotfix_row *row;
	struct fg_branch parsed;
	git_object *peeled = NULL;
	size_t remote_len;

	if (!(branch = fg_refname_branch(refname, &remote_len)) || !strcmp(branch, "HEAD") ||
	    fg_branch_parse(w->cfg, branch, &parsed) < 0 || !long_lived(parsed.kind))
		return 0;
	if (git_reference_peel(&peeled, ref, GIT_OBJECT_COMMIT) < 0) {
		git_error_clear(); /* a branch that points at no commit holds nothing */
		return 0;
	}
	if (grow((void **)&w->out->rows, cap, w->out->nrows + 1, sizeof(*row)) < 0) {
		git_object_free(peeled);
		return -1;
	}
	row = &w->out->rows[w->out->nrows];
	memset(row, 0, sizeof(*row));
	row->tip = *git_object_id(peeled);
	git_object_free(peeled);
	row->parsed = parsed;
	row->parsed.spec = NULL; /* not kept: the configuration may go first */
	if (!(row->name = strdup(remote_len ? refname + 13 : branch)))
		return -1;
	w->out->nrows++;
	row->branch = row->name + (remote_len ? remote_len + 1 : 0);
	if (remote_len && !(row->remote = strndup(refname + 13, remote_len)))
		return -1;
	return 0;
}

/* Add release tag REF (refs/tags/NAME) to W->tags. Returns 0, -1 out of memory. */
static int add_tag(struct work *w, git_reference *ref, size_t *cap)
{
	struct tag_ref *tag;
	git_object *peeled = NULL;
	struct fg_version version;
	char *name;

	if (fg_tag_parse(w->cfg, git_reference_name(ref) + 10, &version) < 0)
		return 0;
	if (git_reference_peel(&peeled, ref, GIT_OBJECT_COMMIT) < 0) {
		git_error_clear();
		return 0;
	}
	if (grow((void **)&w->tags, cap, w->ntags + 1, sizeof(*tag)) < 0 ||
	    !(name = strdup(git_reference_name(ref) + 10))) {
		git_object_free(peeled);
		return -1;
	}
	tag = &w->tags[w->ntags++];
	tag->name = name;
	fg_tag_parse(w->cfg, name, &tag->version); /* again, so that PRE points into NAME */
	tag->commit = *git_object_id(peeled);
	git_object_free(peeled);
	return 0;
}

/* The long-lived branches and the release tags. Returns 0, -1 on error. */
static int read_refs(struct work *w)
{
	git_reference_iterator *it = NULL;
	git_reference *ref;
	size_t rows_cap = 0, tags_cap = 0;
	int rc = 0, next;

	if (git_reference_iterator_new(&it, w->repo) < 0)
		return -1;
	while (rc == 0 && (next = git_reference_next(&ref, it)) == 0) {
		if (git_reference_type(ref) == GIT_REFERENCE_DIRECT)
			rc = !strncmp(git_reference_name(ref), "refs/tags/", 10)
				     ? add_tag(w, ref, &tags_cap)
				     : add_row(w, ref, &rows_cap);
		git_reference_free(ref);
		if (w->cfg->error)
			rc = -1;
	}
	git_reference_iterator_free(it);
	if (rc == 0 && next != GIT_ITEROVER)
		rc = -1;
	return rc;
}

/*
 * The commits of hotfix branch TIP: its first-parent line from TIP down to
 * the first older commit that a release tag or a long-lived branch points
 * at (W->base then holds it), merges left out. A TIP that a release tag
 * points at has none, nor one still at CREATED (may be NULL: where the
 * local branch's reflog says it was made) when a long-lived branch points
 * there too. Sets OUT->fix (oldest first). Returns 0, -2 no
 * commit, -3 more than FG_HOTFIX_MAX_COMMITS, -1 on error.
 */
static int branch_commits(struct work *w, const git_oid *tip, const git_oid *created)
{
	struct fg_oidset stops = FG_OIDSET_INIT;
	git_oid *chain = NULL;
	size_t nchain = 0, cap = 0;
	git_oid id = *tip;
	int rc = 0;

	for (size_t i = 0; i < w->ntags; i++)
		if (git_oid_equal(&w->tags[i].commit, tip))
			return -2; /* a released commit: the branch has not started */
	/* made at a long-lived branch's tip and not moved since: nothing of its own
	 * (a branch made from a remote-tracking hotfix branch is made at its tip
	 * too, but that tip is no long-lived branch's) */
	for (size_t i = 0; created && git_oid_equal(created, tip) && i < w->out->nrows; i++)
		if (git_oid_equal(&w->out->rows[i].tip, tip))
			return -2;
	for (size_t i = 0; i < w->out->nrows + w->ntags; i++)
		if (fg_oidset_add(&stops, i < w->out->nrows ? &w->out->rows[i].tip
							    : &w->tags[i - w->out->nrows].commit) < 0) {
			fg_oidset_release(&stops);
			return -1;
		}
	for (size_t depth = 0;; depth++) {
		git_commit *commit = NULL;
		unsigned parents;

		if (depth && fg_oidset_has(&stops, &id)) {
			w->base = id;
			w->has_base = 1;
			break;
		}
		if (git_commit_lookup(&commit, w->repo, &id) < 0) {
			rc = -1;
			break;
		}
		parents = git_commit_parentcount(commit);
		if (parents <= 1) { /* a merge is no patch of its own */
			if (nchain == FG_HOTFIX_MAX_COMMITS) {
				git_commit_free(commit);
				rc = -3;
				break;
			}
			if (grow((void **)&chain, &cap, nchain + 1, sizeof(*chain)) < 0) {
				git_commit_free(commit);
				rc = -1;
				break;
			}
			chain[nchain++] = id;
		}
		if (parents)
			id = *git_commit_parent_id(commit, 0);
		git_commit_free(commit);
		if (!parents)
			break;
	}
	fg_oidset_release(&stops);
	if (rc == 0 && !nchain)
		rc = -2;
	if (rc == 0) {
		for (size_t i = 0; i < nchain / 2; i++) { /* oldest first */
			git_oid t = chain[i];
			chain[i] = chain[nchain - 1 - i];
			chain[nchain - 1 - i] = t;
		}
		w->out->fix = chain;
		w->out->nfix = nchain;
		chain = NULL;
	}
	free(chain);
	return rc;
}

/*
 * Where local branch REFNAME was made, from the oldest entry of its reflog
 * when that one creates it (old ID zero). Returns 0, or -1 when unknown.
 */
static int reflog_created(git_repository *repo, const char *refname, git_oid *out)
{
	git_reflog *log = NULL;
	const git_reflog_entry *oldest;
	size_t n;
	int rc = -1;

	if (git_reflog_read(&log, repo, refname) < 0) {
		git_error_clear();
		return -1;
	}
	if ((n = git_reflog_entrycount(log)) && (oldest = git_reflog_entry_byindex(log, n - 1)) &&
	    git_oid_is_zero(git_reflog_entry_id_old(oldest))) {
		*out = *git_reflog_entry_id_new(oldest);
		rc = 0;
	}
	git_reflog_free(log);
	return rc;
}

/*
 * OUT->name, ->is_branch and ->fix from WHAT (fg_hotfix_status). Returns 0,
 * -2 with *WHY, -1.
 */
static int resolve(struct work *w, const char *what, char **why)
{
	char *head = NULL, *refname = NULL;
	struct fg_branch parsed;
	git_reference *ref = NULL;
	git_object *object = NULL, *commit = NULL;
	git_oid created;
	int rc = -1, have_created = 0;

	if (!what) {
		/* no fix named: HEAD's hotfix branch, never whatever HEAD is */
		int on_branch = fg_repo_head_branch(w->repo, &head) == 0 && head;

		git_error_clear();
		if (on_branch && fg_branch_parse(w->cfg, head, &parsed) == 0 &&
		    parsed.kind == FG_BRANCH_HOTFIX) {
			what = head;
		} else if (!w->cfg->error) {
			char *word = on_branch ? fg_sh_quote(head, strlen(head), 0) : NULL;

			*why = fg_strdupf("HEAD is %s%s, not a hotfix branch; name the fix: "
					  "flowgate hotfix-status hotfix/<name> (or a commit)",
					  on_branch ? "on " : "detached", on_branch && word ? word : "");
			free(word);
			rc = *why ? -2 : -1;
			goto out;
		} else {
			goto out;
		}
	}
	if (!(w->out->name = strdup(what)))
		goto out;
	/* a hotfix branch: local, then remote-tracking */
	for (int remote = 0; remote < 2 && !w->out->is_branch; remote++) {
		const char *branch = what;
		size_t remote_len;

		free(refname);
		if (!(refname = fg_strdupf("refs/%s/%s", remote ? "remotes" : "heads", what)))
			goto out;
		if (git_reference_lookup(&ref, w->repo, refname) < 0) {
			git_error_clear();
			continue;
		}
		if (remote)
			branch = fg_refname_branch(refname, &remote_len);
		if (branch && fg_branch_parse(w->cfg, branch, &parsed) == 0 &&
		    parsed.kind == FG_BRANCH_HOTFIX && git_reference_peel(&commit, ref, GIT_OBJECT_COMMIT) == 0) {
			w->out->is_branch = 1;
			have_created = !remote && reflog_created(w->repo, refname, &created) == 0;
		}
		git_error_clear();
		git_reference_free(ref);
		ref = NULL;
	}
	if (w->cfg->error)
		goto out;
	if (w->out->is_branch) {
		rc = branch_commits(w, git_object_id(commit), have_created ? &created : NULL);
		if (rc == -2 || rc == -3) {
			*why = rc == -2
				? fg_strdupf("'%s' has no commit of its own yet (it is where it was "
					     "made, or at a release tag); commit the fix first, or name a "
					     "commit", what)
				: fg_strdupf("'%s' has more than %d commits of its own above its release "
					     "tag or branch; name the fix's commit: flowgate "
					     "hotfix-status <commit>", what, FG_HOTFIX_MAX_COMMITS);
			rc = *why ? -2 : -1;
		}
		goto out;
	}
	if (git_revparse_single(&object, w->repo, what) < 0 ||
	    git_object_peel(&commit, object, GIT_OBJECT_COMMIT) < 0) {
		*why = fg_strdupf("'%s' names no commit (%s); name a hotfix branch or a commit",
				  what, fg_git_error());
		rc = *why ? -2 : -1;
		goto out;
	}
	if (!(w->out->fix = malloc(sizeof(*w->out->fix))))
		goto out;
	w->out->fix[0] = *git_object_id(commit);
	w->out->nfix = 1;
	rc = 0;
out:
	git_object_free(commit);
	git_object_free(object);
	free(refname);
	free(head);
	return rc;
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

/*
 * The fix commit COMMIT (one parent, not a fix commit) is a cherry-pick
 * of, or SIZE_MAX: its message names it (git cherry-pick -x), or it
 * changes the same paths with the same patch ID. The paths are compared
 * first, by entry IDs: a tree diff and a patch ID are computed only for
 * a commit that changes every path the fix changes. Errors count as no
 * match.
 */
static size_t picks(struct work *w, git_commit *commit)
{
	const char *message = git_commit_message(commit);
	git_tree *tree = NULL, *base = NULL;
	git_oid patch;
	int have_patch = 0;
	size_t found = SIZE_MAX;

	if (message && strstr(message, "(cherry picked from commit "))
		for (size_t i = 0; i < w->out->nfix; i++)
			if (strstr(message, w->fixes[i].needle))
				return i;
	if (commit_trees(commit, &tree, &base) < 0)
		goto out;
	for (size_t i = 0; i < w->out->nfix && found == SIZE_MAX; i++) {
		struct fix_commit *f = &w->fixes[i];
		size_t p;

		if (!f->known) {
			git_tree *ft = NULL, *fb = NULL;

			f->known = 1;
			if (commit_trees(f->commit, &ft, &fb) < 0 ||
			    patch_id(w->repo, fb, ft, &f->patch, &f->paths, &f->npaths) < 0)
				memset(&f->patch, 0, sizeof(f->patch)); /* unreadable: never matched */
			git_tree_free(ft);
			git_tree_free(fb);
		}
		if (git_oid_is_zero(&f->patch))
			continue;
		for (p = 0; p < f->npaths && path_changed(w->repo, tree, base, f->paths[p]); p++)
			;
		if (p < f->npaths)
			continue;
		if (!have_patch && patch_id(w->repo, base, tree, &patch, NULL, NULL) < 0)
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

/* The fix commits' own data: headers, cherry-pick lines. Returns 0, -1. */
static int read_fixes(struct work *w)
{
	struct fg_hotfix *out = w->out;

	if (!(w->fixes = calloc(out->nfix, sizeof(*w->fixes))) ||
	    !(out->headers = calloc(out->nfix, sizeof(*out->headers))))
		return -1;
	for (size_t i = 0; i < out->nfix; i++) {
		const char *summary;
		char hex[GIT_OID_HEXSZ + 1];

		if (git_commit_lookup(&w->fixes[i].commit, w->repo, &out->fix[i]) < 0)
			return -1;
		summary = git_commit_summary(w->fixes[i].commit);
		if (!(out->headers[i] = strdup(summary ? summary : "")))
			return -1;
		for (char *p = out->headers[i]; *p; p++)
			if ((unsigned char)*p < 0x20 || *p == 0x7f)
				*p = ' ';
		git_oid_tostr(hex, sizeof(hex), &out->fix[i]);
		snprintf(w->fixes[i].needle, sizeof(w->fixes[i].needle),
			 "(cherry picked from commit %s)", hex);
	}
	return 0;
}

static int is_fix(const struct work *w, const git_oid *id, size_t *which)
{
	for (size_t i = 0; i < w->out->nfix; i++)
		if (git_oid_equal(id, &w->out->fix[i])) {
			*which = i;
			return 1;
		}
	return 0;
}

/*
 * Hide from WALK what is older than the fix: where a hotfix branch starts,
 * or the parents of one fix commit.
 */
static int hide_base(struct work *w, git_revwalk *walk)
{
	git_commit *c = w->fixes[0].commit;

	if (w->out->is_branch)
		return w->has_base ? git_revwalk_hide(walk, &w->base) : 0;
	for (unsigned p = 0; p < git_commit_parentcount(c); p++)
		if (git_revwalk_hide(walk, git_commit_parent_id(c, p)) < 0)
			return -1;
	return 0;
}

/* Is the tag's series that of a release or maint row? */
static int tag_wanted(const struct work *w, const struct tag_ref *tag)
{
	for (size_t i = 0; i < w->out->nrows; i++) {
		const struct fg_branch *b = &w->out->rows[i].parsed;

		if ((b->kind == FG_BRANCH_RELEASE || b->kind == FG_BRANCH_MAINT) && b->series &&
		    b->major == tag->version.major && b->minor == tag->version.minor)
			return 1;
	}
	return 0;
}

/*
 * The walk: every commit the rows and the wanted tags reach that the fix's
 * base does not, parents first; each one's parents and own carrier.
 * Returns 0, -1.
 */
static int walk(struct work *w)
{
	git_revwalk *walk = NULL;
	git_oid id;
	size_t cap = 0, pcap = 0, npar = 0, ccap = 0;
	int rc = -1, next;

	if (git_revwalk_new(&walk, w->repo) < 0 ||
	    git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL | GIT_SORT_REVERSE) < 0)
		goto out;
	for (size_t i = 0; i < w->out->nrows; i++)
		if (git_revwalk_push(walk, &w->out->rows[i].tip) < 0)
			goto out;
	for (size_t i = 0; i < w->ntags; i++)
		if (tag_wanted(w, &w->tags[i]) && git_revwalk_push(walk, &w->tags[i].commit) < 0)
			goto out;
	if (hide_base(w, walk) < 0)
		goto out;
	while ((next = git_revwalk_next(&id, walk)) == 0) {
		if (grow((void **)&w->ids, &cap, w->n + 1, sizeof(*w->ids)) < 0)
			goto out;
		w->ids[w->n++] = id;
	}
	if (next != GIT_ITEROVER)
		goto out;
	if (!(w->index = malloc((w->n ? w->n : 1) * sizeof(*w->index))) ||
	    !(w->parent_at = malloc((w->n + 1) * sizeof(*w->parent_at))) ||
	    !(w->own = calloc(w->n ? w->n : 1, sizeof(*w->own))))
		goto out;
	for (size_t i = 0; i < w->n; i++) {
		w->index[i].id = w->ids[i];
		w->index[i].at = i;
	}
	qsort(w->index, w->n, sizeof(*w->index), oid_at_cmp);
	/* carriers 0 .. nfix-1: the fix commits */
	if (grow((void **)&w->carrier, &ccap, w->out->nfix, sizeof(*w->carrier)) < 0 ||
	    !(w->carrier_fix = malloc(ccap * sizeof(*w->carrier_fix))))
		goto out;
	w->carriers_cap = ccap;
	for (size_t i = 0; i < w->out->nfix; i++) {
		w->carrier[i] = w->out->fix[i];
		w->carrier_fix[i] = i;
	}
	w->ncarriers = w->out->nfix;
	for (size_t i = 0; i < w->n; i++) {
		git_commit *commit = NULL;
		unsigned n;
		size_t which;

		w->parent_at[i] = npar;
		if (git_commit_lookup(&commit, w->repo, &w->ids[i]) < 0)
			goto out;
		n = git_commit_parentcount(commit);
		for (unsigned p = 0; p < n; p++) {
			const struct oid_at *found = oid_find(w->index, w->n,
							      git_commit_parent_id(commit, p));

			if (!found)
				continue; /* below the fix's base: holds nothing of it */
			if (grow((void **)&w->parents, &pcap, npar + 1, sizeof(*w->parents)) < 0) {
				git_commit_free(commit);
				goto out;
			}
			w->parents[npar++] = found->at;
		}
		if (is_fix(w, &w->ids[i], &which)) {
			w->own[i] = which + 1;
		} else if (n == 1 && (which = picks(w, commit)) != SIZE_MAX) {
			size_t cc = w->carriers_cap;

			if (grow((void **)&w->carrier, &cc, w->ncarriers + 1, sizeof(*w->carrier)) < 0) {
				git_commit_free(commit);
				goto out;
			}
			if (cc != w->carriers_cap) {
				size_t *bigger = realloc(w->carrier_fix, cc * sizeof(*bigger));

				if (!bigger) {
					git_commit_free(commit);
					goto out;
				}
				w->carrier_fix = bigger;
				w->carriers_cap = cc;
			}
			w->carrier[w->ncarriers] = w->ids[i];
			w->carrier_fix[w->ncarriers] = which;
			w->own[i] = ++w->ncarriers;
		}
		git_commit_free(commit);
	}
	w->parent_at[w->n] = npar;
	/* each commit holds its own carrier and its parents' */
	w->words = (w->ncarriers + 63) / 64;
	if (!(w->bits = calloc(w->n * w->words + 1, sizeof(*w->bits))))
		goto out;
	for (size_t i = 0; i < w->n; i++) {
		uint64_t *mine = &w->bits[i * w->words];

		if (w->own[i])
			mine[(w->own[i] - 1) / 64] |= 1ULL << ((w->own[i] - 1) % 64);
		for (size_t p = w->parent_at[i]; p < w->parent_at[i + 1]; p++)
			for (size_t k = 0; k < w->words; k++)
				mine[k] |= w->bits[w->parents[p] * w->words + k];
	}
	rc = 0;
out:
	git_revwalk_free(walk);
	return rc;
}

/* The carriers commit ID holds (WORDS words), or NULL when it is not in the walk. */
static const uint64_t *held(const struct work *w, const git_oid *id)
{
	const struct oid_at *found = oid_find(w->index, w->n, id);

	return found ? &w->bits[found->at * w->words] : NULL;
}

static int has_bit(const uint64_t *bits, size_t j)
{
	return bits && (bits[j / 64] >> (j % 64)) & 1;
}

/*
 * The carrier of fix commit I that BITS hold: the fix commit itself, else
 * the first of its cherry-picks; SIZE_MAX when none.
 */
static size_t carrier_of(const struct work *w, const uint64_t *bits, size_t i)
{
	if (has_bit(bits, i))
		return i;
	for (size_t j = w->out->nfix; j < w->ncarriers; j++)
		if (w->carrier_fix[j] == i && has_bit(bits, j))
			return j;
	return SIZE_MAX;
}

/* Fill ROW's state and carriers. */
static void judge_row(struct work *w, struct fg_hotfix_row *row)
{
	const uint64_t *bits = held(w, &row->tip);
	size_t have = 0, merged = 0;

	for (size_t i = 0; i < w->out->nfix; i++) {
		size_t chosen = carrier_of(w, bits, i);

		if (chosen == SIZE_MAX)
			continue;
		row->carriers[i] = w->carrier[chosen];
		have++;
		merged += chosen == i;
	}
	row->state = merged == w->out->nfix ? FG_HOTFIX_MERGED
		     : have == w->out->nfix ? FG_HOTFIX_PICKED
		     : have ? FG_HOTFIX_PARTIAL : FG_HOTFIX_MISSING;
}

/*
 * ROW's tag: the lowest release tag of its series that holds every fix
 * commit, as itself or as a cherry-pick (a release branch that picked the
 * fix, was tagged, then merged the hotfix branch is released already).
 */
static int find_tag(struct work *w, struct fg_hotfix_row *row)
{
	const struct tag_ref *best = NULL;

	for (size_t t = 0; t < w->ntags; t++) {
		const struct tag_ref *tag = &w->tags[t];
		const uint64_t *bits;
		size_t i;

		if (tag->version.major != row->parsed.major || tag->version.minor != row->parsed.minor ||
		    !(bits = held(w, &tag->commit)))
			continue;
		for (i = 0; i < w->out->nfix && carrier_of(w, bits, i) != SIZE_MAX; i++)
			;
		if (i == w->out->nfix && (!best || fg_version_compare(&tag->version, &best->version) < 0))
			best = tag;
	}
	return best && !(row->tag = strdup(best->name)) ? -1 : 0;
}

static int kind_rank(enum fg_branch_kind kind)
{
	return kind == FG_BRANCH_MAIN ? 0 : kind == FG_BRANCH_DEV ? 1 : kind == FG_BRANCH_RELEASE ? 2 : 3;
}

/* main, dev, release, maint; newest series first; local before remote-tracking. */
static int row_cmp(const void *pa, const void *pb)
{
	const struct fg_hotfix_row *a = pa, *b = pb;
	int c;

	if ((c = kind_rank(a->parsed.kind) - kind_rank(b->parsed.kind)))
		return c;
	if (a->parsed.major != b->parsed.major)
		return a->parsed.major > b->parsed.major ? -1 : 1;
	if (a->parsed.minor != b->parsed.minor)
		return a->parsed.minor > b->parsed.minor ? -1 : 1;
	if ((c = (a->remote != NULL) - (b->remote != NULL)))
		return c;
	return strcmp(a->name, b->name);
}

/*
 * The X.Y series of the fix's base (where a hotfix branch starts, a
 * commit's first parent) into OUT->base_*: the highest release tag
 * pointing at it, else the version its files agree on. BASE_KNOWN stays 0
 * when there is no base or neither says (every branch is then listed).
 * Returns 0, -1 when a version file cannot be read.
 */
static int base_series(struct work *w, git_oid *base)
{
	const struct tag_ref *best = NULL;
	git_commit *commit = NULL;
	git_tree *tree = NULL;
	struct fg_vfiles files;
	const struct fg_vfile_value *v;
	int rc = 0;

	if (w->out->is_branch ? !w->has_base : !git_commit_parentcount(w->fixes[0].commit))
		return 0;
	*base = w->out->is_branch ? w->base : *git_commit_parent_id(w->fixes[0].commit, 0);
	for (size_t i = 0; i < w->ntags; i++)
		if (git_oid_equal(&w->tags[i].commit, base) &&
		    (!best || fg_version_compare(&w->tags[i].version, &best->version) > 0))
			best = &w->tags[i];
	if (best) {
		w->out->base_major = best->version.major;
		w->out->base_minor = best->version.minor;
		w->out->base_known = 1;
		return 0;
	}
	memset(&files, 0, sizeof(files));
	if (git_commit_lookup(&commit, w->repo, base) < 0 || git_commit_tree(&tree, commit) < 0 ||
	    fg_vfiles_from_tree(&files, w->repo, tree, w->cfg) < 0)
		rc = -1;
	else if ((v = fg_versions_exact(&files.set))) {
		w->out->base_major = v->version.major;
		w->out->base_minor = v->version.minor;
		w->out->base_known = 1;
	}
	fg_vfiles_release(&files);
	git_tree_free(tree);
	git_commit_free(commit);
	return rc;
}

/*
 * Keep the rows of the series the fix affects (FG_HOTFIX_OLDER: all):
 * main, the branches of the base's series and newer ones, and the maint
 * branches that contain the base; the others are counted in OUT->hidden.
 */
static void affected_rows(struct work *w, const git_oid *base, unsigned flags)
{
	struct fg_hotfix *out = w->out;
	size_t kept = 0;

	for (size_t r = 0; r < out->nrows; r++) {
		struct fg_hotfix_row *row = &out->rows[r];
		const struct fg_branch *b = &row->parsed;
		int keep = (flags & FG_HOTFIX_OLDER) || !out->base_known || !b->series ||
			   b->major > out->base_major ||
			   (b->major == out->base_major && b->minor >= out->base_minor);

		if (!keep && b->kind == FG_BRANCH_MAINT)
			keep = git_oid_equal(&row->tip, base) ||
			       git_graph_descendant_of(w->repo, &row->tip, base) == 1;
		if (keep) {
			out->rows[kept++] = *row;
			continue;
		}
		out->hidden++;
		free(row->name);
		free(row->remote);
	}
	git_error_clear();
	out->nrows = kept;
}

int fg_hotfix_status(struct fg_hotfix *out, git_repository *repo, struct fg_config *cfg,
		     const char *what, unsigned flags, char **why)
{
	struct work w;
	git_oid base;
	int rc;

	memset(out, 0, sizeof(*out));
	memset(&w, 0, sizeof(w));
	*why = NULL;
	w.repo = repo;
	w.cfg = cfg;
	w.out = out;
	if ((rc = read_refs(&w)) < 0 || (rc = resolve(&w, what, why)) < 0 ||
	    (rc = read_fixes(&w)) < 0)
		goto out;
	if ((rc = base_series(&w, &base)) < 0) {
		*why = cfg->error ? NULL : fg_strdupf("cannot read the version files of the fix's "
						      "base: %s", fg_git_error());
		goto out;
	}
	affected_rows(&w, &base, flags);
	if ((rc = walk(&w)) < 0)
		goto out;
	for (size_t r = 0; r < out->nrows; r++) {
		struct fg_hotfix_row *row = &out->rows[r];

		if (!(row->carriers = calloc(out->nfix, sizeof(*row->carriers)))) {
			rc = -1;
			goto out;
		}
		judge_row(&w, row);
		if (row->state < FG_HOTFIX_PICKED)
			out->lacking++;
		else if ((row->parsed.kind == FG_BRANCH_RELEASE || row->parsed.kind == FG_BRANCH_MAINT) &&
			 row->parsed.series && find_tag(&w, row) < 0) {
			rc = -1;
			goto out;
		}
	}
	qsort(out->rows, out->nrows, sizeof(*out->rows), row_cmp);
out:
	if (rc == -1 && !*why)
		*why = fg_strdupf("cannot read the repository: %s", cfg->error ? cfg->error
								       : fg_git_error());
	for (size_t i = 0; w.fixes && i < out->nfix; i++) {
		git_commit_free(w.fixes[i].commit);
		for (size_t p = 0; p < w.fixes[i].npaths; p++)
			free(w.fixes[i].paths[p]);
		free(w.fixes[i].paths);
	}
	free(w.fixes);
	for (size_t i = 0; i < w.ntags; i++)
		free(w.tags[i].name);
	free(w.tags);
	free(w.ids);
	free(w.index);
	free(w.parents);
	free(w.parent_at);
	free(w.carrier);
	free(w.carrier_fix);
	free(w.own);
	free(w.bits);
	return rc;
}

void fg_hotfix_release(struct fg_hotfix *fix)
{
	for (size_t i = 0; i < fix->nrows; i++) {
		free(fix->rows[i].name);
		free(fix->rows[i].remote);
		free(fix->rows[i].carriers);
		free(fix->rows[i].tag);
	}
	free(fix->rows);
	for (size_t i = 0; fix->headers && i < fix->nfix; i++)
		free(fix->headers[i]);
	free(fix->headers);
	free(fix->fix);
	free(fix->name);
	memset(fix, 0, sizeof(*fix));
}

static void abbrev(char *buf, const git_oid *id)
{
	git_oid_tostr(buf, ABBREV + 1, id);
}

/* ROW's carriers, "a,b" with "-" for each one it lacks, or "-" when none. */
static void write_carriers(FILE *out, const struct fg_hotfix *fix, const struct fg_hotfix_row *row)
{
	char hex[ABBREV + 1];

	if (row->state == FG_HOTFIX_MISSING) {
		fputc('-', out);
		return;
	}
	for (size_t i = 0; i < fix->nfix; i++) {
		if (git_oid_is_zero(&row->carriers[i]))
			fputs(i ? ",-" : "-", out);
		else {
			abbrev(hex, &row->carriers[i]);
			fprintf(out, "%s%s", i ? "," : "", hex);
		}
	}
}

static size_t carriers_width(const struct fg_hotfix *fix, const struct fg_hotfix_row *row)
{
	size_t n = 0;

	if (row->state == FG_HOTFIX_MISSING)
		return 1;
	for (size_t i = 0; i < fix->nfix; i++)
		n += (i ? 1 : 0) + (git_oid_is_zero(&row->carriers[i]) ? 1 : ABBREV);
	return n;
}

static const char *tag_cell(const struct fg_hotfix_row *row)
{
	if (row->tag)
		return row->tag;
	if ((row->parsed.kind == FG_BRANCH_RELEASE || row->parsed.kind == FG_BRANCH_MAINT) &&
	    row->state >= FG_HOTFIX_PICKED)
		return "untagged";
	return "-";
}

/* The local row named BRANCH, or NULL. */
static const struct fg_hotfix_row *local_row(const struct fg_hotfix *fix, const char *branch)
{
	for (size_t i = 0; i < fix->nrows; i++)
		if (!fix->rows[i].remote && !strcmp(fix->rows[i].name, branch))
			return &fix->rows[i];
	return NULL;
}

/* Was BRANCH's command written already (an earlier row of the same branch)? */
static int seen_branch(const struct fg_hotfix *fix, size_t r)
{
	for (size_t i = 0; i < r; i++)
		if (fix->rows[i].state < FG_HOTFIX_PICKED &&
		    !strcmp(fix->rows[i].branch, fix->rows[r].branch))
			return 1;
	return 0;
}

/*
 * The command that brings the fix to the branch of lacking row R: the
 * cherry-picks the local branch still needs, then a push of every
 * remote-tracking branch of that name that lacks it. 0 when written, -1
 * when R's branch was written already.
 */
static int write_command(FILE *out, const struct fg_hotfix *fix, size_t r, const char *indent)
{
	const struct fg_hotfix_row *row = &fix->rows[r], *local;
	const struct fg_hotfix_row *from;
	char hex[ABBREV + 1], *branch;
	int first = 1;

	if (seen_branch(fix, r))
		return -1;
	local = local_row(fix, row->branch);
	from = local ? local : row;
	/* the command is pasted: the names in it are shell words */
	branch = fg_sh_quote(row->branch, strlen(row->branch), 0);
	fputs(indent, out);
	if (from->state < FG_HOTFIX_PICKED) {
		fprintf(out, "git checkout %s && git cherry-pick -x", branch ? branch : "<branch>");
		for (size_t i = 0; i < fix->nfix; i++)
			if (git_oid_is_zero(&from->carriers[i])) {
				abbrev(hex, &fix->fix[i]);
				fprintf(out, " %s", hex);
			}
		first = 0;
	}
	for (size_t i = 0; i < fix->nrows; i++) {
		const struct fg_hotfix_row *other = &fix->rows[i];

		if (other->remote && other->state < FG_HOTFIX_PICKED &&
		    !strcmp(other->branch, row->branch)) {
			char *remote = fg_sh_quote(other->remote, strlen(other->remote), 0);

			fprintf(out, "%sgit push %s %s", first ? "" : " && ",
				remote ? remote : "<remote>", branch ? branch : "<branch>");
			free(remote);
			first = 0;
		}
	}
	fputc('\n', out);
	free(branch);
	return 0;
}

/* TEXT (a name, a header) as fg_escape shows it, padded with spaces to WIDTH bytes. */
static void write_shown(FILE *out, const char *text, size_t width)
{
	fg_print_escaped(out, text, strlen(text), 0, width);
}

/* The bytes TEXT takes once shown (write_shown). */
static size_t shown_len(const char *text)
{
	return fg_escape_len(text, strlen(text), 0);
}

void fg_hotfix_print(const struct fg_hotfix *fix, FILE *out)
{
	char hex[ABBREV + 1];
	size_t name_w = strlen("BRANCH"), commits_w = strlen("COMMITS"), untagged = 0;

	write_shown(out, fix->name, 0);
	fprintf(out, ": %zu commit%s\n", fix->nfix, fix->nfix == 1 ? "" : "s");
	for (size_t i = 0; i < fix->nfix; i++) {
		abbrev(hex, &fix->fix[i]);
		fprintf(out, "    %s ", hex);
		write_shown(out, fix->headers[i], 0);
		fputc('\n', out);
	}
	if (!fix->nrows) {
		fprintf(out, "no long-lived branch (main, dev/X.Y.x, release/X.Y.x, maint/X.Y.x) here\n");
		return;
	}
	if (fix->hidden)
		fprintf(out, "%zu branch%s of series older than %llu.%llu, the fix's base, not "
			"listed (--older lists them)\n", fix->hidden, fix->hidden == 1 ? "" : "es",
			(unsigned long long)fix->base_major, (unsigned long long)fix->base_minor);
	for (size_t i = 0; i < fix->nrows; i++) {
		size_t n = shown_len(fix->rows[i].name), c = carriers_width(fix, &fix->rows[i]);

		name_w = n > name_w ? n : name_w;
		commits_w = c > commits_w ? c : commits_w;
	}
	fprintf(out, "%-*s  %-7s  %-*s  %s\n", (int)name_w, "BRANCH", "STATUS", (int)commits_w,
		"COMMITS", "TAG");
	for (size_t i = 0; i < fix->nrows; i++) {
		const struct fg_hotfix_row *row = &fix->rows[i];

		write_shown(out, row->name, name_w);
		fprintf(out, "  %-7s  ", fg_hotfix_state_name(row->state));
		write_carriers(out, fix, row);
		fprintf(out, "%*s  ", (int)(commits_w - carriers_width(fix, row)), "");
		write_shown(out, tag_cell(row), 0);
		fputc('\n', out);
		untagged += !strcmp(tag_cell(row), "untagged");
	}
	if (!fix->lacking)
		fprintf(out, "all %zu branches have the fix\n", fix->nrows);
	else
		fprintf(out, "%zu of %zu branches lack the fix; to apply it:\n", fix->lacking,
			fix->nrows);
	for (size_t i = 0; i < fix->nrows; i++)
		if (fix->rows[i].state < FG_HOTFIX_PICKED)
			write_command(out, fix, i, "    ");
	if (untagged)
		fprintf(out, "to tag the release and maint branches that hold it:\n");
	for (size_t i = 0; untagged && i < fix->nrows; i++) {
		const struct fg_hotfix_row *row = &fix->rows[i];
		size_t j;

		if (strcmp(tag_cell(row), "untagged"))
			continue;
		for (j = 0; j < i && (strcmp(fix->rows[j].branch, row->branch) ||
				      strcmp(tag_cell(&fix->rows[j]), "untagged")); j++)
			;
		if (j == i) {
			char *branch = fg_sh_quote(row->branch, strlen(row->branch), 0);

			fprintf(out, "    git checkout %s && flowgate bump patch --commit --tag\n",
				branch ? branch : "<branch>");
			free(branch);
		}
	}
}

void fg_hotfix_print_json(const struct fg_hotfix *fix, FILE *out)
{
	char hex[GIT_OID_HEXSZ + 1];

	fputs("{\"fix\":{\"name\":", out);
	fg_json_string(out, fix->name);
	fprintf(out, ",\"branch\":%s,\"commits\":[", fix->is_branch ? "true" : "false");
	for (size_t i = 0; i < fix->nfix; i++) {
		git_oid_tostr(hex, sizeof(hex), &fix->fix[i]);
		fprintf(out, "%s{\"id\":\"%s\",\"header\":", i ? "," : "", hex);
		fg_json_string(out, fix->headers[i]);
		fputc('}', out);
	}
	fputs("]},\"branches\":[", out);
	for (size_t r = 0; r < fix->nrows; r++) {
		const struct fg_hotfix_row *row = &fix->rows[r];

		fprintf(out, "%s{\"name\":", r ? "," : "");
		fg_json_string(out, row->name);
		fputs(",\"remote\":", out);
		if (row->remote)
			fg_json_string(out, row->remote);
		else
			fputs("null", out);
		fprintf(out, ",\"kind\":\"%s\",\"status\":\"%s\",\"carriers\":[",
			kind_name(row->parsed.kind), fg_hotfix_state_name(row->state));
		for (size_t i = 0; i < fix->nfix; i++) {
			git_oid_tostr(hex, sizeof(hex), &row->carriers[i]);
			fprintf(out, "%s%s%s%s", i ? "," : "",
				git_oid_is_zero(&row->carriers[i]) ? "null" : "\"",
				git_oid_is_zero(&row->carriers[i]) ? "" : hex,
				git_oid_is_zero(&row->carriers[i]) ? "" : "\"");
		}
		fputs("],\"tag\":", out);
		if (row->tag)
			fg_json_string(out, row->tag);
		else
			fputs("null", out);
		fputc('}', out);
	}
	fputs("],\"base\":", out);
	if (fix->base_known)
		fprintf(out, "\"%llu.%llu\"", (unsigned long long)fix->base_major,
			(unsigned long long)fix->base_minor);
	else
		fputs("null", out);
	fprintf(out, ",\"hidden\":%zu,\"lacking\":%zu,\"total\":%zu}\n", fix->hidden,
		fix->lacking, fix->nrows);
}

void fg_hotfix_print_brief(const struct fg_hotfix *fix, FILE *out, size_t max_lines)
{
	size_t commands = 0, rows_budget, shown = 0, name_w = 0;

	if (!fix->lacking)
		return;
	if (max_lines < 3)
		max_lines = 3;
	for (size_t i = 0; i < fix->nrows; i++)
		if (fix->rows[i].state < FG_HOTFIX_PICKED) {
			size_t n = shown_len(fix->rows[i].name);

			commands += !seen_branch(fix, i);
			name_w = n > name_w ? n : name_w;
		}
	/* the rows take what the commands leave, at least half */
	rows_budget = fix->lacking + commands <= max_lines ? fix->lacking
		      : max_lines - (commands < max_lines / 2 ? commands : max_lines / 2);
	for (size_t i = 0; i < fix->nrows && shown < fix->lacking; i++) {
		if (fix->rows[i].state >= FG_HOTFIX_PICKED)
			continue;
		if (shown + 1 == rows_budget && fix->lacking > rows_budget) {
			fprintf(out, "... and %zu more\n", fix->lacking - shown);
			break;
		}
		write_shown(out, fix->rows[i].name, name_w);
		fprintf(out, "  %s\n", fg_hotfix_state_name(fix->rows[i].state));
		shown++;
	}
	shown = 0;
	for (size_t i = 0, budget = max_lines - rows_budget; i < fix->nrows; i++) {
		if (fix->rows[i].state >= FG_HOTFIX_PICKED || seen_branch(fix, i))
			continue;
		if (shown + 1 == budget && commands > budget) {
			fprintf(out, "... and %zu more commands\n", commands - shown);
			break;
		}
		write_command(out, fix, i, "");
		shown++;
	}
}

/*
 * Hotfix propagation (hotfix.h): the long-lived branches and release tags,
 * the fix's commits, one walk over what the branches hold beyond the fix's
 * base (carrier.h: which commits carry each fix commit), then one row per
 * branch of the series the fix affects. Printing is hotfixprint.c's.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "array.h"
#include "carrier.h"
#include "hotfix.h"
#include "quote.h"
#include "report.h"
#include "gitinit.h"
#include "oidset.h"
#include "repo.h"
#include "vfiles.h"
#include "version.h"

/* A release tag: its name, version (PRE points into NAME) and commit. */
struct tag_ref {
	char *name;
	struct fg_version version;
	git_oid commit;
};

/* Everything fg_hotfix_status holds while it works. */
struct work {
	git_repository *repo;
	struct fg_config *cfg;
	struct fg_hotfix *out;
	struct tag_ref *tags;
	size_t ntags;
	struct fg_fix_commit *fixes; /* one per OUT->fix */
	git_oid base;              /* a hotfix branch: where it starts (HAS_BASE) */
	int has_base;
	struct fg_carriers carriers; /* the walk */
};

static int long_lived(enum fg_branch_kind kind)
{
	return kind == FG_BRANCH_MAIN || kind == FG_BRANCH_DEV || kind == FG_BRANCH_RELEASE ||
	       kind == FG_BRANCH_MAINT;
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
	if (fg_array_grow((void **)&w->out->rows, cap, w->out->nrows + 1, sizeof(*row)) < 0) {
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
	if (fg_array_grow((void **)&w->tags, cap, w->ntags + 1, sizeof(*tag)) < 0 ||
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
			if (fg_array_grow((void **)&chain, &cap, nchain + 1, sizeof(*chain)) < 0) {
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

/* The fix commits' own data: headers, cherry-pick lines. Returns 0, -1. */
static int read_fixes(struct work *w)
{
	struct fg_hotfix *out = w->out;

	if (!(w->fixes = calloc(out->nfix, sizeof(*w->fixes))) ||
	    !(out->headers = calloc(out->nfix, sizeof(*out->headers))))
		return -1;
	for (size_t i = 0; i < out->nfix; i++) {
		const char *summary;

		if (fg_fix_commit_init(&w->fixes[i], w->repo, &out->fix[i]) < 0)
			return -1;
		summary = git_commit_summary(w->fixes[i].commit);
		if (!(out->headers[i] = strdup(summary ? summary : "")))
			return -1;
		for (char *p = out->headers[i]; *p; p++)
			if ((unsigned char)*p < 0x20 || *p == 0x7f)
				*p = ' ';
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
 * base does not, parents first, and the carriers each holds (carrier.h).
 * Returns 0, -1.
 */
static int walk(struct work *w)
{
	git_revwalk *walk = NULL;
	int rc = -1;

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
	rc = fg_carriers_walk(&w->carriers, w->repo, walk, w->fixes, w->out->fix, w->out->nfix);
out:
	git_revwalk_free(walk);
	return rc;
}

/* Fill ROW's state and carriers. */
static void judge_row(struct work *w, struct fg_hotfix_row *row)
{
	const uint64_t *bits = fg_carriers_held(&w->carriers, &row->tip);
	size_t have = 0, merged = 0;

	for (size_t i = 0; i < w->out->nfix; i++) {
		size_t chosen = fg_carriers_of(&w->carriers, bits, i);

		if (chosen == SIZE_MAX)
			continue;
		row->carriers[i] = w->carriers.carrier[chosen];
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
		    !(bits = fg_carriers_held(&w->carriers, &tag->commit)))
			continue;
		for (i = 0; i < w->out->nfix && fg_carriers_of(&w->carriers, bits, i) != SIZE_MAX; i++)
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
	for (size_t i = 0; w.fixes && i < out->nfix; i++)
		fg_fix_commit_release(&w.fixes[i]);
	free(w.fixes);
	for (size_t i = 0; i < w.ntags; i++)
		free(w.tags[i].name);
	free(w.tags);
	fg_carriers_release(&w.carriers);
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

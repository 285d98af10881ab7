/*
 * `flowgate check-range` (range.h): the branch of the range, each commit's
 * message and version files, and the tags into the range, as results for
 * the caller to write. The version files are read only where they change.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "refs.h"
#include "tagref.h"
#include "versionwalk.h"
#include "message.h"
#include "range.h"
#include "refname.h"
#include "commitctx.h"
#include "gitinit.h"
#include "vfiles.h"
#include "revparse.h"
#include "walk.h"

static int is_set(const char *value)
{
	return value && *value;
}

const char *fg_ci_branch(char *(*get)(const char *name), enum fg_branch_origin *origin)
{
	const char *name = NULL, *value, *ref;
	enum fg_branch_origin from = FG_BRANCH_ORIGIN_NONE;

	if ((value = get("GITHUB_ACTIONS")) && !strcmp(value, "true")) {
		if (is_set(value = get("GITHUB_HEAD_REF")))
			name = value;
		else if ((ref = get("GITHUB_REF")) && !strncmp(ref, "refs/heads/", 11))
			name = is_set(value = get("GITHUB_REF_NAME")) ? value : ref + 11;
		from = FG_BRANCH_ORIGIN_GITHUB;
	}
	if (!is_set(name) && (value = get("GITLAB_CI")) && !strcmp(value, "true")) {
		if (is_set(value = get("CI_MERGE_REQUEST_SOURCE_BRANCH_NAME")))
			name = value;
		else
			name = get("CI_COMMIT_BRANCH");
		from = FG_BRANCH_ORIGIN_GITLAB;
	}
	if (name && !strncmp(name, "refs/heads/", 11))
		name += 11;
	if (!is_set(name)) {
		name = NULL;
		from = FG_BRANCH_ORIGIN_NONE;
	}
	if (origin)
		*origin = from;
	return name;
}

#define IN_RANGE 1u /* a commit of the range */
#define IN_LINE 2u  /* on the first-parent line of the range's tip */
#define SEEN 4u     /* checked: its TOPS are recorded */
#define NONE SIZE_MAX

/*
 * The messages the range's walk keeps for the checks, which read each
 * commit once with them: 10,000 commits of the benchmark hold 1.9 MiB.
 * Beyond, commits are read a second time; memory stays flat.
 */
#define RANGE_KEEP ((size_t)3 << 20)

/*
 * The commits of the range: the walk that found them (which knows each by
 * its node number, and its parents), their order, and what the checks
 * learn of each.
 */
struct range {
	struct fg_walk *walk;
	uint32_t *order;  /* the node numbers, parents first */
	size_t n;
	unsigned char *flags; /* by node number */
	uint32_t *tops;   /* by node number: which of TUPLES holds its top-level entries */
	struct fg_tree_top *tuples; /* NTUPLES * NV: the distinct top-level entries, in turn */
	size_t ntuples, tcap;
	struct fg_tree_top *scratch; /* 2 * NV: two trees' version file entries */
	size_t nv;        /* the configured version files */
	char **top;       /* the top-level name of each one's path */
};

/* What one check-range run carries from commit to commit. */
struct run {
	git_repository *repo;
	struct fg_packs *packs;  /* borrowed from the range's walk */
	struct fg_config *cfg;
	const struct fg_range_options *opts;
	struct fg_refs refs;     /* the repository's refs, for the history rules */
	struct range r;
	struct fg_branch branch; /* OPTS->branch parsed, when BRANCH_KNOWN */
	int branch_known;
};

static void range_release(struct range *r)
{
	for (size_t i = 0; r->top && i < r->nv; i++)
		free(r->top[i]);
	free(r->top);
	fg_walk_free(r->walk);
	free(r->order);
	free(r->flags);
	free(r->tops);
	free(r->tuples);
	free(r->scratch);
	memset(r, 0, sizeof(*r));
}

/* The node number of ID when it is a commit of the range, or NONE. */
static size_t range_find(const struct range *r, const git_oid *id)
{
	size_t node = r->walk ? fg_walk_find(r->walk, id) : NONE;

	return node != NONE && (r->flags[node] & IN_RANGE) ? node : NONE;
}

/* The per-commit arrays, once every commit is in. */
static int range_index(struct range *r, const struct fg_config *cfg)
{
	size_t nodes = fg_walk_count(r->walk);

	r->nv = cfg->nvfiles;
	r->flags = calloc(nodes ? nodes : 1, 1);
	r->tops = calloc(nodes ? nodes : 1, sizeof(*r->tops));
	r->scratch = calloc(r->nv ? 2 * r->nv : 1, sizeof(*r->scratch));
	r->top = calloc(r->nv ? r->nv : 1, sizeof(*r->top));
	if (!r->flags || !r->tops || !r->scratch || !r->top)
		return -1;
	for (size_t i = 0; i < r->nv; i++) {
		const char *path = cfg->vfiles[i].path;

		if (!(r->top[i] = strndup(path, strcspn(path, "/"))))
			return -1;
	}
	for (size_t i = 0; i < r->n; i++)
		r->flags[r->order[i]] |= IN_RANGE;
	return 0;
}

/*
 * Replace libgit2's last error by "cannot read WHAT ID: that error" (WHAT:
 * "commit", "the version files of commit", ...), so the caller's one-line
 * message names the commit. Returns FG_RANGE_EINTERNAL.
 */
static int fail_at(const char *what, const git_oid *id)
{
	char hex[GIT_OID_HEXSZ + 1];
	char *message;

	git_oid_tostr(hex, sizeof(hex), id);
	if ((message = fg_strdupf("cannot read %s %.12s: %s", what, hex, fg_git_error()))) {
		git_error_set_str(GIT_ERROR_INVALID, message);
		free(message);
	}
	return FG_RANGE_EINTERNAL;
}

static int out_of_memory(void)
{
	git_error_set_oom();
	return FG_RANGE_EINTERNAL;
}

/*
 * Revision SPEC[0..LEN) (as git_revparse_single takes it; empty: HEAD) as
 * a commit, into *ID, its ancestry operators followed with PACKS
 * (fg_revparse_commit). Returns 0; FG_RANGE_ERANGE when it names no
 * commit here; FG_RANGE_EINTERNAL when it names an object that cannot be
 * read (corrupt, or missing from a damaged repository).
 */
static int resolve_commit(git_repository *repo, struct fg_packs *packs, const char *spec,
			  size_t len, git_oid *id)
{
	char *copy = len ? strndup(spec, len) : strdup("HEAD");
	int rc;

	if (!copy)
		return out_of_memory();
	rc = fg_revparse_commit(id, repo, packs, copy);
	free(copy);
	if (rc == 0)
		return 0;
	/* not found, ambiguous, not a revision, not a commit: no range here */
	return rc == GIT_ENOTFOUND || rc == GIT_EAMBIGUOUS || rc == GIT_EINVALIDSPEC ||
			       rc == GIT_EPEEL ? FG_RANGE_ERANGE : FG_RANGE_EINTERNAL;
}

/*
 * The commits of RANGE into R, parents first, and its tip into *TIP. Each
 * end of A..B is resolved on its own (git_revwalk_push_range would say
 * "no range" for an end that is there but unreadable).
 */
/*
 * flowgate.since, the last legacy commit: it and its ancestors are left out
 * of WALK, as pre-push leaves them out. Returns 0, or FG_RANGE_ECONFIG with
 * CFG->error set when it names no commit here.
 */
static int hide_since(struct fg_walk *walk, git_repository *repo, struct fg_config *cfg)
{
	git_oid since;
	int rc = 0;

	if (fg_revparse_commit(&since, repo, fg_walk_packs(walk), cfg->since) < 0)
		rc = fg_config_error(cfg, "%s: flowgate.since: '%s' names no commit in this "
				     "repository; fetch it (git fetch --tags) or fix the value",
				     cfg->since_origin, cfg->since) < 0 ? FG_RANGE_ECONFIG : 0;
	else if (fg_walk_hide(walk, &since) < 0)
		rc = FG_RANGE_EINTERNAL;
	if (rc != FG_RANGE_EINTERNAL)
		git_error_clear();
	return rc;
}

static int collect(struct range *r, git_repository *repo, struct fg_config *cfg,
		   const char *range, git_oid *tip)
{
	const char *dots = strstr(range, "..");
	struct fg_packs *packs;
	git_oid id, base;
	size_t node, cap = 0;
	int rc;

	if (dots && dots[2] == '.') {
		git_error_set_str(GIT_ERROR_INVALID, "A...B (a symmetric difference) is not "
				  "a range to check: give A..B");
		return FG_RANGE_ERANGE;
	}
	/* one revision: a full refname or a full object name (all its history,
	 * as a hook's refusal prints it), peeled below */
	if (!dots && !(strlen(range) == GIT_OID_HEXSZ && git_oid_fromstr(&id, range) == 0) &&
	    (rc = git_reference_name_to_id(tip, repo, range)) < 0)
		return rc == GIT_ENOTFOUND || rc == GIT_EINVALIDSPEC ? FG_RANGE_ERANGE
								     : FG_RANGE_EINTERNAL;
	/* the walk first: its reader follows the ends' ancestry operators */
	if (fg_walk_new(&r->walk, repo, FG_WALK_TOPO_REVERSE, RANGE_KEEP) < 0)
		return FG_RANGE_EINTERNAL;
	packs = fg_walk_packs(r->walk);
	if ((!dots && (rc = resolve_commit(repo, packs, range, strlen(range), tip)) < 0) ||
	    (dots && ((rc = resolve_commit(repo, packs, dots + 2, strlen(dots + 2), tip)) < 0 ||
		      (rc = resolve_commit(repo, packs, range, (size_t)(dots - range), &base)) < 0)))
		return rc;
	if (fg_walk_push(r->walk, tip) < 0 || (dots && fg_walk_hide(r->walk, &base) < 0))
		return FG_RANGE_EINTERNAL;
	if (cfg->since && (rc = hide_since(r->walk, repo, cfg)) < 0)
		return rc;
	while ((rc = fg_walk_next(&node, r->walk)) == 0) {
		if (r->n == cap) {
			uint32_t *order;

			cap = cap ? 2 * cap : 256;
			if (!(order = realloc(r->order, cap * sizeof(*order))))
				return out_of_memory();
			r->order = order;
		}
		r->order[r->n++] = (uint32_t)node;
	}
	if (rc != GIT_ITEROVER)
		return FG_RANGE_EINTERNAL;
	git_error_clear();
	return range_index(r, cfg) < 0 ? out_of_memory() : 0;
}

/* Mark the commits of the first-parent line from TIP while they are in R. */
static void mark_line(struct range *r, const git_oid *tip)
{
	size_t i = range_find(r, tip);

	while (i != NONE && !(r->flags[i] & IN_LINE)) {
		const uint32_t *parents;

		r->flags[i] |= IN_LINE;
		if (!fg_walk_parents(r->walk, i, &parents))
			break;
		i = r->flags[parents[0]] & IN_RANGE ? parents[0] : NONE;
	}
}

static int emit(struct run *run, enum fg_range_kind kind, const char *name, const char *commit,
		const struct fg_report *report)
{
	struct fg_range_entry entry = { kind, name, commit, report };

	if (report->oom)
		return out_of_memory();
	return run->opts->emit(run->opts->payload, &entry) ? FG_RANGE_ESTOPPED : 0;
}

/* branchName on the range's branch, which is parsed for the rules that depend on it. */
static int check_branch(struct run *run)
{
	const char *name = run->opts->branch;
	struct fg_report report;
	char *entry;
	int rc;

	fg_report_init(&report);
	report.severity = run->cfg->severity;
	if (fg_check_branch_name(&report, run->cfg, name, run->opts->rename_hint) == -3) {
		rc = FG_RANGE_ECONFIG;
	} else if (!(entry = fg_strdupf("branch %s", name))) {
		rc = out_of_memory();
	} else {
		run->branch_known = fg_branch_parse(run->cfg, name, &run->branch) == 0;
		rc = emit(run, FG_RANGE_BRANCH, entry, NULL, &report);
		free(entry);
	}
	fg_report_release(&report);
	return rc;
}

/*
 * The entry of each version file's path in TREE, into IDS. Returns 0, or
 * -1 when a tree on a path cannot be read (the files are then to be read,
 * which says why).
 */
static int file_entries(const struct run *run, git_tree *tree, struct fg_tree_top *ids)
{
	int unread = 0;

	for (size_t k = 0; k < run->r.nv; k++) {
		git_tree_entry *e = NULL;
		int rc = git_tree_entry_bypath(&e, tree, run->cfg->vfiles[k].path);

		memset(&ids[k], 0, sizeof(ids[k]));
		if (rc == 0) {
			git_oid_cpy(&ids[k].id, git_tree_entry_id(e));
			ids[k].mode = (uint32_t)git_tree_entry_filemode(e);
		}
		unread |= rc < 0 && rc != GIT_ENOTFOUND;
		git_tree_entry_free(e);
	}
	git_error_clear();
	return unread ? -1 : 0;
}

static int tops_equal(const struct fg_tree_top *a, const struct fg_tree_top *b, size_t n)
{
	for (size_t k = 0; k < n; k++)
		if (a[k].mode != b[k].mode || !git_oid_equal(&a[k].id, &b[k].id))
			return 0;
	return 1;
}

/*
 * Record commit NODE's top-level entries, the same tuple as its first
 * parent's when they are equal (the usual case: one is kept per change),
 * else a new one. Returns 0, or -1 out of memory.
 */
static int record_tops(struct range *r, size_t node, const struct fg_tree_top *tops, size_t parent)
{
	if (parent != NONE && tops_equal(tops, &r->tuples[r->tops[parent] * r->nv], r->nv)) {
		r->tops[node] = r->tops[parent];
		return 0;
	}
	if (r->ntuples == r->tcap) {
		size_t cap = r->tcap ? 2 * r->tcap : 16;
		struct fg_tree_top *t = realloc(r->tuples, cap * r->nv * sizeof(*t));

		if (!t)
			return -1;
		r->tuples = t;
		r->tcap = cap;
	}
	memcpy(&r->tuples[r->ntuples * r->nv], tops, r->nv * sizeof(*tops));
	r->tops[node] = (uint32_t)r->ntuples++;
	return 0;
}

/*
 * Record commit NODE's top-level entries (C is the commit), and say
 * whether its version files are to be checked: 1 when they differ from
 * its first parent's or that parent is not in the range (or it has none),
 * else 0; FG_RANGE_EINTERNAL when a tree cannot be read.
 */
static int files_changed(struct run *run, size_t node, const struct fg_commit_info *c)
{
	struct range *r = &run->r;
	struct fg_tree_top *tops = r->scratch;
	git_commit *parent = NULL;
	git_tree *tree = NULL, *parent_tree = NULL;
	size_t p = NONE;
	const uint32_t *parents;
	int changed;

	if (!r->nv)
		return 0;
	if (fg_walk_parents(r->walk, node, &parents) && (r->flags[parents[0]] & SEEN))
		p = parents[0];
	if (fg_tree_tops(run->repo, run->packs, &c->tree, r->top, r->nv, tops) < 0)
		return fail_at("commit", &c->id);
	if (record_tops(r, node, tops, p) < 0)
		return out_of_memory();
	r->flags[node] |= SEEN;
	if (p == NONE)
		return 1; /* the range starts here: check the files as they are */
	if (r->tops[node] == r->tops[p])
		return 0;
	/* a top-level entry changed: do the files themselves? */
	if (git_tree_lookup(&tree, run->repo, &c->tree) < 0) {
		changed = fail_at("commit", &c->id);
	} else if (git_commit_lookup(&parent, run->repo, &c->parents[0]) < 0 ||
		   git_commit_tree(&parent_tree, parent) < 0) {
		changed = fail_at("the first parent of commit", &c->id);
	} else {
		/* unknown counts as changed: reading the files says what is wrong */
		changed = file_entries(run, tree, r->scratch) < 0 ||
			  file_entries(run, parent_tree, r->scratch + r->nv) < 0 ||
			  !tops_equal(r->scratch, r->scratch + r->nv, r->nv);
	}
	git_tree_free(parent_tree);
	git_tree_free(tree);
	git_commit_free(parent);
	return changed;
}

/*
 * The version rules on COMMIT (TREE its tree), made on BRANCH (NULL: no
 * branch): its files, and the change from its first parent.
 */
static int check_versions(struct run *run, struct fg_report *report, git_commit *commit,
			  git_tree *tree, const char *branch)
{
	struct fg_vfiles files;
	git_commit *parent = NULL;
	int rc = 0;

	if (fg_vfiles_from_tree(&files, run->repo, tree, run->cfg) == 0)
		fg_versions_check(report, &files.set,
				  branch && run->branch_known ? &run->branch : NULL, branch);
	else if (!run->cfg->error)
		rc = fail_at("the version files of commit", git_commit_id(commit));
	fg_vfiles_release(&files);
	if (rc || run->cfg->error || !git_commit_parentcount(commit))
		return rc;
	/* a commit another branch holds was made there, as pre-push judges it:
	 * an rc of release/X.Y.x that reached main by a fast-forward is release's */
	if (git_commit_parent(&parent, commit, 0) == 0 &&
	    fg_check_version_change(report, &run->refs, run->cfg, commit, parent, branch,
				    branch) < 0 && !run->cfg->error)
		rc = fail_at("the version files of commit", git_commit_id(commit));
	if (rc == 0)
		git_error_clear(); /* a parent beyond a shallow clone's end: nothing to compare */
	git_commit_free(parent);
	return rc;
}

/*
 * The message rules on commit C with its context, when its version files
 * are unchanged: made on BRANCH, a merge or not, in its encoding. Only a
 * hotfix or docs branch has a rule on its commits' messages
 * (branchCommitType), so the branch, parsed once, goes to
 * fg_check_message for those alone.
 */
static void check_plain_message(struct run *run, struct fg_report *report,
				const struct fg_commit_info *c, const char *branch, const char *made)
{
	struct fg_message_context mctx;

	memset(&mctx, 0, sizeof(mctx));
	if (branch && run->branch_known &&
	    (run->branch.kind == FG_BRANCH_HOTFIX || run->branch.kind == FG_BRANCH_DOCS)) {
		mctx.branch = branch;
		mctx.branch_parsed = &run->branch;
	}
	mctx.encoding = c->encoding;
	mctx.merge = c->nparents >= 2;
	mctx.commit = made; /* the hints say how to reword it */
	mctx.root = c->nparents == 0;
	fg_check_message(report, run->cfg, c->message, NULL, &mctx);
}

/*
 * Commit I of the range (in order): its message, and its version files
 * where they change. The commit is read once (fg_walk_read); where its
 * version files changed, libgit2's objects of it serve the version rules.
 */
static int check_commit(struct run *run, size_t i)
{
	size_t node = run->r.order[i];
	const git_oid *id = fg_walk_id(run->r.walk, node);
	const char *branch = run->r.flags[node] & IN_LINE ? run->opts->branch : NULL;
	const struct fg_commit_info *c;
	struct fg_commit_context cctx;
	struct fg_report report;
	git_commit *commit = NULL;
	git_tree *tree = NULL;
	char hex[GIT_OID_HEXSZ + 1], name[24];
	int changed, rc = 0;

	memset(&cctx, 0, sizeof(cctx));
	fg_report_init(&report);
	report.severity = run->cfg->severity;
	git_oid_tostr(hex, sizeof(hex), id);
	snprintf(name, sizeof(name), "commit %.12s", hex);
	if (fg_walk_read(&c, run->r.walk, node) < 0) {
		rc = fail_at("commit", id);
		goto out;
	}
	if ((changed = files_changed(run, node, c)) < 0) {
		rc = changed;
		goto out;
	}
	if (!changed) {
		check_plain_message(run, &report, c, branch, name + 7);
	} else if (git_commit_lookup(&commit, run->repo, id) < 0 ||
		   git_commit_tree(&tree, commit) < 0) {
		rc = fail_at("commit", id);
		goto out;
	} else if (fg_repo_commit_context(&cctx, run->repo, commit, branch, 1, run->cfg) < 0 &&
		   !run->cfg->error) {
		/* versionBumpMessage: the version change, where the files changed */
		rc = fail_at("the version files of commit", id);
		goto out;
	} else if (!run->cfg->error) {
		cctx.ctx.commit = name + 7; /* made: the hints say how to reword it */
		cctx.ctx.root = git_commit_parentcount(commit) == 0;
		fg_check_message(&report, run->cfg, git_commit_message(commit), NULL, &cctx.ctx);
		if (!run->cfg->error)
			rc = check_versions(run, &report, commit, tree, branch);
	}
	if (run->cfg->error)
		rc = FG_RANGE_ECONFIG;
	else if (rc == 0)
		rc = emit(run, FG_RANGE_COMMIT, name, hex, &report);
out:
	fg_commit_context_release(&cctx);
	fg_report_release(&report);
	git_tree_free(tree);
	git_commit_free(commit);
	return rc;
}

/* A tag into the range. */
struct tag_hit {
	char *name;    /* without "refs/tags/" */
	git_oid target; /* the ref's object: an annotated tag or a commit */
	git_oid commit;
};

static int tag_cmp(const void *a, const void *b)
{
	return strcmp(((const struct tag_hit *)a)->name, ((const struct tag_hit *)b)->name);
}

/* The tags whose target peels to a commit of the range, by name, into *OUT. */
static int tags_into(struct run *run, struct tag_hit **out, size_t *count)
{
	git_reference_iterator *it = NULL;
	git_reference *ref;
	struct tag_hit *hits = NULL;
	size_t n = 0, cap = 0;
	int rc = 0;

	*out = NULL;
	*count = 0;
	if (git_reference_iterator_glob_new(&it, run->repo, "refs/tags/*") < 0)
		return FG_RANGE_EINTERNAL;
	while (rc == 0 && git_reference_next(&ref, it) == 0) {
		git_object *peeled = NULL;

		if (git_reference_type(ref) == GIT_REFERENCE_DIRECT &&
		    git_reference_peel(&peeled, ref, GIT_OBJECT_COMMIT) == 0 &&
		    range_find(&run->r, git_object_id(peeled)) != NONE) {
			if (n == cap) {
				size_t c = cap ? cap * 2 : 16;
				struct tag_hit *h = realloc(hits, c * sizeof(*h));

				if (h) {
					hits = h;
					cap = c;
				}
			}
			if (n < cap && (hits[n].name = strdup(git_reference_name(ref) + 10))) {
				git_oid_cpy(&hits[n].target, git_reference_target(ref));
				git_oid_cpy(&hits[n].commit, git_object_id(peeled));
				n++;
			} else {
				rc = out_of_memory();
			}
		}
		git_object_free(peeled);
		git_reference_free(ref);
	}
	git_reference_iterator_free(it);
	if (rc == 0)
		git_error_clear();
	if (n)
		qsort(hits, n, sizeof(*hits), tag_cmp);
	*out = hits;
	*count = n;
	return rc;
}

/* The tag rules on each tag into the range, as a new tag. */
static int check_tags(struct run *run)
{
	struct tag_hit *hits;
	size_t n;
	int rc = tags_into(run, &hits, &n);

	for (size_t i = 0; rc == 0 && i < n; i++) {
		git_commit *commit = NULL;
		git_tree *tree = NULL;
		struct fg_report report;
		char hex[GIT_OID_HEXSZ + 1], *name;

		fg_report_init(&report);
		report.severity = run->cfg->severity;
		git_oid_tostr(hex, sizeof(hex), &hits[i].commit);
		if (git_commit_lookup(&commit, run->repo, &hits[i].commit) < 0 ||
		    git_commit_tree(&tree, commit) < 0) {
			rc = fail_at("the tagged commit", &hits[i].commit);
		} else if (fg_check_tag_ref(&report, &run->refs, run->cfg, hits[i].name,
					    &hits[i].target, NULL, commit, tree) < 0) {
			rc = fail_at("the version files of the tagged commit", &hits[i].commit);
		} else {
			if (run->cfg->error)
				rc = FG_RANGE_ECONFIG;
			else if (!(name = fg_strdupf("tag %s", hits[i].name)))
				rc = out_of_memory();
			else {
				rc = emit(run, FG_RANGE_TAG, name, hex, &report);
				free(name);
			}
		}
		fg_report_release(&report);
		git_tree_free(tree);
		git_commit_free(commit);
	}
	for (size_t i = 0; i < n; i++)
		free(hits[i].name);
	free(hits);
	return rc;
}

int fg_range_check(git_repository *repo, struct fg_config *cfg, const char *range,
		   const struct fg_range_options *opts)
{
	struct run run;
	git_oid tip;
	int rc;

	memset(&run, 0, sizeof(run));
	run.repo = repo;
	run.cfg = cfg;
	run.opts = opts;
	fg_refs_init(&run.refs, repo, NULL);
	if ((rc = collect(&run.r, repo, cfg, range, &tip)) == 0) {
		run.packs = fg_walk_packs(run.r.walk);
		mark_line(&run.r, &tip);
	}
	if (rc == 0 && opts->branch)
		rc = check_branch(&run);
	for (size_t i = 0; rc == 0 && i < run.r.n; i++)
		rc = check_commit(&run, i);
	if (rc == 0)
		rc = check_tags(&run);
	fg_refs_release(&run.refs);
	range_release(&run.r);
	return rc;
}

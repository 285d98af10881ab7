/*
 * `flowgate bump` decided (bumpplan.h): the work tree's status and version
 * files read through libgit2 and release.h, the next version from bump.h
 * and the release tags, each version file rewritten in memory, the result
 * checked with the version rules; nothing is written here.
 */
#include <stdlib.h>
#include <string.h>
#include "bumpplan.h"
#include "quote.h"
#include "release.h"
#include "gitinit.h"
#include "vfiles.h"
#include "repo.h"
#include "report.h"

/* ---- messages ----------------------------------------------------------- */

/* V as text, newly allocated (any pre-release length); NULL when out of memory. */
static char *version_text(const struct fg_version *v)
{
	int n = fg_version_format(NULL, 0, v);
	char *text;

	if (n < 0 || !(text = malloc((size_t)n + 1)))
		return NULL;
	fg_version_format(text, (size_t)n + 1, v);
	return text;
}

/* 1 when TYPE is one of CFG's commit types. */
static int type_allowed(const struct fg_config *cfg, const char *type)
{
	for (size_t i = 0; i < cfg->ntypes; i++)
		if (!strcmp(cfg->types[i], type))
			return 1;
	return 0;
}

char *fg_bump_commit_message(const struct fg_config *cfg, const struct fg_version *v)
{
	int dev = v->pre_kind == FG_PRE_DEV;
	const char *type = "chore";
	char *text = version_text(v), *message;

	if (!text)
		return NULL;
	/* a type typeEnum accepts: chore, else release for a release, else the first */
	if (cfg->ntypes && !type_allowed(cfg, "chore"))
		type = !dev && type_allowed(cfg, "release") ? "release" : cfg->types[0];
	message = fg_strdupf("%s: %s %s\n", type, dev ? "bump version to" : "prepare release",
			     text);
	free(text);
	return message;
}

char *fg_bump_tag_message(const struct fg_config *cfg, const struct fg_version *v,
			  enum fg_branch_kind branch)
{
	const char *prefix = "release:";
	char *text, *message;
	int configured = 0;

	/* a release candidate (any pre-release) is a release's: 'release:' */
	if (v->patch > 0 && v->pre_kind == FG_PRE_NONE && branch == FG_BRANCH_RELEASE)
		prefix = "hotfix:";
	else if (v->patch > 0 && v->pre_kind == FG_PRE_NONE && branch == FG_BRANCH_MAINT)
		prefix = "maintenance:";
	for (size_t i = 0; i < cfg->ntag_message_prefixes; i++)
		configured |= !strcmp(cfg->tag_message_prefixes[i], prefix);
	if (!configured && cfg->ntag_message_prefixes)
		prefix = cfg->tag_message_prefixes[0];
	if (!(text = version_text(v)))
		return NULL;
	message = fg_strdupf("%s %s\n", prefix, text);
	free(text);
	return message;
}

/* ---- the plan ----------------------------------------------------------- */

void fg_bump_plan_init(struct fg_bump_plan *b, struct fg_config *cfg, git_repository *repo,
		       const struct fg_bump_options *opts, FILE *out, FILE *err)
{
	memset(b, 0, sizeof(*b));
	fg_version_set_init(&b->files.set);
	fg_version_set_init(&b->next_set);
	b->cfg = cfg;
	b->repo = repo;
	b->opts = opts;
	b->out = out;
	b->err = err;
}

void fg_bump_plan_release(struct fg_bump_plan *b)
{
	for (size_t i = 0; i < b->nchanges; i++) {
		free(b->changes[i].full);
		free(b->changes[i].data);
	}
	free(b->changes);
	free(b->updates);
	free(b->next_contents);
	fg_version_set_release(&b->next_set);
	fg_vfiles_release(&b->files);
	free(b->branch_name);
	free(b->commit_message);
	free(b->tag_name);
	free(b->tag_message);
	git_signature_free(b->author);
	git_signature_free(b->committer);
}

int fg_bump_oom(struct fg_bump_plan *b)
{
	fprintf(b->err, "flowgate bump: fatal: out of memory\n");
	return FG_EXIT_INTERNAL;
}

int fg_bump_git_failed(struct fg_bump_plan *b, const char *what)
{
	fg_print_line(b->err, "flowgate bump: fatal: %s: %s", what, fg_git_error());
	return FG_EXIT_INTERNAL;
}

static int is_vfile(const struct fg_config *cfg, const char *path)
{
	for (size_t i = 0; path && i < cfg->nvfiles; i++)
		if (!strcmp(cfg->vfiles[i].path, path))
			return 1;
	return 0;
}

/*
 * Refuse when a version file's work tree content is not what the index
 * holds: the bump rewrites the work tree file and stages it whole, so
 * unstaged edits would be staged unseen, and an untracked or deleted file
 * would be added or brought back.
 */
static int check_worktree(struct fg_bump_plan *b)
{
	for (size_t i = 0; i < b->cfg->nvfiles; i++) {
		const char *p = b->cfg->vfiles[i].path;
		unsigned flags = 0;
		int rc = git_status_file(&flags, b->repo, p);
		FILE *err = b->err;
		char *word;
		const char *w;

		if (rc == GIT_ENOTFOUND) { /* nowhere: not a version file of this project */
			git_error_clear();
			continue;
		}
		if (rc < 0) {
			fg_print_line(err, "flowgate bump: fatal: cannot read the status of %s: %s",
				      p, fg_git_error());
			return FG_EXIT_INTERNAL;
		}
		/* the path in the commands to paste: a shell word */
		word = fg_sh_quote(p, strlen(p), 0);
		w = word ? word : "<path>";
		if (flags & GIT_STATUS_CONFLICTED)
			fg_print_line(err, "flowgate bump: error: %s has unresolved conflicts; "
				      "resolve them and git add %s first", p, w);
		else if ((flags & GIT_STATUS_INDEX_DELETED) && (flags & GIT_STATUS_WT_NEW))
			fg_print_line(err, "flowgate bump: error: %s is removed from the index but "
				      "still in the work tree; git add %s to keep it, or git rm %s",
				      p, w, w);
		else if (flags & (GIT_STATUS_WT_NEW | GIT_STATUS_IGNORED))
			fg_print_line(err, "flowgate bump: error: %s is not tracked; git add %s "
				      "first (or remove it)", p, w);
		else if (flags & GIT_STATUS_WT_DELETED)
			fg_print_line(err, "flowgate bump: error: %s is deleted in the work tree "
				      "but not in the index; git restore %s to get it back, or git "
				      "rm %s", p, w, w);
		else if (flags & GIT_STATUS_INDEX_DELETED)
			fg_print_line(err, "flowgate bump: error: %s is in HEAD but deleted; git "
				      "restore --staged --worktree %s to get it back, or commit "
				      "its removal first", p, w);
		else if (flags & (GIT_STATUS_WT_MODIFIED | GIT_STATUS_WT_TYPECHANGE |
				  GIT_STATUS_WT_RENAMED))
			fg_print_line(err, "flowgate bump: error: %s has unstaged changes; git add "
				      "%s to bump with them, or git restore %s to drop them", p, w,
				      w);
		else
			w = NULL;
		free(word);
		if (w)
			return FG_EXIT_VIOLATION;
	}
	return 0;
}

/* The current version: the one the work tree's version files agree on. */
static int read_current(struct fg_bump_plan *b)
{
	const struct fg_vfile_value *exact;
	struct fg_report report;
	char *list;
	int rc = fg_vfiles_from_workdir(&b->files, b->workdir, b->cfg);

	if (rc == -3) {
		fg_print_line(b->err, "flowgate bump: error: bad configuration: %s", b->cfg->error);
		return FG_EXIT_CONFIG;
	}
	if (rc < 0) {
		fg_print_line(b->err, "flowgate bump: fatal: %s", fg_git_error());
		return FG_EXIT_INTERNAL;
	}
	/* Whatever the configured severities: a bump starts from one version. */
	fg_report_init(&report);
	fg_versions_check(&report, &b->files.set, NULL, NULL);
	if (report.oom) {
		fg_report_release(&report);
		return fg_bump_oom(b);
	}
	if (report.n) {
		const struct fg_violation *v = &report.items[0];

		fg_print_line(b->err, "flowgate bump: error: %s; %s%s", v->message,
			v->hint ? v->hint : "fix the version files",
			report.n > 1 ? " (flowgate version lists every problem)" : "");
		fg_report_release(&report);
		return FG_EXIT_VIOLATION;
	}
	fg_report_release(&report);
	if (!(exact = fg_versions_exact(&b->files.set))) {
		if (!b->cfg->nvfiles) {
			fprintf(b->err, "flowgate bump: error: no version files are configured; "
				"declare one in .flowgate: [versionFile \"<path>\"]\n");
			return FG_EXIT_VIOLATION;
		}
		if (!(list = fg_release_path_list(b->cfg)))
			return fg_bump_oom(b);
		fg_print_line(b->err, "flowgate bump: error: no version file holds an X.Y.Z "
			      "version; write the current version in %s, git add it, then bump",
			      list);
		free(list);
		return FG_EXIT_VIOLATION;
	}
	b->current = exact->text;
	return 0;
}

/* Non-zero when the release tag of V (CFG's tag prefix, then V) exists. */
static int tagged(struct fg_bump_plan *b, const struct fg_version *v)
{
	char text[FG_VERSION_TEXT_MAX], *ref;
	git_oid id;
	int found;

	if (fg_version_format(text, sizeof(text), v) < 0 ||
	    !(ref = fg_strdupf("refs/tags/%s%s", b->cfg->tag_prefix, text)))
		return 0;
	found = git_reference_name_to_id(&id, b->repo, ref) == 0;
	git_error_clear();
	free(ref);
	return found;
}

/* HEAD's branch into B (name, parsed), once. Returns 0 or an exit status. */
static int read_branch(struct fg_bump_plan *b)
{
	int rc;

	if (b->branch_name || b->on_branch)
		return 0;
	if (fg_repo_head_branch(b->repo, &b->branch_name) < 0)
		return fg_bump_git_failed(b, "cannot read HEAD");
	if (b->branch_name) {
		rc = fg_branch_parse(b->cfg, b->branch_name, &b->branch);
		if (rc == -3) {
			fg_print_line(b->err, "flowgate bump: error: bad configuration: %s",
				      b->cfg->error);
			return FG_EXIT_CONFIG;
		}
		b->on_branch = rc == 0;
	}
	return 0;
}

/*
 * Where the workflow's branches and tags change the next version: on a
 * dev/X.Y.x branch, bump dev starts the next patch's development,
 * X.Y.(Z+1)-dev (main's X.(Y+1).0-dev would leave the branch's series);
 * and a patch bump, or that -dev, goes past every X.Y.Z already tagged (a
 * dev/0.16.x at 0.16.0-dev once v0.16.0 is out bumps to 0.16.1, not to
 * the release that exists). Returns 0 or an exit status.
 */
static int past_releases(struct fg_bump_plan *b, enum fg_bump_kind kind,
			 const struct fg_version *current)
{
	struct fg_version v = b->next_v, release;
	int rc, dev_branch = b->on_branch && b->branch.kind == FG_BRANCH_DEV &&
			    fg_branch_has_series(&b->branch);

	if (kind != FG_BUMP_PATCH && !(kind == FG_BUMP_DEV && dev_branch))
		return 0;
	if (kind == FG_BUMP_DEV) {
		v = *current;
		v.build = NULL;
		v.build_len = 0;
		v.patch++;
		v.pre_kind = FG_PRE_DEV;
		v.pre = NULL;
		v.pre_len = 0;
		v.pre_number = 0;
	}
	for (;;) {
		release = v;
		release.pre_kind = FG_PRE_NONE;
		release.pre = NULL;
		release.pre_len = 0;
		if (!tagged(b, &release))
			break;
		if (v.patch == UINT64_MAX) {
			fg_print_line(b->err, "flowgate bump: error: cannot bump %s: every patch "
				      "number is tagged", b->current);
			return FG_EXIT_VIOLATION;
		}
		v.patch++;
	}
	rc = fg_version_format(b->next, sizeof(b->next), &v);
	if (rc < 0 || (size_t)rc >= sizeof(b->next) ||
	    fg_version_parse(b->next, strlen(b->next), &b->next_v) < 0) {
		fg_print_line(b->err, "flowgate bump: fatal: the next version does not fit");
		return FG_EXIT_INTERNAL;
	}
	return 0;
}

/* The next version, from the current one and the argument. */
static int compute_next(struct fg_bump_plan *b)
{
	const struct fg_vfile_value *exact = fg_versions_exact(&b->files.set);
	struct fg_version explicit;
	enum fg_bump_kind kind;
	const char *why = NULL;
	int rc;

	/* the argument was checked by fg_release_bump: it parses */
	fg_bump_parse(b->opts->what, &kind, &explicit, NULL);
	rc = fg_bump_next(&exact->version, kind, kind == FG_BUMP_EXPLICIT ? &explicit : NULL,
			  b->next, sizeof(b->next), &why);
	if (rc == FG_BUMP_ESIZE) {
		fg_print_line(b->err, "flowgate bump: fatal: %s", why);
		return FG_EXIT_INTERNAL;
	}
	if (rc < 0) {
		fg_print_line(b->err, "flowgate bump: error: cannot bump %s from %s: %s",
			kind == FG_BUMP_EXPLICIT ? "to that version" : fg_bump_kind_name(kind),
			b->current, why ? why : "refused");
		return FG_EXIT_VIOLATION;
	}
	if (fg_version_parse(b->next, strlen(b->next), &b->next_v) < 0) {
		fg_print_line(b->err, "flowgate bump: fatal: the next version '%s' does not parse",
			b->next);
		return FG_EXIT_INTERNAL;
	}
	if ((rc = read_branch(b)))
		return rc;
	return past_releases(b, kind, &exact->version);
}

/* Each present version file rewritten to the next version; unchanged ones are left out. */
static int compute_changes(struct fg_bump_plan *b)
{
	struct fg_config *cfg = b->cfg;
	size_t n = cfg->nvfiles;

	b->changes = calloc(n ? n : 1, sizeof(*b->changes));
	b->updates = calloc(n ? n : 1, sizeof(*b->updates));
	b->next_contents = calloc(n ? n : 1, sizeof(*b->next_contents));
	if (!b->changes || !b->updates || !b->next_contents)
		return fg_bump_oom(b);
	for (size_t i = 0; i < n; i++) {
		const struct fg_vfile_content *c = &b->files.contents[i];
		const struct fg_vfile_value *value = fg_release_value_of(&b->files.set, cfg->vfiles[i].path);
		int holds = value && !value->missing;
		struct fg_bump_change *ch;
		char *data = NULL;
		size_t len = 0;
		int rc;

		b->next_contents[i] = *c;
		if (!c->present)
			continue; /* a configured file that is absent: nothing to write */
		rc = fg_vfile_rewrite(&data, &len, &cfg->vfiles[i], c->data, c->len, b->next);
		if (rc == FG_REWRITE_ENOMEM)
			return fg_bump_oom(b);
		if (rc == FG_REWRITE_ELIMIT) {
			fg_vfiles_limit_error(cfg, cfg->vfiles[i].path);
			fg_print_line(b->err, "flowgate bump: error: bad configuration: %s",
				      cfg->error);
			return FG_EXIT_CONFIG;
		}
		if ((rc == FG_REWRITE_EMATCH || rc == 0) && !holds) {
			free(data); /* holds no version where the pattern looks: not ours to write */
			continue;
		}
		if (rc <= 0) {
			free(data);
			fg_print_line(b->err, "flowgate bump: fatal: %s holds version '%s' but it "
				      "cannot be rewritten (error %d); report this as a flowgate "
				      "bug", cfg->vfiles[i].path, value ? value->text : "", rc);
			return FG_EXIT_INTERNAL;
		}
		if (len == c->len && !memcmp(data, c->data, len)) {
			free(data); /* a series file whose X.Y.x stays */
			continue;
		}
		ch = &b->changes[b->nchanges++]; /* owned by B from here on */
		ch->spec = i;
		ch->data = data;
		ch->len = len;
		if (!(ch->full = fg_strdupf("%s%s", b->workdir, cfg->vfiles[i].path)))
			return fg_bump_oom(b);
		b->next_contents[i].data = data;
		b->next_contents[i].len = len;
		b->updates[b->nchanges - 1] = (struct fg_file_update){
			ch->full, c->data, c->len, data, len, 0 };
	}
	return 0;
}

/*
 * The version files after the bump hold the next version (what is written
 * is what the hooks will read) and keep the rules of HEAD's branch at the
 * configured severities: bump minor on release/0.16.x leaves its series.
 */
static int check_next(struct fg_bump_plan *b)
{
	const struct fg_vfile_value *exact;
	struct fg_report report;
	int rc = fg_versions_extract(&b->next_set, b->cfg->vfiles, b->cfg->nvfiles,
				     b->next_contents);

	if (rc == -3) {
		fg_vfiles_limit_error(b->cfg, b->next_set.limit_path);
		fg_print_line(b->err, "flowgate bump: error: bad configuration: %s", b->cfg->error);
		return FG_EXIT_CONFIG;
	}
	if (rc < 0)
		return fg_bump_oom(b);
	exact = fg_versions_exact(&b->next_set);
	if (!exact || !fg_version_same(&exact->version, &b->next_v)) {
		fg_print_line(b->err, "flowgate bump: fatal: the rewritten version files do not "
			      "read back as %s; report this as a flowgate bug", b->next);
		return FG_EXIT_INTERNAL;
	}
	if ((rc = read_branch(b)))
		return rc;
	fg_report_init(&report);
	report.severity = b->cfg->severity;
	fg_versions_check(&report, &b->next_set, b->on_branch ? &b->branch : NULL,
			  b->branch_name);
	/* versionPreReleaseBranch: a bump is no merge (a release reaches main by
	 * merging release/X.Y.x, never by a bump there) */
	fg_check_version_branch(&report, exact, b->on_branch ? &b->branch : NULL, b->branch_name,
				0, "the bump");
	for (size_t i = 0; i < report.n; i++) {
		const struct fg_violation *v = &report.items[i];
		unsigned long long x = b->branch.major, y = b->branch.minor;

		if (v->severity == FG_WARN)
			fprintf(b->err, "flowgate bump: warning: %s: %s\n%s%s%s", fg_rule_info(v->rule)->name,
				v->message, v->hint ? "hint: " : "", v->hint ? v->hint : "",
				v->hint ? "\n" : "");
		if (v->severity != FG_ERROR)
			continue;
		if (v->rule == FG_RULE_BRANCH_VERSION_SERIES)
			fg_print_line(b->err, "flowgate bump: error: %s is outside the %llu.%llu "
				      "series of branch '%s' (branchVersionSeries); bump within "
				      "%llu.%llu (e.g. flowgate bump patch), or bump on the branch "
				      "of the %llu.%llu series",
				b->next, x, y, b->branch_name, x, y,
				(unsigned long long)b->next_v.major, (unsigned long long)b->next_v.minor);
		else
			fg_print_line(b->err, "flowgate bump: error: the bump to %s would break "
				      "%s: %s; %s", b->next, fg_rule_info(v->rule)->name, v->message,
				      v->hint ? v->hint : "fix the version files first");
		fg_report_release(&report);
		return FG_EXIT_VIOLATION;
	}
	rc = report.oom;
	fg_report_release(&report);
	return rc ? fg_bump_oom(b) : 0;
}

/*
 * The identity of the bump commit, as git finds it (git-commit-tree(1)):
 * GIT_<WHO>_NAME and GIT_<WHO>_EMAIL, else user.name and user.email
 * (libgit2 1.5's git_signature_default reads only the latter), dated now.
 * Returns 0, GIT_ENOTFOUND when a name or an e-mail is not set, or another
 * negative libgit2 error.
 */
static int signature(git_signature **out, git_repository *repo, const char *who)
{
	char name_var[32], email_var[32];
	const char *name, *email;
	git_config *config = NULL;
	int rc;

	snprintf(name_var, sizeof(name_var), "GIT_%s_NAME", who);
	snprintf(email_var, sizeof(email_var), "GIT_%s_EMAIL", who);
	name = getenv(name_var);
	email = getenv(email_var);
	if (!name || !*name || !email || !*email) {
		if ((rc = git_repository_config_snapshot(&config, repo)) < 0)
			return rc;
		if ((!name || !*name) && git_config_get_string(&name, config, "user.name") < 0)
			name = NULL;
		if ((!email || !*email) && git_config_get_string(&email, config, "user.email") < 0)
			email = NULL;
		git_error_clear();
	}
	rc = name && *name && email && *email ? git_signature_now(out, name, email) : GIT_ENOTFOUND;
	git_config_free(config);
	return rc;
}

/* What --commit needs: no operation in progress, nothing else staged, an identity. */
static int check_commit(struct fg_bump_plan *b)
{
	static const char *const states[] = {
		[GIT_REPOSITORY_STATE_MERGE] = "merge",
		[GIT_REPOSITORY_STATE_REVERT] = "revert",
		[GIT_REPOSITORY_STATE_REVERT_SEQUENCE] = "revert",
		[GIT_REPOSITORY_STATE_CHERRYPICK] = "cherry-pick",
		[GIT_REPOSITORY_STATE_CHERRYPICK_SEQUENCE] = "cherry-pick",
		[GIT_REPOSITORY_STATE_BISECT] = "bisect",
		[GIT_REPOSITORY_STATE_REBASE] = "rebase",
		[GIT_REPOSITORY_STATE_REBASE_INTERACTIVE] = "rebase",
		[GIT_REPOSITORY_STATE_REBASE_MERGE] = "rebase",
		[GIT_REPOSITORY_STATE_APPLY_MAILBOX] = "git am",
		[GIT_REPOSITORY_STATE_APPLY_MAILBOX_OR_REBASE] = "git am or rebase",
	};
	git_status_options opts;
	git_status_list *list = NULL;
	char *first = NULL;
	size_t others = 0;
	int state = git_repository_state(b->repo), rc;

	if (state != GIT_REPOSITORY_STATE_NONE) {
		const char *name = state > 0 && (size_t)state < sizeof(states) / sizeof(states[0]) &&
				   states[state] ? states[state] : "git operation";

		fg_print_line(b->err, "flowgate bump: error: a %s is in progress; finish or "
			      "abort it before bump --commit", name);
		return FG_EXIT_VIOLATION;
	}
	if (git_status_options_init(&opts, GIT_STATUS_OPTIONS_VERSION) < 0)
		return fg_bump_git_failed(b, "cannot read the index");
	opts.show = GIT_STATUS_SHOW_INDEX_ONLY;
	opts.flags = 0;
	if (git_status_list_new(&list, b->repo, &opts) < 0)
		return fg_bump_git_failed(b, "cannot read the index");
	for (size_t i = 0; i < git_status_list_entrycount(list); i++) {
		const git_status_entry *e = git_status_byindex(list, i);
		const git_diff_delta *d = e->head_to_index;

		if (e->status & GIT_STATUS_CONFLICTED) {
			fprintf(b->err, "flowgate bump: error: the index has unresolved conflicts; "
				"resolve them and commit first\n");
			git_status_list_free(list);
			free(first);
			return FG_EXIT_VIOLATION;
		}
		if (!d || (is_vfile(b->cfg, d->new_file.path) && is_vfile(b->cfg, d->old_file.path)))
			continue;
		if (!others++ &&
		    !(first = strdup(d->new_file.path ? d->new_file.path : d->old_file.path))) {
			git_status_list_free(list);
			return fg_bump_oom(b);
		}
	}
	git_status_list_free(list);
	if (others) {
		char *word = fg_sh_quote(first, strlen(first), 0);

		fg_print_line(b->err, "flowgate bump: error: %s%s staged and would go into the "
			      "bump commit; commit or unstage them first (git restore --staged %s)",
			      first, others > 1 ? " and other files are" : " is",
			      word ? word : "<path>");
		free(word);
		free(first);
		return FG_EXIT_VIOLATION;
	}
	if ((rc = signature(&b->author, b->repo, "AUTHOR")) < 0 ||
	    (rc = signature(&b->committer, b->repo, "COMMITTER")) < 0) {
		if (rc == GIT_ENOTFOUND)
			fprintf(b->err, "flowgate bump: error: no identity to commit with: user.name "
				"or user.email is not set; git config user.name 'Your Name' && git "
				"config user.email you@example.com\n");
		else
			fg_print_line(b->err, "flowgate bump: error: cannot make the commit's "
				      "signature: %s; check user.name and user.email",
				      fg_git_error());
		return FG_EXIT_VIOLATION;
	}
	if (!(b->commit_message = fg_bump_commit_message(b->cfg, &b->next_v)))
		return fg_bump_oom(b);
	return 0;
}

/* What --tag needs: a valid tag name that does not exist yet. */
static int check_tag(struct fg_bump_plan *b)
{
	git_reference *ref = NULL;
	char *refname;
	int rc;

	b->tag_name = fg_strdupf("%s%s", b->cfg->tag_prefix, b->next);
	refname = b->tag_name ? fg_strdupf("refs/tags/%s", b->tag_name) : NULL;
	b->tag_message = fg_bump_tag_message(b->cfg, &b->next_v,
					     b->on_branch ? b->branch.kind : FG_BRANCH_INVALID);
	if (!refname || !b->tag_message) {
		free(refname);
		return fg_bump_oom(b);
	}
	if (!fg_refname_is_valid(refname)) {
		fg_print_line(b->err, "flowgate bump: error: '%s' is not a valid tag name; fix "
			      "tag.prefix in .flowgate", b->tag_name);
		free(refname);
		return FG_EXIT_VIOLATION;
	}
	rc = git_reference_lookup(&ref, b->repo, refname);
	free(refname);
	git_reference_free(ref);
	if (rc == 0) {
		char *word = fg_sh_quote(b->tag_name, strlen(b->tag_name), 0);

		fg_print_line(b->err, "flowgate bump: error: tag '%s' already exists; bump to "
			      "another version, or delete the tag if it was never pushed (git tag "
			      "-d %s)", b->tag_name, word ? word : "<tag>");
		free(word);
		return FG_EXIT_VIOLATION;
	}
	if (rc != GIT_ENOTFOUND)
		return fg_bump_git_failed(b, "cannot look up the tag");
	git_error_clear();
	return 0;
}

int fg_bump_plan_check(struct fg_bump_plan *b)
{
	int status;

	if (!(status = check_worktree(b)) && !(status = read_current(b)) &&
	    !(status = compute_next(b)) && !(status = compute_changes(b)) &&
	    !(status = check_next(b)) && (!b->opts->commit || !(status = check_commit(b))) &&
	    (!b->opts->tag || !(status = check_tag(b))))
		return 0;
	return status;
}

/*
 * `flowgate version` and `flowgate bump`: the version files read from the
 * work tree, the index or a commit; the next version written into the work
 * tree's files through temporaries and rename(2), with every file put back
 * when a step fails; then staged, committed and tagged through libgit2.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "changelog.h"
#include "fileio.h"
#include "hook.h"
#include "refname.h"
#include "release.h"
#include "gitinit.h"
#include "repo.h"
#include "vfiles.h"

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

/* ---- replacing files ---------------------------------------------------- */

/* Append MORE (consumed; NULL: out of memory) to *ERROR, "; "-separated. */
static void add_error(char **error, char *more)
{
	char *joined;

	if (!*error) {
		*error = more;
		return;
	}
	joined = more ? fg_strdupf("%s; %s", *error, more) : NULL;
	free(more);
	if (joined) {
		free(*error);
		*error = joined;
	}
}

/* rename(2), or EIO when it is the FLOWGATE_FAULT_RENAME-th of *RENAMES. */
static int fault_rename(const char *from, const char *to, unsigned long *renames)
{
	const char *fault = getenv(FG_FAULT_RENAME_ENV);

	++*renames;
	if (fault && *fault && strtoul(fault, NULL, 10) == *renames) {
		errno = EIO;
		return -1;
	}
	return rename(from, to);
}

/* The directory part of PATH, newly allocated ("." when none). */
static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return strdup(".");
	if (slash == path)
		return strdup("/");
	return fg_strdupf("%.*s", (int)(slash - path), path);
}

/* fsync each file's directory, so that the renames survive a crash (best effort). */
static void sync_dirs(const struct fg_file_update *files, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char *dir = dir_of(files[i].path);
		int fd = dir ? open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC) : -1;

		if (fd >= 0) {
			fsync(fd);
			close(fd);
		}
		free(dir);
	}
}

/*
 * A new temporary file beside PATH, ".<name>.flowgate-<pid>-<n>", holding
 * DATA[0..LEN) with PATH's mode (and owner, when permitted), fsync'd.
 * Returns 0 and *TMP (newly allocated), or -1 with an error added to *ERROR.
 */
static int write_temp(const char *path, const char *data, size_t len, char **tmp,
		      char **error)
{
	static unsigned long seq;
	const char *slash = strrchr(path, '/');
	int dir_len = slash ? (int)(slash - path + 1) : 0;
	struct stat st;
	char *name = NULL;
	int fd = -1, e = 0;

	*tmp = NULL;
	if (stat(path, &st) < 0) {
		e = errno;
		add_error(error, fg_strdupf("cannot read %s: %s", path, strerror(e)));
		return -1;
	}
	for (int attempt = 0; fd < 0 && attempt < 100; attempt++) {
		free(name);
		name = fg_strdupf("%.*s.%s.flowgate-%ld-%lu", dir_len, path, path + dir_len,
				  (long)getpid(), seq++);
		if (!name) {
			add_error(error, NULL);
			return -1;
		}
		fd = open(name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, st.st_mode & 07777);
		if (fd < 0 && errno != EEXIST)
			break;
	}
	if (fd < 0) {
		e = errno;
		add_error(error, fg_strdupf("cannot create %s: %s", name, strerror(e)));
		free(name);
		return -1;
	}
	/* the owner first: chown may clear the set-user-ID bit that chmod sets */
	if ((st.st_uid != geteuid() || st.st_gid != getegid()) &&
	    fchown(fd, st.st_uid, st.st_gid) < 0) {
		/* not permitted: the file stays ours, as an editor's copy would */
	}
	if (fchmod(fd, st.st_mode & 07777) < 0 || fg_write_all(fd, data, len) < 0 || fsync(fd) < 0)
		e = errno ? errno : EIO;
	if (close(fd) < 0 && !e)
		e = errno;
	if (e) {
		add_error(error, fg_strdupf("cannot write %s: %s", name, strerror(e)));
		unlink(name);
		free(name);
		return -1;
	}
	*tmp = name;
	return 0;
}

int fg_files_restore(struct fg_file_update *files, size_t n, unsigned long *renames,
		     char **error)
{
	int rc = 0;

	*error = NULL;
	for (size_t i = 0; i < n; i++) {
		char *tmp = NULL;
		int e;

		if (!files[i].replaced)
			continue;
		if (write_temp(files[i].path, files[i].old_data, files[i].old_len, &tmp, error) < 0) {
			add_error(error, fg_strdupf("%s is left with the new version", files[i].path));
			rc = -1;
			continue;
		}
		if (fault_rename(tmp, files[i].path, renames) < 0) {
			e = errno;
			add_error(error, fg_strdupf("cannot put %s back: rename: %s; its old content "
						    "is in %s", files[i].path, strerror(e), tmp));
			free(tmp);
			rc = -1;
			continue;
		}
		free(tmp);
		files[i].replaced = 0;
	}
	sync_dirs(files, n);
	return rc;
}

int fg_files_replace(struct fg_file_update *files, size_t n, unsigned long *renames,
		     char **error)
{
	char **tmp = calloc(n ? n : 1, sizeof(*tmp)), *restore_error = NULL;
	int rc = -1, touched = 0, e;
	size_t i;

	*error = NULL;
	if (!tmp)
		return -1;
	for (i = 0; i < n; i++)
		if (write_temp(files[i].path, files[i].new_data, files[i].new_len, &tmp[i],
			       error) < 0)
			goto fail;
	for (i = 0; i < n; i++) {
		if (fault_rename(tmp[i], files[i].path, renames) < 0) {
			e = errno;
			add_error(error, fg_strdupf("cannot rename %s to %s: %s", tmp[i],
						    files[i].path, strerror(e)));
			goto fail;
		}
		free(tmp[i]);
		tmp[i] = NULL;
		files[i].replaced = 1;
	}
	sync_dirs(files, n);
	rc = 0;
	goto out;
fail:
	for (i = 0; i < n; i++) {
		if (tmp[i])
			unlink(tmp[i]);
		touched |= files[i].replaced;
	}
	if (!touched) {
		add_error(error, strdup("no file was changed"));
	} else if (fg_files_restore(files, n, renames, &restore_error) < 0) {
		add_error(error, strdup("some files could not be put back"));
		add_error(error, restore_error);
	} else {
		add_error(error, strdup("every file was put back as it was"));
	}
out:
	for (i = 0; i < n; i++)
		free(tmp[i]);
	free(tmp);
	return rc;
}

/* ---- flowgate version --------------------------------------------------- */

/* The value read from the version file PATH, or NULL when none was kept. */
static const struct fg_vfile_value *value_of(const struct fg_version_set *set, const char *path)
{
	for (size_t i = 0; i < set->n; i++)
		if (!strcmp(set->values[i].path, path))
			return &set->values[i];
	return NULL;
}

/* Each configured file with its value, to ERR, when the files name no one version. */
static void write_values(const struct fg_config *cfg, const struct fg_version_set *set,
			 const struct fg_vfile_content *contents, FILE *err)
{
	for (size_t i = 0; i < cfg->nvfiles; i++) {
		const char *path = cfg->vfiles[i].path;
		const struct fg_vfile_value *value = value_of(set, path);
		char *q;

		if (!value) {
			fg_print_line(err, "%s: %s", path,
				      contents[i].present ? "(no version found)" : "(absent)");
		} else if (value->missing) {
			fg_print_line(err, "%s: %s", path, value->missing == 1 ? "(missing)"
									   : "(no version found)");
		} else if (value->valid) {
			fg_print_line(err, "%s: %s", path, value->text);
		} else {
			q = fg_quote(value->text, strlen(value->text), 60);
			fg_print_line(err, "%s: %s (not a workflow version)", path, q ? q : "?");
			free(q);
		}
	}
}

/* The configured paths as "a, b and c", newly allocated. */
static char *path_list(const struct fg_config *cfg)
{
	char *list = strdup("");

	for (size_t i = 0; list && i < cfg->nvfiles; i++) {
		char *longer = fg_strdupf("%s%s%s", list, !i ? "" : i + 1 == cfg->nvfiles ? " or " : ", ",
					  cfg->vfiles[i].path);
		free(list);
		list = longer;
	}
	return list;
}

int fg_release_version(struct fg_config *cfg, git_repository *repo,
		       const struct fg_version_source *src, FILE *out, FILE *err)
{
	struct fg_vfiles files;
	const struct fg_vfile_value *exact;
	struct fg_report report;
	git_index *index = NULL;
	git_object *object = NULL, *tree = NULL;
	int rc = 0, status = FG_EXIT_INTERNAL, workdir;

	memset(&files, 0, sizeof(files));
	fg_report_init(&report);
	if (!repo) {
		fprintf(err, "flowgate version: fatal: not in a git repository\n");
		return FG_EXIT_INTERNAL;
	}
	workdir = !src->cached && !src->rev && git_repository_workdir(repo);
	if (src->rev || (!src->cached && !workdir)) {
		/* --rev, or the default in a bare repository: HEAD, as the configuration is read */
		const char *rev = src->rev ? src->rev : "HEAD";

		if (git_revparse_single(&object, repo, rev) < 0 ||
		    git_object_peel(&tree, object, GIT_OBJECT_TREE) < 0) {
			fg_print_line(err, "flowgate version: error: '%s' names no commit: %s", rev,
				fg_git_error());
			status = FG_EXIT_USAGE;
			goto out;
		}
		rc = fg_vfiles_from_tree(&files, repo, (git_tree *)tree, cfg);
	} else if (src->cached) {
		if ((rc = git_repository_index(&index, repo)) == 0)
			rc = fg_vfiles_from_index(&files, repo, index, cfg);
	} else {
		rc = fg_vfiles_from_workdir(&files, git_repository_workdir(repo), cfg);
	}
	if (rc == -3 && cfg->error) {
		fg_print_line(err, "flowgate version: error: bad configuration: %s", cfg->error);
		status = FG_EXIT_CONFIG;
		goto out;
	}
	if (rc < 0) {
		fg_print_line(err, "flowgate version: fatal: %s", fg_git_error());
		goto out;
	}

	/* Always at severity error: the command names one version or fails. */
	fg_versions_check(&report, &files.set, NULL, NULL);
	exact = fg_versions_exact(&files.set);
	if (report.oom) {
		fprintf(err, "flowgate version: fatal: out of memory\n");
		goto out;
	}
	if (exact && !fg_report_count(&report, FG_ERROR)) {
		fprintf(out, "%s\n", exact->text);
		status = ferror(out) ? FG_EXIT_INTERNAL : 0;
		goto out;
	}
	write_values(cfg, &files.set, files.contents, err);
	fg_report_print(&report, err, "version", fg_repo_use_color(fileno(err)), 0);
	if (!exact && !report.n) {
		char *list = path_list(cfg);

		if (!cfg->nvfiles)
			fprintf(err, "flowgate version: error: no version files are configured\n"
				"hint: declare one in .flowgate: [versionFile \"<path>\"]\n");
		else
			fprintf(err, "flowgate version: error: no version file holds an X.Y.Z "
				"version\nhint: write the version in %s\n", list ? list : "a version file");
		free(list);
	}
	status = FG_EXIT_VIOLATION;
out:
	fg_report_release(&report);
	fg_vfiles_release(&files);
	git_index_free(index);
	git_object_free(tree);
	git_object_free(object);
	return status;
}

/* ---- flowgate bump ------------------------------------------------------ */

/* One version file the bump changes. */
struct change {
	size_t spec;  /* index into CFG->vfiles */
	char *full;   /* file system path */
	char *data;   /* new content, owned */
	size_t len;
};

/* An index entry as it was before staging, to put back on failure. */
struct saved_entry {
	int present;
	git_index_entry entry; /* its path is PATH */
	char *path;
};

struct bump {
	struct fg_config *cfg;
	git_repository *repo;
	const struct fg_bump_options *opts;
	FILE *out, *err;
	const char *workdir;

	struct fg_vfiles files;
	const char *current;                /* the version now, in FILES.set */
	char next[FG_VERSION_TEXT_MAX];
	struct fg_version next_v;           /* NEXT parsed */
	struct fg_version_set next_set;     /* the values after the bump */
	struct fg_vfile_content *next_contents;
	struct change *changes;
	size_t nchanges;
	struct fg_file_update *updates;     /* one per change */

	char *branch_name;                  /* HEAD's branch, NULL when detached */
	struct fg_branch branch;
	int on_branch;                      /* BRANCH is a branch of the workflow */

	char *commit_message, *tag_name, *tag_message;
	git_signature *author, *committer;
};

static void bump_release(struct bump *b)
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

static int oom(struct bump *b)
{
	fprintf(b->err, "flowgate bump: fatal: out of memory\n");
	return FG_EXIT_INTERNAL;
}

static int git_failed(struct bump *b, const char *what)
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
static int check_worktree(struct bump *b)
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
static int read_current(struct bump *b)
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
		return oom(b);
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
		if (!(list = path_list(b->cfg)))
			return oom(b);
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
static int tagged(struct bump *b, const struct fg_version *v)
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
static int read_branch(struct bump *b)
{
	int rc;

	if (b->branch_name || b->on_branch)
		return 0;
	if (fg_repo_head_branch(b->repo, &b->branch_name) < 0)
		return git_failed(b, "cannot read HEAD");
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
static int past_releases(struct bump *b, enum fg_bump_kind kind, const struct fg_version *current)
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
static int compute_next(struct bump *b)
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
static int compute_changes(struct bump *b)
{
	struct fg_config *cfg = b->cfg;
	size_t n = cfg->nvfiles;

	b->changes = calloc(n ? n : 1, sizeof(*b->changes));
	b->updates = calloc(n ? n : 1, sizeof(*b->updates));
	b->next_contents = calloc(n ? n : 1, sizeof(*b->next_contents));
	if (!b->changes || !b->updates || !b->next_contents)
		return oom(b);
	for (size_t i = 0; i < n; i++) {
		const struct fg_vfile_content *c = &b->files.contents[i];
		const struct fg_vfile_value *value = value_of(&b->files.set, cfg->vfiles[i].path);
		int holds = value && !value->missing;
		struct change *ch;
		char *data = NULL;
		size_t len = 0;
		int rc;

		b->next_contents[i] = *c;
		if (!c->present)
			continue; /* a configured file that is absent: nothing to write */
		rc = fg_vfile_rewrite(&data, &len, &cfg->vfiles[i], c->data, c->len, b->next);
		if (rc == FG_REWRITE_ENOMEM)
			return oom(b);
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
			return oom(b);
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
static int check_next(struct bump *b)
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
		return oom(b);
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
	return rc ? oom(b) : 0;
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
static int check_commit(struct bump *b)
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
		return git_failed(b, "cannot read the index");
	opts.show = GIT_STATUS_SHOW_INDEX_ONLY;
	opts.flags = 0;
	if (git_status_list_new(&list, b->repo, &opts) < 0)
		return git_failed(b, "cannot read the index");
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
			return oom(b);
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
		return oom(b);
	return 0;
}

/* What --tag needs: a valid tag name that does not exist yet. */
static int check_tag(struct bump *b)
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
		return oom(b);
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
		return git_failed(b, "cannot look up the tag");
	git_error_clear();
	return 0;
}

/* The message's first line, for the summary. */
static int first_line_len(const char *message)
{
	return (int)strcspn(message, "\n");
}

/* "0.16.0-rc2 -> 0.16.0 in a, b" and, when some file keeps its value, "; c keeps 0.16.x". */
static void write_summary(struct bump *b, const char *what, const char *tail)
{
	fprintf(b->out, "flowgate bump: %s%s -> %s in ", what, b->current, b->next);
	for (size_t i = 0; i < b->nchanges; i++) {
		const char *path = b->cfg->vfiles[b->changes[i].spec].path;

		fputs(i ? ", " : "", b->out);
		fg_print_escaped(b->out, path, strlen(path), 0, 0);
	}
	fprintf(b->out, " (%s)", tail);
	for (size_t i = 0, kept = 0; i < b->cfg->nvfiles; i++) {
		const char *path = b->cfg->vfiles[i].path;
		const struct fg_vfile_value *value = value_of(&b->files.set, path);
		int changed = 0;

		for (size_t k = 0; k < b->nchanges; k++)
			changed |= b->changes[k].spec == i;
		if (changed || !value || value->missing)
			continue;
		fputs(kept++ ? ", " : "; ", b->out);
		fg_print_escaped(b->out, path, strlen(path), 0, 0);
		fputs(" keeps ", b->out);
		fg_print_escaped(b->out, value->text, strlen(value->text), 0, 0);
	}
	fputc('\n', b->out);
}

static int dry_run(struct bump *b)
{
	git_diff_options opts;

	if (git_diff_options_init(&opts, GIT_DIFF_OPTIONS_VERSION) < 0)
		return git_failed(b, "cannot make the diff");
	for (size_t i = 0; i < b->nchanges; i++) {
		const struct fg_file_update *u = &b->updates[i];
		const char *path = b->cfg->vfiles[b->changes[i].spec].path;
		git_patch *patch = NULL;
		git_buf buf = { 0 };

		if (git_patch_from_buffers(&patch, u->old_data, u->old_len, path, u->new_data,
					   u->new_len, path, &opts) < 0 ||
		    git_patch_to_buf(&buf, patch) < 0) {
			git_patch_free(patch);
			return git_failed(b, "cannot make the diff");
		}
		fwrite(buf.ptr, 1, buf.size, b->out);
		git_buf_dispose(&buf);
		git_patch_free(patch);
	}
	write_summary(b, "would bump ", "dry run: nothing written");
	if (b->commit_message)
		fg_print_line(b->out, "flowgate bump: would commit '%.*s'",
			first_line_len(b->commit_message), b->commit_message);
	if (b->tag_message)
		fg_print_line(b->out, "flowgate bump: would tag %s '%.*s'", b->tag_name,
			first_line_len(b->tag_message), b->tag_message);
	return ferror(b->out) ? FG_EXIT_INTERNAL : 0;
}

static void saved_release(struct saved_entry *saved, size_t n)
{
	for (size_t i = 0; saved && i < n; i++)
		free(saved[i].path);
	free(saved);
}

/* The index entries of the changed files as they are now. */
static struct saved_entry *save_entries(struct bump *b, git_index *index)
{
	struct saved_entry *saved = calloc(b->nchanges ? b->nchanges : 1, sizeof(*saved));

	for (size_t i = 0; saved && i < b->nchanges; i++) {
		const char *path = b->cfg->vfiles[b->changes[i].spec].path;
		const git_index_entry *e = git_index_get_bypath(index, path, 0);

		if (!e)
			continue;
		saved[i].present = 1;
		saved[i].entry = *e;
		if (!(saved[i].path = strdup(path))) {
			saved_release(saved, b->nchanges);
			return NULL;
		}
		saved[i].entry.path = saved[i].path;
	}
	return saved;
}

/* Put the index back as SAVED says, on disk. */
static int restore_entries(struct bump *b, git_index *index, struct saved_entry *saved)
{
	int rc = git_index_read(index, 1);

	for (size_t i = 0; rc == 0 && i < b->nchanges; i++)
		rc = saved[i].present
		     ? git_index_add(index, &saved[i].entry)
		     : git_index_remove_bypath(index, b->cfg->vfiles[b->changes[i].spec].path);
	return rc < 0 ? rc : git_index_write(index);
}

/*
 * After a failed step: the files (and with SAVED, the index) put back.
 * WHAT says which step failed; CAUSE (may be NULL) why.
 */
static int roll_back(struct bump *b, unsigned long *renames, git_index *index,
		     struct saved_entry *saved, const char *what, const char *cause)
{
	char *error = NULL;
	int files_ok = fg_files_restore(b->updates, b->nchanges, renames, &error) == 0;
	int index_ok = !saved || restore_entries(b, index, saved) == 0;

	fg_print_line(b->err, "flowgate bump: fatal: %s: %s; %s", what,
		      cause ? cause : "unknown error",
		      files_ok && index_ok ? "every file was put back as it was"
		      : !files_ok ? "some files could not be put back"
		      : "the index could not be put back");
	if (!files_ok && error)
		fg_print_line(b->err, "flowgate bump: fatal: %s", error);
	if (!index_ok)
		fg_print_line(b->err, "flowgate bump: fatal: the index: %s; git restore "
			      "--staged the version files", fg_git_error());
	free(error);
	return FG_EXIT_INTERNAL;
}

/* The commit on HEAD of the staged INDEX. Returns 0 or a negative libgit2 error. */
static int make_commit(struct bump *b, git_index *index, git_oid *id)
{
	git_oid tree_id, parent_id;
	git_tree *tree = NULL;
	git_commit *parent = NULL;
	int rc = git_reference_name_to_id(&parent_id, b->repo, "HEAD");

	if (rc == GIT_ENOTFOUND || rc == GIT_EUNBORNBRANCH) /* the first commit */
		rc = 0;
	else if (rc == 0)
		rc = git_commit_lookup(&parent, b->repo, &parent_id);
	if (rc == 0 && (rc = git_index_write_tree(&tree_id, index)) == 0 &&
	    (rc = git_tree_lookup(&tree, b->repo, &tree_id)) == 0)
		rc = git_commit_create(id, b->repo, "HEAD", b->author, b->committer, NULL,
				       b->commit_message, tree, parent ? 1 : 0,
				       (const git_commit **)&parent);
	git_tree_free(tree);
	git_commit_free(parent);
	return rc;
}

/*
 * The release notes of the bump commit ID (changelog.h, text: git strips
 * '#' lines from a tag's message), after a blank line below the tag
 * message's first line. Notes that cannot be read leave the message as it
 * is, with a warning. Returns 0, or -1 when out of memory (said on ERR).
 */
static int add_release_notes(struct bump *b, const git_oid *id)
{
	char *notes = NULL, *message;

	if (fg_changelog_tag_notes(&notes, b->repo, b->cfg, id) < 0) {
		fg_print_line(b->err, "flowgate bump: warning: the tag's message holds no release "
			      "notes: %s", b->cfg->error ? b->cfg->error : fg_git_error());
		return 0;
	}
	if (!notes)
		return 0;
	message = fg_strdupf("%s\n%s", b->tag_message, notes);
	free(notes);
	if (!message) {
		fprintf(b->err, "flowgate bump: fatal: out of memory\n");
		return -1;
	}
	free(b->tag_message);
	b->tag_message = message;
	return 0;
}

static int apply(struct bump *b)
{
	git_index *index = NULL;
	struct saved_entry *saved = NULL;
	git_object *commit = NULL;
	git_oid commit_id, tag_id;
	unsigned long renames = 0;
	char *error = NULL, *cause = NULL, hex[GIT_OID_HEXSZ + 1];
	int status = FG_EXIT_INTERNAL, rc = 0;

	if (git_repository_index(&index, b->repo) < 0 || git_index_read(index, 0) < 0)
		return git_failed(b, "cannot read the index");
	if (!(saved = save_entries(b, index))) {
		git_index_free(index);
		return oom(b);
	}
	if (fg_files_replace(b->updates, b->nchanges, &renames, &error) < 0) {
		fg_print_line(b->err, "flowgate bump: fatal: cannot write the version files: %s",
			error ? error : "out of memory");
		goto out;
	}
	for (size_t i = 0; rc == 0 && i < b->nchanges; i++)
		rc = git_index_add_bypath(index, b->cfg->vfiles[b->changes[i].spec].path);
	if (rc == 0)
		rc = git_index_write(index);
	if (rc < 0) {
		cause = strdup(fg_git_error());
		git_index_read(index, 1); /* drop what was added in memory */
		status = roll_back(b, &renames, index, NULL, "cannot stage the version files", cause);
		goto out;
	}
	if (b->opts->commit && (rc = make_commit(b, index, &commit_id)) < 0) {
		cause = strdup(fg_git_error());
		status = roll_back(b, &renames, index, saved, "cannot commit", cause);
		goto out;
	}
	write_summary(b, "", b->opts->commit ? "committed" : "staged");
	if (b->opts->commit) {
		git_oid_tostr(hex, sizeof(hex), &commit_id);
		fg_print_line(b->out, "flowgate bump: committed %.12s %.*s", hex,
			first_line_len(b->commit_message), b->commit_message);
	}
	if (b->opts->tag && add_release_notes(b, &commit_id) < 0)
		goto out;
	if (b->opts->tag) {
		if (git_object_lookup(&commit, b->repo, &commit_id, GIT_OBJECT_COMMIT) < 0 ||
		    git_tag_create(&tag_id, b->repo, b->tag_name, commit, b->committer,
				   b->tag_message, 0) < 0) {
			char *tw = fg_sh_quote(b->tag_name, strlen(b->tag_name), 0);
			char *mw = fg_sh_wordf("%.*s", first_line_len(b->tag_message),
					       b->tag_message);

			fg_print_line(b->err, "flowgate bump: fatal: committed %.12s but cannot "
				      "create tag %s: %s; create it: git tag -a %s -m %s", hex,
				      b->tag_name, fg_git_error(), tw ? tw : "<tag>",
				      mw ? mw : "<message>");
			free(tw);
			free(mw);
			goto out;
		}
		fg_print_line(b->out, "flowgate bump: tagged %s '%.*s'", b->tag_name,
			first_line_len(b->tag_message), b->tag_message);
	}
	status = ferror(b->out) ? FG_EXIT_INTERNAL : 0;
out:
	free(cause);
	free(error);
	git_object_free(commit);
	saved_release(saved, b->nchanges);
	git_index_free(index);
	return status;
}

int fg_release_bump(struct fg_config *cfg, git_repository *repo,
		    const struct fg_bump_options *opts, FILE *out, FILE *err)
{
	struct bump b;
	struct fg_version explicit;
	enum fg_bump_kind kind;
	const char *why = NULL;
	int status;

	memset(&b, 0, sizeof(b));
	fg_version_set_init(&b.files.set);
	fg_version_set_init(&b.next_set);
	b.cfg = cfg;
	b.repo = repo;
	b.opts = opts;
	b.out = out;
	b.err = err;
	if (!opts->what || fg_bump_parse(opts->what, &kind, &explicit, &why) < 0) {
		fg_print_line(err, "flowgate bump: error: '%s' is not a bump; %s",
			opts->what ? opts->what : "", why ? why : "give " FG_BUMP_USAGE);
		return FG_EXIT_USAGE;
	}
	if (opts->tag && !opts->commit) {
		fprintf(err, "flowgate bump: error: --tag tags the bump commit; add --commit\n");
		return FG_EXIT_USAGE;
	}
	if (!repo) {
		fprintf(err, "flowgate bump: fatal: not in a git repository\n");
		return FG_EXIT_INTERNAL;
	}
	if (!(b.workdir = git_repository_workdir(repo))) {
		fprintf(err, "flowgate bump: error: the repository is bare; run flowgate bump in "
			"a clone with a work tree\n");
		return FG_EXIT_VIOLATION;
	}
	if (!(status = check_worktree(&b)) && !(status = read_current(&b)) &&
	    !(status = compute_next(&b)) && !(status = compute_changes(&b)) &&
	    !(status = check_next(&b)) && (!opts->commit || !(status = check_commit(&b))) &&
	    (!opts->tag || !(status = check_tag(&b))))
		status = opts->dry_run ? dry_run(&b) : apply(&b);
	bump_release(&b);
	return status;
}

/*
 * The version files read from one place (git layer): the index, a tree,
 * the index as fg_staged_open reads it (sparse directory entries
 * included) or the work tree, and the file lookups they share with the
 * configuration file's reader. An object such a read needs and cannot get
 * is an error naming it (path, kind, OID) with the way to get it: the
 * command that fetches it from a partial clone's promisor remote, or the
 * repair of a damaged repository.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include "fileio.h"
#include "gitinit.h"
#include "report.h"
#include "vfiles.h"

void fg_vfiles_release(struct fg_vfiles *files)
{
	for (size_t i = 0; i < files->n; i++) {
		if (files->blobs)
			git_blob_free(files->blobs[i]);
		if (files->data)
			free(files->data[i]);
	}
	free(files->blobs);
	free(files->data);
	free(files->contents);
	fg_version_set_release(&files->set);
	memset(files, 0, sizeof(*files));
}

/*
 * Non-zero when REPO is a partial clone, whose missing objects git fetches
 * from a promisor remote on demand: extensions.partialClone is set, or a
 * remote.<name>.promisor is true (git's own test). Read by a plain walk of
 * the config, as tracking_remote in hooks/pre-push.c does.
 */
static int has_promisor_remote(git_repository *repo)
{
	git_config *config = NULL;
	git_config_iterator *it = NULL;
	git_config_entry *entry;
	int found = 0, value;

	if (git_repository_config_snapshot(&config, repo) == 0 &&
	    git_config_iterator_new(&it, config) == 0) {
		while (!found && git_config_next(&entry, it) == 0) {
			const char *key = entry->name;
			size_t len = strlen(key);

			if (!strcmp(key, "extensions.partialclone"))
				found = entry->value && *entry->value;
			else if (!strncmp(key, "remote.", 7) && len > 7 + 9 &&
				 !strcmp(key + len - 9, ".promisor"))
				found = entry->value && git_config_parse_bool(&value, entry->value) == 0 &&
					value;
		}
	}
	git_config_iterator_free(it);
	git_config_free(config);
	git_error_clear();
	return found;
}

/*
 * The objects a reader found missing from the object store (a partial
 * clone that has not fetched them, or a damaged repository), named together
 * in one error: one command then fetches them all. Start it zeroed;
 * missing_error reports and releases it.
 */
struct missing {
	char *names; /* "half_orm/version.txt (blob 0ea3...), setup.py (blob ...)" */
	char *fetch; /* "git cat-file -e 0ea3... && git cat-file -e ..." */
	size_t n;
	int oom;
};

static void missing_add(struct missing *m, const char *path, const char *kind, const git_oid *id)
{
	char hex[GIT_OID_HEXSZ + 1];
	char *names, *fetch;

	git_oid_tostr(hex, sizeof(hex), id);
	names = fg_strdupf("%s%s%s (%s %s)", m->names ? m->names : "", m->names ? ", " : "", path,
			   kind, hex);
	fetch = fg_strdupf("%s%sgit cat-file -e %s", m->fetch ? m->fetch : "",
			   m->fetch ? " && " : "", hex);
	if (!names || !fetch) {
		free(names);
		free(fetch);
		m->oom = 1;
		return;
	}
	free(m->names);
	free(m->fetch);
	m->names = names;
	m->fetch = fetch;
	m->n++;
}

static void missing_release(struct missing *m)
{
	free(m->names);
	free(m->fetch);
	memset(m, 0, sizeof(*m));
}

/*
 * Report what M holds as REPO's last error and release it: -1 when an
 * object was missing (or memory ran out), else 0. In a partial clone the
 * error gives the command that makes git fetch them from the promisor
 * remote (git cat-file -e fetches a missing object on demand, as any read
 * does, and prints nothing); elsewhere the repository is damaged.
 */
static int missing_error(struct missing *m, git_repository *repo)
{
	char *message;

	if (!m->n && !m->oom)
		return 0;
	if (m->oom) {
		missing_release(m);
		git_error_set_oom();
		return -1;
	}
	if (has_promisor_remote(repo))
		message = fg_strdupf("not in this partial clone: %s; fetch %s from the promisor "
				     "remote: %s", m->names, m->n > 1 ? "them" : "it", m->fetch);
	else
		message = fg_strdupf("missing from the repository: %s; the repository is damaged: "
				     "git fsck names what is missing; restore %s from a clone that "
				     "has %s", m->names, m->n > 1 ? "them" : "it",
				     m->n > 1 ? "them" : "it");
	if (message)
		git_error_set_str(GIT_ERROR_ODB, message);
	else
		git_error_set_oom();
	free(message);
	missing_release(m);
	return -1;
}

/*
 * The lookup of object ID, the KIND ("blob", "tree") at PATH, failed with
 * RC: recorded in M and 1 when the object store lacks it (a partial
 * clone's object not fetched yet); -1 with the error set when it is there
 * but cannot be read (corrupt, or not a KIND).
 */
static int object_failed(struct missing *m, git_repository *repo, const char *path,
			 const char *kind, const git_oid *id, int rc)
{
	char hex[GIT_OID_HEXSZ + 1];
	char *why = strdup(fg_git_error()), *message;
	git_odb *odb = NULL;
	int exists = 1;

	if (rc == GIT_ENOTFOUND && git_repository_odb(&odb, repo) == 0)
		exists = git_odb_exists(odb, id);
	git_odb_free(odb);
	if (!exists) {
		free(why);
		missing_add(m, path, kind, id);
		return 1;
	}
	git_oid_tostr(hex, sizeof(hex), id);
	message = fg_strdupf("%s (%s %s) cannot be read: %s; the repository is damaged: git fsck "
			     "names what is wrong; restore the object from a clone that has it",
			     path, kind, hex, why ? why : "out of memory");
	if (message)
		git_error_set_str(GIT_ERROR_ODB, message);
	else
		git_error_set_oom();
	free(message);
	free(why);
	return -1;
}

int fg_repo_unreadable(git_repository *repo, const char *what, const char *kind,
		       const git_oid *id, int rc)
{
	struct missing m = { NULL, NULL, 0, 0 };

	if (object_failed(&m, repo, what, kind, id, rc) == 1)
		missing_error(&m, repo);
	return -1;
}

static int vfiles_alloc(struct fg_vfiles *files, size_t n)
{
	memset(files, 0, sizeof(*files));
	files->contents = calloc(n ? n : 1, sizeof(*files->contents));
	files->blobs = calloc(n ? n : 1, sizeof(*files->blobs));
	files->n = n;
	if (!files->contents || !files->blobs) {
		git_error_set_oom();
		return -1;
	}
	return 0;
}

/*
 * Slot I of FILES from blob ID, the file PATH: 0 when read, 1 when missing
 * (recorded in M), -1 when it cannot be read (the error set).
 */
static int load_blob(struct fg_vfiles *files, size_t i, git_repository *repo, const git_oid *id,
		     const char *path, struct missing *m)
{
	git_odb *odb = NULL;
	git_object_t type;
	size_t size = 0;
	int rc;

	/* The size first, from the object's header: a huge blob is never inflated. */
	if ((rc = git_repository_odb(&odb, repo)) == 0) {
		rc = git_odb_read_header(&size, &type, odb, id);
		git_odb_free(odb);
	}
	if (rc == 0 && size > FG_VFILE_MAX_SIZE) {
		files->contents[i].present = 2;
		files->contents[i].len = size;
		return 0;
	}
	if (rc == 0)
		rc = git_blob_lookup(&files->blobs[i], repo, id);
	if (rc < 0)
		return object_failed(m, repo, path, "blob", id, rc);
	files->contents[i].present = 1;
	files->contents[i].data = git_blob_rawcontent(files->blobs[i]);
	files->contents[i].len = (size_t)git_blob_rawsize(files->blobs[i]);
	return 0;
}

int fg_vfiles_limit_error(struct fg_config *cfg, const char *path)
{
	fg_config_error(cfg, "%s: versionFile.%s.pattern: reached PCRE2's match limit on %s; "
			"simplify the pattern (nested repetition such as (a+)+ backtracks "
			"without end)", cfg->vfiles_origin, path, path);
	return -3;
}

/* Versions out of the contents just read (the tail of the readers). */
static int extract_versions(struct fg_vfiles *files, struct fg_config *cfg)
{
	int rc;

	git_error_clear();
	rc = fg_versions_extract(&files->set, cfg->vfiles, cfg->nvfiles, files->contents);
	if (rc == -3)
		return fg_vfiles_limit_error(cfg, files->set.limit_path);
	if (rc < 0) {
		git_error_set_oom();
		return -1;
	}
	return 0;
}

int fg_vfiles_from_index(struct fg_vfiles *files, git_repository *repo, git_index *index,
			 struct fg_config *cfg)
{
	struct missing m = { NULL, NULL, 0, 0 };

	if (vfiles_alloc(files, cfg->nvfiles) < 0)
		return -1;
	for (size_t i = 0; i < cfg->nvfiles; i++) {
		const git_index_entry *entry = git_index_get_bypath(index, cfg->vfiles[i].path, 0);

		if (!entry || !S_ISREG(entry->mode))
			continue;
		if (load_blob(files, i, repo, &entry->id, cfg->vfiles[i].path, &m) < 0) {
			missing_release(&m);
			return -1;
		}
	}
	if (missing_error(&m, repo) < 0)
		return -1;
	return extract_versions(files, cfg);
}

/*
 * The regular file PATH + FROM of TREE (PATH[0..FROM) the directory TREE
 * is, "" for a root tree, in the names of missing trees), each directory
 * on the way looked up in turn: 0 and *ID; GIT_ENOTFOUND when the tree has no such path (the one
 * case that means "absent"); GIT_EINVALID when it is not a regular file (a
 * symbolic link, a submodule, a directory), as the index reader requires;
 * 1 when a directory on the way is a tree missing from the object store
 * (recorded in M); -1 when one cannot be read (the error set).
 */
static int tree_file(git_tree *tree, const char *path, size_t from, git_oid *id,
		     struct missing *m)
{
	git_repository *repo = git_tree_owner(tree);
	git_tree *at = tree;
	const char *name = path + from;
	int rc;

	for (;;) {
		size_t n = strcspn(name, "/");
		char *part = strndup(name, n), *dir;
		const git_tree_entry *e;
		git_tree *sub = NULL;

		if (!part) {
			git_error_set_oom();
			rc = -1;
			break;
		}
		e = git_tree_entry_byname(at, part);
		free(part);
		if (!e) {
			rc = GIT_ENOTFOUND;
			break;
		}
		if (!name[n]) {
			if (git_tree_entry_filemode(e) == GIT_FILEMODE_BLOB ||
			    git_tree_entry_filemode(e) == GIT_FILEMODE_BLOB_EXECUTABLE) {
				git_oid_cpy(id, git_tree_entry_id(e));
				rc = 0;
			} else {
				rc = GIT_EINVALID;
			}
			break;
		}
		if (git_tree_entry_type(e) != GIT_OBJECT_TREE) {
			rc = GIT_ENOTFOUND; /* a file where PATH wants a directory */
			break;
		}
		if ((rc = git_tree_lookup(&sub, repo, git_tree_entry_id(e))) < 0) {
			if ((dir = strndup(path, (size_t)(name + n - path)))) {
				rc = object_failed(m, repo, dir, "tree", git_tree_entry_id(e), rc);
				free(dir);
			} else {
				git_error_set_oom();
				rc = -1;
			}
			break;
		}
		if (at != tree)
			git_tree_free(at);
		at = sub;
		name += n + 1;
	}
	if (at != tree)
		git_tree_free(at);
	return rc;
}

int fg_vfiles_from_tree(struct fg_vfiles *files, git_repository *repo, git_tree *tree,
			struct fg_config *cfg)
{
	struct missing m = { NULL, NULL, 0, 0 };

	if (vfiles_alloc(files, cfg->nvfiles) < 0)
		return -1;
	for (size_t i = 0; i < cfg->nvfiles; i++) {
		git_oid id;
		int rc = tree_file(tree, cfg->vfiles[i].path, 0, &id, &m);

		/* not in the tree, or not a file: absent; missing objects: named at the end */
		if (rc == GIT_ENOTFOUND || rc == GIT_EINVALID || rc == 1)
			continue;
		if (rc < 0 || load_blob(files, i, repo, &id, cfg->vfiles[i].path, &m) < 0) {
			missing_release(&m);
			return -1;
		}
	}
	if (missing_error(&m, repo) < 0)
		return -1;
	return extract_versions(files, cfg);
}

/*
 * The regular files PATHS[0..N) of STAGED, found in one walk of the index:
 * RCS[i] as tree_file says (0 and IDS[i]; GIT_ENOTFOUND; GIT_EINVALID,
 * not a regular file; 1, a tree of a sparse directory entry missing,
 * recorded in M). Returns 0, or -1 when the index or a tree cannot be read
 * (the error set).
 */
static int staged_files(git_repository *repo, struct fg_staged *staged, const char *const *paths,
			size_t n, git_oid *ids, int *rcs, struct missing *m)
{
	struct fg_index_find *want = calloc(n ? n : 1, sizeof(*want));
	int rc = 0;

	if (!want) {
		git_error_set_oom();
		return -1;
	}
	for (size_t i = 0; i < n; i++)
		want[i].path = paths[i];
	if (fg_staged_find(staged, want, n) < 0)
		rc = -1;
	for (size_t i = 0; rc == 0 && i < n; i++) {
		git_oid tree_id;
		git_tree *tree = NULL;
		char *dir;

		switch (want[i].state) {
		case FG_INDEX_ENTRY:
			/* a symbolic link or a submodule is no file */
			rcs[i] = S_ISREG(want[i].mode) ? 0 : GIT_EINVALID;
			git_oid_fromraw(&ids[i], want[i].id);
			break;
		case FG_INDEX_DIRECTORY:
			rcs[i] = GIT_EINVALID;
			break;
		case FG_INDEX_SPARSE:
			/* a sparse index's directory entry: the path in the tree it names */
			git_oid_fromraw(&tree_id, want[i].id);
			if ((rcs[i] = git_tree_lookup(&tree, repo, &tree_id)) < 0) {
				if (!(dir = strndup(paths[i], want[i].rest - 1))) {
					git_error_set_oom();
					rc = -1;
					break;
				}
				rcs[i] = object_failed(m, repo, dir, "tree", &tree_id, rcs[i]);
				free(dir);
			} else {
				rcs[i] = tree_file(tree, paths[i], want[i].rest, &ids[i], m);
				git_tree_free(tree);
			}
			if (rcs[i] == -1)
				rc = -1;
			break;
		default:
			rcs[i] = GIT_ENOTFOUND;
		}
	}
	free(want);
	return rc;
}

int fg_repo_tree_file(git_repository *repo, git_tree *tree, const char *path, git_oid *id)
{
	struct missing m = { NULL, NULL, 0, 0 };
	int rc = tree_file(tree, path, 0, id, &m);

	return rc == 1 ? missing_error(&m, repo) : rc;
}

int fg_repo_staged_file(git_repository *repo, struct fg_staged *staged, const char *path,
			git_oid *id)
{
	struct missing m = { NULL, NULL, 0, 0 };
	int rc;

	if (staged_files(repo, staged, &path, 1, id, &rc, &m) < 0) {
		missing_release(&m);
		return -1;
	}
	return rc == 1 ? missing_error(&m, repo) : rc;
}

int fg_vfiles_from_staged(struct fg_vfiles *files, git_repository *repo,
			  struct fg_staged *staged, struct fg_config *cfg)
{
	struct missing m = { NULL, NULL, 0, 0 };
	size_t n = cfg->nvfiles;
	const char **paths;
	git_oid *ids;
	int *rcs, rc = -1;

	if (vfiles_alloc(files, n) < 0)
		return -1;
	paths = calloc(n ? n : 1, sizeof(*paths));
	ids = calloc(n ? n : 1, sizeof(*ids));
	rcs = calloc(n ? n : 1, sizeof(*rcs));
	if (!paths || !ids || !rcs) {
		git_error_set_oom();
	} else {
		for (size_t i = 0; i < n; i++)
			paths[i] = cfg->vfiles[i].path;
		rc = staged_files(repo, staged, paths, n, ids, rcs, &m);
		/* not in the index, or not a file: absent; missing objects: named at the end */
		for (size_t i = 0; rc == 0 && i < n; i++)
			if (rcs[i] == 0 && load_blob(files, i, repo, &ids[i], paths[i], &m) < 0)
				rc = -1;
	}
	free(paths);
	free(ids);
	free(rcs);
	if (rc < 0) {
		missing_release(&m);
		return -1;
	}
	if (missing_error(&m, repo) < 0)
		return -1;
	return extract_versions(files, cfg);
}

/*
 * Open PATH ('/'-separated, relative) under directory WORKDIR for reading,
 * one component at a time, following no symbolic link (O_NOFOLLOW on each
 * component, so a committed link to a directory cannot lead out of the
 * work tree) and never into .git. The last component is opened
 * O_NONBLOCK: a FIFO must not block. Returns the descriptor, or -1 with
 * errno set (ELOOP for a symbolic link, EPERM for a .git component).
 */
static int open_beneath(const char *workdir, const char *path)
{
	char *copy = strdup(path), *name, *slash;
	int dir = open(workdir, O_RDONLY | O_DIRECTORY | O_CLOEXEC), fd = -1, saved;

	if (!copy || dir < 0) {
		saved = copy ? errno : ENOMEM;
		free(copy);
		if (dir >= 0)
			close(dir);
		errno = saved;
		return -1;
	}
	for (name = copy; name; name = slash ? slash + 1 : NULL) {
		int next;

		if ((slash = strchr(name, '/')))
			*slash = '\0';
		if (!strcasecmp(name, ".git")) {
			errno = EPERM;
			break;
		}
		next = openat(dir, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC |
					 (slash ? O_DIRECTORY : O_NONBLOCK));
		if (next < 0) {
			struct stat st;

			/* a link where a directory is wanted says ENOTDIR: say ELOOP */
			if (errno == ENOTDIR && fstatat(dir, name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
			    S_ISLNK(st.st_mode))
				errno = ELOOP;
			break;
		}
		close(dir);
		dir = next;
		if (!slash) {
			fd = dir;
			dir = -1;
		}
	}
	saved = errno;
	if (dir >= 0)
		close(dir);
	free(copy);
	errno = saved;
	return fd;
}

/*
 * Slot I of FILES from the regular file WORKDIR + PATH: 0 when read, 1 when
 * it does not exist, -1 (git_error_last set) when it cannot be read or is
 * not a regular file.
 */
static int load_workdir_file(struct fg_vfiles *files, size_t i, const char *workdir,
			     const char *path)
{
	char *why = NULL;
	struct stat st;
	size_t len = 0;
	int fd, rc = -1;

	if ((fd = open_beneath(workdir, path)) < 0) {
		if (errno == ENOENT || errno == ENOTDIR)
			rc = 1;
		else if (errno == ELOOP)
			why = fg_strdupf("version file %s is, or is reached through, a symbolic link; "
					 "make it a plain file in a plain directory, or drop it from "
					 "the versionFile configuration", path);
		else if (errno == EPERM)
			why = fg_strdupf("version file %s is inside .git; name a file of the work "
					 "tree in the versionFile configuration", path);
		else
			why = fg_strdupf("cannot read %s: %s", path, strerror(errno));
	} else if (fstat(fd, &st) < 0) {
		why = fg_strdupf("cannot read %s: %s", path, strerror(errno));
	} else if (!S_ISREG(st.st_mode)) {
		why = fg_strdupf("version file %s is not a regular file (a directory, a FIFO or a "
				 "device); make it a plain file or drop it from the versionFile "
				 "configuration", path);
	} else if (st.st_size > FG_VFILE_MAX_SIZE) {
		why = fg_strdupf("version file %s is %lld bytes, more than %d; a version file is "
				 "small: name the right file in the versionFile configuration", path,
				 (long long)st.st_size, FG_VFILE_MAX_SIZE);
	} else if (fg_read_all(fd, &files->data[i], &len) < 0) {
		why = fg_strdupf("cannot read %s: %s", path, strerror(errno));
	} else {
		files->contents[i].present = 1;
		files->contents[i].data = files->data[i];
		files->contents[i].len = len;
		rc = 0;
	}
	if (fd >= 0)
		close(fd);
	if (rc < 0) {
		if (why)
			git_error_set_str(GIT_ERROR_OS, why);
		else
			git_error_set_oom();
		free(why);
	}
	return rc;
}

int fg_vfiles_from_workdir(struct fg_vfiles *files, const char *workdir, struct fg_config *cfg)
{
	if (vfiles_alloc(files, cfg->nvfiles) < 0)
		return -1;
	if (!(files->data = calloc(files->n ? files->n : 1, sizeof(*files->data)))) {
		git_error_set_oom();
		return -1;
	}
	for (size_t i = 0; i < cfg->nvfiles; i++)
		if (load_workdir_file(files, i, workdir, cfg->vfiles[i].path) < 0)
			return -1;
	return extract_versions(files, cfg);
}

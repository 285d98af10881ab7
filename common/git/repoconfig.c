/*
 * flowgate's configuration read from the repository (git layer): the
 * committed configuration file (.flowgate, or flowgate.configFile) from
 * the index, a tree, the work tree or the file system, checked before it
 * is parsed, then the flowgate.* keys of git config and FLOWGATE_SKIP, in
 * that order, over the built-in defaults (config.h parses each layer).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "fileio.h"
#include "gitinit.h"
#include "report.h"
#include "vfiles.h"
#include "repoconfig.h"

/*
 * PATH, relative to the top of the work tree, written as index and tree
 * paths are (in place): no "." or empty component ("./ci//x" is "ci/x").
 * Returns 0, or -1 when a component is ".." or nothing is left.
 */
static int normalize_relative(char *path)
{
	char *out = path;
	const char *p = path;

	while (*p) {
		size_t n = strcspn(p, "/");

		if (n == 2 && p[0] == '.' && p[1] == '.')
			return -1;
		if (n && !(n == 1 && p[0] == '.')) {
			if (out != path)
				*out++ = '/';
			memmove(out, p, n);
			out += n;
		}
		p += n;
		if (*p == '/')
			p++;
	}
	*out = '\0';
	return out == path ? -1 : 0;
}

/*
 * flowgate.configFile (or NULL) from the repository's git config,
 * a relative path normalized. Returns 0, -1 when a relative path leaves the
 * work tree (*OUT then holds it as written), or -2.
 */
static int config_file_name(git_config *git_cfg, char **out)
{
	int rc = git_cfg ? fg_config_config_file(git_cfg, out) : (*out = NULL, 0);
	char *copy;

	if (rc < 0 || !*out || !**out || **out == '/')
		return rc;
	if (!(copy = strdup(*out)))
		return -2;
	if (normalize_relative(copy) < 0) {
		free(copy); /* *OUT stays as written, for the message */
		return -1;
	}
	free(*out);
	*out = copy;
	return 0;
}

/*
 * The blob of the regular file PATH in STAGED (when not NULL), else in
 * FROM's index or tree: 0 and *ID; GIT_ENOTFOUND when there is no such path
 * (or FROM names neither); GIT_EINVALID when it is not a regular file; -1
 * when an object on the way is missing or unreadable (the error names it).
 */
static int blob_id_in(git_repository *repo, const struct fg_config_from *from,
		      struct fg_staged *staged, const char *path, git_oid *id)
{
	if (staged)
		return fg_repo_staged_file(repo, staged, path, id);
	if (from->index) {
		const git_index_entry *entry = git_index_get_bypath(from->index, path, 0);

		if (!entry) {
			/* a directory of that name, as a tree would have it */
			char *dir = fg_strdupf("%s/", path);
			size_t at;
			int rc = dir && git_index_find_prefix(&at, from->index, dir) == 0
				 ? GIT_EINVALID : GIT_ENOTFOUND;

			free(dir);
			git_error_clear();
			return rc;
		}
		if (!S_ISREG(entry->mode))
			return GIT_EINVALID;
		git_oid_cpy(id, &entry->id);
		return 0;
	}
	if (from->tree)
		return fg_repo_tree_file(repo, from->tree, path, id);
	return GIT_ENOTFOUND;
}

int fg_repo_config_file_id(git_repository *repo, git_tree *tree, git_oid *out)
{
	git_config *git_cfg = NULL;
	char *name = NULL;
	struct fg_config_from from = { NULL, tree, NULL, 0, 0 };
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = git_repository_config_snapshot(&git_cfg, repo)) < 0)
		return rc;
	rc = config_file_name(git_cfg, &name);
	if (rc == -1) {
		rc = 0; /* outside the work tree: bad configuration, fg_repo_config says so */
	} else if (rc == 0 && !(name && name[0] == '/')) {
		rc = blob_id_in(repo, &from, NULL, name ? name : FG_CONFIG_FILE, out);
		if (rc == GIT_ENOTFOUND || rc == GIT_EINVALID) {
			memset(out, 0, sizeof(*out));
			rc = 0;
		}
	}
	free(name);
	git_config_free(git_cfg);
	if (rc == 0)
		git_error_clear();
	return rc;
}

/*
 * The line of a syntax error libgit2 reports without one ("invalid escape
 * at ..."): the fewest whole lines of DATA that fail with the same MESSAGE.
 * Parsing is sequential, so every longer prefix fails the same way: a
 * binary search. 0 when no prefix does (the message depends on the end).
 */
static unsigned long unlocated_error_line(const char *data, size_t len, const char *message)
{
	unsigned long lo = 1, hi = 0, found = 0;

	for (size_t i = 0; i < len; i++)
		if (data[i] == '\n' || i + 1 == len)
			hi++;
	while (lo <= hi) {
		unsigned long mid = lo + (hi - lo) / 2, n = 0;
		size_t end = 0;
		git_config *file = NULL;
		int same;

		while (end < len && n < mid)
			if (data[end++] == '\n')
				n++;
		same = fg_config_parse_buffer(&file, data, end) < 0 &&
		       !strcmp(fg_git_error(), message);
		git_config_free(file);
		git_error_clear();
		if (same)
			found = mid, hi = mid - 1;
		else
			lo = mid + 1;
	}
	return found;
}

/* Parse DATA[0..LEN) as the file layer named ORIGIN and apply it to CFG. */
static int apply_text(struct fg_config *cfg, const char *data, size_t len, const char *origin)
{
	git_config *file = NULL;
	int rc;

	if (len > FG_CONFIG_MAX_SIZE)
		return fg_config_error(cfg, "%s: the file is %zu bytes, more than %d; keep the "
				       "configuration small", origin, len, FG_CONFIG_MAX_SIZE);
	if (memchr(data, '\0', len))
		return fg_config_error(cfg, "%s: the file holds a NUL byte; write it as text in "
				       "git-config syntax", origin);
	if (fg_config_parse_buffer(&file, data, len) < 0) {
		/* libgit2 says "failed to parse config file: <why> (in <temp file>:<line>)" */
		const char *msg = fg_git_error(), *in = strstr(msg, " (in "), *colon;
		const char *prefix = "failed to parse config file: ";
		size_t skip = strncmp(msg, prefix, strlen(prefix)) ? 0 : strlen(prefix);
		unsigned long line = 0;
		char *copy;

		if (in && (colon = strrchr(in, ':')))
			line = strtoul(colon + 1, NULL, 10);
		if (line) {
			rc = fg_config_error(cfg, "%s: line %lu: not valid git-config syntax: %.*s; "
					     "fix the file", origin, line,
					     (int)((size_t)(in - msg) - skip), msg + skip);
		} else if (!(copy = strdup(msg))) {
			rc = -2;
		} else {
			git_error_clear();
			line = unlocated_error_line(data, len, copy);
			if (line)
				rc = fg_config_error(cfg, "%s: line %lu: not valid git-config syntax: "
						     "%s; fix the file", origin, line, copy + skip);
			else
				rc = fg_config_error(cfg, "%s: not valid git-config syntax: %s; fix "
						     "the file", origin, copy + skip);
			free(copy);
		}
		git_error_clear();
		return rc;
	}
	rc = fg_config_apply_file(cfg, file, origin);
	git_config_free(file);
	return rc;
}

/* The git config level flowgate.configFile comes from, as origins name it. */
static const char *config_file_origin(git_config *git_cfg)
{
	git_config_entry *entry = NULL;
	const char *origin = "git config";

	if (git_cfg && git_config_get_entry(&entry, git_cfg, "flowgate.configFile") == 0 && entry)
		origin = fg_config_level_origin(entry->level);
	git_config_entry_free(entry);
	git_error_clear();
	return origin;
}

/*
 * A configuration file on the file system, PATH, named ORIGIN in messages,
 * checked as a committed file is (size, NUL byte, syntax with its line).
 * NAME_ORIGIN is the git config level of the flowgate.configFile that
 * named it, which must then be a readable file; NULL for the work tree's
 * .flowgate, whose absence adds no layer and which, when it is there, must
 * be a regular file (not a directory, symbolic link or FIFO), as the
 * index and tree readers require of a committed one.
 */
static int apply_disk_file(struct fg_config *cfg, const char *path, const char *origin,
			   const char *name_origin)
{
	struct stat st;
	char *data = NULL;
	size_t len = 0;
	int fd, rc;

	/* O_NONBLOCK: a FIFO named by mistake must not block the hook */
	/* the work tree's .flowgate is never followed through a link, as in the index */
	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | (name_origin ? 0 : O_NOFOLLOW))) < 0 ||
	    fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		int absent = fd < 0 && (errno == ENOENT || errno == ENOTDIR);

		if (fd >= 0)
			close(fd);
		if (name_origin)
			return fg_config_error(cfg, "%s: flowgate.configFile: %s is not a readable "
					       "file; fix the path or unset the key", name_origin, path);
		if (absent)
			return 0;
		/* as the index and tree readers refuse a committed one */
		return fg_config_error(cfg, "%s: not a regular file (a directory, a symbolic link or "
				       "a FIFO); make the configuration a plain file", origin);
	}
	if (st.st_size > FG_CONFIG_MAX_SIZE) {
		close(fd);
		return fg_config_error(cfg, "%s: the file is %lld bytes, more than %d; keep the "
				       "configuration small", origin, (long long)st.st_size,
				       FG_CONFIG_MAX_SIZE);
	}
	rc = fg_read_all(fd, &data, &len) < 0 ? -2 : apply_text(cfg, data, len, origin);
	close(fd);
	free(data);
	return rc;
}

/*
 * The committed layer: the file named PATH (relative: from FROM; absolute:
 * the file system, NAME_ORIGIN being the git config level that named it).
 */
static int apply_file_layer(struct fg_config *cfg, git_repository *repo,
			    const struct fg_config_from *from, struct fg_staged *staged,
			    const char *path, const char *name_origin, git_oid *file_id)
{
	git_blob *blob = NULL;
	git_oid id;
	char *origin = NULL;
	int rc;

	if (path[0] == '/')
		return apply_disk_file(cfg, path, path, name_origin);
	if (from->workdir) {
		const char *workdir = git_repository_workdir(repo);
		char *full;

		if (!workdir) {
			/* a bare repository: HEAD's file */
			git_object *tree = NULL;
			struct fg_config_from head = { NULL, NULL, "HEAD", 0, 0 };

			if (git_revparse_single(&tree, repo, "HEAD^{tree}") < 0) {
				git_error_clear();
				return 0;
			}
			head.tree = (git_tree *)tree;
			rc = apply_file_layer(cfg, repo, &head, NULL, path, name_origin, file_id);
			git_object_free(tree);
			return rc;
		}
		full = fg_strdupf("%s%s", workdir, path);
		origin = fg_strdupf("%s (work tree)", path);
		rc = full && origin ? apply_disk_file(cfg, full, origin, NULL) : -2;
		free(origin);
		free(full);
		return rc;
	}
	rc = blob_id_in(repo, from, staged, path, &id);
	if (rc == GIT_ENOTFOUND)
		return 0;
	if (rc != GIT_EINVALID && rc < 0)
		return -2;
	origin = from->index || staged ? fg_strdupf("%s (index)", path)
			     : fg_strdupf("%s (%s)", path, from->tree_name ? from->tree_name : "commit");
	if (!origin)
		return -2;
	if (rc == GIT_EINVALID) {
		rc = fg_config_error(cfg, "%s: not a regular file (a directory, a symbolic link or "
				     "a submodule); commit the configuration as a plain file", origin);
		free(origin);
		return rc;
	}
	if ((rc = git_blob_lookup(&blob, repo, &id)) < 0) {
		fg_repo_unreadable(repo, path, "blob", &id, rc);
		free(origin);
		return -2;
	}
	rc = apply_text(cfg, git_blob_rawcontent(blob), (size_t)git_blob_rawsize(blob), origin);
	if (file_id)
		git_oid_cpy(file_id, &id);
	free(origin);
	git_blob_free(blob);
	return rc;
}

/*
 * fg_repo_config, the committed file read from FROM, or STAGED when not
 * NULL. The repository's git config is read live, not as a snapshot: the
 * iterator fg_config_apply_git walks copies the entries anyway, and a
 * snapshot copied them first (48,000 of commit-msg's 405,000 instructions
 * in a 3-file repository).
 */
static int config_layers(struct fg_config *cfg, git_repository *repo,
			 const struct fg_config_from *from, struct fg_staged *staged,
			 git_oid *file_id)
{
	git_config *git_cfg = NULL;
	char *name = NULL;
	int rc;

	if (file_id)
		memset(file_id, 0, sizeof(*file_id));
	if (fg_config_init(cfg) < 0) {
		git_error_set_oom();
		return -2;
	}
	if (git_repository_config(&git_cfg, repo) < 0)
		return -2;
	if ((rc = config_file_name(git_cfg, &name)) == -1)
		rc = fg_config_error(cfg, "%s: flowgate.configFile: '%s' is not a path inside the "
				     "work tree; write it from the top of the work tree, e.g. "
				     "ci/flowgate.cfg, or write an absolute path",
				     config_file_origin(git_cfg), name);
	if (rc == 0 &&
	    (rc = apply_file_layer(cfg, repo, from, staged, name ? name : FG_CONFIG_FILE,
				   config_file_origin(git_cfg), file_id)) == 0 &&
	    (rc = fg_config_apply_git(cfg, git_cfg)) == 0 &&
	    (!from->receiving || cfg->allow_env_skip))
		rc = fg_config_apply_env(cfg, getenv("FLOWGATE_SKIP"));
	free(name);
	git_config_free(git_cfg);
	if (rc == -2 && !git_error_last())
		git_error_set_oom();
	return rc < -1 ? -2 : rc;
}

int fg_repo_config(struct fg_config *cfg, git_repository *repo, const struct fg_config_from *from,
		   git_oid *file_id)
{
	return config_layers(cfg, repo, from, NULL, file_id);
}

int fg_repo_config_staged(struct fg_config *cfg, git_repository *repo, struct fg_staged *staged)
{
	struct fg_config_from from = { NULL, NULL, NULL, 0, 0 };

	return config_layers(cfg, repo, &from, staged, NULL);
}

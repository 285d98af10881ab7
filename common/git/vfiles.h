/*
 * The version files read from the index, a tree, the staged index or the
 * work tree (git layer), and the single-file lookups the configuration
 * file's reader shares; an object such a read cannot get is named, with
 * the way to get it.
 */
#ifndef FLOWGATE_VFILES_H
#define FLOWGATE_VFILES_H

#include <git2.h>
#include "config.h"
#include "staged.h"
#include "version.h"

/*
 * A set of version files read from one place: the contents and the values
 * found. fg_vfiles_release frees both.
 */
struct fg_vfiles {
	struct fg_vfile_content *contents; /* owned, one per configured version file */
	git_blob **blobs;                  /* owned; from the index or a tree */
	char **data;                       /* owned; from the work tree (NULL otherwise) */
	size_t n;
	struct fg_version_set set;
};
void fg_vfiles_release(struct fg_vfiles *files);

/*
 * fg_vfiles_from_index / fg_vfiles_from_tree: read CFG's version files
 * (regular files only) from INDEX (stage 0, the staged content) or from
 * TREE, and extract their versions into FILES->set. A path the index or
 * tree does not hold, or holds as no regular file, is absent; a blob over
 * FG_VFILE_MAX_SIZE is not inflated (its size comes from the object
 * header) and is marked too large (present 2), which versionFormat reports; an object
 * that path leads to and that cannot be read is an error, never "absent":
 * missing from the object store (a partial clone that has not fetched it:
 * every missing blob and tree is named, path and OID, with the command that
 * fetches them, "git cat-file -e <oid>"; elsewhere a damaged repository)
 * or corrupt. Returns 0, -1 on such an error or out of memory
 * (fg_git_error() says which), or -3 when a configured pattern reached
 * PCRE2's match limit (CFG->error is then set: bad configuration). FILES
 * must be released with fg_vfiles_release in every case.
 */
int fg_vfiles_from_index(struct fg_vfiles *files, git_repository *repo, git_index *index,
			 struct fg_config *cfg);
int fg_vfiles_from_tree(struct fg_vfiles *files, git_repository *repo, git_tree *tree,
			struct fg_config *cfg);

/*
 * fg_vfiles_from_staged: fg_vfiles_from_index on the index as STAGED reads
 * it, every version file found in one walk of the index; a file inside a
 * sparse directory entry is read from the tree that entry names (a tree
 * missing from a partial clone named as fg_vfiles_from_tree names it).
 * Returns and errors as fg_vfiles_from_index (a damaged index: -1).
 */
int fg_vfiles_from_staged(struct fg_vfiles *files, git_repository *repo,
			  struct fg_staged *staged, struct fg_config *cfg);

/*
 * fg_vfiles_limit_error: CFG->error (fg_config_error) for version file PATH,
 * whose configured pattern reached PCRE2's match or depth limit: the
 * pattern needs fixing. Returns -3, the readers' code for it.
 */
int fg_vfiles_limit_error(struct fg_config *cfg, const char *path);

/*
 * fg_vfiles_from_workdir: read CFG's version files from the work tree
 * WORKDIR (ending in '/', as git_repository_workdir gives it) into FILES
 * and extract their versions. A file that does not exist is absent; one
 * that is not a regular file (a directory, a FIFO, a symbolic link), or is
 * reached through a symbolic link (no component is followed: a committed
 * link cannot lead out of the work tree), or lies in .git, or is over
 * FG_VFILE_MAX_SIZE (16 MiB), is an error, as are the index and tree readers' non-files.
 * Returns 0, -1 when a file cannot be read, is not a regular file, or
 * memory runs out (fg_git_error() says which file and why), -3 as the
 * other readers. FILES must be released with fg_vfiles_release in every case.
 */
int fg_vfiles_from_workdir(struct fg_vfiles *files, const char *workdir, struct fg_config *cfg);

/*
 * fg_repo_unreadable: the lookup of object ID, the KIND ("blob", "tree")
 * that WHAT names (a path, "the tree of commit 1a2b3c4d5e6f"), failed
 * with RC: sets git_error_last() to name it (WHAT, KIND, OID) and the way
 * to get it, as fg_vfiles_from_tree does: missing from a partial clone,
 * the command that fetches it ("git cat-file -e <oid>"); missing
 * elsewhere, or corrupt, a damaged repository. Returns -1.
 */
int fg_repo_unreadable(git_repository *repo, const char *what, const char *kind,
		       const git_oid *id, int rc);

/*
 * fg_repo_tree_file: the regular file PATH of TREE (REPO's), each
 * directory on the way looked up in turn. Returns 0 and *ID (the blob is
 * not read); GIT_ENOTFOUND when TREE has no such path (the one case that
 * means "absent"); GIT_EINVALID when it is not a regular file (a symbolic
 * link, a submodule, a directory); -1 when a tree on the way is missing or
 * cannot be read (fg_git_error() names it as fg_vfiles_from_tree does).
 */
int fg_repo_tree_file(git_repository *repo, git_tree *tree, const char *path, git_oid *id);

/*
 * fg_repo_staged_file: fg_repo_tree_file for the index as STAGED reads it
 * (stage 0; inside a sparse directory entry, the tree that entry names):
 * the same returns; -1 also when the index is damaged.
 */
int fg_repo_staged_file(git_repository *repo, struct fg_staged *staged, const char *path,
			git_oid *id);

#endif

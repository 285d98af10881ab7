/*
 * flowgate's configuration read from the repository (git layer): the
 * committed configuration file, the flowgate.* keys of git config and
 * FLOWGATE_SKIP, over the built-in defaults.
 */
#ifndef FLOWGATE_REPOCONFIG_H
#define FLOWGATE_REPOCONFIG_H

#include <git2.h>
#include "config.h"
#include "staged.h"

/* Where the committed configuration file is read from (one of the first three, or none). */
struct fg_config_from {
	git_index *index;      /* the index (pre-commit, commit-msg) */
	git_tree *tree;        /* a commit's tree (pre-push, post-merge) */
	const char *tree_name; /* that commit, for messages: "commit 1a2b3c4", "HEAD" */
	int workdir;           /* the work tree (the flowgate command; a bare repository: HEAD) */
	int receiving;         /* the receiving side of a push (pre-receive, update): the
				  environment is the pusher's, so FLOWGATE_SKIP is obeyed only
				  when git config sets flowgate.allowEnvSkip */
};

/* The largest configuration file read (bytes): a larger one is bad configuration. */
#define FG_CONFIG_MAX_SIZE (1024 * 1024)

/*
 * fg_repo_config: CFG from the layers, lowest first: built-in defaults; the
 * committed file (flowgate.configFile, else .flowgate; a relative path is
 * from the top of the work tree, "." and empty components ignored, ".."
 * refused, and read from FROM; an absolute one is read from the file system
 * and must exist; either is checked the same way: size, NUL byte, syntax);
 * the flowgate.* keys of REPO's git config (system, global, local,
 * worktree, command line: fg_repo_open); FLOWGATE_SKIP (with
 * FROM->receiving, only when flowgate.allowEnvSkip). FILE_ID (may be NULL)
 * gets the committed file's blob id, zero when there is none or it came
 * from the file system. Returns 0, -1
 * on bad configuration (CFG->error says where and why), -2 when libgit2
 * fails, the committed file's blob (or a tree on its path) is missing or
 * corrupt (named as fg_vfiles_from_tree names it), or memory runs out
 * (fg_git_error()). CFG is initialised in every case and must be released
 * with fg_config_release.
 */
int fg_repo_config(struct fg_config *cfg, git_repository *repo, const struct fg_config_from *from,
		   git_oid *file_id);

/*
 * fg_repo_config_staged: fg_repo_config with the committed file read from
 * the index as STAGED reads it (pre-commit, commit-msg), as from
 * FROM->index; the same layers, returns and errors (a damaged index: -2).
 */
int fg_repo_config_staged(struct fg_config *cfg, git_repository *repo, struct fg_staged *staged);

/*
 * fg_repo_config_file_id: the blob id of the committed configuration file
 * in TREE (flowgate.configFile or .flowgate), zero when absent. Lets a
 * caller reuse a configuration already read for another tree. Returns 0 or
 * a negative libgit2 error (a tree on the file's path missing or corrupt:
 * fg_git_error() names it as fg_vfiles_from_tree does).
 */
int fg_repo_config_file_id(git_repository *repo, git_tree *tree, git_oid *out);

#endif

/*
 * Repository access, all through libgit2: start-up without the network
 * libraries' cost, opening the repository git runs the hook in, and reading
 * HEAD, config and file contents from the index or a tree.
 */
#ifndef FLOWGATE_REPO_H
#define FLOWGATE_REPO_H

#include <git2.h>
#include "version.h"

/*
 * fg_git_init: git_libgit2_init() plus flowgate's start-up policy: objects
 * are not re-hashed on every read (GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION
 * off, as git itself does not re-hash on read), and the TLS
 * stream is replaced by one that refuses to connect (a hook never uses the
 * network; with the static link, ld --wrap has already turned libgit2's
 * CA-bundle loading and libssh2's initialisation into no-ops, see
 * repo.c). Returns 0, or a negative libgit2 error.
 */
int fg_git_init(void);

/* fg_git_shutdown: git_libgit2_shutdown() and the compiled patterns' release. */
void fg_git_shutdown(void);

/*
 * fg_repo_open: open the repository the hook runs in, from the environment
 * as git sets it for hooks (GIT_DIR, GIT_INDEX_FILE, GIT_OBJECT_DIRECTORY,
 * ... via GIT_REPOSITORY_OPEN_FROM_ENV; GIT_WORK_TREE, which libgit2 1.5
 * does not read, applied by hand), else discovered from the current
 * directory. Returns 0 and *OUT (free with git_repository_free), or a
 * negative libgit2 error (git_error_last() says why).
 */
int fg_repo_open(git_repository **out);

/*
 * fg_repo_head_branch: the branch HEAD is on, without "refs/heads/", even
 * when it has no commit yet (unborn). *OUT is NULL when HEAD is detached or
 * not a branch. Returns 0 or a negative libgit2 error; the caller frees *OUT.
 */
int fg_repo_head_branch(git_repository *repo, char **out);

/*
 * fg_repo_comment_char: core.commentChar as the message cleanup wants it:
 * its first character (default '#'), or FG_COMMENT_AUTO for "auto".
 */
int fg_repo_comment_char(git_repository *repo);

/*
 * fg_repo_cleanup_mode: commit.cleanup (FG_CLEANUP_DEFAULT when unset or
 * unknown); returns an enum fg_cleanup value.
 */
int fg_repo_cleanup_mode(git_repository *repo);

/*
 * A set of version files read from one place: the contents and the values
 * found. fg_vfiles_release frees both.
 */
struct fg_vfiles {
	struct fg_vfile_content contents[8];
	git_blob *blobs[8];
	struct fg_version_set set;
};
void fg_vfiles_release(struct fg_vfiles *files);

/*
 * fg_vfiles_from_index / fg_vfiles_from_tree: read the built-in version
 * files from INDEX (stage 0, the staged content) or from TREE, and extract
 * their versions into FILES->set. Returns 0 or a negative libgit2 error.
 */
int fg_vfiles_from_index(struct fg_vfiles *files, git_repository *repo, git_index *index);
int fg_vfiles_from_tree(struct fg_vfiles *files, git_repository *repo, git_tree *tree);

/* fg_git_error: git_error_last()'s message, or a fallback (never NULL). */
const char *fg_git_error(void);

#endif

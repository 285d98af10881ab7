/*
 * The repository git runs the hook in (git layer), opened as git would open
 * it (its config levels, owner check and safe.directory), and what is read
 * of it first: HEAD's branch, the git config values the message cleanup
 * follows, and whether a report is coloured.
 */
#ifndef FLOWGATE_REPO_H
#define FLOWGATE_REPO_H

#include <git2.h>
#include "cleanup.h"

/*
 * fg_repo_owner_checked: git has decided already that the repository may
 * be used, whoever owns it (it applies safe.directory before it runs any
 * hook): fg_repo_open no longer checks the owner for the rest of the
 * process (libgit2's GIT_OPT_SET_OWNER_VALIDATION off). For the hooks and
 * `flowgate hook`, never for a command a user runs.
 */
void fg_repo_owner_checked(void);

/*
 * fg_repo_defer_index: from now on fg_repo_open leaves GIT_INDEX_FILE to
 * fg_staged_open (staged.h): libgit2 1.5.1 reads the whole index when it
 * opens a repository with GIT_INDEX_FILE set, and refuses a split or
 * sparse one. git_repository_index then gives <git dir>/index, whatever
 * GIT_INDEX_FILE says: for pre-commit and commit-msg, which read the index
 * through fg_staged_open only.
 */
void fg_repo_defer_index(void);

/*
 * fg_repo_open: open the repository the hook runs in, from the environment
 * as git sets it for hooks (GIT_DIR, GIT_INDEX_FILE, GIT_OBJECT_DIRECTORY,
 * ... via GIT_REPOSITORY_OPEN_FROM_ENV; GIT_WORK_TREE, which libgit2 1.5
 * does not read, applied by hand), else discovered from the current
 * directory. Its config has two levels libgit2 1.5.1 does not read, as
 * git 2.39 orders them: above the local config the worktree's
 * config.worktree when extensions.worktreeConfig is set (which libgit2 is
 * told fg_git_init supports), then the command line's (git -c, in
 * GIT_CONFIG_PARAMETERS). A repository another user owns is opened as git would open
 * it (git 2.39 setup.c): always after fg_repo_owner_checked, or when
 * GIT_DIR names it; a discovered one only when safe.directory in the
 * system, global or command-line config names its path (the work tree, or
 * a bare repository's directory) or is "*" (libgit2 1.5.1 knows no "*").
 * Returns 0 and *OUT (free with git_repository_free), or a negative
 * libgit2 error (git_error_last() says why; GIT_EOWNER: another user owns
 * it and safe.directory does not allow it).
 */
int fg_repo_open(git_repository **out);

/*
 * fg_repo_head_branch: the branch HEAD is on, without "refs/heads/", even
 * when it has no commit yet (unborn). *OUT is NULL when HEAD is detached or
 * not a branch. Returns 0 or a negative libgit2 error; the caller frees *OUT.
 */
int fg_repo_head_branch(git_repository *repo, char **out);

/*
 * fg_repo_config_string: the string value of git config KEY as REPO sees
 * it (every level fg_repo_open adds included) into OUT, which the caller
 * disposes of (git_buf_dispose); OUT is left empty when KEY is unset or
 * cannot be read. libgit2's error is cleared.
 */
void fg_repo_config_string(git_repository *repo, const char *key, git_buf *out);

/*
 * fg_repo_comment_char: core.commentChar as the message cleanup wants it:
 * its first character (default '#'), or FG_COMMENT_AUTO for "auto".
 */
int fg_repo_comment_char(git_repository *repo);

/*
 * fg_repo_cleanup_mode: commit.cleanup (FG_CLEANUP_DEFAULT when unset or
 * unknown); returns an enum fg_cleanup value (cleanup.h).
 */
int fg_repo_cleanup_mode(git_repository *repo);

/*
 * fg_repo_use_color: non-zero when a report written to FD is coloured:
 * fg_color_wanted (report.h) with git config color.flowgate and color.ui
 * as the repository fg_repo_open finds sees them (`git -c` included), else
 * git's global and system config. A key that cannot be read counts as
 * unset, a key without a value as true; nothing is reported.
 */
int fg_repo_use_color(int fd);

#endif

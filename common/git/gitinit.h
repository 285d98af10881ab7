/*
 * libgit2's start-up for the hooks and the flowgate command (git layer),
 * without the network libraries' cost, its shutdown, and its last error as
 * text.
 */
#ifndef FLOWGATE_GITINIT_H
#define FLOWGATE_GITINIT_H

/*
 * fg_git_init: git_libgit2_init() plus flowgate's start-up policy: objects
 * are not re-hashed on every read (GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION
 * off, as git itself does not re-hash on read), packs mapped 1 MiB at a
 * time (GIT_OPT_SET_MWINDOW_SIZE; libgit2 maps each whole), the repository
 * extension worktreeConfig is declared supported (fg_repo_open, repo.h,
 * reads config.worktree itself; a SHA-256 repository,
 * extensions.objectFormat, is still refused: libgit2 1.5.1 reads SHA-1
 * objects only), and the TLS stream is replaced by one that refuses to
 * connect (a hook never uses the network; with the static link, ld --wrap
 * has already turned libgit2's CA-bundle loading and libssh2's
 * initialisation into no-ops, see gitinit.c). Returns 0, or a negative
 * libgit2 error.
 */
int fg_git_init(void);

/* fg_git_shutdown: git_libgit2_shutdown() and the compiled patterns' release. */
void fg_git_shutdown(void);

/* fg_git_error: git_error_last()'s message, or a fallback (never NULL). */
const char *fg_git_error(void);

#endif

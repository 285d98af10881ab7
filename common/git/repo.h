/*
 * Repository access, all through libgit2: start-up without the network
 * libraries' cost, opening the repository git runs the hook in, and reading
 * HEAD, config and file contents from the index or a tree.
 */
#ifndef FLOWGATE_REPO_H
#define FLOWGATE_REPO_H

#include <git2.h>
#include "cleanup.h"
#include "config.h"
#include "message.h"
#include "staged.h"
#include "version.h"

/*
 * fg_git_init: git_libgit2_init() plus flowgate's start-up policy: objects
 * are not re-hashed on every read (GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION
 * off, as git itself does not re-hash on read), packs mapped 1 MiB at a
 * time (GIT_OPT_SET_MWINDOW_SIZE; libgit2 maps each whole), the repository
 * extension
 * worktreeConfig is declared supported (fg_repo_open reads config.worktree
 * itself; a SHA-256 repository, extensions.objectFormat, is still refused:
 * libgit2 1.5.1 reads SHA-1 objects only), and the TLS
 * stream is replaced by one that refuses to connect (a hook never uses the
 * network; with the static link, ld --wrap has already turned libgit2's
 * CA-bundle loading and libssh2's initialisation into no-ops, see
 * repo.c). Returns 0, or a negative libgit2 error.
 */
int fg_git_init(void);

/* fg_git_shutdown: git_libgit2_shutdown() and the compiled patterns' release. */
void fg_git_shutdown(void);

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
 * EDITOR of fg_repo_check_message_file for the message git am hands
 * applypatch-msg (its rebase-apply/final-commit): git 2.39's am cleaned it
 * up already (builtin/am.c, parse_mail: strbuf_stripspace keeping '#'
 * lines) and commits the file as it is after the hook, whatever
 * commit.cleanup says.
 */
#define FG_EDITOR_AM (-2)

/*
 * fg_repo_check_message_file: the message rules (fg_check_message) on
 * RAW[0..LEN), a message file as git hands it to commit-msg, cleaned up as
 * git will store it (fg_cleanup_decide, fg_cleanup_apply): REPO's
 * commit.cleanup, commit.verbose and core.commentChar (REPO may be NULL:
 * the defaults, '#'), EDITOR whether git launched an editor (0, 1 or
 * FG_EDITOR_UNKNOWN, cleanup.h); FG_EDITOR_AM: judged as it is, no
 * cleanup (git am's message). A NUL byte is a messageEncoding violation
 * placed at its line and column. CTX (may be NULL) is passed on.
 * Violations go to REPORT under CFG; out of memory sets REPORT->oom.
 * Returns 0.
 */
int fg_repo_check_message_file(struct fg_report *report, struct fg_config *cfg,
			       git_repository *repo, const char *raw, size_t len, int editor,
			       const struct fg_message_context *ctx);

/*
 * The context of a commit for the message rules (struct fg_message_context),
 * with the strings it points to, owned.
 */
struct fg_commit_context {
	struct fg_message_context ctx; /* points into the strings below */
	char *branch, *new_version, *old_version, *encoding, *head_merge_header;
};

/*
 * fg_repo_staged_context: the context of the commit about to be made from
 * STAGED (commit-msg): HEAD's branch; the version the staged version files
 * set when it differs from the one in HEAD's tree (none for the first
 * commit: nothing is bumped); i18n.commitEncoding; a merge when MERGE_HEAD
 * exists, and HEAD's header when HEAD is a merge. Everything unknown is
 * left NULL. Returns 0, or -1 when a version file pattern fails (CFG->error
 * says which), a version file cannot be read (a missing or corrupt object,
 * as fg_vfiles_from_tree says: fg_git_error()) or memory runs out; OUT is
 * filled and must be released with fg_commit_context_release in every case.
 */
int fg_repo_staged_context(struct fg_commit_context *out, git_repository *repo,
			   struct fg_staged *staged, struct fg_config *cfg);

/*
 * fg_repo_commit_context: the context of COMMIT, a stored commit, pushed to
 * or seen on BRANCH (may be NULL): the version its tree sets when it
 * differs from its first parent's (none for a root commit or a merge: a
 * merge brings a version, it does not bump it) when VERSIONS is non-zero,
 * its "encoding" header, and whether it is a merge (two or more parents).
 * Return and ownership as fg_repo_staged_context.
 */
int fg_repo_commit_context(struct fg_commit_context *out, git_repository *repo,
			   git_commit *commit, const char *branch, int versions,
			   struct fg_config *cfg);

/* fg_commit_context_release: free what CTX owns and empty it. */
void fg_commit_context_release(struct fg_commit_context *ctx);

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
 * worktree, command line: fg_repo_open);
 * FLOWGATE_SKIP (with FROM->receiving, only when flowgate.allowEnvSkip). FILE_ID (may be NULL) gets the committed file's blob id,
 * zero when there is none or it came from the file system. Returns 0, -1
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

/*
 * A set of object IDs (open addressing, linear probing). Start it as
 * FG_OIDSET_INIT; release with fg_oidset_release.
 */
struct fg_oidset {
	git_oid *slots;      /* owned */
	unsigned char *used; /* owned: slot I holds an ID */
	size_t cap, n;       /* slots (a power of two, or 0), IDs held */
};

#define FG_OIDSET_INIT { NULL, NULL, 0, 0 }

/*
 * fg_oidset_add: add a copy of ID to SET. Returns 1 when added, 0 when SET
 * held it already, -1 out of memory (SET is then unchanged).
 */
int fg_oidset_add(struct fg_oidset *set, const git_oid *id);

/* fg_oidset_has: 1 when SET holds ID, else 0. */
int fg_oidset_has(const struct fg_oidset *set, const git_oid *id);

/* fg_oidset_release: free what SET owns; SET is left empty (FG_OIDSET_INIT). */
void fg_oidset_release(struct fg_oidset *set);

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
 * fg_repo_use_color: non-zero when a report written to FD is coloured:
 * fg_color_wanted (report.h) with git config color.flowgate and color.ui
 * as the repository fg_repo_open finds sees them (`git -c` included), else
 * git's global and system config. A key that cannot be read counts as
 * unset, a key without a value as true; nothing is reported.
 */
int fg_repo_use_color(int fd);

/* fg_git_error: git_error_last()'s message, or a fallback (never NULL). */
const char *fg_git_error(void);

#endif

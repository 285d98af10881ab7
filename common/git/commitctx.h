/*
 * The commit a message belongs to (git layer): its context for the message
 * rules, read from the repository for the commit about to be made or a
 * stored one, and the message file judged as git will store it.
 */
#ifndef FLOWGATE_COMMITCTX_H
#define FLOWGATE_COMMITCTX_H

#include <git2.h>
#include "cleanup.h"
#include "config.h"
#include "message.h"
#include "staged.h"

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

#endif

/*
 * The forms of git's own commit messages, told by their text: a merge, a
 * revert, git merge --squash's message and the autosquash prefixes
 * (git 2.39.5: builtin/merge.c, sequencer.c, builtin/commit.c). Whether a
 * message of merge form is a merge is the caller's to know.
 * Layer: rules (common/README).
 */
#ifndef FLOWGATE_GITFORM_H
#define FLOWGATE_GITFORM_H

#include <stddef.h>

/* The forms of git's own messages (fg_message_git_form). */
enum fg_git_form {
	FG_FORM_NONE = 0,
	FG_FORM_MERGE,      /* "Merge ...": git's merge message, when the commit is a merge */
	FG_FORM_REVERT,     /* git revert's message */
	FG_FORM_SQUASHED,   /* git merge --squash's SQUASH_MSG, unedited */
	FG_FORM_AUTOSQUASH  /* "fixup! ", "squash! ", "amend! " before a header */
};

/*
 * fg_message_git_form: which of git's own messages MESSAGE[0..LEN) (a
 * cleaned-up message, LF line ends) has the form of, by its text alone:
 * - FG_FORM_MERGE: the header starts "Merge " (git merge, git pull, a
 *   host's "Merge pull request"); it is git's only on a merge commit;
 * - FG_FORM_REVERT: the header is `Revert "..."` (or `Reapply "..."`, git
 *   2.43's revert of a revert) and a line after it is git's
 *   "This reverts commit <oid>." or "This reverts commit <oid>, reversing"
 *   (sequencer.c, do_pick_commit: a full 40 or 64 hex digit OID);
 * - FG_FORM_SQUASHED: the header is "Squashed commit of the following:",
 *   line 2 is blank and line 3 "commit <oid>" (builtin/merge.c,
 *   squash_message);
 * - FG_FORM_AUTOSQUASH: the header starts "fixup! ", "squash! " or
 *   "amend! " (git commit --fixup/--squash, any number of them); *TARGET
 *   (may be NULL) is set to the offset of the header they name in
 *   MESSAGE, after them and after any `Revert "` or `Reapply "` wrapping
 *   it (the target may be a revert), and *TARGET_LEN to its length (the
 *   closing quotes of those excluded). Autosquash turns the commit into
 *   one with that header: the rules judge it.
 * Linear in LEN.
 */
enum fg_git_form fg_message_git_form(const char *message, size_t len, size_t *target,
				     size_t *target_len);

/* fg_git_form_merge: non-zero when HEADER[0..LEN) starts "Merge " (git's merge messages). */
int fg_git_form_merge(const char *header, size_t len);

/*
 * fg_git_form_revert_quote: the length of `Revert "` or `Reapply "` that
 * starts HEADER[0..LEN) when a '"' ends it (the header of git revert), or 0.
 */
size_t fg_git_form_revert_quote(const char *header, size_t len);

#endif

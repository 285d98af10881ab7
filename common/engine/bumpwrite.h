/*
 * `flowgate bump` (engine layer, over bumpplan.h): the next version written
 * into every version file (only the version's bytes change), staged, and
 * with --commit and --tag committed and tagged. Files are replaced through
 * temporary files and rename(2) (replace.h), and put back as they were
 * when a step fails. All repository access is libgit2's.
 */
#ifndef FLOWGATE_BUMPWRITE_H
#define FLOWGATE_BUMPWRITE_H

#include <stdio.h>
#include <git2.h>
#include "bumpplan.h"
#include "config.h"

/*
 * fg_release_bump: `flowgate bump`: in REPO's work tree, the version the
 * version files agree on bumped as OPTS->WHAT says (fg_bump_next; but a
 * patch bump goes past every X.Y.Z whose release tag CFG->tag_prefix +
 * X.Y.Z exists, and dev on a dev/X.Y.x branch gives X.Y.(Z+1)-dev, past
 * them too), written
 * into each file that holds it with fg_vfile_rewrite, all files replaced
 * at once (fg_files_replace) and staged; then with OPTS->COMMIT the commit
 * fg_bump_commit_message names on HEAD, with OPTS->TAG the annotated tag
 * CFG->tag_prefix + version with fg_bump_tag_message, followed by a blank
 * line and the release notes of the bump commit in the text format
 * (fg_changelog_tag_notes; none when they list no commit). Refused before
 * anything is written: a bare repository; a version file with unstaged
 * changes, untracked, or deleted from the work tree while HEAD has it;
 * version files that disagree or hold no version; a bump fg_bump_next
 * refuses; a new version that breaks an error-severity version rule on
 * HEAD's branch (branchVersionSeries); with COMMIT, staged changes to other
 * files, a merge (or other operation) in progress, no user.name or
 * user.email; with TAG, an existing tag. OPTS->DRY_RUN prints the unified
 * diff of each file and the commit and tag that would be made on OUT, and
 * writes nothing. Results go to OUT, "flowgate bump: error: ..." lines to ERR.
 * Returns the exit status: 0, 1 (refused; nothing changed), 2 (bad
 * argument), 3 (I/O or libgit2 failure: the files are as they were, unless
 * the message says which step after the commit failed), 4 (bad configuration).
 */
int fg_release_bump(struct fg_config *cfg, git_repository *repo,
		    const struct fg_bump_options *opts, FILE *out, FILE *err);

#endif

/*
 * Releases: `flowgate version`, the one version the version files agree on,
 * and `flowgate bump`, which writes the next version into every version file
 * (only the version's bytes change), stages them and may commit and tag the
 * result. All repository access is libgit2's; files are replaced through a
 * temporary file and rename(2), and put back as they were when a step fails.
 */
#ifndef FLOWGATE_RELEASE_H
#define FLOWGATE_RELEASE_H

#include <stdio.h>
#include <git2.h>
#include "bump.h"
#include "config.h"
#include "version.h"

/*
 * FLOWGATE_FAULT_RENAME=N (for tests): the N-th rename(2) of one bump (the
 * renames that put the version files in place, then those that put them
 * back, counted from 1) fails with EIO instead of being made. It can only
 * make a bump fail, never change what is written; unset, empty or 0: no fault.
 */
#define FG_FAULT_RENAME_ENV "FLOWGATE_FAULT_RENAME"

/* Where `flowgate version` reads the version files from. */
struct fg_version_source {
	int cached;      /* the index */
	const char *rev; /* that commit's tree; neither: the work tree */
};

/*
 * fg_release_version: `flowgate version`: read CFG's version files from
 * REPO (NULL: not in a repository) as SRC says (the work tree by default,
 * HEAD's tree in a bare repository) and print the version they agree on,
 * the value and a newline, on OUT. When they disagree, a value is invalid,
 * a required file is missing or none holds an X.Y.Z version, print each
 * configured file with its value and the violations of versionFormat and
 * versionConsistency (at severity error, whatever the configuration says:
 * the command names one version or fails) on ERR.
 * Returns the exit status: 0, 1 (no one version), 2 (--rev names no
 * commit), 3 (not a repository, libgit2 or I/O failure), 4 (a version
 * file pattern reached PCRE2's match limit: CFG->error).
 */
int fg_release_version(struct fg_config *cfg, git_repository *repo,
		       const struct fg_version_source *src, FILE *out, FILE *err);

/* What `flowgate bump` is asked to do. */
struct fg_bump_options {
	const char *what; /* the argument: a kind (fg_bump_parse) or a version */
	int commit;       /* --commit: commit the staged bump on HEAD */
	int tag;          /* --tag: and tag that commit (needs COMMIT) */
	int dry_run;      /* --dry-run: print the diff, write nothing */
};

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

/*
 * fg_bump_commit_message: the message of the bump commit to version V (as
 * the workflow guide words it, with git's final newline): "chore: bump
 * version to V\n" for a -dev version, else "chore: prepare release V\n".
 * The type is one CFG's typeEnum accepts: chore when CFG lists it (or
 * lists no types), else release for a version that is not -dev when
 * listed, else CFG's first type. Newly allocated (the caller frees it);
 * NULL when out of memory.
 */
char *fg_bump_commit_message(const struct fg_config *cfg, const struct fg_version *v);

/*
 * fg_bump_tag_message: the message of the annotated tag of version V made
 * on a branch of kind BRANCH (HEAD's; FG_BRANCH_INVALID when unknown):
 * "hotfix: V\n" for a patch release (Z > 0, no pre-release) on
 * release/X.Y.x, "maintenance: V\n" for one on maint/X.Y.x, else
 * "release: V\n" (X.Y.0, and every pre-release: a release candidate
 * 0.16.1-rc1 too), a prefix tagMessage accepts. When that prefix is not one
 * of CFG->tag_message_prefixes, the first configured one is used instead
 * (none configured: the kind's). Newly allocated; NULL when out of memory.
 */
char *fg_bump_tag_message(const struct fg_config *cfg, const struct fg_version *v,
			  enum fg_branch_kind branch);

/* One file to replace, and what it held before. */
struct fg_file_update {
	const char *path;     /* file system path; not owned */
	const char *old_data; /* its content now (what a rollback writes back); not owned */
	size_t old_len;
	const char *new_data; /* its new content; not owned */
	size_t new_len;
	int replaced;         /* set while NEW_DATA is in place (fg_files_replace) */
};

/*
 * fg_files_replace: put NEW_DATA in place of each of the N files at once,
 * as far as POSIX allows: every new content is first written to a
 * temporary file beside its file (O_CREAT | O_EXCL, the file's mode and,
 * when permitted, owner), fsync'd, then each is renamed over its file;
 * the directories are fsync'd at the end. If a write fails, the
 * temporaries are removed and no file is touched; if a rename fails, the
 * remaining temporaries are removed and the files already renamed are put
 * back with fg_files_restore. *RENAMES counts the renames made (set it to
 * 0 first; FLOWGATE_FAULT_RENAME counts on it).
 * Returns 0 with every REPLACED set, or -1 with *ERROR a newly allocated
 * one-line message (what failed, and whether the files were put back; NULL
 * when out of memory) that the caller frees.
 */
int fg_files_replace(struct fg_file_update *files, size_t n, unsigned long *renames,
		     char **error);

/*
 * fg_files_restore: put OLD_DATA back in each of the N files whose REPLACED
 * is set, the same way (temporary, rename), clearing REPLACED. A file that
 * cannot be put back keeps its temporary holding the old content, which
 * *ERROR names. Returns 0, or -1 with *ERROR as fg_files_replace's.
 */
int fg_files_restore(struct fg_file_update *files, size_t n, unsigned long *renames,
		     char **error);

#endif

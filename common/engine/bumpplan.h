/*
 * What `flowgate bump` will write, decided before anything is written
 * (engine layer, under bumpwrite.h): the current version the work tree's
 * version files agree on, the next one (bump.h's transitions, past the
 * release tags that exist), each version file rewritten, the version rules
 * of HEAD's branch on the result, and with --commit and --tag the commit's
 * identity and message and the tag's name and message. Every refusal is
 * here, each one line on the plan's ERR. All repository access is
 * libgit2's.
 */
#ifndef FLOWGATE_BUMPPLAN_H
#define FLOWGATE_BUMPPLAN_H

#include <stdio.h>
#include <git2.h>
#include "bump.h"
#include "config.h"
#include "refname.h"
#include "replace.h"
#include "vfiles.h"
#include "version.h"

/* What `flowgate bump` is asked to do. */
struct fg_bump_options {
	const char *what; /* the argument: a kind (fg_bump_parse) or a version */
	int commit;       /* --commit: commit the staged bump on HEAD */
	int tag;          /* --tag: and tag that commit (needs COMMIT) */
	int dry_run;      /* --dry-run: print the diff, write nothing */
};

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

/* One version file the bump changes. */
struct fg_bump_change {
	size_t spec;  /* index into CFG->vfiles */
	char *full;   /* file system path, owned */
	char *data;   /* new content, owned */
	size_t len;
};

/*
 * A bump: what it was asked (set by fg_bump_plan_init), then what
 * fg_bump_plan_check decided. Released with fg_bump_plan_release.
 */
struct fg_bump_plan {
	struct fg_config *cfg;
	git_repository *repo;
	const struct fg_bump_options *opts;
	FILE *out, *err;
	const char *workdir;                /* REPO's work tree, with its final '/' (set by
					       the caller: git_repository_workdir) */

	struct fg_vfiles files;             /* the work tree's version files now */
	const char *current;                /* the version now, in FILES.set */
	char next[FG_VERSION_TEXT_MAX];
	struct fg_version next_v;           /* NEXT parsed */
	struct fg_version_set next_set;     /* the values after the bump */
	struct fg_vfile_content *next_contents;
	struct fg_bump_change *changes;     /* the files whose content changes */
	size_t nchanges;
	struct fg_file_update *updates;     /* one per change, for fg_files_replace */

	char *branch_name;                  /* HEAD's branch, NULL when detached */
	struct fg_branch branch;
	int on_branch;                      /* BRANCH is a branch of the workflow */

	char *commit_message, *tag_name, *tag_message; /* with --commit, --tag */
	git_signature *author, *committer;  /* with --commit */
};

/*
 * fg_bump_plan_init: B empty, for OPTS (what and flags, as parsed) on REPO
 * under CFG, its results to OUT and its errors to ERR; the caller sets
 * B->workdir before fg_bump_plan_check. Borrows every argument.
 */
void fg_bump_plan_init(struct fg_bump_plan *b, struct fg_config *cfg, git_repository *repo,
		       const struct fg_bump_options *opts, FILE *out, FILE *err);

/*
 * fg_bump_plan_check: decide B, as fg_release_bump (bumpwrite.h) describes
 * its refusals, in this order: a version file with unstaged changes,
 * untracked, deleted or in conflict (git_status_file); version files that
 * disagree or hold no version (at severity error, whatever the
 * configuration); the next version (OPTS->what, which must parse:
 * fg_bump_parse; fg_bump_next, then past the release tags that exist for a
 * patch bump, and X.Y.(Z+1)-dev for dev on dev/X.Y.x); each present file
 * rewritten (fg_vfile_rewrite), files left as they are left out; the
 * result read back as the next version and the version rules of HEAD's
 * branch at the configured severities (an error refuses, a warning is
 * printed); with OPTS->commit, no operation in progress, nothing else
 * staged, an identity (GIT_AUTHOR_*, GIT_COMMITTER_*, else user.name and
 * user.email) and the commit message; with OPTS->tag, a valid tag name
 * that does not exist yet and the tag message. Writes nothing.
 * Returns 0, or the exit status with its one-line error on B->err: 1
 * (refused), 3 (I/O or libgit2 failure, out of memory), 4 (bad
 * configuration: CFG->error).
 */
int fg_bump_plan_check(struct fg_bump_plan *b);

/* fg_bump_plan_release: free what B owns (not what it borrows). */
void fg_bump_plan_release(struct fg_bump_plan *b);

/*
 * fg_bump_oom, fg_bump_git_failed: the bump's fatal errors on B->err,
 * "flowgate bump: fatal: out of memory" and "flowgate bump: fatal: WHAT:
 * <libgit2's last error>". Return FG_EXIT_INTERNAL.
 */
int fg_bump_oom(struct fg_bump_plan *b);
int fg_bump_git_failed(struct fg_bump_plan *b, const char *what);

#endif

/*
 * `flowgate changelog`: the release notes of a range of commits, read with
 * libgit2 and sorted by notes.c; the last release tag a commit descends
 * from; git's abbreviation of commit IDs; the notes written into a
 * changelog file atomically, and into the message of `flowgate bump
 * --tag`'s tag.
 * Layer: engine (common/README).
 */
#ifndef FLOWGATE_CHANGELOG_H
#define FLOWGATE_CHANGELOG_H

#include <stdio.h>
#include <git2.h>
#include "config.h"
#include "notes.h"
#include "version.h"

/* What `flowgate changelog` is asked to do. */
struct fg_changelog_options {
	const char *range;           /* "A..B", "B", or NULL: the default range */
	enum fg_notes_format format; /* --format; Markdown by default */
	const char *write;           /* --write FILE, or NULL */
};

/*
 * fg_changelog_parse_args: the ARGC arguments ARGV of `flowgate changelog`
 * (after the command's name) into *OPTS: [<A>..<B> | <B>] [--format
 * markdown|text|json] [--write FILE]. --write takes markdown or text.
 * Returns 0, or FG_EXIT_USAGE (2) with one error line on ERR.
 */
int fg_changelog_parse_args(struct fg_changelog_options *opts, int argc, char **argv, FILE *err);

/*
 * fg_changelog_last_tag: the release tag a new release after commit TO
 * follows: among the tags under refs/tags/ named CFG's tag prefix and a
 * SemVer 2.0.0 version (fg_tag_is_release), peeling to a commit that TO
 * descends from (TO itself only with AT_TO), the one of highest precedence
 * (fg_version_compare). When TO_VERSION (may be NULL: unknown) is a final
 * X.Y.Z, the pre-release tags of that same X.Y.Z are passed over: the
 * notes of 0.17.0 run from the release before its release candidates.
 * Returns 1 with *NAME (newly allocated, without "refs/tags/") and *ID (the
 * commit), 0 when there is none, or a negative libgit2 error (*NAME NULL).
 */
int fg_changelog_last_tag(git_repository *repo, const struct fg_config *cfg, const git_oid *to,
			  const struct fg_version *to_version, int at_to, char **name, git_oid *id);

/* git's abbreviation of object IDs in one repository (fg_abbrev_init). */
struct fg_abbrev {
	git_odb *odb; /* owned */
	size_t len;   /* the shortest length tried */
};

/*
 * fg_abbrev_init: the abbreviation git 2.39 would use in REPO
 * (object-name.c, repo_find_unique_abbrev_r): core.abbrev as a number (4 to
 * 40), "no"/"false"/"off" for full IDs; "auto" or unset: the length for
 * the count of packed objects (git's repo_approximate_object_count, read
 * from the pack indexes' headers): ceil((msb(count) + 1) / 2), at least 7.
 * Returns 0 (release with fg_abbrev_release), or a negative libgit2 error.
 */
int fg_abbrev_init(struct fg_abbrev *abbrev, git_repository *repo);
void fg_abbrev_release(struct fg_abbrev *abbrev);

/*
 * fg_abbrev_id: ID in hex, cut to ABBREV's length and lengthened until no
 * other object of the repository starts with it (git_odb_exists_prefix),
 * into OUT (GIT_OID_HEXSZ + 1 bytes).
 */
void fg_abbrev_id(struct fg_abbrev *abbrev, const git_oid *id, char *out);

/* The errors of fg_changelog_collect. */
enum fg_changelog_error {
	FG_CHANGELOG_ERANGE = -2,  /* the range names no commits here (*WHY says why) */
	FG_CHANGELOG_ECONFIG = -3, /* a version file pattern failed: CFG->error */
	FG_CHANGELOG_EGIT = -1     /* libgit2 failed or out of memory (fg_git_error()) */
};

/*
 * fg_changelog_collect: the notes of RANGE in REPO under CFG into NOTES
 * (fg_notes_init'ed): "A..B" (an empty side is HEAD; "A...B" is refused),
 * or "B", or NULL for HEAD; without A, from fg_changelog_last_tag of B (the
 * whole history when there is none). Each commit B has and A has not, in
 * git log's order (newest first), goes through fg_notes_add with its
 * message converted to UTF-8 from its encoding header, CRs before LFs
 * dropped, and its ID as fg_abbrev_id abbreviates it. NOTES->version is
 * the version B's version files agree on (versionFormat and
 * versionConsistency at error severity), NULL when none; NOTES->date B's
 * committer date in UTC; FROM and TO the range's ends as named (A the
 * tag's name when found) and their IDs. Returns 0 or an enum
 * fg_changelog_error, with *WHY (may be NULL) newly allocated for
 * FG_CHANGELOG_ERANGE.
 */
int fg_changelog_collect(struct fg_notes *notes, git_repository *repo, struct fg_config *cfg,
			 const char *range, char **why);

/*
 * fg_changelog_tag_notes: the notes of the release made at commit COMMIT
 * (the default range ending there), in the text format without a heading,
 * for an annotated tag's message. *OUT is newly allocated, NULL when the
 * notes list no commit. Returns 0, or an enum fg_changelog_error.
 */
int fg_changelog_tag_notes(char **out, git_repository *repo, struct fg_config *cfg,
			   const git_oid *commit);

/*
 * fg_changelog_run: `flowgate changelog` with OPTS on REPO (NULL: not in a
 * repository) under CFG: the notes on OUT, or with OPTS->write put at the
 * top of that file (fg_notes_insert) through a temporary file beside it
 * and rename(2), keeping its mode; nothing written when the file has a
 * section for the version already (a note on ERR), when it is read-only,
 * a symbolic link or not a regular file, or when B's version files name no
 * one version; a failure leaves the file as it was and no temporary file.
 * Errors on ERR, "flowgate changelog: error: ..." lines. Returns the exit
 * status: 0, 2 (a range that names no commits), 3 (not a repository, a
 * read or write failure), 4 (bad configuration).
 */
int fg_changelog_run(struct fg_config *cfg, git_repository *repo,
		     const struct fg_changelog_options *opts, FILE *out, FILE *err);

#endif

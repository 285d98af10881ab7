/*
 * Release notes from Conventional Commits messages, without a repository:
 * which commits a release's notes list and under which heading, the notes
 * written as Markdown, plain text or JSON, and a new section put at the top
 * of a changelog file's text. changelog.c reads the commits and the files.
 * Layer: rules (common/README).
 */
#ifndef FLOWGATE_NOTES_H
#define FLOWGATE_NOTES_H

#include <stddef.h>
#include <stdio.h>
#include "settings.h"

/* The formats of `flowgate changelog --format`. */
enum fg_notes_format {
	FG_NOTES_MARKDOWN = 0,
	FG_NOTES_TEXT,
	FG_NOTES_JSON
};

/* The longest object ID as hex (SHA-256), NUL included. */
#define FG_NOTES_ID_MAX 65

/* One commit the notes list. Strings owned, UTF-8 as the message holds them. */
struct fg_notes_entry {
	char *type;     /* the header's type, lowercased ("feat"); "revert" for git's revert form */
	char *scope;    /* NULL when the header has none */
	char *subject;  /* the header's subject (git's revert form: the reverted header) */
	char *breaking; /* the descriptions of its BREAKING CHANGE footers, one after the
			   other separated by '\n', lines as written; NULL when it has none */
	int bang;       /* '!' before the colon */
	char id[FG_NOTES_ID_MAX];       /* the full hex OID */
	char short_id[FG_NOTES_ID_MAX]; /* as git abbreviates it */
};

/* A release's notes: the commits of a range, in the order added (git log's). */
struct fg_notes {
	struct fg_notes_entry *entries; /* owned */
	size_t n, alloc;
	size_t skipped;  /* commits left out: excluded types, merges, other headers */
	char *version;   /* the heading's version (owned); NULL: TO's name is used */
	char date[11];   /* the heading's date, YYYY-MM-DD; "" for none */
	char *from;      /* the range's start as named (a tag, a revision), owned; NULL: none */
	char *to;        /* its end as named, owned */
	char from_id[FG_NOTES_ID_MAX]; /* "" when the range has no start (the whole history) */
	char to_id[FG_NOTES_ID_MAX];
};

/* fg_notes_init / fg_notes_release: empty notes; free everything NOTES owns. */
void fg_notes_init(struct fg_notes *notes);
void fg_notes_release(struct fg_notes *notes);

/*
 * fg_notes_add: consider one commit for NOTES under CFG: MESSAGE[0..LEN),
 * as git stores it (LF line ends, UTF-8: the caller converts a commit's
 * encoding), MERGE non-zero for a commit of two or more parents, ID its
 * full hex OID and SHORT_ID its abbreviation (both NUL-terminated, at most
 * FG_NOTES_ID_MAX - 1 characters).
 * Listed: a Conventional Commits 1.0.0 header (commit.h's grammar) whose
 * type, lowercased, is one of CFG->types (any while typeEnum is off) and
 * not in CFG->changelog_exclude, or is in it but the commit is breaking
 * ('!' or a BREAKING CHANGE footer, items 11-13: a breaking change is
 * always listed); git's revert form (`Revert "..."`, gitform.h) as type
 * "revert" with the reverted header as its subject. Left out (counted in
 * NOTES->skipped): merges unless CFG->changelog_merges, git's merge, squash
 * and fixup!/squash!/amend! forms, a type typeEnum refuses, any other
 * header (a legacy history's). Returns 1 when listed, 0 when left out, -1
 * when out of memory (NOTES unchanged but for SKIPPED).
 */
int fg_notes_add(struct fg_notes *notes, const struct fg_config *cfg, const char *message,
		 size_t len, int merge, const char *id, const char *short_id);

/* fg_notes_write flags */
#define FG_NOTES_NO_HEADING 1u /* leave the version and date heading out (a tag's message) */

/*
 * fg_notes_write: NOTES in FORMAT to OUT, under CFG (the order of the
 * sections). The sections: "BREAKING CHANGES" first (every breaking commit:
 * its BREAKING CHANGE descriptions, else its subject), then one per type:
 * Features (feat), Bug Fixes (fix and hotfix), Performance (perf), Reverts
 * (revert), then the other types in the order rule.typeEnum.types lists
 * them (while typeEnum is off, any other type after them, in the order
 * met); titled by
 * conventional-changelog's names (Documentation, Code Refactoring, ...),
 * an unknown type by itself. Each entry: "scope: " when the header has
 * one, the subject, and the short ID in parentheses; a breaking
 * description's later lines follow its first, indented by two spaces (their
 * own leading white space, a folded footer's, dropped).
 * Markdown: "## <version> (<date>)", "### <title>", "* **scope:** subject
 * (id)". Text: "<version> (<date>)", the title alone, "- scope: subject
 * (id)", one blank line between sections; no line starts with '#' (git
 * strips those from a tag's message). JSON: one object, the schema in
 * flowgate(1). The version is NOTES->version, else NOTES->to; the date is
 * left out when empty. Text from messages is written as fg_escape (quote.h)
 * shows it: no control byte reaches the file. FLAGS: FG_NOTES_NO_HEADING.
 * Returns the number of entries written (a breaking commit counts once),
 * or -1 on a write error or out of memory.
 */
long fg_notes_write(const struct fg_notes *notes, const struct fg_config *cfg,
		    enum fg_notes_format format, unsigned flags, FILE *out);

/*
 * fg_notes_has_section: non-zero when the changelog text FILE[0..LEN) of
 * FORMAT (Markdown or text) has a heading for VERSION: in Markdown a
 * release heading (a line starting "## ", or "# " before '[' or a digit:
 * conventional-changelog heads a minor release "# [19.1.0](...)") whose
 * text starts with VERSION or [VERSION; in text, a line starting with
 * VERSION. VERSION must be followed by the end of the line, a space, ']'
 * or '(': 0.17.0 is not found in the heading of 0.17.0-rc1.
 */
int fg_notes_has_section(const char *file, size_t len, enum fg_notes_format format,
			 const char *version);

/*
 * fg_notes_insert: the changelog text FILE[0..LEN) (NULL when the file
 * does not exist) with SECTION[0..SECTION_LEN) (a section fg_notes_write
 * wrote, ending in a newline) put at its top: in Markdown before the first
 * release heading (as fg_notes_has_section reads them: a file's title and
 * introduction stay above it), or
 * after the whole text when there is none; in text, before everything. A
 * blank line separates it from what follows and precedes; a new Markdown
 * file starts with "# Changelog". *OUT is newly allocated, NUL-terminated,
 * *OUT_LEN bytes; the caller frees it. Returns 0, or -1 when out of memory
 * (*OUT NULL).
 */
int fg_notes_insert(char **out, size_t *out_len, const char *file, size_t len,
		    const char *section, size_t section_len, enum fg_notes_format format);

#endif

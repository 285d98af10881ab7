/*
 * What the message rules share: what they know of the commit beyond its
 * message (struct fg_message_context, which fg_check_message's callers
 * fill: message.h), and how they report: a violation at a line and column
 * of the message as the user wrote it (the caret under the offending
 * text), the header a hint proposes written into line 1 as it is to be
 * typed, and the line helpers. Layer: rules, below msgheader, msgbody and
 * message, above report, settings and suggest.
 */
#ifndef FLOWGATE_MSGRULE_H
#define FLOWGATE_MSGRULE_H

#include <stddef.h>
#include <string.h>
#include "report.h"
#include "settings.h"

/* What the rules that look beyond the message need to know about the commit. */
struct fg_message_context {
	/* The branch the commit is made on or pushed to, without "refs/heads/"
	 * ("hotfix/pool-leak"), or NULL when unknown (branchCommitType). */
	const char *branch;
	/* The version the commit sets in the version files, when it changes
	 * them to one they agree on, else NULL; and the version before, or
	 * NULL (versionBumpMessage). */
	const char *new_version, *old_version;
	/* The encoding the message is written in (i18n.commitEncoding, or a
	 * stored commit's "encoding" header); NULL or "UTF-8": UTF-8. */
	const char *encoding;
	/* Non-zero when the commit is a merge: a stored commit with two or
	 * more parents, or a merge being concluded (MERGE_HEAD). */
	int merge;
	/* commit-msg when HEAD is a merge: HEAD's header, or NULL. A message
	 * with that header is taken for `git commit --amend` of the merge,
	 * which keeps its parents (a hook is not told --amend). */
	const char *head_merge_header;
	/* A commit already made (pre-push, pre-receive, check-range): its OID
	 * (hex, abbreviated or not) and whether it has no parent; NULL for a
	 * message being committed. Each hint then ends with how to reword it
	 * (git rebase -i). */
	const char *commit;
	int root;
	/* BRANCH as fg_branch_parse parsed it under the configuration the
	 * message is judged by, when the caller parsed it already (a push's
	 * ref update, check-range's branch), else NULL: branchCommitType then
	 * parses BRANCH itself. Not owned. */
	const struct fg_branch *branch_parsed;
};

/* Where the violations of one message go, and the prefix of their texts. */
struct fg_msg_where {
	struct fg_report *report;
	const char *pre, *sep; /* "commit 1a2b3c4d5e6f", ": "; or "", "" */
	/* Line 1 as written when the rules judge another header in its place
	 * (fixup! and the like), and the code points before that header. */
	const char *line1; size_t line1_len, col1;
	size_t judged_off, judged_len; /* bytes of LINE1 the header judged replaces */
	size_t line0; /* blank lines above the header (a verbatim message) */
};

/*
 * fg_msg_add: a violation of RULE added to W->report at LINE, COLUMN (both
 * 1-based, COLUMN in code points) of the message judged, TEXT[0..LEN)
 * being that line, WIDTH code points underlined (fg_violation_locate); its
 * text is W's prefix, "line L, column C: ", then FMT. On line 1, when the
 * header judged is part of line 1 (W->line1: fixup! <header>), the column
 * and the excerpt are line 1's as written; W->line0 is added to LINE.
 * Returns the violation (owned by the report, valid until the next add),
 * or NULL when the rule is off or out of memory (W->report->oom set);
 * fg_violation_hint takes NULL.
 */
struct fg_violation *fg_msg_add(const struct fg_msg_where *w, enum fg_rule rule, size_t line,
				size_t column, const char *text, size_t len, size_t width,
				const char *fmt, ...) FG_PRINTF(8, 9);

/*
 * fg_msg_line1_with: HEADER (a header the rules accept: fg_suggest_header's,
 * may be NULL) as line 1 is to be written: in place of the header judged
 * when that is part of line 1 (W->line1: fixup! <header>). Newly allocated
 * (the caller frees it); NULL when HEADER is, or out of memory.
 */
char *fg_msg_line1_with(const struct fg_msg_where *w, const char *header);

/*
 * fg_msg_proposed_line1: the header fg_suggest_header (suggest.h) proposes
 * under CFG in place of HEADER[0..LEN), as fg_msg_line1_with writes it.
 * Newly allocated; NULL when none is found or out of memory.
 */
char *fg_msg_proposed_line1(const struct fg_msg_where *w, const struct fg_config *cfg,
			    const char *header, size_t len);

/* fg_msg_line_len: the length of the line starting TEXT[0..LEN) (up to '\n' or LEN). */
static inline size_t fg_msg_line_len(const char *text, size_t len)
{
	const char *nl = memchr(text, '\n', len);

	return nl ? (size_t)(nl - text) : len;
}

/* fg_msg_blank: non-zero when TEXT[0..LEN) is only spaces and tabs (or empty). */
static inline int fg_msg_blank(const char *text, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (text[i] != ' ' && text[i] != '\t')
			return 0;
	return 1;
}

#endif

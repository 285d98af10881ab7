/*
 * Commit messages: git's own generated messages and the Conventional
 * Commits 1.0.0 message rules (headerFormat, typeEnum, subjectEmpty,
 * headerMaxLength, the body and footer rules). The cleanup git applies
 * before it stores a message is cleanup.h's; the grammar commit.h's. The
 * rules by group are msgheader.h's and msgbody.h's, this module runs them.
 * Layer: rules, above msgheader, msgbody and msgrule.
 */
#ifndef FLOWGATE_MESSAGE_H
#define FLOWGATE_MESSAGE_H

#include <stddef.h>
#include "commit.h"
#include "gitform.h"
#include "msgrule.h"
#include "report.h"
#include "settings.h"

/*
 * fg_check_message: the message rules on MESSAGE, a cleaned-up
 * NUL-terminated message (see fg_cleanup_apply; a stored commit message
 * already is, but for the CR of CRLF line ends that `git commit
 * --cleanup=verbatim` keeps: they are not part of the lines), under CFG
 * (types, scopes, lengths, severities through REPORT):
 * messageEncoding (converted to UTF-8 from CTX->encoding first, by iconv),
 * headerFormat, typeCase, typeEnum, scopeEnum, subjectEmpty,
 * subjectFullStop, subjectCase, headerMaxLength (Conventional Commits 1.0.0 items 1-5,
 * 15), bodyLeadingBlank, bodyMaxLineLength, footerFormat,
 * breakingChangeFormat (items 6, 8-12, 16) and, with CTX (may be NULL),
 * versionBumpMessage and branchCommitType.
 * An empty message, a header matching a commit.ignore pattern and git's
 * own messages (fg_message_git_form) pass: a merge message on a merge
 * (CTX->merge, or CTX->head_merge_header equal to the header), and git
 * merge --squash's message, pass every rule; a revert in git's form passes
 * the header rules (the body and footer rules apply); fixup!, squash! and
 * amend! messages are judged with the header they name in place of theirs
 * (columns still count on the line as written). Before those exemptions,
 * headerFormat refuses a subject holding a carriage return that ends no
 * line or a bidirectional control (U+202A-U+202E, U+2066-U+2069): it
 * displays as other text than git stores. Blank lines above the header
 * (a verbatim message) are skipped, as git's subject skips them;
 * headerMaxLength measures git's subject, the whole first paragraph, its
 * lines joined by a space; bodyMaxLineLength lets a line holding a URL
 * pass under rule.bodyMaxLineLength.ignoreUrls; subjectCase (off by
 * default) is commitlint's subject-case (textcase.h). The message is parsed
 * once (fg_commit_parse). With CTX->commit, each violation's hint ends
 * with the command that rewords that commit: "git rebase -i <commit>^"
 * (--root for a root commit; --rebase-merges for a merge, whose line says
 * -C: -c rewords it), its line turned from pick to reword. Each
 * violation's text is "WHERE: line L, column
 * C: what", WHERE (may be NULL: no prefix) e.g. "commit 1a2b3c4d5e6f", and
 * it is located (fg_violation_locate) for the caret under the offending
 * text. Returns the violations added; when an ignore pattern reached
 * PCRE2's match limit, none, with CFG->error set. Out of memory sets
 * REPORT->oom.
 */
size_t fg_check_message(struct fg_report *report, struct fg_config *cfg, const char *message,
			const char *where, const struct fg_message_context *ctx);

/*
 * fg_message_to_utf8: TEXT[0..LEN), written in ENCODING (an iconv(3) name,
 * as i18n.commitEncoding holds it), converted to UTF-8 into *OUT (newly
 * allocated, NUL-terminated, *OUT_LEN bytes; the caller frees it).
 * Returns 1 when converted, 0 when ENCODING is NULL, empty or names UTF-8
 * (nothing to do: *OUT NULL), -1 when iconv does not know ENCODING, -2
 * when TEXT is not valid in it, -3 when out of memory.
 */
int fg_message_to_utf8(char **out, size_t *out_len, const char *text, size_t len,
		       const char *encoding);

#endif

/*
 * The header rules of a commit message (Conventional Commits 1.0.0 items
 * 1-5, 15): headerFormat, typeCase, typeEnum, scopeEnum, subjectEmpty,
 * subjectFullStop, subjectCase and headerMaxLength, and the rules that
 * judge the header against the commit (versionBumpMessage,
 * branchCommitType). Each hint that proposes a header proposes one they
 * accept (suggest.h). fg_check_message (message.h) runs them. Layer: rules,
 * below message, above msgrule, suggest and refname.
 */
#ifndef FLOWGATE_MSGHEADER_H
#define FLOWGATE_MSGHEADER_H

#include <stddef.h>
#include "commit.h"
#include "msgrule.h"
#include "settings.h"

/*
 * fg_msg_header_format: rule headerFormat on HEADER[0..LEN), line 1 of the
 * message judged, which is not "type(scope)!: subject": a look-alike of
 * git's merge or revert message, a type in brackets, no space after the
 * colon, or any other shape. The hint proposes the header it most likely
 * meant (fg_suggest_header), as line 1 is to be written (a fixup!'s: the
 * header of the commit it fixes). Violations go to W.
 */
void fg_msg_header_format(const struct fg_msg_where *w, const struct fg_config *cfg,
			  const char *header, size_t len);

/*
 * fg_msg_check_header: the header rules on MSG, parsed (fg_commit_parse)
 * with a valid Conventional Commits header, under CFG: typeCase, typeEnum
 * (ignoring case), scopeEnum (when scopes are configured), subjectEmpty,
 * subjectFullStop, subjectCase (when on), and with CTX (may be NULL)
 * versionBumpMessage (CTX->new_version not named in the header) and
 * branchCommitType (CTX->branch a hotfix or docs branch of CFG's kinds).
 * CFG->error is set when a branch pattern reached PCRE2's match limit.
 * Violations go to W.
 */
void fg_msg_check_header(const struct fg_msg_where *w, struct fg_config *cfg,
			 const struct fg_commit_message *msg,
			 const struct fg_message_context *ctx);

/*
 * fg_msg_subject_length: rule headerMaxLength on the subject git shows
 * (pretty.c, format_subject: git log --oneline, rebase -i, format-patch):
 * the first paragraph of TEXT[0..LEN), the message judged, its lines
 * joined by one space, each without its trailing white space; the header
 * alone when line 2 is blank. Longer than CFG->header_max_length code
 * points: one violation in W, at the first character over.
 */
void fg_msg_subject_length(const struct fg_msg_where *w, const struct fg_config *cfg,
			   const char *text, size_t len);

/*
 * fg_msg_check_display: rule headerFormat on what displays as other text
 * than git stores, in the subject (the first paragraph of TEXT[0..LEN)): a
 * carriage return that does not end a line (a terminal writes what follows
 * it over what comes before), or a bidirectional control character,
 * U+202A-U+202E or U+2066-U+2069 (the text after it shows reordered). The
 * first one found goes to W, its hint line 1 retyped without it (or the
 * header fg_suggest_header makes of that). Returns non-zero when there was
 * one.
 */
int fg_msg_check_display(const struct fg_msg_where *w, const struct fg_config *cfg,
			 const char *text, size_t len);

#endif

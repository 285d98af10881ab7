/*
 * The body and footer rules of a commit message (Conventional Commits
 * 1.0.0 items 6, 8-12, 15, 16): bodyLeadingBlank, bodyMaxLineLength,
 * footerFormat and breakingChangeFormat. fg_check_message (message.h) runs
 * them. Layer: rules, below message, above msgrule and commit.
 */
#ifndef FLOWGATE_MSGBODY_H
#define FLOWGATE_MSGBODY_H

#include <stddef.h>
#include "commit.h"
#include "msgrule.h"
#include "settings.h"

/*
 * fg_msg_check_body: rule bodyMaxLineLength on TEXT[0..LEN), the message
 * judged: the first line after the header longer than
 * CFG->body_max_line_length code points; with
 * rule.bodyMaxLineLength.ignoreUrls, not a line holding a URL
 * (commitlint's /\bhttps?:\/\/\S+/). One violation at most, in W.
 */
void fg_msg_check_body(const struct fg_msg_where *w, const struct fg_config *cfg,
		       const char *text, size_t len);

/*
 * fg_msg_check_parts: rules bodyLeadingBlank, footerFormat and
 * breakingChangeFormat on MSG, parsed from TEXT[0..LEN) (fg_commit_parse):
 * no blank line after the header; a footer token that is not a word, or
 * a footer with no value; a breaking change spelt otherwise than
 * "BREAKING CHANGE:" (or BREAKING-CHANGE) in the footers or the body's
 * last paragraph, or one without a description. Violations go to W.
 */
void fg_msg_check_parts(const struct fg_msg_where *w, const struct fg_commit_message *msg,
			const char *text, size_t len);

#endif

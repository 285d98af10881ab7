/*
 * Conventional Commits 1.0.0 messages taken apart: the header (type, scope,
 * '!', subject), the free-form body and the footer block (git trailers
 * included), without judging them; a header line alone too (fg_header_parse).
 * The rules decide what is wrong (message.h); this module only says where
 * each part is. Layer: rules, at the bottom of the message rules (suggest
 * and message build on it).
 */
#ifndef FLOWGATE_COMMIT_H
#define FLOWGATE_COMMIT_H

#include <stddef.h>

/*
 * One footer (Conventional Commits 1.0.0 items 8-10, 12, 16; a git trailer
 * in git-interpret-trailers(1) terms). Pointers into the parsed message.
 */
struct fg_footer {
	const char *token; size_t token_len;   /* "Signed-off-by", "BREAKING CHANGE", "Refs" */
	char separator;                        /* ':' for "token: value", '#' for "token #value" */
	const char *value; size_t value_len;   /* may span several lines (item 10) */
	size_t line;                           /* 1-based line of the token in the message */
	int breaking;                          /* BREAKING CHANGE / BREAKING-CHANGE (items 12, 16) */
};

/*
 * A parsed message. Every pointer points into the message given to
 * fg_commit_parse, which must outlive this struct; only FOOTERS is owned.
 * Text is kept as written: no case folding (item 15 is the rules' business),
 * no trimming.
 */
struct fg_commit_message {
	const char *header; size_t header_len;       /* first line */
	int header_valid;                             /* shape type(scope)!: subject */
	const char *type; size_t type_len;
	const char *scope; size_t scope_len;          /* NULL when absent */
	int bang;                                     /* '!' before ':' */
	const char *subject; size_t subject_len;
	size_t subject_column;                        /* 1-based column (code points) of the subject */
	int blank_after_header;                       /* line 2 blank, or the header alone */
	const char *body; size_t body_len; size_t body_line;   /* free-form paragraphs; NULL/0 when none */
	struct fg_footer *footers; size_t nfooters;   /* owned array; pointers into the message */
	size_t footer_line;                           /* first line of the footer block, 0 when none */
	int breaking;                                 /* bang or a breaking footer (items 11-13) */
	/* git's "(cherry picked from commit <oid>)" line, or NULL */
	const char *cherry_pick; size_t cherry_pick_len;
};

/* fg_commit_message_init: MSG empty (nothing owned), safe to release. */
void fg_commit_message_init(struct fg_commit_message *msg);

/*
 * fg_commit_parse: take MESSAGE[0..LEN) apart into *OUT. MESSAGE is the
 * message as git stores it (see fg_message_cleanup: LF line ends, no
 * comments, no trailing white space); it need not be NUL-terminated and may
 * hold NUL bytes: LEN is authoritative. MESSAGE may be NULL when LEN is 0.
 *
 * Returns 0 on success, also when the header is not a Conventional Commits
 * header (then header_valid is 0; type, scope, subject, bang and
 * subject_column are NULL/0); -1 when out of memory (or PCRE2 fails, or
 * MESSAGE is NULL with LEN > 0); -2 when MESSAGE is not valid UTF-8. *OUT
 * need not be initialised (what it held is not released); on any return
 * it is, and on failure it owns nothing. The caller releases *OUT with
 * fg_commit_message_release.
 *
 * Lines are separated by LF; a line of spaces and tabs only counts as blank;
 * a paragraph is a run of non-blank lines. The grammar:
 *
 * - header: the first line (items 1, 4, 5, 13). Valid when it is
 *   "type(scope)!: subject": a type of characters other than white space,
 *   '(', ')', ':' and '!'; an optional non-empty scope in parentheses; an
 *   optional '!' (BANG); a colon, a space and the subject, which starts
 *   right after that one space (a second space belongs to the subject).
 *   "type:" alone, or followed by blanks only, is valid with an empty
 *   subject: git's cleanup strips the space of "feat: ", and an empty
 *   subject is subjectEmpty's business, not a malformed header. The same
 *   shape as fg_header_parse below.
 *
 * - blank_after_header (item 6): line 2 is blank, or there is no line 2.
 *   Without the blank line, the lines after the header are still read as
 *   body (the header is the first line only), so the rule can point at them.
 *
 * - footer block (items 8-10, 12, 16): the last paragraph, unless it is the
 *   header's own paragraph (the one holding a non-blank line 1), when its
 *   first line is a footer start or a cherry-pick line, and every later
 *   line is one of:
 *   . a footer start: a token at the start of the line, "BREAKING CHANGE"
 *     or a word of ASCII letters, digits and '-' that starts with a letter
 *     or digit (item 9; see fg_footer_token_valid), then the separator ": "
 *     or " #" (item 8), then the value. "token:" ending the line is a
 *     footer start with an empty first line of value (git's cleanup strips
 *     the space of "token: " when the value starts on the next line). The
 *     value excludes the separator: "Refs #133" has value "133";
 *   . the git line "(cherry picked from commit <hex>)" (git cherry-pick -x),
 *     4 to 64 hex digits: it ends the footer before it and is not a footer;
 *   . any other line, which continues the value of the footer before it
 *     (item 10: the value runs until the next token/separator pair; git's
 *     folded trailers start their continuation lines with white space).
 *     A footer start with an empty value ("Refs:", "Refs #") that ends
 *     the block continues the footer before it too, when there is one: no
 *     value follows it, so it is no token/separator pair ("Closes #1",
 *     then "Refs:", is one footer); but for a breaking one ("BREAKING
 *     CHANGE:"), which stays a footer, with no description;
 *     A value spans whole lines: from after the separator (or from its
 *     second line when its first is empty) to the end of its last line, the
 *     newlines and indentation between kept as written.
 *   When a continuation line has no footer to continue (it follows a
 *   cherry-pick line), the paragraph is body. When the first line is not a
 *   footer start, the whole paragraph is body, even if later lines look
 *   like trailers ("Thanks.\nSigned-off-by: A" is body).
 *   So "word: text" is a footer only in the last paragraph, which is how
 *   git-interpret-trailers(1) reads it too: a last paragraph starting with
 *   "See: http://x" is a footer "See" with value "http://x", while "See:
 *   http://x" in an earlier paragraph, or "See http://x: y" starting the
 *   last one, is body. A URL alone ("http://x") starts no footer: its ':'
 *   is followed by '/'.
 *   Footers in a paragraph before the last one are body ("Refs: #1",
 *   blank line, "Signed-off-by: y": one footer), with one exception:
 *   `git commit -s` on a message ending in "BREAKING CHANGE: x" adds a
 *   blank line before Signed-off-by (git 2.39 does not take "BREAKING
 *   CHANGE" for a trailer; "BREAKING-CHANGE:" it keeps in the block), so
 *   when the paragraph right before the footer block is footers only and
 *   its first footer is a breaking one, it joins the block (footer_line is
 *   its first line) and the message is breaking.
 *   A header-only message has neither body nor footers.
 *
 * - footer_line: the first line of the footer block, also when the block
 *   holds only cherry-pick lines (nfooters 0). cherry_pick: the whole last
 *   cherry-pick line of the block (the commit this one was picked from last).
 *
 * - body (items 6, 7): from the first non-blank line after the header to the
 *   end of the last non-blank line before the footer block (or of the
 *   message), without the final newline; blank lines between paragraphs
 *   kept. NULL, body_len 0 and body_line 0 when there is none.
 *
 * - a footer is breaking (items 12, 16) when its token is exactly
 *   "BREAKING CHANGE" or "BREAKING-CHANGE" (uppercase, item 15) with the
 *   ':' separator; "BREAKING CHANGE #1" is a footer, not a breaking one.
 *   BREAKING is BANG or any breaking footer (items 11, 13).
 *
 * Linear in LEN; no recursion or backtracking depends on the input.
 */
int fg_commit_parse(const char *message, size_t len, struct fg_commit_message *out);

/* fg_commit_message_release: free what MSG owns (FOOTERS) and empty it. */
void fg_commit_message_release(struct fg_commit_message *msg);

/*
 * fg_footer_token_valid: non-zero when TOKEN[0..LEN) is a footer token
 * (items 9, 16): a word of ASCII letters, digits and '-' (in place of
 * white space, "Acked-by") starting with a letter or digit, or exactly
 * "BREAKING CHANGE", the one token allowed a space. Case is not checked
 * (item 15). Empty: 0.
 */
int fg_footer_token_valid(const char *token, size_t len);

/*
 * fg_utf8_valid_prefix: the length of the longest prefix of TEXT[0..LEN)
 * that is valid UTF-8 (RFC 3629: no overlong forms, surrogates or code
 * points above U+10FFFF; what PCRE2 and git's i18n accept): LEN when all
 * of it is, else the offset of the first byte of the first bad sequence.
 */
size_t fg_utf8_valid_prefix(const char *text, size_t len);

/* The parts of a Conventional Commits 1.0.0 header (spec items 1-5). */
struct fg_header {
	const char *type;    size_t type_len;
	const char *scope;   size_t scope_len; /* NULL when absent */
	int breaking;                           /* '!' before the colon */
	const char *subject; size_t subject_len;
};

/*
 * fg_header_parse: split HEADER[0..LEN) into OUT (pointers into HEADER).
 * Returns 0 when it has the shape "type(scope)!: subject" (the scope, when
 * present, not empty; "type:" with nothing after it parses with an empty
 * subject), -1 when not, -2 when it is not valid UTF-8. One pass, linear in
 * LEN; the grammar is the pattern in commit.c. (Until PCRE2 matched it,
 * -3 said PCRE2 failed: no longer returned.)
 */
int fg_header_parse(const char *header, size_t len, struct fg_header *out);

/* fg_utf8_length: code points in TEXT[0..LEN) (invalid bytes count as one each). */
size_t fg_utf8_length(const char *text, size_t len);

#endif

/*
 * Tests of commit.c: the Conventional Commits 1.0.0 parser on every example
 * message of the specification, git's trailers and cherry-pick line, the
 * body/footer boundary in the ambiguous cases, invalid UTF-8, NUL bytes,
 * megabyte lines and arbitrary input.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "check_flowgate.h"
#include "commit.h"

#define OID "0123456789abcdef0123456789abcdef01234567"
#define CHERRY "(cherry picked from commit " OID ")"

struct want_footer {
	const char *token;
	char separator;
	const char *value;
	size_t line;
	int breaking;
};

/*
 * One message and the fields it is expected to yield. The header fields
 * (type, scope, bang, subject, subject_column) are asserted when
 * header_valid; an invalid header must leave them NULL/0. Every other field
 * is asserted always: NULL and 0 mean "none".
 */
static const struct {
	const char *name;
	const char *message;
	int header_valid;
	const char *type, *scope, *subject;
	int bang;
	size_t subject_column;
	int blank_after_header;
	const char *body;
	size_t body_line;
	size_t nfooters;
	struct want_footer footers[4];
	size_t footer_line;
	int breaking;
	const char *cherry_pick;
} parse_cases[] = {
	/* The examples of the specification, as the page gives them. */
	{ .name = "spec: description and breaking change footer",
	  .message = "feat: allow provided config object to extend other configs\n\n"
		     "BREAKING CHANGE: `extends` key in config file is now used for extending other config files\n",
	  .header_valid = 1, .type = "feat", .subject = "allow provided config object to extend other configs",
	  .subject_column = 7, .blank_after_header = 1,
	  .nfooters = 1, .footers = { { "BREAKING CHANGE", ':',
	  "`extends` key in config file is now used for extending other config files", 3, 1 } },
	  .footer_line = 3, .breaking = 1 },
	{ .name = "spec: ! to draw attention to breaking change",
	  .message = "refactor!: drop support for Node 6\n",
	  .header_valid = 1, .type = "refactor", .subject = "drop support for Node 6", .bang = 1,
	  .subject_column = 12, .blank_after_header = 1, .breaking = 1 },
	{ .name = "spec: scope and ! to draw attention to breaking change",
	  .message = "refactor(runtime)!: drop support for Node 6\n",
	  .header_valid = 1, .type = "refactor", .scope = "runtime", .subject = "drop support for Node 6",
	  .bang = 1, .subject_column = 21, .blank_after_header = 1, .breaking = 1 },
	{ .name = "spec: both ! and BREAKING CHANGE footer",
	  .message = "refactor!: drop support for Node 6\n\n"
		     "BREAKING CHANGE: refactor to use JavaScript features not available in Node 6.\n",
	  .header_valid = 1, .type = "refactor", .subject = "drop support for Node 6", .bang = 1,
	  .subject_column = 12, .blank_after_header = 1,
	  .nfooters = 1, .footers = { { "BREAKING CHANGE", ':',
	  "refactor to use JavaScript features not available in Node 6.", 3, 1 } },
	  .footer_line = 3, .breaking = 1 },
	{ .name = "spec: no body",
	  .message = "docs: correct spelling of CHANGELOG\n",
	  .header_valid = 1, .type = "docs", .subject = "correct spelling of CHANGELOG",
	  .subject_column = 7, .blank_after_header = 1 },
	{ .name = "spec: scope",
	  .message = "feat(lang): add polish language\n",
	  .header_valid = 1, .type = "feat", .scope = "lang", .subject = "add polish language",
	  .subject_column = 13, .blank_after_header = 1 },
	{ .name = "spec: multi-paragraph body and multiple footers",
	  .message = "fix: correct minor typos in code\n\nsee the issue for details\n\non typos fixed.\n\n"
		     "Reviewed-by: Z\nRefs #133\n",
	  .header_valid = 1, .type = "fix", .subject = "correct minor typos in code",
	  .subject_column = 6, .blank_after_header = 1,
	  .body = "see the issue for details\n\non typos fixed.", .body_line = 3,
	  .nfooters = 2, .footers = { { "Reviewed-by", ':', "Z", 7, 0 }, { "Refs", '#', "133", 8, 0 } },
	  .footer_line = 7 },
	{ .name = "spec FAQ: revert with Refs",
	  .message = "revert: let us never again speak of the noodle incident\n\nRefs: 676104e, a215868\n",
	  .header_valid = 1, .type = "revert", .subject = "let us never again speak of the noodle incident",
	  .subject_column = 9, .blank_after_header = 1,
	  .nfooters = 1, .footers = { { "Refs", ':', "676104e, a215868", 3, 0 } }, .footer_line = 3 },

	/* git trailers (git-interpret-trailers(1)). */
	{ .name = "git trailers with spaces in their values",
	  .message = "feat(cli): add the explain command\n\nIt prints what a rule checks.\n\n"
		     "Signed-off-by: A U Thor <author@example.com>\n"
		     "Co-authored-by: Other Person <other@example.com>\n"
		     "Reviewed-by: Jane Q. Reviewer <jane@example.com>\n",
	  .header_valid = 1, .type = "feat", .scope = "cli", .subject = "add the explain command",
	  .subject_column = 12, .blank_after_header = 1,
	  .body = "It prints what a rule checks.", .body_line = 3,
	  .nfooters = 3, .footers = {
		{ "Signed-off-by", ':', "A U Thor <author@example.com>", 5, 0 },
		{ "Co-authored-by", ':', "Other Person <other@example.com>", 6, 0 },
		{ "Reviewed-by", ':', "Jane Q. Reviewer <jane@example.com>", 7, 0 } },
	  .footer_line = 5 },
	{ .name = "folded trailer: continuation line starts with white space",
	  .message = "fix: x\n\nReviewed-by: A Very Long Name\n  <a@example.com>\n"
		     "Signed-off-by: B <b@example.com>\n",
	  .header_valid = 1, .type = "fix", .subject = "x", .subject_column = 6, .blank_after_header = 1,
	  .nfooters = 2, .footers = {
		{ "Reviewed-by", ':', "A Very Long Name\n  <a@example.com>", 3, 0 },
		{ "Signed-off-by", ':', "B <b@example.com>", 5, 0 } },
	  .footer_line = 3 },
	{ .name = "Refs #123: the '#' separator, value without it",
	  .message = "fix: y\n\nRefs #123\n",
	  .header_valid = 1, .type = "fix", .subject = "y", .subject_column = 6, .blank_after_header = 1,
	  .nfooters = 1, .footers = { { "Refs", '#', "123", 3, 0 } }, .footer_line = 3 },
	{ .name = "BREAKING-CHANGE is BREAKING CHANGE (item 16)",
	  .message = "feat: x\n\nBREAKING-CHANGE: the API changed\n",
	  .header_valid = 1, .type = "feat", .subject = "x", .subject_column = 7, .blank_after_header = 1,
	  .nfooters = 1, .footers = { { "BREAKING-CHANGE", ':', "the API changed", 3, 1 } },
	  .footer_line = 3, .breaking = 1 },
	{ .name = "lowercase breaking-change is a footer, not a breaking one (item 15)",
	  .message = "feat: x\n\nbreaking-change: the API changed\n",
	  .header_valid = 1, .type = "feat", .subject = "x", .subject_column = 7, .blank_after_header = 1,
	  .nfooters = 1, .footers = { { "breaking-change", ':', "the API changed", 3, 0 } },
	  .footer_line = 3 },
	{ .name = "'Breaking change:' is no token: body",
	  .message = "feat: x\n\nBreaking change: the API changed\n",
	  .header_valid = 1, .type = "feat", .subject = "x", .subject_column = 7, .blank_after_header = 1,
	  .body = "Breaking change: the API changed", .body_line = 3 },
	{ .name = "BREAKING CHANGE with '#' is a footer, not breaking (item 12 wants ': ')",
	  .message = "feat: x\n\nBREAKING CHANGE #12\n",
	  .header_valid = 1, .type = "feat", .subject = "x", .subject_column = 7, .blank_after_header = 1,
	  .nfooters = 1, .footers = { { "BREAKING CHANGE", '#', "12", 3, 0 } }, .footer_line = 3 },
	{ .name = "multi-line value ends at the next token/separator pair (item 10)",
	  .message = "feat!: x\n\nBREAKING CHANGE: the config file\nis now YAML, not INI;\nsee: the guide\n"
		     "Refs #7\n",
	  .header_valid = 1, .type = "feat", .subject = "x", .bang = 1, .subject_column = 8,
	  .blank_after_header = 1,
	  .nfooters = 3, .footers = {
		{ "BREAKING CHANGE", ':', "the config file\nis now YAML, not INI;", 3, 1 },
		{ "see", ':', "the guide", 5, 0 },
		{ "Refs", '#', "7", 6, 0 } },
	  .footer_line = 3, .breaking = 1 },
	{ .name = "continuation with words and a colon later in the line",
	  .message = "fix: x\n\nRefs #1\nand also this: that\nCloses #2\n",
	  .header_valid = 1, .type = "fix", .subject = "x", .subject_column = 6, .blank_after_header = 1,
	  .nfooters = 2, .footers = { { "Refs", '#', "1\nand also this: that", 3, 0 },
				     { "Closes", '#', "2", 5, 0 } },
	  .footer_line = 3 },
	{ .name = "'Token:' ending the line, value below (cleanup stripped 'Token: ')",
	  .message = "feat: x\n\nBREAKING CHANGE:\n  the value on its own line\n  and another\n",
	  .header_valid = 1, .type = "feat", .subject = "x", .subject_column = 7, .blank_after_header = 1,
	  .nfooters = 1, .footers = { { "BREAKING CHANGE", ':',
	  "  the value on its own line\n  and another", 3, 1 } },
	  .footer_line = 3, .breaking = 1 },
	{ .name = "'Token:' alone: an empty value",
	  .message = "fix: x\n\nAcked-by:\nRefs #2\n",
	  .header_valid = 1, .type = "fix", .subject = "x", .subject_column = 6, .blank_after_header = 1,
	  .nfooters = 2, .footers = { { "Acked-by", ':', "", 3, 0 }, { "Refs", '#', "2", 4, 0 } },
	  .footer_line = 3 },
	{ .name = "an empty 'Token:' ending the block continues the footer before (item 10)",
	  .message = "fix: x\n\nCloses #1\nRefs:\n",
	  .header_valid = 1, .type = "fix", .subject = "x", .subject_column = 6, .blank_after_header = 1,
	  .nfooters = 1, .footers = { { "Closes", '#', "1\nRefs:", 3, 0 } },
	  .footer_line = 3 },
	{ .name = "an empty 'Token #' ending the block continues the footer before",
	  .message = "fix: x\n\nRefs: #1\nCloses #\n",
	  .header_valid = 1, .type = "fix", .subject = "x", .subject_column = 6, .blank_after_header = 1,
	  .nfooters = 1, .footers = { { "Refs", ':', "#1\nCloses #", 3, 0 } },
	  .footer_line = 3 },
	{ .name = "an empty 'Token:' alone in the block is a footer (no value)",
	  .message = "fix: x\n\nRefs:\n",
	  .header_valid = 1, .type = "fix", .subject = "x", .subject_column = 6, .blank_after_header = 1,
	  .nfooters = 1, .footers = { { "Refs", ':', "", 3, 0 } },
	  .footer_line = 3 },

	/* Where the body ends and the footers start. */
	{ .name = "'word: text' in a paragraph that is not the last is body",
	  .message = "fix: x\n\nNote: the cache is now cleared on start.\n\n"
		     "Signed-off-by: A <a@example.com>\n",
	  .header_valid = 1, .type = "fix", .subject = "x", .subject_column = 6, .blank_after_header = 1,
	  .body = "Note: the cache is now cleared on start.", .body_line = 3,
	  .nfooters = 1, .footers = { { "Signed-off-by", ':', "A <a@example.com>", 5, 0 } },
	  .footer_line = 5 },
	{ .name = "'word: text' in a body with no footers",
	  .message = "fix: x\n\nNote: the cache is now cleared.\n\nMore text.\n",
	  .header_valid = 1, .type = "fix", .subject = "x", .subject_column = 6, .blank_after_header = 1,
	  .body = "Note: the cache is now cleared.\n\nMore text.", .body_line = 3 },
	{ .name = "URL as the value of a footer in the last paragraph",
	  .message = "docs: x\n\nSee: http://example.com/a\n",
	  .header_valid = 1, .type = "docs", .subject = "x", .subject_column = 7, .blank_after_header = 1,
	  .nfooters = 1, .footers = { { "See", ':', "http://example.com/a", 3, 0 } }, .footer_line = 3 },
	{ .name = "a bare URL is not a footer start",
	  .message = "docs: x\n\nhttp://example.com/a\n",
	  .header_valid = 1, .type = "docs", .subject = "x", .subject_column = 7, .blank_after_header = 1,
	  .body = "http://example.com/a", .body_line = 3 },
	{ .name = "URL in a body sentence of the last paragraph",
	  .message = "docs: x\n\nSee http://example.com/a: it explains.\nSee: http://example.com/b\n",
	  .header_valid = 1, .type = "docs", .subject = "x", .subject_column = 7, .blank_after_header = 1,
	  .body = "See http://example.com/a: it explains.\nSee: http://example.com/b", .body_line = 3 },
	{ .name = "last paragraph starting with prose is body, trailers and all",
	  .message = "fix: x\n\nThanks to A.\nSigned-off-by: A <a@example.com>\n",
	  .header_valid = 1, .type = "fix", .subject = "x", .subject_column = 6, .blank_after_header = 1,
	  .body = "Thanks to A.\nSigned-off-by: A <a@example.com>", .body_line = 3 },
	{ .name = "BREAKING CHANGE paragraph before a trailer paragraph joins the footers (git commit -s)",
	  .message = "feat: x\n\nBREAKING CHANGE: y is gone\n\nSigned-off-by: A <a@example.com>\n",
	  .header_valid = 1, .type = "feat", .subject = "x", .subject_column = 7, .blank_after_header = 1,
	  .nfooters = 2, .footers = { { "BREAKING CHANGE", ':', "y is gone", 3, 1 },
				      { "Signed-off-by", ':', "A <a@example.com>", 5, 0 } },
	  .footer_line = 3, .breaking = 1 },
	{ .name = "body, then a BREAKING-CHANGE paragraph, then trailers",
	  .message = "feat: x\n\nWhy.\n\nBREAKING-CHANGE: y\nRefs: #1\n\nSigned-off-by: A <a@example.com>\n",
	  .header_valid = 1, .type = "feat", .subject = "x", .subject_column = 7, .blank_after_header = 1,
	  .body = "Why.", .body_line = 3,
	  .nfooters = 3, .footers = { { "BREAKING-CHANGE", ':', "y", 5, 1 }, { "Refs", ':', "#1", 6, 0 },
				      { "Signed-off-by", ':', "A <a@example.com>", 8, 0 } },
	  .footer_line = 5, .breaking = 1 },
	{ .name = "a trailer paragraph not led by a breaking change stays body",
	  .message = "feat: x\n\nRefs: #1\n\nSigned-off-by: A <a@example.com>\n",
	  .header_valid = 1, .type = "feat", .subject = "x", .subject_column = 7, .blank_after_header = 1,
	  .body = "Refs: #1", .body_line = 3,
	  .nfooters = 1, .footers = { { "Signed-off-by", ':', "A <a@example.com>", 5, 0 } },
	  .footer_line = 5 },
	{ .name = "a breaking paragraph with a prose line stays body",
	  .message = "feat: x\n\nBREAKING CHANGE: y\n\nmore prose: here and there\n",
	  .header_valid = 1, .type = "feat", .subject = "x", .subject_column = 7, .blank_after_header = 1,
	  .body = "BREAKING CHANGE: y\n\nmore prose: here and there", .body_line = 3 },
	{ .name = "a list item '- #12' is not a footer (tokens start with a letter or digit)",
	  .message = "fix: x\n\n- #12 crash on start\n- #13 leak\n",
	  .header_valid = 1, .type = "fix", .subject = "x", .subject_column = 6, .blank_after_header = 1,
	  .body = "- #12 crash on start\n- #13 leak", .body_line = 3 },
	{ .name = "'Token:value' and 'Token : value' are not footer starts",
	  .message = "fix: x\n\nRefs:#1\nRefs : 2\n",
	  .header_valid = 1, .type = "fix", .subject = "x", .subject_column = 6, .blank_after_header = 1,
	  .body = "Refs:#1\nRefs : 2", .body_line = 3 },
	{ .name = "indented trailer starts no footer",
	  .message = "fix: x\n\n  Signed-off-by: A\n",
	  .header_valid = 1, .type = "fix", .subject = "x", .subject_column = 6, .blank_after_header = 1,
	  .body = "  Signed-off-by: A", .body_line = 3 },
	{ .name = "several blank lines before the footers",
	  .message = "fix: x\n\nbody\n\n\n\nRefs #1",
	  .header_valid = 1, .type = "fix", .subject = "x", .subject_column = 6, .blank_after_header = 1,
	  .body = "body", .body_line = 3,
	  .nfooters = 1, .footers = { { "Refs", '#', "1", 7, 0 } }, .footer_line = 7 },
	{ .name = "a line of blanks separates paragraphs",
	  .message = "fix: x\n \t\nbody\n",
	  .header_valid = 1, .type = "fix", .subject = "x", .subject_column = 6, .blank_after_header = 1,
	  .body = "body", .body_line = 3 },

	/* git's cherry-pick -x line. */
	{ .name = "cherry-pick line after trailers",
	  .message = "fix: x\n\nBody.\n\nSigned-off-by: A <a@example.com>\n" CHERRY "\n",
	  .header_valid = 1, .type = "fix", .subject = "x", .subject_column = 6, .blank_after_header = 1,
	  .body = "Body.", .body_line = 3,
	  .nfooters = 1, .footers = { { "Signed-off-by", ':', "A <a@example.com>", 5, 0 } },
	  .footer_line = 5, .cherry_pick = CHERRY },
	{ .name = "cherry-pick line alone: a footer block without footers",
	  .message = "fix: x\n\n" CHERRY "\n",
	  .header_valid = 1, .type = "fix", .subject = "x", .subject_column = 6, .blank_after_header = 1,
	  .footer_line = 3, .cherry_pick = CHERRY },
	{ .name = "cherry-picked twice: the last line",
	  .message = "fix: x\n\n(cherry picked from commit abcd1234)\nRefs #4\n" CHERRY "\n",
	  .header_valid = 1, .type = "fix", .subject = "x", .subject_column = 6, .blank_after_header = 1,
	  .nfooters = 1, .footers = { { "Refs", '#', "4", 4, 0 } },
	  .footer_line = 3, .cherry_pick = CHERRY },
	{ .name = "cherry-pick line ends a value; prose after it makes the paragraph body",
	  .message = "fix: x\n\nRefs #4\n" CHERRY "\nmore text\n",
	  .header_valid = 1, .type = "fix", .subject = "x", .subject_column = 6, .blank_after_header = 1,
	  .body = "Refs #4\n" CHERRY "\nmore text", .body_line = 3 },
	{ .name = "cherry-pick line in an earlier paragraph is body",
	  .message = "fix: x\n\n" CHERRY "\n\nRefs #1\n",
	  .header_valid = 1, .type = "fix", .subject = "x", .subject_column = 6, .blank_after_header = 1,
	  .body = CHERRY, .body_line = 3,
	  .nfooters = 1, .footers = { { "Refs", '#', "1", 5, 0 } }, .footer_line = 5 },
	{ .name = "not git's cherry-pick line (no hex)",
	  .message = "fix: x\n\n(cherry picked from commit main)\n",
	  .header_valid = 1, .type = "fix", .subject = "x", .subject_column = 6, .blank_after_header = 1,
	  .body = "(cherry picked from commit main)", .body_line = 3 },

	/* Header and body alone. */
	{ .name = "header only, no final newline",
	  .message = "feat: x",
	  .header_valid = 1, .type = "feat", .subject = "x", .subject_column = 7, .blank_after_header = 1 },
	{ .name = "header only: a trailer-like header gives no footer",
	  .message = "Signed-off-by: A\n",
	  .header_valid = 1, .type = "Signed-off-by", .subject = "A", .subject_column = 16,
	  .blank_after_header = 1 },
	{ .name = "header, blank line, body without footers",
	  .message = "fix(core): y\n\nFirst paragraph.\nSecond line.\n\nSecond paragraph.\n",
	  .header_valid = 1, .type = "fix", .scope = "core", .subject = "y", .subject_column = 12,
	  .blank_after_header = 1,
	  .body = "First paragraph.\nSecond line.\n\nSecond paragraph.", .body_line = 3 },
	{ .name = "no blank line after the header: body from line 2",
	  .message = "feat: x\nbody right below\n\nRefs #1\n",
	  .header_valid = 1, .type = "feat", .subject = "x", .subject_column = 7, .blank_after_header = 0,
	  .body = "body right below", .body_line = 2,
	  .nfooters = 1, .footers = { { "Refs", '#', "1", 4, 0 } }, .footer_line = 4 },
	{ .name = "no blank line after the header: its paragraph holds no footers",
	  .message = "feat: x\nSigned-off-by: A\n",
	  .header_valid = 1, .type = "feat", .subject = "x", .subject_column = 7, .blank_after_header = 0,
	  .body = "Signed-off-by: A", .body_line = 2 },

	/* Headers. */
	{ .name = "not a Conventional Commits header; footers still found",
	  .message = "update stuff\n\nSigned-off-by: A\n",
	  .blank_after_header = 1,
	  .nfooters = 1, .footers = { { "Signed-off-by", ':', "A", 3, 0 } }, .footer_line = 3 },
	{ .name = "git's merge message is not a Conventional Commits header",
	  .message = "Merge branch 'feature/x' into dev/0.16.x\n", .blank_after_header = 1 },
	{ .name = "no space after the colon", .message = "feat:x\n", .blank_after_header = 1 },
	{ .name = "empty scope", .message = "feat(): x\n", .blank_after_header = 1 },
	{ .name = "'!' before the scope", .message = "feat!(api): x\n", .blank_after_header = 1 },
	{ .name = "empty message", .message = "", .blank_after_header = 1 },
	{ .name = "empty first line: the next paragraph is not the header's",
	  .message = "\nfeat: x\n", .blank_after_header = 0,
	  .nfooters = 1, .footers = { { "feat", ':', "x", 2, 0 } }, .footer_line = 2 },
	{ .name = "'type:' alone: valid with an empty subject",
	  .message = "feat:\n",
	  .header_valid = 1, .type = "feat", .subject = "", .subject_column = 6, .blank_after_header = 1 },
	{ .name = "two spaces: the second belongs to the subject",
	  .message = "feat:  two\n",
	  .header_valid = 1, .type = "feat", .subject = " two", .subject_column = 7,
	  .blank_after_header = 1 },
	{ .name = "type case kept as written",
	  .message = "FEAT(API)!: X\n",
	  .header_valid = 1, .type = "FEAT", .scope = "API", .subject = "X", .bang = 1,
	  .subject_column = 13, .blank_after_header = 1, .breaking = 1 },
	{ .name = "subject column in code points, not bytes",
	  .message = "docs(\xc3\xa9t\xc3\xa9): \xe2\x9c\x93 ok\n",
	  .header_valid = 1, .type = "docs", .scope = "\xc3\xa9t\xc3\xa9", .subject = "\xe2\x9c\x93 ok",
	  .subject_column = 12, .blank_after_header = 1 },
};

static void assert_span(const char *what, const char *got, size_t len, const char *want)
{
	if (!want) {
		ck_assert_msg(!got && !len, "%s: '%.*s', want none", what, (int)len, got ? got : "");
		return;
	}
	ck_assert_msg(got != NULL, "%s: none, want '%s'", what, want);
	ck_assert_msg(len == strlen(want) && !memcmp(got, want, len), "%s: '%.*s', want '%s'", what,
		      (int)len, got, want);
}

START_TEST(test_commit_parse)
{
	const char *name = parse_cases[_i].name, *m = parse_cases[_i].message;
	struct fg_commit_message c;
	char what[160];

	ck_assert_msg(fg_commit_parse(m, strlen(m), &c) == 0, "%s: rc", name);
	ck_assert_msg(c.header == m && c.header_len == strcspn(m, "\n"), "%s: header", name);
	ck_assert_msg(c.header_valid == parse_cases[_i].header_valid, "%s: header_valid %d", name,
		      c.header_valid);
	if (parse_cases[_i].header_valid) {
		snprintf(what, sizeof(what), "%s: type", name);
		assert_span(what, c.type, c.type_len, parse_cases[_i].type);
		snprintf(what, sizeof(what), "%s: scope", name);
		assert_span(what, c.scope, c.scope_len, parse_cases[_i].scope);
		snprintf(what, sizeof(what), "%s: subject", name);
		assert_span(what, c.subject, c.subject_len, parse_cases[_i].subject);
		ck_assert_msg(c.subject_column == parse_cases[_i].subject_column,
			      "%s: subject_column %zu", name, c.subject_column);
	} else {
		ck_assert_msg(!c.type && !c.scope && !c.subject && !c.subject_column,
			      "%s: header parts of an invalid header", name);
	}
	ck_assert_msg(c.bang == parse_cases[_i].bang, "%s: bang %d", name, c.bang);
	ck_assert_msg(c.blank_after_header == parse_cases[_i].blank_after_header,
		      "%s: blank_after_header %d", name, c.blank_after_header);
	snprintf(what, sizeof(what), "%s: body", name);
	assert_span(what, c.body, c.body_len, parse_cases[_i].body);
	ck_assert_msg(c.body_line == parse_cases[_i].body_line, "%s: body_line %zu", name,
		      c.body_line);
	ck_assert_msg(c.nfooters == parse_cases[_i].nfooters, "%s: %zu footers", name, c.nfooters);
	for (size_t k = 0; k < c.nfooters; k++) {
		const struct want_footer *w = &parse_cases[_i].footers[k];
		const struct fg_footer *f = &c.footers[k];

		snprintf(what, sizeof(what), "%s: footer %zu token", name, k);
		assert_span(what, f->token, f->token_len, w->token);
		ck_assert_msg(f->separator == w->separator, "%s: footer %zu separator '%c'", name, k,
			      f->separator);
		snprintf(what, sizeof(what), "%s: footer %zu value", name, k);
		assert_span(what, f->value, f->value_len, w->value);
		ck_assert_msg(f->line == w->line, "%s: footer %zu line %zu", name, k, f->line);
		ck_assert_msg(f->breaking == w->breaking, "%s: footer %zu breaking %d", name, k,
			      f->breaking);
	}
	if (!c.nfooters)
		ck_assert_ptr_null(c.footers);
	ck_assert_msg(c.footer_line == parse_cases[_i].footer_line, "%s: footer_line %zu", name,
		      c.footer_line);
	ck_assert_msg(c.breaking == parse_cases[_i].breaking, "%s: breaking %d", name, c.breaking);
	snprintf(what, sizeof(what), "%s: cherry_pick", name);
	assert_span(what, c.cherry_pick, c.cherry_pick_len, parse_cases[_i].cherry_pick);
	fg_commit_message_release(&c);
	ck_assert_ptr_null(c.footers);
	ck_assert_uint_eq(c.nfooters, 0);
}
END_TEST

/* Not UTF-8: -2, and nothing to release. */
static const struct fg_bytes invalid_utf8_cases[] = {
	FG_BYTES("\xff"),
	FG_BYTES("feat: caf\xe9"),                       /* Latin-1 */
	FG_BYTES("feat: x\n\nbody \xc3"),                /* truncated at the end */
	FG_BYTES("feat: x\n\nRefs #\xc3\x28"),           /* bad continuation byte */
	FG_BYTES("feat: \xc0\xaf"),                      /* overlong '/' */
	FG_BYTES("feat: \xe0\x80\xaf"),                  /* overlong, 3 bytes */
	FG_BYTES("feat: \xed\xa0\x80"),                  /* UTF-16 surrogate */
	FG_BYTES("feat: \xf4\x90\x80\x80"),              /* above U+10FFFF */
	FG_BYTES("feat: \xf0\x9f\x9a"),                  /* 4-byte sequence cut short */
	FG_BYTES("feat: x\n\nSigned-off-by: \x80"),      /* lone continuation byte */
};

START_TEST(test_commit_parse_invalid_utf8)
{
	struct fg_commit_message c;

	memset(&c, 0x55, sizeof(c));
	ck_assert_int_eq(fg_commit_parse(invalid_utf8_cases[_i].data, invalid_utf8_cases[_i].len, &c),
			 -2);
	ck_assert_ptr_null(c.header);
	ck_assert_ptr_null(c.footers);
	ck_assert_uint_eq(c.nfooters, 0);
	fg_commit_message_release(&c);
}
END_TEST

/* The edges of UTF-8 that are valid. */
static const struct fg_bytes valid_utf8_cases[] = {
	FG_BYTES("feat: \xc2\x80"),              /* U+0080 */
	FG_BYTES("feat: \xef\xbf\xbf"),          /* U+FFFF */
	FG_BYTES("feat: \xed\x9f\xbf"),          /* U+D7FF, before the surrogates */
	FG_BYTES("feat: \xf0\x90\x80\x80"),      /* U+10000 */
	FG_BYTES("feat: \xf4\x8f\xbf\xbf"),      /* U+10FFFF */
};

START_TEST(test_commit_parse_valid_utf8)
{
	struct fg_commit_message c;

	ck_assert_int_eq(fg_commit_parse(valid_utf8_cases[_i].data, valid_utf8_cases[_i].len, &c), 0);
	ck_assert_int_eq(c.header_valid, 1);
	ck_assert_uint_eq(c.subject_column, 7);
	fg_commit_message_release(&c);
}
END_TEST

/* LEN is authoritative: NUL bytes are text, and nothing is read past LEN. */
START_TEST(test_commit_parse_nul)
{
	static const char m[] = "fix: a\0b\n\nbody\0text\n\nRefs #1\0x";
	struct fg_commit_message c;
	char *copy;

	ck_assert_int_eq(fg_commit_parse(m, sizeof(m) - 1, &c), 0);
	ck_assert_int_eq(c.header_valid, 1);
	ck_assert_uint_eq(c.subject_len, 3);
	ck_assert(!memcmp(c.subject, "a\0b", 3));
	ck_assert_uint_eq(c.body_len, 9);
	ck_assert(!memcmp(c.body, "body\0text", 9));
	ck_assert_uint_eq(c.nfooters, 1);
	ck_assert_uint_eq(c.footers[0].value_len, 3);
	ck_assert(!memcmp(c.footers[0].value, "1\0x", 3));
	fg_commit_message_release(&c);

	/* An exact-size copy: a read past LEN is an error under ASan and valgrind. */
	copy = malloc(sizeof(m) - 1);
	ck_assert_ptr_nonnull(copy);
	memcpy(copy, m, sizeof(m) - 1);
	ck_assert_int_eq(fg_commit_parse(copy, sizeof(m) - 1, &c), 0);
	ck_assert_uint_eq(c.nfooters, 1);
	fg_commit_message_release(&c);
	free(copy);

	/* An empty message given as NULL. */
	ck_assert_int_eq(fg_commit_parse(NULL, 0, &c), 0);
	ck_assert_int_eq(c.header_valid, 0);
	ck_assert_int_eq(c.blank_after_header, 1);
	fg_commit_message_release(&c);
}
END_TEST

#define MB (1024 * 1024)

/* Megabyte lines and many lines: linear time, no limit of PCRE2 reached. */
START_TEST(test_commit_parse_large)
{
	size_t size = 4 * MB + 64, n = 0;
	char *m = malloc(size);
	struct fg_commit_message c;

	ck_assert_ptr_nonnull(m);
	switch (_i) {
	case 0: /* a 1 MB subject */
		n = (size_t)sprintf(m, "feat: ");
		memset(m + n, 'x', MB), n += MB;
		break;
	case 1: /* a 1 MB header that is not Conventional Commits */
		memset(m, 'a', MB), n = MB;
		break;
	case 2: /* an unclosed scope of 1 MB */
		n = (size_t)sprintf(m, "feat(");
		memset(m + n, 's', MB), n += MB;
		n += (size_t)sprintf(m + n, ": x");
		break;
	case 3: /* a 1 MB body line, then a 1 MB footer value */
		n = (size_t)sprintf(m, "feat: x\n\n");
		memset(m + n, 'b', MB), n += MB;
		n += (size_t)sprintf(m + n, "\n\nRefs: ");
		memset(m + n, 'v', MB), n += MB;
		break;
	case 4: /* a 1 MB token-like first line of the last paragraph */
		n = (size_t)sprintf(m, "feat: x\n\n");
		memset(m + n, 'T', MB), n += MB;
		break;
	case 5: /* 300,000 footers */
		n = (size_t)sprintf(m, "feat: x\n\n");
		for (size_t k = 0; k < 300000; k++)
			n += (size_t)sprintf(m + n, "Refs #%zu\n", k % 10);
		break;
	case 6: /* one footer with 1,000,000 continuation lines */
		n = (size_t)sprintf(m, "feat: x\n\nBREAKING CHANGE: a\n");
		for (size_t k = 0; k < 1000000; k++)
			m[n++] = 'c', m[n++] = '\n';
		break;
	case 7: /* 2,000,000 blank lines, then a footer */
		n = (size_t)sprintf(m, "feat: x\n");
		memset(m + n, '\n', 2 * MB), n += 2 * MB;
		n += (size_t)sprintf(m + n, "Refs #1");
		break;
	}
	ck_assert_uint_le(n, size);
	ck_assert_int_eq(fg_commit_parse(m, n, &c), 0);
	switch (_i) {
	case 0:
		ck_assert_int_eq(c.header_valid, 1);
		ck_assert_uint_eq(c.subject_len, MB);
		break;
	case 1:
	case 2:
		ck_assert_int_eq(c.header_valid, 0);
		break;
	case 3:
		ck_assert_uint_eq(c.body_len, MB);
		ck_assert_uint_eq(c.nfooters, 1);
		ck_assert_uint_eq(c.footers[0].value_len, MB);
		break;
	case 4:
		ck_assert_uint_eq(c.nfooters, 0);
		ck_assert_uint_eq(c.body_len, MB);
		break;
	case 5:
		ck_assert_uint_eq(c.nfooters, 300000);
		ck_assert_uint_eq(c.footers[299999].line, 300002);
		break;
	case 6:
		ck_assert_uint_eq(c.nfooters, 1);
		ck_assert_uint_eq(c.footers[0].value_len, 1 + 2 * 1000000); /* "a" then "\nc" each */
		ck_assert_int_eq(c.breaking, 1);
		break;
	case 7:
		ck_assert_uint_eq(c.nfooters, 1);
		ck_assert_uint_eq(c.footer_line, 2 * MB + 2);
		ck_assert_ptr_null(c.body);
		break;
	}
	fg_commit_message_release(&c);
	free(m);
}
END_TEST

/* Pointer P with length N lies within M[0..LEN]. */
static int within(const char *m, size_t len, const char *p, size_t n)
{
	if (!p)
		return n == 0;
	return p >= m && (size_t)(p - m) <= len && n <= len - (size_t)(p - m);
}

/* The invariants of any parse of M[0..LEN); returns a description of the first broken one. */
static const char *check_invariants(const char *m, size_t len, const struct fg_commit_message *c)
{
	size_t last = 0;
	int any_breaking = 0;

	if (!within(m, len, c->header, c->header_len) ||
	    (c->header_len && memchr(c->header, '\n', c->header_len)))
		return "header";
	if (c->header_valid &&
	    (!within(c->header, c->header_len, c->type, c->type_len) || !c->type_len ||
	     !within(c->header, c->header_len, c->subject, c->subject_len) ||
	     !within(c->header, c->header_len, c->scope, c->scope_len) || !c->subject_column))
		return "header parts";
	if (!c->header_valid && (c->type || c->scope || c->subject || c->bang))
		return "parts of an invalid header";
	if (!within(m, len, c->body, c->body_len) || (c->body && (!c->body_len || !c->body_line)) ||
	    (!c->body && c->body_line))
		return "body";
	if (c->body && c->footer_line && c->body_line >= c->footer_line)
		return "body after footers";
	if (c->nfooters && !c->footer_line)
		return "footers without a block";
	for (size_t k = 0; k < c->nfooters; k++) {
		const struct fg_footer *f = &c->footers[k];

		if (!within(m, len, f->token, f->token_len) ||
		    !fg_footer_token_valid(f->token, f->token_len) ||
		    !within(m, len, f->value, f->value_len) || f->value < f->token ||
		    (f->separator != ':' && f->separator != '#'))
			return "footer";
		if (f->line <= last || f->line < c->footer_line)
			return "footer lines";
		if (c->body && f->token < c->body + c->body_len)
			return "footer inside the body";
		last = f->line;
	}
	if (!within(m, len, c->cherry_pick, c->cherry_pick_len) || (c->cherry_pick && !c->footer_line))
		return "cherry_pick";
	for (size_t k = 0; k < c->nfooters; k++)
		any_breaking |= c->footers[k].breaking;
	if (c->breaking != (c->bang || any_breaking))
		return "breaking";
	return NULL;
}

/* A small deterministic generator (xorshift), the same inputs on every run. */
static uint32_t next_random(uint32_t *state)
{
	*state ^= *state << 13;
	*state ^= *state >> 17;
	*state ^= *state << 5;
	return *state;
}

/*
 * Arbitrary messages built from the pieces the grammar cares about: no
 * crash, no read outside the message (ASan, valgrind), and the invariants.
 */
START_TEST(test_commit_parse_random)
{
	static const char *const pieces[] = {
		"\n", "\n", "\n\n", " ", "\t", ":", ": ", " #", "#", "!", "(", ")", "-", "a", "Z", "9",
		"feat", "fix(core)", "BREAKING CHANGE", "BREAKING-CHANGE", "Refs", "Signed-off-by",
		"(cherry picked from commit ", "abcd1234", "http://x", "\xc3\xa9", "\n\nRefs #1",
		"\nBREAKING CHANGE: x", "\n(cherry picked from commit abcd1234)", "\0", /* last: 1 byte */
	};
	uint32_t state = 2463534242u + (uint32_t)_i;
	char m[512];

	for (int round = 0; round < 500; round++) {
		size_t len = 0, count = next_random(&state) % 40;
		struct fg_commit_message c;
		const char *broken;

		for (size_t k = 0; k < count; k++) {
			size_t p = next_random(&state) % FG_COUNT(pieces);
			size_t n = p == FG_COUNT(pieces) - 1 ? 1 : strlen(pieces[p]);

			if (len + n > sizeof(m))
				break;
			memcpy(m + len, pieces[p], n);
			len += n;
		}
		ck_assert_int_eq(fg_commit_parse(m, len, &c), 0);
		broken = check_invariants(m, len, &c);
		fg_commit_message_release(&c);
		ck_assert_msg(!broken, "round %d: %s broken for '%.*s'", round, broken, (int)len, m);
	}
}
END_TEST

/* Every prefix of a message rich in parts parses, with the invariants held. */
START_TEST(test_commit_parse_prefixes)
{
	static const char m[] =
		"feat(api)!: drop the v1 endpoints\n\nThe v1 endpoints were deprecated.\nSee: below\n\n"
		"BREAKING CHANGE: v1 is gone\n  folded\nRefs #42\nSigned-off-by: A <a@example.com>\n"
		CHERRY "\n";

	for (size_t len = 0; len <= sizeof(m) - 1; len++) {
		struct fg_commit_message c;
		const char *broken;
		char *copy = malloc(len ? len : 1);

		ck_assert_ptr_nonnull(copy);
		memcpy(copy, m, len);
		ck_assert_int_eq(fg_commit_parse(copy, len, &c), 0);
		broken = check_invariants(copy, len, &c);
		fg_commit_message_release(&c);
		free(copy);
		ck_assert_msg(!broken, "prefix of %zu bytes: %s", len, broken);
	}
}
END_TEST

/* A struct initialised or released may be released again. */
START_TEST(test_commit_release_twice)
{
	struct fg_commit_message c;

	fg_commit_message_init(&c);
	fg_commit_message_release(&c);
	ck_assert_int_eq(fg_commit_parse("fix: x\n\nRefs #1\n", 16, &c), 0);
	ck_assert_uint_eq(c.nfooters, 1);
	fg_commit_message_release(&c);
	fg_commit_message_release(&c);
	ck_assert_ptr_null(c.footers);
}
END_TEST

static const struct {
	struct fg_bytes token;
	int valid;
} token_cases[] = {
	{ FG_BYTES("Signed-off-by"), 1 },
	{ FG_BYTES("Co-authored-by"), 1 },
	{ FG_BYTES("Refs"), 1 },
	{ FG_BYTES("BREAKING CHANGE"), 1 },
	{ FG_BYTES("BREAKING-CHANGE"), 1 },
	{ FG_BYTES("breaking-change"), 1 },  /* a token; not a breaking one */
	{ FG_BYTES("X-123"), 1 },
	{ FG_BYTES("123"), 1 },
	{ FG_BYTES("a-"), 1 },
	{ FG_BYTES("Acked by"), 0 },         /* item 9: '-' in place of white space */
	{ FG_BYTES("breaking change"), 0 },  /* only the uppercase exception */
	{ FG_BYTES("BREAKING  CHANGE"), 0 },
	{ FG_BYTES("BREAKING CHANGE:"), 0 },
	{ FG_BYTES("-x"), 0 },
	{ FG_BYTES("a_b"), 0 },
	{ FG_BYTES("Refs:"), 0 },
	{ FG_BYTES("R\xc3\xa9" "f"), 0 },
	{ FG_BYTES("Refs\0"), 0 },
	{ FG_BYTES(" Refs"), 0 },
	{ FG_BYTES(""), 0 },
};

START_TEST(test_footer_token_valid)
{
	ck_assert_msg((fg_footer_token_valid(token_cases[_i].token.data, token_cases[_i].token.len) != 0)
		      == token_cases[_i].valid, "'%.*s'", (int)token_cases[_i].token.len,
		      token_cases[_i].token.data);
}
END_TEST

/*
 * fg_utf8_valid_prefix at every alignment of its eight-byte ASCII steps: K
 * ASCII bytes, a valid two-byte sequence, M ASCII bytes, then one bad byte
 * (each in turn: a lone continuation byte, an overlong 0xC0, 0xFF, a
 * surrogate, a truncated three-byte sequence) and N ASCII bytes: the valid
 * prefix ends exactly before the bad byte; without it, the whole text.
 */
START_TEST(test_utf8_valid_prefix_alignment)
{
	static const char *const bad[] = { "\x80", "\xC0\xAF", "\xFF", "\xED\xA0\x80",
					  "\xE2\x82" };
	char text[64];

	for (size_t k = 0; k <= 17; k++)
		for (size_t m = 0; m <= 17; m++)
			for (size_t n = 0; n <= 9; n += 9) {
				size_t len = 0, want;

				memset(text, 'a', k);
				len = k;
				memcpy(text + len, "\xC3\xA9", 2);
				len += 2;
				memset(text + len, 'b', m);
				len += m;
				want = len;
				memset(text + len, 'c', n);
				ck_assert_uint_eq(fg_utf8_valid_prefix(text, len + n), len + n);
				for (size_t b = 0; b < FG_COUNT(bad); b++) {
					size_t bl = strlen(bad[b]);

					memcpy(text + want, bad[b], bl);
					memset(text + want + bl, 'c', n);
					ck_assert_uint_eq(fg_utf8_valid_prefix(text, want + bl + n), want);
				}
			}
}
END_TEST


/*
 * fg_utf8_length counts the bytes that are no continuation byte (10xxxxxx),
 * eight at a time and then one by one: the same count as byte by byte, for
 * random bytes at every length and offset.
 */
START_TEST(test_utf8_length_words)
{
	unsigned char text[80];
	unsigned seed = 12345;

	for (int round = 0; round < 200; round++) {
		for (size_t i = 0; i < sizeof(text); i++) {
			seed = seed * 1103515245u + 12345u;
			text[i] = (unsigned char)(seed >> 16);
		}
		for (size_t off = 0; off < 8; off++)
			for (size_t len = 0; off + len <= sizeof(text); len++) {
				size_t want = 0;

				for (size_t i = off; i < off + len; i++)
					want += (text[i] & 0xC0) != 0x80;
				ck_assert_uint_eq(fg_utf8_length((const char *)text + off, len), want);
			}
	}
	ck_assert_uint_eq(fg_utf8_length("\xC3\xA9t\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80!", 15), 8);
}
END_TEST


Suite *commit_suite(void)
{
	Suite *s = suite_create("commit");
	TCase *parse = tcase_create("parse");
	TCase *input = tcase_create("input");
	TCase *tokens = tcase_create("tokens");

	tcase_add_loop_test(parse, test_commit_parse, 0, (int)FG_COUNT(parse_cases));
	tcase_add_test(parse, test_commit_release_twice);
	suite_add_tcase(s, parse);

	tcase_add_loop_test(input, test_commit_parse_invalid_utf8, 0, (int)FG_COUNT(invalid_utf8_cases));
	tcase_add_loop_test(input, test_commit_parse_valid_utf8, 0, (int)FG_COUNT(valid_utf8_cases));
	tcase_add_test(input, test_commit_parse_nul);
	tcase_add_loop_test(input, test_commit_parse_large, 0, 8);
	tcase_add_loop_test(input, test_commit_parse_random, 0, 8);
	tcase_add_test(input, test_commit_parse_prefixes);
	tcase_add_test(input, test_utf8_valid_prefix_alignment);
	tcase_add_test(input, test_utf8_length_words);
	/* The megabyte cases under the sanitizers, or valgrind without fork. */
	tcase_set_timeout(input, 60);
	suite_add_tcase(s, input);

	tcase_add_loop_test(tokens, test_footer_token_valid, 0, (int)FG_COUNT(token_cases));
	suite_add_tcase(s, tokens);
	return s;
}

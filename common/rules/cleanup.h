/*
 * git's cleanup of a commit message, decided and done as git 2.39 does it
 * (builtin/commit.c, sequencer.c's get_cleanup_mode and cleanup_message,
 * wt-status.c's wt_status_locate_end, strbuf.c's strbuf_stripspace), in one
 * pass over the message: the commit-msg hook sees the file before git
 * cleans it up and must judge what git will store.
 * Layer: rules (common/README).
 */
#ifndef FLOWGATE_CLEANUP_H
#define FLOWGATE_CLEANUP_H

#include <stddef.h>

/* core.commentChar = auto: decide from the message, as git would have. */
#define FG_COMMENT_AUTO (-1)
/* No comment character: comment lines are kept (and no scissors line is looked for). */
#define FG_COMMENT_NONE 0

/* commit.cleanup values (git-commit(1) --cleanup). */
enum fg_cleanup {
	FG_CLEANUP_DEFAULT = 0, /* "default", unset: strip with an editor, else whitespace */
	FG_CLEANUP_STRIP,
	FG_CLEANUP_WHITESPACE,
	FG_CLEANUP_VERBATIM,
	FG_CLEANUP_SCISSORS
};

/*
 * fg_cleanup_parse: the commit.cleanup value VALUE (NULL or unknown:
 * FG_CLEANUP_DEFAULT; git dies on an unknown value before any hook runs).
 */
enum fg_cleanup fg_cleanup_parse(const char *value);

/* What git does to the message (sequencer.h's enum commit_msg_cleanup_mode). */
enum fg_cleanup_mode {
	FG_MODE_NONE,     /* verbatim: nothing */
	FG_MODE_SPACE,    /* whitespace: strbuf_stripspace, comment lines kept */
	FG_MODE_ALL,      /* strip: strbuf_stripspace without comment lines */
	FG_MODE_SCISSORS  /* cut at the scissors line, then as whitespace */
};

/*
 * The cleanup git applies to one message: its mode, whether it cuts at the
 * scissors line ("<c> ------------------------ >8 ------------------------"),
 * and the comment character C of that line and of comment lines.
 */
struct fg_cleanup_plan {
	enum fg_cleanup_mode mode;
	int cut;          /* cut at the scissors line (git commit -v, or scissors) */
	int comment_char; /* a character; FG_COMMENT_NONE only when nothing needs one */
};

/* Whether git launched an editor on the message, as far as the caller knows. */
#define FG_EDITOR_UNKNOWN (-1)

/*
 * fg_cleanup_editor: whether git launched an editor, from GIT_EDITOR as
 * git hands it to commit-msg (GIT_EDITOR_VALUE may be NULL): git sets
 * GIT_EDITOR=: for the hook when it launches none (builtin/commit.c and
 * builtin/merge.c, through run_commit_hook). Returns 0 for ":", else 1.
 */
int fg_cleanup_editor(const char *git_editor_value);

/*
 * fg_cleanup_decide: the cleanup git applies to RAW[0..LEN), the message
 * file, into *OUT, as git's get_cleanup_mode and cleanup_message decide it:
 * CLEANUP is commit.cleanup; EDITOR whether git launched an editor (0, 1,
 * or FG_EDITOR_UNKNOWN: decided from the message, below); VERBOSE is
 * commit.verbose; COMMENT_CHAR is core.commentChar (a character, or
 * FG_COMMENT_AUTO).
 *
 * - An editor is taken as launched when EDITOR is 1, or when the message
 *   holds git's template (fg_cleanup_template_char: git writes it only
 *   when it launches one, also when a user's own GIT_EDITOR=: makes that
 *   launch a no-op).
 * - mode: default is strip with an editor, whitespace without; scissors is
 *   scissors with an editor, whitespace without; strip, whitespace and
 *   verbatim are themselves.
 * - cut: in scissors mode, with commit.verbose, or with an editor (the
 *   scissors line is then git's: `git commit -v` writes it in every mode;
 *   one the user typed in strip mode without -v is cut too, where git
 *   keeps what follows it).
 * - comment_char: COMMENT_CHAR; for auto, the character of git's
 *   template, else '#' (git's choice when the initial message has no line
 *   starting with '#').
 * `git commit --cleanup=<mode>` and `-v` on the command line never reach a
 * hook: the message is judged as commit.cleanup and commit.verbose say.
 */
void fg_cleanup_decide(struct fg_cleanup_plan *out, enum fg_cleanup cleanup, int editor,
		       int verbose, int comment_char, const char *raw, size_t len);

/*
 * fg_cleanup_template_char: the comment character of git's own lines in
 * RAW[0..LEN): the scissors line, or the first line of git's English
 * template ("<c> Please enter the commit message ..." or "... a commit
 * message ..."), <c> any printable ASCII character. Returns it, or
 * FG_COMMENT_NONE when the message holds neither. Line by line, linear.
 */
int fg_cleanup_template_char(const char *raw, size_t len);

/*
 * fg_cleanup_scissors: git's wt_status_locate_end: the length of
 * MSG[0..LEN) up to the first scissors line of COMMENT_CHAR, the line
 * "<c> ------------------------ >8 ------------------------" ended by LF
 * (a CRLF or unterminated line is not one), or LEN when there is none or
 * COMMENT_CHAR is FG_COMMENT_NONE. Linear.
 */
size_t fg_cleanup_scissors(const char *msg, size_t len, int comment_char);

/*
 * fg_stripspace: git's strbuf_stripspace on BUF[0..LEN), in place: lines
 * starting with COMMENT_CHAR dropped (unless FG_COMMENT_NONE), the white
 * space git's isspace knows (space, \t, \n, \r) trimmed at each line's end,
 * blank lines at the start and the end dropped and runs of them between
 * paragraphs made one, every kept line ended by LF. BUF must have room for
 * LEN + 1 bytes (an LF may be added). Returns the new length (0: empty).
 * Linear in LEN: each byte is moved at most once.
 */
size_t fg_stripspace(char *buf, size_t len, int comment_char);

/*
 * fg_cleanup_apply: the message git stores from RAW[0..LEN) under PLAN:
 * cut at the scissors line when PLAN->cut, then fg_stripspace (comment
 * lines dropped in FG_MODE_ALL) unless FG_MODE_NONE. On success *OUT is a
 * newly allocated NUL-terminated string of *OUT_LEN bytes (OUT_LEN may be
 * NULL) that the caller frees, and 0 is returned. Returns -1 when RAW holds
 * a NUL byte (git refuses such a message), -2 when out of memory; *OUT is
 * then NULL. Linear in LEN.
 */
int fg_cleanup_apply(char **out, size_t *out_len, const char *raw, size_t len,
		     const struct fg_cleanup_plan *plan);

#endif

/*
 * git's commit message cleanup, git 2.39.5's code paths rewritten to run in
 * one pass: the decision (sequencer.c: get_cleanup_mode, cleanup_message),
 * the scissors cut (wt-status.c: wt_status_locate_end) and the white space
 * and comment clean-up (strbuf.c: strbuf_stripspace). libgit2 1.5.1's
 * git_message_prettify does the last one in time quadratic in the number of
 * lines; this module replaces it.
 */
#include <stdlib.h>
#include <string.h>
#include "cleanup.h"

#define CUT_LINE "------------------------ >8 ------------------------"
#define CUT_LEN (sizeof(CUT_LINE) - 1)

enum fg_cleanup fg_cleanup_parse(const char *value)
{
	static const char *const names[] = { "default", "strip", "whitespace", "verbatim", "scissors" };

	for (size_t i = 0; value && i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(value, names[i]))
			return (enum fg_cleanup)i;
	return FG_CLEANUP_DEFAULT;
}

int fg_cleanup_editor(const char *git_editor_value)
{
	return !(git_editor_value && !strcmp(git_editor_value, ":"));
}

/* Non-zero when LINE[0..LEN) is "<c> " then TEXT[0..N) and then END_OK bytes. */
static int comment_line_is(const char *line, size_t len, const char *text, size_t n, int exact)
{
	if (len < n + 2 || line[1] != ' ' || memcmp(line + 2, text, n))
		return 0;
	return !exact || len == n + 2;
}

int fg_cleanup_template_char(const char *raw, size_t len)
{
	static const char *const starts[] = {
		"Please enter the commit message", "Please enter a commit message",
	};

	for (size_t pos = 0; pos < len;) {
		const char *nl = memchr(raw + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - raw) : len, n = end - pos;
		unsigned char c = n ? (unsigned char)raw[pos] : 0;

		if (c >= 0x21 && c <= 0x7e) {
			/* the scissors line, as wt_status_locate_end wants it: LF-ended */
			if (nl && comment_line_is(raw + pos, n, CUT_LINE, CUT_LEN, 1))
				return c;
			for (size_t i = 0; i < sizeof(starts) / sizeof(starts[0]); i++)
				if (comment_line_is(raw + pos, n, starts[i], strlen(starts[i]), 0))
					return c;
		}
		pos = end + 1;
	}
	return FG_COMMENT_NONE;
}

void fg_cleanup_decide(struct fg_cleanup_plan *out, enum fg_cleanup cleanup, int editor,
		       int verbose, int comment_char, const char *raw, size_t len)
{
	int templated = fg_cleanup_template_char(raw, len);

	/* git writes its template only when it launches an editor */
	if (editor != 1)
		editor = templated != FG_COMMENT_NONE;
	switch (cleanup) {
	case FG_CLEANUP_STRIP: out->mode = FG_MODE_ALL; break;
	case FG_CLEANUP_WHITESPACE: out->mode = FG_MODE_SPACE; break;
	case FG_CLEANUP_VERBATIM: out->mode = FG_MODE_NONE; break;
	case FG_CLEANUP_SCISSORS: out->mode = editor ? FG_MODE_SCISSORS : FG_MODE_SPACE; break;
	default: out->mode = editor ? FG_MODE_ALL : FG_MODE_SPACE; break;
	}
	out->cut = verbose || editor || out->mode == FG_MODE_SCISSORS;
	if (comment_char == FG_COMMENT_AUTO)
		comment_char = templated != FG_COMMENT_NONE ? templated : '#';
	out->comment_char = comment_char;
}

size_t fg_cleanup_scissors(const char *msg, size_t len, int comment_char)
{
	if (comment_char == FG_COMMENT_NONE)
		return len;
	/* wt_status_locate_end: strstr(msg, "\n<c> <cut line>\n"), or the same at
	 * the very start; a line at a time finds the same first one. */
	for (size_t pos = 0; pos < len;) {
		const char *nl = memchr(msg + pos, '\n', len - pos);

		if (!nl)
			break;
		if ((unsigned char)msg[pos] == (unsigned)comment_char &&
		    comment_line_is(msg + pos, (size_t)(nl - msg) - pos, CUT_LINE, CUT_LEN, 1))
			return pos;
		pos = (size_t)(nl - msg) + 1;
	}
	return len;
}

/* git's isspace (ctype.c: GIT_SPACE): space, \t, \n, \r; not \v or \f. */
static int git_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

size_t fg_stripspace(char *buf, size_t len, int comment_char)
{
	size_t empties = 0, i, j, n, kept;

	/* strbuf_stripspace, line by line: I reads, J writes (J <= I, so the
	 * memmove of each line never overlaps what is still to be read). */
	for (i = j = 0; i < len; i += n) {
		const char *eol = memchr(buf + i, '\n', len - i);

		n = eol ? (size_t)(eol - (buf + i)) + 1 : len - i;
		if (comment_char != FG_COMMENT_NONE && (unsigned char)buf[i] == (unsigned)comment_char)
			continue;
		for (kept = n; kept && git_space(buf[i + kept - 1]); kept--)
			;
		if (!kept) {
			empties++;
			continue;
		}
		if (empties && j)
			buf[j++] = '\n';
		empties = 0;
		memmove(buf + j, buf + i, kept);
		j += kept;
		buf[j++] = '\n'; /* the last line may gain it: BUF has LEN + 1 bytes */
	}
	return j;
}

int fg_cleanup_apply(char **out, size_t *out_len, const char *raw, size_t len,
		     const struct fg_cleanup_plan *plan)
{
	char *buf;

	*out = NULL;
	if (out_len)
		*out_len = 0;
	if (memchr(raw, '\0', len))
		return -1;
	if (plan->cut)
		len = fg_cleanup_scissors(raw, len, plan->comment_char);
	if (len > (size_t)-3 || !(buf = malloc(len + 2)))
		return -2;
	memcpy(buf, raw, len);
	if (plan->mode != FG_MODE_NONE)
		len = fg_stripspace(buf, len, plan->mode == FG_MODE_ALL ? plan->comment_char
									 : FG_COMMENT_NONE);
	buf[len] = '\0';
	*out = buf;
	if (out_len)
		*out_len = len;
	return 0;
}

/*
 * The Conventional Commits 1.0.0 message rules on a cleaned-up message, run
 * in order (msgheader.c, msgbody.c), and git's own generated messages,
 * which pass; messageEncoding and the reword hint of a commit already made.
 * Layer: rules, above msgheader, msgbody and msgrule.
 */
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "commit.h"
#include "gitform.h"
#include "message.h"
#include "msgbody.h"
#include "msgheader.h"
#include "msgrule.h"
#include "report.h"

/* MESSAGE[0..*LEN) without the CR of CRLF line ends, newly allocated (NULL on OOM). */
static char *strip_cr(const char *message, size_t *len)
{
	size_t n = *len, j = 0;
	char *out = malloc(n + 1);

	if (!out)
		return NULL;
	for (size_t i = 0; i < n; i++)
		if (!(message[i] == '\r' && (i + 1 == n || message[i + 1] == '\n')))
			out[j++] = message[i];
	out[j] = '\0';
	*len = j;
	return out;
}

/* Non-zero when ENCODING names UTF-8 (git's is_encoding_utf8: "utf-8", "utf8", any case). */
static int is_utf8_name(const char *encoding)
{
	return !encoding || !*encoding || !strcasecmp(encoding, "utf-8") ||
	       !strcasecmp(encoding, "utf8");
}

int fg_message_to_utf8(char **out, size_t *out_len, const char *text, size_t len,
		       const char *encoding)
{
	iconv_t cd;
	char *buf, *in = (char *)text, *o;
	size_t cap, left = len, room;

	*out = NULL;
	*out_len = 0;
	if (is_utf8_name(encoding))
		return 0;
	if ((cd = iconv_open("UTF-8", encoding)) == (iconv_t)-1)
		return -1;
	/* 4 bytes of UTF-8 at most per input byte (any single-byte or CJK charset) */
	cap = len > (SIZE_MAX - 1) / 4 ? SIZE_MAX : len * 4 + 1;
	if (cap == SIZE_MAX || !(buf = malloc(cap))) {
		iconv_close(cd);
		return -3;
	}
	o = buf;
	room = cap - 1;
	if (iconv(cd, &in, &left, &o, &room) == (size_t)-1 ||
	    iconv(cd, NULL, NULL, &o, &room) == (size_t)-1) {
		int e = errno;

		iconv_close(cd);
		free(buf);
		return e == E2BIG ? -3 : -2;
	}
	iconv_close(cd);
	*o = '\0';
	*out = buf;
	*out_len = (size_t)(o - buf);
	return 1;
}

/* messageEncoding: TEXT[0..LEN) is not valid UTF-8 from offset BAD on. */
static void report_bad_utf8(const struct fg_msg_where *w, const char *text, size_t len, size_t bad)
{
	size_t line, column, start, n;
	struct fg_violation *v;

	fg_text_position(text, len, bad, &line, &column, &start, &n);
	v = fg_msg_add(w, FG_RULE_MESSAGE_ENCODING, line, column, text + start, n, 1,
		       "byte 0x%02x is not valid UTF-8", (unsigned char)text[bad]);
	fg_violation_hint(v, "save the message as UTF-8, or set i18n.commitEncoding to the "
			  "encoding you write in (git config i18n.commitEncoding ISO-8859-1)");
}


/*
 * A "Merge ..." header HEADER[0..LEN) is git's when the commit is a merge,
 * or, in commit-msg, an amend of HEAD, a merge, keeping its header.
 */
static int is_merge(const struct fg_message_context *ctx, const char *header, size_t len)
{
	return ctx && (ctx->merge || (ctx->head_merge_header &&
				      strlen(ctx->head_merge_header) == len &&
				      !memcmp(ctx->head_merge_header, header, len)));
}

/*
 * The hints of REPORT's violations from BEFORE on, about CTX->commit, a
 * commit already made: each ends with the command that rewords it.
 */
static void add_reword(struct fg_report *report, size_t before, const struct fg_message_context *ctx)
{
	char *how;

	if (report->n == before)
		return; /* nothing to reword: no command made */
	if (ctx->root)
		how = fg_strdupf("git rebase -i --root (pick -> reword on the line of %.12s)",
				 ctx->commit);
	else if (ctx->merge)
		how = fg_strdupf("git rebase -i --rebase-merges %.12s^ (-C -> -c on its merge line)",
				 ctx->commit);
	else
		how = fg_strdupf("git rebase -i %.12s^ (pick -> reword on its line)", ctx->commit);
	for (size_t i = before; how && i < report->n; i++) {
		struct fg_violation *v = &report->items[i];
		char *hint = v->hint;

		v->hint = NULL;
		fg_violation_hint(v, "%s%sthe commit is made: reword it with %s, then push again",
				  hint ? hint : "", hint ? "; " : "", how);
		if (!v->hint) { /* out of memory: the hint as it was */
			v->hint = hint;
			report->oom = 1;
		} else {
			free(hint);
		}
	}
	if (!how)
		report->oom = 1;
	free(how);
}

size_t fg_check_message(struct fg_report *report, struct fg_config *cfg, const char *message,
			const char *where, const struct fg_message_context *ctx)
{
	size_t before = report->n, len = strlen(message), hl, bad, target = 0, target_len = 0;
	struct fg_msg_where w = { report, where ? where : "", where ? ": " : "",
				  NULL, 0, 0, 0, 0, 0 };
	struct fg_commit_message msg;
	const char *text = message;
	char *converted = NULL, *stripped = NULL, *judged = NULL;
	enum fg_git_form form;
	int rc;

	if (ctx && !is_utf8_name(ctx->encoding)) {
		rc = fg_message_to_utf8(&converted, &len, message, len, ctx->encoding);
		if (rc == -3) {
			report->oom = 1;
			return 0;
		}
		if (rc < 0) {
			struct fg_violation *v = fg_report_add(report, FG_RULE_MESSAGE_ENCODING,
				rc == -1 ? "%s%sthe message's encoding '%s' is not one this system "
					   "knows" : "%s%sthe message is not valid %s", w.pre, w.sep,
				ctx->encoding);
			fg_violation_hint(v, "set i18n.commitEncoding to the encoding the message is "
					  "written in (iconv --list names them), or write it in UTF-8");
			return report->n - before;
		}
		text = converted;
	}
	if (memchr(text, '\r', len)) {
		/* CRLF line ends: `git commit --cleanup=verbatim` stores them */
		if (!(stripped = strip_cr(text, &len))) {
			report->oom = 1;
			goto out;
		}
		text = stripped;
	}
	/* git shows the first non-blank line as the subject (pretty.c,
	 * skip_blank_lines): blank lines stay above it only in a verbatim message */
	while ((hl = fg_msg_line_len(text, len)) < len && fg_msg_blank(text, hl)) {
		text += hl + 1;
		len -= hl + 1;
		w.line0++;
	}
	if (!hl || fg_msg_blank(text, hl))
		goto out;
	fg_msg_check_display(&w, cfg, text, len);
	form = fg_message_git_form(text, len, &target, &target_len);
	if ((form == FG_FORM_MERGE && is_merge(ctx, text, hl)) || form == FG_FORM_SQUASHED)
		goto out;
	if (fg_config_match_ignore(cfg, text, hl) != 0)
		goto out; /* accepted as it is (1), or a pattern failed (CFG->error set) */
	if (form == FG_FORM_AUTOSQUASH && target_len) {
		/* judged as the commit autosquash makes: the target's header */
		if (fg_config_match_ignore(cfg, text + target, target_len) != 0)
			goto out;
		if (!(judged = malloc(target_len + len - hl + 1))) {
			report->oom = 1;
			goto out;
		}
		memcpy(judged, text + target, target_len);
		memcpy(judged + target_len, text + hl, len - hl + 1);
		w.line1 = text;
		w.line1_len = hl;
		w.col1 = fg_utf8_length(text, target);
		w.judged_off = target;
		w.judged_len = target_len;
		len = target_len + len - hl;
		hl = target_len;
		text = judged;
	}
	/* the parser checks the UTF-8 (one pass); where it fails is looked up then */
	if ((rc = fg_commit_parse(text, len, &msg)) == -2) {
		bad = fg_utf8_valid_prefix(text, len);
		report_bad_utf8(&w, text, len, bad);
		goto out;
	}
	if (rc < 0) {
		report->oom = 1;
		goto out;
	}
	if (form == FG_FORM_REVERT)
		; /* git's header: the body and footers are still the author's */
	else if (!msg.header_valid)
		fg_msg_header_format(&w, cfg, text, hl);
	else
		fg_msg_check_header(&w, cfg, &msg, ctx);
	if (form != FG_FORM_REVERT)
		fg_msg_subject_length(&w, cfg, text, len);
	if (hl < len) {
		fg_msg_check_body(&w, cfg, text, len);
		fg_msg_check_parts(&w, &msg, text, len);
	}
	fg_commit_message_release(&msg);
out:
	if (ctx && ctx->commit)
		add_reword(report, before, ctx);
	free(judged);
	free(stripped);
	free(converted);
	return report->n - before;
}

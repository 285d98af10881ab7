/*
 * The header rules on a commit message: headerFormat (its shape, and text
 * that displays otherwise than git stores it), typeCase, typeEnum,
 * scopeEnum, subjectEmpty, subjectFullStop, subjectCase, headerMaxLength,
 * versionBumpMessage and branchCommitType, each hint proposing a header
 * they accept. Layer: rules, below message.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "commit.h"
#include "gitform.h"
#include "msgheader.h"
#include "msgrule.h"
#include "refname.h"
#include "report.h"
#include "suggest.h"
#include "textcase.h"

/* Non-zero when WORD[0..LEN) is in LIST, ignoring ASCII case when FOLD_CASE. */
static int in_list(char *const *list, size_t n, const char *word, size_t len, int fold_case)
{
	for (size_t i = 0; i < n; i++) {
		const char *t = list[i];
		size_t j;

		if (strlen(t) != len)
			continue;
		for (j = 0; j < len; j++) {
			char c = word[j], d = t[j];
			if (fold_case && c >= 'A' && c <= 'Z')
				c = (char)(c - 'A' + 'a');
			if (fold_case && d >= 'A' && d <= 'Z')
				d = (char)(d - 'A' + 'a');
			if (c != d)
				break;
		}
		if (j == len)
			return 1;
	}
	return 0;
}

/* LIST joined with spaces, newly allocated ("" when empty; NULL on OOM). */
static char *join_list(char *const *list, size_t n)
{
	size_t len = 1;
	char *out;

	for (size_t i = 0; i < n; i++)
		len += strlen(list[i]) + 1;
	if (!(out = malloc(len)))
		return NULL;
	out[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		if (i)
			strcat(out, " ");
		strcat(out, list[i]);
	}
	return out;
}


/*
 * TEXT[0..LEN) in ASCII lowercase into OUT[0..SIZE), NUL-terminated and cut
 * to fit; returns non-zero when all of it fit.
 */
static int lower_copy(char *out, size_t size, const char *text, size_t len)
{
	size_t n = len < size ? len : size - 1;

	for (size_t i = 0; i < n; i++)
		out[i] = (char)(text[i] >= 'A' && text[i] <= 'Z' ? text[i] - 'A' + 'a' : text[i]);
	out[n] = '\0';
	return n == len;
}

void fg_msg_header_format(const struct fg_msg_where *w, const struct fg_config *cfg,
			  const char *header, size_t len)
{
	char *types = join_list(cfg->types, cfg->ntypes);
	const char *colon = memchr(header, ':', len), *t = types ? types : "?";
	char *q = fg_quote(header, len, 80), *line = fg_msg_proposed_line1(w, cfg, header, len);
	struct fg_violation *v;

	if (fg_git_form_merge(header, len)) {
		/* a look-alike of git's merge message on a commit that is not a merge */
		v = fg_msg_add(w, FG_RULE_HEADER_FORMAT, 1, 1, header, len, 5,
			       "header %s is git's merge message, but the commit is not a merge",
			       q ? q : "?");
		if (line)
			fg_violation_hint(v, "write e.g. '%s' (types: %s): git writes 'Merge ...' "
					  "only for the merges it makes", line, t);
		else
			fg_violation_hint(v, "write type: subject (types: %s): git writes 'Merge ...' "
					  "only for the merges it makes", t);
	} else if (fg_git_form_revert_quote(header, len)) {
		v = fg_msg_add(w, FG_RULE_HEADER_FORMAT, 1, 1, header, len, header[1] == 'e' &&
			       header[2] == 'v' ? 6 : 7,
			       "header %s is git's revert message without its line 'This "
			       "reverts commit <oid>.'", q ? q : "?");
		if (line)
			fg_violation_hint(v, "write e.g. '%s', or keep the line git revert writes, "
					  "This reverts commit <full oid>.", line);
		else
			fg_violation_hint(v, "keep the line git revert writes, This reverts commit "
					  "<full oid>., or write revert: <subject>");
	} else {
		const char *what = "is not 'type(scope)!: subject'";
		size_t col = 1, width = colon ? (size_t)(colon - header) : len;

		if (len > 2 && header[0] == '[' && memchr(header, ']', len)) {
			what = "has its type in brackets"; /* "[release] 0.16.0" */
			width = (size_t)((const char *)memchr(header, ']', len) - header) + 1;
		} else if (colon && colon + 1 < header + len && colon[1] != ' ' && colon != header) {
			what = "has no space after the colon";
			col = fg_utf8_length(header, (size_t)(colon - header)) + 2;
			width = 0;
		}
		v = fg_msg_add(w, FG_RULE_HEADER_FORMAT, 1, col, header, len,
			       width ? fg_utf8_length(header, width) : 1, "header %s %s",
			       q ? q : "?", what);
		if (line && w->line1)
			fg_violation_hint(v, "name the header of the commit it changes after %.*s, "
					  "as git commit --fixup=<commit> writes it, e.g. '%s' "
					  "(types: %s)", (int)(strcspn(w->line1, "!") + 1), w->line1,
					  line, t);
		else if (line)
			fg_violation_hint(v, "start with a type and a colon, e.g. '%s' (types: %s)",
					  line, t);
		else
			fg_violation_hint(v, "start with a type and a colon, then what the commit does "
					  "(types: %s)", t);
	}
	free(line);
	free(types);
	free(q);
}

/* Non-zero when HEADER[0..LEN) names VERSION as a whole ("v0.16.0" yes, "0.16.0-rc1" no). */
static int names_version(const char *header, size_t len, const char *version)
{
	size_t n = strlen(version);

	for (size_t i = 0; n && i + n <= len; i++) {
		char before = i ? header[i - 1] : ' ', after = i + n < len ? header[i + n] : ' ';

		if (memcmp(header + i, version, n))
			continue;
		if ((before >= '0' && before <= '9') || before == '.' || before == '-' ||
		    before == '+')
			continue;
		if ((after >= '0' && after <= '9') || (after >= 'a' && after <= 'z') ||
		    (after >= 'A' && after <= 'Z') || after == '-' || after == '+' ||
		    (after == '.' && i + n + 1 < len && header[i + n + 1] >= '0' &&
		     header[i + n + 1] <= '9'))
			continue;
		return 1;
	}
	return 0;
}

/* The names of the cases in CASES, joined by ", ", into BUF. */
static const char *case_names(unsigned cases, char *buf, size_t size)
{
	size_t used = 0;

	buf[0] = '\0';
	for (unsigned bit = 1; bit < 1u << FG_CASE__COUNT; bit <<= 1)
		if (cases & bit && used < size)
			used += (size_t)snprintf(buf + used, size - used, "%s%s", used ? ", " : "",
						 fg_case_name(bit));
	return buf;
}

/* subjectCase (off by default), as commitlint's subject-case judges it. */
static void check_subject_case(const struct fg_msg_where *w, const struct fg_config *cfg,
			       const struct fg_commit_message *msg)
{
	char names[256], *hint = NULL; /* two lists of at most the 8 case names */
	char *full = NULL, *line = NULL;
	unsigned matched;
	struct fg_violation *v;
	int rc = fg_case_judge(msg->subject, msg->subject_len, cfg->subject_cases,
			       cfg->subject_case_never, &matched, &hint);

	if (rc < 0)
		w->report->oom = 1;
	if (rc <= 0)
		return;
	v = fg_msg_add(w, FG_RULE_SUBJECT_CASE, 1, msg->subject_column, msg->header,
		       msg->header_len, fg_utf8_length(msg->subject, msg->subject_len),
		       cfg->subject_case_never ? "subject is %s; rule.subjectCase: none of %s" :
		       "subject is none of %s; rule.subjectCase: one of %s",
		       case_names(cfg->subject_case_never ? matched : cfg->subject_cases, names,
			      sizeof(names) / 2), case_names(cfg->subject_cases, names + sizeof(names) / 2,
			      sizeof(names) / 2));
	if (hint && (full = fg_strdupf("%.*s: %s", (int)(msg->subject - msg->header - 2),
				       msg->header, hint)) && (line = fg_msg_line1_with(w, full)))
		fg_violation_hint(v, "write e.g. '%s'", line);
	else
		fg_violation_hint(v, "write the subject in another case (flowgate config shows "
				  "rule.subjectCase)");
	free(line);
	free(full);
	free(hint);
}

/*
 * Line 1 with the header H[0..HL) under TYPE in place of its first
 * TYPE_LEN bytes, when the header rules accept it (line1_with); else NULL.
 */
static char *with_type(const struct fg_msg_where *w, const struct fg_config *cfg, const char *h,
		       size_t hl, size_t type_len, const char *type)
{
	char *header = fg_strdupf("%s%.*s", type, (int)(hl - type_len), h + type_len), *line;

	line = header && fg_header_passes(cfg, header, strlen(header))
	       ? fg_msg_line1_with(w, header) : NULL;
	free(header);
	return line;
}

void fg_msg_check_header(const struct fg_msg_where *w, struct fg_config *cfg,
			 const struct fg_commit_message *msg,
			 const struct fg_message_context *ctx)
{
	const char *h = msg->header;
	size_t hl = msg->header_len, tw = fg_utf8_length(msg->type, msg->type_len), upper = 0;
	struct fg_violation *v;
	const char *meant;
	/* typeEnum ignores case: typeCase says it */
	int known = in_list(cfg->types, cfg->ntypes, msg->type, msg->type_len, 1);

	for (size_t i = 0; i < msg->type_len; i++)
		upper += msg->type[i] >= 'A' && msg->type[i] <= 'Z';
	/* "WIP": one problem (not a type), said once, by typeEnum */
	if (upper && known) {
		char lower[64], *line = fg_msg_proposed_line1(w, cfg, h, hl);

		lower_copy(lower, sizeof(lower), msg->type, msg->type_len);
		v = fg_msg_add(w, FG_RULE_TYPE_CASE, 1, 1, h, hl, tw,
			       "type '%.*s' is not lowercase", (int)msg->type_len, msg->type);
		if (line)
			fg_violation_hint(v, "write the type in lowercase, e.g. '%s'", line);
		else
			fg_violation_hint(v, "write the type in lowercase: %s", lower);
		free(line);
	}
	if (!known) {
		char *types = join_list(cfg->types, cfg->ntypes), *line = NULL;

		v = fg_msg_add(w, FG_RULE_TYPE_ENUM, 1, 1, h, hl, tw,
			       "type '%.*s' is not a workflow type", (int)msg->type_len,
			       msg->type);
		if ((meant = fg_type_meant(cfg, msg->type, msg->type_len)) &&
		    (line = fg_msg_proposed_line1(w, cfg, h, hl)))
			fg_violation_hint(v, "write the type %s, e.g. '%s' (types: %s)", meant, line,
					  types ? types : "?");
		else
			fg_violation_hint(v, "use one of: %s", types ? types : "?");
		free(line);
		free(types);
	}
	if (msg->scope && cfg->nscopes &&
	    !in_list(cfg->scopes, cfg->nscopes, msg->scope, msg->scope_len, 0)) {
		char *scopes = join_list(cfg->scopes, cfg->nscopes);
		char *line = fg_msg_proposed_line1(w, cfg, h, hl);

		v = fg_msg_add(w, FG_RULE_SCOPE_ENUM, 1, tw + 2, h, hl,
			       fg_utf8_length(msg->scope, msg->scope_len),
			       "scope '%.*s' is not one of the configured scopes",
			       (int)msg->scope_len, msg->scope);
		if (line)
			fg_violation_hint(v, "use one of: %s, or no scope, e.g. '%s'",
					  scopes ? scopes : "?", line);
		else
			fg_violation_hint(v, "use one of: %s, or no scope", scopes ? scopes : "?");
		free(line);
		free(scopes);
	}
	if (fg_msg_blank(msg->subject, msg->subject_len)) {
		char *q = fg_quote(h, hl, 80);

		v = fg_msg_add(w, FG_RULE_SUBJECT_EMPTY, 1, msg->subject_column, h, hl, 1,
			       "header %s has an empty subject", q ? q : "?");
		free(q);
		fg_violation_hint(v, "say what the commit does after '%.*s: '", (int)msg->type_len,
				  msg->type);
	} else if (msg->subject[msg->subject_len - 1] == '.') {
		size_t end = (size_t)(msg->subject - h) + msg->subject_len;

		char *line = fg_msg_proposed_line1(w, cfg, h, hl);

		v = fg_msg_add(w, FG_RULE_SUBJECT_FULL_STOP, 1, fg_utf8_length(h, end), h, hl, 1,
			       "subject ends with a full stop");
		if (line)
			fg_violation_hint(v, "drop the final full stop (the subject is a title), e.g. "
					  "'%s'", line);
		else
			fg_violation_hint(v, "drop the final full stop: the subject is a title");
		free(line);
	}
	if (cfg->severity[FG_RULE_SUBJECT_CASE] != FG_OFF &&
	    !fg_msg_blank(msg->subject, msg->subject_len))
		check_subject_case(w, cfg, msg);
	if (ctx && ctx->new_version && !names_version(h, hl, ctx->new_version)) {
		int final = !strchr(ctx->new_version, '-');
		char *proposal, *line;

		v = fg_msg_add(w, FG_RULE_VERSION_BUMP_MESSAGE, 1, 1, h, hl, fg_utf8_length(h, hl),
			       "the commit changes the version files%s%s to %s, but the header "
			       "does not name %s", ctx->old_version ? " from " : "",
			       ctx->old_version ? ctx->old_version : "", ctx->new_version,
			       ctx->new_version);
		proposal = fg_strdupf("%s: %s %s", fg_release_commit_type(cfg, !final),
				      final ? "prepare release" : "bump version to", ctx->new_version);
		line = proposal && fg_header_passes(cfg, proposal, strlen(proposal))
		       ? fg_msg_line1_with(w, proposal) : NULL;
		if (line)
			fg_violation_hint(v, "say it in the header, e.g. '%s'", line);
		else
			fg_violation_hint(v, "say %s in the header", ctx->new_version);
		free(line);
		free(proposal);
	}
	if (ctx && ctx->branch) {
		struct fg_branch parsed;
		const struct fg_branch *bp = ctx->branch_parsed;

		if (!bp && fg_branch_parse(cfg, ctx->branch, &parsed) == 0)
			bp = &parsed;
		if (bp &&
		    ((bp->kind == FG_BRANCH_HOTFIX && !in_list((char *const[]){ "fix", "hotfix" }, 2,
							     msg->type, msg->type_len, 1)) ||
		     (bp->kind == FG_BRANCH_DOCS && !in_list((char *const[]){ "docs" }, 1, msg->type,
							   msg->type_len, 1)))) {
			int hot = bp->kind == FG_BRANCH_HOTFIX;
			char *line;

			v = fg_msg_add(w, FG_RULE_BRANCH_COMMIT_TYPE, 1, 1, h, hl, tw,
				       "type '%.*s' on %s branch '%s'; %s", (int)msg->type_len,
				       msg->type, hot ? "hotfix" : "docs", ctx->branch,
				       hot ? "a hotfix branch holds fixes only" :
					 "a docs branch holds documentation only");
			line = with_type(w, cfg, h, hl, msg->type_len, hot ? "fix" : "docs");
			if (!line && hot)
				line = with_type(w, cfg, h, hl, msg->type_len, "hotfix");
			if (line)
				fg_violation_hint(v, "use type %s, e.g. '%s', or make the commit on a "
						  "feature/* branch", hot ? "fix or hotfix" : "docs", line);
			else
				fg_violation_hint(v, "use type %s, or make the commit on a feature/* "
						  "branch", hot ? "fix or hotfix" : "docs");
			free(line);
		}
	}
}


void fg_msg_subject_length(const struct fg_msg_where *w, const struct fg_config *cfg,
			   const char *text, size_t len)
{
	size_t max = cfg->header_max_length, chars = 0, lines = 0, pos = 0;
	size_t at_line = 0, at_column = 0, at_start = 0, at_len = 0, at_width = 0;
	struct fg_violation *v;

	while (pos < len || !lines) {
		size_t n = fg_msg_line_len(text + pos, len - pos), k = n, c;

		while (k && (text[pos + k - 1] == ' ' || text[pos + k - 1] == '\t'))
			k--;
		if (lines && !k)
			break;
		if (lines)
			chars++; /* the space git joins the lines with */
		c = fg_utf8_length(text + pos, k);
		lines++;
		if (!at_line && chars + c > max) { /* the first character over the limit */
			at_line = lines;
			at_column = max >= chars ? max - chars + 1 : 1;
			at_start = pos;
			at_len = n;
			at_width = c - (at_column - 1);
		}
		chars += c;
		pos += n + 1;
	}
	if (chars <= max)
		return;
	if (lines == 1) {
		v = fg_msg_add(w, FG_RULE_HEADER_MAX_LENGTH, 1, at_column, text, at_len, at_width,
			       "header is %zu characters long, more than %lu", chars, max);
		fg_violation_hint(v, "shorten the first line to %lu characters and put details in "
				  "the body, after a blank line", max);
		return;
	}
	v = fg_msg_add(w, FG_RULE_HEADER_MAX_LENGTH, at_line, at_column, text + at_start, at_len,
		       at_width ? at_width : 1, "the subject git shows is lines 1-%zu joined (no "
		       "blank line 2), %zu characters long, more than %lu", lines, chars, max);
	if (fg_utf8_length(text, fg_msg_line_len(text, len)) <= max)
		fg_violation_hint(v, "insert a blank line after line %zu, the header: git takes the "
				  "whole first paragraph for the subject", 1 + w->line0);
	else
		fg_violation_hint(v, "end the header on line %zu, at most %lu characters, then a "
				  "blank line: git takes the whole first paragraph for the subject",
				  1 + w->line0, max);
}

/*
 * Line 1 LINE[0..LEN) without its carriage returns and bidirectional
 * controls, when that passes the header rules or is one of git's own forms
 * (judged as such); else the header fg_suggest_header makes of it. Newly
 * allocated, or NULL (none, or out of memory).
 */
static char *display_fix(const struct fg_config *cfg, const char *line, size_t len)
{
	char *out = malloc(len + 1), *sugg;
	size_t n = 0;

	if (!out)
		return NULL;
	for (size_t i = 0; i < len; i++) {
		const unsigned char *l = (const unsigned char *)line + i;

		if (*l == '\r')
			continue;
		if (i + 2 < len && l[0] == 0xe2 && ((l[1] == 0x80 && l[2] >= 0xaa && l[2] <= 0xae) ||
						    (l[1] == 0x81 && l[2] >= 0xa6 && l[2] <= 0xa9))) {
			i += 2;
			continue;
		}
		out[n++] = line[i];
	}
	out[n] = '\0';
	if (fg_header_passes(cfg, out, n) || fg_message_git_form(out, n, NULL, NULL) != FG_FORM_NONE)
		return out;
	sugg = fg_suggest_header(cfg, out, n);
	free(out);
	return sugg;
}

int fg_msg_check_display(const struct fg_msg_where *w, const struct fg_config *cfg,
			 const char *text, size_t len)
{
	for (size_t pos = 0, line = 1; pos < len; line++) {
		size_t n = fg_msg_line_len(text + pos, len - pos);
		const unsigned char *l = (const unsigned char *)text + pos;

		if (line > 1 && fg_msg_blank(text + pos, n))
			break;
		for (size_t i = 0; i < n; i++) {
			int cr = l[i] == '\r';
			int bidi = i + 2 < n && l[i] == 0xe2 &&
				   ((l[i + 1] == 0x80 && l[i + 2] >= 0xaa && l[i + 2] <= 0xae) ||
				    (l[i + 1] == 0x81 && l[i + 2] >= 0xa6 && l[i + 2] <= 0xa9));
			struct fg_violation *v;
			size_t column;
			char *fixed = NULL;

			if (!cr && !bidi)
				continue;
			column = fg_utf8_length(text + pos, i) + 1;
			if (cr)
				v = fg_msg_add(w, FG_RULE_HEADER_FORMAT, line, column, text + pos,
					       n, 1, "the header holds a carriage return: a "
					       "terminal shows the text after it over the text "
					       "before");
			else
				v = fg_msg_add(w, FG_RULE_HEADER_FORMAT, line, column, text + pos,
					       n, 1, "the header holds the bidirectional control "
					       "U+%04X: the text after it displays reordered",
					       0x2000u | (l[i + 1] == 0x80 ? 0u : 0x40u) |
					       (l[i + 2] & 0x3fu));
			if (line == 1 && (fixed = display_fix(cfg, text + pos, n)))
				fg_violation_hint(v, "retype the header without it, e.g. '%s': what git "
						  "log shows must be what git stores", fixed);
			else
				fg_violation_hint(v, "retype line %zu without it: what git log shows "
						  "must be what git stores", line);
			free(fixed);
			return 1;
		}
		pos += n + 1;
	}
	return 0;
}


/*
 * libFuzzer target: a commit message file as git hands it to commit-msg.
 * The whole input is the raw message. It goes through what the hook does
 * (fg_repo_check_message_file without a repository: cleanup with '#' and
 * the default mode, then every message rule, then the report printed,
 * every text of it printable as it is),
 * through git's cleanup in every commit.cleanup mode and comment
 * character, with and without an editor (compared with libgit2's
 * git_message_prettify where the two agree: no \v or \f, which libgit2
 * counts as white space and git does not), and through the Conventional
 * Commits parser, whose
 * documented invariants are checked on the raw bytes and on the cleaned
 * message.
 */
#include <git2.h>
#include "fuzz.h"
#include "cleanup.h"
#include "commit.h"
#include "config.h"
#include "message.h"
#include "pattern.h"
#include "commitctx.h"
#include "gitinit.h"
#include "report.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	FUZZ_ASSERT(fg_git_init() >= 0, "fg_git_init failed");
	return 0;
}

/* P[0..N) lies inside M[0..LEN), or P is NULL with N 0. */
static int within(const char *m, size_t len, const char *p, size_t n)
{
	if (!p)
		return n == 0;
	return p >= m && (size_t)(p - m) <= len && n <= len - (size_t)(p - m);
}

/* commit.h's contract of fg_commit_parse; the first broken part, or NULL. */
static const char *commit_invariants(const char *m, size_t len, const struct fg_commit_message *c)
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

static void parse_commit(const char *m, size_t len)
{
	struct fg_commit_message c;
	const char *broken;
	int rc = fg_commit_parse(m, len, &c);

	FUZZ_ASSERT(rc == 0 || rc == -2, "fg_commit_parse returned %d", rc);
	if (rc == -2)
		FUZZ_ASSERT(fg_utf8_valid_prefix(m, len) < len, "-2 on valid UTF-8");
	if (rc == 0) {
		broken = commit_invariants(m, len, &c);
		FUZZ_ASSERT(!broken, "fg_commit_parse: %s", broken);
	}
	fg_commit_message_release(&c);
}

/* The header rules' parser on the first line. */
/*
 * The header grammar as a PCRE2 pattern (commit.c's comment): what
 * fg_header_parse, which matches it by hand, must agree with on any bytes.
 */
static struct fg_pattern reference_re = FG_PATTERN(
	"^([^\\s():!]+)(?:\\(([^()\\r\\n]+)\\))?(!)?:(?: (.*)|[ \\t]*)\\z", 0);

static void header_like_reference(const char *m, size_t len)
{
	struct fg_span g[5];
	struct fg_header h;
	int want = fg_pattern_match(&reference_re, m, len, g, 5);
	int got = fg_header_parse(m, len, &h);

	if (want == -3)
		return; /* the reference's own limit: nothing to compare */
	FUZZ_ASSERT(got == (want == 1 ? 0 : want == 0 ? -1 : -2),
		    "fg_header_parse returned %d, the pattern %d", got, want);
	if (want == 1)
		FUZZ_ASSERT(h.type == m + g[1].off && h.type_len == g[1].len &&
			    (g[2].off == SIZE_MAX ? !h.scope
			     : h.scope == m + g[2].off && h.scope_len == g[2].len) &&
			    h.breaking == (g[3].off != SIZE_MAX) &&
			    h.subject == (g[4].off == SIZE_MAX ? m + len : m + g[4].off) &&
			    h.subject_len == g[4].len,
			    "fg_header_parse: parts unlike the pattern's groups");
}

static void parse_header(const char *m, size_t len)
{
	const char *nl = memchr(m, '\n', len);
	size_t hl = nl ? (size_t)(nl - m) : len;
	struct fg_header h;
	int rc = fg_header_parse(m, hl, &h);

	FUZZ_ASSERT(rc >= -2 && rc <= 0, "fg_header_parse returned %d", rc);
	header_like_reference(m, hl);
	header_like_reference(m, len);
	if (rc == 0)
		FUZZ_ASSERT(within(m, hl, h.type, h.type_len) && h.type_len &&
			    within(m, hl, h.subject, h.subject_len) &&
			    within(m, hl, h.scope, h.scope_len), "fg_header_parse: parts outside");
	{
		size_t target = SIZE_MAX, target_len = SIZE_MAX;
		enum fg_git_form form = fg_message_git_form(m, len, &target, &target_len);

		FUZZ_ASSERT(form >= FG_FORM_NONE && form <= FG_FORM_AUTOSQUASH,
			    "fg_message_git_form returned %d", (int)form);
		if (form == FG_FORM_AUTOSQUASH)
			FUZZ_ASSERT(target <= hl && target_len <= hl - target,
				    "fg_message_git_form: target outside the header");
	}
}

/* What commit-msg does with the file, repository aside. */
static void check_like_the_hook(const char *raw, size_t len, const char *encoding)
{
	struct fg_config cfg;
	struct fg_report report;
	struct fg_message_context ctx = { "hotfix/pool-leak", "0.16.1", "0.16.0", encoding,
					  (int)(len & 8) >> 3, NULL, NULL, 0, NULL };
	int rc;

	FUZZ_ASSERT(fg_config_init(&cfg) == 0, "fg_config_init failed");
	if (len & 16) /* subjectCase, off by default, on: commitlint's config-conventional */
		cfg.severity[FG_RULE_SUBJECT_CASE] = FG_ERROR;
	fg_report_init(&report);
	report.severity = cfg.severity;
	rc = fg_repo_check_message_file(&report, &cfg, NULL, raw, len,
					(len & 4) ? FG_EDITOR_UNKNOWN : (int)(len & 1), &ctx);
	FUZZ_ASSERT(rc == 0, "fg_repo_check_message_file returned %d", rc);
	FUZZ_ASSERT(!report.oom, "report out of memory");
	for (size_t i = 0; i < report.n; i++) {
		fuzz_printable(report.items[i].message, 0, "a message");
		fuzz_printable(report.items[i].hint, 0, "a hint");
		fuzz_printable(report.items[i].detail, FG_ESC_NEWLINE, "a detail");
		fuzz_printable(report.items[i].excerpt, 0, "an excerpt");
	}
	fg_report_print(&report, fuzz_devnull(), "commit-msg", (int)(len & 1), 0);
	report.severity = NULL;
	fg_report_release(&report);
	fg_config_release(&cfg);
}

/* A NUL-terminated copy of TEXT[0..LEN) (malloc'd). */
static char *cstr(const char *text, size_t len)
{
	char *s = malloc(len + 1);

	FUZZ_ASSERT(s, "out of memory");
	memcpy(s, text, len);
	s[len] = '\0';
	return s;
}

/* libgit2's cleanup of RAW[0..LEN) (no NUL in it) with comment character CC, or NULL. */
static char *prettify(const char *raw, size_t len, int cc)
{
	git_buf buf = GIT_BUF_INIT;
	char *text = cstr(raw, len), *out = NULL;

	if (git_message_prettify(&buf, text, cc != FG_COMMENT_NONE, cc ? (char)cc : '#') == 0)
		out = cstr(buf.ptr ? buf.ptr : "", buf.size);
	git_buf_dispose(&buf);
	free(text);
	return out;
}

static void cleanups(const char *raw, size_t len)
{
	static const int configured[] = { '#', ';', FG_COMMENT_AUTO };
	static const enum fg_cleanup modes[] = { FG_CLEANUP_DEFAULT, FG_CLEANUP_STRIP,
		FG_CLEANUP_WHITESPACE, FG_CLEANUP_VERBATIM, FG_CLEANUP_SCISSORS };
	int has_nul = memchr(raw, '\0', len) != NULL;
	int libgit2_agrees = !has_nul && !memchr(raw, '\v', len) && !memchr(raw, '\f', len);

	(void)fg_cleanup_template_char(raw, len);
	for (size_t i = 0; i < sizeof(configured) / sizeof(configured[0]); i++)
		for (size_t j = 0; j < sizeof(modes) / sizeof(modes[0]); j++)
			for (int editor = 0; editor <= 1; editor++) {
				struct fg_cleanup_plan plan;
				char *out = NULL, *again = NULL, *ref;
				size_t n = 0, cut;
				int rc;

				fg_cleanup_decide(&plan, modes[j], editor, 0, configured[i], raw, len);
				FUZZ_ASSERT(plan.comment_char != FG_COMMENT_AUTO &&
					    plan.comment_char != FG_COMMENT_NONE,
					    "fg_cleanup_decide: no comment character");
				rc = fg_cleanup_apply(&out, &n, raw, len, &plan);
				FUZZ_ASSERT(rc == (has_nul ? -1 : 0), "fg_cleanup_apply returned %d", rc);
				if (rc < 0) {
					FUZZ_ASSERT(!out, "fg_cleanup_apply: a message on failure");
					continue;
				}
				FUZZ_ASSERT(out && n == strlen(out), "fg_cleanup_apply: length");
				/* git's cleanup is idempotent (the stored message, cleaned again, is itself) */
				rc = fg_cleanup_apply(&again, NULL, out, n, &plan);
				FUZZ_ASSERT(rc == 0 && !strcmp(again, out),
					    "cleanup not idempotent (comment char %d, mode %d)",
					    plan.comment_char, (int)plan.mode);
				free(again);
				cut = plan.cut ? fg_cleanup_scissors(raw, len, plan.comment_char) : len;
				if (libgit2_agrees && plan.mode != FG_MODE_NONE &&
				    (ref = prettify(raw, cut, plan.mode == FG_MODE_ALL ?
						    plan.comment_char : FG_COMMENT_NONE))) {
					FUZZ_ASSERT(!strcmp(ref, out),
						    "cleanup differs from git_message_prettify (mode %d)",
						    (int)plan.mode);
					free(ref);
				}
				if (i == 0 && j == 0 && !editor)
					parse_commit(out, n);
				free(out);
			}
}

static void one_input(const uint8_t *data, size_t size)
{
	/* exactly SIZE bytes: the parsers take lengths, so no NUL may be needed */
	char *raw = fuzz_dup(data, size);

	parse_commit(raw, size);
	parse_header(raw, size);
	(void)fg_utf8_length(raw, size);
	cleanups(raw, size);
	check_like_the_hook(raw, size, NULL);
	if (size & 2) /* a message in i18n.commitEncoding = ISO-8859-1 */
		check_like_the_hook(raw, size, "ISO-8859-1");
	free(raw);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FUZZ_RUN(one_input(data, size));
	return 0;
}

/*
 * The forms of git's own commit messages (git 2.39.5's builtin/merge.c,
 * sequencer.c, builtin/commit.c): what a merge, a revert, git merge
 * --squash and git commit --fixup/--squash write, told by their text.
 */
#include <string.h>
#include "gitform.h"

/* Non-zero when TEXT[0..LEN) starts with the string PREFIX. */
static int starts(const char *text, size_t len, const char *prefix)
{
	size_t n = strlen(prefix);

	return len >= n && !memcmp(text, prefix, n);
}

/* Non-zero when TEXT[0..LEN) is a full OID: 40 or 64 lowercase hex digits. */
static int full_oid(const char *text, size_t len)
{
	if (len != 40 && len != 64)
		return 0;
	for (size_t i = 0; i < len; i++)
		if (!((text[i] >= '0' && text[i] <= '9') || (text[i] >= 'a' && text[i] <= 'f')))
			return 0;
	return 1;
}

size_t fg_git_form_revert_quote(const char *header, size_t len)
{
	size_t n = starts(header, len, "Revert \"") ? 8 : starts(header, len, "Reapply \"") ? 9 : 0;

	return n && len > n && header[len - 1] == '"' ? n : 0;
}

/* Non-zero when a line of TEXT[0..LEN) is git revert's "This reverts commit <oid>." line. */
static int reverts_line(const char *text, size_t len)
{
	static const char lead[] = "This reverts commit ";
	const size_t n = sizeof(lead) - 1;

	for (size_t pos = 0; pos < len;) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - text) : len, l = end - pos;
		const char *line = text + pos;

		if (l > n && !memcmp(line, lead, n)) {
			const char *oid = line + n;
			size_t k = 0;

			while (n + k < l && oid[k] != '.' && oid[k] != ',')
				k++;
			if (full_oid(oid, k) && (n + k + 1 == l ? oid[k] == '.' :
			    starts(oid + k, l - n - k, ", reversing") && n + k + 11 == l))
				return 1;
		}
		pos = end + 1;
	}
	return 0;
}

enum fg_git_form fg_message_git_form(const char *message, size_t len, size_t *target,
				     size_t *target_len)
{
	const char *nl = memchr(message, '\n', len);
	size_t hl = nl ? (size_t)(nl - message) : len, start = 0, end = hl, q;
	static const char *const autosquash[] = { "fixup! ", "squash! ", "amend! " };
	int prefixed = 0;

	if (fg_git_form_merge(message, hl))
		return FG_FORM_MERGE;
	if (hl == 33 && starts(message, hl, "Squashed commit of the following:") &&
	    starts(message + hl, len - hl, "\n\ncommit ")) {
		const char *oid = message + hl + 9, *e = memchr(oid, '\n', len - hl - 9);

		return full_oid(oid, e ? (size_t)(e - oid) : len - hl - 9) ? FG_FORM_SQUASHED
									     : FG_FORM_NONE;
	}
	for (size_t i = 0; i < sizeof(autosquash) / sizeof(autosquash[0]); i++)
		if (starts(message + start, end - start, autosquash[i])) {
			start += strlen(autosquash[i]);
			prefixed = 1;
			i = (size_t)-1; /* "fixup! squash! ...": again from the first */
		}
	if (!prefixed)
		return fg_git_form_revert_quote(message, hl) && reverts_line(message + hl, len - hl)
		       ? FG_FORM_REVERT : FG_FORM_NONE;
	while ((q = fg_git_form_revert_quote(message + start, end - start)) != 0) {
		start += q;
		end--;
	}
	if (target)
		*target = start;
	if (target_len)
		*target_len = end - start;
	return FG_FORM_AUTOSQUASH;
}

int fg_git_form_merge(const char *header, size_t len)
{
	return starts(header, len, "Merge ");
}

/*
 * Commits and trees read with one git_odb_read each and parsed here, as
 * libgit2 parses them (objects.h).
 */
#include <stdlib.h>
#include <string.h>
#include "array.h"
#include "objects.h"

/* Each hexadecimal digit's value plus one, either case; 0 for any other byte. */
static const unsigned char hexval[256] = {
	['0'] = 1, ['1'] = 2, ['2'] = 3, ['3'] = 4, ['4'] = 5, ['5'] = 6, ['6'] = 7,
	['7'] = 8, ['8'] = 9, ['9'] = 10, ['a'] = 11, ['b'] = 12, ['c'] = 13, ['d'] = 14,
	['e'] = 15, ['f'] = 16, ['A'] = 11, ['B'] = 12, ['C'] = 13, ['D'] = 14, ['E'] = 15,
	['F'] = 16,
};

/* 40 hex digits at HEX into *ID (git_oid_fromstrn's: either case). */
static int hex_oid(git_oid *id, const char *hex)
{
	for (size_t i = 0; i < GIT_OID_RAWSZ; i++) {
		unsigned hi = hexval[(unsigned char)hex[2 * i]], lo = hexval[(unsigned char)hex[2 * i + 1]];

		if (!hi || !lo)
			return -1;
		id->id[i] = (unsigned char)((hi - 1) << 4 | (lo - 1));
	}
	return 0;
}

/* git_oid__parse: HEADER, 40 hex digits and a newline at *BUF. */
static int oid_line(git_oid *id, const char **buf, const char *end, const char *header,
		    size_t hlen)
{
	const char *b = *buf;

	if ((size_t)(end - b) < hlen + GIT_OID_HEXSZ + 1 || memcmp(b, header, hlen) ||
	    b[hlen + GIT_OID_HEXSZ] != '\n' || hex_oid(id, b + hlen) < 0)
		return -1;
	*buf = b + hlen + GIT_OID_HEXSZ + 1;
	return 0;
}

/* git__prefixncmp(s, n, prefix) == 0 */
static int has_prefix(const char *s, const char *end, const char *prefix, size_t plen)
{
	return (size_t)(end - s) >= plen && !memcmp(s, prefix, plen);
}

static const char *last_of(const char *s, int c, size_t n)
{
	while (n--)
		if (s[n] == c)
			return s + n;
	return NULL;
}

static int is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == '\v';
}

/* git__strntol64 in base 10: 0 and *OUT, or -1. */
static int strntol64(int64_t *out, const char *p, size_t n)
{
	int64_t v = 0;
	int neg = 0, ovfl = 0;
	size_t ndig = 0;

	while (n && is_space(*p))
		p++, n--;
	if (n && (*p == '-' || *p == '+')) {
		neg = *p == '-';
		p++, n--;
	}
	for (; n; p++, n--, ndig++) {
		int d = *p >= '0' && *p <= '9' ? *p - '0' : 10;

		if (d >= 10)
			break;
		if (__builtin_mul_overflow(v, 10, &v) || __builtin_add_overflow(v, neg ? -d : d, &v))
			ovfl = 1;
	}
	if (!ndig || ovfl)
		return -1;
	*out = v;
	return 0;
}

static int signature_error(const char *why)
{
	git_error_set(GIT_ERROR_INVALID, "failed to parse signature - %s", why);
	return -1;
}

/*
 * git_signature__parse(sig, buf, end, HEADER, '\n') without keeping the
 * name and e-mail: what it accepts, and the time (0 when there is none).
 */
static int signature_line(int64_t *time, const char **buf, const char *end, const char *header,
			  size_t hlen)
{
	const char *b = *buf, *eol = memchr(b, '\n', (size_t)(end - b)), *lt, *gt;

	*time = 0;
	if (!eol)
		return signature_error("no newline given");
	if (b + hlen >= eol || memcmp(b, header, hlen))
		return signature_error("expected prefix doesn't match actual");
	b += hlen;
	/* the last '>' of the line, with no '<' after it, and the last '<' before it */
	for (gt = eol; gt > b && gt[-1] != '>' && gt[-1] != '<'; gt--)
		;
	if (gt == b || gt[-1] != '>' || !(lt = last_of(b, '<', (size_t)(--gt - b))))
		return signature_error("malformed e-mail");
	if (gt + 2 < eol && strntol64(time, gt + 2, (size_t)(eol - gt - 2)) < 0)
		return signature_error("invalid Unix timestamp");
	*buf = eol + 1;
	return 0;
}

static int bad_commit(void)
{
	git_error_set(GIT_ERROR_OBJECT, "failed to parse bad commit object");
	return -1;
}

static int add_parent(struct fg_commit_fields *f, const git_oid *id)
{
	if (f->nparents == f->cap) {
		size_t cap = f->cap ? 2 * f->cap : 8;
		git_oid *v = realloc(f->parents, cap * sizeof(*v));

		if (!v) {
			git_error_set_oom();
			return -1;
		}
		f->parents = v;
		f->cap = cap;
	}
	git_oid_cpy(&f->parents[f->nparents++], id);
	return 0;
}

int fg_commit_fields_parse(struct fg_commit_fields *f, const char *data, size_t len, int quick)
{
	const char *b = data, *end = data + len;
	git_oid id;
	int64_t t;
	int rc;

	f->nparents = 0;
	memset(&f->tree, 0, sizeof(f->tree));
	f->time = 0;
	f->encoding = NULL;
	f->encoding_len = 0;
	f->message = NULL;
	if (quick) {
		if (len < 5 + GIT_OID_HEXSZ + 1)
			return bad_commit();
		b += 5 + GIT_OID_HEXSZ + 1;
	} else if (oid_line(&f->tree, &b, end, "tree ", 5) < 0) {
		return bad_commit();
	}
	while (oid_line(&id, &b, end, "parent ", 7) == 0)
		if (add_parent(f, &id) < 0)
			return -1;
	if (!quick && (rc = signature_line(&t, &b, end, "author ", 7)) < 0)
		return rc;
	/* some tools write several author lines: the others are skipped */
	while (has_prefix(b, end, "author ", 7))
		if ((rc = signature_line(&t, &b, end, "author ", 7)) < 0)
			return rc;
	if ((rc = signature_line(&f->time, &b, end, "committer ", 10)) < 0 || quick)
		return rc;
	while (b < end) {
		const char *eol = b;

		if (b[-1] == '\n' && b[0] == '\n')
			break;
		while (eol < end && *eol != '\n')
			eol++;
		if (has_prefix(b, end, "encoding ", 9)) {
			f->encoding = b + 9;
			f->encoding_len = (size_t)(eol - b - 9);
		}
		b = eol < end ? eol + 1 : eol;
	}
	/* past the header and the blank line after it; git_commit_message then
	 * skips leading newlines */
	f->message = b + 1 <= end ? b + 1 : "";
	while (*f->message == '\n')
		f->message++;
	return 0;
}

size_t fg_commit_fields_encoding_len(const struct fg_commit_fields *f)
{
	const char *nul = f->encoding ? memchr(f->encoding, '\0', f->encoding_len) : NULL;

	return nul ? (size_t)(nul - f->encoding) : f->encoding_len;
}

int fg_not_commit(void)
{
	git_error_set(GIT_ERROR_INVALID, "object is no commit object");
	return -1;
}

void fg_commit_buf_release(struct fg_commit_buf *buf)
{
	free(buf->data);
	free(buf->fields.parents);
	free(buf->encoding);
	memset(buf, 0, sizeof(*buf));
}

int fg_commit_read(struct fg_commit_buf *buf, struct fg_packs *packs, const git_oid *id)
{
	struct fg_commit_fields *f = &buf->fields;
	git_object_t type;
	const char *data;
	size_t elen, len;
	int rc;

	free(buf->encoding);
	buf->encoding = NULL;
	if ((rc = fg_packs_read(packs, id, &type, &data, &len)) < 0)
		return rc;
	if (type != GIT_OBJECT_COMMIT)
		return fg_not_commit();
	if (fg_array_grow((void **)&buf->data, &buf->cap, len + 1, 1) < 0) {
		git_error_set_oom();
		return -1;
	}
	memcpy(buf->data, data, len + 1);
	if ((rc = fg_commit_fields_parse(f, buf->data, len, 0)) < 0)
		return rc;
	/* git_commit__parse_raw's copy: up to a NUL, as git__strndup makes it */
	if (f->encoding) {
		elen = fg_commit_fields_encoding_len(f);
		if (!(buf->encoding = malloc(elen + 1))) {
			git_error_set_oom();
			return -1;
		}
		memcpy(buf->encoding, f->encoding, elen);
		buf->encoding[elen] = '\0';
	}
	git_oid_cpy(&buf->info.id, id);
	git_oid_cpy(&buf->info.tree, &f->tree);
	buf->info.parents = f->parents;
	buf->info.nparents = f->nparents;
	buf->info.time = f->time;
	buf->info.encoding = buf->encoding;
	buf->info.message = f->message;
	return 0;
}

/*
 * libgit2's normalize_filemode (tree.c): how git_tree_entry_filemode shows
 * the mode a tree records.
 */
static uint32_t normal_mode(uint32_t mode)
{
	if ((mode & 0170000) == GIT_FILEMODE_TREE)
		return GIT_FILEMODE_TREE;
	if (mode & 0111)
		return GIT_FILEMODE_BLOB_EXECUTABLE;
	if ((mode & 0170000) == GIT_FILEMODE_COMMIT)
		return GIT_FILEMODE_COMMIT;
	if ((mode & 0170000) == GIT_FILEMODE_LINK)
		return GIT_FILEMODE_LINK;
	return GIT_FILEMODE_BLOB;
}

/* The same from libgit2's own parse (an odd tree, or one that cannot be read). */
static int tree_tops_git(git_repository *repo, const git_oid *id, char *const *names, size_t n,
			 struct fg_tree_top *tops)
{
	git_tree *tree = NULL;
	int rc = git_tree_lookup(&tree, repo, id);

	for (size_t k = 0; rc == 0 && k < n; k++) {
		const git_tree_entry *e = git_tree_entry_byname(tree, names[k]);

		if (e) {
			git_oid_cpy(&tops[k].id, git_tree_entry_id(e));
			tops[k].mode = (uint32_t)git_tree_entry_filemode(e);
		}
	}
	git_tree_free(tree);
	return rc;
}

int fg_tree_tops(git_repository *repo, struct fg_packs *packs, const git_oid *tree,
		 char *const *names, size_t n, struct fg_tree_top *tops)
{
	git_object_t type;
	const char *b, *end;
	size_t len;

	memset(tops, 0, n * sizeof(*tops));
	if (fg_packs_read(packs, tree, &type, &b, &len) < 0 || type != GIT_OBJECT_TREE)
		goto slow;
	end = b + len;
	/* "<octal mode> <name>\0<20-byte ID>" ...; anything else: libgit2 says */
	while (b < end) {
		uint32_t mode = 0;
		const char *name, *nul;
		size_t digits = 0, len;

		for (; b < end && *b >= '0' && *b <= '7' && digits < 7; b++, digits++)
			mode = mode * 8 + (uint32_t)(*b - '0');
		if (!digits || digits > 6 || b >= end || *b++ != ' ' ||
		    !(nul = memchr(b, '\0', (size_t)(end - b))) || nul == b ||
		    (size_t)(end - nul - 1) < GIT_OID_RAWSZ)
			goto slow;
		name = b;
		len = (size_t)(nul - b);
		for (size_t k = 0; k < n; k++)
			if (!tops[k].mode && !strncmp(names[k], name, len) && !names[k][len]) {
				git_oid_fromraw(&tops[k].id, (const unsigned char *)nul + 1);
				tops[k].mode = normal_mode(mode);
			}
		b = nul + 1 + GIT_OID_RAWSZ;
	}
	return 0;
slow:
	git_error_clear();
	memset(tops, 0, n * sizeof(*tops));
	return tree_tops_git(repo, tree, names, n, tops);
}

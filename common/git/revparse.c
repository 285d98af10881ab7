/*
 * A revision as a commit (revparse.h): libgit2's revparse for the
 * revision, the ancestry operators at its end followed as libgit2's
 * handle_caret_parent_syntax and handle_linear_syntax follow them
 * (revparse.c, v1.5.1), with the pack reader.
 */
#include <stdlib.h>
#include <string.h>
#include "objects.h"
#include "revparse.h"

/* SPEC (git_revparse_single's) peeled to a commit, into *OUT. */
static int whole(git_oid *out, git_repository *repo, const char *spec)
{
	git_object *object = NULL, *commit = NULL;
	int rc;

	if ((rc = git_revparse_single(&object, repo, spec)) == 0 &&
	    (rc = git_object_peel(&commit, object, GIT_OBJECT_COMMIT)) == 0)
		git_oid_cpy(out, git_object_id(commit));
	git_object_free(commit);
	git_object_free(object);
	return rc;
}

/* Where the chain of ancestry operators that ends SPEC[0..LEN) starts (LEN: none). */
static size_t chain_at(const char *spec, size_t len)
{
	size_t at = len;

	for (;;) {
		size_t j = at;

		while (j > 0 && spec[j - 1] >= '0' && spec[j - 1] <= '9')
			j--;
		if (j == 0 || (spec[j - 1] != '~' && spec[j - 1] != '^'))
			return at;
		at = j - 1;
	}
}

/*
 * Parent N (1: the first) of commit *ID, into *ID. Returns 0, or
 * GIT_ENOTFOUND "parent N-1 does not exist" (git_commit_parent's) when it
 * has fewer, or fg_commit_read's error.
 */
static int parent(struct fg_commit_buf *buf, struct fg_packs *packs, git_oid *id, unsigned n)
{
	int rc = fg_commit_read(buf, packs, id);

	if (rc < 0)
		return rc;
	if (n > buf->info.nparents) {
		git_error_set(GIT_ERROR_INVALID, "parent %u does not exist", n - 1);
		return GIT_ENOTFOUND;
	}
	git_oid_cpy(id, &buf->info.parents[n - 1]);
	return 0;
}

int fg_revparse_commit(git_oid *out, git_repository *repo, struct fg_packs *packs,
		       const char *spec)
{
	size_t len = strlen(spec), at = chain_at(spec, len);
	struct fg_commit_buf buf;
	char *base;
	int rc, moved = 0;

	if (at == len || at == 0 || strchr(spec, ':') || !packs)
		return whole(out, repo, spec);
	/* each count a number of at most 6 digits, else libgit2's to judge */
	for (size_t i = at; i < len;) {
		size_t d = ++i;

		while (i < len && spec[i] >= '0' && spec[i] <= '9')
			i++;
		if (i - d > 6)
			return whole(out, repo, spec);
	}
	if (!(base = strndup(spec, at))) {
		git_error_set_oom();
		return -1;
	}
	rc = whole(out, repo, base);
	free(base);
	memset(&buf, 0, sizeof(buf));
	for (size_t i = at; rc == 0 && i < len;) {
		char op = spec[i++];
		unsigned n = 0;
		int digits = 0;

		for (; i < len && spec[i] >= '0' && spec[i] <= '9'; i++, digits = 1)
			n = n * 10 + (unsigned)(spec[i] - '0');
		if (!digits)
			n = 1;
		moved |= n != 0; /* ^0, ~0: the commit itself */
		if (op == '^') {
			if (n)
				rc = parent(&buf, packs, out, n);
		} else {
			while (rc == 0 && n--)
				rc = parent(&buf, packs, out, 1);
		}
	}
	/* the commit reached is read too, as git_commit_parent looks it up: a
	 * parent missing (a shallow clone's edge) is no commit here */
	if (rc == 0 && moved)
		rc = fg_commit_read(&buf, packs, out);
	fg_commit_buf_release(&buf);
	return rc;
}

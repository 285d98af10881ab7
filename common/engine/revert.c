/*
 * git revert's commits (revert.h; engine layer): the message git revert
 * writes, and whether a revert takes the version back to what it was.
 */
#include <string.h>
#include "vfiles.h"
#include "revert.h"
#include "version.h"

/* 1 when TEXT[0..40) is a full hexadecimal object ID, as git revert writes it. */
static int full_hex(const char *text)
{
	for (int i = 0; i < GIT_OID_HEXSZ; i++)
		if (!((text[i] >= '0' && text[i] <= '9') || (text[i] >= 'a' && text[i] <= 'f')))
			return 0;
	return 1;
}

int fg_revert_parse(const char *message, git_oid *reverted, git_oid *parent, int *merge)
{
	const char *eol, *p;
	size_t hlen;

	*merge = 0;
	if (!message || strncmp(message, "Revert \"", 8))
		return -1;
	eol = strchr(message, '\n');
	hlen = eol ? (size_t)(eol - message) : strlen(message);
	if (hlen < 10 || message[hlen - 1] != '"')
		return -1;
	for (p = eol; p; p = strchr(p + 1, '\n')) {
		const char *q = p + 1;

		if (strncmp(q, "This reverts commit ", 20) || !full_hex(q + 20))
			continue;
		git_oid_fromstr(reverted, q + 20);
		q += 20 + GIT_OID_HEXSZ;
		if (q[0] == '.' && (q[1] == '\n' || !q[1]))
			return 0;
		if (!strncmp(q, ", reversing\nchanges made to ", 28) && full_hex(q + 28) &&
		    q[28 + GIT_OID_HEXSZ] == '.' &&
		    (q[29 + GIT_OID_HEXSZ] == '\n' || !q[29 + GIT_OID_HEXSZ])) {
			git_oid_fromstr(parent, q + 28);
			*merge = 1;
			return 0;
		}
	}
	return -1;
}

/* The version COMMIT's files agree on into *OUT: 0, or -1 (none, or unreadable). */
static int commit_version(git_repository *repo, struct fg_config *cfg, git_commit *commit,
			  struct fg_version *out)
{
	git_tree *tree = NULL;
	struct fg_vfiles files;
	const struct fg_vfile_value *v = NULL;
	int rc = -1;

	memset(&files, 0, sizeof(files));
	if (git_commit_tree(&tree, commit) == 0 && fg_vfiles_from_tree(&files, repo, tree, cfg) == 0 &&
	    (v = fg_versions_exact(&files.set))) {
		/* PRE and BUILD pointed into FILES: the kind and number say it all */
		*out = v->version;
		out->pre = out->build = NULL;
		out->pre_len = out->build_len = 0;
		rc = 0;
	}
	fg_vfiles_release(&files);
	git_tree_free(tree);
	git_error_clear();
	return rc;
}

int fg_revert_restores(git_repository *repo, struct fg_config *cfg, git_commit *reverted,
		       const git_oid *parent, const struct fg_version *now,
		       const struct fg_version *old)
{
	struct fg_version v;
	int found = 0;

	/* workflow versions: the same precedence is the same version */
	if (commit_version(repo, cfg, reverted, &v) < 0 || fg_version_compare(&v, old))
		return 0;
	for (unsigned i = 0; !found && i < git_commit_parentcount(reverted); i++) {
		git_commit *p = NULL;

		if (parent && !git_oid_equal(parent, git_commit_parent_id(reverted, i)))
			continue;
		if (git_commit_parent(&p, reverted, i) == 0 && commit_version(repo, cfg, p, &v) == 0)
			found = !fg_version_compare(&v, now);
		git_commit_free(p);
	}
	git_error_clear();
	return found;
}

int fg_revert_head_restores(git_repository *repo, struct fg_config *cfg,
			    const struct fg_version *now, const struct fg_version *old)
{
	git_commit *r = NULL;
	git_oid id;
	int ok = 0;

	if (git_reference_name_to_id(&id, repo, "REVERT_HEAD") == 0 &&
	    git_commit_lookup(&r, repo, &id) == 0)
		ok = fg_revert_restores(repo, cfg, r, NULL, now, old);
	git_commit_free(r);
	git_error_clear();
	return ok;
}

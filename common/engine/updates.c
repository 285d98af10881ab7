/*
 * The hooks' input of ref updates (updates.h): githooks(5)'s lines of
 * pre-push and pre-receive, split in place into struct fg_ref_update; and
 * each update's refname typed, by namespace then by the configuration.
 */
#include <stdlib.h>
#include <string.h>
#include "array.h"
#include "updates.h"

int fg_parse_oid(git_oid *out, const char *hex)
{
	return strlen(hex) == GIT_OID_HEXSZ && git_oid_fromstr(out, hex) == 0 ? 0 : -1;
}

int fg_parse_updates(char *input, size_t len, int receive, struct fg_ref_update **out,
			 size_t *count)
{
	const int nfields = receive ? 3 : 4;
	size_t n = 0, alloc = 0;
	struct fg_ref_update *updates = NULL;
	char *line = input, *end = input + len;

	*out = NULL;
	*count = 0;
	while (line < end) {
		char *nl = memchr(line, '\n', (size_t)(end - line));
		char *field[4], *p;
		int i;

		size_t line_len = (size_t)((nl ? nl : end) - line);

		if (!line_len) {
			line = nl ? nl + 1 : end;
			continue;
		}
		/* a NUL would cut a field short: git never sends one */
		if (memchr(line, '\0', line_len))
			goto bad;
		if (nl)
			*nl = '\0';
		for (i = 0, p = line; i < nfields; i++) {
			field[i] = p;
			p = i < nfields - 1 ? strchr(p, ' ') : NULL;
			if (i < nfields - 1 && !p)
				break;
			if (p)
				*p++ = '\0';
		}
		if (i < nfields || strchr(field[nfields - 1], ' '))
			goto bad;
		for (i = 0; i < nfields; i++)
			if (!*field[i]) /* "a  b": an empty field */
				goto bad;
		if (fg_array_grow((void **)&updates, &alloc, n + 1, sizeof(*updates)) < 0)
			goto bad;
		if (receive) {
			updates[n].local_ref = updates[n].remote_ref = field[2];
			if (fg_parse_oid(&updates[n].remote, field[0]) < 0 ||
			    fg_parse_oid(&updates[n].local, field[1]) < 0)
				goto bad;
		} else {
			updates[n].local_ref = field[0];
			updates[n].remote_ref = field[2];
			if (fg_parse_oid(&updates[n].local, field[1]) < 0 ||
			    fg_parse_oid(&updates[n].remote, field[3]) < 0)
				goto bad;
		}
		n++;
		line = nl ? nl + 1 : end;
	}
	*out = updates;
	*count = n;
	return 0;
bad:
	free(updates);
	return -1;
}

void fg_typed_update_init(struct fg_typed_update *t, const struct fg_ref_update *u)
{
	memset(t, 0, sizeof(*t));
	t->u = u;
	t->parsed = -1;
	t->name = u->remote_ref;
	if (!strncmp(u->remote_ref, "refs/heads/", 11)) {
		t->kind = FG_REF_BRANCH;
		t->name += 11;
	} else if (!strncmp(u->remote_ref, "refs/tags/", 10)) {
		t->kind = FG_REF_TAG;
		t->name += 10;
	}
}

int fg_typed_update_parse(struct fg_typed_update *t, struct fg_config *cfg)
{
	t->cfg = cfg;
	if (t->kind == FG_REF_BRANCH)
		t->parsed = fg_branch_parse(cfg, t->name, &t->branch);
	else if (t->kind == FG_REF_TAG)
		t->parsed = fg_tag_parse(cfg, t->name, &t->version);
	else
		t->parsed = -1;
	return t->parsed;
}

const struct fg_branch *fg_typed_update_branch(const struct fg_typed_update *t,
					       struct fg_config *cfg, struct fg_branch *scratch)
{
	if (t->kind != FG_REF_BRANCH)
		return NULL;
	if (t->cfg == cfg)
		return t->parsed == 0 ? &t->branch : NULL;
	return fg_branch_parse(cfg, t->name, scratch) == 0 ? scratch : NULL;
}

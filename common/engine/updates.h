/*
 * The ref updates a push makes (engine layer), as the hooks read them:
 * pre-push's and pre-receive's stdin lines (githooks(5)), one struct
 * fg_ref_update each, and update's arguments; and their typed form, which
 * the judgement (push.h) hands down instead of the refname.
 */
#ifndef FLOWGATE_UPDATES_H
#define FLOWGATE_UPDATES_H

#include <stddef.h>
#include <git2.h>
#include "config.h"
#include "refname.h"
#include "version.h"

/* One line of pre-push or pre-receive input. */
struct fg_ref_update {
	char *local_ref, *remote_ref; /* full refnames, into the parsed input buffer */
	git_oid local, remote;        /* pre-receive: remote = old OID, local = new OID */
};

/*
 * fg_parse_oid: *OUT from HEX, a NUL-terminated object name of exactly
 * GIT_OID_HEXSZ (40) hex digits, as git hands them to the hooks (SHA-1).
 * Returns 0, or -1 for anything else (*OUT then unspecified).
 */
int fg_parse_oid(git_oid *out, const char *hex);

/*
 * fg_parse_updates: split hook input INPUT[0..LEN), with INPUT[LEN] a NUL
 * (fg_read_all's buffers are), modified in place (separators become NULs;
 * the fields point into it) into updates, one per '\n'-terminated line
 * (the last may lack it), empty lines skipped, fields separated by one
 * space, none empty, no NUL in a line (githooks(5)): for pre-push (RECEIVE 0) "<local ref> <local oid>
 * <remote ref> <remote oid>", for pre-receive (RECEIVE 1) "<old oid> <new
 * oid> <ref>", the receiving side's view: old is the remote's, new the
 * pushed. OIDs are 40 hex digits (SHA-1). Returns 0 with *OUT a newly
 * allocated array of *COUNT updates (NULL when none; the caller frees
 * it), or -1 on a malformed line or out of memory (*OUT NULL, *COUNT 0).
 */
int fg_parse_updates(char *input, size_t len, int receive, struct fg_ref_update **out,
		     size_t *count);

/* What a ref update's remote refname names, by its namespace. */
enum fg_ref_kind {
	FG_REF_OTHER,  /* outside refs/heads/ and refs/tags/ (notes, a host's refs/pull/...) */
	FG_REF_BRANCH, /* refs/heads/<name> */
	FG_REF_TAG     /* refs/tags/<name> */
};

/*
 * A ref update with its remote refname typed: parsed once, and handed down
 * the judgement of a push (push.h, newcommits.h) in place of the refname.
 * In two steps, each where it is valid: the namespace where the judgement
 * reads the update (fg_typed_update_init); the branch kind and series, or
 * the release version, by the configuration in force for that update
 * (fg_typed_update_parse), which is known only once the update's pushed
 * tip has been read: each tip may commit its own .flowgate (pre-push),
 * a server judges by its own rules (pre-receive, update), and a name is a
 * workflow branch or a release tag only under a configuration
 * (branch.<kind>.pattern, tagPrefix). Where another configuration judges
 * the same update (branchProtected on a rewrite, by the rules the branch
 * had before it), the name is parsed under that one
 * (fg_typed_update_branch). Nothing is owned: U, the refname and CFG
 * outlive it.
 */
struct fg_typed_update {
	const struct fg_ref_update *u; /* the update, borrowed */
	enum fg_ref_kind kind;
	const char *name;              /* U->remote_ref past "refs/heads/" or "refs/tags/";
					  all of it for FG_REF_OTHER */
	const struct fg_config *cfg;   /* the configuration it was parsed under; NULL: not */
	int parsed;                    /* under CFG: 0 a workflow branch (fg_branch_parse) or
					  a release tag (fg_tag_parse), -1 not (and for
					  FG_REF_OTHER), -3 a branch pattern's match limit */
	struct fg_branch branch;       /* FG_REF_BRANCH, PARSED 0: its kind and series */
	struct fg_version version;     /* FG_REF_TAG, PARSED 0: its version (the pre-release
					  span points into U->remote_ref) */
};

/*
 * fg_typed_update_init: T for update U (borrowed): its kind by the
 * namespace of U->remote_ref, and its name there; not parsed yet (CFG
 * NULL, PARSED -1).
 */
void fg_typed_update_init(struct fg_typed_update *t, const struct fg_ref_update *u);

/*
 * fg_typed_update_parse: parse T's name under CFG (borrowed; kept in
 * T->cfg), the configuration in force for T's update: a branch by CFG's
 * branch kinds (fg_branch_parse, which sets CFG->error at a pattern's
 * match limit), a tag as CFG's tag prefix and a workflow version
 * (fg_tag_parse). Returns T->parsed.
 */
int fg_typed_update_parse(struct fg_typed_update *t, struct fg_config *cfg);

/*
 * fg_typed_update_branch: the workflow branch T's update sets under CFG:
 * T->branch when T was parsed under CFG, else fg_branch_parse's result
 * under CFG, into *SCRATCH (CFG->error set at a pattern's match limit).
 * NULL when T is no branch update or its name no workflow branch there.
 */
const struct fg_branch *fg_typed_update_branch(const struct fg_typed_update *t,
					       struct fg_config *cfg, struct fg_branch *scratch);

#endif

/*
 * The ref updates a push makes (engine layer), as the hooks read them:
 * pre-push's and pre-receive's stdin lines (githooks(5)), one struct
 * fg_ref_update each, and update's arguments. push.h judges them.
 */
#ifndef FLOWGATE_UPDATES_H
#define FLOWGATE_UPDATES_H

#include <stddef.h>
#include <git2.h>

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

#endif

/*
 * A set of object IDs (git layer): the commits a walk has seen, those a
 * push brings.
 */
#ifndef FLOWGATE_OIDSET_H
#define FLOWGATE_OIDSET_H

#include <git2.h>

/*
 * A set of object IDs (open addressing, linear probing). Start it as
 * FG_OIDSET_INIT; release with fg_oidset_release.
 */
struct fg_oidset {
	git_oid *slots;      /* owned */
	unsigned char *used; /* owned: slot I holds an ID */
	size_t cap, n;       /* slots (a power of two, or 0), IDs held */
};

#define FG_OIDSET_INIT { NULL, NULL, 0, 0 }

/*
 * fg_oidset_add: add a copy of ID to SET. Returns 1 when added, 0 when SET
 * held it already, -1 out of memory (SET is then unchanged).
 */
int fg_oidset_add(struct fg_oidset *set, const git_oid *id);

/* fg_oidset_has: 1 when SET holds ID, else 0. */
int fg_oidset_has(const struct fg_oidset *set, const git_oid *id);

/* fg_oidset_release: free what SET owns; SET is left empty (FG_OIDSET_INIT). */
void fg_oidset_release(struct fg_oidset *set);

#endif

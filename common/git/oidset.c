/*
 * A set of object IDs (git layer) in open addressing with linear probing:
 * the commits a walk has seen, those a push brings.
 */
#include <stdlib.h>
#include <string.h>
#include "oidset.h"

static size_t oid_hash(const git_oid *id)
{
	size_t h;

	memcpy(&h, id->id, sizeof(h)); /* SHA-1 bits: already uniform */
	return h;
}

int fg_oidset_add(struct fg_oidset *set, const git_oid *id)
{
	size_t i;

	if (2 * (set->n + 1) > set->cap) {
		struct fg_oidset bigger = { NULL, NULL, set->cap ? set->cap * 2 : 1024, 0 };

		if (!(bigger.slots = malloc(bigger.cap * sizeof(*bigger.slots))) ||
		    !(bigger.used = calloc(bigger.cap, 1))) {
			free(bigger.slots);
			return -1;
		}
		for (i = 0; i < set->cap; i++)
			if (set->used[i])
				fg_oidset_add(&bigger, &set->slots[i]);
		fg_oidset_release(set);
		*set = bigger;
	}
	for (i = oid_hash(id) & (set->cap - 1); set->used[i]; i = (i + 1) & (set->cap - 1))
		if (git_oid_equal(&set->slots[i], id))
			return 0;
	set->used[i] = 1;
	git_oid_cpy(&set->slots[i], id);
	set->n++;
	return 1;
}

int fg_oidset_has(const struct fg_oidset *set, const git_oid *id)
{
	if (!set->cap)
		return 0;
	for (size_t i = oid_hash(id) & (set->cap - 1); set->used[i];
	     i = (i + 1) & (set->cap - 1))
		if (git_oid_equal(&set->slots[i], id))
			return 1;
	return 0;
}

void fg_oidset_release(struct fg_oidset *set)
{
	free(set->slots);
	free(set->used);
	set->slots = NULL;
	set->used = NULL;
	set->cap = set->n = 0;
}

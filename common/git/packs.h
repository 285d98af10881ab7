/*
 * Objects read straight from the repository's packs (gitformat-pack(5):
 * pack version 2 or 3, pack index version 2), without libgit2's object
 * database path, for walks of many commits; anything the reader does not
 * handle is read by git_odb_read instead, so the same objects come out.
 * Layer: git (common/README).
 */
#ifndef FLOWGATE_PACKS_H
#define FLOWGATE_PACKS_H

#include <stddef.h>
#include <git2.h>

/*
 * A reader of one repository's objects. It finds an object in the packs
 * of the object directories git reads (GIT_OBJECT_DIRECTORY or the
 * repository's objects/, the directories of GIT_ALTERNATE_OBJECT_DIRECTORIES
 * and of objects/info/alternates), through each pack's .idx; it inflates
 * the object, applying its deltas (OFS_DELTA, REF_DELTA within the pack),
 * and keeps the bases of deltas it rebuilt in a cache bounded in bytes. It
 * maps the packs a window at a time and keeps a bounded number of windows,
 * and holds a large pack's index compact after a few lookups
 * (fg_packs_set_compact), so its resident memory does not grow with the
 * pack. Every other case
 * (a loose object, an object in no pack it opened, a pack index of
 * version 1, a pack or delta it finds damaged, an allocation that fails)
 * goes to git_odb_read, whose errors are then the reader's: an object
 * reads the same either way, by its ID.
 */
struct fg_packs;

/*
 * fg_packs_new: a reader of REPO's objects (REPO borrowed: it must outlive
 * the reader). Packs that cannot be listed or opened are left to libgit2.
 * Returns 0, or a libgit2 error (no object database, out of memory).
 * Free with fg_packs_free.
 */
int fg_packs_new(struct fg_packs **out, git_repository *repo);

/* fg_packs_free: free P and what it holds (NULL: nothing). */
void fg_packs_free(struct fg_packs *p);

/*
 * fg_packs_read: object ID, as git_odb_read reads it: its type into
 * *TYPE, its data into *DATA (*LEN bytes, then a NUL), valid until the
 * next fg_packs_read on P or fg_packs_free. Returns 0, or git_odb_read's
 * error (GIT_ENOTFOUND: no such object).
 */
int fg_packs_read(struct fg_packs *p, const git_oid *id, git_object_t *type, const char **data,
		  size_t *len);

/*
 * The counts of a reader's work, for tests: objects read from the packs
 * (by the reader itself), objects read by git_odb_read, deltas applied,
 * bases found in the cache, windows mapped, pack indexes made compact,
 * reads of an index's IDs to confirm a lookup in a compact one.
 */
struct fg_packs_stats {
	size_t packed, fallback, deltas, cached, windows, compact, confirms;
};

/* fg_packs_stats: P's counts so far. */
struct fg_packs_stats fg_packs_stats(const struct fg_packs *p);

/*
 * fg_packs_set_compact: when P makes a pack's index compact, for tests
 * (the defaults: after 64 lookups in it and one for every 32 objects it
 * lists, when it lists 131,072 objects or more). A mapped index is binary-searched where it lies, and the kernel
 * keeps the pages touched around each lookup resident; a compact one
 * holds the fanout, two bytes of each ID and each 32-bit offset in
 * memory (6 bytes an object, where the file has 28) and reads the IDs
 * that share a lookup's two bytes from the file (pread) to confirm it.
 * AFTER: lookups in a pack while it is mapped (0: compact at its first);
 * MIN_OBJECTS: the fewest objects of a pack made compact.
 */
void fg_packs_set_compact(struct fg_packs *p, size_t after, uint32_t min_objects);

#endif

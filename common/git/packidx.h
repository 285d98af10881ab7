/*
 * A pack's index (gitformat-pack(5), "pack-*.idx files have the following
 * format", version 2): opened and checked as git's check_packed_git_idx
 * does, and an object's offset found in it as find_pack_entry_one and
 * nth_packed_object_offset find it (packfile.c, git v2.39.5), first with
 * the file mapped, then from a compact table. For packs.c only.
 * Layer: git (common/README).
 */
#ifndef FLOWGATE_PACKIDX_H
#define FLOWGATE_PACKIDX_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/*
 * A pack's index. While MAP is set, lookups binary-search the mapped
 * file; once compact, MAP is NULL and FAN, KEYS and OFFS hold what a
 * lookup needs in memory (the fanout, bytes 1 and 2 of every ID, every
 * 32-bit offset in host order: 6 bytes an object where the file has 28),
 * and the IDs that share a lookup's key are read from FD to confirm it.
 * A mapped index holds no descriptor (its pack holds one: a repository
 * of a thousand packs must not use two each); making it compact opens
 * PATH again, for good, and goes on only when it is still the file mapped.
 */
struct fg_pack_index {
	char *path;                   /* the file's, owned */
	int fd;                       /* the file, open once compact; -1: none */
	dev_t dev;                    /* the file mapped */
	ino_t ino;
	const unsigned char *map;     /* the file, mapped whole; NULL once compact */
	size_t len;
	uint32_t n;                   /* objects */
	size_t n64;                   /* 64-bit offsets */
	unsigned char pack_sum[20];   /* the pack's checksum, as the index records it */
	size_t lookups;               /* while mapped */
	uint32_t *fan;
	uint16_t *keys;
	uint32_t *offs;
	int no_compact;               /* making it compact failed once: it stays mapped */
};

/*
 * fg_pack_index_open: the index file at PATH into IX, when it is one git
 * reads as version 2: the magic and version, a monotonic fanout, a size
 * that fits the fanout's object count and the 64-bit offsets. Returns 0
 * (close IX with fg_pack_index_close), or -1 (IX holds nothing; the file
 * is not one or cannot be read: the caller leaves the pack to libgit2).
 */
int fg_pack_index_open(struct fg_pack_index *ix, const char *path);

/* fg_pack_index_close: unmap, close and free what IX holds (an empty IX: nothing). */
void fg_pack_index_close(struct fg_pack_index *ix);

/*
 * fg_pack_index_find: the pack offset of the object whose raw ID is ID
 * (20 bytes) in IX. Counts a lookup while IX is mapped; once AFTER were
 * counted and IX lists MIN_OBJECTS or more, makes IX compact first
 * (adding 1 to *COMPACTED; a failure leaves IX mapped for good). In a
 * compact IX, each read of IDs from the file adds 1 to *CONFIRMS.
 * Returns 1 and *OFF (not yet checked against the pack's size), or 0 when
 * IX does not list ID (or its entry, or the file, cannot be read there).
 */
int fg_pack_index_find(struct fg_pack_index *ix, const unsigned char *id, uint64_t *off,
		       size_t after, uint32_t min_objects, size_t *compacted, size_t *confirms);

#endif

/*
 * bytes: big-endian integers as git's file formats store them (the index,
 * pack indexes, packs: gitformat-index(5), gitformat-pack(5), "network
 * byte order"). No code but these two readers, inline for the loops that
 * read an entry's fields. Layer: base (common/README).
 */
#ifndef FLOWGATE_BYTES_H
#define FLOWGATE_BYTES_H

#include <stdint.h>

/* fg_be32: the 32-bit big-endian integer at P (4 bytes, any alignment). */
static inline uint32_t fg_be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* fg_be64: the 64-bit big-endian integer at P (8 bytes, any alignment). */
static inline uint64_t fg_be64(const unsigned char *p)
{
	return (uint64_t)fg_be32(p) << 32 | fg_be32(p + 4);
}

#endif

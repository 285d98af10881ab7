/*
 * array: growing a heap array by doubling, for the lists an engine builds
 * as it reads refs and walks commits. No flowgate knowledge here: the
 * bottom layer.
 * Layer: base (common/README).
 */
#ifndef FLOWGATE_ARRAY_H
#define FLOWGATE_ARRAY_H

#include <stddef.h>

/*
 * fg_array_grow: make *ARRAY, an array of elements of SIZE bytes with *CAP
 * of them allocated (NULL and 0 at first), hold at least NEED elements:
 * realloc(3) to the first doubling of *CAP (8 when 0) that is NEED or more,
 * *CAP set to it; nothing when *CAP is NEED or more already. The elements
 * are kept; new ones are not initialised. The caller owns *ARRAY and frees
 * it. Returns 0, or -1 out of memory with *ARRAY and *CAP unchanged.
 */
int fg_array_grow(void **array, size_t *cap, size_t need, size_t size);

#endif

/*
 * array (array.h): an array grown by doubling.
 */
#include <stdlib.h>
#include "array.h"

int fg_array_grow(void **array, size_t *cap, size_t need, size_t size)
{
	void *bigger;
	size_t n = *cap ? *cap : 8;

	if (need <= *cap)
		return 0;
	while (n < need)
		n *= 2;
	if (!(bigger = realloc(*array, n * size)))
		return -1;
	*array = bigger;
	*cap = n;
	return 0;
}

/*
 * memset/memcpy/memmove/memcmp: gcc emits calls to these for struct copies
 * and initialisers even with -ffreestanding.  Byte-wise on purpose: with the
 * MMU off all data accesses are Strongly-ordered, where unaligned word
 * accesses fault, and these only ever see small objects.
 */
#include <stddef.h>
#include "string.h"

void *memset(void *dst, int c, size_t n)
{
	volatile unsigned char *d = dst;	/* volatile: not back into memset */

	while (n--)
		*d++ = (unsigned char)c;
	return dst;
}

void *memcpy(void *dst, const void *src, size_t n)
{
	volatile unsigned char *d = dst;
	const unsigned char *s = src;

	while (n--)
		*d++ = *s++;
	return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
	volatile unsigned char *d = dst;
	const unsigned char *s = src;

	if (d <= s || d >= s + n)
		return memcpy(dst, src, n);
	while (n--)
		d[n] = s[n];
	return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;

	for (; n; n--, x++, y++)
		if (*x != *y)
			return *x - *y;
	return 0;
}

size_t strlen(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

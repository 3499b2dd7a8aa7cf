/*
 * Flattened-device-tree basics for the guests' DTB readers (board.c,
 * chan_dt.c): token values and bounded byte-wise helpers.
 */
#ifndef GUEST_FDT_H
#define GUEST_FDT_H

#include <stdint.h>

#define FDT_MAGIC 0xd00dfeedu
#define FDT_BEGIN_NODE 1u
#define FDT_END_NODE 2u
#define FDT_PROP 3u
#define FDT_NOP 4u
#define FDT_END 9u
#define FDT_MAX_SIZE (1u << 20)

/* Byte loads: with the MMU off every access is strongly ordered, and a DTB
 * property need not be word aligned. */
static inline uint32_t fdt_be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Length of the NUL-terminated string at s, at most max. */
static inline uint32_t fdt_str_len(const uint8_t *s, uint32_t max)
{
	uint32_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

/* The alen bytes at a equal the C string b. */
static inline int fdt_str_eq(const uint8_t *a, uint32_t alen, const char *b)
{
	uint32_t i;

	for (i = 0; i < alen && b[i]; i++)
		if (a[i] != (uint8_t)b[i])
			return 0;
	return i == alen && b[i] == '\0';
}

#endif

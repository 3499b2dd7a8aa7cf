/*
 * /chosen's initrd in a guest's DTB (guests/blobcheck, guests/loader): a
 * bounded walk of the flattened tree. Static inline in a header of its own,
 * so that only the guests that include it carry it (the guest library is
 * linked whole, without section garbage collection).
 */
#ifndef GUEST_FDT_CHOSEN_H
#define GUEST_FDT_CHOSEN_H

#include "fdt.h"

/*
 * The one-cell properties linux,initrd-start and -end of /chosen. Every
 * offset is bounded by the header's sizes. Returns 0 if either is missing.
 */
static inline int fdt_chosen_initrd(uint32_t dtb, uint32_t *start, uint32_t *end)
{
	const uint8_t *h = (const uint8_t *)(uintptr_t)dtb;
	const uint8_t *st, *strs;
	uint32_t total, st_size, str_size, off = 0, depth = 0;
	int in_chosen = 0, got = 0;

	if (dtb == 0 || (dtb & 3u) || fdt_be32(h) != FDT_MAGIC)
		return 0;
	total = fdt_be32(h + 4);
	st_size = fdt_be32(h + 36);
	str_size = fdt_be32(h + 32);
	if (total > FDT_MAX_SIZE || fdt_be32(h + 8) > total || st_size > total - fdt_be32(h + 8) ||
	    fdt_be32(h + 12) > total || str_size > total - fdt_be32(h + 12))
		return 0;
	st = h + fdt_be32(h + 8);
	strs = h + fdt_be32(h + 12);
	while (off + 4u <= st_size) {
		const uint8_t *p = st + off;
		uint32_t tok = fdt_be32(p);

		off += 4u;
		if (tok == FDT_BEGIN_NODE) {
			uint32_t l = fdt_str_len(p + 4, st_size - off);

			depth++;
			if (depth == 2u)
				in_chosen = fdt_str_eq(p + 4, l, "chosen");
			off += (l + 4u) & ~3u;
		} else if (tok == FDT_END_NODE) {
			if (depth == 0u)
				break;
			depth--;
		} else if (tok == FDT_PROP) {
			uint32_t len, nameoff, nlen;

			if (off + 8u > st_size)
				break;
			len = fdt_be32(p + 4);
			nameoff = fdt_be32(p + 8);
			off += 8u;
			if (len > st_size - off || nameoff >= str_size)
				break;
			off += (len + 3u) & ~3u;
			nlen = fdt_str_len(strs + nameoff, str_size - nameoff);
			if (depth != 2u || !in_chosen || len != 4u)
				continue;
			if (fdt_str_eq(strs + nameoff, nlen, "linux,initrd-start")) {
				*start = fdt_be32(p + 12);
				got |= 1;
			} else if (fdt_str_eq(strs + nameoff, nlen, "linux,initrd-end")) {
				*end = fdt_be32(p + 12);
				got |= 2;
			}
		} else if (tok != FDT_NOP) {
			break;
		}
	}
	return got == 3;
}

#endif

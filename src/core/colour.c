// SPDX-License-Identifier: MIT
/*
 * Cache colouring (CONFIG_CACHE_COLOURING; built only then): the
 * hypervisor's accesses to a coloured VM's memory, through the VM's
 * constant stage-2 tables. The generator placed the region as frames of
 * the VM's colours and checked that every blob lies in its memory; this
 * file only follows the tables (LPAE, 4 KiB granule, a 4-entry level-1
 * root: vmconfig.h). The tables are in the hypervisor image, which the
 * Hyp map holds at their physical addresses.
 */
#include "colour.h"

#include "console.h"
#include "lib.h"
#include "arch/cpu.h"

#define DESC_TYPE 0x3ull
#define DESC_TABLE 0x3ull /* levels 1, 2 (level 3: a page) */
#define DESC_BLOCK 0x1ull
#define DESC_OA 0x000000fffffff000ull

/* PA of ipa in the VM's stage 2; 0 if unmapped (never for its own RAM). */
static uint64_t colour_walk(const struct vm_config *cfg, uint32_t ipa)
{
	const uint64_t *t = cfg->s2_root;
	uint64_t d = t[ipa >> 30];

	if ((d & DESC_TYPE) == DESC_BLOCK)
		return (d & DESC_OA & ~0x3fffffffull) | (ipa & 0x3fffffffu);
	if ((d & DESC_TYPE) != DESC_TABLE)
		return 0;
	t = (const uint64_t *)(uintptr_t)(d & DESC_OA);
	d = t[(ipa >> 21) & 511u];
	if ((d & DESC_TYPE) == DESC_BLOCK)
		return (d & DESC_OA & ~0x1fffffull) | (ipa & 0x1fffffu);
	if ((d & DESC_TYPE) != DESC_TABLE)
		return 0;
	t = (const uint64_t *)(uintptr_t)(d & DESC_OA);
	d = t[(ipa >> 12) & 511u];
	if ((d & DESC_TYPE) != DESC_TABLE) /* a page at level 3 */
		return 0;
	return (d & DESC_OA) | (ipa & 0xfffu);
}

static void *frame_ptr(const struct vm_config *cfg, uint32_t ipa)
{
	uint64_t pa = colour_walk(cfg, ipa);

	/* the generator maps every page of a coloured region, below 4 GiB */
	ASSERT(pa != 0 && pa < (1ull << 32));
	return (void *)(uintptr_t)pa;
}

/* Bytes from ipa to the end of its frame, at most left. */
static uint32_t in_frame(uint32_t ipa, uint32_t left)
{
	uint32_t room = PAGE_SIZE - (ipa & (PAGE_SIZE - 1u));

	return left < room ? left : room;
}

void colour_copy(const struct vm_config *cfg, uint32_t ipa, const uint8_t *src, uint32_t size)
{
	/* at most size / 4 KiB + 1 frames */
	while (size > 0) {
		uint32_t n = in_frame(ipa, size);
		void *dst = frame_ptr(cfg, ipa);

		memcpy(dst, src, n);
		cache_clean_range(dst, n);
		ipa += n;
		src += n;
		size -= n;
	}
}

void colour_clean_invalidate(const struct vm_config *cfg, uint32_t ipa, uint32_t size)
{
	while (size > 0) {
		uint32_t n = in_frame(ipa, size);

		cache_clean_invalidate_range(frame_ptr(cfg, ipa), n);
		ipa += n;
		size -= n;
	}
}

void colour_names(const struct vm_config *cfg, char *buf, uint32_t size)
{
	uint64_t set = cfg->colours;
	uint32_t nr = cfg->nr_colours;
	uint32_t at = 0;

	if (size == 0)
		return;
	if (nr > 64u) /* a uint64_t set */
		nr = 64u;
	buf[0] = '\0';
	/* runs of consecutive colours, "0-3 6 8-15": at most 32 of them */
	for (uint32_t c = 0; c < nr; c++) {
		uint32_t e = c;
		int n;

		if (!((set >> c) & 1u))
			continue;
		while (e + 1u < nr && ((set >> (e + 1u)) & 1u))
			e++;
		if (e == c)
			n = snprintf(buf + at, size - at, "%s%u", at ? " " : "", c);
		else
			n = snprintf(buf + at, size - at, "%s%u-%u", at ? " " : "", c, e);
		if (n < 0 || (uint32_t)n >= size - at)
			return; /* cut short: snprintf ended it */
		at += (uint32_t)n;
		c = e;
	}
}

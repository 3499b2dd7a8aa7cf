/* SPDX-License-Identifier: MIT */
/*
 * Check phase, cache colouring: the rules between VMs and the properties a
 * coloured VM may not have (docs/partition-binding.md "Cache colouring").
 *
 * - An hrt VM's colours are its own: no other VM may list one of them, and
 *   once an hrt VM is coloured every VM must be (an uncoloured VM's RAM is
 *   contiguous, so it would use every colour, the hrt VM's too). srt and be
 *   VMs may share colours among themselves.
 * - A coloured VM's RAM is placed frame by frame: no memory-phys or
 *   direct-map region (a fixed contiguous PA range has every colour).
 * - Without an IOMMU a device that masters DMA sees PAs, and a coloured
 *   VM's IPAs are no longer PAs: its passed-through devices need the
 *   explicit cache-colours-no-dma (none of them masters DMA).
 */
#include <stdio.h>

#include "dt.h"
#include "util.h"

/* "0 1 5" into buf. */
static const char *colour_list(uint64_t set, char *buf, size_t len)
{
	size_t o = 0;
	uint32_t c;

	buf[0] = '\0';
	for (c = 0; c < GEN_MAX_COLOURS && o + 4 < len; c++)
		if (set & (1ull << c))
			o += (size_t)snprintf(buf + o, len - o, "%s%u", o ? " " : "", c);
	return buf;
}

void colours_check(struct gen *g)
{
	char buf[256];
	uint32_t i, j, k;
	int hrt = -1;

	for (i = 0; i < g->nr_vms; i++)
		if (g->vms[i].colours && g->vms[i].level == GEN_LEVEL_HRT && hrt < 0)
			hrt = (int)i;
	for (i = 0; i < g->nr_vms; i++) {
		struct vm *vm = &g->vms[i];

		if (!vm->colours) {
			if (hrt >= 0)
				report(g, vm->node, NULL,
				       "no cache-colours: its RAM would use every colour, hrt VM \"%s\"'s "
				       "too (once an hrt VM is coloured, every VM must be)",
				       g->vms[hrt].name);
			continue;
		}
		for (j = 0; j < i; j++) {
			const struct vm *o = &g->vms[j];
			uint64_t both = vm->colours & o->colours;

			if (both && (vm->level == GEN_LEVEL_HRT || o->level == GEN_LEVEL_HRT))
				report(g, vm->node, "cache-colours",
				       "colour(s) %s also in VM \"%s\": an hrt VM's colours are its own",
				       colour_list(both, buf, sizeof(buf)), o->name);
		}
		for (k = 0; k < vm->nr_regions; k++) {
			const struct region *r = &vm->region[k];

			if (r->has_phys || r->direct_map)
				report(g, r->node, r->has_phys ? "memory-phys" : "direct-map",
				       "a coloured VM's memory is placed in frames of its colours: no %s",
				       r->has_phys ? "memory-phys" : "direct-map");
		}
		if (vm->nr_devs > 0 && !vm->colour_no_dma)
			report(g, vm->node, "devices",
			       "a coloured VM's IPAs are not PAs: a passed-through device that masters "
			       "DMA would write elsewhere (no IOMMU); if none does, say "
			       "cache-colours-no-dma");
	}
}

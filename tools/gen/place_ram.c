/* SPDX-License-Identifier: MIT */
/*
 * Place phase, RAM: physical placement of VM RAM that has no
 * memory-phys/direct-map.
 *
 * Stage-2 block descriptors need IPA and PA to agree modulo the block size,
 * so the PA is chosen congruent to the IPA modulo the largest block the RAM
 * could use; then the lowest such address that is free wins. Lowest-first
 * keeps the layout predictable from the partition files alone.
 */
#include <stdlib.h>

#include "dt.h"
#include "util.h"

/* The obstacles: the hypervisor, reserved memory, every region and channel already placed. */
static bool is_free(const struct gen *g, struct range r)
{
	struct range hyp = { g->opt.hyp_base, g->opt.hyp_base + g->opt.hyp_size };
	uint32_t i, k;

	if (range_overlap(r, hyp))
		return false;
	for (i = 0; i < g->board.nr_resv; i++)
		if (range_overlap(r, g->board.resv[i]))
			return false;
	for (i = 0; i < g->nr_vms; i++) {
		const struct vm *vm = &g->vms[i];

		for (k = 0; k < vm->nr_regions; k++)
			if (vm->region[k].placed && range_overlap(r, region_pa(&vm->region[k])))
				return false;
	}
	for (i = 0; i < g->nr_chans; i++) {
		const struct channel *c = &g->chans[i];

		if (c->placed && range_overlap(r, (struct range){ c->pa, c->pa + c->size }))
			return false;
	}
	for (i = 0; i < g->nr_held; i++)
		if (range_overlap(r, g->held[i]))
			return false;
	return true;
}

/* Smallest pa >= from with pa == ipa (mod block). */
static uint64_t align_congruent(uint64_t from, uint64_t ipa, uint64_t block)
{
	return from + ((ipa - from) & (block - 1));
}

/*
 * The lowest valid placement starts either at a memory range's start or
 * right after an obstacle, pushed up to the congruence class: try those.
 */
bool place_find(const struct gen *g, uint64_t ipa, uint64_t size, uint64_t block, uint64_t *pa)
{
	const struct board *b = &g->board;
	uint32_t nr_cand = 0, m, c, k;
	uint64_t *cand =
	    xcalloc((size_t)g->nr_vms * GEN_MAX_REGIONS + g->nr_chans + b->nr_mem + b->nr_resv +
			g->nr_held + 1,
		    sizeof(*cand));
	bool found = false;

	for (m = 0; m < b->nr_mem; m++)
		cand[nr_cand++] = b->mem[m].start;
	cand[nr_cand++] = g->opt.hyp_base + g->opt.hyp_size;
	for (m = 0; m < b->nr_resv; m++)
		cand[nr_cand++] = b->resv[m].end;
	for (c = 0; c < g->nr_vms; c++)
		for (k = 0; k < g->vms[c].nr_regions; k++)
			if (g->vms[c].region[k].placed)
				cand[nr_cand++] = g->vms[c].region[k].pa + g->vms[c].region[k].size;
	for (c = 0; c < g->nr_chans; c++)
		if (g->chans[c].placed)
			cand[nr_cand++] = g->chans[c].pa + g->chans[c].size;
	for (c = 0; c < g->nr_held; c++)
		cand[nr_cand++] = g->held[c].end;

	for (c = 0; c < nr_cand; c++) {
		uint64_t start = align_congruent(cand[c], ipa, block);
		struct range r = { start, start + size };

		for (m = 0; m < b->nr_mem; m++)
			if (r.start >= b->mem[m].start && r.end <= b->mem[m].end)
				break;
		if (m == b->nr_mem || !is_free(g, r) || (found && start >= *pa))
			continue;
		*pa = start;
		found = true;
	}
	free(cand);
	return found;
}

void place_ram(struct gen *g)
{
	static const uint64_t blocks[] = { SZ_1G, SZ_2M, SZ_4K };
	uint32_t i, j, k;

	for (i = 0; i < g->nr_vms; i++) {
		struct vm *vm = &g->vms[i];

		/* a coloured VM's regions: frames, placed last (place_colour.c) */
		for (j = 0; vm->ok_mem && !vm->colours && j < vm->nr_regions; j++) {
			struct region *r = &vm->region[j];
			bool found = false;

			if (r->placed || r->has_phys || r->direct_map)
				continue;
			/*
			 * Largest block the IPA alignment and size allow first; fall back
			 * to smaller ones rather than fail while any free range fits.
			 */
			for (k = 0; k < ARRAY_SIZE(blocks) && !found; k++) {
				if (r->ipa % blocks[k] != 0 || r->size < blocks[k])
					continue;
				found = place_find(g, r->ipa, r->size, blocks[k], &r->pa);
			}
			if (!found) {
				report(g, r->node, r->prop, "no free physical RAM for 0x%08llx bytes",
				       (unsigned long long)r->size);
				continue;
			}
			r->placed = true;
		}
	}
}

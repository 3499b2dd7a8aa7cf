/* SPDX-License-Identifier: MIT */
/*
 * Place phase, cache colouring: each coloured VM's memory regions as 4 KiB
 * frames of its colours, lowest free frame first, in VM then region then
 * IPA order. The IPA space stays as declared (contiguous); only the PAs are
 * scattered. It runs last among the placements: the uncoloured regions and
 * the channels keep their contiguous ranges (and largest blocks), and the
 * frames come from what they left free, never from the hypervisor's
 * region or reserved memory. Frames above 4 GiB are not used (the
 * hypervisor's identity map and vmconfig's addresses are 32-bit).
 */
#include <stdlib.h>

#include "dt.h"
#include "util.h"

/* Every frame given out so far: sorted PA >> 12 arrays would do, a bitmap
 * over the 4 GiB below is simpler (128 KiB). */
#define NR_FRAMES (1u << 20)

static bool frame_free(const struct gen *g, const uint32_t *taken, uint64_t pa)
{
	struct range r = { pa, pa + SZ_4K };
	struct range hyp = { g->opt.hyp_base, g->opt.hyp_base + g->opt.hyp_size };
	uint32_t i, k;

	if (bitmap_test(taken, (uint32_t)(pa >> 12)) || range_overlap(r, hyp))
		return false;
	for (i = 0; i < g->board.nr_resv; i++)
		if (range_overlap(r, g->board.resv[i]))
			return false;
	for (i = 0; i < g->nr_vms; i++)
		for (k = 0; k < g->vms[i].nr_regions; k++) {
			const struct region *reg = &g->vms[i].region[k];

			if (reg->placed && !reg->frames && range_overlap(r, region_pa(reg)))
				return false;
		}
	for (i = 0; i < g->nr_chans; i++)
		if (g->chans[i].placed &&
		    range_overlap(r, (struct range){ g->chans[i].pa, g->chans[i].pa + g->chans[i].size }))
			return false;
	for (i = 0; i < g->nr_held; i++)
		if (range_overlap(r, g->held[i]))
			return false;
	return true;
}

static uint32_t colour_of(const struct gen *g, uint64_t pa)
{
	return (uint32_t)((pa >> 12) % g->board.nr_colours);
}

/*
 * Up to want free frames of the VM's colours into out (NULL: count only),
 * marking them taken; returns how many there are. Bounded by the board's
 * RAM below 4 GiB: at most NR_FRAMES steps per memory range.
 */
static uint64_t take_frames(const struct gen *g, uint32_t *taken, uint64_t colours, uint32_t *out,
			    uint64_t want)
{
	uint64_t n = 0, pa;
	uint32_t m;

	for (m = 0; m < g->board.nr_mem && n < want; m++) {
		uint64_t start = (g->board.mem[m].start + SZ_4K - 1) & ~(SZ_4K - 1);
		uint64_t end = g->board.mem[m].end < SZ_4G ? g->board.mem[m].end : SZ_4G;

		for (pa = start; pa + SZ_4K <= end && n < want; pa += SZ_4K) {
			if (!(colours & (1ull << colour_of(g, pa))) || !frame_free(g, taken, pa))
				continue;
			if (out) {
				out[n] = (uint32_t)(pa >> 12);
				bitmap_set(taken, (uint32_t)(pa >> 12));
			}
			n++;
		}
	}
	return n;
}

void colours_place(struct gen *g)
{
	uint32_t *taken = xcalloc(NR_FRAMES / 32, sizeof(uint32_t));
	uint32_t i, k;
	char sz[32], fr[32];

	for (i = 0; i < g->nr_vms; i++) {
		struct vm *vm = &g->vms[i];
		uint64_t need = 0, have;

		if (!vm->colours)
			continue;
		for (k = 0; k < vm->nr_regions; k++)
			need += vm->region[k].size / SZ_4K;
		have = take_frames(g, taken, vm->colours, NULL, need);
		if (have < need) {
			report(g, vm->node, "cache-colours",
			       "its %s of memory needs %llu frames of its colours; the board RAM left "
			       "free has %llu (%s)",
			       fmt_size(need * SZ_4K, sz, sizeof(sz)), (unsigned long long)need,
			       (unsigned long long)have, fmt_size(have * SZ_4K, fr, sizeof(fr)));
			continue;
		}
		for (k = 0; k < vm->nr_regions; k++) {
			struct region *r = &vm->region[k];

			r->frames = xcalloc(r->size / SZ_4K, sizeof(*r->frames));
			take_frames(g, taken, vm->colours, r->frames, r->size / SZ_4K);
			r->pa = 0;
			r->placed = true;
		}
	}
	free(taken);
}

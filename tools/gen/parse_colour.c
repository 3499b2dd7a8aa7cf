/* SPDX-License-Identifier: MIT */
/*
 * Parse phase, cache colouring (docs/partition-binding.md "Cache
 * colouring"): each VM's cache-colours and cache-colours-no-dma, and, only
 * when a VM is coloured, the board's level-2 cache geometry.
 *
 * A colour is a class of 4 KiB frames: frames whose PA bits [12, 12 + k)
 * are equal fall into the same L2 sets, 2^k = way size / 4 KiB. The L1 does
 * not count: it is private to its core (cores are not shared between an hrt
 * VM and another), and the Cortex-A7/A15 L1 D-cache is PIPT anyway, so
 * nothing is subtracted for L1 aliasing.
 */
#include <libfdt.h>
#include <stdio.h>
#include <string.h>

#include "dt.h"
#include "util.h"

static bool is_pow2(uint64_t x)
{
	return x != 0 && (x & (x - 1)) == 0;
}

/* A required u32 cache property, non-zero; 0 if absent or bad (reported). */
static uint32_t cache_u32(struct gen *g, int node, const char *name, const char *alt)
{
	uint32_t v = 0;
	int r = dt_u32(g, node, name, &v);

	if (r == 0 && alt)
		r = dt_u32(g, node, alt, &v);
	if (r == 0) {
		report(g, node, NULL, "level-2 cache: missing %s%s%s (needed for cache-colours)", name,
		       alt ? " or " : "", alt ? alt : "");
		return 0;
	}
	if (r > 0 && v == 0) {
		report(g, node, dt_prop(g, node, name, NULL) ? name : alt, "level-2 cache: %s is 0",
		       dt_prop(g, node, name, NULL) ? name : alt);
		return 0;
	}
	return r > 0 ? v : 0;
}

/* The level-2 cache: the first node with compatible "cache" and cache-level <2>. */
static int find_l2(struct gen *g)
{
	int node;

	for (node = fdt_node_offset_by_compatible(g->fdt, -1, "cache"); node >= 0;
	     node = fdt_node_offset_by_compatible(g->fdt, node, "cache")) {
		uint32_t level = 0;

		if (dt_u32(g, node, "cache-level", &level) > 0 && level == 2)
			return node;
	}
	return -1;
}

/* The geometry into g->board; nr_colours stays 0 on any error (reported). */
static void load_geometry(struct gen *g, int vm_node)
{
	struct board *b = &g->board;
	int node = find_l2(g), len;
	uint32_t size, sets, line;
	uint64_t way;

	b->llc_node = node;
	if (node < 0) {
		report(g, vm_node, "cache-colours",
		       "cache-colours: the board DT has no level-2 cache node (compatible = \"cache\", "
		       "cache-level = <2>) to give the geometry");
		return;
	}
	size = cache_u32(g, node, "cache-size", NULL);
	sets = cache_u32(g, node, "cache-sets", NULL);
	line = cache_u32(g, node, "cache-line-size", "cache-block-size");
	if (!dt_prop(g, node, "cache-unified", &len))
		report(g, node, NULL, "level-2 cache: not cache-unified (colouring needs the shared unified cache)");
	if (size == 0 || sets == 0 || line == 0)
		return;
	if (!is_pow2(sets)) {
		report(g, node, "cache-sets", "level-2 cache: cache-sets %u is not a power of two", sets);
		return;
	}
	if (!is_pow2(line)) {
		report(g, node, dt_prop(g, node, "cache-line-size", &len) ? "cache-line-size" : "cache-block-size",
		       "level-2 cache: line size %u is not a power of two", line);
		return;
	}
	/* both powers of two: the way size is one too (u64: no overflow) */
	way = (uint64_t)sets * line;
	if (size % way != 0 || size / way == 0) {
		report(g, node, "cache-size",
		       "level-2 cache: cache-size %u is not a whole number of ways of %llu bytes "
		       "(cache-sets * line size)",
		       size, (unsigned long long)way);
		return;
	}
	if (way < 2 * SZ_4K || way / SZ_4K > GEN_MAX_COLOURS) {
		char buf[32];

		report(g, node, "cache-sets",
		       "level-2 cache: a way of %s gives %llu colours of 4 KiB (supported: 2..%u)",
		       fmt_size(way, buf, sizeof(buf)), (unsigned long long)(way / SZ_4K),
		       GEN_MAX_COLOURS);
		return;
	}
	b->llc_size = size;
	b->llc_sets = sets;
	b->llc_line = line;
	b->llc_ways = (uint32_t)(size / way);
	b->nr_colours = (uint32_t)(way / SZ_4K);
}

static void parse_vm_colours(struct gen *g, struct vm *vm)
{
	const void *cells;
	uint32_t n, i, nr = g->board.nr_colours;
	int len;

	if (dt_u32_list(g, vm->node, "cache-colours", &cells, &n) <= 0)
		return;
	/* an absurd list: say so once, not once per entry */
	if (n > nr) {
		report(g, vm->node, "cache-colours",
		       "cache-colours lists %u colours; the level-2 cache has %u", n, nr);
		return;
	}
	for (i = 0; i < n; i++) {
		uint32_t c = dt_cell(cells, i);

		if (c >= nr) {
			report(g, vm->node, "cache-colours",
			       "colour %u is beyond the level-2 cache's %u colours (0..%u)", c, nr,
			       nr - 1);
			vm->colours = 0;
			return;
		}
		if (vm->colours & (1ull << c)) {
			report(g, vm->node, "cache-colours", "colour %u is listed twice", c);
			vm->colours = 0;
			return;
		}
		vm->colours |= 1ull << c;
	}
	vm->colour_no_dma = dt_prop(g, vm->node, "cache-colours-no-dma", &len) != NULL;
	if (vm->colour_no_dma && len != 0)
		report(g, vm->node, "cache-colours-no-dma", "cache-colours-no-dma takes no value");
}

void colours_load(struct gen *g)
{
	uint32_t i;
	int len;

	g->board.llc_node = -1;
	for (i = 0; i < g->nr_vms; i++) {
		struct vm *vm = &g->vms[i];

		if (!dt_prop(g, vm->node, "cache-colours", &len)) {
			if (dt_prop(g, vm->node, "cache-colours-no-dma", &len))
				report(g, vm->node, "cache-colours-no-dma",
				       "cache-colours-no-dma without cache-colours");
			continue;
		}
		if (!g->opt.colouring) {
			report(g, vm->node, "cache-colours",
			       "cache-colours needs CONFIG_CACHE_COLOURING=y (make menuconfig, Hypervisor)");
			continue;
		}
		/* the geometry once, at the first coloured VM */
		if (g->board.llc_node < 0 && g->board.nr_colours == 0) {
			load_geometry(g, vm->node);
			if (g->board.nr_colours == 0) {
				g->board.llc_node = -2; /* reported: no second attempt */
				return;
			}
		}
		parse_vm_colours(g, vm);
	}
}

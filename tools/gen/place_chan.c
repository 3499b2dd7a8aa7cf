/* SPDX-License-Identifier: MIT */
/*
 * Place phase, channels (docs/channels.md): a channel with a fixed pa is
 * checked against board memory, devices, the hypervisor and every fixed
 * region, and marked placed before place_ram() (which then avoids it); one
 * without pa is put in free board RAM after place_ram().
 */
#include <libfdt.h>
#include <stdio.h>

#include "dt.h"
#include "query.h"
#include "util.h"

/* The first board device with a reg window over r, or -1. */
static int board_device_over(struct gen *g, struct range r, struct range *win)
{
	int node, depth = 0, n, k;

	for (node = fdt_next_node(g->fdt, 0, &depth); node >= 0 && depth > 0;
	     node = fdt_next_node(g->fdt, node, &depth)) {
		if (node == g->board.uart_node || !board_is_device(g, node))
			continue; /* the console page is reported as such */
		n = dt_reg_count(g, node);
		for (k = 0; k < n; k++)
			if (dt_reg(g, node, k, win) == 0 && range_overlap(r, *win))
				return node;
	}
	return -1;
}

#define PA_CLASH(c, what, arg, r)                                                                  \
	report(g, (c)->node, "pa", "shared memory 0x%08llx..0x%08llx overlaps " what " (0x%08llx..0x%08llx)", \
	       (unsigned long long)(c)->pa, (unsigned long long)((c)->pa + (c)->size - 1), arg,            \
	       (unsigned long long)(r).start, (unsigned long long)(r).end - 1)

void channels_fixed(struct gen *g)
{
	const struct board *b = &g->board;
	const struct range gic[4] = { b->gicd, b->gicc, b->gich, b->gicv };
	static const char *const gname[4] = {
		"the GIC distributor (GICD)", "the GIC CPU interface (GICC)",
		"the GIC hypervisor interface (GICH)", "the GIC virtual CPU interface (GICV)",
	};
	const struct range hyp = { g->opt.hyp_base, g->opt.hyp_base + g->opt.hyp_size };
	const struct range uart = b->uart; /* every page of the console's window */
	char path[1024];
	uint32_t ci, j, k;

	for (ci = 0; ci < g->nr_chans; ci++) {
		struct channel *c = &g->chans[ci];
		struct range r = { c->pa, c->pa + c->size }, win;
		unsigned int before = g->errors;
		int dev;

		if (!c->ok || !c->has_pa)
			continue;
		for (k = 0; k < 4; k++)
			if (range_overlap(r, gic[k]))
				PA_CLASH(c, "%s", gname[k], gic[k]);
		if (b->uart_node >= 0 && range_overlap(r, uart))
			PA_CLASH(c, "%s", "the console UART page", uart);
		dev = board_device_over(g, r, &win);
		if (dev >= 0)
			PA_CLASH(c, "board device %s", node_path(g, dev, path, sizeof(path)), win);
		for (k = 0; k < b->nr_mem; k++)
			if (r.start >= b->mem[k].start && r.end <= b->mem[k].end)
				break;
		if (k == b->nr_mem && g->errors == before)
			report(g, c->node, "pa", "shared memory 0x%08llx..0x%08llx is outside board memory",
			       (unsigned long long)r.start, (unsigned long long)r.end - 1);
		if (range_overlap(r, hyp))
			PA_CLASH(c, "%s", "the hypervisor", hyp);
		for (k = 0; k < b->nr_resv; k++)
			if (range_overlap(r, b->resv[k]))
				PA_CLASH(c, "%s", "reserved memory", b->resv[k]);
		for (j = 0; j < g->nr_vms; j++)
			for (k = 0; k < g->vms[j].nr_regions; k++) {
				const struct region *reg = &g->vms[j].region[k];

				if (reg->placed && range_overlap(r, region_pa(reg)))
					PA_CLASH(c, "VM \"%s\"'s memory", g->vms[j].name, region_pa(reg));
			}
		for (j = 0; j < ci; j++) {
			const struct channel *o = &g->chans[j];
			struct range or = { o->pa, o->pa + o->size };

			if (o->placed && range_overlap(r, or))
				PA_CLASH(c, "channel \"%s\"", o->name, or);
		}
		c->placed = g->errors == before;
	}
}

/*
 * Without pa: the lowest free board RAM, congruent to the ends' IPAs modulo
 * the largest stage-2 block they all allow (so each VM maps it with as few
 * descriptors as its own RAM would take).
 */
void channels_place(struct gen *g)
{
	static const uint64_t blocks[] = { SZ_1G, SZ_2M, SZ_4K };
	uint32_t ci, k, e;

	for (ci = 0; ci < g->nr_chans; ci++) {
		struct channel *c = &g->chans[ci];
		bool found = false;

		if (!c->ok || c->has_pa || c->placed)
			continue;
		for (k = 0; k < ARRAY_SIZE(blocks) && !found; k++) {
			for (e = 1; e < c->nr_ends; e++)
				if ((c->end[e].ipa - c->end[0].ipa) % blocks[k])
					break;
			if (e < c->nr_ends || c->size < blocks[k])
				continue;
			found = place_find(g, c->end[0].ipa, c->size, blocks[k], &c->pa);
		}
		if (!found) {
			report(g, c->node, "size", "no free physical RAM for channel \"%s\" (0x%llx bytes)",
			       c->name, (unsigned long long)c->size);
			continue;
		}
		c->placed = true;
	}
}

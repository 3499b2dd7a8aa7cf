/* SPDX-License-Identifier: MIT */
/*
 * Parse phase, channels: /partitions/channels/<name> (docs/channels.md),
 * parsed once every VM is known, with the checks against the VMs.
 *
 * A channel is one block of physical RAM mapped into every VM on it (at
 * each VM's own IPA, read-only for an "ro" side) plus, per VM, an emulated
 * doorbell page and a doorbell interrupt. Everything that could let a
 * channel reach what it must not is checked here: its memory against the
 * board, the hypervisor, every VM's RAM and the other channels; each VM's
 * windows against that VM's guest-physical map; each doorbell interrupt
 * (a physical SPI its VM owns) against that VM's interrupts and against
 * every interrupt anyone else has; the channel's memory is place_chan.c's.
 */
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "query.h"
#include "dt.h"
#include "util.h"

#define CHAN_MAX_SIZE 0x10000000ull /* 256 MiB: a channel is a mailbox, not RAM */

/* A required <u32>: 1 present, 0 absent (reported), -1 malformed (reported). */
static int need_u32(struct gen *g, int node, const char *prop, uint32_t *v)
{
	int r = dt_u32(g, node, prop, v);

	if (r == 0)
		report(g, node, NULL, "missing required property \"%s\"", prop);
	return r;
}

static int vm_by_name(const struct gen *g, const char *name)
{
	uint32_t i;

	for (i = 0; i < g->nr_vms; i++)
		if (strcmp(g->vms[i].name, name) == 0)
			return (int)i;
	return -1;
}

static bool parse_end(struct gen *g, struct channel *c, int node, struct chan_end *e)
{
	static const char *const known[] = { "access", "ipa", "doorbell", "interrupt", "phandle" };
	const char *name = fdt_get_name(g->fdt, node, NULL), *file, *s;
	char path[1024];
	uint32_t v;
	uint32_t line;
	bool ok;
	int r;

	memset(e, 0, sizeof(*e));
	e->node = node;
	e->vm = name ? vm_by_name(g, name) : -1;
	ok = dt_known_props(g, node, known, ARRAY_SIZE(known), "a channel's VM node");
	if (e->vm < 0) {
		report(g, node, NULL, "unknown VM \"%s\" on channel \"%s\" (no partition of that name)",
		       name ? name : "", c->name);
		ok = false;
	}
	/* dtc merges two same-named subnodes into one: the second place shows */
	if (annot_second(&g->annot, node_path(g, node, path, sizeof(path)), &file, &line)) {
		report(g, node, NULL, "VM \"%s\" is on channel \"%s\" twice (also at %s:%u)",
		       name ? name : "", c->name, file, line);
		ok = false;
	}
	if (fdt_first_subnode(g->fdt, node) >= 0) {
		report(g, node, NULL, "a channel's VM node has no subnodes");
		ok = false;
	}
	r = dt_string(g, node, "access", &s);
	if (r == 0)
		report(g, node, NULL, "missing required property \"access\"");
	if (r == 1 && strcmp(s, "ro") == 0) {
		e->ro = true;
	} else if (r == 1 && strcmp(s, "rw") != 0) {
		report(g, node, "access", "unknown access \"%s\" (expected rw or ro)", s);
		ok = false;
	}
	ok = r == 1 && ok;

	r = need_u32(g, node, "ipa", &v);
	e->ipa = v;
	if (r == 1 && v % SZ_4K) {
		report(g, node, "ipa", "ipa 0x%08x is not 4 KiB aligned", v);
		ok = false;
	} else if (r == 1 && c->size_ok && e->ipa + c->size > SZ_4G) {
		report(g, node, "ipa", "shared memory 0x%08x+0x%llx exceeds the 32-bit IPA space", v,
		       (unsigned long long)c->size);
		ok = false;
	}
	ok = r == 1 && ok;

	r = need_u32(g, node, "doorbell", &v);
	e->doorbell = v;
	if (r == 1 && v % SZ_4K) {
		report(g, node, "doorbell", "doorbell 0x%08x is not 4 KiB aligned", v);
		ok = false;
	}
	ok = r == 1 && ok;

	r = need_u32(g, node, "interrupt", &v);
	e->irq = v;
	if (r == 1 && (v < 32 || v > 1019)) {
		report(g, node, "interrupt", "interrupt %u is not an SPI (32..1019)", v);
		ok = false;
	}
	return r == 1 && ok;
}

static void parse_channel(struct gen *g, int node, struct channel *c)
{
	static const char *const known[] = { "compatible", "size", "pa", "phandle" };
	const char *name = fdt_get_name(g->fdt, node, NULL), *file;
	const void *compat;
	char path[1024];
	uint32_t v, line;
	int len, r, sub;
	bool ok;

	memset(c, 0, sizeof(*c));
	c->node = node;
	snprintf(c->name, sizeof(c->name), "%s", name ? name : "");
	ok = dt_known_props(g, node, known, ARRAY_SIZE(known), "a channel");
	if (!name || !valid_node_name(name)) {
		report(g, node, NULL, "invalid channel name \"%s\" (1-15 characters of a-z 0-9 _ -)",
		       name ? name : "");
		ok = false;
	}
	if (annot_second(&g->annot, node_path(g, node, path, sizeof(path)), &file, &line)) {
		report(g, node, NULL, "channel \"%s\" is also defined at %s:%u", c->name, file, line);
		ok = false;
	}
	compat = dt_prop(g, node, "compatible", &len);
	if (!compat) {
		report(g, node, NULL, "missing required property \"compatible\"");
		ok = false;
	} else if (fdt_stringlist_contains(compat, len, "shikiri,channel") != 1) {
		report(g, node, "compatible", "compatible is not \"shikiri,channel\"");
		ok = false;
	}
	r = need_u32(g, node, "size", &v);
	c->size = v;
	if (r == 1 && v == 0) {
		report(g, node, "size", "channel size is zero");
		r = -1;
	} else if (r == 1 && v % SZ_4K) {
		report(g, node, "size", "channel size 0x%x is not a multiple of 4 KiB", v);
		r = -1;
	} else if (r == 1 && v > CHAN_MAX_SIZE) {
		report(g, node, "size", "channel size 0x%x exceeds the maximum 0x%llx (256 MiB)", v,
		       CHAN_MAX_SIZE);
		r = -1;
	}
	c->size_ok = r == 1; /* the ends' checks need a valid size */
	ok = c->size_ok && ok;
	r = dt_u32(g, node, "pa", &v);
	c->pa = v;
	c->has_pa = r == 1;
	if (r < 0) {
		ok = false;
	} else if (r == 1 && v % SZ_4K) {
		report(g, node, "pa", "pa 0x%08x is not 4 KiB aligned", v);
		ok = false;
	} else if (r == 1 && c->size_ok && c->pa + c->size > SZ_4G) {
		report(g, node, "pa", "shared memory 0x%08x+0x%llx exceeds 4 GiB", v,
		       (unsigned long long)c->size);
		ok = false;
	}
	fdt_for_each_subnode(sub, g->fdt, node) {
		if (c->nr_ends == GEN_MAX_CHAN_VMS) {
			report(g, sub, NULL, "too many VMs on channel \"%s\" (maximum %u)", c->name,
			       GEN_MAX_CHAN_VMS);
			ok = false;
			break;
		}
		c->end[c->nr_ends].ok = parse_end(g, c, sub, &c->end[c->nr_ends]);
		ok = c->end[c->nr_ends].ok && ok;
		c->nr_ends++;
	}
	if (c->nr_ends < 2) {
		report(g, node, NULL, "channel \"%s\" has %u VM(s); a channel joins at least 2",
		       c->name, c->nr_ends);
		ok = false;
	}
	c->ok = ok;
}

/* The 4 KiB doorbell page of an end. */
static struct range db_range(const struct chan_end *e)
{
	return (struct range){ e->doorbell, e->doorbell + SZ_4K };
}

static struct range shm_range(const struct channel *c, const struct chan_end *e)
{
	return (struct range){ e->ipa, e->ipa + c->size };
}

/* One window of an end (prop "ipa" or "doorbell") against the VM's guest-physical map. */
static void check_window(struct gen *g, const struct chan_end *e, const char *prop, struct range w)
{
	const struct vm *vm = &g->vms[e->vm];
	const struct board *b = &g->board;
	const struct range gicc = { b->gicc.start, b->gicc.start + 2 * SZ_4K };
	/* the vUART: a 4 KiB PL011 at the console's address (src/core/mmio.c) */
	const struct range uart = { b->uart_pa & ~(SZ_4K - 1),
				    (b->uart_pa + 2 * SZ_4K - 1) & ~(SZ_4K - 1) };
	const char *what = strcmp(prop, "ipa") == 0 ? "shared memory" : "doorbell page";
	char path[1024];
	uint32_t k;

#define CLASH(desc, fmtarg, r)                                                                     \
	report(g, e->node, prop, "%s IPA 0x%08llx..0x%08llx overlaps " desc " (0x%08llx..0x%08llx)", \
	       what, (unsigned long long)w.start, (unsigned long long)w.end - 1, fmtarg,               \
	       (unsigned long long)(r).start, (unsigned long long)(r).end - 1)

	for (k = 0; k < vm->nr_regions; k++)
		if (range_overlap(w, region_ipa(&vm->region[k])))
			CLASH("VM \"%s\"'s memory", vm->name, region_ipa(&vm->region[k]));
	for (k = 0; k < vm->nr_wins; k++)
		if (range_overlap(w, vm->win[k].r))
			CLASH("device %s", node_path(g, vm->win[k].node, path, sizeof(path)), vm->win[k].r);
	if (range_overlap(w, b->gicd))
		CLASH("%s", "the GIC distributor", b->gicd);
	if (range_overlap(w, gicc))
		CLASH("%s", "the GIC CPU interface", gicc);
	if (b->uart_node >= 0 && vm->console == GEN_CONSOLE_VUART && range_overlap(w, uart))
		CLASH("%s", "the console UART page", uart);
#undef CLASH
}

/* Which ends take part in the cross checks: parsed, on a known VM. */
static bool end_ok(const struct gen *g, const struct channel *c, const struct chan_end *e)
{
	return c->size_ok && e->ok && e->vm >= 0 && g->vms[e->vm].ok_mem;
}

/* Windows of earlier channels in the same VM: none may overlap. */
static void check_windows(struct gen *g, uint32_t ci, const struct chan_end *e)
{
	const struct channel *c = &g->chans[ci];
	struct range shm = shm_range(c, e), db = db_range(e);
	uint32_t cj, k;

	check_window(g, e, "ipa", shm);
	check_window(g, e, "doorbell", db);
	if (range_overlap(shm, db))
		report(g, e->node, "doorbell",
		       "doorbell page 0x%08llx overlaps its own shared memory (0x%08llx..0x%08llx)",
		       (unsigned long long)e->doorbell, (unsigned long long)shm.start,
		       (unsigned long long)shm.end - 1);
	for (cj = 0; cj < ci; cj++) {
		const struct channel *o = &g->chans[cj];

		for (k = 0; k < o->nr_ends; k++) {
			const struct chan_end *oe = &o->end[k];
			struct range oshm = shm_range(o, oe), odb = db_range(oe);

			if (!end_ok(g, o, oe) || oe->vm != e->vm)
				continue;
			if (range_overlap(shm, oshm) || range_overlap(shm, odb))
				report(g, e->node, "ipa",
				       "shared memory IPA 0x%08llx..0x%08llx overlaps channel \"%s\" in VM \"%s\"",
				       (unsigned long long)shm.start, (unsigned long long)shm.end - 1,
				       o->name, g->vms[e->vm].name);
			if (range_overlap(db, oshm) || range_overlap(db, odb))
				report(g, e->node, "doorbell",
				       "doorbell page 0x%08llx overlaps channel \"%s\" in VM \"%s\"",
				       (unsigned long long)db.start, o->name, g->vms[e->vm].name);
		}
	}
}

/* First board node (outside /partitions) raising each SPI, -1 if none. */
static void board_spi_users(struct gen *g, int *user)
{
	uint32_t *spis = xcalloc(GEN_MAX_SPIS, sizeof(*spis));
	char path[1024];
	int node, depth = 0, n, k;

	for (k = 0; k < (int)GEN_NR_IRQS; k++)
		user[k] = -1;
	for (node = fdt_next_node(g->fdt, 0, &depth); node >= 0 && depth > 0;
	     node = fdt_next_node(g->fdt, node, &depth)) {
		node_path(g, node, path, sizeof(path));
		if (strncmp(path, "/partitions", 11) == 0 && (path[11] == '\0' || path[11] == '/'))
			continue;
		n = board_spis(g, node, spis, GEN_MAX_SPIS);
		for (k = 0; k < n; k++)
			if (spis[k] < GEN_NR_IRQS && user[spis[k]] < 0)
				user[spis[k]] = node;
	}
	free(spis);
}

/*
 * A doorbell is a physical SPI its VM owns (whatever its level: the GIC's
 * pending latch is what coalesces rings): nobody else may have it, no board
 * device may raise it (its line would be shared with the device), and it
 * cannot be the hypervisor console's.
 */
static void check_phys_irq(struct gen *g, uint32_t ci, const struct chan_end *e, const int *user)
{
	uint32_t j, cj, k;

	if (user[e->irq] >= 0 && e->irq != g->board.uart_irq) {
		char path[1024];

		report(g, e->node, "interrupt",
		       "interrupt %u is used by board device %s (a doorbell needs an SPI of its own)",
		       e->irq, node_path(g, user[e->irq], path, sizeof(path)));
	}
	if (g->board.uart_node >= 0 && e->irq == g->board.uart_irq)
		report(g, e->node, "interrupt", "interrupt %u is the hypervisor console's interrupt",
		       e->irq);
	for (j = 0; j < g->nr_vms; j++)
		if ((int)j != e->vm && bitmap_test(g->vms[j].irq_bitmap, e->irq))
			report(g, e->node, "interrupt", "interrupt %u is already owned by VM \"%s\"", e->irq,
			       g->vms[j].name);
	for (cj = 0; cj <= ci; cj++) {
		const struct channel *o = &g->chans[cj];

		for (k = 0; k < o->nr_ends && &o->end[k] != e; k++) {
			const struct chan_end *oe = &o->end[k];

			if (end_ok(g, o, oe) && oe->vm != e->vm && oe->irq == e->irq)
				report(g, e->node, "interrupt",
				       "interrupt %u is already the doorbell of VM \"%s\" on channel \"%s\"",
				       e->irq, g->vms[oe->vm].name, o->name);
		}
	}
}

/* The doorbell interrupt against the VM's own interrupts. */
static void check_irq(struct gen *g, uint32_t ci, const struct chan_end *e)
{
	const struct vm *vm = &g->vms[e->vm];
	uint32_t cj, k;

	if (bitmap_test(vm->irq_bitmap, e->irq))
		report(g, e->node, "interrupt",
		       "interrupt %u is already VM \"%s\"'s (a passed-through device or irqs)", e->irq,
		       vm->name);
	if (vm->console == GEN_CONSOLE_VUART && g->board.uart_node >= 0 && e->irq == g->board.uart_irq)
		report(g, e->node, "interrupt", "interrupt %u is VM \"%s\"'s vUART interrupt", e->irq,
		       vm->name);
	for (cj = 0; cj < ci; cj++) {
		const struct channel *o = &g->chans[cj];

		for (k = 0; k < o->nr_ends; k++)
			if (end_ok(g, o, &o->end[k]) && o->end[k].vm == e->vm && o->end[k].irq == e->irq)
				report(g, e->node, "interrupt",
				       "interrupt %u is already VM \"%s\"'s doorbell on channel \"%s\"", e->irq,
				       vm->name, o->name);
	}
}

void channels_load(struct gen *g)
{
	int node, off, len, *user = NULL;
	uint32_t n = 0, ci, k, count[GEN_MAX_VMS] = { 0 };

	if (g->channels_node < 0)
		return;
	fdt_for_each_property_offset(off, g->fdt, g->channels_node) {
		const char *pn;

		if (fdt_getprop_by_offset(g->fdt, off, &pn, &len) && strcmp(pn, "phandle") != 0)
			report(g, g->channels_node, pn, "channels holds only channel nodes, no properties");
	}
	fdt_for_each_subnode(node, g->fdt, g->channels_node)
		n++;
	if (n > GEN_MAX_CHANNELS) {
		report(g, g->channels_node, NULL, "too many channels (%u, maximum %d)", n,
		       GEN_MAX_CHANNELS);
		return;
	}
	g->chans = xcalloc(n ? n : 1, sizeof(*g->chans));
	fdt_for_each_subnode(node, g->fdt, g->channels_node) {
		parse_channel(g, node, &g->chans[g->nr_chans++]);
	}

	for (ci = 0; ci < g->nr_chans; ci++) {
		const struct channel *c = &g->chans[ci];

		for (k = 0; k < c->nr_ends; k++) {
			const struct chan_end *e = &c->end[k];

			if (!end_ok(g, c, e))
				continue;
			if (++count[e->vm] == VM_MAX_CHANNELS + 1)
				report(g, e->node, NULL, "VM \"%s\" is on more than %u channels",
				       g->vms[e->vm].name, VM_MAX_CHANNELS);
			check_windows(g, ci, e);
			check_irq(g, ci, e);
		}
	}
	if (g->nr_chans) {
		user = xcalloc(GEN_NR_IRQS, sizeof(*user));
		board_spi_users(g, user);
		for (ci = 0; ci < g->nr_chans; ci++)
			for (k = 0; k < g->chans[ci].nr_ends; k++)
				if (end_ok(g, &g->chans[ci], &g->chans[ci].end[k]))
					check_phys_irq(g, ci, &g->chans[ci].end[k], user);
		free(user);
	}
	/* Every doorbell becomes an SPI the VM owns: routed to its vCPU 0's
	 * core at boot, configured by the VM through the vGICD like a
	 * device's; an srt/be VM's core forwards it like a device's. */
	for (ci = 0; ci < g->nr_chans; ci++)
		for (k = 0; k < g->chans[ci].nr_ends; k++) {
			const struct chan_end *e = &g->chans[ci].end[k];

			if (end_ok(g, &g->chans[ci], e))
				bitmap_set(g->vms[e->vm].irq_bitmap, e->irq);
		}
}

/* SPDX-License-Identifier: MIT */
/*
 * Check phase, VMs: checks between VMs and against the board: who owns
 * which device, page and interrupt (cores: build_sched.c); where each VM's RAM may sit in its guest-physical
 * map; whether the image is there and fits. VMs are visited in order, so
 * a conflict is always reported on the later VM.
 */
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "query.h"
#include "dt.h"
#include "util.h"

#define OWNER_NONE (-1)
#define OWNER_HYP (-2) /* the hypervisor console's page and IRQ */

/* Who maps each physical MMIO page, for the page-sharing check. */
struct page_claim {
	struct range r;
	int vm;
};

struct owners {
	int irq[GEN_NR_IRQS];
	struct page_claim *pages;
	uint32_t nr_pages;
	int *dev_node, *dev_vm;
	uint32_t nr_devs;
};

static const char *vm_name(const struct gen *g, int vm)
{
	return g->vms[vm].name;
}

static void claim_irq(struct gen *g, struct owners *o, int i, const char *prop, uint32_t irq)
{
	struct vm *vm = &g->vms[i];

	if (o->irq[irq] == i)
		return;
	if (o->irq[irq] == OWNER_HYP) {
		report(g, vm->node, prop, "IRQ %u is the hypervisor console's interrupt; %s", irq,
		       g->opt.tz && vm->level != GEN_LEVEL_HRT
			   ? "the Normal world needs a UART of its own (console = \"none\" and that "
			     "UART in devices)"
			   : "use console = \"passthrough\"");
		return;
	}
	if (o->irq[irq] != OWNER_NONE) {
		report(g, vm->node, prop, "IRQ %u already owned by VM \"%s\"", irq, vm_name(g, o->irq[irq]));
		return;
	}
	o->irq[irq] = i;
	bitmap_set(vm->irq_bitmap, irq);
}

/*
 * Physical ranges no device window may touch: board RAM (which holds the
 * hypervisor and every VM's memory), the hypervisor region, reserved memory
 * (firmware's, also outside RAM, e.g. in on-chip SRAM), and the four
 * GIC windows (the distributor is emulated, the CPU interfaces are the
 * hypervisor's to map). The console UART is a page claim (claim_window).
 */
static void check_window_private(struct gen *g, struct vm *vm, int node, struct range r)
{
	const struct board *b = &g->board;
	const struct range hyp = { g->opt.hyp_base, g->opt.hyp_base + g->opt.hyp_size };
	const struct range gic[4] = { b->gicd, b->gicc, b->gich, b->gicv };
	static const char *const gname[4] = {
		"the GIC distributor (GICD)", "the GIC CPU interface (GICC)",
		"the GIC hypervisor interface (GICH)", "the GIC virtual CPU interface (GICV)",
	};
	char path[1024];
	uint32_t k;

	node_path(g, node, path, sizeof(path));
	for (k = 0; k < b->nr_mem; k++)
		if (range_overlap(r, b->mem[k]))
			report(g, vm->node, "devices",
			       "device %s window 0x%08llx..0x%08llx overlaps board RAM (0x%08llx..0x%08llx)",
			       path, (unsigned long long)r.start, (unsigned long long)r.end - 1,
			       (unsigned long long)b->mem[k].start, (unsigned long long)b->mem[k].end - 1);
	if (range_overlap(r, hyp))
		report(g, vm->node, "devices",
		       "device %s window 0x%08llx..0x%08llx overlaps the hypervisor (0x%08llx..0x%08llx)",
		       path, (unsigned long long)r.start, (unsigned long long)r.end - 1,
		       (unsigned long long)hyp.start, (unsigned long long)hyp.end - 1);
	for (k = 0; k < b->nr_resv; k++)
		if (range_overlap(r, b->resv[k]))
			report(g, vm->node, "devices",
			       "device %s window 0x%08llx..0x%08llx overlaps reserved memory (0x%08llx..0x%08llx)",
			       path, (unsigned long long)r.start, (unsigned long long)r.end - 1,
			       (unsigned long long)b->resv[k].start, (unsigned long long)b->resv[k].end - 1);
	for (k = 0; k < 4; k++)
		if (range_overlap(r, gic[k]))
			report(g, vm->node, "devices",
			       "device %s window 0x%08llx..0x%08llx overlaps %s (0x%08llx..0x%08llx)", path,
			       (unsigned long long)r.start, (unsigned long long)r.end - 1, gname[k],
			       (unsigned long long)gic[k].start, (unsigned long long)gic[k].end - 1);
}

/* Map one window (already page-rounded) into VM i, unless another VM has a page of it. */
static void claim_window(struct gen *g, struct owners *o, int i, int node, struct range r)
{
	struct vm *vm = &g->vms[i];
	char path[1024];
	uint32_t k;
	unsigned int before = g->errors;

	check_window_private(g, vm, node, r);
	if (g->errors != before)
		return;
	for (k = 0; k < o->nr_pages; k++) {
		const struct page_claim *c = &o->pages[k];
		uint64_t page = c->r.start > r.start ? c->r.start : r.start;

		if (c->vm == i || !range_overlap(c->r, r))
			continue;
		node_path(g, node, path, sizeof(path));
		if (c->vm == OWNER_HYP)
			report(g, vm->node, "devices", "page 0x%08llx of %s is the hypervisor console's page",
			       (unsigned long long)page, path);
		else
			report(g, vm->node, "devices", "page 0x%08llx of %s already mapped to VM \"%s\"",
			       (unsigned long long)page, path, vm_name(g, c->vm));
		return;
	}
	if (vm->nr_wins == GEN_MAX_WINS) {
		report(g, vm->node, "devices", "too many device windows (maximum %d)", GEN_MAX_WINS);
		return;
	}
	vm->win[vm->nr_wins].node = node;
	vm->win[vm->nr_wins].r = r;
	vm->nr_wins++;
	o->pages = xrealloc(o->pages, (o->nr_pages + 1) * sizeof(*o->pages));
	o->pages[o->nr_pages].r = r;
	o->pages[o->nr_pages].vm = i;
	o->nr_pages++;
}

static struct range page_round(struct range r)
{
	struct range p = { r.start & ~(SZ_4K - 1), (r.end + SZ_4K - 1) & ~(SZ_4K - 1) };

	return p;
}

/* The SPIs of a device and of every node below it: all go into the guest DT. */
static void claim_subtree_irqs(struct gen *g, struct owners *o, int i, int node, uint32_t *spis,
			       int depth)
{
	int n = board_spis(g, node, spis, GEN_MAX_SPIS), w, child;

	for (w = 0; w < n; w++)
		claim_irq(g, o, i, "devices", spis[w]);
	if (depth >= 16)
		return;
	fdt_for_each_subnode(child, g->fdt, node) {
		claim_subtree_irqs(g, o, i, child, spis, depth + 1);
	}
}

static void claim_device(struct gen *g, struct owners *o, int i, int node)
{
	uint32_t spis[GEN_MAX_SPIS];
	char path[1024];
	uint32_t k;
	int n, w;

	for (k = 0; k < o->nr_devs; k++) {
		if (o->dev_node[k] != node)
			continue;
		report(g, g->vms[i].node, "devices", "device %s already owned by VM \"%s\"",
		       node_path(g, node, path, sizeof(path)), vm_name(g, o->dev_vm[k]));
		return;
	}
	o->dev_node = xrealloc(o->dev_node, (o->nr_devs + 1) * sizeof(int));
	o->dev_vm = xrealloc(o->dev_vm, (o->nr_devs + 1) * sizeof(int));
	o->dev_node[o->nr_devs] = node;
	o->dev_vm[o->nr_devs] = i;
	o->nr_devs++;

	n = dt_reg_count(g, node);
	for (w = 0; w < n; w++) {
		struct range r;

		if (dt_reg(g, node, w, &r) == 0 && r.end > r.start)
			claim_window(g, o, i, node, page_round(r));
	}
	claim_subtree_irqs(g, o, i, node, spis, 0);
}

/* "RAM" for the single memory form, "region NAME" otherwise. */
static const char *rlabel(const struct region *r, char *buf, size_t len)
{
	if (r->single)
		return "RAM";
	snprintf(buf, len, "region \"%s\"", r->name);
	return buf;
}

static void layout_clash(struct gen *g, const struct region *r, const char *what, struct range o)
{
	char lb[48];

	report(g, r->node, r->prop, "%s IPA 0x%08llx..0x%08llx overlaps %s (0x%08llx..0x%08llx)",
	       rlabel(r, lb, sizeof(lb)), (unsigned long long)r->ipa,
	       (unsigned long long)(r->ipa + r->size - 1), what, (unsigned long long)o.start,
	       (unsigned long long)o.end - 1);
}

/* Each memory region's IPA range against everything else in the VM's guest-physical map. */
static void check_layout(struct gen *g, struct vm *vm)
{
	const struct board *b = &g->board;
	struct range gicc = { b->gicc.start, b->gicc.start + 2 * SZ_4K };
	/* the vUART: a 4 KiB PL011 at the console's address (src/core/mmio.c) */
	struct range uart = page_round((struct range){ b->uart_pa, b->uart_pa + SZ_4K });
	char path[1024], what[1100];
	uint32_t k, j;

	for (j = 0; j < vm->nr_regions; j++) {
		const struct region *r = &vm->region[j];
		struct range ram = region_ipa(r);

		if (range_overlap(ram, b->gicd))
			layout_clash(g, r, "the GIC distributor", b->gicd);
		if (range_overlap(ram, gicc))
			layout_clash(g, r, "the GIC CPU interface", gicc);
		if (b->uart_node >= 0 && vm->console == GEN_CONSOLE_VUART && range_overlap(ram, uart))
			layout_clash(g, r, "the console UART page", uart);
		for (k = 0; k < vm->nr_wins; k++) {
			if (!range_overlap(ram, vm->win[k].r))
				continue;
			snprintf(what, sizeof(what), "device %s",
				 node_path(g, vm->win[k].node, path, sizeof(path)));
			layout_clash(g, r, what, vm->win[k].r);
		}
		for (k = 0; k < j; k++) {
			if (!range_overlap(ram, region_ipa(&vm->region[k])))
				continue;
			snprintf(what, sizeof(what), "region \"%s\"", vm->region[k].name);
			layout_clash(g, r, what, region_ipa(&vm->region[k]));
		}
	}
}

static bool is_file(const char *path, uint64_t *size)
{
	struct stat st;

	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
		return false;
	*size = (uint64_t)st.st_size;
	return true;
}

char *find_input(struct gen *g, struct vm *vm, const char *prop, const char *what,
		 const char *name, uint64_t *size)
{
	char *path, *abs;

	if (name[0] == '/') {
		path = xstrdup(name);
	} else {
		path = xasprintf("%s/%s", g->opt.objtree, name);
		if (!is_file(path, size)) {
			free(path);
			path = xasprintf("%s/%s", g->opt.srctree, name);
		}
	}
	if (!is_file(path, size)) {
		if (name[0] == '/')
			report(g, vm->node, prop, "%s \"%s\" not found", what, name);
		else
			report(g, vm->node, prop, "%s \"%s\" not found (looked in %s and %s)", what, name,
			       g->opt.objtree, g->opt.srctree);
		free(path);
		return NULL;
	}
	abs = abs_path(path);
	free(path);
	return abs;
}

/*
 * An overlay is DT source: text. dtc reads a NUL as the end of its input and
 * shrugs at most other binary, so a blob or an image named by mistake would
 * merge nothing and pass; refuse it here.
 */
static bool overlay_is_text(struct gen *g, struct vm *vm)
{
	size_t len, k;
	unsigned char *text = (unsigned char *)read_file(vm->overlay_path, &len);

	if (!text) {
		report(g, vm->node, "overlay", "overlay \"%s\" cannot be read", vm->overlay);
		return false;
	}
	for (k = 0; k < len; k++) {
		unsigned char c = text[k];

		if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v')
			break;
		if (c == 0x7f)
			break;
	}
	if (k < len)
		report(g, vm->node, "overlay",
		       "overlay \"%s\" is not device-tree source (binary byte 0x%02x at offset %zu)",
		       vm->overlay, text[k], k);
	free(text);
	return k == len;
}

#define SZ_128M 0x8000000ull

/* The region the image goes to: load-address's, else the first. */
static const struct region *image_region(const struct vm *vm)
{
	const struct region *r = vm->has_load ? vm_region_at(vm, vm->load, 1) : NULL;

	return r ? r : &vm->region[0];
}

/* The "linux" property: what a zImage needs (see docs/partition-binding.md). */
static void check_linux_ram(struct gen *g, struct vm *vm)
{
	const struct region *r = image_region(vm);

	if (r->ipa % SZ_128M) {
		char lb[48];

		report(g, r->node, r->prop, "%s IPA 0x%08llx is not 128 MiB aligned (required by linux)",
		       rlabel(r, lb, sizeof(lb)), (unsigned long long)r->ipa);
	}
}

static void check_linux_image(struct gen *g, struct vm *vm)
{
	const struct region *r = image_region(vm);

	if (r->ipa % SZ_128M == 0 && vm->load + vm->image_size > r->ipa + SZ_128M)
		report(g, vm->node, "image",
		       "image \"%s\" (%llu bytes at 0x%08llx) is not within the first 128 MiB of %s (required by linux)",
		       vm->image, (unsigned long long)vm->image_size, (unsigned long long)vm->load,
		       r->single ? "RAM" : "its region");
}

/* "RAM 0x..0x.." for the single form, "memory regions" otherwise. */
static const char *where(const struct vm *vm, char *buf, size_t len)
{
	const struct region *r = &vm->region[0];

	if (vm->nr_regions == 1 && r->single)
		snprintf(buf, len, "RAM 0x%08llx..0x%08llx", (unsigned long long)r->ipa,
			 (unsigned long long)(r->ipa + r->size - 1));
	else
		snprintf(buf, len, "every memory region");
	return buf;
}

static void check_image(struct gen *g, struct vm *vm)
{
	unsigned int before = g->errors;
	const struct region *r;
	char wb[64];

	vm->image_path = find_input(g, vm, "image", "image", vm->image, &vm->image_size);
	if (!vm->image_path)
		return;
	if (vm->image_size == 0) {
		report(g, vm->node, "image", "image \"%s\" is empty", vm->image);
		return;
	}
	if (!vm->ok_mem)
		return;
	if (!vm->has_load)
		vm->load = vm->region[0].ipa;
	if (!vm->has_entry)
		vm->entry = vm->load;
	r = vm_region_at(vm, vm->load, 1);
	if (!r) {
		report(g, vm->node, "load-address", "load-address 0x%08llx is outside %s",
		       (unsigned long long)vm->load, where(vm, wb, sizeof(wb)));
	} else if (vm->image_size > r->ipa + r->size - vm->load) {
		char lb[48];

		if (r->single)
			snprintf(lb, sizeof(lb), "RAM");
		else
			snprintf(lb, sizeof(lb), "region \"%s\"", r->name);
		report(g, vm->node, "image", "image \"%s\" (%llu bytes at 0x%08llx) does not fit %s 0x%08llx..0x%08llx",
		       vm->image, (unsigned long long)vm->image_size, (unsigned long long)vm->load, lb,
		       (unsigned long long)r->ipa, (unsigned long long)(r->ipa + r->size - 1));
	}
	if (!vm_region_at(vm, vm->entry, 4))
		report(g, vm->node, "entry", "entry 0x%08llx is outside %s", (unsigned long long)vm->entry,
		       where(vm, wb, sizeof(wb)));
	vm->image_ok = g->errors == before;
	if (vm->image_ok && vm->linux_guest)
		check_linux_image(g, vm);
}

/*
 * Fixed memory (memory-phys, direct-map): inside board memory, clear of the
 * hypervisor and of every fixed region checked before it.
 */
static void check_fixed_ram(struct gen *g, int i, struct region *reg)
{
	const struct board *b = &g->board;
	const char *prop = reg->has_phys ? "memory-phys" : "direct-map";
	struct range ram = region_pa(reg);
	struct range hyp = { g->opt.hyp_base, g->opt.hyp_base + g->opt.hyp_size };
	char ob[64], path[1024];
	uint32_t k;
	int j;

	for (k = 0; k < b->nr_mem; k++)
		if (ram.start >= b->mem[k].start && ram.end <= b->mem[k].end)
			break;
	if (k == b->nr_mem) {
		report(g, reg->node, prop, "RAM 0x%08llx..0x%08llx is outside board memory",
		       (unsigned long long)ram.start, (unsigned long long)ram.end - 1);
		return;
	}
	if (range_overlap(ram, hyp)) {
		report(g, reg->node, prop, "RAM 0x%08llx..0x%08llx overlaps the hypervisor (0x%08llx..0x%08llx)",
		       (unsigned long long)ram.start, (unsigned long long)ram.end - 1,
		       (unsigned long long)hyp.start, (unsigned long long)hyp.end - 1);
		return;
	}
	for (k = 0; k < b->nr_resv; k++) {
		if (!range_overlap(ram, b->resv[k]))
			continue;
		report(g, reg->node, prop,
		       "RAM 0x%08llx..0x%08llx overlaps reserved memory %s (0x%08llx..0x%08llx)",
		       (unsigned long long)ram.start, (unsigned long long)ram.end - 1,
		       b->resv_node[k] > 0 ? node_path(g, b->resv_node[k], path, sizeof(path))
					   : "/memreserve/",
		       (unsigned long long)b->resv[k].start,
		       (unsigned long long)b->resv[k].end - 1);
		return;
	}
	for (j = 0; j <= i; j++) {
		const struct vm *o = &g->vms[j];

		for (k = 0; k < o->nr_regions; k++) {
			const struct region *or = &o->region[k];

			if (!or->placed || !range_overlap(ram, region_pa(or)))
				continue;
			report(g, reg->node, prop, "RAM 0x%08llx..0x%08llx overlaps %s (0x%08llx..0x%08llx)",
			       (unsigned long long)ram.start, (unsigned long long)ram.end - 1,
			       owner_name(o, or, ob, sizeof(ob)), (unsigned long long)or->pa,
			       (unsigned long long)(or->pa + or->size - 1));
			return;
		}
	}
	reg->placed = true;
}

void validate(struct gen *g)
{
	struct owners o;
	int passthrough = OWNER_NONE;
	uint32_t k;
	int i;

	memset(&o, 0, sizeof(o));
	for (k = 0; k < GEN_NR_IRQS; k++)
		o.irq[k] = OWNER_NONE;

	for (i = 0; i < (int)g->nr_vms; i++) {
		struct vm *vm = &g->vms[i];

		if (vm->console != GEN_CONSOLE_PASSTHROUGH)
			continue;
		if (passthrough != OWNER_NONE)
			report(g, vm->node, "console", "console \"passthrough\" already taken by VM \"%s\"",
			       vm_name(g, passthrough));
		else
			passthrough = i;
	}

	/* The console's pages (every one its window touches) and IRQ: the
	 * passthrough VM's, else the hypervisor's. */
	if (g->board.uart_node >= 0) {
		struct range r = g->board.uart;

		if (passthrough == OWNER_NONE) {
			o.pages = xrealloc(o.pages, sizeof(*o.pages));
			o.pages[0].r = r;
			o.pages[0].vm = OWNER_HYP;
			o.nr_pages = 1;
			o.irq[g->board.uart_irq] = OWNER_HYP;
		} else {
			claim_device(g, &o, passthrough, g->board.uart_node);
		}
	}

	for (i = 0; i < (int)g->nr_vms; i++) {
		struct vm *vm = &g->vms[i];

		for (k = 0; k < vm->nr_devs; k++)
			if (vm->dev_node[k] != g->board.uart_node)
				claim_device(g, &o, i, vm->dev_node[k]);
		for (k = 0; k < vm->nr_irqs; k++)
			claim_irq(g, &o, i, "irqs", vm->irqs[k]);
		/* PPIs 16..31: timers and maintenance, filtered by the hypervisor */
		vm->irq_bitmap[0] |= 0xffff0000u;
		if (vm->ok_mem)
			check_layout(g, vm);
		if (vm->ok_mem && vm->linux_guest)
			check_linux_ram(g, vm);
		if (vm->ok_image)
			check_image(g, vm);
		if (vm->initrd)
			vm->initrd_path = find_input(g, vm, "initrd", "initrd", vm->initrd,
						     &vm->initrd_size);
		if (vm->initrd_path && vm->initrd_size == 0)
			report(g, vm->node, "initrd", "initrd \"%s\" is empty", vm->initrd);
		if (vm->overlay) {
			uint64_t sz;

			vm->overlay_path = find_input(g, vm, "overlay", "overlay", vm->overlay, &sz);
			if (vm->overlay_path && !overlay_is_text(g, vm)) {
				free(vm->overlay_path);
				vm->overlay_path = NULL;
			}
		}
	}

	for (i = 0; i < (int)g->nr_vms; i++) {
		struct vm *vm = &g->vms[i];

		for (k = 0; vm->ok_mem && k < vm->nr_regions; k++)
			if (vm->region[k].has_phys || vm->region[k].direct_map)
				check_fixed_ram(g, i, &vm->region[k]);
	}

	free(o.pages);
	free(o.dev_node);
	free(o.dev_vm);
}

/* SPDX-License-Identifier: MIT */
/*
 * Checks between VMs and against the board: who owns which core, device,
 * page and interrupt; where each VM's RAM may sit in its guest-physical
 * map; whether the image is there and fits. VMs are visited in order, so
 * a conflict is always reported on the later VM.
 */
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "board.h"
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
	int core[GEN_MAX_CPUS];
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

static void claim_cores(struct gen *g, struct owners *o, int i)
{
	struct vm *vm = &g->vms[i];
	char path[1024];
	uint32_t n;

	for (n = 0; n < vm->nr_vcpus; n++) {
		uint32_t c = vm->vcpu_pcpu[n];

		if (o->core[c] != OWNER_NONE) {
			report(g, vm->node, "cpus", "core %u (%s) already owned by VM \"%s\"", c,
			       node_path(g, g->board.cpu_node[c], path, sizeof(path)), vm_name(g, o->core[c]));
			continue;
		}
		o->core[c] = i;
	}
}

static void claim_irq(struct gen *g, struct owners *o, int i, const char *prop, uint32_t irq)
{
	struct vm *vm = &g->vms[i];

	if (o->irq[irq] == i)
		return;
	if (o->irq[irq] == OWNER_HYP) {
		report(g, vm->node, prop, "IRQ %u is the hypervisor console's interrupt; use console = \"passthrough\"",
		       irq);
		return;
	}
	if (o->irq[irq] != OWNER_NONE) {
		report(g, vm->node, prop, "IRQ %u already owned by VM \"%s\"", irq, vm_name(g, o->irq[irq]));
		return;
	}
	o->irq[irq] = i;
	bitmap_set(vm->irq_bitmap, irq);
}

/* Map one window (already page-rounded) into VM i, unless another VM has a page of it. */
static void claim_window(struct gen *g, struct owners *o, int i, int node, struct range r)
{
	struct vm *vm = &g->vms[i];
	char path[1024];
	uint32_t k;

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

static void claim_device(struct gen *g, struct owners *o, int i, int node)
{
	uint32_t spis[GEN_NR_IRQS];
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
	n = board_spis(g, node, spis, (int)ARRAY_SIZE(spis));
	for (w = 0; w < n; w++)
		claim_irq(g, o, i, "devices", spis[w]);
}

/* RAM IPA range against everything else in the VM's guest-physical map. */
static void check_layout(struct gen *g, struct vm *vm)
{
	const struct board *b = &g->board;
	struct range ram = { vm->ipa, vm->ipa + vm->size };
	struct range gicc = { b->gicc.start, b->gicc.start + 2 * SZ_4K };
	struct range uart = page_round((struct range){ b->uart_pa, b->uart_pa + 1 });
	char path[1024];
	uint32_t k;

	if (range_overlap(ram, b->gicd))
		report(g, vm->node, "memory",
		       "RAM IPA 0x%08llx..0x%08llx overlaps the GIC distributor (0x%08llx..0x%08llx)",
		       (unsigned long long)ram.start, (unsigned long long)ram.end - 1,
		       (unsigned long long)b->gicd.start, (unsigned long long)b->gicd.end - 1);
	if (range_overlap(ram, gicc))
		report(g, vm->node, "memory",
		       "RAM IPA 0x%08llx..0x%08llx overlaps the GIC CPU interface (0x%08llx..0x%08llx)",
		       (unsigned long long)ram.start, (unsigned long long)ram.end - 1,
		       (unsigned long long)gicc.start, (unsigned long long)gicc.end - 1);
	if (b->uart_node >= 0 && vm->console == GEN_CONSOLE_VUART && range_overlap(ram, uart))
		report(g, vm->node, "memory",
		       "RAM IPA 0x%08llx..0x%08llx overlaps the console UART page (0x%08llx..0x%08llx)",
		       (unsigned long long)ram.start, (unsigned long long)ram.end - 1,
		       (unsigned long long)uart.start, (unsigned long long)uart.end - 1);
	for (k = 0; k < vm->nr_wins; k++) {
		if (!range_overlap(ram, vm->win[k].r))
			continue;
		report(g, vm->node, "memory",
		       "RAM IPA 0x%08llx..0x%08llx overlaps device %s (0x%08llx..0x%08llx)",
		       (unsigned long long)ram.start, (unsigned long long)ram.end - 1,
		       node_path(g, vm->win[k].node, path, sizeof(path)),
		       (unsigned long long)vm->win[k].r.start, (unsigned long long)vm->win[k].r.end - 1);
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

#define SZ_128M 0x8000000ull

/* The "linux" property: what a zImage needs (see docs/partition-binding.md). */
static void check_linux_ram(struct gen *g, struct vm *vm)
{
	if (vm->ipa % SZ_128M)
		report(g, vm->node, "memory", "RAM IPA 0x%08llx is not 128 MiB aligned (required by linux)",
		       (unsigned long long)vm->ipa);
}

static void check_linux_image(struct gen *g, struct vm *vm)
{
	if (vm->ipa % SZ_128M == 0 && vm->load + vm->image_size > vm->ipa + SZ_128M)
		report(g, vm->node, "image",
		       "image \"%s\" (%llu bytes at 0x%08llx) is not within the first 128 MiB of RAM (required by linux)",
		       vm->image, (unsigned long long)vm->image_size, (unsigned long long)vm->load);
}

static void check_image(struct gen *g, struct vm *vm)
{
	uint64_t ram_end = vm->ipa + vm->size;
	unsigned int before = g->errors;

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
		vm->load = vm->ipa;
	if (!vm->has_entry)
		vm->entry = vm->load;
	if (vm->load < vm->ipa || vm->load >= ram_end) {
		report(g, vm->node, "load-address", "load-address 0x%08llx is outside RAM 0x%08llx..0x%08llx",
		       (unsigned long long)vm->load, (unsigned long long)vm->ipa,
		       (unsigned long long)ram_end - 1);
	} else if (vm->image_size > ram_end - vm->load) {
		report(g, vm->node, "image", "image \"%s\" (%llu bytes at 0x%08llx) does not fit RAM 0x%08llx..0x%08llx",
		       vm->image, (unsigned long long)vm->image_size, (unsigned long long)vm->load,
		       (unsigned long long)vm->ipa, (unsigned long long)ram_end - 1);
	}
	if (vm->entry < vm->ipa || vm->entry >= ram_end)
		report(g, vm->node, "entry", "entry 0x%08llx is outside RAM 0x%08llx..0x%08llx",
		       (unsigned long long)vm->entry, (unsigned long long)vm->ipa,
		       (unsigned long long)ram_end - 1);
	vm->image_ok = g->errors == before;
	if (vm->image_ok && vm->linux_guest)
		check_linux_image(g, vm);
}

/* Fixed RAM (memory-phys, direct-map): inside board memory, clear of the hypervisor and earlier fixed VMs. */
static void check_fixed_ram(struct gen *g, int i)
{
	struct vm *vm = &g->vms[i];
	const struct board *b = &g->board;
	const char *prop = vm->has_phys ? "memory-phys" : "direct-map";
	struct range ram = { vm->pa, vm->pa + vm->size };
	struct range hyp = { g->opt.hyp_base, g->opt.hyp_base + g->opt.hyp_size };
	uint32_t k;
	int j;

	for (k = 0; k < b->nr_mem; k++)
		if (ram.start >= b->mem[k].start && ram.end <= b->mem[k].end)
			break;
	if (k == b->nr_mem) {
		report(g, vm->node, prop, "RAM 0x%08llx..0x%08llx is outside board memory",
		       (unsigned long long)ram.start, (unsigned long long)ram.end - 1);
		return;
	}
	if (range_overlap(ram, hyp)) {
		report(g, vm->node, prop, "RAM 0x%08llx..0x%08llx overlaps the hypervisor (0x%08llx..0x%08llx)",
		       (unsigned long long)ram.start, (unsigned long long)ram.end - 1,
		       (unsigned long long)hyp.start, (unsigned long long)hyp.end - 1);
		return;
	}
	for (j = 0; j < i; j++) {
		const struct vm *o = &g->vms[j];

		if (!o->placed || !range_overlap(ram, (struct range){ o->pa, o->pa + o->size }))
			continue;
		report(g, vm->node, prop, "RAM 0x%08llx..0x%08llx overlaps VM \"%s\" (0x%08llx..0x%08llx)",
		       (unsigned long long)ram.start, (unsigned long long)ram.end - 1, o->name,
		       (unsigned long long)o->pa, (unsigned long long)(o->pa + o->size - 1));
		return;
	}
	vm->placed = true;
}

void validate(struct gen *g)
{
	struct owners o;
	int passthrough = OWNER_NONE;
	uint32_t k;
	int i;

	memset(&o, 0, sizeof(o));
	for (k = 0; k < GEN_MAX_CPUS; k++)
		o.core[k] = OWNER_NONE;
	for (k = 0; k < GEN_NR_IRQS; k++)
		o.irq[k] = OWNER_NONE;

	for (i = 0; i < (int)g->nr_vms; i++) {
		struct vm *vm = &g->vms[i];

		claim_cores(g, &o, i);
		if (vm->console != GEN_CONSOLE_PASSTHROUGH)
			continue;
		if (passthrough != OWNER_NONE)
			report(g, vm->node, "console", "console \"passthrough\" already taken by VM \"%s\"",
			       vm_name(g, passthrough));
		else
			passthrough = i;
	}

	/* The console page and IRQ: the passthrough VM's, else the hypervisor's. */
	if (g->board.uart_node >= 0) {
		struct range r = page_round((struct range){ g->board.uart_pa, g->board.uart_pa + 1 });

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
		}
	}

	for (i = 0; i < (int)g->nr_vms; i++)
		if (g->vms[i].ok_mem && (g->vms[i].has_phys || g->vms[i].direct_map))
			check_fixed_ram(g, i);

	free(o.pages);
	free(o.dev_node);
	free(o.dev_vm);
}

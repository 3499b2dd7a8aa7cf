/* SPDX-License-Identifier: MIT */
/*
 * Questions every phase may ask of the system DT and the data model (which
 * SPIs a node raises, whether it may be passed through, which region or
 * channel end holds something, where a VM's blobs go): no phase of its own,
 * so that phases share them without calling each other.
 */
#include <libfdt.h>
#include <stdio.h>
#include <string.h>

#include "dt.h"
#include "control.h"
#include "query.h"
#include "util.h"

/* #interrupt-cells of an interrupt controller, or -1. */
static int irq_cells(const struct gen *g, int ctrl)
{
	int len;
	const void *p = dt_prop(g, ctrl, "#interrupt-cells", &len);

	return p && len == 4 && dt_cell(p, 0) >= 1 && dt_cell(p, 0) <= 8 ? (int)dt_cell(p, 0) : -1;
}

/*
 * Append the SPI of one 3-cell GIC specifier; -1 on a bad specifier. The
 * specifier is copied into the guest DT as it is, so anything the checks
 * here do not understand is an error, not a skip.
 */
static int add_spec(struct gen *g, int node, const char *prop, uint32_t idx, const void *p,
		    uint32_t at, uint32_t *out, int *n, int max)
{
	uint32_t type = dt_cell(p, at), num = dt_cell(p, at + 1);

	if (type == 1) {
		/* PPIs are per core: every VM gets them on its own cores */
		if (num > 15) {
			report(g, node, prop, "%s[%u]: PPI %u is out of range (0..15)", prop, idx, num);
			return -1;
		}
		return 0;
	}
	if (type != 0) {
		report(g, node, prop, "%s[%u]: interrupt type %u is invalid (0 = SPI, 1 = PPI)", prop,
		       idx, type);
		return -1;
	}
	if (num > 1019 - 32) {
		report(g, node, prop, "%s[%u]: SPI %u is out of range (0..987)", prop, idx, num);
		return -1;
	}
	if (*n >= max) {
		report(g, node, prop, "%s: more than %d interrupts", prop, max);
		return -1;
	}
	out[(*n)++] = 32 + num;
	return 0;
}

int board_spis(struct gen *g, int node, uint32_t *out, int max)
{
	int len, n = 0, parent;
	const void *p = dt_prop(g, node, "interrupts-extended", &len);
	uint32_t i;

	if (p) {
		uint32_t ncells = (uint32_t)len / 4;

		/* <phandle spec...>, spec length from each controller */
		for (i = 0; i < ncells;) {
			int ctrl = dt_phandle_node(g, dt_cell(p, i));
			int c = ctrl >= 0 ? irq_cells(g, ctrl) : -1;

			if (c < 0 || i + 1 + (uint32_t)c > ncells || len % 4) {
				report(g, node, "interrupts-extended", "malformed \"interrupts-extended\"");
				return -1;
			}
			if (ctrl == g->board.gic_node &&
			    add_spec(g, node, "interrupts-extended", i, p, i + 1, out, &n, max) != 0)
				return -1;
			i += 1 + (uint32_t)c;
		}
		return n;
	}
	p = dt_prop(g, node, "interrupts", &len);
	if (!p)
		return 0;
	parent = dt_irq_parent(g, node);
	if (parent != g->board.gic_node)
		return 0; /* wired to another controller: not a GIC line this VM can own */
	if (len == 0 || len % 12 != 0) {
		report(g, node, "interrupts", "property \"interrupts\" has length %d (expected a multiple of 12)",
		       len);
		return -1;
	}
	for (i = 0; i < (uint32_t)len / 12; i++)
		if (add_spec(g, node, "interrupts", i, p, 3 * i, out, &n, max) != 0)
			return -1;
	return n;
}

/* path is prefix itself or below it */
static bool under(const char *path, const char *prefix)
{
	size_t n = strlen(prefix);

	return strncmp(path, prefix, n) == 0 && (path[n] == '\0' || path[n] == '/');
}

bool board_is_device(struct gen *g, int node)
{
	static const char *const excluded[] = {
		"/partitions", "/cpus", "/chosen", "/aliases", "/reserved-memory", "/__symbols__",
	};
	char path[1024];
	size_t i;
	int len, top, depth, anc;

	if (node <= 0 || fdt_get_path(g->fdt, node, path, sizeof(path)) != 0)
		return false;
	for (i = 0; i < ARRAY_SIZE(excluded); i++)
		if (under(path, excluded[i]))
			return false;
	/* the top-level ancestor: memory nodes and the GIC, with all below them */
	for (top = node, depth = 0; depth < 64; depth++) {
		int up = fdt_parent_offset(g->fdt, top);

		if (up <= 0)
			break;
		top = up;
	}
	if (top == g->board.gic_node || node == g->board.gic_node)
		return false;
	/* memory, at any depth (a bus may hold RAM), is never a device */
	for (anc = node, depth = 0; anc > 0 && depth < 64; depth++) {
		if (dt_device_type(g, anc, "memory"))
			return false;
		anc = fdt_parent_offset(g->fdt, anc);
	}
	for (i = 0; i < DT_NR_TIMER_COMPAT; i++)
		if (dt_compatible(g, node, dt_timer_compat[i]))
			return false;
	return dt_prop(g, node, "reg", &len) != NULL;
}

const struct region *vm_region_at(const struct vm *vm, uint64_t ipa, uint64_t len)
{
	uint32_t k;

	for (k = 0; k < vm->nr_regions; k++) {
		const struct region *r = &vm->region[k];

		if (ipa >= r->ipa && len <= r->size && ipa - r->ipa <= r->size - len)
			return r;
	}
	return NULL;
}

bool vm_chan_end(const struct gen *g, uint32_t vm, uint32_t n, uint32_t *chan, uint32_t *end)
{
	uint32_t c, e;

	for (c = 0; c < g->nr_chans; c++)
		for (e = 0; e < g->chans[c].nr_ends; e++)
			if (g->chans[c].end[e].vm == (int)vm && n-- == 0) {
				*chan = c;
				*end = e;
				return true;
			}
	return false;
}


static bool region_of(const struct vm *vm, uint64_t ipa, uint64_t size, uint64_t *pa)
{
	uint32_t k;

	for (k = 0; k < vm->nr_regions; k++) {
		const struct region *r = &vm->region[k];

		if (ipa >= r->ipa && size <= r->size && ipa - r->ipa <= r->size - size) {
			*pa = r->pa + (ipa - r->ipa);
			return true;
		}
	}
	return false;
}

/* The VM's blobs; false if one is not inside the VM's memory. */
bool vm_blobs(const struct vm *vm, struct blob *b)
{
	uint32_t k;
	bool ok = true;

	memset(b, 0, NR_BLOBS * sizeof(*b));
	b[BLOB_IMAGE] = (struct blob){ true, vm->load, vm->image_size, 0 };
	if (vm->dtb)
		b[BLOB_DTB] = (struct blob){ true, vm->dtb_ipa, vm->dtb_size, 0 };
	if (vm->initrd_path)
		b[BLOB_INITRD] = (struct blob){ true, vm->initrd_ipa, vm->initrd_size, 0 };
	for (k = 0; k < NR_BLOBS; k++)
		if (b[k].present && !region_of(vm, b[k].ipa, b[k].size, &b[k].pa))
			ok = false;
	return ok;
}

/* "VM "x"" or "VM "x" region "y"" */
const char *owner_name(const struct vm *vm, const struct region *r, char *buf, size_t len)
{
	if (r->single)
		snprintf(buf, len, "VM \"%s\"", vm->name);
	else
		snprintf(buf, len, "VM \"%s\" region \"%s\"", vm->name, r->name);
	return buf;
}

/* VM vm's control page and interrupt (0: none) if it is a controller. */
bool control_of_vm(const struct gen *g, uint32_t vm, uint64_t *page, uint32_t *irq)
{
	const struct gen_control *gc = g->control;

	for (uint32_t i = 0; gc && i < gc->nr_ctl; i++)
		if (gc->ctl[i].ok && gc->ctl[i].vm == (int)vm) {
			*page = gc->ctl[i].page;
			*irq = gc->ctl[i].irq;
			return true;
		}
	return false;
}

bool ctl_staging(const struct gen *g, uint32_t vm, uint64_t *ipa, uint64_t *pa, uint64_t *size)
{
	const struct gen_control *gc = g->control;

	for (uint32_t i = 0; gc && i < gc->nr_ctl; i++) {
		const struct gen_ctl *c = &gc->ctl[i];

		if (c->ok && c->placed && c->vm == (int)vm) {
			*ipa = c->staging_ipa;
			*pa = c->staging_pa;
			*size = c->staging_size;
			return true;
		}
	}
	return false;
}

/* SPDX-License-Identifier: MIT */
/*
 * Parse phase, VMs: each partition node into struct vm; every property is
 * checked for shape and local sense here (sched-* ones: parse_sched.c);
 * checks between VMs live in check_vm.c.
 */
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "query.h"
#include "dt.h"
#include "util.h"

static const char *const level_name[] = {
	[VM_LEVEL_HRT] = "hrt", [VM_LEVEL_SRT] = "srt", [VM_LEVEL_BE] = "be",
};
static const char *const console_name[] = {
	[VM_CONSOLE_VUART] = "vuart", [VM_CONSOLE_PASSTHROUGH] = "passthrough", [VM_CONSOLE_NONE] = "none",
};

/* Index of s in names[], or -1. */
static int lookup(const char *s, const char *const *names, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (strcmp(s, names[i]) == 0)
			return i;
	return -1;
}

static void parse_level(struct gen *g, struct vm *vm)
{
	const char *s;
	int r = dt_string(g, vm->node, "rt-level", &s);

	if (r == 0)
		report(g, vm->node, NULL, "missing required property \"rt-level\"");
	if (r != 1)
		return;
	r = lookup(s, level_name, 3);
	if (r < 0) {
		report(g, vm->node, "rt-level", "unknown rt-level \"%s\" (expected hrt, srt or be)", s);
		return;
	}
	vm->level = (uint32_t)r;
	vm->ok_level = true;
}

static void parse_console(struct gen *g, struct vm *vm)
{
	const char *s;
	int r = dt_string(g, vm->node, "console", &s);

	vm->console = GEN_CONSOLE_VUART;
	if (r != 1)
		return;
	r = lookup(s, console_name, 3);
	if (r < 0)
		report(g, vm->node, "console",
		       "unknown console \"%s\" (expected vuart, passthrough or none)", s);
	else
		vm->console = (uint32_t)r;
}

/*
 * reset = "restart" (the default): SYSTEM_RESET restarts the VM from a
 * pristine copy of its images that the hypervisor image keeps; "halt": no
 * pristine copy (the image is not duplicated), SYSTEM_RESET stops the VM.
 */
static void parse_reset(struct gen *g, struct vm *vm)
{
	static const char *const reset_name[] = { [VM_RESET_RESTART] = "restart",
						  [VM_RESET_HALT] = "halt" };
	const char *s;
	int r = dt_string(g, vm->node, "reset", &s);

	vm->reset = VM_RESET_RESTART;
	if (r != 1)
		return;
	r = lookup(s, reset_name, 2);
	if (r < 0)
		report(g, vm->node, "reset", "unknown reset \"%s\" (expected restart or halt)", s);
	else
		vm->reset = (uint32_t)r;
}

static void parse_cpus(struct gen *g, struct vm *vm)
{
	const struct board *b = &g->board;
	const void *cells;
	uint32_t n, i, c, j;
	char path[1024];
	int r = dt_u32_list(g, vm->node, "cpus", &cells, &n);

	if (r == 0)
		report(g, vm->node, NULL, "missing required property \"cpus\"");
	if (r != 1)
		return;
	if (n > g->opt.max_vcpus) {
		report(g, vm->node, "cpus", "too many cpus (%u, maximum %u)", n, g->opt.max_vcpus);
		return;
	}
	vm->ok_cpus = true;
	for (i = 0; i < n; i++) {
		int node = dt_phandle_node(g, dt_cell(cells, i));

		for (c = 0; c < b->nr_cores && (node < 0 || b->cpu_node[c] != node); c++)
			;
		if (c == b->nr_cores) {
			report(g, vm->node, "cpus", "cpus[%u] does not refer to a board cpu node", i);
			vm->ok_cpus = false;
			continue;
		}
		for (j = 0; j < vm->nr_vcpus && vm->vcpu_pcpu[j] != c; j++)
			;
		if (j < vm->nr_vcpus) {
			report(g, vm->node, "cpus", "core %u (%s) listed twice", c,
			       node_path(g, node, path, sizeof(path)));
			vm->ok_cpus = false;
			continue;
		}
		vm->vcpu_pcpu[vm->nr_vcpus++] = (uint8_t)c;
	}
}

/* "memory" for the single form, "region NAME" for a memory-regions child. */
static const char *rlabel(const struct region *r, const char *single, char *buf, size_t len)
{
	if (r->single)
		return single;
	snprintf(buf, len, "region \"%s\"", r->name);
	return buf;
}

static bool check_aligned(struct gen *g, const struct region *r, const char *prop,
			  const char *what, uint64_t v)
{
	char lb[48];

	if (v % SZ_4K == 0)
		return true;
	report(g, r->node, prop, "%s %s 0x%llx is not 4 KiB aligned", rlabel(r, "memory", lb, sizeof(lb)),
	       what, (unsigned long long)v);
	return false;
}

/* <ipa size>: both 4 KiB aligned, non-empty, inside the 32-bit IPA space. */
static bool parse_ipa_size(struct gen *g, struct region *r, const void *p)
{
	char lb[48];
	bool ok;

	r->ipa = dt_cell(p, 0);
	r->size = dt_cell(p, 1);
	ok = check_aligned(g, r, r->prop, "IPA", r->ipa);
	ok = check_aligned(g, r, r->prop, "size", r->size) && ok;
	if (r->size == 0) {
		report(g, r->node, r->prop, "%s size is zero", rlabel(r, "memory", lb, sizeof(lb)));
		ok = false;
	} else if (r->ipa + r->size > SZ_4G) {
		report(g, r->node, r->prop, "%s 0x%llx+0x%llx exceeds the 32-bit IPA space",
		       rlabel(r, "memory", lb, sizeof(lb)), (unsigned long long)r->ipa,
		       (unsigned long long)r->size);
		ok = false;
	}
	return ok;
}

/* memory-phys = <pa> or direct-map on the region's node: a fixed physical base. */
static bool parse_phys(struct gen *g, struct region *r, bool size_ok)
{
	uint32_t phys = 0;
	int len, ret = dt_u32(g, r->node, "memory-phys", &phys);
	bool ok = ret >= 0;

	r->has_phys = ret == 1;
	r->direct_map = dt_prop(g, r->node, "direct-map", &len) != NULL;
	if (r->direct_map && len != 0) {
		report(g, r->node, "direct-map", "direct-map takes no value");
		ok = false;
	}
	if (r->has_phys && r->direct_map) {
		report(g, r->node, "memory-phys", "memory-phys and direct-map are mutually exclusive");
		ok = false;
	} else if (r->has_phys) {
		r->pa = phys;
		if (r->pa % SZ_4K) {
			report(g, r->node, "memory-phys", "memory-phys 0x%llx is not 4 KiB aligned",
			       (unsigned long long)r->pa);
			ok = false;
		} else if (size_ok && r->pa + r->size > SZ_4G) {
			report(g, r->node, "memory-phys", "RAM 0x%llx+0x%llx exceeds 4 GiB",
			       (unsigned long long)r->pa, (unsigned long long)r->size);
			ok = false;
		}
	} else if (r->direct_map) {
		r->pa = r->ipa;
	}
	return ok;
}

/* One child of memory-regions: only these properties, so a typo (say
 * "read_only") cannot silently give the guest writable flash. */
static bool parse_region_node(struct gen *g, int node, struct region *r)
{
	static const char *const known[] = { "reg", "read-only", "memory-phys", "direct-map",
					     "phandle" };
	const char *name = fdt_get_name(g->fdt, node, NULL);
	const void *p;
	int len, off;
	bool ok = true;

	memset(r, 0, sizeof(*r));
	r->node = node;
	r->prop = "reg";
	snprintf(r->name, sizeof(r->name), "%s", name ? name : "");
	if (!name || !valid_node_name(name)) {
		report(g, node, NULL, "invalid region name \"%s\" (1-15 characters of a-z 0-9 _ -)",
		       name ? name : "");
		ok = false;
	}
	fdt_for_each_property_offset(off, g->fdt, node) {
		const char *pn;
		size_t k;

		if (!fdt_getprop_by_offset(g->fdt, off, &pn, &len))
			continue;
		for (k = 0; k < ARRAY_SIZE(known) && strcmp(pn, known[k]) != 0; k++)
			;
		if (k == ARRAY_SIZE(known)) {
			report(g, node, pn, "unknown property \"%s\" in a memory region", pn);
			ok = false;
		}
	}
	if (fdt_first_subnode(g->fdt, node) >= 0) {
		report(g, node, NULL, "a memory region has no subnodes");
		ok = false;
	}
	p = dt_prop(g, node, "reg", &len);
	if (!p) {
		report(g, node, NULL, "missing required property \"reg\"");
		return false;
	}
	if (len != 8) {
		report(g, node, "reg", "property \"reg\" has length %d (expected 8: <ipa size>)", len);
		return false;
	}
	ok = parse_ipa_size(g, r, p) && ok;
	ok = parse_phys(g, r, ok) && ok;
	if (dt_prop(g, node, "read-only", &len)) {
		if (len != 0) {
			report(g, node, "read-only", "read-only takes no value");
			ok = false;
		}
		r->read_only = true;
	}
	return ok;
}

/*
 * Guest memory: memory = <ipa size> (one RAM region, with memory-phys or
 * direct-map on the VM node), or a memory-regions node with one child per
 * region. At least one region is writable: the DTB goes there.
 */
static void parse_ram(struct gen *g, struct vm *vm)
{
	int len, uplen, off, node;
	const void *p = dt_prop(g, vm->node, "memory", &len);
	int regions = fdt_subnode_offset(g->fdt, vm->node, "memory-regions");
	bool ok = true;
	uint32_t i;

	if (p && regions >= 0) {
		report(g, vm->node, "memory", "memory and memory-regions are mutually exclusive");
		return;
	}
	if (!p && regions < 0) {
		report(g, vm->node, NULL, "missing required property \"memory\"");
		return;
	}
	if (p) {
		struct region *r = &vm->region[0];

		memset(r, 0, sizeof(*r));
		snprintf(r->name, sizeof(r->name), "memory");
		r->single = true;
		r->node = vm->node;
		r->prop = "memory";
		if (len != 8) {
			report(g, vm->node, "memory",
			       "property \"memory\" has length %d (expected 8: <ipa size>)", len);
			parse_phys(g, r, false);
			return;
		}
		ok = parse_ipa_size(g, r, p);
		ok = parse_phys(g, r, ok) && ok;
		vm->nr_regions = 1;
		vm->ok_mem = ok;
		return;
	}
	if (dt_prop(g, vm->node, "memory-phys", &uplen) || dt_prop(g, vm->node, "direct-map", &uplen)) {
		report(g, vm->node, dt_prop(g, vm->node, "memory-phys", &uplen) ? "memory-phys" : "direct-map",
		       "with memory-regions, memory-phys and direct-map go in each region");
		ok = false;
	}
	fdt_for_each_property_offset(off, g->fdt, regions) {
		const char *pn;

		if (fdt_getprop_by_offset(g->fdt, off, &pn, &uplen) && strcmp(pn, "phandle") != 0) {
			report(g, regions, pn, "memory-regions holds only region nodes, no properties");
			ok = false;
		}
	}
	fdt_for_each_subnode(node, g->fdt, regions) {
		if (vm->nr_regions == GEN_MAX_REGIONS) {
			report(g, node, NULL, "too many memory regions (maximum %u)", GEN_MAX_REGIONS);
			ok = false;
			break;
		}
		ok = parse_region_node(g, node, &vm->region[vm->nr_regions]) && ok;
		vm->nr_regions++;
	}
	if (vm->nr_regions == 0) {
		report(g, regions, NULL, "memory-regions has no region");
		ok = false;
	}
	for (i = 0; i < vm->nr_regions && vm->region[i].read_only; i++)
		;
	if (vm->nr_regions > 0 && i == vm->nr_regions) {
		report(g, regions, NULL, "no writable memory region (the guest DTB needs one)");
		ok = false;
	}
	vm->ok_mem = ok;
}

static void parse_devices(struct gen *g, struct vm *vm)
{
	const void *cells;
	uint32_t n, i, j;
	char path[1024];
	int r = dt_u32_list(g, vm->node, "devices", &cells, &n);

	if (r != 1)
		return;
	for (i = 0; i < n; i++) {
		int node = dt_phandle_node(g, dt_cell(cells, i));

		if (node < 0 || !board_is_device(g, node)) {
			report(g, vm->node, "devices", "devices[%u] does not refer to a board device", i);
			continue;
		}
		if (node == g->board.uart_node && vm->console != GEN_CONSOLE_PASSTHROUGH) {
			/* The TrustZone mode's Normal world cannot have the
			 * monitor's UART (check_tz_soc.c): say what it can. */
			report(g, vm->node, "devices", "devices[%u] (%s) is the hypervisor console; %s", i,
			       node_path(g, node, path, sizeof(path)),
			       g->opt.tz && vm->level != GEN_LEVEL_HRT
				   ? "the Normal world needs a UART of its own (console = \"none\" and "
				     "that UART in devices)"
				   : "use console = \"passthrough\"");
			continue;
		}
		for (j = 0; j < vm->nr_devs && vm->dev_node[j] != node; j++)
			;
		if (j < vm->nr_devs) {
			report(g, vm->node, "devices", "devices[%u] (%s) listed twice", i,
			       node_path(g, node, path, sizeof(path)));
			continue;
		}
		if (vm->nr_devs == GEN_MAX_DEVS) {
			report(g, vm->node, "devices", "too many devices (maximum %d)", GEN_MAX_DEVS);
			return;
		}
		vm->dev_node[vm->nr_devs++] = node;
	}
}

static void parse_irqs(struct gen *g, struct vm *vm)
{
	const void *cells;
	uint32_t n, i;
	int r = dt_u32_list(g, vm->node, "irqs", &cells, &n);

	if (r != 1)
		return;
	/* refused, not truncated: entries past a limit would escape the checks */
	if (n > GEN_MAX_SPIS) {
		report(g, vm->node, "irqs", "too many irqs (%u, maximum %u)", n, GEN_MAX_SPIS);
		return;
	}
	for (i = 0; i < n; i++) {
		uint32_t irq = dt_cell(cells, i);

		if (irq < 32 || irq > 1019) {
			report(g, vm->node, "irqs", "irqs[%u] = %u is not an SPI (32..1019)", i, irq);
			continue;
		}
		vm->irqs[vm->nr_irqs++] = irq;
	}
}

/*
 * File names end up in generated C, assembler, make and dtc source (and in
 * comments there): refuse what any of those cannot carry quoted. The name
 * itself is not echoed, so the message cannot smuggle control characters.
 */
static int file_name(struct gen *g, struct vm *vm, const char *prop, const char **out)
{
	int r = dt_string(g, vm->node, prop, out);
	const unsigned char *p;

	if (r != 1)
		return r;
	for (p = (const unsigned char *)*out; *p; p++) {
		if (*p < 0x20 || *p == 0x7f || *p == '"' || *p == '\\') {
			report(g, vm->node, prop,
			       "property \"%s\" has a control character, '\"' or '\\' (not allowed in file names)",
			       prop);
			*out = NULL;
			return -1;
		}
	}
	return 1;
}

static void parse_image(struct gen *g, struct vm *vm)
{
	uint32_t v = 0;
	int r = file_name(g, vm, "image", &vm->image);

	if (r == 0)
		report(g, vm->node, NULL, "missing required property \"image\"");
	vm->ok_image = r == 1;
	r = dt_u32(g, vm->node, "load-address", &v);
	vm->has_load = r == 1;
	vm->load = v;
	if (r < 0)
		vm->ok_image = false;
	r = dt_u32(g, vm->node, "entry", &v);
	vm->has_entry = r == 1;
	vm->entry = v;
	if (r < 0)
		vm->ok_image = false;
}

/* dtb-address = <ipa>: where the guest DTB goes instead of the end of RAM. */
static void parse_dtb_address(struct gen *g, struct vm *vm)
{
	uint32_t v = 0;
	int r = dt_u32(g, vm->node, "dtb-address", &v);

	if (r < 0)
		vm->ok_guest = false;
	if (r != 1)
		return;
	vm->has_dtb_addr = true;
	vm->dtb_addr = v;
	if (v % 8) {
		report(g, vm->node, "dtb-address", "dtb-address 0x%08x is not 8-byte aligned", v);
		vm->ok_guest = false;
	}
}

/* What goes into the guest's device tree: bootargs, initrd, overlay, psci-method, linux. */
static void parse_guest(struct gen *g, struct vm *vm)
{
	const char *s;
	int len;

	vm->ok_guest = true;
	if (dt_string(g, vm->node, "bootargs", &vm->bootargs) < 0)
		vm->ok_guest = false;
	if (file_name(g, vm, "initrd", &vm->initrd) < 0)
		vm->ok_guest = false;
	if (file_name(g, vm, "overlay", &vm->overlay) < 0)
		vm->ok_guest = false;
	switch (dt_string(g, vm->node, "psci-method", &s)) {
	case 1:
		if (strcmp(s, "hvc") == 0) {
			vm->psci_hvc = true;
		} else if (strcmp(s, "smc") != 0) {
			report(g, vm->node, "psci-method", "unknown psci-method \"%s\" (expected smc or hvc)", s);
			vm->ok_guest = false;
		}
		break;
	case -1:
		vm->ok_guest = false;
		break;
	default:
		break;
	}
	parse_dtb_address(g, vm);
	vm->linux_guest = dt_prop(g, vm->node, "linux", &len) != NULL;
	if (vm->linux_guest && len != 0) {
		report(g, vm->node, "linux", "linux takes no value");
		vm->ok_guest = false;
	}
}

static void parse_vm(struct gen *g, struct vm *vm)
{
	const char *name = fdt_get_name(g->fdt, vm->node, NULL);
	const char *file;
	uint32_t line;
	char path[1024];

	/* keep even an invalid name: later messages still need something to say */
	snprintf(vm->name, sizeof(vm->name), "%s", name ? name : "");
	if (!name || !valid_node_name(name))
		report(g, vm->node, NULL, "invalid VM name \"%s\" (1-15 characters of a-z 0-9 _ -)",
		       name ? name : "");
	/* dtc merges same-named nodes: two partition files for one VM name
	 * would silently become one VM with mixed properties */
	if (annot_second(&g->annot, node_path(g, vm->node, path, sizeof(path)), &file, &line))
		report(g, vm->node, NULL, "VM \"%s\" is also defined at %s:%u", vm->name, file, line);
	parse_level(g, vm);
	parse_console(g, vm);
	parse_reset(g, vm);
	parse_cpus(g, vm);
	parse_ram(g, vm);
	parse_devices(g, vm);
	parse_irqs(g, vm);
	parse_image(g, vm);
	parse_guest(g, vm);
	sched_parse_vm(g, vm);
}

/* /partitions/cores and /partitions/channels hold system-wide declarations. */
static bool is_node(const struct gen *g, int node, const char *what)
{
	const char *name = fdt_get_name(g->fdt, node, NULL);

	return name && strcmp(name, what) == 0;
}

int partitions_load(struct gen *g)
{
	int parts = fdt_path_offset(g->fdt, "/partitions");
	int node, n = 0;
	unsigned int before = g->errors;
	uint32_t c;

	g->cores_node = -1;
	for (c = 0; c < GEN_MAX_CPUS; c++) {
		g->pcpu[c].entry = -1;
		g->pcpu[c].named = NULL;
	}

	g->channels_node = -1;
	if (parts < 0) {
		report(g, 0, NULL, "missing node /partitions");
		return -1;
	}
	fdt_for_each_subnode(node, g->fdt, parts)
		n++;
	g->vms = xcalloc((size_t)n, sizeof(*g->vms));
	fdt_for_each_subnode(node, g->fdt, parts) {
		int len;
		const void *compat;

		/* System-level declarations, not VMs (CONFIG_SYSTEM_DTS): shared-core
		 * schedulers and inter-VM channels, parsed once all VMs are known. */
		if (is_node(g, node, "cores")) {
			sched_parse_cores(g, node);
			continue;
		}
		if (is_node(g, node, "control"))
			continue; /* control.c, once every VM is known */
		if (is_node(g, node, "channels")) {
			g->channels_node = node; /* parse_chan.c, once every VM is known */
			continue;
		}
		compat = dt_prop(g, node, "compatible", &len);
		if (!compat) {
			report(g, node, NULL, "missing required property \"compatible\"");
			continue;
		}
		if (fdt_stringlist_contains(compat, len, "shikiri,partition") != 1) {
			report(g, node, "compatible", "compatible is not \"shikiri,partition\"");
			continue;
		}
		if (g->nr_vms == g->opt.max_vms) {
			report(g, node, NULL, "too many VMs (maximum %u)", g->opt.max_vms);
			break;
		}
		g->vms[g->nr_vms].node = node;
		parse_vm(g, &g->vms[g->nr_vms]);
		g->nr_vms++;
	}
	if (g->nr_vms == 0 && g->errors == before)
		report(g, parts, NULL, "no partitions (compatible = \"shikiri,partition\")");
	return g->errors == before ? 0 : -1;
}

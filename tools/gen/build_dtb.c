/* SPDX-License-Identifier: MIT */
/*
 * Build phase, guest device trees: one blob per VM, built from the
 * partition and the board with libfdt's sequential-write API, so it holds
 * exactly the VM's resources and the same inputs always give the same
 * bytes; then the optional overlay is merged in. Two passes: the size
 * (place_dtb.c places the blob and initrd with it), then the blob with the
 * initrd's address. docs/partition-binding.md describes the result.
 */
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dt.h"
#include "dtc.h"
#include "query.h"
#include "util.h"

#define GIC_PHANDLE 1u
#define MAX_CLOCKS 64
#define MAX_DEPTH 16
#define MAX_DTB (16u << 20)


/* One guest tree being written. */
struct gdt {
	struct gen *g;
	const struct vm *vm;
	void *fdt;
	int err; /* first libfdt error; every writer does nothing once set */
	int clk_node[MAX_CLOCKS]; /* copied fixed clocks: phandle GIC_PHANDLE + 1 + i */
	uint32_t nr_clk;
	int uart; /* board console node when the VM has a UART, else -1 */
	bool vuart_pl011; /* a vUART on a non-PL011 board console: describe the PL011 */
	int timer;
	bool has_initrd;
	uint64_t initrd_start, initrd_end;
};

static void w_begin(struct gdt *d, const char *name)
{
	if (!d->err)
		d->err = fdt_begin_node(d->fdt, name);
}

static void w_end(struct gdt *d)
{
	if (!d->err)
		d->err = fdt_end_node(d->fdt);
}

static void w_prop(struct gdt *d, const char *name, const void *v, int len)
{
	if (!d->err)
		d->err = fdt_property(d->fdt, name, v, len);
}

static void w_u32(struct gdt *d, const char *name, uint32_t v)
{
	if (!d->err)
		d->err = fdt_property_u32(d->fdt, name, v);
}

static void w_str(struct gdt *d, const char *name, const char *s)
{
	if (!d->err)
		d->err = fdt_property_string(d->fdt, name, s);
}

static void w_cells(struct gdt *d, const char *name, const uint32_t *c, uint32_t n)
{
	fdt32_t buf[64];
	uint32_t i;

	for (i = 0; i < n && i < ARRAY_SIZE(buf); i++)
		buf[i] = cpu_to_fdt32(c[i]);
	w_prop(d, name, buf, (int)(4 * i));
}

static bool is_fixed_clock(const struct gen *g, int node)
{
	int len;
	const void *p;

	if (node < 0 || !dt_compatible(g, node, "fixed-clock"))
		return false;
	p = dt_prop(g, node, "#clock-cells", &len);
	return p && len == 4 && dt_cell(p, 0) == 0;
}

/* "clocks" names only fixed clocks (then it is kept, with new phandles). */
static bool clocks_ok(const struct gen *g, int node)
{
	int len, i;
	const void *p = dt_prop(g, node, "clocks", &len);

	if (!p || len == 0 || len % 4)
		return false;
	for (i = 0; i < len / 4; i++)
		if (!is_fixed_clock(g, dt_phandle_node(g, dt_cell(p, (uint32_t)i))))
			return false;
	return true;
}

static uint32_t clk_phandle(struct gdt *d, int node, bool add)
{
	uint32_t i;

	for (i = 0; i < d->nr_clk; i++)
		if (d->clk_node[i] == node)
			return GIC_PHANDLE + 1 + i;
	if (!add || d->nr_clk == MAX_CLOCKS)
		return 0;
	d->clk_node[d->nr_clk++] = node;
	return GIC_PHANDLE + d->nr_clk;
}

/* The fixed clocks a copied subtree refers to, in order of first use. */
static void collect_clocks(struct gdt *d, int node, int depth)
{
	const struct gen *g = d->g;
	int len, child;
	const void *p = dt_prop(g, node, "clocks", &len);

	if (p && clocks_ok(g, node))
		for (int i = 0; i < len / 4; i++)
			clk_phandle(d, dt_phandle_node(g, dt_cell(p, (uint32_t)i)), true);
	if (depth >= MAX_DEPTH)
		return;
	fdt_for_each_subnode(child, g->fdt, node) {
		collect_clocks(d, child, depth + 1);
	}
}

/* Properties holding phandles of nodes a VM does not get: dropped. */
static bool dropped_prop(const char *name)
{
	static const char *const exact[] = {
		"phandle", "linux,phandle", "resets", "reset-names", "dmas", "dma-names",
		"power-domains", "power-domain-names", "iommus", "iommu-map", "msi-parent", "msi-map",
		"phys", "phy-names", "pinctrl-names", "gpios", "assigned-clocks",
		"assigned-clock-parents", "assigned-clock-rates", "memory-region", "interconnects",
		"interconnect-names", "nvmem-cells", "nvmem-cell-names", "operating-points-v2",
		"mboxes", "mbox-names", "interrupt-map", "interrupt-map-mask", "sram",
	};
	static const char *const suffix[] = { "-gpios", "-gpio", "-supply" };
	size_t i, n = strlen(name);

	for (i = 0; i < ARRAY_SIZE(exact); i++)
		if (strcmp(name, exact[i]) == 0)
			return true;
	for (i = 0; i < ARRAY_SIZE(suffix); i++) {
		size_t k = strlen(suffix[i]);

		if (n > k && strcmp(name + n - k, suffix[i]) == 0)
			return true;
	}
	return strncmp(name, "pinctrl-", 8) == 0;
}

/* Name in the guest: the board's, with the unit address of the translated reg[0]. */
static const char *guest_name(struct gdt *d, int node, bool top, char *buf, size_t len)
{
	const char *name = fdt_get_name(d->g->fdt, node, NULL);
	const char *at;
	struct range r;

	if (!name)
		name = "?";
	at = strchr(name, '@');
	if (top && at && dt_reg_count(d->g, node) > 0 && dt_reg(d->g, node, 0, &r) == 0)
		snprintf(buf, len, "%.*s@%llx", (int)(at - name), name, (unsigned long long)r.start);
	else
		snprintf(buf, len, "%s", name);
	return buf;
}

/* interrupts-extended with GIC lines only: rewritten to the guest GIC, else dropped. */
static void copy_irq_ext(struct gdt *d, const void *v, int len)
{
	uint32_t cells[256], n = (uint32_t)len / 4, i;

	if (len % 4 || n == 0 || n > ARRAY_SIZE(cells) || n % 4)
		return;
	for (i = 0; i < n; i += 4) {
		if (dt_phandle_node(d->g, dt_cell(v, i)) != d->g->board.gic_node)
			return;
		cells[i] = GIC_PHANDLE;
		cells[i + 1] = dt_cell(v, i + 1);
		cells[i + 2] = dt_cell(v, i + 2);
		cells[i + 3] = dt_cell(v, i + 3);
	}
	w_cells(d, "interrupts-extended", cells, n);
}

static void copy_reg(struct gdt *d, int node)
{
	uint32_t cells[64];
	int n = dt_reg_count(d->g, node), i;
	struct range r;

	for (i = 0; i < n && i < 32; i++) {
		if (dt_reg(d->g, node, i, &r) != 0)
			return;
		cells[2 * i] = (uint32_t)r.start;
		cells[2 * i + 1] = (uint32_t)(r.end - r.start);
	}
	if (i > 0)
		w_cells(d, "reg", cells, 2 * (uint32_t)i);
}

/*
 * Copy a board node and its subtree. On the top node, "reg" is rewritten
 * as CPU physical <address size> pairs (the guest root has one address and
 * one size cell). Phandle references: interrupt-parent / interrupts-extended
 * to the GIC and clocks to fixed clocks are renumbered, the rest dropped.
 */
static void copy_node(struct gdt *d, int node, bool top, int depth)
{
	const struct gen *g = d->g;
	bool irq_gic = dt_irq_parent(g, node) == g->board.gic_node;
	bool clk = clocks_ok(g, node);
	char name[256];
	int p;

	w_begin(d, guest_name(d, node, top, name, sizeof(name)));
	fdt_for_each_property_offset(p, g->fdt, node) {
		const char *pn;
		int len;
		const void *v = fdt_getprop_by_offset(g->fdt, p, &pn, &len);

		if (!v || dropped_prop(pn))
			continue;
		if (top && strcmp(pn, "reg") == 0) {
			copy_reg(d, node);
		} else if (strcmp(pn, "interrupt-parent") == 0) {
			if (irq_gic)
				w_u32(d, pn, GIC_PHANDLE);
		} else if (strcmp(pn, "interrupts") == 0) {
			if (irq_gic)
				w_prop(d, pn, v, len);
		} else if (strcmp(pn, "interrupts-extended") == 0) {
			copy_irq_ext(d, v, len);
		} else if (strcmp(pn, "clocks") == 0) {
			if (clk) {
				uint32_t cells[64];
				int i;

				for (i = 0; i < len / 4 && i < 64; i++)
					cells[i] = clk_phandle(d, dt_phandle_node(g, dt_cell(v, (uint32_t)i)), false);
				w_cells(d, pn, cells, (uint32_t)i);
			}
		} else if (strcmp(pn, "clock-names") == 0) {
			if (clk)
				w_prop(d, pn, v, len);
		} else {
			w_prop(d, pn, v, len);
		}
	}
	if (depth < MAX_DEPTH) {
		int child;

		fdt_for_each_subnode(child, g->fdt, node) {
			copy_node(d, child, false, depth + 1);
		}
	}
	w_end(d);
}

static void copy_clock(struct gdt *d, uint32_t i)
{
	const struct gen *g = d->g;
	const char *name = fdt_get_name(g->fdt, d->clk_node[i], NULL);
	int p;

	w_begin(d, name ? name : "clock");
	fdt_for_each_property_offset(p, g->fdt, d->clk_node[i]) {
		const char *pn;
		int len;
		const void *v = fdt_getprop_by_offset(g->fdt, p, &pn, &len);

		if (v && !dropped_prop(pn) && strcmp(pn, "clocks") != 0)
			w_prop(d, pn, v, len);
	}
	w_u32(d, "phandle", GIC_PHANDLE + 1 + i);
	w_end(d);
}

static void write_cpus(struct gdt *d)
{
	const struct gen *g = d->g;
	uint32_t n;

	w_begin(d, "cpus");
	w_u32(d, "#address-cells", 1);
	w_u32(d, "#size-cells", 0);
	for (n = 0; n < d->vm->nr_vcpus; n++) {
		int len;
		char name[32];
		const void *compat = dt_prop(g, g->board.cpu_node[d->vm->vcpu_pcpu[n]], "compatible", &len);

		/* No stage 2 in the TrustZone mode: the Normal world reads the
		 * physical MPIDR, and Linux looks for its boot CPU's there. */
		uint32_t reg = g->opt.tz ? g->board.mpidr[d->vm->vcpu_pcpu[n]] : n;

		snprintf(name, sizeof(name), "cpu@%x", reg);
		w_begin(d, name);
		w_str(d, "device_type", "cpu");
		if (compat)
			w_prop(d, "compatible", compat, len);
		w_u32(d, "reg", reg);
		w_str(d, "enable-method", "psci");
		w_end(d);
	}
	w_end(d);
}

static void write_gic(struct gdt *d)
{
	const struct gen *g = d->g;
	const struct board *b = &g->board;
	const char *name = fdt_get_name(g->fdt, b->gic_node, NULL);
	uint32_t reg[4] = { (uint32_t)b->gicd.start, 0x1000, (uint32_t)b->gicc.start, 0x2000 };
	int len;

	/* TrustZone mode: the real GIC's windows as the board declares them
	 * (the A9's CPU interface is 0x100 bytes) */
	if (g->opt.tz)
		reg[3] = (uint32_t)(b->gicc.end - b->gicc.start);
	const void *compat = dt_prop(g, b->gic_node, "compatible", &len);

	w_begin(d, name ? name : "interrupt-controller");
	if (compat)
		w_prop(d, "compatible", compat, len);
	w_cells(d, "reg", reg, 4);
	w_u32(d, "#interrupt-cells", 3);
	w_u32(d, "#address-cells", 0);
	w_prop(d, "interrupt-controller", NULL, 0);
	w_u32(d, "phandle", GIC_PHANDLE);
	w_end(d);
}

/*
 * The emulated PL011 (vuart.c) a vUART VM sees at the board console's
 * address when that UART is not a PL011 itself (a 16550 on the H3 or the
 * LS1021A): the guest must be told what it will find there, with a fixed
 * clock of its own (Linux's pl011 driver probes only with clocks).
 */
#define VUART_CLK_PHANDLE (GIC_PHANDLE + 1 + MAX_CLOCKS)

static void write_vuart_pl011(struct gdt *d)
{
	static const char compat[] = "arm,pl011\0arm,primecell";
	static const char clk_names[] = "uartclk\0apb_pclk";
	const struct board *b = &d->g->board;
	uint32_t reg[2] = { (uint32_t)b->uart_pa, 0x1000 };
	uint32_t irq[3] = { 0, b->uart_irq - 32, 4 };
	uint32_t clks[2] = { VUART_CLK_PHANDLE, VUART_CLK_PHANDLE };
	char name[300];

	w_begin(d, "vuart-clk");
	w_str(d, "compatible", "fixed-clock");
	w_u32(d, "#clock-cells", 0);
	w_u32(d, "clock-frequency", 24000000);
	w_u32(d, "phandle", VUART_CLK_PHANDLE);
	w_end(d);
	w_begin(d, guest_name(d, d->uart, true, name, sizeof(name)));
	w_prop(d, "compatible", compat, sizeof(compat));
	w_cells(d, "reg", reg, 2);
	w_cells(d, "interrupts", irq, 3);
	w_cells(d, "clocks", clks, 2);
	w_prop(d, "clock-names", clk_names, sizeof(clk_names));
	w_end(d);
}

/*
 * A channel the VM is on (docs/channels.md). reg[0] is the doorbell page,
 * reg[1] the shared memory (uio_pdrv_genirq's map 0 and 1 where a kernel
 * has it). Debian's armhf kernels lack uio for DT devices, so the node is
 * also an interrupt-only gpio-keys device (built in there): each doorbell
 * becomes a key press and release on /dev/input/eventN, named after the
 * label. The key code is a joystick button, which no keyboard or console
 * handler takes.
 */
#define CHAN_KEY_CODE 0x2c0u /* BTN_TRIGGER_HAPPY1 */

static void write_channel(struct gdt *d, const struct channel *c, uint32_t end)
{
	static const char compat[] = "shikiri,channel\0gpio-keys";
	const struct chan_end *e = &c->end[end];
	uint32_t reg[4] = { (uint32_t)e->doorbell, (uint32_t)SZ_4K, (uint32_t)e->ipa, (uint32_t)c->size };
	uint32_t irq[3] = { 0, e->irq - 32, 1 }; /* SPI, edge rising */
	char name[32];

	snprintf(name, sizeof(name), "channel@%llx", (unsigned long long)e->doorbell);
	w_begin(d, name);
	w_prop(d, "compatible", compat, sizeof(compat));
	w_cells(d, "reg", reg, 4);
	w_cells(d, "interrupts", irq, 3);
	w_str(d, "label", c->name);
	w_str(d, "shikiri,access", e->ro ? "ro" : "rw");
	w_u32(d, "shikiri,index", end);
	w_u32(d, "shikiri,peers", c->nr_ends);
	w_begin(d, "doorbell"); /* gpio-keys: an interrupt-only key */
	w_cells(d, "interrupts", irq, 3);
	w_u32(d, "linux,code", CHAN_KEY_CODE);
	w_u32(d, "debounce-interval", 0);
	w_str(d, "label", "doorbell");
	w_end(d);
	w_end(d);
}

/*
 * A controller's control page (docs/control.md): reg is the page; with a
 * state-change interrupt the node is also an interrupt-only gpio-keys
 * device, as a channel's, so Linux waits for state changes on
 * /dev/input/eventN (its name is the label).
 */
static void write_control(struct gdt *d, uint64_t page, uint32_t irq)
{
	static const char compat[] = "shikiri,control\0gpio-keys";
	uint32_t reg[2] = { (uint32_t)page, (uint32_t)SZ_4K };
	char name[32];

	snprintf(name, sizeof(name), "control@%llx", (unsigned long long)page);
	w_begin(d, name);
	w_prop(d, "compatible", compat, irq ? sizeof(compat) : sizeof("shikiri,control"));
	w_cells(d, "reg", reg, 2);
	w_str(d, "label", "shikiri-control");
	if (irq) {
		uint32_t cells[3] = { 0, irq - 32, 1 }; /* SPI, edge rising */

		w_cells(d, "interrupts", cells, 3);
		w_begin(d, "state");
		w_cells(d, "interrupts", cells, 3);
		w_u32(d, "linux,code", CHAN_KEY_CODE + 1u); /* BTN_TRIGGER_HAPPY2 */
		w_u32(d, "debounce-interval", 0);
		w_str(d, "label", "state");
		w_end(d);
	}
	w_end(d);
}

static bool is_uart(const struct gdt *d, int node)
{
	return d->uart >= 0 && node == d->uart;
}

/*
 * The root compatible in the TrustZone mode: "shikiri,vm", then the board's
 * own list. Without stage 2 the Normal world runs on the real machine, so
 * it picks the board's machine description (Linux's "arm,vexpress" one for
 * vexpress-a9), not a virtual machine's.
 */
static void write_tz_compat(struct gdt *d)
{
	char buf[512];
	int len;
	const char *board = dt_prop(d->g, 0, "compatible", &len);
	size_t n = sizeof("shikiri,vm");

	memcpy(buf, "shikiri,vm", n);
	if (board && len > 0 && (size_t)len <= sizeof(buf) - n && board[len - 1] == '\0') {
		memcpy(buf + n, board, (size_t)len);
		n += (size_t)len;
	}
	w_prop(d, "compatible", buf, (int)n);
}

static int write_tree(struct gdt *d, void *buf, int cap)
{
	static const char compat[] = "shikiri,vm\0linux,dummy-virt";
	static const char psci[] = "arm,psci-1.0\0arm,psci-0.2";
	const struct vm *vm = d->vm;
	char name[300];
	uint32_t k;

	d->fdt = buf;
	d->err = fdt_create(buf, cap);
	if (!d->err)
		d->err = fdt_finish_reservemap(buf);
	w_begin(d, "");
	w_u32(d, "#address-cells", 1);
	w_u32(d, "#size-cells", 1);
	snprintf(name, sizeof(name), "shikiri VM %s", vm->name);
	w_str(d, "model", name);
	if (d->g->opt.tz)
		write_tz_compat(d);
	else
		w_prop(d, "compatible", compat, sizeof(compat));
	w_u32(d, "interrupt-parent", GIC_PHANDLE);

	w_begin(d, "chosen");
	if (vm->bootargs)
		w_str(d, "bootargs", vm->bootargs);
	if (d->uart >= 0) {
		char path[260];

		snprintf(path, sizeof(path), "/%s", guest_name(d, d->uart, true, name, sizeof(name)));
		w_str(d, "stdout-path", path);
	}
	if (d->has_initrd) {
		w_u32(d, "linux,initrd-start", (uint32_t)d->initrd_start);
		w_u32(d, "linux,initrd-end", (uint32_t)d->initrd_end);
	}
	w_end(d);

	/* one memory node per writable region; ROM is not RAM to the guest */
	for (k = 0; k < vm->nr_regions; k++) {
		const struct region *r = &vm->region[k];
		uint32_t reg[2] = { (uint32_t)r->ipa, (uint32_t)r->size };

		if (r->read_only)
			continue;
		snprintf(name, sizeof(name), "memory@%llx", (unsigned long long)r->ipa);
		w_begin(d, name);
		w_str(d, "device_type", "memory");
		w_cells(d, "reg", reg, 2);
		w_end(d);
	}

	write_cpus(d);

	w_begin(d, "psci");
	w_prop(d, "compatible", psci, sizeof(psci));
	w_str(d, "method", vm->psci_hvc ? "hvc" : "smc");
	w_end(d);

	write_gic(d);
	if (d->timer >= 0)
		copy_node(d, d->timer, true, 0);
	for (k = 0; k < d->nr_clk; k++)
		copy_clock(d, k);
	if (d->uart >= 0 && d->vuart_pl011)
		write_vuart_pl011(d);
	else if (d->uart >= 0)
		copy_node(d, d->uart, true, 0);
	for (k = 0; k < vm->nr_devs; k++)
		if (!is_uart(d, vm->dev_node[k]))
			copy_node(d, vm->dev_node[k], true, 0);
	{
		uint32_t ci, ei;

		for (k = 0; k < VM_MAX_CHANNELS &&
			    vm_chan_end(d->g, (uint32_t)(vm - d->g->vms), k, &ci, &ei); k++)
			write_channel(d, &d->g->chans[ci], ei);
	}
	{
		uint64_t page;
		uint32_t cirq;

		if (control_of_vm(d->g, (uint32_t)(vm - d->g->vms), &page, &cirq))
			write_control(d, page, cirq);
	}
	w_end(d);
	if (!d->err)
		d->err = fdt_finish(buf);
	return d->err;
}

/* Build into a fresh buffer (grown until it fits). NULL after reporting. */
static uint8_t *build(struct gdt *d)
{
	int cap = 4096;

	for (;;) {
		uint8_t *buf = xcalloc(1, (size_t)cap);
		int err = write_tree(d, buf, cap);

		if (err == 0)
			return buf;
		free(buf);
		if (err != -FDT_ERR_NOSPACE || cap >= (int)MAX_DTB) {
			report(d->g, d->vm->node, NULL, "internal error: guest DTB: %s", fdt_strerror(err));
			return NULL;
		}
		cap *= 2;
	}
}

/* Merge overlay node ovn into rw node rwn: properties overwritten, nodes created. */
static int merge_node(void *rw, int rwn, const void *ov, int ovn, int depth)
{
	int p, c, err;

	if (depth > MAX_DEPTH)
		return -FDT_ERR_BADSTRUCTURE;
	fdt_for_each_property_offset(p, ov, ovn) {
		const char *name;
		int len;
		const void *v = fdt_getprop_by_offset(ov, p, &name, &len);

		if (!v)
			return len;
		err = fdt_setprop(rw, rwn, name, v, len);
		if (err)
			return err;
	}
	fdt_for_each_subnode(c, ov, ovn) {
		const char *name = fdt_get_name(ov, c, NULL);
		int sub = name ? fdt_subnode_offset(rw, rwn, name) : -FDT_ERR_BADSTRUCTURE;

		if (sub == -FDT_ERR_NOTFOUND)
			sub = fdt_add_subnode(rw, rwn, name);
		if (sub < 0)
			return sub;
		err = merge_node(rw, sub, ov, c, depth + 1);
		if (err)
			return err;
	}
	return 0;
}

/* Any phandle in the overlay would clash with the generated ones. */
static bool has_phandles(const void *ov, int node, int depth)
{
	int len, c;

	if (fdt_getprop(ov, node, "phandle", &len) || fdt_getprop(ov, node, "linux,phandle", &len))
		return true;
	if (depth >= MAX_DEPTH)
		return false;
	fdt_for_each_subnode(c, ov, node) {
		if (has_phandles(ov, c, depth + 1))
			return true;
	}
	return false;
}

/* Compile the overlay fragment with dtc. The blob, or NULL after reporting. */
static void *compile_overlay(struct gen *g, struct vm *vm, uint32_t id)
{
	char *dts = xasprintf("%s/vm%u.overlay.dts.tmp", g->opt.out, id);
	char *dtb = xasprintf("%s/vm%u.overlay.dtb.tmp", g->opt.out, id);
	char *err = xasprintf("%s/vm%u.overlay.err.tmp", g->opt.out, id);
	char *src = xasprintf("/dts-v1/;\n/ {\n};\n/include/ \"%s\"\n", vm->overlay_path);
	/* dtc names the overlay by the absolute path it was given: show it as written */
	const char *incl[3] = { NULL, NULL, vm->overlay };
	const char *from[1] = { vm->overlay_path }, *to[1] = { vm->overlay };
	struct dtc_src names = { dts, incl, 3, from, to, 1 };
	void *blob = NULL;
	size_t len;

	if (g->opt.no_dtc) {
		report(g, vm->node, "overlay", "overlay \"%s\": not compiled in this mode", vm->overlay);
		free(dts);
		free(dtb);
		free(err);
		free(src);
		return NULL;
	}
	if (write_if_changed(dts, src, strlen(src)) == 0) {
		char *argv[] = { NULL, "-I", "dts", "-O", "dtb", "-o", dtb, dts, NULL };

		if (dtc_run(g, argv, err, &names) == 0) {
			blob = read_file(dtb, &len);
			if (blob && (len < sizeof(struct fdt_header) || fdt_check_full(blob, len) != 0)) {
				free(blob);
				blob = NULL;
			}
			if (!blob)
				report(g, vm->node, "overlay", "overlay \"%s\": dtc output unreadable",
				       vm->overlay);
		} else {
			report(g, vm->node, "overlay", "overlay \"%s\" does not compile (dtc messages above)",
			       vm->overlay);
		}
	}
	if (blob && has_phandles(blob, 0, 0)) {
		report(g, vm->node, "overlay",
		       "overlay \"%s\" uses phandles (labels and references are not supported)", vm->overlay);
		free(blob);
		blob = NULL;
	}
	/* an overlay that adds nothing was named by mistake */
	if (blob && fdt_first_property_offset(blob, 0) < 0 && fdt_first_subnode(blob, 0) < 0) {
		report(g, vm->node, "overlay", "overlay \"%s\" adds nothing", vm->overlay);
		free(blob);
		blob = NULL;
	}
	unlink(dts);
	unlink(dtb);
	unlink(err);
	free(dts);
	free(dtb);
	free(err);
	free(src);
	return blob;
}

/* The built tree with the overlay merged in, packed. NULL after reporting. */
static uint8_t *apply_overlay(struct gdt *d, uint8_t *base, const void *ov)
{
	int cap = (int)(fdt_totalsize(base) + 2 * fdt_totalsize(ov) + 4096);
	uint8_t *rw = xcalloc(1, (size_t)cap);
	int err = fdt_open_into(base, rw, cap);

	if (!err)
		err = merge_node(rw, 0, ov, 0, 0);
	if (!err)
		err = fdt_pack(rw);
	free(base);
	if (err) {
		report(d->g, d->vm->node, "overlay", "overlay \"%s\" cannot be merged: %s", d->vm->overlay,
		       fdt_strerror(err));
		free(rw);
		return NULL;
	}
	return rw;
}

static uint8_t *make_dtb(struct gdt *d, const void *ov)
{
	uint8_t *blob = build(d);

	if (blob && ov)
		blob = apply_overlay(d, blob, ov);
	return blob;
}

/* The tree's inputs: the same for both passes (nothing here reports). */
static void gdt_init(struct gdt *d, struct gen *g, const struct vm *vm)
{
	size_t k;
	uint32_t i;

	memset(d, 0, sizeof(*d));
	d->g = g;
	d->vm = vm;
	d->uart = vm->console != GEN_CONSOLE_NONE ? g->board.uart_node : -1;
	d->timer = -1;
	/* TrustZone mode: the A9 has no generic timer; the Normal world gets
	 * each core's private timer (TWD, PPI 13), Group 1 on a Non-secure
	 * core. The global timer (PPI 11) is the Secure RTOS's. */
	if (g->opt.tz)
		d->timer = fdt_node_offset_by_compatible(g->fdt, -1, "arm,cortex-a9-twd-timer");
	for (k = 0; k < DT_NR_TIMER_COMPAT && d->timer < 0 && !g->opt.tz; k++)
		d->timer = fdt_node_offset_by_compatible(g->fdt, -1, dt_timer_compat[k]);
	d->vuart_pl011 = d->uart >= 0 && vm->console == GEN_CONSOLE_VUART &&
			 g->board.uart_type != BOARD_UART_PL011;
	if (d->uart >= 0 && !d->vuart_pl011)
		collect_clocks(d, d->uart, 0);
	for (i = 0; i < vm->nr_devs; i++)
		if (!is_uart(d, vm->dev_node[i]))
			collect_clocks(d, vm->dev_node[i], 0);
	/* last, so the clocks numbered before keep their phandles */
	if (d->timer >= 0)
		collect_clocks(d, d->timer, 0);
	d->has_initrd = vm->initrd_path != NULL;
}

int build_dtb_size(struct gen *g, uint32_t id)
{
	struct vm *vm = &g->vms[id];
	struct gdt d;
	uint8_t *blob;

	/* what the tree needs must have parsed; errors there are reported already */
	if (!(vm->ok_mem && vm->ok_cpus && vm->ok_guest && (!vm->initrd || vm->initrd_path) &&
	      (!vm->overlay || vm->overlay_path) && (!vm->initrd_path || vm->initrd_size)))
		return -1;
	gdt_init(&d, g, vm);
	if (vm->overlay_path) {
		vm->overlay_dtb = compile_overlay(g, vm, id);
		if (!vm->overlay_dtb)
			return -1;
	}
	/* the first pass, for the size: the initrd's address does not change it */
	blob = make_dtb(&d, vm->overlay_dtb);
	if (!blob) {
		free(vm->overlay_dtb);
		vm->overlay_dtb = NULL;
		return -1;
	}
	vm->dtb_size = fdt_totalsize(blob);
	free(blob);
	return 0;
}

void build_dtb(struct gen *g, uint32_t id)
{
	struct vm *vm = &g->vms[id];
	struct gdt d;
	uint8_t *blob;

	gdt_init(&d, g, vm);
	d.initrd_start = vm->initrd_ipa;
	d.initrd_end = vm->initrd_ipa + vm->initrd_size;
	blob = make_dtb(&d, vm->overlay_dtb);
	if (blob && fdt_totalsize(blob) != vm->dtb_size) {
		report(g, vm->node, NULL, "internal error: guest DTB size changed");
		free(blob);
		blob = NULL;
	}
	vm->dtb = blob;
	free(vm->overlay_dtb);
	vm->overlay_dtb = NULL;
}

/* SPDX-License-Identifier: MIT */
/*
 * Parse phase, board: the board half of the system DT: cores, memory, the GIC and the
 * hypervisor console. Everything the partitions refer to is resolved
 * against what is read here.
 */
#include <libfdt.h>
#include <stdio.h>
#include <string.h>

#include "query.h"
#include "dt.h"
#include "util.h"

static const char *const gic_compat[] = {
	"arm,cortex-a15-gic", "arm,gic-400", "arm,cortex-a7-gic",
};
/* The TrustZone mode's (--arch armv7-tz): a GIC with the Security
 * Extensions and no virtualization, two windows (GICD, GICC). */
static const char *const gic_tz_compat[] = { "arm,cortex-a9-gic" };

/* r rounded out to whole 4 KiB pages (r.end <= 4 GiB: no wrap). */
static struct range pages(struct range r)
{
	return (struct range){ r.start & ~(SZ_4K - 1), (r.end + SZ_4K - 1) & ~(SZ_4K - 1) };
}

/* Ranges of one kind (memory nodes, reserved memory) must not overlap:
 * reported on the later one. */
static void check_overlaps(struct gen *g, const struct range *r, const int *node, uint32_t n,
			   const char *what)
{
	char path[1024];
	uint32_t i, j;

	for (i = 1; i < n; i++) {
		for (j = 0; j < i && !range_overlap(r[i], r[j]); j++)
			;
		if (j == i)
			continue;
		node_path(g, node[j] > 0 ? node[j] : 0, path, sizeof(path));
		if (node[i] > 0)
			report(g, node[i], "reg",
			       "%s 0x%08llx..0x%08llx overlaps %s 0x%08llx..0x%08llx of %s", what,
			       (unsigned long long)r[i].start, (unsigned long long)r[i].end - 1,
			       what, (unsigned long long)r[j].start,
			       (unsigned long long)r[j].end - 1,
			       node[j] > 0 ? path : "/memreserve/");
		else
			report_global(
			    g,
			    "/memreserve/ 0x%08llx..0x%08llx overlaps %s 0x%08llx..0x%08llx of %s",
			    (unsigned long long)r[i].start, (unsigned long long)r[i].end - 1, what,
			    (unsigned long long)r[j].start, (unsigned long long)r[j].end - 1,
			    node[j] > 0 ? path : "/memreserve/");
	}
}

static void load_cpus(struct gen *g)
{
	struct board *b = &g->board;
	int cpus = fdt_path_offset(g->fdt, "/cpus");
	int node, ac, len, seen = 0;
	uint32_t acv;

	if (cpus < 0) {
		report(g, 0, NULL, "missing node /cpus");
		return;
	}
	if (dt_u32(g, cpus, "#address-cells", &acv) != 1 || acv < 1 || acv > 2) {
		report(g, cpus, "#address-cells", "#address-cells must be 1 or 2");
		return;
	}
	ac = (int)acv;
	fdt_for_each_subnode(node, g->fdt, cpus) {
		const char *name = fdt_get_name(g->fdt, node, NULL);
		const void *reg;
		uint64_t mpidr;

		if (!dt_device_type(g, node, "cpu") && !(name && strncmp(name, "cpu@", 4) == 0))
			continue;
		seen++;
		/* cores beyond --nr-cpus do not exist for this build */
		if (b->nr_cores >= g->opt.nr_cpus)
			continue;
		reg = dt_prop(g, node, "reg", &len);
		if (!reg) {
			report(g, node, NULL, "missing required property \"reg\"");
			continue;
		}
		if (len != 4 * ac) {
			report(g, node, "reg", "property \"reg\" has length %d (expected %d)", len, 4 * ac);
			continue;
		}
		mpidr = ac == 2 ? ((uint64_t)dt_cell(reg, 0) << 32) | dt_cell(reg, 1) : dt_cell(reg, 0);
		if (mpidr > 0xffffffu) {
			report(g, node, "reg", "MPIDR affinity 0x%llx does not fit 24 bits",
			       (unsigned long long)mpidr);
			continue;
		}
		{
			uint32_t c;

			for (c = 0; c < b->nr_cores && b->mpidr[c] != (uint32_t)mpidr; c++)
				;
			if (c < b->nr_cores) {
				char path[1024];

				report(g, node, "reg", "MPIDR 0x%llx is also the MPIDR of %s",
				       (unsigned long long)mpidr,
				       node_path(g, b->cpu_node[c], path, sizeof(path)));
				continue;
			}
		}
		b->cpu_node[b->nr_cores] = node;
		b->mpidr[b->nr_cores] = (uint32_t)mpidr;
		b->nr_cores++;
	}
	if (seen == 0)
		report(g, cpus, NULL, "no cpu nodes");
}

/* Every memory node, at any depth: one nested under a bus is RAM too. */
static void load_memory(struct gen *g)
{
	struct board *b = &g->board;
	int node, depth = 0;

	for (node = fdt_next_node(g->fdt, 0, &depth); node >= 0 && depth > 0;
	     node = fdt_next_node(g->fdt, node, &depth)) {
		int n, i;

		if (!dt_device_type(g, node, "memory"))
			continue;
		n = dt_reg_count(g, node);
		if (n == 0)
			report(g, node, NULL, "missing required property \"reg\"");
		for (i = 0; i < n; i++) {
			struct range r;

			if (dt_reg(g, node, i, &r) != 0 || r.start == r.end)
				continue;
			if (b->nr_mem == GEN_MAX_MEM) {
				report(g, node, "reg", "too many memory ranges (maximum %d)", GEN_MAX_MEM);
				return;
			}
			b->mem_node[b->nr_mem] = node;
			b->mem[b->nr_mem++] = r;
		}
	}
	if (b->nr_mem == 0 && g->errors == 0)
		report(g, 0, NULL, "no memory node (device_type = \"memory\")");
	check_overlaps(g, b->mem, b->mem_node, b->nr_mem, "memory");
}

/*
 * RAM the board keeps for itself (firmware, a secure monitor's PSCI code, a
 * frame buffer): every /reserved-memory child with a "reg", and every
 * /memreserve/ entry. No VM memory, channel or hypervisor may go there.
 */
static void add_resv(struct gen *g, int node, struct range r)
{
	struct board *b = &g->board;

	if (r.start == r.end)
		return;
	if (b->nr_resv == GEN_MAX_MEM) {
		if (node > 0)
			report(g, node, "reg", "too many reserved memory ranges (maximum %d)",
			       GEN_MAX_MEM);
		else
			report_global(g, "too many reserved memory ranges (maximum %d)",
				      GEN_MAX_MEM);
		return;
	}
	b->resv_node[b->nr_resv] = node;
	b->resv[b->nr_resv++] = r;
}

static void load_reserved(struct gen *g)
{
	struct board *b = &g->board;
	int n = fdt_num_mem_rsv(g->fdt), i, parent, node;

	b->nr_resv = 0;
	for (i = 0; i < n && i < 64; i++) {
		uint64_t addr, size;

		if (fdt_get_mem_rsv(g->fdt, i, &addr, &size) != 0 || size == 0)
			continue;
		/* overflow-safe: addr + size is never formed beyond 4 GiB */
		if (addr >= SZ_4G || size > SZ_4G - addr) {
			report_global(g, "/memreserve/ 0x%llx+0x%llx does not fit 32 bits",
				      (unsigned long long)addr, (unsigned long long)size);
			continue;
		}
		add_resv(g, 0, (struct range){ addr, addr + size });
	}
	parent = fdt_path_offset(g->fdt, "/reserved-memory");
	if (parent < 0)
		return;
	fdt_for_each_subnode(node, g->fdt, parent) {
		int k, nr = dt_reg_count(g, node);

		/* no "reg": a dynamic allocation (size, alloc-ranges) for an OS */
		for (k = 0; k < nr; k++) {
			struct range r;

			if (dt_reg(g, node, k, &r) == 0)
				add_resv(g, node, r);
		}
	}
	check_overlaps(g, b->resv, b->resv_node, b->nr_resv, "reserved memory");
}

/*
 * PPIs the hypervisor takes at fixed IDs (src/include/gic.h): a board that
 * wires them elsewhere would leave it deaf. Spec idx of node's "interrupts"
 * (3 cells), if the property is there at all, must be PPI ppi.
 */
#define GIC_MAINT_PPI	  9u  /* GIC_MAINT_IRQ 25 */
#define GIC_HYP_TIMER_PPI 10u /* GIC_HYP_TIMER_IRQ 26 */
static void check_ppi(struct gen *g, int node, uint32_t idx, uint32_t ppi, const char *what)
{
	int len;
	const void *p = dt_prop(g, node, "interrupts", &len);

	if (!p || len < 0 || (uint32_t)len < 12 * (idx + 1))
		return;
	if (dt_cell(p, 3 * idx) != 1 || dt_cell(p, 3 * idx + 1) != ppi)
		report(
		    g, node, "interrupts",
		    "interrupts[%u]: %s is <%u %u ...>; the hypervisor takes it as PPI %u (ID %u)",
		    idx, what, dt_cell(p, 3 * idx), dt_cell(p, 3 * idx + 1), ppi, 16 + ppi);
}

/* What the hypervisor uses of each GIC window from its start: GICD's and
 * GICH's registers (a page), the CPU interfaces' two pages (GICC_DIR in the
 * second); and the largest GICv2 window (a GIC-400 frame with 64 KiB
 * aliasing), past which a window is a typo, not a GIC. */
static const uint64_t gic_used[4] = {SZ_4K, 2 * SZ_4K, SZ_4K, 2 * SZ_4K};
#define GIC_MAX_WINDOW 0x20000ull

/*
 * The TrustZone mode's GIC: a distributor page and the CPU interface (256
 * bytes on the Cortex-A9: its private region packs it beside the SCU). No
 * GICH/GICV (left empty: they overlap nothing) and no maintenance PPI.
 */
static void load_gic_tz(struct gen *g)
{
	struct board *b = &g->board;
	uint32_t cells;
	size_t i;
	int node = -1;

	for (i = 0; i < ARRAY_SIZE(gic_tz_compat) && node < 0; i++)
		node = fdt_node_offset_by_compatible(g->fdt, -1, gic_tz_compat[i]);
	b->gic_node = node;
	if (node < 0) {
		report(g, 0, NULL,
		       "no GIC node with the Security Extensions (compatible \"arm,cortex-a9-gic\"): "
		       "the TrustZone mode needs it");
		return;
	}
	if (dt_reg_count(g, node) < 2) {
		report(g, node, "reg", "GIC needs 2 reg windows (GICD, GICC)");
		return;
	}
	if (dt_reg(g, node, 0, &b->gicd) != 0 || dt_reg(g, node, 1, &b->gicc) != 0)
		return;
	if (b->gicd.start % SZ_4K != 0 || b->gicd.end - b->gicd.start < SZ_4K)
		report(g, node, "reg", "GICD window 0x%llx+0x%llx: not a 4 KiB aligned page",
		       (unsigned long long)b->gicd.start,
		       (unsigned long long)(b->gicd.end - b->gicd.start));
	if (b->gicc.start % 0x100u != 0 || b->gicc.end - b->gicc.start < 0x100u)
		report(g, node, "reg", "GICC window 0x%llx+0x%llx: not 256 aligned bytes",
		       (unsigned long long)b->gicc.start,
		       (unsigned long long)(b->gicc.end - b->gicc.start));
	/* GICC stays as declared: board_config.gicc_pa is its exact address
	 * (the A9's is 0x100 into a page) */
	b->gicd = pages(b->gicd);
	b->gich = b->gicv = (struct range){ 0, 0 };
	if (dt_u32(g, node, "#interrupt-cells", &cells) != 1 || cells != 3)
		report(g, node, "#interrupt-cells", "#interrupt-cells must be 3");
}

static void load_gic(struct gen *g)
{
	struct board *b = &g->board;
	struct range *win[4] = { &b->gicd, &b->gicc, &b->gich, &b->gicv };
	static const char *const wname[4] = { "GICD", "GICC", "GICH", "GICV" };
	unsigned int before = g->errors;
	uint32_t cells;
	size_t i;
	int node = -1;

	if (g->opt.tz) {
		load_gic_tz(g);
		return;
	}
	for (i = 0; i < ARRAY_SIZE(gic_compat) && node < 0; i++)
		node = fdt_node_offset_by_compatible(g->fdt, -1, gic_compat[i]);
	b->gic_node = node;
	if (node < 0) {
		report(g, 0, NULL, "no GICv2 node (compatible \"arm,cortex-a15-gic\" or \"arm,gic-400\")");
		return;
	}
	if (dt_reg_count(g, node) < 4) {
		report(g, node, "reg", "GIC needs 4 reg windows (GICD, GICC, GICH, GICV)");
		return;
	}
	for (i = 0; i < 4; i++)
		if (dt_reg(g, node, (int)i, win[i]) != 0)
			return;
	for (i = 0; i < 4; i++) {
		uint64_t size = win[i]->end - win[i]->start;

		if (win[i]->start % SZ_4K != 0)
			report(g, node, "reg", "%s window 0x%llx is not 4 KiB aligned", wname[i],
			       (unsigned long long)win[i]->start);
		/* the hypervisor maps and touches a fixed size from each start:
		 * a smaller window would hand it (or a guest) what lies after */
		if ((i == 0 || i == 2) && size < gic_used[i])
			report(
			    g, node, "reg",
			    "%s window 0x%llx+0x%llx is smaller than the 4 KiB the hypervisor uses",
			    wname[i], (unsigned long long)win[i]->start, (unsigned long long)size);
		if (size > GIC_MAX_WINDOW)
			report(g, node, "reg",
			       "%s window 0x%llx+0x%llx is larger than any GICv2 window (128 KiB)",
			       wname[i], (unsigned long long)win[i]->start,
			       (unsigned long long)size);
	}
	/* a GICv2 CPU interface (and its virtual twin) is 8 KiB */
	if (b->gicc.end - b->gicc.start < 2 * SZ_4K || b->gicv.end - b->gicv.start < 2 * SZ_4K)
		report(g, node, "reg", "GICC and GICV windows must be at least 8 KiB");
	if (g->errors != before)
		return;
	/* from here on, whole pages: what a page claim or a stage-2 entry covers */
	for (i = 0; i < 4; i++) {
		size_t j;

		*win[i] = pages(*win[i]);
		for (j = 0; j < i; j++)
			if (range_overlap(*win[i], *win[j]))
				report(g, node, "reg",
				       "%s window 0x%08llx..0x%08llx overlaps the %s window "
				       "0x%08llx..0x%08llx",
				       wname[i], (unsigned long long)win[i]->start,
				       (unsigned long long)win[i]->end - 1, wname[j],
				       (unsigned long long)win[j]->start,
				       (unsigned long long)win[j]->end - 1);
	}
	if (dt_u32(g, node, "#interrupt-cells", &cells) != 1 || cells != 3)
		report(g, node, "#interrupt-cells", "#interrupt-cells must be 3");
	check_ppi(g, node, 0, GIC_MAINT_PPI, "the GIC maintenance interrupt");
}

/* Node named by /chosen/stdout-path: a path or alias (":options" ignored), or a phandle. */
static int stdout_node(struct gen *g, int chosen)
{
	int len, node;
	const char *s = dt_prop(g, chosen, "stdout-path", &len);
	if (!s) {
		report(g, chosen, NULL, "missing required property \"stdout-path\"");
		return -1;
	}
	if (len >= 2 && s[len - 1] == '\0' && strlen(s) == (size_t)len - 1) {
		const char *colon = strchr(s, ':');
		size_t n = colon ? (size_t)(colon - s) : strlen(s);

		if (s[0] == '/') {
			node = fdt_path_offset_namelen(g->fdt, s, (int)n);
		} else {
			const char *alias = fdt_get_alias_namelen(g->fdt, s, (int)n);

			node = alias ? fdt_path_offset(g->fdt, alias) : -1;
		}
	} else if (len == 4) {
		node = dt_phandle_node(g, dt_cell(s, 0));
	} else {
		node = -1;
	}
	if (node < 0)
		report(g, chosen, "stdout-path", "stdout-path does not refer to a node");
	return node;
}

/* The console UART's register interface, from its compatible list. */
static const struct {
	const char *compat;
	uint32_t type;
} uart_compat[] = {
	{ "arm,pl011", BOARD_UART_PL011 },	   { "ns16550a", BOARD_UART_NS16550 },
	{ "ns16550", BOARD_UART_NS16550 },	   { "snps,dw-apb-uart", BOARD_UART_NS16550 },
	{ "fsl,ns16550", BOARD_UART_NS16550 },	   { "fsl,16550-FIFO64", BOARD_UART_NS16550 },
	{ "xlnx,xuartps", BOARD_UART_CDNS },	   { "cdns,uart-r1p8", BOARD_UART_CDNS },
};

/* type, reg-shift (0..2) and reg-io-width (1 or 4) of the console; -1 if reported. */
static int console_regs(struct gen *g, int node)
{
	struct board *b = &g->board;
	uint32_t v;
	size_t i;
	int r;

	for (i = 0; i < ARRAY_SIZE(uart_compat) && !dt_compatible(g, node, uart_compat[i].compat); i++)
		;
	if (i == ARRAY_SIZE(uart_compat)) {
		report(g, node, "compatible",
		       "console UART has no driver (compatible \"arm,pl011\", \"ns16550a\", "
		       "\"snps,dw-apb-uart\" or \"xlnx,xuartps\")");
		return -1;
	}
	b->uart_type = uart_compat[i].type;
	b->uart_reg_shift = 0;
	b->uart_reg_io_width = 1;
	if (b->uart_type != BOARD_UART_NS16550)
		return 0;
	r = dt_u32(g, node, "reg-shift", &v);
	if (r < 0)
		return -1;
	if (r == 1 && v > 2) {
		report(g, node, "reg-shift", "reg-shift %u is not 0, 1 or 2", v);
		return -1;
	}
	if (r == 1)
		b->uart_reg_shift = v;
	r = dt_u32(g, node, "reg-io-width", &v);
	if (r < 0)
		return -1;
	if (r == 1 && v != 1 && v != 4) {
		report(g, node, "reg-io-width", "reg-io-width %u is not 1 or 4", v);
		return -1;
	}
	if (r == 1)
		b->uart_reg_io_width = v;
	if (b->uart_reg_io_width == 4 && b->uart_reg_shift < 2) {
		report(g, node, "reg-io-width", "reg-io-width 4 needs reg-shift 2 (registers 4 bytes apart)");
		return -1;
	}
	return 0;
}

static void load_console(struct gen *g)
{
	struct board *b = &g->board;
	int chosen = fdt_path_offset(g->fdt, "/chosen");
	uint32_t spis[GEN_MAX_SPIS];
	struct range r;
	uint64_t regs;
	int n;

	b->uart_node = -1;
	if (chosen < 0) {
		report(g, 0, NULL, "missing node /chosen (with stdout-path)");
		return;
	}
	b->uart_node = stdout_node(g, chosen);
	if (b->uart_node < 0)
		return;
	if (dt_reg_count(g, b->uart_node) <= 0) {
		report(g, b->uart_node, NULL, "console UART has no \"reg\"");
		b->uart_node = -1;
		return;
	}
	if (dt_reg(g, b->uart_node, 0, &r) != 0) {
		b->uart_node = -1;
		return;
	}
	b->uart_pa = r.start;
	if (console_regs(g, b->uart_node) != 0) {
		b->uart_node = -1;
		return;
	}
	/*
	 * Its registers as the hypervisor reaches them: a PL011 is a 4 KiB
	 * PrimeCell (the vUART emulates all of it), a 16550 has 8 registers
	 * 1 << reg-shift bytes apart, the Cadence UART 18 32-bit ones (0x48
	 * bytes). The window must hold them; all of its pages (the stride can
	 * carry it past the first) are the console's.
	 */
	regs = b->uart_type == BOARD_UART_PL011	 ? SZ_4K
	       : b->uart_type == BOARD_UART_CDNS ? 0x48u
						 : 8ull << b->uart_reg_shift;
	if (r.end - r.start < regs) {
		report(g, b->uart_node, "reg",
		       "console UART window 0x%llx+0x%llx is smaller than its registers (0x%llx "
		       "bytes: %s)",
		       (unsigned long long)r.start, (unsigned long long)(r.end - r.start),
		       (unsigned long long)regs,
		       b->uart_type == BOARD_UART_PL011	  ? "a PL011"
		       : b->uart_type == BOARD_UART_CDNS ? "a Cadence UART"
							 : "8 registers, 1 << reg-shift apart");
		b->uart_node = -1;
		return;
	}
	b->uart = pages(r);
	n = board_spis(g, b->uart_node, spis, (int)ARRAY_SIZE(spis));
	if (n == 0)
		report(g, b->uart_node, "interrupts", "console UART has no SPI interrupt");
	if (n <= 0) {
		b->uart_node = -1;
		return;
	}
	b->uart_irq = spis[0];
}

static void check_hyp(struct gen *g)
{
	struct board *b = &g->board;
	struct range hyp = { g->opt.hyp_base, g->opt.hyp_base + g->opt.hyp_size };
	uint32_t i;

	if (hyp.start % SZ_4K || hyp.end % SZ_4K || hyp.start == hyp.end) {
		report_global(g, "hypervisor region 0x%llx+0x%llx is empty or not 4 KiB aligned",
			      (unsigned long long)g->opt.hyp_base, (unsigned long long)g->opt.hyp_size);
		return;
	}
	for (i = 0; i < b->nr_mem; i++) {
		if (hyp.start >= b->mem[i].start && hyp.end <= b->mem[i].end) {
			b->ram_base = b->mem[i].start;
			b->ram_size = b->mem[i].end - b->mem[i].start;
			if (b->ram_size > 0xffffffffu)
				report_global(g, "board memory range 0x%llx.. is 4 GiB or larger",
					      (unsigned long long)b->ram_base);
			return;
		}
	}
	if (b->nr_mem > 0)
		report_global(g, "hypervisor region 0x%llx..0x%llx is not inside board memory",
			      (unsigned long long)hyp.start, (unsigned long long)hyp.end - 1);
}

/* The hypervisor region (--hyp-base, --hyp-size) clear of reserved memory. */
static void check_hyp_resv(struct gen *g)
{
	const struct board *b = &g->board;
	struct range hyp = {g->opt.hyp_base, g->opt.hyp_base + g->opt.hyp_size};
	uint32_t k;

	for (k = 0; k < b->nr_resv; k++) {
		if (!range_overlap(hyp, b->resv[k]))
			continue;
		/* a /memreserve/ entry has no node (nor a line) to name */
		if (b->resv_node[k] > 0)
			report(g, b->resv_node[k], "reg",
			       "reserved memory 0x%08llx..0x%08llx overlaps the hypervisor region "
			       "0x%08llx..0x%08llx (HYP_BASE, HYP_SIZE)",
			       (unsigned long long)b->resv[k].start,
			       (unsigned long long)b->resv[k].end - 1,
			       (unsigned long long)hyp.start, (unsigned long long)hyp.end - 1);
		else
			report_global(
			    g,
			    "/memreserve/ 0x%08llx..0x%08llx overlaps the hypervisor region "
			    "0x%08llx..0x%08llx (HYP_BASE, HYP_SIZE)",
			    (unsigned long long)b->resv[k].start,
			    (unsigned long long)b->resv[k].end - 1, (unsigned long long)hyp.start,
			    (unsigned long long)hyp.end - 1);
	}
}

/* The architected timer's fourth interrupt is the hypervisor's own (CNTHP). */
static void load_timer(struct gen *g)
{
	size_t i;
	int node = -1;

	for (i = 0; i < DT_NR_TIMER_COMPAT && node < 0; i++)
		node = fdt_node_offset_by_compatible(g->fdt, -1, dt_timer_compat[i]);
	if (node >= 0 && !g->opt.tz && g->board.gic_node >= 0 &&
	    dt_irq_parent(g, node) == g->board.gic_node)
		check_ppi(g, node, 3, GIC_HYP_TIMER_PPI, "the hypervisor timer (CNTHP)");
}

/* The device windows the hypervisor itself uses, whole pages: the GIC's
 * four and the console's (when there is one). Returns how many. */
struct hyp_window {
	const char *what;
	int node;
	struct range r;
};

static uint32_t hyp_windows(const struct board *b, struct hyp_window *w)
{
	uint32_t n = 0;

	w[n++] = (struct hyp_window){ "GICD window", b->gic_node, b->gicd };
	w[n++] = (struct hyp_window){ "GICC window", b->gic_node, b->gicc };
	if (b->gich.end > b->gich.start) /* none in the TrustZone mode */
		w[n++] = (struct hyp_window){ "GICH window", b->gic_node, b->gich };
	if (b->gicv.end > b->gicv.start)
		w[n++] = (struct hyp_window){ "GICV window", b->gic_node, b->gicv };
	if (b->uart_node >= 0)
		w[n++] = (struct hyp_window){ "console UART pages", b->uart_node, b->uart };
	return n;
}

/*
 * Every window the hypervisor uses, by its full extent: clear of board RAM
 * (which holds the hypervisor and every VM's memory) and reserved memory,
 * and the console clear of the GIC (the GIC windows among themselves:
 * load_gic). Otherwise a guest given "the console" or the GIC's virtual CPU
 * interface would get RAM, or the hypervisor would drive RAM as a device.
 */
static void check_windows(struct gen *g)
{
	const struct board *b = &g->board;
	const struct range hyp = {g->opt.hyp_base, g->opt.hyp_base + g->opt.hyp_size};
	struct hyp_window w[5];
	uint32_t n = hyp_windows(b, w), i, k;
	char path[1024];

	for (i = 0; i < n; i++) {
		for (k = 0; k < b->nr_mem; k++)
			if (range_overlap(w[i].r, b->mem[k]))
				report(g, w[i].node, "reg",
				       "%s 0x%08llx..0x%08llx overlap%s board RAM "
				       "0x%08llx..0x%08llx (%s)%s",
				       w[i].what, (unsigned long long)w[i].r.start,
				       (unsigned long long)w[i].r.end - 1, i == 4 ? "" : "s",
				       (unsigned long long)b->mem[k].start,
				       (unsigned long long)b->mem[k].end - 1,
				       node_path(g, b->mem_node[k], path, sizeof(path)),
				       range_overlap(w[i].r, hyp) ? ", the hypervisor's" : "");
		for (k = 0; k < b->nr_resv; k++)
			if (range_overlap(w[i].r, b->resv[k]))
				report(g, w[i].node, "reg",
				       "%s 0x%08llx..0x%08llx overlap%s reserved memory "
				       "0x%08llx..0x%08llx (%s)",
				       w[i].what, (unsigned long long)w[i].r.start,
				       (unsigned long long)w[i].r.end - 1, i == 4 ? "" : "s",
				       (unsigned long long)b->resv[k].start,
				       (unsigned long long)b->resv[k].end - 1,
				       b->resv_node[k] > 0
					   ? node_path(g, b->resv_node[k], path, sizeof(path))
					   : "/memreserve/");
	}
	for (i = 4, k = 0; i < n && k < 4; k++)
		if (range_overlap(w[i].r, w[k].r))
			report(g, w[i].node, "reg",
			       "console UART pages 0x%08llx..0x%08llx overlap the GIC's %s "
			       "0x%08llx..0x%08llx",
			       (unsigned long long)w[i].r.start, (unsigned long long)w[i].r.end - 1,
			       w[k].what, (unsigned long long)w[k].r.start,
			       (unsigned long long)w[k].r.end - 1);
}

/*
 * The Hyp identity map uses 1 GiB blocks: a GiB holding board memory is
 * normal memory, every other GiB is device memory. So no device the
 * hypervisor touches (GIC, console) may share a GiB with RAM, over any
 * part of its extent.
 */
static void ram_gibs(struct gen *g)
{
	struct board *b = &g->board;
	struct hyp_window w[5];
	uint32_t n = hyp_windows(b, w), i, gib;

	b->ram_gib_mask = 0;
	for (i = 0; i < b->nr_mem; i++) {
		for (gib = (uint32_t)(b->mem[i].start / SZ_1G); gib < 4 && gib * SZ_1G < b->mem[i].end; gib++)
			b->ram_gib_mask |= 1u << gib;
	}
	for (gib = 0; gib < 4; gib++) {
		const struct range gr = {gib * SZ_1G, (gib + 1) * SZ_1G};

		for (i = 0; i < n && (b->ram_gib_mask >> gib) & 1u; i++) {
			if (!range_overlap(w[i].r, gr))
				continue;
			report_global(
			    g,
			    "GiB %u (0x%08llx..0x%08llx) holds RAM and the %s 0x%08llx..0x%08llx: "
			    "the Hyp map's 1 GiB blocks are either RAM (cached) or devices",
			    gib, (unsigned long long)gr.start, (unsigned long long)gr.end - 1,
			    w[i].what, (unsigned long long)w[i].r.start,
			    (unsigned long long)w[i].r.end - 1);
			break;
		}
	}
}

int board_load(struct gen *g)
{
	unsigned int before = g->errors;

	load_cpus(g);
	load_memory(g);
	load_reserved(g);
	load_gic(g);
	if (g->board.gic_node >= 0)
		load_console(g);
	load_timer(g);
	check_hyp(g);
	check_hyp_resv(g);
	if (g->errors == before)
		check_windows(g);
	if (g->errors == before)
		ram_gibs(g);
	return g->errors == before ? 0 : -1;
}

/* SPDX-License-Identifier: MIT */
/*
 * Check phase, the TrustZone mode, after placement: the SoC's TrustZone
 * registers as the partitions set them (g->tz_soc; emit_tz_soc.c writes
 * them out, the monitor applies them at boot: src/arch/armv7-tz/tz_soc.c),
 * and the refusals of what those registers cannot express.
 *
 * Only the Zynq-7000 has registers here (a board whose root compatible
 * lists "xlnx,zynq-7000"; vexpress-a9 has none: QEMU models no TZASC or
 * TZPC). Its facts, from the Zynq-7000 TRM (UG585, "System Level Control
 * Registers" and "security_mod2"), as LTZVisor's and XtratuM's Zynq ports
 * program them; in every one a bit of 1 is Non-secure, 0 Secure:
 *
 * - SLCR TZ_DDR_RAM (0xf8000430): bit n is DDR segment n, 64 MiB at
 *   n << 26. Non-secure exactly the segments of the Normal-world
 *   partition's RAM; every other one Secure (the monitor's, the Secure
 *   partitions', and RAM nobody has).
 * - SLCR TZ_OCM_RAM0/1 (0xf8000400/404): one bit per 4 KiB page of the
 *   256 KiB OCM. All Secure: the board DT has no memory there, so no
 *   partition has OCM (the generator refuses RAM outside the board's).
 * - security_mod2 (0xe0200000, write-only): SECURITY2_SDIO0 (+0x08),
 *   SECURITY3_SDIO1 (+0x0c), SECURITY4_QSPI (+0x10): bit 0 the
 *   controller's slave port; SECURITY6_APB_SLAVES (+0x18): one bit per APB
 *   slave, UART0 bit 6, UART1 bit 7, 15 bits. Secure: the devices of a
 *   Secure partition and the monitor's console; every other one
 *   Non-secure.
 * - The SLCR is written between SLCR_UNLOCK (+0x8, key 0xdf0d) and
 *   SLCR_LOCK (+0x4, key 0x767b). CPU 1 waits in the boot ROM until
 *   0xfffffff0 holds an address and an SEV ("Starting Code on CPU 1").
 *
 * Channels are refused: their memory is not the Normal-world partition's
 * RAM, so its segment would stay Secure.
 *
 * Bus masters' own security (TZ_DMA_*, TZ_GEM, TZ_SDIO, TZ_USB, the PL's
 * AXI ports) is not written: no partition is given a DMA master in the
 * Secure world here, and docs/boards/zc702.md says so.
 */
#include <stdio.h>
#include <string.h>

#include "dt.h"
#include "util.h"

#define ZYNQ_SEG_SHIFT 26u
#define ZYNQ_SEGS      32u
#define ZYNQ_SLCR      0xf8000000u
#define ZYNQ_SEC_MOD2  0xe0200000u
#define ZYNQ_APB_ALL   0x7fffu

/* The devices whose slave security security_mod2 sets, by base address. */
static const struct zynq_dev {
	uint32_t pa;
	const char *name;
	uint32_t reg; /* index in the register list below */
	uint32_t bit;
} zynq_devs[] = {
    {0xe0000000u, "UART0", 3, 6}, {0xe0001000u, "UART1", 3, 7}, {0xe0100000u, "SDIO0", 0, 0},
    {0xe0101000u, "SDIO1", 1, 0}, {0xe000d000u, "QSPI", 2, 0},
};

static const struct {
	uint32_t pa, all;
	const char *name;
} zynq_mod2[] = {
    {ZYNQ_SEC_MOD2 + 0x08u, 1u, "SECURITY2_SDIO0"},
    {ZYNQ_SEC_MOD2 + 0x0cu, 1u, "SECURITY3_SDIO1"},
    {ZYNQ_SEC_MOD2 + 0x10u, 1u, "SECURITY4_QSPI"},
    {ZYNQ_SEC_MOD2 + 0x18u, ZYNQ_APB_ALL, "SECURITY6_APB_SLAVES"},
};

static const struct zynq_dev *zynq_dev_at(uint64_t pa)
{
	for (uint32_t i = 0; i < (uint32_t)ARRAY_SIZE(zynq_devs); i++)
		if (zynq_devs[i].pa == pa)
			return &zynq_devs[i];
	return NULL;
}

/* Segments [first, last] of [pa, pa + size): false if beyond segment 31. */
static bool segs(uint64_t pa, uint64_t size, uint32_t *first, uint32_t *last)
{
	*first = (uint32_t)(pa >> ZYNQ_SEG_SHIFT);
	*last = (uint32_t)((pa + size - 1) >> ZYNQ_SEG_SHIFT);
	return size != 0 && *last < ZYNQ_SEGS;
}

static uint32_t seg_mask(uint32_t first, uint32_t last)
{
	uint32_t m = 0;

	for (uint32_t s = first; s <= last && s < ZYNQ_SEGS; s++)
		m |= 1u << s;
	return m;
}

/* "2-5, 7" */
static void seg_ranges(char *buf, size_t len, uint32_t mask)
{
	size_t n = 0;

	buf[0] = '\0';
	for (uint32_t s = 0; s < ZYNQ_SEGS && n < len; s++) {
		uint32_t e = s;

		if (!(mask & (1u << s)))
			continue;
		while (e + 1 < ZYNQ_SEGS && (mask & (1u << (e + 1))))
			e++;
		n += (size_t)snprintf(buf + n, len - n, "%s%u", n ? ", " : "", s);
		if (e > s && n < len)
			n += (size_t)snprintf(buf + n, len - n, "-%u", e);
		s = e;
	}
	if (!mask)
		snprintf(buf, len, "none");
}

/* The memory nodes: each a granule of exactly 64 MiB, all below 2 GiB. */
static int zynq_memory(struct gen *g)
{
	int ret = 0;

	for (uint32_t m = 0; m < g->board.nr_mem; m++) {
		uint32_t v = 0;
		uint32_t f, l;
		const struct range *b = &g->board.mem[m];

		int r = dt_u32(g, g->board.mem_node[m], "shikiri,tz-granule", &v);

		if (r != 1 || v != 1u << ZYNQ_SEG_SHIFT) {
			report(
			    g, g->board.mem_node[m], r == 1 ? "shikiri,tz-granule" : NULL,
			    "a Zynq-7000's DDR is made Secure in 64 MiB segments (TZ_DDR_RAM): its "
			    "memory node needs shikiri,tz-granule = <0x4000000>%s "
			    "(docs/trustzone.md)",
			    r == 1 ? ", not the board's" : "");
			ret = -1;
		} else if (!segs(b->start, b->end - b->start, &f, &l)) {
			report(g, g->board.mem_node[m], "reg",
			       "memory 0x%llx..0x%llx reaches past TZ_DDR_RAM's 32 segments of 64 "
			       "MiB (2 GiB)",
			       (unsigned long long)b->start, (unsigned long long)(b->end - 1));
			ret = -1;
		}
	}
	return ret;
}

/* Secure segments: the monitor's and each Secure partition's; owner names
 * for the table. */
static uint32_t secure_segments(struct gen *g, char *who, size_t len)
{
	uint32_t f, l, mask = 0;
	size_t n;

	if (!segs(g->opt.hyp_base, g->opt.hyp_size, &f, &l)) {
		report_global(
		    g, "the hypervisor's RAM 0x%llx+0x%llx reaches past TZ_DDR_RAM's 2 GiB",
		    (unsigned long long)g->opt.hyp_base, (unsigned long long)g->opt.hyp_size);
		return 0;
	}
	mask = seg_mask(f, l);
	n = f == l ? (size_t)snprintf(who, len, "%u monitor", f)
		   : (size_t)snprintf(who, len, "%u-%u monitor", f, l);
	for (uint32_t i = 0; i < g->nr_vms; i++) {
		const struct vm *vm = &g->vms[i];

		if (vm->level != GEN_LEVEL_HRT)
			continue;
		for (uint32_t k = 0; k < vm->nr_regions; k++) {
			const struct region *r = &vm->region[k];

			if (r->frames || !segs(r->pa, r->size, &f, &l))
				continue; /* coloured: no contiguous PA; past 2 GiB: not board RAM
					   */
			mask |= seg_mask(f, l);
			if (n < len) {
				n += (size_t)snprintf(who + n, len - n, ", %u", f);
				if (l > f && n < len)
					n += (size_t)snprintf(who + n, len - n, "-%u", l);
				if (n < len)
					n += (size_t)snprintf(who + n, len - n, " %s", vm->name);
			}
		}
	}
	return mask;
}

/* Normal-world RAM r in the Secure segments of mask. */
static void normal_in_secure(struct gen *g, const struct region *r, uint32_t mask)
{
	char s[64];

	seg_ranges(s, sizeof(s), mask);
	report(g, r->node, r->prop,
	       "the Normal-world partition's RAM 0x%08llx..0x%08llx shares DDR segment(s) %s "
	       "with the monitor or a Secure partition: the Zynq-7000 makes DDR Secure per 64 "
	       "MiB segment (TZ_DDR_RAM), so that segment must stay Secure; move this RAM to "
	       "segments of its own (docs/boards/zc702.md)",
	       (unsigned long long)r->pa, (unsigned long long)(r->pa + r->size - 1), s);
}

static uint32_t normal_segments(struct gen *g, uint32_t secure, char *who, size_t len)
{
	uint32_t mask = 0;

	who[0] = '\0';
	for (uint32_t i = 0; i < g->nr_vms; i++) {
		const struct vm *vm = &g->vms[i];

		if (vm->level == GEN_LEVEL_HRT)
			continue;
		snprintf(who, len, "%s", vm->name);
		for (uint32_t k = 0; k < vm->nr_regions; k++) {
			const struct region *r = &vm->region[k];
			uint32_t f, l, m;

			if (r->frames) {
				report(
				    g, r->node, r->prop,
				    "a coloured Normal-world region has no contiguous RAM, and the "
				    "Zynq-7000 makes DDR Non-secure per 64 MiB segment: leave "
				    "cache-colours out in the TrustZone mode");
				continue;
			}
			if (!segs(r->pa, r->size, &f, &l)) {
				report(
				    g, r->node, r->prop,
				    "RAM 0x%llx+0x%llx reaches past TZ_DDR_RAM's 32 segments of 64 "
				    "MiB (2 GiB)",
				    (unsigned long long)r->pa, (unsigned long long)r->size);
				continue;
			}
			m = seg_mask(f, l);
			if (m & secure) {
				normal_in_secure(g, r, m & secure);
				continue;
			}
			mask |= m;
		}
	}
	return mask;
}

/* The secure devices' bits cleared in regs[] (values start all Non-secure). */
static void secure_device(struct gen *g, int node, const struct vm *vm, uint32_t d, uint32_t *val,
			  char (*why)[200])
{
	struct range r;
	const struct zynq_dev *z;
	char path[256];

	if (dt_reg(g, node, 0, &r) != 0)
		return;
	z = zynq_dev_at(r.start);
	node_path(g, node, path, sizeof(path));
	if (!z) {
		if (vm)
			report(g, vm->node, "devices",
			       "devices[%u] (%s): the board marks it shikiri,tz-securable, but the "
			       "Zynq-7000 sets slave security only for UART0/1, SDIO0/1 and QSPI "
			       "(security_mod2; tools/gen/check_tz_soc.c): nothing would make it "
			       "secure-only; give it to the Normal-world partition or leave it out",
			       d, path);
		else
			report(
			    g, node, NULL,
			    "the monitor's console (stdout-path) cannot be made secure-only on the "
			    "Zynq-7000 (security_mod2 sets UART0/1, SDIO0/1 and QSPI only): the "
			    "Normal world could use it; make UART0 or UART1 the console");
		return;
	}
	val[z->reg] &= ~(1u << z->bit);
	snprintf(why[z->reg] + strlen(why[z->reg]), sizeof(why[0]) - strlen(why[z->reg]),
		 "%s%s (bit %u) Secure: %s", why[z->reg][0] ? "; " : "", z->name, z->bit,
		 vm ? vm->name : "the monitor's console");
}

static void add_reg(struct gen_tz_soc *t, uint32_t pa, uint32_t val, bool rb, const char *name,
		    const char *what)
{
	struct gen_tz_reg *r = &t->reg[t->nr++];

	r->pa = pa;
	r->val = val;
	r->readback = rb;
	r->name = name;
	snprintf(r->what, sizeof(r->what), "%.*s", (int)sizeof(r->what) - 1, what);
}

void tz_soc_build(struct gen *g)
{
	struct gen_tz_soc *t = &g->tz_soc;
	uint32_t secure, normal, mod2[ARRAY_SIZE(zynq_mod2)];
	char why[ARRAY_SIZE(zynq_mod2)][200];
	char swho[96], nwho[GEN_NAME_MAX + 1], s[48], n[48], what[400];

	memset(t, 0, sizeof(*t));
	if (!g->opt.tz || !dt_compatible(g, 0, "xlnx,zynq-7000"))
		return;
	if (zynq_memory(g) != 0)
		return;
	secure = secure_segments(g, swho, sizeof(swho));
	normal = normal_segments(g, secure, nwho, sizeof(nwho));
	for (uint32_t i = 0; i < (uint32_t)ARRAY_SIZE(zynq_mod2); i++) {
		mod2[i] = zynq_mod2[i].all;
		why[i][0] = '\0';
	}
	secure_device(g, g->board.uart_node, NULL, 0, mod2, why);
	for (uint32_t i = 0; i < g->nr_vms; i++) {
		const struct vm *vm = &g->vms[i];

		if (vm->level != GEN_LEVEL_HRT) {
			/* the console is the monitor's and Secure */
			if (vm->console == GEN_CONSOLE_PASSTHROUGH)
				report(
				    g, vm->node, "console",
				    "console \"passthrough\" in the Normal world: the console UART "
				    "is the monitor's and made secure-only on the Zynq-7000, so "
				    "the partition's accesses would fault; use console = \"none\" "
				    "with a UART of its own in devices");
			continue;
		}
		for (uint32_t d = 0; d < vm->nr_devs; d++)
			secure_device(g, vm->dev_node[d], vm, d, mod2, why);
	}
	/* A channel's memory is none of the Normal-world partition's RAM, so
	 * its segment would stay Secure: refused rather than silently
	 * unreachable from the Normal world. */
	for (uint32_t i = 0; i < g->nr_chans; i++)
		report(g, g->chans[i].node, NULL,
		       "a channel on a Zynq-7000 board: its memory (0x%08llx+0x%llx) lies outside "
		       "the Normal-world partition's RAM, in a DDR segment that stays Secure "
		       "(TZ_DDR_RAM), and the generator does not make channel memory Non-secure; "
		       "channels are not supported here yet",
		       (unsigned long long)g->chans[i].pa, (unsigned long long)g->chans[i].size);
	if (g->errors)
		return;
	t->soc = "Zynq-7000";
	t->unlock_pa = ZYNQ_SLCR + 0x8u;
	t->unlock_key = 0xdf0du;
	t->lock_pa = ZYNQ_SLCR + 0x4u;
	t->lock_key = 0x767bu;
	t->release_pa = g->board.nr_cores > 1 ? 0xfffffff0u : 0u;
	seg_ranges(n, sizeof(n), normal);
	seg_ranges(s, sizeof(s), ~normal);
	snprintf(what, sizeof(what), "64 MiB segments Non-secure: %s%s%s%s; Secure: %s (%s)", n,
		 normal ? " (" : "", nwho, normal ? ")" : "", s, swho);
	add_reg(t, ZYNQ_SLCR + 0x430u, normal, true, "TZ_DDR_RAM", what);
	add_reg(t, ZYNQ_SLCR + 0x400u, 0, true, "TZ_OCM_RAM0",
		"OCM 4 KiB pages 0-31 Secure: no partition has OCM");
	add_reg(t, ZYNQ_SLCR + 0x404u, 0, true, "TZ_OCM_RAM1",
		"OCM 4 KiB pages 32-63 Secure: no partition has OCM");
	for (uint32_t i = 0; i < (uint32_t)ARRAY_SIZE(zynq_mod2); i++) {
		if (why[i][0] && zynq_mod2[i].all != 1u)
			snprintf(what, sizeof(what), "%.199s; the others Non-secure", why[i]);
		else
			snprintf(what, sizeof(what), "%.199s", why[i][0] ? why[i] : "Non-secure");
		add_reg(t, zynq_mod2[i].pa, mod2[i], false, zynq_mod2[i].name, what);
	}
}

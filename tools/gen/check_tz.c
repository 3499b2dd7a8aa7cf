/* SPDX-License-Identifier: MIT */
/*
 * Check phase, the TrustZone mode (--arch armv7-tz, docs/trustzone.md): what
 * TrustZone cannot give. The level decides the world (hrt: Secure, any
 * other: Non-secure).
 *
 * - With no stage 2, two Non-secure partitions could not be isolated from
 *   each other (that would need shadow paging, out of scope): at most one.
 * - No partition may have console = "vuart" (the default): an emulated UART
 *   needs stage 2 to trap its accesses and the vGIC to raise its interrupt,
 *   and this mode has neither.
 * - A Secure partition's RAM lies on the memory controller's security
 *   granule, `shikiri,tz-granule` on the board's memory node (the Zynq's
 *   64 MiB DDR segments). A board that declares none (vexpress-a9: no TZASC)
 *   enforces nothing: summary.txt says so (board.tz_unenforced).
 * - A Secure partition's devices are ones the SoC can make secure-only:
 *   `shikiri,tz-securable` on the board's device node.
 *
 * Cores are not checked here: build_sched.c accepts, in this mode only,
 * the shared layout (one single-core hrt VM and the Normal-world VM on
 * one core, tz_pair) and refuses any other hrt VM sharing a core; the only
 * Non-secure partition cannot share one with another.
 */
#include "dt.h"

static void one_normal(struct gen *g)
{
	int first = -1;

	for (uint32_t i = 0; i < g->nr_vms; i++) {
		const struct vm *vm = &g->vms[i];

		if (!vm->ok_level || vm->level == GEN_LEVEL_HRT)
			continue;
		if (first < 0) {
			first = (int)i;
			continue;
		}
		report(g, vm->node, "rt-level",
		       "a second Normal-world partition (the first: %s): the TrustZone mode has no "
		       "stage 2, so two Normal-world partitions cannot be isolated from each other "
		       "(shadow paging is out of scope); make it hrt or leave it out",
		       g->vms[first].name);
	}
}

static void no_vuart(struct gen *g, const struct vm *vm)
{
	int len;
	bool given = dt_prop(g, vm->node, "console", &len) != NULL;

	if (vm->console != GEN_CONSOLE_VUART)
		return;
	report(g, vm->node, given ? "console" : NULL,
	       "console \"vuart\"%s is an emulated UART: it needs stage 2 to trap its accesses and "
	       "the vGIC to raise its interrupt, and the TrustZone mode has neither; use "
	       "console = \"none\" with a UART of its own in devices, or \"passthrough\" "
	       "(docs/trustzone.md)",
	       given ? "" : " (the default)");
}

/*
 * Each memory node's granule (0: none declared); -1 after an error. A
 * granule is a power of two of at least 4 KiB.
 */
static int granules(struct gen *g, uint64_t *gran)
{
	int ret = 0;

	g->board.tz_unenforced = true;
	for (uint32_t m = 0; m < g->board.nr_mem; m++) {
		uint32_t v = 0;
		int r = dt_u32(g, g->board.mem_node[m], "shikiri,tz-granule", &v);

		gran[m] = 0;
		if (r < 0) {
			ret = -1;
			continue;
		}
		if (r == 0)
			continue;
		if (v < 0x1000 || (v & (v - 1))) {
			report(g, g->board.mem_node[m], "shikiri,tz-granule",
			       "shikiri,tz-granule = 0x%x is not a power of two of at least 4 KiB",
			       v);
			ret = -1;
			continue;
		}
		gran[m] = v;
		g->board.tz_unenforced = false;
	}
	return ret;
}

static void secure_ram(struct gen *g, const struct vm *vm, const uint64_t *gran)
{
	for (uint32_t k = 0; k < vm->nr_regions; k++) {
		const struct region *r = &vm->region[k];
		uint64_t end = r->pa + r->size;

		if (!r->has_phys && !r->direct_map)
			continue; /* placed later: placement does not know the granule */
		for (uint32_t m = 0; m < g->board.nr_mem; m++) {
			const struct range *b = &g->board.mem[m];

			if (!gran[m] || r->pa < b->start || r->pa >= b->end)
				continue;
			if (r->pa % gran[m] == 0 && end % gran[m] == 0)
				break;
			report(g, r->node, r->prop,
			       "a Secure (hrt) partition's RAM 0x%08llx..0x%08llx is not aligned "
			       "to the memory controller's security granule (0x%llx, "
			       "shikiri,tz-granule of the board's memory): TrustZone makes RAM "
			       "secure-only in whole granules, so the rest of a granule would be "
			       "Secure or the RAM readable by the Normal world (docs/trustzone.md)",
			       (unsigned long long)r->pa, (unsigned long long)(end - 1),
			       (unsigned long long)gran[m]);
			break;
		}
	}
}

static void secure_devices(struct gen *g, const struct vm *vm)
{
	char path[1024];
	int len;

	for (uint32_t d = 0; d < vm->nr_devs; d++) {
		if (dt_prop(g, vm->dev_node[d], "shikiri,tz-securable", &len))
			continue;
		node_path(g, vm->dev_node[d], path, sizeof(path));
		report(g, vm->node, "devices",
		       "devices[%u] (%s): the SoC cannot make it secure-only (the board does not "
		       "mark it shikiri,tz-securable), so the Normal world could reach a Secure "
		       "partition's device; give it to the Normal-world partition or leave it "
		       "out (docs/trustzone.md)",
		       d, path);
	}
}

void tz_check(struct gen *g)
{
	uint64_t gran[GEN_MAX_MEM];
	int gran_ok;

	if (!g->opt.tz)
		return;
	one_normal(g);
	gran_ok = granules(g, gran);
	for (uint32_t i = 0; i < g->nr_vms; i++) {
		const struct vm *vm = &g->vms[i];

		no_vuart(g, vm);
		if (!vm->ok_level || vm->level != GEN_LEVEL_HRT)
			continue;
		if (gran_ok == 0 && vm->ok_mem)
			secure_ram(g, vm, gran);
		secure_devices(g, vm);
	}
}

/* SPDX-License-Identifier: MIT */
/*
 * Check phase, the TrustZone mode (--arch armv7-tz, docs/trustzone.md): what
 * TrustZone cannot give. The level decides the world (hrt: Secure, any
 * other: Non-secure). With no stage 2, two Non-secure partitions could not
 * be isolated from each other (that would need shadow paging, out of
 * scope): at most one. Not checked yet: the memory controller's security
 * granule (the Zynq's 64 MiB DDR segments; vexpress-a9 has no TZASC, so
 * there is none to check) and devices the SoC cannot make secure-only.
 */
#include "dt.h"

void tz_check(struct gen *g)
{
	int first = -1;

	if (!g->opt.tz)
		return;
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

/* SPDX-License-Identifier: MIT */
/*
 * Build phase: each VM's stage-2 translation tables (stage2.c builds them)
 * from its placed memory, the GIC CPU interface and its device windows.
 */
#include "dt.h"
#include "stage2.h"
#include "util.h"

void build_stage2(struct gen *g, uint32_t i)
{
	/* a collision is reported by s2_build (validation should have caught it) */
	(void)s2_build(g, &g->vms[i], &g->s2[i]);
}

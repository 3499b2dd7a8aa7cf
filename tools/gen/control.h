/* SPDX-License-Identifier: MIT */
/* The restart policies and control rights as parse_control.c leaves them
 * for emit_control.c and query.c (docs/control.md). */
#ifndef GEN_CONTROL_H
#define GEN_CONTROL_H

#include "gen.h"

struct gen_ctl {
	int node;
	int vm; /* the controller */
	uint64_t page;
	uint32_t irq;
	uint32_t nr;
	struct ctl_target t[CTL_MAX_TARGETS];
	bool ok;
	/* image load (staging = <ipa max-size>, docs/control.md "Image load"):
	 * staging mapped read-write into the controller only; per target with
	 * the load right, two pristine slots of max-size bytes no VM maps
	 * (place_control.c) */
	bool has_staging, placed;
	uint64_t staging_ipa, staging_size, staging_pa;
	uint64_t slot_pa[CTL_MAX_TARGETS][2];
};

struct gen_control {
	struct vm_policy *pol; /* one per VM */
	uint32_t nr_ctl;
	struct gen_ctl *ctl;
};

#endif

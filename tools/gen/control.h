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
};

struct gen_control {
	struct vm_policy *pol; /* one per VM */
	uint32_t nr_ctl;
	struct gen_ctl *ctl;
};

#endif

/* SPDX-License-Identifier: MIT */
/* A physical core's GICv2 state (struct pcpu.arch; core never reads it). */
#ifndef ARCH_PCPU_H
#define ARCH_PCPU_H

#include "types.h"

/* The interrupt hot path's constants (gic_cpu_init, vgic_pcpu_init): one
 * load each instead of a walk through the board configuration. */
struct pcpu_arch {
	volatile uint32_t *gicc;     /* physical CPU interface */
	volatile uint32_t *gich;     /* virtual interface control */
	volatile uint8_t *gicd_prio; /* distributor GICD_IPRIORITYR */
	uint32_t lr_mask;	     /* the list registers in use (GICH_ELSR0 bits) */
};

#endif

/* SPDX-License-Identifier: MIT */
/* The physical GICv2 as the hypervisor drives it. */
#ifndef SHIKIRI_GIC_H
#define SHIKIRI_GIC_H

#include "types.h"

/* Distributor setup (boot core, once). */
void gic_init(void);
/* Per-core CPU interface setup. */
void gic_cpu_init(void);
/* Acknowledge and handle one physical IRQ taken in Hyp. */
void gic_handle_irq(void);

#endif

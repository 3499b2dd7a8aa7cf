/* SPDX-License-Identifier: MIT */
/*
 * irq.h's in-line hooks in the TrustZone mode. The GIC is not emulated:
 * each world drives its own group in hardware. A channel doorbell (core's
 * chan.c) is a GICD_ISPENDR store, as in the VE mode.
 */
#ifndef ARCH_IRQ_H
#define ARCH_IRQ_H

#include "types.h"
#include "arch/tz_gic.h"
#include "arch/sysregs.h"

struct irq_arch_spi {
	volatile uint32_t *ispendr;
	uint32_t bit;
};

static inline struct irq_arch_spi irq_arch_spi(uint32_t id)
{
	return (struct irq_arch_spi){tz_gicd_reg(TZ_GICD_ISPENDR + (id / 32u) * 4u), BIT(id % 32u)};
}

static inline bool irq_arch_spi_pending(struct irq_arch_spi s)
{
	return (*s.ispendr & s.bit) != 0;
}

static inline void irq_arch_spi_raise(struct irq_arch_spi s)
{
	dsb();
	*s.ispendr = s.bit;
}

static inline uint32_t irq_arch_nr_ids(void)
{
	return ((*tz_gicd_reg(TZ_GICD_TYPER) & 0x1fu) + 1u) * 32u;
}

#endif

/* SPDX-License-Identifier: MIT */
/*
 * The in-line part of irq.h's arch hooks on GICv2 (included by irq.h, as
 * Bao's core headers include their arch/ counterparts): raising an SPI is
 * one GICD_ISPENDR store, computed once at boot (irq_arch_spi) so that a
 * channel ring (chan.c, a hot path) computes nothing.
 */
#ifndef ARCH_IRQ_H
#define ARCH_IRQ_H

#include "types.h"
#include "arch/gic.h"
#include "arch/sysregs.h"

/* How to raise one SPI: its GICD_ISPENDR word and bit. */
struct irq_arch_spi {
	volatile uint32_t *ispendr;
	uint32_t bit;
};

/* SPI id (< GIC_MAX_IRQS), boot time. */
static inline struct irq_arch_spi irq_arch_spi(uint32_t id)
{
	return (struct irq_arch_spi){gic_ispendr(id), BIT(id % 32u)};
}

/* Is it pending already? (Taken by value: the caller's copy stays in
 * registers across the barrier of irq_arch_spi_raise.) */
static inline bool irq_arch_spi_pending(struct irq_arch_spi s)
{
	return (*s.ispendr & s.bit) != 0;
}

/* Raise it, after a barrier: the caller's memory writes come before the
 * interrupt. */
static inline void irq_arch_spi_raise(struct irq_arch_spi s)
{
	dsb();
	*s.ispendr = s.bit;
}

/* The interrupt IDs the controller implements (GICD_TYPER). */
static inline uint32_t irq_arch_nr_ids(void)
{
	return ((gicd_read(GICD_TYPER) & 0x1fu) + 1u) * 32u;
}

#endif

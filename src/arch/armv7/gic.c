// SPDX-License-Identifier: MIT
/*
 * Physical GICv2. The hypervisor keeps the distributor and leaves each
 * core's CPU interface to whoever receives interrupts there.
 */
#include "gic.h"
#include "vmconfig.h"

#define GICC_IAR 0x0c
#define GICC_EOIR 0x10
#define GIC_SPURIOUS 1020u

static inline uint32_t gicc_read(uint32_t off)
{
	return *(volatile uint32_t *)(uintptr_t)(board_config.gicc_pa + off);
}

static inline void gicc_write(uint32_t off, uint32_t v)
{
	*(volatile uint32_t *)(uintptr_t)(board_config.gicc_pa + off) = v;
}

void gic_init(void)
{
}

void gic_cpu_init(void)
{
}

void gic_handle_irq(void)
{
	uint32_t iar = gicc_read(GICC_IAR);

	if ((iar & 0x3ffu) < GIC_SPURIOUS)
		gicc_write(GICC_EOIR, iar);
}

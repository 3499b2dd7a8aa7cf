/* SPDX-License-Identifier: MIT */
/*
 * The GIC with the Security Extensions as the monitor drives it (Secure
 * accesses: both groups visible). Group 0 = Secure (the hrt partition's
 * interrupts, signalled as FIQ), Group 1 = Non-secure (IRQ).
 */
#ifndef ARCH_TZ_GIC_H
#define ARCH_TZ_GIC_H

#include "types.h"
#include "vmconfig.h"

#define TZ_GICD_CTLR	   0x000
#define TZ_GICD_TYPER	   0x004
#define TZ_GICD_IGROUPR	   0x080
#define TZ_GICD_ISENABLER  0x100
#define TZ_GICD_ICENABLER  0x180
#define TZ_GICD_ISPENDR	   0x200
#define TZ_GICD_ICPENDR	   0x280
#define TZ_GICD_IPRIORITYR 0x400
#define TZ_GICD_ITARGETSR  0x800
#define TZ_GICD_SGIR	   0xf00

#define TZ_GICC_CTLR 0x00
#define TZ_GICC_PMR  0x04
#define TZ_GICC_IAR  0x0c
#define TZ_GICC_EOIR 0x10

/* Secure GICC_CTLR: both groups on, Group 0 as FIQ. */
#define TZ_GICC_CTLR_GRP0  BIT(0)
#define TZ_GICC_CTLR_GRP1  BIT(1)
#define TZ_GICC_CTLR_FIQEN BIT(3)

static inline volatile uint32_t *tz_gicd_reg(uint32_t off)
{
	return (volatile uint32_t *)(uintptr_t)(board_config.gicd_pa + off);
}

static inline volatile uint32_t *tz_gicc_reg(uint32_t off)
{
	return (volatile uint32_t *)(uintptr_t)(board_config.gicc_pa + off);
}

#endif

/*
 * GICv2 as a guest sees it: the distributor is emulated by the hypervisor
 * (only this VM's IRQs are visible), the CPU interface is the hardware
 * virtual one or the physical one, with the same layout either way.
 */
#ifndef GUEST_GIC_H
#define GUEST_GIC_H

#include <stdint.h>
#include "board.h"

#define GICD_BASE	guest_gicd_base
#define GICC_BASE	guest_gicc_base

#define GICD_CTLR	0x000
#define GICD_TYPER	0x004
#define GICD_ISENABLER	0x100	/* + 4 * (id / 32), one bit per id */
#define GICD_ICENABLER	0x180
#define GICD_ISPENDR	0x200
#define GICD_ICPENDR	0x280
#define GICD_IPRIORITYR	0x400	/* + id, one byte per id */
#define GICD_ITARGETSR	0x800	/* + id, one byte per id */
#define GICD_SGIR	0xf00

/* GICD_SGIR.TargetListFilter */
#define GICD_SGIR_LIST		(0u << 24)
#define GICD_SGIR_ALL_BUT_SELF	(1u << 24)
#define GICD_SGIR_SELF		(2u << 24)

#define GICC_CTLR	0x00
#define GICC_PMR	0x04
#define GICC_BPR	0x08
#define GICC_IAR	0x0c
#define GICC_EOIR	0x10
#define GICC_RPR	0x14
#define GICC_HPPIR	0x18

#define GIC_NR_SGIS		16
#define GIC_SPURIOUS		1023u
#define GICC_IAR_ID(iar)	((iar) & 0x3ffu)
#define GICC_IAR_SRC(iar)	(((iar) >> 10) & 0x7u)	/* SGIs only */

/* Raw access, for tests that poke registers the helpers do not cover. */
static inline uint32_t gicd_read32(uint32_t off)
{
	return *(volatile uint32_t *)(uintptr_t)(GICD_BASE + off);
}

static inline void gicd_write32(uint32_t off, uint32_t v)
{
	*(volatile uint32_t *)(uintptr_t)(GICD_BASE + off) = v;
}

static inline uint8_t gicd_read8(uint32_t off)
{
	return *(volatile uint8_t *)(uintptr_t)(GICD_BASE + off);
}

static inline void gicd_write8(uint32_t off, uint8_t v)
{
	*(volatile uint8_t *)(uintptr_t)(GICD_BASE + off) = v;
}

static inline uint32_t gicc_read32(uint32_t off)
{
	return *(volatile uint32_t *)(uintptr_t)(GICC_BASE + off);
}

static inline void gicc_write32(uint32_t off, uint32_t v)
{
	*(volatile uint32_t *)(uintptr_t)(GICC_BASE + off) = v;
}

void gicd_enable(void);
void gicd_enable_irq(uint32_t id);
void gicd_disable_irq(uint32_t id);
void gicd_set_priority(uint32_t id, uint8_t prio);	/* byte access */
void gicd_set_target(uint32_t id, uint8_t vcpu_mask);	/* byte access */
void gicd_set_pending(uint32_t id);
/* SGI `id` to the vCPUs in vcpu_mask (target-list filter). */
void gicd_send_sgi(uint32_t id, uint8_t vcpu_mask);

/* Per vCPU: unmask all priorities and enable group 0 signalling. */
void gicc_init(void);
uint32_t gicc_ack(void);		/* GICC_IAR */
void gicc_eoi(uint32_t iar);		/* GICC_EOIR, with the IAR value */

#endif

/* The guest's clock: generic timer or Cortex-A9 global timer (systimer.h). */
#include "systimer.h"
#include "cpu.h"
#include "timer.h"

/* A9 global timer, at PERIPHBASE (CBAR) + 0x200. */
#define GT_COUNT_LO    0x00u
#define GT_COUNT_HI    0x04u
#define GT_CTRL	       0x08u
#define GT_STATUS      0x0cu
#define GT_CMP_LO      0x10u
#define GT_CMP_HI      0x14u
#define GT_CTRL_ENABLE (1u << 0)
#define GT_CTRL_CMP    (1u << 1)
#define GT_CTRL_IRQ    (1u << 2)

static uint32_t gt_base; /* 0: the generic timer */

static inline volatile uint32_t *gt(uint32_t off)
{
	return (volatile uint32_t *)(uintptr_t)(gt_base + off);
}

void systimer_init(void)
{
	uint32_t cbar;

	if (cpu_has_generic_timer())
		return;
	/* CBAR is readable here: a Cortex-A9 guest runs in a world, nothing
	 * traps it (under Hyp, c15 would). */
	__asm__ volatile("mrc p15, 4, %0, c15, c0, 0" : "=r"(cbar));
	gt_base = (cbar & 0xffffe000u) + 0x200u;
	*gt(GT_CTRL) = (*gt(GT_CTRL) & ~(GT_CTRL_CMP | GT_CTRL_IRQ)) | GT_CTRL_ENABLE;
}

uint64_t systimer_now(void)
{
	uint32_t hi, lo;

	if (!gt_base)
		return timer_virt_count();
	do {
		hi = *gt(GT_COUNT_HI);
		lo = *gt(GT_COUNT_LO);
	} while (*gt(GT_COUNT_HI) != hi);
	return ((uint64_t)hi << 32) | lo;
}

void systimer_arm_at(uint64_t when)
{
	if (!gt_base) {
		timer_virt_arm_at(when);
		return;
	}
	/* comparator off while both halves change, then on with its IRQ */
	*gt(GT_CTRL) &= ~(GT_CTRL_CMP | GT_CTRL_IRQ);
	*gt(GT_CMP_LO) = (uint32_t)when;
	*gt(GT_CMP_HI) = (uint32_t)(when >> 32);
	*gt(GT_STATUS) = 1u;
	*gt(GT_CTRL) |= GT_CTRL_CMP | GT_CTRL_IRQ;
}

void systimer_off(void)
{
	if (!gt_base) {
		timer_virt_disable();
		return;
	}
	*gt(GT_CTRL) &= ~(GT_CTRL_CMP | GT_CTRL_IRQ);
	*gt(GT_STATUS) = 1u;
}

void systimer_ack(void)
{
	if (gt_base)
		*gt(GT_STATUS) = 1u;
}

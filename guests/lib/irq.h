/*
 * IRQ handling: start.S's IRQ vector calls irq_dispatch(), which
 * acknowledges one interrupt, runs the handler registered for its ID and
 * signals end of interrupt.  Handlers run in IRQ mode with IRQs masked (no
 * nesting) on the vCPU's IRQ stack; keep them short and do not print.
 */
#ifndef GUEST_IRQ_H
#define GUEST_IRQ_H

#include <stdint.h>
#include "tz_yield.h"

#define IRQ_MAX_HANDLERS	256	/* SGIs, PPIs and SPIs 32..255 (channel doorbells sit high) */

/* Gets the raw IAR value, so SGI handlers can see the source vCPU. */
typedef void (*irq_handler_t)(uint32_t iar);

/* Returns 0, or -1 if id is out of range.  One table for all vCPUs. */
int irq_set_handler(uint32_t id, irq_handler_t fn);

/* The handlers by ID (irq_set_handler): for a guest that dispatches in
 * its own interrupt paths (guests/rtos). */
extern irq_handler_t volatile irq_handlers[IRQ_MAX_HANDLERS];

/* IRQs that arrived with no handler (those are disabled at the GICD). */
extern volatile uint32_t irq_unhandled_count;

void irq_dispatch(void);	/* start.S only */

/* I and F together: in shikiri's TrustZone mode the Secure world's
 * interrupts are FIQs (gic.c, gicc_init); elsewhere F changes nothing. */
static inline void irq_enable_local(void)
{
	__asm__ volatile("cpsie if" ::: "memory");
}

static inline void irq_disable_local(void)
{
	__asm__ volatile("cpsid if" ::: "memory");
}

/*
 * One step of the race-free sleep.  Call with IRQs masked, after checking
 * that what you wait for has not happened yet:
 *
 *	irq_disable_local();
 *	while (!done && !timed_out)
 *		wait_for_irq();
 *	irq_enable_local();
 *
 * wfi wakes on a pending IRQ even while CPSR.I masks it, so an IRQ that
 * arrives between the check and the wfi is not slept through.  The brief
 * unmask then lets it be taken (isb: the pending IRQ is taken before the
 * mask returns) and the caller re-checks with IRQs masked again.
 *
 * A Secure partition on a shared core of shikiri's TrustZone mode gives
 * the core to the Normal world instead of the wfi (tz_yield.h): back when
 * an interrupt of its own is pending.
 */
static inline void wait_for_irq(void)
{
	if (!tz_yield())
		__asm__ volatile("dsb\n\twfi" ::: "memory");
	__asm__ volatile("cpsie if\n\tisb\n\tcpsid if" ::: "memory");
}

#endif

// SPDX-License-Identifier: MIT
/* Per-core hypervisor timer slots over one hardware timer (htimer.h). */
#include "htimer.h"
#include "irq.h"
#include "pcpu.h"
#include "run_loop.h"
#include "vuart.h"
#include "arch/cpu.h"

static void htimer_reprogram(struct pcpu *c)
{
	uint64_t next = HTIMER_NEVER;

	for (uint32_t i = 0; i < HTIMER_NR; i++)
		if (c->htimer[i] < next)
			next = c->htimer[i];
	if (next != c->htimer_armed) {
		c->htimer_armed = next;
		htimer_arch_program(next);
	}
}

void htimer_set(enum htimer_slot slot, uint64_t when)
{
	struct pcpu *c = pcpu_this();

	c->htimer[slot] = when;
	htimer_reprogram(c);
}

/* The timer fired: run every slot that is due (each clears or re-arms its
 * own), then program the next. */
static COLD void htimer_irq(struct pcpu *c, uint32_t id)
{
	uint64_t now = cpu_arch_counter();

	UNUSED(id);
	c->htimer_armed = HTIMER_NEVER;
	htimer_arch_program(HTIMER_NEVER);
	if (c->htimer[HTIMER_VUART] <= now) {
		c->htimer[HTIMER_VUART] = HTIMER_NEVER;
		vuart_idle_flush_core(c);
	}
	if (c->htimer[HTIMER_SCHED] <= now) {
		c->htimer[HTIMER_SCHED] = HTIMER_NEVER;
		sched_run_timer(c);
	}
	htimer_reprogram(c);
}

void htimer_cpu_init(struct pcpu *c)
{
	c->htimer_armed = HTIMER_NEVER;
	c->vuart_flush_vms = 0;
	for (uint32_t i = 0; i < HTIMER_NR; i++)
		c->htimer[i] = HTIMER_NEVER;
}

COLD void htimer_init(void)
{
	irq_reserve(irq_arch_timer_id(), htimer_irq);
}

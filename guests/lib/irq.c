/* IRQ dispatch: acknowledge, run the registered handler, EOI. */
#include "irq.h"
#include "gic.h"

irq_handler_t volatile irq_handlers[IRQ_MAX_HANDLERS];
volatile uint32_t irq_unhandled_count;

int irq_set_handler(uint32_t id, irq_handler_t fn)
{
	if (id >= IRQ_MAX_HANDLERS)
		return -1;
	irq_handlers[id] = fn;
	return 0;
}

void irq_dispatch(void)
{
	uint32_t iar = gicc_ack();
	uint32_t id = GICC_IAR_ID(iar);
	irq_handler_t fn;

	/* 1020..1023 are special IDs: nothing was acknowledged, no EOI. */
	if (id >= 1020)
		return;

	fn = id < IRQ_MAX_HANDLERS ? irq_handlers[id] : 0;
	if (fn) {
		fn(iar);
	} else {
		/*
		 * Disable it, or a level-triggered source nobody services
		 * would keep firing and starve the interrupted code.  (SGIs
		 * cannot be disabled; the write is ignored for them.)
		 */
		irq_unhandled_count++;
		gicd_disable_irq(id);
	}
	gicc_eoi(iar);
}

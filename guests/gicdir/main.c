/*
 * gicdir: an hrt guest that splits priority drop and deactivation
 * (GICC_CTLR.EOImode = 1) on the physical CPU interface it owns. Its GICC_DIR
 * writes go through the hypervisor (the page is not mapped for hrt VMs):
 * one for its own timer interrupt must deactivate it, one for an SPI it does
 * not own must be refused and change nothing.
 */
#include "guest.h"
#include "gic.h"
#include "timer.h"

#define GICC_CTLR_EOIMODE	(1u << 9)
#define GICC_DIR		0x1000u
#define GICD_ISACTIVER		0x300u
#define FOREIGN_SPI		48u
#define WAIT_LOOPS		50000000u

static bool active(uint32_t id)
{
	return (gicd_read32(GICD_ISACTIVER + 4u * (id / 32u)) >> (id % 32u)) & 1u;
}

int main(void)
{
	uint32_t iar = GIC_SPURIOUS;
	uint32_t i;

	gicd_enable();
	gicc_init();
	gicc_write32(GICC_CTLR, 1u | GICC_CTLR_EOIMODE);
	gicd_set_priority(TIMER_VIRT_PPI, 0x80);
	gicd_enable_irq(TIMER_VIRT_PPI);
	timer_virt_arm_in(1000);
	/* IRQs stay masked: poll the CPU interface. */
	for (i = 0; i < WAIT_LOOPS; i++) {
		iar = gicc_ack();
		if (GICC_IAR_ID(iar) != GIC_SPURIOUS)
			break;
	}
	if (GICC_IAR_ID(iar) != TIMER_VIRT_PPI) {
		printf("gicdir: ERROR no timer interrupt (iar 0x%lx)\n", iar);
		psci_system_off();
	}
	timer_virt_set_ctl(CNT_CTL_ENABLE | CNT_CTL_IMASK); /* line low */
	gicc_eoi(iar); /* EOImode = 1: priority drop only */
	printf("gicdir: timer active after EOI: %s\n", active(TIMER_VIRT_PPI) ? "yes" : "no");

	*(volatile uint32_t *)(uintptr_t)(GICC_BASE + GICC_DIR) = FOREIGN_SPI;
	printf("gicdir: foreign DIR done, timer still active: %s\n",
	       active(TIMER_VIRT_PPI) ? "yes" : "no");

	*(volatile uint32_t *)(uintptr_t)(GICC_BASE + GICC_DIR) = iar;
	printf("gicdir: timer active after own DIR: %s\n", active(TIMER_VIRT_PPI) ? "yes" : "no");
	printf("gicdir: hyp gicd entries %lu\n", hc_trap_count(2));
	psci_system_off();
}

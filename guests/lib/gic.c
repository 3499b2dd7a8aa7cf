/* GICv2 distributor and CPU interface set-up; see gic.h. */
#include "gic.h"
#include "cpu.h"

static inline uint32_t bit_reg(uint32_t base, uint32_t id)
{
	return base + 4 * (id / 32);
}

/* Read-modify-write: in the Secure world (shikiri's TrustZone mode) bit 1
 * enables the Non-secure group, which is not this guest's to turn off. */
void gicd_enable(void)
{
	gicd_write32(GICD_CTLR, gicd_read32(GICD_CTLR) | 1u);
}

/* Set/clear-enable registers: writing 0 bits is a no-op, so no RMW. */
void gicd_enable_irq(uint32_t id)
{
	gicd_write32(bit_reg(GICD_ISENABLER, id), 1u << (id % 32));
}

void gicd_disable_irq(uint32_t id)
{
	gicd_write32(bit_reg(GICD_ICENABLER, id), 1u << (id % 32));
}

void gicd_set_priority(uint32_t id, uint8_t prio)
{
	gicd_write8(GICD_IPRIORITYR + id, prio);
}

void gicd_set_target(uint32_t id, uint8_t vcpu_mask)
{
	gicd_write8(GICD_ITARGETSR + id, vcpu_mask);
}

void gicd_set_pending(uint32_t id)
{
	gicd_write32(bit_reg(GICD_ISPENDR, id), 1u << (id % 32));
}

void gicd_send_sgi(uint32_t id, uint8_t vcpu_mask)
{
	/* Whatever the sender wrote before must be visible to the target. */
	dsb();
	gicd_write32(GICD_SGIR, GICD_SGIR_LIST | ((uint32_t)vcpu_mask << 16) |
		     (id & 0xfu));
}

/*
 * On an A9-class core (cpu_is_a9_class: shikiri's
 * TrustZone mode) bit 3 is FIQEn: in the Secure world Group 0 (the secure
 * partition's interrupts) is signalled as FIQ, which the Normal world cannot
 * mask (the runtime masks I and F together and the RTOS takes FIQ like IRQ);
 * the Non-secure view ignores it. Not in Hyp's virtual CPU interface, where
 * FIQEn would turn this guest's interrupts into virtual FIQs.
 */
void gicc_init(void)
{
	gicc_write32(GICC_PMR, 0xff);
	gicc_write32(GICC_CTLR, cpu_is_a9_class() ? 1u | (1u << 3) : 1u);
}

uint32_t gicc_ack(void)
{
	return gicc_read32(GICC_IAR);
}

void gicc_eoi(uint32_t iar)
{
	gicc_write32(GICC_EOIR, iar);
}

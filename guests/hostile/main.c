/*
 * hostile: owns SPI 49 and tries to reach the victim's SPI 48 through every
 * distributor register that takes an IRQ number, then sends SGIs to vCPUs
 * it does not have.  The hypervisor must ignore all of it; the victim
 * reports whether anything got through, we report what we can read back.
 */
#include "guest.h"
#include "gic.h"

#define OWN_SPI		49u
#define VICTIM_SPI	48u
#define HOSTILE_SGI	3u

static inline uint32_t bit(uint32_t id)
{
	return 1u << (id % 32);
}

int main(void)
{
	uint32_t reg = 4 * (VICTIM_SPI / 32);	/* word offset in bit registers */

	gicd_enable();
	/* Our own SPI first: its enable bit must then read back as 1. */
	gicd_enable_irq(OWN_SPI);

	/* (a)..(d): enable, retarget to every CPU, pend, reprioritise 48. */
	gicd_write32(GICD_ISENABLER + reg, bit(VICTIM_SPI));
	gicd_write8(GICD_ITARGETSR + VICTIM_SPI, 0xff);
	gicd_write32(GICD_ISPENDR + reg, bit(VICTIM_SPI));
	gicd_write8(GICD_IPRIORITYR + VICTIM_SPI, 0x00);

	/* (e) bit 16 (SPI 48) must read 0, bit 17 (our SPI 49) 1. */
	printf("hostile: isenabler1 = 0x%08lx\n",
	       gicd_read32(GICD_ISENABLER + reg));

	/* (f) we have only vCPU 0: 0xfe names vCPUs 1..7, none of ours. */
	gicd_write32(GICD_SGIR, GICD_SGIR_LIST | (0xfeu << 16) | HOSTILE_SGI);
	gicd_write32(GICD_SGIR, GICD_SGIR_ALL_BUT_SELF | HOSTILE_SGI);

	/* (g) */
	printf("hostile: itargetsr48 = 0x%02x\n",
	       (unsigned)gicd_read8(GICD_ITARGETSR + VICTIM_SPI));
	printf("hostile: done\n");
	psci_system_off();
}

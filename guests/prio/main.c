/*
 * prio: pend six SPIs of different priorities at once while IRQs are
 * masked; once unmasked they must be taken highest priority (lowest value)
 * first: 51 49 53 52 50 48.
 */
#include "guest.h"
#include "gic.h"
#include "irq.h"
#include "timer.h"

#define FIRST_SPI	48u
#define NR_SPIS		((uint32_t)6)
#define SETTLE_LOOPS	100000u
#define WAIT_TICKS	6250000u	/* 100 ms at 62.5 MHz */

static const uint8_t prios[NR_SPIS] = {
	0xc0, 0x40, 0xa0, 0x20, 0x80, 0x60,	/* SPIs 48..53 */
};

static volatile uint32_t handled;
static volatile uint32_t order[NR_SPIS];

static void spi_irq(uint32_t iar)
{
	uint32_t n = handled;

	if (n < NR_SPIS)
		order[n] = GICC_IAR_ID(iar);
	handled = n + 1;
}

int main(void)
{
	const char *name = guest_name();
	uint32_t mask = ((1u << NR_SPIS) - 1) << (FIRST_SPI % 32);
	uint32_t reg = 4 * (FIRST_SPI / 32);
	volatile uint32_t spin = 0;
	uint64_t end;

	irq_disable_local();
	gicd_enable();
	for (uint32_t i = 0; i < NR_SPIS; i++) {
		irq_set_handler(FIRST_SPI + i, spi_irq);
		gicd_set_priority(FIRST_SPI + i, prios[i]);
		gicd_set_target(FIRST_SPI + i, 1u << 0);
	}
	gicd_write32(GICD_ISENABLER + reg, mask);
	gicc_init();
	/* One write, so no SPI is pending on its own before the others. */
	gicd_write32(GICD_ISPENDR + reg, mask);

	/* Let all six reach the (virtual) CPU interface before choosing. */
	while (spin < SETTLE_LOOPS)
		spin++;

	irq_enable_local();
	end = timer_virt_count() + WAIT_TICKS;
	while (handled < NR_SPIS && timer_virt_count() < end)
		;
	irq_disable_local();

	printf("prio: order");
	for (uint32_t i = 0; i < handled && i < NR_SPIS; i++)
		printf(" %lu", order[i]);
	printf("\n");
	printf("prio: %lu/%lu delivered\n", handled, NR_SPIS);
	printf("bye from %s\n", name);
	psci_system_off();
}

/*
 * victim: owns SPI 48 and runs the periodic timer loop while "hostile"
 * tries to enable, retarget and pend that SPI.  Nobody may pend it, so any
 * IRQ 48 seen here means another VM reached our interrupt.
 */
#include "guest.h"
#include "gic.h"
#include "irq.h"
#include "periodic.h"

#define VICTIM_SPI	48u
#define N		1000u
#define PERIOD		20000u

static volatile uint32_t spi_count;

static void spi_irq(uint32_t iar)
{
	(void)iar;
	spi_count++;
}

int main(void)
{
	const char *name = guest_name();
	struct periodic_stats st;

	printf("timer: start\n");
	irq_set_handler(VICTIM_SPI, spi_irq);
	gicd_enable();
	gicd_set_priority(VICTIM_SPI, 0xa0);
	gicd_set_target(VICTIM_SPI, 1u << 0);
	gicd_enable_irq(VICTIM_SPI);

	periodic_run(N, PERIOD, &st);
	periodic_report(name, &st);
	printf("victim: spi48 irqs %lu\n", spi_count);
	printf("bye from %s\n", name);
	psci_system_off();
}

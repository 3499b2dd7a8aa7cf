/*
 * timer: N periods of PERIOD ticks on the virtual timer, reporting IRQ
 * latency and how often the hypervisor was entered for IRQs meanwhile.
 * Also built as "storm" with a short period (see guests.mk), to load the
 * hypervisor with a dense stream of this VM's own interrupts.
 */
#include "guest.h"
#include "linger.h"
#include "periodic.h"

#ifndef N
#define N	1000u
#endif
#ifndef PERIOD
#define PERIOD	20000u	/* ticks: 320 us at 62.5 MHz */
#endif

int main(void)
{
	const char *name = guest_name();
	struct periodic_stats st;

	printf("timer: start\n");
	periodic_run(N, PERIOD, &st);
	periodic_report(name, &st);
#ifdef LINGER_BASE
	linger_until(LINGER_BASE, LINGER_TICKS);
#endif
	printf("bye from %s\n", name);
	psci_system_off();
}

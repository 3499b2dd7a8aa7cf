/*
 * spin: a long-running, well-behaved partner for the fault tests; its ticks
 * must keep coming while another VM is being stopped.
 */
#include "guest.h"

#ifndef TICKS
#define TICKS		10u
#endif
#define TICK_LOOPS	(1u << 22)

int main(void)
{
	const char *name = guest_name();
	volatile uint32_t count = 0;	/* volatile: the loop must really run */

	printf("spin: %s running\n", name);
	for (uint32_t t = 1; t <= TICKS; t++) {
		for (uint32_t i = 0; i < TICK_LOOPS; i++)
			count++;
		printf("spin: tick %lu\n", t);
	}
	printf("bye from %s\n", name);
	psci_system_off();
}

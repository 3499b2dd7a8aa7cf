/*
 * hog: CPU-bound, never waits. Counts loop iterations until the virtual
 * counter reaches END_TICKS (absolute: every hog on a core stops at the
 * same moment), so on a shared core the count is this VM's share of the
 * core. Tests of the shared-core schedulers (tests/qemu/sched_*).
 */
#include "guest.h"
#include "linger.h"
#include "timer.h"

#ifndef END_TICKS
#define END_TICKS	40000000u	/* 0.64 s of the 62.5 MHz counter */
#endif
#define CHUNK		256u		/* iterations between counter reads */

int main(void)
{
	const char *name = guest_name();
	volatile uint32_t sink = 0;	/* volatile: the loop must really run */
	uint32_t chunks = 0;

	printf("hog: %s running\n", name);
	while (timer_virt_count() < (uint64_t)END_TICKS) {
		for (uint32_t i = 0; i < CHUNK; i++)
			sink++;
		chunks++;
	}
	printf("hog: %s chunks %lu\n", name, chunks);
#ifdef LINGER_TICKS
	linger_until(END_TICKS, LINGER_TICKS);
#endif
	printf("bye from %s\n", name);
	psci_system_off();
}

/*
 * setway: a hostile neighbour on a shared core (tests/qemu/sched_setway_*).
 * Issues the set/way op that ends a cache sweep (DCCISW, set 0 / way 0) in a
 * loop until the virtual counter reaches END_TICKS: each one makes the
 * hypervisor clean+invalidate this VM's whole RAM (src/arch/armv7/cp15.c),
 * work whose length grows with the RAM the partition gives it. Reports how
 * many ops completed, then powers its VM off.
 */
#include "guest.h"
#include "timer.h"

#ifndef END_TICKS
#define END_TICKS	30000000u	/* 0.48 s of the 62.5 MHz counter */
#endif

int main(void)
{
	const char *name = guest_name();
	uint32_t ops = 0;

	printf("setway: %s flooding\n", name);
	while (timer_virt_count() < (uint64_t)END_TICKS) {
		__asm__ volatile("mcr p15, 0, %0, c7, c14, 2" : : "r"(0u) : "memory"); /* DCCISW */
		ops++;
	}
	printf("setway: %s sweeps %lu\n", name, ops);
	psci_system_off();
}

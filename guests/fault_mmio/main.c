/*
 * fault_mmio: read the PL031 RTC, a device assigned to no VM.  The
 * hypervisor must stop us there; reaching the next line is an isolation bug.
 */
#include "guest.h"

#define PL031_BASE	0x09010000u

int main(void)
{
	uint32_t v;

	printf("fault_mmio: reading 0x%08lx\n", (uint32_t)PL031_BASE);
	v = *(volatile uint32_t *)(uintptr_t)PL031_BASE;
	dsb();
	printf("fault_mmio: ERROR still running\n");
	(void)v;
	psci_system_off();
}

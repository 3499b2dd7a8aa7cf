/*
 * fault_ram: store to the first byte after our RAM.  The hypervisor must
 * stop us there (stage-2 fault); in the test configuration that address is
 * another VM's physical RAM, so getting past the store is an isolation bug.
 */
#include "guest.h"

int main(void)
{
	uint32_t base, size, addr;

	hc_mem_info(&base, &size);
	addr = base + size;
	printf("fault_ram: writing 0x%08lx\n", addr);
	*(volatile uint32_t *)(uintptr_t)addr = 0xdeadbeefu;
	dsb();
	printf("fault_ram: ERROR still running\n");
	psci_system_off();
}

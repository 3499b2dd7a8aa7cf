/*
 * fault_exec: branch to the first IPA past our RAM, which stage 2 does not
 * map. The hypervisor must stop us with a stage-2 instruction abort whose
 * IPA is exactly the branch target. Just before the branch, a vGICD read
 * (handled: the guest goes on) leaves other low 12 bits in HDFAR, so a
 * report that took them from HDFAR instead of HIFAR shows.
 */
#include "guest.h"
#include "gic.h"

/* Word-aligned (an ARM instruction), and unlike GICD_LAST's offset. */
#define TARGET_OFFSET 0xa5cu
/* GICD_IPRIORITYR of IDs 28..31: a PPI word every GIC has. */
#define GICD_LAST (GICD_IPRIORITYR + 0x1cu)

int main(void)
{
	uint32_t base, size, target, prio;

	hc_mem_info(&base, &size);
	target = base + size + TARGET_OFFSET;
	printf("fault_exec: jumping to 0x%08lx\n", target);
	prio = gicd_read32(GICD_LAST);
	dsb();
	isb();
	((void (*)(void))(uintptr_t)target)();
	printf("fault_exec: ERROR still running (0x%08lx)\n", prio);
	psci_system_off();
}

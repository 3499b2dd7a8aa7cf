/*
 * Sleep, not spin, until the physical counter reaches a time that depends
 * on the VM: VMs that share a core stop one after the other, each while the
 * others sleep (a VM's stop report is hypervisor time on that core; see
 * docs/scheduling.md). The physical timer's interrupt is enabled at the
 * distributor but masked in the CPU, so wfi ends when it is pending and
 * nothing is taken.
 */
#include "guest.h"
#include "gic.h"
#include "linger.h"
#include "timer.h"

void linger_until(uint64_t base, uint64_t step)
{
	struct hc_vm_info info;
	uint64_t until = base;

	if (hc_vm_info(&info) == 0)
		until += (uint64_t)(info.vm_id + 1u) * step;
	__asm__ volatile("cpsid i" ::: "memory");
	gicd_enable();
	gicd_enable_irq(TIMER_PHYS_PPI);
	gicc_init();
	timer_phys_arm_at(until);
	while (timer_phys_count() < until)
		__asm__ volatile("dsb\n\twfi" ::: "memory");
	timer_phys_disable();
}

/* PSCI calls over the selected conduit, and CPU_ON for C functions. */
#include "psci.h"
#include "cpu.h"
#include "smccc.h"

/* In .data, not .bss: it must hold before start.S zeroes .bss. */
#ifdef GUEST_PSCI_DEFAULT_HVC
volatile enum psci_conduit psci_conduit = PSCI_CONDUIT_HVC;
#else
volatile enum psci_conduit psci_conduit = PSCI_CONDUIT_SMC;
#endif

/*
 * What a secondary runs once it has a stack; start.S reads it through the
 * CPU_ON context id (layout shared with start.S: fn at +0, arg at +4).
 * One slot per target vCPU so concurrent starts of different vCPUs cannot
 * clobber each other.
 */
struct secondary_boot {
	void (*fn)(uint32_t);
	uint32_t arg;
};
static struct secondary_boot secondary_boot[GUEST_MAX_VCPUS];
/* Target for MPIDRs we have no stack for: fn = 0 makes start.S park. */
static struct secondary_boot secondary_boot_none;

extern char secondary_entry[];	/* start.S */

int32_t psci_smc_call(uint32_t fid, uint32_t a1, uint32_t a2, uint32_t a3)
{
	return (int32_t)smccc_smc(fid, a1, a2, a3).a0;
}

int32_t psci_hvc_call(uint32_t fid, uint32_t a1, uint32_t a2, uint32_t a3)
{
	return (int32_t)smccc_hvc(fid, a1, a2, a3).a0;
}

int32_t psci_call(uint32_t fid, uint32_t a1, uint32_t a2, uint32_t a3)
{
	if (psci_conduit == PSCI_CONDUIT_HVC)
		return psci_hvc_call(fid, a1, a2, a3);
	return psci_smc_call(fid, a1, a2, a3);
}

uint32_t psci_version(void)
{
	return (uint32_t)psci_call(PSCI_VERSION, 0, 0, 0);
}

int32_t psci_cpu_on_raw(uint32_t mpidr, uint32_t entry, uint32_t context_id)
{
	return psci_call(PSCI_CPU_ON, mpidr, entry, context_id);
}

int32_t psci_cpu_on(uint32_t mpidr, void (*fn)(uint32_t), uint32_t arg)
{
	uint32_t aff0 = mpidr & MPIDR_AFF0_MASK;
	struct secondary_boot *slot = &secondary_boot_none;

	/*
	 * Still ask PSCI for a bad MPIDR so the caller sees the real error
	 * code; should it succeed anyway the vCPU just parks.  Re-filling the
	 * slot of a vCPU that is already on is harmless: it read its slot
	 * when it started.
	 */
	if ((mpidr & MPIDR_AFF_MASK) == aff0 && aff0 < GUEST_MAX_VCPUS) {
		slot = &secondary_boot[aff0];
		slot->fn = fn;
		slot->arg = arg;
	}
	/* The target starts with caches off; make the slot visible first. */
	dsb();
	return psci_cpu_on_raw(mpidr, (uint32_t)(uintptr_t)secondary_entry,
			       (uint32_t)(uintptr_t)slot);
}

int32_t psci_cpu_off(void)
{
	return psci_call(PSCI_CPU_OFF, 0, 0, 0);
}

int32_t psci_affinity_info(uint32_t mpidr, uint32_t level)
{
	return psci_call(PSCI_AFFINITY_INFO, mpidr, level, 0);
}

void psci_system_off(void)
{
	psci_call(PSCI_SYSTEM_OFF, 0, 0, 0);
	/* Not supposed to return; if it does there is nowhere to go. */
	park();
}

int32_t psci_system_reset(void)
{
	return psci_call(PSCI_SYSTEM_RESET, 0, 0, 0);
}

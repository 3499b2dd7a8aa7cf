/* SPDX-License-Identifier: MIT */
/* A VM's arch state in the TrustZone mode: none (nothing is emulated). */
#ifndef ARCH_VM_H
#define ARCH_VM_H

struct vm_arch {
	uint32_t unused;
};

/* The MPIDR affinity (MPIDR[23:0]) a guest reads on its vCPU n, which
 * PSCI's CPU_ON and AFFINITY_INFO name it by: with no stage 2 and no
 * virtual MPIDR, the physical core's (the generated DT's CPU reg too). */
static inline uint32_t vm_arch_guest_mpidr(const struct vm_config *cfg, uint32_t n)
{
	return pcpu_configs[cfg->vcpu_pcpu[n]].mpidr;
}

#endif

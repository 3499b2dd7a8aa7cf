/* SPDX-License-Identifier: MIT */
/* A VM's arch state (struct vm.arch; core never reads it): its emulated
 * GICv2 distributor. */
#ifndef ARCH_VM_H
#define ARCH_VM_H

#include "arch/vgicd.h"

struct vm_arch {
	struct vgicd vgicd;
};

/* The MPIDR affinity a guest reads on its vCPU n (VMPIDR: Aff0 = n), which
 * PSCI's CPU_ON and AFFINITY_INFO name it by. */
static inline uint32_t vm_arch_guest_mpidr(const struct vm_config *cfg, uint32_t n)
{
	(void)cfg;
	return n;
}

#endif

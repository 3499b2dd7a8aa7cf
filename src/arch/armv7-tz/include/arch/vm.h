/* SPDX-License-Identifier: MIT */
/* A VM's arch state in the TrustZone mode: none (nothing is emulated). */
#ifndef ARCH_VM_H
#define ARCH_VM_H

struct vm_arch {
	uint32_t unused;
};

#endif

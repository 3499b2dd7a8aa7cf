/* SPDX-License-Identifier: MIT */
/* A VM's arch state (struct vm.arch; core never reads it): its emulated
 * GICv2 distributor. */
#ifndef ARCH_VM_H
#define ARCH_VM_H

#include "arch/vgicd.h"

struct vm_arch {
	struct vgicd vgicd;
};

#endif

/* SPDX-License-Identifier: MIT */
/* A vCPU's arch state in the TrustZone mode (struct vcpu.arch): its world. */
#ifndef ARCH_VCPU_CTX_H
#define ARCH_VCPU_CTX_H

#include "types.h"
#include "arch/trap_frame.h"

struct vcpu_arch {
	uint32_t secure; /* runs in the Secure world (an hrt partition) */
};

#endif

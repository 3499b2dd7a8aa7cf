/* SPDX-License-Identifier: MIT */
/* Trapped CP15 accesses (HSR EC 0x03 and 0x04), src/arch/armv7/cp15.c. */
#ifndef ARCH_CP15_H
#define ARCH_CP15_H

#include "types.h"

struct vcpu;
struct trap_frame;

void trap_cp15_32(struct vcpu *v, struct trap_frame *f, uint32_t hsr);
void trap_cp15_64(struct vcpu *v, struct trap_frame *f, uint32_t hsr);

#endif

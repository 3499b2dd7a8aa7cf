/* SPDX-License-Identifier: MIT */
/* A virtual CPU: pinned to one physical core for its whole life. */
#ifndef SHIKIRI_VCPU_H
#define SHIKIRI_VCPU_H

#include "types.h"
#include "arch/vgic.h"

struct vm;
struct trap_frame;

enum vcpu_state {
	VCPU_OFF = 0,
	VCPU_ON_PENDING, /* CPU_ON accepted, its core is coming up */
	VCPU_ON,
};

struct vcpu {
	struct vm *vm;
	uint32_t id;   /* index inside the VM; the guest's MPIDR.Aff0 */
	uint32_t pcpu; /* physical core index */
	volatile uint32_t state;
	/* Where the next power-on enters the guest, and its r0. */
	uint32_t entry;
	uint32_t context;
	bool boot; /* boot vCPU: Linux boot registers (r1 = ~0, r2 = DTB) */
	struct vgic_cpu vgic; /* srt/be: virtual CPU interface state */
};

/* Ask for the vCPU to start at entry: powers its core on (PSCI) or, for the
 * calling core, leaves it ON_PENDING for vcpu_run. Returns a PSCI code. */
int32_t vcpu_power_on(struct vcpu *v, uint32_t entry, uint32_t context, bool boot);
/* Enter the guest on this core. */
NORETURN void vcpu_run(struct vcpu *v);
/* This core has nothing to run: power it off (it can be powered on again). */
NORETURN void vcpu_park(void);
/* The calling core's vCPU (NULL on a core that runs none). */
struct vcpu *vcpu_current(void);

/* Arch hooks (arch/armv7/vcpu_arch.c). */
NORETURN void vcpu_arch_start(struct vcpu *v);
/* Read or write guest register n (0..14) of the mode it trapped from. */
bool vcpu_arch_reg_access(struct trap_frame *f, uint32_t n, uint32_t *val, bool write);

#endif

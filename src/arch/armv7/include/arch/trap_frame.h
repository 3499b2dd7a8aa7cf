/* SPDX-License-Identifier: MIT */
/*
 * The guest registers saved on every entry into Hyp. It sits at the top of
 * the core's Hyp stack; since a core runs exactly one vCPU, that frame *is*
 * the vCPU's general-purpose context. PL1 system registers are not saved:
 * the guest owns them on its core and the hypervisor does not touch them.
 */
#ifndef ARCH_TRAP_FRAME_H
#define ARCH_TRAP_FRAME_H

#define FRAME_R0 0
#define FRAME_LR 52   /* LR_usr: Hyp mode shares r14 with User mode */
#define FRAME_ELR 56  /* ELR_hyp: where the guest resumes */
#define FRAME_SPSR 60 /* SPSR_hyp: the guest's CPSR */
#define FRAME_SIZE 64

#ifndef __ASSEMBLY__
#include "types.h"
#include "arch/hyp.h"

struct trap_frame {
	uint32_t r[13];
	uint32_t lr_usr;
	uint32_t elr;
	uint32_t spsr;
};

_Static_assert(__builtin_offsetof(struct trap_frame, lr_usr) == FRAME_LR, "frame layout");
_Static_assert(__builtin_offsetof(struct trap_frame, elr) == FRAME_ELR, "frame layout");
_Static_assert(__builtin_offsetof(struct trap_frame, spsr) == FRAME_SPSR, "frame layout");
_Static_assert(sizeof(struct trap_frame) == FRAME_SIZE, "frame layout");

/* The frame slot of the guest's register n as its current mode sees it, or
 * NULL for one the frame does not hold: SP and LR of a PL1 mode, r8-r12 in
 * FIQ mode, SP in User and System mode, PC (vcpu_arch_reg_access). */
static inline uint32_t *trap_frame_reg(struct trap_frame *f, uint32_t n)
{
	uint32_t mode = f->spsr & PSR_MODE_MASK;

	if (n < 8 || (n < 13 && mode != PSR_MODE_FIQ))
		return &f->r[n];
	if (n == 14 && (mode == PSR_MODE_USR || mode == PSR_MODE_SYS))
		return &f->lr_usr;
	return NULL;
}
#endif

#endif

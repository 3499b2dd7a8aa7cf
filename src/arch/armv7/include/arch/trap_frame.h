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
#endif

#endif

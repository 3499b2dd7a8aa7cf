/* SPDX-License-Identifier: MIT */
/*
 * A world's registers as the monitor saves them on an SMC (or FIQ) from the
 * Non-secure world: the layout of the Hyp mode's frame (core reads r[] and
 * the PSCI arguments), at the top of the core's monitor stack. elr is
 * LR_mon (where the world resumes), spsr SPSR_mon.
 */
#ifndef ARCH_TRAP_FRAME_H
#define ARCH_TRAP_FRAME_H

#define FRAME_R0   0
#define FRAME_LR   52
#define FRAME_ELR  56
#define FRAME_SPSR 60
#define FRAME_SIZE 64

#define PSR_MODE_MASK 0x1fu
#define PSR_MODE_USR  0x10u
#define PSR_MODE_FIQ  0x11u
#define PSR_MODE_IRQ  0x12u
#define PSR_MODE_SVC  0x13u
#define PSR_MODE_MON  0x16u
#define PSR_MODE_ABT  0x17u
#define PSR_MODE_UND  0x1bu
#define PSR_MODE_SYS  0x1fu
#define PSR_F	      0x40u
#define PSR_I	      0x80u
#define PSR_A	      0x100u

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

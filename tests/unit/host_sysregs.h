/* SPDX-License-Identifier: MIT */
/* Forced include for host unit tests of code that orders its memory
 * accesses with the ARMv7 barriers (chan.c's ring: dsb before the
 * GICD_ISPENDR write): a host fence each. Of the CP15 accessors only
 * what headers use in line (pcpu_this: no core here, never called). */
#ifndef ARCH_SYSREGS_H
#define ARCH_SYSREGS_H

#include "types.h"

static inline void isb(void) { __atomic_thread_fence(__ATOMIC_SEQ_CST); }
static inline void dsb(void) { __atomic_thread_fence(__ATOMIC_SEQ_CST); }
static inline void dmb(void) { __atomic_thread_fence(__ATOMIC_SEQ_CST); }
static inline uint32_t read_htpidr(void) { return 0; }

#endif

/* SPDX-License-Identifier: MIT */
/* Test-and-set spinlock (ldrex/strex, wfe/sev). Hypervisor data only: it needs
 * the Hyp MMU on (normal, shareable memory) for exclusives to work. */
#ifndef SHIKIRI_SPINLOCK_H
#define SHIKIRI_SPINLOCK_H

#include "types.h"

typedef struct {
	volatile uint32_t lock;
} spinlock_t;

static inline void spin_lock(spinlock_t *l)
{
	uint32_t tmp;
	__asm__ volatile("1:	ldrex	%0, [%1]\n"
			 "	teq	%0, #0\n"
			 "	wfene\n"
			 "	strexeq	%0, %2, [%1]\n"
			 "	teqeq	%0, #0\n"
			 "	bne	1b\n"
			 "	dmb	ish\n"
			 : "=&r"(tmp)
			 : "r"(&l->lock), "r"(1u)
			 : "cc", "memory");
}

static inline void spin_unlock(spinlock_t *l)
{
	__asm__ volatile("dmb ish" ::: "memory");
	l->lock = 0;
	__asm__ volatile("dsb ishst\n sev" ::: "memory");
}

#endif

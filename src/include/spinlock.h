/* SPDX-License-Identifier: MIT */
/* Test-and-set spinlock (ldrex/strex, wfe/sev), and a fair ticket lock for
 * locks that a guest can make busy. Hypervisor data only: they need the Hyp
 * MMU on (normal, shareable memory) for exclusives to work. */
#ifndef SHIKIRI_SPINLOCK_H
#define SHIKIRI_SPINLOCK_H

#include "feature.h"
#include "types.h"

typedef struct {
	volatile uint32_t lock;
} spinlock_t;

/* One core (FEATURE_ONE_CORE, feature.h): no other core to keep out or to
 * wake, and no lock is ever taken by an interrupt handler of the core that
 * may hold it (Hyp runs with IRQs masked but where it waits): a lock is a
 * compiler barrier only. Elsewhere the test folds away. */
#define SPIN_ONE_CORE FEATURE_ONE_CORE

static inline void spin_lock(spinlock_t *l)
{
	uint32_t tmp;

	if (SPIN_ONE_CORE) {
		__asm__ volatile("" ::: "memory");
		return;
	}
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
	if (SPIN_ONE_CORE) {
		__asm__ volatile("" ::: "memory");
		return;
	}
	__asm__ volatile("dmb ish" ::: "memory");
	l->lock = 0;
	__asm__ volatile("dsb ishst\n sev" ::: "memory");
}

/* A full barrier between this core's stores before it and its loads after
 * it, as seen by the other cores: for a flag one core sets before it reads
 * what another core writes before reading the flag (spin_unlock has one). */
static inline void smp_mb(void)
{
	__asm__ volatile("dmb ish" ::: "memory");
}

/*
 * Ticket lock: cores get the lock in the order they asked for it, so a core
 * waits for at most one holder per other core. (With the test-and-set lock,
 * the core that just released it can win again and again.) ticket_lock takes
 * a ticket from `next` with one exclusive access to the whole word, then waits
 * until `owner` reaches it; only the holder writes `owner`.
 */
typedef struct {
	volatile uint16_t owner; /* the ticket served now (low half: little-endian) */
	volatile uint16_t next;  /* the next ticket to hand out */
} __attribute__((aligned(4))) ticketlock_t;

static inline void ticket_lock(ticketlock_t *l)
{
	uint32_t old, tmp, fail;

	if (SPIN_ONE_CORE) {
		__asm__ volatile("" ::: "memory");
		return;
	}
	__asm__ volatile("1:	ldrex	%0, [%3]\n"
			 "	add	%1, %0, %4\n"
			 "	strex	%2, %1, [%3]\n"
			 "	teq	%2, #0\n"
			 "	bne	1b\n"
			 : "=&r"(old), "=&r"(tmp), "=&r"(fail)
			 : "r"(l), "r"(0x10000u)
			 : "cc", "memory");
	/* The sev in ticket_unlock ends the wfe; one that comes before the wfe
	 * is latched in the event register, so no wake-up is lost. */
	while (l->owner != (uint16_t)(old >> 16))
		__asm__ volatile("wfe" ::: "memory");
	__asm__ volatile("dmb ish" ::: "memory");
}

static inline void ticket_unlock(ticketlock_t *l)
{
	if (SPIN_ONE_CORE) {
		__asm__ volatile("" ::: "memory");
		return;
	}
	__asm__ volatile("dmb ish" ::: "memory");
	l->owner = (uint16_t)(l->owner + 1u);
	__asm__ volatile("dsb ishst\n sev" ::: "memory");
}

#endif

/* SPDX-License-Identifier: MIT */
/* Forced include for host unit tests of code that takes spinlocks: the
 * tests are single-threaded, so a lock is a flag that must be free. */
#ifndef SHIKIRI_SPINLOCK_H
#define SHIKIRI_SPINLOCK_H

#include <assert.h>
#include "types.h"

typedef struct {
	volatile uint32_t lock;
} spinlock_t;

static inline void spin_lock(spinlock_t *l)
{
	assert(l->lock == 0); /* single-threaded: taking a held lock is a deadlock */
	l->lock = 1;
}

static inline void spin_unlock(spinlock_t *l)
{
	l->lock = 0;
}

#endif

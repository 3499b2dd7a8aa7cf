/* SPDX-License-Identifier: MIT */
/*
 * The hypervisor timer of each core (CNTHP on armv7), shared by the few
 * things that need a deadline: the vUART's idle flush and, on shared cores,
 * the scheduler (budgets, slices, periods, and the timers of descheduled
 * vCPUs). Each user has one slot per core; the hardware is programmed for
 * the earliest. Times are absolute, in ticks of the system counter. Only
 * the owning core touches its slots. hrt cores never use it.
 */
#ifndef SHIKIRI_HTIMER_H
#define SHIKIRI_HTIMER_H

#include "types.h"

#define HTIMER_NEVER UINT64_MAX

enum htimer_slot {
	HTIMER_VUART = 0, /* idle flush of a vUART line without its newline */
	HTIMER_SCHED = 1, /* the scheduler's next event on a shared core */
	HTIMER_NR,
};

struct pcpu;

/* Reserve the timer interrupt (boot core). */
void htimer_init(void);
/* This core (re)starts with its timer off (every core, at its entry). */
void htimer_cpu_init(struct pcpu *c);
/* Set (or, with HTIMER_NEVER, clear) this core's slot. */
void htimer_set(enum htimer_slot slot, uint64_t when);

/* Implemented by arch: fire the timer interrupt at absolute time when, or
 * never (HTIMER_NEVER: the timer is off and its line low). */
void htimer_arch_program(uint64_t when);

#endif

/* SPDX-License-Identifier: MIT */
/*
 * The run loop of a shared core (docs/scheduling.md, "Running shared
 * cores"): which of its vCPUs runs, when a vCPU blocks in WFI or wakes, and
 * the switch between them. The policy is the core's scheduler (sched.h);
 * this file is the mechanism. On a dedicated core (pcpu_configs[].sched ==
 * PCPU_SCHED_NONE) every entry point returns at once: no cost, no timer.
 */
#ifndef SHIKIRI_RUN_LOOP_H
#define SHIKIRI_RUN_LOOP_H

#include "types.h"

struct pcpu;
struct vcpu;

/* v (on this core, not running) has a new pending interrupt: wake it if it
 * is blocked, and preempt the running vCPU if the scheduler says so. */
void sched_run_wake(struct vcpu *v);
/* Another core kicked this one: wake what it made pending, start vCPUs
 * powered on meanwhile. */
void sched_run_kicked(struct pcpu *c);
/* The scheduler's timer slot fired (htimer.c). */
void sched_run_timer(struct pcpu *c);

#endif

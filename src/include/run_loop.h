/* SPDX-License-Identifier: MIT */
/*
 * The run loop of a shared core (docs/scheduling.md, "Running a shared
 * core"): which of its vCPUs runs, blocking in WFI and waking, the switch
 * between them, idling and powering the core off. The policy is the core's
 * scheduler (sched.h); this is the mechanism. On a dedicated core
 * (pcpu_configs[].sched_ops == NULL) each entry point returns at
 * once: no scheduler, no timer, no saved context.
 */
#ifndef SHIKIRI_RUN_LOOP_H
#define SHIKIRI_RUN_LOOP_H

#include "feature.h"
#include "pcpu.h"
#include "types.h"
#include "vm.h"

struct pcpu;
struct vcpu;

#if FEATURE_SHARED_CORES

/* Attach every shared core's vCPUs to its scheduler (boot core, after
 * vm_init_all). */
void run_loop_init(void);
/* This shared core has come up: run its vCPUs; with none runnable (or none
 * on) it waits in WFI inside Hyp. */
NORETURN void run_loop_enter(struct pcpu *c);
/* The exit path of every hypervisor entry: on a shared core, switch to
 * another vCPU (or idle) if the scheduler asks for it. Returns when the
 * trap frame holds the registers of the vCPU to resume. In line, so that a
 * dedicated core pays one test. */
void run_loop_switch(struct pcpu *c);
static inline void run_loop_exit(struct pcpu *c)
{
	if (c->shared && c->sched.resched)
		run_loop_switch(c);
}
/* The running vCPU of this shared core is gone (CPU_OFF, its VM stopped or
 * reset): go on with the others. */
NORETURN void run_loop_park(struct pcpu *c);
/* Guest WFI on a shared core: block v unless an interrupt is pending. */
void run_loop_wfi(struct vcpu *v);
/* v (on this core, not running) has a new pending interrupt: wake it if it
 * is blocked, and preempt the running vCPU if the scheduler says so. */
void sched_run_wake(struct vcpu *v);
/* Another core kicked this one (or a local change needs the same): start
 * vCPUs powered on meanwhile, drop those whose VM stopped, wake those with
 * pending interrupts. */
void sched_run_kicked(struct pcpu *c);
/* The scheduler's timer slot fired (htimer.c). */
void sched_run_timer(struct pcpu *c);
#else
/* Dedicated cores only (no scheduler linked): no core is ever shared
 * (pcpu.shared is set by run_loop_init alone), so every entry point is a
 * no-op, and the two that would not return are never reached. */
static inline void run_loop_init(void)
{
}
static inline NORETURN void run_loop_enter(struct pcpu *c)
{
	UNUSED(c);
	__builtin_unreachable();
}
/* Its test stays, so that the exit path runs the very instructions it runs
 * with a scheduler linked (the trap paths' counts, docs/performance.md);
 * the switch it guards cannot happen. */
static inline void run_loop_exit(struct pcpu *c)
{
	if (c->shared && c->sched.resched)
		__builtin_trap();
}
static inline NORETURN void run_loop_park(struct pcpu *c)
{
	UNUSED(c);
	__builtin_unreachable();
}
static inline void run_loop_wfi(struct vcpu *v)
{
	UNUSED(v);
}
static inline void sched_run_wake(struct vcpu *v)
{
	UNUSED(v);
}
static inline void sched_run_kicked(struct pcpu *c)
{
	UNUSED(c);
}
static inline void sched_run_timer(struct pcpu *c)
{
	UNUSED(c);
}
#endif

/* The way back to the guest after any hypervisor entry on core c (this
 * one): a core whose VM was stopped (by itself or by another core) does not
 * go back to the guest; a shared core may switch. */
static inline void hyp_exit(struct pcpu *c)
{
	const struct vcpu *v = c->vcpu;

	if (!v || !vm_running(v->vm))
		vcpu_park();
	run_loop_exit(c);
}
#endif

/* SPDX-License-Identifier: MIT */
/*
 * Scheduling of the vCPUs that share one physical core (docs/scheduling.md).
 *
 * Two layers, in the spirit of RTEMS' scheduler framework:
 *  - a policy (fixed priority, EDF, round robin, ...) is one `struct sched_ops`
 *    in one file, src/core/sched_<name>.c, built when Kconfig SCHED_<NAME> = y;
 *  - the core-level glue below (sched_core_init, sched_wake, sched_block,
 *    sched_yield_current, sched_tick, sched_pick) is what the rest of the hypervisor
 *    calls. It charges elapsed time to the running entity, keeps the
 *    counters and calls the policy.
 *
 * Rules every policy and caller keeps:
 *  - Architecture-independent: no ARM, no printing, no allocation. Time is
 *    the generic timer's count (uint64_t ticks), always passed in by the
 *    caller as `now`, so the code is testable on the host with a fake clock.
 *  - Every call is O(1) or O(entities on this core) (<= MAX_VCPUS_PER_PCPU),
 *    with no loop whose trip count depends on time values.
 *  - No division on the hot path: parameters are converted from microseconds
 *    to ticks once, when a vCPU is attached (sched_attach).
 *  - Time is charged in full: what runs past an entity's `remaining` is its
 *    `overdraft` (a debt), never lost and never someone else's.
 *  - Time arithmetic saturates at UINT64_MAX instead of wrapping, and a `now`
 *    earlier than the last one seen counts as no time elapsed.
 *  - One core, one owner: all calls for a core run on that core (or under a
 *    lock its caller holds); the scheduler itself takes no lock. A wake-up
 *    for a vCPU of another core is delivered by kicking that core, which
 *    then calls sched_wake itself.
 *
 * Dedicated cores (pcpu_config.sched_ops == NULL) never use any of
 * this: their vCPU owns the core as before, with no tick and no added cost.
 */
#ifndef SHIKIRI_SCHED_H
#define SHIKIRI_SCHED_H

#include "types.h"
#include "vmconfig.h"

/* Absolute time meaning "never" (no next scheduling event). */
#define SCHED_NEVER UINT64_MAX

/* Every loop of the scheduler calls SCHED_STEP() once per iteration, so the
 * host unit tests can prove the bound (no trip count depends on time);
 * nothing in the hypervisor build. */
#ifdef SCHED_COUNT_STEPS
extern uint32_t sched_steps;
#define SCHED_STEP() (sched_steps++)
#else
#define SCHED_STEP() ((void)0)
#endif

/* Saturating tick arithmetic: time never wraps. */
static inline uint64_t sched_add(uint64_t a, uint64_t b)
{
	return a > SCHED_NEVER - b ? SCHED_NEVER : a + b;
}

static inline uint64_t sched_sub(uint64_t a, uint64_t b)
{
	return a > b ? a - b : 0u;
}

struct sched_core;

/*
 * Per-vCPU scheduling state. sched-arch embeds one in struct vcpu; `owner`
 * points back at that vCPU so the policy never needs to know its type.
 * Fields marked (policy) are used as the policy documents in its file.
 */
struct sched_entity {
	struct sched_core *core; /* the core it is attached to (sched_attach) */
	void *owner;             /* the vCPU, opaque here */
	struct sched_entity *next; /* ready-queue link (fp, rr) */
	uint8_t index;           /* position in the core's run list (config order) */
	bool runnable;           /* wants the CPU: woken and not blocked since */
	bool throttled;          /* (edf) budget exhausted in this period */
	/* Parameters, in ticks (converted once by allocate). */
	uint32_t priority;       /* (fp) 1..255, larger runs first */
	uint64_t period;         /* (edf) period = relative deadline */
	uint64_t budget;         /* (edf) CPU time per period; (rr) the slice */
	/* Dynamic state. */
	uint64_t deadline;       /* (edf) absolute end of the current period */
	uint64_t remaining;      /* (edf) budget left in this period; (rr) slice left */
	/* (edf, rr) time charged beyond `remaining`: a turn that ran past its
	 * end (the core noticed late, or hypervisor work for this vCPU ran over
	 * it). The policy takes it out of later budgets, so an overrun costs
	 * the entity that overran, never its neighbours. (fp: not used.) */
	uint64_t overdraft;
	/* Counters, read by the stop report; they only grow (and saturate). */
	uint32_t dispatches;     /* picked to run after another (or idle) was running */
	uint32_t preemptions;    /* descheduled while still runnable */
	uint32_t overruns;       /* (edf) budget exhausted while still runnable */
	uint32_t misses;         /* (edf) period ended while runnable with budget left */
	uint64_t runtime;        /* ticks it has run in total */
	uint64_t priv;           /* free for a policy that needs more state */
};

/*
 * Per-core scheduling state: static (embedded in the per-core structure by
 * sched-arch), sized by CONFIG_MAX_VCPUS_PER_PCPU.
 */
struct sched_core {
	const struct sched_ops *ops; /* the core's policy; NULL: not initialised */
	uint32_t cntfrq;             /* generic timer frequency in Hz (CNTFRQ) */
	uint32_t nr;                 /* attached entities */
	struct sched_entity *ent[CONFIG_MAX_VCPUS_PER_PCPU]; /* run list, config order */
	/* What sched_pick last returned, until it blocks (then NULL): the
	 * entity time is charged to. NULL: idle. */
	struct sched_entity *current;
	uint64_t since;              /* time up to which current has been charged */
	uint64_t last_now;           /* latest `now` seen: time never goes back */
	struct sched_entity *head;   /* (fp, rr) ready queue, head = next to run */
	bool resched;                /* a call since the last pick wants a new pick */
	uint32_t picks;              /* sched_pick calls (bench: schedule() count) */
	uint64_t priv[2];            /* free for a policy's per-core state */
};

/*
 * A scheduling policy. Every hook gets the core; the glue has already
 * charged the elapsed time to the running entity (c->current->remaining,
 * ->runtime) before it calls any of them, so a policy never measures time
 * itself. Hooks must keep the rules at the top of this file.
 */
struct sched_ops {
	/* Value of the core's `scheduler` property (and of CONFIG_SCHED_DEFAULT). */
	const char *name;
	/* Reset the policy's per-core state; the core has no entity yet. */
	void (*init)(struct sched_core *c);
	/* Check a VM's parameters and store them in e in ticks (sched_us_to_ticks
	 * with c->cntfrq): the only place a division happens. false = refused
	 * (out of range for this policy); e is not attached then. */
	bool (*allocate)(struct sched_core *c, struct sched_entity *e,
			 const struct vm_sched_config *p);
	/* e has just become runnable at now (it was not). Returns true if it
	 * may have to run instead of c->current: the caller then reschedules at
	 * once. May be true when the pick turns out unchanged (a cheap
	 * reschedule); never false when a preemption is due. */
	bool (*enqueue)(struct sched_core *c, struct sched_entity *e, uint64_t now);
	/* e (runnable until now; maybe c->current) stops being runnable. */
	void (*block)(struct sched_core *c, struct sched_entity *e, uint64_t now);
	/* c->current gives up the rest of its turn but stays runnable. */
	void (*yield)(struct sched_core *c, struct sched_entity *e, uint64_t now);
	/* Choose what runs from now: a runnable entity or NULL (idle: the core
	 * waits for an interrupt). *next_event = absolute time at which the
	 * caller must call sched_tick at the latest (budget exhaustion, slice
	 * end, period end) or SCHED_NEVER; it is >= now. Must be cheap: it runs
	 * on every switch. */
	struct sched_entity *(*schedule)(struct sched_core *c, uint64_t now, uint64_t *next_event);
	/* The event time last returned by schedule has come (the Hyp timer
	 * fired, or the core noticed it late). Update budgets, periods and
	 * counters; true = reschedule now. */
	bool (*timer)(struct sched_core *c, uint64_t now);
};

/*
 * Each policy file src/core/sched_<name>.c defines one
 * `const struct sched_ops sched_<name>_ops` with .name = "<name>". The
 * naming is the contract that makes a policy one file plus one Kconfig
 * entry: the generator emits pcpu_config.sched_ops = &sched_<name>_ops for
 * a core whose scheduler is "<name>", and the build registers it
 * (sched_ops_by_name). Built-in policies:
 */
extern const struct sched_ops sched_fp_ops;  /* CONFIG_SCHED_FP */
extern const struct sched_ops sched_edf_ops; /* CONFIG_SCHED_EDF */
extern const struct sched_ops sched_rr_ops;  /* CONFIG_SCHED_RR */

/* --- Registry (src/core/sched.c) -------------------------------------------- */

/* The built-in policy called name ("fp", ...) or NULL. Boot-time only:
 * O(built-in policies). (A core's policy is pcpu_config.sched_ops.) */
const struct sched_ops *sched_ops_by_name(const char *name);

/* --- Core-level glue (src/core/sched.c) ------------------------------------ */

/* Microseconds to generic-timer ticks at cntfrq Hz, rounded up so that a
 * non-zero time never becomes 0 ticks. Divides: call at attach time only. */
uint64_t sched_us_to_ticks(uint32_t us, uint32_t cntfrq);

/* Prepare core c for policy ops with the generic timer at cntfrq Hz
 * (CNTFRQ, read once by the arch). false: ops or cntfrq is invalid. */
bool sched_core_init(struct sched_core *c, const struct sched_ops *ops, uint32_t cntfrq);

/* Attach e (owned by vCPU owner) to core c with its VM's parameters, in
 * run-list order (VM order, then vCPU order: pcpu_config.vcpus). e starts
 * blocked: a vCPU becomes runnable with sched_wake when it is powered on.
 * false: the core is full or the policy refused the parameters. */
bool sched_attach(struct sched_core *c, struct sched_entity *e, void *owner,
		  const struct vm_sched_config *p);

/* e wants the CPU (an interrupt was made pending for it, its VM started, its
 * period was released by a timer). Nothing happens if it already is
 * runnable. Returns true when its core must reschedule now (e may preempt
 * the running entity, or the core is idle): the caller then picks before
 * returning to the guest (or kicks e's core). */
bool sched_wake(struct sched_entity *e, uint64_t now);

/* e no longer wants the CPU (guest WFI with nothing pending, CPU_OFF, VM
 * stopped). Nothing happens if it already is blocked. Returns true when e
 * was the running entity, so that the caller must pick another; from then
 * on the core counts as idle (c->current = NULL) until that pick. */
bool sched_block(struct sched_entity *e, uint64_t now);

/* The running entity gives up the rest of its turn but stays runnable
 * (a guest yield hint, if one is ever trapped). Always requires a pick.
 * (Not "sched_yield": that is POSIX's, which the host tests' libc has.) */
void sched_yield_current(struct sched_core *c, uint64_t now);

/* The Hyp timer reached the event time of the last pick. Returns true when
 * the caller must pick again (almost always). */
bool sched_tick(struct sched_core *c, uint64_t now);

/* Choose what core c runs from now: the entity (the caller switches to its
 * vCPU if it is not the one running) or NULL (idle: wait in WFI until an
 * interrupt). *next_event is when sched_tick must run at the latest
 * (program the Hyp timer for it) or SCHED_NEVER (disable the timer). Clears
 * c->resched. Counts dispatches and preemptions. */
struct sched_entity *sched_pick(struct sched_core *c, uint64_t now, uint64_t *next_event);

/* Has a call since the last pick asked for a new pick? (The arch checks
 * this on the exit path, so handlers only mark and one place switches.) */
static inline bool sched_need_resched(const struct sched_core *c)
{
	return c->resched;
}

/* Bench hook: drive a scratch core (static, not any real core's) with policy
 * ops and CONFIG_MAX_VCPUS_PER_PCPU CPU-bound entities through `rounds`
 * timer events (sched_tick + sched_pick each, as on a Hyp timer interrupt).
 * Returns the number of picks that switched entity. A bench guest path
 * (hypercall) measures cycles or instructions around it and divides by
 * rounds: the cost of one scheduling decision with a full core. */
uint32_t sched_bench_run(const struct sched_ops *ops, uint32_t rounds);

/* --- Helpers for policies (src/core/sched.c) ------------------------------- */

/* Ready queue (c->head), FIFO. Insert e after every queued entity for which
 * before_e(queued, e) is true: FIFO among equals when before_e is "priority
 * >= ". O(entities). */
void sched_queue_insert(struct sched_core *c, struct sched_entity *e,
			bool (*before_e)(const struct sched_entity *q, const struct sched_entity *e));
/* Remove e from the ready queue if it is there. O(entities). */
void sched_queue_remove(struct sched_core *c, struct sched_entity *e);

#endif /* SHIKIRI_SCHED_H */

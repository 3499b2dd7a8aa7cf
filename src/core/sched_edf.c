// SPDX-License-Identifier: MIT
/*
 * Earliest deadline first with a budget per period (Kconfig SCHED_EDF,
 * scheduler = "edf"): each VM is a server with period P (= relative
 * deadline) and budget Q <= P, in the manner of a hard constant-bandwidth
 * server (Abeni & Buttazzo's CBS with hard reservations).
 *
 * - A period is the window [deadline - P, deadline). In it the entity may
 *   run for Q; when Q is used up while it is still runnable, that is an
 *   OVERRUN (counted once per period) and the entity is throttled: it does
 *   not run again before its deadline, whatever its state.
 * - At its deadline a runnable entity gets the next window at once (deadline
 *   += P, budget Q; if it is more than a whole period late, the window
 *   restarts at now), so a CPU-bound VM runs periodically.
 * - DEBT: time charged past the budget (e->overdraft: a late budget event,
 *   hypervisor work for the entity that ran over the end) is taken out of
 *   the next windows' budgets, up to Q per window (new_window). An
 *   overrunning VM pays for its overrun itself; without this, a window
 *   restarted "now" after a long overrun would hand it a full budget and
 *   an early deadline again and again, and its neighbours would starve.
 * - A DEADLINE MISS is counted when a window ends while the entity is
 *   runnable and still has budget left: it wanted CPU time it was entitled
 *   to and EDF did not give it in time. This is exactly the event the
 *   schedulability theorem excludes: with sum(Q/P) <= 1 on the core
 *   (the generator refuses more), no entity ever misses. A throttled
 *   entity at its deadline had its share: an overrun, not a miss.
 * - Blocking keeps the window and what is left of the budget. On a wake-up
 *   the CBS rule decides: if the window has ended, or the remaining budget
 *   cannot be spent before the deadline at the VM's own bandwidth
 *   (remaining * P > (deadline - now) * Q), a new window starts now with a
 *   full budget. So a VM that sleeps can never gather more than its
 *   bandwidth, and the others' guarantees hold however it behaves.
 * - Among runnable, unthrottled entities the earliest deadline runs; on a
 *   tie the running one continues, else the first in run-list order.
 * - yield gives up the rest of this window's budget without an overrun.
 *
 * Events: the running entity's budget exhaustion (now + remaining) and the
 * deadline of every runnable entity (window end: release or miss check).
 * Blocked entities need none: their windows are settled when they wake.
 *
 * Parameters are limited to P < 2^32 ticks (about 68 s at 62.5 MHz), so the
 * CBS products stay within 64 bits without a division.
 */
#include "sched.h"

static void edf_init(struct sched_core *c)
{
	UNUSED(c);
}

static bool edf_allocate(struct sched_core *c, struct sched_entity *e,
			 const struct vm_sched_config *p)
{
	if (p->period_us == 0u || p->budget_us == 0u || p->budget_us > p->period_us)
		return false;
	e->period = sched_us_to_ticks(p->period_us, c->cntfrq);
	e->budget = sched_us_to_ticks(p->budget_us, c->cntfrq);
	if (e->period > UINT32_MAX || e->budget > e->period)
		return false;
	e->deadline = 0; /* the first wake-up opens the first window */
	e->remaining = 0;
	return true;
}

/*
 * A new window [start, start + P). Its budget is Q less the debt, the time
 * this entity ran past its budgets before (overdraft: the core noticed an
 * exhaustion late, or hypervisor work for it ran over the end): at most Q
 * of the debt is paid per window, and a window the debt takes whole is
 * spent throttled (not an overrun, not a miss). So an entity that keeps
 * overrunning gets no more than Q per P in the long run, and its
 * neighbours' windows are never shortened by it. O(1), no division: a
 * debt of k budgets takes k window ends, one event each.
 */
static void new_window(struct sched_entity *e, uint64_t start)
{
	uint64_t pay = e->overdraft < e->budget ? e->overdraft : e->budget;

	e->deadline = sched_add(start, e->period);
	e->overdraft -= pay;
	e->remaining = e->budget - pay;
	e->throttled = e->remaining == 0u;
}

/* Budget exhaustion and window end up to now, for a runnable entity. O(1). */
static void edf_settle(struct sched_entity *e, uint64_t now)
{
	if (e->remaining == 0u && !e->throttled) {
		e->throttled = true;
		if (e->overruns != UINT32_MAX)
			e->overruns++;
	}
	if (now < e->deadline)
		return;
	if (e->remaining != 0u && !e->throttled && e->misses != UINT32_MAX)
		e->misses++;
	/* Next window right after this one; restart at now when more than a
	 * whole period late (no catching up in a loop). */
	new_window(e, sched_sub(now, e->deadline) >= e->period ? now : e->deadline);
}

static bool edf_enqueue(struct sched_core *c, struct sched_entity *e, uint64_t now)
{
	const struct sched_entity *cur = c->current;

	if (now >= e->deadline) {
		new_window(e, now);
	} else {
		uint64_t left = e->deadline - now;

		if (left > e->period)
			left = e->period;
		/* P, Q, remaining, left < 2^32: both products fit in 64 bits. */
		if (e->remaining * e->period > left * e->budget)
			new_window(e, now);
	}
	if (e->remaining == 0u)
		return false; /* throttled until its deadline */
	return cur == NULL || !cur->runnable || cur->remaining == 0u ||
	       e->deadline < cur->deadline;
}

static void edf_block(struct sched_core *c, struct sched_entity *e, uint64_t now)
{
	UNUSED(c);
	UNUSED(e);
	UNUSED(now); /* the window and the remaining budget are kept */
}

static void edf_yield(struct sched_core *c, struct sched_entity *e, uint64_t now)
{
	UNUSED(c);
	UNUSED(now);
	e->remaining = 0;
	e->throttled = true; /* done for this window: not an overrun */
}

static struct sched_entity *edf_schedule(struct sched_core *c, uint64_t now, uint64_t *next_event)
{
	struct sched_entity *best = NULL;
	uint64_t ev = SCHED_NEVER;

	/* One pass: settle each runnable entity, then consider it. */
	for (uint32_t i = 0; i < c->nr; i++) {
		struct sched_entity *e = c->ent[i];

		SCHED_STEP();
		if (!e->runnable)
			continue;
		edf_settle(e, now);
		if (e->deadline < ev)
			ev = e->deadline;
		if (e->remaining == 0u)
			continue;
		if (best == NULL || e->deadline < best->deadline ||
		    (e->deadline == best->deadline && e == c->current))
			best = e;
	}
	if (best != NULL && sched_add(now, best->remaining) < ev)
		ev = sched_add(now, best->remaining);
	*next_event = ev;
	return best;
}

static bool edf_timer(struct sched_core *c, uint64_t now)
{
	UNUSED(c);
	UNUSED(now);
	return true; /* edf_schedule settles budgets and windows */
}

const struct sched_ops sched_edf_ops = {
	.name = "edf",
	.init = edf_init,
	.allocate = edf_allocate,
	.enqueue = edf_enqueue,
	.block = edf_block,
	.yield = edf_yield,
	.schedule = edf_schedule,
	.timer = edf_timer,
};

// SPDX-License-Identifier: MIT
/*
 * Round robin (Kconfig SCHED_RR, scheduler = "rr").
 *
 * Runnable entities take turns in FIFO order; each turn lasts at most the
 * VM's time slice (sched-slice-us), so CPU-bound VMs share the core in
 * proportion to their slices (equally when the slices are equal). A turn
 * ends early when the entity blocks or yields; a woken entity joins the
 * tail with a full slice. Priorities are ignored.
 *
 * State: the core's ready queue (c->head), head = the one running;
 * e->budget = the slice in ticks, e->remaining = what is left of the turn
 * (the glue charges it), less the debt of turns that ran past their end
 * (e->overdraft, rr_refill). An entity alone on the core gets no timer event:
 * its slice keeps draining, so when another wakes the lone one has used up
 * its turn and the newcomer runs at once (enqueue asks for a pick).
 */
#include "sched.h"

/* A fresh turn: the slice less the debt of turns that ran past their end
 * (e->overdraft), keeping at least one tick so that the queue always
 * rotates in one step; the rest of the debt waits for the next turns. */
static void rr_refill(struct sched_entity *e)
{
	uint64_t pay = e->overdraft < e->budget ? e->overdraft : e->budget - 1u;

	e->overdraft -= pay;
	e->remaining = e->budget - pay;
}

static bool rr_behind_all(const struct sched_entity *q, const struct sched_entity *e)
{
	UNUSED(q);
	UNUSED(e);
	return true;
}

static void rr_init(struct sched_core *c)
{
	c->head = NULL;
}

static bool rr_allocate(struct sched_core *c, struct sched_entity *e,
			const struct vm_sched_config *p)
{
	if (p->slice_us == 0u)
		return false;
	e->budget = sched_us_to_ticks(p->slice_us, c->cntfrq);
	return true;
}

static bool rr_enqueue(struct sched_core *c, struct sched_entity *e, uint64_t now)
{
	const struct sched_entity *cur = c->current;

	UNUSED(now);
	/* A runner that was alone took nobody's time: no debt from that (its
	 * slice, used up, still ends its turn at once). */
	if (c->head != NULL && c->head->next == NULL)
		c->head->overdraft = 0;
	rr_refill(e);
	sched_queue_insert(c, e, rr_behind_all);
	/* Idle, or the runner was alone (no slice event programmed). */
	return cur == NULL || !cur->runnable || c->head->next == e;
}

static void rr_block(struct sched_core *c, struct sched_entity *e, uint64_t now)
{
	UNUSED(now);
	if (c->head == e && e->next == NULL)
		e->overdraft = 0; /* alone: it took nobody's time */
	sched_queue_remove(c, e);
}

static void rr_yield(struct sched_core *c, struct sched_entity *e, uint64_t now)
{
	UNUSED(now);
	rr_refill(e);
	sched_queue_insert(c, e, rr_behind_all);
}

static struct sched_entity *rr_schedule(struct sched_core *c, uint64_t now, uint64_t *next_event)
{
	struct sched_entity *h = c->head;

	if (h != NULL && h->remaining == 0u && h->next != NULL) {
		/* Turn over: to the tail with a fresh slice (queued entities other
		 * than the head always hold at least a tick, so one rotation is
		 * enough). */
		rr_refill(h);
		sched_queue_insert(c, h, rr_behind_all);
		h = c->head;
	}
	if (h == NULL || h->next == NULL) {
		*next_event = SCHED_NEVER; /* idle or alone: nothing to rotate */
		return h;
	}
	if (h->remaining == 0u)
		rr_refill(h);
	*next_event = sched_add(now, h->remaining);
	return h;
}

static bool rr_timer(struct sched_core *c, uint64_t now)
{
	UNUSED(c);
	UNUSED(now);
	return true; /* the slice event: rr_schedule rotates */
}

const struct sched_ops sched_rr_ops = {
	.name = "rr",
	.init = rr_init,
	.allocate = rr_allocate,
	.enqueue = rr_enqueue,
	.block = rr_block,
	.yield = rr_yield,
	.schedule = rr_schedule,
	.timer = rr_timer,
};

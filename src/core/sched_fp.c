// SPDX-License-Identifier: MIT
/*
 * Fixed-priority preemptive scheduling (Kconfig SCHED_FP, scheduler = "fp").
 *
 * Each VM has a priority 1..255 (larger runs first). The runnable entity
 * with the highest priority runs until it blocks, yields or a higher one
 * wakes; among equal priorities the order is FIFO (POSIX SCHED_FIFO): a
 * woken or yielding entity goes behind the others of its priority, and one
 * that is preempted stays at the head of its priority. No time slicing, so
 * this policy never asks for a timer event (a lone runner costs nothing).
 *
 * State: the core's ready queue (c->head), sorted by priority, highest
 * first; the running entity is its head.
 */
#include "sched.h"

/* Queue order: q stays ahead of e when its priority is at least e's. */
static bool fp_before(const struct sched_entity *q, const struct sched_entity *e)
{
	return q->priority >= e->priority;
}

static void fp_init(struct sched_core *c)
{
	c->head = NULL;
}

static bool fp_allocate(struct sched_core *c, struct sched_entity *e,
			const struct vm_sched_config *p)
{
	UNUSED(c);
	if (p->priority < 1u || p->priority > 255u)
		return false;
	e->priority = p->priority;
	return true;
}

static bool fp_enqueue(struct sched_core *c, struct sched_entity *e, uint64_t now)
{
	const struct sched_entity *cur = c->current;

	UNUSED(now);
	sched_queue_insert(c, e, fp_before);
	return cur == NULL || !cur->runnable || e->priority > cur->priority;
}

static void fp_block(struct sched_core *c, struct sched_entity *e, uint64_t now)
{
	UNUSED(now);
	sched_queue_remove(c, e);
}

static void fp_yield(struct sched_core *c, struct sched_entity *e, uint64_t now)
{
	UNUSED(now);
	sched_queue_insert(c, e, fp_before); /* behind its equals */
}

static struct sched_entity *fp_schedule(struct sched_core *c, uint64_t now, uint64_t *next_event)
{
	UNUSED(now);
	*next_event = SCHED_NEVER;
	return c->head;
}

static bool fp_timer(struct sched_core *c, uint64_t now)
{
	UNUSED(c);
	UNUSED(now);
	return false; /* fp programs no event */
}

const struct sched_ops sched_fp_ops = {
	.name = "fp",
	.init = fp_init,
	.allocate = fp_allocate,
	.enqueue = fp_enqueue,
	.block = fp_block,
	.yield = fp_yield,
	.schedule = fp_schedule,
	.timer = fp_timer,
};

// SPDX-License-Identifier: MIT
/*
 * Core-level scheduling glue (sched.h): the registry of built-in policies,
 * time accounting, counters, and the ready-queue helpers policies share.
 * Policies live in sched_<name>.c; nothing here knows any of them by name.
 */
#include "sched.h"

#ifdef SCHED_COUNT_STEPS
uint32_t sched_steps;
#endif

/*
 * The Makefile passes SCHED_BUILTIN = "SCHED(fp) SCHED(edf) ..." for the
 * policies Kconfig enables (one per src/core/sched_<name>.c whose
 * CONFIG_SCHED_<NAME> is y), so adding a policy edits no table here.
 */
#ifndef SCHED_BUILTIN
#define SCHED_BUILTIN
#endif

#define SCHED(n) extern const struct sched_ops sched_##n##_ops;
SCHED_BUILTIN
#undef SCHED

#define SCHED(n) &sched_##n##_ops,
static const struct sched_ops *const sched_builtin[] = {SCHED_BUILTIN NULL};
#undef SCHED

static bool str_eq(const char *a, const char *b)
{
	/* Names are short; 32 bounds the walk even for an unterminated one. */
	for (uint32_t i = 0; i < 32u; i++) {
		if (a[i] != b[i])
			return false;
		if (a[i] == '\0')
			return true;
	}
	return false;
}

const struct sched_ops *sched_ops_by_name(const char *name)
{
	if (name == NULL)
		return NULL;
	for (uint32_t i = 0; sched_builtin[i] != NULL; i++) {
		if (str_eq(sched_builtin[i]->name, name))
			return sched_builtin[i];
	}
	return NULL;
}

uint64_t sched_us_to_ticks(uint32_t us, uint32_t cntfrq)
{
	/* (2^32 - 1)^2 + 999999 < 2^64: no overflow. */
	return ((uint64_t)us * cntfrq + 999999u) / 1000000u;
}

static void count(uint32_t *n)
{
	if (*n != UINT32_MAX)
		(*n)++;
}

/* Time never goes back: a `now` older than one already seen is taken as the
 * newest seen, so a caller's stale reading costs nothing but precision. */
static uint64_t clock_now(struct sched_core *c, uint64_t now)
{
	if (now < c->last_now)
		return c->last_now;
	c->last_now = now;
	return now;
}

/* Charge the time since the last accounting to the running entity. */
static void charge(struct sched_core *c, uint64_t now)
{
	struct sched_entity *e = c->current;
	uint64_t d = sched_sub(now, c->since);

	c->since = now;
	if (e == NULL)
		return;
	e->runtime = sched_add(e->runtime, d);
	/* Past its remaining budget or slice: the excess is a debt the policy
	 * collects from later budgets (edf, rr), not forgiven. */
	if (d > e->remaining) {
		e->overdraft = sched_add(e->overdraft, d - e->remaining);
		e->remaining = 0;
	} else {
		e->remaining -= d;
	}
}

bool sched_core_init(struct sched_core *c, const struct sched_ops *ops, uint32_t cntfrq)
{
	if (c == NULL || ops == NULL || cntfrq == 0u || ops->init == NULL ||
	    ops->allocate == NULL || ops->enqueue == NULL || ops->block == NULL ||
	    ops->yield == NULL || ops->schedule == NULL || ops->timer == NULL)
		return false;
	*c = (struct sched_core){.ops = ops, .cntfrq = cntfrq};
	ops->init(c);
	return true;
}

bool sched_attach(struct sched_core *c, struct sched_entity *e, void *owner,
		  const struct vm_sched_config *p)
{
	if (c == NULL || c->ops == NULL || e == NULL || p == NULL ||
	    c->nr >= CONFIG_MAX_VCPUS_PER_PCPU)
		return false;
	*e = (struct sched_entity){.core = c, .owner = owner, .index = (uint8_t)c->nr};
	if (!c->ops->allocate(c, e, p)) {
		e->core = NULL;
		return false;
	}
	c->ent[c->nr++] = e;
	return true;
}

bool sched_wake(struct sched_entity *e, uint64_t now)
{
	struct sched_core *c = e != NULL ? e->core : NULL;
	bool preempt;

	if (c == NULL || e->runnable)
		return false;
	now = clock_now(c, now);
	charge(c, now);
	e->runnable = true;
	preempt = c->ops->enqueue(c, e, now) || c->current == NULL;
	if (preempt)
		c->resched = true;
	return preempt;
}

bool sched_block(struct sched_entity *e, uint64_t now)
{
	struct sched_core *c = e != NULL ? e->core : NULL;

	if (c == NULL || !e->runnable)
		return false;
	now = clock_now(c, now);
	charge(c, now);
	e->runnable = false;
	c->ops->block(c, e, now);
	if (c->current != e)
		return false;
	/* It stops running now: nothing more is charged to it, and the core
	 * counts as idle until the caller's pick. */
	c->current = NULL;
	c->resched = true;
	return true;
}

void sched_yield_current(struct sched_core *c, uint64_t now)
{
	struct sched_entity *e = c->current;

	if (e == NULL || !e->runnable)
		return;
	now = clock_now(c, now);
	charge(c, now);
	c->ops->yield(c, e, now);
	c->resched = true;
}

bool sched_tick(struct sched_core *c, uint64_t now)
{
	now = clock_now(c, now);
	charge(c, now);
	if (c->ops->timer(c, now))
		c->resched = true;
	return c->resched;
}

struct sched_entity *sched_pick(struct sched_core *c, uint64_t now, uint64_t *next_event)
{
	struct sched_entity *prev = c->current;
	struct sched_entity *e;

	now = clock_now(c, now);
	charge(c, now);
	*next_event = SCHED_NEVER;
	e = c->ops->schedule(c, now, next_event);
	if (e != NULL && !e->runnable)
		e = NULL; /* a policy bug must not run a blocked vCPU */
	if (e != prev) {
		if (e != NULL)
			count(&e->dispatches);
		if (prev != NULL && prev->runnable)
			count(&prev->preemptions);
	}
	c->current = e;
	c->since = now;
	c->resched = false;
	count(&c->picks);
	if (*next_event < now)
		*next_event = now;
	return e;
}

void sched_queue_remove(struct sched_core *c, struct sched_entity *e)
{
	struct sched_entity **pp = &c->head;

	for (uint32_t n = 0; *pp != NULL && n < CONFIG_MAX_VCPUS_PER_PCPU; n++) {
		SCHED_STEP();
		if (*pp == e) {
			*pp = e->next;
			break;
		}
		pp = &(*pp)->next;
	}
	e->next = NULL;
}

void sched_queue_insert(struct sched_core *c, struct sched_entity *e,
			bool (*before_e)(const struct sched_entity *q, const struct sched_entity *e))
{
	struct sched_entity **pp = &c->head;

	sched_queue_remove(c, e); /* never twice in the queue */
	for (uint32_t n = 0; *pp != NULL && n < CONFIG_MAX_VCPUS_PER_PCPU; n++) {
		SCHED_STEP();
		if (!before_e(*pp, e))
			break;
		pp = &(*pp)->next;
	}
	e->next = *pp;
	*pp = e;
}

uint32_t sched_bench_run(const struct sched_ops *ops, uint32_t rounds)
{
	/* Parameters every built-in policy accepts; EDF: utilisation 1. */
	static const struct vm_sched_config p = {.priority = 10,
						 .period_us = 1000u * CONFIG_MAX_VCPUS_PER_PCPU,
						 .budget_us = 1000,
						 .slice_us = 1000};
	static struct sched_core bc;
	static struct sched_entity be[CONFIG_MAX_VCPUS_PER_PCPU];
	uint64_t now = 0, ev = SCHED_NEVER;
	uint32_t switches = 0;
	const struct sched_entity *cur;

	if (!sched_core_init(&bc, ops, 1000000u))
		return 0;
	for (uint32_t i = 0; i < CONFIG_MAX_VCPUS_PER_PCPU; i++) {
		if (!sched_attach(&bc, &be[i], NULL, &p))
			return 0;
		sched_wake(&be[i], 0);
	}
	cur = sched_pick(&bc, now, &ev);
	for (uint32_t r = 0; r < rounds; r++) {
		/* Next event, or a yield-sized step for fp (which sets none). */
		now = ev != SCHED_NEVER ? ev : now + 1000u;
		sched_tick(&bc, now);
		if (ev == SCHED_NEVER)
			sched_yield_current(&bc, now);
		const struct sched_entity *next = sched_pick(&bc, now, &ev);
		switches += next != cur;
		cur = next;
	}
	return switches;
}

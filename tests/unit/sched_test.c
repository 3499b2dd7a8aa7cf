// SPDX-License-Identifier: MIT
/*
 * Host unit test of the schedulers (src/core/sched*.c) with a fake clock:
 * scripted wake/block/yield/tick sequences with the expected pick and next
 * event, and long simulations of guests (CPU-bound or periodic) driven the
 * way the arch drives a core: pick, program the event, run until the event
 * or a guest's own action, tick, pick again.
 *
 * The clock runs at 1 MHz (1 tick = 1 us) unless a test says otherwise, so
 * the parameters read as ticks.
 */
#include <stdio.h>
#include <string.h>

#include "sched.h"

#ifdef SCHED_DOC_EXAMPLE
extern const struct sched_ops sched_order_ops;
#endif

static int failures;
static struct sched_core core;
static struct sched_entity ent[CONFIG_MAX_VCPUS_PER_PCPU];
#define A (&ent[0])
#define B (&ent[1])
#define C (&ent[2])

static void check(const char *name, int ok)
{
	printf("%s unit/sched/%s\n", ok ? "PASS" : "FAIL", name);
	failures += !ok;
}

/* A core with policy ops and n entities with parameters p[i]; all blocked. */
static int setup(const struct sched_ops *ops, uint32_t n, const struct vm_sched_config *p)
{
	if (!sched_core_init(&core, ops, 1000000u))
		return 0;
	for (uint32_t i = 0; i < n; i++) {
		if (!sched_attach(&core, &ent[i], &ent[i], &p[i]))
			return 0;
	}
	return 1;
}

static struct sched_entity *pick(uint64_t now, uint64_t *ev)
{
	return sched_pick(&core, now, ev);
}

/* --- Registry, attach, conversion ------------------------------------------ */

static void test_registry(void)
{
	struct vm_sched_config p = {.priority = 1};

	/* The generator's contract: scheduler = "<name>" is &sched_<name>_ops. */
	check("registry_names", strcmp(sched_fp_ops.name, "fp") == 0 &&
					strcmp(sched_edf_ops.name, "edf") == 0 &&
					strcmp(sched_rr_ops.name, "rr") == 0);
	check("registry_by_name", sched_ops_by_name("fp") == &sched_fp_ops &&
					  sched_ops_by_name("edf") == &sched_edf_ops &&
					  sched_ops_by_name("rr") == &sched_rr_ops &&
					  sched_ops_by_name("r") == NULL &&
					  sched_ops_by_name("rrr") == NULL &&
					  sched_ops_by_name("") == NULL && sched_ops_by_name(NULL) == NULL);
	check("init_refuses", !sched_core_init(&core, &sched_fp_ops, 0) &&
				      !sched_core_init(&core, NULL, 1000000u) &&
				      !sched_core_init(NULL, &sched_fp_ops, 1000000u));
	/* A full core refuses one more. */
	int ok = sched_core_init(&core, &sched_fp_ops, 1000000u);
	for (uint32_t i = 0; i < CONFIG_MAX_VCPUS_PER_PCPU; i++)
		ok = ok && sched_attach(&core, &ent[i], NULL, &p);
	struct sched_entity extra = {0};
	ok = ok && !sched_attach(&core, &extra, NULL, &p) && extra.core == NULL;
	check("attach_full_core", ok && core.nr == CONFIG_MAX_VCPUS_PER_PCPU);
	/* Uninitialised core, missing parameters. */
	struct sched_core blank = {0};
	check("attach_refuses", !sched_attach(&blank, &extra, NULL, &p) &&
					!sched_attach(&core, &extra, NULL, NULL));
	/* A detached entity is ignored by wake/block. */
	struct sched_entity loose = {0};
	check("loose_entity", !sched_wake(&loose, 5) && !sched_block(&loose, 5) &&
				      !sched_wake(NULL, 5) && !sched_block(NULL, 5));
}

static void test_conversion(void)
{
	check("us_to_ticks", sched_us_to_ticks(1000, 62500000u) == 62500u &&
				     sched_us_to_ticks(1, 62500000u) == 63u && /* rounded up */
				     sched_us_to_ticks(0, 62500000u) == 0u &&
				     sched_us_to_ticks(7, 1000000u) == 7u &&
				     sched_us_to_ticks(UINT32_MAX, UINT32_MAX) ==
					     ((uint64_t)UINT32_MAX * UINT32_MAX + 999999u) / 1000000u);
	/* EDF at 62.5 MHz: 1 ms / 250 us -> 62500 / 15625 ticks. */
	struct vm_sched_config p = {.period_us = 1000, .budget_us = 250};
	int ok = sched_core_init(&core, &sched_edf_ops, 62500000u) &&
		 sched_attach(&core, A, A, &p);
	check("edf_ticks", ok && A->period == 62500u && A->budget == 15625u);
	/* A period of 2^32 ticks or more is refused (CBS products in 64 bits). */
	struct vm_sched_config huge = {.period_us = 100000000u, .budget_us = 1};
	check("edf_period_limit", sched_core_init(&core, &sched_edf_ops, 62500000u) &&
					  !sched_attach(&core, A, A, &huge));
}

/* --- Fixed priority -------------------------------------------------------- */

static void test_fp(void)
{
	const struct vm_sched_config p[] = {{.priority = 10}, {.priority = 20}, {.priority = 10}};
	uint64_t ev = 0;
	int ok;

	struct vm_sched_config bad0 = {.priority = 0}, bad256 = {.priority = 256};
	check("fp_priority_range", sched_core_init(&core, &sched_fp_ops, 1000000u) &&
					   !sched_attach(&core, A, A, &bad0) &&
					   !sched_attach(&core, A, A, &bad256));

	/* Idle core. */
	ok = setup(&sched_fp_ops, 3, p);
	check("fp_idle", ok && pick(0, &ev) == NULL && ev == SCHED_NEVER);

	/* Low runs; a higher-priority wake preempts at once; low resumes. */
	ok = sched_wake(A, 10) && pick(10, &ev) == A && ev == SCHED_NEVER;
	ok = ok && sched_wake(B, 100) && sched_need_resched(&core);
	ok = ok && pick(100, &ev) == B && A->preemptions == 1 && B->dispatches == 1;
	/* A lower or equal wake does not preempt. */
	ok = ok && !sched_wake(C, 150) && pick(150, &ev) == B;
	ok = ok && sched_block(B, 200) && pick(200, &ev) == A;
	check("fp_preempt", ok && A->runtime == 90 + 0 && B->runtime == 100);

	/* FIFO among equals: A then C (woken in that order); a preempted A
	 * stays at the head of its priority; a yield moves it behind C. */
	ok = sched_wake(B, 300) && pick(300, &ev) == B && sched_block(B, 310);
	ok = ok && pick(310, &ev) == A;
	sched_yield_current(&core, 320);
	ok = ok && sched_need_resched(&core) && pick(320, &ev) == C;
	sched_yield_current(&core, 330);
	ok = ok && pick(330, &ev) == A;
	ok = ok && !sched_block(C, 340) && pick(340, &ev) == A; /* C was not running */
	check("fp_fifo_equal", ok);

	/* All blocked: idle, then a wake from idle asks for a pick. */
	ok = sched_block(A, 400) && pick(400, &ev) == NULL && ev == SCHED_NEVER;
	ok = ok && sched_wake(C, 500) && pick(500, &ev) == C;
	/* Waking a runnable entity or blocking a blocked one changes nothing. */
	ok = ok && !sched_wake(C, 510) && !sched_block(A, 510) && pick(510, &ev) == C;
	check("fp_idle_and_repeat", ok && C->dispatches == 2);
	/* A spurious tick changes nothing. */
	check("fp_tick_spurious", !sched_tick(&core, 600) && pick(600, &ev) == C);
}

/* --- EDF -------------------------------------------------------------------- */

static void test_edf_basic(void)
{
	const struct vm_sched_config p[] = {{.period_us = 100, .budget_us = 30},
					    {.period_us = 50, .budget_us = 10},
					    {.period_us = 200, .budget_us = 20}};
	struct vm_sched_config bad[] = {{.period_us = 0, .budget_us = 0},
					{.period_us = 10, .budget_us = 0},
					{.period_us = 10, .budget_us = 11}};
	uint64_t ev = 0;
	int ok = sched_core_init(&core, &sched_edf_ops, 1000000u);

	for (uint32_t i = 0; i < 3; i++)
		ok = ok && !sched_attach(&core, A, A, &bad[i]);
	check("edf_params_refused", ok);

	/* Deadline order: B (d=50) first, then A (d=100), then C (d=200). */
	ok = setup(&sched_edf_ops, 3, p);
	ok = ok && sched_wake(A, 0) && pick(0, &ev) == A && ev == 30;
	ok = ok && sched_wake(B, 0) && pick(0, &ev) == B && ev == 10;
	ok = ok && !sched_wake(C, 0) && pick(0, &ev) == B;
	check("edf_deadline_order", ok && A->preemptions == 1);

	/* B exhausts its budget at 10 while runnable: overrun, throttled until
	 * its deadline 50; A runs its 30 (10..40); then C (40..60): its
	 * budget of 20 ends at 60, but B's release at 50 preempts it. */
	ok = sched_tick(&core, 10) && pick(10, &ev) == A && ev == 40;
	ok = ok && B->overruns == 1 && B->throttled;
	ok = ok && sched_tick(&core, 40) && pick(40, &ev) == C && ev == 50;
	ok = ok && sched_tick(&core, 50) && pick(50, &ev) == B && ev == 60;
	ok = ok && B->deadline == 100 && B->remaining == 10 && !B->throttled;
	check("edf_throttle_replenish", ok && A->overruns == 1 && B->misses == 0);

	/* B (d=100) and A (d=100, throttled until 100): at 60 B is done and C
	 * (d=200) runs its last 10. */
	ok = sched_tick(&core, 60) && pick(60, &ev) == C && ev == 70;
	ok = ok && sched_tick(&core, 70) && pick(70, &ev) == NULL && ev == 100;
	check("edf_idle_until_release", ok && C->overruns == 1);
	check("edf_no_misses", A->misses + B->misses + C->misses == 0);
}

static void test_edf_cbs(void)
{
	const struct vm_sched_config p[] = {{.period_us = 100, .budget_us = 50}};
	uint64_t ev = 0;
	int ok;

	/* Blocks at 10 with 40 left, wakes at 20: 40 * 100 <= 80 * 50, so it
	 * keeps its window (deadline 100) and what is left. */
	ok = setup(&sched_edf_ops, 1, p) && sched_wake(A, 0) && pick(0, &ev) == A;
	ok = ok && sched_block(A, 10) && pick(10, &ev) == NULL && ev == SCHED_NEVER;
	ok = ok && sched_wake(A, 20) && A->deadline == 100 && A->remaining == 40;
	check("edf_cbs_keep", ok && pick(20, &ev) == A && ev == 60);

	/* Same, but wakes at 90: 40 left cannot be spent at bandwidth 1/2 in
	 * the 10 left: new window [90, 190) with the full budget. */
	ok = setup(&sched_edf_ops, 1, p) && sched_wake(A, 0) && pick(0, &ev) == A;
	ok = ok && sched_block(A, 10) && pick(10, &ev) == NULL;
	ok = ok && sched_wake(A, 90) && A->deadline == 190 && A->remaining == 50;
	check("edf_cbs_new_window", ok && pick(90, &ev) == A && ev == 140);

	/* Wakes after its deadline: new window at now. */
	ok = sched_block(A, 100) && sched_wake(A, 500) && A->deadline == 600 &&
	     A->remaining == 50;
	check("edf_wake_late", ok && A->misses == 0 && A->overruns == 0);

	/* A throttled entity that blocks and wakes before its deadline stays
	 * throttled: no second budget in one window. */
	ok = pick(500, &ev) == A && sched_tick(&core, 550) && pick(550, &ev) == NULL &&
	     A->overruns == 1;
	/* (Not running: block returns false; the core is idle, so the wake
	 * asks for a pick, which finds nothing to run.) */
	ok = ok && !sched_block(A, 560) && sched_wake(A, 570) && pick(570, &ev) == NULL &&
	     ev == 600;
	ok = ok && sched_tick(&core, 600) && pick(600, &ev) == A && ev == 650;
	check("edf_throttled_stays", ok);

	/* yield: done for this window, without an overrun. */
	sched_yield_current(&core, 610);
	ok = pick(610, &ev) == NULL && ev == 700 && A->overruns == 1 && A->misses == 0;
	check("edf_yield", ok);

	/* More than a whole period late (a core held up): the next window
	 * starts at now, with no catching-up loop. */
	ok = sched_tick(&core, 700) && pick(700, &ev) == A && ev == 750;
	ok = ok && sched_block(A, 710) && sched_wake(A, 720); /* keeps d=800 */
	ok = ok && pick(720, &ev) == A && ev == 760;
	/* The tick at 760 comes only at 1000 (late), with 40 left before:
	 * charged 280 -> budget used up -> overrun, then the window; the 240
	 * it ran past its budget are a debt: the new window [1000, 1100) is
	 * paid to it whole (throttled, no budget), and 190 remain. */
	ok = ok && sched_tick(&core, 1000) && pick(1000, &ev) == NULL;
	check("edf_late_tick", ok && A->overruns == 2 && A->deadline == 1100 && ev == 1100 &&
				   A->throttled && A->overdraft == 190);
	/* 1100: 50 more paid (140 left), throttled again; ... 1300: the last
	 * 40 paid, a budget of 10. No misses, no overruns for these windows. */
	ok = sched_tick(&core, 1100) && pick(1100, &ev) == NULL && A->overdraft == 140;
	ok = ok && sched_tick(&core, 1200) && pick(1200, &ev) == NULL && A->overdraft == 90;
	ok = ok && sched_tick(&core, 1300) && pick(1300, &ev) == NULL && A->overdraft == 40;
	ok = ok && sched_tick(&core, 1400) && pick(1400, &ev) == A && ev == 1410;
	check("edf_debt_paid", ok && A->overdraft == 0 && A->overruns == 2 && A->misses == 0);
}

/* --- Overruns cost the overrunning entity (debt) ------------------------------ */

static int within(uint64_t a, uint64_t b, uint32_t percent)
{
	uint64_t d = a > b ? a - b : b - a;
	uint64_t m = a > b ? a : b;

	return d * 100u <= m * percent;
}

/* A and B runnable (CPU-bound) from 0 to end. Whenever `hostile` is picked it
 * holds the core `over` ticks past the event the pick asked for (hypervisor
 * work for it that nothing preempts); everyone else runs to the event. */
static void run_hostile(const struct sched_entity *hostile, uint64_t over, uint64_t end)
{
	uint64_t now = 0, ev = SCHED_NEVER;
	const struct sched_entity *cur;

	sched_wake(A, 0);
	sched_wake(B, 0);
	cur = pick(0, &ev);
	for (uint32_t i = 0; now < end && i < 10000000u; i++) {
		uint64_t t = ev == SCHED_NEVER ? now + over : ev;

		if (cur == hostile)
			t = sched_add(t, over);
		now = t;
		sched_tick(&core, now);
		cur = pick(now, &ev);
	}
}

static void test_debt(void)
{
	/* EDF, two servers of 250 every 1000. A holds the core 1850 past its
	 * budget every time it runs (2100 in all). Forgiven, each such run
	 * ends more than a period late, A's window restarts at now with a full
	 * budget and wins the tie, and B never runs at all. With the debt, A
	 * is throttled until it has paid, and B gets the core. */
	const struct vm_sched_config p[] = {{.period_us = 1000, .budget_us = 250},
					    {.period_us = 1000, .budget_us = 250}};
	uint64_t ev = 0, end = 1000000;
	int ok = setup(&sched_edf_ops, 2, p) && sched_wake(A, 0) && sched_wake(B, 0);

	ok = ok && pick(0, &ev) == A && ev == 250;
	ok = ok && sched_tick(&core, 2100) && pick(2100, &ev) == B && ev == 2350;
	check("edf_debt_victim_runs", ok && A->throttled && A->overdraft == 1600 &&
					  A->deadline == 3100 && B->deadline == 3100);

	ok = setup(&sched_edf_ops, 2, p);
	run_hostile(A, 1850, end);
	/* A: its bandwidth (1/4) plus at most the one hold in progress. */
	check("edf_debt_share", ok && A->runtime <= end / 4 + 2100);
	/* B: its 250 in every window A's holds do not cover (at most 3 of
	 * each 2100 + 7 * 1000 ticks): well over half of its 1/4. */
	check("edf_debt_victim_share", B->runtime >= end / 8);

	/* RR, slices of 100: A runs 50 past the end of each turn. Without the
	 * debt it gets 150 for each 100 of B's (60 %); with it, equal shares. */
	const struct vm_sched_config r[] = {{.slice_us = 100}, {.slice_us = 100}};

	ok = setup(&sched_rr_ops, 2, r);
	run_hostile(A, 50, end);
	check("rr_debt_share", ok && within(A->runtime, B->runtime, 2));
}

/* --- Simulation --------------------------------------------------------------- */

enum { CPU_BOUND, PERIODIC, SLEEPER };
struct guest {
	int kind;
	uint64_t period; /* PERIODIC: job period (= its deadline); SLEEPER: sleep time */
	uint64_t work;   /* PERIODIC: per-job demand; SLEEPER: run before sleeping */
	uint64_t release; /* next job release / wake-up */
	uint64_t left;    /* demand of the current job */
	uint64_t ran;     /* measured by the simulator */
	uint32_t jobs, job_misses;
};

struct sim_result {
	uint64_t iterations;
	int bounded; /* every call stayed within the step bound */
	int events_sane; /* every next event >= now */
};

#define STEP_BOUND (2u * CONFIG_MAX_VCPUS_PER_PCPU)

static uint32_t steps_before;
static void steps_start(void)
{
	steps_before = sched_steps;
}
static int steps_ok(void)
{
	return sched_steps - steps_before <= STEP_BOUND;
}

/* Run n guests on the core from 0 to end, as the arch would. */
static struct sim_result simulate(struct guest *g, uint32_t n, uint64_t end)
{
	struct sim_result r = {0, 1, 1};
	uint64_t now = 0, ev = SCHED_NEVER;
	struct sched_entity *cur;

	for (uint32_t i = 0; i < n; i++) {
		g[i].release = 0;
		g[i].left = 0;
		if (g[i].kind == CPU_BOUND)
			sched_wake(&ent[i], 0);
	}
	for (;;) {
		/* Releases due now. */
		for (uint32_t i = 0; i < n; i++) {
			struct guest *q = &g[i];

			if (q->kind == CPU_BOUND || q->release > now)
				continue;
			if (q->kind == PERIODIC && q->left != 0)
				q->job_misses++; /* the previous job is unfinished */
			q->left = q->work;
			q->jobs++;
			q->release = now + q->period;
			steps_start();
			sched_wake(&ent[i], now);
			r.bounded &= steps_ok();
		}
		if (now >= ev) {
			steps_start();
			sched_tick(&core, now);
			r.bounded &= steps_ok();
		}
		steps_start();
		cur = pick(now, &ev);
		r.bounded &= steps_ok();
		r.events_sane &= ev >= now;
		if (now >= end || ++r.iterations > 50000000u)
			break;
		/* Run until the next event: scheduler event, a release, the
		 * running guest's job done, or the end. */
		uint64_t t = ev < end ? ev : end;
		for (uint32_t i = 0; i < n; i++) {
			if (g[i].kind != CPU_BOUND && g[i].release < t)
				t = g[i].release;
		}
		struct guest *cg = cur != NULL ? &g[cur - ent] : NULL;
		if (cg != NULL && cg->kind != CPU_BOUND && now + cg->left < t)
			t = now + cg->left;
		if (cg != NULL) {
			cg->ran += t - now;
			if (cg->kind != CPU_BOUND)
				cg->left -= t - now;
		}
		now = t;
		if (cg != NULL && cg->kind != CPU_BOUND && cg->left == 0) {
			steps_start();
			sched_block(cur, now); /* job done: WFI */
			r.bounded &= steps_ok();
		}
	}
	return r;
}

static void test_edf_sim(void)
{
	/* Utilisation 0.3 + 0.3 + 0.4 = 1: CPU-bound servers, 1000 periods of
	 * the longest: no misses, each gets exactly its budget per period. */
	const struct vm_sched_config p[] = {{.period_us = 10000, .budget_us = 3000},
					    {.period_us = 20000, .budget_us = 6000},
					    {.period_us = 50000, .budget_us = 20000}};
	struct guest g[3] = {{.kind = CPU_BOUND}, {.kind = CPU_BOUND}, {.kind = CPU_BOUND}};
	uint64_t end = 50000ull * 1000u;
	int ok = setup(&sched_edf_ops, 3, p);
	struct sim_result r = simulate(g, 3, end);

	ok = ok && A->misses + B->misses + C->misses == 0;
	ok = ok && g[0].ran == end / 10000 * 3000 && g[1].ran == end / 20000 * 6000 &&
	     g[2].ran == end / 50000 * 20000;
	ok = ok && A->runtime == g[0].ran && B->runtime == g[1].ran && C->runtime == g[2].ran;
	check("edf_sim_u1_cpu_bound", ok && r.bounded && r.events_sane);
	/* Each CPU-bound server exhausts its budget every period. */
	check("edf_sim_overruns", A->overruns == end / 10000 && B->overruns == end / 20000 &&
					  C->overruns == end / 50000);

	/* Periodic guests whose jobs fit their budgets, next to a CPU-bound
	 * one, U = 0.25 + 0.3 + 0.45 = 1: no server misses, no job misses. */
	const struct vm_sched_config q[] = {{.period_us = 4000, .budget_us = 1000},
					    {.period_us = 10000, .budget_us = 3000},
					    {.period_us = 20000, .budget_us = 9000}};
	struct guest h[3] = {{.kind = PERIODIC, .period = 4000, .work = 1000},
			     {.kind = PERIODIC, .period = 10000, .work = 2500},
			     {.kind = CPU_BOUND}};
	ok = setup(&sched_edf_ops, 3, q);
	r = simulate(h, 3, 20000ull * 1000u);
	ok = ok && A->misses + B->misses + C->misses == 0 && h[0].job_misses == 0 &&
	     h[1].job_misses == 0 && h[0].jobs >= 1000;
	check("edf_sim_u1_periodic", ok && r.bounded && r.events_sane);
	/* The CPU-bound one gets its 45 % and, the others blocking early, not
	 * more (hard reservation). */
	check("edf_sim_hard_reservation", h[2].ran == 20000ull * 1000u * 45u / 100u);

	/* Overload U = 1.2: misses are counted (the check can fail). */
	const struct vm_sched_config o[] = {{.period_us = 100, .budget_us = 60},
					    {.period_us = 100, .budget_us = 60}};
	struct guest k[2] = {{.kind = CPU_BOUND}, {.kind = CPU_BOUND}};
	ok = setup(&sched_edf_ops, 2, o);
	r = simulate(k, 2, 100000);
	check("edf_sim_overload_misses", ok && A->misses + B->misses > 0 && r.bounded);
}

static void test_rr(void)
{
	const struct vm_sched_config p[] = {{.slice_us = 100}, {.slice_us = 100}, {.slice_us = 300}};
	uint64_t ev = 0;
	int ok;

	check("rr_slice_refused",
	      sched_core_init(&core, &sched_rr_ops, 1000000u) &&
		      !sched_attach(&core, A, A, &(struct vm_sched_config){.slice_us = 0}));

	/* Alone: no slice event. A second wake asks for a pick; the lone one
	 * has used up its turn, so the newcomer runs. */
	ok = setup(&sched_rr_ops, 3, p) && sched_wake(A, 0) && pick(0, &ev) == A &&
	     ev == SCHED_NEVER;
	ok = ok && sched_wake(B, 1000) && pick(1000, &ev) == B && ev == 1100;
	/* Turns in FIFO order, each a slice long. */
	ok = ok && sched_wake(C, 1050) == false && pick(1050, &ev) == B && ev == 1100;
	ok = ok && sched_tick(&core, 1100) && pick(1100, &ev) == A && ev == 1200;
	ok = ok && sched_tick(&core, 1200) && pick(1200, &ev) == C && ev == 1500;
	ok = ok && sched_tick(&core, 1500) && pick(1500, &ev) == B && ev == 1600;
	check("rr_turns", ok);

	/* Blocking ends a turn early; yielding goes to the tail. */
	ok = sched_block(B, 1550) && pick(1550, &ev) == A && ev == 1650;
	sched_yield_current(&core, 1560);
	ok = ok && pick(1560, &ev) == C && ev == 1860;
	ok = ok && sched_block(C, 1600) && pick(1600, &ev) == A && ev == SCHED_NEVER;
	ok = ok && sched_block(A, 1700) && pick(1700, &ev) == NULL && ev == SCHED_NEVER;
	check("rr_block_yield_idle", ok);

	/* A just-woken newcomer next to a runner that still has slice left:
	 * the runner finishes its turn. */
	ok = sched_wake(A, 2000) && pick(2000, &ev) == A && sched_wake(B, 2000) &&
	     pick(2000, &ev) == A && ev == 2100;
	check("rr_runner_keeps_turn", ok);

	/* Long run: two CPU-bound VMs with equal slices and a periodic one:
	 * equal shares within 5 %. */
	struct guest g[3] = {{.kind = CPU_BOUND}, {.kind = CPU_BOUND},
			     {.kind = PERIODIC, .period = 700, .work = 90}};
	const struct vm_sched_config s[] = {{.slice_us = 250}, {.slice_us = 250}, {.slice_us = 250}};
	ok = setup(&sched_rr_ops, 3, s);
	struct sim_result r = simulate(g, 3, 10000000u);
	check("rr_equal_shares", ok && within(g[0].ran, g[1].ran, 5) && g[0].ran > 4000000u &&
					 r.bounded && r.events_sane);
	/* Shares follow the slices: 1:2. */
	const struct vm_sched_config t[] = {{.slice_us = 100}, {.slice_us = 200}};
	struct guest k[2] = {{.kind = CPU_BOUND}, {.kind = CPU_BOUND}};
	ok = setup(&sched_rr_ops, 2, t);
	r = simulate(k, 2, 3000000u);
	check("rr_shares_by_slice", ok && within(2 * k[0].ran, k[1].ran, 5) && r.bounded);
}

static void test_fp_sim(void)
{
	/* A high-priority periodic VM and a CPU-bound low one: the high one
	 * never misses, the low one gets exactly the rest. */
	const struct vm_sched_config p[] = {{.priority = 200}, {.priority = 1}};
	struct guest g[2] = {{.kind = PERIODIC, .period = 1000, .work = 300}, {.kind = CPU_BOUND}};
	int ok = setup(&sched_fp_ops, 2, p);
	struct sim_result r = simulate(g, 2, 1000000u);

	check("fp_sim_high_first", ok && g[0].job_misses == 0 && g[0].jobs == 1001 &&
					   g[0].ran == 300u * 1000u && g[1].ran == 700u * 1000u &&
					   r.bounded && B->preemptions == 1000);
}

/* --- Time edges and bounds ----------------------------------------------------- */

static void test_edges(void)
{
	const uint64_t top = UINT64_MAX - 150;
	uint64_t ev = 0;
	int ok;

	/* EDF near the end of time: deadlines and events saturate, never wrap. */
	const struct vm_sched_config e[] = {{.period_us = 100, .budget_us = 50},
					    {.period_us = 1000, .budget_us = 100}};
	ok = setup(&sched_edf_ops, 2, e) && sched_wake(A, top) && sched_wake(B, top);
	ok = ok && pick(top, &ev) == A && ev == top + 50 && A->deadline == top + 100 &&
	     B->deadline == SCHED_NEVER;
	ok = ok && sched_tick(&core, top + 50) && pick(top + 50, &ev) == B && ev == top + 100;
	/* A's next window ends at the end of time, like B's: on the tie the
	 * running B continues until its budget ends, at the end of time. */
	ok = ok && sched_tick(&core, top + 100) && pick(top + 100, &ev) == B &&
	     A->deadline == SCHED_NEVER && ev == SCHED_NEVER;
	steps_start();
	ok = ok && sched_tick(&core, UINT64_MAX);
	pick(UINT64_MAX, &ev);
	check("edf_time_edge", ok && ev == UINT64_MAX && steps_ok());

	/* Time going back is ignored: nothing is charged. */
	uint64_t rt = A->runtime + B->runtime;
	ok = !sched_tick(&core, 5) || 1;
	pick(5, &ev);
	check("edf_time_back", ok && A->runtime + B->runtime == rt && ev == UINT64_MAX);

	/* RR near the end of time. */
	const struct vm_sched_config s[] = {{.slice_us = 100}, {.slice_us = 100}};
	ok = setup(&sched_rr_ops, 2, s) && sched_wake(A, top) && sched_wake(B, top);
	ok = ok && pick(top, &ev) == A && ev == top + 100;
	ok = ok && sched_tick(&core, top + 100) && pick(top + 100, &ev) == B &&
	     ev == SCHED_NEVER;
	check("rr_time_edge", ok);

	/* Huge jumps: one call each, the same bounded work whatever the gap. */
	const struct vm_sched_config f[] = {{.period_us = 7, .budget_us = 3},
					    {.period_us = 11, .budget_us = 2},
					    {.period_us = 13, .budget_us = 5},
					    {.period_us = 1, .budget_us = 1}};
	const uint64_t jumps[] = {0, 1, 1000, 1ull << 32, 1ull << 62, UINT64_MAX / 2, 3};
	ok = setup(&sched_edf_ops, 4, f);
	uint64_t now = 0;
	uint32_t worst = 0;
	for (uint32_t i = 0; i < 4; i++)
		sched_wake(&ent[i], 0);
	for (uint32_t i = 0; i < ARRAY_SIZE(jumps) * 3; i++) {
		now = sched_add(now, jumps[i % ARRAY_SIZE(jumps)]);
		uint32_t s0 = sched_steps;
		sched_tick(&core, now);
		pick(now, &ev);
		sched_block(&ent[i % 4], now);
		sched_wake(&ent[i % 4], now);
		if (sched_steps - s0 > worst)
			worst = sched_steps - s0;
		ok = ok && ev >= now;
	}
	check("edf_bounded_jumps", ok && worst <= 2 * STEP_BOUND);
}

/* The bench hook runs every policy with a full core; every fp round is a
 * yield among equals and every rr round a slice end, so each switches. */
static void test_bench(void)
{
	uint32_t s0 = sched_steps;
	uint32_t fp = sched_bench_run(&sched_fp_ops, 1000);
	uint32_t rr = sched_bench_run(&sched_rr_ops, 1000);
	uint32_t edf = sched_bench_run(&sched_edf_ops, 1000);

	check("bench_hook", fp == 1000 && rr == 1000 && edf > 500 &&
				    sched_bench_run(NULL, 10) == 0 &&
				    sched_steps - s0 <= 3u * 1000u * 3u * STEP_BOUND);
}

#ifdef SCHED_DOC_EXAMPLE
/* The worked example of docs/scheduling.md, compiled out of the doc. */
static void test_doc_example(void)
{
	const struct vm_sched_config p[3] = {{0}};
	uint64_t ev = 0;
	int ok = setup(&sched_order_ops, 3, p) && sched_ops_by_name("order") == &sched_order_ops;

	ok = ok && sched_wake(B, 0) && pick(0, &ev) == B && ev == SCHED_NEVER;
	ok = ok && sched_wake(A, 10) && pick(10, &ev) == A && B->preemptions == 1;
	ok = ok && !sched_wake(C, 20) && pick(20, &ev) == A;
	ok = ok && sched_block(A, 30) && pick(30, &ev) == B;
	check("doc_example_order", ok);
	struct guest g[2] = {{.kind = PERIODIC, .period = 100, .work = 10}, {.kind = CPU_BOUND}};
	ok = setup(&sched_order_ops, 2, p);
	struct sim_result r = simulate(g, 2, 100000);
	check("doc_example_sim", ok && g[0].job_misses == 0 && g[1].ran == 90000 && r.bounded);
}
#endif

int main(void)
{
	test_registry();
	test_conversion();
	test_fp();
	test_fp_sim();
	test_edf_basic();
	test_edf_cbs();
	test_edf_sim();
	test_rr();
	test_debt();
	test_edges();
	test_bench();
#ifdef SCHED_DOC_EXAMPLE
	test_doc_example();
#endif
	return failures ? 1 : 0;
}

// SPDX-License-Identifier: MIT
/*
 * The run loop of shared cores (run_loop.h). Handlers only mark what changed
 * (sched_wake, sched_block, a timer tick set the scheduler's resched flag);
 * the one switch point is run_loop_exit() on the way back to the guest,
 * which picks, saves the outgoing vCPU and restores the incoming one into
 * the core's trap frame, or idles in WFI inside the hypervisor.
 */
#include "console.h"
#include "htimer.h"
#include "pcpu.h"
#include "run_loop.h"
#include "sched.h"
#include "vm.h"
#include "arch/cpu.h"

/* Interrupts handled per wake-up of an idle core before it looks again. */
#define IDLE_IRQS_MAX 16u

static struct vcpu *core_vcpu(const struct pcpu *c, uint32_t i)
{
	const struct pcpu_vcpu *pv = &pcpu_configs[c->id].vcpus[i];

	return &vms[pv->vm].vcpus[pv->vcpu];
}

static uint32_t core_nr_vcpus(const struct pcpu *c)
{
	uint32_t n = pcpu_configs[c->id].nr_vcpus;

	return n < CONFIG_MAX_VCPUS_PER_PCPU ? n : CONFIG_MAX_VCPUS_PER_PCPU;
}

COLD void run_loop_init(void)
{
	uint32_t hz = cpu_arch_counter_hz();

	for (uint32_t n = 0; n < CONFIG_NR_CPUS; n++) {
		struct pcpu *c = &pcpus[n];
		const struct pcpu_config *pc = &pcpu_configs[n];
		const struct sched_ops *ops;

		if (!pc->sched_ops)
			continue; /* dedicated */
		c->id = n;
		c->shared = true;
		c->vcpu = NULL; /* none runs until the core picks one */
		c->own = NULL;  /* not one vCPU's */
		ops = pc->sched_ops;
		if (!sched_core_init(&c->sched, ops, hz))
			panic("core %u: scheduler %s refused the core", n, ops->name);
		for (uint32_t i = 0; i < core_nr_vcpus(c); i++) {
			struct vcpu *v = core_vcpu(c, i);

			if (!sched_attach(&c->sched, &v->se, v, &v->vm->cfg->sched))
				panic("core %u: vm %s: scheduling parameters refused by %s", n,
				      v->vm->cfg->name, ops->name);
		}
	}
}

/* The Hyp timer: the scheduler's next event, or the earliest timer of a
 * blocked vCPU (it must wake when its guest timer fires). */
static void program_timer(struct pcpu *c, uint64_t next_event)
{
	uint64_t t = next_event;

	for (uint32_t i = 0; i < core_nr_vcpus(c); i++) {
		const struct vcpu *v = core_vcpu(c, i);
		uint64_t due;

		if (v == c->vcpu || v->state != VCPU_ON || v->se.runnable)
			continue;
		due = vcpu_arch_timer_due(v);
		if (due < t)
			t = due;
	}
	htimer_set(HTIMER_SCHED, t);
}

/* Wait for interrupts with nothing to run, also when no vCPU of the core is
 * on any more: the core stays up, and a CPU_ON kicks it. */
static void idle(struct pcpu *c)
{
	cpu_arch_wait_irq(IDLE_IRQS_MAX);
	sched_run_kicked(c);
}

/* Pick until something runs: on return c->vcpu's registers are in f. */
static void reschedule(struct pcpu *c, struct trap_frame *f)
{
	for (;;) {
		uint64_t ev;
		struct sched_entity *e = sched_pick(&c->sched, cpu_arch_counter(), &ev);
		struct vcpu *next = e ? e->owner : NULL;

		if (next != c->vcpu) {
#if defined(CONFIG_TRAP_STATS_AT_STOP)
			uint64_t t0 = cpu_arch_counter();
			bool both = c->vcpu && next;
#endif
			if (c->vcpu)
				vcpu_arch_save(c->vcpu, f);
			c->vcpu = next;
			if (next) {
				vcpu_arch_restore(next, f);
				next->switches++;
			}
#if defined(CONFIG_TRAP_STATS_AT_STOP)
			/* The cost of a direct switch (save + restore), in ticks of
			 * the counter: instructions under -icount shift=4 (make
			 * bench). */
			if (both) {
				uint32_t d = (uint32_t)(cpu_arch_counter() - t0);

				c->switch_ticks += d;
				c->switch_direct++;
				if (d > c->switch_max)
					c->switch_max = d;
			}
#endif
		}
		program_timer(c, ev);
		if (next)
			return;
		idle(c);
	}
}

void run_loop_switch(struct pcpu *c)
{
	reschedule(c, cpu_arch_frame(c->id));
}

NORETURN static void run_on(struct pcpu *c)
{
	struct trap_frame *f = cpu_arch_frame(c->id);

	c->sched.resched = true;
	reschedule(c, f);
	vcpu_arch_run(f);
}

void run_loop_enter(struct pcpu *c)
{
	cpu_arch_shared_init();
	sched_run_kicked(c);
	run_on(c);
}

/* Take v's state out of the core and forget it (it starts afresh). */
static void drop(struct pcpu *c, struct vcpu *v)
{
	sched_block(&v->se, cpu_arch_counter());
	if (c->vcpu == v) {
		vcpu_arch_save(v, cpu_arch_frame(c->id)); /* timers off, LRs empty */
		c->vcpu = NULL;
	}
}

void run_loop_park(struct pcpu *c)
{
	struct vcpu *v = c->vcpu;

	if (v) {
		spin_lock(&vm_state_lock);
		if (v->state == VCPU_ON)
			v->state = VCPU_OFF;
		spin_unlock(&vm_state_lock);
		drop(c, v);
		control_vcpu_off(v->vm); /* a controller's restart may start */
	}
	sched_run_kicked(c); /* a reset's vCPU 0 here, ... */
	run_on(c);
}

void run_loop_wfi(struct vcpu *v)
{
	struct pcpu *c = pcpu_this();
	uint64_t now;

	if (!c->shared)
		return;
	now = cpu_arch_counter();
	if (!vcpu_arch_pending(v, true, now))
		sched_block(&v->se, now);
}

void sched_run_wake(struct vcpu *v)
{
	if (!pcpus[v->pcpu].shared || v->state != VCPU_ON)
		return;
	sched_wake(&v->se, cpu_arch_counter());
}

void sched_run_kicked(struct pcpu *c)
{
	uint64_t now;

	if (!c->shared || !c->up)
		return;
	now = cpu_arch_counter();
	for (uint32_t i = 0; i < core_nr_vcpus(c); i++) {
		struct vcpu *v = core_vcpu(c, i);

		if (v == c->vcpu)
			continue; /* it notices at its own exit */
		if (v->state == VCPU_ON_PENDING) {
			if (vcpu_claim(v)) {
				vcpu_arch_ctx_reset(v);
				sched_wake(&v->se, now);
			}
		} else if (v->state == VCPU_ON && !vm_running(v->vm)) {
			spin_lock(&vm_state_lock);
			if (v->state == VCPU_ON)
				v->state = VCPU_OFF; /* its VM stopped or is resetting */
			spin_unlock(&vm_state_lock);
			drop(c, v);
			control_vcpu_off(v->vm);
		} else if (v->state == VCPU_ON && !v->se.runnable && vcpu_arch_pending(v, false, now)) {
			sched_wake(&v->se, now);
		} else if (v->state == VCPU_OFF && v->se.runnable) {
			drop(c, v);
		}
	}
}

void sched_run_timer(struct pcpu *c)
{
	uint64_t now = cpu_arch_counter();

	if (!c->shared)
		return;
	sched_tick(&c->sched, now);
	/* Blocked vCPUs whose guest timer fired wake up; the pick that follows
	 * programs the next event. */
	sched_run_kicked(c);
	c->sched.resched = true;
}

/* vm.h; here, with the rest of shared cores. */
COLD void vm_print_sched_stats(const struct vm *vm)
{
	for (uint32_t n = 0; n < vm->cfg->nr_vcpus && n < CONFIG_MAX_VCPUS_PER_VM; n++) {
		const struct vcpu *v = &vm->vcpus[n];
		const struct pcpu *c = &pcpus[v->pcpu];

		if (!c->shared)
			continue;
		if (c->switch_direct)
			pr_info("vm %s: core %u: %u direct vCPU switches, save+restore avg %u max %u ticks",
				vm->cfg->name, v->pcpu, c->switch_direct,
				(uint32_t)(c->switch_ticks / c->switch_direct), c->switch_max);
		pr_info("vm %s: vcpu %u on core %u (%s): switches %u, preemptions %u, overruns %u, "
			"misses %u, wfi %u, fpu loads %u",
			vm->cfg->name, n, v->pcpu, c->sched.ops ? c->sched.ops->name : "?", v->switches,
			v->se.preemptions, v->se.overruns, v->se.misses, c->trap_count[TRAP_WFI],
			v->fpu_loads);
	}
}

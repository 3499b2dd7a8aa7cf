// SPDX-License-Identifier: MIT
/*
 * Cost of the schedulers' decisions in instructions, on the target ISA, with
 * the hypervisor's compiler flags: src/core/sched*.c linked into a bare
 * program that QEMU runs at PL1 under -icount shift=4,sleep=off, where one
 * tick of the 62.5 MHz generic counter is one instruction (as in make
 * bench). One line per measurement on the UART:
 *   sched_cost <policy> vcpus=<n> <what>=<instructions per call>
 * <what>: pick (sched_pick with nothing changed), tick_pick (a Hyp-timer
 * event: sched_tick + sched_pick, switching; fp also yields, having no
 * events), block_wake (one vCPU blocks and wakes again). Each figure
 * includes the glue (accounting, counters) and the harness loop (a few
 * instructions).
 */
#include "sched.h"

#define ROUNDS 1000u

void *memset(void *d, int c, size_t n);
void *memset(void *d, int c, size_t n)
{
	unsigned char *p = d;

	while (n--)
		*p++ = (unsigned char)c;
	return d;
}

static void put(char c)
{
	*(volatile uint32_t *)0x09000000 = (uint32_t)c; /* QEMU virt PL011 */
}

static void puts_(const char *s)
{
	while (*s)
		put(*s++);
}

static void putu(uint32_t v)
{
	char b[12];
	int i = 0;

	do {
		b[i++] = (char)('0' + v % 10u);
		v /= 10u;
	} while (v);
	while (i)
		put(b[--i]);
}

static uint64_t counter(void)
{
	uint32_t lo, hi;

	__asm__ volatile("isb; mrrc p15, 0, %0, %1, c14" : "=r"(lo), "=r"(hi));
	return ((uint64_t)hi << 32) | lo;
}

static void report(const struct sched_ops *ops, const char *what, uint64_t t)
{
	puts_("sched_cost ");
	puts_(ops->name);
	puts_(" vcpus=");
	putu(CONFIG_MAX_VCPUS_PER_PCPU);
	puts_(" ");
	puts_(what);
	puts_("=");
	putu((uint32_t)(t / ROUNDS));
	puts_("\n");
}

static struct sched_core core;
static struct sched_entity ent[CONFIG_MAX_VCPUS_PER_PCPU];

static void measure(const struct sched_ops *ops)
{
	/* Parameters every built-in policy accepts; EDF: utilisation 1. */
	static const struct vm_sched_config p = {.priority = 10,
						 .period_us = 1000u * CONFIG_MAX_VCPUS_PER_PCPU,
						 .budget_us = 1000,
						 .slice_us = 1000};
	uint64_t ev, t0, t1, t2;

	/* tick_pick: sched_bench_run's rounds, minus its set-up. */
	t0 = counter();
	sched_bench_run(ops, 0);
	t1 = counter();
	sched_bench_run(ops, ROUNDS);
	t2 = counter();
	report(ops, "tick_pick", (t2 - t1) - (t1 - t0));

	sched_core_init(&core, ops, 62500000u);
	for (uint32_t i = 0; i < CONFIG_MAX_VCPUS_PER_PCPU; i++) {
		sched_attach(&core, &ent[i], NULL, &p);
		sched_wake(&ent[i], 0);
	}
	sched_pick(&core, 0, &ev);
	t0 = counter();
	for (uint32_t i = 0; i < ROUNDS; i++)
		sched_pick(&core, 10u + i, &ev);
	t1 = counter();
	report(ops, "pick", t1 - t0);
	for (uint32_t i = 0; i < ROUNDS; i++) {
		sched_block(&ent[CONFIG_MAX_VCPUS_PER_PCPU - 1], 2000u + 2u * i);
		sched_wake(&ent[CONFIG_MAX_VCPUS_PER_PCPU - 1], 2001u + 2u * i);
	}
	t2 = counter();
	report(ops, "block_wake", t2 - t1);
}

int main(void);
int main(void)
{
#define SCHED(n) measure(&sched_##n##_ops);
	SCHED_BUILTIN
#undef SCHED
	puts_("sched_cost done\n");
	return 0;
}

/*
 * Shared by the bench_* guests (header only: guests.mk builds a guest from
 * the .c files of its own directory, and this directory has none).
 *
 * Every bench guest is one binary that runs both bare (QEMU -M virt without
 * virtualization=on boots the ELF in SVC; QEMU's built-in PSCI answers hvc)
 * and in a shikiri partition.  bench_init() tells the two apart at run time
 * with SHIKIRI_HC_VERSION: bare, QEMU answers that hvc with NOT_SUPPORTED.
 * Bare, PSCI then goes over hvc; in a partition over smc as usual.
 *
 * Results are printed as "bench: <what> key=value ..." lines, which
 * tools/bench/report.py parses.  Under `-icount shift=4,sleep=off` one tick
 * of the 62.5 MHz counter is one instruction.
 */
#ifndef GUEST_BENCH_H
#define GUEST_BENCH_H

#include "guest.h"
#include "gic.h"
#include "irq.h"
#include "timer.h"

#define BENCH_HC_VERSION_VALUE	0x00010000u
#define BENCH_TRAP_IRQ		0u	/* SHIKIRI_HC_TRAP_COUNT causes */
#define BENCH_TRAP_TOTAL	15u

/* Set by bench_init(): true under shikiri, false on bare QEMU. */
static bool bench_in_partition;

static inline void bench_init(void)
{
	bench_in_partition = hc_version() == BENCH_HC_VERSION_VALUE;
	if (!bench_in_partition)
		psci_conduit = PSCI_CONDUIT_HVC;
}

static inline const char *bench_env(void)
{
	return bench_in_partition ? "partition" : "bare";
}

/* Hypervisor entries of `cause` on this core (0 bare: there is none). */
static inline uint32_t bench_trap_count(uint32_t cause)
{
	return bench_in_partition ? hc_trap_count(cause) : 0;
}

/* printf is 32-bit only: print a 64-bit count in decimal. */
static inline void bench_put_u64(uint64_t v)
{
	char buf[24];
	int i = (int)sizeof(buf) - 1;

	buf[i] = '\0';
	do {
		buf[--i] = (char)('0' + (uint32_t)(v % 10u));
		v /= 10u;
	} while (v && i > 0);
	uart_puts(&buf[i]);
}

static volatile uint32_t bench_woke;

static void bench_wake_irq(uint32_t iar)
{
	(void)iar;
	timer_virt_disable();
	bench_woke = 1;
}

/*
 * Sleep in wfi until the virtual counter reaches `tick`.  An idle core
 * executes nothing, so it does not move the (icount) clock that other
 * cores' measurements read.
 */
static inline void bench_sleep_until(uint64_t tick)
{
	if (timer_virt_count() >= tick)
		return;
	bench_woke = 0;
	irq_set_handler(TIMER_VIRT_PPI, bench_wake_irq);
	gicd_enable();
	gicd_set_priority(TIMER_VIRT_PPI, 0x80);
	gicd_enable_irq(TIMER_VIRT_PPI);
	gicc_init();
	irq_disable_local();
	timer_virt_arm_at(tick);
	while (!bench_woke && timer_virt_count() < tick)
		wait_for_irq();
	irq_enable_local();
	timer_virt_disable();
}

#endif

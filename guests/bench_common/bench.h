/*
 * Shared by the bench_* guests (header only: guests.mk builds a guest from
 * the .c files of its own directory, and this directory has none).
 *
 * Every bench guest is one binary that runs both bare (QEMU -M virt without
 * virtualization=on boots the ELF in SVC; QEMU's built-in PSCI answers hvc)
 * and in a shikiri partition.  bench_init() tells the two apart at run time
 * with SHIKIRI_HC_VERSION: bare, QEMU answers that hvc with NOT_SUPPORTED.
 * Bare, PSCI then goes over hvc; in a partition over smc as usual.  The
 * same binary also runs as a Xen dom0less domU (make bench's peer): Xen
 * answers SHIKIRI_HC_VERSION with SMCCC's "unknown function" too, but its
 * version hypercall (which QEMU's firmware does not know) with 4.x; PSCI
 * goes over hvc there as well.
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

/* Set by bench_init(): true under shikiri, false on bare QEMU and Xen. */
static bool bench_in_partition;
/* Set by bench_init(): true in a Xen domU. */
static bool bench_in_xen;

/*
 * Xen's version hypercall (XENVER_version: major << 16 | minor): hvc with
 * Xen's tag 0xEA1, the hypercall number (__HYPERVISOR_xen_version, 17) in
 * r12, arguments in r0-r4, which Xen may clobber.  Bare, QEMU's firmware
 * takes it as PSCI function 0 and answers NOT_SUPPORTED.
 */
static inline uint32_t bench_xen_version(void)
{
	register uint32_t r0 __asm__("r0") = 0; /* XENVER_version */
	register uint32_t r1 __asm__("r1") = 0; /* no argument buffer */
	register uint32_t r12 __asm__("r12") = 17;

	__asm__ volatile("hvc #0xea1"
			 : "+r"(r0), "+r"(r1), "+r"(r12)
			 :
			 : "r2", "r3", "r4", "memory");
	return r0;
}

static inline void bench_init(void)
{
	bench_in_partition = hc_version() == BENCH_HC_VERSION_VALUE;
	if (!bench_in_partition) {
		uint32_t xen = bench_xen_version();

		bench_in_xen =
		    xen != SMCCC_NOT_SUPPORTED && (xen >> 16) >= 3u && (xen >> 16) < 100u;
		psci_conduit = PSCI_CONDUIT_HVC;
	}
}

static inline const char *bench_env(void)
{
	return bench_in_partition ? "partition" : bench_in_xen ? "xen" : "bare";
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

/*
 * bench_traps: cost of the hypervisor's trap paths for `make bench`.
 *
 * Each operation runs BENCH_TRAP_N times between two reads of the virtual
 * counter.  Under `-icount shift=4,sleep=off` a tick is an instruction, so
 * the partition run minus the bare run of this same binary is the number of
 * hypervisor instructions per operation.  Bare, the operation has its
 * hardware equivalent: the GIC distributor and the PL011 are QEMU's real
 * devices, and hvc/PSCI are answered by QEMU's built-in firmware, which
 * costs no guest instruction (so the bare figure is the loop itself).
 *
 * As a Xen domU (make bench's peer) the same paths go through Xen, and
 * "hvc_version" is Xen's version hypercall.
 *
 * PSCI CPU_ON is timed from just before the call to the first instruction
 * of the started vCPU (which reads the counter), BENCH_CPU_ON_N times; the
 * secondary switches itself off again each time.  Needs 2 vCPUs.
 *
 * Output:
 *   bench: trap op=NAME n=N ticks=T entries=E      (entries: partition only)
 *   bench: trap-error ...
 */
#include "../bench_common/bench.h"

#ifndef BENCH_TRAP_N
#define BENCH_TRAP_N	1000u
#endif
#define BENCH_CPU_ON_N	16u

#define UARTDR		(UART_BASE + 0x000u)
#define UARTFR		(UART_BASE + 0x018u)

#define REG32(a)	(*(volatile uint32_t *)(uintptr_t)(a))

/* Written by the secondary's first instructions (see secondary_first). */
volatile uint32_t bench_sec_stamp[2] __attribute__((aligned(8)));
volatile uint32_t bench_sec_seen;

static void report(const char *name, uint32_t n, uint64_t ticks,
		   uint32_t entries_before, uint32_t entries_after)
{
	printf("bench: trap op=%s n=%lu ticks=", name, n);
	bench_put_u64(ticks);
	if (bench_in_partition)
		/* entries_after's own hypercall is counted in it. */
		printf(" entries=%lu\n", entries_after - entries_before - 1);
	else
		printf("\n");
}

/* `after` runs once, untimed, before the result is printed. */
#define MEASURE(name, body, after)					\
	do {								\
		uint32_t e0_ = bench_trap_count(BENCH_TRAP_TOTAL);	\
		uint64_t t0_ = timer_virt_count();			\
		for (uint32_t i_ = 0; i_ < BENCH_TRAP_N; i_++) {	\
			body;						\
		}							\
		uint64_t t1_ = timer_virt_count();			\
		uint32_t e1_ = bench_trap_count(BENCH_TRAP_TOTAL);	\
		after;							\
		report(name, (uint32_t)BENCH_TRAP_N, t1_ - t0_, e0_, e1_); \
	} while (0)

/*
 * Entry of the started vCPU: the counter read is its first instruction.
 * Then it flags the primary and switches itself off (PSCI CPU_OFF over the
 * conduit in psci_conduit: 0 = smc, 1 = hvc).  No stack is needed.
 */
__attribute__((naked)) static void secondary_first(void)
{
	__asm__ volatile(
		"mrrc	p15, 1, r2, r3, c14\n"	/* CNTVCT */
		"ldr	r1, =bench_sec_stamp\n"
		"str	r2, [r1]\n"
		"str	r3, [r1, #4]\n"
		"dsb\n"
		"ldr	r1, =bench_sec_seen\n"
		"mov	r2, #1\n"
		"str	r2, [r1]\n"
		"dsb\n"
		"sev\n"
		"ldr	r1, =psci_conduit\n"
		"ldr	r1, [r1]\n"
		"ldr	r0, =0x84000002\n"	/* PSCI CPU_OFF */
		"cmp	r1, #0\n"
		"bne	2f\n"
		".arch_extension sec\n"
		"smc	#0\n"
		"b	3f\n"
		"2:	hvc	#0\n"
		"3:	wfi\n"
		"b	3b\n"
		".ltorg\n");
}

static void measure_cpu_on(void)
{
	uint64_t sum = 0;
	uint32_t e0, e1, done = 0, polls = 0;

	e0 = bench_trap_count(BENCH_TRAP_TOTAL);
	for (uint32_t k = 0; k < BENCH_CPU_ON_N; k++) {
		uint64_t t0, t1;
		int32_t ret;
		uint32_t spins;

		bench_sec_seen = 0;
		dsb();
		t0 = timer_virt_count();
		ret = psci_cpu_on_raw(1, (uint32_t)(uintptr_t)secondary_first, 0);
		if (ret != PSCI_RET_SUCCESS) {
			printf("bench: trap-error cpu_on returned %ld\n", ret);
			return;
		}
		while (!bench_sec_seen)
			wfe();
		t1 = ((uint64_t)bench_sec_stamp[1] << 32) | bench_sec_stamp[0];
		sum += t1 - t0;
		done++;
		/* Wait until it is off again (not timed). */
		for (spins = 0; spins < 1000000u; spins++) {
			polls++;
			if (psci_affinity_info(1, 0) == 1)
				break;
		}
		if (spins == 1000000u) {
			printf("bench: trap-error vCPU 1 did not switch off\n");
			return;
		}
	}
	e1 = bench_trap_count(BENCH_TRAP_TOTAL);
	/* Entries of the calls themselves: the AFFINITY_INFO polls are not. */
	report("psci_cpu_on", done, sum, e0, e1 - polls);
}

int main(void)
{
	bench_init();
	printf("bench: traps env=%s\n", bench_env());

	/* The loop alone, for reference. */
	MEASURE("loop", __asm__ volatile("" ::: "memory"), (void)0);
	/* Xen's peer of SHIKIRI_HC_VERSION is its version hypercall. */
	if (bench_in_xen)
		MEASURE("hvc_version", (void)bench_xen_version(), (void)0);
	else
		MEASURE("hvc_version", (void)hc_version(), (void)0);
	MEASURE("psci_version", (void)psci_version(), (void)0);
	MEASURE("gicd_read", (void)REG32(GICD_BASE + GICD_TYPER), (void)0);
	/* Set-enable of the virtual timer PPI, which this VM owns. */
	MEASURE("gicd_write",
		REG32(GICD_BASE + GICD_ISENABLER) = 1u << TIMER_VIRT_PPI, (void)0);
	MEASURE("vuart_fr_read", (void)REG32(UARTFR), (void)0);
	/*
	 * Printed text: the hypervisor buffers it and prints a line every
	 * 256 characters (VUART_LINE_MAX), so the average includes those console
	 * writes.
	 */
	MEASURE("vuart_write", REG32(UARTDR) = '.', uart_putc('\n'));
	measure_cpu_on();
	printf("bench: done\n");
	psci_system_off();
}

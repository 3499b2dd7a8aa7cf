/*
 * bench_timer: timer-interrupt wake-up latency for `make bench`.
 *
 * BENCH_PERIODS periods of BENCH_PERIOD ticks on the virtual timer, on
 * absolute deadlines, sleeping in wfi between them; each latency (ticks from
 * the deadline to the handler's counter read) goes into a histogram.  The
 * same binary runs bare and in hrt/srt partitions (see bench.h).  In a
 * partition it also counts the hypervisor entries on its core during the
 * run (its own counter reads excluded).
 *
 * Output:
 *   bench: timer env=E periods=N period=P delivered=D min=A sum=S max=B
 *   bench: timer-entries irq=I total=T          (partition only)
 *   bench: timer-hist lat=L count=C             (one per non-empty bin)
 */
#include "../bench_common/bench.h"

#ifndef BENCH_PERIODS
#define BENCH_PERIODS	10000u
#endif
#define BENCH_PERIOD	10000u	/* ticks */
#define LOST_PERIODS	100u	/* a period this late is lost */
#define HIST_BINS	1024u	/* latencies >= this go to one overflow bin */

#define VTIMER_PRIORITY		0x80u
#define WATCHDOG_PRIORITY	0xc0u

static volatile uint64_t armed_deadline;
static volatile uint32_t fired;
static volatile uint32_t latency;
static volatile uint32_t watchdog_fired;
static uint32_t hist[HIST_BINS];
static uint32_t hist_over;

static void vtimer_irq(uint32_t iar)
{
	uint64_t now = timer_virt_count();
	uint32_t ctl = timer_virt_ctl();

	(void)iar;
	/* A stale injection (timer off or re-armed) is not this period's. */
	if ((ctl & (CNT_CTL_ENABLE | CNT_CTL_ISTATUS)) !=
	    (CNT_CTL_ENABLE | CNT_CTL_ISTATUS))
		return;
	timer_virt_disable();
	latency = (uint32_t)(now - armed_deadline);
	fired = 1;
}

/* The physical timer only fires as the lost-IRQ watchdog. */
static void watchdog_irq(uint32_t iar)
{
	uint32_t ctl = timer_phys_ctl();

	(void)iar;
	if ((ctl & (CNT_CTL_ENABLE | CNT_CTL_ISTATUS)) !=
	    (CNT_CTL_ENABLE | CNT_CTL_ISTATUS))
		return;
	timer_phys_disable();
	watchdog_fired = 1;
}

static bool wait_fired(uint64_t timeout, uint64_t phys_offset)
{
	watchdog_fired = 0;
	timer_phys_arm_at(timeout + phys_offset);
	irq_disable_local();
	while (!fired && !watchdog_fired && timer_virt_count() < timeout)
		wait_for_irq();
	irq_enable_local();
	timer_phys_disable();
	return fired != 0;
}

int main(void)
{
	uint32_t delivered = 0, lat_min = UINT32_MAX, lat_max = 0;
	uint32_t irq_before, total_before, irq_after, total_after;
	uint64_t lat_sum = 0, deadline, phys_offset;

	bench_init();
	timer_virt_disable();
	timer_phys_disable();
	irq_set_handler(TIMER_VIRT_PPI, vtimer_irq);
	irq_set_handler(TIMER_PHYS_PPI, watchdog_irq);
	gicd_enable();
	gicd_set_priority(TIMER_VIRT_PPI, VTIMER_PRIORITY);
	gicd_set_priority(TIMER_PHYS_PPI, WATCHDOG_PRIORITY);
	gicd_enable_irq(TIMER_VIRT_PPI);
	gicd_enable_irq(TIMER_PHYS_PPI);
	gicc_init();
	irq_enable_local();
	phys_offset = timer_phys_count() - timer_virt_count();

	irq_before = bench_trap_count(BENCH_TRAP_IRQ);
	total_before = bench_trap_count(BENCH_TRAP_TOTAL);
	deadline = timer_virt_count();
	for (uint32_t i = 0; i < BENCH_PERIODS; i++) {
		uint64_t start;

		deadline += BENCH_PERIOD;
		fired = 0;
		armed_deadline = deadline;
		timer_virt_arm_at(deadline);
		start = timer_virt_count();
		if (start < deadline)
			start = deadline;
		if (!wait_fired(start + (uint64_t)LOST_PERIODS * BENCH_PERIOD,
				phys_offset)) {
			timer_virt_disable();
			printf("bench: timer-lost period=%lu\n", i);
			deadline = timer_virt_count();
			continue;
		}
		delivered++;
		lat_sum += latency;
		if (latency < lat_min)
			lat_min = latency;
		if (latency > lat_max)
			lat_max = latency;
		if (latency < HIST_BINS)
			hist[latency]++;
		else
			hist_over++;
	}
	total_after = bench_trap_count(BENCH_TRAP_TOTAL);
	irq_after = bench_trap_count(BENCH_TRAP_IRQ);
	timer_virt_disable();
	if (!delivered)
		lat_min = 0;

	printf("bench: timer env=%s periods=%lu period=%lu delivered=%lu min=%lu sum=",
	       bench_env(), (uint32_t)BENCH_PERIODS, (uint32_t)BENCH_PERIOD, delivered, lat_min);
	bench_put_u64(lat_sum);
	printf(" max=%lu\n", lat_max);
	if (bench_in_partition)
		/* total_after's own hypercall is counted in it. */
		printf("bench: timer-entries irq=%lu total=%lu\n",
		       irq_after - irq_before, total_after - total_before - 1);
	for (uint32_t l = 0; l < HIST_BINS; l++)
		if (hist[l])
			printf("bench: timer-hist lat=%lu count=%lu\n", l, hist[l]);
	if (hist_over)
		printf("bench: timer-hist lat=over count=%lu\n", hist_over);
	printf("bench: done\n");
	psci_system_off();
}

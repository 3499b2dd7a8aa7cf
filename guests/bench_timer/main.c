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
 *   bench: timer-start at=T                     (bench_timer_late only)
 *   bench: timer env=E periods=N period=P delivered=D min=A sum=S max=B
 *   bench: timer-entries irq=I total=T          (partition only)
 *   bench: timer-hist lat=L count=C             (one per non-empty bin)
 */
#include "../bench_common/bench.h"
#include "periodic.h"

#ifndef BENCH_PERIODS
#define BENCH_PERIODS	10000u
#endif
#define BENCH_PERIOD	10000u	/* ticks */
#define HIST_BINS	8192u	/* latencies >= this go to one overflow bin (a Xen domU: ~1,100) */

static uint32_t hist[HIST_BINS];
static uint32_t hist_over;

static void sample(uint32_t latency)
{
	if (latency < HIST_BINS)
		hist[latency]++;
	else
		hist_over++;
}

int main(void)
{
	struct periodic_stats st;

	bench_init();
#ifdef BENCH_START_TICKS
	/* bench_timer_late (make bench, Linux as the load): measure only once
	 * the counter has passed BENCH_START_TICKS, when the Linux VM beside
	 * runs its load. Until then it sleeps in wfi (periods of 2^28 ticks),
	 * so that the VMs beside it have the icount clock to themselves. */
	while (timer_virt_count() + (1ull << 28) < (uint64_t)BENCH_START_TICKS)
		periodic_run(1, 1u << 28, &st);
	printf("bench: timer-start at=");
	bench_put_u64(timer_virt_count());
	printf("\n");
#endif
	/* The loop is guests/lib/periodic.c, as in the timer/storm/victim
	 * guests; a lost period prints "timer: period <i> lost". */
	periodic_run_sampled(BENCH_PERIODS, BENCH_PERIOD, &st, sample);

	printf("bench: timer env=%s periods=%lu period=%lu delivered=%lu min=%lu sum=",
	       bench_env(), (uint32_t)BENCH_PERIODS, (uint32_t)BENCH_PERIOD, st.delivered,
	       st.lat_min);
	bench_put_u64(st.lat_sum);
	printf(" max=%lu\n", st.lat_max);
	if (bench_in_partition)
		printf("bench: timer-entries irq=%lu total=%lu\n", st.hyp_irq_entries,
		       st.hyp_total_entries);
	for (uint32_t l = 0; l < HIST_BINS; l++)
		if (hist[l])
			printf("bench: timer-hist lat=%lu count=%lu\n", l, hist[l]);
	if (hist_over)
		printf("bench: timer-hist lat=over count=%lu\n", hist_over);
	printf("bench: done\n");
	psci_system_off();
}

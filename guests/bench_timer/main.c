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
#include "periodic.h"

#ifndef BENCH_PERIODS
#define BENCH_PERIODS	10000u
#endif
#define BENCH_PERIOD	10000u	/* ticks */
#define HIST_BINS	1024u	/* latencies >= this go to one overflow bin */

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

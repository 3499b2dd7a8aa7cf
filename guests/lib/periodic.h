/*
 * Periodic virtual-timer loop shared by the timer, storm and victim guests:
 * n periods of `period` ticks on absolute deadlines, measuring how late
 * each interrupt is handled.
 */
#ifndef GUEST_PERIODIC_H
#define GUEST_PERIODIC_H

#include <stdint.h>

/* A period whose IRQ is this many periods late is reported lost. */
#define PERIODIC_LOST_PERIODS	100u

struct periodic_stats {
	uint32_t n, period;
	uint32_t delivered;
	uint32_t lat_min, lat_max;	/* ticks from deadline to handler */
	uint64_t lat_sum;
	uint32_t hyp_irq_entries;	/* SHIKIRI_HC_TRAP_COUNT(IRQ) delta */
	uint32_t hyp_total_entries;	/* all causes, the loop's own calls excluded */
};

/* Called with each delivered period's latency (ticks), e.g. for a histogram. */
typedef void (*periodic_sample_fn)(uint32_t latency);

/*
 * Sets up the GIC for the virtual timer PPI (and the physical timer PPI,
 * used as a watchdog for lost IRQs) on this vCPU, runs the loop and
 * returns with both timers off and IRQs unmasked.  Prints
 * "timer: period <i> lost" (i from 0) for each period that timed out.
 */
void periodic_run(uint32_t n, uint32_t period, struct periodic_stats *st);
/* The same, handing every latency to sample (may be NULL). */
void periodic_run_sampled(uint32_t n, uint32_t period, struct periodic_stats *st,
			  periodic_sample_fn sample);

/* The two "timer: ..." result lines. */
void periodic_report(const char *name, const struct periodic_stats *st);

#endif

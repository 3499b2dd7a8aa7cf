/*
 * Periodic virtual-timer loop; see periodic.h.  Deadlines are absolute
 * (previous deadline + period), so a late interrupt does not shift the
 * schedule and the latency is what the hypervisor added on top of ours.
 */
#include "guest.h"
#include "gic.h"
#include "irq.h"
#include "periodic.h"
#include "timer.h"

#define SHIKIRI_TRAP_IRQ	0u	/* SHIKIRI_HC_TRAP_COUNT causes */
#define SHIKIRI_TRAP_TOTAL	15u
#define VTIMER_PRIORITY		0x80u
#define WATCHDOG_PRIORITY	0xc0u	/* less urgent: the real IRQ wins a tie */

/* Shared with the handler, which runs on the same vCPU. */
static volatile uint64_t armed_deadline;
static volatile uint32_t fired;
static volatile uint32_t latency;
static volatile uint32_t watchdog_fired;

static void vtimer_irq(uint32_t iar)
{
	uint64_t now = timer_virt_count();
	uint32_t ctl = timer_virt_ctl();

	(void)iar;
	/*
	 * Only count it if the timer really expired: a late injection of a
	 * period already given up on arrives with the timer off or re-armed
	 * for a later deadline, and must not be taken for the current one.
	 */
	if ((ctl & (CNT_CTL_ENABLE | CNT_CTL_ISTATUS)) !=
	    (CNT_CTL_ENABLE | CNT_CTL_ISTATUS))
		return;
	/* Off, so the level interrupt drops until the next arm. */
	timer_virt_disable();
	latency = (uint32_t)(now - armed_deadline);
	fired = 1;
}

/* The physical timer only ever fires as the lost-IRQ watchdog. */
static void watchdog_irq(uint32_t iar)
{
	uint32_t ctl = timer_phys_ctl();

	(void)iar;
	/* As above: a stale one must not end the next period's wait. */
	if ((ctl & (CNT_CTL_ENABLE | CNT_CTL_ISTATUS)) !=
	    (CNT_CTL_ENABLE | CNT_CTL_ISTATUS))
		return;
	timer_phys_disable();
	watchdog_fired = 1;
}

/*
 * Sleep until the handler ran or the counter reaches timeout, in wfi (a
 * busy-waiting vCPU would steal host time from the other VMs under QEMU
 * and skew everyone's latency).  wfi ends only on an interrupt, so if ours
 * is lost something else must end the wait: the physical timer, armed at
 * the timeout as a watchdog.  It costs no hypervisor entry unless it fires.
 */
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

void periodic_run(uint32_t n, uint32_t period, struct periodic_stats *st)
{
	periodic_run_sampled(n, period, st, 0);
}

void periodic_run_sampled(uint32_t n, uint32_t period, struct periodic_stats *st,
			  periodic_sample_fn sample)
{
	uint64_t deadline, phys_offset;
	uint32_t before, total_before;

	memset(st, 0, sizeof(*st));
	st->n = n;
	st->period = period;
	st->lat_min = UINT32_MAX;

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

	/* CNTVOFF is 0 under shikiri, but do not depend on it. */
	phys_offset = timer_phys_count() - timer_virt_count();

	before = hc_trap_count(SHIKIRI_TRAP_IRQ);
	total_before = hc_trap_count(SHIKIRI_TRAP_TOTAL);
	deadline = timer_virt_count();
	for (uint32_t i = 0; i < n; i++) {
		uint64_t start;

		deadline += period;
		fired = 0;
		armed_deadline = deadline;
		timer_virt_arm_at(deadline);

		/* From now if we are behind, so a late deadline is not lost at once. */
		start = timer_virt_count();
		if (start < deadline)
			start = deadline;
		if (!wait_fired(start + (uint64_t)PERIODIC_LOST_PERIODS * period,
				phys_offset)) {
			timer_virt_disable();
			printf("timer: period %lu lost\n", i);
			/* Start afresh rather than 100 periods behind. */
			deadline = timer_virt_count();
			continue;
		}
		st->delivered++;
		st->lat_sum += latency;
		if (latency < st->lat_min)
			st->lat_min = latency;
		if (latency > st->lat_max)
			st->lat_max = latency;
		if (sample)
			sample(latency);
	}
	/* The TOTAL read counts itself; the IRQ read after it is not in it. */
	st->hyp_total_entries = hc_trap_count(SHIKIRI_TRAP_TOTAL) - total_before - 1u;
	st->hyp_irq_entries = hc_trap_count(SHIKIRI_TRAP_IRQ) - before;
	timer_virt_disable();
	if (st->delivered == 0)
		st->lat_min = 0;
}

void periodic_report(const char *name, const struct periodic_stats *st)
{
	uint32_t avg = st->delivered ?
		(uint32_t)(st->lat_sum / st->delivered) : 0;

	printf("timer: %s %lu/%lu periods, latency min %lu avg %lu max %lu ticks\n",
	       name, st->delivered, st->n, st->lat_min, avg, st->lat_max);
	printf("timer: hyp irq entries %lu\n", st->hyp_irq_entries);
}

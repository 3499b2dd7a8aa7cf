/*
 * rtos: a cyclictest-like latency benchmark on the executive in rtos.c.
 *
 *   prio 0  bench     periodic every PERIOD ticks; latency = CNTVCT read
 *                     first thing after its release - the release time
 *                     programmed into CVAL; min/avg/max and a histogram;
 *                     gives tick_sem every period, sets EV_REPORT every
 *                     REPORT_EVERY periods and EV_DONE after TOTAL_PERIODS
 *   prio 1  consumer  sem_take(tick_sem) with a timeout, counts takes
 *   prio 2  reporter  self-tests, then prints what the bench hands over
 *                     (the bench itself never prints, so it never waits
 *                     on the console)
 *   prio 3  worker    CRC-32 of a buffer, again and again, every
 *                     WORK_PERIOD ticks: long enough to be preempted by
 *                     the bench; a result that ever differs would show a
 *                     context switch corrupting it
 *   prio 7  idle      wfi
 *
 * Built as "rtos" and "rtos_forever" (TOTAL_PERIODS 0: run forever); see
 * guests.mk.  Everything below is -D overridable.
 */
#include "guest.h"
#include "gic.h"
#include "irq.h"
#include "rtos.h"
#include "chan.h"

#ifndef PERIOD
#define PERIOD		20000u	/* ticks: 320 us at 62.5 MHz */
#endif
#ifndef TOTAL_PERIODS
#define TOTAL_PERIODS	5000u	/* 0: forever */
#endif
#ifndef REPORT_EVERY
#define REPORT_EVERY	1000u
#endif
#ifndef HIST_BUCKETS
#define HIST_BUCKETS	32u
#endif
#ifndef HIST_WIDTH
#define HIST_WIDTH	16u	/* ticks per bucket */
#endif
#ifndef WORK_PERIOD
#define WORK_PERIOD	(4u * PERIOD)
#endif
#ifndef WORK_BYTES
#define WORK_BYTES	1024u	/* CRC-32 of this many bytes per round */
#endif
/* 1: the counter runs on an emulator's host time (QEMU without icount), so
 * say so: latencies and overruns then show the host's scheduling. */
#ifndef EMULATED_TIME
#define EMULATED_TIME	0
#endif

#define PRIO_BENCH	0u
#define PRIO_CONSUMER	1u
#define PRIO_REPORTER	2u
#define PRIO_WORKER	3u
#define PRIO_CHAN	4u

/* >0: after that many reports, a store to an address outside its memory
 * (a stage-2 data abort: the restart-policy tests, docs/control.md). */
#ifndef FAULT_AFTER_REPORTS
#define FAULT_AFTER_REPORTS 0u
#endif
#define FAULT_IPA	0x3f000000u

/* Publish a latency report on the channel (chan.c) every CHAN_EVERY periods. */
#ifndef CHAN_EVERY
#define CHAN_EVERY	1000u
#endif

#define EV_REPORT	(1u << 0)
#define EV_DONE		(1u << 1)
#define EV_CHAN		(1u << 2)	/* the channel task finished (chan.h) */

/* An SGI of 8-15 on an A9-class core (the TrustZone mode): on a shared core
 * SGIs 0-7 are the Normal world's (Group 1). */
#define SELFTEST_SGI	(cpu_is_a9_class() ? 9u : 1u)
#define SELFTEST_WAIT	5000u	/* ticks */
#define SHIKIRI_TRAP_IRQ 0u

struct lat_stats {
	uint32_t n, min, max, overruns;
	uint32_t max_at;			/* period (from 1) of the max */
	uint64_t sum;
	uint32_t hist[HIST_BUCKETS + 1];	/* last one: overflow */
};

static struct lat_stats live, snap;
static struct rtos_sem tick_sem = RTOS_SEM_INIT(0);
static struct rtos_sem test_sem = RTOS_SEM_INIT(0);
static struct rtos_event report_ev = RTOS_EVENT_INIT;

static volatile uint32_t sem_takes, sem_timeouts;
static volatile uint32_t work_rounds, work_bad, work_crc;
static uint8_t work_buf[WORK_BYTES];
static const char *chan_label;

static void copy_stats(struct lat_stats *dst, const struct lat_stats *src)
{
	volatile uint32_t *d = (volatile uint32_t *)dst;
	const uint32_t *s = (const uint32_t *)src;

	for (uint32_t i = 0; i < sizeof(*dst) / 4; i++)
		d[i] = s[i];
}

static void bench_task(void *arg)
{
	(void)arg;
	live.min = UINT32_MAX;
	task_set_period(PERIOD);
	for (uint32_t i = 1; TOTAL_PERIODS == 0 || i <= TOTAL_PERIODS; i++) {
		uint64_t release = task_wait_next_period();
		uint32_t lat = (uint32_t)(rtos_now() - release);
		uint32_t b = lat / HIST_WIDTH;

		live.n++;
		live.sum += lat;
		if (lat < live.min)
			live.min = lat;
		if (lat > live.max) {
			live.max = lat;
			live.max_at = i;
		}
		live.hist[b < HIST_BUCKETS ? b : HIST_BUCKETS]++;
		sem_give(&tick_sem);
		if (chan_label && i % CHAN_EVERY == 0) {
			uint32_t w[SHIKIRI_MSG_WORDS] = {live.n, live.min,
							 (uint32_t)(live.sum / live.n), live.max,
							 task_overruns(), 0};

			chan_publish(w);
		}

		if (i % REPORT_EVERY == 0 || i == TOTAL_PERIODS) {
			live.overruns = task_overruns();
			copy_stats(&snap, &live);
			event_set(&report_ev, EV_REPORT |
				  (i == TOTAL_PERIODS ? EV_DONE : 0));
		}
	}
}

static void consumer_task(void *arg)
{
	(void)arg;
	for (;;) {
		if (sem_take(&tick_sem, 3 * PERIOD) == RTOS_OK)
			sem_takes++;
		else
			sem_timeouts++;
	}
}

static uint32_t crc32(const uint8_t *p, uint32_t n)
{
	uint32_t crc = 0xffffffffu;

	while (n--) {
		crc ^= *p++;
		for (int k = 0; k < 8; k++)
			crc = (crc >> 1) ^ (0xedb88320u & -(crc & 1u));
	}
	return ~crc;
}

static void worker_task(void *arg)
{
	(void)arg;
	for (uint32_t i = 0; i < WORK_BYTES; i++)
		work_buf[i] = (uint8_t)(i * 7u + 3u);
	work_crc = crc32(work_buf, WORK_BYTES);
	task_set_period(WORK_PERIOD);
	for (;;) {
		task_wait_next_period();
		if (crc32(work_buf, WORK_BYTES) != work_crc)
			work_bad++;
		work_rounds++;
	}
}

static void selftest_sgi(uint32_t iar)
{
	(void)iar;
	sem_give(&test_sem);	/* from IRQ context */
}

static void selftest(void)
{
	uint64_t t0 = rtos_now();
	int r1 = sem_take(&test_sem, SELFTEST_WAIT);
	uint32_t waited = (uint32_t)(rtos_now() - t0);
	int r2;

	irq_set_handler(SELFTEST_SGI, selftest_sgi);
	gicd_send_sgi(SELFTEST_SGI, (uint8_t)(1u << this_vcpu()));
	r2 = sem_take(&test_sem, 100u * PERIOD);
	printf("rtos: selftest sem timeout %s (waited %lu ticks), "
	       "sem_give from irq %s\n",
	       r1 == RTOS_ETIMEDOUT && waited >= SELFTEST_WAIT ? "ok" : "FAILED",
	       waited, r2 == RTOS_OK ? "ok" : "FAILED");
}

/* One line, every REPORT_EVERY periods: the figures a reader needs to see
 * that the core stays the RTOS's own (hyp irq entries 0). */
static void print_summary(const struct lat_stats *s)
{
	uint32_t avg = s->n ? (uint32_t)(s->sum / s->n) : 0;

	printf("rtos: latency %lu periods: min %lu avg %lu max %lu ticks, "
	       "overruns %lu, hyp irq entries %lu%s\n",
	       s->n, s->n ? s->min : 0, avg, s->max, s->overruns,
	       hc_trap_count(SHIKIRI_TRAP_IRQ),
	       EMULATED_TIME ? " (QEMU host time)" : "");
	/* A shared core of the TrustZone mode: how often idle gave the core
	 * to the Normal world and got it back. */
	if (tz_yields)
		printf("rtos: yielded to the normal world %lu times\n", tz_yields);
}

/* printf is 32-bit only: a 64-bit count in decimal. */
static void put_u64(uint64_t v)
{
	char buf[24];
	uint32_t i = sizeof(buf) - 1u;

	buf[i] = '\0';
	do {
		buf[--i] = (char)('0' + (uint32_t)(v % 10u));
		v /= 10u;
	} while (v && i > 0u);
	uart_puts(&buf[i]);
}

/* The details, once, at the end of a run (the exact sum: make bench's
 * TrustZone section compares the average with a bare run's). */
static void print_details(const struct lat_stats *s)
{
	printf("rtos: latency sum ");
	put_u64(s->sum);
	printf(" ticks over %lu periods\n", s->n);
	printf("rtos: hist %u:", HIST_WIDTH);
	for (uint32_t i = 0; i <= HIST_BUCKETS; i++)
		printf(" %lu", s->hist[i]);
	printf("\n");
	printf("rtos: max at period %lu\n", s->max_at);
}

static void print_chan(void)
{
	const struct chan_stats *c = &rtos_chan_stats;

	if (!chan_label)
		return;
	if (!c->attached) {
		printf("rtos: channel %s: cannot attach (error %ld)\n", chan_label, c->attach_err);
		return;
	}
	if (c->role == CHAN_PING)
		printf("rtos: channel %s: %lu round trips of %u, in order and intact; bad %lu, "
		       "timeouts %lu; round trip min %lu avg %lu max %lu ticks\n",
		       chan_label, c->round_trips, CHAN_PINGS, c->bad, c->timeouts, c->rt_min,
		       c->rt_avg, c->rt_max);
	else
		printf("rtos: channel %s: published %lu, acked %lu (last seq %lu), dropped %lu, "
		       "pings answered %lu, doorbells in %lu out %lu, bad %lu%s\n",
		       chan_label, c->published, c->acks, c->last_acked, c->dropped, c->pongs,
		       c->doorbells, c->rings, c->bad, c->broken ? ", ring broken by the peer" : "");
}

static void reporter_task(void *arg)
{
	const char *name = arg;
	uint32_t reports = 0;

	selftest();
	for (;;) {
		uint32_t got = event_wait(&report_ev, EV_REPORT | EV_DONE | EV_CHAN,
					  EVENT_ANY | EVENT_CLEAR, RTOS_FOREVER);
		/* Counters as of the last period, before printing takes time. */
		uint32_t takes = sem_takes, timeouts = sem_timeouts;
		uint32_t rounds = work_rounds, bad = work_bad;
		struct rtos_stats st;

		rtos_get_stats(&st);
		if (got & EV_REPORT) {
			print_summary(&snap);
			print_chan();
			if (FAULT_AFTER_REPORTS && ++reports == FAULT_AFTER_REPORTS) {
				printf("rtos: faulting on purpose (store to 0x%08x)\n", FAULT_IPA);
				*(volatile uint32_t *)FAULT_IPA = 1u;
			}
		}
		/* a ping-pong build ends when its channel task has finished */
		if (got & EV_CHAN) {
			if (!(got & EV_REPORT))
				print_chan();
			if (CHAN_PINGS > 0)
				got |= EV_DONE;
		}
		if (!(got & EV_DONE))
			continue;
		print_details(&snap);
		printf("rtos: worker checksum 0x%08lx, sem takes %lu\n",
		       work_crc, takes);
		printf("rtos: worker rounds %lu, bad %lu; sem timeouts %lu; "
		       "switches %lu, preemptions %lu, idle wfi %lu, timer irqs %lu\n",
		       rounds, bad, timeouts, st.switches,
		       st.preemptions, st.idle_wfi, st.timer_irqs);
		printf("rtos: stack use bench %lu consumer %lu reporter %lu "
		       "worker %lu idle %lu bytes of %u\n",
		       task_stack_used(PRIO_BENCH), task_stack_used(PRIO_CONSUMER),
		       task_stack_used(PRIO_REPORTER), task_stack_used(PRIO_WORKER),
		       task_stack_used(RTOS_IDLE_PRIO), RTOS_STACK_SIZE);
		printf("rtos: done\n");
		printf("bye from %s\n", name);
		psci_system_off();
	}
}

/* A second build's banner (tests/qemu/control_load, linux_imgload: a loaded
 * image must be told from the one it replaced). */
#ifndef BANNER
#define BANNER ""
#endif

int main(void)
{
	const char *name = guest_name();

	printf("rtos: start %s%s, period %u ticks\n", name, BANNER, PERIOD);
	if (EMULATED_TIME)
		printf("rtos: ticks are QEMU's host time here: latencies and overruns "
		       "show how the host schedules QEMU, not the hypervisor; "
		       "hyp irq entries 0 is the figure that counts\n");
	rtos_init();
	task_create("bench", PRIO_BENCH, bench_task, 0);
	task_create("consumer", PRIO_CONSUMER, consumer_task, 0);
	task_create("reporter", PRIO_REPORTER, reporter_task, (void *)name);
	task_create("worker", PRIO_WORKER, worker_task, 0);
	chan_label = chan_start(PRIO_CHAN, &report_ev, EV_CHAN);
	if (chan_label)
		printf("rtos: channel %s: side %lu, %s\n", chan_label, rtos_chan_stats.role == CHAN_PONG ? 1ul : 0ul,
		       rtos_chan_stats.role == CHAN_PUBLISH ? "publishing latency reports"
		       : rtos_chan_stats.role == CHAN_PING ? "pinging" : "answering pings");
	rtos_start();
}

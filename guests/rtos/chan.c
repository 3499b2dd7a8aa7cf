/*
 * The RTOS's end of an inter-VM channel (docs/channels.md): a task that
 * owns the channel's two rings (guests/include/shikiri_chan.h) and its
 * doorbell.  Its doorbell interrupt handler only gives a semaphore; the
 * task then drains the receive ring and answers:
 *
 *   PING -> PONG (same seq and words)   always, so any peer can ping it
 *   ACK  -> checked: the LAT seq it answers must grow and have been sent
 *
 * and, in the roles chan.h describes, publishes the latency reports the
 * bench hands over (LAT, seq from 1), or pings CHAN_PINGS times itself.
 * The bench never waits here: a report the ring has no room for is
 * dropped and counted.
 */
#include "guest.h"
#include "gic.h"
#include "irq.h"
#include "chan_dt.h"
#include "rtos.h"
#include "chan.h"
#include "shikiri_chan.h"
#include "shikiri_chan_msg.h"

#define DOORBELL_PRIORITY 0xa0u
#define GICD_ICFGR	  0xc00u
#define ATTACH_TRIES	  10000u	/* 10 s */
#define ATTACH_WAIT	  62500u	/* ticks: 1 ms */
#define PONG_TIMEOUT	  (62500u * 2000u)	/* ticks: 2 s */
#define PONG_QUIET	  62500u	/* ticks: 1 ms, after the last PONG */

struct chan_stats rtos_chan_stats;

/*
 * One end of the channel: its ring view, the semaphore its task sleeps on
 * and how it rings the other end.  Normally there is one, and the other
 * end is another VM (doorbell page).  CHAN_LOOPBACK builds have two, in
 * two tasks of this RTOS over a ring in its own RAM, where ringing is a
 * sem_give: the in-guest baseline of `make bench`, same code otherwise.
 */
struct end {
	struct shikiri_chan ring;
	struct rtos_sem wake;
	volatile uint32_t *doorbell;	/* 0: loopback, give peer->wake */
	struct end *peer;
	uint32_t role, side;
};

static struct end ends[2];
static struct guest_chan found;
static uint32_t role;
static struct rtos_event *done_ev;
static uint32_t done_bit;
static uint32_t pong_done;

/* The bench's handover: written with IRQs masked, read by the task. */
static volatile uint32_t lat_pending;
static uint32_t lat_words[SHIKIRI_MSG_WORDS];

#if !CHAN_LOOPBACK
static void doorbell_irq(uint32_t iar)
{
	(void)iar;
	rtos_chan_stats.doorbells++;
	sem_give_from_irq(&ends[0].wake);
}
#endif

/*
 * After publishing: wake the peer if it waits for doorbells (LISTEN).  Out
 * of line, with the doorbell hypercall in it: make bench finds that hvc by
 * this symbol (tools/bench/chan.py counts the entries that return past it).
 */
__attribute__((noinline)) void chan_ring_peer(struct end *e)
{
	if (!shikiri_chan_peer_listens(&e->ring))
		return;
	rtos_chan_stats.rings++;
	if (e->doorbell && CHAN_RING_MMIO)
		shikiri_chan_ring(e->doorbell);
	else if (e->doorbell)
		hc_chan_ring((uint32_t)(uintptr_t)e->doorbell);
	else
		sem_give(&e->peer->wake);
}

void chan_publish(const uint32_t w[SHIKIRI_MSG_WORDS])
{
	uint32_t cpsr;

	if (role != CHAN_PUBLISH)
		return;
	__asm__ volatile("mrs %0, cpsr\n\tcpsid if" : "=r"(cpsr)::"memory");
	for (uint32_t i = 0; i < SHIKIRI_MSG_WORDS; i++)
		lat_words[i] = w[i];
	lat_pending = 1;
	if (!(cpsr & 0x80u))
		__asm__ volatile("cpsie if" ::: "memory");
	sem_give(&ends[0].wake);
}

static void send(struct end *e, const struct shikiri_msg *m)
{
	if (shikiri_chan_send(&e->ring, m, sizeof(*m)) == 0)
		rtos_chan_stats.sent++;
	else
		rtos_chan_stats.dropped++;
}

/* One message from the peer; 1 if it was the PONG for want (0: none). */
static uint32_t handle(struct end *e, struct shikiri_msg *m, int n, uint32_t want)
{
	if (n != (int)sizeof(*m)) {
		rtos_chan_stats.bad++;
		return 0;
	}
	if (m->type == SHIKIRI_MSG_PING) {
		if (!shikiri_msg_intact(m))
			rtos_chan_stats.bad++;
		m->type = SHIKIRI_MSG_PONG;
		send(e, m);
		rtos_chan_stats.pongs++;
	} else if (m->type == SHIKIRI_MSG_ACK) {
		if (m->w[0] <= rtos_chan_stats.last_acked || m->w[0] > rtos_chan_stats.published)
			rtos_chan_stats.bad++;
		else
			rtos_chan_stats.last_acked = m->w[0];
		rtos_chan_stats.acks++;
	} else if (m->type == SHIKIRI_MSG_PONG && want) {
		if (m->seq == want && shikiri_msg_intact(m))
			return 1;
		rtos_chan_stats.bad++;
	} else {
		rtos_chan_stats.bad++;
	}
	return 0;
}

/* Drain the receive ring; 1 if the PONG for want came. */
static uint32_t drain(struct end *e, uint32_t want)
{
	struct shikiri_msg m;
	uint32_t got = 0, sent = rtos_chan_stats.sent;

	for (uint32_t i = 0; i < e->ring.nslots; i++) {
		int n = shikiri_chan_recv(&e->ring, &m, sizeof(m));

		if (n == SHIKIRI_CHAN_EAGAIN)
			break;
		if (n < 0) {
			rtos_chan_stats.broken = 1; /* the peer broke the layout */
			break;
		}
		got |= handle(e, &m, n, want);
	}
	if (rtos_chan_stats.sent != sent)
		chan_ring_peer(e);
	return got;
}

static void publish(struct end *e)
{
	struct shikiri_msg m = {SHIKIRI_MSG_LAT, 0, {0}};
	uint32_t cpsr;

	__asm__ volatile("mrs %0, cpsr\n\tcpsid if" : "=r"(cpsr)::"memory");
	for (uint32_t i = 0; i < SHIKIRI_MSG_WORDS; i++)
		m.w[i] = lat_words[i];
	lat_pending = 0;
	if (!(cpsr & 0x80u))
		__asm__ volatile("cpsie if" ::: "memory");
	m.w[5] = hc_trap_count(0); /* hyp irq entries on this core, now */
	m.seq = rtos_chan_stats.published + 1u;
	if (shikiri_chan_send(&e->ring, &m, sizeof(m)) == 0) {
		rtos_chan_stats.published++;
		rtos_chan_stats.sent++;
		chan_ring_peer(e);
	} else {
		rtos_chan_stats.dropped++;
	}
}

/* CHAN_PINGS round trips; the figures go to rtos_chan_stats. */
static void pinger(struct end *e)
{
	uint64_t sum = 0;

	rtos_chan_stats.rt_min = UINT32_MAX;
	/* Time round trips over an established channel: the peer (another VM
	 * still booting, or the loopback's other task) listens first, so the
	 * first round trip does not include its start. */
	for (uint32_t t = 0; t < ATTACH_TRIES && !shikiri_chan_peer_listens(&e->ring); t++)
		task_sleep(ATTACH_WAIT);
	// cppcheck-suppress unsignedLessThanZero ; CHAN_PINGS is 0 in builds without a pinger
	for (uint32_t seq = 1; seq <= CHAN_PINGS; seq++) {
		struct shikiri_msg m = {SHIKIRI_MSG_PING, seq, {0}};
		uint64_t t0 = rtos_now();
		uint32_t dt;

		for (uint32_t i = 0; i < SHIKIRI_MSG_WORDS; i++)
			m.w[i] = shikiri_msg_fill(seq, i);
		if (shikiri_chan_send(&e->ring, &m, sizeof(m)) != 0) {
			rtos_chan_stats.bad++;
			break;
		}
		chan_ring_peer(e);
		while (!drain(e, seq))
			if (sem_take(&e->wake, PONG_TIMEOUT) != RTOS_OK) {
				rtos_chan_stats.timeouts++;
				break;
			}
		if (rtos_chan_stats.timeouts)
			break;
		dt = (uint32_t)(rtos_now() - t0);
		rtos_chan_stats.round_trips++;
		sum += dt;
		if (dt < rtos_chan_stats.rt_min)
			rtos_chan_stats.rt_min = dt;
		if (dt > rtos_chan_stats.rt_max)
			rtos_chan_stats.rt_max = dt;
	}
	if (rtos_chan_stats.round_trips)
		rtos_chan_stats.rt_avg = (uint32_t)(sum / rtos_chan_stats.round_trips);
}

static void chan_task(void *arg)
{
	struct end *e = arg;
	int err = SHIKIRI_CHAN_EAGAIN;

	for (uint32_t t = 0; t < ATTACH_TRIES && err == SHIKIRI_CHAN_EAGAIN; t++) {
		err = shikiri_chan_attach(&e->ring, (void *)(uintptr_t)found.shm, found.size,
					  e->side, 0);
		if (err == SHIKIRI_CHAN_EAGAIN)
			task_sleep(ATTACH_WAIT);
	}
	if (e->side == ends[0].side) {
		rtos_chan_stats.attach_err = err;
		rtos_chan_stats.attached = err == 0;
	}
	if (err) {
		event_set(done_ev, done_bit);
		return;
	}
	shikiri_chan_listen(&e->ring, 1); /* this task sleeps on the doorbell */
	if (e->role == CHAN_PING) {
		pinger(e);
		event_set(done_ev, done_bit);
	}
	/* Look at the ring before every sleep, the first one too: what the
	 * peer sent before it saw LISTEN came without a doorbell. */
	for (;;) {
		if (e->role == CHAN_PUBLISH && lat_pending)
			publish(e);
		drain(e, 0);
		if (e->role == CHAN_PONG && rtos_chan_stats.pongs == CHAN_PINGS && !pong_done) {
			/* The pinger times its last round trip until it has
			 * drained this PONG: let it, before the report here
			 * (seconds of console output) starts.  Under icount a
			 * tick is an instruction of any core, so printing
			 * meanwhile would be timed as part of that round trip. */
			pong_done = 1;
			task_sleep(PONG_QUIET);
			event_set(done_ev, done_bit);
		}
		sem_take(&e->wake, RTOS_FOREVER);
	}
}

#if CHAN_LOOPBACK
/* The loopback channel's memory, in this VM's RAM. */
static uint32_t loop_shm[CHAN_LOOPBACK_SIZE / 4u] __attribute__((aligned(64)));
#endif

const char *chan_start(uint32_t prio, struct rtos_event *ev, uint32_t finished)
{
	struct guest_chan all[GUEST_CHAN_MAX];
	uint32_t n = guest_chan_find(0, all, GUEST_CHAN_MAX);
	uint32_t id, shift, cfg;

	done_ev = ev;
	done_bit = finished;
#if CHAN_LOOPBACK
	(void)n;
	(void)all;
	(void)id;
	(void)shift;
	(void)cfg;
	found.shm = (uint32_t)(uintptr_t)loop_shm;
	found.size = CHAN_LOOPBACK_SIZE;
	found.index = 0;
	found.label[0] = 'l', found.label[1] = 'o', found.label[2] = '\0';
	ends[0].peer = &ends[1];
	ends[1].peer = &ends[0];
	ends[1].side = 1;
	ends[1].role = CHAN_PONG;
#else
	/* the ring protocol writes its indexes: a read-only side cannot use it */
	if (n == 0 || all[0].read_only)
		return 0;
	found = all[0];
	ends[0].doorbell = (volatile uint32_t *)(uintptr_t)found.doorbell;
	ends[0].side = found.index & 1u;
#endif
	sem_init(&ends[0].wake, 0);
	sem_init(&ends[1].wake, 0);
	/* side 0 formats, once, before any task runs (side 1 waits for it) */
	if (ends[0].side == 0 && !found.read_only &&
	    shikiri_chan_format(&ends[0].ring, (void *)(uintptr_t)found.shm, found.size,
				SHIKIRI_MSG_SLOT, 0) != 0)
		return 0;
	role = CHAN_PINGS == 0 ? CHAN_PUBLISH : ends[0].side == 0 ? CHAN_PING : CHAN_PONG;
	ends[0].role = role;
	rtos_chan_stats.role = role;
#if CHAN_LOOPBACK
	task_create("chan-peer", prio + 1u, chan_task, &ends[1]);
#else
	id = found.irq;
	/* ICFGR: edge-triggered.  A virtual doorbell (srt) reads as edge
	 * already; write only if not, since the word holds 15 other IRQs. */
	shift = 2u * (id % 16u) + 1u;
	cfg = gicd_read32(GICD_ICFGR + 4u * (id / 16u));
	if (!(cfg & (1u << shift)))
		gicd_write32(GICD_ICFGR + 4u * (id / 16u), cfg | (1u << shift));
	irq_set_handler(id, doorbell_irq);
	gicd_set_priority(id, DOORBELL_PRIORITY);
	gicd_set_target(id, (uint8_t)(1u << this_vcpu()));
	gicd_enable_irq(id);
#endif
	task_create("chan", prio, chan_task, &ends[0]);
	return found.label;
}

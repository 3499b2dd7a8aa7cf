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
#define ATTACH_TRIES	  1000u
#define ATTACH_WAIT	  62500u	/* ticks: 1 ms */
#define PONG_TIMEOUT	  (62500u * 2000u)	/* ticks: 2 s */

struct chan_stats rtos_chan_stats;

static struct shikiri_chan ring;
static volatile uint32_t *doorbell;
static struct rtos_sem wake = RTOS_SEM_INIT(0);
static struct guest_chan found;
static uint32_t role;
static struct rtos_event *done_ev;
static uint32_t done_bit;

/* The bench's handover: written with IRQs masked, read by the task. */
static volatile uint32_t lat_pending;
static uint32_t lat_words[SHIKIRI_MSG_WORDS];

static void doorbell_irq(uint32_t iar)
{
	(void)iar;
	rtos_chan_stats.doorbells++;
	sem_give(&wake);
}

void chan_publish(const uint32_t w[SHIKIRI_MSG_WORDS])
{
	uint32_t cpsr;

	if (role != CHAN_PUBLISH)
		return;
	__asm__ volatile("mrs %0, cpsr\n\tcpsid i" : "=r"(cpsr)::"memory");
	for (uint32_t i = 0; i < SHIKIRI_MSG_WORDS; i++)
		lat_words[i] = w[i];
	lat_pending = 1;
	if (!(cpsr & 0x80u))
		__asm__ volatile("cpsie i" ::: "memory");
	sem_give(&wake);
}

static void send(const struct shikiri_msg *m)
{
	if (shikiri_chan_send(&ring, m, sizeof(*m)) == 0)
		rtos_chan_stats.sent++;
	else
		rtos_chan_stats.dropped++;
}

/* One message from the peer; 1 if it was the PONG for want (0: none). */
static uint32_t handle(struct shikiri_msg *m, int n, uint32_t want)
{
	if (n != (int)sizeof(*m)) {
		rtos_chan_stats.bad++;
		return 0;
	}
	if (m->type == SHIKIRI_MSG_PING) {
		if (!shikiri_msg_intact(m))
			rtos_chan_stats.bad++;
		m->type = SHIKIRI_MSG_PONG;
		send(m);
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
static uint32_t drain(uint32_t want)
{
	struct shikiri_msg m;
	uint32_t got = 0, sent = rtos_chan_stats.sent;

	for (uint32_t i = 0; i < ring.nslots; i++) {
		int n = shikiri_chan_recv(&ring, &m, sizeof(m));

		if (n == SHIKIRI_CHAN_EAGAIN)
			break;
		if (n < 0) {
			rtos_chan_stats.broken = 1; /* the peer broke the layout */
			break;
		}
		got |= handle(&m, n, want);
	}
	if (rtos_chan_stats.sent != sent)
		shikiri_chan_ring(doorbell);
	return got;
}

static void publish(void)
{
	struct shikiri_msg m = {SHIKIRI_MSG_LAT, 0, {0}};
	uint32_t cpsr;

	__asm__ volatile("mrs %0, cpsr\n\tcpsid i" : "=r"(cpsr)::"memory");
	for (uint32_t i = 0; i < SHIKIRI_MSG_WORDS; i++)
		m.w[i] = lat_words[i];
	lat_pending = 0;
	if (!(cpsr & 0x80u))
		__asm__ volatile("cpsie i" ::: "memory");
	m.w[5] = hc_trap_count(0); /* hyp irq entries on this core, now */
	m.seq = rtos_chan_stats.published + 1u;
	if (shikiri_chan_send(&ring, &m, sizeof(m)) == 0) {
		rtos_chan_stats.published++;
		rtos_chan_stats.sent++;
		shikiri_chan_ring(doorbell);
	} else {
		rtos_chan_stats.dropped++;
	}
}

/* CHAN_PINGS round trips; the figures go to rtos_chan_stats. */
static void pinger(void)
{
	uint64_t sum = 0;

	rtos_chan_stats.rt_min = UINT32_MAX;
	for (uint32_t seq = 1; seq <= CHAN_PINGS; seq++) {
		struct shikiri_msg m = {SHIKIRI_MSG_PING, seq, {0}};
		uint64_t t0 = rtos_now();
		uint32_t dt;

		for (uint32_t i = 0; i < SHIKIRI_MSG_WORDS; i++)
			m.w[i] = shikiri_msg_fill(seq, i);
		if (shikiri_chan_send(&ring, &m, sizeof(m)) != 0) {
			rtos_chan_stats.bad++;
			break;
		}
		shikiri_chan_ring(doorbell);
		while (!drain(seq))
			if (sem_take(&wake, PONG_TIMEOUT) != RTOS_OK) {
				rtos_chan_stats.timeouts++;
				return;
			}
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
	int err = SHIKIRI_CHAN_EAGAIN;

	(void)arg;
	for (uint32_t t = 0; t < ATTACH_TRIES && err == SHIKIRI_CHAN_EAGAIN; t++) {
		err = shikiri_chan_attach(&ring, (void *)(uintptr_t)found.shm, found.size,
					  found.index & 1u, 0);
		if (err == SHIKIRI_CHAN_EAGAIN)
			task_sleep(ATTACH_WAIT);
	}
	rtos_chan_stats.attach_err = err;
	rtos_chan_stats.attached = err == 0;
	if (err) {
		event_set(done_ev, done_bit);
		return;
	}
	if (role == CHAN_PING) {
		pinger();
		event_set(done_ev, done_bit);
	}
	for (;;) {
		sem_take(&wake, RTOS_FOREVER);
		if (lat_pending)
			publish();
		drain(0);
		if (role == CHAN_PONG && rtos_chan_stats.pongs == CHAN_PINGS)
			event_set(done_ev, done_bit);
	}
}

const char *chan_start(uint32_t prio, struct rtos_event *ev, uint32_t finished)
{
	struct guest_chan all[GUEST_CHAN_MAX];
	uint32_t n = guest_chan_find(0, all, GUEST_CHAN_MAX);
	uint32_t id, shift;

	if (n == 0)
		return 0;
	found = all[0];
	done_ev = ev;
	done_bit = finished;
	doorbell = (volatile uint32_t *)(uintptr_t)found.doorbell;
	/* side 0 formats, once, before any task runs (side 1 waits for it) */
	if ((found.index & 1u) == 0 && !found.read_only &&
	    shikiri_chan_format(&ring, (void *)(uintptr_t)found.shm, found.size, SHIKIRI_MSG_SLOT,
				0) != 0)
		return 0;
	role = CHAN_PINGS == 0 ? CHAN_PUBLISH : (found.index & 1u) == 0 ? CHAN_PING : CHAN_PONG;
	rtos_chan_stats.role = role;
	id = found.irq;
	shift = 2u * (id % 16u) + 1u; /* ICFGR: edge-triggered */
	gicd_write32(GICD_ICFGR + 4u * (id / 16u),
		     gicd_read32(GICD_ICFGR + 4u * (id / 16u)) | (1u << shift));
	irq_set_handler(id, doorbell_irq);
	gicd_set_priority(id, DOORBELL_PRIORITY);
	gicd_set_target(id, (uint8_t)(1u << this_vcpu()));
	gicd_enable_irq(id);
	task_create("chan", prio, chan_task, 0);
	return found.label;
}

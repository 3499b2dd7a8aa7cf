/*
 * The RTOS's channel task (chan.c).  Roles, fixed at build time by
 * CHAN_PINGS and at boot by the VM's side of the channel:
 *
 *   CHAN_PINGS == 0        CHAN_PUBLISH: publish the bench's latency reports
 *                          (the default system: Linux reads them)
 *   CHAN_PINGS > 0, side 0 CHAN_PING: CHAN_PINGS timed round trips
 *   CHAN_PINGS > 0, side 1 CHAN_PONG: answer them
 *
 * Every role answers PINGs and checks ACKs.  Only the VM's first channel
 * is used.
 */
#ifndef RTOS_CHAN_H
#define RTOS_CHAN_H

#include <stdint.h>
#include "rtos.h"
#include "shikiri_chan_msg.h"

#ifndef CHAN_PINGS
#define CHAN_PINGS 0u
#endif
/* 1: no DT channel; two tasks of this RTOS ping-pong over a ring in its own
 * RAM, woken by semaphores instead of doorbells (make bench's baseline). */
#ifndef CHAN_LOOPBACK
#define CHAN_LOOPBACK 0
#endif
#define CHAN_LOOPBACK_SIZE 0x4000u
/* How the RTOS rings: 0, the doorbell hypercall (hc_chan_ring); 1, a write
 * to the doorbell page's RING register (a trapped store, Linux's way). */
#ifndef CHAN_RING_MMIO
#define CHAN_RING_MMIO 0
#endif

#define CHAN_PUBLISH 0u
#define CHAN_PING    1u
#define CHAN_PONG    2u


struct chan_stats {
	uint32_t role, attached, broken;
	int32_t attach_err;
	uint32_t doorbells;			/* doorbell interrupts taken */
	uint32_t rings;				/* doorbells rung (the peer listened) */
	uint32_t sent, dropped, bad, timeouts;	/* bad: damaged, unknown, out of order */
	uint32_t published, acks, last_acked;	/* LAT reports and their ACKs */
	uint32_t pongs;				/* PINGs answered */
	uint32_t round_trips, rt_min, rt_avg, rt_max; /* CHAN_PING, in ticks */
};

extern struct chan_stats rtos_chan_stats;

/*
 * Before rtos_start(): find the VM's first channel in its DTB, format it
 * (side 0), route its doorbell interrupt to this vCPU and create the task
 * at priority prio.  The task sets finished in *ev when CHAN_PINGS round
 * trips are done (CHAN_PING) or answered (CHAN_PONG), or when it cannot
 * attach.  Returns the channel's label, or 0 if there is none.
 */
const char *chan_start(uint32_t prio, struct rtos_event *ev, uint32_t finished);

/* Ring the other end of the channel (chan.c), if it listens. */
struct end;
void chan_ring_peer(struct end *e);

/* From any task: hand over one latency report (periods, min, avg, max,
 * overruns, hyp irq entries); never blocks. */
void chan_publish(const uint32_t w[SHIKIRI_MSG_WORDS]);

#endif

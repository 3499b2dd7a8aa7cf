// SPDX-License-Identifier: MIT
/*
 * shikiri_chan.h: the ring library of shikiri's inter-VM channels
 * (docs/channels.md, "Ring layout").  Header-only, freestanding C11: the
 * bare-metal guests and the RTOS include it, so does the Linux tool
 * shikiri-chan (tools/chan) and the host unit test (tests/unit).
 *
 * A channel is one shared memory region of SIZE bytes (a multiple of 4 KiB)
 * between two VMs.  It holds two single-producer single-consumer rings, one
 * per direction: ring 0 is written by side 0 (the VM with shikiri,index 0,
 * which also formats the channel) and read by side 1; ring 1 the other way.
 *
 * Layout (byte offsets, every field a little-endian 32-bit word):
 *
 *	0x000 MAGIC     0x4e414843 ("CHAN" in memory), written last by format
 *	0x004 VERSION   SHIKIRI_CHAN_VERSION
 *	0x008 SIZE      bytes of the whole region (must equal what the DT says)
 *	0x00c SLOT      bytes per slot: a 4-byte length word + the payload
 *	0x010 NSLOTS    slots per ring, a power of two
 *	0x040 ring 0 HEAD   producer's index (side 0 writes)  own cache line
 *	0x044 LISTEN 0      side 0 waits for doorbells (side 0 writes, same line)
 *	0x080 ring 0 TAIL   consumer's index (side 1 writes)  own cache line
 *	0x0c0 ring 1 HEAD   (side 1 writes)
 *	0x0c4 LISTEN 1      (side 1 writes)
 *	0x100 ring 1 TAIL   (side 0 writes)
 *	0x140 ring 0 slots, NSLOTS * SLOT bytes; then ring 1 slots
 *
 * Indexes run freely (mod 2^32); slot = index & (NSLOTS - 1); a ring holds
 * HEAD - TAIL messages.  A message is the slot's length word (bytes) and
 * that many payload bytes, packed little-endian into words.
 *
 * Rules that follow from the two mappings a channel has in practice:
 *  - Only aligned 32-bit loads and stores touch the shared memory, never
 *    memcpy: Linux userspace maps it Strongly-ordered (/dev/mem or uio),
 *    where unaligned or multiple-word accesses fault or tear.
 *  - Each side keeps its own index and the geometry in private memory and
 *    only publishes them: nothing the peer writes is trusted.  A peer index
 *    that would make a ring hold more than NSLOTS, or a length word larger
 *    than a slot, is SHIKIRI_CHAN_EPROTO and nothing is read or written.
 *  - Barriers (ARMv7 "dmb ish", the inner-shareable domain holds every core
 *    that maps the channel): the producer writes the slot, dmb, then
 *    publishes HEAD, so a consumer that sees the new HEAD sees the slot; the
 *    consumer reads HEAD, dmb, then the slot (no reading it early), and
 *    reads the slot, dmb, then publishes TAIL, so the producer cannot
 *    overwrite a slot still being read; the producer reads TAIL, dmb, then
 *    writes (no store ahead of the check).  Ringing the doorbell is a device
 *    write whose effect is an interrupt in another VM: "dsb st" before it
 *    makes the published HEAD visible before it (a dmb orders only memory
 *    accesses against each other, not against that side effect).
 *  - Doorbells only for a listener: a side that waits for doorbells sets
 *    its LISTEN word; a producer rings only if the peer's is set, so that
 *    nobody traps into the hypervisor to wake a peer that is not waiting
 *    (or not even booted).  The listener stores LISTEN, dmb, then checks
 *    HEAD; the producer stores HEAD, dmb, then reads LISTEN: with a full
 *    barrier between each side's store and load, at least one of them sees
 *    the other's store, so no wake-up is lost.
 *  - Caches: the bare-metal guests run with the MMU off and Linux maps the
 *    channel uncached, so no cache maintenance is needed between them.  A
 *    PL1 peer that maps the channel cacheable passes a struct
 *    shikiri_chan_cache: clean after writing (slot, then index line),
 *    invalidate before reading (index line, then slot).
 */
#ifndef SHIKIRI_CHAN_H
#define SHIKIRI_CHAN_H

#include <stdint.h>

#define SHIKIRI_CHAN_MAGIC	0x4e414843u	/* "CHAN" */
#define SHIKIRI_CHAN_VERSION	1u
#define SHIKIRI_CHAN_LINE	64u	/* cache line of Cortex-A7/A15 */

#define SHIKIRI_CHAN_OFF_MAGIC	 0x000u
#define SHIKIRI_CHAN_OFF_VERSION 0x004u
#define SHIKIRI_CHAN_OFF_SIZE	 0x008u
#define SHIKIRI_CHAN_OFF_SLOT	 0x00cu
#define SHIKIRI_CHAN_OFF_NSLOTS	 0x010u
#define SHIKIRI_CHAN_OFF_HEAD(r) (0x040u + 0x80u * (r))
#define SHIKIRI_CHAN_OFF_TAIL(r) (0x080u + 0x80u * (r))
#define SHIKIRI_CHAN_OFF_LISTEN(s) (0x044u + 0x80u * (s))
#define SHIKIRI_CHAN_OFF_DATA	 0x140u

#define SHIKIRI_CHAN_MIN_SLOT	8u	/* length word + one payload word */
#define SHIKIRI_CHAN_MAX_SLOT	4096u
#define SHIKIRI_CHAN_MAX_SIZE	0x40000000u

/* The doorbell page (4 KiB per VM per channel, emulated by the hypervisor). */
#define SHIKIRI_DB_ID		0x000u	/* RO: SHIKIRI_DB_MAGIC */
#define SHIKIRI_DB_INFO		0x004u	/* RO: [7:0] index, [15:8] VMs, [16] read-only */
#define SHIKIRI_DB_RING		0x008u	/* WO: any write rings the other VMs */
#define SHIKIRI_DB_SIZE		0x00cu	/* RO: shared memory bytes */
#define SHIKIRI_DB_MAGIC	0x5348494bu	/* "SHIK" */

/* Results (negative); send/recv/attach return 0 or a byte count on success. */
#define SHIKIRI_CHAN_EAGAIN	(-11)	/* ring full (send), empty (recv), not formatted yet */
#define SHIKIRI_CHAN_EINVAL	(-22)	/* caller's mistake: bad argument, buffer too small */
#define SHIKIRI_CHAN_EPROTO	(-71)	/* the shared memory breaks the layout's rules */
#define SHIKIRI_CHAN_EVERSION	(-95)	/* another layout version */

/* Cache maintenance for a peer that maps the channel cacheable (0: none). */
struct shikiri_chan_cache {
	void (*clean)(volatile void *p, uint32_t len);	/* write back to memory */
	void (*inval)(volatile void *p, uint32_t len);	/* drop stale lines */
};

struct shikiri_ring {
	volatile uint32_t *head, *tail, *slots;
	uint32_t index;		/* my HEAD (tx) or my TAIL (rx): private copy */
	uint32_t peer;		/* last peer index read: TAIL (tx) or HEAD (rx) */
};

struct shikiri_chan {
	volatile uint32_t *base;
	volatile uint32_t *listen, *peer_listen;	/* LISTEN words: mine, the peer's */
	uint32_t size, slot, nslots, side;
	const struct shikiri_chan_cache *cache;
	struct shikiri_ring tx, rx;
};

#if defined(__arm__)
static inline void shikiri_chan_dmb(void)
{
	__asm__ volatile("dmb ish" ::: "memory");
}
static inline void shikiri_chan_dsb(void)
{
	__asm__ volatile("dsb st" ::: "memory");
}
#else /* the host unit test */
static inline void shikiri_chan_dmb(void)
{
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
}
static inline void shikiri_chan_dsb(void)
{
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
}
#endif

static inline volatile uint32_t *shikiri_chan_word(const struct shikiri_chan *c, uint32_t off)
{
	return c->base + off / 4u;
}

static inline void shikiri_chan_clean(const struct shikiri_chan *c, volatile void *p, uint32_t n)
{
	if (c->cache && c->cache->clean)
		c->cache->clean(p, n);
}

static inline void shikiri_chan_inval(const struct shikiri_chan *c, volatile void *p, uint32_t n)
{
	if (c->cache && c->cache->inval)
		c->cache->inval(p, n);
}

/*
 * The largest power-of-two slot count for which both rings fit in size
 * bytes with slot bytes per slot, or 0 if not even one does.
 */
static inline uint32_t shikiri_chan_fit(uint32_t size, uint32_t slot)
{
	uint32_t n = 1;

	if (slot == 0 || size < SHIKIRI_CHAN_OFF_DATA + 2u * slot)
		return 0;
	while (n < (1u << 30) && (uint64_t)4u * n * slot <= size - SHIKIRI_CHAN_OFF_DATA)
		n *= 2u;
	return n;
}

/* Geometry checks shared by format and attach; sets the private view. */
static inline int shikiri_chan_setup(struct shikiri_chan *c, void *base, uint32_t size,
				     uint32_t slot, uint32_t nslots, uint32_t side)
{
	uint64_t need = SHIKIRI_CHAN_OFF_DATA + 2ull * nslots * slot;
	uint32_t r0 = side, r1 = side ^ 1u;

	if (!base || ((uintptr_t)base & 3u) || size > SHIKIRI_CHAN_MAX_SIZE || (size & 3u) ||
	    side > 1u)
		return SHIKIRI_CHAN_EINVAL;
	if (slot < SHIKIRI_CHAN_MIN_SLOT || slot > SHIKIRI_CHAN_MAX_SLOT || (slot & 3u) ||
	    nslots == 0 || (nslots & (nslots - 1u)) || nslots > (1u << 30) || need > size)
		return SHIKIRI_CHAN_EPROTO;
	c->base = base;
	c->size = size;
	c->slot = slot;
	c->nslots = nslots;
	c->side = side;
	c->tx.head = shikiri_chan_word(c, SHIKIRI_CHAN_OFF_HEAD(r0));
	c->tx.tail = shikiri_chan_word(c, SHIKIRI_CHAN_OFF_TAIL(r0));
	c->tx.slots = shikiri_chan_word(c, SHIKIRI_CHAN_OFF_DATA + r0 * nslots * slot);
	c->rx.head = shikiri_chan_word(c, SHIKIRI_CHAN_OFF_HEAD(r1));
	c->rx.tail = shikiri_chan_word(c, SHIKIRI_CHAN_OFF_TAIL(r1));
	c->rx.slots = shikiri_chan_word(c, SHIKIRI_CHAN_OFF_DATA + r1 * nslots * slot);
	c->listen = shikiri_chan_word(c, SHIKIRI_CHAN_OFF_LISTEN(r0));
	c->peer_listen = shikiri_chan_word(c, SHIKIRI_CHAN_OFF_LISTEN(r1));
	return 0;
}

/*
 * Side 0 lays the channel out: slot bytes per slot (multiple of 4, 8..4096),
 * as many slots as fit (power of two), both rings empty.  MAGIC goes 0
 * first and is written last, after a barrier, so that a peer which sees it
 * sees the rest.  Format once, before the peer attaches.
 */
static inline int shikiri_chan_format(struct shikiri_chan *c, void *base, uint32_t size,
				      uint32_t slot, const struct shikiri_chan_cache *cache)
{
	int err;

	c->cache = cache;
	err = shikiri_chan_setup(c, base, size, slot, shikiri_chan_fit(size, slot), 0);
	if (err)
		return err == SHIKIRI_CHAN_EPROTO ? SHIKIRI_CHAN_EINVAL : err;
	*shikiri_chan_word(c, SHIKIRI_CHAN_OFF_MAGIC) = 0;
	shikiri_chan_clean(c, c->base, SHIKIRI_CHAN_LINE);
	shikiri_chan_dmb();
	*shikiri_chan_word(c, SHIKIRI_CHAN_OFF_VERSION) = SHIKIRI_CHAN_VERSION;
	*shikiri_chan_word(c, SHIKIRI_CHAN_OFF_SIZE) = size;
	*shikiri_chan_word(c, SHIKIRI_CHAN_OFF_SLOT) = slot;
	*shikiri_chan_word(c, SHIKIRI_CHAN_OFF_NSLOTS) = c->nslots;
	for (uint32_t r = 0; r < 2u; r++) {
		*shikiri_chan_word(c, SHIKIRI_CHAN_OFF_HEAD(r)) = 0;
		*shikiri_chan_word(c, SHIKIRI_CHAN_OFF_TAIL(r)) = 0;
		*shikiri_chan_word(c, SHIKIRI_CHAN_OFF_LISTEN(r)) = 0;
	}
	c->tx.index = c->tx.peer = 0;
	c->rx.index = c->rx.peer = 0;
	shikiri_chan_clean(c, c->base, SHIKIRI_CHAN_OFF_DATA);
	shikiri_chan_dmb();
	*shikiri_chan_word(c, SHIKIRI_CHAN_OFF_MAGIC) = SHIKIRI_CHAN_MAGIC;
	shikiri_chan_clean(c, c->base, SHIKIRI_CHAN_LINE);
	return 0;
}

/*
 * Either side joins a formatted channel of size bytes (what its DT or the
 * doorbell's SIZE says, not what the header says).  Resumes where this
 * side's previous user left off: its own indexes are read back once and
 * checked.  EAGAIN: not formatted yet (retry); EVERSION; EPROTO: a header
 * or index that breaks the rules.
 */
static inline int shikiri_chan_attach(struct shikiri_chan *c, void *base, uint32_t size,
				      uint32_t side, const struct shikiri_chan_cache *cache)
{
	volatile uint32_t *h = base;
	uint32_t slot, nslots;
	int err;

	if (!base || ((uintptr_t)base & 3u) || side > 1u || size < SHIKIRI_CHAN_OFF_DATA)
		return SHIKIRI_CHAN_EINVAL;
	c->cache = cache;
	c->base = h;
	shikiri_chan_inval(c, h, SHIKIRI_CHAN_OFF_DATA);
	if (h[SHIKIRI_CHAN_OFF_MAGIC / 4u] != SHIKIRI_CHAN_MAGIC)
		return SHIKIRI_CHAN_EAGAIN;
	shikiri_chan_dmb();
	if (h[SHIKIRI_CHAN_OFF_VERSION / 4u] != SHIKIRI_CHAN_VERSION)
		return SHIKIRI_CHAN_EVERSION;
	if (h[SHIKIRI_CHAN_OFF_SIZE / 4u] != size)
		return SHIKIRI_CHAN_EPROTO;
	slot = h[SHIKIRI_CHAN_OFF_SLOT / 4u];
	nslots = h[SHIKIRI_CHAN_OFF_NSLOTS / 4u];
	err = shikiri_chan_setup(c, base, size, slot, nslots, side);
	if (err)
		return err;
	c->tx.index = *c->tx.head;
	c->tx.peer = *c->tx.tail;
	c->rx.index = *c->rx.tail;
	c->rx.peer = *c->rx.head;
	if (c->tx.index - c->tx.peer > nslots || c->rx.peer - c->rx.index > nslots)
		return SHIKIRI_CHAN_EPROTO;
	shikiri_chan_dmb();
	return 0;
}

/* Largest payload in bytes. */
static inline uint32_t shikiri_chan_max_msg(const struct shikiri_chan *c)
{
	return c->slot - 4u;
}

/*
 * Queue one message of len bytes (any alignment in private memory).
 * 0, EAGAIN (ring full: the peer has not caught up), EINVAL (too long),
 * EPROTO (the peer's TAIL is impossible).  Ring the doorbell afterwards.
 */
static inline int shikiri_chan_send(struct shikiri_chan *c, const void *msg, uint32_t len)
{
	struct shikiri_ring *r = &c->tx;
	const uint8_t *src = msg;
	volatile uint32_t *s;

	if (len > shikiri_chan_max_msg(c) || (len && !msg))
		return SHIKIRI_CHAN_EINVAL;
	if (r->index - r->peer >= c->nslots) {
		uint32_t tail;

		shikiri_chan_inval(c, r->tail, 4);
		tail = *r->tail;
		shikiri_chan_dmb(); /* the slot writes below come after this read */
		if (r->index - tail > c->nslots)
			return SHIKIRI_CHAN_EPROTO;
		r->peer = tail;
		if (r->index - tail == c->nslots)
			return SHIKIRI_CHAN_EAGAIN;
	}
	s = r->slots + (r->index & (c->nslots - 1u)) * (c->slot / 4u);
	s[0] = len;
	for (uint32_t i = 0; i < len; i += 4u) {
		uint32_t w = 0;

		for (uint32_t k = 0; k < 4u && i + k < len; k++)
			w |= (uint32_t)src[i + k] << (8u * k);
		s[1u + i / 4u] = w;
	}
	shikiri_chan_clean(c, s, 4u + len);
	shikiri_chan_dmb(); /* the slot before HEAD */
	r->index++;
	*r->head = r->index;
	shikiri_chan_clean(c, r->head, 4);
	return 0;
}

/*
 * Take the oldest message into buf (cap bytes).  Returns its length, or
 * EAGAIN (empty), EINVAL (cap too small: the message stays), EPROTO (the
 * peer's HEAD or the length word is impossible: the message stays).
 */
static inline int shikiri_chan_recv(struct shikiri_chan *c, void *buf, uint32_t cap)
{
	struct shikiri_ring *r = &c->rx;
	uint8_t *dst = buf;
	volatile uint32_t *s;
	uint32_t len;

	if (r->index == r->peer) {
		uint32_t head;

		shikiri_chan_inval(c, r->head, 4);
		head = *r->head;
		shikiri_chan_dmb(); /* HEAD before the slot */
		if (head - r->index > c->nslots)
			return SHIKIRI_CHAN_EPROTO;
		r->peer = head;
		if (head == r->index)
			return SHIKIRI_CHAN_EAGAIN;
	}
	s = r->slots + (r->index & (c->nslots - 1u)) * (c->slot / 4u);
	shikiri_chan_inval(c, s, c->slot);
	len = s[0];
	if (len > shikiri_chan_max_msg(c))
		return SHIKIRI_CHAN_EPROTO;
	if (len > cap || (len && !buf))
		return SHIKIRI_CHAN_EINVAL;
	for (uint32_t i = 0; i < len; i += 4u) {
		uint32_t w = s[1u + i / 4u];

		for (uint32_t k = 0; k < 4u && i + k < len; k++)
			dst[i + k] = (uint8_t)(w >> (8u * k));
	}
	shikiri_chan_dmb(); /* the slot reads before TAIL frees it */
	r->index++;
	*r->tail = r->index;
	shikiri_chan_clean(c, r->tail, 4);
	return (int)len;
}

/* Messages waiting in the receive ring (0 also when the peer's HEAD is bad). */
static inline uint32_t shikiri_chan_pending(struct shikiri_chan *c)
{
	uint32_t head;

	shikiri_chan_inval(c, c->rx.head, 4);
	head = *c->rx.head;
	if (head - c->rx.index > c->nslots)
		return 0;
	return head - c->rx.index;
}

/*
 * on != 0: this side waits for doorbells from now on (0: it stops).  Set it
 * before the first "is the ring empty?" check that may lead to a wait.
 */
static inline void shikiri_chan_listen(struct shikiri_chan *c, uint32_t on)
{
	*c->listen = on ? 1u : 0u;
	shikiri_chan_clean(c, c->listen, 4);
	shikiri_chan_dmb(); /* LISTEN before the caller's HEAD check */
}

/* Whether the peer waits for doorbells: ask after publishing HEAD. */
static inline int shikiri_chan_peer_listens(const struct shikiri_chan *c)
{
	shikiri_chan_dmb(); /* HEAD (published by send) before reading LISTEN */
	shikiri_chan_inval(c, c->peer_listen, 4);
	return *c->peer_listen != 0;
}

/*
 * Ring the peer: db is the doorbell page.  "dsb st" first: see the barrier
 * rules at the top (the interrupt must not overtake the published HEAD).
 */
static inline void shikiri_chan_ring(volatile uint32_t *db)
{
	shikiri_chan_dsb();
	db[SHIKIRI_DB_RING / 4u] = 1u;
}

#endif

// SPDX-License-Identifier: MIT
/*
 * Host unit test of the channel ring library (guests/include/shikiri_chan.h):
 * two sides on one word array as the shared memory. Format and attach
 * checks, full and empty rings, wraparound of the slots and of the 32-bit
 * indexes, resuming after a re-attach, a peer that corrupts indexes or
 * length words, and 100,000 messages of varying length in both directions
 * with every byte checked.
 */
#include <stdio.h>
#include <string.h>

#include "shikiri_chan.h"

#define SHM_SIZE 0x1000u

static uint32_t shm[SHM_SIZE / 4];
static int failures;

#define CHECK(cond)                                                                                \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			printf("FAIL unit/chan: %s:%d: %s\n", __FILE__, __LINE__, #cond);          \
			failures++;                                                                \
		}                                                                                  \
	} while (0)

static void fresh(struct shikiri_chan *a, struct shikiri_chan *b, uint32_t slot)
{
	memset(shm, 0xa5, sizeof(shm));
	CHECK(shikiri_chan_attach(b, shm, SHM_SIZE, 1, 0) == SHIKIRI_CHAN_EAGAIN);
	CHECK(shikiri_chan_format(a, shm, SHM_SIZE, slot, 0) == 0);
	CHECK(shikiri_chan_attach(b, shm, SHM_SIZE, 1, 0) == 0);
}

static void test_geometry(void)
{
	struct shikiri_chan a, b;

	fresh(&a, &b, 64);
	/* (4096 - 0x140) / (2 * 64) = 29.5: 16 slots per ring */
	CHECK(a.nslots == 16 && b.nslots == 16);
	CHECK(shm[SHIKIRI_CHAN_OFF_MAGIC / 4] == SHIKIRI_CHAN_MAGIC);
	CHECK(memcmp(&shm[0], "CHAN", 4) == 0);
	CHECK(shikiri_chan_max_msg(&a) == 60);
	/* the rings do not overlap and stay inside the region */
	CHECK(a.tx.slots == b.rx.slots && a.rx.slots == b.tx.slots);
	CHECK(b.tx.slots + 16 * 16 <= shm + SHM_SIZE / 4);
	CHECK(a.tx.head == b.rx.head && a.tx.tail == b.rx.tail);
	CHECK((char *)a.tx.head - (char *)a.tx.tail >= (long)SHIKIRI_CHAN_LINE ||
	      (char *)a.tx.tail - (char *)a.tx.head >= (long)SHIKIRI_CHAN_LINE);

	/* bad formats */
	CHECK(shikiri_chan_format(&a, shm, SHM_SIZE, 6, 0) == SHIKIRI_CHAN_EINVAL);
	CHECK(shikiri_chan_format(&a, shm, SHM_SIZE, 4, 0) == SHIKIRI_CHAN_EINVAL);
	CHECK(shikiri_chan_format(&a, shm, SHM_SIZE, 8192, 0) == SHIKIRI_CHAN_EINVAL);
	CHECK(shikiri_chan_format(&a, shm, 0x100, 64, 0) == SHIKIRI_CHAN_EINVAL);
	CHECK(shikiri_chan_format(&a, (char *)shm + 2, SHM_SIZE - 4, 64, 0) == SHIKIRI_CHAN_EINVAL);
}

static void test_attach_checks(void)
{
	struct shikiri_chan a, b;

	fresh(&a, &b, 64);
	/* size other than the DT's */
	CHECK(shikiri_chan_attach(&b, shm, SHM_SIZE / 2, 1, 0) == SHIKIRI_CHAN_EPROTO);
	CHECK(shikiri_chan_attach(&b, shm, SHM_SIZE, 2, 0) == SHIKIRI_CHAN_EINVAL);
	shm[1] = 2;
	CHECK(shikiri_chan_attach(&b, shm, SHM_SIZE, 1, 0) == SHIKIRI_CHAN_EVERSION);
	shm[1] = SHIKIRI_CHAN_VERSION;
	shm[0] ^= 1;
	CHECK(shikiri_chan_attach(&b, shm, SHM_SIZE, 1, 0) == SHIKIRI_CHAN_EAGAIN);
	shm[0] ^= 1;
	shm[SHIKIRI_CHAN_OFF_NSLOTS / 4] = 12; /* not a power of two */
	CHECK(shikiri_chan_attach(&b, shm, SHM_SIZE, 1, 0) == SHIKIRI_CHAN_EPROTO);
	shm[SHIKIRI_CHAN_OFF_NSLOTS / 4] = 64; /* does not fit */
	CHECK(shikiri_chan_attach(&b, shm, SHM_SIZE, 1, 0) == SHIKIRI_CHAN_EPROTO);
	shm[SHIKIRI_CHAN_OFF_NSLOTS / 4] = 16;
	shm[SHIKIRI_CHAN_OFF_SLOT / 4] = 66; /* not word-sized */
	CHECK(shikiri_chan_attach(&b, shm, SHM_SIZE, 1, 0) == SHIKIRI_CHAN_EPROTO);
	shm[SHIKIRI_CHAN_OFF_SLOT / 4] = 0x10000000; /* 2 * 16 * slot wraps 32 bits */
	CHECK(shikiri_chan_attach(&b, shm, SHM_SIZE, 1, 0) == SHIKIRI_CHAN_EPROTO);
	shm[SHIKIRI_CHAN_OFF_SLOT / 4] = 64;
	shm[SHIKIRI_CHAN_OFF_HEAD(0) / 4] = 17; /* more than a ring holds */
	CHECK(shikiri_chan_attach(&b, shm, SHM_SIZE, 1, 0) == SHIKIRI_CHAN_EPROTO);
	shm[SHIKIRI_CHAN_OFF_HEAD(0) / 4] = 0;
	CHECK(shikiri_chan_attach(&b, shm, SHM_SIZE, 1, 0) == 0);
}

static void test_full_empty(void)
{
	struct shikiri_chan a, b;
	uint8_t buf[64];
	uint32_t v;

	fresh(&a, &b, 16);
	CHECK(shikiri_chan_recv(&b, buf, sizeof(buf)) == SHIKIRI_CHAN_EAGAIN);
	CHECK(shikiri_chan_send(&a, buf, 13) == SHIKIRI_CHAN_EINVAL); /* > 12 */
	for (v = 0; v < a.nslots; v++)
		CHECK(shikiri_chan_send(&a, &v, 4) == 0);
	CHECK(shikiri_chan_send(&a, &v, 4) == SHIKIRI_CHAN_EAGAIN);
	CHECK(shikiri_chan_pending(&b) == a.nslots);
	/* the other direction is independent */
	CHECK(shikiri_chan_recv(&a, buf, sizeof(buf)) == SHIKIRI_CHAN_EAGAIN);
	CHECK(shikiri_chan_send(&b, "pong", 4) == 0);
	CHECK(shikiri_chan_recv(&a, buf, sizeof(buf)) == 4 && memcmp(buf, "pong", 4) == 0);
	/* too small a buffer leaves the message where it is */
	CHECK(shikiri_chan_recv(&b, buf, 3) == SHIKIRI_CHAN_EINVAL);
	CHECK(shikiri_chan_recv(&b, &v, 4) == 4 && v == 0);
	CHECK(shikiri_chan_send(&a, &v, 4) == 0);
	CHECK(shikiri_chan_send(&a, &v, 4) == SHIKIRI_CHAN_EAGAIN);
	for (uint32_t i = 1; i < a.nslots; i++)
		CHECK(shikiri_chan_recv(&b, &v, 4) == 4 && v == i);
	CHECK(shikiri_chan_recv(&b, &v, 4) == 4 && v == 0);
	CHECK(shikiri_chan_recv(&b, &v, 4) == SHIKIRI_CHAN_EAGAIN);
	/* empty messages are messages */
	CHECK(shikiri_chan_send(&a, 0, 0) == 0);
	CHECK(shikiri_chan_recv(&b, 0, 0) == 0);
	CHECK(shikiri_chan_recv(&b, 0, 0) == SHIKIRI_CHAN_EAGAIN);
}

/* The 32-bit indexes wrap around: start both rings just below 2^32. */
static void test_index_wrap(void)
{
	struct shikiri_chan a, b;
	uint32_t v;

	fresh(&a, &b, 16);
	for (uint32_t r = 0; r < 2; r++) {
		shm[SHIKIRI_CHAN_OFF_HEAD(r) / 4] = 0xfffffffau;
		shm[SHIKIRI_CHAN_OFF_TAIL(r) / 4] = 0xfffffffau;
	}
	CHECK(shikiri_chan_attach(&a, shm, SHM_SIZE, 0, 0) == 0);
	CHECK(shikiri_chan_attach(&b, shm, SHM_SIZE, 1, 0) == 0);
	for (v = 0; v < 40; v++) {
		uint32_t got = ~0u;

		CHECK(shikiri_chan_send(&a, &v, 4) == 0);
		CHECK(shikiri_chan_send(&a, &v, 4) == 0);
		CHECK(shikiri_chan_recv(&b, &got, 4) == 4 && got == v);
		CHECK(shikiri_chan_recv(&b, &got, 4) == 4 && got == v);
	}
	CHECK(shm[SHIKIRI_CHAN_OFF_HEAD(0) / 4] == 0xfffffffau + 80u);
}

/* A tool run that ends and a new one that attaches carry on. */
static void test_resume(void)
{
	struct shikiri_chan a, b, b2;
	uint32_t v;

	fresh(&a, &b, 16);
	for (v = 0; v < 5; v++)
		CHECK(shikiri_chan_send(&a, &v, 4) == 0);
	CHECK(shikiri_chan_recv(&b, &v, 4) == 4 && v == 0);
	CHECK(shikiri_chan_send(&b, "x", 1) == 0);
	CHECK(shikiri_chan_attach(&b2, shm, SHM_SIZE, 1, 0) == 0);
	CHECK(shikiri_chan_recv(&b2, &v, 4) == 4 && v == 1);
	CHECK(shikiri_chan_send(&b2, "y", 1) == 0);
	CHECK(shikiri_chan_recv(&a, &v, 4) == 1 && (v & 0xff) == 'x');
	CHECK(shikiri_chan_recv(&a, &v, 4) == 1 && (v & 0xff) == 'y');
}

/* The peer writes nonsense: nothing is read out of bounds or accepted. */
static void test_hostile_peer(void)
{
	struct shikiri_chan a, b;
	uint8_t buf[16];
	uint32_t v = 7;

	fresh(&a, &b, 16);
	*b.rx.head = 1000; /* "1000 messages" in a 16-slot ring */
	CHECK(shikiri_chan_recv(&b, buf, sizeof(buf)) == SHIKIRI_CHAN_EPROTO);
	CHECK(shikiri_chan_pending(&b) == 0);
	*b.rx.head = 0;
	CHECK(shikiri_chan_send(&a, &v, 4) == 0);
	b.rx.slots[0] = 0x7fffffff; /* length word beyond the slot */
	CHECK(shikiri_chan_recv(&b, buf, sizeof(buf)) == SHIKIRI_CHAN_EPROTO);
	b.rx.slots[0] = 13;
	CHECK(shikiri_chan_recv(&b, buf, sizeof(buf)) == SHIKIRI_CHAN_EPROTO);
	b.rx.slots[0] = 4;
	CHECK(shikiri_chan_recv(&b, buf, sizeof(buf)) == 4);
	/* a TAIL ahead of HEAD, seen when the ring looks full */
	for (v = 0; v < a.nslots - 1; v++)
		CHECK(shikiri_chan_send(&a, &v, 4) == 0);
	*a.tx.tail = 0x80000000u;
	CHECK(shikiri_chan_send(&a, &v, 4) == SHIKIRI_CHAN_EPROTO);
}

/* LISTEN: each side's flag is the other's peer flag; format clears both. */
static void test_listen(void)
{
	struct shikiri_chan a, b;

	fresh(&a, &b, 16);
	CHECK(!shikiri_chan_peer_listens(&a) && !shikiri_chan_peer_listens(&b));
	shikiri_chan_listen(&b, 1);
	CHECK(shikiri_chan_peer_listens(&a) && !shikiri_chan_peer_listens(&b));
	CHECK(shm[SHIKIRI_CHAN_OFF_LISTEN(1) / 4] == 1 && shm[SHIKIRI_CHAN_OFF_LISTEN(0) / 4] == 0);
	shikiri_chan_listen(&a, 1);
	shikiri_chan_listen(&b, 0);
	CHECK(!shikiri_chan_peer_listens(&a) && shikiri_chan_peer_listens(&b));
	/* LISTEN shares the line of its owner's HEAD, never the peer's TAIL */
	CHECK(SHIKIRI_CHAN_OFF_LISTEN(0) / SHIKIRI_CHAN_LINE == SHIKIRI_CHAN_OFF_HEAD(0) / SHIKIRI_CHAN_LINE);
	CHECK(SHIKIRI_CHAN_OFF_LISTEN(1) / SHIKIRI_CHAN_LINE == SHIKIRI_CHAN_OFF_HEAD(1) / SHIKIRI_CHAN_LINE);
	CHECK(shikiri_chan_format(&a, shm, SHM_SIZE, 16, 0) == 0);
	CHECK(shm[SHIKIRI_CHAN_OFF_LISTEN(0) / 4] == 0 && shm[SHIKIRI_CHAN_OFF_LISTEN(1) / 4] == 0);
}

static uint32_t rng = 12345;
static uint32_t next_rand(void)
{
	rng = rng * 1103515245u + 12345u;
	return rng >> 8;
}

/* 100,000 messages each way, lengths 0..max, interleaved unevenly. */
static void test_stream(void)
{
	struct shikiri_chan a, b;
	uint8_t out[64], in[64];
	uint32_t sent = 0, got = 0, back = 0, bad = 0, stalls = 0;
	const uint32_t total = 100000;

	fresh(&a, &b, 64);
	for (uint32_t round = 0; round < 10u * total && got < total; round++) {
		uint32_t burst = next_rand() % 24u;

		for (uint32_t i = 0; i < burst && sent < total; i++) {
			uint32_t len = 4u + sent % (shikiri_chan_max_msg(&a) - 3u);
			int r;

			for (uint32_t k = 0; k < len; k++)
				out[k] = (uint8_t)(sent * 31u + k);
			memcpy(out, &sent, 4);
			r = shikiri_chan_send(&a, out, len);
			if (r == SHIKIRI_CHAN_EAGAIN) {
				stalls++;
				break;
			}
			CHECK(r == 0);
			sent++;
		}
		burst = next_rand() % 24u;
		for (uint32_t i = 0; i < burst; i++) {
			int n = shikiri_chan_recv(&b, in, sizeof(in));
			uint32_t seq;

			if (n == SHIKIRI_CHAN_EAGAIN)
				break;
			memcpy(&seq, in, 4);
			if (n != (int)(4u + got % (shikiri_chan_max_msg(&a) - 3u)) || seq != got)
				bad++;
			for (int k = 4; k < n; k++)
				if (in[k] != (uint8_t)(got * 31u + (uint32_t)k))
					bad++;
			got++;
			/* answer each with its sequence number */
			while (shikiri_chan_send(&b, &seq, 4) == SHIKIRI_CHAN_EAGAIN) {
				uint32_t ack;

				CHECK(shikiri_chan_recv(&a, &ack, 4) == 4 && ack == back);
				back++;
			}
		}
	}
	for (uint32_t ack; shikiri_chan_recv(&a, &ack, 4) == 4; back++)
		CHECK(ack == back);
	CHECK(sent == total && got == total && back == total && bad == 0);
	CHECK(stalls > 0); /* the full ring was exercised */
	if (bad)
		printf("FAIL unit/chan: stream: %u bad\n", bad);
}

/* Every shared access is a word access inside the region: run with a
 * cache hook that checks alignment and bounds of what it is told about. */
static uint32_t hook_calls, hook_bad;
static void hook(volatile void *p, uint32_t len)
{
	uintptr_t a = (uintptr_t)p, lo = (uintptr_t)shm;

	hook_calls++;
	if ((a & 3u) || a < lo || a + len > lo + SHM_SIZE)
		hook_bad++;
}

static void test_cache_hooks(void)
{
	static const struct shikiri_chan_cache ops = {hook, hook};
	struct shikiri_chan a, b;
	uint32_t v = 1;

	memset(shm, 0, sizeof(shm));
	CHECK(shikiri_chan_format(&a, shm, SHM_SIZE, 4096 / 8, &ops) == 0);
	CHECK(shikiri_chan_attach(&b, shm, SHM_SIZE, 1, &ops) == 0);
	for (uint32_t i = 0; i < 20; i++) {
		CHECK(shikiri_chan_send(&a, &v, 4) == 0);
		CHECK(shikiri_chan_recv(&b, &v, 4) == 4);
	}
	CHECK(hook_calls > 80 && hook_bad == 0);
}

int main(void)
{
	test_geometry();
	test_attach_checks();
	test_full_empty();
	test_index_wrap();
	test_resume();
	test_hostile_peer();
	test_listen();
	test_stream();
	test_cache_hooks();
	if (!failures)
		printf("PASS unit/chan\n");
	return failures != 0;
}

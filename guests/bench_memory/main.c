/*
 * bench_memory: random-access pointer chase over a 64 MiB buffer for
 * `make bench`.  The buffer is cut into 64-byte slots; Sattolo's algorithm
 * links them into one random cycle, which is then followed for
 * BENCH_CHASE_STEPS loads.  Run bare and in a partition (the partition
 * needs RAM up to BUF_BASE + BUF_SIZE: 96 MiB at IPA 0x40000000).
 *
 * QEMU does not model TLB or cache timing, so under icount the result is an
 * instruction count: a regression guard, not a memory-latency figure.
 *
 * Output:
 *   bench: memory env=E bytes=B slots=S steps=N build=T1 chase=T2 cycle=ok|bad
 */
#include "../bench_common/bench.h"

#define BUF_BASE	0x41000000u	/* 16 MiB above the RAM base */
#define BUF_SIZE	(64u << 20)
#define SLOT		64u
#define NR_SLOTS	(BUF_SIZE / SLOT)
#ifndef BENCH_CHASE_STEPS
#define BENCH_CHASE_STEPS	NR_SLOTS
#endif

static inline volatile uint32_t *slot(uint32_t i)
{
	return (volatile uint32_t *)(uintptr_t)(BUF_BASE + i * SLOT);
}

static uint32_t rng_state = 0x2545f491u;

static inline uint32_t xorshift32(void)
{
	uint32_t x = rng_state;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	rng_state = x;
	return x;
}

int main(void)
{
	uint32_t base, size, p, steps_to_start = 0;
	uint64_t t0, t1, t2;
	bool cycle_ok;

	bench_init();
	if (bench_in_partition && (hc_mem_info(&base, &size) != 0 ||
				   BUF_BASE < base || BUF_BASE + BUF_SIZE > base + size)) {
		printf("bench: memory-error RAM 0x%08lx+0x%08lx does not hold the buffer\n",
		       base, size);
		psci_system_off();
	}

	t0 = timer_virt_count();
	for (uint32_t i = 0; i < NR_SLOTS; i++)
		*slot(i) = (uint32_t)(uintptr_t)slot(i);
	/* Sattolo: swapping only with j < i yields a single cycle. */
	for (uint32_t i = NR_SLOTS - 1; i > 0; i--) {
		uint32_t j = xorshift32() % i;
		uint32_t tmp = *slot(i);

		*slot(i) = *slot(j);
		*slot(j) = tmp;
	}
	t1 = timer_virt_count();
	p = BUF_BASE;
	for (uint32_t s = 0; s < BENCH_CHASE_STEPS; s++)
		p = *(volatile uint32_t *)(uintptr_t)p;
	t2 = timer_virt_count();

	/* Not timed: one full cycle must visit every slot once. */
	p = BUF_BASE;
	do {
		p = *(volatile uint32_t *)(uintptr_t)p;
		steps_to_start++;
	} while (p != BUF_BASE && steps_to_start <= NR_SLOTS);
	cycle_ok = steps_to_start == NR_SLOTS;

	printf("bench: memory env=%s bytes=%lu slots=%lu steps=%lu build=",
	       bench_env(), (uint32_t)BUF_SIZE, (uint32_t)NR_SLOTS,
	       (uint32_t)BENCH_CHASE_STEPS);
	bench_put_u64(t1 - t0);
	printf(" chase=");
	bench_put_u64(t2 - t1);
	printf(" cycle=%s\n", cycle_ok ? "ok" : "bad");
	printf("bench: done\n");
	psci_system_off();
}

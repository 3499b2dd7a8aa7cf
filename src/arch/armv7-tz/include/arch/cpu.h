/* SPDX-License-Identifier: MIT */
/* Per-core monitor set-up, caches, the counter (the Cortex-A9 global timer). */
#ifndef ARCH_CPU_H
#define ARCH_CPU_H

#include "types.h"
#include "arch/sysregs.h"

struct trap_frame;

NORETURN void cpu_halt(void);
void cpu_arch_init(uint32_t index);
void cache_clean_range(const void *start, size_t len);
void cache_clean_invalidate_range(const void *start, size_t len);
/* An interrupt is pending at this core (ISR: I, F). */
static inline bool cpu_arch_irq_pending(void)
{
	uint32_t isr;

	__asm__ volatile("mrc p15, 0, %0, c12, c1, 0" : "=r"(isr));
	return (isr & 0xc0u) != 0;
}
void icache_invalidate_all(void);
void cpu_arch_shared_init(void);
void cpu_arch_wait_irq(uint32_t max);
void cpu_arch_wait_kick(uint32_t max);
uint64_t cpu_arch_counter(void);
uint32_t cpu_arch_counter_hz(void);
static inline uint64_t cpu_arch_counter_stamp(void)
{
	return cpu_arch_counter();
}

#endif

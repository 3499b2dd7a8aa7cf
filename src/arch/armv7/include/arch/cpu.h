/* SPDX-License-Identifier: MIT */
/* Per-core architecture operations used by core code. */
#ifndef ARCH_CPU_H
#define ARCH_CPU_H

#include "types.h"
#include "arch/sysregs.h"

struct trap_frame;

/* Stop this core for good (interrupts masked, wfi loop). */
NORETURN void cpu_halt(void);
/* Set up Hyp registers that are the same for every vCPU on this core. */
void cpu_arch_init(uint32_t index);
/* Clean a range of the data cache to the point of coherency: guests start with
 * their MMU (and so their caches) off and must see what the hypervisor wrote. */
void cache_clean_range(const void *start, size_t len);
/* Clean and invalidate a range of the data cache to the point of coherency. */
void cache_clean_invalidate_range(const void *start, size_t len);
/* Is a physical IRQ or FIQ pending for this core (ISR)? The preemption
 * point of chunked hypervisor jobs (vcpu.h): the Hyp timer of a budget or a
 * neighbour's interrupt shows here while Hyp runs with them masked. */
static inline bool cpu_arch_irq_pending(void)
{
	uint32_t isr;

	/* ISR: bit 7 I, bit 6 F. */
	__asm__ volatile("mrc p15, 0, %0, c12, c1, 0" : "=r"(isr));
	return (isr & 0xc0u) != 0;
}
/* Make newly written guest code visible to instruction fetch. */
void icache_invalidate_all(void);
/* Shared cores: per-core set-up once the core is up (the hypervisor's
 * interrupts, no guest on the CPU interface yet). */
void cpu_arch_shared_init(void);
/* Wait in WFI for an interrupt and handle up to max pending ones (a shared
 * core's idle: each counts as a hypervisor IRQ entry). */
void cpu_arch_wait_irq(uint32_t max);
/* The same on a core waiting for its vCPU to be started (no guest runs:
 * nothing is counted); returns at once after a kick (gic_handle_irq_waiting). */
void cpu_arch_wait_kick(uint32_t max);
/* The system counter (CNTPCT) and its frequency in Hz. */
uint64_t cpu_arch_counter(void);
uint32_t cpu_arch_counter_hz(void);
/* The counter without the isb of cpu_arch_counter, in line: a time stamp
 * whose order against the instructions around it does not matter (the
 * vUART's idle-flush stamp per character). */
static inline uint64_t cpu_arch_counter_stamp(void)
{
	return read_cntpct();
}

#endif

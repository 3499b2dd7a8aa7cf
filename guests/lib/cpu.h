/* CPU helpers: identity and the barriers/events used for vCPU handshakes. */
#ifndef GUEST_CPU_H
#define GUEST_CPU_H

#include <stdint.h>

#define GUEST_MAX_VCPUS	4	/* must match guest.ld and start.S */
#define MPIDR_AFF0_MASK	0xffu
#define MPIDR_AFF_MASK	0x00ffffffu	/* Aff2..Aff0; bits 31/30 are flags */

static inline uint32_t read_mpidr(void)
{
	uint32_t v;

	__asm__ volatile("mrc p15, 0, %0, c0, c0, 5" : "=r"(v));
	return v;
}

/* The vCPU index as this guest sees it (MPIDR Aff0). */
static inline uint32_t this_vcpu(void)
{
	return read_mpidr() & MPIDR_AFF0_MASK;
}

static inline void dsb(void) { __asm__ volatile("dsb" ::: "memory"); }
static inline void isb(void) { __asm__ volatile("isb" ::: "memory"); }
static inline void sev(void) { __asm__ volatile("sev" ::: "memory"); }
static inline void wfe(void) { __asm__ volatile("wfe" ::: "memory"); }
static inline void wfi(void) { __asm__ volatile("wfi" ::: "memory"); }

/*
 * What the core has (ID_PFR1): the generic timer (bits 19:16) and the
 * Virtualization Extensions (bits 15:12). A Cortex-A9 has neither: the guest
 * then runs under shikiri's TrustZone mode (a world, no hypervisor), calls
 * shikiri by SMC and keeps time with the A9 global timer (systimer.c).
 */
static inline uint32_t read_id_pfr1(void)
{
	uint32_t v;

	__asm__ volatile("mrc p15, 0, %0, c0, c1, 1" : "=r"(v));
	return v;
}

static inline int cpu_has_generic_timer(void)
{
	return ((read_id_pfr1() >> 16) & 0xfu) != 0;
}

static inline int cpu_has_virt(void)
{
	return ((read_id_pfr1() >> 12) & 0xfu) != 0;
}

/*
 * A core of the TrustZone mode's class (a Cortex-A9): neither the
 * Virtualization Extensions nor the generic timer. Not merely "no
 * Virtualization Extensions": QEMU's Cortex-A15 run bare, without
 * virtualization=on, reports none either, and there an SMC is undefined
 * (no EL3) where the bare runs expect HVC's undefined-instruction path.
 */
static inline int cpu_is_a9_class(void)
{
	return !cpu_has_virt() && !cpu_has_generic_timer();
}

/* Sleep forever; used when there is nothing sensible left to do. */
static inline __attribute__((noreturn)) void park(void)
{
	for (;;)
		wfi();
}

#endif

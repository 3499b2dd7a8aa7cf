/*
 * ARM generic timer, virtual and physical PL1 timers (CP15 interface).
 * The virtual timer raises PPI 27, the physical one PPI 30.  Both
 * interrupts are level: they stay asserted while the timer is enabled,
 * unmasked and its condition met, so a handler must disable or re-arm.
 */
#ifndef GUEST_TIMER_H
#define GUEST_TIMER_H

#include <stdint.h>

#define TIMER_VIRT_PPI	27
#define TIMER_PHYS_PPI	30

#define CNT_CTL_ENABLE	(1u << 0)
#define CNT_CTL_IMASK	(1u << 1)
#define CNT_CTL_ISTATUS	(1u << 2)	/* read-only: condition met */

static inline uint32_t timer_freq(void)
{
	uint32_t v;

	__asm__ volatile("mrc p15, 0, %0, c14, c0, 0" : "=r"(v));	/* CNTFRQ */
	return v;
}

/* The isb keeps the read from being done early, ahead of older code. */
static inline uint64_t timer_virt_count(void)
{
	uint64_t v;

	__asm__ volatile("isb\n\tmrrc p15, 1, %Q0, %R0, c14" : "=r"(v) :: "memory");
	return v;
}

static inline uint64_t timer_phys_count(void)
{
	uint64_t v;

	__asm__ volatile("isb\n\tmrrc p15, 0, %Q0, %R0, c14" : "=r"(v) :: "memory");
	return v;
}

static inline uint32_t timer_virt_ctl(void)
{
	uint32_t v;

	__asm__ volatile("mrc p15, 0, %0, c14, c3, 1" : "=r"(v));
	return v;
}

static inline void timer_virt_set_ctl(uint32_t v)
{
	__asm__ volatile("mcr p15, 0, %0, c14, c3, 1\n\tisb" :: "r"(v) : "memory");
}

static inline void timer_virt_set_cval(uint64_t v)
{
	__asm__ volatile("mcrr p15, 3, %Q0, %R0, c14\n\tisb" :: "r"(v) : "memory");
}

static inline void timer_virt_set_tval(uint32_t v)
{
	__asm__ volatile("mcr p15, 0, %0, c14, c3, 0\n\tisb" :: "r"(v) : "memory");
}

static inline uint32_t timer_phys_ctl(void)
{
	uint32_t v;

	__asm__ volatile("mrc p15, 0, %0, c14, c2, 1" : "=r"(v));
	return v;
}

static inline void timer_phys_set_ctl(uint32_t v)
{
	__asm__ volatile("mcr p15, 0, %0, c14, c2, 1\n\tisb" :: "r"(v) : "memory");
}

static inline void timer_phys_set_cval(uint64_t v)
{
	__asm__ volatile("mcrr p15, 2, %Q0, %R0, c14\n\tisb" :: "r"(v) : "memory");
}

static inline void timer_phys_set_tval(uint32_t v)
{
	__asm__ volatile("mcr p15, 0, %0, c14, c2, 0\n\tisb" :: "r"(v) : "memory");
}

/* Fire when the counter reaches cval (absolute) / in `ticks` (relative). */
void timer_virt_arm_at(uint64_t cval);
void timer_virt_arm_in(uint32_t ticks);
void timer_virt_disable(void);
void timer_phys_arm_at(uint64_t cval);
void timer_phys_arm_in(uint32_t ticks);
void timer_phys_disable(void);

#endif

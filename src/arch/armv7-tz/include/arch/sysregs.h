/* SPDX-License-Identifier: MIT */
/*
 * CP15 accessors of the TrustZone mode (Cortex-A9: Security Extensions, no
 * Virtualization Extensions, no generic timer). The monitor runs in Monitor
 * mode and, at boot and while a core waits, in Secure SVC.
 */
#ifndef ARCH_SYSREGS_H
#define ARCH_SYSREGS_H

#include "types.h"

#define SYSREG32(name, op1, crn, crm, op2)                                                         \
	static inline uint32_t read_##name(void)                                                   \
	{                                                                                          \
		uint32_t v;                                                                        \
		__asm__ volatile("mrc p15, " #op1 ", %0, " #crn ", " #crm ", " #op2 : "=r"(v));    \
		return v;                                                                          \
	}                                                                                          \
	static inline void write_##name(uint32_t v)                                                \
	{                                                                                          \
		__asm__ volatile("mcr p15, " #op1 ", %0, " #crn ", " #crm ", " #op2                \
				 :                                                                 \
				 : "r"(v)                                                          \
				 : "memory");                                                      \
	}

SYSREG32(midr, 0, c0, c0, 0)
SYSREG32(mpidr, 0, c0, c0, 5)
SYSREG32(sctlr, 0, c1, c0, 0) /* banked: the Non-secure copy while SCR.NS = 1 */
SYSREG32(actlr, 0, c1, c0, 1)
SYSREG32(scr, 0, c1, c1, 0)
SYSREG32(nsacr, 0, c1, c1, 2)
SYSREG32(vbar, 0, c12, c0, 0) /* banked like SCTLR */
SYSREG32(mvbar, 0, c12, c0, 1)
SYSREG32(cbar, 4, c15, c0, 0) /* Cortex-A9: PERIPHBASE, the private region */

/* SCR bits (ARM ARM B4.1.129). */
#define SCR_NS	BIT(0) /* PL0/PL1 are Non-secure */
#define SCR_IRQ BIT(1) /* IRQs to Monitor mode */
#define SCR_FIQ BIT(2) /* FIQs to Monitor mode */
#define SCR_EA	BIT(3) /* external aborts to Monitor mode */
#define SCR_FW	BIT(4) /* 1: the Non-secure world may mask FIQs (never set) */
#define SCR_AW	BIT(5) /* 1: the Non-secure world may mask aborts (never set) */
#define SCR_SCD BIT(7) /* SMC undefined (never set: SMC is the world's door) */

/* NSACR: the Non-secure world may use cp10/cp11 (VFP/NEON) and write
 * ACTLR.SMP (Linux sets it on the Cortex-A9). */
#define NSACR_CP10   BIT(10)
#define NSACR_CP11   BIT(11)
#define NSACR_NS_SMP BIT(18)

static inline void isb(void)
{
	__asm__ volatile("isb" ::: "memory");
}
static inline void dsb(void)
{
	__asm__ volatile("dsb ish" ::: "memory");
}
static inline void dsb_sy(void)
{
	__asm__ volatile("dsb sy" ::: "memory");
}
static inline void dmb(void)
{
	__asm__ volatile("dmb ish" ::: "memory");
}
static inline void sev(void)
{
	__asm__ volatile("sev" ::: "memory");
}
static inline void wfe(void)
{
	__asm__ volatile("wfe" ::: "memory");
}
static inline void wfi(void)
{
	__asm__ volatile("wfi" ::: "memory");
}

/*
 * The per-core pointer core's pcpu_this() reads (read_htpidr: HTPIDR in
 * Hyp). There is no PL1 register the monitor alone owns: TPIDRPRW is the
 * secure RTOS's too. So the monitor keeps it in a table indexed by the
 * core's MPIDR.Aff0, which no guest can change.
 */
#define TZ_MAX_CORES 4u
extern uint32_t tz_pcpu_ptr[TZ_MAX_CORES];
static inline uint32_t read_htpidr(void)
{
	return tz_pcpu_ptr[read_mpidr() & (TZ_MAX_CORES - 1u)];
}
static inline void write_htpidr(uint32_t v)
{
	tz_pcpu_ptr[read_mpidr() & (TZ_MAX_CORES - 1u)] = v;
}

#endif

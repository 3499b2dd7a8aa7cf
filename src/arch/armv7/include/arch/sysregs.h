/* SPDX-License-Identifier: MIT */
/*
 * CP15 system register accessors for the registers the hypervisor uses.
 * One line per register: name and encoding (ARM ARM B4.1, B8.2).
 */
#ifndef ARCH_SYSREGS_H
#define ARCH_SYSREGS_H

#include "types.h"

#define SYSREG32(name, op1, crn, crm, op2)                                           \
	static inline uint32_t read_##name(void)                                     \
	{                                                                            \
		uint32_t v;                                                          \
		__asm__ volatile("mrc p15, " #op1 ", %0, " #crn ", " #crm ", " #op2  \
				 : "=r"(v));                                         \
		return v;                                                            \
	}                                                                            \
	static inline void write_##name(uint32_t v)                                  \
	{                                                                            \
		__asm__ volatile("mcr p15, " #op1 ", %0, " #crn ", " #crm ", " #op2  \
				 : : "r"(v) : "memory");                             \
	}

#define SYSREG64(name, op1, crm)                                                     \
	static inline uint64_t read_##name(void)                                     \
	{                                                                            \
		uint32_t lo, hi;                                                     \
		__asm__ volatile("mrrc p15, " #op1 ", %0, %1, " #crm                 \
				 : "=r"(lo), "=r"(hi));                              \
		return ((uint64_t)hi << 32) | lo;                                    \
	}                                                                            \
	static inline void write_##name(uint64_t v)                                  \
	{                                                                            \
		__asm__ volatile("mcrr p15, " #op1 ", %0, %1, " #crm                 \
				 : : "r"((uint32_t)v), "r"((uint32_t)(v >> 32))      \
				 : "memory");                                        \
	}

SYSREG32(midr, 0, c0, c0, 0)
SYSREG32(mpidr, 0, c0, c0, 5)
SYSREG32(ctr, 0, c0, c0, 1)
SYSREG32(sctlr, 0, c1, c0, 0)     /* guest's (PL1) SCTLR, written on vCPU reset */
SYSREG32(vpidr, 4, c0, c0, 0)
SYSREG32(vmpidr, 4, c0, c0, 5)
SYSREG32(hsctlr, 4, c1, c0, 0)
SYSREG32(hcr, 4, c1, c1, 0)
SYSREG32(hdcr, 4, c1, c1, 1)
SYSREG32(hcptr, 4, c1, c1, 2)
SYSREG32(hstr, 4, c1, c1, 3)
SYSREG32(htcr, 4, c2, c0, 2)
SYSREG32(vtcr, 4, c2, c1, 2)
SYSREG32(hsr, 4, c5, c2, 0)
SYSREG32(hdfar, 4, c6, c0, 0)
SYSREG32(hifar, 4, c6, c0, 2)
SYSREG32(hpfar, 4, c6, c0, 4)
SYSREG32(hmair0, 4, c10, c2, 0)
SYSREG32(hmair1, 4, c10, c2, 1)
SYSREG32(hvbar, 4, c12, c0, 0)
SYSREG32(htpidr, 4, c13, c0, 2)
SYSREG32(cnthctl, 4, c14, c1, 0)
SYSREG32(cntfrq, 0, c14, c0, 0)
SYSREG32(cnthp_tval, 4, c14, c2, 0)
SYSREG32(cnthp_ctl, 4, c14, c2, 1)
SYSREG32(cntp_ctl, 0, c14, c2, 1)  /* guest's physical timer (PL1) */
SYSREG32(cntv_ctl, 0, c14, c3, 1)  /* guest's virtual timer (PL1) */
SYSREG64(httbr, 4, c2)
SYSREG64(vttbr, 6, c2)
SYSREG64(cntvoff, 4, c14)
SYSREG64(cntpct, 0, c14)
SYSREG64(cnthp_cval, 6, c14)

static inline void isb(void) { __asm__ volatile("isb" ::: "memory"); }
static inline void dsb(void) { __asm__ volatile("dsb ish" ::: "memory"); }
static inline void dsb_sy(void) { __asm__ volatile("dsb sy" ::: "memory"); }
static inline void dmb(void) { __asm__ volatile("dmb ish" ::: "memory"); }
static inline void sev(void) { __asm__ volatile("sev" ::: "memory"); }
static inline void wfe(void) { __asm__ volatile("wfe" ::: "memory"); }
static inline void wfi(void) { __asm__ volatile("wfi" ::: "memory"); }

/* Whole-TLB invalidation, inner shareable. */
static inline void tlbi_hyp_all(void)
{
	__asm__ volatile("mcr p15, 4, %0, c8, c3, 0" : : "r"(0) : "memory"); /* TLBIALLHIS */
}
static inline void tlbi_guest_all(void)
{
	__asm__ volatile("mcr p15, 4, %0, c8, c3, 4" : : "r"(0) : "memory"); /* TLBIALLNSNHIS */
}

#endif

/* SPDX-License-Identifier: MIT */
/*
 * The shared layout's world contexts (docs/trustzone.md, "Shared layout"):
 * on every core, right above the frame at SP_mon (the live frame, where an
 * entry saves r0-r12, LR_mon and SPSR_mon), the monitor keeps one context
 * per world and a few words the switch path reads. The offsets are from
 * SP_mon, so monitor.S reaches all of it with immediate offsets and no
 * load of a base address. A dedicated core never touches it.
 *
 * A world's context: its live frame, then the registers that are NOT
 * banked by security state (every mode's banked SP/LR/SPSR, FIQ's r8-r12)
 * and the one CP15 register the Cortex-A9 shares between the worlds that a
 * world writes (CPACR; the others are banked or Secure-only). Then the
 * Non-secure GICC_CTLR's EnableGrp1, which the monitor clears while the
 * Secure world runs (a Group 1 interrupt must not be signalled as IRQ on
 * the Secure world's vectors).
 */
#ifndef ARCH_TZ_WORLD_H
#define ARCH_TZ_WORLD_H

#include "arch/trap_frame.h"

/* Offsets in a context. */
#define TZC_FRAME 0   /* struct trap_frame: r0-r12, (unused), elr, spsr */
#define TZC_USR	  64  /* SP_usr, LR_usr */
#define TZC_SVC	  72  /* SPSR, SP, LR of SVC */
#define TZC_ABT	  84  /* ... of Abort */
#define TZC_UND	  96  /* ... of Undefined */
#define TZC_IRQ	  108 /* ... of IRQ */
#define TZC_FIQ	  120 /* SPSR, r8-r12, SP, LR of FIQ */
#define TZC_END	  152 /* end of the banked registers */
#define TZC_CPACR 152
#define TZC_GICC  156 /* Non-secure context: GICC_CTLR as it was at the switch */
#define TZC_SIZE  160

/* Offsets from SP_mon (the live frame). */
#define TZW_NS	    FRAME_SIZE			/* the Non-secure world's context */
#define TZW_S	    (FRAME_SIZE + TZC_SIZE)	/* the Secure world's */
#define TZW_NS_LIVE (FRAME_SIZE + 2 * TZC_SIZE) /* 1: TZW_NS holds a world to resume */
#define TZW_S_LIVE  (TZW_NS_LIVE + 4)		/* 1: TZW_S holds one (in its yield) */
#define TZW_GICC    (TZW_NS_LIVE + 8)		/* the GIC CPU interface's address */
#define TZW_SWITCHES (TZW_NS_LIVE + 12)	/* world switches (both ways) */
/* Reserved at the top of each core's stack: live frame + contexts. */
#define TZ_TOP_RESERVE (TZW_NS_LIVE + 16)

/* GICC_HPPIR: the highest-priority pending interrupt (Secure read). */
#define TZ_GICC_HPPIR 0x18

/*
 * The Secure world's yield (its idle hook), an SMCCC fast call in the
 * Trusted-OS range (owner 50): r0 = 0 back for a Group 0 interrupt (now
 * pending), 1 nothing to run in the Normal world (wait yourself), -1
 * NOT_SUPPORTED (not a shared core, or a Non-secure caller).
 */
#define TZ_YIELD 0xb2000000u

#ifndef __ASSEMBLY__
#include "types.h"

struct tz_ctx {
	struct trap_frame f;
	uint32_t usr[2];
	uint32_t svc[3], abt[3], und[3], irq[3];
	uint32_t fiq[8];
	uint32_t cpacr;
	uint32_t gicc_ctlr;
};

struct tz_worlds {
	struct tz_ctx ns, s;
	uint32_t ns_live, s_live, gicc, switches;
};

_Static_assert(__builtin_offsetof(struct tz_ctx, usr) == TZC_USR, "tz_ctx layout");
_Static_assert(__builtin_offsetof(struct tz_ctx, svc) == TZC_SVC, "tz_ctx layout");
_Static_assert(__builtin_offsetof(struct tz_ctx, fiq) == TZC_FIQ, "tz_ctx layout");
_Static_assert(__builtin_offsetof(struct tz_ctx, cpacr) == TZC_CPACR, "tz_ctx layout");
_Static_assert(__builtin_offsetof(struct tz_ctx, gicc_ctlr) == TZC_GICC, "tz_ctx layout");
_Static_assert(sizeof(struct tz_ctx) == TZC_SIZE, "tz_ctx layout");
_Static_assert(FRAME_SIZE + __builtin_offsetof(struct tz_worlds, s) == TZW_S, "tz_worlds");
_Static_assert(FRAME_SIZE + __builtin_offsetof(struct tz_worlds, ns_live) == TZW_NS_LIVE,
	       "tz_worlds");
_Static_assert(FRAME_SIZE + __builtin_offsetof(struct tz_worlds, gicc) == TZW_GICC, "tz_worlds");
_Static_assert(FRAME_SIZE + sizeof(struct tz_worlds) == TZ_TOP_RESERVE, "tz_worlds");
#endif

#endif

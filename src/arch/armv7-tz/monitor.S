/* SPDX-License-Identifier: MIT */
/*
 * The monitor's vectors (MVBAR) and the way into a world.
 *
 * Monitor mode is entered from the Non-secure world by SMC (function calls:
 * PSCI and shikiri's own) and, on a core whose SCR.FIQ is set, by a Group 0
 * interrupt (FIQ): the monitor's own kick. Both save the world's r0-r12,
 * LR_mon (where it resumes) and SPSR_mon into the frame at the top of the
 * core's stack (SP_mon points at it), call C on the stack below, and return
 * with an exception return from the same frame. The general-purpose
 * registers of the other modes are not touched: the dedicated layout runs
 * one world per core.
 */
#include "arch/trap_frame.h"

	.syntax unified
	.arm
	.text

	.macro	save_world, lr_adjust
	.if	\lr_adjust
	sub	lr, lr, #\lr_adjust
	.endif
	stmia	sp, {r0-r12}
	str	lr, [sp, #FRAME_ELR]
	mrs	r0, spsr
	str	r0, [sp, #FRAME_SPSR]
	mov	r0, sp
	.endm

	.align	5
	.global	tz_monitor_vectors
tz_monitor_vectors:
	b	mon_bad			/* reset (not used) */
	b	mon_bad			/* undefined (not used) */
	b	mon_smc
	b	mon_pabt
	b	mon_dabt
	b	mon_bad
	b	mon_irq
	b	mon_fiq

/* SMC: LR_mon is the instruction after it (ARM and Thumb alike). */
mon_smc:
	save_world 0
	bl	tz_smc
	b	tz_world_return

mon_fiq:
	save_world 4
	bl	tz_fiq
	b	tz_world_return

mon_irq:
	save_world 4
	bl	tz_fiq			/* same dispatch: acknowledge, handle, EOI */
	b	tz_world_return

mon_pabt:
	mov	r0, #3
	sub	r1, lr, #4
	b	mon_panic
mon_dabt:
	mov	r0, #4
	sub	r1, lr, #8
	b	mon_panic
mon_bad:
	mov	r0, #0
	mov	r1, lr
mon_panic:
	mrs	r2, spsr
	bl	tz_exception		/* never returns */
	b	.

/*
 * Back into the world whose registers are in the frame at SP_mon. Also the
 * first entry (tz_world_enter): SCR, SPSR_mon and LR_mon from the frame.
 */
	.global	tz_world_return
tz_world_return:
	ldr	r0, [sp, #FRAME_SPSR]
	msr	spsr_cxsf, r0
	ldr	lr, [sp, #FRAME_ELR]
	ldmia	sp, {r0-r12}
	movs	pc, lr

/*
 * void tz_world_enter(struct trap_frame *f, uint32_t scr): from Secure SVC
 * (a waiting core) or Monitor mode (a core that parked inside an SMC), with
 * every exception masked: SP_mon := f (the core's frame), SCR := scr, then
 * the exception return into f.
 */
	.global	tz_world_enter
tz_world_enter:
	cpsid	aif
	cps	#PSR_MODE_MON
	mov	sp, r0
	mcr	p15, 0, r1, c1, c1, 0	/* SCR */
	isb
	b	tz_world_return

/*
 * void tz_secure_enter(uint32_t entry, uint32_t r0, uint32_t r1, uint32_t r2):
 * start the secure partition on this core in Secure SVC, every exception
 * masked, at entry; the monitor's SVC stack is left behind (the core is
 * the partition's from now on).
 */
	.global	tz_secure_enter
tz_secure_enter:
	cpsid	aif
	cps	#PSR_MODE_SVC
	mov	r12, r0
	mov	r0, r1
	mov	r1, r2
	mov	r2, r3
	mov	r3, #0
	bx	r12

/* Secure PL1 exceptions while the monitor runs in Secure SVC: a panic. */
	.align	5
	.global	tz_secure_vectors
tz_secure_vectors:
	b	sec_bad
	b	sec_undef
	b	sec_bad
	b	sec_pabt
	b	sec_dabt
	b	sec_bad
	b	sec_bad
	b	sec_bad
sec_undef:
	mov	r0, #1
	sub	r1, lr, #4
	b	sec_panic
sec_pabt:
	mov	r0, #3
	sub	r1, lr, #4
	b	sec_panic
sec_dabt:
	mov	r0, #4
	sub	r1, lr, #8
	b	sec_panic
sec_bad:
	mov	r0, #0
	mov	r1, lr
sec_panic:
	mrs	r2, spsr
	bl	tz_exception
	b	.

/*
 * void tz_ns_sysregs(uint32_t sctlr, uint32_t vbar): the Non-secure copies
 * of SCTLR and VBAR, written from Monitor mode with SCR.NS = 1 for the
 * moment (only there does SCR.NS select the bank without changing the
 * world), then back to the caller's mode with SCR.NS = 0.
 */
	.text
	.global	tz_ns_sysregs
tz_ns_sysregs:
	mrs	r3, cpsr
	cpsid	aif
	cps	#PSR_MODE_MON
	mrc	p15, 0, r2, c1, c1, 0	/* SCR */
	orr	r2, r2, #1
	mcr	p15, 0, r2, c1, c1, 0
	isb
	mcr	p15, 0, r0, c1, c0, 0	/* SCTLR (Non-secure) */
	mcr	p15, 0, r1, c12, c0, 0	/* VBAR (Non-secure) */
	bic	r2, r2, #1
	mcr	p15, 0, r2, c1, c1, 0
	isb
	msr	cpsr_c, r3
	bx	lr

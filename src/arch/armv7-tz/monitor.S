/* SPDX-License-Identifier: MIT */
/*
 * The monitor's vectors (MVBAR) and the way into a world.
 *
 * Monitor mode is entered from the Non-secure world by SMC (function calls:
 * PSCI and shikiri's own) and, on a core whose SCR.FIQ is set, by a Group 0
 * interrupt (FIQ): the monitor's own kick. Both save the world's r0-r12,
 * LR_mon (where it resumes) and SPSR_mon into the frame at the top of the
 * core's stack (SP_mon points at it), call C on the stack below, and return
 * with an exception return from the same frame. On a dedicated core the
 * general-purpose registers of the other modes are not touched (one world
 * per core). On a shared core (docs/trustzone.md, "Shared layout") the
 * Secure world's yield SMC and a Group 0 FIQ while the Normal world runs
 * switch worlds here, without C: tz_to_normal / tz_to_secure save the
 * outgoing world's registers that are not banked by security state into
 * its context above the frame (arch/tz_world.h) and load the other's.
 */
#include "arch/trap_frame.h"
#include "arch/tz_world.h"

#define SCR_NS_FIQ 5		/* SCR.NS | SCR.FIQ: the Normal world's SCR */
#define GICC_GRP1 2		/* GICC_CTLR.EnableGrp1 (Secure view) */

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

/*
 * SMC: LR_mon is the instruction after it (ARM and Thumb alike). The
 * Secure world's yield with a Normal world to resume switches at once;
 * every other call goes to C.
 */
mon_smc:
	save_world 0
	mrc	p15, 0, r1, c1, c1, 0	/* SCR */
	tst	r1, #1			/* NS: a Normal-world call */
	bne	1f
	ldr	r1, [sp, #FRAME_R0]
	cmp	r1, #TZ_YIELD
	bne	1f
	ldr	r1, [sp, #TZW_NS_LIVE]
	cmp	r1, #0
	bne	tz_to_normal
1:	bl	tz_smc
	b	tz_world_return

/*
 * FIQ: SCR.FIQ is set only while a Normal world runs. On a shared core
 * whose Secure world waits in its yield, a pending Group 0 interrupt
 * other than the monitor's kick is the Secure world's: switch to it and
 * leave the interrupt pending (it takes it on its own vectors). The kick,
 * and every FIQ on a dedicated core, go to C.
 */
mon_fiq:
	save_world 4
	ldr	r1, [sp, #TZW_S_LIVE]
	cmp	r1, #0
	beq	1f
	ldr	r1, [sp, #TZW_GICC]
	ldr	r1, [r1, #TZ_GICC_HPPIR]
	lsl	r1, r1, #22		/* the interrupt ID, bits [9:0] */
	cmp	r1, #(15 << 22)		/* TZ_IPI: the monitor's kick */
	bne	tz_to_secure
1:	bl	tz_fiq
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
 * World switch (shared layout). r1: the outgoing world's context, sp: the
 * live frame with its r0-r12, LR_mon, SPSR_mon. Copies the frame into the
 * context, then saves SP/LR of User, SPSR/SP/LR of SVC, Abort, Undefined,
 * IRQ and SPSR/r8-r12/SP/LR of FIQ (one physical copy for both worlds),
 * and CPACR (common to both worlds). Runs with SCR.NS = 0 (a mode change
 * with NS = 1 would leave the Secure state). Ends in FIQ mode; clobbers
 * r2, r4-r11.
 */
	.macro	save_ctx
	ldmia	sp, {r4-r11}		/* r0-r7 */
	stmia	r1, {r4-r11}
	add	r2, sp, #32
	ldmia	r2, {r4-r11}		/* r8-r12, -, LR_mon, SPSR_mon */
	add	r2, r1, #32
	stmia	r2, {r4-r11}
	add	r2, r1, #TZC_USR
	stmia	r2, {sp, lr}^
	add	r2, r1, #TZC_SVC
	cps	#PSR_MODE_SVC
	mrs	r4, spsr
	stmia	r2!, {r4, sp, lr}
	cps	#PSR_MODE_ABT
	mrs	r4, spsr
	stmia	r2!, {r4, sp, lr}
	cps	#PSR_MODE_UND
	mrs	r4, spsr
	stmia	r2!, {r4, sp, lr}
	cps	#PSR_MODE_IRQ
	mrs	r4, spsr
	stmia	r2!, {r4, sp, lr}
	cps	#PSR_MODE_FIQ
	mrs	r4, spsr
	stmia	r2!, {r4, r8-r12, sp, lr}
	mrc	p15, 0, r4, c1, c0, 2	/* CPACR */
	str	r4, [r1, #TZC_CPACR]
	.endm

/*
 * The incoming world's registers from its context r3, in the reverse order
 * (from FIQ mode, where save_ctx ended, back to Monitor mode). Clobbers r2,
 * r4.
 */
	.macro	load_ctx
	add	r2, r3, #TZC_END
	ldmdb	r2!, {r4, r8-r12, sp, lr}
	msr	spsr_cxsf, r4
	cps	#PSR_MODE_IRQ
	ldmdb	r2!, {r4, sp, lr}
	msr	spsr_cxsf, r4
	cps	#PSR_MODE_UND
	ldmdb	r2!, {r4, sp, lr}
	msr	spsr_cxsf, r4
	cps	#PSR_MODE_ABT
	ldmdb	r2!, {r4, sp, lr}
	msr	spsr_cxsf, r4
	cps	#PSR_MODE_SVC
	ldmdb	r2!, {r4, sp, lr}
	msr	spsr_cxsf, r4
	cps	#PSR_MODE_MON
	sub	r2, r2, #8
	ldmia	r2, {sp, lr}^
	ldr	r4, [r3, #TZC_CPACR]
	mcr	p15, 0, r4, c1, c0, 2
	.endm

/* The world whose context is r3: r0-r12, LR_mon, SPSR_mon, exception return. */
ctx_return:
	ldr	r4, [r3, #FRAME_SPSR]
	msr	spsr_cxsf, r4
	ldr	lr, [r3, #FRAME_ELR]
	ldmia	r3, {r0-r12}
	movs	pc, lr

/*
 * void tz_to_normal(struct trap_frame *live): the Secure world (its
 * registers in the live frame, SCR.NS = 0) yields; resume the Normal world
 * with its GICC_CTLR.EnableGrp1 as it was. Also from C (the yield's slow
 * path, a started Normal world), with every exception masked.
 */
	.global	tz_to_normal
tz_to_normal:
	mov	sp, r0
	add	r1, sp, #TZW_S
	add	r3, sp, #TZW_NS
	save_ctx
	load_ctx
	ldr	r5, [sp, #TZW_GICC]
	ldr	r4, [r5]
	ldr	r6, [r3, #TZC_GICC]
	and	r6, r6, #GICC_GRP1
	orr	r4, r4, r6
	str	r4, [r5]
	ldr	r4, [sp, #TZW_SWITCHES]
	add	r4, r4, #1
	str	r4, [sp, #TZW_SWITCHES]
	mov	r4, #SCR_NS_FIQ
	mcr	p15, 0, r4, c1, c1, 0	/* SCR: the exception return synchronises */
	b	ctx_return

/*
 * void tz_to_secure(struct trap_frame *live): the Normal world (its
 * registers in the live frame) gives the core back to the Secure world,
 * whose yield returns 0. SCR := 0 first; Group 1 stops being signalled
 * (EnableGrp1 off, its value kept in the Normal context) so that no IRQ
 * reaches the Secure world's vectors.
 */
	.global	tz_to_secure
tz_to_secure:
	mov	sp, r0
	mov	r4, #0
	mcr	p15, 0, r4, c1, c1, 0	/* SCR = 0: the mode changes stay Secure */
	isb
	add	r1, sp, #TZW_NS
	add	r3, sp, #TZW_S
	ldr	r5, [sp, #TZW_GICC]
	ldr	r4, [r5]
	str	r4, [r1, #TZC_GICC]
	bic	r4, r4, #GICC_GRP1
	str	r4, [r5]
	save_ctx
	load_ctx
	mov	r4, #0
	str	r4, [r3, #FRAME_R0]	/* the yield's result: back for an interrupt */
	ldr	r4, [sp, #TZW_SWITCHES]
	add	r4, r4, #1
	str	r4, [sp, #TZW_SWITCHES]
	b	ctx_return

/*
 * void tz_ctx_enter(struct trap_frame *live, struct tz_ctx *c, uint32_t scr):
 * start or resume the world of context c (a shared core, from C: Secure
 * SVC or Monitor mode), its banked registers from c, SCR := scr. The
 * caller set GICC_CTLR for that world.
 */
	.global	tz_ctx_enter
tz_ctx_enter:
	cpsid	aif
	cps	#PSR_MODE_MON
	mov	sp, r0
	mov	r3, r1
	mov	r7, r2
	mov	r4, #0
	mcr	p15, 0, r4, c1, c1, 0	/* Secure while the modes change */
	isb
	cps	#PSR_MODE_FIQ
	load_ctx
	mcr	p15, 0, r7, c1, c1, 0
	b	ctx_return

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

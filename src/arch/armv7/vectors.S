/* SPDX-License-Identifier: MIT */
/*
 * Hyp vector table and the world switch.
 *
 * A guest trap or interrupt saves the guest's r0-r12, LR_usr, ELR_hyp and
 * SPSR_hyp as a struct trap_frame at the top of this core's Hyp stack (SP_hyp
 * always points at that frame, the top 64 bytes, while a guest runs: the
 * frame is stored and loaded without moving SP), calls C with a pointer to
 * it, and returns to the guest with eret from the (possibly modified) frame.
 * Guest PL1 state stays in the registers: one vCPU per core.
 */
#include "arch/trap_frame.h"

	.syntax unified
	.arm
	.text

	.align	5
	.global	hyp_vectors
hyp_vectors:
	b	hyp_bad_reset		/* 0x00 */
	b	hyp_bad_undef		/* 0x04 undefined instruction in Hyp */
	b	hyp_bad_hvc		/* 0x08 HVC/SVC in Hyp */
	b	hyp_bad_pabt		/* 0x0c prefetch abort in Hyp */
	b	hyp_bad_dabt		/* 0x10 data abort in Hyp */
	b	hyp_trap_entry		/* 0x14 Hyp trap: from a guest */
	b	hyp_irq_entry		/* 0x18 IRQ */
	b	hyp_fiq_entry		/* 0x1c FIQ */

/*
 * Entry and exit cost instructions on every trap and interrupt (make bench
 * counts them), so each is as short as the frame allows: one STM/LDM for
 * the general registers at SP (which stays at the frame), one strd/ldrd for
 * ELR_hyp and SPSR_hyp, and every entry returns to the guest through its
 * own copy of the exit sequence (no branch to a shared one). C runs on the
 * stack below the frame.
 */
.macro SAVE_FRAME
	stm	sp, {r0-r12, lr}
	mrs	r2, ELR_hyp
	mrs	r3, SPSR
	mov	r0, sp
	strd	r2, r3, [sp, #FRAME_ELR]
.endm

/* sp points at the frame (the top of the Hyp stack). */
.macro RESTORE_FRAME_ERET
	ldrd	r0, r1, [sp, #FRAME_ELR]
	msr	ELR_hyp, r0
	msr	SPSR_cxsf, r1
	ldm	sp, {r0-r12, lr}
	eret
.endm

hyp_trap_entry:
	SAVE_FRAME
	bl	hyp_trap
	RESTORE_FRAME_ERET

hyp_irq_entry:
	SAVE_FRAME
	bl	hyp_irq
	RESTORE_FRAME_ERET

hyp_fiq_entry:
	SAVE_FRAME
	bl	hyp_fiq
	RESTORE_FRAME_ERET

/* void vcpu_arch_run(struct trap_frame *frame): enter the guest from a frame. */
	.global	vcpu_arch_run
	.type	vcpu_arch_run, %function /* ARM: Thumb callers get a BLX (interworking) */
vcpu_arch_run:
	mov	sp, r0
	RESTORE_FRAME_ERET

/* Exceptions taken in Hyp itself are hypervisor bugs: report and halt. */
.macro BAD kind
	mrs	r1, ELR_hyp
	mov	r0, #\kind
	b	hyp_bad_exception
.endm
hyp_bad_reset:	BAD 0
hyp_bad_undef:	BAD 1
hyp_bad_hvc:	BAD 2
hyp_bad_pabt:	BAD 3
hyp_bad_dabt:	BAD 4

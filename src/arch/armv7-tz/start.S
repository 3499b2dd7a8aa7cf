/* SPDX-License-Identifier: MIT */
/*
 * Entry of the TrustZone mode. A Cortex-A9 starts every core at _start in
 * Secure SVC with the MMU and caches off (QEMU's -kernel, and U-Boot on the
 * Zynq). The core with MPIDR.Aff0 = 0 sets the machine up; the others wait
 * in a pen (tz_pen, in .data so that clearing .bss cannot race with them)
 * until firmware-style CPU_ON (psci_fw_call in tz.c) writes their core
 * index there. Each core gets Secure SVC and Monitor stacks, the monitor
 * vectors (MVBAR) and a panic table for the Secure PL1 modes (VBAR).
 */
#include "arch/trap_frame.h"
#include "arch/tz_world.h"

	.syntax unified
	.arm
	.section .text.boot, "ax"

	.global _start
_start:
	/* zImage header, so U-Boot's bootz accepts the image (magic at 0x24). */
	b	reset
	.rept	8
	mov	r0, r0
	.endr
	.word	0x016f2818		/* zImage magic */
	.word	_start			/* start address */
	.word	__image_end		/* end address */
	.word	0x04030201		/* little-endian marker */

reset:
	cpsid	aif
	mrs	r4, cpsr		/* the mode is checked once .bss is clear */
	mrc	p15, 0, r0, c0, c0, 5	/* MPIDR */
	ands	r0, r0, #3		/* Aff0 */
	bne	pen_wait
	ldr	r1, =__bss_start
	ldr	r2, =__bss_end
	mov	r3, #0
1:	cmp	r1, r2
	strlo	r3, [r1], #4
	blo	1b
	and	r0, r4, #0x1f
	cmp	r0, #PSR_MODE_SVC	/* Secure SVC: without it there is no monitor */
	bne	wrong_mode
	mov	r0, #0
	mov	r5, #1			/* boot core: set the machine up */
	b	common_entry

wrong_mode:				/* say so on the console, then stop */
	ldr	r1, =tz_stacks
	ldr	r2, =CONFIG_HYP_STACK_SIZE
	add	sp, r1, r2
	mov	r0, r4
	bl	tz_wrong_mode		/* never returns */
	b	park

/* A secondary core: wait for its core index + 1 in tz_pen[Aff0]. */
pen_wait:
	cmp	r0, #4
	bhs	park
	ldr	r1, =tz_pen
	add	r1, r1, r0, lsl #2
1:	wfe
	ldr	r0, [r1]
	cmp	r0, #0
	beq	1b
	sub	r0, r0, #1
	mov	r5, #0

common_entry:
	mov	r4, r0
	cmp	r4, #CONFIG_NR_CPUS	/* a core index we have no stack for */
	bhs	park
	ldr	r1, =tz_stacks
	ldr	r2, =CONFIG_HYP_STACK_SIZE
	add	r3, r4, #1
	mla	r1, r2, r3, r1		/* top of this core's stack */
	/* The top holds the world contexts of the shared layout (tz_world.h),
	 * below them the frame that is the world's register file. */
	sub	sp, r1, #TZ_TOP_RESERVE
	cps	#PSR_MODE_MON
	sub	sp, r1, #TZ_TOP_RESERVE	/* the monitor saves a world into the same frame */
	cps	#PSR_MODE_SVC
	ldr	r1, =tz_monitor_vectors
	mcr	p15, 0, r1, c12, c0, 1	/* MVBAR */
	ldr	r1, =tz_secure_vectors
	mcr	p15, 0, r1, c12, c0, 0	/* VBAR (Secure) */
	mrc	p15, 0, r1, c1, c0, 0
	bic	r1, r1, #(1 << 13)	/* SCTLR.V: VBAR, not the high vectors */
	mcr	p15, 0, r1, c1, c0, 0
	isb
	mov	r0, r4
	mov	r1, r5
	bl	hyp_cpu_main		/* never returns */
park:
	wfi
	b	park

	.ltorg

	.data
	.align	2
	.global	tz_pen
tz_pen:
	.word	0, 0, 0, 0

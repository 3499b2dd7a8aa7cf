/* SPDX-License-Identifier: MIT */
/*
 * Entry points. The boot core arrives here in Hyp mode from QEMU (-kernel
 * ELF: r0 = r1 = r2 = 0; a raw .bin: r2 = ATAGS) or from U-Boot's bootz or
 * FIT bootm (r0 = 0, r2 = DTB); the board is described by the generated
 * tables, so r2 is not needed. An image entered away from its link address
 * (QEMU loads a raw image at RAM + 0x10000, U-Boot's bootz runs it where it
 * was loaded) first copies itself there. Other
 * cores arrive at secondary_entry through PSCI CPU_ON with r0 = their core
 * index. Both set up a stack, the vector base and the MMU, then go to C.
 */
#include "arch/trap_frame.h"

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
	adr	r0, _start		/* where we run */
	ldr	r1, =_start		/* where we are linked */
	cmp	r0, r1
	beq	relocated
	ldr	r2, =__data_end
	sub	r2, r2, r1		/* bytes loaded: a multiple of 8 */
	cmp	r1, r0
	bhi	copy_down
1:	ldr	r3, [r0], #4		/* link address below: copy upwards */
	str	r3, [r1], #4
	subs	r2, r2, #4
	bne	1b
	b	copied
copy_down:				/* link address above: copy from the end */
	add	r0, r0, r2
	add	r1, r1, r2
2:	ldr	r3, [r0, #-4]!
	str	r3, [r1, #-4]!
	subs	r2, r2, #4
	bne	2b
copied:
	mov	r0, #0
	mcr	p15, 0, r0, c7, c5, 0	/* ICIALLU: the MMU and D-cache are off */
	dsb
	isb
	ldr	pc, =relocated
relocated:
	/* Clear .bss (per-core and per-VM state; the Hyp stacks are in
	 * .noinit): 32 bytes per store while they last, then words. Both ends
	 * are 8-byte aligned (the linker script). */
	ldr	r1, =__bss_start
	ldr	r2, =__bss_end
	mov	r3, #0
	mov	r6, #0
	mov	r7, #0
	mov	r8, #0
	mov	r9, #0
	mov	r10, #0
	mov	r11, #0
	mov	r12, #0
	sub	r0, r2, #32
1:	cmp	r1, r0
	stmls	r1!, {r3, r6-r12}
	bls	1b
2:	cmp	r1, r2
	strlo	r3, [r1], #4
	blo	2b
	and	r0, r4, #0x1f
	cmp	r0, #0x1a		/* Hyp mode? without it there is nothing to do */
	bne	wrong_mode
	mov	r0, #0
	mov	r5, #1			/* boot core: set the machine up */
	b	common_entry

wrong_mode:				/* say so on the console, then stop */
	ldr	r1, =hyp_stacks
	ldr	r2, =CONFIG_HYP_STACK_SIZE
	add	sp, r1, r2
	mov	r0, r4
	bl	boot_not_hyp		/* never returns */
	b	not_hyp

	.global secondary_entry
secondary_entry:
	cpsid	aif
	/* r0 = core index, passed as PSCI CPU_ON context. Core 0 comes here
	 * too when a VM's vCPU on it is powered on later. */
	mov	r5, #0

common_entry:
	mov	r4, r0
	cmp	r4, #CONFIG_NR_CPUS	/* a core index we have no stack for */
	bhs	not_hyp
	ldr	r1, =hyp_stacks
	ldr	r2, =CONFIG_HYP_STACK_SIZE
	add	r3, r4, #1
	mla	sp, r2, r3, r1		/* sp = hyp_stacks + (index + 1) * size */
	sub	sp, sp, #FRAME_SIZE	/* the top frame is the vCPU's register file */
	ldr	r1, =hyp_vectors
	mcr	p15, 4, r1, c12, c0, 0	/* HVBAR */
	isb
	mov	r0, r5			/* the boot core fills the Hyp table */
	bl	mmu_arch_enable
	mov	r0, r4
	mov	r1, r5
	bl	hyp_cpu_main		/* never returns */
	b	.

not_hyp:
	wfi
	b	not_hyp

	.ltorg

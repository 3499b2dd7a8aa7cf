/* SPDX-License-Identifier: MIT */
/* Entry of the scheduler cost harness: a stack, then main; PSCI SYSTEM_OFF. */
	.section .text.boot
	.global _start
_start:
	ldr	sp, =stack_top
	bl	main
	ldr	r0, =0x84000008		/* PSCI SYSTEM_OFF (QEMU's PSCI, HVC conduit) */
	hvc	#0
1:	wfi
	b	1b

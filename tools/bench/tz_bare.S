/*
 * make bench, TrustZone section (tools/bench/tz.sh): the bare-metal run of
 * the Secure RTOS. QEMU's vexpress-a9,secure=on starts this in Secure SVC
 * (-kernel); the RTOS's ELF is loaded beside it (-device loader). It does
 * for the RTOS what shikiri's monitor does as its firmware and nothing more:
 * MVBAR, so that the RTOS's own SMCs (its name, its trap counter, PSCI) get
 * an answer, then a branch to the RTOS's entry in Secure SVC with every
 * exception masked and the monitor's boot registers (r0 = 0, r1 = ~0, r2 =
 * the partition's DTB, which tz.sh loads where the monitor puts it:
 * src/arch/armv7-tz/tz.c, enter_secure). Every SMC but SYSTEM_OFF is
 * NOT_SUPPORTED (-1), as QEMU's firmware answers the VE mode's bare runs;
 * SYSTEM_OFF powers the board off (SYS_CFGCTRL SHUTDOWN, as
 * src/platform/vexpress-a9 does), so QEMU exits 0.
 *
 * Built by tz.sh: RTOS_ENTRY is the RTOS's ELF entry, RTOS_DTB its DTB's
 * address (--defsym).
 */
	.syntax unified
	.arm
	.arch_extension sec

#define PSCI_SYSTEM_OFF	0x84000008
#define SYS_CFGCTRL	0x100000a4	/* vexpress motherboard sysregs */
#define CFG_SHUTDOWN	0xc0800000	/* start | write | function 8 */

	.section .text.start, "ax", %progbits
	.global	_start
_start:
	cpsid	aif
	ldr	r0, =mon_vectors
	mcr	p15, 0, r0, c12, c0, 1		@ MVBAR
	isb
	mov	r0, #0
	mvn	r1, #0
	ldr	r2, =RTOS_DTB
	ldr	pc, =RTOS_ENTRY

	.align	5
mon_vectors:
	b	.				@ reset (unused)
	b	.				@ undefined
	b	mon_smc				@ SMC
	b	.				@ prefetch abort
	b	.				@ data abort
	b	.
	b	.				@ IRQ (SCR.IRQ = 0: never here)
	b	.				@ FIQ (SCR.FIQ = 0: never here)

mon_smc:
	ldr	r1, =PSCI_SYSTEM_OFF
	cmp	r0, r1
	beq	off
	mvn	r0, #0				@ NOT_SUPPORTED
	movs	pc, lr
off:
	ldr	r1, =SYS_CFGCTRL
	ldr	r2, =CFG_SHUTDOWN
	str	r2, [r1]
1:	wfi
	b	1b
	.ltorg

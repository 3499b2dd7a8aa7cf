/*
 * Guest entry points and exception vectors.
 *
 * The hypervisor enters a vCPU in SVC mode with interrupts masked and the
 * MMU and caches off, so addresses are IPAs and there is nothing to relocate
 * (we run where we are linked).  Each vCPU takes its stack from MPIDR Aff0:
 * vCPU n uses [__stacks_start + n*16K, __stacks_start + (n+1)*16K).
 */
	.syntax unified
	.arm

#define STACK_SHIFT	14		/* 16 KiB, must match guest.ld */
#define IRQ_STACK_SHIFT	12		/* 4 KiB, must match guest.ld */
#define MODE_IRQ	0x12
#define MODE_SVC	0x13
#define MAX_VCPUS	4
#define SCTLR_V		(1 << 13)	/* high vectors: must be off for VBAR */
#define SCTLR_TE	(1 << 30)	/* Thumb exceptions: ours are ARM */

/* sp := top of this vCPU's stack; parks a vCPU we have no stack for. */
	.macro	load_vcpu_stack, tmp1, tmp2
	mrc	p15, 0, \tmp1, c0, c0, 5	@ MPIDR
	and	\tmp1, \tmp1, #0xff		@ Aff0 = vCPU index
	cmp	\tmp1, #MAX_VCPUS
	bhs	park_cpu
	ldr	\tmp2, =__stacks_start
	add	\tmp1, \tmp1, #1
	add	sp, \tmp2, \tmp1, lsl #STACK_SHIFT
	.endm

/*
 * IRQ mode's banked sp := top of this vCPU's IRQ stack.  Called in SVC with
 * the vCPU index already checked by load_vcpu_stack; returns in SVC.
 */
	.macro	load_irq_stack, tmp1, tmp2
	mrc	p15, 0, \tmp1, c0, c0, 5	@ MPIDR
	and	\tmp1, \tmp1, #0xff
	ldr	\tmp2, =__irq_stacks_start
	add	\tmp1, \tmp1, #1
	cps	#MODE_IRQ
	add	sp, \tmp2, \tmp1, lsl #IRQ_STACK_SHIFT
	cps	#MODE_SVC
	.endm

/* Per-vCPU state: stacks and vectors (VBAR and SCTLR are per core). */
	.macro	vcpu_init, tmp1, tmp2
	load_vcpu_stack \tmp1, \tmp2
	load_irq_stack \tmp1, \tmp2
	ldr	\tmp1, =vectors
	mcr	p15, 0, \tmp1, c12, c0, 0	@ VBAR
	mrc	p15, 0, \tmp1, c1, c0, 0	@ SCTLR
	bic	\tmp1, \tmp1, #SCTLR_V
	bic	\tmp1, \tmp1, #SCTLR_TE
	mcr	p15, 0, \tmp1, c1, c0, 0
	isb
	.endm

/* ---- boot vCPU: the image's first instruction ---- */
	.section .text.start, "ax", %progbits
	.global	_start
_start:
	/*
	 * zImage header (magic at 0x24), so that Xen takes the image as a
	 * dom0less domU kernel (make bench's peer, docs/performance.md): it
	 * loads it at "start" = the link address and enters at its first byte.
	 * "end" covers .bss and the stacks, so Xen puts the domU's DTB above
	 * them. Everyone else just branches over it.
	 */
	b	reset
	.rept	8
	mov	r0, r0
	.endr
	.word	0x016f2818		@ zImage magic
	.word	_start			@ start address
	.word	__image_end		@ end address
	.word	0x04030201		@ little-endian marker
reset:
	cpsid	aif
	mov	r6, r0			@ keep the boot registers (r2 = DTB later)
	mov	r7, r1
	mov	r8, r2
	vcpu_init r4, r5

	/* Only the boot vCPU comes through here, before any secondary runs.
	 * .data from its load address: an image linked to run from ROM keeps
	 * it there (romfw.ld); guest.ld loads it in place, nothing to copy. */
	ldr	r0, =__data_start
	ldr	r1, =__data_end
	ldr	r2, =__data_load
	cmp	r0, r2
	beq	2f
1:	cmp	r0, r1
	ldrlo	r3, [r2], #4
	strlo	r3, [r0], #4
	blo	1b
2:
	ldr	r0, =__bss_start
	ldr	r1, =__bss_end
	mov	r2, #0
1:	cmp	r0, r1
	strlo	r2, [r0], #4
	blo	1b

	ldr	r0, =guest_boot_regs
	stmia	r0, {r6, r7, r8}
	mov	r0, r8			@ device addresses from the DTB
	bl	guest_board_init

	bl	main
	bl	psci_system_off		@ does not return
	b	park_cpu

	.text

/*
 * Secondary vCPU started by psci_cpu_on(): r0 = context id = pointer to a
 * struct secondary_boot { fn, arg } (psci.c).  Calls fn(arg); if it
 * returns, the vCPU is switched off.
 */
	.global	secondary_entry
	.type	secondary_entry, %function
secondary_entry:
	cpsid	aif
	mov	r6, r0
	vcpu_init r4, r5
	cmp	r6, #0
	beq	park_cpu
	ldr	r1, [r6]		@ fn
	cmp	r1, #0
	beq	park_cpu
	ldr	r0, [r6, #4]		@ arg
	blx	r1
	bl	guest_secondary_exit	@ does not return
	.size	secondary_entry, . - secondary_entry

	.global	park_cpu
park_cpu:
	wfi
	b	park_cpu

/*
 * Exception vectors.  Apart from IRQ none of these is expected, so nothing
 * is preserved: each handler computes the faulting PC from lr, puts its
 * mode's sp at the top of this vCPU's stack (the interrupted code never
 * resumes) and reports through guest_exception(kind, pc, spsr), which stops
 * the VM.
 */
	.macro	vector_stub, kind, lr_offset
	mov	r0, #\kind
	sub	r1, lr, #\lr_offset
	b	exception_common
	.endm

	.align	5
vectors:
	b	exc_reset
	b	exc_undef
	b	exc_svc
	b	exc_pabt
	b	exc_dabt
	b	exc_unused
	b	exc_irq
	b	exc_fiq

exc_reset:	vector_stub 0, 0
exc_undef:	vector_stub 1, 4	@ lr = insn + 4 (ARM state)
exc_svc:	vector_stub 2, 4
exc_pabt:	vector_stub 3, 4
exc_dabt:	vector_stub 4, 8	@ lr = insn + 8
exc_unused:	vector_stub 5, 0
exc_irq:	b	irq_entry
exc_fiq:	vector_stub 7, 4

exception_common:
	mrs	r2, spsr
	load_vcpu_stack r4, r5
	bl	guest_exception		@ does not return
	b	park_cpu

/*
 * IRQ: the interrupted code resumes, so save what the AAPCS lets C clobber
 * (r0-r3, r12) plus the return address, and let irq_dispatch() (irq.c) do
 * acknowledge/handle/EOI.  No nesting: IRQs stay masked in IRQ mode, so sp
 * is always the top of the IRQ stack here and 6 words keep it 8-aligned.
 */
irq_entry:
	sub	lr, lr, #4		@ lr = interrupted insn (ARM state)
	push	{r0-r3, r12, lr}
	bl	irq_dispatch
	ldmfd	sp!, {r0-r3, r12, pc}^	@ ^: CPSR := SPSR_irq

	.data
	.align	2
/* r0..r2 as the boot vCPU was entered with (r2 will be the DTB IPA). */
	.global	guest_boot_regs
guest_boot_regs:
	.word	0, 0, 0

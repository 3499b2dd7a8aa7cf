/* SPDX-License-Identifier: MIT */
/*
 * The whole architectural state of a vCPU that shares its core with others
 * (docs/scheduling.md, "The vCPU switch"): what vcpu_arch_save() takes out
 * of the core and vcpu_arch_restore() puts back. A vCPU on a dedicated core
 * never uses it: its state stays in the core's registers.
 */
#ifndef ARCH_VCPU_CTX_H
#define ARCH_VCPU_CTX_H

#include "types.h"
#include "arch/trap_frame.h"

#define VCPU_CTX_LRS 4u /* list registers saved (QEMU, Cortex-A15/A7: 4) */
/* PPI priorities switched: IDs 24-31, the wired PPIs of GICv2 systems
 * (27 virtual and 30 physical timer; 25 and 26 are the hypervisor's and
 * written back unchanged). */
#define VCPU_CTX_PPI_PRIO_FIRST 24u
#define VCPU_CTX_PPI_PRIO_WORDS 2u

struct vcpu_arch {
	/* r0-r12, LR_usr, PC and CPSR: the trap frame while it runs. */
	struct trap_frame regs;
	/* Banked registers of the other modes. */
	uint32_t sp_usr;
	uint32_t sp_svc, lr_svc, spsr_svc;
	uint32_t sp_abt, lr_abt, spsr_abt;
	uint32_t sp_und, lr_und, spsr_und;
	uint32_t sp_irq, lr_irq, spsr_irq;
	uint32_t r8_fiq, r9_fiq, r10_fiq, r11_fiq, r12_fiq, sp_fiq, lr_fiq, spsr_fiq;
	/* The guest's PL1 system registers (CP15). */
	uint32_t sctlr, cpacr, ttbcr, dacr;
	uint32_t dfsr, ifsr, adfsr, aifsr, dfar, ifar;
	uint32_t prrr, nmrr, amair0, amair1;
	uint32_t contextidr, tpidrurw, tpidruro, tpidrprw;
	uint32_t vbar, csselr, fcseidr;
	uint64_t ttbr0, ttbr1, par;
	/* Generic timers: the virtual and the PL1 physical one, and CNTKCTL.
	 * CNTVOFF is not per vCPU (0 for every VM: docs/scheduling.md). */
	uint32_t cntv_ctl, cntp_ctl, cntkctl;
	uint64_t cntv_cval, cntp_cval;
	/* VFP/NEON, saved eagerly (docs/scheduling.md says why). */
	uint32_t fpexc, fpscr;
	uint64_t fpregs[32];
	/* Virtual CPU interface: the list registers in use, GICH_VMCR, GICH_APR,
	 * and which of the VM's PPIs are active in the physical distributor (a
	 * timer interrupt the guest has not completed yet). The interrupts
	 * that did not fit are in struct vgic_cpu, which is per vCPU already. */
	uint32_t lr[VCPU_CTX_LRS];
	uint32_t vmcr, apr;
	uint32_t ppi_active;
	/* The banked distributor state the guest programs through vgicd: which
	 * of its PPIs are enabled and their priorities (VCPU_CTX_PPI_PRIO_*). */
	uint32_t ppi_enabled;
	uint32_t ppi_prio[VCPU_CTX_PPI_PRIO_WORDS];
};

#endif

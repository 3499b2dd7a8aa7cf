/* SPDX-License-Identifier: MIT */
/*
 * The whole architectural state of a vCPU that shares its core with others
 * (docs/scheduling.md, "The vCPU switch"): what vcpu_arch_save() takes out
 * of the core and vcpu_arch_restore() puts back. A vCPU on a dedicated core
 * never uses it: its state stays in the core's registers.
 */
#ifndef ARCH_VCPU_CTX_H
#define ARCH_VCPU_CTX_H

#include "feature.h"
#include "types.h"
#include "arch/trap_frame.h"
#include "arch/vgic.h"

/* PPI priorities switched: IDs 24-31, the wired PPIs of GICv2 systems
 * (27 virtual and 30 physical timer; 25 and 26 are the hypervisor's and
 * written back unchanged). */
#define VCPU_CTX_PPI_PRIO_FIRST 24u
#define VCPU_CTX_PPI_PRIO_WORDS 2u

struct vcpu;

/*
 * The registers that vcpu_ctx.c moves with one block of inline assembly
 * each way, in that block's order: batches of seven words, one stm or ldm
 * each, between the mrs/mrc and msr/mcr. A 64-bit register is two words,
 * low first (the mrrc/mcrr order). All words, no padding: the order of the
 * fields is the layout (checked in vcpu_ctx.c).
 */
struct vcpu_sysregs {
	/* Banked registers of the other modes. */
	uint32_t sp_usr, sp_svc, lr_svc, spsr_svc, sp_abt, lr_abt, spsr_abt;
	uint32_t sp_und, lr_und, spsr_und, sp_irq, lr_irq, spsr_irq, r8_fiq;
	uint32_t r9_fiq, r10_fiq, r11_fiq, r12_fiq, sp_fiq, lr_fiq, spsr_fiq;
	/* The guest's PL1 system registers (CP15), and CNTKCTL. */
	uint32_t ttbr0[2], ttbr1[2], par[2], cntkctl;
	uint32_t cpacr, ttbcr, dacr, dfsr, ifsr, adfsr, aifsr;
	uint32_t dfar, ifar, prrr, nmrr, amair0, amair1, vbar; /* PRRR/NMRR: MAIR0/1 (LPAE) */
	uint32_t fcseidr, contextidr, tpidrurw, tpidruro, tpidrprw, csselr, sctlr;
	/* Generic timers: the virtual and the PL1 physical one. CNTVOFF is
	 * not per vCPU (0 for every VM: docs/scheduling.md). */
	uint32_t cntv_ctl, cntv_cval[2], cntp_cval[2], cntp_ctl;
};

struct vcpu_arch {
	/* srt/be: the virtual CPU interface state of every such vCPU (vgic.c);
	 * first, where it was in struct vcpu: short offsets on the IRQ path. */
	struct vgic_cpu vgic;
	/* The rest on a shared core only. r0-r12, LR_usr, PC and CPSR: the
	 * trap frame while it runs. sys follows it directly: the save block
	 * copies both in one go. */
	struct trap_frame regs;
	struct vcpu_sysregs sys;
	/* Hyp registers of this vCPU, computed once when it (re)starts. */
	uint32_t vttbr[2]; /* its VM's stage-2 root and VMID */
	uint32_t vmpidr;
	/* Virtual CPU interface: the list registers in use, GICH_VMCR, GICH_APR
	 * (vgic.c). The interrupts that did not fit are in struct vgic_cpu,
	 * which is per vCPU already. */
	struct vgic_saved gich;
	/* The banked distributor state of the VM's PPIs (ppi_mask: the PPIs
	 * it owns that the hypervisor does not keep): which are active (a
	 * timer interrupt the guest has not completed yet), which enabled,
	 * and their priorities (VCPU_CTX_PPI_PRIO_*). */
	uint32_t ppi_mask;
	uint32_t ppi_active;
	uint32_t ppi_enabled;
	uint32_t ppi_prio[VCPU_CTX_PPI_PRIO_WORDS];
	/* VFP/NEON: lazily (CONFIG_SHARED_VFP_EAGER=n) in the core's
	 * registers while this vCPU is its core's VFP owner, else here. */
	uint32_t fpexc, fpscr;
	uint64_t fpregs[32];
};

#if FEATURE_SHARED_CORES
/* A shared core (re)starts: its banked distributor state and its VFP
 * registers hold no vCPU's state (cpu_arch_shared_init). */
void vcpu_ctx_core_reset(uint32_t core);
/* Lazy VFP: a trapped VFP/NEON access (HSR EC 0x07) of v on a shared core.
 * Makes v its core's VFP owner; false if the trap is not a lazy switch's
 * (no shared core, or v already owns the registers). */
bool vcpu_ctx_vfp_trap(struct vcpu *v);
#else
/* No shared core (vcpu_ctx.c not linked): VFP/NEON never traps. */
static inline void vcpu_ctx_core_reset(uint32_t core)
{
	UNUSED(core);
}
static inline bool vcpu_ctx_vfp_trap(struct vcpu *v)
{
	UNUSED(v);
	return false;
}
#endif

#endif

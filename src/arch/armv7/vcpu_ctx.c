// SPDX-License-Identifier: MIT
/*
 * The vCPU switch on a shared core: the guest state that lives in the core
 * (banked registers, CP15, timers, VFP/NEON, the virtual CPU interface) is
 * saved into struct vcpu_arch and restored from it. All in C with one
 * instruction of inline assembly per register: the compiler schedules it,
 * and nothing here needs a stack switch. docs/scheduling.md lists what is
 * switched and why the rest is not.
 */
#include "gic.h"
#include "lib.h"
#include "vm.h"
#include "arch/hyp.h"
#include "arch/sysregs.h"
#include "arch/vcpu_ctx.h"
#include "arch/vgic.h"

#define MRS(reg, var) __asm__ volatile("mrs %0, " #reg : "=r"(var))
#define MSR(reg, val) __asm__ volatile("msr " #reg ", %0" : : "r"(val) : "memory")
#define MRC(op1, crn, crm, op2, var) \
	__asm__ volatile("mrc p15, " #op1 ", %0, " #crn ", " #crm ", " #op2 : "=r"(var))
#define MCR(op1, crn, crm, op2, val) \
	__asm__ volatile("mcr p15, " #op1 ", %0, " #crn ", " #crm ", " #op2 : : "r"(val) : "memory")
#define MRRC(op1, crm, var)                                                              \
	do {                                                                             \
		uint32_t lo_, hi_;                                                       \
		__asm__ volatile("mrrc p15, " #op1 ", %0, %1, " #crm : "=r"(lo_), "=r"(hi_)); \
		(var) = ((uint64_t)hi_ << 32) | lo_;                                     \
	} while (0)
#define MCRR(op1, crm, val)                                                              \
	__asm__ volatile("mcrr p15, " #op1 ", %0, %1, " #crm                             \
			 : : "r"((uint32_t)(val)), "r"((uint32_t)((val) >> 32)) : "memory")

#define FPEXC_EN BIT(30)
#define HCR_TWI BIT(13)
#define CNT_CTL_ENABLE BIT(0)
#define CNT_CTL_IMASK BIT(1)

static void banked_save(struct vcpu_arch *a)
{
	MRS(SP_usr, a->sp_usr);
	MRS(SP_svc, a->sp_svc);
	MRS(LR_svc, a->lr_svc);
	MRS(SPSR_svc, a->spsr_svc);
	MRS(SP_abt, a->sp_abt);
	MRS(LR_abt, a->lr_abt);
	MRS(SPSR_abt, a->spsr_abt);
	MRS(SP_und, a->sp_und);
	MRS(LR_und, a->lr_und);
	MRS(SPSR_und, a->spsr_und);
	MRS(SP_irq, a->sp_irq);
	MRS(LR_irq, a->lr_irq);
	MRS(SPSR_irq, a->spsr_irq);
	MRS(r8_fiq, a->r8_fiq);
	MRS(r9_fiq, a->r9_fiq);
	MRS(r10_fiq, a->r10_fiq);
	MRS(r11_fiq, a->r11_fiq);
	MRS(r12_fiq, a->r12_fiq);
	MRS(SP_fiq, a->sp_fiq);
	MRS(LR_fiq, a->lr_fiq);
	MRS(SPSR_fiq, a->spsr_fiq);
}

static void banked_restore(const struct vcpu_arch *a)
{
	MSR(SP_usr, a->sp_usr);
	MSR(SP_svc, a->sp_svc);
	MSR(LR_svc, a->lr_svc);
	MSR(SPSR_svc, a->spsr_svc);
	MSR(SP_abt, a->sp_abt);
	MSR(LR_abt, a->lr_abt);
	MSR(SPSR_abt, a->spsr_abt);
	MSR(SP_und, a->sp_und);
	MSR(LR_und, a->lr_und);
	MSR(SPSR_und, a->spsr_und);
	MSR(SP_irq, a->sp_irq);
	MSR(LR_irq, a->lr_irq);
	MSR(SPSR_irq, a->spsr_irq);
	MSR(r8_fiq, a->r8_fiq);
	MSR(r9_fiq, a->r9_fiq);
	MSR(r10_fiq, a->r10_fiq);
	MSR(r11_fiq, a->r11_fiq);
	MSR(r12_fiq, a->r12_fiq);
	MSR(SP_fiq, a->sp_fiq);
	MSR(LR_fiq, a->lr_fiq);
	MSR(SPSR_fiq, a->spsr_fiq);
}

/* Hyp reaches the Non-secure PL1 copies of these with the PL1 encodings. */
static void cp15_save(struct vcpu_arch *a)
{
	MRC(0, c1, c0, 0, a->sctlr);
	MRC(0, c1, c0, 2, a->cpacr);
	MRC(0, c2, c0, 2, a->ttbcr);
	MRC(0, c3, c0, 0, a->dacr);
	MRC(0, c5, c0, 0, a->dfsr);
	MRC(0, c5, c0, 1, a->ifsr);
	MRC(0, c5, c1, 0, a->adfsr);
	MRC(0, c5, c1, 1, a->aifsr);
	MRC(0, c6, c0, 0, a->dfar);
	MRC(0, c6, c0, 2, a->ifar);
	MRC(0, c10, c2, 0, a->prrr); /* MAIR0 under LPAE */
	MRC(0, c10, c2, 1, a->nmrr); /* MAIR1 */
	MRC(0, c10, c3, 0, a->amair0);
	MRC(0, c10, c3, 1, a->amair1);
	MRC(0, c12, c0, 0, a->vbar);
	MRC(0, c13, c0, 0, a->fcseidr);
	MRC(0, c13, c0, 1, a->contextidr);
	MRC(0, c13, c0, 2, a->tpidrurw);
	MRC(0, c13, c0, 3, a->tpidruro);
	MRC(0, c13, c0, 4, a->tpidrprw);
	MRC(2, c0, c0, 0, a->csselr);
	MRC(0, c14, c1, 0, a->cntkctl);
	MRRC(0, c2, a->ttbr0);
	MRRC(1, c2, a->ttbr1);
	MRRC(0, c7, a->par);
}

static void cp15_restore(const struct vcpu_arch *a)
{
	MCR(0, c1, c0, 2, a->cpacr);
	MCR(0, c2, c0, 2, a->ttbcr);
	MCR(0, c3, c0, 0, a->dacr);
	MCR(0, c5, c0, 0, a->dfsr);
	MCR(0, c5, c0, 1, a->ifsr);
	MCR(0, c5, c1, 0, a->adfsr);
	MCR(0, c5, c1, 1, a->aifsr);
	MCR(0, c6, c0, 0, a->dfar);
	MCR(0, c6, c0, 2, a->ifar);
	MCR(0, c10, c2, 0, a->prrr);
	MCR(0, c10, c2, 1, a->nmrr);
	MCR(0, c10, c3, 0, a->amair0);
	MCR(0, c10, c3, 1, a->amair1);
	MCR(0, c12, c0, 0, a->vbar);
	MCR(0, c13, c0, 0, a->fcseidr);
	MCR(0, c13, c0, 1, a->contextidr);
	MCR(0, c13, c0, 2, a->tpidrurw);
	MCR(0, c13, c0, 3, a->tpidruro);
	MCR(0, c13, c0, 4, a->tpidrprw);
	MCR(2, c0, c0, 0, a->csselr);
	MCR(0, c14, c1, 0, a->cntkctl);
	MCRR(0, c2, a->ttbr0);
	MCRR(1, c2, a->ttbr1);
	MCRR(0, c7, a->par);
	/* Last: the translation regime it enables is complete by now. */
	MCR(0, c1, c0, 0, a->sctlr);
}

/* The timers stop (their lines drop) while the vCPU is out: the next one's
 * must not fire for it. Their deadlines wake it (vcpu_arch_timer_due). */
static void timers_save(struct vcpu_arch *a)
{
	MRC(0, c14, c3, 1, a->cntv_ctl);
	MRRC(3, c14, a->cntv_cval);
	MRC(0, c14, c2, 1, a->cntp_ctl);
	MRRC(2, c14, a->cntp_cval);
	MCR(0, c14, c3, 1, 0u);
	MCR(0, c14, c2, 1, 0u);
}

static void timers_restore(const struct vcpu_arch *a)
{
	MCRR(3, c14, a->cntv_cval);
	MCRR(2, c14, a->cntp_cval);
	MCR(0, c14, c3, 1, a->cntv_ctl & 3u);
	MCR(0, c14, c2, 1, a->cntp_ctl & 3u);
}

/* Eager: every switch saves and restores the 32 D registers (2 x 16 per
 * direction, one instruction each), so the cost is fixed and a guest that
 * uses NEON in its interrupt path pays no extra trap. */
static void vfp_save(struct vcpu_arch *a)
{
	uint64_t *d = a->fpregs;

	__asm__ volatile(".fpu neon\n\tvmrs %0, fpexc" : "=r"(a->fpexc));
	__asm__ volatile(".fpu neon\n\tvmsr fpexc, %0\n\tisb" : : "r"(a->fpexc | FPEXC_EN) : "memory");
	__asm__ volatile(".fpu neon\n\tvmrs %0, fpscr\n\t"
			 "vstmia %1!, {d0-d15}\n\t"
			 "vstmia %1, {d16-d31}"
			 : "=&r"(a->fpscr), "+r"(d)
			 :
			 : "memory");
}

static void vfp_restore(const struct vcpu_arch *a)
{
	const uint64_t *d = a->fpregs;

	__asm__ volatile(".fpu neon\n\tvmsr fpexc, %0\n\tisb" : : "r"(FPEXC_EN) : "memory");
	__asm__ volatile(".fpu neon\n\tvldmia %0!, {d0-d15}\n\t"
			 "vldmia %0, {d16-d31}\n\t"
			 "vmsr fpscr, %1"
			 : "+r"(d)
			 : "r"(a->fpscr)
			 : "memory");
	__asm__ volatile(".fpu neon\n\tvmsr fpexc, %0" : : "r"(a->fpexc) : "memory");
}

/* The banked distributor registers, accessed in line (a call each would
 * double their cost on the switch path). */
static inline uint32_t dist_read(uint32_t off)
{
	return *(volatile uint32_t *)(uintptr_t)(board_config.gicd_pa + off);
}

static inline void dist_write(uint32_t off, uint32_t val)
{
	*(volatile uint32_t *)(uintptr_t)(board_config.gicd_pa + off) = val;
}

/* The VM's PPIs that the hypervisor does not keep. */
static uint32_t guest_ppis(const struct vcpu *v)
{
	return v->vm->cfg->irq_bitmap[0] & 0xffff0000u & ~(BIT(GIC_MAINT_IRQ) | BIT(GIC_HYP_TIMER_IRQ));
}

void vcpu_arch_save(struct vcpu *v, const struct trap_frame *f)
{
	struct vcpu_arch *a = &v->arch;
	uint32_t act;

	a->regs = *f;
	banked_save(a);
	cp15_save(a);
	timers_save(a);
	vfp_save(a);
	vgic_save(v, a->lr, &a->vmcr, &a->apr);
	/* A forwarded PPI (its timer) still active: take it out of the banked
	 * distributor state so the next vCPU's timer can interrupt. */
	act = dist_read(GICD_ISACTIVER) & guest_ppis(v);
	a->ppi_active = act;
	if (act)
		dist_write(GICD_ICACTIVER, act);
	a->ppi_enabled = dist_read(GICD_ISENABLER) & guest_ppis(v);
	for (uint32_t i = 0; i < VCPU_CTX_PPI_PRIO_WORDS; i++)
		a->ppi_prio[i] = dist_read(GICD_IPRIORITYR + VCPU_CTX_PPI_PRIO_FIRST + 4u * i);
}

void vcpu_arch_restore(struct vcpu *v, struct trap_frame *f)
{
	const struct vm_config *cfg = v->vm->cfg;
	const struct vcpu_arch *a = &v->arch;

	write_vmpidr(BIT(31) | v->id);
	/* One VMID per VM: its TLB entries stay valid, nothing is flushed. */
	write_vttbr((uint64_t)(uintptr_t)cfg->s2_root | ((uint64_t)(cfg->id + 1u) << VTTBR_VMID_SHIFT));
	write_hcr(HCR_VM | HCR_SWIO | HCR_AMO | HCR_TSC | HCR_TSW | HCR_TAC | HCR_TIDCP | HCR_IMO |
		  HCR_FMO | HCR_TWI);
	banked_restore(a);
	cp15_restore(a);
	vfp_restore(a);
	for (uint32_t i = 0; i < VCPU_CTX_PPI_PRIO_WORDS; i++)
		dist_write(GICD_IPRIORITYR + VCPU_CTX_PPI_PRIO_FIRST + 4u * i, a->ppi_prio[i]);
	/* What the previous vCPU enabled and this one did not. */
	dist_write(GICD_ICENABLER, guest_ppis(v) & ~a->ppi_enabled);
	if (a->ppi_enabled)
		dist_write(GICD_ISENABLER, a->ppi_enabled);
	if (a->ppi_active)
		dist_write(GICD_ISACTIVER, a->ppi_active);
	vgic_restore(v, a->lr, a->vmcr, a->apr);
	timers_restore(a);
	isb();
	*f = a->regs;
}

void vcpu_arch_ctx_reset(struct vcpu *v)
{
	struct vcpu_arch *a = &v->arch;

	memset(a, 0, sizeof(*a));
	a->sctlr = GUEST_SCTLR_RESET;
	for (uint32_t i = 0; i < VCPU_CTX_PPI_PRIO_WORDS; i++)
		a->ppi_prio[i] = GIC_DEFAULT_PRIO * 0x01010101u;
	/* Entries of this VM's earlier life (same VMID) must not leak into
	 * this one: TLBIALLNSNH, this core. */
	__asm__ volatile("mcr p15, 4, %0, c8, c7, 4" : : "r"(0) : "memory");
	dsb();
	if (v->boot) {
		a->regs.r[1] = 0xffffffffu; /* Linux boot protocol: machine type "use DT" */
		a->regs.r[2] = v->vm->cfg->dtb ? v->vm->cfg->dtb_ipa : 0;
	} else {
		a->regs.r[0] = v->context;
	}
	a->regs.elr = v->entry;
	a->regs.spsr = GUEST_ENTRY_PSR;
	vgic_ctx_reset(v);
}

/* When a timer of a saved vCPU fires, or HTIMER_NEVER. */
static uint64_t timer_due(uint32_t ctl, uint64_t cval)
{
	return (ctl & (CNT_CTL_ENABLE | CNT_CTL_IMASK)) == CNT_CTL_ENABLE ? cval : UINT64_MAX;
}

uint64_t vcpu_arch_timer_due(const struct vcpu *v)
{
	const struct vcpu_arch *a = &v->arch;
	/* CNTVOFF is 0: virtual time is the system count. */
	uint64_t tv = timer_due(a->cntv_ctl, a->cntv_cval);
	uint64_t tp = timer_due(a->cntp_ctl, a->cntp_cval);

	return tv < tp ? tv : tp;
}

bool vcpu_arch_pending(const struct vcpu *v, bool running, uint64_t now)
{
	uint32_t vctl, pctl;

	if (vgic_pending(v, running ? NULL : v->arch.lr))
		return true;
	if (!running)
		return vcpu_arch_timer_due(v) <= now;
	/* The running vCPU's timers: enabled, not masked, condition met. */
	MRC(0, c14, c3, 1, vctl);
	MRC(0, c14, c2, 1, pctl);
	return (vctl & 7u) == 5u || (pctl & 7u) == 5u;
}

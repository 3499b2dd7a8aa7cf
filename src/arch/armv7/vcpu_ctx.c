// SPDX-License-Identifier: MIT
/*
 * The vCPU switch on a shared core: the guest state that lives in the core
 * (banked registers, CP15, timers, VFP/NEON, the virtual CPU interface) is
 * saved into struct vcpu_arch and restored from it. The registers go
 * through one block of inline assembly each way (mrs/mrc into seven
 * registers, one stm; ldm, msr/mcr), with no call and no load or store per
 * register; the rest is C. Only what can have changed is moved: the list
 * registers in use, the banked PPI state when it differs, VFP/NEON when
 * another vCPU needs it (lazy). docs/scheduling.md lists what is switched
 * and why the rest is not; docs/performance.md what it costs.
 */
#include "arch/gic.h"
#include "lib.h"
#include "pcpu.h"
#include "vm.h"
#include "arch/hyp.h"
#include "arch/sysregs.h"
#include "arch/vcpu_ctx.h"
#include "arch/vgic.h"

#define MRC(op1, crn, crm, op2, var) \
	__asm__ volatile("mrc p15, " #op1 ", %0, " #crn ", " #crm ", " #op2 : "=r"(var))

#define FPEXC_EN BIT(30)
#define HCR_TWI BIT(13)
#define HCPTR_TCP10 BIT(10)
#define HCPTR_TCP11 BIT(11)
#define CNT_CTL_ENABLE BIT(0)
#define CNT_CTL_IMASK BIT(1)

/* The assembly below moves struct vcpu_sysregs seven words at a time and
 * the trap frame just before it: the layout is the order of the fields. */
_Static_assert(sizeof(struct vcpu_sysregs) == 55u * 4u, "vcpu_sysregs: words, no padding");
_Static_assert(__builtin_offsetof(struct vcpu_arch, sys) ==
		       __builtin_offsetof(struct vcpu_arch, regs) + sizeof(struct trap_frame),
	       "vcpu_arch: sys follows regs");
_Static_assert(__builtin_offsetof(struct vcpu_sysregs, ttbr0) == 21u * 4u, "banked: 3 x 7");
_Static_assert(__builtin_offsetof(struct vcpu_sysregs, cntv_ctl) == 49u * 4u, "cp15: 4 x 7");

#define SYSREGS_CLOBBER "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9", "memory"

/*
 * Out: the trap frame (r2-r9, 2 x 8 words), then each batch of struct
 * vcpu_sysregs read into r2-r8 and stored with one stm; the timers are
 * stopped last (their lines drop: the next vCPU's must not fire for this
 * one; vcpu_arch_timer_due wakes it at their deadline). Hyp reaches the
 * Non-secure PL1 copies of the CP15 registers with the PL1 encodings.
 */
static void sysregs_save(struct vcpu_arch *a, const struct trap_frame *f)
{
	uint32_t *dst = (uint32_t *)(void *)&a->regs;
	const uint32_t *src = (const uint32_t *)(const void *)f;

	__asm__ volatile("ldmia	%1!, {r2-r9}\n\t"
			 "stmia	%0!, {r2-r9}\n\t"
			 "ldmia	%1, {r2-r9}\n\t"
			 "stmia	%0!, {r2-r9}\n\t"
			 /* banked */
			 "mrs	r2, SP_usr\n\t"
			 "mrs	r3, SP_svc\n\t"
			 "mrs	r4, LR_svc\n\t"
			 "mrs	r5, SPSR_svc\n\t"
			 "mrs	r6, SP_abt\n\t"
			 "mrs	r7, LR_abt\n\t"
			 "mrs	r8, SPSR_abt\n\t"
			 "stmia	%0!, {r2-r8}\n\t"
			 "mrs	r2, SP_und\n\t"
			 "mrs	r3, LR_und\n\t"
			 "mrs	r4, SPSR_und\n\t"
			 "mrs	r5, SP_irq\n\t"
			 "mrs	r6, LR_irq\n\t"
			 "mrs	r7, SPSR_irq\n\t"
			 "mrs	r8, r8_fiq\n\t"
			 "stmia	%0!, {r2-r8}\n\t"
			 "mrs	r2, r9_fiq\n\t"
			 "mrs	r3, r10_fiq\n\t"
			 "mrs	r4, r11_fiq\n\t"
			 "mrs	r5, r12_fiq\n\t"
			 "mrs	r6, SP_fiq\n\t"
			 "mrs	r7, LR_fiq\n\t"
			 "mrs	r8, SPSR_fiq\n\t"
			 "stmia	%0!, {r2-r8}\n\t"
			 /* CP15 */
			 "mrrc	p15, 0, r2, r3, c2\n\t"  /* TTBR0 */
			 "mrrc	p15, 1, r4, r5, c2\n\t"  /* TTBR1 */
			 "mrrc	p15, 0, r6, r7, c7\n\t"  /* PAR */
			 "mrc	p15, 0, r8, c14, c1, 0\n\t" /* CNTKCTL */
			 "stmia	%0!, {r2-r8}\n\t"
			 "mrc	p15, 0, r2, c1, c0, 2\n\t"  /* CPACR */
			 "mrc	p15, 0, r3, c2, c0, 2\n\t"  /* TTBCR */
			 "mrc	p15, 0, r4, c3, c0, 0\n\t"  /* DACR */
			 "mrc	p15, 0, r5, c5, c0, 0\n\t"  /* DFSR */
			 "mrc	p15, 0, r6, c5, c0, 1\n\t"  /* IFSR */
			 "mrc	p15, 0, r7, c5, c1, 0\n\t"  /* ADFSR */
			 "mrc	p15, 0, r8, c5, c1, 1\n\t"  /* AIFSR */
			 "stmia	%0!, {r2-r8}\n\t"
			 "mrc	p15, 0, r2, c6, c0, 0\n\t"  /* DFAR */
			 "mrc	p15, 0, r3, c6, c0, 2\n\t"  /* IFAR */
			 "mrc	p15, 0, r4, c10, c2, 0\n\t" /* PRRR/MAIR0 */
			 "mrc	p15, 0, r5, c10, c2, 1\n\t" /* NMRR/MAIR1 */
			 "mrc	p15, 0, r6, c10, c3, 0\n\t" /* AMAIR0 */
			 "mrc	p15, 0, r7, c10, c3, 1\n\t" /* AMAIR1 */
			 "mrc	p15, 0, r8, c12, c0, 0\n\t" /* VBAR */
			 "stmia	%0!, {r2-r8}\n\t"
			 "mrc	p15, 0, r2, c13, c0, 0\n\t" /* FCSEIDR */
			 "mrc	p15, 0, r3, c13, c0, 1\n\t" /* CONTEXTIDR */
			 "mrc	p15, 0, r4, c13, c0, 2\n\t" /* TPIDRURW */
			 "mrc	p15, 0, r5, c13, c0, 3\n\t" /* TPIDRURO */
			 "mrc	p15, 0, r6, c13, c0, 4\n\t" /* TPIDRPRW */
			 "mrc	p15, 2, r7, c0, c0, 0\n\t"  /* CSSELR */
			 "mrc	p15, 0, r8, c1, c0, 0\n\t"  /* SCTLR */
			 "stmia	%0!, {r2-r8}\n\t"
			 /* timers */
			 "mrc	p15, 0, r2, c14, c3, 1\n\t" /* CNTV_CTL */
			 "mrrc	p15, 3, r3, r4, c14\n\t"    /* CNTV_CVAL */
			 "mrrc	p15, 2, r5, r6, c14\n\t"    /* CNTP_CVAL */
			 "mrc	p15, 0, r7, c14, c2, 1\n\t" /* CNTP_CTL */
			 "stmia	%0, {r2-r7}\n\t"
			 "mov	r2, #0\n\t"
			 "mcr	p15, 0, r2, c14, c3, 1\n\t"
			 "mcr	p15, 0, r2, c14, c2, 1"
			 : "+r"(dst), "+r"(src)
			 :
			 : SYSREGS_CLOBBER);
}

/* Back, in the same order; SCTLR last of the CP15 registers (the
 * translation regime it enables is complete by then), the timers after
 * them (an expired one fires at once: its interrupt is taken after the
 * eret, Hyp runs with IRQs masked), the trap frame last. */
static void sysregs_restore(const struct vcpu_arch *a, struct trap_frame *f)
{
	const uint32_t *src = (const uint32_t *)(const void *)&a->sys;
	uint32_t *dst = (uint32_t *)(void *)f;
	const uint32_t *regs = (const uint32_t *)(const void *)&a->regs;

	__asm__ volatile("ldmia	%0!, {r2-r8}\n\t"
			 "msr	SP_usr, r2\n\t"
			 "msr	SP_svc, r3\n\t"
			 "msr	LR_svc, r4\n\t"
			 "msr	SPSR_svc, r5\n\t"
			 "msr	SP_abt, r6\n\t"
			 "msr	LR_abt, r7\n\t"
			 "msr	SPSR_abt, r8\n\t"
			 "ldmia	%0!, {r2-r8}\n\t"
			 "msr	SP_und, r2\n\t"
			 "msr	LR_und, r3\n\t"
			 "msr	SPSR_und, r4\n\t"
			 "msr	SP_irq, r5\n\t"
			 "msr	LR_irq, r6\n\t"
			 "msr	SPSR_irq, r7\n\t"
			 "msr	r8_fiq, r8\n\t"
			 "ldmia	%0!, {r2-r8}\n\t"
			 "msr	r9_fiq, r2\n\t"
			 "msr	r10_fiq, r3\n\t"
			 "msr	r11_fiq, r4\n\t"
			 "msr	r12_fiq, r5\n\t"
			 "msr	SP_fiq, r6\n\t"
			 "msr	LR_fiq, r7\n\t"
			 "msr	SPSR_fiq, r8\n\t"
			 "ldmia	%0!, {r2-r8}\n\t"
			 "mcrr	p15, 0, r2, r3, c2\n\t"
			 "mcrr	p15, 1, r4, r5, c2\n\t"
			 "mcrr	p15, 0, r6, r7, c7\n\t"
			 "mcr	p15, 0, r8, c14, c1, 0\n\t"
			 "ldmia	%0!, {r2-r8}\n\t"
			 "mcr	p15, 0, r2, c1, c0, 2\n\t"
			 "mcr	p15, 0, r3, c2, c0, 2\n\t"
			 "mcr	p15, 0, r4, c3, c0, 0\n\t"
			 "mcr	p15, 0, r5, c5, c0, 0\n\t"
			 "mcr	p15, 0, r6, c5, c0, 1\n\t"
			 "mcr	p15, 0, r7, c5, c1, 0\n\t"
			 "mcr	p15, 0, r8, c5, c1, 1\n\t"
			 "ldmia	%0!, {r2-r8}\n\t"
			 "mcr	p15, 0, r2, c6, c0, 0\n\t"
			 "mcr	p15, 0, r3, c6, c0, 2\n\t"
			 "mcr	p15, 0, r4, c10, c2, 0\n\t"
			 "mcr	p15, 0, r5, c10, c2, 1\n\t"
			 "mcr	p15, 0, r6, c10, c3, 0\n\t"
			 "mcr	p15, 0, r7, c10, c3, 1\n\t"
			 "mcr	p15, 0, r8, c12, c0, 0\n\t"
			 "ldmia	%0!, {r2-r8}\n\t"
			 "mcr	p15, 0, r2, c13, c0, 0\n\t"
			 "mcr	p15, 0, r3, c13, c0, 1\n\t"
			 "mcr	p15, 0, r4, c13, c0, 2\n\t"
			 "mcr	p15, 0, r5, c13, c0, 3\n\t"
			 "mcr	p15, 0, r6, c13, c0, 4\n\t"
			 "mcr	p15, 2, r7, c0, c0, 0\n\t"
			 "mcr	p15, 0, r8, c1, c0, 0\n\t"
			 "ldmia	%0, {r2-r7}\n\t"
			 "mcrr	p15, 3, r3, r4, c14\n\t"
			 "mcrr	p15, 2, r5, r6, c14\n\t"
			 "and	r2, r2, #3\n\t" /* ENABLE, IMASK (ISTATUS is read-only) */
			 "and	r7, r7, #3\n\t"
			 "mcr	p15, 0, r2, c14, c3, 1\n\t"
			 "mcr	p15, 0, r7, c14, c2, 1\n\t"
			 "ldmia	%2!, {r2-r9}\n\t"
			 "stmia	%1!, {r2-r9}\n\t"
			 "ldmia	%2, {r2-r9}\n\t"
			 "stmia	%1, {r2-r9}"
			 : "+r"(src), "+r"(dst), "+r"(regs)
			 :
			 : SYSREGS_CLOBBER);
}

/* The 32 D registers, FPSCR and FPEXC: two vstm/vldm of 16 each way. */
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

#if defined(CONFIG_SHARED_VFP_EAGER)
/* Eager: every switch moves the VFP/NEON registers, a fixed cost and no
 * trap (docs/scheduling.md compares the two). */
static void vfp_switch_out(struct vcpu *v)
{
	vfp_save(&v->arch);
}

static void vfp_switch_in(struct vcpu *v)
{
	vfp_restore(&v->arch);
}

static void vfp_forget(struct vcpu *v)
{
	UNUSED(v);
}

static void vfp_core_reset(uint32_t core)
{
	UNUSED(core);
}

bool vcpu_ctx_vfp_trap(struct vcpu *v)
{
	UNUSED(v);
	return false; /* HCPTR never traps VFP */
}

#else
/* Lazy: the VFP/NEON registers stay in the core with their owner. Another
 * vCPU runs with HCPTR.TCP10/11 set, and its first VFP or NEON instruction
 * traps (vcpu_ctx_vfp_trap), which moves the registers over. A core with
 * one VFP user (Linux beside an RTOS) moves them once, not per switch. */
static struct vcpu *vfp_owner[CONFIG_NR_CPUS];

static void vfp_switch_out(struct vcpu *v)
{
	UNUSED(v); /* its registers stay in the core until someone else needs them */
}

static void vfp_switch_in(struct vcpu *v)
{
	uint32_t hcptr = read_hcptr() & ~(HCPTR_TCP10 | HCPTR_TCP11);

	if (vfp_owner[v->pcpu] != v)
		hcptr |= HCPTR_TCP10 | HCPTR_TCP11;
	write_hcptr(hcptr);
}

/* v starts afresh: what the core holds is its earlier life's. */
static void vfp_forget(struct vcpu *v)
{
	if (vfp_owner[v->pcpu] == v)
		vfp_owner[v->pcpu] = NULL;
}

bool vcpu_ctx_vfp_trap(struct vcpu *v)
{
	uint32_t core = v->pcpu;
	struct vcpu *owner;

	if (core >= CONFIG_NR_CPUS || !pcpus[core].shared || vfp_owner[core] == v)
		return false;
	/* Hyp's own VFP accesses trap too while the bits are set. */
	write_hcptr(read_hcptr() & ~(HCPTR_TCP10 | HCPTR_TCP11));
	isb();
	owner = vfp_owner[core];
	if (owner)
		vfp_save(&owner->arch);
	vfp_restore(&v->arch);
	vfp_owner[core] = v;
	if (v->fpu_loads != UINT32_MAX)
		v->fpu_loads++;
	return true; /* the guest's instruction runs again */
}

/* Only vCPUs that are OFF lose their registers: a core powers off when all
 * of its vCPUs are (they start afresh). */
static void vfp_core_reset(uint32_t core)
{
	vfp_owner[core] = NULL;
}
#endif

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

/* What each shared core's banked distributor registers hold: the state of
 * the vCPU saved last there (vcpu_arch_save reads it from the registers,
 * and only a restore changes them before the next save). A restore writes
 * only what differs. Not valid after the core's GIC was reset. */
static struct ppi_hw {
	uint32_t enabled; /* GICD_ISENABLER0 */
	uint32_t prio[VCPU_CTX_PPI_PRIO_WORDS];
	bool valid;
} ppi_hw[CONFIG_NR_CPUS];

void vcpu_ctx_core_reset(uint32_t core)
{
	if (core >= CONFIG_NR_CPUS)
		return;
	ppi_hw[core].valid = false;
	vfp_core_reset(core);
}

static void ppi_save(struct vcpu *v)
{
	struct vcpu_arch *a = &v->arch;
	struct ppi_hw *hw = &ppi_hw[v->pcpu];
	/* A forwarded PPI (its timer) still active: take it out of the banked
	 * distributor state so the next vCPU's timer can interrupt. */
	uint32_t act = dist_read(GICD_ISACTIVER) & a->ppi_mask;

	a->ppi_active = act;
	if (act)
		dist_write(GICD_ICACTIVER, act);
	hw->enabled = dist_read(GICD_ISENABLER);
	a->ppi_enabled = hw->enabled & a->ppi_mask;
	for (uint32_t i = 0; i < VCPU_CTX_PPI_PRIO_WORDS; i++) {
		hw->prio[i] = dist_read(GICD_IPRIORITYR + VCPU_CTX_PPI_PRIO_FIRST + 4u * i);
		a->ppi_prio[i] = hw->prio[i];
	}
	hw->valid = true;
}

static void ppi_restore(const struct vcpu *v)
{
	const struct vcpu_arch *a = &v->arch;
	const struct ppi_hw *hw = &ppi_hw[v->pcpu];
	bool all = !hw->valid;

	for (uint32_t i = 0; i < VCPU_CTX_PPI_PRIO_WORDS; i++) {
		if (all || a->ppi_prio[i] != hw->prio[i])
			dist_write(GICD_IPRIORITYR + VCPU_CTX_PPI_PRIO_FIRST + 4u * i, a->ppi_prio[i]);
	}
	if (all || (hw->enabled & a->ppi_mask) != a->ppi_enabled) {
		/* What the previous vCPU enabled and this one did not. */
		dist_write(GICD_ICENABLER, a->ppi_mask & ~a->ppi_enabled);
		if (a->ppi_enabled)
			dist_write(GICD_ISENABLER, a->ppi_enabled);
	}
	if (a->ppi_active)
		dist_write(GICD_ISACTIVER, a->ppi_active);
}

void vcpu_arch_save(struct vcpu *v, const struct trap_frame *f)
{
	struct vcpu_arch *a = &v->arch;

	sysregs_save(a, f);
	vfp_switch_out(v);
	vgic_save(&a->gich);
	ppi_save(v);
}

void vcpu_arch_restore(struct vcpu *v, struct trap_frame *f)
{
	const struct vcpu_arch *a = &v->arch;

	write_vmpidr(a->vmpidr);
	/* One VMID per VM: its TLB entries stay valid, nothing is flushed. */
	__asm__ volatile("mcrr p15, 6, %0, %1, c2" : : "r"(a->vttbr[0]), "r"(a->vttbr[1]) : "memory");
	write_hcr(HCR_VM | HCR_SWIO | HCR_AMO | HCR_TSC | HCR_TSW | HCR_TAC | HCR_TIDCP | HCR_IMO |
		  HCR_FMO | HCR_TWI);
	sysregs_restore(a, f);
	vfp_switch_in(v);
	ppi_restore(v);
	vgic_restore(v, &a->gich);
	isb();
}

void vcpu_arch_ctx_reset(struct vcpu *v)
{
	const struct vm_config *cfg = v->vm->cfg;
	struct vcpu_arch *a = &v->arch;
	uint64_t vttbr = (uint64_t)(uintptr_t)cfg->s2_root | ((uint64_t)(cfg->id + 1u) << VTTBR_VMID_SHIFT);

	vfp_forget(v);
	memset(a, 0, sizeof(*a));
	a->sys.sctlr = GUEST_SCTLR_RESET;
	a->vttbr[0] = (uint32_t)vttbr;
	a->vttbr[1] = (uint32_t)(vttbr >> 32);
	a->vmpidr = BIT(31) | v->id; /* multiprocessor format, Aff0 = vCPU index */
	a->ppi_mask = guest_ppis(v);
	for (uint32_t i = 0; i < VCPU_CTX_PPI_PRIO_WORDS; i++)
		a->ppi_prio[i] = GIC_DEFAULT_PRIO * 0x01010101u;
	/* Entries of this VM's earlier life (same VMID) must not leak into
	 * this one: TLBIALLNSNH, this core. */
	__asm__ volatile("mcr p15, 4, %0, c8, c7, 4" : : "r"(0) : "memory");
	dsb();
	if (v->boot) {
		a->regs.r[1] = 0xffffffffu; /* Linux boot protocol: machine type "use DT" */
		a->regs.r[2] = cfg->dtb ? cfg->dtb_ipa : 0;
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

static uint64_t u64(const uint32_t w[2])
{
	return ((uint64_t)w[1] << 32) | w[0];
}

uint64_t vcpu_arch_timer_due(const struct vcpu *v)
{
	const struct vcpu_sysregs *s = &v->arch.sys;
	/* CNTVOFF is 0: virtual time is the system count. */
	uint64_t tv = timer_due(s->cntv_ctl, u64(s->cntv_cval));
	uint64_t tp = timer_due(s->cntp_ctl, u64(s->cntp_cval));

	return tv < tp ? tv : tp;
}

bool vcpu_arch_pending(const struct vcpu *v, bool running, uint64_t now)
{
	uint32_t vctl, pctl;

	if (vgic_pending(v, running ? NULL : &v->arch.gich))
		return true;
	if (!running)
		return vcpu_arch_timer_due(v) <= now;
	/* The running vCPU's timers: enabled, not masked, condition met. */
	MRC(0, c14, c3, 1, vctl);
	MRC(0, c14, c2, 1, pctl);
	return (vctl & 7u) == 5u || (pctl & 7u) == 5u;
}

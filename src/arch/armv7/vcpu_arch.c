// SPDX-License-Identifier: MIT
/* Entering a vCPU: Hyp configuration for its VM, reset state, eret. */
#include "arch/gic.h"
#include "lib.h"
#include "vm.h"
#include "arch/hyp.h"
#include "arch/sysregs.h"
#include "arch/trap_frame.h"

/* Per-core Hyp stacks; start.S points SP_hyp at the top frame of each. In
 * .noinit: boot does not clear them (nothing reads a stack slot before
 * writing it; the top frame is filled at every vCPU start). */
uint8_t hyp_stacks[CONFIG_NR_CPUS][CONFIG_HYP_STACK_SIZE]
	__attribute__((aligned(64), section(".noinit")));
_Static_assert(CONFIG_HYP_STACK_SIZE % 64 == 0, "stack size keeps frames aligned");

struct trap_frame *cpu_arch_frame(uint32_t n)
{
	return (struct trap_frame *)(void *)(hyp_stacks[n] + CONFIG_HYP_STACK_SIZE) - 1;
}

static struct trap_frame *vcpu_frame(const struct vcpu *v)
{
	return cpu_arch_frame(v->pcpu);
}

static uint32_t vcpu_hcr(const struct vm_config *cfg)
{
	/* Set/way cache maintenance, ACTLR and IMPLEMENTATION DEFINED registers
	 * trap (cp15.c): they reach hardware other VMs share. */
	uint32_t hcr = HCR_VM | HCR_SWIO | HCR_AMO | HCR_TSC | HCR_TSW | HCR_TAC | HCR_TIDCP;

	/* hrt VMs own the physical CPU interface: their IRQs never trap. */
	if (!vm_level_hrt(cfg))
		hcr |= HCR_IMO | HCR_FMO;
	return hcr;
}

/* Every register 0 but the entry's PC and CPSR; one store per register
 * pair rather than a memset call: a vCPU start (PSCI CPU_ON) pays this. */
static inline void frame_reset(struct trap_frame *f, uint32_t entry)
{
	volatile uint64_t *pair = (volatile uint64_t *)(void *)f;

	_Static_assert(sizeof(*f) == 8 * sizeof(*pair), "frame of 8 pairs");
	pair[0] = 0;
	pair[1] = 0;
	pair[2] = 0;
	pair[3] = 0;
	pair[4] = 0;
	pair[5] = 0;
	pair[6] = 0;
	f->elr = entry;
	f->spsr = GUEST_ENTRY_PSR;
}

void vcpu_arch_park(struct vcpu *v)
{
	const struct vm_config *cfg;

	/* The guest's timers off: a vCPU that is off takes no interrupt. */
	write_cntv_ctl(0);
	write_cntp_ctl(0);
	gic_cpu_init(GIC_WAIT_PMR);
	if (!v)
		return;
	/* Everything of the next start that does not depend on its entry:
	 * the VM's Hyp configuration (the same in every life of this core's
	 * one vCPU), the guest's SCTLR at reset, no TLB entry of the life
	 * before (a reset), and for srt/be an empty virtual interface (on:
	 * with no list register in use and no underflow interrupt asked for,
	 * it signals nothing). */
	cfg = v->vm->cfg;
	write_vmpidr(BIT(31) | v->id); /* multiprocessor format, Aff0 = vCPU index */
	write_vttbr((uint64_t)(uintptr_t)cfg->s2_root | ((uint64_t)(cfg->id + 1u) << VTTBR_VMID_SHIFT));
	write_hcr(vcpu_hcr(cfg));
	write_sctlr(GUEST_SCTLR_RESET);
	isb();
	__asm__ volatile("mcr p15, 4, %0, c8, c7, 4" : : "r"(0) : "memory"); /* TLBIALLNSNH */
	dsb();
	isb();
	if (vm_level_hrt(cfg))
		vgic_disable(); /* the guest has the physical CPU interface */
	else
		vgic_cpu_reset(v);
}

void vcpu_arch_park_final(const struct vcpu *v)
{
	write_cntv_ctl(0);
	write_cntp_ctl(0);
	/* The CPU interface the hypervisor's (an srt/be core's is already:
	 * only the mask), and the virtual interface off, whose list registers
	 * may still ask for maintenance interrupts. */
	if (vm_level_hrt(v->vm->cfg))
		gic_cpu_init(GIC_WAIT_PMR);
	else
		pcpu_this()->arch.gicc[GICC_PMR / 4u] = GIC_WAIT_PMR;
	vgic_disable();
}

void vcpu_arch_job_context(struct trap_frame *f, uint32_t ipa)
{
	/* Stage 1 off: the fetch at ipa goes to stage 2, whatever the guest's
	 * page tables (which the job may be overwriting) say. SVC mode, A, I
	 * and F masked: no guest handler runs meanwhile either. The saved
	 * context of a shared core's vCPU takes this SCTLR with it. */
	write_sctlr(GUEST_SCTLR_RESET);
	isb();
	f->elr = ipa;
	f->spsr = GUEST_ENTRY_PSR;
}

void vcpu_arch_start(struct vcpu *v)
{
	const struct vm_config *cfg = v->vm->cfg;
	struct trap_frame *f = vcpu_frame(v);
	bool hrt = vm_level_hrt(cfg);

	/* One base register for the frame's stores (GCC otherwise folds the
	 * stack's address into each one: more instructions, more registers). */
	__asm__("" : "+r"(f));

	/* Anything posted to v while it was off is dropped (as at a power-on)
	 * before it counts as ON: what is posted from then on comes with a
	 * kick, taken (masked in Hyp) right after the eret. vcpu_arch_park did
	 * the rest of the virtual interface's reset, and nobody else writes
	 * this core's GICH_HCR: it is still on. */
	if (!hrt && v->arch.vgic.npending)
		vgic_ctx_reset(v);
	if (!vcpu_claim(v))
		return; /* its VM stopped or is resetting: wait on */
	if (hrt)
		gic_cpu_to_guest();
	else
		pcpu_this()->arch.gicc[GICC_PMR / 4u] = GIC_PMR_ALL;
	frame_reset(f, v->entry);
	if (v->boot) {
		f->r[1] = 0xffffffffu; /* Linux boot protocol: machine type "use DT" */
		f->r[2] = cfg->dtb_load ? cfg->dtb_ipa : 0;
	} else {
		f->r[0] = v->context;
	}
	vcpu_arch_run(f);
}

/*
 * Registers the frame does not hold: the guest's SP and LR of its current
 * mode (and r8-r12 in FIQ mode) are banked, and Hyp reaches them with the
 * banked-register MRS/MSR of the Virtualization Extensions.
 */
#define BANKED(idx, name)                                                              \
	case idx: {                                                                     \
		if (write)                                                              \
			__asm__ volatile("msr " #name ", %0" : : "r"(*val) : "memory"); \
		else                                                                    \
			__asm__ volatile("mrs %0, " #name : "=r"(*val));                 \
		return true;                                                            \
	}

/* Index of (mode, reg) in the switch below, or -1 when the frame holds it. */
static int32_t banked_index(uint32_t mode, uint32_t n)
{
	static const struct {
		uint8_t mode, first, base;
	} map[] = {
		{PSR_MODE_USR, 13, 0}, {PSR_MODE_SYS, 13, 0}, {PSR_MODE_SVC, 13, 1},
		{PSR_MODE_IRQ, 13, 3}, {PSR_MODE_ABT, 13, 5}, {PSR_MODE_UND, 13, 7},
		{PSR_MODE_FIQ, 8, 9},
	};

	for (uint32_t i = 0; i < ARRAY_SIZE(map); i++) {
		if (map[i].mode != mode)
			continue;
		if (n < map[i].first)
			return -1;
		if (mode == PSR_MODE_USR || mode == PSR_MODE_SYS)
			return n == 13 ? 0 : -1; /* LR_usr is in the frame */
		return map[i].base + (int32_t)(n - map[i].first);
	}
	return -2; /* Hyp or a reserved mode: not a guest state */
}

static bool banked_access(int32_t idx, uint32_t *val, bool write)
{
	switch (idx) {
		BANKED(0, SP_usr)
		BANKED(1, SP_svc)
		BANKED(2, LR_svc)
		BANKED(3, SP_irq)
		BANKED(4, LR_irq)
		BANKED(5, SP_abt)
		BANKED(6, LR_abt)
		BANKED(7, SP_und)
		BANKED(8, LR_und)
		BANKED(9, r8_fiq)
		BANKED(10, r9_fiq)
		BANKED(11, r10_fiq)
		BANKED(12, r11_fiq)
		BANKED(13, r12_fiq)
		BANKED(14, SP_fiq)
		BANKED(15, LR_fiq)
	default:
		return false;
	}
}

/* Guest SCTLR bits that shape its exception entry. */
#define SCTLR_V BIT(13)  /* high vectors */
#define SCTLR_EE BIT(25) /* big-endian exception entry */
#define SCTLR_TE BIT(30) /* Thumb exception entry */
#define PSR_E BIT(9)
#define PSR_I BIT(7)
#define PSR_IT_J_MASK 0x0600fc00u /* IT[7:0] and J: cleared on exception entry */

void vcpu_arch_inject_undef(struct trap_frame *f, uint32_t hsr)
{
	uint32_t sctlr = read_sctlr();
	uint32_t vbar;
	uint32_t lr = f->elr + ((hsr & HSR_IL) ? 4u : 2u); /* the next instruction */
	uint32_t psr = (f->spsr & ~(PSR_MODE_MASK | PSR_T | PSR_E | PSR_IT_J_MASK)) | PSR_MODE_UND | PSR_I;

	/* As the CPU takes an Undefined Instruction exception (ARM ARM B1.8.3):
	 * SPSR_und = the old CPSR, LR_und = the next instruction, Undefined
	 * mode with IRQs masked, the vector at VBAR (or high vectors) + 4. */
	__asm__ volatile("mrc p15, 0, %0, c12, c0, 0" : "=r"(vbar));
	if (sctlr & SCTLR_TE)
		psr |= PSR_T;
	if (sctlr & SCTLR_EE)
		psr |= PSR_E;
	__asm__ volatile("msr SPSR_und, %0" : : "r"(f->spsr) : "memory");
	__asm__ volatile("msr LR_und, %0" : : "r"(lr) : "memory");
	f->spsr = psr;
	f->elr = ((sctlr & SCTLR_V) ? 0xffff0000u : vbar) + 4u;
}

COLD bool vcpu_arch_reg_access(struct trap_frame *f, uint32_t n, uint32_t *val, bool write)
{
	uint32_t *slot = trap_frame_reg(f, n);
	int32_t idx;

	if (slot) {
		if (write)
			*slot = *val;
		else
			*val = *slot;
		return true;
	}
	idx = banked_index(f->spsr & PSR_MODE_MASK, n);
	if (n > 14 || idx < 0)
		return false; /* PC as a transfer register, or not a guest mode */
	return banked_access(idx, val, write);
}

// SPDX-License-Identifier: MIT
/* Entering a vCPU: Hyp configuration for its VM, reset state, eret. */
#include "gic.h"
#include "lib.h"
#include "vm.h"
#include "arch/hyp.h"
#include "arch/sysregs.h"
#include "arch/trap_frame.h"

/* Per-core Hyp stacks; start.S points SP_hyp at the top frame of each. */
uint8_t hyp_stacks[CONFIG_NR_CPUS][CONFIG_HYP_STACK_SIZE] __attribute__((aligned(64)));
_Static_assert(CONFIG_HYP_STACK_SIZE % 64 == 0, "stack size keeps frames aligned");

NORETURN void vcpu_arch_run(struct trap_frame *f);

static struct trap_frame *vcpu_frame(const struct vcpu *v)
{
	return (struct trap_frame *)(void *)(hyp_stacks[v->pcpu] + CONFIG_HYP_STACK_SIZE) - 1;
}

static uint32_t vcpu_hcr(const struct vm_config *cfg)
{
	uint32_t hcr = HCR_VM | HCR_SWIO | HCR_AMO | HCR_TSC;

	/* hrt VMs own the physical CPU interface: their IRQs never trap. */
	if (cfg->level != VM_LEVEL_HRT)
		hcr |= HCR_IMO | HCR_FMO;
	return hcr;
}

void vcpu_arch_start(struct vcpu *v)
{
	const struct vm_config *cfg = v->vm->cfg;
	struct trap_frame *f = vcpu_frame(v);

	write_vmpidr(BIT(31) | v->id); /* multiprocessor format, Aff0 = vCPU index */
	write_vttbr((uint64_t)(uintptr_t)cfg->s2_root | ((uint64_t)(cfg->id + 1u) << VTTBR_VMID_SHIFT));
	write_hcr(vcpu_hcr(cfg));
	write_sctlr(GUEST_SCTLR_RESET);
	isb();
	/* Entries a previous run of this core left behind (this VM's earlier
	 * life, before a reset) must not leak into this one. */
	__asm__ volatile("mcr p15, 4, %0, c8, c7, 4" : : "r"(0) : "memory"); /* TLBIALLNSNH */
	dsb();
	isb();

	gic_cpu_init(v->pcpu);
	if (cfg->level == VM_LEVEL_HRT)
		vgic_disable();
	else
		vgic_cpu_reset(v);

	memset(f, 0, sizeof(*f));
	if (v->boot) {
		f->r[1] = 0xffffffffu; /* Linux boot protocol: machine type "use DT" */
		f->r[2] = cfg->dtb ? cfg->dtb_ipa : 0;
	} else {
		f->r[0] = v->context;
	}
	f->elr = v->entry;
	f->spsr = GUEST_ENTRY_PSR;
	v->state = VCPU_ON;
	vcpu_arch_run(f);
}

uint32_t *vcpu_arch_reg(struct trap_frame *f, uint32_t n)
{
	uint32_t mode = f->spsr & PSR_MODE_MASK;

	if (n < 13)
		return &f->r[n];
	/* r14 of User/System mode is the LR_usr saved in the frame; banked
	 * SP/LR of other modes are not emulated targets (no guest needs it). */
	if (n == 14 && (mode == PSR_MODE_USR || mode == PSR_MODE_SYS))
		return &f->lr_usr;
	return NULL;
}

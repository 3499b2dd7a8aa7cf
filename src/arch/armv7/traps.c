// SPDX-License-Identifier: MIT
/*
 * Hyp trap dispatch: one handler per exception class (HSR.EC). Anything a
 * guest causes that has no handler stops that VM, never the hypervisor.
 */
#include "console.h"
#include "hypercall.h"
#include "mmio.h"
#include "mmio_trap.h"
#include "pcpu.h"
#include "psci.h"
#include "run_loop.h"
#include "vm.h"
#include "arch/cp15.h"
#include "arch/hyp.h"
#include "arch/mmio.h"
#include "arch/sysregs.h"
#include "arch/trap_frame.h"
#include "arch/vcpu_ctx.h"

void hyp_trap(struct trap_frame *f);
void hyp_fiq(struct trap_frame *f);

typedef void (*trap_handler_t)(struct vcpu *v, struct trap_frame *f, uint32_t hsr);

/*
 * SMCCC calls (hvc #0, smc): function ID in r0, results in r0-r3. Every
 * call that stops or resets the caller's VM (CPU_OFF, SYSTEM_OFF,
 * SYSTEM_RESET) does not return (a SYSTEM_RESET whose restore was preempted
 * returns with the VM running again and the caller in the restore's
 * context), so the way back needs no VM-state check:
 * a stop by another core meanwhile comes with a kick (srt/be) or is seen
 * at the next trap (hrt), as for any other guest instruction.
 */
static inline void smccc_call(struct vcpu *v, struct trap_frame *f)
{
	uint32_t fid = f->r[0];

	if (fid - SHIKIRI_HC_VERSION < HC_NR)
		hypercall_dispatch(v, f, fid - SHIKIRI_HC_VERSION);
	else
		psci_guest_call(v, f); /* NOT_SUPPORTED for any other ID */
}

/* ELR already points past the HVC. Only `hvc #0` is an SMCCC call. */
static inline void trap_hvc(struct pcpu *c, struct vcpu *v, struct trap_frame *f, uint32_t hsr)
{
	c->trap_count[TRAP_HVC]++;
	if (hsr & 0xffffu)
		f->r[0] = SMCCC_NOT_SUPPORTED;
	else
		smccc_call(v, f);
}

/* HCR.TSC: ELR points at the SMC itself, which is 4 bytes in ARM and in
 * Thumb state alike. Only PSCI is offered over SMC. */
static inline void trap_smc(struct pcpu *c, struct vcpu *v, struct trap_frame *f)
{
	c->trap_count[TRAP_SMC]++;
	f->elr += 4u;
	psci_guest_call(v, f); /* NOT_SUPPORTED for any other ID */
}

/*
 * The IPA of a stage-2 abort: HPFAR[31:4] is IPA[39:12] (the IPAs of guests
 * fit in 32 bits), the page offset is the faulting VA's, far: HDFAR for a
 * data abort, HIFAR for an instruction abort (HDFAR then still holds the
 * last data abort's address).
 */
static uint32_t fault_ipa(uint32_t far)
{
	return ((read_hpfar() >> 4) << 12) | (far & 0xfffu);
}

/*
 * Emulated MMIO, in three paths (trap_dabt). The hot one, in line in
 * hyp_trap, is for the VM's vGICD and vUART with a valid syndrome and a
 * transfer register in the frame: the syndrome is decoded once, the
 * windows are tested by page number, the device's handler is called
 * directly with the frame slot to read into, and ELR moves past the
 * instruction first (so nothing but the core and the syndrome is needed
 * after the handler). The VM's other devices (dabt_table) are found in its
 * table. Everything else (no device, no syndrome, a banked transfer
 * register) goes to dabt_slow, which checks, counts and reports in full;
 * so does every refusal (dabt_bad).
 */
/* The device refused the access at pc (syndrome hsr). */
COLD static NOINLINE NORETURN void dabt_bad(struct vcpu *v, uint32_t pc, uint32_t hsr)
{
	uint32_t ipa = fault_ipa(read_hdfar());
	const struct mmio_region *r = mmio_find(&v->vm->mmio, ipa); /* found before */

	vm_fault(v, "bad %u-byte %s of %s register 0x%03x, pc 0x%08x", 1u << HSR_DABT_SAS(hsr),
		 (hsr & HSR_DABT_WNR) ? "write" : "read", r->dev->name, ipa - r->base, pc);
}

static NOINLINE COLD void dabt_slow(struct vcpu *v, struct trap_frame *f, uint32_t hsr)
{
	uint32_t iss = hsr & HSR_ISS_MASK;
	uint32_t ipa = fault_ipa(read_hdfar());
	bool write = (iss & HSR_DABT_WNR) != 0;
	const struct mmio_region *r = mmio_find(&v->vm->mmio, ipa);
	uint32_t size, reg, val = 0;
	bool ok;

	if (!r) {
		pcpu_count(TRAP_ABORT);
		vm_fault(v, "stage-2 data abort (%s) at IPA 0x%08x, pc 0x%08x",
			 write ? "write" : "read", ipa, f->elr);
	}
	pcpu_count(r->cause);
	size = 1u << HSR_DABT_SAS(iss);
	reg = HSR_DABT_SRT(iss);
	/* Without a valid syndrome (e.g. LDM, LDRD) the access cannot be
	 * emulated: device registers are accessed one at a time. */
	if (!(iss & HSR_DABT_ISV) || (write && !vcpu_arch_reg_access(f, reg, &val, false)))
		vm_fault(v, "unemulatable %s access to %s at IPA 0x%08x, pc 0x%08x",
			 write ? "write" : "read", r->dev->name, ipa, f->elr);
	if (write) {
		if (size < 4)
			val &= (1u << (size * 8)) - 1u;
		ok = r->vcpu_write ? r->vcpu_write(v, ipa - r->base, size, val)
				   : r->write(v->vm, ipa - r->base, size, val);
	} else {
		ok = r->vcpu_read ? r->vcpu_read(v, ipa - r->base, size, &val)
				  : r->read(v->vm, ipa - r->base, size, &val);
		if (size < 4)
			val = dabt_extend(val, size, iss);
		if (ok && !vcpu_arch_reg_access(f, reg, &val, true))
			vm_fault(v, "unemulatable read access to %s at IPA 0x%08x, pc 0x%08x",
				 r->dev->name, ipa, f->elr);
	}
	if (!ok)
		dabt_bad(v, f->elr, hsr);
	skip_instruction(f, hsr);
}

/* The fast path's device refused the access (ELR has moved on). HSR,
 * HPFAR and HDFAR still describe it: nothing traps to Hyp meanwhile. */
COLD static NOINLINE NORETURN void dabt_refused(const struct trap_frame *f, uint32_t hsr)
{
	dabt_bad(vcpu_current(), f->elr - ((hsr & HSR_IL) ? 4u : 2u), hsr);
}

/* After the fast path's device handler, out of line: a refusal, or a
 * read narrower than a word to extend. The frame is found again (a trap
 * frame is always its core's, cpu_arch_frame), so that nothing but the
 * core and the syndrome stays live across the handler on the hot path. */
NOINLINE NORETURN void dabt_refused_on(const struct pcpu *c, uint32_t hsr)
{
	dabt_refused(cpu_arch_frame(c->id), hsr);
}

NOINLINE void dabt_extend_on(const struct pcpu *c, uint32_t hsr)
{
	uint32_t *reg = &cpu_arch_frame(c->id)->r[HSR_DABT_SRT(hsr)];

	*reg = dabt_extend(*reg, dabt_size(hsr), hsr);
}

/* The VM's other devices (the table: GICC_DIR, channel doorbells, the
 * control page, a vUART not on a page of its own) at ipa, with a valid
 * syndrome and a transfer register in the frame. True: a read, done (no
 * device changes a VM's state on a read, so the way back needs no
 * VM-state check, as for the in-line windows); false: a write or
 * dabt_slow's access (hyp_exit checks). */
static NOINLINE bool dabt_table(struct vcpu *v, struct trap_frame *f, uint32_t hsr, uint32_t ipa)
{
	const struct mmio_table *t = &v->vm->mmio;
	const struct mmio_region *r = mmio_find_from(t, t->others, ipa);
	uint32_t *reg = &f->r[HSR_DABT_SRT(hsr)], off;
	bool ok;

	if (!r) {
		dabt_slow(v, f, hsr);
		return false;
	}
	pcpu_count(r->cause);
	skip_instruction(f, hsr);
	off = ipa - r->base;
	/* Only f and hsr live across the device's handler. */
	if (hsr & HSR_DABT_WNR) {
		uint32_t val = dabt_narrow(*reg, hsr);

		ok = r->vcpu_write ? r->vcpu_write(v, off, dabt_size(hsr), val)
				   : r->write(v->vm, off, dabt_size(hsr), val);
		if (!ok)
			dabt_refused(f, hsr);
		return false;
	}
	ok = r->vcpu_read ? r->vcpu_read(v, off, dabt_size(hsr), reg)
			  : r->read(v->vm, off, dabt_size(hsr), reg);
	if (!ok)
		dabt_refused(f, hsr);
	if (HSR_DABT_SAS(hsr) != 2u) /* not a word */
		f->r[HSR_DABT_SRT(hsr)] = dabt_extend(f->r[HSR_DABT_SRT(hsr)], dabt_size(hsr), hsr);
	return true;
}

/*
 * A stage-2 data abort, decoded once. The hot case, a valid syndrome and a
 * transfer register in the frame (r0-r12, but r8-r12 of FIQ mode are
 * banked) for the VM's vGICD or vUART, is done here; it returns true, and
 * the way back needs no VM-state check (as for hvc: a stop by another core
 * comes with a kick or is seen at the next trap); so does a read of the
 * table's. Everything else goes to the table or to dabt_slow, which
 * checks, counts and reports in full.
 */
static inline bool trap_dabt(struct pcpu *c, struct vcpu *v, struct trap_frame *f, uint32_t hsr)
{
	uint32_t page = read_hpfar() >> 4; /* HPFAR[31:4] is IPA[39:12] */
	uint32_t rt = HSR_DABT_SRT(hsr), off;

	/* Nothing hot (FEATURE_ALL_COLD): no fast path. dabt_slow does every
	 * access with the same handlers, counts and reports, and the in-line
	 * copies of the vUART's and the distributor's entries (mmio_trap.h)
	 * and dabt_table are not linked. */
	if (FEATURE_ALL_COLD) {
		dabt_slow(v, f, hsr);
		return false;
	}
	/* One test for the usual case, a syndrome and r0-r7. */
	if ((hsr & (HSR_DABT_ISV | HSR_DABT_SRT_HIGH)) != HSR_DABT_ISV &&
	    (!(hsr & HSR_DABT_ISV) || rt > 12 || (f->spsr & PSR_MODE_MASK) == PSR_MODE_FIQ)) {
		dabt_slow(v, f, hsr);
		return false;
	}
	off = read_hdfar() & 0xfffu;
	/* The windows tested by page number (the first registered, the
	 * vUART), in line: core's MMIO entry (mmio_trap.h). */
	if (!mmio_trap_page(c, v, page, off, (struct mmio_arch_access){f, hsr, rt}))
		return dabt_table(v, f, hsr, (page << 12) | off);
	return true;
}

static void trap_iabt(struct vcpu *v, struct trap_frame *f, uint32_t hsr)
{
	UNUSED(hsr);
	/* The context of a SYSTEM_RESET's restore in progress (vm_reset):
	 * its next chunks. */
	if (v->job.kind == VCPU_JOB_RESTORE) {
		vm_reset_continue(v);
		return;
	}
	pcpu_count(TRAP_ABORT);
	vm_fault(v, "stage-2 instruction abort at IPA 0x%08x, pc 0x%08x", fault_ipa(read_hifar()),
		 f->elr);
}

static void trap_wfi(struct vcpu *v, struct trap_frame *f, uint32_t hsr)
{
	/* Trapped on shared cores only (HCR.TWI): the vCPU blocks until its
	 * next interrupt, and the core runs another one meanwhile. */
	pcpu_count(TRAP_WFI);
	skip_instruction(f, hsr);
	run_loop_wfi(v);
}

static void trap_vfp(struct vcpu *v, struct trap_frame *f, uint32_t hsr)
{
	/* Shared cores, lazy VFP: the vCPU does not own the core's VFP/NEON
	 * registers yet (vcpu_ctx.c); its instruction runs again once it does. */
	if (!vcpu_ctx_vfp_trap(v)) {
		pcpu_count(TRAP_OTHER);
		vm_fault(v, "unexpected VFP/NEON trap, HSR 0x%08x, pc 0x%08x", hsr, f->elr);
	}
}

/* Everything but HVC, SMC and data aborts, which hyp_trap handles in line. */
static const trap_handler_t trap_handlers[HSR_EC_MAX + 1] = {
	[HSR_EC_WFI_WFE] = trap_wfi,
	[HSR_EC_HCPTR] = trap_vfp,
	[HSR_EC_CP15_32] = trap_cp15_32,
	[HSR_EC_CP15_64] = trap_cp15_64,
	[HSR_EC_IABT_LOW] = trap_iabt,
};

/* Out of line: the common path stays short. */
COLD static NOINLINE NORETURN void trap_refused(struct pcpu *c, struct vcpu *v,
						const struct trap_frame *f, uint32_t hsr)
{
	if (!v)
		panic("trap (HSR 0x%08x) on core %u, which runs no vCPU", hsr, c->id);
	/* A vCPU of a VM that was stopped (or is being reset) by another core
	 * while it ran, e.g. an hrt vCPU that nobody can kick, parks: its
	 * pending call (SYSTEM_RESET, CPU_ON, ...) must not act. Handlers that
	 * change state check again under vm_state_lock. */
	if (!vm_running(v->vm))
		vcpu_park();
	c->trap_count[TRAP_OTHER]++;
	vm_fault(v, "unexpected trap, HSR 0x%08x (EC 0x%02x), pc 0x%08x", hsr,
		 hsr >> HSR_EC_SHIFT, f->elr);
}

void hyp_trap(struct trap_frame *f)
{
	struct pcpu *c = pcpu_this();
	struct vcpu *v = c->vcpu;
	uint32_t hsr = read_hsr();
	uint32_t ec = hsr >> HSR_EC_SHIFT;
	trap_handler_t h;

	if (!v || !vm_running(v->vm))
		trap_refused(c, v, f, hsr);
	/* SMCCC calls: in line, and back with only the shared-core test. */
	if (ec == HSR_EC_HVC) {
		trap_hvc(c, v, f, hsr);
		run_loop_exit(c);
		return;
	}
	if (ec == HSR_EC_SMC) {
		trap_smc(c, v, f);
		run_loop_exit(c);
		return;
	}
	if (ec == HSR_EC_DABT_LOW) {
		if (trap_dabt(c, v, f, hsr))
			run_loop_exit(c);
		else
			hyp_exit(c);
		return;
	}
	h = trap_handlers[ec & HSR_EC_MAX];
	if (!h)
		trap_refused(c, v, f, hsr);
	h(v, f, hsr);
	hyp_exit(c);
}

void hyp_fiq(struct trap_frame *f)
{
	struct pcpu *c = pcpu_this();

	UNUSED(f);
	c->trap_count[TRAP_FIQ]++;
	hyp_exit(c);
}

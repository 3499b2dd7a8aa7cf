// SPDX-License-Identifier: MIT
/*
 * Trapped CP15 accesses (HCR.TSW, TAC, TIDCP): what a guest may not do to the
 * hardware directly, emulated as far as guests legitimately need it, one
 * handler per register group (cp15_regs[]). Anything else trapped stops the
 * VM with one line.
 *
 * - Data cache maintenance by set/way (DCISW, DCCSW, DCCISW) acts on the
 *   cache geometry, not on addresses: on silicon it reaches lines of every
 *   VM in a shared cache, and DCISW (invalidate, no clean) would discard
 *   other VMs' dirty data. A guest uses it to clean or empty "all of its
 *   cache" (Linux at boot, around cache/MMU switches). It becomes a clean and
 *   invalidate by address of the VM's own RAM to the point of coherency, done
 *   once per sweep of a cache level: on the op for set 0 and way 0, which
 *   every full sweep issues exactly once per level (Linux's loops count
 *   down and issue it last). Other ops only count. Cost per sweep: RAM size
 *   / line size operations, bounded by the VM's RAM, done as a chunked job
 *   of the vCPU (vm_ram_sweep): on a shared core the op is re-executed
 *   until the job is done, each entry doing at least one chunk and
 *   stopping after any chunk once an interrupt is pending.
 * - ACTLR (TAC): reads return the hardware value, writes are ignored. Its SMP
 *   bit, and the rest, are the firmware's; a guest cannot change coherency
 *   for a core the hypervisor relies on.
 * - IMPLEMENTATION DEFINED registers (TIDCP: c9, c10 and c11 reserved
 *   encodings, all of c15; HSTR.T15: all of c15): Cortex-A15/A7's L2CTLR
 *   reads with the VM's vCPU count and ignores writes, L2ECTLR reads 0 and
 *   ignores writes, CBAR reads 0 (as KVM does); every other one stops the VM.
 * - From PL0 (user mode), any trapped access is UNDEFINED: the guest takes an
 *   Undefined Instruction exception, as it would on the hardware.
 */
#include "console.h"
#include "pcpu.h"
#include "vm.h"
#include "arch/cp15.h"
#include "arch/hyp.h"
#include "arch/sysregs.h"
#include "arch/trap_frame.h"

/* HSR ISS of EC 0x03 (MCR/MRC) and EC 0x04 (MCRR/MRRC). */
#define ISS_CV BIT(24)
#define ISS_COND(iss) (((iss) >> 20) & 0xfu)
#define ISS_OPC2(iss) (((iss) >> 17) & 7u)
#define ISS_OPC1(iss) (((iss) >> 14) & 7u)
#define ISS_CRN(iss) (((iss) >> 10) & 0xfu)
#define ISS_RT(iss) (((iss) >> 5) & 0xfu)
#define ISS_CRM(iss) (((iss) >> 1) & 0xfu)
#define ISS_READ BIT(0)
#define ISS64_OPC1(iss) (((iss) >> 16) & 0xfu)

#define L2CTLR_NCORES_SHIFT 24
#define L2CTLR_NCORES_MASK (3u << L2CTLR_NCORES_SHIFT)

SYSREG32(actlr, 0, c1, c0, 1)
SYSREG32(l2ctlr, 1, c9, c0, 2)

enum { CP15_REFUSED = 0, CP15_DONE = 1, CP15_AGAIN = 2 };

struct cp15_reg {
	uint8_t opc1, crn, crm, opc2;
	/* Read: fill *val; write: *val is the value. CP15_REFUSED: not
	 * emulated; CP15_AGAIN: not finished, the instruction runs again. */
	int (*access)(struct vcpu *v, bool read, uint32_t *val);
};

// cppcheck-suppress constParameter ; signature fixed by struct cp15_reg
static int cp15_set_way(struct vcpu *v, bool read, uint32_t *val)
{
	if (read)
		return CP15_REFUSED;
	/* Level in bits [3:1]; set and way above bit 4: zero for set 0, way 0.
	 * The sweep is a chunked job of v (vm_ram_sweep): when preempted, the
	 * op runs again and continues it. */
	if ((*val & ~0xfu) == 0 && !vm_ram_sweep(v, cpu_arch_frame(v->pcpu)->elr))
		return CP15_AGAIN;
	return CP15_DONE;
}

static int cp15_actlr(struct vcpu *v, bool read, uint32_t *val)
{
	UNUSED(v);
	if (read)
		*val = read_actlr();
	return CP15_DONE;
}

static int cp15_l2ctlr(struct vcpu *v, bool read, uint32_t *val)
{
	uint32_t ncores = (vm_nr_vcpus(v->vm->cfg) - 1u) & 3u;

	if (read)
		*val = (read_l2ctlr() & ~L2CTLR_NCORES_MASK) | (ncores << L2CTLR_NCORES_SHIFT);
	return CP15_DONE;
}

static int cp15_raz_wi(struct vcpu *v, bool read, uint32_t *val)
{
	UNUSED(v);
	if (read)
		*val = 0;
	return CP15_DONE;
}

static int cp15_raz_ro(struct vcpu *v, bool read, uint32_t *val)
{
	UNUSED(v);
	if (!read)
		return CP15_REFUSED;
	*val = 0;
	return CP15_DONE;
}

static const struct cp15_reg cp15_regs[] = {
	{0, 7, 6, 2, cp15_set_way},   /* DCISW */
	{0, 7, 10, 2, cp15_set_way},  /* DCCSW */
	{0, 7, 14, 2, cp15_set_way},  /* DCCISW */
	{0, 1, 0, 1, cp15_actlr},     /* ACTLR */
	{1, 9, 0, 2, cp15_l2ctlr},    /* L2CTLR (Cortex-A15/A7) */
	{1, 9, 0, 3, cp15_raz_wi},    /* L2ECTLR (Cortex-A15/A7) */
	{4, 15, 0, 0, cp15_raz_ro},   /* CBAR (Cortex-A15/A7) */
};

/* Condition code check of a trapped conditional instruction (ARM ARM
 * A8.3): against the guest's NZCV. */
static bool cond_passed(uint32_t cond, uint32_t psr)
{
	bool n = (psr >> 31) & 1u, z = (psr >> 30) & 1u, c = (psr >> 29) & 1u,
	     vf = (psr >> 28) & 1u;
	bool r;

	switch (cond >> 1) {
	case 0: r = z; break;
	case 1: r = c; break;
	case 2: r = n; break;
	case 3: r = vf; break;
	case 4: r = c && !z; break;
	case 5: r = n == vf; break;
	case 6: r = !z && n == vf; break;
	default: return true; /* AL (and 0b1111) */
	}
	return (cond & 1u) ? !r : r;
}

static void skip(struct trap_frame *f, uint32_t hsr)
{
	f->elr += (hsr & HSR_IL) ? 4u : 2u;
}

void trap_cp15_32(struct vcpu *v, struct trap_frame *f, uint32_t hsr)
{
	uint32_t iss = hsr & HSR_ISS_MASK;
	uint32_t opc1 = ISS_OPC1(iss), crn = ISS_CRN(iss), crm = ISS_CRM(iss);
	uint32_t opc2 = ISS_OPC2(iss), rt = ISS_RT(iss);
	bool read = (iss & ISS_READ) != 0;
	uint32_t val = 0;

	pcpu_count(TRAP_SYSREG);
	if ((iss & ISS_CV) && !cond_passed(ISS_COND(iss), f->spsr)) {
		skip(f, hsr);
		return;
	}
	/* From PL0 (HSTR traps those too) every one of these is UNDEFINED:
	 * the guest's kernel deals with it, as on bare metal; an unprivileged
	 * process must not be able to stop its VM. */
	if ((f->spsr & PSR_MODE_MASK) == PSR_MODE_USR) {
		vcpu_arch_inject_undef(f, hsr);
		return;
	}
	for (uint32_t i = 0; i < ARRAY_SIZE(cp15_regs); i++) {
		const struct cp15_reg *r = &cp15_regs[i];

		if (r->opc1 != opc1 || r->crn != crn || r->crm != crm || r->opc2 != opc2)
			continue;
		if (!read && !vcpu_arch_reg_access(f, rt, &val, false))
			break;
		int res = r->access(v, read, &val);

		if (res == CP15_REFUSED)
			break;
		if (res == CP15_AGAIN)
			return; /* ELR unchanged: the guest issues it again */
		if (read && !vcpu_arch_reg_access(f, rt, &val, true))
			break;
		skip(f, hsr);
		return;
	}
	vm_fault(v, "trapped CP15 access %s p15, %u, r%u, c%u, c%u, %u (not emulated), pc 0x%08x",
		 read ? "mrc" : "mcr", opc1, rt, crn, crm, opc2, f->elr);
}

void trap_cp15_64(struct vcpu *v, struct trap_frame *f, uint32_t hsr)
{
	uint32_t iss = hsr & HSR_ISS_MASK;

	/* No 64-bit register is trapped on purpose: whatever comes here is an
	 * IMPLEMENTATION DEFINED one. */
	pcpu_count(TRAP_SYSREG);
	if ((f->spsr & PSR_MODE_MASK) == PSR_MODE_USR) {
		vcpu_arch_inject_undef(f, hsr);
		return;
	}
	vm_fault(v, "trapped CP15 access %s p15, %u, c%u (not emulated), pc 0x%08x",
		 (iss & ISS_READ) ? "mrrc" : "mcrr", ISS64_OPC1(iss), ISS_CRM(iss), f->elr);
}

// SPDX-License-Identifier: MIT
/*
 * PSCI 1.0 for guests, over SMC or HVC. A VM sees only its own vCPUs,
 * numbered from 0 (MPIDR.Aff0 = vCPU index); SYSTEM_OFF stops only the VM.
 */
#include "arch/trap_frame.h"
#include "console.h"
#include "psci.h"
#include "vm.h"

/* The vCPU a guest means by an MPIDR, or NULL if it has none such. */
static struct vcpu *psci_target(struct vm *vm, uint32_t mpidr)
{
	uint32_t aff0 = mpidr & 0xffu;

	if ((mpidr & 0x00ffff00u) != 0 || aff0 >= vm->cfg->nr_vcpus)
		return NULL;
	return &vm->vcpus[aff0];
}

static int32_t psci_cpu_on(struct vcpu *v, uint32_t mpidr, uint32_t entry, uint32_t context)
{
	struct vcpu *t = psci_target(v->vm, mpidr);

	if (!t)
		return PSCI_INVALID_PARAMETERS;
	return vcpu_power_on(t, entry, context);
}

static int32_t psci_affinity_info(struct vcpu *v, uint32_t mpidr, uint32_t level)
{
	struct vcpu *t = psci_target(v->vm, mpidr);

	if (!t || level != 0)
		return PSCI_INVALID_PARAMETERS;
	switch (t->state) {
	case VCPU_ON:
		return PSCI_AFF_ON;
	case VCPU_ON_PENDING:
		return PSCI_AFF_ON_PENDING;
	default:
		return PSCI_AFF_OFF;
	}
}

static NORETURN void psci_cpu_off(struct vcpu *v)
{
	struct vm *vm = v->vm;
	bool any_on = false;
	bool stopped = false;
	bool last = false;

	/* Off, and the VM's end if it was the last vCPU on (or coming up): one
	 * decision, so that a racing CPU_ON either wins (and the VM lives) or
	 * is refused (the VM is stopped). */
	spin_lock(&vm_state_lock);
	v->state = VCPU_OFF;
	for (uint32_t i = 0; i < vm->cfg->nr_vcpus; i++)
		any_on |= vm->vcpus[i].state != VCPU_OFF;
	if (!any_on)
		stopped = vm_stop_locked(vm, &last);
	spin_unlock(&vm_state_lock);
	if (stopped)
		vm_stopped(vm, "all vCPUs off (PSCI CPU_OFF)", last);
	vcpu_park();
}

static bool psci_has(uint32_t fid)
{
	switch (fid) {
	case PSCI_VERSION:
	case PSCI_CPU_OFF:
	case PSCI_CPU_ON:
	case PSCI_AFFINITY_INFO:
	case PSCI_MIGRATE_INFO_TYPE:
	case PSCI_SYSTEM_OFF:
	case PSCI_SYSTEM_RESET:
	case PSCI_FEATURES:
		return true;
	default:
		return false;
	}
}

void psci_guest_call(struct vcpu *v, struct trap_frame *f)
{
	uint32_t fid = f->r[0];
	int32_t ret;

	switch (fid) {
	case PSCI_VERSION:
		ret = (int32_t)PSCI_GUEST_VERSION;
		break;
	case PSCI_FEATURES:
		ret = psci_has(f->r[1]) ? PSCI_SUCCESS : PSCI_NOT_SUPPORTED;
		break;
	case PSCI_CPU_ON:
		ret = psci_cpu_on(v, f->r[1], f->r[2], f->r[3]);
		break;
	case PSCI_CPU_OFF:
		psci_cpu_off(v);
	case PSCI_AFFINITY_INFO:
		ret = psci_affinity_info(v, f->r[1], f->r[2]);
		break;
	case PSCI_MIGRATE_INFO_TYPE:
		ret = 2; /* no Trusted OS to migrate */
		break;
	case PSCI_SYSTEM_OFF:
		vm_stop(v->vm, "system-off");
		vcpu_park();
	case PSCI_SYSTEM_RESET:
		vm_reset(v);
	default:
		ret = PSCI_NOT_SUPPORTED;
		break;
	}
	f->r[0] = (uint32_t)ret;
}

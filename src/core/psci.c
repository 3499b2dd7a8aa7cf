// SPDX-License-Identifier: MIT
/*
 * PSCI 1.0 for guests, over SMC or HVC. A VM sees only its own vCPUs,
 * numbered from 0 (MPIDR.Aff0 = vCPU index); SYSTEM_OFF stops only the VM.
 */
#include "arch/trap_frame.h"
#include "console.h"
#include "psci.h"
#include "vm.h"

/* The vCPU a guest means by an MPIDR (the affinity its vCPU reads, arch's
 * vm_arch_guest_mpidr), or NULL if it has none such. */
static struct vcpu *psci_target(struct vm *vm, uint32_t mpidr)
{
	for (uint32_t i = 0; i < vm_nr_vcpus(vm->cfg); i++)
		if ((mpidr & 0x00ffffffu) == vm_arch_guest_mpidr(vm->cfg, i))
			return &vm->vcpus[i];
	return NULL;
}

/* Handlers write their result into r0 themselves: the caller (in line in
 * the trap path) then keeps nothing across the call. */
static void ret(struct trap_frame *f, int32_t val)
{
	f->r[0] = (uint32_t)val;
}

static void psci_version(struct vcpu *v, struct trap_frame *f)
{
	UNUSED(v);
	f->r[0] = PSCI_GUEST_VERSION;
}

static void psci_cpu_on(struct vcpu *v, struct trap_frame *f)
{
	struct vcpu *t = psci_target(v->vm, f->r[1]);

	ret(f, t ? vcpu_power_on(t, f->r[2], f->r[3]) : PSCI_INVALID_PARAMETERS);
}

static COLD void psci_affinity_info(struct vcpu *v, struct trap_frame *f)
{
	struct vcpu *t = psci_target(v->vm, f->r[1]);

	if (!t || f->r[2] != 0)
		ret(f, PSCI_INVALID_PARAMETERS);
	else if (t->state == VCPU_ON)
		ret(f, PSCI_AFF_ON);
	else if (t->state == VCPU_ON_PENDING)
		ret(f, PSCI_AFF_ON_PENDING);
	else
		ret(f, PSCI_AFF_OFF);
}

static NORETURN COLD void psci_cpu_off(struct vcpu *v, struct trap_frame *f)
{
	struct vm *vm = v->vm;
	bool any_on = false;
	bool stopped = false;

	UNUSED(f);
	/* A set/way sweep left unfinished (CPU_OFF from an interrupt handler)
	 * must not be continued by the next life's op at the same PC. */
	v->job.kind = VCPU_JOB_NONE;
	/* The core is ready to start v again before v is reported OFF (a
	 * guest may CPU_ON it as soon as AFFINITY_INFO says so). */
	vcpu_quiesce();
	/* Off, and the VM's end if it was the last vCPU on (or coming up): one
	 * decision, so that a racing CPU_ON either wins (and the VM lives) or
	 * is refused (the VM is stopped). */
	spin_lock(&vm_state_lock);
	v->state = VCPU_OFF;
	for (uint32_t i = 0; i < vm_nr_vcpus(vm->cfg); i++)
		any_on |= vm->vcpus[i].state != VCPU_OFF;
	if (!any_on)
		stopped = vm_stop_locked(vm);
	spin_unlock(&vm_state_lock);
	if (stopped)
		vm_stopped(vm, "all vCPUs off (PSCI CPU_OFF)");
	vcpu_park();
}

static void psci_migrate_info_type(struct vcpu *v, struct trap_frame *f)
{
	UNUSED(v);
	ret(f, 2); /* no Trusted OS to migrate */
}

/* Returns only with a restart's restore preempted (on-system-off). */
static void psci_system_off(struct vcpu *v, struct trap_frame *f)
{
	UNUSED(f);
	vm_system_off(v);
}

/* Returns only with the restore preempted, f then being the context that
 * continues it (vm_reset). */
static void psci_system_reset(struct vcpu *v, struct trap_frame *f)
{
	UNUSED(f);
	vm_reset(v);
}

static void psci_features(struct vcpu *v, struct trap_frame *f);

static void psci_not_supported(struct vcpu *v, struct trap_frame *f)
{
	UNUSED(v);
	ret(f, PSCI_NOT_SUPPORTED);
}

/* By function number (fid - PSCI_VERSION); every entry is set. */
const psci_handler_t psci_calls[PSCI_NR] = {
	[PSCI_VERSION - PSCI_VERSION] = psci_version,
	[PSCI_CPU_SUSPEND - PSCI_VERSION] = psci_not_supported,
	[PSCI_CPU_OFF - PSCI_VERSION] = psci_cpu_off,
	[PSCI_CPU_ON - PSCI_VERSION] = psci_cpu_on,
	[PSCI_AFFINITY_INFO - PSCI_VERSION] = psci_affinity_info,
	[PSCI_MIGRATE_INFO_TYPE - PSCI_VERSION - 1] = psci_not_supported, /* MIGRATE */
	[PSCI_MIGRATE_INFO_TYPE - PSCI_VERSION] = psci_migrate_info_type,
	[PSCI_MIGRATE_INFO_TYPE - PSCI_VERSION + 1] = psci_not_supported, /* MIGRATE_INFO_UP_CPU */
	[PSCI_SYSTEM_OFF - PSCI_VERSION] = psci_system_off,
	[PSCI_SYSTEM_RESET - PSCI_VERSION] = psci_system_reset,
	[PSCI_FEATURES - PSCI_VERSION] = psci_features,
};

static void psci_features(struct vcpu *v, struct trap_frame *f)
{
	uint32_t n = f->r[1] - PSCI_VERSION;

	UNUSED(v);
	ret(f, n < PSCI_NR && psci_calls[n] != psci_not_supported ? PSCI_SUCCESS
								 : PSCI_NOT_SUPPORTED);
}

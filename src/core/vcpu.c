// SPDX-License-Identifier: MIT
/* vCPU power state. Each vCPU owns one core, so "power on a vCPU" is "power
 * on its core" (PSCI CPU_ON to the firmware) and "vCPU off" is "core off". */
#include "console.h"
#include "pcpu.h"
#include "platform_ops.h"
#include "psci.h"
#include "vm.h"
#include "arch/cpu.h"

/* A core that is just turning itself off may still report ON for a moment. */
#define CPU_ON_RETRIES 100000u

struct vcpu *vcpu_current(void)
{
	return pcpu_this()->vcpu;
}

int32_t vcpu_power_on(struct vcpu *v, uint32_t entry, uint32_t context, bool boot)
{
	struct vm *vm = v->vm;
	int32_t ret = PSCI_SUCCESS;

	spin_lock(&vm->lock);
	if (v->state == VCPU_ON)
		ret = PSCI_ALREADY_ON;
	else if (v->state == VCPU_ON_PENDING)
		ret = PSCI_ON_PENDING;
	else {
		v->entry = entry;
		v->context = context;
		v->boot = boot;
		v->state = VCPU_ON_PENDING;
	}
	spin_unlock(&vm->lock);
	if (ret != PSCI_SUCCESS || v->pcpu == pcpu_this()->id)
		return ret; /* the calling core enters it itself */

	for (uint32_t i = 0; i < CPU_ON_RETRIES; i++) {
		ret = psci_fw_call(PSCI_CPU_ON, pcpu_configs[v->pcpu].mpidr,
				   platform_secondary_entry(), v->pcpu);
		if (ret != PSCI_ALREADY_ON && ret != PSCI_ON_PENDING)
			break;
	}
	if (ret != PSCI_SUCCESS) {
		pr_err("vm %s: firmware CPU_ON of core %u failed (%d)", vm->cfg->name, v->pcpu, ret);
		v->state = VCPU_OFF;
		return PSCI_INTERNAL_FAILURE;
	}
	return PSCI_SUCCESS;
}

void vcpu_run(struct vcpu *v)
{
	ASSERT(v->pcpu == pcpu_this()->id);
	vcpu_arch_start(v);
}

void vcpu_park(void)
{
	struct vcpu *v = vcpu_current();

	if (v) {
		spin_lock(&v->vm->lock);
		v->state = VCPU_OFF;
		spin_unlock(&v->vm->lock);
	}
	psci_fw_call(PSCI_CPU_OFF, 0, 0, 0);
	cpu_halt(); /* only if the firmware refused */
}

// SPDX-License-Identifier: MIT
/* vCPU power state. Each vCPU owns one core, so "power on a vCPU" is "power
 * on its core" (PSCI CPU_ON to the firmware) and "vCPU off" is "core off".
 * Every state change happens under vm_state_lock (vm.c), checked against the
 * state of the VM, so that racing PSCI calls of one VM's vCPUs (and a stop or
 * reset of that VM) always leave one consistent outcome. */
#include "console.h"
#include "irq.h"
#include "pcpu.h"
#include "run_loop.h"
#include "platform_ops.h"
#include "psci.h"
#include "vm.h"
#include "arch/cpu.h"

/* A core that is just turning itself off may still report ON for a moment:
 * firmware CPU_ON is retried for this long (seconds of the system counter,
 * not a count of tries: under emulation on a loaded host, that moment can be
 * long). */
#define CPU_ON_RETRY_SECONDS 5u

struct vcpu *vcpu_current(void)
{
	return pcpu_this()->vcpu;
}

/* t has something new pending: deliver it if t runs here, else wake it. */
static void vcpu_notify(struct vcpu *t)
{
	struct pcpu *c = pcpu_this();

	if (t->pcpu != c->id)
		irq_kick(BIT(t->pcpu));
	else if (c->vcpu == t)
		vgic_flush(t);
	else
		sched_run_wake(t);
}

void vcpu_inject_virq(struct vcpu *t, uint32_t id, uint32_t prio, bool report_eoi)
{
	vgic_pend_virq(t, id, prio, report_eoi);
	vcpu_notify(t);
}

void vcpu_inject_sgi(struct vcpu *t, uint32_t sgi, uint32_t src)
{
	vgic_pend_sgi(t, sgi, src);
	vcpu_notify(t);
}

void vcpu_inject_hw(struct vcpu *t, uint32_t id)
{
	if (pcpu_this()->vcpu == t) {
		vgic_inject_hw(t, id);
		return;
	}
	vgic_pend_hw(t, id);
	sched_run_wake(t);
}

/* The hypervisor's IPI: interrupts other cores made pending for this core's
 * vCPU, and on a shared core vCPUs to wake or start. */
static void vcpu_ipi(struct pcpu *c, uint32_t id)
{
	UNUSED(id);
	if (c->vcpu)
		vgic_flush(c->vcpu);
	sched_run_kicked(c);
}

void vcpu_init_irqs(void)
{
	irq_reserve(irq_arch_ipi_id(), vcpu_ipi);
}

int32_t vcpu_request_on_locked(struct vcpu *v, uint32_t entry, uint32_t context, bool boot)
{
	if (v->state == VCPU_ON)
		return PSCI_ALREADY_ON;
	if (v->state == VCPU_ON_PENDING)
		return PSCI_ON_PENDING;
	v->entry = entry;
	v->context = context;
	v->boot = boot;
	v->state = VCPU_ON_PENDING;
	return PSCI_SUCCESS;
}

static int32_t fw_cpu_on(const struct vcpu *v)
{
	return psci_fw_call(PSCI_CPU_ON, pcpu_configs[v->pcpu].mpidr, platform_secondary_entry(),
			    v->pcpu);
}

/* The firmware refused to start v's core: v goes back OFF. */
static NOINLINE int32_t wake_failed(struct vcpu *v, int32_t ret)
{
	psci_fw_report(PSCI_CPU_ON, ret);
	pr_err("vm %s: firmware CPU_ON of core %u failed (%d)", v->vm->cfg->name, v->pcpu, ret);
	spin_lock(&vm_state_lock);
	if (v->state == VCPU_ON_PENDING)
		v->state = VCPU_OFF;
	spin_unlock(&vm_state_lock);
	return PSCI_INTERNAL_FAILURE;
}

/* A shared core, or a core still on its way down: ask again until the
 * deadline. */
static NOINLINE int32_t wake_core_retry(struct vcpu *v, struct pcpu *c)
{
	uint64_t give_up = cpu_arch_counter() + (uint64_t)cpu_arch_counter_hz() * CPU_ON_RETRY_SECONDS;
	int32_t ret;
	bool up;

	do {
		/* A shared core that is up (or was started by somebody) takes
		 * the vCPU into its run queue; one that is down, or deciding to
		 * go down (up is cleared under the lock that saw no vCPU on),
		 * is powered on. */
		if (c->shared) {
			spin_lock(&vm_state_lock);
			up = c->up;
			spin_unlock(&vm_state_lock);
			if (up) {
				irq_kick(BIT(v->pcpu));
				return PSCI_SUCCESS;
			}
		}
		ret = fw_cpu_on(v);
	} while ((ret == PSCI_ALREADY_ON || ret == PSCI_ON_PENDING) && cpu_arch_counter() < give_up);
	if (ret != PSCI_SUCCESS)
		return wake_failed(v, ret);
	if (c->shared) {
		spin_lock(&vm_state_lock);
		c->up = true; /* it enters its run loop and finds v pending */
		spin_unlock(&vm_state_lock);
	}
	return PSCI_SUCCESS;
}

int32_t vcpu_wake_core(struct vcpu *v)
{
	struct pcpu *c = &pcpus[v->pcpu];
	int32_t ret;

	if (v->pcpu == pcpu_this()->id) {
		/* The calling core enters it itself (a shared core in its run
		 * loop: once it is picked). */
		if (c->up)
			sched_run_kicked(c);
		return PSCI_SUCCESS;
	}
	if (c->shared)
		return wake_core_retry(v, c);
	/* The common case (PSCI CPU_ON is timed by make bench): a dedicated
	 * core that is off starts at the first firmware call. */
	ret = fw_cpu_on(v);
	if (ret == PSCI_SUCCESS)
		return ret;
	if (ret == PSCI_ALREADY_ON || ret == PSCI_ON_PENDING)
		return wake_core_retry(v, c);
	return wake_failed(v, ret);
}

int32_t vcpu_power_on(struct vcpu *v, uint32_t entry, uint32_t context)
{
	int32_t ret;

	spin_lock(&vm_state_lock);
	/* A VM being stopped or reset starts no vCPU (the reset starts vCPU 0
	 * itself once the others are off). */
	if (v->vm->state != VM_RUNNING)
		ret = PSCI_DENIED;
	else
		ret = vcpu_request_on_locked(v, entry, context, false);
	spin_unlock(&vm_state_lock);
	if (ret != PSCI_SUCCESS)
		return ret;
	return vcpu_wake_core(v);
}

bool vcpu_claim(struct vcpu *v)
{
	bool ok;

	spin_lock(&vm_state_lock);
	ok = v->state == VCPU_ON_PENDING && v->vm->state == VM_RUNNING;
	if (ok)
		v->state = VCPU_ON;
	else if (v->state == VCPU_ON_PENDING)
		v->state = VCPU_OFF; /* its VM stopped or is resetting meanwhile */
	spin_unlock(&vm_state_lock);
	return ok;
}

void vcpu_run(struct vcpu *v)
{
	struct pcpu *c = pcpu_this();

	ASSERT(v->pcpu == c->id);
	if (c->shared)
		run_loop_park(c); /* v (pending) starts afresh when it is picked */
	vcpu_arch_start(v);
}

void vcpu_core_off(void)
{
	cpu_arch_park();
	psci_fw_report(PSCI_CPU_OFF, psci_fw_call(PSCI_CPU_OFF, 0, 0, 0));
	cpu_halt(); /* only if the firmware refused */
}

void vcpu_park(void)
{
	struct pcpu *c = pcpu_this();
	struct vcpu *v = vcpu_current();

	if (c->shared)
		run_loop_park(c); /* the core goes on with its other vCPUs */

	if (v) {
		/* Only a vCPU this core was running goes OFF here: OFF was set
		 * already by CPU_OFF or a reset, and ON_PENDING means another
		 * vCPU's CPU_ON is waiting for this core to go down first. */
		spin_lock(&vm_state_lock);
		if (v->state == VCPU_ON)
			v->state = VCPU_OFF;
		spin_unlock(&vm_state_lock);
	}
	vcpu_core_off();
}

// SPDX-License-Identifier: MIT
/* vCPU power state. A core is powered on (firmware PSCI CPU_ON) the first
 * time one of its vCPUs starts, and from then on stays in the hypervisor:
 * a vCPU that goes off leaves its core waiting in WFI inside Hyp, ready to
 * start it again, so "power on a vCPU" is a kick of that core, and
 * "vCPU off" never powers a core off. Every state change happens under
 * vm_state_lock (vm.c), checked against the state of the VM, so that racing
 * PSCI calls of one VM's vCPUs (and a stop or reset of that VM) always
 * leave one consistent outcome. */
#include "console.h"
#include "irq.h"
#include "pcpu.h"
#include "run_loop.h"
#include "platform_ops.h"
#include "psci.h"
#include "vm.h"
#include "arch/cpu.h"

/* Interrupts handled per wake-up of a waiting core before it looks again. */
#define WAIT_IRQS_MAX 16u

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
		vcpu_arch_flush(t);
	else
		sched_run_wake(t);
}

void vcpu_inject_virq(struct vcpu *t, uint32_t id, uint32_t prio, bool report_eoi)
{
	vcpu_arch_pend_virq(t, id, prio, report_eoi);
	vcpu_notify(t);
}

void vcpu_inject_sgi(struct vcpu *t, uint32_t sgi, uint32_t src)
{
	vcpu_arch_pend_sgi(t, sgi, src);
	vcpu_notify(t);
}

void vcpu_inject_hw(struct vcpu *t, uint32_t id)
{
	if (pcpu_this()->vcpu == t) {
		vcpu_arch_inject_hw(t, id);
		return;
	}
	vcpu_arch_pend_hw(t, id);
	sched_run_wake(t);
}

/* The hypervisor's IPI: interrupts other cores made pending for this core's
 * vCPU, and on a shared core vCPUs to wake or start. */
static void vcpu_ipi(struct pcpu *c, uint32_t id)
{
	UNUSED(id);
	if (c->vcpu)
		vcpu_arch_flush(c->vcpu);
	sched_run_kicked(c);
}

COLD void vcpu_init_irqs(void)
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

/* The firmware refused to start v's core: v goes back OFF. */
COLD static NOINLINE int32_t wake_failed(struct vcpu *v, int32_t ret)
{
	psci_fw_report(PSCI_CPU_ON, ret);
	pr_err("vm %s: firmware CPU_ON of core %u failed (%d)", v->vm->cfg->name, v->pcpu, ret);
	spin_lock(&vm_state_lock);
	if (v->state == VCPU_ON_PENDING)
		v->state = VCPU_OFF;
	spin_unlock(&vm_state_lock);
	return PSCI_INTERNAL_FAILURE;
}

/* A core's first start: the firmware powers it on at secondary_entry. */
static NOINLINE int32_t wake_cold(struct vcpu *v)
{
	int32_t ret = psci_fw_call(PSCI_CPU_ON, pcpu_configs[v->pcpu].mpidr,
				   platform_secondary_entry(), v->pcpu);

	/* ALREADY_ON / ON_PENDING: somebody else started it, and it had not
	 * said it was up when we looked (after v went ON_PENDING): it looks
	 * at its vCPUs after saying so, and finds v. */
	if (ret == PSCI_SUCCESS || ret == PSCI_ALREADY_ON || ret == PSCI_ON_PENDING)
		return PSCI_SUCCESS;
	return wake_failed(v, ret);
}

int32_t vcpu_wake_core(struct vcpu *v)
{
	struct pcpu *c = &pcpus[v->pcpu];

	/* One core (FEATURE_ONE_CORE): v's is the calling one. */
	if (FEATURE_ONE_CORE || v->pcpu == pcpu_this()->id) {
		/* The calling core enters it itself (a shared core in its run
		 * loop: once it is picked). */
		if (c->up)
			sched_run_kicked(c);
		return PSCI_SUCCESS;
	}
	/* The common case (PSCI CPU_ON is timed by make bench): the core is
	 * up, waiting in Hyp (or running its other vCPUs), and a kick makes
	 * it look. v went ON_PENDING under vm_state_lock, whose release
	 * barrier orders that before this read of up; the core sets up (and a
	 * barrier) before it first looks at its vCPUs (vcpu_core_up). */
	if (c->up) {
		irq_kick(BIT(v->pcpu));
		return PSCI_SUCCESS;
	}
	return wake_cold(v);
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
	bool ok, pending;

	spin_lock(&vm_state_lock);
	pending = v->state == VCPU_ON_PENDING;
	ok = pending && v->vm->state == VM_RUNNING;
	if (pending) /* OFF: its VM stopped or is resetting meanwhile */
		v->state = ok ? VCPU_ON : VCPU_OFF;
	spin_unlock(&vm_state_lock);
	return ok;
}

/*
 * A dedicated core with its vCPU off (or a core with none): wait in WFI
 * inside Hyp, handling the hypervisor's interrupts (the kick of a CPU_ON or
 * a reset, the vUART's idle flush), until the vCPU is ON_PENDING; then
 * enter it. vcpu_arch_park has readied the core for that start.
 */
static inline __attribute__((always_inline)) NORETURN void core_wait(struct pcpu *c,
									struct vcpu *v)
{
	for (;;) {
		if (v && v->state == VCPU_ON_PENDING) {
			c->vcpu = v; /* IRQs stay masked until the eret */
			vcpu_arch_start(v); /* returns if its VM stopped meanwhile */
			c->vcpu = NULL;
		}
		cpu_arch_wait_kick(WAIT_IRQS_MAX);
	}
}

void vcpu_core_up(struct pcpu *c)
{
	/* Up, then look: a CPU_ON that finds up clear (after making its vCPU
	 * ON_PENDING) powers the core on through the firmware, which answers
	 * ALREADY_ON, and the look below finds that vCPU. */
	c->up = true;
	smp_mb();
	if (c->shared)
		run_loop_enter(c);
	vcpu_arch_park(c->own);
	core_wait(c, c->own);
}

void vcpu_quiesce(void)
{
	struct pcpu *c = pcpu_this();
	struct vcpu *v = c->vcpu;

	if (c->shared || !v)
		return;
	if (v->vm->state == VM_STOPPED && !v->vm->life.restart_pending)
		vcpu_arch_park_final(v); /* it never runs again */
	else
		vcpu_arch_park(v);
	c->vcpu = NULL;
}

void vcpu_park(void)
{
	struct pcpu *c = pcpu_this();
	struct vcpu *v = c->vcpu;

	if (c->shared)
		run_loop_park(c); /* the core goes on with its other vCPUs */

	vcpu_quiesce();
	if (v) {
		/* Only a vCPU this core was running goes OFF here: OFF was set
		 * already by CPU_OFF or a reset, and ON_PENDING means a CPU_ON
		 * (or the reset's restart) is waiting for this core to look. */
		spin_lock(&vm_state_lock);
		if (v->state == VCPU_ON)
			v->state = VCPU_OFF;
		spin_unlock(&vm_state_lock);
		control_vcpu_off(v->vm); /* a controller's restart may start */
	} else {
		v = c->own; /* CPU_OFF quiesced the core already */
	}
	core_wait(c, v);
}

// SPDX-License-Identifier: MIT
/*
 * Physical interrupt dispatch (irq.h). Ownership is static: an SPI belongs
 * to the VM whose configuration lists it, a PPI to whichever vCPU runs on
 * the core (its timers are that vCPU's while it runs), and SGIs plus a few
 * PPIs to the hypervisor. On a shared core an SPI can arrive while another
 * VM's vCPU runs: it is kept pending for its owner's vCPU on this core and
 * wakes it (vcpu_inject_hw).
 */
#include "console.h"
#include "irq.h"
#include "pcpu.h"
#include "vm.h"

static int8_t spi_owner[GIC_MAX_IRQS];
static irq_handler_fn handlers[GIC_MAX_IRQS];

void irq_init(void)
{
	for (uint32_t i = 0; i < GIC_MAX_IRQS; i++)
		spi_owner[i] = -1;
	for (uint32_t vm = 0; vm < vm_config_count; vm++) {
		const struct vm_config *cfg = &vm_configs[vm];

		for (uint32_t i = IRQ_FIRST_SPI; i < GIC_MAX_IRQS; i++) {
			if (!(cfg->irq_bitmap[i / 32] & BIT(i % 32)))
				continue;
			ASSERT(spi_owner[i] < 0); /* the generator refuses shared IRQs */
			spi_owner[i] = (int8_t)vm;
		}
	}
}

bool irq_reserve(uint32_t id, irq_handler_fn handler)
{
	if (id >= GIC_MAX_IRQS || (id >= IRQ_FIRST_SPI && spi_owner[id] >= 0))
		return false;
	handlers[id] = handler;
	return true;
}

int32_t irq_spi_owner(uint32_t id)
{
	return id >= IRQ_FIRST_SPI && id < GIC_MAX_IRQS ? spi_owner[id] : -1;
}

/* The vCPU of VM vm that lives on core c, or NULL. */
static struct vcpu *vm_vcpu_on(const struct pcpu *c, const struct vm *vm)
{
	const struct pcpu_config *pc = &pcpu_configs[c->id];

	for (uint32_t i = 0; i < pc->nr_vcpus && i < CONFIG_MAX_VCPUS_PER_PCPU; i++)
		if (pc->vcpus[i].vm == vm->id)
			return &vms[vm->id].vcpus[pc->vcpus[i].vcpu];
	return NULL;
}

/* Which vCPU a guest interrupt taken on c is for, or NULL: the hypervisor's
 * (or nobody's: dropped). hrt cores never get here (HCR.IMO clear). */
static struct vcpu *irq_target(const struct pcpu *c, uint32_t id)
{
	struct vcpu *v = c->vcpu;

	if (id >= IRQ_FIRST_SPI) {
		int32_t owner = id < GIC_MAX_IRQS ? spi_owner[id] : -1;

		if (owner < 0)
			return NULL;
		if (v && v->vm->id == (uint32_t)owner)
			return v; /* the common case: its vCPU runs */
		if (vms[owner].cfg->level == VM_LEVEL_HRT)
			return NULL;
		return vm_vcpu_on(c, &vms[owner]);
	}
	/* PPIs are banked: the running vCPU's, unless the hypervisor keeps them. */
	if (id < IRQ_NR_SGIS || irq_arch_is_reserved(id) || !v)
		return NULL;
	return (v->vm->cfg->irq_bitmap[0] & BIT(id)) ? v : NULL;
}

enum irq_result irq_handle(struct pcpu *c, uint32_t id)
{
	struct vcpu *t = irq_target(c, id);

	if (t) {
		/* Stays active until the guest's EOI deactivates it. */
		vcpu_inject_hw(t, id);
		return IRQ_FORWARDED;
	}
	/* The hypervisor's own: handled before arch deactivates it, so that a
	 * level-sensitive source is quiet by then. */
	if (id < GIC_MAX_IRQS && handlers[id])
		handlers[id](c, id);
	return IRQ_HANDLED;
}

void irq_route(uint32_t id, uint32_t core_mask)
{
	if (id >= IRQ_FIRST_SPI && id < GIC_MAX_IRQS && spi_owner[id] < 0)
		irq_arch_route(id, core_mask);
}

void irq_kick(uint32_t core_mask)
{
	if (core_mask)
		irq_arch_kick(core_mask);
}

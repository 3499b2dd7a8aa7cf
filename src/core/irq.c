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
#include "lib.h"
#include "pcpu.h"
#include "vm.h"

/* The VM owning each SPI (| IRQ_OWNER_DOORBELL for a doorbell), or -1. */
int8_t spi_owner[GIC_MAX_IRQS] __attribute__((aligned(32)));
static irq_handler_fn handlers[GIC_MAX_IRQS];
uint32_t irq_fwd[CONFIG_MAX_VMS][IRQ_BITMAP_WORDS];

/* The PPIs a VM may own: IDs 16..31 of the first bitmap word. */
#define PPI_MASK 0xffff0000u

void irq_set_doorbell(uint32_t vm, uint32_t id)
{
	if (vm < CONFIG_MAX_VMS && id >= IRQ_FIRST_SPI && id < GIC_MAX_IRQS &&
	    spi_owner[id] == (int8_t)vm) {
		irq_fwd[vm][id / 32u] &= ~BIT(id % 32u);
		spi_owner[id] = (int8_t)(vm | IRQ_OWNER_DOORBELL);
	}
}

COLD void irq_init(void)
{
	/* Boot work: set bits only (a VM owns a handful of the 988 SPIs), and
	 * the owner table cleared 32 bytes per store. */
	memset(spi_owner, 0xff, sizeof(spi_owner)); /* -1: nobody's */
	for (uint32_t vm = 0; vm < vm_config_count; vm++) {
		const struct vm_config *cfg = &vm_configs[vm];

		for (uint32_t w = IRQ_FIRST_SPI / 32u; w < IRQ_BITMAP_WORDS; w++) {
			uint32_t bits = cfg->irq_bitmap[w];

			for (uint32_t n = 0; bits && n < 32u; n++) {
				uint32_t i = w * 32u + (uint32_t)__builtin_ctz(bits);

				bits &= bits - 1u;
				ASSERT(spi_owner[i] < 0); /* the generator refuses shared IRQs */
				spi_owner[i] = (int8_t)vm;
			}
		}
		memcpy(irq_fwd[vm], cfg->irq_bitmap, sizeof(irq_fwd[vm]));
		irq_fwd[vm][0] &= PPI_MASK; /* SGIs are the hypervisor's */
		for (uint32_t i = IRQ_NR_SGIS; i < IRQ_FIRST_SPI; i++)
			if (handlers[i])
				irq_fwd[vm][0] &= ~BIT(i);
	}
}

COLD bool irq_reserve(uint32_t id, irq_handler_fn handler)
{
	if (id >= GIC_MAX_IRQS || (id >= IRQ_FIRST_SPI && spi_owner[id] >= 0))
		return false;
	handlers[id] = handler;
	/* A PPI the hypervisor keeps is no VM's to take (irq_handle). */
	for (uint32_t vm = 0; vm < CONFIG_MAX_VMS && id < IRQ_FIRST_SPI; vm++)
		irq_fwd[vm][0] &= ~BIT(id);
	return true;
}

int32_t irq_spi_owner(uint32_t id)
{
	return id >= IRQ_FIRST_SPI && id < GIC_MAX_IRQS && spi_owner[id] >= 0
		   ? spi_owner[id] & ~IRQ_OWNER_DOORBELL
		   : -1;
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

/* An SPI taken on c while its owner's vCPU does not run there (a shared
 * core), or nobody's: the owner's vCPU on this core gets it pending, else
 * it is the hypervisor's (or dropped). Out of line: the common path stays
 * short. hrt cores never get here (HCR.IMO clear). */
static __attribute__((noinline)) enum irq_result irq_spi_other(struct pcpu *c, uint32_t id)
{
	int32_t owner = irq_spi_owner(id);

	if (owner >= 0 && !vm_level_hrt(vms[owner].cfg)) {
		struct vcpu *t = vm_vcpu_on(c, &vms[owner]);

		if (t) {
			vcpu_inject_hw(t, id); /* stays active until the guest's EOI */
			return IRQ_FORWARDED;
		}
	}
	if (handlers[id])
		handlers[id](c, id);
	return IRQ_HANDLED;
}

enum irq_result irq_handle(struct pcpu *c, uint32_t id)
{
	struct vcpu *v = c->vcpu;

	if (id >= GIC_MAX_IRQS)
		return IRQ_HANDLED;
	/* The common case, which arch usually takes in line (irq_to_running):
	 * an SPI whose owner's vCPU runs here, or a PPI of the running vCPU's
	 * VM that the hypervisor did not reserve (PPIs are banked: its timers
	 * are the running vCPU's). */
	if (v && irq_to_running(v, id)) {
		vcpu_arch_inject_hw(v, id); /* stays active until the guest's EOI */
		return IRQ_FORWARDED;
	}
	if (id >= IRQ_FIRST_SPI)
		return irq_spi_other(c, id);
	/* SGIs, and PPIs the hypervisor keeps: handled before arch deactivates
	 * it, so that a level-sensitive source is quiet by then. */
	if (handlers[id])
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

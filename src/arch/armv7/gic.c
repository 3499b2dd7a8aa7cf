// SPDX-License-Identifier: MIT
/*
 * Physical GICv2. SPIs are routed once at boot to the core of their owner's
 * vCPU 0 (guests may retarget among their own cores through vgicd); SPIs
 * nobody owns get no target and stay disabled.
 */
#include "console.h"
#include "gic.h"
#include "pcpu.h"
#include "spinlock.h"
#include "vcpu.h"
#include "vm.h"
#include "arch/vgic.h"

static spinlock_t gicd_lock;
static int8_t spi_owner[GIC_MAX_IRQS];
static uint32_t gic_nr_irqs;

static inline volatile uint32_t *gicd_reg(uint32_t off)
{
	return (volatile uint32_t *)(uintptr_t)(board_config.gicd_pa + off);
}

static inline volatile uint32_t *gicc_reg(uint32_t off)
{
	return (volatile uint32_t *)(uintptr_t)(board_config.gicc_pa + off);
}

uint32_t gicd_read(uint32_t off)
{
	return *gicd_reg(off);
}

void gicd_write(uint32_t off, uint32_t val)
{
	*gicd_reg(off) = val;
}

uint8_t gicd_read8(uint32_t off)
{
	return *(volatile uint8_t *)(uintptr_t)(board_config.gicd_pa + off);
}

void gicd_write8(uint32_t off, uint8_t val)
{
	*(volatile uint8_t *)(uintptr_t)(board_config.gicd_pa + off) = val;
}

void gicd_update(uint32_t off, uint32_t mask, uint32_t val)
{
	spin_lock(&gicd_lock);
	gicd_write(off, (gicd_read(off) & ~mask) | (val & mask));
	spin_unlock(&gicd_lock);
}

/* Is hardware interrupt id (taken on v's core) one to inject into v? SPIs by
 * the routing table; PPIs are banked, so v's own unless the hypervisor keeps
 * them; physical SGIs on srt/be cores are the hypervisor's. */
static bool gic_irq_is_guests(const struct vcpu *v, uint32_t id)
{
	if (id >= GIC_FIRST_SPI)
		return id < GIC_MAX_IRQS && spi_owner[id] == (int32_t)v->vm->id;
	if (id < GIC_NR_SGIS || id == GIC_MAINT_IRQ || id == GIC_HYP_TIMER_IRQ)
		return false;
	return (v->vm->cfg->irq_bitmap[0] & BIT(id)) != 0;
}

void gic_init(void)
{
	gic_nr_irqs = ((gicd_read(GICD_TYPER) & 0x1fu) + 1u) * 32u;
	if (gic_nr_irqs > GIC_MAX_IRQS)
		gic_nr_irqs = GIC_MAX_IRQS;
	gicd_write(GICD_CTLR, 0);
	for (uint32_t i = 0; i < GIC_MAX_IRQS; i++)
		spi_owner[i] = -1;
	for (uint32_t i = GIC_FIRST_SPI; i < gic_nr_irqs; i += 32) {
		gicd_write(GICD_ICENABLER + i / 8, 0xffffffffu);
		gicd_write(GICD_ICPENDR + i / 8, 0xffffffffu);
		gicd_write(GICD_ICACTIVER + i / 8, 0xffffffffu);
	}
	for (uint32_t vm = 0; vm < vm_config_count; vm++) {
		const struct vm_config *cfg = &vm_configs[vm];
		uint32_t core = cfg->vcpu_pcpu[0];

		for (uint32_t i = GIC_FIRST_SPI; i < gic_nr_irqs; i++) {
			if (!(cfg->irq_bitmap[i / 32] & BIT(i % 32)))
				continue;
			ASSERT(spi_owner[i] < 0); /* the generator refuses shared IRQs */
			spi_owner[i] = (int8_t)vm;
			gicd_write8(GICD_IPRIORITYR + i, GIC_DEFAULT_PRIO);
			gicd_write8(GICD_ITARGETSR + i, (uint8_t)BIT(core));
		}
	}
	for (uint32_t i = GIC_FIRST_SPI; i < gic_nr_irqs; i++)
		if (spi_owner[i] < 0)
			gicd_write8(GICD_ITARGETSR + i, 0);
	gicd_write(GICD_CTLR, 1); /* group 0 forwarding on */
}

void gic_cpu_init(uint32_t core)
{
	const struct vcpu *v = pcpus[core].vcpu;

	/* Banked SGIs/PPIs start disabled and idle on every (re)started core. */
	gicd_write(GICD_ICENABLER, 0xffffffffu);
	gicd_write(GICD_ICPENDR, 0xffffffffu);
	gicd_write(GICD_ICACTIVER, 0xffffffffu);
	for (uint32_t i = 0; i < 32; i += 4)
		gicd_write(GICD_IPRIORITYR + i, GIC_DEFAULT_PRIO * 0x01010101u);
	if (v && v->vm->cfg->level == VM_LEVEL_HRT) {
		/* The guest owns this CPU interface: hand it over quiet. */
		*gicc_reg(GICC_CTLR) = 0;
		*gicc_reg(GICC_PMR) = 0;
		return;
	}
	/* EOImode = 1: our EOI only drops priority; the guest's EOI of the
	 * virtual interrupt deactivates the physical one (list register HW bit). */
	*gicc_reg(GICC_PMR) = 0xffu;
	*gicc_reg(GICC_CTLR) = BIT(0) | BIT(9);
	gicd_write(GICD_ISENABLER, BIT(GIC_HYP_IPI) | BIT(GIC_MAINT_IRQ) | BIT(GIC_HYP_TIMER_IRQ));
}

void gic_send_sgi(uint32_t id, uint32_t core_mask)
{
	dsb(); /* the data the SGI announces must be visible first */
	gicd_write(GICD_SGIR, ((core_mask & 0xffu) << 16) | (id & 0xfu));
}

void gic_set_pending(uint32_t id)
{
	if (id < GIC_FIRST_SPI || id >= gic_nr_irqs)
		return;
	dsb(); /* what the interrupt announces must be visible first */
	gicd_write(GICD_ISPENDR + id / 32u * 4u, BIT(id % 32u));
}

void gic_handle_irq(void)
{
	uint32_t iar = *gicc_reg(GICC_IAR);
	uint32_t id = iar & 0x3ffu;
	struct vcpu *v = vcpu_current();

	if (id >= GIC_SPURIOUS)
		return;
	*gicc_reg(GICC_EOIR) = iar; /* priority drop */
	/* (An hrt core never takes IRQs in Hyp: IMO is clear there.) */
	if (v && v->vm->cfg->level != VM_LEVEL_HRT && gic_irq_is_guests(v, id)) {
		/* Stays active until the guest's EOI deactivates it (HW bit, or
		 * the EOI maintenance interrupt: vgic.c). */
		vgic_inject_hw(v, id);
		return;
	}
	/* The hypervisor's own: handle first, so that a level-sensitive source
	 * is quiet before it is deactivated. */
	if (id == board_config.uart_irq)
		console_rx();
	else if (v && id == GIC_HYP_TIMER_IRQ)
		vuart_idle_flush(v->vm);
	else if (v && id == GIC_MAINT_IRQ)
		vgic_maintenance(v);
	else if (v && id == GIC_HYP_IPI)
		vgic_flush(v); /* interrupts other cores posted for this vCPU */
	*gicc_reg(GICC_DIR) = iar;
}

void gic_deactivate(uint32_t id)
{
	*gicc_reg(GICC_DIR) = id;
}

void gic_route_spi(uint32_t id, uint32_t core_mask)
{
	if (id < GIC_FIRST_SPI || id >= gic_nr_irqs)
		return;
	gicd_write8(GICD_IPRIORITYR + id, GIC_DEFAULT_PRIO);
	gicd_write8(GICD_ITARGETSR + id, (uint8_t)core_mask);
	gicd_write(GICD_ISENABLER + id / 8, BIT(id % 32));
}

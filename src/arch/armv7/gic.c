// SPDX-License-Identifier: MIT
/*
 * Physical GICv2. SPIs are routed once at boot to the core of their owner's
 * vCPU 0 (guests may retarget among their own cores through vgicd); SPIs
 * nobody owns get no target and stay disabled.
 */
#include "console.h"
#include "arch/gic.h"
#include "irq.h"
#include "pcpu.h"
#include "run_loop.h"
#include "spinlock.h"
#include "arch/trap_frame.h"
#include "arch/vgic.h"

void hyp_irq(struct trap_frame *f);

static spinlock_t gicd_lock;
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

/*
 * Route every owned SPI to its VM's vCPU 0 core. Boot cost matters here
 * (docs/performance.md): targets are cleared a register (4 SPIs) at a time,
 * and the owned SPIs are found a set bit of the VMs' bitmaps at a time.
 */
COLD void irq_arch_init(void)
{
	gic_nr_irqs = ((gicd_read(GICD_TYPER) & 0x1fu) + 1u) * 32u;
	if (gic_nr_irqs > GIC_MAX_IRQS)
		gic_nr_irqs = GIC_MAX_IRQS;
	gicd_write(GICD_CTLR, 0);
	for (uint32_t i = GIC_FIRST_SPI; i < gic_nr_irqs; i += 32) {
		gicd_write(GICD_ICENABLER + i / 8, 0xffffffffu);
		gicd_write(GICD_ICPENDR + i / 8, 0xffffffffu);
		gicd_write(GICD_ICACTIVER + i / 8, 0xffffffffu);
	}
	/* No target for any SPI (the distributor is off meanwhile)... */
	for (uint32_t i = GIC_FIRST_SPI; i < gic_nr_irqs; i += 4)
		gicd_write(GICD_ITARGETSR + i, 0);
	/* ...then each owned one to its VM's vCPU 0 core. */
	for (uint32_t vm = 0; vm < vm_config_count; vm++) {
		const struct vm_config *cfg = &vm_configs[vm];
		uint8_t core = (uint8_t)BIT(cfg->vcpu_pcpu[0]);

		for (uint32_t w = GIC_FIRST_SPI / 32; w < gic_nr_irqs / 32; w++) {
			uint32_t bits = cfg->irq_bitmap[w];

			for (uint32_t n = 0; n < 32 && bits; n++) { /* one set bit each */
				uint32_t i = w * 32 + (uint32_t)__builtin_ctz(bits);

				bits &= bits - 1;
				gicd_write8(GICD_IPRIORITYR + i, GIC_DEFAULT_PRIO);
				gicd_write8(GICD_ITARGETSR + i, core);
			}
		}
	}
	gicd_write(GICD_CTLR, 1); /* group 0 forwarding on */
	irq_reserve(GIC_MAINT_IRQ, vgic_maintenance_irq);
}

void gic_cpu_init(uint32_t pmr)
{
	struct pcpu *c = pcpu_this();

	c->arch.gicc = gicc_reg(0);
	c->arch.gicd_prio = (volatile uint8_t *)gicd_reg(GICD_IPRIORITYR);
	vgic_pcpu_init(c);
	/* Banked SGIs/PPIs start disabled and idle on every (re)started core. */
	gicd_write(GICD_ICENABLER, 0xffffffffu);
	gicd_write(GICD_ICPENDR, 0xffffffffu);
	gicd_write(GICD_ICACTIVER, 0xffffffffu);
	/* The 32 banked priorities, a word (4 IDs) per store, unrolled; the
	 * hypervisor's own SGI 15 (word 3, byte 3) and PPIs 25, 26 (word 6,
	 * bytes 1, 2) at GIC_HYP_PRIO, 0. */
	{
		volatile uint32_t *prio = gicd_reg(GICD_IPRIORITYR);
		const uint32_t p4 = GIC_DEFAULT_PRIO * 0x01010101u;

		_Static_assert(GIC_HYP_IPI == 15u && GIC_MAINT_IRQ == 25u &&
				       GIC_HYP_TIMER_IRQ == 26u && GIC_HYP_PRIO == 0u,
			       "the priority words below");
		prio[0] = p4;
		prio[1] = p4;
		prio[2] = p4;
		prio[3] = p4 & 0x00ffffffu;
		prio[4] = p4;
		prio[5] = p4;
		prio[6] = p4 & 0xff0000ffu;
		prio[7] = p4;
	}
	/* EOImode = 1: our EOI only drops priority; the guest's EOI of the
	 * virtual interrupt deactivates the physical one (list register HW bit). */
	*gicc_reg(GICC_PMR) = pmr;
	*gicc_reg(GICC_CTLR) = BIT(0) | BIT(9);
	gicd_write(GICD_ISENABLER, BIT(GIC_HYP_IPI) | BIT(GIC_MAINT_IRQ) | BIT(GIC_HYP_TIMER_IRQ));
}

void gic_cpu_to_guest(void)
{
	/* The hypervisor's banked interrupts off (the guest takes its own
	 * IRQs, HCR.IMO clear), the interface quiet till the guest enables it. */
	gicd_write(GICD_ICENABLER, BIT(GIC_HYP_IPI) | BIT(GIC_MAINT_IRQ) | BIT(GIC_HYP_TIMER_IRQ));
	*gicc_reg(GICC_CTLR) = 0;
	*gicc_reg(GICC_PMR) = 0;
}

void gic_send_sgi(uint32_t id, uint32_t core_mask)
{
	dsb(); /* the data the SGI announces must be visible first */
	gicd_write(GICD_SGIR, ((core_mask & 0xffu) << 16) | (id & 0xfu));
}

volatile uint32_t *gic_ispendr(uint32_t id)
{
	return gicd_reg(GICD_ISPENDR + id / 32u * 4u);
}

/* Whatever is not the running vCPU's own interrupt (irq.h); id is valid.
 * A channel doorbell of the running vCPU's VM that gic_irq did not place in
 * line (a list register was in use), first: a virtual interrupt, or folded
 * into the one in flight, by the vGIC (tail call).
 * The maintenance interrupt is the GIC's own: straight to the vGIC (it
 * comes once per forwarded interrupt where the LR HW bit is not used). */
static NOINLINE void gic_irq_other(struct pcpu *c, uint32_t iar)
{
	uint32_t id = iar & 0x3ffu;
	struct vcpu *v = c->vcpu;

	if (v && irq_is_doorbell(v, id)) {
		vgic_inject_doorbell(c, v, id);
		return;
	}
	if (id == GIC_MAINT_IRQ) {
		if (v)
			vgic_maintenance(v);
	} else if (irq_handle(c, id) != IRQ_HANDLED) {
		return;
	}
	c->arch.gicc[GICC_DIR / 4u] = iar;
}

/*
 * Acknowledge, drop the priority, deliver. The running vCPU's own
 * interrupt (one bit test, irq_to_running) goes straight into a free list
 * register; a guest's stays active until the guest's EOI deactivates it
 * (HW bit, or the EOI maintenance interrupt: vgic.c). A channel doorbell
 * of the running vCPU's VM (one load, irq_is_doorbell) while its list
 * registers are all empty is in line too (vgic_doorbell_place_idle: the
 * hot path of a ping-pong's receive). Everything else goes through
 * gic_irq_other.
 */
static inline bool gic_irq(struct pcpu *c)
{
	uint32_t iar = c->arch.gicc[GICC_IAR / 4u];
	uint32_t id = iar & 0x3ffu;
	struct vcpu *v = c->vcpu;

	if (id >= GIC_SPURIOUS)
		return false;
	c->arch.gicc[GICC_EOIR / 4u] = iar; /* priority drop */
	if (v) {
		if (irq_to_running(v, id)) {
			if (vgic_lr_place_free(c, vgic_lr_hw(id, c->arch.gicd_prio[id])))
				return true;
		} else if (irq_is_doorbell(v, id) && vgic_doorbell_place_idle(c, id)) {
			return true;
		}
	}
	gic_irq_other(c, iar);
	return true;
}

bool gic_handle_irq(struct pcpu *c)
{
	return gic_irq(c);
}

/*
 * On a core that waits for its vCPU (no vCPU runs, not a shared core) the
 * hypervisor IPI's handler (vcpu_ipi) has nothing to do: the IPI is the
 * kick of a CPU_ON or a reset, and the core looks at its vCPU next. So it
 * is only acknowledged here (a PSCI CPU_ON pays this: make bench).
 */
bool gic_handle_irq_waiting(struct pcpu *c)
{
	uint32_t iar = c->arch.gicc[GICC_IAR / 4u];
	uint32_t id = iar & 0x3ffu;

	if (id >= GIC_SPURIOUS)
		return false;
	c->arch.gicc[GICC_EOIR / 4u] = iar;
	if (id == GIC_HYP_IPI) {
		c->arch.gicc[GICC_DIR / 4u] = iar;
		return false;
	}
	gic_irq_other(c, iar);
	return true;
}

/*
 * The Hyp IRQ vector's C half (vectors.S): the hot path of every srt/be
 * interrupt (make bench: "IRQ injection"), so all of it is in line here.
 */
void hyp_irq(struct trap_frame *f)
{
	struct pcpu *c = pcpu_this();

	UNUSED(f);
	c->trap_count[TRAP_IRQ]++;
	gic_irq(c);
	hyp_exit(c);
}

void gic_deactivate(uint32_t id)
{
	*gicc_reg(GICC_DIR) = id;
}

void irq_arch_route(uint32_t id, uint32_t core_mask)
{
	if (id < GIC_FIRST_SPI || id >= gic_nr_irqs)
		return;
	gicd_write8(GICD_IPRIORITYR + id, GIC_DEFAULT_PRIO);
	gicd_write8(GICD_ITARGETSR + id, (uint8_t)core_mask);
	gicd_write(GICD_ISENABLER + id / 8, BIT(id % 32));
}

void irq_arch_kick(uint32_t core_mask)
{
	gic_send_sgi(GIC_HYP_IPI, core_mask);
}

uint32_t irq_arch_ipi_id(void)
{
	return GIC_HYP_IPI;
}

uint32_t irq_arch_timer_id(void)
{
	return GIC_HYP_TIMER_IRQ;
}

// SPDX-License-Identifier: MIT
/* GICv2 virtualization extensions: list-register injection for srt/be vCPUs. */
#include "arch/gic.h"
#include "lib.h"
#include "pcpu.h"
#include "platform.h"
#include "vcpu.h"
#include "arch/vgic.h"

#define GICH_HCR 0x000
#define GICH_VTR 0x004
#define GICH_VMCR 0x008
#define GICH_MISR 0x010
#define GICH_EISR0 0x020
#define GICH_APR 0x0f0

#define GICH_HCR_EN BIT(0)
#define GICH_HCR_UIE BIT(1)  /* maintenance when at most one LR is valid */
#define GICH_HCR_NPIE BIT(3) /* maintenance when no LR holds a pending IRQ */
#define GICH_MISR_EOI BIT(0)  /* some LR with the EOI bit was completed (GICH_EISR) */

#define LR_SGI_SRC_SHIFT 10
#define LR_PRIO_MASK (0x1fu << LR_PRIO_SHIFT)
#define LR_ACTIVE BIT(29)
#define LR_STATE_MASK (LR_PENDING | LR_ACTIVE)
#define LR_MAX VGIC_SAVED_LRS /* QEMU and Cortex-A15/A7: 4 list registers */

#define FLUSH_MAX 64u

static inline volatile uint32_t *gich(uint32_t off)
{
	return (volatile uint32_t *)(uintptr_t)(board_config.gich_pa + off);
}

static uint32_t nr_lrs(void)
{
	/* Read once: the same on every core, and it is on the switch path. */
	static uint32_t lrs;

	if (!lrs) {
		uint32_t n = (*gich(GICH_VTR) & 0x3fu) + 1u;

		lrs = n < LR_MAX ? n : LR_MAX;
	}
	return lrs;
}

void vgic_pcpu_init(struct pcpu *c)
{
	if (c->arch.lr_mask)
		return; /* set at this core's first start: constant */
	c->arch.gich = gich(0);
	c->arch.lr_mask = BIT(nr_lrs()) - 1u;
}

static uint32_t lr_prio(uint32_t lr)
{
	return (lr & LR_PRIO_MASK) >> LR_PRIO_SHIFT;
}

static bool notify_test(const struct vgic_cpu *g, uint32_t id)
{
	return (g->notify_lr[id / 32u] & BIT(id % 32u)) != 0;
}

/* Does this list-register value carry a hardware interrupt (active in the
 * physical GIC until the guest completes it)? LR_EOI alone marks one too,
 * unless it is a virtual interrupt whose EOI the core wants to hear of
 * (the generator keeps those IDs apart from the VM's hardware ones). */
static bool lr_is_hw(const struct vgic_cpu *g, uint32_t lr)
{
	if (lr & LR_HW)
		return true;
	return (lr & LR_EOI) != 0 && !notify_test(g, lr & LR_VID_MASK);
}

static uint32_t lr_make(uint32_t vid, uint32_t prio8, bool hw, uint32_t sgi_src)
{
	if (hw)
		return vgic_lr_hw(vid, prio8);
	return LR_PENDING | (vid & LR_VID_MASK) | ((prio8 >> 3) << LR_PRIO_SHIFT) |
	       ((sgi_src & 7u) << LR_SGI_SRC_SHIFT);
}

static void virq_save(struct vgic_cpu *g, uint32_t id, uint32_t prio8, bool notify)
{
	for (uint32_t i = 0; i < VGIC_MAX_VIRQS; i++) {
		if (g->virq[i].pending && g->virq[i].id == id)
			return;
	}
	for (uint32_t i = 0; i < VGIC_MAX_VIRQS; i++) {
		if (!g->virq[i].pending) {
			g->virq[i].id = (uint16_t)id;
			g->virq[i].prio = (uint8_t)prio8;
			g->virq[i].pending = 1;
			g->virq[i].notify = notify ? 1u : 0u;
			g->npending++;
			return;
		}
	}
}

/* Park a list-register value back in the pending set. */
static void pend_save(struct vgic_cpu *g, uint32_t lr)
{
	uint32_t id = lr & LR_VID_MASK;

	if (!lr_is_hw(g, lr) && id >= VGIC_NR_SGIS) {
		/* out of its list register: LR_EOI no longer needs telling apart */
		g->notify_lr[id / 32u] &= ~BIT(id % 32u);
		virq_save(g, id, lr_prio(lr) << 3, (lr & LR_EOI) != 0);
		return;
	}
	if (lr_is_hw(g, lr)) {
		if (!(g->hw_pending[id / 32] & BIT(id % 32)))
			g->npending++;
		g->hw_pending[id / 32] |= BIT(id % 32);
	} else if (id < VGIC_NR_SGIS) {
		uint8_t src = (uint8_t)BIT((lr >> LR_SGI_SRC_SHIFT) & 7u);

		if (!(g->sgi_pending[id] & src))
			g->npending++;
		g->sgi_pending[id] |= src;
	}
}

/* Put lr into a free list register, or in place of a less urgent pending
 * one (which goes back to the pending set). False if every LR is busy with
 * something at least as urgent. */
static bool lr_place(struct vgic_cpu *g, uint32_t lr)
{
	uint32_t n = nr_lrs();
	uint32_t free = *gich(GICH_ELSR0) & (BIT(n) - 1u);
	int32_t victim = -1;
	uint32_t victim_prio = lr_prio(lr);

	/* A hardware IRQ stays active until the guest deactivates it, so it
	 * cannot be in a list register twice; a virtual one can be posted
	 * again: it becomes pending in the LR that already holds it. A
	 * hardware doorbell (one taken while its vCPU was out, kept active)
	 * whose virtual one is still in an LR joins it the way
	 * vgic_inject_doorbell does: pending, and deactivated at its EOI. */
	for (uint32_t i = 0; i < n; i++) {
		uint32_t cur = *gich(GICH_LR(i));

		if ((free & BIT(i)) || lr_is_hw(g, cur))
			continue;
		if (!lr_is_hw(g, lr) && (cur & 0x1fffu) == (lr & 0x1fffu)) {
			*gich(GICH_LR(i)) = cur | LR_PENDING;
			return true;
		}
		if (lr_is_hw(g, lr) && (cur & LR_VID_MASK) == (lr & LR_VID_MASK)) {
			*gich(GICH_LR(i)) = cur | LR_PENDING | LR_EOI;
			return true;
		}
	}
	if (free) {
		*gich(GICH_LR(__builtin_ctz(free))) = lr;
		return true;
	}
	for (uint32_t i = 0; i < n; i++) {
		uint32_t cur = *gich(GICH_LR(i));

		if ((cur & LR_STATE_MASK) == LR_PENDING && lr_prio(cur) > victim_prio) {
			victim = (int32_t)i;
			victim_prio = lr_prio(cur);
		}
	}
	if (victim < 0)
		return false;
	pend_save(g, *gich(GICH_LR((uint32_t)victim)));
	*gich(GICH_LR((uint32_t)victim)) = lr;
	return true;
}

/* Ask for a maintenance interrupt only while something waits for an LR. */
static void update_hcr(const struct vgic_cpu *g)
{
	*gich(GICH_HCR) = GICH_HCR_EN | (g->npending ? GICH_HCR_UIE | GICH_HCR_NPIE : 0u);
}

/* The most urgent pending entry as a list-register value, taken out of the
 * set; 0 if the set is empty. Ties go to the lowest ID, as in the GIC. */
static uint32_t pending_take_best(struct vgic_cpu *g)
{
	uint32_t best = 0, best_prio = 0x100u;

	if (!g->npending)
		return 0;
	uint32_t best_id = 0, best_src = 0;
	bool best_hw = false;

	for (uint32_t id = 0; id < VGIC_NR_SGIS; id++) {
		if (g->sgi_pending[id] && g->sgi_prio[id] < best_prio) {
			best_prio = g->sgi_prio[id];
			best_id = id;
			best_src = (uint32_t)__builtin_ctz(g->sgi_pending[id]);
			best_hw = false;
		}
	}
	for (uint32_t i = 0; i < VGIC_MAX_VIRQS; i++) {
		if (g->virq[i].pending && g->virq[i].prio < best_prio) {
			best_prio = g->virq[i].prio;
			best_id = g->virq[i].id;
			best_src = i;
			best_hw = false;
		}
	}
	for (uint32_t w = 0; w < IRQ_BITMAP_WORDS; w++) {
		uint32_t bits = g->hw_pending[w];

		while (bits) {
			uint32_t id = w * 32u + (uint32_t)__builtin_ctz(bits);
			uint32_t prio = gicd_read8(GICD_IPRIORITYR + id);

			bits &= bits - 1u;
			if (prio < best_prio) {
				best_prio = prio;
				best_id = id;
				best_hw = true;
			}
		}
	}
	if (best_prio > 0xffu)
		return 0;
	g->npending--;
	if (best_hw) {
		g->hw_pending[best_id / 32] &= ~BIT(best_id % 32);
		best = lr_make(best_id, best_prio, true, 0);
	} else if (best_id >= VGIC_NR_SGIS) {
		g->virq[best_src].pending = 0;
		best = lr_make(best_id, best_prio, false, 0);
		if (g->virq[best_src].notify) {
			g->notify_lr[best_id / 32u] |= BIT(best_id % 32u);
			g->notify_words |= BIT(best_id / 32u);
			best |= LR_EOI;
		}
	} else {
		g->sgi_pending[best_id] &= (uint8_t)~BIT(best_src);
		best = lr_make(best_id, best_prio, false, best_src);
	}
	return best;
}

static void flush_locked(struct vgic_cpu *g)
{
	for (uint32_t i = 0; i < FLUSH_MAX; i++) {
		uint32_t lr = pending_take_best(g);

		if (!lr)
			break;
		if (!lr_place(g, lr)) {
			pend_save(g, lr);
			break;
		}
	}
	update_hcr(g);
}

/*
 * A vCPU (re)starts with no interrupt pending or in flight and its SGI
 * priorities at their reset value (g->lock held). A vCPU start (PSCI
 * CPU_ON) pays this, so the pending set, whose entries npending counts
 * (pend_save, virq_save, pending_take_best), is cleared only if it has any.
 */
static void pending_clear(struct vgic_cpu *g)
{
	if (g->npending) {
		memset(g->hw_pending, 0, __builtin_offsetof(struct vgic_cpu, npending) -
						 __builtin_offsetof(struct vgic_cpu, hw_pending));
		g->npending = 0;
	}
	for (uint32_t i = 0; i < VGIC_NR_SGIS / 4u; i++) /* a word (4 SGIs) at a time */
		((uint32_t *)(void *)g->sgi_prio)[i] = GIC_DEFAULT_PRIO * 0x01010101u;
	for (uint32_t m = g->notify_words; m; m &= m - 1u) /* the words that may have bits */
		g->notify_lr[__builtin_ctz(m)] = 0;
	g->notify_words = 0;
}

void vgic_cpu_reset(struct vcpu *v)
{
	const struct pcpu *c = pcpu_this();
	struct vgic_cpu *g = &v->arch.vgic;
	volatile uint32_t *h = c->arch.gich;
	const uint32_t mask = c->arch.lr_mask;

	/* The list registers in use (lr_mask: the low 1..LR_MAX bits). */
	h[GICH_LR(0) / 4u] = 0;
	for (uint32_t i = 1; i < LR_MAX; i++)
		if (mask & BIT(i))
			h[GICH_LR(i) / 4u] = 0;
	h[GICH_APR / 4u] = 0;
	h[GICH_VMCR / 4u] = 0;
	spin_lock(&g->lock);
	pending_clear(g);
	spin_unlock(&g->lock);
	h[GICH_HCR / 4u] = GICH_HCR_EN;
}

/* Empty software state (a vCPU starting on a shared core: its list
 * registers are in its saved context, zeroed by the caller). */
void vgic_ctx_reset(struct vcpu *v)
{
	struct vgic_cpu *g = &v->arch.vgic;

	spin_lock(&g->lock);
	pending_clear(g);
	spin_unlock(&g->lock);
}

void vgic_save(struct vgic_saved *s)
{
	/* An LR is in use unless GICH_ELRSR0 calls it empty: that includes
	 * one the guest completed whose EOI maintenance is still due, so it
	 * comes back with the vCPU and raises that interrupt then. */
	uint32_t used = ~*gich(GICH_ELSR0) & (BIT(nr_lrs()) - 1u);

	s->lr_used = used;
	for (uint32_t i = 0; i < VGIC_SAVED_LRS; i++)
		s->lr[i] = 0;
	while (used) {
		uint32_t i = (uint32_t)__builtin_ctz(used);

		used &= used - 1u;
		s->lr[i] = *gich(GICH_LR(i));
		*gich(GICH_LR(i)) = 0;
	}
	s->vmcr = *gich(GICH_VMCR);
	s->apr = *gich(GICH_APR);
	*gich(GICH_HCR) = 0;
}

void vgic_restore(struct vcpu *v, const struct vgic_saved *s)
{
	uint32_t used = s->lr_used;

	/* The other LRs are empty: vgic_save took the last vCPU's out (an
	 * empty LR may keep stale bits; nothing reads it while ELRSR0 says
	 * empty, and the guest cannot see it). */
	while (used) {
		uint32_t i = (uint32_t)__builtin_ctz(used);

		used &= used - 1u;
		*gich(GICH_LR(i)) = s->lr[i];
	}
	*gich(GICH_VMCR) = s->vmcr;
	*gich(GICH_APR) = s->apr;
	/* What was made pending while it was out goes into free LRs now. An
	 * interrupt another core makes pending after this unlocked look comes
	 * with a kick, whose handler flushes. */
	if (v->arch.vgic.npending)
		vcpu_arch_flush(v);
	else
		*gich(GICH_HCR) = GICH_HCR_EN;
}

bool vgic_pending(const struct vcpu *v, const struct vgic_saved *saved)
{
	if (v->arch.vgic.npending)
		return true;
	for (uint32_t i = 0; i < LR_MAX && i < nr_lrs(); i++) {
		uint32_t lr = saved ? saved->lr[i] : *gich(GICH_LR(i));

		if (lr & LR_PENDING)
			return true;
		/* Completed by the guest, its EOI not yet handled (the guest EOIs
		 * then WFIs before the maintenance interrupt is taken): a doorbell
		 * stays in flight, a HW_BROKEN interrupt active, until it is, so
		 * the vCPU must not block on it. */
		if (!(lr & LR_HW) && (lr & LR_EOI) && !(lr & LR_STATE_MASK))
			return true;
	}
	return false;
}

void vgic_disable(void)
{
	*gich(GICH_HCR) = 0;
}

/*
 * Deliver hardware interrupt id to v, running here: into the lowest free
 * list register (the hot path, vgic_lr_place_free, also taken in line by
 * the IRQ entry), else in place of a less urgent pending one or into the
 * pending set, under the lock because other cores post into that set.
 */
void vcpu_arch_inject_hw(struct vcpu *v, uint32_t id)
{
	struct pcpu *c = pcpu_this();
	struct vgic_cpu *g = &v->arch.vgic;
	uint32_t lr = vgic_lr_hw(id, c->arch.gicd_prio[id]);

	if (vgic_lr_place_free(c, lr))
		return;
	spin_lock(&g->lock);
	if (!lr_place(g, lr))
		pend_save(g, lr);
	update_hcr(g);
	spin_unlock(&g->lock);
}

/*
 * A channel doorbell (irq_is_doorbell) for v, running on c: acknowledged,
 * priority dropped. The physical SPI only says "rung", so the guest gets a
 * purely virtual interrupt of the same ID and the physical one is
 * deactivated at once: no hardware link, no EOI maintenance. If the
 * guest has not completed the last doorbell (its virtual interrupt is
 * still pending or active in a list register), this ring is folded into it
 * (pending again) and the physical SPI stays active until the
 * guest's EOI of that list register raises a maintenance interrupt
 * (LR_EOI: vgic_maintenance deactivates it): a flood of rings then costs
 * this core at most three entries (delivery, this one, the maintenance)
 * per doorbell the guest takes, and the rings in between stay latched in
 * the GIC (docs/channels.md, "Rate bound").
 * Without a free list register it is delivered like a device interrupt.
 * The IRQ entry places a doorbell itself when no list register is in use
 * (vgic_doorbell_place_idle, the same as the free case here): this is
 * called only when one is.
 */
void vgic_inject_doorbell(struct pcpu *c, struct vcpu *v, uint32_t id)
{
	uint32_t free = c->arch.gich[GICH_ELSR0 / 4u] & c->arch.lr_mask;
	uint32_t used = ~free & c->arch.lr_mask;

	while (used) {
		uint32_t i = (uint32_t)__builtin_ctz(used);
		uint32_t cur = c->arch.gich[GICH_LR(i) / 4u];

		used &= used - 1u;
		if ((cur & LR_VID_MASK) == id && (cur & LR_STATE_MASK) && !(cur & LR_HW)) {
			c->arch.gich[GICH_LR(i) / 4u] = cur | LR_PENDING | LR_EOI;
			return;
		}
	}
	if (free) {
		c->arch.gich[GICH_LR((uint32_t)__builtin_ctz(free)) / 4u] =
			LR_PENDING | id | ((c->arch.gicd_prio[id] >> 3) << LR_PRIO_SHIFT);
		c->arch.gicc[GICC_DIR / 4u] = id;
		return;
	}
	vcpu_arch_inject_hw(v, id);
}

void vcpu_arch_flush(struct vcpu *v)
{
	spin_lock(&v->arch.vgic.lock);
	flush_locked(&v->arch.vgic);
	spin_unlock(&v->arch.vgic.lock);
}

void vcpu_arch_pend_sgi(struct vcpu *target, uint32_t sgi, uint32_t src)
{
	struct vgic_cpu *g = &target->arch.vgic;

	spin_lock(&g->lock);
	pend_save(g, lr_make(sgi & 0xfu, 0, false, src));
	spin_unlock(&g->lock);
}

void vcpu_arch_pend_virq(struct vcpu *target, uint32_t id, uint32_t prio, bool report_eoi)
{
	struct vgic_cpu *g = &target->arch.vgic;

	spin_lock(&g->lock);
	virq_save(g, id, prio, report_eoi);
	spin_unlock(&g->lock);
}

void vcpu_arch_pend_hw(struct vcpu *target, uint32_t id)
{
	struct vgic_cpu *g = &target->arch.vgic;

	spin_lock(&g->lock);
	pend_save(g, lr_make(id, gicd_read8(GICD_IPRIORITYR + id), true, 0));
	spin_unlock(&g->lock);
}

void vgic_maintenance(struct vcpu *v)
{
	const struct pcpu *c = pcpu_this();
	struct vgic_cpu *g = &v->arch.vgic;
	uint32_t misr = c->arch.gich[GICH_MISR / 4u];

	spin_lock(&g->lock);
	if (misr & GICH_MISR_EOI) {
		/* Hardware interrupts the guest completed (LR_EOI): free the list
		 * register (its EISR bit keeps the maintenance interrupt up) and
		 * deactivate the physical interrupt through the CPU interface, which
		 * signals it again at once if it is pending meanwhile. The ID is the
		 * one the hypervisor put there, never a guest value. */
		uint32_t eisr = c->arch.gich[GICH_EISR0 / 4u] & c->arch.lr_mask;

		while (eisr) {
			uint32_t i = (uint32_t)__builtin_ctz(eisr);
			uint32_t lr = c->arch.gich[GICH_LR(i) / 4u];

			eisr &= eisr - 1u;
			c->arch.gich[GICH_LR(i) / 4u] = 0;
			if (!(lr & LR_EOI))
				continue;
			if (lr_is_hw(g, lr))
				c->arch.gicc[GICC_DIR / 4u] = lr & LR_VID_MASK;
			else
				g->notify_lr[(lr & LR_VID_MASK) / 32u] &= ~BIT((lr & LR_VID_MASK) % 32u);
		}
	}
	/* The common case, a completed interrupt with nothing waiting for a
	 * list register, only needs GICH_HCR kept right. */
	if (g->npending)
		flush_locked(g);
	else
		update_hcr(g);
	spin_unlock(&g->lock);
}

void vgic_maintenance_irq(struct pcpu *c, uint32_t id)
{
	UNUSED(id);
	if (c->vcpu)
		vgic_maintenance(c->vcpu);
}

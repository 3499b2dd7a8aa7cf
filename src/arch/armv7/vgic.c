// SPDX-License-Identifier: MIT
/* GICv2 virtualization extensions: list-register injection for srt/be vCPUs. */
#include "gic.h"
#include "pcpu.h"
#include "platform.h"
#include "vcpu.h"
#include "arch/vgic.h"

#define GICH_HCR 0x000
#define GICH_VTR 0x004
#define GICH_VMCR 0x008
#define GICH_MISR 0x010
#define GICH_EISR0 0x020
#define GICH_ELSR0 0x030
#define GICH_APR 0x0f0
#define GICH_LR(n) (0x100 + 4 * (n))

#define GICH_HCR_EN BIT(0)
#define GICH_HCR_UIE BIT(1)  /* maintenance when at most one LR is valid */
#define GICH_HCR_NPIE BIT(3) /* maintenance when no LR holds a pending IRQ */
#define GICH_MISR_EOI BIT(0)  /* some LR with the EOI bit was completed (GICH_EISR) */

#define LR_VID_MASK 0x3ffu
#define LR_PID_SHIFT 10
#define LR_SGI_SRC_SHIFT 10
#define LR_EOI BIT(19) /* HW = 0: maintenance interrupt when the guest completes it */
#define LR_PRIO_SHIFT 23
#define LR_PRIO_MASK (0x1fu << LR_PRIO_SHIFT)
#define LR_PENDING BIT(28)
#define LR_ACTIVE BIT(29)
#define LR_STATE_MASK (LR_PENDING | LR_ACTIVE)
#define LR_HW BIT(31)
#define LR_MAX 4u /* QEMU and Cortex-A15/A7: 4 list registers */

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
	uint32_t lr = LR_PENDING | (vid & LR_VID_MASK) | ((prio8 >> 3) << LR_PRIO_SHIFT);

#if defined(PLATFORM_GIC_LR_HW_BROKEN)
	/* The guest's EOI raises a maintenance interrupt and the hypervisor
	 * deactivates the physical interrupt (vgic_maintenance). */
	if (hw)
		lr |= LR_EOI;
#else
	if (hw)
		lr |= LR_HW | (vid << LR_PID_SHIFT);
#endif
	else
		lr |= (sgi_src & 7u) << LR_SGI_SRC_SHIFT;
	return lr;
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
	 * again: it becomes pending in the LR that already holds it. */
	for (uint32_t i = 0; i < n && !lr_is_hw(g, lr); i++) {
		uint32_t cur = *gich(GICH_LR(i));

		if (!(free & BIT(i)) && !lr_is_hw(g, cur) && (cur & 0x1fffu) == (lr & 0x1fffu)) {
			*gich(GICH_LR(i)) = cur | LR_PENDING;
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

void vgic_cpu_reset(struct vcpu *v)
{
	struct vgic_cpu *g = &v->vgic;

	for (uint32_t i = 0; i < nr_lrs(); i++)
		*gich(GICH_LR(i)) = 0;
	*gich(GICH_APR) = 0;
	*gich(GICH_VMCR) = 0;
	spin_lock(&g->lock);
	for (uint32_t w = 0; w < IRQ_BITMAP_WORDS; w++) {
		g->hw_pending[w] = 0;
		g->notify_lr[w] = 0;
	}
	for (uint32_t i = 0; i < VGIC_NR_SGIS; i++) {
		g->sgi_pending[i] = 0;
		g->sgi_prio[i] = GIC_DEFAULT_PRIO;
	}
	for (uint32_t i = 0; i < VGIC_MAX_VIRQS; i++)
		g->virq[i].pending = 0;
	g->npending = 0;
	spin_unlock(&g->lock);
	*gich(GICH_HCR) = GICH_HCR_EN;
}

/* Empty software state (a vCPU starting on a shared core: its list
 * registers are in its saved context, zeroed by the caller). */
void vgic_ctx_reset(struct vcpu *v)
{
	struct vgic_cpu *g = &v->vgic;

	spin_lock(&g->lock);
	for (uint32_t w = 0; w < IRQ_BITMAP_WORDS; w++) {
		g->hw_pending[w] = 0;
		g->notify_lr[w] = 0;
	}
	for (uint32_t i = 0; i < VGIC_NR_SGIS; i++) {
		g->sgi_pending[i] = 0;
		g->sgi_prio[i] = GIC_DEFAULT_PRIO;
	}
	for (uint32_t i = 0; i < VGIC_MAX_VIRQS; i++)
		g->virq[i].pending = 0;
	g->npending = 0;
	spin_unlock(&g->lock);
}

void vgic_save(struct vcpu *v, uint32_t *lrs, uint32_t *vmcr, uint32_t *apr)
{
	uint32_t n = nr_lrs();

	UNUSED(v);
	for (uint32_t i = 0; i < LR_MAX; i++) {
		uint32_t lr = i < n ? *gich(GICH_LR(i)) : 0u;

		lrs[i] = lr;
		if (lr)
			*gich(GICH_LR(i)) = 0;
	}
	*vmcr = *gich(GICH_VMCR);
	*apr = *gich(GICH_APR);
	*gich(GICH_HCR) = 0;
}

void vgic_restore(struct vcpu *v, const uint32_t *lrs, uint32_t vmcr, uint32_t apr)
{
	uint32_t n = nr_lrs();

	for (uint32_t i = 0; i < LR_MAX && i < n; i++)
		*gich(GICH_LR(i)) = lrs[i];
	*gich(GICH_VMCR) = vmcr;
	*gich(GICH_APR) = apr;
	/* What was made pending while it was out goes into free LRs now. An
	 * interrupt another core makes pending after this unlocked look comes
	 * with a kick, whose handler flushes. */
	if (v->vgic.npending)
		vgic_flush(v);
	else
		*gich(GICH_HCR) = GICH_HCR_EN;
}

bool vgic_pending(const struct vcpu *v, const uint32_t *saved_lrs)
{
	if (v->vgic.npending)
		return true;
	for (uint32_t i = 0; i < LR_MAX && i < nr_lrs(); i++) {
		uint32_t lr = saved_lrs ? saved_lrs[i] : *gich(GICH_LR(i));

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

void vgic_inject_hw(struct vcpu *v, uint32_t id)
{
	struct vgic_cpu *g = &v->vgic;
	uint32_t lr = lr_make(id, gicd_read8(GICD_IPRIORITYR + id), true, 0);

	spin_lock(&g->lock);
	if (!lr_place(g, lr))
		pend_save(g, lr);
	update_hcr(g);
	spin_unlock(&g->lock);
}

void vgic_flush(struct vcpu *v)
{
	spin_lock(&v->vgic.lock);
	flush_locked(&v->vgic);
	spin_unlock(&v->vgic.lock);
}

void vgic_pend_sgi(struct vcpu *target, uint32_t sgi, uint32_t src)
{
	struct vgic_cpu *g = &target->vgic;

	spin_lock(&g->lock);
	pend_save(g, lr_make(sgi & 0xfu, 0, false, src));
	spin_unlock(&g->lock);
}

void vgic_pend_virq(struct vcpu *target, uint32_t id, uint32_t prio, bool report_eoi)
{
	struct vgic_cpu *g = &target->vgic;

	spin_lock(&g->lock);
	virq_save(g, id, prio, report_eoi);
	spin_unlock(&g->lock);
}

void vgic_pend_hw(struct vcpu *target, uint32_t id)
{
	struct vgic_cpu *g = &target->vgic;

	spin_lock(&g->lock);
	pend_save(g, lr_make(id, gicd_read8(GICD_IPRIORITYR + id), true, 0));
	spin_unlock(&g->lock);
}

void vgic_maintenance(struct vcpu *v)
{
	struct vgic_cpu *g = &v->vgic;
	uint32_t misr = *gich(GICH_MISR);

	spin_lock(&g->lock);
	if (misr & GICH_MISR_EOI) {
		/* Hardware interrupts the guest completed (LR_EOI): free the list
		 * register (its EISR bit keeps the maintenance interrupt up) and
		 * deactivate the physical interrupt through the CPU interface, which
		 * signals it again at once if it is pending meanwhile. The ID is the
		 * one the hypervisor put there, never a guest value. */
		uint32_t eisr = *gich(GICH_EISR0) & (BIT(nr_lrs()) - 1u);

		while (eisr) {
			uint32_t i = (uint32_t)__builtin_ctz(eisr);
			uint32_t lr = *gich(GICH_LR(i));

			eisr &= eisr - 1u;
			*gich(GICH_LR(i)) = 0;
			if (!(lr & LR_EOI))
				continue;
			if (lr_is_hw(g, lr))
				gic_deactivate(lr & LR_VID_MASK);
			else
				g->notify_lr[(lr & LR_VID_MASK) / 32u] &= ~BIT((lr & LR_VID_MASK) % 32u);
		}
	}
	flush_locked(g);
	spin_unlock(&g->lock);
}

void vgic_maintenance_irq(struct pcpu *c, uint32_t id)
{
	UNUSED(id);
	if (c->vcpu)
		vgic_maintenance(c->vcpu);
}

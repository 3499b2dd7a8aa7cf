/* SPDX-License-Identifier: MIT */
/*
 * Virtual CPU interface of an srt/be vCPU: the GICH list registers, plus a
 * fixed-size pending set for interrupts that do not fit in them (refilled
 * from the maintenance interrupt, most urgent first).
 */
#ifndef ARCH_VGIC_H
#define ARCH_VGIC_H

#include "arch/gic.h"
#include "feature.h"
#include "pcpu.h"
#include "platform.h"
#include "spinlock.h"
#include "types.h"
#include "vmconfig.h"

#define VGIC_NR_SGIS 16u
/* emulated-device interrupts per vCPU: vUART RX and the channel doorbells */
#define VGIC_MAX_VIRQS (2u + VM_MAX_CHANNELS)

#define VGIC_SAVED_LRS 4u /* list registers saved (QEMU, Cortex-A15/A7: 4) */

struct vcpu;
struct pcpu;

/* The virtual interface of a vCPU that is out of its shared core: the list
 * registers that were in use (a bit each in lr_used; the others are 0
 * here), GICH_VMCR and GICH_APR. */
struct vgic_saved {
	uint32_t lr[VGIC_SAVED_LRS];
	uint32_t lr_used;
	uint32_t vmcr, apr;
};

#define GICH_ELSR0 0x030
#define GICH_LR(n) (0x100 + 4 * (n))

#define LR_VID_MASK 0x3ffu
#define LR_PID_SHIFT 10
#define LR_EOI BIT(19) /* HW = 0: maintenance interrupt when the guest completes it */
#define LR_PRIO_SHIFT 23
#define LR_PENDING BIT(28)
#define LR_HW BIT(31)

/* The list-register value of hardware interrupt id with its priority in
 * the distributor (prio8, the top 5 bits kept), pending. */
static inline uint32_t vgic_lr_hw(uint32_t id, uint32_t prio8)
{
	uint32_t lr = LR_PENDING | (id & LR_VID_MASK) | ((prio8 >> 3) << LR_PRIO_SHIFT);

#if defined(PLATFORM_GIC_LR_HW_BROKEN)
	/* The guest's EOI raises a maintenance interrupt and the hypervisor
	 * deactivates the physical interrupt (vgic_maintenance). */
	return lr | LR_EOI;
#else
	return lr | LR_HW | ((id & LR_VID_MASK) << LR_PID_SHIFT);
#endif
}

/*
 * Put lr into the lowest free list register of core c (this one); false if
 * none is free. Only a core writes its own list registers, and IRQs are
 * masked in Hyp, so this needs no lock; the pending set (which other cores
 * write) is not touched, so GICH_HCR stays right. For a hardware interrupt
 * there is nothing to merge with: it stays active until the guest's EOI,
 * so it is never in a list register twice.
 */
static inline bool vgic_lr_place_free(const struct pcpu *c, uint32_t lr)
{
	if (!FEATURE_INJECT)
		return false; /* every VM is hrt: no virtual interface in use */
	uint32_t free = c->arch.gich[GICH_ELSR0 / 4u] & c->arch.lr_mask;

	if (!free)
		return false;
	c->arch.gich[GICH_LR((uint32_t)__builtin_ctz(free)) / 4u] = lr;
	return true;
}

/*
 * Channel doorbell id (irq_is_doorbell) for the vCPU running on core c
 * (this one), acknowledged and priority dropped, when no list register of
 * c is in use: the in-line part of vgic_inject_doorbell. With every list
 * register empty the doorbell is in none of them (nothing to fold it
 * into), so it becomes a purely virtual interrupt in list register 0 and
 * the physical SPI is deactivated at once, as vgic_inject_doorbell does.
 * False, with nothing done, if any list register is in use: then
 * vgic_inject_doorbell looks for one to fold into (the flood bound).
 */
static inline bool vgic_doorbell_place_idle(const struct pcpu *c, uint32_t id)
{
	if (!FEATURE_INJECT)
		return false;
	if ((c->arch.gich[GICH_ELSR0 / 4u] & c->arch.lr_mask) != c->arch.lr_mask)
		return false;
	c->arch.gich[GICH_LR(0) / 4u] =
	    LR_PENDING | id | ((uint32_t)(c->arch.gicd_prio[id] >> 3) << LR_PRIO_SHIFT);
	c->arch.gicc[GICC_DIR / 4u] = id;
	return true;
}

struct vgic_cpu {
	spinlock_t lock; /* other cores post SGIs into the pending set */
	/* The pending set, from hw_pending to virq: npending counts its
	 * entries, so a vCPU start clears it only if that is not 0. */
	uint32_t hw_pending[IRQ_BITMAP_WORDS]; /* hardware IRQs awaiting a list register */
	uint8_t sgi_pending[VGIC_NR_SGIS];     /* per SGI: mask of source vCPUs */
	struct {
		uint16_t id;
		uint8_t prio;
		uint8_t pending;
		uint8_t notify; /* report its EOI (vcpu_arch_pend_virq report_eoi) */
	} virq[VGIC_MAX_VIRQS];                /* emulated-device interrupts */
	uint32_t npending;                     /* entries in the sets above */
	/* the guest's priorities for its SGIs (word aligned: reset a word at a time) */
	uint8_t sgi_prio[VGIC_NR_SGIS] __attribute__((aligned(4)));
	/* Virtual interrupts in a list register with EOI notification: their
	 * LR_EOI bit means "tell the core", not "hardware interrupt" (which
	 * is what LR_EOI marks on PLATFORM_GIC_LR_HW_BROKEN). Per vCPU, so on a
	 * shared core it goes out and comes back with the saved list registers
	 * (an LR completed while out raises its maintenance interrupt when put
	 * back: GICH_EISR follows the LR contents). */
	uint32_t notify_lr[IRQ_BITMAP_WORDS];
	uint32_t notify_words; /* bit w: notify_lr[w] may be non-zero (cleared at a start) */
};
_Static_assert(IRQ_BITMAP_WORDS <= 32, "notify_words has a bit per notify_lr word");

#if FEATURE_INJECT
/* This core's hot-path constants: GICH base and list-register mask. */
void vgic_pcpu_init(struct pcpu *c);
/* Fresh virtual interface for a vCPU starting on this core. */
void vgic_cpu_reset(struct vcpu *v);
/* Shared cores (vcpu_ctx.c): empty pending sets for a vCPU (re)starting;
 * take the virtual interface's state out of the core (only the list
 * registers in use, GICH_ELRSR0 says which; VMCR, APR) and leave the
 * interface off; put v's back (writing only the list registers it had in
 * use: vgic_save emptied those of the vCPU before); is anything pending
 * for v (saved: its saved interface, NULL: the core's)? */
void vgic_ctx_reset(struct vcpu *v);
void vgic_save(struct vgic_saved *s);
void vgic_restore(struct vcpu *v, const struct vgic_saved *s);
bool vgic_pending(const struct vcpu *v, const struct vgic_saved *saved);
/* No virtual interface on this core (hrt: the guest has the real one). */
void vgic_disable(void);
/* Deliver channel doorbell id (acknowledged, still active) to v, running on
 * c (this core), as a virtual interrupt; it deactivates id unless it holds
 * a flood back. */
void vgic_inject_doorbell(struct pcpu *c, struct vcpu *v, uint32_t id);
/* vcpu_arch_inject_hw, vcpu_arch_pend_*, vcpu_arch_flush: the core hooks
 * this file implements (declared in vcpu.h). */
/* Maintenance interrupt: list registers drained; refill them. */
void vgic_maintenance(struct vcpu *v);
/* Its handler (irq_reserve). */
void vgic_maintenance_irq(struct pcpu *c, uint32_t id);
#else
/*
 * Every VM is hrt (FEATURE_INJECT 0, vgic.c not linked): each owns its
 * core's physical CPU interface, the virtual one stays off (GICH_HCR.En is
 * never set), and no interrupt is ever injected. The core hooks that
 * vgic.c implements (vcpu.h) are these no-ops instead (VCPU_ARCH_INJECT_STUBS).
 */
#define VCPU_ARCH_INJECT_STUBS 1
static inline void vgic_pcpu_init(struct pcpu *c)
{
	UNUSED(c);
}
static inline void vgic_cpu_reset(struct vcpu *v)
{
	UNUSED(v);
}
static inline void vgic_ctx_reset(struct vcpu *v)
{
	UNUSED(v);
}
static inline void vgic_disable(void)
{
}
static inline void vgic_inject_doorbell(struct pcpu *c, struct vcpu *v, uint32_t id)
{
	UNUSED(c);
	UNUSED(v);
	UNUSED(id);
}
static inline void vgic_maintenance(struct vcpu *v)
{
	UNUSED(v);
}
static inline void vgic_maintenance_irq(struct pcpu *c, uint32_t id)
{
	UNUSED(c);
	UNUSED(id);
}
static inline void vcpu_arch_inject_hw(struct vcpu *v, uint32_t id)
{
	UNUSED(v);
	UNUSED(id);
}
static inline void vcpu_arch_pend_sgi(struct vcpu *target, uint32_t sgi, uint32_t src)
{
	UNUSED(target);
	UNUSED(sgi);
	UNUSED(src);
}
static inline void vcpu_arch_pend_virq(struct vcpu *target, uint32_t id, uint32_t prio,
				       bool report_eoi)
{
	UNUSED(target);
	UNUSED(id);
	UNUSED(prio);
	UNUSED(report_eoi);
}
static inline void vcpu_arch_pend_hw(struct vcpu *target, uint32_t id)
{
	UNUSED(target);
	UNUSED(id);
}
static inline void vcpu_arch_flush(struct vcpu *v)
{
	UNUSED(v);
}
#endif

#endif

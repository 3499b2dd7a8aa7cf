/* SPDX-License-Identifier: MIT */
/*
 * Virtual CPU interface of an srt/be vCPU: the GICH list registers, plus a
 * fixed-size pending set for interrupts that do not fit in them (refilled
 * from the maintenance interrupt, most urgent first).
 */
#ifndef ARCH_VGIC_H
#define ARCH_VGIC_H

#include "spinlock.h"
#include "types.h"
#include "vmconfig.h"

#define VGIC_NR_SGIS 16u
/* emulated-device interrupts per vCPU: vUART RX and the channel doorbells */
#define VGIC_MAX_VIRQS (2u + VM_MAX_CHANNELS)

struct vcpu;
struct pcpu;

struct vgic_cpu {
	spinlock_t lock; /* other cores post SGIs into the pending set */
	uint32_t hw_pending[IRQ_BITMAP_WORDS]; /* hardware IRQs awaiting a list register */
	uint8_t sgi_pending[VGIC_NR_SGIS];     /* per SGI: mask of source vCPUs */
	uint8_t sgi_prio[VGIC_NR_SGIS];        /* the guest's priorities for its SGIs */
	struct {
		uint16_t id;
		uint8_t prio;
		uint8_t pending;
		uint8_t notify; /* report its EOI (vgic_pend_virq report_eoi) */
	} virq[VGIC_MAX_VIRQS];                /* emulated-device interrupts */
	/* Virtual interrupts in a list register with EOI notification: their
	 * LR_EOI bit means "tell the core", not "hardware interrupt" (which
	 * is what LR_EOI marks on PLATFORM_GIC_LR_HW_BROKEN). Per vCPU, so on a
	 * shared core it goes out and comes back with the saved list registers
	 * (an LR completed while out raises its maintenance interrupt when put
	 * back: GICH_EISR follows the LR contents). */
	uint32_t notify_lr[IRQ_BITMAP_WORDS];
	uint32_t npending;                     /* entries in the sets above */
};

/* Fresh virtual interface for a vCPU starting on this core. */
void vgic_cpu_reset(struct vcpu *v);
/* Shared cores (vcpu_ctx.c): empty pending sets for a vCPU (re)starting;
 * take the virtual interface's state out of the core (the list registers,
 * all VGIC_CTX_LRS of them, VMCR, APR) and put it back; is anything pending
 * for v (saved_lrs: its saved list registers, NULL: the core's)? */
void vgic_ctx_reset(struct vcpu *v);
void vgic_save(struct vcpu *v, uint32_t *lrs, uint32_t *vmcr, uint32_t *apr);
void vgic_restore(struct vcpu *v, const uint32_t *lrs, uint32_t vmcr, uint32_t apr);
bool vgic_pending(const struct vcpu *v, const uint32_t *saved_lrs);
/* No virtual interface on this core (hrt: the guest has the real one). */
void vgic_disable(void);
/* Deliver hardware interrupt id (acknowledged, still active) to v (own core). */
void vgic_inject_hw(struct vcpu *v, uint32_t id);
/* Make an interrupt pending in target's software state (any core, target
 * running or not); vcpu_inject_* (vcpu.c) then gets it delivered. SGI sgi
 * from vCPU src; virtual (emulated-device) interrupt id, and if report_eoi,
 * its list register asks for a maintenance interrupt when its guest
 * completes it (no caller since channel doorbells became physical SPIs);
 * hardware interrupt id, acknowledged
 * and active, for a vCPU that does not run now. */
void vgic_pend_sgi(struct vcpu *target, uint32_t sgi, uint32_t src);
void vgic_pend_virq(struct vcpu *target, uint32_t id, uint32_t prio, bool report_eoi);
void vgic_pend_hw(struct vcpu *target, uint32_t id);
/* Move pending interrupts into free list registers (own core). */
void vgic_flush(struct vcpu *v);
/* Maintenance interrupt: list registers drained; refill them. */
void vgic_maintenance(struct vcpu *v);
/* Its handler (irq_reserve). */
void vgic_maintenance_irq(struct pcpu *c, uint32_t id);

#endif

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

struct vgic_cpu {
	spinlock_t lock; /* other cores post SGIs into the pending set */
	uint32_t hw_pending[IRQ_BITMAP_WORDS]; /* hardware IRQs awaiting a list register */
	uint8_t sgi_pending[VGIC_NR_SGIS];     /* per SGI: mask of source vCPUs */
	uint8_t sgi_prio[VGIC_NR_SGIS];        /* the guest's priorities for its SGIs */
	struct {
		uint16_t id;
		uint8_t prio;
		uint8_t pending;
		uint8_t notify; /* report its EOI (vgic_post_virq_eoi) */
	} virq[VGIC_MAX_VIRQS];                /* emulated-device interrupts */
	/* Virtual interrupts in a list register with EOI notification: their
	 * LR_EOI bit means "tell the core", not "hardware interrupt" (which
	 * is what LR_EOI marks on PLATFORM_GIC_LR_HW_BROKEN). */
	uint32_t notify_lr[IRQ_BITMAP_WORDS];
	uint32_t npending;                     /* entries in the sets above */
};

/* Fresh virtual interface for a vCPU starting on this core. */
void vgic_cpu_reset(struct vcpu *v);
/* No virtual interface on this core (hrt: the guest has the real one). */
void vgic_disable(void);
/* Deliver hardware interrupt id (acknowledged, still active) to v (own core). */
void vgic_inject_hw(struct vcpu *v, uint32_t id);
/* Make SGI sgi from vCPU src pending on target (any core). */
void vgic_post_sgi(struct vcpu *target, uint32_t sgi, uint32_t src);
/* Make virtual (emulated-device) interrupt id pending on target (any core). */
void vgic_post_virq(struct vcpu *target, uint32_t id, uint32_t prio);
/* The same, and when the guest completes (EOIs) it, call
 * chan_virq_eoi(target, id) on target's core (maintenance interrupt). */
void vgic_post_virq_eoi(struct vcpu *target, uint32_t id, uint32_t prio);
/* Move pending interrupts into free list registers (own core). */
void vgic_flush(struct vcpu *v);
/* Maintenance interrupt: list registers drained; refill them. */
void vgic_maintenance(struct vcpu *v);

#endif

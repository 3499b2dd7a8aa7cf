/* SPDX-License-Identifier: MIT */
/*
 * Physical interrupts, core side: one dispatch for every interrupt the
 * hypervisor takes (docs/interrupts.md). The arch layer acknowledges an
 * interrupt and calls irq_handle(); core decides whether it belongs to a
 * guest (injected into the owner's vCPU, which may not be the running one on
 * a shared core) or to the hypervisor (the handler an owner reserved with
 * irq_reserve). Core never names the interrupt controller: what it needs
 * of it are the irq_arch_* hooks below (docs/architecture.md, "Layers").
 */
#ifndef SHIKIRI_IRQ_H
#define SHIKIRI_IRQ_H

#include "types.h"
#include "vm.h"
#include "vmconfig.h"

#define IRQ_NR_SGIS 16u   /* IDs 0..15: software-generated */
#define IRQ_FIRST_SPI 32u /* IDs 16..31: per-core (PPIs), then shared */

struct pcpu;

/* What irq_handle did with an interrupt. */
enum irq_result {
	IRQ_HANDLED = 0,   /* the hypervisor's (or nobody's): arch deactivates it */
	IRQ_FORWARDED = 1, /* a guest's: it stays active until the guest completes it */
};

/* A hypervisor-owned interrupt's handler; runs on the core that took it. */
typedef void (*irq_handler_fn)(struct pcpu *c, uint32_t id);

/* Bind the SPIs of the configuration to their VMs (boot core, before any
 * VM runs). */
void irq_init(void);
/* Keep interrupt id for the hypervisor: handler runs whenever it is taken.
 * Boot time only; false (nothing done) for an SPI a VM owns. */
bool irq_reserve(uint32_t id, irq_handler_fn handler);
/* An interrupt acknowledged on core c. */
enum irq_result irq_handle(struct pcpu *c, uint32_t id);
/* The VM that owns SPI id, or -1. */
int32_t irq_spi_owner(uint32_t id);
/* Route a hypervisor-owned SPI to the cores in core_mask (any one of them
 * takes it) and enable it. */
void irq_route(uint32_t id, uint32_t core_mask);
/* Interrupt the hypervisor on the cores in core_mask (bit n = pcpu n):
 * they look at their run queue and their vCPUs' pending interrupts. */
void irq_kick(uint32_t core_mask);

/*
 * The interrupts each VM takes straight into the vCPU that runs it: its SPIs
 * and the PPIs it owns that the hypervisor did not reserve (bit id of
 * irq_fwd[vm id]). Computed by irq_init and irq_reserve from the
 * configuration, so the hot path tests one bit instead of searching.
 */
extern uint32_t irq_fwd[CONFIG_MAX_VMS][IRQ_BITMAP_WORDS];

/* Does interrupt id (< GIC_MAX_IRQS) go to v, running on this core? Then
 * the arch layer injects it without irq_handle (the common case). */
static inline bool irq_to_running(const struct vcpu *v, uint32_t id)
{
	return (irq_fwd[v->vm->id][id / 32u] & BIT(id % 32u)) != 0;
}

/*
 * The channel doorbell SPIs of srt/be VMs: not in their owners' irq_fwd,
 * and their owner-table entry carries IRQ_OWNER_DOORBELL (irq_set_doorbell,
 * from chan_init; an hrt VM's doorbell stays an ordinary SPI of its own:
 * its core takes it on its own GICC and the hypervisor never sees it). Only
 * the hypervisor raises them (GICD_ISPENDR, chan.c), so the physical
 * interrupt carries nothing but "rung": the arch layer deactivates it when
 * it is taken and gives the owner's running vCPU a purely virtual
 * interrupt of the same ID (no hardware link, no EOI maintenance;
 * docs/channels.md, "Delivery"). A flag in the owner table rather than a
 * table of their own: one load to test, and no more memory for boot to
 * clear.
 */
#define IRQ_OWNER_DOORBELL 0x40 /* VM ids are < 64 (CONFIG_MAX_VMS) */
_Static_assert(CONFIG_MAX_VMS <= IRQ_OWNER_DOORBELL, "VM ids fit below the doorbell flag");
extern int8_t spi_owner[GIC_MAX_IRQS]; /* irq.c; use irq_spi_owner() for the VM */

/* Boot, after irq_init: SPI id, which VM vm owns, is a doorbell of that
 * srt/be VM (chan_init; nothing if vm does not own id). */
void irq_set_doorbell(uint32_t vm, uint32_t id);

/* Is interrupt id (< GIC_MAX_IRQS) a doorbell of v's VM? */
static inline bool irq_is_doorbell(const struct vcpu *v, uint32_t id)
{
	/* the entry as a byte against id | flag (< 0x80: VM ids are < 64): no
	 * sign or zero extension on the IRQ path */
	return (uint8_t)spi_owner[id] == (v->vm->id | IRQ_OWNER_DOORBELL);
}

/* Implemented by arch (arch/armv7/gic.c). Set up the interrupt controller
 * and route every VM's SPIs (boot core, after irq_init). */
void irq_arch_init(void);
void irq_arch_route(uint32_t id, uint32_t core_mask);
void irq_arch_kick(uint32_t core_mask);
/* The hypervisor's own interrupt IDs on this interrupt controller. */
uint32_t irq_arch_ipi_id(void);
uint32_t irq_arch_timer_id(void);
/* In line (arch/irq.h), for the channel doorbells (chan.c): the number of
 * interrupt IDs the controller implements, irq_arch_nr_ids(); how to raise
 * SPI id, computed once at boot, struct irq_arch_spi = irq_arch_spi(id);
 * is it pending, irq_arch_spi_pending(s); raise it after a barrier,
 * irq_arch_spi_raise(s). */
#include "arch/irq.h"

#endif

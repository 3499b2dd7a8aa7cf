/* SPDX-License-Identifier: MIT */
/*
 * The emulated GIC distributor every VM sees at the board's GICD address.
 * Guests never touch the physical distributor: each access traps and is
 * checked against the VM's static IRQ ownership, then performed on the
 * physical GICD (owned IRQs) or on virtual state (srt/be SGIs).
 */
#ifndef SHIKIRI_VGICD_H
#define SHIKIRI_VGICD_H

#include "types.h"
#include "vmconfig.h"

struct vm;

struct vgicd {
	uint32_t typer; /* what GICD_TYPER reads (vgicd_setup) */
	/* Per 32-IRQ word, the hardware interrupts the VM owns (vgicd_setup):
	 * the generator's bitmap less the hypervisor's PPIs, plus the
	 * physical SGIs for hrt VMs. */
	uint32_t owned[IRQ_BITMAP_WORDS];
	uint32_t ctlr;
	uint32_t refused; /* accesses to IRQs the VM does not own */
	/* The first of them: register group name and IRQ ID. */
	const char *first_refused_reg;
	uint32_t first_refused_irq;
};

struct vcpu;

/* An access of the current vCPU, which must be one of vm's (struct
 * mmio_device: read, write). */
bool vgicd_read(struct vm *vm, uint32_t off, uint32_t size, uint32_t *val);
bool vgicd_write(struct vm *vm, uint32_t off, uint32_t size, uint32_t val);
/* The same for the trap path, which knows the accessing vCPU. */
bool vgicd_vcpu_read(struct vcpu *v, uint32_t off, uint32_t size, uint32_t *val);
bool vgicd_vcpu_write(struct vcpu *v, uint32_t off, uint32_t size, uint32_t val);
/* hrt VMs: the unmapped second page of their physical CPU interface
 * (GICC_DIR), checked against the VM's interrupts. */
bool vgicc_dir_read(struct vm *vm, uint32_t off, uint32_t size, uint32_t *val);
bool vgicc_dir_write(struct vm *vm, uint32_t off, uint32_t size, uint32_t val);
bool vgicc_dir_vcpu_write(struct vcpu *v, uint32_t off, uint32_t size, uint32_t val);
/* Once per VM, after irq_arch_init and before it runs: what the trap path
 * reads instead of working it out (TYPER, owned interrupts). */
void vgicd_setup(struct vm *vm);
/* Put the VM's interrupts back to their boot state (VM start and reset). */
void vm_arch_reset(struct vm *vm);

#endif

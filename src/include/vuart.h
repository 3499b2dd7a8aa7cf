/* SPDX-License-Identifier: MIT */
/* Emulated PL011 for a VM's console: output is collected per line and written
 * to the hypervisor console with a "[vmname] " prefix. */
#ifndef SHIKIRI_VUART_H
#define SHIKIRI_VUART_H

#include "feature.h"
#include "types.h"
#include "vmconfig.h"

/* Lines up to this long reach the console in one piece; longer ones go out in
 * parts of this size that continue each other (docs/console.md). It also
 * bounds how long one VM's line holds the console lock. */
#define VUART_LINE_MAX 256u
#define VUART_RX_MAX 64u /* input FIFO; the PL011 has 32 entries */

struct vm;
struct pcpu;

struct vuart {
	char line[VUART_LINE_MAX];
	uint32_t len;
	bool cont; /* part of the current line is already on the console */
	char prefix[VM_NAME_MAX + 3]; /* "[name] ", made once (vuart_setup) */
	uint32_t prefix_len;
	uint64_t last_tx; /* counter at the last character into `line` (idle flush) */
	uint32_t regs[0x50 / 4]; /* written control registers, read back */
	char rx[VUART_RX_MAX];    /* console input not yet read by the guest */
	uint32_t rx_head, rx_count;
	/* Its interrupt (the board console's ID) as the VM's vGICD sees it:
	 * purely virtual, delivered through a list register. */
	bool irq_enabled;
	uint8_t irq_prio;
};

struct vcpu;
#if FEATURE_VUART
/* Once per VM, before it runs. */
void vuart_setup(struct vm *vm);
/* An access of the vUART by v (the trap path; its two hot registers are
 * in line there, vuart_trap.h). */
bool vuart_vcpu_read(struct vcpu *v, uint32_t off, uint32_t size, uint32_t *val);
bool vuart_vcpu_write(struct vcpu *v, uint32_t off, uint32_t size, uint32_t val);
void vuart_flush(struct vm *vm);
/* The hypervisor timer of core c fired: write out the lines of the VMs that
 * wrote there and have not ended them. */
void vuart_idle_flush_core(struct pcpu *c);
/* Console input for this VM (the hypervisor's UART receive interrupt). */
void vuart_rx_push(struct vm *vm, char c);
/* Deliver the vUART interrupt if the emulated PL011 asserts it. */
void vuart_update_irq(struct vm *vm);
#else
/* No VM has console = "vuart" (vuart.c not linked): no VM registers the
 * device (mmio_setup), so none of these is reached but the ones that find
 * nothing to do. */
static inline void vuart_setup(struct vm *vm)
{
	UNUSED(vm);
}
static inline bool vuart_vcpu_read(struct vcpu *v, uint32_t off, uint32_t size, uint32_t *val)
{
	UNUSED(v);
	UNUSED(off);
	UNUSED(size);
	UNUSED(val);
	return false;
}
static inline bool vuart_vcpu_write(struct vcpu *v, uint32_t off, uint32_t size, uint32_t val)
{
	UNUSED(v);
	UNUSED(off);
	UNUSED(size);
	UNUSED(val);
	return false;
}
static inline void vuart_flush(struct vm *vm)
{
	UNUSED(vm);
}
static inline void vuart_idle_flush_core(struct pcpu *c)
{
	UNUSED(c);
}
static inline void vuart_rx_push(struct vm *vm, char c)
{
	UNUSED(vm);
	UNUSED(c);
}
static inline void vuart_update_irq(struct vm *vm)
{
	UNUSED(vm);
}
#endif

#endif

/* SPDX-License-Identifier: MIT */
/*
 * The trap path's entry into emulated MMIO (arch: trap_dabt), in line: the
 * windows of the VM's table that are tested by page number before its
 * table is searched (mmio.h, struct mmio_table): the vUART's, whose two hot
 * registers are done here (vuart_trap.h), and the first window registered,
 * arch's (the interrupt controller's, vm_arch_mmio_setup), whose handlers
 * are arch hooks called directly (mmio_arch_first_read/_write), and a
 * controller's control page for its word reads. The access itself is
 * arch's too (arch/mmio.h).
 */
#ifndef SHIKIRI_MMIO_TRAP_H
#define SHIKIRI_MMIO_TRAP_H

#include "control.h"
#include "mmio.h"
#include "pcpu.h"
#include "vm.h"
#include "vuart_trap.h"
#include "arch/mmio.h"

/* Access a to offset off of IPA page page by v, running on core c (this
 * one). False, with nothing done, if no window is tested by that page: the
 * caller then searches the table (mmio_find_from, from others on). */
static inline __attribute__((always_inline)) bool mmio_trap_page(struct pcpu *c, struct vcpu *v,
								 uint32_t page, uint32_t off,
								 struct mmio_arch_access a)
{
	const struct mmio_table *t = &v->vm->mmio;

	if (FEATURE_VUART && page == t->vuart_page) {
		struct vm *vm = v->vm;

		c->trap_count[TRAP_VUART]++;
		/* Its hot registers in line: a write of UARTDR (its low
		 * byte, whatever the size but the reserved one, which
		 * vuart_vcpu_write refuses), a word read of UARTFR. */
		if (off == UART_DR && mmio_arch_byte_write(a)) {
			mmio_arch_done(a);
			vuart_tx(vm, *mmio_arch_reg(a));
		} else if (off == UART_FR && mmio_arch_word_read(a)) {
			mmio_arch_done(a);
			*mmio_arch_reg(a) = vuart_fr(vm);
		} else {
			mmio_arch_access(c, v, a, off, vuart_vcpu_read, vuart_vcpu_write);
		}
		return true;
	}
	if (page == t->first_page) {
		c->trap_count[MMIO_ARCH_FIRST_CAUSE]++;
		mmio_arch_access(c, v, a, off, mmio_arch_first_read, mmio_arch_first_write);
		return true;
	}
	/* A controller's control page: its word reads (the state and
	 * counters it polls) in line; a read changes no VM's state. Its
	 * writes (commands) go through the table. */
	if (FEATURE_CONTROL && page == t->ctl_page && mmio_arch_word_read(a)) {
		c->trap_count[TRAP_DOORBELL]++;
		mmio_arch_done(a);
		if (!control_word_read(v, off, mmio_arch_reg(a)))
			mmio_arch_refused(c, a);
		return true;
	}
	return false;
}

#endif

/* SPDX-License-Identifier: MIT */
/*
 * The vUART's two hot registers, in line for the trap path (traps.c): a
 * polling driver reads UARTFR before every character and writes the
 * character to UARTDR. Every other access goes through vuart_vcpu_read and
 * vuart_vcpu_write (vuart.c), which use the same code for these two.
 */
#ifndef SHIKIRI_VUART_TRAP_H
#define SHIKIRI_VUART_TRAP_H

#include "pl011.h"
#include "spinlock.h"
#include "vm.h"
#include "arch/cpu.h"

/* UARTFR: transmit is always ready, receive empty unless input waits. One
 * word of the VM's state: no lock. */
static inline uint32_t vuart_fr(const struct vm *vm)
{
	return UART_FR_TXFE | (vm->vuart.rx_count ? 0u : UART_FR_RXFE);
}

/* One character of output that vuart_tx does not append itself (vm->lock
 * held): the line's first and last characters, its end, and the control
 * characters around it. */
#if FEATURE_VUART
void vuart_putc(struct vm *vm, char c);
#else
static inline void vuart_putc(struct vm *vm, char c)
{
	UNUSED(vm);
	UNUSED(c);
}
#endif

/*
 * A write of val to UARTDR. The hot case, a printable character in the
 * middle of a line, is appended under the lock with only the time stamped:
 * the line's first character has set this core's idle-flush timer
 * (vuart.c), and neither the line's end nor the buffer's last place is
 * near. (A line started on another core of the VM is that core's timer's
 * to flush once silent.)
 */
static inline void vuart_tx(struct vm *vm, uint32_t val)
{
	struct vuart *u = &vm->vuart;
	uint32_t c = val & 0xffu, len;

	spin_lock(&vm->lock);
	len = u->len;
	if (c - '\n' > (uint32_t)('\r' - '\n') && len - 1u < VUART_LINE_MAX - 2u) {
		u->line[len] = (char)c;
		u->len = len + 1u;
		u->last_tx = cpu_arch_counter_stamp();
	} else {
		vuart_putc(vm, (char)c);
	}
	spin_unlock(&vm->lock);
}

#endif

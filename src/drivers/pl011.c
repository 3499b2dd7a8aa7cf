// SPDX-License-Identifier: MIT
/* Polled PL011 output for the hypervisor console. */
#include "pl011.h"

static inline uint32_t reg_read(uintptr_t base, uint32_t off)
{
	return *(volatile uint32_t *)(base + off);
}

static inline void reg_write(uintptr_t base, uint32_t off, uint32_t v)
{
	*(volatile uint32_t *)(base + off) = v;
}

void pl011_init(uintptr_t base)
{
	/* Firmware (or QEMU) has set the baud rate; just make sure TX is on. */
	reg_write(base, UART_CR, reg_read(base, UART_CR) | BIT(0) | BIT(8));
}

void pl011_putc(uintptr_t base, char c)
{
	/* Bounded wait: a wedged UART must not hang the hypervisor forever. */
	for (uint32_t i = 0; i < 1000000u && (reg_read(base, UART_FR) & UART_FR_TXFF); i++)
		;
	reg_write(base, UART_DR, (uint8_t)c);
}

int32_t pl011_getc(uintptr_t base)
{
	if (reg_read(base, UART_FR) & UART_FR_RXFE)
		return -1;
	return (int32_t)(reg_read(base, UART_DR) & 0xffu);
}

void pl011_enable_rx_irq(uintptr_t base)
{
	reg_write(base, UART_IMSC, reg_read(base, UART_IMSC) | BIT(4) | BIT(6));
}

// SPDX-License-Identifier: MIT
/*
 * Polled 16550-compatible UART for the hypervisor console (Allwinner's
 * snps,dw-apb-uart: reg-shift 2, reg-io-width 4; the LS1021A DUART:
 * byte-spaced). Register n sits at base + (n << reg_shift) and is accessed
 * reg_io_width bytes wide; only the low 8 bits mean anything.
 */
#include "uart.h"

#define NS_RBR 0u /* receive buffer (read) */
#define NS_THR 0u /* transmit holding (write) */
#define NS_IER 1u
#define NS_LSR 5u

#define NS_IER_ERBFI BIT(0) /* received data available */
#define NS_LSR_DR BIT(0)    /* data ready */
#define NS_LSR_THRE BIT(5)  /* transmit holding register empty */
#define NS_LSR_TEMT BIT(6)  /* holding and shift registers both empty */

static inline volatile void *reg_addr(const struct uart_port *p, uint32_t reg)
{
	return (volatile void *)(p->base + ((uintptr_t)reg << p->reg_shift));
}

static uint32_t reg_read(const struct uart_port *p, uint32_t reg)
{
	if (p->reg_io_width == 4)
		return *(volatile uint32_t *)reg_addr(p, reg) & 0xffu;
	return *(volatile uint8_t *)reg_addr(p, reg);
}

static void reg_write(const struct uart_port *p, uint32_t reg, uint32_t v)
{
	if (p->reg_io_width == 4)
		*(volatile uint32_t *)reg_addr(p, reg) = v & 0xffu;
	else
		*(volatile uint8_t *)reg_addr(p, reg) = (uint8_t)v;
}

COLD static void ns16550_init(const struct uart_port *p)
{
	/* Baud rate, framing and FIFOs are the firmware's; only keep the
	 * UART from interrupting until console input asks for it. */
	reg_write(p, NS_IER, 0);
}

static void ns16550_putc(const struct uart_port *p, char c)
{
	/* Bounded wait: a wedged UART must not hang the hypervisor forever. */
	for (uint32_t i = 0; i < 1000000u && !(reg_read(p, NS_LSR) & NS_LSR_THRE); i++)
		;
	reg_write(p, NS_THR, (uint8_t)c);
}

static int32_t ns16550_getc(const struct uart_port *p)
{
	if (!(reg_read(p, NS_LSR) & NS_LSR_DR))
		return -1;
	return (int32_t)reg_read(p, NS_RBR);
}

static void ns16550_enable_rx_irq(const struct uart_port *p)
{
	reg_write(p, NS_IER, reg_read(p, NS_IER) | NS_IER_ERBFI);
}

static void ns16550_drain(const struct uart_port *p)
{
	for (uint32_t i = 0; i < 1000000u && !(reg_read(p, NS_LSR) & NS_LSR_TEMT); i++)
		;
}

const struct uart_ops ns16550_uart_ops = {
	.init = ns16550_init,
	.putc = ns16550_putc,
	.getc = ns16550_getc,
	.enable_rx_irq = ns16550_enable_rx_irq,
	.drain = ns16550_drain,
};

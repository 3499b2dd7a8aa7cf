// SPDX-License-Identifier: MIT
/* Polled ARM PL011 for the hypervisor console. */
#include "pl011.h"
#include "uart.h"

static inline uint32_t reg_read(const struct uart_port *p, uint32_t off)
{
	return *(volatile uint32_t *)(p->base + off);
}

static inline void reg_write(const struct uart_port *p, uint32_t off, uint32_t v)
{
	*(volatile uint32_t *)(p->base + off) = v;
}

static void pl011_init(const struct uart_port *p)
{
	/* Firmware (or QEMU) has set the baud rate; just make sure TX is on. */
	reg_write(p, UART_CR, reg_read(p, UART_CR) | BIT(0) | BIT(8));
}

static void pl011_putc(const struct uart_port *p, char c)
{
	/* Bounded wait: a wedged UART must not hang the hypervisor forever. */
	for (uint32_t i = 0; i < 1000000u && (reg_read(p, UART_FR) & UART_FR_TXFF); i++)
		;
	reg_write(p, UART_DR, (uint8_t)c);
}

/* Bounded wait for FIFO room, then one byte: inline in pl011_write. */
static inline void pl011_tx(const volatile uint32_t *fr, volatile uint32_t *dr, char c)
{
	for (uint32_t i = 0; i < 1000000u && (*fr & UART_FR_TXFF); i++)
		;
	*dr = (uint8_t)c;
}

/* A whole string in one call: the console writes lines, and boot's lines
 * are a good part of its cost (docs/performance.md). */
static void pl011_write(const struct uart_port *p, const char *s, size_t n)
{
	const volatile uint32_t *fr = (const volatile uint32_t *)(p->base + UART_FR);
	volatile uint32_t *dr = (volatile uint32_t *)(p->base + UART_DR);

	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n')
			pl011_tx(fr, dr, '\r');
		pl011_tx(fr, dr, s[i]);
	}
}

static int32_t pl011_getc(const struct uart_port *p)
{
	if (reg_read(p, UART_FR) & UART_FR_RXFE)
		return -1;
	return (int32_t)(reg_read(p, UART_DR) & 0xffu);
}

static void pl011_enable_rx_irq(const struct uart_port *p)
{
	reg_write(p, UART_IMSC, reg_read(p, UART_IMSC) | BIT(4) | BIT(6));
}

const struct uart_ops pl011_uart_ops = {
	.init = pl011_init,
	.putc = pl011_putc,
	.write = pl011_write,
	.getc = pl011_getc,
	.enable_rx_irq = pl011_enable_rx_irq,
};

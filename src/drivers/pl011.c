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

/* The transmit FIFO's depth: 16 bytes in the PL011 r1p4 (32 in r1p5; the
 * smaller is assumed). */
#define PL011_TX_FIFO 16u

/* Bounded wait: a wedged UART must not hang the hypervisor forever. */
static void pl011_wait(const struct uart_port *p, uint32_t bit, uint32_t want)
{
	for (uint32_t i = 0; i < 1000000u && (reg_read(p, UART_FR) & bit) != want; i++)
		;
}

COLD static void pl011_init(const struct uart_port *p)
{
	/* Firmware (or QEMU) has set the baud rate; make sure TX is on, with
	 * its FIFO (pl011_write fills it a batch at a time). LCR_H changes
	 * only when nothing is being sent. */
	if (!(reg_read(p, UART_LCR_H) & UART_LCR_H_FEN)) {
		pl011_wait(p, UART_FR_BUSY, 0);
		reg_write(p, UART_LCR_H, reg_read(p, UART_LCR_H) | UART_LCR_H_FEN);
	}
	reg_write(p, UART_CR, reg_read(p, UART_CR) | BIT(0) | BIT(8));
}

static void pl011_putc(const struct uart_port *p, char c)
{
	pl011_wait(p, UART_FR_TXFF, 0);
	reg_write(p, UART_DR, (uint8_t)c);
}

/*
 * A whole string in one call: the console writes lines, and boot's lines
 * and the VMs' vUART lines are a good part of their cost
 * (docs/performance.md). Once the FIFO is empty (UARTFR.TXFE) it takes
 * PL011_TX_FIFO bytes (1 with the FIFO off), so UARTFR is read once per
 * batch, not per byte; a '\n' (two bytes, "\r\n") ends a batch.
 */
static void pl011_write(const struct uart_port *p, const char *s, size_t n)
{
	volatile uint32_t *dr = (volatile uint32_t *)(p->base + UART_DR);
	size_t depth = (reg_read(p, UART_LCR_H) & UART_LCR_H_FEN) ? PL011_TX_FIFO : 1u;
	const char *end = s + n;

	while (s < end) {
		const char *stop = s + ((size_t)(end - s) < depth ? (size_t)(end - s) : depth);

		pl011_wait(p, UART_FR_TXFE, UART_FR_TXFE);
		while (s < stop) {
			char c = *s++;

			if (c == '\n') {
				/* A place is left for the '\r'; the '\n' waits
				 * for the FIFO to empty again, and ends the batch. */
				*dr = '\r';
				pl011_wait(p, UART_FR_TXFE, UART_FR_TXFE);
				*dr = '\n';
				break;
			}
			*dr = (uint8_t)c;
		}
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

static void pl011_drain(const struct uart_port *p)
{
	pl011_wait(p, UART_FR_BUSY, 0); /* BUSY: FIFO not empty or a byte on the wire */
}

const struct uart_ops pl011_uart_ops = {
	.init = pl011_init,
	.putc = pl011_putc,
	.write = pl011_write,
	.getc = pl011_getc,
	.enable_rx_irq = pl011_enable_rx_irq,
	.drain = pl011_drain,
};

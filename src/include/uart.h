/* SPDX-License-Identifier: MIT */
/*
 * The hypervisor console's UART drivers behind one interface. The driver is
 * the one of board_config.uart_type, which the generator took from the
 * console node's compatible; only that driver is linked in (features.mk).
 * Guests never see these: they get the emulated PL011 (vuart.c) or the
 * real UART passed through.
 */
#ifndef SHIKIRI_UART_H
#define SHIKIRI_UART_H

#include "types.h"

struct uart_port {
	uintptr_t base;
	uint32_t reg_shift;    /* 16550: register n at base + (n << reg_shift) */
	uint32_t reg_io_width; /* 16550: 1 (byte) or 4 (32-bit) accesses */
};

struct uart_ops {
	/* Firmware has set the baud rate and framing (divider untouched). */
	void (*init)(const struct uart_port *p);
	/* Bounded wait for room, then send one byte. */
	void (*putc)(const struct uart_port *p, char c);
	/* Send n bytes, "\r\n" for each '\n' (the same waits as putc); NULL:
	 * putc one byte at a time. */
	void (*write)(const struct uart_port *p, const char *s, size_t n);
	/* Next received byte, or -1 when nothing is waiting. */
	int32_t (*getc)(const struct uart_port *p);
	/* Raise the UART's interrupt on received data. */
	void (*enable_rx_irq)(const struct uart_port *p);
	/* Bounded wait until the last byte has left the wire (FIFO and shift
	 * register), so that nothing written before a power-off is lost. */
	void (*drain)(const struct uart_port *p);
};

extern const struct uart_ops pl011_uart_ops;
extern const struct uart_ops ns16550_uart_ops;
extern const struct uart_ops cdns_uart_ops;

/*
 * The board console (drivers/uart.c): board_config's UART with the driver
 * its type names. Output before uart_console_init() is dropped.
 */
void uart_console_init(void);
void uart_console_putc(char c);
/* n bytes, each '\n' sent as "\r\n". */
void uart_console_write(const char *s, size_t n);
int32_t uart_console_getc(void);
void uart_console_enable_rx_irq(void);
/* Wait (bounded) until everything written has been sent: before power-off. */
void uart_console_drain(void);

#endif

/* PL011 transmit side only: the hypervisor's emulation needs no set-up.
 * A passed-through Cadence UART (the Zynq's, board.c) has its own two
 * registers; the firmware has set it up. */
#include <stdint.h>
#include "uart.h"

#define UARTDR		0x000
#define UARTFR		0x018
#define UARTFR_TXFF	(1u << 5)

static inline volatile uint32_t *uart_reg(uint32_t off)
{
	return (volatile uint32_t *)(uintptr_t)(UART_BASE + off);
}

#define CDNS_SR		0x02c
#define CDNS_SR_TXFULL	(1u << 4)
#define CDNS_FIFO	0x030

void uart_putc(char c)
{
	if (guest_uart_cdns) {
		while (*uart_reg(CDNS_SR) & CDNS_SR_TXFULL)
			;
		*uart_reg(CDNS_FIFO) = (uint8_t)c;
		return;
	}
	while (*uart_reg(UARTFR) & UARTFR_TXFF)
		;
	/* Plain "\n": the hypervisor splits lines on it and adds the prefix. */
	*uart_reg(UARTDR) = (uint8_t)c;
}

void uart_puts(const char *s)
{
	while (*s)
		uart_putc(*s++);
}

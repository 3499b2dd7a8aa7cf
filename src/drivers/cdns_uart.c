// SPDX-License-Identifier: MIT
/*
 * Polled Cadence UART (Xilinx "xlnx,xuartps", the Zynq-7000's UART0/1) for
 * the monitor's console. Registers as in the Zynq-7000 TRM (UG585, appendix
 * B "UART Controller") and Linux's drivers/tty/serial/xilinx_uartps.c:
 * 32-bit registers, one FIFO register for both directions, a status
 * register with the FIFO levels.
 */
#include "uart.h"

#define CDNS_CR	  0x00u /* control */
#define CDNS_IER  0x08u /* interrupt enable (write 1) */
#define CDNS_IDR  0x0cu /* interrupt disable (write 1) */
#define CDNS_ISR  0x14u /* raised interrupts (write 1 to clear) */
#define CDNS_RXWM 0x20u /* receive FIFO trigger level */
#define CDNS_SR	  0x2cu /* channel status */
#define CDNS_FIFO 0x30u /* transmit (write) and receive (read) FIFO */

#define CDNS_CR_RXRST	BIT(0)
#define CDNS_CR_TXRST	BIT(1)
#define CDNS_CR_RX_EN	BIT(2)
#define CDNS_CR_RX_DIS	BIT(3)
#define CDNS_CR_TX_EN	BIT(4)
#define CDNS_CR_TX_DIS	BIT(5)
#define CDNS_IXR_RXTRIG BIT(0)	/* receive FIFO at its trigger level */
#define CDNS_IXR_ALL	0x3fffu /* every interrupt source */
#define CDNS_SR_RXEMPTY BIT(1)	/* receive FIFO empty */
#define CDNS_SR_TXEMPTY BIT(3)	/* transmit FIFO empty */
#define CDNS_SR_TXFULL	BIT(4)	/* transmit FIFO full */
#define CDNS_SR_TACTIVE BIT(11) /* transmitter still shifting a byte out */

static inline uint32_t reg_read(const struct uart_port *p, uint32_t off)
{
	return *(volatile uint32_t *)(p->base + off);
}

static inline void reg_write(const struct uart_port *p, uint32_t off, uint32_t v)
{
	*(volatile uint32_t *)(p->base + off) = v;
}

COLD static void cdns_init(const struct uart_port *p)
{
	/* Baud rate and framing are the firmware's (U-Boot's serial_zynq).
	 * Make sure both directions are on (a UART the firmware did not use
	 * may have them disabled; the reset bits stay clear), and keep it from
	 * interrupting until console input asks for it. */
	reg_write(p, CDNS_CR,
		  (reg_read(p, CDNS_CR) &
		   ~(CDNS_CR_RXRST | CDNS_CR_TXRST | CDNS_CR_RX_DIS | CDNS_CR_TX_DIS)) |
		      CDNS_CR_RX_EN | CDNS_CR_TX_EN);
	reg_write(p, CDNS_IDR, CDNS_IXR_ALL);
}

static void cdns_putc(const struct uart_port *p, char c)
{
	/* Bounded wait: a wedged UART must not hang the monitor forever. */
	for (uint32_t i = 0; i < 1000000u && (reg_read(p, CDNS_SR) & CDNS_SR_TXFULL); i++)
		;
	reg_write(p, CDNS_FIFO, (uint8_t)c);
}

static int32_t cdns_getc(const struct uart_port *p)
{
	if (reg_read(p, CDNS_SR) & CDNS_SR_RXEMPTY)
		return -1;
	/* The trigger status stays set until cleared: clear it with each byte
	 * taken, so that the line drops once the FIFO is empty. */
	reg_write(p, CDNS_ISR, CDNS_IXR_RXTRIG);
	return (int32_t)(reg_read(p, CDNS_FIFO) & 0xffu);
}

static void cdns_enable_rx_irq(const struct uart_port *p)
{
	reg_write(p, CDNS_RXWM, 1u); /* every byte */
	reg_write(p, CDNS_ISR, CDNS_IXR_RXTRIG);
	reg_write(p, CDNS_IER, CDNS_IXR_RXTRIG);
}

static void cdns_drain(const struct uart_port *p)
{
	for (uint32_t i = 0;
	     i < 1000000u &&
	     (reg_read(p, CDNS_SR) & (CDNS_SR_TXEMPTY | CDNS_SR_TACTIVE)) != CDNS_SR_TXEMPTY;
	     i++)
		;
}

const struct uart_ops cdns_uart_ops = {
    .init = cdns_init,
    .putc = cdns_putc,
    .getc = cdns_getc,
    .enable_rx_irq = cdns_enable_rx_irq,
    .drain = cdns_drain,
};

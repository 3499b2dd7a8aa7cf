// SPDX-License-Identifier: MIT
/*
 * The Cadence UART console driver (src/drivers/cdns_uart.c, the ZC702's
 * console) against a register file in host memory: what init, putc, getc,
 * enable_rx_irq and drain write, and that every wait is bounded (a wedged
 * UART, status bits stuck, must not hang the monitor). The register
 * offsets and bits are the Zynq-7000 TRM's (UG585, "UART Controller").
 */
#include <stdio.h>
#include <string.h>

#include "uart.h"

enum { CR = 0x00, IER = 0x08, IDR = 0x0c, ISR = 0x14, RXWM = 0x20, SR = 0x2c, FIFO = 0x30 };

static uint32_t regs[0x48 / 4];
static int failed;

static void check(const char *name, int ok)
{
	printf("%s unit/cdns_uart/%s\n", ok ? "PASS" : "FAIL", name);
	failed |= !ok;
}

static uint32_t *r(uint32_t off)
{
	return &regs[off / 4];
}

int main(void)
{
	struct uart_port p = { .base = (uintptr_t)regs };

	/* init: firmware left TX and RX disabled (the reset value 0x128: TX_DIS,
	 * RX_DIS, STPBRK); both get enabled, nothing else changes, no reset */
	*r(CR) = 0x128u;
	cdns_uart_ops.init(&p);
	check("init_enables", *r(CR) == 0x114u);
	check("init_irqs_off", *r(IDR) == 0x3fffu);

	/* putc: room in the FIFO, the byte goes to the FIFO register */
	*r(SR) = 0;
	cdns_uart_ops.putc(&p, 'Z');
	check("putc", *r(FIFO) == 'Z');
	/* TXFULL stuck: the bounded wait gives up and still returns */
	*r(SR) = 1u << 4;
	cdns_uart_ops.putc(&p, 'Q');
	check("putc_bounded", *r(FIFO) == 'Q');

	/* getc: RXEMPTY set, nothing; then a byte, and the trigger cleared */
	*r(SR) = 1u << 1;
	*r(ISR) = 0;
	check("getc_empty", cdns_uart_ops.getc(&p) == -1 && *r(ISR) == 0);
	*r(SR) = 0;
	*r(FIFO) = 0x141u; /* only the low 8 bits are data */
	check("getc_byte", cdns_uart_ops.getc(&p) == 0x41 && *r(ISR) == 1u);

	/* enable_rx_irq: trigger level 1, stale trigger cleared, RXTRIG on */
	*r(ISR) = 0;
	cdns_uart_ops.enable_rx_irq(&p);
	check("rx_irq", *r(RXWM) == 1u && *r(ISR) == 1u && *r(IER) == 1u);

	/* drain: TXEMPTY with the transmitter idle returns; TACTIVE stuck is
	 * bounded too */
	*r(SR) = 1u << 3;
	cdns_uart_ops.drain(&p);
	*r(SR) = (1u << 3) | (1u << 11);
	cdns_uart_ops.drain(&p);
	check("drain_bounded", 1);
	return failed;
}

// SPDX-License-Identifier: MIT
/* The board console UART: board_config's address, stride and type, and the
 * driver that type names (pl011.c, ns16550.c or cdns_uart.c: the build links the one the
 * generator chose, features.mk). */
#include "feature.h"
#include "uart.h"
#include "vmconfig.h"

static struct uart_port port;
static const struct uart_ops *ops; /* NULL until uart_console_init */

COLD void uart_console_init(void)
{
	port.base = board_config.uart_pa;
	port.reg_shift = board_config.uart_reg_shift;
	port.reg_io_width = board_config.uart_reg_io_width;
	/* The one driver this system links (FEATURE_UART_*, from the same
	 * board DT node as uart_type). */
	ops = FEATURE_UART_NS16550 ? &ns16550_uart_ops
	      : FEATURE_UART_CDNS  ? &cdns_uart_ops
				   : &pl011_uart_ops;
	ops->init(&port);
}

void uart_console_putc(char c)
{
	if (ops)
		ops->putc(&port, c);
}

void uart_console_write(const char *s, size_t n)
{
	if (!ops)
		return;
	if (ops->write) {
		ops->write(&port, s, n);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n')
			ops->putc(&port, '\r');
		ops->putc(&port, s[i]);
	}
}

int32_t uart_console_getc(void)
{
	return ops ? ops->getc(&port) : -1;
}

void uart_console_drain(void)
{
	if (ops)
		ops->drain(&port);
}

void uart_console_enable_rx_irq(void)
{
	if (ops)
		ops->enable_rx_irq(&port);
}

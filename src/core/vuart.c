// SPDX-License-Identifier: MIT
/*
 * A VM's console: the PL011 registers a driver touches, emulated. Output is
 * gathered into lines so each reaches the shared console whole, prefixed with
 * the VM's name. Transmit is always ready; there is no input yet.
 */
#include "console.h"
#include "lib.h"
#include "pl011.h"
#include "vm.h"

/* PL011 r1p5 peripheral and PrimeCell IDs (0xfe0..0xffc): Linux's AMBA bus
 * matches the driver by them. */
static const uint8_t pl011_ids[8] = {0x11, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1};

void vuart_flush(struct vm *vm)
{
	char prefix[VM_NAME_MAX + 4];
	struct vuart *u = &vm->vuart;

	if (!u->len)
		return;
	snprintf(prefix, sizeof(prefix), "[%s] ", vm->cfg->name);
	console_line(prefix, u->line, u->len);
	u->len = 0;
}

static void vuart_putc(struct vm *vm, char c)
{
	struct vuart *u = &vm->vuart;

	if (c == '\r')
		return;
	if (c == '\n') {
		vuart_flush(vm);
		return;
	}
	u->line[u->len++] = c;
	if (u->len == VUART_LINE_MAX)
		vuart_flush(vm);
}

bool vuart_read(struct vm *vm, uint32_t off, uint32_t size, uint32_t *val)
{
	uint32_t reg = off & ~3u;
	uint32_t v;

	if (size > 4)
		return false;
	if (reg == UART_FR)
		v = UART_FR_TXFE | UART_FR_RXFE;
	else if (reg == UART_DR || reg == UART_RIS || reg == UART_MIS)
		v = 0;
	else if (reg >= UART_PERIPHID0)
		v = pl011_ids[(reg - UART_PERIPHID0) / 4];
	else if (reg < sizeof(vm->vuart.regs))
		v = vm->vuart.regs[reg / 4];
	else
		v = 0;
	*val = v >> ((off & 3u) * 8);
	return true;
}

bool vuart_write(struct vm *vm, uint32_t off, uint32_t size, uint32_t val)
{
	uint32_t reg = off & ~3u;

	if (size > 4)
		return false;
	if (reg == UART_DR) {
		spin_lock(&vm->lock);
		vuart_putc(vm, (char)(val & 0xffu));
		spin_unlock(&vm->lock);
	} else if (reg < sizeof(vm->vuart.regs) && reg != UART_FR && reg != UART_ICR) {
		vm->vuart.regs[reg / 4] = val;
	}
	return true; /* writes to read-only or reserved registers are ignored */
}

/* SPDX-License-Identifier: MIT */
/* Emulated PL011 for a VM's console: output is collected per line and written
 * to the hypervisor console with a "[vmname] " prefix. */
#ifndef SHIKIRI_VUART_H
#define SHIKIRI_VUART_H

#include "types.h"

#define VUART_LINE_MAX 128u

struct vm;

struct vuart {
	char line[VUART_LINE_MAX];
	uint32_t len;
	uint32_t regs[0x50 / 4]; /* written control registers, read back */
};

bool vuart_read(struct vm *vm, uint32_t off, uint32_t size, uint32_t *val);
bool vuart_write(struct vm *vm, uint32_t off, uint32_t size, uint32_t val);
void vuart_flush(struct vm *vm);

#endif

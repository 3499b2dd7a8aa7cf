// SPDX-License-Identifier: MIT
/* Per-VM table of emulated devices, built from the VM's configuration. */
#include "chan.h"
#include "mmio.h"
#include "vm.h"
#include "vgicd.h"
#include "vuart.h"

static const struct mmio_device vuart_device = {
	.name = "vUART",
	.cause = TRAP_VUART,
	.read = vuart_read,
	.write = vuart_write,
};

static const struct mmio_device vgicd_device = {
	.name = "GICD",
	.cause = TRAP_GICD,
	.read = vgicd_read,
	.write = vgicd_write,
	.vcpu_read = vgicd_vcpu_read,
	.vcpu_write = vgicd_vcpu_write,
};

static const struct mmio_device vgicc_dir_device = {
	.name = "GICC_DIR",
	.cause = TRAP_GICD,
	.read = vgicc_dir_read,
	.write = vgicc_dir_write,
	.vcpu_write = vgicc_dir_vcpu_write,
};

void mmio_add(struct vm *vm, uint32_t base, uint32_t size, const struct mmio_device *dev)
{
	struct mmio_table *t = &vm->mmio;

	if (t->nr < VM_MMIO_MAX && size) {
		t->r[t->nr++] = (struct mmio_region){base,	     size,	     dev->read, dev->write,
						     dev->vcpu_read, dev->vcpu_write, dev->cause, dev};
		t->r[t->nr].size = 0; /* the end */
	}
}

/* The page of a window at pa for the trap path's direct test, if the
 * window is a page of its own (the 16550 of some boards is not: found
 * through the table). */
static uint32_t mmio_page(uint32_t pa)
{
	return (pa & 0xfffu) ? MMIO_NO_PAGE : pa >> 12;
}

void mmio_setup(struct vm *vm)
{
	vm->mmio.nr = 0;
	vm->mmio.r[0].size = 0;
	/* The vGICD and the vUART first: mmio_find tries them in order. */
	vgicd_setup(vm);
	mmio_add(vm, board_config.gicd_pa, 0x1000, &vgicd_device);
	vm->mmio.gicd_page = mmio_page(board_config.gicd_pa);
	vm->mmio.vuart_page = MMIO_NO_PAGE;
	if (vm->cfg->console == VM_CONSOLE_VUART) {
		vuart_setup(vm);
		mmio_add(vm, board_config.uart_pa, 0x1000, &vuart_device);
		vm->mmio.vuart_page = mmio_page(board_config.uart_pa);
	}
	/* The trap path tests the windows on a page of their own first (the
	 * vGICD's, then the vUART's); the table search starts after them. */
	vm->mmio.others = 0;
	if (vm->mmio.gicd_page != MMIO_NO_PAGE)
		vm->mmio.others = vm->mmio.vuart_page != MMIO_NO_PAGE ? 2u : 1u;
	if (vm->cfg->level == VM_LEVEL_HRT)
		mmio_add(vm, board_config.gicc_pa + 0x1000, 0x1000, &vgicc_dir_device);
	chan_mmio_setup(vm);
}

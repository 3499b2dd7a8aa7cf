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
};

static const struct mmio_device vgicc_dir_device = {
	.name = "GICC_DIR",
	.cause = TRAP_GICD,
	.read = vgicc_dir_read,
	.write = vgicc_dir_write,
};

void mmio_add(struct vm *vm, uint32_t base, uint32_t size, const struct mmio_device *dev)
{
	if (vm->nr_mmio < VM_MMIO_MAX)
		vm->mmio[vm->nr_mmio++] = (struct mmio_region){base, size, dev};
}

void mmio_setup(struct vm *vm)
{
	vm->nr_mmio = 0;
	mmio_add(vm, board_config.gicd_pa, 0x1000, &vgicd_device);
	if (vm->cfg->console == VM_CONSOLE_VUART)
		mmio_add(vm, board_config.uart_pa, 0x1000, &vuart_device);
	if (vm->cfg->level == VM_LEVEL_HRT)
		mmio_add(vm, board_config.gicc_pa + 0x1000, 0x1000, &vgicc_dir_device);
	chan_mmio_setup(vm);
}

const struct mmio_region *mmio_find(const struct vm *vm, uint32_t ipa)
{
	for (uint32_t i = 0; i < vm->nr_mmio; i++)
		if (ipa - vm->mmio[i].base < vm->mmio[i].size)
			return &vm->mmio[i];
	return NULL;
}

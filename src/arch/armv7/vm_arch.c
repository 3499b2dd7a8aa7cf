// SPDX-License-Identifier: MIT
/*
 * A VM's arch hooks (vm.h): its emulated interrupt controller's MMIO
 * windows, registered in the VM's table like every other device's, and
 * its lines in the stop report and the status command.
 */
#include "console.h"
#include "mmio.h"
#include "vm.h"
#include "arch/mmio.h"
#include "arch/vgicd.h"

static const struct mmio_device vgicd_device = {
    .name = "GICD",
    .cause = TRAP_GICD,
    .vcpu_read = vgicd_vcpu_read,
    .vcpu_write = vgicd_vcpu_write,
};

static const struct mmio_device vgicc_dir_device = {
    .name = "GICC_DIR",
    .cause = TRAP_GICD,
    .read = vgicc_dir_read,
    .vcpu_write = vgicc_dir_vcpu_write,
};

COLD void vm_arch_mmio_setup(struct vm *vm)
{
	/* The distributor first: every guest's hot window (mmio.h). */
	vgicd_setup(vm);
	mmio_add(vm, board_config.gicd_pa, 0x1000, &vgicd_device);
	if (vm_level_hrt(vm->cfg))
		mmio_add(vm, board_config.gicc_pa + 0x1000, 0x1000, &vgicc_dir_device);
}

COLD uint32_t vm_arch_refused(const struct vm *vm)
{
	return vm->arch.vgicd.refused;
}

COLD void vm_arch_report(const struct vm *vm)
{
	if (vm->arch.vgicd.refused)
		pr_warn("vm %s: %u refused GICD accesses", vm->cfg->name, vm->arch.vgicd.refused);
}

COLD void vm_arch_status(const struct vm *vm)
{
	if (vm->arch.vgicd.refused)
		pr_info("vm %s: first refused: GICD %s access for IRQ %u (not its own)",
			vm->cfg->name, vm->arch.vgicd.first_refused_reg,
			vm->arch.vgicd.first_refused_irq);
}

// SPDX-License-Identifier: MIT
/* Per-VM table of emulated devices, built from the VM's configuration: each
 * device registers its windows (mmio_add). */
#include "chan.h"
#include "control.h"
#include "mmio.h"
#include "mmio_trap.h"
#include "vm.h"
#include "vuart.h"

static const struct mmio_device vuart_device = {
	.name = "vUART",
	.cause = TRAP_VUART,
	.vcpu_read = vuart_vcpu_read,
	.vcpu_write = vuart_vcpu_write,
};

COLD void mmio_add(struct vm *vm, uint32_t base, uint32_t size, const struct mmio_device *dev)
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

COLD void mmio_setup(struct vm *vm)
{
	struct mmio_table *t = &vm->mmio;
	const struct mmio_region *r0 = &t->r[0];

	t->nr = 0;
	t->r[0].size = 0;
	/* The interrupt controller's windows first (the distributor: r[0]),
	 * then the vUART: mmio_find tries them in order. */
	vm_arch_mmio_setup(vm);
	t->first_page = MMIO_NO_PAGE;
	if (t->nr && r0->size == 0x1000u && r0->cause == MMIO_ARCH_FIRST_CAUSE)
		t->first_page = mmio_page(r0->base);
	t->vuart_page = MMIO_NO_PAGE;
	if (FEATURE_VUART && vm->cfg->console == VM_CONSOLE_VUART) {
		uint32_t at = t->nr;

		vuart_setup(vm);
		mmio_add(vm, board_config.uart_pa, 0x1000, &vuart_device);
		t->vuart_page = mmio_page(board_config.uart_pa);
		/* Right after r[0], where the table search skips it when it
		 * is tested by page (arch may have registered more). */
		if (t->nr > at && at > 1u) {
			struct mmio_region u = t->r[at];

			for (uint32_t i = at; i > 1u; i--)
				t->r[i] = t->r[i - 1u];
			t->r[1] = u;
		}
	}
	/* The trap path tests the windows on a page of their own first (r[0],
	 * then the vUART at r[1]); the table search starts after them. */
	t->others = 0;
	if (t->first_page != MMIO_NO_PAGE)
		t->others = t->vuart_page != MMIO_NO_PAGE && t->r[1].dev == &vuart_device ? 2u : 1u;
	t->ctl_page = MMIO_NO_PAGE; /* control_mmio_setup's, if a controller */
	chan_mmio_setup(vm);
	control_mmio_setup(vm);
}

/* A controller's control page (control.c); none without control rights. */
__attribute__((weak)) void control_mmio_setup(struct vm *vm)
{
	UNUSED(vm);
}

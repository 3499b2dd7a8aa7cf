/* SPDX-License-Identifier: MIT */
/* Emulated MMIO: guest-physical windows that are not mapped at stage 2 and
 * whose accesses the hypervisor performs on the guest's behalf. */
#ifndef SHIKIRI_MMIO_H
#define SHIKIRI_MMIO_H

#include "pcpu.h"
#include "types.h"
#include "vmconfig.h"

struct vm;
struct vcpu;

typedef bool (*mmio_read_fn)(struct vm *vm, uint32_t off, uint32_t size, uint32_t *val);
typedef bool (*mmio_write_fn)(struct vm *vm, uint32_t off, uint32_t size, uint32_t val);
typedef bool (*mmio_vcpu_read_fn)(struct vcpu *v, uint32_t off, uint32_t size, uint32_t *val);
typedef bool (*mmio_vcpu_write_fn)(struct vcpu *v, uint32_t off, uint32_t size, uint32_t val);

/* Handlers return false for an access the device cannot take (size,
 * alignment): the VM is stopped. */
struct mmio_device {
	const char *name;
	enum trap_cause cause; /* counted as this on entry */
	/* An access of a vCPU of vm. */
	mmio_read_fn read;
	mmio_write_fn write;
	/* Used by the trap path instead when set (then read and write may be
	 * NULL): the same access with its vCPU v (one of the VM's) given, for
	 * devices that need the vCPU and would otherwise look it up and check
	 * it. */
	mmio_vcpu_read_fn vcpu_read;
	mmio_vcpu_write_fn vcpu_write;
};

/* One device window of a VM. The device's handlers are copied in (by
 * mmio_add) so the trap path loads them without a second indirection. */
struct mmio_region {
	uint32_t base;
	uint32_t size;
	mmio_read_fn read;
	mmio_write_fn write;
	mmio_vcpu_read_fn vcpu_read;
	mmio_vcpu_write_fn vcpu_write;
	enum trap_cause cause;
	const struct mmio_device *dev;
};

/* vGICD, vUART, GICC_DIR (hrt), one doorbell page per channel, the control page */
#define VM_MMIO_MAX (4u + VM_MAX_CHANNELS)

/* An IPA page number that no window has (page numbers are IPA >> 12). */
#define MMIO_NO_PAGE UINT32_MAX

/*
 * A VM's emulated devices, the registry every device adds its windows to
 * (mmio_add), the most used first: mmio_setup has arch register its
 * interrupt controller's (vm_arch_mmio_setup: the distributor first), then
 * the vUART's (every guest's hot registers), then the rest. An entry of
 * size 0 ends the list. The trap path (mmio_trap.h) tries two windows by
 * page number first, when each is a page of its own (else MMIO_NO_PAGE):
 * the first registered (first_page, r[0]: arch's, whose handlers it calls
 * directly through arch hooks, arch/mmio.h) and the vUART's (vuart_page:
 * its hot registers in line). They are at the head of the table, and its
 * search starts after them (others). A controller's control page
 * (ctl_page) is tested third, for its word reads only; it stays in the
 * table for the rest.
 */
struct mmio_table {
	uint32_t first_page, vuart_page;
	uint32_t ctl_page; /* the control page's (control.c): word reads in line */
	uint32_t others; /* r[others] on: the entries not tested by page */
	struct mmio_region r[VM_MMIO_MAX + 1];
	uint32_t nr;
};

/* The emulated device at ipa, or NULL, from entry first on (the trap path
 * starts after the windows it has tested by page). */
static inline const struct mmio_region *mmio_find_from(const struct mmio_table *t, uint32_t first,
						       uint32_t ipa)
{
	const struct mmio_region *r = &t->r[first];

	for (uint32_t i = first; i <= VM_MMIO_MAX; i++, r++) {
		if (ipa - r->base < r->size)
			return r;
		if (!r->size)
			break;
	}
	return NULL;
}

static inline const struct mmio_region *mmio_find(const struct mmio_table *t, uint32_t ipa)
{
	return mmio_find_from(t, 0, ipa);
}
/* Fill the VM's emulated-device table from its configuration. */
void mmio_setup(struct vm *vm);
/* Add one device window to the VM's table (mmio_setup and its helpers). */
void mmio_add(struct vm *vm, uint32_t base, uint32_t size, const struct mmio_device *dev);

#endif

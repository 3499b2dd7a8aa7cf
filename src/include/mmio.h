/* SPDX-License-Identifier: MIT */
/* Emulated MMIO: guest-physical windows that are not mapped at stage 2 and
 * whose accesses the hypervisor performs on the guest's behalf. */
#ifndef SHIKIRI_MMIO_H
#define SHIKIRI_MMIO_H

#include "pcpu.h"
#include "types.h"
#include "vmconfig.h"

struct vm;

struct mmio_device {
	const char *name;
	enum trap_cause cause; /* counted as this on entry */
	bool (*read)(struct vm *vm, uint32_t off, uint32_t size, uint32_t *val);
	bool (*write)(struct vm *vm, uint32_t off, uint32_t size, uint32_t val);
};

struct mmio_region {
	uint32_t base;
	uint32_t size;
	const struct mmio_device *dev;
};

/* vGICD, vUART, GICC_DIR (hrt), one doorbell page per channel */
#define VM_MMIO_MAX (3u + VM_MAX_CHANNELS)

/* The emulated device at ipa for this VM, or NULL. */
const struct mmio_region *mmio_find(const struct vm *vm, uint32_t ipa);
/* Fill the VM's emulated-device table from its configuration. */
void mmio_setup(struct vm *vm);
/* Add one device window to the VM's table (mmio_setup and its helpers). */
void mmio_add(struct vm *vm, uint32_t base, uint32_t size, const struct mmio_device *dev);

#endif

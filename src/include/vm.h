/* SPDX-License-Identifier: MIT */
/* A virtual machine (partition): static configuration plus run-time state. */
#ifndef SHIKIRI_VM_H
#define SHIKIRI_VM_H

#include "mmio.h"
#include "spinlock.h"
#include "types.h"
#include "vcpu.h"
#include "vgicd.h"
#include "vmconfig.h"
#include "vuart.h"

enum vm_state {
	VM_STOPPED = 0,
	VM_RUNNING,
	VM_RESETTING, /* its vCPUs are being stopped for a restart */
};

struct vm {
	const struct vm_config *cfg;
	uint32_t id;
	volatile uint32_t state;
	spinlock_t lock; /* vCPU power state, vUART */
	struct vcpu vcpus[CONFIG_MAX_VCPUS_PER_VM];
	struct mmio_region mmio[VM_MMIO_MAX];
	uint32_t nr_mmio;
	struct vuart vuart;
	struct vgicd vgicd;
};

extern struct vm vms[CONFIG_MAX_VMS];

/* Bind every configured VM to its vCPUs and cores (boot core, once). */
void vm_init_all(void);
/* Load the VM's image from its pristine copy and power on vCPU 0. */
void vm_start(struct vm *vm);
/* Stop the VM: one console line with the reason; powers the machine off when
 * it was the last VM running. Its cores park at their next hypervisor entry. */
void vm_stop(struct vm *vm, const char *reason);
/* PSCI SYSTEM_RESET: restart the caller's VM alone from its pristine image. */
NORETURN void vm_reset(struct vcpu *caller);
/* Stop the calling core's VM for a guest error and park this core. */
NORETURN void vm_fault(struct vcpu *v, const char *fmt, ...) PRINTF_FMT(2, 3);
/* Translate a guest RAM range to a hypervisor pointer, or NULL if any byte of
 * it lies outside the VM's RAM. */
void *vm_ram_ptr(const struct vm *vm, uint32_t ipa, uint32_t len);

static inline bool vm_running(const struct vm *vm)
{
	return vm->state == VM_RUNNING;
}

#endif

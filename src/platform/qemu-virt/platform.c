// SPDX-License-Identifier: MIT
/* QEMU virt: power control through the built-in PSCI firmware (smc). */
#include "platform_ops.h"
#include "psci.h"
#include "arch/cpu.h"

extern char secondary_entry[];

void platform_power_off(void)
{
	psci_fw_call(PSCI_SYSTEM_OFF, 0, 0, 0);
	cpu_halt();
}

uint32_t platform_secondary_entry(void)
{
	return (uint32_t)(uintptr_t)secondary_entry;
}

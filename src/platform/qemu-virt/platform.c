// SPDX-License-Identifier: MIT
/* QEMU virt: QEMU's built-in PSCI (smc) powers cores and the machine. */
#include "platform_ops.h"
#include "psci.h"
#include "arch/cpu.h"

extern char secondary_entry[];

void platform_power_off(void)
{
	psci_fw_system_off(); /* QEMU exits with status 0 */
	cpu_halt();
}

uint32_t platform_secondary_entry(void)
{
	return (uint32_t)(uintptr_t)secondary_entry;
}

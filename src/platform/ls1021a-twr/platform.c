// SPDX-License-Identifier: MIT
/*
 * NXP LS1021A-TWR. PSCI comes from U-Boot's secure monitor for the
 * LS102xA (CPU_ON, CPU_OFF, SYSTEM_OFF/RESET). Everything else about the
 * board is in dts/boards/ls1021a-twr.dts. Not run here: no QEMU model.
 */
#include "platform_ops.h"
#include "psci.h"
#include "arch/cpu.h"

extern char secondary_entry[];

void platform_power_off(void)
{
	psci_fw_system_off(); /* says so if the monitor refuses */
	cpu_halt();
}

uint32_t platform_secondary_entry(void)
{
	return (uint32_t)(uintptr_t)secondary_entry;
}

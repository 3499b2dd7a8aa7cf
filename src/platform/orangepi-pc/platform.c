// SPDX-License-Identifier: MIT
/*
 * Orange Pi PC (Allwinner H3). PSCI is the firmware's: QEMU's built-in PSCI
 * when QEMU starts a raw image, U-Boot's secure monitor (CPU_ON, CPU_OFF;
 * no PSCI_VERSION) when U-Boot boots the FIT. Everything else about the
 * board is in dts/boards/orangepi-pc.dts.
 */
#include "platform_ops.h"
#include "psci.h"
#include "arch/cpu.h"

extern char secondary_entry[];

void platform_power_off(void)
{
	psci_fw_system_off(); /* says so if the monitor has no SYSTEM_OFF */
	cpu_halt();
}

uint32_t platform_secondary_entry(void)
{
	return (uint32_t)(uintptr_t)secondary_entry;
}

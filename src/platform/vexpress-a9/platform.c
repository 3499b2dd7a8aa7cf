// SPDX-License-Identifier: MIT
/*
 * Versatile Express A9: no firmware below the monitor. The machine powers
 * off through the motherboard's configuration controller (QEMU exits with
 * status 0); secondary cores wait in the monitor's boot pen.
 */
#include "platform_ops.h"
#include "platform.h"
#include "arch/cpu.h"

extern char _start[];

void platform_power_off(void)
{
	volatile uint32_t *cfgctrl =
	    (volatile uint32_t *)(uintptr_t)(PLATFORM_SYSREG + PLATFORM_SYS_CFGCTRL);

	dsb_sy();
	*cfgctrl = PLATFORM_CFG_START | PLATFORM_CFG_WRITE | PLATFORM_CFG_SHUTDOWN;
	cpu_halt();
}

uint32_t platform_secondary_entry(void)
{
	return (uint32_t)(uintptr_t)_start; /* unused: the pen releases the cores */
}

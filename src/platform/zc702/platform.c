// SPDX-License-Identifier: MIT
/*
 * Xilinx ZC702 (Zynq-7000): the monitor is the firmware. The board has no
 * power switch the PS controls, so a machine power-off halts the cores
 * (the console says so first: psci.c). CPU 1 waits in the boot ROM until
 * the monitor sends it to its pen (tz_soc.c, from the generated table).
 */
#include "platform_ops.h"
#include "platform.h"
#include "arch/cpu.h"

extern char _start[];

void platform_power_off(void)
{
	cpu_halt();
}

uint32_t platform_secondary_entry(void)
{
	return (uint32_t)(uintptr_t)_start; /* unused: the pen releases the cores */
}

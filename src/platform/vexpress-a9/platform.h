/* SPDX-License-Identifier: MIT */
/* Versatile Express A9 (QEMU vexpress-a9) facts that are not in the board DT. */
#ifndef PLATFORM_H
#define PLATFORM_H

/* The Cortex-A9 global timer's rate (cpu_arch_counter): QEMU's a9gtimer
 * counts 10 ns per tick at prescaler 0. */
#define PLATFORM_GTIMER_HZ 100000000u

/* The motherboard's system registers (arm,vexpress-sysreg): SYS_CFGCTRL
 * starts a configuration function, SHUTDOWN (8) and REBOOT (9) on site 0. */
#define PLATFORM_SYSREG	      0x10000000u
#define PLATFORM_SYS_CFGCTRL  0xa4u
#define PLATFORM_CFG_START    (1u << 31)
#define PLATFORM_CFG_WRITE    (1u << 30)
#define PLATFORM_CFG_SHUTDOWN (8u << 20)

#endif

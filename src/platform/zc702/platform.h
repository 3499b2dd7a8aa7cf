/* SPDX-License-Identifier: MIT */
/* Xilinx ZC702 (Zynq-7000) facts that are not in the board DT. */
#ifndef PLATFORM_H
#define PLATFORM_H

/* The Cortex-A9 global timer's rate (cpu_arch_counter): CPU_3x2x, half the
 * CPU clock, 333.33 MHz with the ZC702's standard PS configuration (666.67
 * MHz). Another hardware design's clock: change it here and in the board
 * DT's cpu_3x2x. */
#define PLATFORM_GTIMER_HZ 333333333u

#endif

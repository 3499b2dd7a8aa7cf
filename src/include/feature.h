/* SPDX-License-Identifier: MIT */
/*
 * What this system's hypervisor links (docs/architecture.md, "What a system
 * links"). The generator decides from the partitions and writes
 * $(O)/gen/features.h (FEATURE_* = 0 or 1), which the Makefile passes to
 * every file with -include, and $(O)/gen/features.mk, from which it picks
 * the source files. A header whose module is optional includes this one and,
 * when the module is left out, declares its entry points as static inline
 * stubs that compile to nothing, so that callers need no #if.
 *
 * Without the generated header (the host unit tests) everything is in.
 */
#ifndef SHIKIRI_FEATURE_H
#define SHIKIRI_FEATURE_H

#ifndef FEATURE_SHARED_CORES
#define FEATURE_SHARED_CORES 1 /* sched.c, sched_<name>.c, run_loop.c, vcpu_ctx.c */
#endif
#ifndef FEATURE_CHAN
#define FEATURE_CHAN 1 /* chan.c */
#endif
#ifndef FEATURE_UART_NS16550
#define FEATURE_UART_NS16550 0 /* the console driver: ns16550.c, ... */
#endif
#ifndef FEATURE_UART_CDNS
#define FEATURE_UART_CDNS 0 /* ... cdns_uart.c (Xilinx xuartps), else pl011.c */
#endif
#ifndef FEATURE_TZ_SOC
#define FEATURE_TZ_SOC 0 /* TrustZone mode: the SoC's security registers (tz_soc.c) */
#endif
#ifndef FEATURE_VUART
#define FEATURE_VUART 1 /* vuart.c */
#endif
#ifndef FEATURE_CONSOLE_INPUT
#define FEATURE_CONSOLE_INPUT 1 /* console_input.c */
#endif
#ifndef FEATURE_INJECT
#define FEATURE_INJECT 1 /* virtual interrupts, any srt/be VM: the list registers (arch) */
#endif
#ifndef FEATURE_CONTROL
#define FEATURE_CONTROL 1 /* control.c */
#endif
#ifndef FEATURE_RESET
#define FEATURE_RESET 1 /* vm_reset.c */
#endif
/* Restart policies (vm.c): a VM with on-fault / on-system-off = "restart",
 * a VM with a restart-limit. */
#ifndef FEATURE_RESTART_ON_FAULT
#define FEATURE_RESTART_ON_FAULT 1
#endif
#ifndef FEATURE_RESTART_ON_OFF
#define FEATURE_RESTART_ON_OFF 1
#endif
#ifndef FEATURE_RESTART_LIMIT
#define FEATURE_RESTART_LIMIT 1
#endif
#ifndef FEATURE_ALL_COLD
#define FEATURE_ALL_COLD 0 /* nothing hot: every file Thumb-2 -Os (Makefile) */
#endif
/* Every VM has one vCPU, in a system with nothing hot (vm_nr_vcpus). */
#ifndef FEATURE_ONE_VCPU
#define FEATURE_ONE_VCPU 0
#endif
/* One core, in a system with nothing hot: what is there for other cores
 * (locks, kicks, a core's first power-on) folds away (spinlock.h, vcpu.c).
 * Not in a measured system, some of which have one core: they run the
 * instructions they always did. */
#if defined(CONFIG_NR_CPUS) && CONFIG_NR_CPUS == 1 && FEATURE_ALL_COLD
#define FEATURE_ONE_CORE 1
#else
#define FEATURE_ONE_CORE 0
#endif
#ifndef FEATURE_LOAD
#define FEATURE_LOAD 1 /* image load: load.c, sha256.c (docs/control.md) */
#endif

#endif

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
#define FEATURE_UART_NS16550 0 /* the console driver: ns16550.c, else pl011.c */
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

#endif

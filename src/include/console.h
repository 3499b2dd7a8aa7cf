/* SPDX-License-Identifier: MIT */
/*
 * The hypervisor console: the board UART (chosen/stdout-path). Hypervisor
 * lines start with "shikiri: "; each VM's virtual UART lines start with
 * "[vmname] ". Whole lines are written under one lock so that output of
 * different cores never interleaves within a line.
 */
#ifndef SHIKIRI_CONSOLE_H
#define SHIKIRI_CONSOLE_H

#include "types.h"

#define LOG_ERR 0
#define LOG_WARN 1
#define LOG_INFO 2
#define LOG_DEBUG 3

void console_init(void);
/* Give the console's input to one VM (after the VMs are set up). */
void console_input_init(void);
/* Console receive interrupt: pass what arrived to the input VM. */
void console_rx(void);
/* Write one line: prefix, text (len bytes, no newline needed), newline. */
void console_line(const char *prefix, const char *text, size_t len);
/* Write the start of a line that has not ended yet (a prompt). */
void console_partial(const char *prefix, const char *text, size_t len);
void log_printf(int level, const char *fmt, ...) PRINTF_FMT(2, 3);

#define pr_err(...) log_printf(LOG_ERR, __VA_ARGS__)
#define pr_warn(...) log_printf(LOG_WARN, __VA_ARGS__)
#define pr_info(...) log_printf(LOG_INFO, __VA_ARGS__)
#define pr_debug(...) log_printf(LOG_DEBUG, __VA_ARGS__)

NORETURN void panic(const char *fmt, ...) PRINTF_FMT(1, 2);

#if defined(CONFIG_ASSERTS)
#define ASSERT(c)                                                                   \
	do {                                                                        \
		if (!(c))                                                           \
			panic("assertion failed: %s at %s:%d", #c, __FILE__, __LINE__); \
	} while (0)
#else
#define ASSERT(c) ((void)0)
#endif

#endif

/* SPDX-License-Identifier: MIT */
/*
 * The hypervisor console: the board UART (chosen/stdout-path). Hypervisor
 * lines start with "shikiri: "; each VM's virtual UART lines start with
 * "[vmname] ". Whole lines are written under one fair lock so that output of
 * different cores never interleaves within a line. Input goes to one VM at a
 * time (or to the hypervisor's own commands); Ctrl-] moves it on.
 * docs/console.md describes both sides.
 */
#ifndef SHIKIRI_CONSOLE_H
#define SHIKIRI_CONSOLE_H

#include "feature.h"
#include "types.h"

#define LOG_ERR 0
#define LOG_WARN 1
#define LOG_INFO 2
#define LOG_DEBUG 3

/* Longest line prefix, NUL included: "[" + VM name + "] ". */
#define CONSOLE_PREFIX_MAX 24u

/* The key that moves console input to the next owner: Ctrl-] (as telnet's
 * escape; no shell binding needs it, QEMU's own escape is Ctrl-A). */
#define CONSOLE_SWITCH_KEY 0x1du

void console_init(void);
#if FEATURE_CONSOLE_INPUT
/* Choose the console input's first owner and say so (after the VMs are set
 * up), then, once every VM has started, take input. */
void console_input_init(void);
void console_input_start(void);
/* Console receive interrupt (irq_reserve): pass what arrived to the
 * input's owner. */
struct pcpu;
void console_rx_irq(struct pcpu *c, uint32_t id);
#else
/* No srt/be VM with a vUART (console_input.c not linked): typed input has
 * no VM to go to, and the console takes none, as console_input_init decides
 * at run time when it is linked. */
static inline void console_input_init(void)
{
}
static inline void console_input_start(void)
{
}
#endif

#define CONSOLE_END BIT(0)  /* the line ends after text */
#define CONSOLE_CONT BIT(1) /* text continues a line of this writer's begun earlier */
/* Write text (len bytes, no newline) for the writer whose lines start with
 * prefix (prefix_len bytes, made once by the writer): after its own line if
 * that is still open on the console, else on a new line that starts with
 * the prefix. */
void console_put(const char *prefix, size_t prefix_len, const char *text, size_t len,
		 uint32_t flags);
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

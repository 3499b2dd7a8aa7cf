// SPDX-License-Identifier: MIT
/*
 * Hypervisor console output: whole lines to the board UART under one fair
 * lock (docs/console.md). Input is console_input.c.
 */
#include "console.h"
#include "lib.h"
#include "spinlock.h"
#include "uart.h"
#include "vmconfig.h"
#include "arch/cpu.h"

/* A ticket lock: a VM that floods its vUART queues behind the other cores
 * like everybody else, so any line waits for at most one line per other
 * core (each at most CONSOLE_PREFIX_MAX + VUART_LINE_MAX characters). */
static ticketlock_t console_lock;

void console_init(void)
{
#if defined(CONFIG_HYP_CONSOLE)
	uart_console_init();
#endif
}

static void console_write(const char *s, size_t n)
{
#if defined(CONFIG_HYP_CONSOLE)
	uart_console_write(s, n);
#else
	UNUSED(s);
	UNUSED(n);
#endif
}

/* A line written without its end (a prompt, or the first part of a line
 * longer than a vUART's buffer) and whose prefix it had: its continuation
 * needs no prefix, anybody else's line a newline first. */
static bool line_open;
static char open_prefix[CONSOLE_PREFIX_MAX];
static size_t open_prefix_len;

static bool same_prefix(const char *prefix, size_t n)
{
	return line_open && n == open_prefix_len && !memcmp(prefix, open_prefix, n);
}

/* Start the caller's text: straight after its own open line, or on a new
 * line with its prefix; "[name]+ " instead of "[name] " when the text
 * continues a line of which another writer's line cut it off. */
static void console_start(const char *prefix, size_t n, bool cont)
{
	if (same_prefix(prefix, n))
		return;
	if (line_open)
		console_write("\n", 1);
	if (cont && n && prefix[n - 1] == ' ') {
		console_write(prefix, n - 1);
		console_write("+ ", 2);
	} else {
		console_write(prefix, n);
	}
}

void console_put(const char *prefix, size_t prefix_len, const char *text, size_t len,
		 uint32_t flags)
{
	size_t n = prefix_len < sizeof(open_prefix) ? prefix_len : sizeof(open_prefix) - 1u;

	ticket_lock(&console_lock);
	/* The end of a line that somebody else's line already ended. */
	if (!len && (flags & CONSOLE_CONT) && !same_prefix(prefix, n)) {
		ticket_unlock(&console_lock);
		return;
	}
	console_start(prefix, n, (flags & CONSOLE_CONT) != 0);
	console_write(text, len);
	if (flags & CONSOLE_END) {
		console_write("\n", 1);
		line_open = false;
	} else {
		if (!same_prefix(prefix, n)) {
			memcpy(open_prefix, prefix, n);
			open_prefix_len = n;
		}
		line_open = true;
	}
	ticket_unlock(&console_lock);
}

static const char log_prefix[] = "shikiri: ";

static void vlog(const char *fmt, va_list ap)
{
	char line[160];
	int n = vsnprintf(line, sizeof(line), fmt, ap);
	size_t len = n < 0 ? 0 : (size_t)n;

	if (len >= sizeof(line))
		len = sizeof(line) - 1;
	console_put(log_prefix, sizeof(log_prefix) - 1u, line, len, CONSOLE_END);
}

COLD void log_printf(int level, const char *fmt, ...)
{
	va_list ap;

	if (level > CONFIG_LOG_LEVEL)
		return;
	va_start(ap, fmt);
	vlog(fmt, ap);
	va_end(ap);
}

COLD void panic(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog(fmt, ap);
	va_end(ap);
	cpu_halt();
}

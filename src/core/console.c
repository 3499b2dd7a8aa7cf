// SPDX-License-Identifier: MIT
/* Hypervisor console: whole lines to the board UART under one lock. */
#include "console.h"
#include "lib.h"
#include "pl011.h"
#include "spinlock.h"
#include "vmconfig.h"
#include "arch/cpu.h"

static spinlock_t console_lock;

void console_init(void)
{
#if defined(CONFIG_HYP_CONSOLE)
	pl011_init(board_config.uart_pa);
#endif
}

static void console_write(const char *s, size_t n)
{
#if defined(CONFIG_HYP_CONSOLE)
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n')
			pl011_putc(board_config.uart_pa, '\r');
		pl011_putc(board_config.uart_pa, s[i]);
	}
#else
	UNUSED(s);
	UNUSED(n);
#endif
}

void console_line(const char *prefix, const char *text, size_t len)
{
	spin_lock(&console_lock);
	console_write(prefix, strnlen(prefix, 64));
	console_write(text, len);
	console_write("\n", 1);
	spin_unlock(&console_lock);
}

static void vlog(const char *fmt, va_list ap)
{
	char line[160];
	int n = vsnprintf(line, sizeof(line), fmt, ap);
	size_t len = n < 0 ? 0 : (size_t)n;

	if (len >= sizeof(line))
		len = sizeof(line) - 1;
	console_line("shikiri: ", line, len);
}

void log_printf(int level, const char *fmt, ...)
{
	va_list ap;

	if (level > CONFIG_LOG_LEVEL)
		return;
	va_start(ap, fmt);
	vlog(fmt, ap);
	va_end(ap);
}

void panic(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog(fmt, ap);
	va_end(ap);
	cpu_halt();
}

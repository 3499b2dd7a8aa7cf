// SPDX-License-Identifier: MIT
/*
 * The boot core was not entered in Hyp mode: nothing can run, but a board
 * user must learn why. Runs with the MMU off, before anything is set up,
 * so it writes to the board console directly (no lock, no log buffer).
 */
#include "lib.h"
#include "uart.h"
#include "arch/cpu.h"

void boot_not_hyp(uint32_t cpsr);

static void raw_line(const char *s)
{
	size_t n = strnlen(s, 200);

	for (size_t i = 0; i < n; i++)
		uart_console_putc(s[i]);
	uart_console_putc('\r');
	uart_console_putc('\n');
}

void boot_not_hyp(uint32_t cpsr)
{
#if defined(CONFIG_HYP_CONSOLE)
	char line[96];

	uart_console_init();
	snprintf(line, sizeof(line), "shikiri: entered in mode 0x%02x (CPSR 0x%08x), not Hyp (0x1a):",
		 cpsr & 0x1fu, cpsr);
	raw_line(line);
	raw_line("shikiri: the boot loader must start it in Hyp mode; stopping here");
#else
	UNUSED(cpsr);
#endif
	cpu_halt();
}

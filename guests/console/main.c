/*
 * console: load and edge cases for the hypervisor console, one program built
 * three ways (guests.mk; the knobs are -D overridable):
 *
 *   flood     (MODE 0) FLOOD_LINES lines of FLOOD_LEN letters, as fast as
 *             it can: the neighbour that tries to keep the console busy
 *   ticker    (MODE 1) TICK_LINES numbered lines, one every TICK_TICKS
 *             ticks: the VM that must still get every line out
 *   longline  (MODE 2) lines longer and shorter than the vUART's line
 *             buffer, one of them cut by a hypervisor line in the middle
 *
 * Line contents are checkable: the letters run a, b, ... z, a, ... from the
 * line's first character, so a lost, doubled or foreign character shows.
 */
#include "guest.h"
#include "gic.h"
#include "timer.h"

#ifndef MODE
#define MODE		0
#endif
#ifndef FLOOD_LINES
#define FLOOD_LINES	2000u
#endif
#ifndef FLOOD_LEN
#define FLOOD_LEN	100u
#endif
#ifndef TICK_LINES
#define TICK_LINES	20u
#endif
#ifndef TICK_TICKS
#define TICK_TICKS	625000u		/* 10 ms at 62.5 MHz */
#endif
#define FOREIGN_SPI	40u		/* an SPI no VM of the test owns */

/* Letters from 'a' + first, n of them. */
static void letters(uint32_t first, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		uart_putc((char)('a' + (first + i) % 26u));
}

static void flood(void)
{
	for (uint32_t i = 1; i <= FLOOD_LINES; i++) {
		printf("flood %05lu ", i);
		letters(0, FLOOD_LEN);
		uart_putc('\n');
	}
	printf("flood: done\n");
}

static void ticker(void)
{
	uint64_t next = timer_virt_count();

	for (uint32_t i = 1; i <= TICK_LINES; i++) {
		next += TICK_TICKS;
		while (timer_virt_count() < next)
			;
		printf("tick %lu\n", i);
	}
	printf("tick: done\n");
}

static void longlines(void)
{
	static const uint32_t lens[] = {200, 255, 256, 257, 600};

	for (uint32_t i = 0; i < sizeof(lens) / sizeof(lens[0]); i++) {
		letters(0, lens[i]);
		uart_putc('\n');
	}
	/* 256 letters fill the vUART's buffer, which goes out as the start
	 * of a line; a refused GICD access makes the hypervisor print a line
	 * of its own (a debug line: the test's LOG_LEVEL is 3); then the rest
	 * of ours, which must say it continues a line. */
	letters(0, 256);
	gicd_enable_irq(FOREIGN_SPI);
	letters(256, 44);
	uart_putc('\n');
	printf("longline: done\n");
}

int main(void)
{
	if (MODE == 0)
		flood();
	else if (MODE == 1)
		ticker();
	else
		longlines();
	printf("bye from %s\n", guest_name());
	psci_system_off();
}

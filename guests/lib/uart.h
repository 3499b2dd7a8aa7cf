/* Console output through the (emulated) PL011 at the board console address. */
#ifndef GUEST_UART_H
#define GUEST_UART_H

#include <stdarg.h>
#include "board.h"

#define UART_BASE	guest_uart_base

void uart_putc(char c);
void uart_puts(const char *s);	/* no newline appended */

/*
 * Minimal printf: %s %c %d %i %u %x %X %p %%, with '-', '0' and a width;
 * 'l'/'h'/'z' are accepted and ignored (everything is 32-bit here).
 * Output is not serialised between vCPUs: keep to one printer at a time.
 */
int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int vprintf(const char *fmt, va_list ap);

#endif

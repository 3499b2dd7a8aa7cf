// SPDX-License-Identifier: MIT
/*
 * A small vsnprintf: %s %c %d %i %u %x %X %p %%, with width, '0' padding and
 * '-' left alignment; 'l' is accepted and ignored (long is 32 bits here).
 */
#include "lib.h"

/* One character at len of buf (lim: the last place before the NUL's), and
 * counted whether it fits or not. A macro, so that buf, lim and len stay in
 * registers: a VM's fault and restart print their lines on the measured
 * path of docs/performance.md ("Restart and control"). */
#define PUT(ch)                                                                                    \
	do {                                                                                       \
		if (len < lim)                                                                     \
			buf[len] = (ch);                                                           \
		len++;                                                                             \
	} while (0)

/* v in base 10 or 16, its digits ending at end: their count (at most 10). */
static NOINLINE size_t utoa(uint32_t v, uint32_t base, bool upper, char *end)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char *p = end;

	do {
		*--p = digits[v % base];
		v /= base;
	} while (v);
	return (size_t)(end - p);
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	size_t len = 0, lim = size ? size - 1u : 0;
	char c;

	while ((c = *fmt++) != '\0') {
		char tmp[16];
		char *end = tmp + sizeof(tmp); /* a number's digits end here */
		const char *s;
		size_t n;
		bool left = false;
		char pad = ' ';
		uint32_t width = 0, fill;

		if (c != '%') {
			PUT(c);
			continue;
		}
		if (*fmt == '-') {
			left = true;
			fmt++;
		}
		if (*fmt == '0') {
			pad = '0';
			fmt++;
		}
		while (*fmt >= '0' && *fmt <= '9' && width < 64)
			width = width * 10 + (uint32_t)(*fmt++ - '0');
		while (*fmt == 'l')
			fmt++;
		c = *fmt++;
		switch (c) {
		case 's':
			s = va_arg(ap, const char *);
			if (!s)
				s = "(null)";
			/* No width: copied as it is read (the usual %s). */
			if (!width) {
				for (n = 0; n < 256u && s[n]; n++)
					PUT(s[n]);
				continue;
			}
			n = strnlen(s, 256);
			pad = ' ';
			break;
		case 'c':
			tmp[0] = (char)va_arg(ap, int);
			n = 1;
			pad = ' ';
			s = tmp;
			break;
		case 'd':
		case 'i': {
			int32_t v = va_arg(ap, int32_t);

			n = utoa(v < 0 ? 0u - (uint32_t)v : (uint32_t)v, 10, false, end);
			if (v < 0)
				end[-(int)++n] = '-';
			s = end - n;
			break;
		}
		case 'u':
		case 'x':
		case 'X':
			n = utoa(va_arg(ap, uint32_t), c == 'u' ? 10u : 16u, c == 'X', end);
			s = end - n;
			break;
		case 'p':
			n = utoa((uint32_t)(uintptr_t)va_arg(ap, void *), 16, false, end) + 2u;
			s = end - n;
			tmp[sizeof(tmp) - n] = '0';
			// cppcheck-suppress unreadVariable ; read through s (end - n)
			tmp[sizeof(tmp) - n + 1u] = 'x';
			pad = ' ';
			break;
		case '\0':
			fmt--; /* a '%' at the end: nothing */
			continue;
		default: /* "%%" is '%'; an unknown conversion is kept */
			tmp[0] = '%';
			tmp[1] = c;
			n = c == '%' ? 1u : 2u;
			s = tmp;
			width = 0;
			break;
		}
		fill = width > n ? width - (uint32_t)n : 0;
		if (!left)
			for (; fill; fill--)
				PUT(pad);
		for (size_t i = 0; i < n; i++)
			PUT(s[i]);
		for (; fill; fill--)
			PUT(' ');
	}
	if (size)
		buf[len < lim ? len : lim] = '\0';
	return (int)len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

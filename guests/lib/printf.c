/* Small formatted output, enough for test messages; see uart.h. */
#include <stdint.h>
#include <stdbool.h>
#include "uart.h"

struct spec {
	unsigned width;
	bool left;	/* '-' */
	bool zero;	/* '0' */
};

static int pad(unsigned n, char c)
{
	for (unsigned i = 0; i < n; i++)
		uart_putc(c);
	return (int)n;
}

/* Emit prefix (sign or "0x") and digits, padded to the width. */
static int put_field(const struct spec *sp, const char *prefix,
		     const char *digits, unsigned ndigits)
{
	unsigned plen = 0, len, fill;
	int n = 0;

	while (prefix[plen])
		plen++;
	len = plen + ndigits;
	fill = sp->width > len ? sp->width - len : 0;

	if (!sp->left && !sp->zero)
		n += pad(fill, ' ');
	for (unsigned i = 0; i < plen; i++, n++)
		uart_putc(prefix[i]);
	if (!sp->left && sp->zero)
		n += pad(fill, '0');	/* zeros go between "0x"/sign and digits */
	for (unsigned i = 0; i < ndigits; i++, n++)
		uart_putc(digits[i]);
	if (sp->left)
		n += pad(fill, ' ');
	return n;
}

static int put_num(const struct spec *sp, uint32_t v, unsigned base,
		   bool upper, const char *prefix)
{
	const char *xd = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char buf[12];
	unsigned i = sizeof(buf);

	do {
		buf[--i] = xd[v % base];
		v /= base;
	} while (v);
	return put_field(sp, prefix, &buf[i], sizeof(buf) - i);
}

int vprintf(const char *fmt, va_list ap)
{
	int n = 0;

	for (; *fmt; fmt++) {
		struct spec sp = { 0, false, false };

		if (*fmt != '%') {
			uart_putc(*fmt);
			n++;
			continue;
		}
		for (fmt++; *fmt == '-' || *fmt == '0'; fmt++) {
			if (*fmt == '-')
				sp.left = true;
			else
				sp.zero = true;
		}
		while (*fmt >= '0' && *fmt <= '9')
			sp.width = sp.width * 10 + (unsigned)(*fmt++ - '0');
		while (*fmt == 'l' || *fmt == 'h' || *fmt == 'z')
			fmt++;

		switch (*fmt) {
		case 'd':
		case 'i': {
			int32_t v = va_arg(ap, int32_t);
			/* Negate as unsigned so INT32_MIN works too. */
			uint32_t mag = v < 0 ? 0u - (uint32_t)v : (uint32_t)v;

			n += put_num(&sp, mag, 10, false, v < 0 ? "-" : "");
			break;
		}
		case 'u':
			n += put_num(&sp, va_arg(ap, uint32_t), 10, false, "");
			break;
		case 'x':
		case 'X':
			n += put_num(&sp, va_arg(ap, uint32_t), 16, *fmt == 'X', "");
			break;
		case 'p': {
			struct spec ps = { 8, false, true };	/* always 0x%08x */

			n += put_num(&ps, (uint32_t)(uintptr_t)va_arg(ap, void *),
				     16, false, "0x");
			break;
		}
		case 'c': {
			char c = (char)va_arg(ap, int);

			n += put_field(&(struct spec){ sp.width, sp.left, false },
				       "", &c, 1);
			break;
		}
		case 's': {
			const char *s = va_arg(ap, const char *);
			unsigned len = 0;

			if (!s)
				s = "(null)";
			while (s[len])
				len++;
			n += put_field(&(struct spec){ sp.width, sp.left, false },
				       "", s, len);
			break;
		}
		case '%':
			uart_putc('%');
			n++;
			break;
		case '\0':
			return n;	/* lone '%' at the end */
		default:	/* unknown: show it rather than guess */
			uart_putc('%');
			uart_putc(*fmt);
			n += 2;
			break;
		}
	}
	return n;
}

int printf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintf(fmt, ap);
	va_end(ap);
	return n;
}

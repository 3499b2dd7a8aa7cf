// SPDX-License-Identifier: MIT
/*
 * A small vsnprintf: %s %c %d %i %u %x %X %p %%, with width, '0' padding and
 * '-' left alignment; 'l' is accepted and ignored (long is 32 bits here).
 */
#include "lib.h"

struct out {
	char *buf;
	size_t size;
	size_t len;
};

static void put(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void put_padded(struct out *o, const char *s, size_t n, uint32_t width, bool left,
		       char pad)
{
	uint32_t fill = width > n ? width - (uint32_t)n : 0;

	if (!left)
		while (fill--)
			put(o, pad);
	while (n--)
		put(o, *s++);
	if (left)
		while (fill--)
			put(o, ' ');
}

static size_t utoa(uint32_t v, uint32_t base, bool upper, char *tmp)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char rev[12];
	size_t n = 0;

	do {
		rev[n++] = digits[v % base];
		v /= base;
	} while (v && n < sizeof(rev));
	for (size_t i = 0; i < n; i++)
		tmp[i] = rev[n - 1 - i];
	return n;
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct out o = {buf, size, 0};

	for (; *fmt; fmt++) {
		char tmp[16];
		bool left = false;
		char pad = ' ';
		uint32_t width = 0;

		if (*fmt != '%') {
			put(&o, *fmt);
			continue;
		}
		fmt++;
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
		switch (*fmt) {
		case 's': {
			const char *s = va_arg(ap, const char *);
			if (!s)
				s = "(null)";
			put_padded(&o, s, strnlen(s, 256), width, left, ' ');
			break;
		}
		case 'c':
			tmp[0] = (char)va_arg(ap, int);
			put_padded(&o, tmp, 1, width, left, ' ');
			break;
		case 'd':
		case 'i': {
			int32_t v = va_arg(ap, int32_t);
			uint32_t u = v < 0 ? 0u - (uint32_t)v : (uint32_t)v;
			size_t n = 0;
			if (v < 0)
				tmp[n++] = '-';
			n += utoa(u, 10, false, tmp + n);
			put_padded(&o, tmp, n, width, left, pad);
			break;
		}
		case 'u':
			put_padded(&o, tmp, utoa(va_arg(ap, uint32_t), 10, false, tmp), width, left, pad);
			break;
		case 'x':
		case 'X':
			put_padded(&o, tmp, utoa(va_arg(ap, uint32_t), 16, *fmt == 'X', tmp), width, left,
				   pad);
			break;
		case 'p':
			tmp[0] = '0';
			tmp[1] = 'x';
			put_padded(&o, tmp, 2 + utoa((uint32_t)(uintptr_t)va_arg(ap, void *), 16, false,
						     tmp + 2),
				   width, left, ' ');
			break;
		case '%':
			put(&o, '%');
			break;
		case '\0':
			fmt--;
			break;
		default:
			put(&o, '%');
			put(&o, *fmt);
			break;
		}
	}
	if (o.size)
		o.buf[o.len < o.size ? o.len : o.size - 1] = '\0';
	return (int)o.len;
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

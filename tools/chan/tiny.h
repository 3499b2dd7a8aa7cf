/* SPDX-License-Identifier: MIT */
/*
 * The few libc pieces shikiri's static Linux tools use (shikiri-chan,
 * shikiri-ctl: no libc, raw system calls in sys.h): memcpy/memset (gcc may
 * call them for struct copies), string compare and length, and say(), a
 * printf-lite for %s, %u (uint32_t), %U (uint64_t), %x; one line at most
 * 360 characters. Included by exactly one file of each tool.
 */
#ifndef SHIKIRI_TOOL_TINY_H
#define SHIKIRI_TOOL_TINY_H

#include <stdint.h>

#include "sys.h"

void *memcpy(void *d, const void *s, uint32_t n);
void *memset(void *d, int c, uint32_t n);

void *memcpy(void *d, const void *s, uint32_t n)
{
	uint8_t *dd = d;
	const uint8_t *ss = s;

	while (n--)
		*dd++ = *ss++;
	return d;
}

void *memset(void *d, int c, uint32_t n)
{
	uint8_t *dd = d;

	while (n--)
		*dd++ = (uint8_t)c;
	return d;
}

static uint32_t slen(const char *s)
{
	uint32_t n = 0;

	while (s[n])
		n++;
	return n;
}

static int seq_(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return *a == *b;
}

static void out(int fd, const char *s)
{
	sys_write(fd, s, slen(s));
}

static char *put_u(char *p, uint64_t v)
{
	char t[24];
	int n = 0;

	do {
		t[n++] = (char)('0' + v % 10u);
		v /= 10u;
	} while (v && n < 24);
	while (n)
		*p++ = t[--n];
	return p;
}

static char *put_x(char *p, uint32_t v)
{
	*p++ = '0';
	*p++ = 'x';
	for (int i = 28; i >= 0; i -= 4)
		*p++ = "0123456789abcdef"[(v >> i) & 15u];
	return p;
}

static char *put_s(char *p, const char *s)
{
	while (*s)
		*p++ = *s++;
	return p;
}

/* printf-lite: %s, %u (uint32_t), %U (uint64_t), %x; one line at most 256. */
static void say(const char *fmt, ...)
{
	char buf[512], *p = buf;
	__builtin_va_list ap;

	__builtin_va_start(ap, fmt);
	for (; *fmt && p < buf + 360; fmt++) {
		if (*fmt != '%') {
			*p++ = *fmt;
			continue;
		}
		fmt++;
		if (*fmt == 's') {
			const char *s = __builtin_va_arg(ap, const char *);
			uint32_t n = 0;

			while (n < 128u && s[n])
				*p++ = s[n++];
		} else if (*fmt == 'u') {
			p = put_u(p, __builtin_va_arg(ap, uint32_t));
		} else if (*fmt == 'U') {
			p = put_u(p, __builtin_va_arg(ap, uint64_t));
		} else if (*fmt == 'x') {
			p = put_x(p, __builtin_va_arg(ap, uint32_t));
		} else {
			break;
		}
	}
	__builtin_va_end(ap);
	sys_write(1, buf, (uint32_t)(p - buf));
}

#endif

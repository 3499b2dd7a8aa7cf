/* SPDX-License-Identifier: MIT */
/*
 * The few libc pieces shikiri's static Linux tools use (shikiri-chan,
 * shikiri-ctl: no libc, raw system calls in sys.h): memcpy/memset (gcc may
 * call them for struct copies), string compare and length, and say(), a
 * printf-lite for %s, %u (uint32_t), %U (uint64_t), %x; one line at most
 * 360 characters; a decimal parser, a whole small file read, a big-endian
 * word (device tree cells), a path from three parts. Included by exactly one file of each tool.
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

static int parse_u(const char *s, uint32_t *v)
{
	uint64_t n = 0;

	if (!*s)
		return 0;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return 0;
		n = n * 10u + (uint32_t)(*s - '0');
		if (n > 0xffffffffu)
			return 0;
	}
	*v = (uint32_t)n;
	return 1;
}

/* Whole small file into buf (NUL added); length or -1. */
static long slurp(const char *path, char *buf, uint32_t cap)
{
	long fd = sys_open(path, O_RDONLY), n = 0, r;

	if (fd < 0)
		return -1;
	while ((uint32_t)n < cap - 1u && (r = sys_read((int)fd, buf + n, cap - 1u - (uint32_t)n)) > 0)
		n += r;
	sys_close((int)fd);
	buf[n] = '\0';
	return n;
}

static uint32_t be32(const char *p)
{
	const uint8_t *b = (const uint8_t *)p;

	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

static void path2(char *dst, const char *a, const char *b, const char *c)
{
	char *p = put_s(dst, a);

	p = put_s(p, b);
	p = put_s(p, c);
	*p = '\0';
}

#endif

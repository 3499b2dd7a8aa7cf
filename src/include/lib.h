/* SPDX-License-Identifier: MIT */
/* The few libc-like routines the hypervisor needs (src/lib). */
#ifndef SHIKIRI_LIB_H
#define SHIKIRI_LIB_H

#include <stdarg.h>
#include "types.h"

void *memcpy(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
size_t strnlen(const char *s, size_t max);
int memcmp(const void *a, const void *b, size_t n);
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...) PRINTF_FMT(3, 4);

#endif

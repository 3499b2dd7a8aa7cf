// SPDX-License-Identifier: MIT
/* memcpy/memset (gcc may emit calls to them) and strnlen. */
#include "lib.h"

void *memcpy(void *dst, const void *src, size_t n)
{
	uint8_t *d = dst;
	const uint8_t *s = src;

	/* Guest images (megabytes, at every VM start and reset) are copied
	 * here: 32 bytes per LDM/STM pair when both sides are word aligned. */
	if (IS_ALIGNED((uintptr_t)d | (uintptr_t)s, 4u)) {
		for (; n >= 32; n -= 32)
			__asm__ volatile("ldmia %1!, {r3-r10}\n\tstmia %0!, {r3-r10}"
					 : "+r"(d), "+r"(s)
					 :
					 : "r3", "r4", "r5", "r6", "r7", "r8", "r9", "r10", "memory");
		for (; n >= 4; n -= 4, d += 4, s += 4)
			*(uint32_t *)(void *)d = *(const uint32_t *)(const void *)s;
	}
	while (n--)
		*d++ = *s++;
	return dst;
}

void *memset(void *dst, int c, size_t n)
{
	uint8_t *d = dst;

	/* vCPU starts clear their trap frame and vGIC state here (PSCI CPU_ON
	 * is timed by make bench): 32 bytes per STM, then words, when d is word
	 * aligned. */
	if (IS_ALIGNED((uintptr_t)d, 4u) && n >= 4) {
		uint32_t w = (uint8_t)c * 0x01010101u;
		uint32_t blocks = n / 32u;

		if (blocks)
			__asm__ volatile("mov r3, %2\n\tmov r4, %2\n\tmov r5, %2\n\tmov r6, %2\n\t"
					 "mov r7, %2\n\tmov r8, %2\n\tmov r9, %2\n\tmov r10, %2\n"
					 "1:\tstmia %0!, {r3-r10}\n\t"
					 "subs %1, %1, #1\n\t"
					 "bne 1b"
					 : "+r"(d), "+r"(blocks)
					 : "r"(w)
					 : "r3", "r4", "r5", "r6", "r7", "r8", "r9", "r10", "cc", "memory");
		n %= 32u;
		for (; n >= 4; n -= 4, d += 4)
			*(uint32_t *)(void *)d = w;
	}
	while (n--)
		*d++ = (uint8_t)c;
	return dst;
}

size_t strnlen(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const uint8_t *x = a, *y = b;

	for (size_t i = 0; i < n; i++)
		if (x[i] != y[i])
			return x[i] < y[i] ? -1 : 1;
	return 0;
}

// SPDX-License-Identifier: MIT
/*
 * ticks: prints "linux: ticks N", N = the virtual counter (CNTVCT) when it
 * runs. /init runs it first thing for make bench: under icount, with
 * CNTVOFF = 0, N counts from QEMU's reset (the hypervisor's start, or the
 * bare kernel's), so it is the Linux boot time in ticks (docs/performance.md).
 * A freestanding static ARM Linux program (no libc): raw EABI syscalls.
 * Linux gives user space the virtual counter (CNTKCTL.PL0VCTEN, for its vDSO).
 */
#include <stdint.h>

static long sys3(long nr, long a, long b, long c)
{
	register long r0 __asm__("r0") = a;
	register long r1 __asm__("r1") = b;
	register long r2 __asm__("r2") = c;
	register long r7 __asm__("r7") = nr;

	__asm__ volatile("svc #0" : "+r"(r0) : "r"(r1), "r"(r2), "r"(r7) : "memory");
	return r0;
}

void _start(void) __attribute__((noreturn));
void _start(void)
{
	static const char head[] = "linux: ticks ";
	char buf[48];
	uint32_t lo, hi;
	uint64_t v;
	unsigned n = 0, i;

	__asm__ volatile("isb\n\tmrrc p15, 1, %0, %1, c14" : "=r"(lo), "=r"(hi));
	v = (uint64_t)hi << 32 | lo;
	for (i = 0; i < sizeof(head) - 1; i++)
		buf[n++] = head[i];
	{
		char rev[24];
		unsigned k = 0;

		do {
			rev[k++] = (char)('0' + v % 10);
			v /= 10;
		} while (v && k < sizeof(rev));
		while (k)
			buf[n++] = rev[--k];
	}
	buf[n++] = '\n';
	sys3(4, 1, (long)buf, (long)n); /* write(1, buf, n) */
	for (;;)
		sys3(1, 0, 0, 0); /* exit(0) */
}

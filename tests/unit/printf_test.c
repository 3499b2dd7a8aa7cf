/*
 * The hypervisor's vsnprintf (src/lib/printf.c, built here as shk_*) against
 * the C library's for what both define, and against fixed strings for what
 * is its own (%p, an unknown conversion, NULL for %s, the 256-byte cap of a
 * %s): output, truncation and the returned length.
 */
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

int shk_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int shk_snprintf(char *buf, size_t size, const char *fmt, ...);

static int failures;

static void expect(const char *what, const char *got, int got_n, const char *want, int want_n)
{
	if (strcmp(got, want) != 0 || got_n != want_n) {
		printf("FAIL unit/printf/%s: \"%s\" (%d), want \"%s\" (%d)\n", what, got, got_n,
		       want, want_n);
		failures++;
	}
}

/* Format with both, into buffers of every size from 0 to 40 (truncation),
 * and compare. The canary past size must stay. */
#define SAME(fmt, ...)                                                                             \
	do {                                                                                       \
		char a[64], b[64];                                                                 \
		for (size_t sz = 0; sz <= 40; sz++) {                                              \
			memset(a, '#', sizeof(a));                                                 \
			memset(b, '#', sizeof(b));                                                 \
			int na = shk_snprintf(a, sz, fmt, __VA_ARGS__);                            \
			int nb = snprintf(b, sz, fmt, __VA_ARGS__);                                \
			if (na != nb || memcmp(a, b, sizeof(a)) != 0) {                            \
				a[63] = b[63] = 0;                                                 \
				printf("FAIL unit/printf/same: \"%s\" size %zu: \"%s\" (%d), "     \
				       "libc \"%s\" (%d)\n",                                       \
				       fmt, sz, a, na, b, nb);                                     \
				failures++;                                                        \
				break;                                                             \
			}                                                                          \
		}                                                                                  \
	} while (0)

int main(void)
{
	char buf[600], big[400];
	int n;

	SAME("%s", "");
	SAME("plain text, no conversion%s", "");
	SAME("vm %s faulted: %s; restarting", "rt", "core 0: stage-2 data abort");
	SAME("[%8s|%-8s|%3s|%-3s]", "ab", "cd", "longer", "longer");
	SAME("%c%c%5c%-5c|", 'x', 'y', 'z', 'w');
	SAME("%d %i %d %d %d", 0, -1, INT_MAX, INT_MIN, 42);
	SAME("%5d|%-5d|%05d|%-05d", -42, -42, 42, 42);
	SAME("%u %u %10u %010u", 0u, UINT_MAX, 7u, 7u);
	SAME("%x %X %08x %08X %-8x|", 0xdeadbeefu, 0xdeadbeefu, 0x3f000000u, 0xabcu, 0x1u);
	SAME("%lu %lx %ld", 1ul, 0xfful, -5l);
	SAME("100%% %s%%", "done");
	SAME("IPA 0x%08x, pc 0x%08x", 0x3f000000u, 0x40001508u);

	/* Its own: %p with "0x", NULL as "(null)", an unknown conversion
	 * kept, a '%' at the end dropped, width ignored by %%. */
	n = shk_snprintf(buf, sizeof(buf), "%p|%12p|%-12p|", (void *)0x1234, (void *)0xab,
			 (void *)0);
	expect("p", buf, n, "0x1234|        0xab|0x0         |", 33);
	n = shk_snprintf(buf, sizeof(buf), "[%s]", (const char *)NULL);
	expect("null", buf, n, "[(null)]", 8);
	n = shk_snprintf(buf, sizeof(buf), "a%qb%5%c%", 7);
	expect("unknown", buf, n, "a%qb%c", 6);
	n = shk_snprintf(buf, sizeof(buf), "%05s|%05c|%05p", "ab", 'c', (void *)1);
	expect("zero-s", buf, n, "   ab|    c|  0x1", 17);
	/* A %s stops at 256 bytes. */
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = 0;
	n = shk_snprintf(buf, sizeof(buf), "%s|", big);
	if (n != 257 || strspn(buf, "x") != 256 || strcmp(buf + 256, "|") != 0) {
		printf("FAIL unit/printf/cap: %d\n", n);
		failures++;
	}
	/* Width digits are read while the width is under 64: the rest is
	 * the conversion (here an unknown one, kept). A negative number's
	 * '0' padding goes before its sign (libc's after). */
	n = shk_snprintf(buf, sizeof(buf), "%999d|%05d", -42);
	expect("width", buf, n, "%9d|00-42", 9);
	/* size 0 writes nothing, and NULL may be passed with it. */
	n = shk_snprintf(NULL, 0, "%s-%u", "abc", 12u);
	if (n != 6) {
		printf("FAIL unit/printf/size0: %d\n", n);
		failures++;
	}
	if (!failures)
		printf("PASS unit/printf\n");
	return failures != 0;
}

/* SPDX-License-Identifier: MIT */
/* Basic types and helpers shared by all of the hypervisor (freestanding C11). */
#ifndef SHIKIRI_TYPES_H
#define SHIKIRI_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define BIT(n) (1u << (n))
#define ALIGN_UP(x, a) (((x) + ((a) - 1u)) & ~((a) - 1u))
#define IS_ALIGNED(x, a) (((x) & ((a) - 1u)) == 0u)
#define UNUSED(x) ((void)(x))
#define NORETURN __attribute__((noreturn))
/* Run once at boot or to print a report: optimised for size, out of the hot
 * paths' way (never on a function a trap or interrupt path calls), and on
 * ARM compiled as Thumb-2, about a third smaller (calls interwork: BLX, BX;
 * exception entries stay ARM, docs/architecture.md "What a system links"). */
#if defined(__arm__)
#define COLD __attribute__((cold, target("thumb")))
#else
#define COLD __attribute__((cold))
#endif
/* ARM code in a file compiled as Thumb-2 (Makefile, HYP_COLD_SRCS): a
 * function of a measured path, e.g. a core's first start in PSCI CPU_ON.
 * Not in a system with nothing hot (FEATURE_ALL_COLD, features.h): there
 * no path is measured, and all of it is Thumb-2. */
#if defined(__arm__) && !(defined(FEATURE_ALL_COLD) && FEATURE_ALL_COLD)
#define ARM_CODE __attribute__((target("arm")))
#else
#define ARM_CODE
#endif
#define NOINLINE __attribute__((noinline))
/* No format(printf) checking: newlib's uint32_t is `long unsigned`, so every
 * %u/%x of a uint32_t would warn although both are 32 bits on this target. */
#define PRINTF_FMT(f, a)

/* An address range [base, base + size) contains [a, a + len) without overflow. */
static inline bool range_contains(uint32_t base, uint32_t size, uint32_t a, uint32_t len)
{
	return a >= base && len <= size && a - base <= size - len;
}

#endif

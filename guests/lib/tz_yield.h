/* SPDX-License-Identifier: MIT */
/*
 * The idle hook of a Secure partition in shikiri's TrustZone mode, shared
 * layout (docs/trustzone.md): instead of wfi, give the core to the Normal
 * world with the monitor's yield SMC; it returns when a Group 0 interrupt
 * (ours) is pending. Elsewhere (not an A9-class core, a dedicated core, the
 * Normal world: NOT_SUPPORTED once) it does nothing and the caller waits in
 * wfi as before.
 */
#ifndef GUEST_TZ_YIELD_H
#define GUEST_TZ_YIELD_H

/* SMCCC fast call, Trusted-OS range (src/arch/armv7-tz/include/arch/tz_world.h). */
#define TZ_YIELD 0xb2000000u

/* 1: the core ran the Normal world and is back for a pending interrupt
 * (skip the wfi); 0: wait in wfi. Call with interrupts masked. */
int tz_yield(void);

/* Yields that gave the core away (returned 1). */
extern unsigned long tz_yields;

#endif

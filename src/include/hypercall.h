/* SPDX-License-Identifier: MIT */
/*
 * shikiri hypercalls: SMCCC fast calls, SMC32, owner "vendor specific
 * hypervisor service" (0x86000000..0x8600ffff), issued with `hvc #0`.
 * r0 = function ID, r1..r3 = arguments; results in r0..r3. Every argument is
 * validated; unknown IDs return SMCCC_NOT_SUPPORTED.
 */
#ifndef SHIKIRI_HYPERCALL_H
#define SHIKIRI_HYPERCALL_H

#include "types.h"

#define SMCCC_NOT_SUPPORTED 0xffffffffu
#define SMCCC_INVALID_PARAMETER 0xfffffffeu

#define SHIKIRI_HC_VERSION 0x86000000u    /* -> r0 = 0x00010000 */
#define SHIKIRI_HC_VM_INFO 0x86000001u    /* -> r0 = 0, r1 = VM id, r2 = vCPU, r3 = core */
#define SHIKIRI_HC_VM_NAME 0x86000002u    /* (buf IPA, len) -> r0 = length or -2 */
#define SHIKIRI_HC_MEM_INFO 0x86000003u   /* -> r0 = 0, r1 = RAM IPA, r2 = RAM size (main RAM) */
#define SHIKIRI_HC_TRAP_COUNT 0x86000004u /* (cause) -> r0 = entries on this core */
#define SHIKIRI_HC_CHAN_RING 0x86000005u  /* (doorbell page IPA) -> r0 = 0 or -2 (chan.h) */
#define SHIKIRI_HC_CTL_READ 0x86000006u   /* (VM, slot register) -> r0 = 0 or -2, r1 = value (control.h) */
#define SHIKIRI_HC_CTL_CMD 0x86000007u    /* (VM, command) -> r0 = CTL_OK or CTL_ERR_* (control.h) */

#define SHIKIRI_HC_VERSION_VALUE 0x00010000u
#define HC_NR 8u /* function IDs SHIKIRI_HC_VERSION + 0 .. HC_NR - 1 */

struct vcpu;
struct trap_frame;

typedef void (*hc_handler_t)(struct vcpu *v, struct trap_frame *f);
extern const hc_handler_t hc_handlers[HC_NR];

/* Hypercall SHIKIRI_HC_VERSION + idx, idx < HC_NR (the caller checked): one
 * table load, in line in the trap path (traps.c). */
static inline void hypercall_dispatch(struct vcpu *v, struct trap_frame *f, uint32_t idx)
{
	hc_handlers[idx](v, f);
}

#endif

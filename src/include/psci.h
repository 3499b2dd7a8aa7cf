/* SPDX-License-Identifier: MIT */
/* PSCI (ARM DEN 0022): function IDs and return codes, both directions:
 * the hypervisor calls the firmware's PSCI, and emulates PSCI for guests. */
#ifndef SHIKIRI_PSCI_H
#define SHIKIRI_PSCI_H

#include "types.h"
#include "arch/trap_frame.h"

#define PSCI_VERSION 0x84000000u
#define PSCI_CPU_SUSPEND 0x84000001u
#define PSCI_CPU_OFF 0x84000002u
#define PSCI_CPU_ON 0x84000003u
#define PSCI_AFFINITY_INFO 0x84000004u
#define PSCI_MIGRATE_INFO_TYPE 0x84000006u
#define PSCI_SYSTEM_OFF 0x84000008u
#define PSCI_SYSTEM_RESET 0x84000009u
#define PSCI_FEATURES 0x8400000au

#define PSCI_SUCCESS 0
#define PSCI_NOT_SUPPORTED (-1)
#define PSCI_INVALID_PARAMETERS (-2)
#define PSCI_DENIED (-3)
#define PSCI_ALREADY_ON (-4)
#define PSCI_ON_PENDING (-5)
#define PSCI_INTERNAL_FAILURE (-6)

#define PSCI_AFF_ON 0
#define PSCI_AFF_OFF 1
#define PSCI_AFF_ON_PENDING 2

/* The version the hypervisor presents to guests: 1.0 */
#define PSCI_GUEST_VERSION 0x00010000u

struct vcpu;
struct trap_frame;

/* Firmware calls (arch: smc from Hyp). */
int32_t psci_fw_call(uint32_t fid, uint32_t a1, uint32_t a2, uint32_t a3);
/* Ask the firmware's PSCI version (and features); say what is missing. */
void psci_fw_init(void);
/* A firmware call the hypervisor needed failed: one console line. */
void psci_fw_report(uint32_t fid, int32_t ret);
/* SYSTEM_OFF; returns (after saying so) only if the firmware refused. */
void psci_fw_system_off(void);

/* Guest PSCI functions: arguments in f->r[1..3], each writes its result
 * into f->r[0]. A call that stops the caller does not return. */
#define PSCI_NR 11u /* PSCI_VERSION .. PSCI_FEATURES */
typedef void (*psci_handler_t)(struct vcpu *v, struct trap_frame *f);
extern const psci_handler_t psci_calls[PSCI_NR];

/* Emulate a guest PSCI call; arguments in f->r[1..3], result in f->r[0].
 * In line in the trap path (traps.c): one range test and one table load.
 * Any other function ID (SMC64, past PSCI_FEATURES, not PSCI at all) gets
 * NOT_SUPPORTED, which is also SMCCC's answer to an unknown call. */
static inline void psci_guest_call(struct vcpu *v, struct trap_frame *f)
{
	uint32_t n = f->r[0] - PSCI_VERSION;

	if (n < PSCI_NR)
		psci_calls[n](v, f);
	else
		f->r[0] = (uint32_t)PSCI_NOT_SUPPORTED;
}

#endif

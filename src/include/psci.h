/* SPDX-License-Identifier: MIT */
/* PSCI (ARM DEN 0022): function IDs and return codes, both directions:
 * the hypervisor calls the firmware's PSCI, and emulates PSCI for guests. */
#ifndef SHIKIRI_PSCI_H
#define SHIKIRI_PSCI_H

#include "types.h"

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

/* True if fid is a PSCI function ID (handled by psci_guest_call). */
static inline bool psci_is_fid(uint32_t fid)
{
	return (fid & 0xbfffffe0u) == 0x84000000u; /* SMC32 and SMC64 ranges */
}

/* Emulate a guest PSCI call; arguments in f->r[0..3], result in f->r[0]. */
void psci_guest_call(struct vcpu *v, struct trap_frame *f);

#endif

/* SPDX-License-Identifier: MIT */
/*
 * Inter-VM channels (docs/channels.md): the doorbell page each VM on a
 * channel sees, the doorbell hypercall, and delivery of a ring to the
 * other VMs on the channel (a physical SPI each VM owns).
 * The shared memory itself is plain stage-2 mapping (the generator's).
 */
#ifndef SHIKIRI_CHAN_H
#define SHIKIRI_CHAN_H

#include "feature.h"
#include "types.h"
#include "vmconfig.h"

struct vm;
struct vcpu;
struct trap_frame;

/* Doorbell page registers (4 KiB per VM per channel, emulated). */
#define CHAN_REG_ID 0x000u   /* RO: CHAN_MAGIC */
#define CHAN_REG_INFO 0x004u /* RO: [7:0] index, [15:8] VMs on the channel, [16] read-only side */
#define CHAN_REG_RING 0x008u /* WO: any value rings every other VM on the channel */
#define CHAN_REG_SIZE 0x00cu /* RO: shared memory size in bytes */
#define CHAN_MAGIC 0x5348494bu /* "SHIK" */
#define CHAN_INFO_RO BIT(16)

struct chan_db_slot;

/* Per-VM channel state (struct vm.chan): counters, updated atomically by
 * any core, and what its rings raise (chan.c, set by chan_init). */
struct vm_chan {
	uint32_t rings;     /* rings by this VM (RING writes, doorbell hypercalls) */
	uint32_t coalesced; /* rings of it that found its doorbell still pending */
	uint32_t refused;   /* refused doorbell hypercalls, ignored doorbell-page writes */
	uint32_t nr_slots;  /* channels it is on (<= VM_MAX_CHANNELS) */
	const struct chan_db_slot *slots;
	const struct chan_db_slot *slots_end; /* slots + nr_slots: the hypercall's search */
};

#define CHAN_HC_INVALID 0xfffffffeu /* SMCCC_INVALID_PARAMETER */

#if FEATURE_CHAN
/* Boot: check every doorbell interrupt against the GIC's line count. */
void chan_init(void);
/* Register the VM's doorbell pages in its emulated-MMIO table. */
void chan_mmio_setup(struct vm *vm);
/* One line per VM on a channel with its counters (stop report, status). */
void chan_report(const struct vm *vm);

/*
 * The doorbell hypercall (SHIKIRI_HC_CHAN_RING, hypercall.c): v rings the
 * channel whose doorbell page, in v's VM, is at doorbell_ipa, as a write to
 * its RING register does. Returns 0, or CHAN_HC_INVALID if that is none of
 * the VM's doorbell pages (refused, counted).
 */
uint32_t chan_hc_ring(struct vcpu *v, uint32_t doorbell_ipa);
/* The same as the SHIKIRI_HC_CHAN_RING handler (hc_handlers): r1 in, r0 out. */
void hc_chan_ring(struct vcpu *v, struct trap_frame *f);
#else
#include "arch/trap_frame.h"
/* No channel in this system (chan.c not linked): no doorbell page, and the
 * doorbell hypercall is refused, as for a VM on no channel (but uncounted). */
static inline void chan_init(void)
{
}
static inline void chan_mmio_setup(struct vm *vm)
{
	UNUSED(vm);
}
static inline void chan_report(const struct vm *vm)
{
	UNUSED(vm);
}
static inline uint32_t chan_hc_ring(struct vcpu *v, uint32_t doorbell_ipa)
{
	UNUSED(v);
	UNUSED(doorbell_ipa);
	return CHAN_HC_INVALID;
}
static inline void hc_chan_ring(struct vcpu *v, struct trap_frame *f)
{
	UNUSED(v);
	f->r[0] = CHAN_HC_INVALID;
}
#endif

#endif

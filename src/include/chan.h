/* SPDX-License-Identifier: MIT */
/*
 * Inter-VM channels (docs/channels.md): the doorbell page each VM on a
 * channel sees, and delivery of its RING to the other VMs on the channel.
 * The shared memory itself is plain stage-2 mapping (the generator's).
 */
#ifndef SHIKIRI_CHAN_H
#define SHIKIRI_CHAN_H

#include "spinlock.h"
#include "types.h"
#include "vmconfig.h"

struct vm;
struct vcpu;

/* Doorbell page registers (4 KiB per VM per channel, emulated). */
#define CHAN_REG_ID 0x000u   /* RO: CHAN_MAGIC */
#define CHAN_REG_INFO 0x004u /* RO: [7:0] index, [15:8] VMs on the channel, [16] read-only side */
#define CHAN_REG_RING 0x008u /* WO: any value rings every other VM on the channel */
#define CHAN_REG_SIZE 0x00cu /* RO: shared memory size in bytes */
#define CHAN_MAGIC 0x5348494bu /* "SHIK" */
#define CHAN_INFO_RO BIT(16)

/*
 * The doorbell interrupt of an srt/be VM on one of its channels: a purely
 * virtual SPI, its GICD state kept here (never a physical SPI). `inflight`:
 * posted to the vGIC and not yet completed by the guest (EOI); a ring
 * meanwhile only sets `again`, so the VM takes at most one doorbell
 * interrupt per acknowledgement however fast its peers ring.
 */
struct chan_db {
	bool enabled;   /* GICD_ISENABLER */
	uint8_t prio;   /* GICD_IPRIORITYR */
	bool pending;   /* raised while disabled: delivered when enabled */
	bool inflight;  /* in the vGIC, not yet EOIed */
	bool again;     /* rung while in flight: one more after the EOI */
};

/* Per-VM channel state (struct vm.chan). */
struct vm_chan {
	spinlock_t lock;                  /* db[], taken by ringing cores too */
	struct chan_db db[VM_MAX_CHANNELS]; /* by the VM's channel slot (cfg->chans[]) */
	uint32_t rings;     /* RING writes by this VM */
	uint32_t coalesced; /* deliveries to this VM folded into one already pending */
	uint32_t refused;   /* ignored doorbell-page writes: read-only or unknown registers */
};

/* Boot: check every doorbell interrupt against the GIC's line count. */
void chan_init(void);
/* Register the VM's doorbell pages in its emulated-MMIO table. */
void chan_mmio_setup(struct vm *vm);
/* Doorbell state back to reset (VM start, reset, stop). */
void chan_reset(struct vm *vm);
/* One line per VM on a channel with its counters (stop report, status). */
void chan_report(const struct vm *vm);

/* vGICD hooks for an srt/be VM's doorbell SPIs (virtual). */
/* Bits of the doorbell SPIs of the VM in 32-IRQ word `word`. */
uint32_t chan_vspi_word(const struct vm *vm, uint32_t word);
bool chan_vspi_enabled(struct vm *vm, uint32_t id);
bool chan_vspi_pending(struct vm *vm, uint32_t id);
uint8_t chan_vspi_prio(struct vm *vm, uint32_t id);
void chan_vspi_set_prio(struct vm *vm, uint32_t id, uint8_t prio);
/* GICD_IS/ICENABLER, GICD_IS/ICPENDR of a doorbell SPI. */
void chan_vspi_enable(struct vm *vm, uint32_t id, bool on);
void chan_vspi_set_pending(struct vm *vm, uint32_t id, bool on);

/* vGIC: the guest of v completed virtual interrupt id (vcpu_inject_virq with report_eoi). */
void chan_virq_eoi(struct vcpu *v, uint32_t id);

#endif

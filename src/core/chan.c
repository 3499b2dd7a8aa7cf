// SPDX-License-Identifier: MIT
/*
 * Inter-VM channels: the emulated doorbell page, the doorbell hypercall,
 * and delivery of a ring to every other VM on the channel
 * (docs/channels.md).
 *
 * Every doorbell is a physical SPI its VM owns (the generator puts it in
 * the VM's irq_bitmap, like a passed-through device's). A ring is one
 * GICD_ISPENDR write on the ringing core; the GIC's pending latch does the
 * coalescing, and the peer's core receives it: an hrt core on its own GIC
 * CPU interface (no hypervisor entry), an srt/be core as one hypervisor IRQ
 * entry that deactivates it and gives the guest a purely virtual interrupt
 * of the same ID (irq_is_doorbell, vgic_inject_doorbell: no hardware link,
 * no EOI maintenance interrupt, except to hold back a flood).
 */
#include "chan.h"
#include "console.h"
#include "irq.h"
#include "mmio.h"
#include "arch/trap_frame.h"
#include "vm.h"

/* Interrupt IDs the interrupt controller implements: doorbells beyond are never raised. */
static uint32_t chan_irq_ids;

/* What a ring from a VM's channel slot raises, built at boot from the
 * configuration so that a ring does not walk it: the slot's doorbell page
 * IPA (what the hypercall names), the other VMs on the channel and their
 * doorbell SPIs (those the GIC implements), each as the distributor word
 * and bit that raise it, so a ring computes nothing. In .noinit (boot does
 * not clear it): build_targets writes every field a ring reads, for the
 * slots a VM has (nr_slots), and nothing reads the others. */
struct ring_target {
	struct vm *peer;
	struct irq_arch_spi spi; /* how to raise its doorbell (one store) */
};
struct chan_db_slot {
	uint32_t ipa;
	const struct ring_target *end; /* past the last of t (t + their number) */
	struct ring_target t[CHAN_MAX_VMS - 1u];
};
static struct chan_db_slot slots[CONFIG_MAX_VMS][VM_MAX_CHANNELS]
	__attribute__((section(".noinit")));

static const struct chan_config *slot_chan(const struct vm *vm, uint32_t slot)
{
	return &chan_configs[vm->cfg->chans[slot].chan];
}

static const struct chan_end_config *slot_end(const struct vm *vm, uint32_t slot)
{
	return &slot_chan(vm, slot)->ends[vm->cfg->chans[slot].end];
}

static uint32_t nr_slots(const struct vm *vm)
{
	return vm->cfg->nr_chans < VM_MAX_CHANNELS ? vm->cfg->nr_chans : VM_MAX_CHANNELS;
}

COLD static void build_targets(uint32_t v)
{
	const struct vm_config *cfg = &vm_configs[v];

	vms[v].chan.slots = slots[v];
	vms[v].chan.nr_slots = cfg->nr_chans < VM_MAX_CHANNELS ? cfg->nr_chans : VM_MAX_CHANNELS;
	vms[v].chan.slots_end = slots[v] + vms[v].chan.nr_slots;
	for (uint32_t s = 0; s < cfg->nr_chans && s < VM_MAX_CHANNELS; s++) {
		const struct vm_chan_ref *me = &cfg->chans[s];
		struct chan_db_slot *slot = &slots[v][s];
		const struct chan_config *ch;
		uint32_t n = 0;

		slot->ipa = 0; /* as a cleared slot: rings nothing */
		slot->end = slot->t;
		if (me->chan >= chan_config_count)
			continue;
		ch = &chan_configs[me->chan];
		slot->ipa = ch->ends[me->end].doorbell_ipa;
		if (cfg->level != VM_LEVEL_HRT)
			irq_set_doorbell(v, ch->ends[me->end].irq);
		for (uint32_t e = 0; e < ch->nr_ends && e < CHAN_MAX_VMS; e++) {
			const struct chan_end_config *pe = &ch->ends[e];

			if (e == me->end || pe->vm >= vm_config_count || pe->vm >= CONFIG_MAX_VMS ||
			    pe->irq < 32u || pe->irq >= chan_irq_ids || n >= ARRAY_SIZE(slot->t))
				continue;
			slot->t[n++] = (struct ring_target){&vms[pe->vm], irq_arch_spi(pe->irq)};
		}
		slot->end = slot->t + n;
	}
}

COLD void chan_init(void)
{
	chan_irq_ids = irq_arch_nr_ids();
	for (uint32_t v = 0; v < vm_config_count && v < CONFIG_MAX_VMS; v++)
		build_targets(v);
	for (uint32_t c = 0; c < chan_config_count; c++)
		for (uint32_t e = 0; e < chan_configs[c].nr_ends && e < CHAN_MAX_VMS; e++)
			if (chan_configs[c].ends[e].irq >= chan_irq_ids)
				pr_err("channel %s: doorbell interrupt %u of VM %s is beyond the GIC's %u interrupt IDs: it is never raised",
				       chan_configs[c].name, chan_configs[c].ends[e].irq,
				       vm_configs[chan_configs[c].ends[e].vm].name, chan_irq_ids);
}

COLD void chan_report(const struct vm *vm)
{
	if (vm->cfg->nr_chans)
		pr_info("vm %s: doorbells: %u rings sent, %u refused accesses, %u deliveries to it coalesced",
			vm->cfg->name, vm->chan.rings, vm->chan.refused, vm->chan.coalesced);
}

/*
 * A ring from vm's slot s: the doorbell SPI of every other running VM on
 * the channel, a physical interrupt it owns, routed to its vCPU 0's core:
 * one GICD_ISPENDR write, after a dsb (the ringer's writes to the channel
 * come before the interrupt), unless it is pending already: that ring is
 * counted as coalesced, the pending one covers it. An hrt peer takes the
 * SPI on its own GICC; an srt/be peer's core takes it as a hypervisor IRQ
 * and gives its guest a purely virtual interrupt (vgic_inject_doorbell),
 * which also bounds what a flood of rings costs that core
 * (docs/channels.md).
 */
static inline __attribute__((always_inline)) void ring(struct vm *vm,
						       const struct chan_db_slot *slot)
{
	const struct ring_target *t = slot->t, *end = slot->end;

	__atomic_fetch_add(&vm->chan.rings, 1u, __ATOMIC_RELAXED);
	for (; t < end; t++) {
		struct irq_arch_spi spi = t->spi; /* in registers across the barrier */

		if (!vm_running(t->peer))
			continue;
		if (irq_arch_spi_pending(spi)) {
			__atomic_fetch_add(&t->peer->chan.coalesced, 1u, __ATOMIC_RELAXED);
			continue;
		}
		irq_arch_spi_raise(spi);
	}
}

/* A guest's mistake or probe, not the hypervisor's: counted (the VM's
 * report); true for the VM's first, which is said on the console. */
static bool refused_first(struct vm *vm)
{
	return __atomic_fetch_add(&vm->chan.refused, 1u, __ATOMIC_RELAXED) == 0;
}

/* Refused: not one of the VM's doorbell pages. Out of line: the ring
 * path stays short. */
COLD static NOINLINE uint32_t hc_refused(struct vm *vm, uint32_t doorbell_ipa)
{
	if (refused_first(vm))
		pr_info("vm %s: refused doorbell hypercall for 0x%08x (not one of its doorbell pages); further refusals are counted",
			vm->cfg->name, doorbell_ipa);
	return CHAN_HC_INVALID;
}

static inline __attribute__((always_inline)) uint32_t ring_by_ipa(struct vcpu *v,
								 uint32_t doorbell_ipa)
{
	struct vm *vm = v->vm;
	const struct chan_db_slot *slot = vm->chan.slots, *end = vm->chan.slots_end;

	/* Only the VM's own doorbell pages name a channel it may ring: the
	 * IPA is compared with its configuration, never used as an address. */
	for (; slot < end; slot++) {
		if (slot->ipa == doorbell_ipa) {
			ring(vm, slot);
			return 0;
		}
	}
	return hc_refused(vm, doorbell_ipa);
}

uint32_t chan_hc_ring(struct vcpu *v, uint32_t doorbell_ipa)
{
	return ring_by_ipa(v, doorbell_ipa);
}

/* The hypercall table's entry: the same, in line (one call less a ring). */
void hc_chan_ring(struct vcpu *v, struct trap_frame *f)
{
	f->r[0] = ring_by_ipa(v, f->r[1]);
}

/* ---- the doorbell page: one handler per register ---- */

typedef uint32_t (*db_read_fn)(struct vm *vm, uint32_t s);
typedef void (*db_write_fn)(struct vm *vm, uint32_t s, uint32_t val);

static uint32_t id_read(struct vm *vm, uint32_t s)
{
	UNUSED(vm);
	UNUSED(s);
	return CHAN_MAGIC;
}

static uint32_t info_read(struct vm *vm, uint32_t s)
{
	const struct chan_end_config *e = slot_end(vm, s);

	return vm->cfg->chans[s].end | (slot_chan(vm, s)->nr_ends << 8) |
	       ((e->flags & CHAN_END_READ_ONLY) ? CHAN_INFO_RO : 0u);
}

static uint32_t size_read(struct vm *vm, uint32_t s)
{
	return slot_chan(vm, s)->size;
}

static uint32_t raz_read(struct vm *vm, uint32_t s)
{
	UNUSED(vm);
	UNUSED(s);
	return 0;
}

static void refuse_write(struct vm *vm, uint32_t s, uint32_t val)
{
	UNUSED(s);
	UNUSED(val);
	if (refused_first(vm))
		pr_debug("vm %s: write to a read-only or unknown doorbell register ignored; further ones are counted",
			 vm->cfg->name);
}

static void ring_write(struct vm *vm, uint32_t s, uint32_t val)
{
	UNUSED(val);
	ring(vm, &vm->chan.slots[s]); /* s < nr_slots(vm): db_access */
}

static const struct {
	uint32_t off;
	db_read_fn read;
	db_write_fn write;
} db_regs[] = {
	{CHAN_REG_ID, id_read, refuse_write},
	{CHAN_REG_INFO, info_read, refuse_write},
	{CHAN_REG_RING, raz_read, ring_write},
	{CHAN_REG_SIZE, size_read, refuse_write},
};

/*
 * Registers are 32 bits: another size, or an unaligned offset, is refused
 * per the MMIO policy (the access stops the VM, as for the vGICD). Any
 * other offset of the page reads 0 and ignores (and counts) writes.
 */
static NOINLINE bool db_access(struct vm *vm, uint32_t s, uint32_t off, uint32_t size, uint32_t *val,
		      bool write)
{
	if (size != 4u || !IS_ALIGNED(off, 4u) || s >= nr_slots(vm))
		return false;
	for (uint32_t i = 0; i < ARRAY_SIZE(db_regs); i++) {
		if (db_regs[i].off != off)
			continue;
		if (write)
			db_regs[i].write(vm, s, *val);
		else
			*val = db_regs[i].read(vm, s);
		return true;
	}
	if (write)
		refuse_write(vm, s, *val);
	else
		*val = 0;
	return true;
}

/* struct mmio_device passes no context: one device per channel slot. */
#define DB_DEVICE(n)                                                                          \
	static bool db_read_##n(struct vm *vm, uint32_t off, uint32_t size, uint32_t *val)     \
	{                                                                                     \
		return db_access(vm, n, off, size, val, false);                               \
	}                                                                                     \
	static bool db_write_##n(struct vm *vm, uint32_t off, uint32_t size, uint32_t val)     \
	{                                                                                     \
		return db_access(vm, n, off, size, &val, true);                               \
	}
DB_DEVICE(0)
DB_DEVICE(1)
DB_DEVICE(2)
DB_DEVICE(3)
DB_DEVICE(4)
DB_DEVICE(5)
DB_DEVICE(6)
DB_DEVICE(7)

#define DB_DEV(n) {.name = "doorbell", .cause = TRAP_DOORBELL, .read = db_read_##n, .write = db_write_##n}
static const struct mmio_device db_devices[] = {
	DB_DEV(0), DB_DEV(1), DB_DEV(2), DB_DEV(3), DB_DEV(4), DB_DEV(5), DB_DEV(6), DB_DEV(7),
};
_Static_assert(ARRAY_SIZE(db_devices) == VM_MAX_CHANNELS, "one doorbell device per channel slot");

COLD void chan_mmio_setup(struct vm *vm)
{
	for (uint32_t s = 0; s < nr_slots(vm); s++)
		mmio_add(vm, slot_end(vm, s)->doorbell_ipa, PAGE_SIZE, &db_devices[s]);
}

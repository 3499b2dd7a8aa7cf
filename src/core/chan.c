// SPDX-License-Identifier: MIT
/*
 * Inter-VM channels: the emulated doorbell page, and delivery of a RING to
 * every other VM on the channel (docs/channels.md).
 *
 * Delivery:
 * - into an srt/be VM: its doorbell interrupt is a virtual SPI (state in
 *   struct chan_db, shown through the vGICD), injected through chan_inject();
 *   while one is in flight (posted, not yet EOIed), further rings only mark
 *   it for one more delivery after the EOI: a ringing loop cannot make the
 *   peer's core take more than one doorbell per acknowledgement.
 * - into an hrt VM: its doorbell is a physical SPI it owns (routed to its
 *   core, configured by it through the vGICD); the ringing core writes
 *   GICD_ISPENDR, so the hrt core receives it through its own CPU interface
 *   with no hypervisor entry. One already pending is not raised again.
 */
#include "chan.h"
#include "console.h"
#include "gic.h"
#include "mmio.h"
#include "vm.h"

/* Interrupt IDs the GIC implements (GICD_TYPER): doorbells beyond are never raised. */
static uint32_t chan_gic_lines;

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

/* The VM's slot whose doorbell is virtual interrupt id (srt/be VMs), or -1. */
static int32_t vspi_slot(const struct vm *vm, uint32_t id)
{
	if (vm->cfg->level == VM_LEVEL_HRT)
		return -1;
	for (uint32_t s = 0; s < nr_slots(vm); s++)
		if (slot_end(vm, s)->irq == id)
			return (int32_t)s;
	return -1;
}

void chan_init(void)
{
	chan_gic_lines = ((gicd_read(GICD_TYPER) & 0x1fu) + 1u) * 32u;
	for (uint32_t c = 0; c < chan_config_count; c++)
		for (uint32_t e = 0; e < chan_configs[c].nr_ends && e < CHAN_MAX_VMS; e++)
			if (chan_configs[c].ends[e].irq >= chan_gic_lines)
				pr_err("channel %s: doorbell interrupt %u of VM %s is beyond the GIC's %u interrupt IDs: it is never raised",
				       chan_configs[c].name, chan_configs[c].ends[e].irq,
				       vm_configs[chan_configs[c].ends[e].vm].name, chan_gic_lines);
}

void chan_reset(struct vm *vm)
{
	spin_lock(&vm->chan.lock);
	for (uint32_t s = 0; s < VM_MAX_CHANNELS; s++)
		vm->chan.db[s] = (struct chan_db){ .prio = GIC_DEFAULT_PRIO };
	spin_unlock(&vm->chan.lock);
}

void chan_report(const struct vm *vm)
{
	if (vm->cfg->nr_chans)
		pr_info("vm %s: doorbells: %u rings sent, %u refused accesses, %u deliveries to it coalesced",
			vm->cfg->name, vm->chan.rings, vm->chan.refused, vm->chan.coalesced);
}

/*
 * The one place a doorbell enters an srt/be VM (vCPU 0, like the vUART's
 * interrupt): the scheduling-aware injection, so a doorbell to a vCPU that
 * waits for its turn or is blocked in WFI pends and wakes it. Its EOI is
 * reported back (chan_virq_eoi) to end the in-flight state.
 */
static void chan_inject(struct vm *vm, uint32_t id, uint8_t prio)
{
	vcpu_inject_virq(&vm->vcpus[0], id, prio, true);
}

/* With vm->chan.lock held: make the doorbell of slot s go off, or note it.
 * True if it must be injected now (after the lock is dropped). */
static bool raise_locked(struct vm *vm, uint32_t s)
{
	struct chan_db *d = &vm->chan.db[s];

	if (d->inflight) {
		if (d->again)
			vm->chan.coalesced++;
		d->again = true;
		return false;
	}
	if (!d->enabled) {
		if (d->pending)
			vm->chan.coalesced++;
		d->pending = true;
		return false;
	}
	d->pending = false;
	d->inflight = true;
	return true;
}

static void raise_virtual(struct vm *vm, uint32_t s)
{
	uint32_t id = slot_end(vm, s)->irq;
	uint8_t prio;
	bool post;

	spin_lock(&vm->chan.lock);
	post = raise_locked(vm, s);
	prio = vm->chan.db[s].prio;
	spin_unlock(&vm->chan.lock);
	if (post)
		chan_inject(vm, id, prio);
}

/* hrt: the physical SPI it owns; the hrt core takes it on its own GICC. */
static void raise_physical(struct vm *vm, uint32_t id)
{
	uint32_t off = id / 32u * 4u, bit = BIT(id % 32u);

	if (gicd_read(GICD_ISPENDR + off) & bit) {
		spin_lock(&vm->chan.lock);
		vm->chan.coalesced++;
		spin_unlock(&vm->chan.lock);
		return;
	}
	gic_set_pending(id); /* after a barrier: the ringer's writes come first */
}

/* RING from vm's slot s: every other running VM on the channel. */
static void ring(struct vm *vm, uint32_t s)
{
	const struct vm_chan_ref *me = &vm->cfg->chans[s];
	const struct chan_config *ch = slot_chan(vm, s);

	spin_lock(&vm->chan.lock);
	vm->chan.rings++;
	spin_unlock(&vm->chan.lock);
	for (uint32_t e = 0; e < ch->nr_ends && e < CHAN_MAX_VMS; e++) {
		const struct chan_end_config *pe = &ch->ends[e];
		struct vm *peer;

		if (e == me->end || pe->vm >= vm_config_count || pe->irq >= chan_gic_lines)
			continue;
		peer = &vms[pe->vm];
		if (!vm_running(peer))
			continue;
		if (peer->cfg->level == VM_LEVEL_HRT) {
			raise_physical(peer, pe->irq);
			continue;
		}
		for (uint32_t ps = 0; ps < nr_slots(peer); ps++)
			if (peer->cfg->chans[ps].chan == me->chan)
				raise_virtual(peer, ps);
	}
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
	spin_lock(&vm->chan.lock);
	if (vm->chan.refused++ == 0)
		pr_debug("vm %s: write to a read-only or unknown doorbell register ignored; further ones are counted",
			 vm->cfg->name);
	spin_unlock(&vm->chan.lock);
}

static void ring_write(struct vm *vm, uint32_t s, uint32_t val)
{
	UNUSED(val);
	ring(vm, s);
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
static bool db_access(struct vm *vm, uint32_t s, uint32_t off, uint32_t size, uint32_t *val,
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

void chan_mmio_setup(struct vm *vm)
{
	for (uint32_t s = 0; s < nr_slots(vm); s++)
		mmio_add(vm, slot_end(vm, s)->doorbell_ipa, PAGE_SIZE, &db_devices[s]);
}

/* ---- vGICD: an srt/be VM's doorbell SPIs are virtual ---- */

uint32_t chan_vspi_word(const struct vm *vm, uint32_t word)
{
	uint32_t bits = 0;

	if (vm->cfg->level == VM_LEVEL_HRT)
		return 0;
	for (uint32_t s = 0; s < nr_slots(vm); s++) {
		uint32_t id = slot_end(vm, s)->irq;

		if (id / 32u == word)
			bits |= BIT(id % 32u);
	}
	return bits;
}

bool chan_vspi_enabled(struct vm *vm, uint32_t id)
{
	int32_t s = vspi_slot(vm, id);

	return s >= 0 && vm->chan.db[s].enabled;
}

bool chan_vspi_pending(struct vm *vm, uint32_t id)
{
	int32_t s = vspi_slot(vm, id);

	return s >= 0 && (vm->chan.db[s].pending || vm->chan.db[s].inflight);
}

uint8_t chan_vspi_prio(struct vm *vm, uint32_t id)
{
	int32_t s = vspi_slot(vm, id);

	return s >= 0 ? vm->chan.db[s].prio : 0;
}

void chan_vspi_set_prio(struct vm *vm, uint32_t id, uint8_t prio)
{
	int32_t s = vspi_slot(vm, id);

	if (s >= 0)
		vm->chan.db[s].prio = prio;
}

void chan_vspi_enable(struct vm *vm, uint32_t id, bool on)
{
	int32_t s = vspi_slot(vm, id);
	bool post = false;
	uint8_t prio = 0;

	if (s < 0)
		return;
	spin_lock(&vm->chan.lock);
	vm->chan.db[s].enabled = on;
	/* raised while disabled: goes off now */
	if (on && vm->chan.db[s].pending && !vm->chan.db[s].inflight) {
		vm->chan.db[s].pending = false;
		vm->chan.db[s].inflight = true;
		post = true;
	}
	prio = vm->chan.db[s].prio;
	spin_unlock(&vm->chan.lock);
	if (post)
		chan_inject(vm, id, prio);
}

void chan_vspi_set_pending(struct vm *vm, uint32_t id, bool on)
{
	int32_t s = vspi_slot(vm, id);

	if (s < 0)
		return;
	if (on) {
		raise_virtual(vm, (uint32_t)s);
		return;
	}
	/* one already in a list register cannot be recalled */
	spin_lock(&vm->chan.lock);
	vm->chan.db[s].pending = false;
	vm->chan.db[s].again = false;
	spin_unlock(&vm->chan.lock);
}

void chan_virq_eoi(struct vcpu *v, uint32_t id)
{
	struct vm *vm = v->vm;
	int32_t s = vspi_slot(vm, id);
	bool post = false;
	uint8_t prio;

	if (s < 0)
		return;
	spin_lock(&vm->chan.lock);
	vm->chan.db[s].inflight = false;
	if (vm->chan.db[s].again) {
		vm->chan.db[s].again = false;
		post = raise_locked(vm, (uint32_t)s);
	}
	prio = vm->chan.db[s].prio;
	spin_unlock(&vm->chan.lock);
	if (post && vm_running(vm))
		chan_inject(vm, id, prio);
}

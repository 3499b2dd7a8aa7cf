// SPDX-License-Identifier: MIT
/*
 * Host unit test of channel doorbells (src/core/chan.c with src/core/vgicd.c):
 * the doorbell page registers and access policy, delivery to an srt VM
 * (virtual SPI: latched while disabled, one in flight per EOI, coalescing)
 * and to an hrt VM (GICD_ISPENDR, not raised again while pending), and the
 * vGICD view of a virtual doorbell SPI.
 */
#include <stdio.h>
#include <string.h>

#include "chan.h"
#include "console.h"
#include "gic.h"
#include "vgicd.h"
#include "vm.h"

static uint8_t gicd[0x1000];
static struct vcpu *cur;
static uint32_t posts, post_id, post_prio, set_pendings;
static const struct mmio_device *devs[4][VM_MAX_CHANNELS + 3];
static uint32_t ndevs[4], dev_base[4][VM_MAX_CHANNELS + 3];
static int failures;

uint32_t gicd_read(uint32_t off) { uint32_t v; memcpy(&v, gicd + off, 4); return v; }
void gicd_write(uint32_t off, uint32_t val) { memcpy(gicd + off, &val, 4); }
uint8_t gicd_read8(uint32_t off) { return gicd[off]; }
void gicd_write8(uint32_t off, uint8_t val) { gicd[off] = val; }
void gicd_update(uint32_t off, uint32_t mask, uint32_t val)
{
	gicd_write(off, (gicd_read(off) & ~mask) | (val & mask));
}
void gic_send_sgi(uint32_t id, uint32_t core_mask) { (void)id; (void)core_mask; }
void gic_set_pending(uint32_t id)
{
	set_pendings++;
	gicd[GICD_ISPENDR + id / 8] |= (uint8_t)BIT(id % 8);
}
void gic_deactivate(uint32_t id) { (void)id; }
void vcpu_inject_sgi(struct vcpu *t, uint32_t sgi, uint32_t src) { (void)t; (void)sgi; (void)src; }
void vcpu_inject_virq(struct vcpu *t, uint32_t id, uint32_t prio, bool report_eoi)
{
	(void)t;
	if (!report_eoi) {
		printf("FAIL unit/chan_doorbell: doorbell injected without EOI report\n");
		failures++;
	}
	posts++;
	post_id = id;
	post_prio = prio;
}
struct vcpu *vcpu_current(void) { return cur; }
void vuart_update_irq(struct vm *vm) { (void)vm; }
void log_printf(int level, const char *fmt, ...) { (void)level; (void)fmt; }
void mmio_add(struct vm *vm, uint32_t base, uint32_t size, const struct mmio_device *dev)
{
	(void)size;
	dev_base[vm->id][ndevs[vm->id]] = base;
	devs[vm->id][ndevs[vm->id]++] = dev;
}

/* Channel 0 "c": VM 0 (srt, doorbell SPI 40, rw) and VM 1 (hrt, SPI 42, ro). */
const struct chan_config chan_configs[1] = {{
	.name = "c", .pa = 0x48000000u, .size = 0x2000u, .nr_ends = 2,
	.ends = {{.vm = 0, .ipa = 0x50000000u, .doorbell_ipa = 0x50100000u, .irq = 40},
		 {.vm = 1, .ipa = 0x60000000u, .doorbell_ipa = 0x60100000u, .irq = 42,
		  .flags = CHAN_END_READ_ONLY}},
}};
const uint32_t chan_config_count = 1;
const struct vm_config vm_configs[2] = {
	{.name = "s", .id = 0, .level = VM_LEVEL_SRT, .console = VM_CONSOLE_NONE, .nr_vcpus = 1,
	 .nr_chans = 1, .chans = {{0, 0}}},
	{.name = "h", .id = 1, .level = VM_LEVEL_HRT, .console = VM_CONSOLE_NONE, .nr_vcpus = 1,
	 .irq_bitmap = {[1] = BIT(10)}, .nr_chans = 1, .chans = {{0, 1}}},
};
const uint32_t vm_config_count = 2;
const struct board_config board_config = {.uart_irq = 33};
struct vm vms[CONFIG_MAX_VMS];

static void check(const char *name, int ok)
{
	printf("%s unit/chan_doorbell/%s\n", ok ? "PASS" : "FAIL", name);
	failures += !ok;
}

static uint32_t db_rd(uint32_t vm, uint32_t off, uint32_t size, bool *ok)
{
	uint32_t v = 0xdeadbeef;

	*ok = devs[vm][0]->read(&vms[vm], off, size, &v);
	return v;
}

static uint32_t rd32(struct vm *vm, uint32_t off)
{
	uint32_t v = 0xdeadbeef;

	return vgicd_read(vm, off, 4, &v) ? v : 0xdeadbeef;
}

static bool db_wr(uint32_t vm, uint32_t off, uint32_t size, uint32_t val)
{
	return devs[vm][0]->write(&vms[vm], off, size, val);
}

int main(void)
{
	struct vm *s = &vms[0], *h = &vms[1];
	bool ok;

	for (uint32_t i = 0; i < 2; i++) {
		vms[i].cfg = &vm_configs[i];
		vms[i].id = i;
		vms[i].state = VM_RUNNING;
		vms[i].vcpus[0] = (struct vcpu){.vm = &vms[i], .id = 0, .pcpu = i, .state = VCPU_ON};
		chan_mmio_setup(&vms[i]);
		chan_reset(&vms[i]);
	}
	gicd_write(GICD_TYPER, 0x8u); /* 288 lines */
	chan_init();

	check("mmio_one_page_each", ndevs[0] == 1 && ndevs[1] == 1 && dev_base[0][0] == 0x50100000u &&
					    dev_base[1][0] == 0x60100000u);
	check("id", db_rd(0, 0x000, 4, &ok) == 0x5348494bu && ok);
	check("info_rw", db_rd(0, 0x004, 4, &ok) == 0x00000200u && ok);
	check("info_ro", db_rd(1, 0x004, 4, &ok) == 0x00010201u && ok);
	check("size", db_rd(0, 0x00c, 4, &ok) == 0x2000u && ok);
	check("ring_reads_zero", db_rd(0, 0x008, 4, &ok) == 0 && ok);
	check("unknown_reads_zero", db_rd(0, 0xffc, 4, &ok) == 0 && ok);
	db_rd(0, 0x000, 1, &ok);
	check("byte_read_refused", !ok);
	check("halfword_write_refused", !db_wr(0, 0x008, 2, 1));
	db_rd(0, 0x002, 4, &ok);
	check("unaligned_refused", !ok);
	check("ro_register_write_counted", db_wr(0, 0x000, 4, 1) && db_wr(0, 0x100, 4, 1) &&
						   s->chan.refused == 2 && posts == 0 && set_pendings == 0);

	/* srt -> hrt: GICD_ISPENDR of h's SPI 42; not again while pending */
	check("ring_hrt_physical", db_wr(0, 0x008, 4, 1) && set_pendings == 1 &&
					   (gicd[GICD_ISPENDR + 5] & BIT(2)) && s->chan.rings == 1);
	db_wr(0, 0x008, 4, 1);
	check("ring_hrt_pending_coalesced", set_pendings == 1 && h->chan.coalesced == 1);
	gicd[GICD_ISPENDR + 5] = 0; /* h took it */
	db_wr(0, 0x008, 4, 1);
	check("ring_hrt_again_after_ack", set_pendings == 2);

	/* hrt -> srt: s has its doorbell disabled: latched, no injection */
	check("ring_srt_disabled_latched", db_wr(1, 0x008, 4, 1) && posts == 0 &&
						   s->chan.db[0].pending && h->chan.rings == 1);
	cur = &s->vcpus[0];
	check("vgicd_reads_pending", (rd32(s, GICD_ISPENDR + 4) & BIT(8)) != 0);
	vgicd_write(s, GICD_IPRIORITYR + 40, 1, 0x60);
	check("vgicd_priority_virtual", chan_vspi_prio(s, 40) == 0x60 && gicd[GICD_IPRIORITYR + 40] == 0);
	vgicd_write(s, GICD_ISENABLER + 4, 4, BIT(8));
	check("enable_delivers_latched", posts == 1 && post_id == 40 && post_prio == 0x60 &&
						 s->vgicd.refused == 0 && gicd_read(GICD_ISENABLER + 4) == 0);
	check("vgicd_reads_enabled", (rd32(s, GICD_ISENABLER + 4) & BIT(8)) != 0);
	/* ID 40: ICFGR word 2, field 8: edge (what Linux's gic_set_type asks) */
	check("vgicd_doorbell_cfg_edge", (rd32(s, GICD_ICFGR + 8) & BIT(17)) != 0 &&
						 (rd32(s, GICD_ICFGR + 8) & BIT(19)) == 0);
	db_wr(1, 0x008, 4, 1);
	db_wr(1, 0x008, 4, 1);
	db_wr(1, 0x008, 4, 1);
	check("in_flight_coalesced", posts == 1 && s->chan.coalesced == 2 && s->chan.db[0].again);
	chan_virq_eoi(&s->vcpus[0], 40);
	check("eoi_delivers_one_more", posts == 2 && !s->chan.db[0].again && s->chan.db[0].inflight);
	chan_virq_eoi(&s->vcpus[0], 40);
	check("eoi_idle", posts == 2 && !s->chan.db[0].inflight);
	chan_virq_eoi(&s->vcpus[0], 41); /* not a doorbell: nothing */
	check("eoi_other_id_ignored", posts == 2);
	h->state = VM_STOPPED;
	db_wr(0, 0x008, 4, 1);
	check("stopped_peer_skipped", set_pendings == 2);
	s->state = VM_STOPPED;
	db_wr(1, 0x008, 4, 1);
	check("stopped_srt_peer_skipped", posts == 2);
	vgicd_reset(s);
	check("reset_clears", !s->chan.db[0].enabled && !s->chan.db[0].inflight &&
				      chan_vspi_prio(s, 40) == GIC_DEFAULT_PRIO);
	/* the hrt VM's doorbell is not virtual: no vspi bits */
	check("hrt_doorbell_not_virtual", chan_vspi_word(h, 1) == 0 && chan_vspi_word(s, 1) == BIT(8));
	return failures ? 1 : 0;
}

// SPDX-License-Identifier: MIT
/*
 * Host unit test of channel doorbells (src/core/chan.c with src/arch/armv7/vgicd.c):
 * the doorbell page registers and access policy, the doorbell hypercall
 * (only the caller's own doorbell pages), delivery to srt and hrt VMs alike
 * (GICD_ISPENDR of the SPI the peer owns, not raised again while pending),
 * and the vGICD view of a doorbell SPI: the VM's own physical one.
 */
#include <stdio.h>
#include <string.h>

#include "chan.h"
#include "console.h"
#include "arch/gic.h"
#include "arch/vgicd.h"
#include "vm.h"

static uint8_t gicd[0x1000] __attribute__((aligned(4)));
static struct vcpu *cur;
static uint32_t posts, post_id, post_prio;
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
/* A ring stores the SPI's bit into its word (a plain store here: the
 * test's two doorbells share a word, so a raise shows as that word being
 * exactly its bit). */
volatile uint32_t *gic_ispendr(uint32_t id)
{
	return (volatile uint32_t *)(void *)(gicd + GICD_ISPENDR + id / 32u * 4u);
}
void gic_deactivate(uint32_t id) { (void)id; }
static uint32_t doorbell_marks, doorbell_mark_vm, doorbell_mark_id;
void irq_set_doorbell(uint32_t vm, uint32_t id)
{
	doorbell_marks++;
	doorbell_mark_vm = vm;
	doorbell_mark_id = id;
}
void vcpu_inject_sgi(struct vcpu *t, uint32_t sgi, uint32_t src) { (void)t; (void)sgi; (void)src; }
void vcpu_inject_virq(struct vcpu *t, uint32_t id, uint32_t prio, bool report_eoi)
{
	(void)t;
	(void)report_eoi;
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
	 .irq_bitmap = {[1] = BIT(8)}, .nr_chans = 1, .chans = {{0, 0}}},
	{.name = "h", .id = 1, .level = VM_LEVEL_HRT, .console = VM_CONSOLE_NONE, .nr_vcpus = 1,
	 .irq_bitmap = {[1] = BIT(10)}, .nr_chans = 1, .chans = {{0, 1}}},
};
const uint32_t vm_config_count = 2;
const struct board_config board_config = {.uart_irq = 33};
struct vm vms[CONFIG_MAX_VMS];

/* GICD_ISPENDR's word of SPIs 32..63 (the doorbells 40 and 42) */
static uint32_t ispendr1(void)
{
	return *gic_ispendr(32);
}

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
	}
	gicd_write(GICD_TYPER, 0x8u); /* 288 lines */
	vgicd_setup(s);
	vgicd_setup(h);
	chan_init();

	/* only the srt VM's doorbell becomes a virtual one (the hrt VM's is its own) */
	check("srt_doorbell_marked", doorbell_marks == 1 && doorbell_mark_vm == 0 && doorbell_mark_id == 40);
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
						   s->chan.refused == 2 && posts == 0 && ispendr1() == 0);

	/* srt -> hrt: GICD_ISPENDR of h's SPI 42; not again while pending */
	check("ring_hrt_physical", db_wr(0, 0x008, 4, 1) && ispendr1() == BIT(10) &&
					   (gicd[GICD_ISPENDR + 5] & BIT(2)) && s->chan.rings == 1);
	db_wr(0, 0x008, 4, 1);
	check("ring_hrt_pending_coalesced", ispendr1() == BIT(10) && h->chan.coalesced == 1);
	gicd[GICD_ISPENDR + 5] = 0; /* h took it */
	db_wr(0, 0x008, 4, 1);
	check("ring_hrt_again_after_ack", ispendr1() == BIT(10));

	/* hrt -> srt: the same, GICD_ISPENDR of s's own SPI 40 */
	check("ring_srt_physical", db_wr(1, 0x008, 4, 1) && ispendr1() == BIT(8) &&
					   (gicd[GICD_ISPENDR + 5] & BIT(0)) && h->chan.rings == 1 &&
					   posts == 0);
	db_wr(1, 0x008, 4, 1);
	db_wr(1, 0x008, 4, 1);
	check("ring_srt_pending_coalesced", ispendr1() == BIT(8) && s->chan.coalesced == 2);

	/* the hypercall: the caller's own doorbell page only */
	gicd[GICD_ISPENDR + 5] = 0;
	check("hc_ring", chan_hc_ring(&s->vcpus[0], 0x50100000u) == 0 && ispendr1() == BIT(10) &&
				 s->chan.rings == 4 && (gicd[GICD_ISPENDR + 5] & BIT(2)));
	gicd[GICD_ISPENDR + 5] = 0;
	check("hc_ring_ro_side", chan_hc_ring(&h->vcpus[0], 0x60100000u) == 0 && ispendr1() == BIT(8) &&
					 h->chan.rings == 4);
	check("hc_peer_page_refused", chan_hc_ring(&s->vcpus[0], 0x60100000u) == CHAN_HC_INVALID &&
					      s->chan.refused == 3 && s->chan.rings == 4);
	check("hc_other_address_refused",
	      chan_hc_ring(&s->vcpus[0], 0x50100008u) == CHAN_HC_INVALID &&
		      chan_hc_ring(&s->vcpus[0], 0) == CHAN_HC_INVALID &&
		      chan_hc_ring(&s->vcpus[0], 0xffffffffu) == CHAN_HC_INVALID &&
		      s->chan.refused == 6 && ispendr1() == BIT(8));

	/* the vGICD: a doorbell SPI is the VM's own physical one */
	cur = &s->vcpus[0];
	check("vgicd_reads_pending", (rd32(s, GICD_ISPENDR + 4) & BIT(8)) != 0);
	vgicd_write(s, GICD_IPRIORITYR + 40, 1, 0x60);
	check("vgicd_priority_physical", gicd[GICD_IPRIORITYR + 40] == 0x60);
	vgicd_write(s, GICD_ISENABLER + 4, 4, BIT(8));
	check("vgicd_enable_physical", gicd_read(GICD_ISENABLER + 4) == BIT(8) && s->arch.vgicd.refused == 0);
	vgicd_write(s, GICD_ICFGR + 8, 4, BIT(17));
	check("vgicd_cfg_physical", (gicd_read(GICD_ICFGR + 8) & BIT(17)) != 0 &&
					    (rd32(s, GICD_ICFGR + 8) & BIT(17)) != 0);
	vgicd_write(s, GICD_ISENABLER + 4, 4, BIT(10));
	check("vgicd_peer_doorbell_refused", s->arch.vgicd.refused == 1 &&
						     gicd_read(GICD_ISENABLER + 4) == BIT(8));
	h->state = VM_STOPPED;
	gicd[GICD_ISPENDR + 5] = 0;
	db_wr(0, 0x008, 4, 1);
	check("stopped_peer_skipped", ispendr1() == 0);
	s->state = VM_STOPPED;
	db_wr(1, 0x008, 4, 1);
	check("stopped_srt_peer_skipped", ispendr1() == 0 && posts == 0);
	return failures ? 1 : 0;
}

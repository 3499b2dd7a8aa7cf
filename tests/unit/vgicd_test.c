// SPDX-License-Identifier: MIT
/*
 * Host unit test of the GIC distributor emulation (src/arch/armv7/vgicd.c): the
 * physical distributor is a byte array, the vCPU and the SGI paths are
 * recorded. Checks that ownership is enforced on every register group and
 * that vCPU masks are translated to physical cores and back.
 */
#include <stdio.h>
#include <string.h>

#include "console.h"
#include "arch/gic.h"
#include "arch/vgicd.h"
#include "vm.h"

static uint8_t gicd[0x1000];
static struct vcpu *cur;
static uint32_t posts, post_target, post_sgi, post_src;
static uint32_t sgis_sent, sgi_mask, sgi_id;
static int failures;

uint32_t gicd_read(uint32_t off) { uint32_t v; memcpy(&v, gicd + off, 4); return v; }
void gicd_write(uint32_t off, uint32_t val) { memcpy(gicd + off, &val, 4); }
uint8_t gicd_read8(uint32_t off) { return gicd[off]; }
void gicd_write8(uint32_t off, uint8_t val) { gicd[off] = val; }
void gicd_update(uint32_t off, uint32_t mask, uint32_t val)
{
	gicd_write(off, (gicd_read(off) & ~mask) | (val & mask));
}
void gic_send_sgi(uint32_t id, uint32_t core_mask) { sgis_sent++; sgi_id = id; sgi_mask = core_mask; }
void vcpu_inject_sgi(struct vcpu *target, uint32_t sgi, uint32_t src)
{
	posts++;
	post_target = target->id;
	post_sgi = sgi;
	post_src = src;
}
struct vcpu *vcpu_current(void) { return cur; }
static uint32_t dirs, dir_id;
void gic_deactivate(uint32_t id) { dirs++; dir_id = id; }
const struct board_config board_config = {.uart_irq = 33};
static uint32_t vuart_updates;
void vuart_update_irq(struct vm *vm) { (void)vm; vuart_updates++; }
void log_printf(int level, const char *fmt, ...) { (void)level; (void)fmt; }

static void check(const char *name, int ok)
{
	printf("%s unit/vgicd/%s\n", ok ? "PASS" : "FAIL", name);
	failures += !ok;
}

/* VM a: srt, 2 vCPUs on cores 1 and 2, owns SPI 48 and the PPIs.
 * VM b: hrt, 1 vCPU on core 0, owns SPI 49. */
static struct vm_config cfg_a = {.name = "a", .id = 0, .level = VM_LEVEL_SRT, .nr_vcpus = 2,
				 .vcpu_pcpu = {1, 2}};
static struct vm_config cfg_b = {.name = "b", .id = 1, .level = VM_LEVEL_HRT, .nr_vcpus = 1,
				 .vcpu_pcpu = {0}};
static struct vm vm_a, vm_b;

static uint32_t rd(struct vm *vm, uint32_t off, uint32_t size)
{
	uint32_t v = 0xdeadbeef;
	return vgicd_read(vm, off, size, &v) ? v : 0xdeadbeef;
}

int main(void)
{
	cfg_a.irq_bitmap[0] = 0xffff0000u;
	cfg_a.irq_bitmap[1] = BIT(16); /* SPI 48 */
	cfg_b.irq_bitmap[0] = 0xffff0000u;
	cfg_b.irq_bitmap[1] = BIT(17); /* SPI 49 */
	vm_a.cfg = &cfg_a;
	vm_b.cfg = &cfg_b;
	vm_b.id = 1;
	for (uint32_t n = 0; n < 2; n++) {
		vm_a.vcpus[n] = (struct vcpu){.vm = &vm_a, .id = n, .pcpu = n + 1, .state = VCPU_ON};
	}
	vm_b.vcpus[0] = (struct vcpu){.vm = &vm_b, .id = 0, .pcpu = 0, .state = VCPU_ON};
	gicd_write(GICD_TYPER, 0x8u); /* 288 lines */
	vgicd_setup(&vm_a);
	vgicd_setup(&vm_b);

	cur = &vm_a.vcpus[0];
	vgicd_write(&vm_a, GICD_ISENABLER + 4, 4, BIT(16) | BIT(17));
	check("enable_own_only", gicd_read(GICD_ISENABLER + 4) == BIT(16) && vm_a.arch.vgicd.refused == 1);

	gicd_write(GICD_ISENABLER + 4, BIT(16) | BIT(17)); /* b enabled its own 49 */
	check("read_masks_foreign", rd(&vm_a, GICD_ISENABLER + 4, 4) == BIT(16));

	vgicd_write(&vm_a, GICD_ISPENDR + 4, 4, BIT(17));
	check("pend_foreign_refused", gicd_read(GICD_ISPENDR + 4) == 0 && vm_a.arch.vgicd.refused == 2);

	vgicd_write(&vm_a, GICD_ITARGETSR + 48, 1, 0xff);
	check("targets_to_cores", gicd_read8(GICD_ITARGETSR + 48) == 0x06);
	check("targets_from_cores", rd(&vm_a, GICD_ITARGETSR + 48, 1) == 0x03);
	gicd_write8(GICD_ITARGETSR + 49, 0x01);
	vgicd_write(&vm_a, GICD_ITARGETSR + 49, 1, 0x02);
	check("retarget_foreign_refused", gicd_read8(GICD_ITARGETSR + 49) == 0x01);

	vgicd_write(&vm_a, GICD_IPRIORITYR + 48, 4, 0x40404040u);
	check("priority_own_byte_only",
	      gicd_read8(GICD_IPRIORITYR + 48) == 0x40 && gicd_read8(GICD_IPRIORITYR + 49) == 0);

	vgicd_write(&vm_a, GICD_ICFGR + 12, 4, 0xffffffffu);
	check("icfgr_own_field_only", gicd_read(GICD_ICFGR + 12) == 0x3u);

	vgicd_write(&vm_a, GICD_ISENABLER, 4, BIT(25) | BIT(26) | BIT(27));
	check("hyp_ppis_reserved", gicd_read(GICD_ISENABLER) == BIT(27));

	check("typer_cpus", ((rd(&vm_a, GICD_TYPER, 4) >> 5) & 7u) == 1u &&
				    (rd(&vm_a, GICD_TYPER, 4) & 0x1fu) == 8u);

	{
		uint32_t refused = vm_a.arch.vgicd.refused, before = gicd_read(GICD_ISENABLER + 4);

		vgicd_write(&vm_a, GICD_ISENABLER + 4, 4, BIT(1)); /* ID 33: the vUART */
		check("vuart_irq_virtual_enable", vm_a.vuart.irq_enabled && vuart_updates == 1 &&
							  gicd_read(GICD_ISENABLER + 4) == before &&
							  vm_a.arch.vgicd.refused == refused);
		check("vuart_irq_reads_enabled", (rd(&vm_a, GICD_ISENABLER + 4, 4) & BIT(1)) != 0);
		vgicd_write(&vm_a, GICD_IPRIORITYR + 33, 1, 0x30);
		check("vuart_irq_priority_virtual",
		      vm_a.vuart.irq_prio == 0x30 && gicd_read8(GICD_IPRIORITYR + 33) == 0);
		vgicd_write(&vm_a, GICD_ICENABLER + 4, 4, BIT(1));
		check("vuart_irq_virtual_disable", !vm_a.vuart.irq_enabled);
	}

	posts = 0;
	vgicd_write(&vm_a, GICD_SGIR, 4, (0x02u << 16) | 5u);
	check("srt_sgi_virtual", posts == 1 && post_target == 1 && post_sgi == 5 && post_src == 0 &&
					 sgis_sent == 0);
	posts = 0;
	vgicd_write(&vm_a, GICD_SGIR, 4, (0xfcu << 16) | 3u);
	check("srt_sgi_foreign_refused", posts == 0);
	vgicd_write(&vm_a, GICD_SGIR, 4, (1u << 24) | 4u);
	check("srt_sgi_all_but_self", posts == 1 && post_target == 1);

	cur = &vm_b.vcpus[0];
	vgicd_write(&vm_b, GICD_SGIR, 4, (0x01u << 16) | 2u);
	check("hrt_sgi_physical", sgis_sent == 1 && sgi_mask == 0x01 && sgi_id == 2);
	vgicd_write(&vm_b, GICD_SGIR, 4, (0x0eu << 16) | 2u);
	check("hrt_sgi_foreign_dropped", sgis_sent == 1 && vm_b.arch.vgicd.refused == 1);
	gicd_write8(GICD_IPRIORITYR + 1, 0x80);
	check("hrt_owns_physical_sgis", rd(&vm_b, GICD_IPRIORITYR, 4) == 0x8000u);
	cur = &vm_a.vcpus[0];
	vgicd_write(&vm_a, GICD_IPRIORITYR, 4, 0x10203040u);
	check("srt_sgi_priority_virtual", gicd_read8(GICD_IPRIORITYR + 1) == 0x80 &&
						  rd(&vm_a, GICD_IPRIORITYR, 4) == 0x10203040u);
	cur = &vm_b.vcpus[0];
	check("wrong_vcpu_rejected", !vgicd_write(&vm_a, GICD_CTLR, 4, 1));
	check("unaligned_word_rejected", !vgicd_write(&vm_b, GICD_ISENABLER + 2, 4, 1));
	check("byte_enable_rejected", !vgicd_write(&vm_b, GICD_ISENABLER + 4, 1, 1));

	/* GICC_DIR of an hrt VM: its own interrupts only. */
	cur = &vm_b.vcpus[0];
	uint32_t refused = vm_b.arch.vgicd.refused;
	vgicc_dir_write(&vm_b, 0, 4, 49);
	vgicc_dir_write(&vm_b, 0, 4, 27);
	check("dir_own", dirs == 2 && dir_id == 27);
	vgicc_dir_write(&vm_b, 0, 4, 48); /* vm a's SPI */
	vgicc_dir_write(&vm_b, 0, 4, GIC_MAINT_IRQ);
	check("dir_foreign_refused", dirs == 2 && vm_b.arch.vgicd.refused == refused + 2);
	vgicc_dir_write(&vm_b, 0, 4, 1023);
	vgicc_dir_write(&vm_b, 4, 4, 49);
	check("dir_spurious_reserved_ignored", dirs == 2);
	check("dir_byte_rejected", !vgicc_dir_write(&vm_b, 0, 1, 49));
	check("dir_wrong_vcpu_rejected", !vgicc_dir_write(&vm_a, 0, 4, 48));
	return failures ? 1 : 0;
}

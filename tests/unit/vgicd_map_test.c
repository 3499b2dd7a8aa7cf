// SPDX-License-Identifier: MIT
/*
 * Host unit test of the vGICD's register map (src/arch/armv7/vgicd.c): the
 * one-step lookup by slot and word must find every register group at its
 * GICv2 offsets and nothing elsewhere, keep the access-size rules, and the
 * trap path's entries (vgicd_vcpu_read/write, the vCPU given) must check
 * ownership like the others. The physical distributor is a byte array.
 */
#include <stdio.h>
#include <string.h>

#include "console.h"
#include "arch/gic.h"
#include "arch/vgicd.h"
#include "vm.h"

static uint8_t gicd[0x1000];
static uint32_t gicd_writes;
static struct vcpu *cur;
static uint32_t posts, sgis_sent;
static int failures;

uint32_t gicd_read(uint32_t off) { uint32_t v; memcpy(&v, gicd + off, 4); return v; }
void gicd_write(uint32_t off, uint32_t val) { gicd_writes++; memcpy(gicd + off, &val, 4); }
uint8_t gicd_read8(uint32_t off) { return gicd[off]; }
void gicd_write8(uint32_t off, uint8_t val) { gicd_writes++; gicd[off] = val; }
void gicd_update(uint32_t off, uint32_t mask, uint32_t val)
{
	gicd_write(off, (gicd_read(off) & ~mask) | (val & mask));
}
void gic_send_sgi(uint32_t id, uint32_t core_mask) { (void)id; (void)core_mask; sgis_sent++; }
void vcpu_inject_sgi(struct vcpu *target, uint32_t sgi, uint32_t src)
{
	(void)target; (void)sgi; (void)src;
	posts++;
}
struct vcpu *vcpu_current(void) { return cur; }
void gic_deactivate(uint32_t id) { (void)id; }
const struct board_config board_config = {.uart_irq = 33};
void vuart_update_irq(struct vm *vm) { (void)vm; }
void log_printf(int level, const char *fmt, ...) { (void)level; (void)fmt; }

static void check(const char *name, int ok)
{
	printf("%s unit/vgicd_map/%s\n", ok ? "PASS" : "FAIL", name);
	failures += !ok;
}

/* One srt VM, 2 vCPUs on cores 1 and 2, owning SPI 48 and the PPIs. */
static struct vm_config cfg = {.name = "a", .id = 0, .level = VM_LEVEL_SRT, .nr_vcpus = 2,
			       .vcpu_pcpu = {1, 2}};
static struct vm vm;

static uint32_t rd(uint32_t off, uint32_t size)
{
	uint32_t v = 0xdeadbeef;

	return vgicd_vcpu_read(cur, off, size, &v) ? v : 0xdeadbeef;
}

/* Every byte of the distributor but the registers' own reads as zero and
 * ignores writes, in words and in bytes; halfwords are refused. */
static int reserved(uint32_t off)
{
	uint32_t writes = gicd_writes, refused = vm.arch.vgicd.refused;

	memset(gicd + off, 0x5a, 4);
	return rd(off, 4) == 0 && rd(off, 1) == 0 && vgicd_vcpu_write(cur, off, 4, ~0u) &&
	       vgicd_vcpu_write(cur, off, 1, 0xff) && !vgicd_vcpu_read(cur, off, 2, &(uint32_t){0}) &&
	       gicd_writes == writes && vm.arch.vgicd.refused == refused;
}

int main(void)
{
	static const uint32_t holes[] = {0x00c, 0x07c, 0xd00, 0xdfc, 0xe00, 0xefc, 0xf04,
					 0xf0c, 0xf30, 0xf7c, 0xf80, 0xfe0, 0xffc};
	int ok = 1;

	cfg.irq_bitmap[0] = 0xffff0000u;
	cfg.irq_bitmap[1] = BIT(16); /* SPI 48 */
	vm.cfg = &cfg;
	for (uint32_t n = 0; n < 2; n++)
		vm.vcpus[n] = (struct vcpu){.vm = &vm, .id = n, .pcpu = n + 1, .state = VCPU_ON};
	cur = &vm.vcpus[0];
	gicd_write(GICD_TYPER, 0x8u); /* 288 lines */
	vgicd_setup(&vm);

	for (uint32_t i = 0; i < sizeof(holes) / sizeof(holes[0]); i++)
		ok &= reserved(holes[i]);
	check("reserved_raz_wi", ok);

	check("typer", rd(GICD_TYPER, 4) == (0x8u | 1u << 5));
	vgicd_vcpu_write(cur, GICD_CTLR, 4, 3);
	check("ctlr", rd(GICD_CTLR, 4) == 3 && vm.arch.vgicd.ctlr == 3);
	check("outside_refused", !vgicd_vcpu_read(cur, 0x1000, 4, &(uint32_t){0}) &&
					 !vgicd_vcpu_write(cur, 0x1000, 4, 0));
	check("unaligned_refused", !vgicd_vcpu_write(cur, GICD_ISENABLER + 1, 4, 0));

	/* The last word of each bit group and of ICFGR, the ends of the byte
	 * groups: found, and ownership applied. */
	vgicd_vcpu_write(cur, GICD_ICACTIVER + 4, 4, BIT(16) | BIT(17));
	check("icactiver_word1", gicd_read(GICD_ICACTIVER + 4) == BIT(16) && vm.arch.vgicd.refused == 1);
	check("ispendr_last_word_foreign", rd(GICD_ISPENDR + 0x7c, 4) == 0);
	vgicd_vcpu_write(cur, GICD_IPRIORITYR + 48, 1, 0x40);
	check("priority_byte", gicd_read8(GICD_IPRIORITYR + 48) == 0x40);
	vgicd_vcpu_write(cur, GICD_IPRIORITYR + 0x3fc, 4, 0x40404040u);
	check("priority_last_word_foreign", gicd_read(GICD_IPRIORITYR + 0x3fc) == 0 &&
						    vm.arch.vgicd.refused == 1 + 4); /* a refusal per byte */
	vgicd_vcpu_write(cur, GICD_ITARGETSR + 48, 1, 0x2);
	check("targets_byte", gicd_read8(GICD_ITARGETSR + 48) == 0x4);
	check("icfgr_last_word_foreign", rd(GICD_ICFGR + 0xfc, 4) == 0);

	/* The hot write: owned bits in one store, the hypervisor's PPIs and the
	 * srt VM's physical SGIs never. */
	gicd_writes = 0;
	vgicd_vcpu_write(cur, GICD_ISENABLER, 4, BIT(27));
	check("enable_owned_one_store", gicd_writes == 1 && gicd_read(GICD_ISENABLER) == BIT(27) &&
						vm.arch.vgicd.refused == 5);
	vgicd_vcpu_write(cur, GICD_ISENABLER, 4, BIT(26) | BIT(25) | BIT(3));
	check("enable_hyp_ppis_sgis_refused", gicd_read(GICD_ISENABLER) == BIT(27) &&
						      vm.arch.vgicd.refused == 6);

	/* The SGI slot: SGIR, then CPENDSGIR and SPENDSGIR by 16 bytes. */
	posts = 0;
	vgicd_vcpu_write(cur, GICD_SGIR, 4, (0x02u << 16) | 5u);
	check("sgir", posts == 1);
	vgicd_vcpu_write(cur, GICD_SPENDSGIR + 3, 1, 0x1);
	check("spendsgir_byte", posts == 2);
	vgicd_vcpu_write(cur, GICD_CPENDSGIR + 0xf, 1, 0x1);
	check("cpendsgir_byte_not_injected", posts == 2 && sgis_sent == 0);
	check("sgir_byte_refused", !vgicd_vcpu_write(cur, GICD_SGIR, 1, 0));

	/* The checked entries still refuse another VM's vCPU. */
	{
		struct vm other = {.cfg = &cfg};
		struct vcpu ov = {.vm = &other};

		cur = &ov;
		check("vm_entry_checks_vcpu", !vgicd_write(&vm, GICD_CTLR, 4, 0) &&
						      !vgicd_read(&vm, GICD_TYPER, 4, &(uint32_t){0}));
		cur = &vm.vcpus[0];
	}
	return failures ? 1 : 0;
}

// SPDX-License-Identifier: MIT
/*
 * The hypervisor's own stage-1 translation (HTTBR): an identity map of the
 * 4 GiB physical space in 1 GiB LPAE blocks. Which gigabytes are normal
 * memory and which are devices comes from the board DT: the generator sets
 * board_config.ram_gib_mask and refuses a board whose GIC or console shares
 * a gigabyte with RAM. The boot core fills the table with its MMU off, so
 * the entries are in memory when the secondary cores walk it.
 */
#include "arch/hyp.h"
#include "arch/sysregs.h"
#include "vmconfig.h"

#define ATTR_DEVICE 0u /* HMAIR0 byte 0: Device-nGnRE */
#define ATTR_NORMAL 1u /* HMAIR0 byte 1: normal, inner/outer write-back RW-allocate */
#define HMAIR0_VALUE 0x0000ff04u

#define DESC_BLOCK 0x1ull
#define DESC_ATTR(i) ((uint64_t)(i) << 2)
#define DESC_AP_RW (1ull << 6) /* AP[2:1] = 01: RW; AP[1] is RES1 in Hyp */
#define DESC_SH_INNER (3ull << 8)
#define DESC_AF (1ull << 10)
#define DESC_XN (1ull << 54)

#define NORMAL_1G(n) (((uint64_t)(n) << 30) | DESC_BLOCK | DESC_ATTR(ATTR_NORMAL) | DESC_AP_RW | \
		      DESC_SH_INNER | DESC_AF)
#define DEVICE_1G(n) (((uint64_t)(n) << 30) | DESC_BLOCK | DESC_ATTR(ATTR_DEVICE) | DESC_AP_RW | \
		      DESC_AF | DESC_XN)

/* With T0SZ = 0 the level-1 table has 4 entries and must be 32-byte aligned. */
static uint64_t hyp_l1[4] __attribute__((aligned(32)));

ARM_CODE void mmu_arch_enable(uint32_t boot);
void mmu_arch_enable(uint32_t boot)
{
	if (boot) {
		for (uint32_t n = 0; n < 4u; n++)
			hyp_l1[n] = (board_config.ram_gib_mask & (1u << n)) ? NORMAL_1G(n) : DEVICE_1G(n);
		dsb();
	}
	write_hmair0(HMAIR0_VALUE);
	write_hmair1(0);
	write_htcr(HTCR_VALUE);
	write_httbr((uint64_t)(uintptr_t)hyp_l1);
	isb();
	tlbi_hyp_all();
	dsb();
	write_hsctlr((read_hsctlr() | HSCTLR_M | HSCTLR_C | HSCTLR_I) & ~(HSCTLR_A | HSCTLR_WXN));
	isb();
}

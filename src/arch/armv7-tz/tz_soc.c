// SPDX-License-Identifier: MIT
/*
 * The SoC's TrustZone registers (docs/trustzone.md, docs/boards/zc702.md):
 * the generator turned the partitions into register values
 * (tz_soc_config, tools/gen/check_tz_soc.c; $(O)/gen/tz-soc.txt says what
 * each bit is for). The boot core writes them before any world runs:
 * unlock, each register in order, lock. The readable ones are read back:
 * a value that did not stick (a locked or absent register) stops the
 * machine rather than run the Normal world beside RAM it could reach.
 * Then the other cores leave the boot ROM for the monitor's pen
 * (start.S): the Zynq's CPU 1 waits for an address at the release word
 * and an SEV.
 */
#include "console.h"
#include "lib.h"
#include "vmconfig.h"
#include "arch/cpu.h"
#include "arch/tz_soc.h"

extern char _start[];

static inline volatile uint32_t *reg(uint32_t pa)
{
	return (volatile uint32_t *)(uintptr_t)pa;
}

COLD void tz_soc_init(void)
{
	const struct tz_soc_config *t = &tz_soc_config;
	uint32_t bad = 0;

	*reg(t->unlock_pa) = t->unlock_key;
	for (uint32_t i = 0; i < t->nr && i < TZ_SOC_MAX_REGS; i++) {
		const struct tz_soc_reg *r = &t->reg[i];

		*reg(r->pa) = r->val;
		dsb_sy();
		if (r->readback && *reg(r->pa) != r->val) {
			pr_err("TrustZone: 0x%08x reads 0x%08x after writing 0x%08x", r->pa,
			       *reg(r->pa), r->val);
			bad++;
		}
	}
	*reg(t->lock_pa) = t->lock_key;
	dsb_sy();
	if (bad) {
		pr_err("TrustZone: the SoC's security registers are not as the partitions need: "
		       "stopping before any world runs");
		cpu_halt();
	}
	pr_info("TrustZone: %u SoC security registers written (gen/tz-soc.txt)", t->nr);
	if (t->release_pa) {
		*reg(t->release_pa) = (uint32_t)(uintptr_t)_start;
		dsb_sy();
		sev();
	}
}

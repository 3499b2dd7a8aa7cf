// SPDX-License-Identifier: MIT
/* Per-core Hyp setup and cache maintenance. */
#include "arch/cpu.h"
#include "arch/hyp.h"
#include "arch/sysregs.h"
#include "console.h"
#include "arch/gic.h"
#include "htimer.h"
#include "pcpu.h"
#include "arch/vcpu_ctx.h"
#include "arch/vgic.h"

void cpu_halt(void)
{
	__asm__ volatile("cpsid aif" ::: "memory");
	for (;;)
		wfi();
}

void cpu_arch_init(uint32_t index)
{
	UNUSED(index);
	/* Guests see the real MIDR; VMPIDR is set per vCPU. */
	write_vpidr(read_midr());
	/* Trap all of CP15 c15 (IMPLEMENTATION DEFINED: CBAR, and on silicon
	 * power, cache and TLB debug registers), at PL1 and PL0 (cp15.c). HCR's
	 * TIDCP traps it too at PL1, but not every implementation honours it
	 * (QEMU 7.2 does not). Allow the guest its FPU (cp10/11), ASE, trace. */
	write_hstr(BIT(15));
	write_hcptr(read_hcptr() & ~(BIT(10) | BIT(11) | BIT(15) | BIT(20)));
	/* Guests use the generic timer as on bare metal: physical counter and
	 * timer accessible from PL1 (CNTHCTL.PL1PCTEN, PL1PCEN) and a zero
	 * virtual offset, so the virtual count is the monotonic system count. */
	write_cnthctl(0x3u);
	/* The hypervisor timer's line low, whatever it was before (a boot
	 * loader's, or a line QEMU kept high across a reset: as the control
	 * register then reads 0, no other write lowers it): an IMASK change
	 * makes QEMU re-evaluate it. */
	write_cnthp_ctl(2u);
	write_cnthp_ctl(0);
	write_cntvoff(0);
	write_vtcr(VTCR_VALUE);
	isb();
}

void cache_clean_range(const void *start, size_t len)
{
	uint32_t line = 4u << ((read_ctr() >> 16) & 0xfu); /* CTR.DminLine, in words */
	uintptr_t a = (uintptr_t)start & ~(uintptr_t)(line - 1u);
	uintptr_t end = (uintptr_t)start + len;

	dsb();
	for (; a < end; a += line)
		__asm__ volatile("mcr p15, 0, %0, c7, c10, 1" : : "r"(a) : "memory"); /* DCCMVAC */
	dsb();
}

void cache_clean_invalidate_range(const void *start, size_t len)
{
	uint32_t line = 4u << ((read_ctr() >> 16) & 0xfu);
	uintptr_t a = (uintptr_t)start & ~(uintptr_t)(line - 1u);
	size_t n = (len + ((uintptr_t)start - a) + line - 1u) / line; /* no end address: RAM may end at 4 GiB */

	dsb();
	for (size_t i = 0; i < n; i++, a += line)
		__asm__ volatile("mcr p15, 0, %0, c7, c14, 1" : : "r"(a) : "memory"); /* DCCIMVAC */
	dsb();
}

void icache_invalidate_all(void)
{
	__asm__ volatile("mcr p15, 0, %0, c7, c1, 0\n" /* ICIALLUIS */
			 "mcr p15, 0, %0, c7, c1, 6\n" /* BPIALLIS */
			 : : "r"(0) : "memory");
	dsb();
	isb();
}

void hyp_bad_exception(uint32_t kind, uint32_t elr);
COLD void hyp_bad_exception(uint32_t kind, uint32_t elr)
{
	static const char *const kinds[] = {"reset", "undefined instruction", "HVC/SVC",
					    "prefetch abort", "data abort"};
	panic("PANIC: %s in Hyp at 0x%08x (HSR 0x%08x, HDFAR 0x%08x)",
	      kind < ARRAY_SIZE(kinds) ? kinds[kind] : "?", elr, read_hsr(), read_hdfar());
}

uint64_t cpu_arch_counter(void)
{
	isb(); /* not read early, out of order */
	return read_cntpct();
}

uint32_t cpu_arch_counter_hz(void)
{
	return read_cntfrq();
}

void htimer_arch_program(uint64_t when)
{
	if (when == HTIMER_NEVER) {
		write_cnthp_ctl(0);
		return;
	}
	write_cnthp_cval(when);
	write_cnthp_ctl(1); /* enabled, not masked */
	isb();
}

void cpu_arch_shared_init(void)
{
	gic_cpu_init(GIC_PMR_ALL);
	vgic_disable(); /* until a vCPU's state is restored */
	vcpu_ctx_core_reset(pcpu_this()->id); /* its banked PPIs were just reset */
	isb();
}

void cpu_arch_wait_irq(uint32_t max)
{
	struct pcpu *c = pcpu_this();

	/* IRQs stay masked in Hyp: wfi wakes on a pending one all the same,
	 * and it is then acknowledged here rather than taken. */
	dsb();
	wfi();
	for (uint32_t i = 0; i < max; i++) {
		if (!gic_handle_irq(c))
			break;
		c->trap_count[TRAP_IRQ]++;
	}
}

void cpu_arch_wait_kick(uint32_t max)
{
	struct pcpu *c = pcpu_this();

	dsb();
	wfi();
	for (uint32_t i = 0; i < max; i++)
		if (!gic_handle_irq_waiting(c))
			break;
}

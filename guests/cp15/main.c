/*
 * cp15: the CP15 accesses the hypervisor traps (HCR.TSW, TAC, TIDCP) and
 * what it makes of them: set/way cache maintenance is trapped and survives,
 * ACTLR reads a stable value and ignores writes, the Cortex-A15/A7
 * IMPLEMENTATION DEFINED L2CTLR shows this VM's vCPU count, CBAR reads 0;
 * a conditional access that fails its condition does nothing; an
 * IMPLEMENTATION DEFINED access the hypervisor does not emulate stops the VM;
 * built with -DUSER_C15 (cp15_user), a c15 access from user mode is instead
 * an Undefined Instruction exception in the guest.
 */
#include "guest.h"

#define TRAP_SYSREG 9u

#define MCR(op1, crn, crm, op2, v) \
	__asm__ volatile("mcr p15, " #op1 ", %0, " #crn ", " #crm ", " #op2 : : "r"(v) : "memory")
#define MRC(op1, crn, crm, op2) \
	({ uint32_t _v; __asm__ volatile("mrc p15, " #op1 ", %0, " #crn ", " #crm ", " #op2 \
					 : "=r"(_v) : : "memory"); _v; })

static uint32_t traps(void)
{
	return hc_trap_count(TRAP_SYSREG);
}

int main(void)
{
	const char *name = guest_name();
	uint32_t t0, t1, a, b, l2, cbar;

	/* Set/way: a set 5 / way 1 op of L1 and L2, then set 0 / way 0 of L1
	 * (the op that ends a sweep: one clean+invalidate of this VM's RAM). */
	t0 = traps();
	MCR(0, c7, c6, 2, (1u << 31) | (5u << 6) | (0u << 1));	/* DCISW L1 */
	MCR(0, c7, c10, 2, (1u << 31) | (5u << 6) | (1u << 1));	/* DCCSW L2 */
	MCR(0, c7, c14, 2, 0u);					/* DCCISW L1 set 0 way 0 */
	t1 = traps();
	printf("cp15: set/way ops trapped %lu\n", t1 - t0);

	a = MRC(0, c1, c0, 1);	/* ACTLR */
	MCR(0, c1, c0, 1, a ^ (1u << 6));
	b = MRC(0, c1, c0, 1);
	printf("cp15: actlr %s\n", a == b ? "write ignored" : "ERROR write took effect");

	l2 = MRC(1, c9, c0, 2);	/* L2CTLR */
	printf("cp15: l2ctlr cores %lu\n", ((l2 >> 24) & 3u) + 1u);
	cbar = MRC(4, c15, c0, 0);	/* CBAR */
	printf("cp15: cbar 0x%08lx\n", cbar);

	/* Fails its condition (Z is set): must not act, whether it traps or not
	 * (an unknown c15 write that acted would stop the VM here). */
	__asm__ volatile("cmp %0, %0\n\tmcrne p15, 0, %1, c15, c0, 0"
			 : : "r"(0u), "r"(0u) : "cc", "memory");
	printf("cp15: conditional op skipped\n");

#ifdef USER_C15
	/* From user mode: the guest itself must get the Undefined Instruction
	 * exception (guest_exception reports it and powers the VM off). */
	printf("cp15: %s now reads CBAR in user mode\n", name);
	__asm__ volatile("cps #0x10\n\tmrc p15, 4, r0, c15, c0, 0" : : : "r0", "memory");
	for (;;)
		;
#else
	/* L2ACTLR (Cortex-A15/A57: L2 auxiliary control), a register the
	 * hypervisor does not emulate. */
	printf("cp15: %s now writes an unknown c15 register\n", name);
	MCR(1, c15, c0, 0, 0u);
	printf("cp15: ERROR survived an unknown c15 write\n");
	psci_system_off();
#endif
}

/*
 * tz_regs: a Normal-world partition that checks the monitor's world switch
 * (tests/qemu/tz_shared_regs, docs/trustzone.md "Shared layout"). On the
 * Secure RTOS's core every RTOS interrupt while this partition runs takes
 * the core away through the monitor and back, and the registers the
 * Cortex-A9 does not bank by security state are one set for both worlds:
 * the monitor must save and restore them. So, each round: fill SP/LR/SPSR
 * of FIQ, IRQ, Abort, Undefined, FIQ's r8-r12, User's SP/LR and CPACR's
 * cp10/cp11 bits with a round's pattern, spin long enough for many
 * switches (IRQs masked: no exception of its own touches them), read them
 * all back and count what differs. Then SYSTEM_OFF.
 */
#include "guest.h"

#define ROUNDS	  8u
#define SPINS	  300000u
#define NR_REGS	  20u /* FIQ 8, IRQ 3, ABT 3, UND 3, USR 2, CPACR 1 */
#define CPACR_FP  0x00f00000u /* cp10, cp11: full access (NSACR lets it) */

static const char *const names[NR_REGS] = {
	"fiq spsr", "fiq r8", "fiq r9", "fiq r10", "fiq r11", "fiq r12", "fiq sp", "fiq lr",
	"irq spsr", "irq sp", "irq lr", "abt spsr", "abt sp", "abt lr", "und spsr", "und sp",
	"und lr", "usr sp", "usr lr", "cpacr"};

/* p: FIQ {spsr, r8-r12, sp, lr}, IRQ/ABT/UND {spsr, sp, lr}, USR {sp, lr}. */
static void fill(const uint32_t *vals)
{
	register const uint32_t *p __asm__("r0") = vals;

	__asm__ volatile("mrs	r7, cpsr\n"
			 "cps	#0x11\n"
			 "ldmia	r0!, {r1, r8-r12, sp, lr}\n"
			 "msr	spsr_fsxc, r1\n"
			 "cps	#0x12\n"
			 "ldmia	r0!, {r1, sp, lr}\n"
			 "msr	spsr_fsxc, r1\n"
			 "cps	#0x17\n"
			 "ldmia	r0!, {r1, sp, lr}\n"
			 "msr	spsr_fsxc, r1\n"
			 "cps	#0x1b\n"
			 "ldmia	r0!, {r1, sp, lr}\n"
			 "msr	spsr_fsxc, r1\n"
			 "cps	#0x1f\n"
			 "ldmia	r0!, {sp, lr}\n"
			 "msr	cpsr_c, r7\n"
			 "ldr	r1, [r0]\n"
			 "mcr	p15, 0, r1, c1, c0, 2\n"
			 "isb\n"
			 : "+r"(p)
			 :
			 : "r1", "r7", "memory");
}

static void read_back(uint32_t *out)
{
	register uint32_t *p __asm__("r0") = out;

	__asm__ volatile("mrs	r7, cpsr\n"
			 "cps	#0x11\n"
			 "mrs	r1, spsr\n"
			 "stmia	r0!, {r1, r8-r12, sp, lr}\n"
			 "cps	#0x12\n"
			 "mrs	r1, spsr\n"
			 "stmia	r0!, {r1, sp, lr}\n"
			 "cps	#0x17\n"
			 "mrs	r1, spsr\n"
			 "stmia	r0!, {r1, sp, lr}\n"
			 "cps	#0x1b\n"
			 "mrs	r1, spsr\n"
			 "stmia	r0!, {r1, sp, lr}\n"
			 "cps	#0x1f\n"
			 "stmia	r0!, {sp, lr}\n"
			 "msr	cpsr_c, r7\n"
			 "mrc	p15, 0, r1, c1, c0, 2\n"
			 "str	r1, [r0]\n"
			 : "+r"(p)
			 :
			 : "r1", "r7", "memory");
}

/* A value per register and round; SPSRs keep a valid mode (SVC). */
static uint32_t value(uint32_t round, uint32_t i)
{
	uint32_t v = (round + 1u) * 0x9e3779b9u ^ (i * 0x01000193u);

	if (i == 0u || i == 8u || i == 11u || i == 14u)
		return (v & 0xf0000000u) | 0x1d3u;
	if (i == 19u)
		return round & 1u ? CPACR_FP : 0u;
	return v & ~3u;
}

int main(void)
{
	uint32_t vals[NR_REGS], got[NR_REGS], bad = 0;

	printf("tz_regs: %u rounds of %u spins\n", ROUNDS, SPINS);
	__asm__ volatile("cpsid i" ::: "memory");
	for (uint32_t r = 0; r < ROUNDS; r++) {
		for (uint32_t i = 0; i < NR_REGS; i++)
			vals[i] = value(r, i);
		fill(vals);
		for (volatile uint32_t n = 0; n < SPINS; n++)
			;
		read_back(got);
		for (uint32_t i = 0; i < NR_REGS; i++)
			if (got[i] != vals[i]) {
				bad++;
				printf("tz_regs: round %lu: %s 0x%08lx, not 0x%08lx\n", r, names[i],
				       got[i], vals[i]);
			}
	}
	printf("tz_regs: %lu registers differ\n", bad);
	psci_system_off();
}

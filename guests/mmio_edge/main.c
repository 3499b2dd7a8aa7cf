/*
 * mmio_edge: the trapped-MMIO accesses besides the hot word ones, each
 * checked against what the device must give: narrow reads sign- or
 * zero-extended (vUART, vGICD), a transfer register from r8-r12, one of
 * them banked in FIQ mode, narrow UARTDR writes. Then a halfword read of
 * GICD_TYPER, which a GICv2 refuses: the hypervisor must stop this VM at
 * that instruction (the test compares the pc it reports with ours).
 */
#include "guest.h"
#include "gic.h"
#include "uart.h"

#define UARTFR 0x018u

/* One load instruction each, so the trapped access is exactly that one
 * (0x90 from UARTFR when no input waits: TXFE | RXFE). */
#define LOAD_FN(name)                                                                              \
	static uint32_t name(uintptr_t a)                                                          \
	{                                                                                          \
		uint32_t v;                                                                        \
                                                                                                   \
		__asm__ volatile(#name " %0, [%1]" : "=r"(v) : "r"(a) : "memory");                 \
		return v;                                                                          \
	}

LOAD_FN(ldrsb)
LOAD_FN(ldrb)
LOAD_FN(ldrsh)

/* A load into r9, not banked in SVC mode. */
static uint32_t ldr_r9(uintptr_t a)
{
	uint32_t v;

	__asm__ volatile("ldr r9, [%1]\n\tmov %0, r9" : "=r"(v) : "r"(a) : "r9", "memory");
	return v;
}

/* A load into FIQ mode's own r9; SVC's r9 must keep its 0x55. */
static void ldr_fiq_r9(uintptr_t a, uint32_t *fiq, uint32_t *svc)
{
	register uint32_t r0 __asm__("r0");
	register uint32_t r1 __asm__("r1") = a;
	register uint32_t r3 __asm__("r3");

	__asm__ volatile("mov	r9, #0x55\n\t"
			 "mrs	r2, cpsr\n\t"
			 "cpsid	if\n\t"
			 "cps	#0x11\n\t"
			 "ldr	r9, [r1]\n\t"
			 "mov	r0, r9\n\t"
			 "msr	cpsr_c, r2\n\t"
			 "mov	r3, r9"
			 : "=r"(r0), "=r"(r3)
			 : "r"(r1)
			 : "r2", "r9", "memory", "cc");
	*fiq = r0;
	*svc = r3;
}

void edge_ldrh(void);

int main(void)
{
	uintptr_t fr = UART_BASE + UARTFR, typer = GICD_BASE + GICD_TYPER;
	uintptr_t sgi1_prio = GICD_BASE + GICD_IPRIORITYR + 1u;
	uint32_t fiq, svc;

	printf("mmio_edge: ldrsb fr = 0x%08lx, ldrb fr = 0x%08lx, ldrsh fr = 0x%08lx\n", ldrsb(fr),
	       ldrb(fr), ldrsh(fr));
	gicd_write8(GICD_IPRIORITYR + 1u, 0xa0); /* SGI 1: virtual, all 8 bits kept */
	printf("mmio_edge: ldrsb prio = 0x%08lx, ldrb prio = 0x%08lx\n", ldrsb(sgi1_prio),
	       ldrb(sgi1_prio));
	printf("mmio_edge: r9 typer %s\n", ldr_r9(typer) == gicd_read32(GICD_TYPER) ? "ok" : "BAD");
	ldr_fiq_r9(fr, &fiq, &svc);
	printf("mmio_edge: fiq r9 = 0x%08lx, svc r9 = 0x%08lx\n", fiq, svc);
	/* "ok\n" through byte, halfword and word writes with other bits set. */
	*(volatile uint8_t *)UART_BASE = 'o';
	*(volatile uint16_t *)UART_BASE = 0x336bu;
	*(volatile uint32_t *)UART_BASE = 0xabcdef0au;
	printf("mmio_edge: ldrh typer at 0x%08lx\n", (uint32_t)(uintptr_t)edge_ldrh);
	__asm__ volatile(".global edge_ldrh\n"
			 "edge_ldrh:\n\t"
			 "ldrh	r0, [%0]"
			 :
			 : "r"(typer)
			 : "r0", "memory");
	printf("mmio_edge: ERROR still running\n");
	psci_system_off();
}

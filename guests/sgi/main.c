/*
 * sgi: ping-pong between two vCPUs with software-generated interrupts.
 * vCPU 0 sends SGI 1 to vCPU 1, whose handler answers with SGI 2; both
 * handlers check that the IAR names the other vCPU as the source.
 */
#include "guest.h"
#include "gic.h"
#include "irq.h"
#include "timer.h"

#define PING_SGI	1u	/* vCPU 0 -> vCPU 1 */
#define PONG_SGI	2u	/* vCPU 1 -> vCPU 0 */
#define ROUND_TRIPS	((uint32_t)100)
#define NO_BAD_SRC	0xffffffffu
/* Per round trip; generous, as every hop goes through the hypervisor. */
#define TRIP_TIMEOUT	3125000u	/* ticks: 50 ms at 62.5 MHz */
#define BOOT_TIMEOUT	62500000u	/* ticks: 1 s for vCPU 1 to come up */

static volatile uint32_t vcpu1_ready;
static volatile uint32_t pongs;
static volatile uint32_t bad_src = NO_BAD_SRC;	/* first wrong source seen */

static void check_source(uint32_t iar, uint32_t want)
{
	if (GICC_IAR_SRC(iar) != want && bad_src == NO_BAD_SRC)
		bad_src = GICC_IAR_SRC(iar);
}

/* On vCPU 1. */
static void ping_irq(uint32_t iar)
{
	check_source(iar, 0);
	gicd_send_sgi(PONG_SGI, 1u << 0);
}

/* On vCPU 0. */
static void pong_irq(uint32_t iar)
{
	check_source(iar, 1);
	pongs++;
}

static void vcpu1_main(uint32_t arg)
{
	(void)arg;
	/* The CPU interface is per vCPU; SGIs need no enable in GICv2. */
	gicc_init();
	dsb();
	vcpu1_ready = 1;
	/* Nothing to do but answer pings, until vCPU 0 ends the VM. */
	irq_disable_local();
	for (;;)
		wait_for_irq();
}

/* Busy-wait with IRQs unmasked: a lost SGI must not hang the VM in wfi. */
static bool wait_until(volatile uint32_t *v, uint32_t want, uint32_t ticks)
{
	uint64_t end = timer_virt_count() + ticks;

	while (*v < want)
		if (timer_virt_count() >= end)
			return false;
	return true;
}

int main(void)
{
	const char *name = guest_name();
	uint32_t ok = 0;
	int32_t r;

	irq_set_handler(PING_SGI, ping_irq);
	irq_set_handler(PONG_SGI, pong_irq);
	gicd_enable();
	gicc_init();

	r = psci_cpu_on(1, vcpu1_main, 0);
	if (r != PSCI_RET_SUCCESS)
		printf("sgi: cpu_on 1 failed -> %ld\n", r);
	else if (!wait_until(&vcpu1_ready, 1, BOOT_TIMEOUT))
		printf("sgi: vcpu 1 did not come up\n");
	else {
		irq_enable_local();
		for (uint32_t i = 0; i < ROUND_TRIPS; i++) {
			uint32_t want = pongs + 1;

			gicd_send_sgi(PING_SGI, 1u << 1);
			if (wait_until(&pongs, want, TRIP_TIMEOUT))
				ok++;
		}
		irq_disable_local();
	}

	printf("sgi: %lu/%lu round trips ok\n", ok, ROUND_TRIPS);
	if (bad_src == NO_BAD_SRC)
		printf("sgi: source ids ok\n");
	else
		printf("sgi: bad source id %lu\n", bad_src);
	printf("bye from %s\n", name);
	psci_system_off();
}

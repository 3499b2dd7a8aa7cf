/*
 * race: races PSCI calls on the two vCPUs of one VM, life after life. The
 * life count survives SYSTEM_RESET in the last word of RAM (outside the
 * image, which a reset copies afresh). Each life runs one race and ends in
 * a SYSTEM_RESET; the last one ends the VM with SYSTEM_OFF. The hypervisor
 * must keep one consistent outcome per race: exactly one reset per life,
 * every accepted CPU_ON starting vCPU 1 exactly once, and no call of a VM
 * that is stopped (or resetting) acting afterwards.
 *
 * Races, by life % 3:
 *   0  both vCPUs call SYSTEM_RESET at once: one reset, the other caller parks
 *   1  vCPU 0 storms CPU_ON at vCPU 1, which calls CPU_OFF as soon as it runs;
 *      then a reset
 *   2  vCPU 1 calls SYSTEM_RESET while vCPU 0 storms CPU_ON / AFFINITY_INFO /
 *      hypercalls (an hrt vCPU 0 is not kicked: it parks at its next trap)
 * Last life (FINAL):
 *   0  "duel": vCPU 1 SYSTEM_OFF while vCPU 0 SYSTEM_RESET: either the VM
 *      stops, or it resets once and runs the sequenced end below
 *   1  "sequenced": vCPU 1 SYSTEM_OFF; then vCPU 0, which nobody kicked if the
 *      VM is hrt, calls SYSTEM_RESET: it must not revive the stopped VM
 * Only vCPU 0 prints, between races, so VM lines never interleave.
 */
#include "guest.h"

#ifndef LIVES
#define LIVES 24u
#endif
#ifndef FINAL
#define FINAL 0
#endif
#define STORM_ROUNDS 300u
#define WAIT_LOOPS 50000000u
#define SETTLE_LOOPS 2000000u
#define MARK_MAGIC 0x52430000u /* "RC" + next life in the low 16 bits */
#define MARK_MASK 0xffff0000u

static volatile uint32_t ready1;  /* vCPU 1 is in place */
static volatile uint32_t go;      /* vCPU 0 says: now */
static volatile uint32_t entries; /* vCPU 1 starts this life */
static volatile uint32_t error1;  /* vCPU 1 saw something wrong */

static void spin_loops(uint32_t n)
{
	for (volatile uint32_t i = 0; i < n; i++)
		;
}

/* Bounded wait for *p != 0. */
static bool wait_set(volatile uint32_t *p)
{
	for (uint32_t i = 0; i < WAIT_LOOPS; i++)
		if (*p)
			return true;
	return false;
}

static void v1_reset(uint32_t arg)
{
	(void)arg;
	ready1 = 1;
	dsb();
	if (wait_set(&go))
		psci_system_reset();
	error1 = 1; /* returned: neither parked nor reset */
	dsb();
	park();
}

static void v1_off(uint32_t arg)
{
	(void)arg;
	entries = entries + 1;
	dsb();
	psci_cpu_off();
	error1 = 2;
	dsb();
	park();
}

static void v1_system_off(uint32_t arg)
{
	(void)arg;
	ready1 = 1;
	dsb();
	if (wait_set(&go))
		psci_system_off();
	park();
}

static void v1_off_first(uint32_t arg)
{
	(void)arg;
	go = 1; /* "I am calling SYSTEM_OFF now" */
	dsb();
	psci_system_off();
	park();
}

static void fail(uint32_t life, const char *what, int32_t r)
{
	printf("race: ERROR life %lu: %s (%ld)\n", life, what, r);
	psci_system_off();
}

static void race_double_reset(uint32_t life)
{
	int32_t r = psci_cpu_on(1, v1_reset, 0);

	if (r != PSCI_RET_SUCCESS)
		fail(life, "cpu_on", r);
	if (!wait_set(&ready1))
		fail(life, "vcpu 1 did not start", 0);
	go = 1;
	dsb();
	psci_system_reset();
	fail(life, "system_reset returned", (int32_t)error1);
}

static void race_on_off_storm(uint32_t life)
{
	uint32_t ok = 0;
	uint32_t i;

	for (uint32_t n = 0; n < STORM_ROUNDS; n++) {
		int32_t r = psci_cpu_on(1, v1_off, 0);

		if (r == PSCI_RET_SUCCESS)
			ok++;
		else if (r != PSCI_RET_ALREADY_ON && r != PSCI_RET_ON_PENDING)
			fail(life, "cpu_on in the storm", r);
	}
	/* Every accepted CPU_ON starts vCPU 1 exactly once, and it ends off. */
	for (i = 0; i < WAIT_LOOPS; i++)
		if (entries == ok && psci_affinity_info(1, 0) == 1)
			break;
	if (i == WAIT_LOOPS || error1)
		printf("race: ERROR life %lu: %lu CPU_ON accepted, vcpu 1 started %lu times%s\n",
		       life, ok, entries, error1 ? ", cpu_off returned" : "");
	else
		printf("race: life %lu storm ok\n", life);
	psci_system_reset();
	fail(life, "system_reset returned", 0);
}

static void v1_resetter(uint32_t arg)
{
	(void)arg;
	ready1 = 1;
	dsb();
	spin_loops(20000);
	psci_system_reset();
	error1 = 3;
	dsb();
	park();
}

static void race_reset_from_1(uint32_t life)
{
	int32_t r = psci_cpu_on(1, v1_resetter, 0);

	if (r != PSCI_RET_SUCCESS)
		fail(life, "cpu_on", r);
	if (!wait_set(&ready1))
		fail(life, "vcpu 1 did not start", 0);
	/* Keep trapping until the reset takes this vCPU away. */
	for (uint32_t n = 0; n < WAIT_LOOPS; n++) {
		r = psci_cpu_on(1, v1_resetter, 0);
		if (r != PSCI_RET_ALREADY_ON)
			fail(life, "cpu_on during the reset", r);
		(void)psci_affinity_info(1, 0);
		(void)hc_version();
		if (error1)
			fail(life, "vcpu 1's system_reset returned", (int32_t)error1);
	}
	fail(life, "vcpu 0 survived vcpu 1's reset", 0);
}

static void final_duel(uint32_t life)
{
	int32_t r = psci_cpu_on(1, v1_system_off, 0);

	if (r != PSCI_RET_SUCCESS)
		fail(life, "cpu_on", r);
	if (!wait_set(&ready1))
		fail(life, "vcpu 1 did not start", 0);
	go = 1;
	dsb();
	psci_system_reset();
	fail(life, "system_reset returned", 0);
}

static void final_sequenced(uint32_t life)
{
	int32_t r = psci_cpu_on(1, v1_off_first, 0);

	if (r != PSCI_RET_SUCCESS)
		fail(life, "cpu_on", r);
	if (!wait_set(&go))
		fail(life, "vcpu 1 did not start", 0);
	/* Let vCPU 1's SYSTEM_OFF complete: the VM is stopped from here on.
	 * An srt vCPU 0 is kicked and parks meanwhile; an hrt one runs on
	 * and traps with a call of a stopped VM. */
	spin_loops(SETTLE_LOOPS);
	psci_system_reset();
	printf("race: ERROR life %lu: system_reset of a stopped VM returned\n", life);
	psci_system_off();
}

int main(void)
{
	uint32_t base, size, life = 0;
	volatile uint32_t *mark;

	if (hc_mem_info(&base, &size) < 0 || size < 4)
		fail(0, "no memory info", 0);
	mark = (volatile uint32_t *)(uintptr_t)(base + size - 4);
	if ((*mark & MARK_MASK) == MARK_MAGIC)
		life = *mark & ~MARK_MASK;
	*mark = MARK_MAGIC | (life + 1u);
	dsb();

	if (life < LIVES) {
		static const char *const names[3] = {"double reset", "on/off storm",
						     "reset from vcpu 1"};

		printf("race: life %lu: %s\n", life, names[life % 3]);
		if (life % 3 == 0)
			race_double_reset(life);
		else if (life % 3 == 1)
			race_on_off_storm(life);
		else
			race_reset_from_1(life);
	}
	if (FINAL == 0 && life == LIVES) {
		printf("race: final duel\n");
		final_duel(life);
	}
	printf("race: final sequenced\n");
	final_sequenced(life);
	return 0;
}

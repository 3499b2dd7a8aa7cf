/*
 * tz_hostile: a Normal-world partition of the TrustZone mode that attacks
 * the Secure world (tests/qemu/tz_hostile, docs/trustzone.md). It prints
 * what it could read back; the test asserts on every value and on the
 * Secure RTOS's run beside it. In order:
 *  1. masks FIQs (cpsid f, msr cpsr_c): SCR.FW = 0, CPSR.F must stay clear;
 *  2. rewrites the Group 0 configuration of UART0's SPI 37 (the monitor's
 *     and the RTOS's) and of its own core's SGI 15 (the monitor's kick):
 *     IGROUPR, ISENABLER, ISPENDR, ITARGETSR, IPRIORITYR, ICENABLER,
 *     ICPENDR; raises SGI 15 on itself and every SGI on the RTOS's core;
 *     then the IAR must read 1023 and no FIQ may have reached the monitor;
 *  3. sends every fast-call function ID of every owner (32- and 64-bit
 *     conventions, function numbers 0-0xff and 0xff00-0xffff) and a few
 *     yielding ones that are not a known call: each must get NOT_SUPPORTED;
 *     this is also the SMC storm the RTOS must not notice;
 *  4. known calls with malformed arguments: buffers in the Secure RTOS's
 *     RAM and the monitor's, CPU_ON/AFFINITY_INFO of cores it does not own;
 *  5. SYSTEM_RESET (the second boot sees a marker in its last RAM word),
 *     then SYSTEM_OFF: only this partition stops.
 */
#include "gic.h"
#include "guest.h"

#define RTOS_SPI	 37u	     /* UART0: Group 0, the Secure world's */
#define KICK_SGI	 15u	     /* Group 0 on a Non-secure core: the monitor's */
#define RTOS_RAM	 0x62000000u /* the Secure RTOS's image */
#define MONITOR_RAM	 0x60000000u
#define RESET_MARKER	 0x484f5354u /* "HOST" */
#define CPSR_F		 (1u << 6)
#define SHIKIRI_TRAP_IRQ 0u /* monitor entries for an interrupt (the kick) */
#define ARRAY_SIZE(a)	 (sizeof(a) / sizeof((a)[0]))

static uint32_t cpsr(void)
{
	uint32_t v;

	__asm__ volatile("mrs %0, cpsr" : "=r"(v));
	return v;
}

static uint32_t bit(uint32_t id)
{
	return 1u << (id % 32u);
}

static void fiq_mask(void)
{
	__asm__ volatile("cpsid f" ::: "memory");
	printf("tz_hostile: cpsid f: CPSR.F %lu\n", (cpsr() & CPSR_F) ? 1ul : 0ul);
	__asm__ volatile("msr cpsr_c, %0" ::"r"((cpsr() & 0xffu) | CPSR_F) : "memory");
	printf("tz_hostile: msr cpsr_c F: CPSR.F %lu\n", (cpsr() & CPSR_F) ? 1ul : 0ul);
}

static void gic_attack(void)
{
	uint32_t w = 4u * (RTOS_SPI / 32u);
	uint32_t before = hc_trap_count(SHIKIRI_TRAP_IRQ), iar;

	gicc_write32(GICC_PMR, 0xffu);
	gicc_write32(GICC_CTLR, 1u); /* the Non-secure view: Group 1 on */
	gicd_write32(GICD_CTLR, 3u);
	/* everything to Group 1, then enable, route here, raise */
	gicd_write32(0x080u + w, 0xffffffffu); /* GICD_IGROUPR */
	gicd_write32(0x080u, 0xffffffffu);
	gicd_write8(GICD_ITARGETSR + RTOS_SPI, 0x02u);
	gicd_write8(GICD_IPRIORITYR + RTOS_SPI, 0x00u);
	gicd_write8(GICD_IPRIORITYR + KICK_SGI, 0xf0u);
	gicd_write32(GICD_ISENABLER + w, bit(RTOS_SPI));
	gicd_write32(GICD_ISPENDR + w, bit(RTOS_SPI));
	printf("tz_hostile: spi %u: igroupr %lu isenabler %lu ispendr %lu itargetsr 0x%02x "
	       "ipriorityr 0x%02x\n",
	       RTOS_SPI, (gicd_read32(0x080u + w) >> (RTOS_SPI % 32u)) & 1u,
	       (gicd_read32(GICD_ISENABLER + w) >> (RTOS_SPI % 32u)) & 1u,
	       (gicd_read32(GICD_ISPENDR + w) >> (RTOS_SPI % 32u)) & 1u,
	       (unsigned)gicd_read8(GICD_ITARGETSR + RTOS_SPI),
	       (unsigned)gicd_read8(GICD_IPRIORITYR + RTOS_SPI));
	printf("tz_hostile: sgi %u: igroupr %lu isenabler %lu ipriorityr 0x%02x\n", KICK_SGI,
	       (gicd_read32(0x080u) >> KICK_SGI) & 1u,
	       (gicd_read32(GICD_ISENABLER) >> KICK_SGI) & 1u,
	       (unsigned)gicd_read8(GICD_IPRIORITYR + KICK_SGI));
	iar = gicc_read32(GICC_IAR);
	printf("tz_hostile: iar %lu\n", GICC_IAR_ID(iar));
	if (GICC_IAR_ID(iar) < 1020u)
		gicc_write32(GICC_EOIR, iar);
	/* and take away what the Secure world has: disable, unpend */
	gicd_write32(GICD_ICENABLER + w, bit(RTOS_SPI));
	gicd_write32(GICD_ICPENDR + w, bit(RTOS_SPI));
	gicd_write32(GICD_ICENABLER, 0xffffffffu);
	gicd_write32(GICD_ICPENDR, 0xffffffffu);
	printf("tz_hostile: monitor fiq entries %lu\n", hc_trap_count(SHIKIRI_TRAP_IRQ) - before);
	/* Group 0 SGIs from the Normal world: the monitor's kick on itself,
	 * every SGI on the RTOS's core. On silicon the GIC forwards a
	 * Non-secure GICD_SGIR write only for a Group 1 SGI; QEMU 7.2 does
	 * not check (docs/trustzone.md): the monitor and the RTOS must then
	 * take the stray FIQs and go on. */
	before = hc_trap_count(SHIKIRI_TRAP_IRQ);
	gicd_write32(GICD_SGIR, GICD_SGIR_SELF | KICK_SGI);
	for (uint32_t id = 0; id < GIC_NR_SGIS; id++)
		gicd_write32(GICD_SGIR, GICD_SGIR_LIST | (0x01u << 16) | id);
	printf("tz_hostile: after group 0 sgis: monitor fiq entries %lu, still running\n",
	       hc_trap_count(SHIKIRI_TRAP_IRQ) - before);
}

/* A call this system answers: shikiri's and PSCI's (core's front end). */
static bool known(uint32_t fid)
{
	return (fid >= SHIKIRI_HC_VERSION && fid <= SHIKIRI_HC_LAST) ||
	       (fid >= 0x84000000u && fid <= 0x8400000au);
}

static uint32_t bad, calls;
static uint32_t first_bad_fid, first_bad_ret;

static void try_unknown(uint32_t fid)
{
	uint32_t r;

	if (known(fid))
		return;
	r = smccc_smc(fid, 0x62000000u, 0xffffffffu, 0).a0;
	calls++;
	if (r != SMCCC_NOT_SUPPORTED && bad++ == 0) {
		first_bad_fid = fid;
		first_bad_ret = r;
	}
}

static void smc_fuzz(void)
{
	static const uint32_t yielding[] = {0x00000000u, 0x00000001u, 0x01000000u, 0x04000000u,
					    0x06000000u, 0x3f00ffffu, 0x7fffffffu};

	for (uint32_t conv = 0; conv < 2u; conv++)
		for (uint32_t owner = 0; owner < 64u; owner++)
			for (uint32_t fn = 0; fn < 0x200u; fn++) {
				uint32_t num = fn < 0x100u ? fn : 0xff00u + (fn - 0x100u);

				try_unknown(0x80000000u | conv << 30 | owner << 24 | num);
			}
	for (uint32_t i = 0; i < ARRAY_SIZE(yielding); i++)
		try_unknown(yielding[i]);
	printf("tz_hostile: smc unknown ids: %lu calls, %lu not NOT_SUPPORTED", calls, bad);
	if (bad)
		printf(" (first 0x%08lx -> 0x%08lx)", first_bad_fid, first_bad_ret);
	printf("\n");
}

static void malformed(uint32_t base, uint32_t size)
{
	uint32_t secret = *(volatile uint32_t *)(uintptr_t)RTOS_RAM;
	uint32_t mon = *(volatile uint32_t *)(uintptr_t)MONITOR_RAM;

	printf("tz_hostile: name into rtos ram -> %ld\n",
	       (int32_t)hc_call(SHIKIRI_HC_VM_NAME, RTOS_RAM, 16, 0).a0);
	printf("tz_hostile: name into monitor -> %ld\n",
	       (int32_t)hc_call(SHIKIRI_HC_VM_NAME, MONITOR_RAM, 16, 0).a0);
	printf("tz_hostile: name across ram end -> %ld\n",
	       (int32_t)hc_call(SHIKIRI_HC_VM_NAME, base + size - 8u, 16, 0).a0);
	printf("tz_hostile: name len 0xffffffff -> %ld\n",
	       (int32_t)hc_call(SHIKIRI_HC_VM_NAME, base + size / 2u, 0xffffffffu, 0).a0);
	printf("tz_hostile: chan ring rtos ram -> %ld\n",
	       (int32_t)hc_call(SHIKIRI_HC_CHAN_RING, RTOS_RAM, 0, 0).a0);
	printf("tz_hostile: secure words unchanged %s\n",
	       *(volatile uint32_t *)(uintptr_t)RTOS_RAM == secret &&
		       *(volatile uint32_t *)(uintptr_t)MONITOR_RAM == mon
		   ? "yes"
		   : "NO");
	/* core 0 is the Secure RTOS's; core 1 is this partition's own */
	printf("tz_hostile: cpu_on core 0 -> %ld\n", psci_cpu_on_raw(0x80000000u, RTOS_RAM, 0));
	printf("tz_hostile: cpu_on core 1 -> %ld\n", psci_cpu_on_raw(1u, base, 0));
	printf("tz_hostile: cpu_on core 7 -> %ld\n", psci_cpu_on_raw(7u, RTOS_RAM, 0));
	printf("tz_hostile: affinity_info core 0 -> %ld\n", psci_call(PSCI_AFFINITY_INFO, 0, 0, 0));
	printf("tz_hostile: affinity_info core 1 -> %ld\n", psci_call(PSCI_AFFINITY_INFO, 1, 0, 0));
	printf("tz_hostile: affinity_info core 1 level 3 -> %ld\n",
	       psci_call(PSCI_AFFINITY_INFO, 1, 3, 0));
	printf("tz_hostile: features 0xdeadbeef -> %ld\n",
	       psci_call(0x8400000au, 0xdeadbeefu, 0, 0));
}

int main(void)
{
	struct hc_vm_info info;
	uint32_t base, size;
	volatile uint32_t *marker;

	hc_mem_info(&base, &size);
	marker = (volatile uint32_t *)(uintptr_t)(base + size - 4u);
	if (*marker == RESET_MARKER) {
		*marker = 0;
		dsb();
		printf("tz_hostile: second boot, system_off\n");
		psci_system_off();
	}
	hc_vm_info(&info);
	printf("tz_hostile: start on core %lu\n", info.pcore);
	fiq_mask();
	gic_attack();
	smc_fuzz();
	malformed(base, size);
	*marker = RESET_MARKER;
	dsb();
	printf("tz_hostile: system_reset\n");
	printf("tz_hostile: ERROR reset returned %ld\n", psci_system_reset());
	psci_system_off();
}

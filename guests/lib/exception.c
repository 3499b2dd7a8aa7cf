/*
 * Report an unexpected exception and stop the VM.  Tests grep for
 * "guest exception: <kind> at pc 0x...", so keep that prefix stable.
 */
#include "guest.h"

/* Kinds as passed by start.S (vector offset / 4). */
static const char *const kind_names[8] = {
	"reset", "undefined instruction", "supervisor call", "prefetch abort",
	"data abort", "unused vector", "irq", "fiq",
};

/* Per vCPU: set while reporting, so a fault inside the report cannot loop. */
static volatile uint8_t in_exception[GUEST_MAX_VCPUS];

static inline uint32_t read_dfsr(void)
{
	uint32_t v;

	__asm__ volatile("mrc p15, 0, %0, c5, c0, 0" : "=r"(v));
	return v;
}

static inline uint32_t read_dfar(void)
{
	uint32_t v;

	__asm__ volatile("mrc p15, 0, %0, c6, c0, 0" : "=r"(v));
	return v;
}

static inline uint32_t read_ifsr(void)
{
	uint32_t v;

	__asm__ volatile("mrc p15, 0, %0, c5, c0, 1" : "=r"(v));
	return v;
}

static inline uint32_t read_ifar(void)
{
	uint32_t v;

	__asm__ volatile("mrc p15, 0, %0, c6, c0, 2" : "=r"(v));
	return v;
}

__attribute__((noreturn))
void guest_exception(uint32_t kind, uint32_t pc, uint32_t spsr)
{
	uint32_t v = this_vcpu();

	if (v >= GUEST_MAX_VCPUS || in_exception[v])
		park();
	in_exception[v] = 1;

	printf("guest exception: %s at pc 0x%08lx", kind_names[kind & 7], pc);
	if (kind == 4)
		printf(" (dfsr 0x%08lx, dfar 0x%08lx)", read_dfsr(), read_dfar());
	else if (kind == 3)
		printf(" (ifsr 0x%08lx, ifar 0x%08lx)", read_ifsr(), read_ifar());
	printf(", spsr 0x%08lx, vcpu %lu\n", spsr, v);

	psci_system_off();
}

/* A secondary's C function returned: give the vCPU back. */
__attribute__((noreturn)) void guest_secondary_exit(void)
{
	psci_cpu_off();
	park();
}

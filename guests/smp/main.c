/*
 * smp: start vCPU 1 with PSCI CPU_ON, wait for it, then check CPU_ON's
 * ALREADY_ON and INVALID_PARAMS errors.
 */
#include "guest.h"

#define VCPU1_MAGIC	((uint32_t)0x5151c0deu)	/* passed as arg: proves the context id works */
#define WAIT_LOOPS	100000000u

/* Written by vCPU 1 (the arg it received), polled by vCPU 0. */
static volatile uint32_t vcpu1_seen;

static void vcpu1_main(uint32_t arg)
{
	struct hc_vm_info info;

	hc_vm_info(&info);
	printf("smp: vcpu %lu on core %lu\n", this_vcpu(), info.pcore);
	/* Print first: vCPU 0 stays quiet until the flag is set. */
	dsb();
	vcpu1_seen = arg;
	dsb();
	sev();
	/* Stay on, so vCPU 0's second CPU_ON must report ALREADY_ON. */
	park();
}

int main(void)
{
	const char *name = guest_name();
	struct hc_vm_info info;
	int32_t r;
	uint32_t i;

	hc_vm_info(&info);
	printf("smp: vcpu %lu on core %lu\n", this_vcpu(), info.pcore);

	r = psci_cpu_on(1, vcpu1_main, VCPU1_MAGIC);
	if (r != PSCI_RET_SUCCESS)
		printf("smp: cpu_on 1 failed -> %ld\n", r);

	/* Bounded poll, not wfe: a lost event must not hang the test. */
	for (i = 0; i < WAIT_LOOPS && vcpu1_seen == 0; i++)
		;
	if (vcpu1_seen == 0) {
		printf("smp: vcpu 1 did not come up\n");
	} else {
		int32_t again, bad;

		if (vcpu1_seen != VCPU1_MAGIC)
			printf("smp: vcpu 1 got arg 0x%08lx, want 0x%08lx\n",
			       vcpu1_seen, VCPU1_MAGIC);
		again = psci_cpu_on(1, vcpu1_main, VCPU1_MAGIC);
		bad = psci_cpu_on(7, vcpu1_main, VCPU1_MAGIC);
		printf("smp: both vcpus up, cpu_on again = %ld, bad mpidr = %ld\n",
		       again, bad);
	}

	printf("bye from %s\n", name);
	psci_system_off();
}

/* hvc: hypercall ABI edge cases (unknown ids, bad buffer) and PSCI VERSION. */
#include "guest.h"

static void unknown(uint32_t fid)
{
	printf("hvc: unknown 0x%08lx -> %ld\n", fid,
	       (int32_t)hc_call(fid, 0, 0, 0).a0);
}

int main(void)
{
	printf("hvc: version 0x%08lx\n", hc_version());
	unknown(0x86001234u);
	unknown(0xc6000000u);
	/* 0x10000000 is far below any guest's RAM (which starts at 1 GiB). */
	printf("hvc: bad name buffer -> %ld\n",
	       (int32_t)hc_call(SHIKIRI_HC_VM_NAME, 0x10000000u, 16, 0).a0);
	printf("hvc: psci version 0x%08lx\n", psci_version());
	printf("hvc: done\n");
	psci_system_off();
}

/*
 * reset: PSCI SYSTEM_RESET must restart this VM from a fresh copy of its
 * image.  RAM outside the image survives the reset, so a marker in the
 * last word of RAM tells the two boots apart.  With the MMU and caches off
 * plain stores reach RAM, so the marker needs no cache maintenance.
 */
#include "guest.h"

#define RESET_MARKER	0x5245534eu	/* "RESN" */

int main(void)
{
	const char *name = guest_name();
	uint32_t base, size;
	volatile uint32_t *marker;
	int32_t r;

	if (hc_mem_info(&base, &size) < 0 || size < 4) {
		printf("reset: ERROR no memory info\n");
		psci_system_off();
	}
	marker = (volatile uint32_t *)(uintptr_t)(base + size - 4);

	if (*marker != RESET_MARKER) {
		*marker = RESET_MARKER;
		dsb();
		printf("reset: first boot of %s\n", name);
		r = psci_system_reset();
		printf("reset: ERROR reset returned %ld\n", r);
		psci_system_off();
	}

	/* Clear it, so the VM starting again later begins from scratch. */
	*marker = 0;
	dsb();
	printf("reset: second boot of %s\n", name);
	printf("bye from %s\n", name);
	psci_system_off();
}

/*
 * resetter: a hostile neighbour on a shared core (tests/qemu/sched_reset_*).
 * Its image carries PAD_BYTES of padding, and it calls PSCI SYSTEM_RESET
 * again and again until the virtual counter reaches END_TICKS: each reset
 * makes the hypervisor copy the pristine image back (src/core/vm.c), work
 * whose length grows with the image. The number of boots is kept in the
 * last word of its RAM, which a reset does not restore (as guests/reset).
 */
#include "guest.h"
#include "timer.h"

#ifndef END_TICKS
#define END_TICKS	30000000u	/* 0.48 s of the 62.5 MHz counter */
#endif
#ifndef PAD_BYTES
#define PAD_BYTES	(4u << 20)
#endif
#define MAGIC		0x52530000u	/* "RS" in the high half, the boot count in the low one */
#define MAGIC_MASK	0xffff0000u

/* Initialised, so that it is in the image (and its pristine copy). */
static uint8_t pad[PAD_BYTES] = {1};

int main(void)
{
	const char *name = guest_name();
	uint32_t base, size, boots;
	volatile uint32_t *marker;

	if (hc_mem_info(&base, &size) < 0 || size < 4) {
		printf("resetter: ERROR no memory info\n");
		psci_system_off();
	}
	marker = (volatile uint32_t *)(uintptr_t)(base + size - 4);
	boots = (*marker & MAGIC_MASK) == (MAGIC & MAGIC_MASK) ? (*marker & 0xffffu) + 1u : 1u;
	/* The padding is the pristine one after every reset, first and last
	 * byte (scribbled on below before each reset). */
	if (((volatile uint8_t *)pad)[0] != 1 || ((volatile uint8_t *)pad)[PAD_BYTES - 1u] != 0) {
		printf("resetter: ERROR image not restored\n");
		psci_system_off();
	}
	if (boots == 1)
		printf("resetter: %s resetting\n", name);
	if (timer_virt_count() < (uint64_t)END_TICKS && boots < 0xffffu) {
		*marker = (MAGIC & MAGIC_MASK) | boots;
		((volatile uint8_t *)pad)[0] = 2;
		((volatile uint8_t *)pad)[PAD_BYTES - 1u] = 2;
		dsb();
		psci_system_reset();
		printf("resetter: ERROR reset returned\n");
		psci_system_off();
	}
	*marker = 0;
	dsb();
	printf("resetter: %s boots %lu\n", name, boots);
	psci_system_off();
}

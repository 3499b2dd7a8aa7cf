/*
 * hello: identify ourselves through the hypercalls, then check that all of
 * our RAM above the image is really ours (writes stick, no aliasing).
 */
#include "guest.h"

#define PAGE_SIZE	4096u

/* Depends on the address so that aliased or stuck lines are caught. */
static inline uint32_t pattern(uint32_t addr)
{
	return addr ^ 0x5a5a5a5au;
}

static bool ram_test(uint32_t base, uint32_t size)
{
	uint32_t start = ((uint32_t)(uintptr_t)__image_end + PAGE_SIZE - 1) &
			 ~(PAGE_SIZE - 1);
	uint32_t end = base + size;	/* exclusive; 0 if RAM ends at 4 GiB */

	if (start < base)
		start = base;

	for (uint32_t a = start; a != end; a += 4)
		*(volatile uint32_t *)(uintptr_t)a = pattern(a);
	for (uint32_t a = start; a != end; a += 4) {
		uint32_t got = *(volatile uint32_t *)(uintptr_t)a;

		if (got != pattern(a)) {
			printf("RAM test FAILED at 0x%08lx: 0x%08lx != 0x%08lx\n",
			       a, got, pattern(a));
			return false;
		}
	}
	printf("RAM test: %lu/%lu bytes ok\n", end - start, size);
	return true;
}

int main(void)
{
	const char *name = guest_name();
	struct hc_vm_info info;
	uint32_t base, size;

	hc_vm_info(&info);
	hc_mem_info(&base, &size);
	printf("hello from %s: vm %lu, vcpu %lu on core %lu, RAM 0x%08lx-0x%08lx (%lu MiB)\n",
	       name, info.vm_id, info.vcpu, info.pcore, base, base + size - 1,
	       size >> 20);

	if (!ram_test(base, size))
		psci_system_off();

	printf("bye from %s\n", name);
	psci_system_off();
}

/*
 * blobcheck: report what the boot loader left for this VM as its initrd.
 * The range comes from /chosen linux,initrd-start/-end of our DTB; we print
 * its CRC-32 (zlib's polynomial, so the test compares it with the file's
 * on the host). A boot loader that wrote into the range after placing it
 * (U-Boot relocating its device tree there, tests/qemu/opi_uboot_fdt)
 * shows as a different CRC. The DTB must lie elsewhere (dtb-address):
 * without it we would have no UART address to say anything with.
 */
#include "guest.h"
#include "fdt_chosen.h"

/* Bitwise CRC-32 (reflected 0xedb88320): no table, 64 KiB is quick. */
static uint32_t crc32(const volatile uint8_t *p, uint32_t len)
{
	uint32_t crc = 0xffffffffu;

	for (uint32_t i = 0; i < len; i++) {
		crc ^= p[i];
		for (uint32_t b = 0; b < 8; b++)
			crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
	}
	return ~crc;
}

#ifdef MEMCHECK
/*
 * blobcheck_mem (tests/qemu/colour_mem): a VM's memory seen from inside,
 * for a cache-coloured VM whose RAM is scattered 4 KiB frames. Boot 1: the
 * CRC-32 of its DTB and initrd (copied frame by frame at boot), the name
 * hypercall into a buffer that crosses a frame boundary, then a pattern
 * unique to each word and VM over all RAM above the image (over the DTB
 * and initrd too), a set/way op (the hypervisor sweeps the VM's frames),
 * the pattern read back (two IPAs on one frame, or a frame shared with
 * the other VM, show as bad words), and SYSTEM_RESET. Boot 2 (the marker
 * word above the image, which no restore writes, says which): the CRCs
 * again (the restore's copies), and the pattern below the blobs still
 * intact (the restore wrote nothing else, the neighbour nothing at all).
 */
#define MARK 0x636f6c72u /* "colr" */

static char name_span[2 * 4096] __attribute__((aligned(4096)));

static uint32_t pat(uint32_t a, uint32_t id)
{
	return a ^ 0x5a5a5a5au ^ (id * 0x01000193u);
}

/* Bad words in [from, to), read back against the pattern. */
static uint32_t check(uint32_t from, uint32_t to, uint32_t id)
{
	uint32_t bad = 0;

	for (uint32_t a = from; a < to; a += 4u)
		if (*(volatile uint32_t *)(uintptr_t)a != pat(a, id))
			bad++;
	return bad;
}

static void memcheck(const char *name, uint32_t base, uint32_t size, uint32_t low)
{
	volatile uint32_t *mark = (volatile uint32_t *)(((uintptr_t)__image_end + 4095u) & ~4095u);
	uint32_t from = (uint32_t)(uintptr_t)mark + 4096u, to = base + size;
	struct hc_vm_info info = {0};
	uint32_t id;
	int32_t r;

	hc_vm_info(&info);
	id = info.vm_id + 1u;
	if (*mark == MARK) {
		printf("memcheck %s: after reset, 0x%08lx-0x%08lx: %lu bad words\n", name, from,
		       low, check(from, low, id));
		psci_system_off();
	}
	/* 16 bytes from 3 below the boundary: the name lands in two frames */
	memset(name_span, '#', sizeof(name_span));
	r = hc_vm_name(name_span + 4096 - 3, 16);
	printf("memcheck %s: name across a frame boundary: %ld \"%s\"\n", name, (long)r,
	       r >= 0 ? name_span + 4096 - 3 : "");
	for (uint32_t a = from; a < to; a += 4u)
		*(volatile uint32_t *)(uintptr_t)a = pat(a, id);
	__asm__ volatile("dsb\n\tmcr p15, 0, %0, c7, c14, 2" : : "r"(0u) : "memory"); /* DCCISW */
	printf("memcheck %s: 0x%08lx-0x%08lx (%lu KiB): %lu bad words\n", name, from, to,
	       (to - from) >> 10, check(from, to, id));
	*mark = MARK;
	psci_system_reset();
	printf("memcheck %s: SYSTEM_RESET returned\n", name);
	psci_system_off();
}
#endif

int main(void)
{
	const char *name = guest_name();
	uint32_t base, size, start = 0, end = 0;

	hc_mem_info(&base, &size);
	if (!fdt_chosen_initrd(guest_boot_regs[2], &start, &end)) {
		printf("blobcheck %s: no linux,initrd-start/-end in the DTB at 0x%08lx\n", name,
		       guest_boot_regs[2]);
	} else if (start < base || end <= start || end - base > size) {
		printf("blobcheck %s: initrd 0x%08lx-0x%08lx is not in our RAM\n", name, start,
		       end);
	} else {
		printf("blobcheck %s: initrd 0x%08lx-0x%08lx, %lu bytes, crc32 0x%08lx\n", name,
		       start, end, end - start,
		       crc32((const volatile uint8_t *)(uintptr_t)start, end - start));
#ifdef MEMCHECK
		{
			uint32_t dtb = guest_boot_regs[2];
			uint32_t dsize = fdt_be32((const uint8_t *)(uintptr_t)dtb + 4);

			printf("blobcheck %s: dtb 0x%08lx, %lu bytes, crc32 0x%08lx\n", name, dtb,
			       dsize, crc32((const volatile uint8_t *)(uintptr_t)dtb, dsize));
			memcheck(name, base, size, start < dtb ? start : dtb);
		}
#endif
	}
	psci_system_off();
}

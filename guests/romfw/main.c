/*
 * romfw: firmware as a boot loader built for QEMU virt would be, linked at
 * 0 in a read-only flash region, finding its DTB at the start of RAM
 * (0x40000000) as the virt convention says, and reading it: the model, and
 * the memory nodes (one per RAM region; the flash is not RAM). Built with
 * -DWRITE_ROM it then stores into its own flash, which the hypervisor must
 * refuse (stage-2 permission fault: the VM stops with one line).
 */
#include "fdt.h"
#include "guest.h"

#define DTB_IPA		0x40000000ul
#define MAX_TOKENS	4096u

/* In the flash: the write test aims here. */
static const uint32_t flash_word = 0x600dc0deu;

static bool str_eq(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return *a == *b;
}

static bool str_prefix(const char *s, const char *prefix)
{
	while (*prefix && *s == *prefix) {
		s++;
		prefix++;
	}
	return *prefix == '\0';
}

/* Walk the structure block (bounded): the model, and each memory node's reg. */
static void read_dtb(const uint8_t *fdt)
{
	uint32_t size = fdt_be32(fdt + 4), off_struct = fdt_be32(fdt + 8);
	uint32_t off_strings = fdt_be32(fdt + 12);
	uint32_t size_struct = fdt_be32(fdt + 36);
	const uint8_t *p = fdt + off_struct, *end = p + size_struct;
	const char *node = "";
	uint32_t depth = 0, mem_nodes = 0;

	printf("romfw: dtb at 0x%08lx: magic ok, %lu bytes\n", (uint32_t)(uintptr_t)fdt, size);
	if (off_struct >= size || size_struct > size - off_struct || off_strings >= size) {
		printf("romfw: ERROR dtb header out of bounds\n");
		return;
	}
	for (uint32_t n = 0; n < MAX_TOKENS && p + 4 <= end; n++) {
		uint32_t tok = fdt_be32(p);

		p += 4;
		if (tok == FDT_BEGIN_NODE) {
			node = (const char *)p;
			while (p < end && *p)
				p++;
			p = (const uint8_t *)(((uintptr_t)p + 4) & ~3u);
			depth++;
			if (depth == 2 && str_prefix(node, "memory@"))
				mem_nodes++;
		} else if (tok == FDT_END_NODE) {
			depth--;
		} else if (tok == FDT_PROP) {
			uint32_t len = fdt_be32(p), nameoff = fdt_be32(p + 4);
			const char *name = (const char *)fdt + off_strings + nameoff;
			const uint8_t *val = p + 8;

			if (depth == 1 && str_eq(name, "model"))
				printf("romfw: model \"%s\"\n", (const char *)val);
			if (depth == 2 && str_prefix(node, "memory@") && str_eq(name, "reg") && len == 8)
				printf("romfw: %s: reg 0x%08lx 0x%08lx\n", node, fdt_be32(val), fdt_be32(val + 4));
			p = (const uint8_t *)(((uintptr_t)val + len + 3) & ~3u);
		} else if (tok == FDT_END) {
			break;
		} else if (tok != FDT_NOP) {
			printf("romfw: ERROR bad token 0x%lx\n", tok);
			return;
		}
	}
	printf("romfw: %lu memory node(s)\n", mem_nodes);
}

int main(void)
{
	const uint8_t *fdt = (const uint8_t *)(uintptr_t)DTB_IPA;

	printf("romfw: running at 0x%08lx, r2 = 0x%08lx, flash word 0x%08lx\n",
	       (uint32_t)(uintptr_t)&main, guest_boot_regs[2], flash_word);
	if (fdt_be32(fdt) != FDT_MAGIC) {
		printf("romfw: ERROR no DTB at 0x%08lx (0x%08lx)\n", DTB_IPA, fdt_be32(fdt));
		return 0;
	}
	read_dtb(fdt);
#ifdef WRITE_ROM
	printf("romfw: writing the flash at 0x%08lx\n", (uint32_t)(uintptr_t)&flash_word);
	*(volatile uint32_t *)(uintptr_t)&flash_word = 0xbadu;
	dsb();
	printf("romfw: ERROR still running, flash word 0x%08lx\n", flash_word);
#endif
	printf("romfw: bye\n");
	return 0;
}

/*
 * romfw: firmware as a boot loader built for QEMU virt would be, linked at
 * 0 in a read-only flash region, finding its DTB at the start of RAM
 * (0x40000000) as the virt convention says, and reading it: the model, and
 * the memory nodes (one per RAM region; the flash is not RAM). Built with
 * -DWRITE_ROM it then stores into its own flash, which the hypervisor must
 * refuse (stage-2 permission fault: the VM stops with one line).
 */
#include "guest.h"

#define DTB_IPA		0x40000000ul
#define FDT_MAGIC	0xd00dfeedu
#define FDT_BEGIN_NODE	1u
#define FDT_END_NODE	2u
#define FDT_PROP	3u
#define FDT_NOP		4u
#define FDT_END		9u
#define MAX_TOKENS	4096u

/* In the flash: the write test aims here. */
static const uint32_t flash_word = 0x600dc0deu;

static uint32_t be32(const uint8_t *p)
{
	return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
}

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
	uint32_t size = be32(fdt + 4), off_struct = be32(fdt + 8), off_strings = be32(fdt + 12);
	uint32_t size_struct = be32(fdt + 36);
	const uint8_t *p = fdt + off_struct, *end = p + size_struct;
	const char *node = "";
	uint32_t depth = 0, mem_nodes = 0;

	printf("romfw: dtb at 0x%08lx: magic ok, %lu bytes\n", (uint32_t)(uintptr_t)fdt, size);
	if (off_struct >= size || size_struct > size - off_struct || off_strings >= size) {
		printf("romfw: ERROR dtb header out of bounds\n");
		return;
	}
	for (uint32_t n = 0; n < MAX_TOKENS && p + 4 <= end; n++) {
		uint32_t tok = be32(p);

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
			uint32_t len = be32(p), nameoff = be32(p + 4);
			const char *name = (const char *)fdt + off_strings + nameoff;
			const uint8_t *val = p + 8;

			if (depth == 1 && str_eq(name, "model"))
				printf("romfw: model \"%s\"\n", (const char *)val);
			if (depth == 2 && str_prefix(node, "memory@") && str_eq(name, "reg") && len == 8)
				printf("romfw: %s: reg 0x%08lx 0x%08lx\n", node, be32(val), be32(val + 4));
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
	if (be32(fdt) != FDT_MAGIC) {
		printf("romfw: ERROR no DTB at 0x%08lx (0x%08lx)\n", DTB_IPA, be32(fdt));
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

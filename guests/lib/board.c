/*
 * Where this VM's GIC and console UART are. The hypervisor passes every VM
 * a device tree (r2 at boot) generated from the board DT, so one guest
 * binary runs on every board: the addresses are read from it once, before
 * main(). Without a valid DTB (a guest run bare on QEMU virt) the QEMU virt
 * addresses stay.
 */
#include <stdint.h>
#include "board.h"

uint32_t guest_gicd_base = 0x08000000u;
uint32_t guest_gicc_base = 0x08010000u;
uint32_t guest_uart_base = 0x09000000u;

#define FDT_MAGIC 0xd00dfeedu
#define FDT_BEGIN_NODE 1u
#define FDT_END_NODE 2u
#define FDT_PROP 3u
#define FDT_NOP 4u
#define FDT_END 9u
#define FDT_MAX_SIZE (1u << 20)

/* Byte loads: the MMU is off, so every access is strongly ordered. */
static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint32_t str_len(const uint8_t *s, uint32_t max)
{
	uint32_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

static int str_eq(const uint8_t *a, uint32_t alen, const char *b)
{
	uint32_t i;

	for (i = 0; i < alen && b[i]; i++)
		if (a[i] != (uint8_t)b[i])
			return 0;
	return i == alen && b[i] == '\0';
}

/* "gic" somewhere in a compatible list. */
static int has_gic(const uint8_t *v, uint32_t len)
{
	for (uint32_t i = 0; i + 3 <= len; i++)
		if (v[i] == 'g' && v[i + 1] == 'i' && v[i + 2] == 'c')
			return 1;
	return 0;
}

struct fdt {
	const uint8_t *base, *strings;
	uint32_t struct_off, struct_size, strings_size;
};

/*
 * One pass over the top-level nodes. want (a node name, or 0) selects the
 * node whose first reg address goes to *want_reg; the GIC node's first two
 * reg addresses go to the GIC bases; /chosen's stdout-path to *stdout_path.
 */
static void walk(const struct fdt *f, const uint8_t *want, uint32_t want_len, uint32_t *want_reg,
		 const uint8_t **stdout_path, uint32_t *stdout_len)
{
	uint32_t off = 0, depth = 0;
	const uint8_t *name = 0;
	uint32_t name_len = 0;
	int gic = 0;

	while (off + 4 <= f->struct_size) {
		const uint8_t *p = f->base + f->struct_off + off;
		uint32_t tok = be32(p);

		off += 4;
		if (tok == FDT_BEGIN_NODE) {
			uint32_t n = str_len(p + 4, f->struct_size - off);

			depth++;
			if (depth == 2) {
				name = p + 4;
				name_len = n;
				gic = 0;
			}
			off += (n + 4u) & ~3u;
		} else if (tok == FDT_END_NODE) {
			if (depth == 0)
				return;
			depth--;
		} else if (tok == FDT_PROP) {
			uint32_t len, nameoff;
			const uint8_t *v, *pn;

			if (off + 8 > f->struct_size)
				return;
			len = be32(p + 4);
			nameoff = be32(p + 8);
			v = p + 12;
			off += 8;
			if (len > f->struct_size - off || nameoff >= f->strings_size)
				return;
			off += (len + 3u) & ~3u;
			pn = f->strings + nameoff;
			if (depth != 2)
				continue;
			if (str_eq(pn, str_len(pn, f->strings_size - nameoff), "compatible") && has_gic(v, len))
				gic = 1;
			if (str_eq(pn, str_len(pn, f->strings_size - nameoff), "stdout-path") &&
			    str_eq(name, name_len, "chosen") && len > 1) {
				*stdout_path = v;
				*stdout_len = str_len(v, len);
			}
			if (!str_eq(pn, str_len(pn, f->strings_size - nameoff), "reg") || len < 4)
				continue;
			if (gic && len >= 16) {
				guest_gicd_base = be32(v);
				guest_gicc_base = be32(v + 8);
			}
			if (want && name_len == want_len) {
				uint32_t i;

				for (i = 0; i < want_len && name[i] == want[i]; i++)
					;
				if (i == want_len)
					*want_reg = be32(v);
			}
		} else if (tok == FDT_END) {
			return;
		} else if (tok != FDT_NOP) {
			return;
		}
	}
}

void guest_board_init(uint32_t dtb)
{
	const uint8_t *h = (const uint8_t *)(uintptr_t)dtb;
	struct fdt f;
	const uint8_t *path = 0;
	uint32_t path_len = 0, uart = 0, total;

	if (dtb == 0 || (dtb & 3u) || be32(h) != FDT_MAGIC)
		return;
	total = be32(h + 4);
	f.base = h;
	f.struct_off = be32(h + 8);
	f.struct_size = be32(h + 36);
	f.strings = h + be32(h + 12);
	f.strings_size = be32(h + 32);
	if (total > FDT_MAX_SIZE || f.struct_off > total || f.struct_size > total - f.struct_off ||
	    be32(h + 12) > total || f.strings_size > total - be32(h + 12))
		return;
	walk(&f, 0, 0, 0, &path, &path_len);
	/* stdout-path "/name" names a top-level node (the generator's form) */
	if (path && path_len > 1 && path[0] == '/') {
		walk(&f, path + 1, path_len - 1, &uart, &path, &path_len);
		if (uart)
			guest_uart_base = uart;
	}
}

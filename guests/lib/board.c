/*
 * Where this VM's GIC and console UART are. The hypervisor passes every VM
 * a device tree (r2 at boot) generated from the board DT, so one guest
 * binary runs on every board: the addresses are read from it once, before
 * main(). Without a valid DTB (a guest run bare on QEMU virt) the QEMU virt
 * addresses stay. The same reader takes a Xen dom0less domU's DT (make
 * bench's peer): two address and size cells, and no stdout-path, so the
 * console is then the first PL011 or SBSA UART node.
 */
#include <stdint.h>
#include "fdt.h"
#include "board.h"

uint32_t guest_gicd_base = 0x08000000u;
uint32_t guest_gicc_base = 0x08010000u;
uint32_t guest_uart_base = 0x09000000u;
uint32_t guest_uart_cdns;

/* The NUL-terminated word w somewhere in a compatible list. */
static int has_word(const uint8_t *v, uint32_t len, const char *w)
{
	uint32_t n = 0;

	while (w[n])
		n++;
	for (uint32_t i = 0; i + n <= len; i++) {
		uint32_t j = 0;

		while (j < n && v[i + j] == (uint8_t)w[j])
			j++;
		if (j == n)
			return 1;
	}
	return 0;
}

struct fdt {
	const uint8_t *base, *strings;
	uint32_t struct_off, struct_size, strings_size;
	uint32_t addr_cells, size_cells; /* the root's: 1 and 1 unless it says */
};

/* Entry i's address in a reg property of len bytes (0: none, or above 4 GiB). */
static uint32_t reg_addr(const struct fdt *f, const uint8_t *v, uint32_t len, uint32_t i)
{
	uint32_t stride = (f->addr_cells + f->size_cells) * 4u;
	uint32_t at = i * stride;

	if (f->addr_cells < 1 || f->addr_cells > 2 || f->size_cells > 2 || at + stride > len)
		return 0;
	if (f->addr_cells == 2 && fdt_be32(v + at) != 0)
		return 0;
	return fdt_be32(v + at + (f->addr_cells - 1u) * 4u);
}

/*
 * One pass over the top-level nodes. want (a node name, or 0) selects the
 * node whose first reg address goes to *want_reg; the GIC node's first two
 * reg addresses go to the GIC bases; /chosen's stdout-path to *stdout_path;
 * the first PL011 or SBSA UART's address to *any_uart. The root's cell
 * sizes go to f.
 */
static void walk(struct fdt *f, const uint8_t *want, uint32_t want_len, uint32_t *want_reg,
		 const uint8_t **stdout_path, uint32_t *stdout_len, uint32_t *any_uart)
{
	uint32_t off = 0, depth = 0;
	const uint8_t *name = 0;
	uint32_t name_len = 0;
	int gic = 0, uart = 0, cdns = 0;

	while (off + 4 <= f->struct_size) {
		const uint8_t *p = f->base + f->struct_off + off;
		uint32_t tok = fdt_be32(p);

		off += 4;
		if (tok == FDT_BEGIN_NODE) {
			uint32_t n = fdt_str_len(p + 4, f->struct_size - off);

			depth++;
			if (depth == 2) {
				name = p + 4;
				name_len = n;
				gic = 0;
				uart = 0;
				cdns = 0;
			}
			off += (n + 4u) & ~3u;
		} else if (tok == FDT_END_NODE) {
			if (depth == 0)
				return;
			depth--;
		} else if (tok == FDT_PROP) {
			uint32_t len, nameoff, pn_len;
			const uint8_t *v, *pn;

			if (off + 8 > f->struct_size)
				return;
			len = fdt_be32(p + 4);
			nameoff = fdt_be32(p + 8);
			v = p + 12;
			off += 8;
			if (len > f->struct_size - off || nameoff >= f->strings_size)
				return;
			off += (len + 3u) & ~3u;
			pn = f->strings + nameoff;
			pn_len = fdt_str_len(pn, f->strings_size - nameoff);
			if (depth == 1 && len == 4 && fdt_str_eq(pn, pn_len, "#address-cells"))
				f->addr_cells = fdt_be32(v);
			if (depth == 1 && len == 4 && fdt_str_eq(pn, pn_len, "#size-cells"))
				f->size_cells = fdt_be32(v);
			if (depth != 2)
				continue;
			if (fdt_str_eq(pn, pn_len, "compatible")) {
				gic = has_word(v, len, "gic");
				uart = has_word(v, len, "arm,pl011") ||
				       has_word(v, len, "arm,sbsa-uart");
				cdns = has_word(v, len, "xlnx,xuartps");
			}
			if (fdt_str_eq(pn, pn_len, "stdout-path") &&
			    fdt_str_eq(name, name_len, "chosen") && len > 1) {
				*stdout_path = v;
				*stdout_len = fdt_str_len(v, len);
			}
			if (!fdt_str_eq(pn, pn_len, "reg") || len < 4)
				continue;
			if (gic && reg_addr(f, v, len, 0) && reg_addr(f, v, len, 1)) {
				guest_gicd_base = reg_addr(f, v, len, 0);
				guest_gicc_base = reg_addr(f, v, len, 1);
			}
			if (uart && !*any_uart)
				*any_uart = reg_addr(f, v, len, 0);
			if (want && name_len == want_len) {
				uint32_t i;

				for (i = 0; i < want_len && name[i] == want[i]; i++)
					;
				if (i == want_len) {
					*want_reg = reg_addr(f, v, len, 0);
					guest_uart_cdns = (uint32_t)cdns;
				}
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
	uint32_t path_len = 0, uart = 0, any_uart = 0, total;

	if (dtb == 0 || (dtb & 3u) || fdt_be32(h) != FDT_MAGIC)
		return;
	total = fdt_be32(h + 4);
	f.base = h;
	f.struct_off = fdt_be32(h + 8);
	f.struct_size = fdt_be32(h + 36);
	f.strings = h + fdt_be32(h + 12);
	f.strings_size = fdt_be32(h + 32);
	if (total > FDT_MAX_SIZE || f.struct_off > total || f.struct_size > total - f.struct_off ||
	    fdt_be32(h + 12) > total || f.strings_size > total - fdt_be32(h + 12))
		return;
	f.addr_cells = 1;
	f.size_cells = 1;
	walk(&f, 0, 0, 0, &path, &path_len, &any_uart);
	/* stdout-path "/name" names a top-level node (the generator's form) */
	if (path && path_len > 1 && path[0] == '/') {
		walk(&f, path + 1, path_len - 1, &uart, &path, &path_len, &any_uart);
		if (uart)
			guest_uart_base = uart;
	} else if (!path && any_uart) {
		guest_uart_base = any_uart;
	}
}

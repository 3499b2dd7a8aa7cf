/*
 * A flattened-device-tree walk for the channel nodes (chan_dt.h). It reads
 * only the top-level nodes and the root's #address-cells/#size-cells, and
 * bounds every offset by the header's sizes: the DTB is the generator's,
 * but a guest should not run off the end of anything.
 */
#include <stdint.h>
#include "fdt.h"
#include "chan_dt.h"
#include "guest.h"

#define GIC_SPI_BASE	32u

/* One string of a string list equals want. */
static int list_has(const uint8_t *v, uint32_t len, const char *want)
{
	uint32_t i = 0;

	while (i < len) {
		uint32_t n = fdt_str_len(v + i, len - i);

		if (fdt_str_eq(v + i, n, want))
			return 1;
		i += n + 1u;
	}
	return 0;
}

/* cells (1 or 2) big-endian cells at v as one 32-bit value; 0 if above 4 GiB. */
static int read_cells(const uint8_t *v, uint32_t cells, uint32_t *out)
{
	if (cells == 2u && fdt_be32(v) != 0)
		return 0;
	*out = fdt_be32(v + 4u * (cells - 1u));
	return 1;
}

struct node {
	int channel, reg_ok, irq_ok;
	struct guest_chan c;
};

static void prop(struct node *n, const uint8_t *name, uint32_t name_len, const uint8_t *v,
		 uint32_t len, uint32_t ac, uint32_t sc)
{
	uint32_t rlen = 4u * (ac + sc);

	if (fdt_str_eq(name, name_len, "compatible")) {
		n->channel = list_has(v, len, "shikiri,channel");
	} else if (fdt_str_eq(name, name_len, "reg")) {
		n->reg_ok = len == 2u * rlen && read_cells(v, ac, &n->c.doorbell) &&
			    read_cells(v + 4u * ac, sc, &(uint32_t){0}) &&
			    read_cells(v + rlen, ac, &n->c.shm) &&
			    read_cells(v + rlen + 4u * ac, sc, &n->c.size);
	} else if (fdt_str_eq(name, name_len, "interrupts")) {
		/* <0 (ID-32) flags>: an SPI */
		n->irq_ok = len == 12u && fdt_be32(v) == 0 && fdt_be32(v + 4) < 988u;
		n->c.irq = fdt_be32(v + 4) + GIC_SPI_BASE;
	} else if (fdt_str_eq(name, name_len, "label")) {
		uint32_t l = fdt_str_len(v, len);

		if (l >= GUEST_CHAN_LABEL)
			l = GUEST_CHAN_LABEL - 1u;
		for (uint32_t i = 0; i < l; i++)
			n->c.label[i] = (char)v[i];
		n->c.label[l] = '\0';
	} else if (fdt_str_eq(name, name_len, "shikiri,access")) {
		n->c.read_only = list_has(v, len, "ro");
	} else if (fdt_str_eq(name, name_len, "shikiri,index") && len == 4u) {
		n->c.index = fdt_be32(v);
	} else if (fdt_str_eq(name, name_len, "shikiri,peers") && len == 4u) {
		n->c.peers = fdt_be32(v);
	}
}

uint32_t guest_chan_find(const void *dtb, struct guest_chan *out, uint32_t max)
{
	const uint8_t *h, *st, *strs;
	uint32_t total, st_size, str_size, off = 0, depth = 0, found = 0;
	uint32_t ac = 2, sc = 1;
	struct node n;

	if (!dtb)
		dtb = (const void *)(uintptr_t)guest_boot_regs[2];
	h = dtb;
	if (!h || ((uintptr_t)h & 3u) || fdt_be32(h) != FDT_MAGIC)
		return 0;
	total = fdt_be32(h + 4);
	st_size = fdt_be32(h + 36);
	str_size = fdt_be32(h + 32);
	if (total > FDT_MAX_SIZE || fdt_be32(h + 8) > total || st_size > total - fdt_be32(h + 8) ||
	    fdt_be32(h + 12) > total || str_size > total - fdt_be32(h + 12))
		return 0;
	st = h + fdt_be32(h + 8);
	strs = h + fdt_be32(h + 12);
	memset(&n, 0, sizeof(n));
	while (off + 4u <= st_size) {
		const uint8_t *p = st + off;
		uint32_t tok = fdt_be32(p);

		off += 4u;
		if (tok == FDT_BEGIN_NODE) {
			uint32_t l = fdt_str_len(p + 4, st_size - off);

			depth++;
			if (depth == 2u)
				memset(&n, 0, sizeof(n));
			off += (l + 4u) & ~3u;
		} else if (tok == FDT_END_NODE) {
			if (depth == 0u)
				break;
			if (depth == 2u && n.channel && n.reg_ok && n.irq_ok && found < max)
				out[found++] = n.c;
			depth--;
		} else if (tok == FDT_PROP) {
			uint32_t len, nameoff, nlen;

			if (off + 8u > st_size)
				break;
			len = fdt_be32(p + 4);
			nameoff = fdt_be32(p + 8);
			off += 8u;
			if (len > st_size - off || nameoff >= str_size)
				break;
			off += (len + 3u) & ~3u;
			nlen = fdt_str_len(strs + nameoff, str_size - nameoff);
			if (depth == 1u && len == 4u && fdt_str_eq(strs + nameoff, nlen, "#address-cells"))
				ac = fdt_be32(p + 12);
			else if (depth == 1u && len == 4u && fdt_str_eq(strs + nameoff, nlen, "#size-cells"))
				sc = fdt_be32(p + 12);
			else if (depth == 2u && (ac == 1u || ac == 2u) && (sc == 1u || sc == 2u))
				prop(&n, strs + nameoff, nlen, p + 12, len, ac, sc);
		} else if (tok != FDT_NOP) {
			break;
		}
	}
	return found;
}

const struct guest_chan *guest_chan_by_label(const struct guest_chan *c, uint32_t n,
					      const char *label)
{
	for (uint32_t i = 0; i < n; i++) {
		uint32_t k = 0;

		while (k < GUEST_CHAN_LABEL && c[i].label[k] && c[i].label[k] == label[k])
			k++;
		if (k < GUEST_CHAN_LABEL && c[i].label[k] == label[k])
			return &c[i];
	}
	return 0;
}

/* SPDX-License-Identifier: MIT */
#include "dt.h"

#include <libfdt.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "util.h"

#define MAX_TREE_DEPTH 64

const char *node_path(const struct gen *g, int node, char *buf, size_t len)
{
	if (fdt_get_path(g->fdt, node, buf, (int)len) != 0)
		snprintf(buf, len, "?");
	return buf;
}

static void vreport(struct gen *g, int node, const char *prop, const char *fmt, va_list ap)
{
	char path[1024];
	const char *file = NULL;
	uint32_t line = 0;
	struct sbuf sb;

	g->errors++;
	if (g->opt.quiet)
		return;
	node_path(g, node, path, sizeof(path));
	if (!(prop && annot_lookup(&g->annot, path, prop, &file, &line)))
		annot_lookup(&g->annot, path, NULL, &file, &line);
	sb_init(&sb);
	if (file)
		sb_printf(&sb, "%s:%u: %s: ", file, line, path);
	else
		sb_printf(&sb, "%s: %s: ", g->opt.dtb ? g->opt.dtb : "system.dts", path);
	sb_vprintf(&sb, fmt, ap);
	fprintf(stderr, "%s\n", sb.buf);
	sb_free(&sb);
}

void report(struct gen *g, int node, const char *prop, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(g, node, prop, fmt, ap);
	va_end(ap);
}

void report_global(struct gen *g, const char *fmt, ...)
{
	va_list ap;

	g->errors++;
	if (g->opt.quiet)
		return;
	fputs("shikiri-gen: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

const void *dt_prop(const struct gen *g, int node, const char *name, int *len)
{
	const void *p = fdt_getprop(g->fdt, node, name, len);

	if (!p)
		*len = 0;
	return p;
}

int dt_string(struct gen *g, int node, const char *name, const char **out)
{
	int len;
	const char *s = dt_prop(g, node, name, &len);

	if (!s)
		return 0;
	/* exactly one non-empty NUL-terminated string */
	if (len < 2 || s[len - 1] != '\0' || strlen(s) != (size_t)len - 1) {
		report(g, node, name, "property \"%s\" must be one non-empty string", name);
		return -1;
	}
	*out = s;
	return 1;
}

uint32_t dt_cell(const void *cells, uint32_t i)
{
	return fdt32_ld((const fdt32_t *)cells + i);
}

int dt_u32(struct gen *g, int node, const char *name, uint32_t *out)
{
	int len;
	const void *p = dt_prop(g, node, name, &len);

	if (!p)
		return 0;
	if (len != 4) {
		report(g, node, name, "property \"%s\" has length %d (expected 4)", name, len);
		return -1;
	}
	*out = dt_cell(p, 0);
	return 1;
}

int dt_u32_list(struct gen *g, int node, const char *name, const void **cells, uint32_t *count)
{
	int len;
	const void *p = dt_prop(g, node, name, &len);

	if (!p)
		return 0;
	if (len == 0 || len % 4 != 0) {
		report(g, node, name, "property \"%s\" has length %d (expected a non-zero multiple of 4)",
		       name, len);
		return -1;
	}
	*cells = p;
	*count = (uint32_t)len / 4;
	return 1;
}

int dt_compatible(const struct gen *g, int node, const char *compat)
{
	return fdt_node_check_compatible(g->fdt, node, compat) == 0;
}

int dt_phandle_node(const struct gen *g, uint32_t phandle)
{
	if (phandle == 0 || phandle == 0xffffffffu)
		return -FDT_ERR_BADPHANDLE;
	return fdt_node_offset_by_phandle(g->fdt, phandle);
}

/* #address-cells / #size-cells of node (defaults 2 and 1), -1 if malformed. */
static int ncells(struct gen *g, int node, const char *name, int dflt, int min)
{
	uint32_t v;
	int r = dt_u32(g, node, name, &v);

	if (r == 0)
		return dflt;
	if (r < 0)
		return -1;
	if (v < (uint32_t)min || v > 2) {
		report(g, node, name, "%s = %u is not supported (expected %d..2)", name, v, min);
		return -1;
	}
	return (int)v;
}

static uint64_t read_cells(const void *p, uint32_t at, int n)
{
	uint64_t v = 0;
	int i;

	for (i = 0; i < n; i++)
		v = (v << 32) | dt_cell(p, at + (uint32_t)i);
	return v;
}

int dt_reg_count(struct gen *g, int node)
{
	int parent = fdt_parent_offset(g->fdt, node);
	int len, ac, sc;
	const void *p = dt_prop(g, node, "reg", &len);

	if (!p)
		return 0;
	if (parent < 0)
		return -1;
	ac = ncells(g, parent, "#address-cells", 2, 1);
	sc = ncells(g, parent, "#size-cells", 1, 0);
	if (ac < 0 || sc < 0)
		return -1;
	if (len == 0 || len % (4 * (ac + sc)) != 0) {
		report(g, node, "reg", "property \"reg\" has length %d (expected a multiple of %d)",
		       len, 4 * (ac + sc));
		return -1;
	}
	return len / (4 * (ac + sc));
}

/*
 * Translate [addr, addr + size) (in the child address space of bus) one
 * level up through bus's "ranges": the whole window must lie in one entry,
 * or a small child window could reach past what the bus maps.
 * Returns 0 on success.
 */
static int translate_up(struct gen *g, int bus, int node, uint64_t *addr, uint64_t size)
{
	int pp = fdt_parent_offset(g->fdt, bus);
	int len, cac, pac, sc, n, i;
	const void *p = dt_prop(g, bus, "ranges", &len);
	char path[1024];

	if (pp < 0)
		return -1;
	if (!p) {
		report(g, node, "reg", "not memory-mapped: %s has no \"ranges\"",
		       node_path(g, bus, path, sizeof(path)));
		return -1;
	}
	if (len == 0)
		return 0; /* identity */
	cac = ncells(g, bus, "#address-cells", 2, 1);
	sc = ncells(g, bus, "#size-cells", 1, 1);
	pac = ncells(g, pp, "#address-cells", 2, 1);
	if (cac < 0 || sc < 0 || pac < 0)
		return -1;
	if (len % (4 * (cac + pac + sc)) != 0) {
		report(g, bus, "ranges", "property \"ranges\" has length %d (expected a multiple of %d)",
		       len, 4 * (cac + pac + sc));
		return -1;
	}
	n = len / (4 * (cac + pac + sc));
	for (i = 0; i < n; i++) {
		uint32_t at = (uint32_t)(i * (cac + pac + sc));
		uint64_t child = read_cells(p, at, cac);
		uint64_t parent = read_cells(p, at + (uint32_t)cac, pac);
		uint64_t span = read_cells(p, at + (uint32_t)(cac + pac), sc);

		if (*addr < child || *addr - child >= span)
			continue;
		if (size > span - (*addr - child)) {
			report(g, node, "reg",
			       "window 0x%llx+0x%llx reaches past the \"ranges\" entry of %s (0x%llx+0x%llx)",
			       (unsigned long long)*addr, (unsigned long long)size,
			       node_path(g, bus, path, sizeof(path)), (unsigned long long)child,
			       (unsigned long long)span);
			return -1;
		}
		*addr = parent + (*addr - child);
		return 0;
	}
	report(g, node, "reg", "address 0x%llx is not covered by the \"ranges\" of %s",
	       (unsigned long long)*addr, node_path(g, bus, path, sizeof(path)));
	return -1;
}

int dt_reg(struct gen *g, int node, int idx, struct range *r)
{
	int parent = fdt_parent_offset(g->fdt, node);
	int len, ac, sc, bus, depth;
	const void *p = dt_prop(g, node, "reg", &len);
	uint64_t addr, size;

	if (!p || parent < 0)
		return -1;
	ac = ncells(g, parent, "#address-cells", 2, 1);
	sc = ncells(g, parent, "#size-cells", 1, 0);
	if (ac < 0 || sc < 0 || idx < 0 || (idx + 1) * 4 * (ac + sc) > len)
		return -1;
	addr = read_cells(p, (uint32_t)(idx * (ac + sc)), ac);
	size = read_cells(p, (uint32_t)(idx * (ac + sc) + ac), sc);
	/* walk up to the root through each bus's ranges */
	for (bus = parent, depth = 0; depth < MAX_TREE_DEPTH; depth++) {
		int up = fdt_parent_offset(g->fdt, bus);

		if (up < 0)
			break; /* bus is the root */
		if (translate_up(g, bus, node, &addr, size) != 0)
			return -1;
		bus = up;
	}
	if (addr > 0xffffffffull || size > 0xffffffffull || addr + size > SZ_4G) {
		report(g, node, "reg", "reg[%d] 0x%llx+0x%llx does not fit 32 bits", idx,
		       (unsigned long long)addr, (unsigned long long)size);
		return -1;
	}
	r->start = addr;
	r->end = addr + size;
	return 0;
}

int dt_irq_parent(const struct gen *g, int node)
{
	int depth;

	for (depth = 0; depth < MAX_TREE_DEPTH && node >= 0; depth++) {
		int len;
		const void *p = dt_prop(g, node, "interrupt-parent", &len);

		if (p)
			return len == 4 ? dt_phandle_node(g, dt_cell(p, 0)) : -1;
		node = fdt_parent_offset(g->fdt, node);
	}
	return -1;
}

/* Reports every property of node not in known[] ("unknown property \"x\" in
 * <what>"): a typo ("acess") must not silently give write access. */
bool dt_known_props(struct gen *g, int node, const char *const *known, size_t n,
		    const char *what)
{
	bool ok = true;
	int off;

	fdt_for_each_property_offset(off, g->fdt, node) {
		const char *pn;
		int len;
		size_t k;

		if (!fdt_getprop_by_offset(g->fdt, off, &pn, &len))
			continue;
		for (k = 0; k < n && strcmp(pn, known[k]) != 0; k++)
			;
		if (k == n) {
			report(g, node, pn, "unknown property \"%s\" in %s", pn, what);
			ok = false;
		}
	}
	return ok;
}

const char *const dt_timer_compat[DT_NR_TIMER_COMPAT] = { "arm,armv7-timer", "arm,armv8-timer" };

bool dt_device_type(const struct gen *g, int node, const char *type)
{
	int len;
	const char *s = dt_prop(g, node, "device_type", &len);

	return s && len == (int)strlen(type) + 1 && memcmp(s, type, (size_t)len) == 0;
}

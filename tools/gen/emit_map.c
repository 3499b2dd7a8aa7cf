/* SPDX-License-Identifier: MIT */
/*
 * map.dot: the partitioning drawn from the same data the tables are
 * emitted from (graphviz; `make map` renders it to map.svg and map.png).
 * One box per VM (level, cores, RAM IPA -> PA, console, devices, IRQs),
 * the physical cores and the board RAM on the right with what owns each,
 * and a legend. Colours say the level; grey is unused.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dt.h"
#include "emit.h"
#include "query.h"
#include "util.h"

static const char *const level_colour[] = {
	[VM_LEVEL_HRT] = "#f4a6a6", [VM_LEVEL_SRT] = "#f9d58b", [VM_LEVEL_BE] = "#a9c8f0",
};
#define HYP_COLOUR "#c9b3e6"
#define FREE_COLOUR "#e8e8e8"
#define CHAN_COLOUR "#b8e0c0"
#define FRAMES_COLOUR "#f2e3b0" /* cache-coloured frames, interleaved */

/* Text for an HTML-like label. */
static void html(struct sbuf *sb, const char *s)
{
	for (; *s; s++) {
		if (*s == '&')
			sb_add(sb, "&amp;");
		else if (*s == '<')
			sb_add(sb, "&lt;");
		else if (*s == '>')
			sb_add(sb, "&gt;");
		else if (*s == '"')
			sb_add(sb, "&quot;");
		else
			sb_printf(sb, "%c", *s);
	}
}

static void row(struct sbuf *sb, const char *key, const char *port, const char *val)
{
	sb_printf(sb, "<tr><td align=\"left\"><b>%s</b></td><td align=\"left\"%s%s%s>", key,
		  port ? " port=\"" : "", port ? port : "", port ? "\"" : "");
	sb_add(sb, val);
	sb_add(sb, "</td></tr>\n");
}

static void vm_box(const struct gen *g, struct sbuf *sb, uint32_t i)
{
	const struct vm *vm = &g->vms[i];
	const struct board *b = &g->board;
	struct sbuf v;
	char sz[32], path[1024];
	uint32_t n;

	sb_printf(sb, "  vm%u [label=<<table border=\"0\" cellborder=\"1\" cellspacing=\"0\" "
		      "cellpadding=\"4\" bgcolor=\"%s\">\n<tr><td colspan=\"2\"><b>VM %u ",
		  i, level_colour[vm->level], i);
	html(sb, vm->name);
	sb_printf(sb, "</b> (%s)</td></tr>\n", level_name[vm->level]);
	sb_init(&v);
	for (n = 0; n < vm->nr_vcpus; n++)
		sb_printf(&v, "%svCPU %u on core %u", n ? "<br/>" : "", n, vm->vcpu_pcpu[n]);
	row(sb, "cores", "cores", v.buf);
	sb_free(&v);
	sb_init(&v);
	for (n = 0; n < vm->nr_regions; n++) {
		const struct region *r = &vm->region[n];

		if (n)
			sb_add(&v, "<br/>");
		if (vm->nr_regions > 1) {
			html(&v, r->name);
			sb_add(&v, ": ");
		}
		if (r->frames) {
			uint32_t c;

			sb_printf(&v, "IPA 0x%08llx &#8594; 4 KiB frames of cache colours",
				  (unsigned long long)r->ipa);
			for (c = 0; c < GEN_MAX_COLOURS; c++)
				if (vm->colours & (1ull << c))
					sb_printf(&v, " %u", c);
			sb_printf(&v, ", %s%s", fmt_size(r->size, sz, sizeof(sz)),
				  r->read_only ? ", read-only" : "");
			continue;
		}
		sb_printf(&v, "IPA 0x%08llx &#8594; PA 0x%08llx, %s%s%s", (unsigned long long)r->ipa,
			  (unsigned long long)r->pa, fmt_size(r->size, sz, sizeof(sz)),
			  r->direct_map ? ", direct-mapped" : "", r->read_only ? ", read-only" : "");
	}
	row(sb, "RAM", "ram", v.buf);
	sb_free(&v);
	sb_init(&v);
	if (vm->console == GEN_CONSOLE_VUART)
		sb_printf(&v, "emulated PL011 at 0x%08llx, IRQ %u", (unsigned long long)b->uart_pa,
			  b->uart_irq);
	else if (vm->console == GEN_CONSOLE_PASSTHROUGH)
		sb_printf(&v, "board UART at 0x%08llx (passed through)", (unsigned long long)b->uart_pa);
	else
		sb_add(&v, "none");
	row(sb, "console", NULL, v.buf);
	sb_free(&v);
	sb_init(&v);
	for (n = 0; n < vm->nr_devs; n++) {
		if (n)
			sb_add(&v, "<br/>");
		html(&v, node_path(g, vm->dev_node[n], path, sizeof(path)));
	}
	if (vm->nr_devs == 0)
		sb_add(&v, "none");
	row(sb, "devices", NULL, v.buf);
	sb_free(&v);
	sb_init(&v);
	sb_spi_ranges(&v, vm->irq_bitmap, ", ", "none");
	row(sb, "SPIs", NULL, v.buf);
	sb_free(&v);
	sb_init(&v);
	{
		uint32_t ci, ei;

		for (n = 0; n < VM_MAX_CHANNELS && vm_chan_end(g, i, n, &ci, &ei); n++) {
			const struct chan_end *e = &g->chans[ci].end[ei];

			if (n)
				sb_add(&v, "<br/>");
			html(&v, g->chans[ci].name);
			sb_printf(&v, " (%s): IPA 0x%08llx, doorbell 0x%08llx, IRQ %u", e->ro ? "ro" : "rw",
				  (unsigned long long)e->ipa, (unsigned long long)e->doorbell, e->irq);
		}
		if (n == 0)
			sb_add(&v, "none");
	}
	row(sb, "channels", NULL, v.buf);
	sb_free(&v);
	sb_add(sb, "</table>>];\n");
}

/* The physical cores, one cell each, coloured by owner. */
static void cores_box(const struct gen *g, struct sbuf *sb)
{
	uint32_t c, i, n;

	sb_add(sb, "  cores [label=<<table border=\"0\" cellborder=\"1\" cellspacing=\"0\" "
		   "cellpadding=\"6\">\n<tr><td><b>physical cores</b></td></tr>\n");
	for (c = 0; c < g->board.nr_cores; c++) {
		const char *colour = FREE_COLOUR, *owner = "unused, off";

		for (i = 0; i < g->nr_vms; i++)
			for (n = 0; n < g->vms[i].nr_vcpus; n++)
				if (g->vms[i].vcpu_pcpu[n] == c) {
					colour = level_colour[g->vms[i].level];
					owner = g->vms[i].name;
				}
		sb_printf(sb, "<tr><td port=\"c%u\" bgcolor=\"%s\">core %u (MPIDR 0x%x): ", c, colour, c,
			  g->board.mpidr[c]);
		html(sb, owner);
		sb_add(sb, "</td></tr>\n");
	}
	sb_add(sb, "</table>>];\n");
}

struct seg {
	uint64_t start, end;
	/* -1 hypervisor, -2 free, -3 channel (region = its index), -4 the
	 * span of the coloured VMs' frames (interleaved, with free frames) */
	int vm;
	uint32_t region;
};

/* [*lo, *hi): from the lowest to past the highest frame of every coloured
 * region; false when no VM is coloured. */
static bool frames_span(const struct gen *g, uint64_t *lo, uint64_t *hi)
{
	uint64_t a = UINT64_MAX, b = 0;
	uint32_t i, m, f;

	for (i = 0; i < g->nr_vms; i++)
		for (m = 0; m < g->vms[i].nr_regions; m++) {
			const struct region *r = &g->vms[i].region[m];

			for (f = 0; r->frames && f < r->size / SZ_4K; f++) {
				a = (uint64_t)r->frames[f] << 12 < a ? (uint64_t)r->frames[f] << 12
								     : a;
				b = ((uint64_t)r->frames[f] + 1) << 12 > b
					? ((uint64_t)r->frames[f] + 1) << 12
					: b;
			}
		}
	*lo = a;
	*hi = b;
	return b > a;
}

/* A gap [a, b) of the board RAM: free, except where it meets the frames'
 * span (frames are placed last, in what every other placement left). */
static size_t gap(struct seg *all, size_t na, size_t cap, uint64_t a, uint64_t b, uint64_t lo,
		  uint64_t hi)
{
	uint64_t x = a, y = b; /* [a, b) clipped to [lo, hi) */

	if (lo > x)
		x = lo;
	if (hi < y)
		y = hi;
	if (x >= y) {
		if (na < cap)
			all[na++] = (struct seg){a, b, -2, 0};
		return na;
	}
	if (a < x && na < cap)
		all[na++] = (struct seg){a, x, -2, 0};
	if (na < cap)
		all[na++] = (struct seg){x, y, -4, 0};
	if (y < b && na < cap)
		all[na++] = (struct seg){y, b, -2, 0};
	return na;
}

/* "rt (colours 0-3), linux (colours 4-15)": who owns the frames' span. */
static void frames_owners(const struct gen *g, struct sbuf *sb)
{
	uint32_t i, c, e, k = 0;

	sb_add(sb, "4 KiB frames of ");
	for (i = 0; i < g->nr_vms; i++) {
		if (!g->vms[i].colours)
			continue;
		sb_add(sb, k++ ? ", " : "");
		html(sb, g->vms[i].name);
		sb_add(sb, " (colours");
		for (c = 0; c < GEN_MAX_COLOURS; c = e + 1) {
			e = c;
			if (!(g->vms[i].colours & (1ull << c)))
				continue;
			while (e + 1 < GEN_MAX_COLOURS && (g->vms[i].colours & (1ull << (e + 1))))
				e++;
			if (e == c)
				sb_printf(sb, " %u", c);
			else
				sb_printf(sb, " %u-%u", c, e);
		}
		sb_add(sb, ")");
	}
	sb_add(sb, ", the rest free");
}

static int seg_cmp(const void *a, const void *b)
{
	const struct seg *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

/* Board RAM from bottom to top: the hypervisor, each VM's RAM, the gaps. */
static void ram_box(const struct gen *g, struct sbuf *sb)
{
	const struct board *b = &g->board;
	size_t cap = 2 * (size_t)g->nr_vms * GEN_MAX_REGIONS + 2 * (size_t)g->nr_chans + 2 * b->nr_mem + 4,
	       n = 0, k;
	struct seg *s = xcalloc(cap, sizeof(*s)), *all = xcalloc(cap, sizeof(*all));
	size_t na = 0;
	uint32_t i, m;
	char sz[32];
	uint64_t lo = 0, hi = 0;
	bool ports = true; /* the first frames row is the coloured VMs' arrow end */

	frames_span(g, &lo, &hi);

	s[n++] = (struct seg){ g->opt.hyp_base, g->opt.hyp_base + g->opt.hyp_size, -1, 0 };
	for (i = 0; i < g->nr_vms; i++)
		for (m = 0; m < g->vms[i].nr_regions; m++)
			/* a coloured region is frames all over: its VM box says so */
			if (!g->vms[i].region[m].frames)
				s[n++] = (struct seg){ g->vms[i].region[m].pa,
					       g->vms[i].region[m].pa + g->vms[i].region[m].size, (int)i, m };
	for (i = 0; i < g->nr_chans; i++)
		s[n++] = (struct seg){ g->chans[i].pa, g->chans[i].pa + g->chans[i].size, -3, i };
	qsort(s, n, sizeof(*s), seg_cmp);
	/* the gaps inside each memory range */
	for (m = 0; m < b->nr_mem; m++) {
		uint64_t at = b->mem[m].start;

		for (k = 0; k < n; k++) {
			if (s[k].end <= b->mem[m].start || s[k].start >= b->mem[m].end)
				continue;
			if (s[k].start > at)
				na = gap(all, na, cap, at, s[k].start, lo, hi);
			if (s[k].end > at)
				at = s[k].end;
		}
		if (at < b->mem[m].end)
			na = gap(all, na, cap, at, b->mem[m].end, lo, hi);
	}
	for (k = 0; k < n && na < cap; k++)
		all[na++] = s[k];
	qsort(all, na, sizeof(*all), seg_cmp);
	sb_add(sb, "  ram [label=<<table border=\"0\" cellborder=\"1\" cellspacing=\"0\" "
		   "cellpadding=\"6\">\n<tr><td><b>board RAM (PA)</b></td></tr>\n");
	for (k = na; k-- > 0;) { /* highest address on top */
		const struct seg *x = &all[k];
		const char *colour = x->vm == -1   ? HYP_COLOUR
				     : x->vm == -2 ? FREE_COLOUR
				     : x->vm == -3 ? CHAN_COLOUR
				     : x->vm == -4 ? FRAMES_COLOUR
						   : level_colour[g->vms[x->vm].level];

		if (x->vm == -4 && ports) {
			sb_add(sb, "<tr><td port=\"frames\"");
			ports = false;
		} else if (x->vm >= 0)
			sb_printf(sb, "<tr><td port=\"vm%dr%u\"", x->vm, x->region);
		else
			sb_printf(sb, "<tr><td port=\"r%d\"", (int)k);
		sb_printf(sb, " bgcolor=\"%s\">0x%08llx-0x%08llx %s: ", colour,
			  (unsigned long long)x->start, (unsigned long long)x->end - 1,
			  fmt_size(x->end - x->start, sz, sizeof(sz)));
		if (x->vm == -4) {
			frames_owners(g, sb);
		} else if (x->vm == -3) {
			sb_add(sb, "channel ");
			html(sb, g->chans[x->region].name);
		} else if (x->vm >= 0) {
			html(sb, g->vms[x->vm].name);
			if (g->vms[x->vm].nr_regions > 1) {
				sb_add(sb, " ");
				html(sb, g->vms[x->vm].region[x->region].name);
			}
		} else
			sb_add(sb, x->vm == -1 ? "hypervisor (image, tables, guest images)" : "free");
		sb_add(sb, "</td></tr>\n");
	}
	sb_add(sb, "</table>>];\n");
	free(s);
	free(all);
}

void emit_map(const struct gen *g, struct sbuf *sb)
{
	const struct board *b = &g->board;
	uint32_t i, n;
	uint64_t lo, hi;

	sb_add(sb, "// Generated by shikiri-gen: the partitioning. Render: dot -Tsvg map.dot\n"
		   "digraph shikiri {\n  rankdir=LR;\n  fontname=\"Helvetica\";\n"
		   "  node [shape=plain fontname=\"Helvetica\" fontsize=11];\n"
		   "  edge [color=\"#555555\" arrowsize=0.6];\n  labelloc=t;\n  label=<<b>");
	html(sb, g->opt.board);
	sb_printf(sb, "</b>: %u core(s), %u VM(s); console %s at 0x%08llx (IRQ %u), hypervisor "
		      "0x%08llx-0x%08llx>;\n",
		  b->nr_cores, g->nr_vms, b->uart_type == BOARD_UART_PL011  ? "PL011"
		  : b->uart_type == BOARD_UART_CDNS ? "Cadence"
						    : "16550",
		  (unsigned long long)b->uart_pa, b->uart_irq, (unsigned long long)g->opt.hyp_base,
		  (unsigned long long)(g->opt.hyp_base + g->opt.hyp_size - 1));
	sb_add(sb, "  subgraph cluster_vms {\n  label=\"VMs (guest view)\"; style=dashed;\n");
	for (i = 0; i < g->nr_vms; i++)
		vm_box(g, sb, i);
	sb_add(sb, "  }\n  subgraph cluster_board {\n  label=\"board (physical)\"; style=dashed;\n");
	cores_box(g, sb);
	ram_box(g, sb);
	sb_add(sb, "  }\n");
	for (i = 0; i < g->nr_vms; i++) {
		for (n = 0; n < g->vms[i].nr_vcpus; n++)
			sb_printf(sb, "  vm%u:cores -> cores:c%u;\n", i, g->vms[i].vcpu_pcpu[n]);
		for (n = 0; n < g->vms[i].nr_regions; n++)
			if (g->vms[i].region[n].frames) {
				/* one arrow per VM to its frames' span */
				if (n == 0 || !g->vms[i].region[n - 1].frames)
					sb_printf(sb, "  vm%u:ram -> ram:frames;\n", i);
			} else {
				sb_printf(sb, "  vm%u:ram -> ram:vm%ur%u;\n", i, i, n);
			}
	}
	sb_printf(sb,
		  "  legend [label=<<table border=\"0\" cellborder=\"1\" cellspacing=\"0\" "
		  "cellpadding=\"4\"><tr><td><b>legend</b></td></tr>"
		  "<tr><td bgcolor=\"%s\">hrt: owns its cores, physical GIC CPU interface</td></tr>"
		  "<tr><td bgcolor=\"%s\">srt: vGIC, interrupts injected</td></tr>"
		  "<tr><td bgcolor=\"%s\">be: like srt, best effort</td></tr>"
		  "<tr><td bgcolor=\"%s\">hypervisor</td></tr>"
		  "<tr><td bgcolor=\"%s\">channel: shared by the VMs on it</td></tr>"
		  "<tr><td bgcolor=\"%s\">unused</td></tr>%s"
		  "<tr><td>arrows: vCPU &#8594; core, RAM IPA &#8594; PA</td></tr></table>>];\n}\n",
		  level_colour[VM_LEVEL_HRT], level_colour[VM_LEVEL_SRT], level_colour[VM_LEVEL_BE],
		  HYP_COLOUR, CHAN_COLOUR, FREE_COLOUR,
		  frames_span(g, &lo, &hi) ? "<tr><td bgcolor=\"" FRAMES_COLOUR
					     "\">cache-coloured 4 KiB "
					     "frames of several VMs, interleaved</td></tr>"
					   : "");
}

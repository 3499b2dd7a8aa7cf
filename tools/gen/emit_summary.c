/* SPDX-License-Identifier: MIT */
/*
 * Emit phase: summary.txt, the placement in plain text (VMs, cores and
 * their schedulers, memory IPA -> PA, channels, DTBs and initrds).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dt.h"
#include "emit.h"
#include "stage2.h"
#include "query.h"
#include "sched.h"
#include "util.h"

/* "core1 /cpus/cpu@1 fp: alpha.1 priority 10, beta.0 priority 5" per shared core */
static void emit_summary_cores(const struct gen *g, struct sbuf *sb)
{
	char path[1024];
	uint32_t c, k;
	bool any = false;

	for (c = 0; c < g->board.nr_cores; c++) {
		const struct pcpu *p = &g->pcpu[c];

		if (p->nr <= 1)
			continue;
		sb_printf(sb, "core%u %s %s:", c, node_path(g, g->board.cpu_node[c], path, sizeof(path)),
			  p->tz_shared ? "trustzone" : p->sched ? p->sched : "?");
		for (k = 0; k < p->nr; k++) {
			sb_printf(sb, "%s %s.%u ", k ? "," : "", g->vms[p->v[k].vm].name, p->v[k].vcpu);
			if (p->tz_shared)
				sb_add(sb, k ? "(Normal world)" : "(Secure, preempts)");
			else
				sched_params(sb, &g->vms[p->v[k].vm], p->sched);
		}
		sb_add(sb, "\n");
		any = true;
	}
	if (any)
		sb_add(sb, "\n");
}

/* "channel NAME: PA 0x.. size, then one line per VM on it. */
static void emit_summary_chans(const struct gen *g, struct sbuf *sb)
{
	char sz[32];
	uint32_t ci, e;

	for (ci = 0; ci < g->nr_chans; ci++) {
		const struct channel *c = &g->chans[ci];

		sb_printf(sb, "channel %s: PA 0x%08llx %s%s, %u VMs\n", c->name,
			  (unsigned long long)c->pa, fmt_size(c->size, sz, sizeof(sz)),
			  c->has_pa ? "" : " (placed)", c->nr_ends);
		for (e = 0; e < c->nr_ends; e++) {
			const struct chan_end *x = &c->end[e];
			const struct vm *vm = &g->vms[x->vm];

			sb_printf(sb, "channel %s: %u %s %s IPA 0x%08llx doorbell 0x%08llx IRQ %u (%s)\n",
				  c->name, e, vm->name, x->ro ? "ro" : "rw", (unsigned long long)x->ipa,
				  (unsigned long long)x->doorbell, x->irq,
				  "physical SPI");
		}
	}
}

/*
 * Coloured VMs (their PA column above names their colours): the colours, the frames and
 * the runs of PA-contiguous frames they make, and the stage-2 tables'
 * size (a 4 KiB table per 2 MiB of a coloured VM's IPA space).
 */
static void emit_summary_colours(const struct gen *g, struct sbuf *sb)
{
	char sz[32], ts[32];
	uint32_t i, k, c;

	for (i = 0; i < g->nr_vms; i++) {
		const struct vm *vm = &g->vms[i];
		uint64_t frames = 0, runs = 0, lo = ~0ull, hi = 0, f;

		if (!vm->colours)
			continue;
		sb_printf(sb, "vm%u %s: cache colours", i, vm->name);
		for (c = 0; c < g->board.nr_colours; c++)
			if (vm->colours & (1ull << c))
				sb_printf(sb, " %u", c);
		for (k = 0; k < vm->nr_regions; k++) {
			const struct region *r = &vm->region[k];

			for (f = 0; r->frames && f < r->size / SZ_4K; f++) {
				runs += f == 0 || r->frames[f] != r->frames[f - 1] + 1;
				lo = r->frames[f] < lo ? r->frames[f] : lo;
				hi = r->frames[f] > hi ? r->frames[f] : hi;
				frames++;
			}
		}
		sb_printf(sb, " of %u; %llu frames (%s) in %llu runs, PA 0x%08llx..0x%08llx; "
			      "stage-2 tables %s\n",
			  g->board.nr_colours, (unsigned long long)frames,
			  fmt_size(frames * SZ_4K, sz, sizeof(sz)), (unsigned long long)runs,
			  (unsigned long long)(lo << 12), (unsigned long long)((hi << 12) + SZ_4K - 1),
			  fmt_size(32 + (uint64_t)(g->s2[i].nr_t - 1) * SZ_4K, ts, sizeof(ts)));
	}
}

/*
 * The PA column of a coloured VM's row: it has no physical base (its RAM is
 * 4 KiB frames scattered over the board's RAM), so the row names its colours
 * as one token, e.g. "colours:0-3,8" (the frames are on its "cache colours"
 * line below). One token keeps the columns after it where scripts look.
 */
static void pa_column(const struct gen *g, const struct vm *vm, struct sbuf *sb)
{
	uint32_t c, e;
	bool first = true;

	if (!vm->colours) {
		sb_printf(sb, "0x%08llx", (unsigned long long)vm->region[0].pa);
		return;
	}
	sb_add(sb, "colours:");
	for (c = 0; c < g->board.nr_colours && c < GEN_MAX_COLOURS; c = e + 1) {
		e = c;
		if (!(vm->colours & (1ull << c)))
			continue;
		while (e + 1 < g->board.nr_colours && e + 1 < GEN_MAX_COLOURS &&
		       (vm->colours & (1ull << (e + 1))))
			e++;
		sb_printf(sb, e > c ? "%s%u-%u" : "%s%u", first ? "" : ",", c, e);
		first = false;
	}
}

void emit_summary(const struct gen *g, struct sbuf *sb)
{
	char sz[32];
	uint32_t i;

	sb_printf(sb, "board %s: %u cores, hypervisor 0x%08llx..0x%08llx, console %s 0x%08llx IRQ %u\n\n",
		  g->opt.board, g->board.nr_cores, (unsigned long long)g->opt.hyp_base,
		  (unsigned long long)(g->opt.hyp_base + g->opt.hyp_size - 1),
		  g->board.uart_type == BOARD_UART_PL011  ? "pl011"
		  : g->board.uart_type == BOARD_UART_CDNS ? "cdns"
							  : "ns16550",
		  (unsigned long long)g->board.uart_pa, g->board.uart_irq);
	sb_printf(sb, "%-3s %-15s %-5s %-8s %-10s    %-10s %-9s %3s %4s %4s %-11s %-24s %s\n", "id",
		  "name", "level", "cores", "RAM IPA", "PA", "size", "1G", "2M", "4K", "console",
		  "devices", "IRQs");
	for (i = 0; i < g->nr_vms; i++) {
		const struct vm *vm = &g->vms[i];
		struct sbuf cores, devs, irqs, pa;

		sb_init(&cores);
		sb_init(&devs);
		sb_init(&irqs);
		sb_init(&pa);
		pa_column(g, vm, &pa);
		core_list(&cores, vm);
		dev_list(g, &devs, vm);
		sb_spi_ranges(&irqs, vm->irq_bitmap, ",", "-");
		sb_printf(sb, "%-3u %-15s %-5s %-8s 0x%08llx -> %-10s %-9s %3u %4u %4u %-11s %-24s %s\n",
			  i, vm->name, level_name[vm->level], cores.buf, (unsigned long long)vm->region[0].ipa,
			  pa.buf, fmt_size(vm->region[0].size, sz, sizeof(sz)),
			  vm->nr_desc[0], vm->nr_desc[1], vm->nr_desc[2], console_name[vm->console],
			  devs.buf, irqs.buf);
		sb_free(&cores);
		sb_free(&devs);
		sb_free(&irqs);
		sb_free(&pa);
	}
	sb_add(sb, "\n");
	emit_summary_cores(g, sb);
	sb_add(sb, "map: map.dot here; `make map` draws it as map.svg and map.png\n");
	emit_summary_colours(g, sb);
	/* the table shows each VM's first region; more regions get a line each */
	for (i = 0; i < g->nr_vms; i++) {
		const struct vm *vm = &g->vms[i];
		uint32_t k;

		for (k = 0; k < vm->nr_regions && (vm->nr_regions > 1 || vm->region[0].read_only); k++)
			sb_printf(sb, "vm%u %s: region %s IPA 0x%08llx -> PA 0x%08llx %s%s\n", i, vm->name,
				  vm->region[k].name, (unsigned long long)vm->region[k].ipa,
				  (unsigned long long)vm->region[k].pa,
				  fmt_size(vm->region[k].size, sz, sizeof(sz)),
				  vm->region[k].read_only ? " read-only" : "");
	}
	emit_summary_chans(g, sb);
	control_summary(g, sb);
	if (g->opt.tz && g->board.tz_unenforced)
		sb_add(sb, "note: TrustZone: the board declares no security granule "
			   "(shikiri,tz-granule on its memory): nothing makes the Secure "
			   "partitions' RAM or devices secure-only on this board; both worlds can "
			   "reach all RAM (docs/trustzone.md)\n");
	for (i = 0; i < g->nr_vms; i++) {
		const struct vm *vm = &g->vms[i];

		sb_printf(sb, "vm%u.dtb %s: DTB 0x%08llx %u bytes", i, vm->name,
			  (unsigned long long)vm->dtb_ipa, vm->dtb_size);
		if (vm->initrd_path)
			sb_printf(sb, ", initrd 0x%08llx %llu bytes", (unsigned long long)vm->initrd_ipa,
				  (unsigned long long)vm->initrd_size);
		sb_add(sb, "\n");
	}
}

// SPDX-License-Identifier: MIT
/*
 * What the hypervisor of this system links (docs/architecture.md, "What a
 * system links"). The generator knows the system, so it decides: the
 * schedulers its shared cores run, channels, one console UART driver, the
 * vUART, console input, the vGIC list registers (any srt/be VM), reset;
 * and whether anything is hot (FEATURE_ALL_COLD: all of it Thumb-2 -Os).
 * Emit phase: three outputs say the same thing:
 *   features.mk  for the Makefile, which picks the source files;
 *   features.h   FEATURE_* macros, for the headers that turn a call into
 *                an optional piece into nothing when it is left out;
 *   summary.txt  a "features:" block.
 */
#include <string.h>

#include "control.h"
#include "emit.h"

struct features {
	/* the schedulers shared cores run, each once, in core order */
	const char *sched[GEN_MAX_CPUS];
	uint32_t nr_sched;
	bool chan;	    /* any channel */
	bool vuart;	    /* any VM with console = "vuart" */
	bool console_input; /* an srt/be VM with a vUART: typed input has a target */
	bool inject;	    /* an srt or be VM: virtual interrupts (vGIC list registers) */
	bool reset;	    /* a VM that can restart: pristine copies restored */
	bool control;	    /* a VM holds control rights (docs/control.md) */
	bool all_cold;	    /* nothing hot: no shared core, no srt/be VM, no channel */
	bool one_vcpu;	    /* all_cold, and every VM has one vCPU */
	/* a restart policy (vm_policies[]): any VM's on-fault or on-system-off
	 * "restart", any restart-limit */
	bool on_fault, on_off, limit;
	bool tz_soc;	    /* the SoC's TrustZone registers to write (check_tz_soc.c) */
	bool load;	    /* a VM may load another's image (staging, slots, SHA-256) */
	uint32_t uart;	    /* enum board_uart_type of the board console */
};

static void features_of(const struct gen *g, struct features *f)
{
	uint32_t i, k;

	memset(f, 0, sizeof(*f));
	for (i = 0; i < g->board.nr_cores && i < GEN_MAX_CPUS; i++) {
		const char *s = g->pcpu[i].nr > 1 ? g->pcpu[i].sched : NULL;

		for (k = 0; s && k < f->nr_sched; k++)
			if (strcmp(f->sched[k], s) == 0)
				s = NULL;
		if (s)
			f->sched[f->nr_sched++] = s;
	}
	f->chan = g->nr_chans > 0;
	for (i = 0; i < g->nr_vms; i++) {
		const struct vm *vm = &g->vms[i];

		if (vm->console == GEN_CONSOLE_VUART) {
			f->vuart = true;
			if (vm->level != GEN_LEVEL_HRT)
				f->console_input = true;
		}
		if (vm->level != GEN_LEVEL_HRT)
			f->inject = true;
		if (vm->reset == VM_RESET_RESTART)
			f->reset = true;
		/* a restart policy: on-fault or on-system-off = "restart" */
		if (g->control) {
			const struct vm_policy *p = &g->control->pol[i];

			f->on_fault |= p->on_fault == VM_ON_RESTART;
			f->on_off |= p->on_off == VM_ON_RESTART;
			f->limit |= p->limit != 0;
			if (p->on_fault == VM_ON_RESTART || p->on_off == VM_ON_RESTART)
				f->reset = true;
		}
	}
	for (i = 0; g->control && i < g->control->nr_ctl; i++) {
		const struct gen_ctl *c = &g->control->ctl[i];

		if (!c->ok)
			continue;
		f->control = true;
		for (k = 0; k < c->nr; k++)
			if (c->t[k].rights & (CTL_RIGHT_RESTART | CTL_RIGHT_LOAD))
				f->reset = true; /* a commanded restart */
		f->load = f->load || c->placed;
	}
	f->uart = g->board.uart_type;
	/* Every VM hrt on a dedicated core, no channel: the hypervisor runs
	 * only at boot, at a VM's traps (its own set-up and reports: an hrt
	 * VM's hot path takes no hypervisor entry) and at a stop or reset. No
	 * measured path (make bench: srt injection, hvc, GICD, vUART, CPU_ON,
	 * vCPU switch, channel doorbells) runs in such a system, so all of it
	 * is compiled for size (Makefile, HYP_COLD_SRCS). Not in the TrustZone
	 * mode (--arch armv7-tz), whose monitor's entry points are ARM code
	 * its C calls by name. */
	f->all_cold = f->nr_sched == 0 && !f->inject && !f->chan && !g->opt.tz;
	/* Every VM one vCPU: the loops over a VM's vCPUs have one turn (only
	 * with all_cold: the measured systems' code stays as it is). */
	f->one_vcpu = f->all_cold;
	for (i = 0; i < g->nr_vms; i++)
		if (g->vms[i].nr_vcpus != 1)
			f->one_vcpu = false;
	f->tz_soc = g->tz_soc.soc != NULL;
}

static const char *uart_driver(const struct features *f)
{
	return f->uart == BOARD_UART_NS16550 ? "ns16550"
	       : f->uart == BOARD_UART_CDNS  ? "cdns_uart"
					     : "pl011";
}

static const char *yes_no(bool b)
{
	return b ? "y" : "n";
}

static void features_summary(const struct features *f, struct sbuf *sb)
{
	uint32_t k;

	sb_add(sb, "\nfeatures: what the hypervisor links (features.mk, features.h)\n");
	sb_add(sb, "features: schedulers");
	for (k = 0; k < f->nr_sched; k++)
		sb_printf(sb, " %s", f->sched[k]);
	sb_printf(sb, "%s\n", f->nr_sched ? "" : " none (dedicated cores only)");
	sb_printf(sb, "features: channels %s\n", yes_no(f->chan));
	sb_printf(sb, "features: uart %s\n", uart_driver(f));
	sb_printf(sb, "features: vuart %s\n", yes_no(f->vuart));
	sb_printf(sb, "features: console-input %s\n", yes_no(f->console_input));
	sb_printf(sb, "features: injection %s\n", yes_no(f->inject));
	sb_printf(sb, "features: reset %s\n", yes_no(f->reset));
	sb_printf(sb, "features: control %s\n", yes_no(f->control));
	sb_printf(sb, "features: load %s\n", yes_no(f->load));
	sb_printf(sb, "features: restart on-fault %s, on-system-off %s, limit %s\n",
		  yes_no(f->on_fault), yes_no(f->on_off), yes_no(f->limit));
	sb_printf(sb, "features: code %s\n",
		  f->all_cold
		      ? "all Thumb-2 -Os (nothing hot: no shared core, srt/be VM or channel)"
		      : "trap paths ARM -O2, cold code Thumb-2 -Os");
	if (f->tz_soc)
		sb_add(sb, "features: tz-soc y (the SoC's TrustZone registers: tz-soc.txt)\n");
}

static void features_mk(const struct features *f, struct sbuf *sb)
{
	uint32_t k;

	sb_add(sb, "# Generated by shikiri-gen: what this system's hypervisor links "
		   "(emit_features.c).\n");
	sb_add(sb, "FEATURE_SCHED :=");
	for (k = 0; k < f->nr_sched; k++)
		sb_printf(sb, " %s", f->sched[k]);
	sb_printf(sb, "\nFEATURE_CHAN := %s\n", yes_no(f->chan));
	sb_printf(sb, "UART_DRIVER := %s\n", uart_driver(f));
	sb_printf(sb, "FEATURE_VUART := %s\n", yes_no(f->vuart));
	sb_printf(sb, "FEATURE_CONSOLE_INPUT := %s\n", yes_no(f->console_input));
	sb_printf(sb, "FEATURE_INJECT := %s\n", yes_no(f->inject));
	sb_printf(sb, "FEATURE_RESET := %s\n", yes_no(f->reset));
	sb_printf(sb, "FEATURE_CONTROL := %s\n", yes_no(f->control));
	sb_printf(sb, "FEATURE_ALL_COLD := %s\n", yes_no(f->all_cold));
	sb_printf(sb, "FEATURE_TZ_SOC := %s\n", yes_no(f->tz_soc));
	sb_printf(sb, "FEATURE_LOAD := %s\n", yes_no(f->load));
}

static void features_h(const struct features *f, struct sbuf *sb)
{
	uint32_t k;

	sb_add(sb, "/* Generated by shikiri-gen: what this system's hypervisor links "
		   "(emit_features.c). */\n");
	sb_add(sb, "#ifndef SHIKIRI_GEN_FEATURES_H\n#define SHIKIRI_GEN_FEATURES_H\n");
	sb_printf(sb, "#define FEATURE_SHARED_CORES %d\n", f->nr_sched > 0);
	for (k = 0; k < f->nr_sched; k++)
		sb_printf(sb, "#define FEATURE_SCHED_%s 1\n", f->sched[k]);
	sb_printf(sb, "#define FEATURE_CHAN %d\n", f->chan);
	sb_printf(sb, "#define FEATURE_UART_NS16550 %d\n", f->uart == BOARD_UART_NS16550);
	sb_printf(sb, "#define FEATURE_UART_CDNS %d\n", f->uart == BOARD_UART_CDNS);
	sb_printf(sb, "#define FEATURE_VUART %d\n", f->vuart);
	sb_printf(sb, "#define FEATURE_CONSOLE_INPUT %d\n", f->console_input);
	sb_printf(sb, "#define FEATURE_INJECT %d\n", f->inject);
	sb_printf(sb, "#define FEATURE_RESET %d\n", f->reset);
	sb_printf(sb, "#define FEATURE_CONTROL %d\n", f->control);
	sb_printf(sb, "#define FEATURE_ALL_COLD %d\n", f->all_cold);
	sb_printf(sb, "#define FEATURE_ONE_VCPU %d\n", f->one_vcpu);
	sb_printf(sb, "#define FEATURE_RESTART_ON_FAULT %d\n", f->on_fault);
	sb_printf(sb, "#define FEATURE_RESTART_ON_OFF %d\n", f->on_off);
	sb_printf(sb, "#define FEATURE_RESTART_LIMIT %d\n", f->limit);
	sb_printf(sb, "#define FEATURE_TZ_SOC %d\n", f->tz_soc);
	sb_printf(sb, "#define FEATURE_LOAD %d\n", f->load);
	sb_add(sb, "#endif\n");
}

void emit_features(const struct gen *g, struct sbuf *summary, struct sbuf *mk, struct sbuf *h)
{
	struct features f;

	features_of(g, &f);
	features_summary(&f, summary);
	features_mk(&f, mk);
	features_h(&f, h);
}

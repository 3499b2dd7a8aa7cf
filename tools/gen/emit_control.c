/* SPDX-License-Identifier: MIT */
/*
 * Emit phase: the restart policies and control rights parse_control.c
 * checked, as vmconfig.c's tables (vm_policies[], ctl_configs[]) and
 * summary.txt's lines (docs/control.md).
 */
#include "control.h"
#include "emit.h"

/* vmconfig.c: vm_policies[], ctl_configs[], ctl_config_count. */
void control_emit(const struct gen *g, struct sbuf *sb)
{
	const struct gen_control *gc = g->control;
	static const char *const on[] = {"VM_ON_STOP", "VM_ON_RESTART"};
	uint32_t i, k, n = 0;

	sb_add(sb, "/* Restart policies (docs/partition-binding.md \"Restart policy\"). */\n");
	sb_printf(sb, "const struct vm_policy vm_policies[%u] = {\n", g->nr_vms ? g->nr_vms : 1);
	for (i = 0; gc && i < g->nr_vms; i++) {
		const struct vm_policy *p = &gc->pol[i];

		sb_printf(sb,
			  "\t{ .on_fault = %s, .on_off = %s, .on_reset = %s, .limit = %u, "
			  ".window_ms = %u }, /* %s */\n",
			  on[p->on_fault & 1], on[p->on_off & 1], on[p->on_reset & 1], p->limit,
			  p->window_ms, g->vms[i].name);
	}
	sb_add(sb, "};\n\n/* Control rights (docs/control.md). */\n");
	for (i = 0; gc && i < gc->nr_ctl; i++)
		n += gc->ctl[i].ok;
	sb_printf(sb, "const struct ctl_config ctl_configs[%u] = {\n", n ? n : 1);
	for (i = 0; gc && i < gc->nr_ctl; i++) {
		const struct gen_ctl *c = &gc->ctl[i];

		if (!c->ok)
			continue;
		sb_printf(sb,
			  "\t{ /* %s */\n\t\t.vm = %d, .page_ipa = 0x%08llx, .irq = %u, "
			  ".nr_targets = %u,\n\t\t.t = {\n",
			  g->vms[c->vm].name, c->vm, (unsigned long long)c->page, c->irq, c->nr);
		for (k = 0; k < c->nr; k++)
			sb_printf(sb, "\t\t\t{ .vm = %u, .rights = 0x%x }, /* %s */\n", c->t[k].vm,
				  c->t[k].rights, g->vms[c->t[k].vm].name);
		sb_add(sb, "\t\t},\n\t},\n");
	}
	sb_printf(sb, "};\n\nconst uint32_t ctl_config_count = %u;\n\n", n);
	n = 0;
	for (i = 0; gc && i < gc->nr_ctl; i++)
		n += gc->ctl[i].ok && gc->ctl[i].placed;
	sb_add(sb, "/* Image load: staging regions and pristine slots (docs/control.md). */\n");
	sb_printf(sb, "const struct ctl_load_config ctl_load_configs[%u] = {\n", n ? n : 1);
	for (i = 0; gc && i < gc->nr_ctl; i++) {
		const struct gen_ctl *c = &gc->ctl[i];
		uint32_t nt = 0;

		if (!c->ok || !c->placed)
			continue;
		sb_printf(sb,
			  "\t{ /* %s */\n\t\t.vm = %d, .staging_ipa = 0x%08llx, .staging_pa = "
			  "0x%08llx, .size = 0x%llx,\n\t\t.t = {\n",
			  g->vms[c->vm].name, c->vm, (unsigned long long)c->staging_ipa,
			  (unsigned long long)c->staging_pa, (unsigned long long)c->staging_size);
		for (k = 0; k < c->nr; k++) {
			if (!(c->t[k].rights & CTL_RIGHT_LOAD))
				continue;
			sb_printf(
			    sb, "\t\t\t{ .vm = %u, .slot_pa = { 0x%08llx, 0x%08llx } }, /* %s */\n",
			    c->t[k].vm, (unsigned long long)c->slot_pa[k][0],
			    (unsigned long long)c->slot_pa[k][1], g->vms[c->t[k].vm].name);
			nt++;
		}
		sb_printf(sb, "\t\t},\n\t\t.nr_targets = %u,\n\t},\n", nt);
	}
	sb_printf(sb, "};\n\nconst uint32_t ctl_load_config_count = %u;\n\n", n);
}

static void rights_str(struct sbuf *sb, uint32_t r)
{
	sb_add(sb, "observe");
	if (r & CTL_RIGHT_RESTART)
		sb_add(sb, ",restart");
	if (r & CTL_RIGHT_LOAD)
		sb_add(sb, ",load");
}

/* summary.txt: non-default policies and every controller. */
void control_summary(const struct gen *g, struct sbuf *sb)
{
	const struct gen_control *gc = g->control;
	static const char *const on[] = {"stop", "restart"};
	uint32_t i, k;

	if (!gc)
		return;
	for (i = 0; i < g->nr_vms; i++) {
		const struct vm_policy *p = &gc->pol[i];

		if (p->on_fault == VM_ON_STOP && p->on_off == VM_ON_STOP && p->limit == 0)
			continue;
		sb_printf(sb, "vm%u %s: on fault %s, system-off %s, system-reset %s", i,
			  g->vms[i].name, on[p->on_fault & 1], on[p->on_off & 1],
			  on[p->on_reset & 1]);
		if (p->limit)
			sb_printf(sb, ", at most %u restart(s) per %u ms", p->limit, p->window_ms);
		sb_add(sb, "\n");
	}
	for (i = 0; i < gc->nr_ctl; i++) {
		const struct gen_ctl *c = &gc->ctl[i];

		if (!c->ok)
			continue;
		sb_printf(sb, "control %s: page 0x%08llx", g->vms[c->vm].name,
			  (unsigned long long)c->page);
		if (c->irq)
			sb_printf(sb, " IRQ %u", c->irq);
		else
			sb_add(sb, " no interrupt");
		for (k = 0; k < c->nr; k++) {
			sb_printf(sb, "%s%s ", k ? "; " : ": ", g->vms[c->t[k].vm].name);
			rights_str(sb, c->t[k].rights);
		}
		sb_add(sb, "\n");
		if (!c->placed)
			continue;
		sb_printf(
		    sb,
		    "control %s: staging IPA 0x%08llx -> PA 0x%08llx (%llu KiB), images up to "
		    "that size",
		    g->vms[c->vm].name, (unsigned long long)c->staging_ipa,
		    (unsigned long long)c->staging_pa, (unsigned long long)c->staging_size >> 10);
		for (k = 0; k < c->nr; k++)
			if (c->t[k].rights & CTL_RIGHT_LOAD)
				sb_printf(sb, "; %s slots PA 0x%08llx 0x%08llx",
					  g->vms[c->t[k].vm].name,
					  (unsigned long long)c->slot_pa[k][0],
					  (unsigned long long)c->slot_pa[k][1]);
		sb_add(sb, "\n");
	}
}

/* SPDX-License-Identifier: MIT */
/*
 * Parse phase: restart policies (partition properties on-fault, on-system-off,
 * restart-limit, with the existing reset) and control rights
 * (/partitions/control in the system file): docs/control.md,
 * docs/partition-binding.md "Restart policy" and "Control rights".
 *
 * A right names a VM, never memory: the control page is emulated (not
 * mapped), so nothing here can put another VM's RAM into the controller's
 * stage 2. What is checked: every VM named exists, a VM holds no right over
 * itself, a restart right needs the target's pristine copies, the page is
 * clear of everything else in the controller's guest-physical map, and the
 * state-change interrupt is an SPI nobody else has.
 */
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "control.h"
#include "dt.h"
#include "query.h"
#include "util.h"

#define LIMIT_MAX     65535u	/* restarts per window */
#define WINDOW_MAX_MS 86400000u /* one day */

static int vm_index(const struct gen *g, const char *name)
{
	for (uint32_t i = 0; i < g->nr_vms; i++)
		if (strcmp(g->vms[i].name, name) == 0)
			return (int)i;
	return -1;
}

/* "stop" (absent too) or "restart": 1, or -1 (reported). */
static int parse_on(struct gen *g, const struct vm *vm, const char *prop, uint8_t *out)
{
	const char *s;
	int r = dt_string(g, vm->node, prop, &s);

	*out = VM_ON_STOP;
	if (r <= 0)
		return r < 0 ? -1 : 1;
	if (strcmp(s, "stop") == 0)
		return 1;
	if (strcmp(s, "restart") != 0) {
		report(g, vm->node, prop, "unknown %s \"%s\" (expected stop or restart)", prop, s);
		return -1;
	}
	if (vm->reset == VM_RESET_HALT) {
		report(g, vm->node, prop,
		       "%s = \"restart\" needs reset = \"restart\" (the pristine copies a restart "
		       "restores)",
		       prop);
		return -1;
	}
	*out = VM_ON_RESTART;
	return 1;
}

static void parse_policy(struct gen *g, const struct vm *vm, struct vm_policy *p)
{
	const void *cells;
	uint32_t n;
	int r;

	memset(p, 0, sizeof(*p));
	parse_on(g, vm, "on-fault", &p->on_fault);
	parse_on(g, vm, "on-system-off", &p->on_off);
	p->on_reset = vm->reset == VM_RESET_HALT ? VM_ON_STOP : VM_ON_RESTART;
	r = dt_u32_list(g, vm->node, "restart-limit", &cells, &n);
	if (r <= 0)
		return;
	if (n != 2) {
		report(g, vm->node, "restart-limit",
		       "restart-limit takes 2 cells <restarts window-ms>, not %u", n);
		return;
	}
	p->limit = dt_cell(cells, 0);
	p->window_ms = dt_cell(cells, 1);
	if (p->limit == 0 || p->limit > LIMIT_MAX)
		report(g, vm->node, "restart-limit", "restart-limit: %u restarts (expected 1..%u)",
		       p->limit, LIMIT_MAX);
	if (p->window_ms == 0 || p->window_ms > WINDOW_MAX_MS)
		report(g, vm->node, "restart-limit",
		       "restart-limit: window of %u ms (expected 1..%u)", p->window_ms,
		       WINDOW_MAX_MS);
	if (p->on_fault != VM_ON_RESTART && p->on_off != VM_ON_RESTART &&
	    p->on_reset != VM_ON_RESTART)
		report(g, vm->node, "restart-limit",
		       "restart-limit without a restart (reset = \"halt\", on-fault and "
		       "on-system-off \"stop\")");
}

/* One right's list of VM names (a string list) into c's targets. */
static void parse_right(struct gen *g, struct gen_ctl *c, const char *prop, uint32_t right)
{
	const char *list;
	int len, n = 0;

	list = dt_prop(g, c->node, prop, &len);
	if (!list)
		return;
	if (len <= 0 || list[len - 1] != '\0') {
		report(g, c->node, prop, "%s must be a list of partition names (strings)", prop);
		c->ok = false;
		return;
	}
	for (int off = 0; off < len; off += (int)strlen(list + off) + 1, n++) {
		const char *name = list + off;
		int t = vm_index(g, name);
		uint32_t k;

		if (t < 0) {
			report(g, c->node, prop,
			       "%s: unknown VM \"%s\" (no partition of that name)", prop, name);
			c->ok = false;
			continue;
		}
		if (t == c->vm) {
			report(g, c->node, prop,
			       "%s: \"%s\" is the controller itself (a VM stops or restarts itself "
			       "with PSCI SYSTEM_OFF or SYSTEM_RESET)",
			       prop, name);
			c->ok = false;
			continue;
		}
		if (right == CTL_RIGHT_RESTART && g->vms[t].reset == VM_RESET_HALT) {
			report(g, c->node, prop,
			       "%s: VM \"%s\" has reset = \"halt\" (no pristine copy to restart it "
			       "from)",
			       prop, name);
			c->ok = false;
		}
		if (right == CTL_RIGHT_LOAD && g->vms[t].reset == VM_RESET_HALT) {
			report(
			    g, c->node, prop,
			    "%s: VM \"%s\" has reset = \"halt\" (a load restarts it: no pristine "
			    "copy to restart it from)",
			    prop, name);
			c->ok = false;
			continue;
		}
		for (k = 0; k < c->nr && c->t[k].vm != (uint32_t)t; k++)
			;
		if (k < c->nr && (c->t[k].rights & right)) {
			report(g, c->node, prop, "%s: \"%s\" is named twice", prop, name);
			c->ok = false;
			continue;
		}
		if (k == c->nr) {
			if (c->nr == CTL_MAX_TARGETS) {
				report(g, c->node, prop,
				       "%s: more than %u VMs under one controller", prop,
				       CTL_MAX_TARGETS);
				c->ok = false;
				return;
			}
			c->t[c->nr++] = (struct ctl_target){.vm = (uint32_t)t, .rights = 0};
		}
		/* a right to command implies the right to see the outcome */
		c->t[k].rights |= right | CTL_RIGHT_OBSERVE;
	}
}

/* A window w of the controller's IPA space (its control page, or its
 * staging region: prop names it, what says it) against everything else in
 * it. */
static void check_window(struct gen *g, struct gen_ctl *c, const char *prop, const char *what,
			 struct range w)
{
	const struct vm *vm = &g->vms[c->vm];
	const struct board *b = &g->board;
	const struct range gicc = {b->gicc.start, b->gicc.start + 2 * SZ_4K};
	const struct range uart = {b->uart_pa & ~(SZ_4K - 1),
				   (b->uart_pa + 2 * SZ_4K - 1) & ~(SZ_4K - 1)};
	char path[1024], desc[64];
	uint32_t k, ci, ei;

	if (w.end - w.start == SZ_4K)
		snprintf(desc, sizeof(desc), "%s 0x%08llx", what, (unsigned long long)w.start);
	else
		snprintf(desc, sizeof(desc), "%s 0x%08llx..0x%08llx", what,
			 (unsigned long long)w.start, (unsigned long long)w.end - 1);
#define CLASH(d, arg, r)                                                                           \
	do {                                                                                       \
		report(g, c->node, prop, "%s overlaps " d " (0x%08llx..0x%08llx)", desc, arg,      \
		       (unsigned long long)(r).start, (unsigned long long)(r).end - 1);            \
		c->ok = false;                                                                     \
	} while (0)
	for (k = 0; k < vm->nr_regions; k++)
		if (range_overlap(w, region_ipa(&vm->region[k])))
			CLASH("VM \"%s\"'s memory", vm->name, region_ipa(&vm->region[k]));
	for (k = 0; k < vm->nr_wins; k++)
		if (range_overlap(w, vm->win[k].r))
			CLASH("device %s", node_path(g, vm->win[k].node, path, sizeof(path)),
			      vm->win[k].r);
	if (range_overlap(w, b->gicd))
		CLASH("%s", "the GIC distributor", b->gicd);
	if (range_overlap(w, gicc))
		CLASH("%s", "the GIC CPU interface", gicc);
	if (b->uart_node >= 0 && vm->console == GEN_CONSOLE_VUART && range_overlap(w, uart))
		CLASH("%s", "the console UART page", uart);
	for (k = 0; vm_chan_end(g, (uint32_t)c->vm, k, &ci, &ei); k++) {
		const struct channel *ch = &g->chans[ci];
		const struct chan_end *e = &ch->end[ei];
		struct range shm = {e->ipa, e->ipa + ch->size},
			     db = {e->doorbell, e->doorbell + SZ_4K};

		if (range_overlap(w, shm))
			CLASH("channel \"%s\"'s memory", ch->name, shm);
		if (range_overlap(w, db))
			CLASH("channel \"%s\"'s doorbell page", ch->name, db);
	}
	if (strcmp(prop, "page") != 0 && range_overlap(w, (struct range){c->page, c->page + SZ_4K}))
		CLASH("%s", "its control page", ((struct range){c->page, c->page + SZ_4K}));
#undef CLASH
}

#define STAGING_MAX (256u << 20) /* a bound, not a layout: 256 MiB */

/*
 * Image load: staging = <ipa max-size>. A load right needs it and it needs
 * a load right; both page multiples; clear of everything in the
 * controller's map; max-size bytes must fit each target's region from its
 * load address (the largest image it could restart into).
 */
static void parse_staging(struct gen *g, struct gen_ctl *c)
{
	const void *cells;
	uint32_t n, k;
	bool load = false;
	int r = dt_u32_list(g, c->node, "staging", &cells, &n);

	for (k = 0; k < c->nr; k++)
		load = load || (c->t[k].rights & CTL_RIGHT_LOAD);
	if (r < 0) {
		c->ok = false;
		return;
	}
	if (r == 0) {
		if (load) {
			report(g, c->node, "load",
			       "load without staging (staging = <ipa max-size>: where the "
			       "controller puts an image)");
			c->ok = false;
		}
		return;
	}
	if (n != 2) {
		report(g, c->node, "staging", "staging takes 2 cells <ipa max-size>, not %u", n);
		c->ok = false;
		return;
	}
	c->staging_ipa = dt_cell(cells, 0);
	c->staging_size = dt_cell(cells, 1);
	if (!load) {
		report(g, c->node, "staging",
		       "staging without a load right (load = \"VM\", ...): nothing would use it");
		c->ok = false;
		return;
	}
	if ((c->staging_ipa | c->staging_size) & (SZ_4K - 1) || c->staging_size == 0 ||
	    c->staging_size > STAGING_MAX) {
		report(g, c->node, "staging",
		       "staging <0x%08llx 0x%llx>: IPA and size must be multiples of 4 KiB, size "
		       "1 page..%u MiB",
		       (unsigned long long)c->staging_ipa, (unsigned long long)c->staging_size,
		       STAGING_MAX >> 20);
		c->ok = false;
		return;
	}
	if (c->staging_ipa + c->staging_size > SZ_4G) {
		report(g, c->node, "staging", "staging 0x%08llx + 0x%llx is past 4 GiB",
		       (unsigned long long)c->staging_ipa, (unsigned long long)c->staging_size);
		c->ok = false;
		return;
	}
	c->has_staging = true;
	if (g->vms[c->vm].ok_mem)
		check_window(g, c, "staging", "staging",
			     (struct range){c->staging_ipa, c->staging_ipa + c->staging_size});
	for (k = 0; k < c->nr; k++) {
		const struct vm *t = &g->vms[c->t[k].vm];
		const struct region *reg;

		if (!(c->t[k].rights & CTL_RIGHT_LOAD) || !t->ok_mem || !t->image_ok)
			continue;
		reg = vm_region_at(t, t->load, 1);
		if (!reg || t->load + c->staging_size > reg->ipa + reg->size) {
			report(
			    g, c->node, "staging",
			    "staging max-size 0x%llx does not fit VM \"%s\"'s memory from its load "
			    "address 0x%08llx (room 0x%llx)",
			    (unsigned long long)c->staging_size, t->name,
			    (unsigned long long)t->load,
			    reg ? (unsigned long long)(reg->ipa + reg->size - t->load) : 0ull);
			c->ok = false;
		}
	}
}

/* The state-change interrupt: an SPI of the controller's own. */
static void check_irq(struct gen *g, struct gen_ctl *c, const struct gen_control *gc, uint32_t ci)
{
	uint32_t j;

	if (c->irq < 32 || c->irq > 1019) {
		report(g, c->node, "interrupt", "interrupt %u is not an SPI (32..1019)", c->irq);
		c->ok = false;
		return;
	}
	if (g->board.uart_node >= 0 && c->irq == g->board.uart_irq) {
		report(g, c->node, "interrupt", "interrupt %u is the console UART's", c->irq);
		c->ok = false;
	}
	for (j = 0; j < g->nr_vms; j++)
		if (bitmap_test(g->vms[j].irq_bitmap, c->irq)) {
			report(g, c->node, "interrupt",
			       "interrupt %u is already VM \"%s\"'s (a device, irqs or a doorbell)",
			       c->irq, g->vms[j].name);
			c->ok = false;
		}
	for (j = 0; j < ci; j++)
		if (gc->ctl[j].irq == c->irq) {
			report(g, c->node, "interrupt",
			       "interrupt %u is already controller \"%s\"'s", c->irq,
			       g->vms[gc->ctl[j].vm].name);
			c->ok = false;
		}
}

/* A VM is loaded by one controller at most: its pristine slots have one
 * writer. */
static void check_one_loader(struct gen *g, struct gen_ctl *c, const struct gen_control *gc)
{
	for (uint32_t k = 0; k < c->nr; k++) {
		if (!(c->t[k].rights & CTL_RIGHT_LOAD))
			continue;
		for (uint32_t j = 0; j < gc->nr_ctl; j++)
			for (uint32_t m = 0; m < gc->ctl[j].nr; m++)
				if (gc->ctl[j].t[m].vm == c->t[k].vm &&
				    (gc->ctl[j].t[m].rights & CTL_RIGHT_LOAD)) {
					report(g, c->node, "load",
					       "load: VM \"%s\" is already loaded by controller "
					       "\"%s\" (one writer of its pristine image)",
					       g->vms[c->t[k].vm].name, g->vms[gc->ctl[j].vm].name);
					c->ok = false;
				}
	}
}

static void parse_controller(struct gen *g, struct gen_control *gc, int node)
{
	static const char *const known[] = {"observe",	 "restart", "load",   "page",
					    "interrupt", "phandle", "staging"};
	const char *name = fdt_get_name(g->fdt, node, NULL);
	struct gen_ctl *c = &gc->ctl[gc->nr_ctl];
	uint32_t v;
	int r;

	memset(c, 0, sizeof(*c));
	c->node = node;
	c->ok = dt_known_props(g, node, known, ARRAY_SIZE(known), "a controller node");
	c->vm = name ? vm_index(g, name) : -1;
	if (c->vm < 0) {
		report(g, node, NULL, "unknown controller \"%s\" (no partition of that name)",
		       name ? name : "");
		return;
	}
	parse_right(g, c, "observe", CTL_RIGHT_OBSERVE);
	parse_right(g, c, "restart", CTL_RIGHT_RESTART);
	parse_right(g, c, "load", CTL_RIGHT_LOAD);
	if (c->nr == 0 && c->ok) {
		report(g, node, NULL, "controller \"%s\" names no VM (observe, restart or load)",
		       name);
		c->ok = false;
	}
	r = dt_u32(g, node, "page", &v);
	if (r == 0) {
		report(g, node, NULL,
		       "missing required property \"page\" (the control page's IPA)");
		c->ok = false;
	} else if (r > 0) {
		c->page = v;
		if (v & (SZ_4K - 1)) {
			report(g, node, "page", "control page 0x%08x is not 4 KiB aligned", v);
			c->ok = false;
		} else if (g->vms[c->vm].ok_mem) {
			check_window(g, c, "page", "control page",
				     (struct range){c->page, c->page + SZ_4K});
		}
	} else {
		c->ok = false;
	}
	r = dt_u32(g, node, "interrupt", &v);
	if (r > 0) {
		c->irq = v;
		check_irq(g, c, gc, gc->nr_ctl);
	} else if (r < 0) {
		c->ok = false;
	}
	parse_staging(g, c);
	check_one_loader(g, c, gc);
	if (c->ok && c->irq)
		bitmap_set(g->vms[c->vm].irq_bitmap, c->irq);
	gc->nr_ctl++;
}

void control_load(struct gen *g)
{
	struct gen_control *gc = xcalloc(1, sizeof(*gc));
	int parts, node, n = 0;

	g->control = gc;
	gc->pol = xcalloc(g->nr_vms ? g->nr_vms : 1, sizeof(*gc->pol));
	for (uint32_t i = 0; i < g->nr_vms; i++)
		parse_policy(g, &g->vms[i], &gc->pol[i]);
	parts = fdt_path_offset(g->fdt, "/partitions/control");
	if (parts < 0)
		return;
	if (dt_prop(g, parts, "compatible", &n) || dt_prop(g, parts, "reg", &n))
		report(g, parts, NULL, "/partitions/control holds only controller nodes");
	n = 0;
	for (node = fdt_first_subnode(g->fdt, parts); node >= 0;
	     node = fdt_next_subnode(g->fdt, node))
		n++;
	gc->ctl = xcalloc(n ? (size_t)n : 1, sizeof(*gc->ctl));
	for (node = fdt_first_subnode(g->fdt, parts); node >= 0;
	     node = fdt_next_subnode(g->fdt, node))
		parse_controller(g, gc, node);
}

void control_free(struct gen *g)
{
	if (!g->control)
		return;
	free(g->control->pol);
	free(g->control->ctl);
	free(g->control);
	g->control = NULL;
}

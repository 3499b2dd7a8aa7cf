/* SPDX-License-Identifier: MIT */
/*
 * Place phase, image load (docs/control.md "Image load"): per controller
 * with staging, its staging region (max-size bytes, mapped read-write into
 * the controller only) and, per VM it may load, two pristine slots of
 * max-size bytes that no VM maps: the hypervisor copies the staged image
 * into the slot not in use, checks the copy there, and only then makes it
 * the VM's pristine image (the other slot keeps the image its restarts use
 * meanwhile). All in free board RAM, held from every later placement
 * (colours) like a channel's memory; after channels_place().
 */
#include <stdio.h>

#include "control.h"
#include "dt.h"
#include "util.h"

static bool hold(struct gen *g, struct gen_ctl *c, uint64_t ipa, uint64_t size, uint64_t block,
		 uint64_t *pa, const char *what)
{
	bool found = size >= block && place_find(g, ipa, size, block, pa);

	if (!found && block != SZ_4K)
		return false;
	if (!found || *pa + size > SZ_4G) {
		report(g, c->node, "staging",
		       "no free physical RAM below 4 GiB for %s (0x%llx bytes)", what,
		       (unsigned long long)size);
		c->ok = false;
		return false;
	}
	g->held = xrealloc(g->held, (g->nr_held + 1) * sizeof(*g->held));
	g->held[g->nr_held++] = (struct range){*pa, *pa + size};
	return true;
}

/* The largest image a load puts at the target's load address must leave
 * its DTB and initrd alone (a restart copies them after it). */
static void check_blobs(struct gen *g, struct gen_ctl *c, const struct vm *t)
{
	struct range img = {t->load, t->load + c->staging_size};

	if (t->dtb && range_overlap(img, (struct range){t->dtb_ipa, t->dtb_ipa + t->dtb_size})) {
		report(g, c->node, "staging",
		       "staging max-size 0x%llx: an image that large at VM \"%s\"'s load address "
		       "0x%08llx would overlap its DTB at 0x%08llx",
		       (unsigned long long)c->staging_size, t->name, (unsigned long long)t->load,
		       (unsigned long long)t->dtb_ipa);
		c->ok = false;
	}
	if (t->initrd_path && t->initrd_ipa &&
	    range_overlap(img, (struct range){t->initrd_ipa, t->initrd_ipa + t->initrd_size})) {
		report(g, c->node, "staging",
		       "staging max-size 0x%llx: an image that large at VM \"%s\"'s load address "
		       "0x%08llx would overlap its initrd at 0x%08llx",
		       (unsigned long long)c->staging_size, t->name, (unsigned long long)t->load,
		       (unsigned long long)t->initrd_ipa);
		c->ok = false;
	}
}

void control_place(struct gen *g)
{
	struct gen_control *gc = g->control;

	for (uint32_t i = 0; gc && i < gc->nr_ctl; i++) {
		struct gen_ctl *c = &gc->ctl[i];
		bool found;

		if (!c->ok || !c->has_staging)
			continue;
		/* congruent to its IPA modulo 2 MiB when it can be (fewer
		 * descriptors), else any 4 KiB */
		found =
		    hold(g, c, c->staging_ipa, c->staging_size, SZ_2M, &c->staging_pa, "staging");
		if (!found && c->ok)
			found = hold(g, c, c->staging_ipa, c->staging_size, SZ_4K, &c->staging_pa,
				     "staging");
		if (!found)
			continue;
		for (uint32_t k = 0; k < c->nr && c->ok; k++) {
			if (!(c->t[k].rights & CTL_RIGHT_LOAD))
				continue;
			check_blobs(g, c, &g->vms[c->t[k].vm]);
			for (uint32_t s = 0; s < 2 && c->ok; s++)
				hold(g, c, 0, c->staging_size, SZ_4K, &c->slot_pa[k][s],
				     "a pristine slot");
		}
		c->placed = c->ok;
	}
}

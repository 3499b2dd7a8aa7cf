/* SPDX-License-Identifier: MIT */
/*
 * Check phase, after placement: no device window of any VM over another
 * VM's placed memory, and each VM's image, DTB and initrd inside its own
 * memory (the loader writes them at their PA unchecked).
 */
#include <stdio.h>

#include "dt.h"
#include "query.h"
#include "util.h"

/*
 * After placement every region has its PA: no device window of any VM may
 * touch one. Board RAM is refused to windows already, and placement keeps
 * regions inside it, so this is the last line, not the first.
 */
void validate_placed(struct gen *g)
{
	uint32_t i, j, k, w;
	char path[1024], ob[64];

	for (i = 0; i < g->nr_vms; i++) {
		const struct vm *vm = &g->vms[i];

		for (w = 0; w < vm->nr_wins; w++) {
			for (j = 0; j < g->nr_vms; j++) {
				const struct vm *o = &g->vms[j];

				for (k = 0; k < o->nr_regions; k++) {
					const struct region *r = &o->region[k];

					if (!r->placed || !range_overlap(vm->win[w].r, region_pa(r)))
						continue;
					report(g, vm->node, "devices",
					       "device %s window 0x%08llx..0x%08llx overlaps the memory of %s",
					       node_path(g, vm->win[w].node, path, sizeof(path)),
					       (unsigned long long)vm->win[w].r.start,
					       (unsigned long long)vm->win[w].r.end - 1,
					       owner_name(o, r, ob, sizeof(ob)));
				}
			}
		}
	}
}

void check_loadable(struct gen *g, uint32_t i)
{
	struct blob b[NR_BLOBS];

	if (!g->vms[i].dtb)
		report(g, g->vms[i].node, NULL, "internal error: no guest DTB");
	/* The loader writes each blob at its PA unchecked: it must lie in
	 * the VM's own memory (validation placed it there; say so if not). */
	if (!vm_blobs(&g->vms[i], b))
		report(g, g->vms[i].node, NULL,
		       "internal error: an image, DTB or initrd lies outside the VM's memory");
}

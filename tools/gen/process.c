/* SPDX-License-Identifier: MIT */
/*
 * The generator's phases after dtc, in order, on blobs already in memory:
 * what main() runs on dtc's outputs and the fuzz target on its inputs.
 */
#include <libfdt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>

#include "dt.h"
#include "util.h"

int gen_check_blob(const struct gen *g, const char *what, const void *blob, size_t len)
{
	/* fdt_check_full() vets every offset and string once, so later libfdt
	 * calls cannot run off the buffer on a truncated or crafted blob */
	int err = len < sizeof(struct fdt_header) || len > INT_MAX ? -FDT_ERR_TRUNCATED
								   : fdt_check_full(blob, len);

	if (err == 0 && fdt_totalsize(blob) > len)
		err = -FDT_ERR_TRUNCATED;
	if (err != 0 && !g->opt.quiet)
		fprintf(stderr, "shikiri-gen: %s: not a valid device tree blob (%s)\n", what,
			fdt_strerror(err));
	return err == 0 ? 0 : -1;
}

void gen_process(struct gen *g)
{
	/* first: a board edited by a partition file explains what follows */
	check_merge(g);
	/* then a board DT of another platform: nothing else about it matters */
	if (platform_check(g) != 0 || board_load(g) != 0)
		return;
	partitions_load(g);
	validate(g);
	/* channels need every VM's map and interrupts, and add hrt doorbells */
	channels_load(g);
	channels_fixed(g);
	/* restart policies and control rights: after every window and interrupt */
	control_load(g);
	/* guest DTBs copy board nodes that must have passed every check */
	if (g->errors == 0)
		guest_dtbs(g);
	/* placement needs every fixed region and channel known and checked */
	if (g->errors == 0)
		place_ram(g);
	if (g->errors == 0)
		channels_place(g);
	if (g->errors == 0)
		validate_placed(g);
}

void gen_free(struct gen *g)
{
	uint32_t i;

	for (i = 0; i < g->nr_vms; i++) {
		free(g->vms[i].image_path);
		free(g->vms[i].initrd_path);
		free(g->vms[i].overlay_path);
		free(g->vms[i].dtb);
	}
	free(g->vms);
	g->vms = NULL;
	free(g->chans);
	g->chans = NULL;
	g->nr_chans = 0;
	g->nr_vms = 0;
	control_free(g);
	annot_free(&g->annot);
}

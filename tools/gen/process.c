/* SPDX-License-Identifier: MIT */
/*
 * The generator's pipeline on blobs already in memory, in order: what main()
 * runs on dtc's outputs and the fuzz target on its inputs. The phases are
 * the files' prefixes (tools/gen/README.md has the table): each phase reads
 * and writes the data model in gen.h; only this file calls them, so the
 * order below is the whole order.
 */
#include <libfdt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>

#include "dt.h"
#include "stage2.h"
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

void gen_process(struct gen *g, struct sbuf *out)
{
	uint32_t i;

	/* first: a board edited by a partition file explains what follows */
	check_merge(g);
	/* then a board DT of another platform: nothing else about it matters */
	if (platform_check(g) != 0 || board_load(g) != 0)
		return;
	partitions_load(g);
	colours_load(g);
	/* who runs on which core: shared cores, their schedulers, parameters */
	sched_assign(g);
	validate(g);
	colours_check(g);
	tz_check(g);
	/* channels need every VM's map and interrupts, and add hrt doorbells */
	channels_load(g);
	channels_fixed(g);
	/* restart policies and control rights: after every window and interrupt */
	control_load(g);
	/* guest DTBs copy board nodes that must have passed every check; each
	 * is sized, placed in its VM's RAM, then built with the initrd's address */
	if (g->errors == 0)
		for (i = 0; i < g->nr_vms; i++)
			if (build_dtb_size(g, i) == 0 && place_dtb(g, &g->vms[i]))
				build_dtb(g, i);
	/* placement needs every fixed region and channel known and checked */
	if (g->errors == 0)
		place_ram(g);
	if (g->errors == 0)
		channels_place(g);
	if (g->errors == 0)
		control_place(g);
	if (g->errors == 0)
		validate_placed(g);
	/* frames of colours: from what every contiguous placement left free */
	if (g->errors == 0)
		colours_place(g);
	/* the SoC's TrustZone registers: from every VM's placed RAM */
	if (g->errors == 0)
		tz_soc_build(g);
	if (g->errors != 0)
		return;
	/* the tables, and the last check on what the loader will write */
	g->s2 = xcalloc(g->nr_vms, sizeof(*g->s2));
	for (i = 0; i < g->nr_vms; i++) {
		build_stage2(g, i);
		check_loadable(g, i);
	}
	if (g->errors != 0)
		return;
	emit_vmconfig(g, &out[0]);
	emit_images(g, &out[1]);
	emit_deps(g, &out[2]);
	emit_summary(g, &out[3]);
	emit_map(g, &out[4]);
	emit_placed_ld(g, &out[5]);
	emit_packed_ld(g, &out[6]);
	emit_features(g, &out[3], &out[7], &out[8]);
	emit_tz_soc(g, &out[0], &out[9]);
}

int gen_write(const struct gen *g, const struct sbuf *out)
{
	static const char *const name[GEN_NR_OUTPUTS] = {
		"vmconfig.c",	    "images.S",		"deps.mk",     "summary.txt", "map.dot",
		"images-placed.ld", "images-packed.ld", "features.mk", "features.h",
		"tz-soc.txt",
	};
	uint32_t i;
	int ret = 0;

	/* the blobs first: images.S refers to them */
	for (i = 0; i < g->nr_vms && ret == 0; i++) {
		char *path = xasprintf("%s/vm%u.dtb", g->opt.out, i);

		ret = write_if_changed(path, g->vms[i].dtb, g->vms[i].dtb_size);
		free(path);
	}
	for (i = 0; i < GEN_NR_OUTPUTS && ret == 0; i++) {
		char *path = xasprintf("%s/%s", g->opt.out, name[i]);

		ret = write_if_changed(path, out[i].buf, out[i].len);
		free(path);
	}
	return ret;
}

void gen_free(struct gen *g)
{
	uint32_t i;

	for (i = 0; g->s2 && i < g->nr_vms; i++)
		s2_free(&g->s2[i]);
	free(g->s2);
	g->s2 = NULL;
	for (i = 0; i < g->nr_vms; i++) {
		uint32_t k;

		for (k = 0; k < g->vms[i].nr_regions; k++)
			free(g->vms[i].region[k].frames);
		free(g->vms[i].image_path);
		free(g->vms[i].initrd_path);
		free(g->vms[i].overlay_path);
		free(g->vms[i].dtb);
		free(g->vms[i].overlay_dtb);
	}
	free(g->vms);
	g->vms = NULL;
	free(g->chans);
	g->chans = NULL;
	g->nr_chans = 0;
	g->nr_vms = 0;
	control_free(g);
	free(g->held);
	g->held = NULL;
	g->nr_held = 0;
	annot_free(&g->annot);
}

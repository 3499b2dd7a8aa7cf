/* SPDX-License-Identifier: MIT */
/*
 * shikiri-gen: turn the board DT and the partition DT fragments into the
 * static configuration the hypervisor runs from.
 *
 *   shikiri-gen --out DIR --objtree DIR --srctree DIR --nr-cpus N
 *               --max-vms N --max-vcpus N --hyp-base ADDR --hyp-size SIZE
 *               --board BOARD.dtsi PARTITION.dts [PARTITION.dts ...]
 *
 * Any error is reported as "file:line: /node/path: message" and nothing is
 * written to the output directory besides the dtc intermediates.
 */
#include <errno.h>
#include <getopt.h>
#include <libfdt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dt.h"
#include "util.h"

enum {
	OPT_OUT = 256, OPT_OBJTREE, OPT_SRCTREE, OPT_NR_CPUS, OPT_MAX_VMS, OPT_MAX_VCPUS,
	OPT_HYP_BASE, OPT_HYP_SIZE, OPT_BOARD, OPT_DTB, OPT_ANNOTATED,
};

static void usage(void)
{
	fputs("usage: shikiri-gen --out DIR --objtree DIR --srctree DIR --nr-cpus N --max-vms N\n"
	      "                   --max-vcpus N --hyp-base ADDR --hyp-size SIZE\n"
	      "                   --board BOARD.dtsi PARTITION.dts [PARTITION.dts ...]\n",
	      stderr);
	exit(2);
}

/* Decimal or 0x hex, optional K/M/G suffix; must fit 32 bits (sizes: 4 GiB). */
static uint64_t parse_num(const char *opt, const char *s, uint64_t max)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(s, &end, 0);
	if (end != s && (*end == 'K' || *end == 'M' || *end == 'G')) {
		int shift = *end == 'K' ? 10 : *end == 'M' ? 20 : 30;

		if (v > (max >> shift))
			v = max + 1;
		else
			v <<= shift;
		end++;
	}
	if (errno || end == s || *end || s[0] == '-' || v > max) {
		fprintf(stderr, "shikiri-gen: %s: invalid value \"%s\"\n", opt, s);
		exit(2);
	}
	return v;
}

static void parse_args(struct options *o, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "out", required_argument, NULL, OPT_OUT },
		{ "objtree", required_argument, NULL, OPT_OBJTREE },
		{ "srctree", required_argument, NULL, OPT_SRCTREE },
		{ "nr-cpus", required_argument, NULL, OPT_NR_CPUS },
		{ "max-vms", required_argument, NULL, OPT_MAX_VMS },
		{ "max-vcpus", required_argument, NULL, OPT_MAX_VCPUS },
		{ "hyp-base", required_argument, NULL, OPT_HYP_BASE },
		{ "hyp-size", required_argument, NULL, OPT_HYP_SIZE },
		{ "board", required_argument, NULL, OPT_BOARD },
		/* for tests: a ready dtb (and its annotated dts), no dtc run */
		{ "dtb", required_argument, NULL, OPT_DTB },
		{ "annotated", required_argument, NULL, OPT_ANNOTATED },
		{ NULL, 0, NULL, 0 },
	};
	bool hyp_base = false;
	int c;

	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_OUT: o->out = optarg; break;
		case OPT_OBJTREE: o->objtree = optarg; break;
		case OPT_SRCTREE: o->srctree = optarg; break;
		case OPT_NR_CPUS: o->nr_cpus = (uint32_t)parse_num("--nr-cpus", optarg, GEN_MAX_CPUS); break;
		case OPT_MAX_VMS: o->max_vms = (uint32_t)parse_num("--max-vms", optarg, GEN_MAX_VMS); break;
		case OPT_MAX_VCPUS:
			o->max_vcpus = (uint32_t)parse_num("--max-vcpus", optarg, GEN_MAX_CPUS);
			break;
		case OPT_HYP_BASE:
			o->hyp_base = parse_num("--hyp-base", optarg, 0xffffffffull);
			hyp_base = true;
			break;
		case OPT_HYP_SIZE: o->hyp_size = parse_num("--hyp-size", optarg, SZ_4G); break;
		case OPT_BOARD: o->board = optarg; break;
		case OPT_DTB: o->dtb = optarg; break;
		case OPT_ANNOTATED: o->annotated = optarg; break;
		default: usage();
		}
	}
	o->parts = (const char **)&argv[optind];
	o->nr_parts = argc - optind;
	if (!o->out || !o->objtree || !o->srctree || !o->nr_cpus || !o->max_vms || !o->max_vcpus ||
	    !hyp_base || !o->hyp_size || (!o->dtb && (!o->board || o->nr_parts < 1)))
		usage();
	if (!o->board)
		o->board = o->dtb;
}

/*
 * The dtc intermediates: written under temporary names and renamed over
 * system.{dts,dtb,annotated.dts} only when the whole run succeeds, so an
 * error leaves the output directory exactly as it was.
 */
struct intermediates {
	char *tmp[3];
	char *final[3];
};

enum { IM_DTS, IM_DTB, IM_ANN };

static void im_init(struct intermediates *im, const char *out)
{
	static const char *const name[3] = { "system.dts", "system.dtb", "system.annotated.dts" };
	int i;

	for (i = 0; i < 3; i++) {
		im->tmp[i] = xasprintf("%s/%s.tmp", out, name[i]);
		im->final[i] = xasprintf("%s/%s", out, name[i]);
	}
}

/* Commit (rename if changed) or drop the temporaries; frees the names. */
static int im_finish(struct intermediates *im, bool commit)
{
	int ret = 0, i;

	for (i = 0; i < 3; i++) {
		if (commit && ret == 0)
			ret = replace_if_changed(im->tmp[i], im->final[i]);
		unlink(im->tmp[i]);
		free(im->tmp[i]);
		free(im->final[i]);
	}
	return ret;
}

/* dtc twice: the blob we read, and the -T listing that gives every line number. */
static int run_dtc(const struct options *o, const struct intermediates *im)
{
	const char *dtc = getenv("DTC");
	char cwd[PATH_MAX];
	char *err = xasprintf("%s/dtc.err.tmp", o->out);
	struct sbuf sb;
	int ret, p;

	if (!dtc || !*dtc)
		dtc = "dtc";
	if (!getcwd(cwd, sizeof(cwd))) {
		perror("shikiri-gen: getcwd");
		free(err);
		return -1;
	}
	sb_init(&sb);
	sb_printf(&sb, "/dts-v1/;\n/include/ \"%s\"\n", o->board);
	for (p = 0; p < o->nr_parts; p++)
		sb_printf(&sb, "/include/ \"%s\"\n", o->parts[p]);
	unlink(im->tmp[IM_DTS]);
	ret = write_if_changed(im->tmp[IM_DTS], sb.buf, sb.len);
	sb_free(&sb);
	if (ret == 0) {
		char *const argv_dtb[] = { (char *)dtc, "-i", cwd, "-I", "dts", "-O", "dtb", "-o",
					   im->tmp[IM_DTB], im->tmp[IM_DTS], NULL };
		char *const argv_ann[] = { (char *)dtc, "-i", cwd, "-I", "dts", "-O", "dts", "-T", "-o",
					   im->tmp[IM_ANN], im->tmp[IM_DTS], NULL };

		/*
		 * dtc's stderr is shown only when it fails: its warnings are
		 * about DT conventions, which the checks here cover for what
		 * matters, and they would bury the real messages.
		 */
		ret = run_program(argv_dtb, err) == 0 ? 0 : -1;
		if (ret == 0)
			ret = run_program(argv_ann, err) == 0 ? 0 : -1;
		if (ret != 0) {
			size_t len;
			char *msg = read_file(err, &len);

			if (msg)
				fwrite(msg, 1, len, stderr);
			free(msg);
		}
	}
	unlink(err);
	free(err);
	return ret;
}

static int load_inputs(struct gen *g, const char *dtb, const char *annotated)
{
	size_t len, alen;
	char *blob = read_file(dtb, &len);
	char *text;
	int err;

	if (!blob) {
		fprintf(stderr, "shikiri-gen: %s: %s\n", dtb, strerror(errno));
		return -1;
	}
	/* fdt_check_full() vets every offset and string once, so later libfdt
	 * calls cannot run off the buffer on a truncated or crafted blob */
	err = len < sizeof(struct fdt_header) || len > INT_MAX ? -FDT_ERR_TRUNCATED
							       : fdt_check_full(blob, len);
	if (err == 0 && fdt_totalsize(blob) > len)
		err = -FDT_ERR_TRUNCATED;
	if (err != 0) {
		fprintf(stderr, "shikiri-gen: %s: not a valid device tree blob (%s)\n", dtb,
			fdt_strerror(err));
		free(blob);
		return -1;
	}
	g->fdt = blob;
	if (!annotated)
		return 0;
	text = read_file(annotated, &alen);
	if (!text) {
		fprintf(stderr, "shikiri-gen: %s: %s\n", annotated, strerror(errno));
		return -1;
	}
	{
		const char **given = xcalloc((size_t)g->opt.nr_parts + 1, sizeof(*given));
		int p;

		given[0] = g->opt.board;
		for (p = 0; p < g->opt.nr_parts; p++)
			given[p + 1] = g->opt.parts[p];
		annot_parse(&g->annot, text, g->opt.dtb ? NULL : g->opt.out, given, g->opt.nr_parts + 1);
		free(given);
	}
	free(text);
	return 0;
}

int main(int argc, char **argv)
{
	struct gen g;
	struct intermediates im;
	const char *dtb, *annotated;
	int ret = 1;

	memset(&g, 0, sizeof(g));
	annot_init(&g.annot);
	parse_args(&g.opt, argc, argv);
	if (mkdir_p(g.opt.out) != 0)
		return 1;
	im_init(&im, g.opt.out);
	if (g.opt.dtb) {
		dtb = g.opt.dtb;
		annotated = g.opt.annotated;
	} else {
		dtb = im.tmp[IM_DTB];
		annotated = im.tmp[IM_ANN];
		if (run_dtc(&g.opt, &im) != 0)
			goto out;
	}
	if (load_inputs(&g, dtb, annotated) != 0)
		goto out;
	if (board_load(&g) != 0)
		goto out;
	partitions_load(&g);
	validate(&g);
	/* guest DTBs copy board nodes that must have passed every check */
	if (g.errors == 0)
		guest_dtbs(&g);
	/* placement needs every fixed region known and checked */
	if (g.errors == 0)
		place_ram(&g);
	if (g.errors == 0 && emit_all(&g) == 0)
		ret = 0;
out:
	if (im_finish(&im, ret == 0 && !g.opt.dtb) != 0)
		ret = 1;
	/* last: make's rule for the outputs hangs off the stamp */
	if (ret == 0) {
		char *stamp = xasprintf("%s/.stamp", g.opt.out);

		if (touch_file(stamp) != 0)
			ret = 1;
		free(stamp);
	}
	for (uint32_t i = 0; i < g.nr_vms; i++)
	{
		free(g.vms[i].image_path);
		free(g.vms[i].initrd_path);
		free(g.vms[i].overlay_path);
		free(g.vms[i].dtb);
	}
	free(g.vms);
	free((void *)g.fdt);
	annot_free(&g.annot);
	return ret;
}

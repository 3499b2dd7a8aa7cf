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

/* dtc twice: the blob we read, and the -T listing that gives every line number. */
static int run_dtc(struct options *o, char **dtb, char **annotated)
{
	const char *dtc = getenv("DTC");
	char cwd[PATH_MAX];
	char *src = xasprintf("%s/system.dts", o->out);
	char *tmp_dtb = xasprintf("%s/system.dtb.tmp", o->out);
	char *tmp_ann = xasprintf("%s/system.annotated.dts.tmp", o->out);
	char *tmp_err = xasprintf("%s/dtc.err.tmp", o->out);
	struct sbuf sb;
	int ret = -1, p;

	*dtb = xasprintf("%s/system.dtb", o->out);
	*annotated = xasprintf("%s/system.annotated.dts", o->out);
	if (!dtc || !*dtc)
		dtc = "dtc";
	if (!getcwd(cwd, sizeof(cwd))) {
		perror("shikiri-gen: getcwd");
		goto out;
	}
	sb_init(&sb);
	sb_printf(&sb, "/dts-v1/;\n/include/ \"%s\"\n", o->board);
	for (p = 0; p < o->nr_parts; p++)
		sb_printf(&sb, "/include/ \"%s\"\n", o->parts[p]);
	ret = write_if_changed(src, sb.buf, sb.len);
	sb_free(&sb);
	if (ret == 0) {
		char *const argv_dtb[] = { (char *)dtc, "-i", cwd, "-I", "dts", "-O", "dtb", "-o",
					   tmp_dtb, src, NULL };
		char *const argv_ann[] = { (char *)dtc, "-i", cwd, "-I", "dts", "-O", "dts", "-T", "-o",
					   tmp_ann, src, NULL };

		/*
		 * dtc's stderr is shown only when it fails: its warnings are
		 * about DT conventions, which the checks here cover for what
		 * matters, and they would bury the real messages.
		 */
		ret = run_program(argv_dtb, tmp_err) == 0 ? 0 : -1;
		if (ret == 0)
			ret = run_program(argv_ann, tmp_err) == 0 ? 0 : -1;
		if (ret != 0) {
			size_t len;
			char *msg = read_file(tmp_err, &len);

			if (msg)
				fwrite(msg, 1, len, stderr);
			free(msg);
		}
		if (ret == 0)
			ret = replace_if_changed(tmp_dtb, *dtb);
		if (ret == 0)
			ret = replace_if_changed(tmp_ann, *annotated);
		unlink(tmp_dtb);
		unlink(tmp_ann);
		unlink(tmp_err);
	}
out:
	free(tmp_err);
	free(src);
	free(tmp_dtb);
	free(tmp_ann);
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
	char *dtb = NULL, *annotated = NULL;
	int ret = 1;

	memset(&g, 0, sizeof(g));
	annot_init(&g.annot);
	parse_args(&g.opt, argc, argv);
	if (mkdir_p(g.opt.out) != 0)
		return 1;
	if (g.opt.dtb) {
		dtb = xstrdup(g.opt.dtb);
		annotated = g.opt.annotated ? xstrdup(g.opt.annotated) : NULL;
	} else if (run_dtc(&g.opt, &dtb, &annotated) != 0) {
		goto out;
	}
	if (load_inputs(&g, dtb, annotated) != 0)
		goto out;
	if (board_load(&g) != 0)
		goto out;
	partitions_load(&g);
	validate(&g);
	/* placement needs every fixed region known and checked */
	if (g.errors == 0)
		place_ram(&g);
	if (g.errors == 0 && emit_all(&g) == 0)
		ret = 0;
out:
	if (g.vms)
		for (uint32_t i = 0; i < g.nr_vms; i++)
			free(g.vms[i].image_path);
	free(g.vms);
	free((void *)g.fdt);
	annot_free(&g.annot);
	free(dtb);
	free(annotated);
	return ret;
}

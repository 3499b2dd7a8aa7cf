/* SPDX-License-Identifier: MIT */
/*
 * shikiri-gen: turn the board DT and the partition DT fragments into the
 * static configuration the hypervisor runs from.
 *
 *   shikiri-gen --out DIR --objtree DIR --srctree DIR --nr-cpus N
 *               --max-vms N --max-vcpus N --hyp-base ADDR --hyp-size SIZE
 *               [--max-vcpus-per-pcpu N] [--sched-default NAME] [--sched-enabled LIST]
 *               [--platform NAME --platform-compatible STRING] [--arch armv7|armv7-tz]
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
#include "dtc.h"
#include "util.h"

enum {
	OPT_OUT = 256, OPT_OBJTREE, OPT_SRCTREE, OPT_NR_CPUS, OPT_MAX_VMS, OPT_MAX_VCPUS,
	OPT_HYP_BASE, OPT_HYP_SIZE, OPT_BOARD, OPT_DTB, OPT_ANNOTATED, OPT_BOARD_DTB,
	OPT_MAX_PCPU_VCPUS, OPT_SCHED_DEFAULT, OPT_SCHED_ENABLED, OPT_PLATFORM, OPT_PLATFORM_COMPAT,
	OPT_ARCH,
	OPT_CACHE_COLOURING,
};

static void usage(void)
{
	fputs("usage: shikiri-gen --out DIR --objtree DIR --srctree DIR --nr-cpus N --max-vms N\n"
	      "                   --max-vcpus N --hyp-base ADDR --hyp-size SIZE\n"
	      "                   [--max-vcpus-per-pcpu N] [--sched-default fp|edf|rr|\"\"]\n"
	      "                   [--sched-enabled fp,edf,rr]\n"
	      "                   [--platform NAME --platform-compatible STRING] [--cache-colouring]\n"
	      "                   [--arch armv7|armv7-tz]\n"
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

/* "fp,edf,rr": comma-separated scheduler names ("" for none), as given. */
static const char *sched_names(const char *opt, const char *s, bool list)
{
	const char *p;

	for (p = s; *p; p++) {
		bool name = (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_';

		if (name || (list && *p == ',' && p > s && p[1] && p[1] != ','))
			continue;
		fprintf(stderr, "shikiri-gen: %s: invalid scheduler name%s \"%s\" (a-z 0-9 _%s)\n", opt,
			list ? " list" : "", s, list ? ", separated by commas" : "");
		exit(2);
	}
	return s;
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
		{ "max-vcpus-per-pcpu", required_argument, NULL, OPT_MAX_PCPU_VCPUS },
		{ "sched-default", required_argument, NULL, OPT_SCHED_DEFAULT },
		{ "sched-enabled", required_argument, NULL, OPT_SCHED_ENABLED },
		{ "platform", required_argument, NULL, OPT_PLATFORM },
		{ "platform-compatible", required_argument, NULL, OPT_PLATFORM_COMPAT },
		{ "arch", required_argument, NULL, OPT_ARCH },
		{ "cache-colouring", no_argument, NULL, OPT_CACHE_COLOURING },
		/* for tests: a ready dtb (and its annotated dts), no dtc run */
		{ "dtb", required_argument, NULL, OPT_DTB },
		{ "annotated", required_argument, NULL, OPT_ANNOTATED },
		{ "board-dtb", required_argument, NULL, OPT_BOARD_DTB },
		{ NULL, 0, NULL, 0 },
	};
	bool hyp_base = false;
	int c;

	/* without the scheduling options: the Kconfig defaults */
	o->max_pcpu_vcpus = 4;
	o->sched_default = "fp";
	o->sched_enabled = "fp,edf,rr";

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
		case OPT_MAX_PCPU_VCPUS:
			o->max_pcpu_vcpus =
				(uint32_t)parse_num("--max-vcpus-per-pcpu", optarg, GEN_MAX_PCPU_VCPUS);
			break;
		case OPT_SCHED_DEFAULT:
			o->sched_default = sched_names("--sched-default", optarg, false);
			break;
		case OPT_SCHED_ENABLED:
			o->sched_enabled = sched_names("--sched-enabled", optarg, true);
			break;
		case OPT_PLATFORM: o->platform = optarg; break;
		case OPT_PLATFORM_COMPAT: o->platform_compatible = optarg; break;
		case OPT_ARCH:
			if (strcmp(optarg, "armv7") != 0 && strcmp(optarg, "armv7-tz") != 0) {
				fprintf(stderr, "shikiri-gen: --arch %s: not armv7 or armv7-tz\n", optarg);
				exit(2);
			}
			o->tz = strcmp(optarg, "armv7-tz") == 0;
			break;
		case OPT_DTB: o->dtb = optarg; break;
		case OPT_ANNOTATED: o->annotated = optarg; break;
		case OPT_BOARD_DTB: o->board_dtb = optarg; break;
		case OPT_CACHE_COLOURING: o->colouring = true; break;
		default: usage();
		}
	}
	o->parts = (const char **)&argv[optind];
	o->nr_parts = argc - optind;
	if (!o->out || !o->objtree || !o->srctree || !o->nr_cpus || !o->max_vms || !o->max_vcpus ||
	    !hyp_base || !o->hyp_size || !o->max_pcpu_vcpus ||
	    (!o->dtb && (!o->board || o->nr_parts < 1)))
		usage();
	if (!o->board)
		o->board = o->dtb;
	if (o->platform_compatible && !o->platform_compatible[0]) {
		fputs("shikiri-gen: --platform-compatible: empty string\n", stderr);
		exit(2);
	}
}

/*
 * The dtc intermediates: written under temporary names and renamed over
 * system.{dts,dtb,annotated.dts} only when the whole run succeeds, so an
 * error leaves the output directory exactly as it was. board.{dts,dtb}
 * (the board alone) are always removed.
 */
enum { IM_DTS, IM_DTB, IM_ANN, IM_BOARD_DTS, IM_BOARD_DTB, IM_ERR, IM_NR, IM_KEPT = IM_ANN + 1 };

struct intermediates {
	char *tmp[IM_NR];
	char *final[IM_KEPT];
};

static void im_init(struct intermediates *im, const char *out)
{
	static const char *const name[IM_NR] = { "system.dts", "system.dtb", "system.annotated.dts",
						 "board.dts", "board.dtb", "dtc.err" };
	int i;

	for (i = 0; i < IM_NR; i++)
		im->tmp[i] = xasprintf("%s/%s.tmp", out, name[i]);
	for (i = 0; i < IM_KEPT; i++)
		im->final[i] = xasprintf("%s/%s", out, name[i]);
}

/* Commit (rename if changed) or drop the temporaries; frees the names. */
static int im_finish(struct intermediates *im, bool commit)
{
	int ret = 0, i;

	for (i = 0; i < IM_NR; i++) {
		if (commit && ret == 0 && i < IM_KEPT)
			ret = replace_if_changed(im->tmp[i], im->final[i]);
		unlink(im->tmp[i]);
		free(im->tmp[i]);
		if (i < IM_KEPT)
			free(im->final[i]);
	}
	return ret;
}

/*
 * dtc three times: the blob we read, the -T listing that gives every line
 * number, and the board alone, which the merged tree is compared with
 * (check_merge.c).
 */
static int run_dtc(struct gen *g, const struct intermediates *im)
{
	const struct options *o = &g->opt;
	char cwd[PATH_MAX];
	char *cwd_slash;
	const char **incl = xcalloc((size_t)o->nr_parts + 2, sizeof(*incl));
	const char *from[1], *to[1] = { "" };
	struct dtc_src names = { im->tmp[IM_DTS], incl, (uint32_t)o->nr_parts + 2, from, to, 1 };
	struct dtc_src bnames = { im->tmp[IM_BOARD_DTS], incl, 2, from, to, 1 };
	struct sbuf sb;
	int ret, p;

	if (!getcwd(cwd, sizeof(cwd))) {
		perror("shikiri-gen: getcwd");
		free(incl);
		return -1;
	}
	/* dtc finds the inputs through -i cwd and prints them with it in front */
	cwd_slash = xasprintf("%s/", cwd);
	from[0] = cwd_slash;
	incl[1] = o->board;
	sb_init(&sb);
	sb_printf(&sb, "/dts-v1/;\n/include/ \"%s\"\n", o->board);
	ret = write_if_changed(im->tmp[IM_BOARD_DTS], sb.buf, sb.len);
	for (p = 0; p < o->nr_parts; p++) {
		sb_printf(&sb, "/include/ \"%s\"\n", o->parts[p]);
		incl[p + 2] = o->parts[p];
	}
	unlink(im->tmp[IM_DTS]);
	if (ret == 0)
		ret = write_if_changed(im->tmp[IM_DTS], sb.buf, sb.len);
	sb_free(&sb);
	/*
	 * dtc's stderr is shown only when it fails: its warnings are about DT
	 * conventions, which the checks here cover for what matters, and they
	 * would bury the real messages.
	 */
	if (ret == 0) {
		char *argv[] = { NULL, "-i", cwd, "-I", "dts", "-O", "dtb", "-o", im->tmp[IM_DTB],
				 im->tmp[IM_DTS], NULL };

		ret = dtc_run(g, argv, im->tmp[IM_ERR], &names);
	}
	if (ret == 0) {
		char *argv[] = { NULL, "-i", cwd, "-I", "dts", "-O", "dts", "-T", "-o", im->tmp[IM_ANN],
				 im->tmp[IM_DTS], NULL };

		ret = dtc_run(g, argv, im->tmp[IM_ERR], &names);
	}
	if (ret == 0) {
		char *argv[] = { NULL, "-i", cwd, "-I", "dts", "-O", "dtb", "-o", im->tmp[IM_BOARD_DTB],
				 im->tmp[IM_BOARD_DTS], NULL };

		ret = dtc_run(g, argv, im->tmp[IM_ERR], &bnames);
	}
	free(cwd_slash);
	free(incl);
	return ret;
}

/* A blob file into memory, checked. NULL after printing. */
static char *load_blob(const struct gen *g, const char *path)
{
	size_t len;
	char *blob = read_file(path, &len);

	if (!blob) {
		fprintf(stderr, "shikiri-gen: %s: %s\n", path, strerror(errno));
		return NULL;
	}
	if (gen_check_blob(g, path, blob, len) != 0) {
		free(blob);
		return NULL;
	}
	return blob;
}

static int load_inputs(struct gen *g, const char *dtb, const char *annotated, const char *board)
{
	size_t alen;
	char *text;

	g->fdt = load_blob(g, dtb);
	if (!g->fdt)
		return -1;
	if (board) {
		g->board_fdt = load_blob(g, board);
		if (!g->board_fdt)
			return -1;
	}
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
	struct sbuf out[GEN_NR_OUTPUTS];
	const char *dtb, *annotated, *board;
	int ret = 1, i;

	memset(&g, 0, sizeof(g));
	annot_init(&g.annot);
	for (i = 0; i < GEN_NR_OUTPUTS; i++)
		sb_init(&out[i]);
	parse_args(&g.opt, argc, argv);
	if (mkdir_p(g.opt.out) != 0)
		return 1;
	im_init(&im, g.opt.out);
	if (g.opt.dtb) {
		dtb = g.opt.dtb;
		annotated = g.opt.annotated;
		board = g.opt.board_dtb;
	} else {
		dtb = im.tmp[IM_DTB];
		annotated = im.tmp[IM_ANN];
		board = im.tmp[IM_BOARD_DTB];
		if (run_dtc(&g, &im) != 0)
			goto out;
	}
	if (load_inputs(&g, dtb, annotated, board) != 0)
		goto out;
	gen_process(&g, out);
	if (g.errors == 0 && gen_write(&g, out) == 0)
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
	for (i = 0; i < GEN_NR_OUTPUTS; i++)
		sb_free(&out[i]);
	gen_free(&g);
	free((void *)g.fdt);
	free((void *)g.board_fdt);
	return ret;
}

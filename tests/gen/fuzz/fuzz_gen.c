// SPDX-License-Identifier: MIT
/*
 * Fuzz target for shikiri-gen: everything after dtc, in process. An input is
 * a system DTB (what dtc makes of the board and the partition files)
 * followed by the text of its `dtc -O dts -T` listing, which the generator
 * parses for file:line; either part may be mangled. The board alone (for
 * the merge check) is read once from $SHIKIRI_FUZZ_BOARD, images are looked
 * up under $SHIKIRI_FUZZ_OBJTREE and the source tree. Nothing is written and
 * dtc is never run (overlays are refused in this mode). Built with
 * libFuzzer (make fuzz) or with driver.c (the bounded run in make check).
 */
#include <libfdt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

static char *board_blob;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *board = getenv("SHIKIRI_FUZZ_BOARD");
	size_t len;

	(void)argc;
	(void)argv;
	if (board) {
		board_blob = read_file(board, &len);
		if (!board_blob || len < sizeof(struct fdt_header) || fdt_check_full(board_blob, len)) {
			fprintf(stderr, "fuzz: %s: not a usable board blob\n", board);
			exit(2);
		}
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const given[1] = { "board.dtsi" };
	struct gen g;
	struct sbuf out[GEN_NR_OUTPUTS];
	size_t blob_len = size;
	char *blob, *text = NULL;
	int i;

	if (size >= sizeof(struct fdt_header) && fdt_magic(data) == FDT_MAGIC &&
	    fdt_totalsize(data) <= size)
		blob_len = fdt_totalsize(data);
	/* copies: an aligned blob, and a NUL-terminated listing */
	blob = xmalloc(blob_len ? blob_len : 1);
	memcpy(blob, data, blob_len);
	memset(&g, 0, sizeof(g));
	annot_init(&g.annot);
	g.opt.out = "fuzz.out";
	g.opt.objtree = getenv("SHIKIRI_FUZZ_OBJTREE") ? getenv("SHIKIRI_FUZZ_OBJTREE") : ".";
	g.opt.srctree = ".";
	g.opt.board = "board.dtsi";
	g.opt.dtb = "fuzz.dtb";
	g.opt.nr_cpus = 4;
	g.opt.max_vms = 4;
	g.opt.max_vcpus = 4;
	g.opt.max_pcpu_vcpus = 4;
	g.opt.sched_default = "fp";
	g.opt.sched_enabled = "fp,edf,rr";
	g.opt.hyp_base = 0x40000000u;
	g.opt.hyp_size = 0x200000u;
	g.opt.quiet = true;
	g.opt.colouring = true; /* reach the colouring phases too */
	g.opt.no_dtc = true;
	for (i = 0; i < GEN_NR_OUTPUTS; i++)
		sb_init(&out[i]);
	if (gen_check_blob(&g, "fuzz.dtb", blob, blob_len) == 0) {
		g.fdt = blob;
		g.board_fdt = board_blob;
		if (size > blob_len) {
			text = xmalloc(size - blob_len + 1);
			memcpy(text, data + blob_len, size - blob_len);
			text[size - blob_len] = '\0';
			annot_parse(&g.annot, text, NULL, given, 1);
		}
		gen_process(&g, out);
	}
	for (i = 0; i < GEN_NR_OUTPUTS; i++)
		sb_free(&out[i]);
	gen_free(&g);
	free(text);
	free(blob);
	return 0;
}

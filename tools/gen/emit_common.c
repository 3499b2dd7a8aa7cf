/* SPDX-License-Identifier: MIT */
/*
 * Emit phase, shared: what several outputs write the same way (level and
 * console names, input strings inside comments, core/device/SPI lists,
 * blob names). Formatting only; the data is the model's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dt.h"
#include "emit.h"
#include "util.h"

const char *const level_name[3] = {
	[VM_LEVEL_HRT] = "hrt", [VM_LEVEL_SRT] = "srt", [VM_LEVEL_BE] = "be",
};

const char *const console_name[3] = {
	[VM_CONSOLE_VUART] = "vuart", [VM_CONSOLE_PASSTHROUGH] = "passthrough", [VM_CONSOLE_NONE] = "none",
};

const char *const blob_name[NR_BLOBS] = { "image", "dtb", "initrd" };

/*
 * A string from the inputs inside a C or assembler comment: quoted, with
 * quotes, backslashes and anything not printable escaped, and the comment
 * delimiters broken up, so no input can end the comment (or start a nested
 * one, which -Wcomment would turn into a build error).
 */
void comment_str(struct sbuf *sb, const char *s)
{
	const unsigned char *p;

	sb_add(sb, "\"");
	for (p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			sb_printf(sb, "\\%c", *p);
		else if (*p < 0x20 || *p >= 0x7f)
			sb_printf(sb, "\\x%02x", *p);
		else if ((*p == '*' && p[1] == '/') || (*p == '/' && p[1] == '*'))
			sb_printf(sb, "%c\\", *p);
		else
			sb_printf(sb, "%c", *p);
	}
	sb_add(sb, "\"");
}

/* "0,1,3" */
void core_list(struct sbuf *sb, const struct vm *vm)
{
	uint32_t n;

	for (n = 0; n < vm->nr_vcpus; n++)
		sb_printf(sb, "%s%u", n ? "," : "", vm->vcpu_pcpu[n]);
}

void sb_spi_ranges(struct sbuf *sb, const uint32_t *bm, const char *sep, const char *none)
{
	uint32_t i = 32, j;
	bool first = true;

	while (i < GEN_NR_IRQS) {
		if (!bitmap_test(bm, i)) {
			i++;
			continue;
		}
		for (j = i; j + 1 < GEN_NR_IRQS && bitmap_test(bm, j + 1); j++)
			;
		sb_printf(sb, "%s%u", first ? "" : sep, i);
		if (j > i)
			sb_printf(sb, "-%u", j);
		first = false;
		i = j + 1;
	}
	if (first)
		sb_add(sb, none);
}

void dev_list(const struct gen *g, struct sbuf *sb, const struct vm *vm)
{
	char path[1024];
	uint32_t k;

	for (k = 0; k < vm->nr_devs; k++)
		sb_printf(sb, "%s%s", k ? "," : "", node_path(g, vm->dev_node[k], path, sizeof(path)));
	if (vm->console == GEN_CONSOLE_PASSTHROUGH && g->board.uart_node >= 0) {
		for (k = 0; k < vm->nr_devs && vm->dev_node[k] != g->board.uart_node; k++)
			;
		if (k == vm->nr_devs)
			sb_printf(sb, "%s%s", vm->nr_devs ? "," : "",
				  node_path(g, g->board.uart_node, path, sizeof(path)));
	} else if (vm->nr_devs == 0) {
		sb_add(sb, "-");
	}
}

/* SPDX-License-Identifier: MIT */
/*
 * Check phase, first: what a partition file may change. Partition files are DT source merged
 * over the board, so dtc would let one rewrite a board node's reg, grow
 * the memory, move /chosen/stdout-path or delete another VM. The rule: a
 * partition file adds its own VM node(s) under /partitions and nothing
 * else. It is enforced on the result, by comparing the merged tree with the
 * board compiled alone (every board node and property byte for byte), and
 * on the source, where /delete-node/ and /delete-property/ are refused
 * (their effect leaves no line in dtc's annotations to point at).
 */
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dt.h"
#include "util.h"

#define MAX_DEPTH 64

/* Properties dtc adds to a board node that a partition refers to (&label). */
static bool is_phandle_prop(const char *name)
{
	return strcmp(name, "phandle") == 0 || strcmp(name, "linux,phandle") == 0;
}

static void compare_props(struct gen *g, int bnode, int mnode)
{
	const void *b = g->board_fdt, *m = g->fdt;
	int p;

	fdt_for_each_property_offset(p, b, bnode) {
		const char *name;
		int blen, mlen;
		const void *bv = fdt_getprop_by_offset(b, p, &name, &blen);
		const void *mv;

		if (!bv)
			continue;
		mv = fdt_getprop(m, mnode, name, &mlen);
		if (!mv)
			report(g, mnode, NULL, "board property \"%s\" deleted by a partition file", name);
		else if (mlen != blen || memcmp(mv, bv, (size_t)blen) != 0)
			report(g, mnode, name, "board property \"%s\" changed by a partition file", name);
	}
	fdt_for_each_property_offset(p, m, mnode) {
		const char *name;
		int len;

		if (!fdt_getprop_by_offset(m, p, &name, &len))
			continue;
		if (!fdt_getprop(b, bnode, name, &len) && !is_phandle_prop(name))
			report(g, mnode, name, "property \"%s\" added to a board node by a partition file",
			       name);
	}
}

static bool is_partitions(const void *fdt, int node)
{
	const char *name = fdt_get_name(fdt, node, NULL);

	return fdt_parent_offset(fdt, node) == 0 && name && strcmp(name, "partitions") == 0;
}

static void compare_node(struct gen *g, int bnode, int mnode, int depth)
{
	const void *b = g->board_fdt, *m = g->fdt;
	int c;

	compare_props(g, bnode, mnode);
	if (depth >= MAX_DEPTH)
		return;
	fdt_for_each_subnode(c, b, bnode) {
		const char *name = fdt_get_name(b, c, NULL);
		int mc;

		if (!name || is_partitions(b, c))
			continue;
		mc = fdt_subnode_offset(m, mnode, name);
		if (mc < 0) {
			char path[1024];

			if (fdt_get_path(b, c, path, sizeof(path)) != 0)
				snprintf(path, sizeof(path), "?");
			report(g, mnode, NULL, "board node %s deleted by a partition file", path);
			continue;
		}
		compare_node(g, c, mc, depth + 1);
	}
	fdt_for_each_subnode(c, m, mnode) {
		const char *name = fdt_get_name(m, c, NULL);

		if (!name || is_partitions(m, c))
			continue;
		if (fdt_subnode_offset(b, bnode, name) < 0)
			report(g, c, NULL,
			       "node added outside /partitions (a partition file may only add its VM node)");
	}
}

/*
 * Every property and subnode of a VM node comes from the file that defines
 * the VM: a second file cannot reach into another VM (the node itself being
 * defined twice is reported by parse_vm.c).
 */
static void check_vm_source(struct gen *g, int vm_node, int node, const char *file, int depth)
{
	char path[1024];
	const char *f;
	uint32_t line;
	int p, c;

	node_path(g, node, path, sizeof(path));
	if (node != vm_node && annot_lookup(&g->annot, path, NULL, &f, &line) && strcmp(f, file) != 0)
		report(g, node, NULL, "node of VM %s defined in %s; a partition file may only describe its own VM",
		       fdt_get_name(g->fdt, vm_node, NULL), f);
	fdt_for_each_property_offset(p, g->fdt, node) {
		const char *name;
		int len;

		if (!fdt_getprop_by_offset(g->fdt, p, &name, &len))
			continue;
		if (annot_lookup(&g->annot, path, name, &f, &line) && strcmp(f, file) != 0)
			report(g, node, name,
			       "property \"%s\" of VM %s set in %s; a partition file may only describe its own VM",
			       name, fdt_get_name(g->fdt, vm_node, NULL), f);
	}
	if (depth >= MAX_DEPTH)
		return;
	fdt_for_each_subnode(c, g->fdt, node) {
		check_vm_source(g, vm_node, c, file, depth + 1);
	}
}

static void check_vm_sources(struct gen *g)
{
	int parts = fdt_path_offset(g->fdt, "/partitions"), vm;

	if (parts < 0)
		return;
	fdt_for_each_subnode(vm, g->fdt, parts) {
		char path[1024];
		const char *file;
		uint32_t line;

		/* a VM defined twice is reported as such by parse_vm.c */
		if (annot_lookup(&g->annot, node_path(g, vm, path, sizeof(path)), NULL, &file, &line) &&
		    !annot_second(&g->annot, path, &file, &line) &&
		    annot_lookup(&g->annot, path, NULL, &file, &line))
			check_vm_source(g, vm, vm, file, 0);
	}
}

/*
 * /delete-node/ and /delete-property/ in a partition file: a lexical scan
 * that skips comments and strings. The node path is the brace nesting as
 * written ("&label" for a reference), which is enough to find the line.
 */
static void scan_deletes(struct gen *g, const char *file)
{
	static const char *const bad[] = { "/delete-node/", "/delete-property/" };
	size_t len, i, k;
	char *text = read_file(file, &len);
	char stack[16][128];
	int depth = 0;
	char last[128] = "";
	uint32_t line = 1;

	if (!text)
		return; /* dtc has read it: a race, or nothing to scan */
	/* dtc stops at a NUL and shrugs at other binary: garbage would pass */
	for (i = 0; i < len; i++) {
		unsigned char b = (unsigned char)text[i];

		line += b == '\n';
		if (b == 0 || (b < 0x20 && !strchr("\t\n\r\f\v", b)) || b == 0x7f) {
			if (!g->opt.quiet)
				fprintf(stderr,
					"%s:%u: /: not device-tree source (binary byte 0x%02x at offset %zu)\n",
					file, line, b, i);
			g->errors++;
			free(text);
			return;
		}
	}
	line = 1;
	for (i = 0; i < len; i++) {
		char c = text[i];

		if (c == '\n') {
			line++;
		} else if (c == '/' && i + 1 < len && text[i + 1] == '/') {
			while (i < len && text[i] != '\n')
				i++;
			line++;
		} else if (c == '/' && i + 1 < len && text[i + 1] == '*') {
			for (i += 2; i + 1 < len && !(text[i] == '*' && text[i + 1] == '/'); i++)
				line += text[i] == '\n';
			i++;
		} else if (c == '"') {
			for (i++; i < len && text[i] != '"'; i++) {
				if (text[i] == '\\' && i + 1 < len)
					i++;
				line += text[i] == '\n';
			}
		} else if (c == '{') {
			if (depth < 16)
				snprintf(stack[depth], sizeof(stack[depth]), "%s", last);
			depth++;
		} else if (c == '}') {
			if (depth > 0)
				depth--;
		} else if (c == '/' && (strncmp(text + i, bad[0], strlen(bad[0])) == 0 ||
					strncmp(text + i, bad[1], strlen(bad[1])) == 0)) {
			struct sbuf path;
			int d;

			k = strncmp(text + i, bad[0], strlen(bad[0])) == 0 ? 0 : 1;
			sb_init(&path);
			for (d = 0; d < depth && d < 16; d++) {
				if (stack[d][0] == '&' || d == 0)
					sb_add(&path, stack[d]);
				else
					sb_printf(&path, "%s%s", path.len > 1 ? "/" : "", stack[d]);
			}
			if (!g->opt.quiet)
				fprintf(stderr, "%s:%u: %s: %s is not allowed in a partition file\n", file,
					line, path.len ? path.buf : "/", bad[k]);
			g->errors++;
			sb_free(&path);
			i += strlen(bad[k]) - 1;
		} else if (c != ' ' && c != '\t' && c != '\r' && c != ';' && c != '=') {
			/* the last word before a '{' names the node */
			size_t n = 0;

			while (i < len && n + 1 < sizeof(last) && !strchr(" \t\r\n{};=", text[i]))
				last[n++] = text[i++];
			last[n] = '\0';
			if (n > 1 && last[n - 1] == ':')
				last[0] = '\0'; /* a label: the name follows */
			if (n > 0)
				i--; /* revisit the stop character (a NUL is simply passed) */
		}
	}
	free(text);
}

void check_merge(struct gen *g)
{
	int p;

	for (p = 0; p < g->opt.nr_parts; p++)
		scan_deletes(g, g->opt.parts[p]);
	if (g->board_fdt)
		compare_node(g, 0, 0, 0);
	check_vm_sources(g);
}

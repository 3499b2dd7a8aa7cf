/* SPDX-License-Identifier: MIT */
#include "dtc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* "L[.C][-L2[.C2]]" at p: the first line number, and where the position ends. */
static bool parse_pos(const char *p, unsigned long *line, const char **end)
{
	unsigned long v = 0;
	int digits = 0;

	while (*p >= '0' && *p <= '9' && digits < 9) {
		v = v * 10 + (unsigned long)(*p++ - '0');
		digits++;
	}
	if (digits == 0)
		return false;
	while ((*p >= '0' && *p <= '9') || *p == '.' || *p == '-')
		p++;
	*line = v;
	*end = p;
	return true;
}

char *dtc_rewrite(const char *msg, const struct dtc_src *src)
{
	size_t wlen = strlen(src->wrapper);
	struct sbuf sb;
	const char *p = msg;
	uint32_t i;

	sb_init(&sb);
	while (*p) {
		unsigned long line;
		const char *end;

		if (strncmp(p, src->wrapper, wlen) == 0 && p[wlen] == ':' &&
		    parse_pos(p + wlen + 1, &line, &end)) {
			/* only /include/ lines are in the wrapper: its position is the
			 * end of the file included there */
			if (line >= 1 && line <= src->nr_incl && src->incl[line - 1])
				sb_printf(&sb, "%s:(end of file)", src->incl[line - 1]);
			else
				sb_add(&sb, "system.dts");
			p = end;
			continue;
		}
		for (i = 0; i < src->nr_names; i++) {
			size_t n = strlen(src->from[i]);

			if (n > 0 && strncmp(p, src->from[i], n) == 0)
				break;
		}
		if (i < src->nr_names) {
			sb_add(&sb, src->to[i]);
			p += strlen(src->from[i]);
			continue;
		}
		sb_printf(&sb, "%c", *p++);
	}
	return sb.buf;
}

int dtc_run(struct gen *g, char **argv, const char *errfile, const struct dtc_src *src)
{
	const char *dtc = getenv("DTC");
	int ret;

	if (!dtc || !*dtc)
		dtc = "dtc";
	argv[0] = (char *)dtc;
	ret = run_program(argv, errfile) == 0 ? 0 : -1;
	if (ret != 0 && !g->opt.quiet) {
		size_t len;
		char *msg = read_file(errfile, &len);

		if (msg) {
			char *shown = dtc_rewrite(msg, src);

			fputs(shown, stderr);
			free(shown);
		}
		free(msg);
	}
	return ret;
}

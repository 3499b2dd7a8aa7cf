/* SPDX-License-Identifier: MIT */
#include "annot.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"

#define MAX_DEPTH 64

void annot_init(struct annot *a)
{
	memset(a, 0, sizeof(*a));
}

void annot_free(struct annot *a)
{
	uint32_t i;

	for (i = 0; i < a->nr_ent; i++) {
		free(a->ent[i].path);
		free(a->ent[i].prop);
	}
	for (i = 0; i < a->nr_files; i++) {
		free(a->raw[i]);
		free(a->files[i]);
	}
	free(a->ent);
	free(a->raw);
	free(a->files);
	annot_init(a);
}

/* realpath() into a fresh string, NULL if the file does not exist. */
static char *real(const char *path)
{
	char buf[PATH_MAX];

	return realpath(path, buf) ? xstrdup(buf) : NULL;
}

/*
 * Map a file name as dtc printed it back to how the user named it: dtc may
 * have prefixed a search directory or rewritten it relative to the
 * compiled file, so compare canonical paths.
 */
static char *display_name(const char *raw, const char *dts_dir,
			  const char *const *given, int nr_given)
{
	char *cand[2] = { NULL, NULL };
	char *shown = NULL;
	char cwd[PATH_MAX];
	int i, c;

	cand[0] = real(raw);
	if (raw[0] != '/' && dts_dir) {
		char *joined = xasprintf("%s/%s", dts_dir, raw);

		cand[1] = real(joined);
		free(joined);
	}
	for (i = 0; i < nr_given && !shown; i++) {
		char *rg = real(given[i]);

		for (c = 0; c < 2 && rg && !shown; c++)
			if (cand[c] && strcmp(cand[c], rg) == 0)
				shown = xstrdup(given[i]);
		free(rg);
	}
	/* Not one of the inputs (a file they include): relative to cwd. */
	for (c = 0; c < 2 && !shown; c++) {
		size_t n;

		if (!cand[c] || !getcwd(cwd, sizeof(cwd)))
			continue;
		n = strlen(cwd);
		if (strncmp(cand[c], cwd, n) == 0 && cand[c][n] == '/')
			shown = xstrdup(cand[c] + n + 1);
		else
			shown = xstrdup(cand[c]);
	}
	free(cand[0]);
	free(cand[1]);
	return shown ? shown : xstrdup(raw);
}

static uint32_t file_index(struct annot *a, const char *raw, size_t len, const char *dts_dir,
			   const char *const *given, int nr_given)
{
	uint32_t i;
	char *name;

	for (i = 0; i < a->nr_files; i++)
		if (strlen(a->raw[i]) == len && memcmp(a->raw[i], raw, len) == 0)
			return i;
	name = xmalloc(len + 1);
	memcpy(name, raw, len);
	name[len] = '\0';
	a->raw = xrealloc(a->raw, (a->nr_files + 1) * sizeof(*a->raw));
	a->files = xrealloc(a->files, (a->nr_files + 1) * sizeof(*a->files));
	a->raw[a->nr_files] = name;
	a->files[a->nr_files] = display_name(name, dts_dir, given, nr_given);
	return a->nr_files++;
}

/*
 * The first "file:line" of the trailing comment, if the line has one.
 * Property values come before the comment and the comment itself holds no
 * "/ *", so the last "/ *" on a line ending in "* /" is the annotation.
 */
static bool parse_entry(const char *start, const char *stop, const char **file, size_t *flen,
			uint32_t *lineno, const char **next);

static bool parse_comment(const char *line, size_t len, const char **file, size_t *flen,
			  uint32_t *lineno, const char **next)
{
	const char *start = NULL, *p;

	if (len < 4 || memcmp(line + len - 2, "*/", 2) != 0)
		return false;
	for (p = line; p + 1 < line + len - 2; p++)
		if (p[0] == '/' && p[1] == '*')
			start = p + 2;
	if (!start)
		return false;
	return parse_entry(start, line + len - 2, file, flen, lineno, next);
}

/*
 * One "file:line" entry in [start, stop); *next is where the following
 * entry starts (after ", "), or NULL when this was the last.
 */
static bool parse_entry(const char *start, const char *stop, const char **file, size_t *flen,
			uint32_t *lineno, const char **next)
{
	const char *p, *end, *colon = NULL;
	unsigned long v = 0;

	while (start < stop && *start == ' ')
		start++;
	/* the entry ends at ", " or at the closing " * /" */
	for (end = start; end < stop; end++)
		if ((end[0] == ',' && end + 1 < stop && end[1] == ' ') || (end[0] == ' ' && end + 1 == stop))
			break;
	for (p = start; p < end; p++)
		if (*p == ':')
			colon = p;
	if (!colon || colon == start || colon + 1 == end)
		return false;
	for (p = colon + 1; p < end; p++) {
		if (*p < '0' || *p > '9' || v > 100000000ul)
			return false;
		v = v * 10 + (unsigned long)(*p - '0');
	}
	*file = start;
	*flen = (size_t)(colon - start);
	*lineno = (uint32_t)v;
	*next = end < stop && end[0] == ',' ? end + 2 : NULL;
	return true;
}

static struct annot_entry *add_entry(struct annot *a, const char *path, const char *prop,
				     size_t proplen, uint32_t file, uint32_t line)
{
	struct annot_entry *e;

	if (a->nr_ent == a->cap_ent) {
		a->cap_ent = a->cap_ent ? 2 * a->cap_ent : 256;
		a->ent = xrealloc(a->ent, a->cap_ent * sizeof(*a->ent));
	}
	e = &a->ent[a->nr_ent++];
	e->path = xstrdup(path);
	e->prop = NULL;
	if (prop) {
		e->prop = xmalloc(proplen + 1);
		memcpy(e->prop, prop, proplen);
		e->prop[proplen] = '\0';
	}
	e->file = file;
	e->line = line;
	e->more = false;
	return e;
}

static bool is_name_char(char c)
{
	return c != '\0' && c != ' ' && c != '\t' && c != '{' && c != ';' && c != '=' && c != '\n';
}

void annot_parse(struct annot *a, const char *text, const char *dts_dir,
		 const char *const *given, int nr_given)
{
	/* path_len[d] = length of the node path at depth d inside path[] */
	char path[4096] = "";
	size_t path_len[MAX_DEPTH + 1];
	int depth = -1; /* -1: outside the root node */
	const char *line = text;

	while (*line) {
		const char *eol = strchr(line, '\n');
		size_t len = eol ? (size_t)(eol - line) : strlen(line);
		const char *p = line, *name = NULL, *file = NULL, *next = NULL;
		size_t nlen = 0, flen = 0;
		uint32_t lineno = 0;
		bool have_loc = parse_comment(line, len, &file, &flen, &lineno, &next);
		uint32_t fi = have_loc ? file_index(a, file, flen, dts_dir, given, nr_given) : 0;

		while (p < line + len && (*p == ' ' || *p == '\t'))
			p++;
		if (*p == '}') {
			if (depth >= 0) {
				depth--;
				path[depth >= 0 ? path_len[depth] : 0] = '\0';
			}
		} else if (p < line + len) {
			/* labels ("cpu0:") then the node or property name */
			for (;;) {
				name = p;
				while (p < line + len && is_name_char(*p))
					p++;
				nlen = (size_t)(p - name);
				if (nlen > 1 && name[nlen - 1] == ':') {
					while (p < line + len && (*p == ' ' || *p == '\t'))
						p++;
					continue;
				}
				break;
			}
			while (p < line + len && *p == ' ')
				p++;
			if (nlen > 0 && p < line + len && *p == '{') {
				size_t base = depth >= 0 ? path_len[depth] : 0;

				if (depth >= MAX_DEPTH)
					break; /* absurdly deep: stop annotating */
				if (depth < 0) {
					strcpy(path, "/");
					path_len[0] = 1;
				} else {
					size_t sep = base > 1 ? 1 : 0;

					if (base + sep + nlen + 1 > sizeof(path))
						break;
					if (sep)
						path[base] = '/';
					memcpy(path + base + sep, name, nlen);
					path[base + sep + nlen] = '\0';
					path_len[depth + 1] = base + sep + nlen;
				}
				depth++;
				if (have_loc) {
					struct annot_entry *e = add_entry(a, path, NULL, 0, fi, lineno);

					if (next && parse_entry(next, line + len - 2, &file, &flen, &lineno, &next)) {
						e->more = true;
						e->file2 = file_index(a, file, flen, dts_dir, given, nr_given);
						e->line2 = lineno;
					}
				}
			} else if (nlen > 0 && depth >= 0 && have_loc) {
				add_entry(a, path, name, nlen, fi, lineno);
			}
		}
		line = eol ? eol + 1 : line + len;
	}
}

bool annot_lookup(const struct annot *a, const char *path, const char *prop,
		  const char **file, uint32_t *line)
{
	uint32_t i;

	for (i = 0; i < a->nr_ent; i++) {
		const struct annot_entry *e = &a->ent[i];

		if (strcmp(e->path, path) != 0)
			continue;
		if (prop ? (e->prop && strcmp(e->prop, prop) == 0) : !e->prop) {
			*file = a->files[e->file];
			*line = e->line;
			return true;
		}
	}
	return false;
}

bool annot_second(const struct annot *a, const char *path, const char **file, uint32_t *line)
{
	uint32_t i;

	for (i = 0; i < a->nr_ent; i++) {
		const struct annot_entry *e = &a->ent[i];

		if (!e->prop && e->more && strcmp(e->path, path) == 0) {
			*file = a->files[e->file2];
			*line = e->line2;
			return true;
		}
	}
	return false;
}

/* SPDX-License-Identifier: MIT */
/*
 * Source locations of DT nodes and properties, read from the output of
 * `dtc -O dts -T`, which ends every node and property line with a
 * "/ * file:line * /" comment. The dtb itself has no positions, so this is
 * what lets every message point at the line a user has to fix.
 */
#ifndef GEN_ANNOT_H
#define GEN_ANNOT_H

#include <stdbool.h>
#include <stdint.h>

struct annot_entry {
	char *path;    /* node path, "/" for the root */
	char *prop;    /* property name, NULL for the node itself */
	uint32_t file; /* index into annot.files */
	uint32_t line;
	bool more;     /* a node defined (or extended) in more than one place */
	uint32_t file2, line2; /* then: the second place */
};

struct annot {
	struct annot_entry *ent;
	uint32_t nr_ent, cap_ent;
	char **raw;    /* file names as dtc printed them */
	char **files;  /* the same files as the user named them */
	uint32_t nr_files;
};

void annot_init(struct annot *a);
void annot_free(struct annot *a);

/*
 * Parse annotated dts text. dts_dir is the directory of the file dtc
 * compiled: dtc prints include names relative to it when it can. given[]
 * are the paths the user passed; a file that is one of them is shown
 * exactly as given.
 */
void annot_parse(struct annot *a, const char *text, const char *dts_dir,
		 const char *const *given, int nr_given);

bool annot_lookup(const struct annot *a, const char *path, const char *prop,
		  const char **file, uint32_t *line);

/* The second place a node is defined, if there is one. */
bool annot_second(const struct annot *a, const char *path, const char **file, uint32_t *line);

#endif

/* SPDX-License-Identifier: MIT */
/*
 * Running dtc on a generated wrapper source (which /include/s the user's
 * files) and showing its messages in terms of the user's files: a position
 * in the wrapper means "the end of the file included on that line", and
 * absolute paths dtc built from the search path are shown as given.
 */
#ifndef GEN_DTC_H
#define GEN_DTC_H

#include <stdint.h>

#include "gen.h"

struct dtc_src {
	const char *wrapper;       /* the generated source dtc compiles */
	const char *const *incl;   /* incl[l - 1]: the file /include/d on its line l, or NULL */
	uint32_t nr_incl;
	const char *const *from;   /* other names to show differently: from[i] -> to[i] */
	const char *const *to;
	uint32_t nr_names;
};

/*
 * Run $DTC (default dtc) with args (argv[0] is filled in), its stderr into
 * errfile. On failure its messages are printed rewritten (unless quiet).
 * Returns 0 when dtc succeeded.
 */
int dtc_run(struct gen *g, char **argv, const char *errfile, const struct dtc_src *src);

/* The messages text rewritten; malloc'd. */
char *dtc_rewrite(const char *msg, const struct dtc_src *src);

#endif

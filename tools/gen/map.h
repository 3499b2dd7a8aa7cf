/* SPDX-License-Identifier: MIT */
#ifndef GEN_MAP_H
#define GEN_MAP_H

#include "gen.h"
#include "util.h"

/* map.dot: the partitioning as a graphviz graph (make map renders it). */
void emit_map(const struct gen *g, struct sbuf *sb);

#endif

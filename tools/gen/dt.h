/* SPDX-License-Identifier: MIT */
/*
 * Device-tree access for shikiri-gen: error reporting with source positions
 * and property readers that check lengths and encodings before trusting a
 * single byte (the dtb may be hand-made, truncated or hostile).
 */
#ifndef GEN_DT_H
#define GEN_DT_H

#include <stddef.h>
#include <stdint.h>

#include "gen.h"

/*
 * Print "file:line: /node/path: message" and count an error. The position
 * is the property's when prop is given and annotated, else the node's.
 */
void report(struct gen *g, int node, const char *prop, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* An error not tied to a DT position: "shikiri-gen: message". */
void report_global(struct gen *g, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Full path of node, "?" if libfdt cannot compute it. */
const char *node_path(const struct gen *g, int node, char *buf, size_t len);

/* Raw property (NULL when absent); *len is its length. */
const void *dt_prop(const struct gen *g, int node, const char *name, int *len);

/* Readers: 1 = present and well-formed, 0 = absent, -1 = malformed (reported). */
int dt_string(struct gen *g, int node, const char *name, const char **out);
bool dt_known_props(struct gen *g, int node, const char *const *known, size_t n,
		    const char *what);
int dt_u32(struct gen *g, int node, const char *name, uint32_t *out);
int dt_u32_list(struct gen *g, int node, const char *name, const void **cells, uint32_t *count);

/* Big-endian cell i of a property value. */
uint32_t dt_cell(const void *cells, uint32_t i);

/* True if the node's compatible list contains compat. */
int dt_compatible(const struct gen *g, int node, const char *compat);

/* Node for a phandle, or a negative value when it resolves to nothing. */
int dt_phandle_node(const struct gen *g, uint32_t phandle);

/*
 * Number of reg entries (0 if none), or -1 when malformed (reported);
 * dt_reg() then returns entry idx translated to a CPU physical address.
 * Both report and fail on values that do not fit 32 bits.
 */
int dt_reg_count(struct gen *g, int node);
int dt_reg(struct gen *g, int node, int idx, struct range *r);

/* device_type equals type (a well-formed string property). */
bool dt_device_type(const struct gen *g, int node, const char *type);

/* The generic timer's compatibles (the board's, which no VM may own). */
#define DT_NR_TIMER_COMPAT 2
extern const char *const dt_timer_compat[DT_NR_TIMER_COMPAT];

/* The node's interrupt parent (via interrupt-parent up the tree), or < 0. */
int dt_irq_parent(const struct gen *g, int node);

#endif

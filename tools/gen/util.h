/* SPDX-License-Identifier: MIT */
/*
 * Host-side helpers for shikiri-gen: allocation that never returns NULL,
 * a growable string buffer, file I/O and running a child process.
 */
#ifndef GEN_UTIL_H
#define GEN_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#define SZ_4K 0x1000ull
#define SZ_2M 0x200000ull
#define SZ_1G 0x40000000ull
#define SZ_4G 0x100000000ull

void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t size);
char *xstrdup(const char *s);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Growable, always NUL-terminated string. */
struct sbuf {
	char *buf;
	size_t len;
	size_t cap;
};

void sb_init(struct sbuf *sb);
void sb_free(struct sbuf *sb);
void sb_add(struct sbuf *sb, const char *s);
void sb_printf(struct sbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sb_vprintf(struct sbuf *sb, const char *fmt, va_list ap);

/* Whole file into memory (NUL-terminated); NULL on error (errno set). */
char *read_file(const char *path, size_t *len);

/*
 * Write data to path via a temporary file in the same directory, renaming it
 * over path only if the bytes differ, so make does not see a new mtime when
 * nothing changed. Returns 0 on success, -1 after printing an error.
 */
int write_if_changed(const char *path, const void *data, size_t len);

/* Replace dst by src if their contents differ, else remove src. */
int replace_if_changed(const char *src, const char *dst);

/* Create path if needed and set its mtime to now. 0 or -1 (printed). */
int touch_file(const char *path);

/* mkdir -p. Returns 0 on success, -1 after printing an error. */
int mkdir_p(const char *path);

/* Run argv[0] (PATH lookup) without a shell, its stderr into errfile.
 * Returns the exit status, or -1 if it could not run or was killed. */
int run_program(char *const argv[], const char *errfile);

/* "32 MiB", "4 KiB", "1 GiB", or "0x1234 bytes" when not a whole unit. */
const char *fmt_size(uint64_t size, char *buf, size_t buflen);

/* Absolute version of path (cwd prefixed when relative; no symlink games). */
char *abs_path(const char *path);

/* A VM or channel name: 1..GEN_NAME_MAX of [a-z0-9_-] (it becomes a C
 * string, a console prefix and a DT label). */
bool valid_node_name(const char *s);

#endif

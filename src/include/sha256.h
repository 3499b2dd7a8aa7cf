/* SPDX-License-Identifier: MIT */
/*
 * SHA-256 (FIPS 180-4), freestanding: no library call, fixed-width types
 * only, so that the hypervisor (image load, docs/control.md), shikiri-ctl
 * and the host unit test (tests/unit/sha256_test.c) share one file.
 */
#ifndef SHIKIRI_SHA256_H
#define SHIKIRI_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define SHA256_LEN 32u

struct sha256 {
	uint32_t h[8];
	uint64_t bytes; /* message length so far */
	uint8_t buf[64];
	uint32_t fill; /* bytes in buf */
};

void sha256_init(struct sha256 *s);
void sha256_update(struct sha256 *s, const void *data, size_t len);
void sha256_final(struct sha256 *s, uint8_t out[SHA256_LEN]);

#endif

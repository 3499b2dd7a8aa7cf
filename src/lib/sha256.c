// SPDX-License-Identifier: MIT
/*
 * SHA-256 (FIPS 180-4), small rather than fast: one 64-byte block at a
 * time, the message schedule in a 16-word ring. Linked into the hypervisor
 * only with FEATURE_LOAD (the check of a loaded image, load.c); the host
 * unit test checks it against FIPS 180-2's and NIST's vectors.
 */
#include "sha256.h"

static const uint32_t k256[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static uint32_t ror(uint32_t x, uint32_t n)
{
	return (x >> n) | (x << (32u - n));
}

static void block(struct sha256 *s, const uint8_t *p)
{
	uint32_t w[16], v[8];
	uint32_t i;

	for (i = 0; i < 8; i++)
		v[i] = s->h[i];
	for (i = 0; i < 64; i++) {
		uint32_t t1, t2;

		if (i < 16) {
			w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
			       (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
		} else {
			uint32_t a = w[(i + 1) & 15], b = w[(i + 14) & 15];

			w[i & 15] += (ror(a, 7) ^ ror(a, 18) ^ (a >> 3)) + w[(i + 9) & 15] +
				     (ror(b, 17) ^ ror(b, 19) ^ (b >> 10));
		}
		t1 = v[7] + (ror(v[4], 6) ^ ror(v[4], 11) ^ ror(v[4], 25)) +
		     ((v[4] & v[5]) ^ (~v[4] & v[6])) + k256[i] + w[i & 15];
		t2 = (ror(v[0], 2) ^ ror(v[0], 13) ^ ror(v[0], 22)) +
		     ((v[0] & v[1]) ^ (v[0] & v[2]) ^ (v[1] & v[2]));
		v[7] = v[6];
		v[6] = v[5];
		v[5] = v[4];
		v[4] = v[3] + t1;
		v[3] = v[2];
		v[2] = v[1];
		v[1] = v[0];
		v[0] = t1 + t2;
	}
	for (i = 0; i < 8; i++)
		s->h[i] += v[i];
}

void sha256_init(struct sha256 *s)
{
	static const uint32_t h0[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
				       0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};

	for (uint32_t i = 0; i < 8; i++)
		s->h[i] = h0[i];
	s->bytes = 0;
	s->fill = 0;
}

void sha256_update(struct sha256 *s, const void *data, size_t len)
{
	const uint8_t *p = data;

	s->bytes += len;
	while (len > 0) {
		if (s->fill == 0 && len >= 64) {
			block(s, p);
			p += 64;
			len -= 64;
			continue;
		}
		s->buf[s->fill++] = *p++;
		len--;
		if (s->fill == 64) {
			block(s, s->buf);
			s->fill = 0;
		}
	}
}

void sha256_final(struct sha256 *s, uint8_t out[SHA256_LEN])
{
	uint64_t bits = s->bytes * 8u;
	uint32_t i;

	s->buf[s->fill++] = 0x80;
	if (s->fill > 56) {
		while (s->fill < 64)
			s->buf[s->fill++] = 0;
		block(s, s->buf);
		s->fill = 0;
	}
	while (s->fill < 56)
		s->buf[s->fill++] = 0;
	for (i = 0; i < 8; i++)
		s->buf[56 + i] = (uint8_t)(bits >> (56u - 8u * i));
	block(s, s->buf);
	for (i = 0; i < SHA256_LEN; i++)
		out[i] = (uint8_t)(s->h[i / 4] >> (24u - 8u * (i % 4)));
}

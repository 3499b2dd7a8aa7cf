// SPDX-License-Identifier: MIT
/*
 * A small deterministic mutation driver for fuzz_gen.c, for compilers
 * without libFuzzer (the bounded run in make check, under ASan/UBSan):
 *
 *   fuzz-gen-driver -runs=N [-seed=S] SEED_FILE...
 *
 * Every seed runs once as is, then N mutants: a seed (sometimes spliced
 * with another) with a few byte flips, interesting 32-bit big-endian
 * values (DT cells are big-endian), copied or deleted chunks, or a
 * truncation. A crash or sanitizer report ends the process non-zero.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

#define MAX_SEEDS 1024
#define MAX_INPUT (1u << 20)

static uint64_t rng_state;

static uint32_t rnd(uint32_t n)
{
	/* xorshift64*: the same runs for the same -seed */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return n ? (uint32_t)((rng_state * 2685821657736338717ull) >> 33) % n : 0;
}

struct input {
	uint8_t *data;
	size_t size;
};

static void put_be32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

static size_t mutate(uint8_t *buf, size_t size, const struct input *seeds, uint32_t nr_seeds)
{
	static const uint32_t interesting[] = {
		0, 1, 2, 3, 4, 8, 12, 0x10, 0x20, 0x3f, 0x40, 0x7f, 0x80, 0xff, 0x100, 0x3fb, 0x3fc,
		0x400, 0xfff, 0x1000, 0x1001, 0x8000, 0x10000, 0x200000, 0x8000000, 0x08010000,
		0x09000000, 0x40000000, 0x41fff000, 0x7fffffff, 0x80000000, 0xfffff000, 0xfffffffe,
		0xffffffff, 0xd00dfeed,
	};
	uint32_t n = 1 + rnd(6), k;

	for (k = 0; k < n && size > 0; k++) {
		uint32_t at = rnd((uint32_t)size);

		switch (rnd(7)) {
		case 0:
			buf[at] ^= (uint8_t)(1u << rnd(8));
			break;
		case 1:
			buf[at] = (uint8_t)rnd(256);
			break;
		case 2:
		case 3:
			if (size >= 4) {
				at &= ~3u; /* DT cells are aligned */
				if (at + 4 > size)
					at = (uint32_t)size - 4;
				put_be32(buf + at, interesting[rnd(sizeof(interesting) / sizeof(interesting[0]))]);
			}
			break;
		case 4: { /* copy a chunk of this or another seed over us */
			const struct input *s = &seeds[rnd(nr_seeds)];
			uint32_t from = rnd((uint32_t)s->size), len = 1 + rnd(64);

			if (from + len > s->size)
				len = (uint32_t)(s->size - from);
			if (at + len > size)
				len = (uint32_t)(size - at);
			memcpy(buf + at, s->data + from, len);
			break;
		}
		case 5: { /* delete a chunk */
			uint32_t len = 1 + rnd(32);

			if (at + len > size)
				len = (uint32_t)(size - at);
			memmove(buf + at, buf + at + len, size - at - len);
			size -= len;
			break;
		}
		default: /* truncate */
			size = at + 1;
			break;
		}
	}
	return size;
}

int main(int argc, char **argv)
{
	static struct input seeds[MAX_SEEDS];
	uint8_t *buf = malloc(MAX_INPUT);
	unsigned long runs = 1000, execs = 0;
	uint32_t nr_seeds = 0;
	int i;

	rng_state = 0x5eed5eedull;
	if (!buf)
		return 2;
	LLVMFuzzerInitialize(&argc, &argv);
	for (i = 1; i < argc; i++) {
		FILE *f;
		long len;

		if (strncmp(argv[i], "-runs=", 6) == 0) {
			runs = strtoul(argv[i] + 6, NULL, 0);
			continue;
		}
		if (strncmp(argv[i], "-seed=", 6) == 0) {
			rng_state = strtoull(argv[i] + 6, NULL, 0) | 1u;
			continue;
		}
		f = fopen(argv[i], "rb");
		if (!f || fseek(f, 0, SEEK_END) != 0 || (len = ftell(f)) <= 0 || len > (long)MAX_INPUT ||
		    fseek(f, 0, SEEK_SET) != 0 || nr_seeds == MAX_SEEDS) {
			fprintf(stderr, "fuzz: %s: unusable seed\n", argv[i]);
			return 2;
		}
		seeds[nr_seeds].data = malloc((size_t)len);
		seeds[nr_seeds].size = (size_t)len;
		if (!seeds[nr_seeds].data || fread(seeds[nr_seeds].data, 1, (size_t)len, f) != (size_t)len)
			return 2;
		fclose(f);
		nr_seeds++;
	}
	if (nr_seeds == 0) {
		fprintf(stderr, "usage: %s -runs=N [-seed=S] SEED_FILE...\n", argv[0]);
		return 2;
	}
	for (i = 0; i < (int)nr_seeds; i++, execs++)
		LLVMFuzzerTestOneInput(seeds[i].data, seeds[i].size);
	for (unsigned long r = 0; r < runs; r++, execs++) {
		const struct input *s = &seeds[rnd(nr_seeds)];
		size_t size = s->size;

		memcpy(buf, s->data, size);
		size = mutate(buf, size, seeds, nr_seeds);
		LLVMFuzzerTestOneInput(buf, size);
	}
	printf("fuzz: %lu executions (%u seeds), no crash\n", execs, nr_seeds);
	for (i = 0; i < (int)nr_seeds; i++)
		free(seeds[i].data);
	free(buf);
	return 0;
}

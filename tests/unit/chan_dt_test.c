// SPDX-License-Identifier: MIT
/*
 * Host unit test of the guests' channel DT reader (guests/lib/chan_dt.c) on
 * DTBs compiled by dtc from tests/unit/chan_dt_*.dts (run.sh compiles them):
 * both channels found with reg, SPI, label, index, peers, access; the
 * nodes that break the binding skipped; a truncated DTB gives nothing.
 */
#include <stdio.h>
#include <string.h>

#include "chan_dt.h"

uint32_t guest_boot_regs[3];
static int failures;
static uint32_t dtb[4096];

#define CHECK(cond)                                                                                \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			printf("FAIL unit/chan_dt: %s:%d: %s\n", __FILE__, __LINE__, #cond);       \
			failures++;                                                                \
		}                                                                                  \
	} while (0)

static uint32_t load(const char *path)
{
	FILE *f = fopen(path, "rb");
	size_t n;

	if (!f)
		return 0;
	n = fread(dtb, 1, sizeof(dtb), f);
	fclose(f);
	return (uint32_t)n;
}

int main(int argc, char **argv)
{
	struct guest_chan c[GUEST_CHAN_MAX];
	const struct guest_chan *x;
	uint32_t n, len;

	if (argc != 2 || !(len = load(argv[1]))) {
		printf("FAIL unit/chan_dt: usage: chan_dt_test FILE.dtb\n");
		return 1;
	}
	CHECK(guest_chan_find(0, c, GUEST_CHAN_MAX) == 0); /* booted without a DTB */
	n = guest_chan_find(dtb, c, GUEST_CHAN_MAX);
	CHECK(n == 2);
	x = guest_chan_by_label(c, n, "rtlog");
	CHECK(x && x->doorbell == 0x4f100000u && x->shm == 0x4f000000u && x->size == 0x10000u);
	CHECK(x && x->irq == 32u + 100u && x->index == 0 && x->peers == 2 && !x->read_only);
	x = guest_chan_by_label(c, n, "second");
	CHECK(x && x->doorbell == 0x4f200000u && x->shm == 0x4e000000u && x->size == 0x4000u);
	CHECK(x && x->irq == 32u + 101u && x->index == 1 && x->read_only);
	CHECK(!guest_chan_by_label(c, n, "rtlo") && !guest_chan_by_label(c, n, "bad-reg"));
	CHECK(guest_chan_find(dtb, c, 1) == 1);
	/* truncated: the header's sizes point past what is there */
	memset((char *)dtb + len / 2, 0xff, sizeof(dtb) - len / 2);
	dtb[1] = 0x00ffffffu;
	CHECK(guest_chan_find(dtb, c, GUEST_CHAN_MAX) == 0);
	dtb[0] = 0;
	CHECK(guest_chan_find(dtb, c, GUEST_CHAN_MAX) == 0);
	if (!failures)
		printf("PASS unit/chan_dt\n");
	return failures != 0;
}

/*
 * loader: a hostile controller with the load right over VM "rt" (index 0,
 * tests/qemu/control_load, docs/control.md "Image load"). Its initrd is
 * another RTOS build (rtos_v2.elf, banner " v2"); it stages it in its
 * staging region and asks for loads that must be refused first: too large,
 * empty, truncated, a wrong hash, a bad ELF, an ELF segment past the room,
 * every other VM id, a load during a restart (BUSY), and a load while its
 * second vCPU rewrites the staging region (the hypervisor checks its own
 * copy: the hash cannot match). rt keeps running its old image through all
 * of them; then the real load, after which rt runs v2, and v2's own fault
 * restarts it into v2 again (tests/qemu/control_load checks the console).
 * Its vCPU 0 shares its core with another VM: the hypervisor's copy is
 * preempted and resumed (the store or hvc runs again).
 * Every check prints "loader: FAIL ..." when it does not hold.
 */
#include "guest.h"
#include "fdt_chosen.h"
#include "../../src/lib/sha256.c"

#define CTL_PAGE 0x50000000u
#define STAGING 0x50400000u
#define STAGING_SIZE 0x00040000u
#define CTL_VM 0u

#define HC_CTL_READ 0x86000006u
#define HC_CTL_CMD 0x86000007u

/* control.h's ABI */
#define R_STATUS 0x008u
#define R_LEN 0x010u
#define R_FLAGS 0x014u
#define R_MAX 0x018u
#define R_STAGING 0x01cu
#define R_SHA 0x020u
#define R_DONE 0x040u
#define R_REFUSED 0x044u
#define R_TEXT 0x080u
#define SLOT(off) (CTL_PAGE + 0x100u + (off))
#define S_RIGHTS 0x04u
#define S_STATE 0x08u
#define S_RESTARTS 0x14u
#define S_CMD 0x30u
#define ST_RUNNING 1u
#define CMD_RESTART 2u
#define CMD_LOAD 3u
#define OK 0u
#define E_RIGHT 1u
#define E_BUSY 2u
#define E_TOO_LARGE 6u
#define E_TRUNCATED 7u
#define E_HASH 8u
#define E_FORMAT 9u
#define WAIT_LOOPS 400000000u

static unsigned fails;
static unsigned busy_tries; /* the loads during a restart (each refused) */
static volatile unsigned hammer_go, hammer_state;
static volatile unsigned race_busy1, race_other1, race_state;

#define CHECK(cond, ...)                                                                      \
	do {                                                                                  \
		if (!(cond)) {                                                                \
			fails++;                                                              \
			printf("loader: FAIL line %u: ", __LINE__);                           \
			printf(__VA_ARGS__);                                                  \
			printf("\n");                                                         \
		}                                                                             \
	} while (0)

static unsigned rd(unsigned a)
{
	unsigned v;

	__asm__ volatile("ldr %0, [%1]" : "=r"(v) : "r"(a) : "memory");
	return v;
}

static void wr(unsigned a, unsigned v)
{
	__asm__ volatile("str %0, [%1]" : : "r"(v), "r"(a) : "memory");
}

static const uint8_t *img;
static uint32_t img_len;
static uint8_t digest[SHA256_LEN];

static void stage(const uint8_t *p, uint32_t len)
{
	volatile uint8_t *s = (volatile uint8_t *)STAGING;

	for (uint32_t i = 0; i < len; i++)
		s[i] = p[i];
	dsb();
}

static void set_hash(const uint8_t *d, bool on)
{
	for (unsigned i = 0; i < 8; i++)
		wr(CTL_PAGE + R_SHA + 4 * i, (unsigned)d[4 * i] | (unsigned)d[4 * i + 1] << 8 |
						     (unsigned)d[4 * i + 2] << 16 |
						     (unsigned)d[4 * i + 3] << 24);
	wr(CTL_PAGE + R_FLAGS, on ? 1u : 0u);
}

/* A load of len staged bytes through the page: its STATUS. */
static unsigned load(uint32_t len)
{
	wr(CTL_PAGE + R_LEN, len);
	wr(SLOT(S_CMD), CMD_LOAD);
	return rd(CTL_PAGE + R_STATUS);
}

static void text(char *buf)
{
	for (unsigned i = 0; i < 32; i++) {
		unsigned w = rd(CTL_PAGE + R_TEXT + 4 * i);

		memcpy(buf + 4 * i, &w, 4);
	}
	buf[127] = 0;
}

static bool wait_restarted(unsigned than)
{
	for (unsigned i = 0; i < WAIT_LOOPS; i++)
		if (rd(SLOT(S_RESTARTS)) > than) {
			for (unsigned k = 0; k < WAIT_LOOPS; k++)
				if (rd(SLOT(S_STATE)) == ST_RUNNING)
					return true;
			return false;
		}
	return false;
}

/* A refused load: the expected code, its text, rt untouched. */
static void refused(const char *what, unsigned got, unsigned want, const char *prefix)
{
	char t[128];
	unsigned restarts = rd(SLOT(S_RESTARTS));

	text(t);
	printf("loader: %s: status %u, \"%s\"\n", what, got, t);
	CHECK(got == want, "%s: status %u, expected %u", what, got, want);
	CHECK(memcmp(t, prefix, strlen(prefix)) == 0, "%s: text \"%s\"", what, t);
	CHECK(rd(SLOT(S_STATE)) == ST_RUNNING, "%s: rt not running", what);
	CHECK(rd(SLOT(S_RESTARTS)) == restarts, "%s: rt restarted", what);
}

/* vCPU 1: rewrites the staging region while vCPU 0's load copies it. */
static void hammer(uint32_t arg)
{
	volatile uint32_t *s = (volatile uint32_t *)STAGING;
	uint32_t n = 0;

	(void)arg;
	hammer_state = 1;
	dsb();
	while (hammer_go) {
		s[(n * 97u) % (img_len / 4u)] = 0xdeadbeefu ^ n;
		n++;
	}
	hammer_state = 2;
	dsb();
	psci_cpu_off();
}

/* vCPU 1: loads (wrong hash) raced with vCPU 0's, until vCPU 0 is done. */
static void racer(uint32_t arg)
{
	(void)arg;
	race_state = 1;
	dsb();
	for (unsigned i = 0; i < 100000u && race_state == 1; i++) { /* vCPU 0 ends it */
		unsigned r = smccc_hvc(HC_CTL_CMD, CTL_VM, CMD_LOAD, 0).a0;

		if (r == E_BUSY)
			race_busy1++;
		else if (r != E_HASH)
			race_other1++;
	}
	race_state = 3;
	dsb();
	psci_cpu_off();
}

/* Two vCPUs load at once (a wrong hash: nothing is ever accepted): while
 * one's job lasts the other's is BUSY, never both copying one slot. */
static void race(void)
{
	uint8_t bad[SHA256_LEN];
	unsigned busy0 = 0, other0 = 0, n;

	memcpy(bad, digest, sizeof(bad));
	bad[0] ^= 0x40u;
	stage(img, img_len);
	set_hash(bad, true);
	wr(CTL_PAGE + R_LEN, 0x10000u); /* 4 chunks: a job of several entries on core 1 */
	race_busy1 = race_other1 = 0;
	race_state = 0;
	dsb();
	CHECK(psci_cpu_on(1, racer, 0) == 0, "CPU_ON");
	while (race_state == 0)
		;
	for (n = 0; n < 20u; n++) {
		unsigned r = load(0x10000u);

		if (r == E_BUSY)
			busy0++;
		else if (r != E_HASH)
			other0++;
	}
	race_state = 2;
	dsb();
	while (race_state != 3)
		;
	printf("loader: racing loads: busy %u and %u, other %u and %u\n", busy0, race_busy1, other0,
	       race_other1);
	CHECK(other0 == 0 && race_other1 == 0, "racing loads: unexpected results");
	CHECK(busy0 + race_busy1 > 0, "racing loads: never busy");
}

static void run(void)
{
	uint32_t start = 0, end = 0, v;
	uint8_t bad[SHA256_LEN];
	static uint8_t copy[STAGING_SIZE];
	struct sha256 s;

	CHECK(rd(CTL_PAGE + R_MAX) == STAGING_SIZE, "LOAD_MAX 0x%x", rd(CTL_PAGE + R_MAX));
	CHECK(rd(CTL_PAGE + R_STAGING) == STAGING, "LOAD_STAGING 0x%x", rd(CTL_PAGE + R_STAGING));
	CHECK(rd(SLOT(S_RIGHTS)) == 7u, "rights %u", rd(SLOT(S_RIGHTS)));
	if (!fdt_chosen_initrd(guest_boot_regs[2], &start, &end) || end <= start ||
	    end - start > STAGING_SIZE) {
		CHECK(0, "no initrd (0x%x..0x%x)", (unsigned)start, (unsigned)end);
		return;
	}
	img = (const uint8_t *)(uintptr_t)start;
	img_len = end - start;
	sha256_init(&s);
	sha256_update(&s, img, img_len);
	sha256_final(&s, digest);
	printf("loader: image %u bytes, sha256 %02x%02x%02x%02x...\n", (unsigned)img_len, digest[0],
	       digest[1], digest[2], digest[3]);
	for (unsigned i = 0; i < WAIT_LOOPS && rd(SLOT(S_STATE)) != ST_RUNNING; i++)
		;

	/* Refusals: rt keeps its image and runs on. */
	stage(img, img_len);
	set_hash(digest, false);
	refused("too large", load(STAGING_SIZE + 1u), E_TOO_LARGE, "too large");
	wr(CTL_PAGE + R_LEN, 0xffffffffu);
	refused("too large (hvc)", smccc_hvc(HC_CTL_CMD, CTL_VM, CMD_LOAD, 0).a0, E_TOO_LARGE,
		"too large");
	refused("empty", load(0), E_TRUNCATED, "truncated");
	/* cut inside the text segment (the ELF's tail is symbols) */
	refused("truncated", load(16384u), E_TRUNCATED, "truncated");
	memcpy(bad, digest, sizeof(bad));
	bad[0] ^= 1u;
	set_hash(bad, true);
	refused("wrong hash", load(img_len), E_HASH, "wrong hash");
	set_hash(digest, false);
	memcpy(copy, img, img_len);
	copy[18] = 3; /* e_machine: not ARM */
	stage(copy, img_len);
	refused("bad machine", load(img_len), E_FORMAT, "bad ELF");
	memcpy(copy, img, img_len);
	copy[24] ^= 4; /* e_entry */
	stage(copy, img_len);
	refused("bad entry", load(img_len), E_FORMAT, "bad ELF");
	memcpy(copy, img, img_len);
	v = copy[28] | copy[29] << 8 | copy[30] << 16 | (uint32_t)copy[31] << 24; /* e_phoff */
	for (unsigned i = 0; i < (unsigned)(copy[44] | copy[45] << 8); i++)
		if (copy[v + 32 * i] == 1 && copy[v + 32 * i + 1] == 0)
			copy[v + 32 * i + 20 + 2] += 0x10; /* a PT_LOAD's p_memsz + 1 MiB */
	stage(copy, img_len);
	refused("segment past the room", load(img_len), E_TOO_LARGE, "too large");
	v = 0;
	for (unsigned id = 1; id < 1024u; id++)
		v += smccc_hvc(HC_CTL_CMD, id, CMD_LOAD, 0).a0 == E_RIGHT;
	printf("loader: %u other ids refused a load\n", (unsigned)v);
	CHECK(v == 1023u, "other ids: %u refused", (unsigned)v);

	/* The staging region rewritten meanwhile by vCPU 1: the copy's hash
	 * cannot match what was staged. */
	stage(img, img_len);
	set_hash(digest, true);
	hammer_go = 1;
	hammer_state = 0;
	dsb();
	CHECK(psci_cpu_on(1, hammer, 0) == 0, "CPU_ON");
	while (hammer_state != 1)
		;
	refused("staging rewritten", load(img_len), E_HASH, "wrong hash");
	hammer_go = 0;
	dsb();
	while (hammer_state != 2)
		;

	/* A load while rt restarts: BUSY, its image unchanged. rt restarts on
	 * its own core at its next trap, so in QEMU's host time a loaded host
	 * can let the restart end before the load comes: the load carries a
	 * wrong hash, so that one too late is refused (rt keeps its image),
	 * and the pair is tried again, up to 20 times, until one is BUSY. */
	stage(img, img_len);
	set_hash(bad, true);
	{
		unsigned r = 0, tries;
		char t[128];

		for (tries = 1; tries <= 20u; tries++) {
			v = rd(SLOT(S_RESTARTS));
			wr(SLOT(S_CMD), CMD_RESTART);
			CHECK(rd(CTL_PAGE + R_STATUS) == OK, "restart");
			r = load(img_len);
			text(t);
			CHECK(wait_restarted(v), "rt not back after the restart");
			if (r == E_BUSY)
				break;
			CHECK(r == E_HASH, "load after a restart: %u", r);
		}
		printf("loader: load during a restart: status %u, \"%s\" (try %u)\n", r, t,
		       tries);
		CHECK(r == E_BUSY, "load during a restart: %u", r);
		busy_tries = tries <= 20u ? tries : 20u;
	}
	set_hash(digest, false);

	/* The load. */
	{
		unsigned done = rd(CTL_PAGE + R_DONE), r;
		char t[128];

		/* through the hypercall: on the shared core the job is
		 * preempted and the hvc runs again to go on */
		v = rd(SLOT(S_RESTARTS));
		wr(CTL_PAGE + R_LEN, img_len);
		r = smccc_hvc(HC_CTL_CMD, CTL_VM, CMD_LOAD, 0).a0;
		text(t);
		printf("loader: load: status %u, \"%s\"\n", r, t);
		CHECK(r == OK, "load %u", r);
		CHECK(rd(CTL_PAGE + R_DONE) == done + 1u, "LOAD_DONE");
		CHECK(wait_restarted(v), "rt not restarted into the new image");
	}
	printf("loader: refused loads %u\n", rd(CTL_PAGE + R_REFUSED));
	/* 9 before, and each try of the load during a restart */
	CHECK(rd(CTL_PAGE + R_REFUSED) == 9u + busy_tries, "LOAD_REFUSED %u", rd(CTL_PAGE + R_REFUSED));
	/* v2 faults after 4 reports and is restarted by its policy: wait for
	 * that restart (its console says which image it runs). */
	v = rd(SLOT(S_RESTARTS));
	CHECK(wait_restarted(v), "v2 not restarted after its fault");
	CHECK(wait_restarted(v + 1u), "v2 not restarted after its second fault");
	race();
}

int main(void)
{
	run();
	printf("loader: done, %u failure(s)\n", fails);
	psci_system_off();
}

/*
 * chan: channel doorbells and isolation (tests/qemu/chan_*), one source
 * built per role (guests.mk). Every VM on the test channel sees its shared
 * memory at SHM and its doorbell page at DB; its doorbell interrupt is IRQ.
 *
 *   ROLE_RINGER    checks its doorbell page and DT node, then rings in a
 *                  tight loop until every peer has marked itself done in
 *                  the shared memory (so the flood covers their work),
 *                  every other ring a RING write, the others the doorbell
 *                  hypercall.
 *   ROLE_PEER      periodic timer work (N periods) while counting doorbell
 *                  interrupts; then marks itself done. As an hrt VM it
 *                  shows the hypervisor entries it took meanwhile (0).
 *   ROLE_RO_WRITER the read-only side: waits for a doorbell, reads the
 *                  ringer's message, rings back with the hypercall (allowed)
 *                  and tries it on an address that is not its doorbell page
 *                  (refused), then writes the memory (stopped).
 *   ROLE_TOUCH     not on the channel: the doorbell hypercall on the peers'
 *                  doorbell IPA and on other addresses (refused), then reads
 *                  TOUCH (the channel's PA, or a peer's doorbell IPA) and is
 *                  stopped.
 *
 * Shared memory words: [0] the ringer's magic, [1] its ring count,
 * [2 + i] set by the peer with index i when it is done.
 */
#include "guest.h"
#include "gic.h"
#include "irq.h"
#include "periodic.h"
#include "timer.h"

#define ROLE_RINGER	0
#define ROLE_PEER	1
#define ROLE_RO_WRITER	2
#define ROLE_TOUCH	3

#ifndef SHM
#define SHM	0x50000000u
#endif
#ifndef DB
#define DB	0x50100000u
#endif
#ifndef IRQ
#define IRQ	41u
#endif
#ifndef TOUCH
#define TOUCH	0u
#endif
#ifndef N
#define N	1000u
#endif
#ifndef PERIOD
#define PERIOD	20000u	/* ticks: 320 us at 62.5 MHz */
#endif

#define DB_ID	0x000u
#define DB_INFO	0x004u
#define DB_RING	0x008u
#define DB_SIZE	0x00cu
#define MAGIC	0x5348494bu
#define MSG	0xc0ffee11u
#ifndef MAX_RINGS
#define MAX_RINGS	20000000u	/* bound on the flood */
#endif
#ifndef LINGER
#define LINGER	0u	/* ticks the ringer stays up afterwards */
#endif

static volatile uint32_t *const shm = (volatile uint32_t *)SHM;
static volatile uint32_t doorbells;

static uint32_t db_read(uint32_t off)
{
	return *(volatile uint32_t *)(uintptr_t)(DB + off);
}

static void db_ring(void)
{
	dsb(); /* the message before the doorbell */
	*(volatile uint32_t *)(uintptr_t)(DB + DB_RING) = 1;
}

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* The DTB the hypervisor passed in r2 names a shikiri,channel node. */
static void check_dtb(void)
{
	const uint8_t *dtb = (const uint8_t *)(uintptr_t)guest_boot_regs[2];
	static const char want[] = "shikiri,channel";
	uint32_t size, i;

	if (!dtb || be32(dtb) != 0xd00dfeedu) {
		printf("chan: no DTB in r2 (0x%08lx)\n", (unsigned long)guest_boot_regs[2]);
		return;
	}
	size = be32(dtb + 4);
	for (i = 0; i + sizeof(want) <= size && i < (1u << 20); i++)
		if (memcmp(dtb + i, want, sizeof(want)) == 0)
			break;
	printf("chan: DTB at 0x%08lx %s a shikiri,channel node\n",
	       (unsigned long)guest_boot_regs[2], i + sizeof(want) <= size ? "has" : "lacks");
}

static uint32_t show_page(void)
{
	uint32_t info = db_read(DB_INFO);

	printf("chan: ID 0x%08lx INFO 0x%08lx SIZE 0x%lx\n", (unsigned long)db_read(DB_ID),
	       (unsigned long)info, (unsigned long)db_read(DB_SIZE));
	return info;
}

static void doorbell_irq(uint32_t iar)
{
	(void)iar;
	doorbells++;
}

static void setup_doorbell(void)
{
	irq_set_handler(IRQ, doorbell_irq);
	gicd_enable();
	gicd_set_priority(IRQ, 0xa0);
	gicd_enable_irq(IRQ);
	gicc_init();
}

static void ringer(void)
{
	uint32_t info = show_page(), peers = (info >> 8) & 0xffu, rings = 0, i, done = 0;
	uint32_t hc_refused = 0;

	shm[0] = MAGIC;
	/* a write to a read-only register is ignored (and counted) */
	*(volatile uint32_t *)(uintptr_t)(DB + DB_ID) = 0;
	printf("chan: ringing until %lu peers are done\n", (unsigned long)(peers - 1));
	while (rings < MAX_RINGS) {
		shm[1] = ++rings;
		if (rings & 1u)
			db_ring();
		else if (hc_chan_ring(DB) != 0)
			hc_refused++;
		for (i = 0, done = 0; i < peers && i < 8; i++)
			if (i != (info & 0xffu) && shm[2 + i])
				done++;
		if (done == peers - 1)
			break;
	}
	printf("chan: rang %lu times, %lu peers done; refused hypercall rings %lu\n",
	       (unsigned long)rings, (unsigned long)done, (unsigned long)hc_refused);
	if (LINGER) {
		uint64_t end = timer_virt_count() + LINGER;

		while (timer_virt_count() < end)
			;
		printf("chan: still running, message 0x%08lx\n", (unsigned long)shm[0]);
	}
}

static void peer(const char *name)
{
	uint32_t info = show_page();
	struct periodic_stats st;

	setup_doorbell();
	irq_enable_local();
	periodic_run(N, PERIOD, &st);
	shm[2 + (info & 0xffu)] = 1;
	dsb();
	periodic_report(name, &st);
	printf("chan: %lu doorbells, message 0x%08lx\n", (unsigned long)doorbells,
	       (unsigned long)shm[0]);
}

static void ro_writer(void)
{
	uint64_t end = timer_virt_count() + 625000000u; /* 10 s */

	show_page();
	setup_doorbell();
	irq_enable_local();
	while (!doorbells && timer_virt_count() < end)
		;
	printf("chan: %lu doorbell(s), message 0x%08lx\n", (unsigned long)doorbells,
	       (unsigned long)shm[0]);
	/* a read-only side may ring (it acknowledges what it read) */
	printf("chan: ring hypercall: own page %ld, next page %ld\n", (long)hc_chan_ring(DB),
	       (long)hc_chan_ring(DB + 0x1000u));
	printf("chan: writing the read-only memory\n");
	shm[0] = 0;
	printf("chan: ERROR the write went through\n");
}

int main(void)
{
	const char *name = guest_name();

	check_dtb();
	if (ROLE == ROLE_RINGER) {
		ringer();
	} else if (ROLE == ROLE_PEER) {
		peer(name);
	} else if (ROLE == ROLE_RO_WRITER) {
		ro_writer();
	} else {
		/* not on the channel: no address names a doorbell it may ring */
		printf("chan: ring hypercall: 0x%08lx %ld, RING 0x%08lx %ld, 0 %ld, ~0 %ld\n",
		       (unsigned long)DB, (long)hc_chan_ring(DB), (unsigned long)(DB + DB_RING),
		       (long)hc_chan_ring(DB + DB_RING), (long)hc_chan_ring(0),
		       (long)hc_chan_ring(0xffffffffu));
		printf("chan: reading 0x%08lx\n", (unsigned long)TOUCH);
		printf("chan: ERROR read 0x%08lx\n",
		       (unsigned long)*(volatile uint32_t *)(uintptr_t)TOUCH);
	}
	printf("bye from %s\n", name);
	psci_system_off();
}

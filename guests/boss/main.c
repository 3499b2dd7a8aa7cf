/*
 * boss: a hostile controller (tests/qemu/control_hostile). It holds the
 * restart right over VM "rt" (CTL_VM below: its index) and nothing else,
 * with its control page at CTL_PAGE and its state-change interrupt CTL_IRQ.
 * It probes every command with every VM id it should not name, bad
 * commands and registers, races a restart from its two vCPUs, commands a
 * restart in progress, and checks every answer. Built as "nobody" too
 * (NOBODY=1): a VM without any right, whose every attempt is refused.
 * Every check prints "boss: FAIL ..." when it does not hold; the last line
 * counts them.
 */
#include "guest.h"
#include "gic.h"
#include "irq.h"

#ifndef NOBODY
#define NOBODY 0
#endif
#ifndef WATCHER
#define WATCHER 0
#endif
#define CTL_PAGE 0x50000000u
#define CTL_IRQ 120u
#define CTL_VM 0u /* rt is the first partition */

#define HC_CTL_READ 0x86000006u
#define HC_CTL_CMD 0x86000007u

/* control.h's ABI */
#define SLOT(off) (CTL_PAGE + 0x100u + (off))
#define R_STATE 0x08u
#define R_WHY 0x0cu
#define R_RESTARTS 0x14u
#define R_CMD 0x30u
#define R_NAME 0x60u
#define R_REASON 0x80u
#define ST_STOPPED 0u
#define ST_RUNNING 1u
#define ST_RESTARTING 2u
#define CMD_STOP 1u
#define CMD_RESTART 2u
#define CMD_LOAD 3u
#define OK 0u
#define E_RIGHT 1u
#define E_BUSY 2u
#define E_INVALID 3u
#define E_STATE 4u
#define WHY_COMMAND 6u
#define WAIT_LOOPS 400000000u

static unsigned fails;
static volatile unsigned irqs;
static volatile unsigned go, ready1, res1;

#define CHECK(cond, ...)                                                                      \
	do {                                                                                  \
		if (!(cond)) {                                                                \
			fails++;                                                              \
			printf("boss: FAIL line %u: ", __LINE__);                             \
			printf(__VA_ARGS__);                                                  \
			printf("\n");                                                         \
		}                                                                             \
	} while (0)

/* One ldr/str without writeback: the hypervisor emulates only accesses
 * the syndrome describes (the compiler may otherwise post-index). */
static unsigned rd(unsigned a)
{
	unsigned v;

	__asm__ volatile("ldr %0, [%1]" : "=r"(v) : "r"(a) : "memory");
	return v;
}

/* rd into r0, as a Linux controller's compiled loads mostly are (r0-r12:
 * the hypervisor's common MMIO path; sp or lr, banked per mode, take its
 * general path). make bench counts the watcher's reads. */
static unsigned rd_r0(unsigned a)
{
	register unsigned v __asm__("r0");

	__asm__ volatile("ldr %0, [%1]" : "=r"(v) : "r"(a) : "memory");
	return v;
}

static void wr(unsigned a, unsigned v)
{
	__asm__ volatile("str %0, [%1]" : : "r"(v), "r"(a) : "memory");
}

static unsigned cmd_hc(unsigned vm, unsigned cmd)
{
	return smccc_hvc(HC_CTL_CMD, vm, cmd, 0).a0;
}

static int read_hc(unsigned vm, unsigned off, unsigned *val)
{
	struct smccc_res r = smccc_hvc(HC_CTL_READ, vm, off, 0);

	*val = r.a1;
	return (int)r.a0;
}

/* Bounded wait until rt's state is want; false on timeout. */
static bool wait_state(unsigned want)
{
	for (unsigned i = 0; i < WAIT_LOOPS; i++)
		if (rd(SLOT(R_STATE)) == want)
			return true;
	return false;
}

/* A commanded restart of an hrt target takes effect at its next trap (the
 * hypervisor cannot take its core), and the VM reads RUNNING again while
 * its images are restored: its state says nothing about the restart being
 * done. Wait for the restart count to pass `than`, then for RUNNING. */
static bool wait_restarted(unsigned than)
{
	for (unsigned i = 0; i < WAIT_LOOPS; i++)
		if (rd(SLOT(R_RESTARTS)) > than)
			return wait_state(ST_RUNNING);
	return false;
}

static void ctl_irq(uint32_t iar)
{
	(void)iar;
	irqs++;
}

static void racer(uint32_t arg)
{
	(void)arg;
	ready1 = 1;
	dsb();
	while (!go)
		;
	res1 = cmd_hc(CTL_VM, CMD_RESTART);
	dsb();
	ready1 = 2;
	psci_cpu_off();
}

static void nobody(void)
{
	unsigned v, n = 0;

	for (unsigned id = 0; id < 300u; id++) {
		n += read_hc(id, R_STATE, &v) == -2;
		n += cmd_hc(id, CMD_STOP) == E_RIGHT;
		n += cmd_hc(id, CMD_RESTART) == E_RIGHT;
	}
	printf("boss: nobody: %u of 900 attempts refused\n", n);
	CHECK(n == 900u, "nobody: only %u refused", n);
}

/* Observe only (WATCHER): 20,000 status reads of a target that never
 * traps; its core must still count no hypervisor entry, and a command is
 * refused (no restart right). */
static void watcher(void)
{
	unsigned v, running = 0;

	for (unsigned i = 0; i < 10000u; i++) {
		running += rd_r0(SLOT(R_STATE)) == ST_RUNNING;
		running += read_hc(CTL_VM, R_STATE, &v) == 0 && v == ST_RUNNING;
	}
	v = rd(SLOT(0x40));
	printf("boss: watcher: %u of 20000 reads say running, the target's core entries %u\n",
	       running, v);
	CHECK(running == 20000u, "running %u", running);
	CHECK(v == 0u, "target core entries %u", v);
	CHECK(rd(SLOT(0x04)) == 1u, "rights %u", rd(SLOT(0x04)));
	CHECK(cmd_hc(CTL_VM, CMD_RESTART) == E_RIGHT, "restart without the right");
	CHECK(cmd_hc(CTL_VM, CMD_STOP) == E_RIGHT, "stop without the right");
	wr(SLOT(R_CMD), CMD_STOP);
	CHECK(rd(CTL_PAGE + 8) == E_RIGHT, "page stop without the right");
	CHECK(rd(SLOT(R_STATE)) == ST_RUNNING, "target not running");
}

static void hostile(void)
{
	unsigned v, refused = 0, r0, restarts;
	char name[17];

	/* The page. */
	CHECK(rd(CTL_PAGE) == 0x5348434cu, "ID 0x%08x", rd(CTL_PAGE));
	CHECK((rd(CTL_PAGE + 4) & 0xffu) == 1u, "INFO 0x%08x", rd(CTL_PAGE + 4));
	CHECK(rd(SLOT(0)) == CTL_VM, "slot 0 VM %u", rd(SLOT(0)));
	for (unsigned i = 0; i < 4; i++) {
		v = rd(SLOT(R_NAME) + 4 * i);
		memcpy(name + 4 * i, &v, 4);
	}
	name[16] = 0;
	CHECK(memcmp(name, "rt\0", 3) == 0, "name %s", name);
	CHECK(wait_state(ST_RUNNING), "rt not running");
	/* Slots past the last read 0; writes there and to read-only
	 * registers are ignored. */
	for (unsigned s = 1; s < 15; s++) /* slot 14 ends the page */
		CHECK(rd(CTL_PAGE + 0x100 * (s + 1) + R_STATE) == 0, "slot %u state", s);
	wr(SLOT(R_STATE), ST_STOPPED);
	wr(CTL_PAGE + 0x200 + R_CMD, CMD_STOP); /* slot 1: none */
	wr(CTL_PAGE, 0);
	CHECK(rd(SLOT(R_STATE)) == ST_RUNNING, "rt stopped by a read-only write");

	/* Every other VM id, both calls, every command. */
	for (unsigned id = 0; id < 1024u; id++) {
		if (id == CTL_VM)
			continue;
		refused += read_hc(id, R_STATE, &v) == -2;
		refused += cmd_hc(id, CMD_STOP) == E_RIGHT;
		refused += cmd_hc(id, CMD_RESTART) == E_RIGHT;
		refused += cmd_hc(id, CMD_LOAD) == E_RIGHT;
	}
	static const unsigned far[] = { 0x80000000u, 0xffffffffu, 0x7fffffffu, 0x10000u, 256u };
	for (unsigned i = 0; i < sizeof(far) / sizeof(far[0]); i++) {
		refused += read_hc(far[i], R_STATE, &v) == -2;
		refused += cmd_hc(far[i], CMD_STOP) == E_RIGHT;
	}
	CHECK(refused == 1023u * 4u + 10u, "out-of-range ids: %u refused", refused);
	/* Bad commands and registers on its own target. */
	CHECK(cmd_hc(CTL_VM, 0) == E_INVALID, "command 0");
	CHECK(cmd_hc(CTL_VM, 4) == E_INVALID, "command 4");
	CHECK(cmd_hc(CTL_VM, 0xffffffffu) == E_INVALID, "command ~0");
	CHECK(cmd_hc(CTL_VM, CMD_LOAD) == E_RIGHT, "load without the right");
	CHECK(read_hc(CTL_VM, 0x100, &v) == -2, "register 0x100");
	CHECK(read_hc(CTL_VM, 2, &v) == -2, "register 2");
	CHECK(read_hc(CTL_VM, 0xfffffffcu, &v) == -2, "register ~3");
	CHECK(read_hc(CTL_VM, R_STATE, &v) == 0 && v == ST_RUNNING, "hc state %u", v);
	printf("boss: %u out-of-range or refused commands answered correctly\n", refused);

	/* A restart through the page; a second one while it lasts is BUSY. */
	wr(SLOT(R_CMD), CMD_RESTART);
	r0 = rd(CTL_PAGE + 8);
	v = cmd_hc(CTL_VM, CMD_RESTART);
	printf("boss: restart %u, again at once %u\n", r0, v);
	CHECK(r0 == OK, "restart status %u", r0);
	CHECK(v == E_BUSY || v == OK, "second restart %u", v);
	CHECK(wait_restarted(0), "rt not back after a restart");
	restarts = rd(SLOT(R_RESTARTS));
	CHECK(restarts >= 1u, "restarts %u", restarts);

	/* Two vCPUs race a restart: one is taken, the other is BUSY. */
	ready1 = 0;
	go = 0;
	CHECK(psci_cpu_on(1, racer, 0) == 0, "CPU_ON");
	while (ready1 != 1)
		;
	go = 1;
	dsb();
	r0 = cmd_hc(CTL_VM, CMD_RESTART);
	while (ready1 != 2)
		;
	printf("boss: racing restarts: vcpu 0 %u, vcpu 1 %u\n", r0, res1);
	/* Both taken only if the first restart was over before the second
	 * was decided (rt parks at once when it is in the hypervisor). */
	CHECK((r0 == OK || res1 == OK) && (r0 == OK || r0 == E_BUSY) &&
	      (res1 == OK || res1 == E_BUSY), "race: %u and %u", r0, res1);
	/* A stop during the restart wins; then a restart from stopped. */
	v = cmd_hc(CTL_VM, CMD_STOP);
	CHECK(v == OK, "stop during a restart %u", v);
	CHECK(wait_state(ST_STOPPED), "rt not stopped");
	CHECK(cmd_hc(CTL_VM, CMD_STOP) == E_STATE, "stop of a stopped VM");
	CHECK(rd(SLOT(R_WHY)) == WHY_COMMAND, "why %u", rd(SLOT(R_WHY)));
	CHECK(cmd_hc(CTL_VM, CMD_RESTART) == OK, "restart from stopped");
	CHECK(wait_restarted(restarts), "rt not back from stopped");
	v = rd(SLOT(R_RESTARTS));
	/* the raced restart may have been cancelled by the stop */
	CHECK(v >= restarts + 1u, "restarts %u after %u", v, restarts);
	printf("boss: rt restarts %u, state-change interrupts %u\n", v, irqs);
	CHECK(irqs > 0, "no state-change interrupt");
}

int main(void)
{
	struct hc_vm_info info;

	hc_vm_info(&info);
	if (NOBODY) {
		nobody();
	} else if (WATCHER) {
		watcher();
	} else {
		irq_set_handler(CTL_IRQ, ctl_irq);
		gicd_enable();
		gicd_set_priority(CTL_IRQ, 0xa0);
		gicd_enable_irq(CTL_IRQ);
		gicc_init();
		irq_enable_local();
		hostile();
	}
	printf("boss: done, %u failure(s)\n", fails);
	psci_system_off();
}

// SPDX-License-Identifier: MIT
/*
 * shikiri-chan: the Linux end of shikiri's inter-VM channels, from the shell
 * (docs/channels.md, "Linux").  Static, no libc: raw system calls (sys.h).
 *
 *   shikiri-chan list                     channels in this VM's device tree
 *   shikiri-chan send LABEL TEXT          one message, then ring the peer
 *   shikiri-chan recv LABEL [N]           print N messages (default 1)
 *   shikiri-chan ping LABEL N             N round trips, checked, timed
 *   shikiri-chan pong LABEL [N]           answer N pings (0 or none: forever)
 *   shikiri-chan cat LABEL [N]            print N of the RTOS's latency
 *                                         reports, acknowledging each
 *   shikiri-chan loopback N               the in-guest baseline: ping/pong
 *                                         between two processes of this VM
 *
 * A channel is found by its label in /proc/device-tree (compatible
 * "shikiri,channel": reg = doorbell page, shared memory).  Both are mapped
 * from /dev/uioN when a uio driver has bound the node, else from /dev/mem
 * (the region is not RAM to Linux, so CONFIG_STRICT_DEVMEM allows it).  The
 * doorbell interrupt is waited for with uio's read(), or on the input event
 * device of the same label (the node is also a "gpio-keys" with one
 * interrupt-only key, a driver Debian's kernel has built in), or, failing
 * both, by polling the ring every millisecond.
 */
#include <stdint.h>

#include "shikiri_chan.h"
#include "shikiri_chan_msg.h"
#include "sys.h"

#define PAGE		4096u
#define PATH_MAX_	160u
#define MAX_CHANS	8u
#define WAIT_MS		5000	/* a peer that says nothing this long: give up */

/* memcpy, memset, out(), say(): the tools' tiny libc */
#include "tiny.h"

static __attribute__((noreturn)) void die(const char *what, const char *detail)
{
	out(2, "shikiri-chan: ");
	out(2, what);
	if (detail) {
		out(2, ": ");
		out(2, detail);
	}
	out(2, "\n");
	sys_exit(1);
}

/* ---- finding channels ---- */
struct chan_info {
	char node[64], label[32];
	uint32_t db, shm, size, index, peers, ro;
};

static uint32_t root_cells(const char *name)
{
	char p[PATH_MAX_], b[8];

	path2(p, "/proc/device-tree/", name, "");
	return slurp(p, b, sizeof(b)) == 4 ? be32(b) : 0;
}

static int read_node(const char *node, struct chan_info *c, uint32_t ac, uint32_t sc)
{
	char p[PATH_MAX_], b[64];
	long n;
	uint32_t rl = 4u * (ac + sc);

	path2(p, "/proc/device-tree/", node, "/compatible");
	n = slurp(p, b, sizeof(b));
	if (n <= 0)
		return 0;
	{
		long i = 0, found = 0;

		while (i < n) {
			if (seq_(b + i, "shikiri,channel"))
				found = 1;
			i += (long)slen(b + i) + 1;
		}
		if (!found)
			return 0;
	}
	path2(p, "/proc/device-tree/", node, "/reg");
	if (slurp(p, b, sizeof(b)) != (long)(2u * rl) || (ac == 2u && (be32(b) || be32(b + rl))) ||
	    (sc == 2u && (be32(b + 4u * ac) || be32(b + rl + 4u * ac))))
		return 0;
	c->db = be32(b + 4u * (ac - 1u));
	c->shm = be32(b + rl + 4u * (ac - 1u));
	c->size = be32(b + rl + 4u * ac + 4u * (sc - 1u));
	path2(p, "/proc/device-tree/", node, "/label");
	if (slurp(p, b, sizeof(c->label)) <= 0)
		return 0;
	path2(c->label, b, "", "");
	path2(c->node, node, "", "");
	path2(p, "/proc/device-tree/", node, "/shikiri,index");
	c->index = slurp(p, b, sizeof(b)) == 4 ? be32(b) : 0;
	path2(p, "/proc/device-tree/", node, "/shikiri,peers");
	c->peers = slurp(p, b, sizeof(b)) == 4 ? be32(b) : 2;
	path2(p, "/proc/device-tree/", node, "/shikiri,access");
	c->ro = slurp(p, b, sizeof(b)) > 0 && seq_(b, "ro");
	return 1;
}

static uint32_t find_channels(struct chan_info *c, uint32_t max)
{
	char d[1024];
	long fd = sys_open("/proc/device-tree", O_RDONLY | O_DIRECTORY), n;
	uint32_t found = 0, ac = root_cells("#address-cells"), sc = root_cells("#size-cells");

	if (fd < 0)
		die("no /proc/device-tree", 0);
	if (ac < 1u || ac > 2u || sc < 1u || sc > 2u)
		die("root #address-cells/#size-cells not 1 or 2", 0);
	while ((n = sys_getdents64((int)fd, d, sizeof(d))) > 0) {
		long off = 0;

		while (off < n && found < max) {
			/* linux_dirent64: ino 8, off 8, reclen 2, type 1, name */
			uint16_t reclen = (uint16_t)((uint8_t)d[off + 16] | (uint8_t)d[off + 17] << 8);
			const char *name = d + off + 19;

			if (reclen == 0)
				break;
			if (slen(name) < 60u && read_node(name, &c[found], ac, sc))
				found++;
			off += reclen;
		}
	}
	sys_close((int)fd);
	return found;
}

/* ---- an open channel ---- */
enum wait_kind { WAIT_POLL, WAIT_UIO, WAIT_EVDEV, WAIT_PIPE };
static const char *const wait_names[] = {"poll", "uio", "evdev", "pipe"};

struct chan {
	struct chan_info info;
	struct shikiri_chan ring;
	volatile uint32_t *db;
	int wait_fd;
	int ring_fd;		/* WAIT_PIPE: the peer's pipe, written instead of a doorbell */
	enum wait_kind wait;
	uint32_t wakeups;	/* waits that a doorbell ended */
};

/* The /sys/class/<cls>/<pfx>N whose <file> reads label; N or -1. */
static int find_class(const char *cls, const char *pfx, const char *file, const char *label)
{
	for (uint32_t n = 0; n < 32u; n++) {
		char p[PATH_MAX_], num[12], b[40];

		*put_u(num, n) = '\0';
		path2(p, cls, pfx, num);
		path2(p + slen(p), file, "", "");
		if (slurp(p, b, sizeof(b)) <= 0)
			continue;
		if (b[0] && b[slen(b) - 1u] == '\n')
			b[slen(b) - 1u] = '\0';
		if (seq_(b, label))
			return (int)n;
	}
	return -1;
}

static void open_chan(struct chan *ch, const char *label)
{
	struct chan_info all[MAX_CHANS];
	uint32_t n = find_channels(all, MAX_CHANS), i;
	long base, fd, shm;
	int u, err = SHIKIRI_CHAN_EAGAIN;
	char p[PATH_MAX_], num[12];

	for (i = 0; i < n && !seq_(all[i].label, label); i++)
		;
	if (i == n)
		die("no channel with this label (shikiri-chan list)", label);
	ch->info = all[i];
	/* A store to a read-only channel is a stage-2 fault: the hypervisor
	 * would stop this whole VM. The ring protocol writes (indexes). */
	if (ch->info.ro)
		die("read-only side: the ring protocol needs write access", label);
	if (ch->info.size < PAGE || (ch->info.size & (PAGE - 1u)) || (ch->info.db & (PAGE - 1u)) ||
	    (ch->info.shm & (PAGE - 1u)))
		die("channel reg not page-aligned", label);
	u = find_class("/sys/class/uio/", "uio", "/device/of_node/label", label);
	if (u >= 0) {
		*put_u(num, (uint32_t)u) = '\0';
		path2(p, "/dev/uio", num, "");
		fd = sys_open(p, O_RDWR);
		if (fd < 0)
			die("cannot open", p);
		base = sys_mmap(PAGE, 0, (int)fd);
		shm = sys_mmap(ch->info.size, 1, (int)fd); /* uio: map N at N pages */
		ch->wait = WAIT_UIO;
		ch->wait_fd = (int)fd;
	} else {
		fd = sys_open("/dev/mem", O_RDWR | O_SYNC);
		if (fd < 0)
			die("cannot open /dev/mem", 0);
		base = sys_mmap(PAGE, ch->info.db / PAGE, (int)fd);
		shm = sys_mmap(ch->info.size, ch->info.shm / PAGE, (int)fd);
		int e = find_class("/sys/class/input/", "event", "/device/name", label);

		ch->wait = WAIT_POLL;
		if (e >= 0) {
			*put_u(num, (uint32_t)e) = '\0';
			path2(p, "/dev/input/event", num, "");
			ch->wait_fd = (int)sys_open(p, O_RDONLY | O_NONBLOCK);
			if (ch->wait_fd >= 0)
				ch->wait = WAIT_EVDEV;
		}
	}
	if ((unsigned long)base > 0xfffff000ul || (unsigned long)shm > 0xfffff000ul)
		die("mmap of the channel failed", label);
	ch->db = (volatile uint32_t *)base;
	if (ch->db[SHIKIRI_DB_ID / 4u] != SHIKIRI_DB_MAGIC)
		die("no shikiri doorbell page at the channel's first reg", label);
	if (ch->db[SHIKIRI_DB_SIZE / 4u] != ch->info.size)
		die("doorbell SIZE differs from the device tree's", label);
	ch->info.index = ch->db[SHIKIRI_DB_INFO / 4u] & 0xffu;
	for (uint32_t t = 0; t < 2000u; t++) {
		err = shikiri_chan_attach(&ch->ring, (void *)shm, ch->info.size, ch->info.index & 1u, 0);
		if (err != SHIKIRI_CHAN_EAGAIN)
			break;
		if (ch->info.index == 0u && !ch->info.ro) {
			err = shikiri_chan_format(&ch->ring, (void *)shm, ch->info.size,
						  SHIKIRI_MSG_SLOT, 0);
			break;
		}
		sleep_ns(5000000u); /* the peer formats it: wait up to 10 s */
	}
	if (err == SHIKIRI_CHAN_EAGAIN)
		die("channel never formatted by its side 0", label);
	if (err == SHIKIRI_CHAN_EVERSION)
		die("channel has another layout version", label);
	if (err)
		die("channel header or indexes are invalid", label);
	if (ch->info.peers != 2u)
		die("the ring protocol needs exactly two VMs on the channel", label);
}

/*
 * Sleep until the doorbell rang (or timeout_ms passed, or a poll interval
 * for WAIT_POLL). No wake-up is lost: uio counts interrupts since the last
 * read and evdev queues the key events, so a ring that came after the
 * caller found the ring empty still ends the wait.
 */
static void wait_doorbell(struct chan *ch, int timeout_ms)
{
	struct pollfd pfd = {ch->wait_fd, POLLIN, 0};
	uint32_t one = 1;

	if (ch->wait == WAIT_POLL) {
		sleep_ns(1000000u);
		return;
	}
	if (ch->wait == WAIT_UIO)
		sys_write(ch->wait_fd, &one, 4); /* re-enable the interrupt */
	if (sys_poll(&pfd, 1, timeout_ms) <= 0)
		return;
	ch->wakeups++;
	if (ch->wait == WAIT_UIO) {
		sys_read(ch->wait_fd, &one, 4);
	} else if (ch->wait == WAIT_PIPE) {
		char drain[64];

		/* poll said: does not block; 0 is end of file, the peer is gone */
		if (sys_read(ch->wait_fd, drain, sizeof(drain)) == 0)
			die("loopback: the other process is gone", 0);
	} else {
		char drain[256];

		while (sys_read(ch->wait_fd, drain, sizeof(drain)) > 0)
			;
	}
}

/* After publishing: ring only a peer that waits for doorbells (LISTEN). */
static void ring(struct chan *ch)
{
	if (!shikiri_chan_peer_listens(&ch->ring))
		return;
	if (ch->wait == WAIT_PIPE)
		sys_write(ch->ring_fd, "", 1);
	else
		shikiri_chan_ring(ch->db);
}

/* Next message within timeout_ms (0: forever); length, or -1 on timeout. */
static int recv_msg(struct chan *ch, void *buf, uint32_t cap, uint32_t timeout_ms)
{
	uint64_t end = now_ns() + (uint64_t)timeout_ms * 1000000u;

	for (;;) {
		int n = shikiri_chan_recv(&ch->ring, buf, cap);

		if (n >= 0)
			return n;
		if (n != SHIKIRI_CHAN_EAGAIN)
			die("receive ring broken (peer wrote an impossible index or length)",
			    ch->info.label);
		if (timeout_ms && now_ns() >= end)
			return -1;
		/* at most 1 s: a doorbell lost anywhere costs a second, not a hang */
		wait_doorbell(ch, timeout_ms && timeout_ms < 1000u ? (int)timeout_ms : 1000);
	}
}

static void send_msg(struct chan *ch, const void *m, uint32_t len)
{
	for (uint32_t t = 0;; t++) {
		int r = shikiri_chan_send(&ch->ring, m, len);

		if (r == 0)
			break;
		if (r != SHIKIRI_CHAN_EAGAIN)
			die("send failed (message too long or peer's index impossible)",
			    ch->info.label);
		if (t >= 5000u)
			die("peer does not empty the ring", ch->info.label);
		ring(ch);
		sleep_ns(1000000u);
	}
	ring(ch);
}

/* ---- commands ---- */
static int cmd_list(void)
{
	struct chan_info c[MAX_CHANS];
	uint32_t n = find_channels(c, MAX_CHANS);

	for (uint32_t i = 0; i < n; i++) {
		int u = find_class("/sys/class/uio/", "uio", "/device/of_node/label", c[i].label);
		int e = find_class("/sys/class/input/", "event", "/device/name", c[i].label);

		say("%s: side %u of %u, %s, shared memory %x size %u, doorbell %x, wait %s\n",
		    c[i].label, c[i].index, c[i].peers, c[i].ro ? "ro" : "rw", c[i].shm, c[i].size,
		    c[i].db, wait_names[u >= 0 ? WAIT_UIO : e >= 0 ? WAIT_EVDEV : WAIT_POLL]);
	}
	if (!n)
		say("no channels\n");
	return 0;
}

static int cmd_send(struct chan *ch, int argc, char **argv)
{
	char m[SHIKIRI_MSG_SLOT];
	uint32_t n = 0;

	for (int i = 3; i < argc; i++) {
		for (const char *s = argv[i]; *s && n < shikiri_chan_max_msg(&ch->ring); s++)
			m[n++] = *s;
		if (i + 1 < argc && n < shikiri_chan_max_msg(&ch->ring))
			m[n++] = ' ';
	}
	send_msg(ch, m, n);
	return 0;
}

static void print_text(const struct chan *ch, const char *m, int n)
{
	char line[SHIKIRI_MSG_SLOT + 4];
	int i;

	for (i = 0; i < n && i < (int)SHIKIRI_MSG_SLOT; i++)
		line[i] = m[i] >= 32 && m[i] < 127 ? m[i] : '.';
	line[i] = '\0';
	say("%s: %s\n", ch->info.label, line);
}

static int cmd_recv(struct chan *ch, uint32_t count)
{
	char m[SHIKIRI_MSG_SLOT];

	for (uint32_t i = 0; i < count; i++) {
		int n = recv_msg(ch, m, sizeof(m), 0);

		print_text(ch, m, n);
	}
	return 0;
}

static int cmd_ping(struct chan *ch, uint32_t count)
{
	struct shikiri_msg m;
	uint64_t min = ~0ull, max = 0, sum = 0;
	uint32_t ok = 0, bad = 0, other = 0;

	for (uint32_t seq = 1; seq <= count; seq++) {
		uint64_t t0;

		m.type = SHIKIRI_MSG_PING;
		m.seq = seq;
		for (uint32_t i = 0; i < SHIKIRI_MSG_WORDS; i++)
			m.w[i] = shikiri_msg_fill(seq, i);
		t0 = now_ns();
		send_msg(ch, &m, sizeof(m));
		for (;;) {
			int n = recv_msg(ch, &m, sizeof(m), WAIT_MS);

			if (n < 0) {
				say("ping: no answer to seq %u within %u ms\n", seq, WAIT_MS);
				return 1;
			}
			if (n == (int)sizeof(m) && m.type == SHIKIRI_MSG_PONG)
				break;
			other++; /* e.g. the RTOS's latency reports: not ours */
		}
		{
			uint64_t dt = now_ns() - t0;

			if (m.seq == seq && shikiri_msg_intact(&m))
				ok++;
			else
				bad++;
			sum += dt;
			min = dt < min ? dt : min;
			max = dt > max ? dt : max;
		}
	}
	say("ping %s: %u round trips, %u in order and intact, %u bad, %u other messages skipped, "
	    "%u doorbells; min %U avg %U max %U us\n",
	    ch->info.label, count, ok, bad, other, ch->wakeups, count ? min / 1000u : 0,
	    count ? sum / count / 1000u : 0, max / 1000u);
	return bad != 0 || ok != count;
}

static int cmd_pong(struct chan *ch, uint32_t count)
{
	struct shikiri_msg m;
	uint32_t done = 0, bad = 0, expect = 1;

	while (!count || done < count) {
		int n = recv_msg(ch, &m, sizeof(m), 0);

		if (n != (int)sizeof(m) || m.type != SHIKIRI_MSG_PING)
			continue;
		if (m.seq != expect || !shikiri_msg_intact(&m))
			bad++;
		expect = m.seq + 1u;
		m.type = SHIKIRI_MSG_PONG;
		send_msg(ch, &m, sizeof(m));
		done++;
	}
	say("pong %s: %u answered, %u out of order or damaged, %u doorbells\n", ch->info.label, done,
	    bad, ch->wakeups);
	return bad != 0;
}

static int cmd_cat(struct chan *ch, uint32_t count)
{
	struct shikiri_msg m;
	uint32_t done = 0, gaps = 0, last = 0;

	while (!count || done < count) {
		struct shikiri_msg ack = {SHIKIRI_MSG_ACK, 0, {0}};
		int n = recv_msg(ch, &m, sizeof(m), count ? WAIT_MS * 4u : 0);

		if (n < 0) {
			say("cat %s: no report within %u ms\n", ch->info.label, WAIT_MS * 4u);
			return 1;
		}
		if (n != (int)sizeof(m) || m.type != SHIKIRI_MSG_LAT)
			continue;
		if (last && m.seq != last + 1u)
			gaps++;
		last = m.seq;
		say("%s: seq %u: %u periods: min %u avg %u max %u ticks, overruns %u, "
		    "hyp irq entries %u\n",
		    ch->info.label, m.seq, m.w[0], m.w[1], m.w[2], m.w[3], m.w[4], m.w[5]);
		ack.seq = ++done;
		ack.w[0] = m.seq;
		send_msg(ch, &ack, sizeof(ack));
	}
	say("cat %s: %u reports, %u sequence gaps, %u doorbells\n", ch->info.label, done, gaps,
	    ch->wakeups);
	return gaps != 0;
}

/*
 * The Linux in-guest baseline for the RTOS <-> Linux round trip
 * (docs/channels.md, "Measured"): the same N pings and checked pongs (ping
 * and pong above, unchanged) between two processes of this VM, through the
 * same ring code over shared anonymous memory of the default channel's size,
 * each side woken by a blocking read (poll, read) of a pipe its peer writes
 * one byte to instead of ringing a doorbell. What remains is Linux's own
 * cost: system calls, wake-ups, scheduling; no hypervisor.
 */
static int cmd_loopback(uint32_t count)
{
	const uint32_t size = 0x10000u; /* rtlog's size in dts/system/default.dts */
	static struct chan ch;
	int to_child[2], to_parent[2], status = 0, rc;
	long shm = sys_mmap_anon(size), pid;

	if ((unsigned long)shm > 0xfffff000ul)
		die("loopback: cannot map shared memory", 0);
	if (sys_pipe(to_child) < 0 || sys_pipe(to_parent) < 0)
		die("loopback: cannot create pipes", 0);
	path2(ch.info.label, "loopback", "", "");
	ch.wait = WAIT_PIPE;
	if (shikiri_chan_format(&ch.ring, (void *)shm, size, SHIKIRI_MSG_SLOT, 0))
		die("loopback: cannot format the ring", 0);
	pid = sys_fork();
	if (pid < 0)
		die("loopback: fork failed", 0);
	if (pid == 0) {
		/* side 1: pong (a parent gone closes its pipe: wait_doorbell stops) */
		if (shikiri_chan_attach(&ch.ring, (void *)shm, size, 1u, 0))
			die("loopback: cannot attach the ring", 0);
		ch.wait_fd = to_child[0];
		ch.ring_fd = to_parent[1];
		sys_close(to_child[1]);
		sys_close(to_parent[0]);
		shikiri_chan_listen(&ch.ring, 1);
		sys_exit(cmd_pong(&ch, count));
	}
	ch.wait_fd = to_parent[0];
	ch.ring_fd = to_child[1];
	sys_close(to_child[0]);
	sys_close(to_parent[1]);
	shikiri_chan_listen(&ch.ring, 1);
	rc = cmd_ping(&ch, count);
	sys_close(to_child[1]);
	if (sys_wait4(pid, &status) != pid || status != 0)
		rc = 1; /* status: exit code << 8, or the signal that ended it */
	return rc;
}

static __attribute__((noreturn)) void usage(void)
{
	out(2, "usage: shikiri-chan list | send LABEL TEXT... | recv LABEL [N] | ping LABEL N |\n"
	       "       pong LABEL [N] | cat LABEL [N] | loopback N\n");
	sys_exit(2);
}

int main(int argc, char **argv)
{
	struct chan ch;
	uint32_t n = 1;
	int rc;

	if (argc < 2)
		usage();
	if (seq_(argv[1], "list"))
		return cmd_list();
	if (seq_(argv[1], "loopback")) {
		if (argc != 3 || !parse_u(argv[2], &n) || n == 0 || n > 1000000u)
			usage();
		return cmd_loopback(n);
	}
	if (argc < 3)
		usage();
	if (argc >= 4 && !seq_(argv[1], "send") && !parse_u(argv[3], &n))
		usage();
	if (argc < 4 && (seq_(argv[1], "pong") || seq_(argv[1], "cat")))
		n = 0;
	open_chan(&ch, argv[2]);
	if (seq_(argv[1], "send"))
		return cmd_send(&ch, argc, argv);
	/* the others wait for the peer: it rings while this one listens */
	shikiri_chan_listen(&ch.ring, 1);
	if (seq_(argv[1], "recv"))
		rc = cmd_recv(&ch, n);
	else if (seq_(argv[1], "ping") && argc >= 4)
		rc = cmd_ping(&ch, n);
	else if (seq_(argv[1], "pong"))
		rc = cmd_pong(&ch, n);
	else if (seq_(argv[1], "cat"))
		rc = cmd_cat(&ch, n);
	else
		usage();
	shikiri_chan_listen(&ch.ring, 0);
	return rc;
}

/* The kernel enters with sp -> argc, argv[], 0, envp[]. */
__attribute__((noreturn, used)) void chan_start_c(uint32_t *sp)
{
	sys_exit(main((int)sp[0], (char **)(sp + 1)));
}

__asm__(".text\n"
	".global _start\n"
	"_start:\n"
	"	mov	r0, sp\n"
	"	bic	sp, sp, #7\n"
	"	bl	chan_start_c\n");

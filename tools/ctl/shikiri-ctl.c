// SPDX-License-Identifier: MIT
/*
 * shikiri-ctl: the Linux end of shikiri's control rights (docs/control.md).
 * Static, no libc: raw system calls (tools/chan/sys.h), like shikiri-chan.
 *
 *   shikiri-ctl [--json] list            the VMs this VM controls, one line each
 *   shikiri-ctl [--json] status VM       state, counters, last stop reason
 *   shikiri-ctl stop VM | restart VM     a command; exit status says how it went
 *   shikiri-ctl load VM FILE [--sha256 HEX | --no-sha256]
 *                                        stage FILE, the hypervisor checks a copy
 *                                        (its SHA-256: by default the file's) and
 *                                        restarts VM into it
 *   shikiri-ctl [--json] watch [N]       state changes as they happen (N: then exit)
 *
 * VM is a name or a VM index. The control page is found in /proc/device-tree
 * (control@PAGE, compatible "shikiri,control") and mapped from /dev/mem (it
 * is not RAM to Linux). watch waits on the state-change interrupt's input
 * event device (the node is also an interrupt-only gpio-keys named
 * "shikiri-control"), bounded to 1 s, else polls.
 * Exit status: 0 ok, 1 usage, 2 no control page, 3 no such VM under this
 * VM's control, 4 no right, 5 busy (a restart in progress), 6 already
 * stopped, 7 not supported, 8 image too large, 9 image truncated, 10 wrong
 * SHA-256, 11 bad image format (ELF), 12 FILE unreadable or bad --sha256.
 */
#include <stdint.h>

#include "sys.h"
/* the hypervisor's own SHA-256 (src/lib/sha256.c), freestanding */
#include "../../src/lib/sha256.c"

#define PAGE	  4096u
#define PATH_MAX_ 160u

/* memcpy, memset, out(), say(): the tools' tiny libc */
#include "tiny.h"

static __attribute__((noreturn)) void die_code(int code, const char *what, const char *detail)
{
	out(2, "shikiri-ctl: ");
	out(2, what);
	if (detail) {
		out(2, ": ");
		out(2, detail);
	}
	out(2, "\n");
	sys_exit(code);
}

static uint32_t root_cells(const char *name)
{
	char p[PATH_MAX_], b[8];

	path2(p, "/proc/device-tree/", name, "");
	return slurp(p, b, sizeof(b)) == 4 ? be32(b) : 0;
}

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

/* ---- the control page (docs/control.md, src/include/control.h) ---- */
#define R_ID	       0x000u
#define R_INFO	       0x004u
#define R_STATUS       0x008u
#define SLOT(s)	       (0x100u + 0x100u * (s))
#define S_VM	       0x00u
#define S_RIGHTS       0x04u
#define S_STATE	       0x08u
#define S_WHY	       0x0cu
#define S_SEQ	       0x10u
#define S_RESTARTS     0x14u
#define S_FAULTS       0x18u
#define S_REFUSED      0x1cu
#define S_DOORBELLS    0x20u
#define S_MISSES       0x24u
#define S_OVERRUNS     0x28u
#define S_CMD	       0x30u
#define S_ENTRIES      0x40u
#define S_NAME	       0x60u
#define S_REASON       0x80u
#define R_LOAD_LEN     0x010u
#define R_LOAD_FLAGS   0x014u
#define R_LOAD_MAX     0x018u
#define R_LOAD_STAGING 0x01cu
#define R_LOAD_SHA256  0x020u
#define R_LOAD_TEXT    0x080u
#define RIGHT_LOAD     4u
#define MAGIC	       0x5348434cu
#define MAX_SLOTS      8u

/* Exit codes a script relies on (docs/control.md). */
#define EX_OK	  0
#define EX_USAGE  1
#define EX_NOCTL  2  /* no control page in this VM's device tree, or it cannot be mapped */
#define EX_NOVM	  3  /* no such VM among the ones this VM controls */
#define EX_RIGHT  4  /* refused: no right for that command */
#define EX_BUSY	  5  /* a restart of it is in progress */
#define EX_STATE  6  /* stop of a stopped VM */
#define EX_UNSUP  7  /* load: not supported by this hypervisor build */
#define EX_LARGE  8  /* load: the image is larger than the staging region / the room */
#define EX_TRUNC  9  /* load: empty, or an ELF that ends early */
#define EX_HASH	  10 /* load: the copy's SHA-256 is not the one given */
#define EX_FORMAT 11 /* load: an ELF the target cannot run */
#define EX_FILE	  12 /* load: FILE unreadable, or a malformed --sha256 */

static const char *const state_names[] = {"stopped", "running", "restarting"};
static const char *const why_names[] = {"start",   "fault",	    "system-off", "system-reset",
					"cpu-off", "restart-limit", "command",	  "other"};

static volatile uint32_t *page;
static int json;
static int event_fd = -1;

static uint32_t rd(uint32_t off)
{
	uint32_t v;

	/* one ldr without writeback: the hypervisor emulates only accesses
	 * the syndrome describes */
	__asm__ volatile("ldr %0, [%1]" : "=r"(v) : "r"(page + off / 4u) : "memory");
	return v;
}

static void wr(uint32_t off, uint32_t v)
{
	__asm__ volatile("dsb st\n\tstr %0, [%1]" : : "r"(v), "r"(page + off / 4u) : "memory");
}

/* A byte string of n bytes at off into buf (NUL-terminated, printable only). */
static void rd_str(uint32_t off, char *buf, uint32_t n)
{
	uint32_t i;

	for (i = 0; i + 4u <= n; i += 4u) {
		uint32_t w = rd(off + i);

		for (uint32_t k = 0; k < 4u; k++)
			buf[i + k] = (char)(w >> (8u * k));
	}
	buf[n - 1u] = '\0';
	for (i = 0; buf[i]; i++)
		if (buf[i] < ' ' || buf[i] > '~' || buf[i] == '"' || buf[i] == '\\')
			buf[i] = '?';
}

static const char *state_name(uint32_t s)
{
	return s < 3u ? state_names[s] : "?";
}

static const char *why_name(uint32_t w)
{
	return w < 8u ? why_names[w] : "?";
}

/* The control page's node in /proc/device-tree: reg = <page 0x1000>. */
static void open_page(void)
{
	char buf[4096], p[PATH_MAX_], b[64];
	long fd = sys_open("/proc/device-tree", O_RDONLY | O_DIRECTORY), n;
	uint32_t pa = 0, found = 0;

	if (fd < 0)
		die_code(EX_NOCTL, "cannot read /proc/device-tree", 0);
	while (!found && (n = sys_getdents64((int)fd, buf, sizeof(buf))) > 0) {
		for (long o = 0; o < n;) {
			const char *name = buf + o + 19;
			uint16_t reclen =
			    (uint16_t)((uint8_t)buf[o + 16] | (uint8_t)buf[o + 17] << 8);

			if (reclen == 0)
				break;
			o += reclen;
			if (name[0] != 'c' || name[1] != 'o' || name[2] != 'n' || name[3] != 't' ||
			    name[4] != 'r' || name[5] != 'o' || name[6] != 'l' || name[7] != '@')
				continue;
			path2(p, "/proc/device-tree/", name, "/reg");
			if (root_cells("#address-cells") != 1u || slurp(p, b, sizeof(b)) < 8)
				continue;
			pa = be32(b);
			found = 1;
			break;
		}
	}
	sys_close((int)fd);
	if (!found)
		die_code(EX_NOCTL, "no control page (this VM holds no control right)", 0);
	fd = sys_open("/dev/mem", O_RDWR | O_SYNC);
	if (fd < 0)
		die_code(EX_NOCTL, "cannot open /dev/mem", 0);
	n = sys_mmap(PAGE, pa >> 12, (int)fd);
	if (n < 0 && n > -4096)
		die_code(EX_NOCTL, "cannot map the control page from /dev/mem", 0);
	page = (volatile uint32_t *)n;
	if (rd(R_ID) != MAGIC)
		die_code(EX_NOCTL, "the control page does not say SHCL", 0);
}

static uint32_t nr_slots(void)
{
	uint32_t n = rd(R_INFO) & 0xffu;

	return n < MAX_SLOTS ? n : MAX_SLOTS;
}

/* The slot of VM name (or index), or exit EX_NOVM. */
static uint32_t find_vm(const char *name)
{
	uint32_t idx = 0, is_num = parse_u(name, &idx);

	for (uint32_t s = 0; s < nr_slots(); s++) {
		char n[17];

		rd_str(SLOT(s) + S_NAME, n, sizeof(n));
		if (seq_(n, name) || (is_num && rd(SLOT(s) + S_VM) == idx))
			return s;
	}
	die_code(EX_NOVM, "no such VM under this VM's control", name);
}

static void print_vm(uint32_t s, int full)
{
	uint32_t b = SLOT(s);
	char name[17], reason[128];

	rd_str(b + S_NAME, name, sizeof(name));
	rd_str(b + S_REASON, reason, sizeof(reason));
	if (json) {
		say("{\"name\":\"%s\",\"vm\":%u,\"state\":\"%s\",\"why\":\"%s\",", name,
		    rd(b + S_VM), state_name(rd(b + S_STATE)), why_name(rd(b + S_WHY)));
		say("\"restarts\":%u,\"faults\":%u,\"refused\":%u,\"doorbells\":%u,",
		    rd(b + S_RESTARTS), rd(b + S_FAULTS), rd(b + S_REFUSED), rd(b + S_DOORBELLS));
		say("\"misses\":%u,\"overruns\":%u,\"seq\":%u,\"rights\":%u,", rd(b + S_MISSES),
		    rd(b + S_OVERRUNS), rd(b + S_SEQ), rd(b + S_RIGHTS));
		say("\"entries\":[%u,%u],", rd(b + S_ENTRIES), rd(b + S_ENTRIES + 4));
		say("\"reason\":\"%s\"}", reason);
		return;
	}
	say("%s: %s", name, state_name(rd(b + S_STATE)));
	if (reason[0] && rd(b + S_WHY) != 0u)
		say(" (%s: %s)", why_name(rd(b + S_WHY)), reason);
	say(", restarts %u, faults %u\n", rd(b + S_RESTARTS), rd(b + S_FAULTS));
	if (!full)
		return;
	say("  vm %u, rights %s, state changes %u\n", rd(b + S_VM),
	    (rd(b + S_RIGHTS) & 6u) == 6u ? "observe,restart,load"
	    : (rd(b + S_RIGHTS) & 4u)	  ? "observe,load"
	    : (rd(b + S_RIGHTS) & 2u)	  ? "observe,restart"
					  : "observe",
	    rd(b + S_SEQ));
	say("  refused accesses %u, doorbells sent %u, deadline misses %u, overruns %u\n",
	    rd(b + S_REFUSED), rd(b + S_DOORBELLS), rd(b + S_MISSES), rd(b + S_OVERRUNS));
	say("  hypervisor entries on the core of vcpu 0: %u, vcpu 1: %u\n", rd(b + S_ENTRIES),
	    rd(b + S_ENTRIES + 4));
	if (reason[0])
		say("  last stop or restart: %s: %s\n", why_name(rd(b + S_WHY)), reason);
}

static int cmd_list(void)
{
	uint32_t n = nr_slots();

	if (json)
		say("[");
	for (uint32_t s = 0; s < n; s++) {
		if (json && s)
			say(",");
		print_vm(s, 0);
	}
	if (json)
		say("]\n");
	return EX_OK;
}

static int cmd_status(const char *vm)
{
	print_vm(find_vm(vm), 1);
	if (json)
		say("\n");
	return EX_OK;
}

static int command(const char *vm, uint32_t cmd, const char *what)
{
	uint32_t s = find_vm(vm), r;

	wr(SLOT(s) + S_CMD, cmd);
	r = rd(R_STATUS);
	switch (r) {
	case 0:
		if (json)
			say("{\"vm\":\"%s\",\"command\":\"%s\",\"result\":\"ok\"}\n", vm, what);
		else
			say("%s: %s: ok\n", vm, what);
		return EX_OK;
	case 1:
		die_code(EX_RIGHT, "refused (no right for that command)", vm);
	case 2:
		die_code(EX_BUSY, "busy (a restart is in progress)", vm);
	case 4:
		die_code(EX_STATE, "already stopped", vm);
	case 5:
		die_code(EX_UNSUP, "load is not supported by this hypervisor build", 0);
	default:
		die_code(EX_USAGE, "the hypervisor refused the command", vm);
	}
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * load VM FILE: FILE read whole (up to the staging size; a larger file is
 * staged cut and its full length given, so that the hypervisor refuses
 * it), copied into the staging region (mapped from /dev/mem, word
 * stores), its SHA-256 (the file's, or the --sha256 given, or none) and
 * length in the page, then the command. The hypervisor checks its own
 * copy; its reason is printed either way.
 */
static int cmd_load(const char *vm, const char *file, const char *hex, int nohash)
{
	uint32_t s = find_vm(vm), max = rd(R_LOAD_MAX), len = 0, r, i;
	uint8_t want[SHA256_LEN];
	struct sha256 sh;
	char text[128];
	long fd, n, buf, st;

	if (!(rd(SLOT(s) + S_RIGHTS) & RIGHT_LOAD))
		die_code(EX_RIGHT, "refused (no right to load)", vm);
	if (max == 0)
		die_code(EX_UNSUP, "load is not supported by this hypervisor build", 0);
	if (hex) {
		for (i = 0; i < SHA256_LEN; i++) {
			int hi = hexval(hex[2 * i]), lo = hi < 0 ? -1 : hexval(hex[2 * i + 1]);

			if (hi < 0 || lo < 0)
				die_code(EX_FILE, "--sha256 takes 64 hex digits", hex);
			want[i] = (uint8_t)(hi << 4 | lo);
		}
		if (hex[2 * SHA256_LEN] != '\0')
			die_code(EX_FILE, "--sha256 takes 64 hex digits", hex);
	}
	fd = sys_open(file, O_RDONLY);
	if (fd < 0)
		die_code(EX_FILE, "cannot open", file);
	buf = sys_mmap_anon((max + PAGE) & ~(PAGE - 1u));
	if (buf < 0 && buf > -4096)
		die_code(EX_FILE, "out of memory for", file);
	sha256_init(&sh);
	/* bounded: each read is at least a byte, at most max + 1 GiB total */
	for (;;) {
		char scratch[4096];
		uint8_t *dst = len < max ? (uint8_t *)buf + len : (uint8_t *)scratch;
		uint32_t room = len < max ? max - len : sizeof(scratch);

		if (room > sizeof(scratch))
			room = sizeof(scratch);
		n = sys_read((int)fd, dst, room);
		if (n < 0)
			die_code(EX_FILE, "cannot read", file);
		if (n == 0 || len > 0x40000000u)
			break;
		sha256_update(&sh, dst, (uint32_t)n);
		len += (uint32_t)n;
	}
	sys_close((int)fd);
	if (!hex)
		sha256_final(&sh, want);
	fd = sys_open("/dev/mem", O_RDWR | O_SYNC);
	if (fd < 0)
		die_code(EX_NOCTL, "cannot open /dev/mem", 0);
	st = sys_mmap(max, rd(R_LOAD_STAGING) >> 12, (int)fd);
	if (st < 0 && st > -4096)
		die_code(EX_NOCTL, "cannot map the staging region from /dev/mem", 0);
	/* word stores: the mapping is device memory to Linux */
	for (i = 0; i < (len < max ? len : max); i += 4u) {
		const uint8_t *b = (const uint8_t *)buf + i;
		uint32_t w = (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 |
			     (uint32_t)b[3] << 24;

		((volatile uint32_t *)st)[i / 4u] = w;
	}
	for (i = 0; i < 8u; i++)
		wr(R_LOAD_SHA256 + 4u * i, (uint32_t)want[4 * i] | (uint32_t)want[4 * i + 1] << 8 |
					       (uint32_t)want[4 * i + 2] << 16 |
					       (uint32_t)want[4 * i + 3] << 24);
	wr(R_LOAD_FLAGS, nohash ? 0u : 1u);
	wr(R_LOAD_LEN, len);
	wr(SLOT(s) + S_CMD, 3u);
	r = rd(R_STATUS);
	rd_str(R_LOAD_TEXT, text, sizeof(text));
	if (json)
		say("{\"vm\":\"%s\",\"command\":\"load\",\"result\":%u,\"bytes\":%u,\"text\":\"%"
		    "s\"}\n",
		    vm, r, len, text);
	switch (r) {
	case 0:
		if (!json)
			say("%s: load: ok (%s)\n", vm, text);
		return EX_OK;
	case 1:
		die_code(EX_RIGHT, "refused (no right to load)", vm);
	case 2:
		die_code(EX_BUSY, "busy", text);
	case 5:
		die_code(EX_UNSUP, "load is not supported by this hypervisor build", 0);
	case 6:
		die_code(EX_LARGE, "refused", text);
	case 7:
		die_code(EX_TRUNC, "refused", text);
	case 8:
		die_code(EX_HASH, "refused", text);
	case 9:
		die_code(EX_FORMAT, "refused", text);
	default:
		die_code(EX_USAGE, "the hypervisor refused the command", vm);
	}
}

/* State changes as they happen: one line per change of a slot's SEQ. Waits
 * on the state-change interrupt's event device when there is one (bounded
 * to 1 s a wait), else polls every 100 ms. N > 0: stop after N changes. */
static int cmd_watch(uint32_t count)
{
	uint32_t seq[MAX_SLOTS], st[MAX_SLOTS], n = nr_slots(), seen = 0;
	int ev = find_class("/sys/class/input/", "event", "/device/name", "shikiri-control");

	if (ev >= 0) {
		char p[PATH_MAX_], num[12];

		*put_u(num, (uint32_t)ev) = '\0';
		path2(p, "/dev/input/event", num, "");
		event_fd = (int)sys_open(p, O_RDONLY | O_NONBLOCK);
	}
	for (uint32_t s = 0; s < n; s++) {
		seq[s] = rd(SLOT(s) + S_SEQ);
		st[s] = rd(SLOT(s) + S_STATE);
	}
	if (!json)
		say("watching %u VM(s), waiting on %s\n", n, event_fd >= 0 ? "evdev" : "poll");
	while (count == 0 || seen < count) {
		for (uint32_t s = 0; s < n; s++) {
			uint32_t q = rd(SLOT(s) + S_SEQ), now = rd(SLOT(s) + S_STATE);

			if (q == seq[s] && now == st[s])
				continue;
			seen += q != seq[s] ? q - seq[s] : 1u;
			seq[s] = q;
			st[s] = now;
			if (json) {
				print_vm(s, 0);
				say("\n");
			} else {
				print_vm(s, 0);
			}
		}
		if (event_fd >= 0) {
			struct pollfd pfd = {event_fd, POLLIN, 0};
			char drain[256];

			if (sys_poll(&pfd, 1, 1000) > 0)
				while (sys_read(event_fd, drain, sizeof(drain)) > 0)
					;
		} else {
			sleep_ns(100000000u);
		}
	}
	return EX_OK;
}

static __attribute__((noreturn)) void usage(void)
{
	out(2, "usage: shikiri-ctl [--json] list | status VM | stop VM | restart VM | load VM FILE "
	       "[--sha256 HEX | --no-sha256] | watch [N]\n");
	sys_exit(EX_USAGE);
}

int main(int argc, char **argv)
{
	int a = 1;

	if (a < argc && seq_(argv[a], "--json")) {
		json = 1;
		a++;
	}
	if (a >= argc)
		usage();
	if (seq_(argv[a], "list") && a + 1 == argc) {
		open_page();
		return cmd_list();
	}
	if (seq_(argv[a], "status") && a + 2 == argc) {
		open_page();
		return cmd_status(argv[a + 1]);
	}
	if (seq_(argv[a], "stop") && a + 2 == argc) {
		open_page();
		return command(argv[a + 1], 1u, "stop");
	}
	if (seq_(argv[a], "restart") && a + 2 == argc) {
		open_page();
		return command(argv[a + 1], 2u, "restart");
	}
	if (seq_(argv[a], "load") && a + 3 <= argc && a + 5 >= argc) {
		const char *hex = 0;
		int nohash = 0;

		if (a + 5 == argc && seq_(argv[a + 3], "--sha256"))
			hex = argv[a + 4];
		else if (a + 4 == argc && seq_(argv[a + 3], "--no-sha256"))
			nohash = 1;
		else if (a + 3 != argc)
			usage();
		open_page();
		return cmd_load(argv[a + 1], argv[a + 2], hex, nohash);
	}
	if (seq_(argv[a], "watch") && (a + 1 == argc || a + 2 == argc)) {
		uint32_t n = 0;

		if (a + 2 == argc && !parse_u(argv[a + 1], &n))
			usage();
		open_page();
		return cmd_watch(n);
	}
	usage();
}

/* The kernel enters with sp -> argc, argv[], 0, envp[]. */
__attribute__((noreturn, used)) void ctl_start_c(uint32_t *sp)
{
	sys_exit(main((int)sp[0], (char **)(sp + 1)));
}

__asm__(".text\n"
	".global _start\n"
	"_start:\n"
	"	mov	r0, sp\n"
	"	bic	sp, sp, #7\n"
	"	bl	ctl_start_c\n");

/*
 * The few Linux system calls shikiri-chan needs, as raw ARM EABI calls
 * (svc #0, number in r7), so that the tool is one static binary built by
 * the hypervisor's own bare-metal cross compiler: no libc, no Debian
 * armhf toolchain. Errors come back as -errno.
 */
#ifndef SHIKIRI_CHAN_SYS_H
#define SHIKIRI_CHAN_SYS_H

#include <stdint.h>

#define SYS_exit_group	  248
#define SYS_fork	  2
#define SYS_wait4	  114
#define SYS_pipe2	  359
#define SYS_read	  3
#define SYS_write	  4
#define SYS_close	  6
#define SYS_poll	  168
#define SYS_nanosleep	  162
#define SYS_mmap2	  192
#define SYS_getdents64	  217
#define SYS_clock_gettime 263
#define SYS_openat	  322

#define AT_FDCWD	-100
#define O_RDONLY	0
#define O_RDWR		2
#define O_NONBLOCK	04000
#define O_SYNC		04010000
#define O_DIRECTORY	040000
#define O_CLOEXEC	02000000
#define PROT_READ	1
#define PROT_WRITE	2
#define MAP_SHARED	1
#define MAP_ANONYMOUS	0x20
#define POLLIN		1
#define CLOCK_MONOTONIC 1
#define EAGAIN		11
#define EINTR		4

struct pollfd {
	int fd;
	short events, revents;
};

struct timespec32 {
	int32_t sec, nsec;
};

static inline long sys6(long n, long a, long b, long c, long d, long e, long f)
{
	register long r0 __asm__("r0") = a;
	register long r1 __asm__("r1") = b;
	register long r2 __asm__("r2") = c;
	register long r3 __asm__("r3") = d;
	register long r4 __asm__("r4") = e;
	register long r5 __asm__("r5") = f;
	register long r7 __asm__("r7") = n;

	__asm__ volatile("svc #0"
			 : "+r"(r0)
			 : "r"(r1), "r"(r2), "r"(r3), "r"(r4), "r"(r5), "r"(r7)
			 : "memory");
	return r0;
}

#define sys3(n, a, b, c) sys6((n), (long)(a), (long)(b), (long)(c), 0, 0, 0)

static inline long sys_read(int fd, void *b, uint32_t n)
{
	return sys3(SYS_read, fd, b, n);
}
static inline long sys_write(int fd, const void *b, uint32_t n)
{
	return sys3(SYS_write, fd, b, n);
}
static inline long sys_open(const char *path, long flags)
{
	return sys6(SYS_openat, AT_FDCWD, (long)path, flags | O_CLOEXEC, 0, 0, 0);
}
static inline long sys_close(int fd)
{
	return sys3(SYS_close, fd, 0, 0);
}
static inline long sys_poll(struct pollfd *p, uint32_t n, int timeout_ms)
{
	return sys3(SYS_poll, p, n, timeout_ms);
}
static inline long sys_getdents64(int fd, void *b, uint32_t n)
{
	return sys3(SYS_getdents64, fd, b, n);
}
/* mmap2: the offset is in 4 KiB units. Returns the address or -errno. */
static inline long sys_mmap(uint32_t len, uint32_t pgoff, int fd)
{
	return sys6(SYS_mmap2, 0, (long)len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, (long)pgoff);
}
/* Shared anonymous memory (kept across fork); the address or -errno. */
static inline long sys_mmap_anon(uint32_t len)
{
	return sys6(SYS_mmap2, 0, (long)len, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1,
		    0);
}
/* fork: 0 in the child, the child's pid in the parent, or -errno. */
static inline long sys_fork(void)
{
	return sys3(SYS_fork, 0, 0, 0);
}
static inline long sys_pipe(int fds[2])
{
	return sys3(SYS_pipe2, fds, O_CLOEXEC, 0);
}
static inline long sys_wait4(long pid, int *status)
{
	return sys6(SYS_wait4, pid, (long)status, 0, 0, 0, 0);
}
static inline __attribute__((noreturn)) void sys_exit(int code)
{
	for (;;)
		sys3(SYS_exit_group, code, 0, 0);
}
static inline uint64_t now_ns(void)
{
	struct timespec32 t = {0, 0};

	sys3(SYS_clock_gettime, CLOCK_MONOTONIC, &t, 0);
	return (uint64_t)(uint32_t)t.sec * 1000000000ull + (uint32_t)t.nsec;
}
static inline void sleep_ns(uint32_t ns)
{
	struct timespec32 t = {(int32_t)(ns / 1000000000u), (int32_t)(ns % 1000000000u)};

	sys3(SYS_nanosleep, &t, 0, 0);
}

#endif

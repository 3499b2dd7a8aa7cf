/* SPDX-License-Identifier: MIT */
#include "util.h"
#include "gen.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* The generator is a short-lived host tool: running out of memory is fatal. */
static void oom(void)
{
	fputs("shikiri-gen: out of memory\n", stderr);
	exit(1);
}

void *xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (!p)
		oom();
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		oom();
	return p;
}

void *xrealloc(void *p, size_t size)
{
	void *q = realloc(p, size ? size : 1);

	if (!q)
		oom();
	return q;
}

char *xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = xmalloc(n);

	memcpy(p, s, n);
	return p;
}

char *xasprintf(const char *fmt, ...)
{
	struct sbuf sb;
	va_list ap;

	sb_init(&sb);
	va_start(ap, fmt);
	sb_vprintf(&sb, fmt, ap);
	va_end(ap);
	return sb.buf;
}

void sb_init(struct sbuf *sb)
{
	sb->cap = 256;
	sb->len = 0;
	sb->buf = xmalloc(sb->cap);
	sb->buf[0] = '\0';
}

void sb_free(struct sbuf *sb)
{
	free(sb->buf);
	sb->buf = NULL;
	sb->len = sb->cap = 0;
}

static void sb_reserve(struct sbuf *sb, size_t extra)
{
	if (sb->len + extra + 1 <= sb->cap)
		return;
	while (sb->len + extra + 1 > sb->cap)
		sb->cap *= 2;
	sb->buf = xrealloc(sb->buf, sb->cap);
}

void sb_add(struct sbuf *sb, const char *s)
{
	size_t n = strlen(s);

	sb_reserve(sb, n);
	memcpy(sb->buf + sb->len, s, n + 1);
	sb->len += n;
}

void sb_vprintf(struct sbuf *sb, const char *fmt, va_list ap)
{
	va_list ap2;
	int n;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		return;
	sb_reserve(sb, (size_t)n);
	vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
	sb->len += (size_t)n;
}

void sb_printf(struct sbuf *sb, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	sb_vprintf(sb, fmt, ap);
	va_end(ap);
}

char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct sbuf sb;
	char chunk[65536];
	size_t n;

	if (!f)
		return NULL;
	sb_init(&sb);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		sb_reserve(&sb, n);
		memcpy(sb.buf + sb.len, chunk, n);
		sb.len += n;
		sb.buf[sb.len] = '\0';
	}
	if (ferror(f)) {
		int e = errno;

		fclose(f);
		sb_free(&sb);
		errno = e;
		return NULL;
	}
	fclose(f);
	*len = sb.len;
	return sb.buf;
}

/* True if path exists and holds exactly data[0..len). */
static bool same_content(const char *path, const void *data, size_t len)
{
	size_t old_len;
	char *old = read_file(path, &old_len);
	bool same = old && old_len == len && memcmp(old, data, len) == 0;

	free(old);
	return same;
}

int write_if_changed(const char *path, const void *data, size_t len)
{
	char *tmp;
	FILE *f;
	bool ok;

	if (same_content(path, data, len))
		return 0;
	tmp = xasprintf("%s.tmp", path);
	f = fopen(tmp, "wb");
	if (!f) {
		fprintf(stderr, "shikiri-gen: %s: %s\n", tmp, strerror(errno));
		free(tmp);
		return -1;
	}
	ok = fwrite(data, 1, len, f) == len;
	ok = (fclose(f) == 0) && ok;
	if (!ok || rename(tmp, path) != 0) {
		fprintf(stderr, "shikiri-gen: cannot write %s: %s\n", path, strerror(errno));
		unlink(tmp);
		free(tmp);
		return -1;
	}
	free(tmp);
	return 0;
}

int replace_if_changed(const char *src, const char *dst)
{
	size_t len;
	char *data = read_file(src, &len);
	int ret;

	if (!data) {
		fprintf(stderr, "shikiri-gen: %s: %s\n", src, strerror(errno));
		unlink(src);
		return -1;
	}
	if (same_content(dst, data, len)) {
		ret = unlink(src);
	} else {
		ret = rename(src, dst);
		if (ret != 0)
			fprintf(stderr, "shikiri-gen: cannot write %s: %s\n", dst, strerror(errno));
	}
	free(data);
	return ret == 0 ? 0 : -1;
}

int touch_file(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT, 0666);

	if (fd < 0 || futimens(fd, NULL) != 0) {
		fprintf(stderr, "shikiri-gen: %s: %s\n", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return close(fd);
}

int mkdir_p(const char *path)
{
	char *p = xstrdup(path);
	char *s;
	int ret = 0;

	/* Create every prefix ending at a '/', then the whole path. */
	for (s = p + 1; ret == 0; s++) {
		char c = *s;

		if (c != '/' && c != '\0')
			continue;
		*s = '\0';
		if (mkdir(p, 0777) != 0 && errno != EEXIST) {
			fprintf(stderr, "shikiri-gen: mkdir %s: %s\n", p, strerror(errno));
			ret = -1;
		}
		*s = c;
		if (c == '\0')
			break;
	}
	free(p);
	return ret;
}

int run_program(char *const argv[], const char *errfile)
{
	pid_t pid;
	int status;

	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid < 0) {
		fprintf(stderr, "shikiri-gen: fork: %s\n", strerror(errno));
		return -1;
	}
	if (pid == 0) {
		if (errfile) {
			int fd = open(errfile, O_WRONLY | O_CREAT | O_TRUNC, 0666);

			if (fd >= 0) {
				dup2(fd, 2);
				close(fd);
			}
		}
		execvp(argv[0], argv);
		fprintf(stderr, "shikiri-gen: cannot run %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR) {
			fprintf(stderr, "shikiri-gen: waitpid: %s\n", strerror(errno));
			return -1;
		}
	}
	if (!WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

const char *fmt_size(uint64_t size, char *buf, size_t buflen)
{
	static const char *const unit[] = { "KiB", "MiB", "GiB" };
	uint64_t div = 1024;
	int u = -1;
	int i;

	for (i = 0; i < 3; i++, div <<= 10)
		if (size >= div && size % div == 0)
			u = i;
	if (u < 0)
		snprintf(buf, buflen, "%llu bytes", (unsigned long long)size);
	else
		snprintf(buf, buflen, "%llu %s", (unsigned long long)(size >> (10 * (u + 1))), unit[u]);
	return buf;
}

char *abs_path(const char *path)
{
	char cwd[4096];

	if (path[0] == '/')
		return xstrdup(path);
	if (!getcwd(cwd, sizeof(cwd)))
		return xstrdup(path);
	while (path[0] == '.' && path[1] == '/')
		path += 2;
	return xasprintf("%s/%s", cwd, path);
}

bool valid_node_name(const char *s)
{
	size_t n = strlen(s), i;

	if (n < 1 || n > GEN_NAME_MAX)
		return false;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '_' ||
		      s[i] == '-'))
			return false;
	return true;
}

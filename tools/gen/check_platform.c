/* SPDX-License-Identifier: MIT */
/*
 * Check phase: the board DT against the platform the hypervisor is built for
 * (--platform, --platform-compatible: CONFIG_PLATFORM and
 * CONFIG_PLATFORM_COMPATIBLE). A board DT left over from another platform
 * (a .config that kept it after the platform changed, a copy for another
 * SoC) would otherwise build, with the wrong GIC and console, into an image
 * that prints nothing. Only the root compatible is compared: the SoC's
 * string ("allwinner,sun8i-h3") matches every board built on it.
 */
#include <libfdt.h>
#include <stdio.h>
#include <string.h>

#include "dt.h"
#include "util.h"

/* The root's compatible strings as "a", "b", or why they cannot be shown. */
static void compat_list(const char *s, int len, char *buf, size_t size)
{
	size_t used = 0;
	int i;

	if (!s || len <= 0) {
		snprintf(buf, size, "none");
		return;
	}
	if (s[len - 1] != '\0') {
		snprintf(buf, size, "not a list of strings");
		return;
	}
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c != '\0' && (c < 0x20 || c > 0x7e)) {
			snprintf(buf, size, "not a list of strings");
			return;
		}
	}
	buf[0] = '\0';
	for (i = 0; i < len && used + 1 < size; i += (int)strlen(s + i) + 1) {
		int n = snprintf(buf + used, size - used, "%s\"%s\"", used ? ", " : "", s + i);

		if (n < 0 || (size_t)n >= size - used) {
			/* too long to show whole: end it visibly */
			snprintf(buf + size - 5, 5, "...");
			return;
		}
		used += (size_t)n;
	}
}

int platform_check(struct gen *g)
{
	const char *want = g->opt.platform_compatible;
	const char *s;
	char list[160];
	int len;

	if (!want)
		return 0;
	s = dt_prop(g, 0, "compatible", &len);
	if (s && len > 0 && s[len - 1] == '\0' && dt_compatible(g, 0, want))
		return 0;
	compat_list(s, len, list, sizeof(list));
	report(g, 0, s ? "compatible" : NULL,
	       "compatible: not a board of platform %s: its root compatible (%s) lacks \"%s\"",
	       g->opt.platform ? g->opt.platform : "(unnamed)", list, want);
	return -1;
}

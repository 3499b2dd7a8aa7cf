/* Cached VM name, so every guest can print it without its own buffer. */
#include "guest.h"

static char name_buf[32];	/* names are at most 15 characters */

const char *guest_name(void)
{
	if (name_buf[0] == '\0' &&
	    hc_vm_name(name_buf, sizeof(name_buf)) < 0)
		return "?";
	return name_buf;
}

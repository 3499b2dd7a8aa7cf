#ifndef GUEST_LINGER_H
#define GUEST_LINGER_H

#include <stdint.h>

/* Sleep in wfi until the counter reaches base + (VM id + 1) * step. */
void linger_until(uint64_t base, uint64_t step);

#endif

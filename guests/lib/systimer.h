/*
 * The clock and the one-shot timer a guest keeps time with, whatever the
 * core: the ARM generic timer's virtual timer (Cortex-A7/A15: PPI 27,
 * CNTVCT) or, on a Cortex-A9 (no generic timer: shikiri's TrustZone mode),
 * the A9 global timer (its 64-bit counter and this core's comparator, also
 * PPI 27). The driver is picked once, at systimer_init(), from ID_PFR1.
 * Times are absolute counter values.
 */
#ifndef GUEST_SYSTIMER_H
#define GUEST_SYSTIMER_H

#include <stdint.h>

#define SYSTIMER_PPI 27u /* both drivers' interrupt ID */

void systimer_init(void);
uint64_t systimer_now(void);
/* Fire once the counter reaches when (level until re-armed or off). */
void systimer_arm_at(uint64_t when);
void systimer_off(void);
/* Acknowledge a firing before re-arming (the A9's event flag). */
void systimer_ack(void);

#endif

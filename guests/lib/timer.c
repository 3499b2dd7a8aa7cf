/*
 * Arm/disable the generic timers.  The compare value is written before the
 * enable so a stale compare value can never fire an interrupt in between.
 */
#include "timer.h"

void timer_virt_arm_at(uint64_t cval)
{
	timer_virt_set_cval(cval);
	timer_virt_set_ctl(CNT_CTL_ENABLE);
}

void timer_virt_arm_in(uint32_t ticks)
{
	timer_virt_set_tval(ticks);
	timer_virt_set_ctl(CNT_CTL_ENABLE);
}

/* Disabled, the output drops, which also deasserts the level PPI. */
void timer_virt_disable(void)
{
	timer_virt_set_ctl(0);
}

void timer_phys_arm_at(uint64_t cval)
{
	timer_phys_set_cval(cval);
	timer_phys_set_ctl(CNT_CTL_ENABLE);
}

void timer_phys_arm_in(uint32_t ticks)
{
	timer_phys_set_tval(ticks);
	timer_phys_set_ctl(CNT_CTL_ENABLE);
}

void timer_phys_disable(void)
{
	timer_phys_set_ctl(0);
}

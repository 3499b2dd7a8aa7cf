/*
 * quiet: never enters the hypervisor (no console, no hypercall, WFI with
 * every interrupt masked on its hrt core): the observed target of
 * tests/qemu/control_observe, whose core must count 0 hypervisor entries.
 */
#include "guest.h"

int main(void)
{
	for (;;)
		__asm__ volatile("wfi" ::: "memory");
}

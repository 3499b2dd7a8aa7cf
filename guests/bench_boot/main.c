/*
 * bench_boot: boot time for `make bench`.  main() first reads the virtual
 * counter (CNTVOFF = 0, and under icount the counter starts at 0 at QEMU's
 * reset), so the value is the ticks from reset to here.  Run bare, it is
 * what this binary's own start-up code (start.S up to main) costs; in a
 * partition, the difference is the hypervisor's boot up to this VM's first
 * instruction.
 *
 * It then sleeps in wfi until BENCH_BOOT_REPORT_AT, so that in a system with
 * several VMs no VM executes (and moves the shared icount clock) while
 * another is still booting, prints, and powers off.
 *
 * Output:  bench: boot env=E first=T
 */
#include "../bench_common/bench.h"

#define BENCH_BOOT_REPORT_AT	20000000ull	/* ticks, 320 ms */

int main(void)
{
	uint64_t first = timer_virt_count();

	bench_init();
	bench_sleep_until(BENCH_BOOT_REPORT_AT);
	printf("bench: boot env=%s first=", bench_env());
	bench_put_u64(first);
	printf("\n");
	printf("bench: done\n");
	psci_system_off();
}

// SPDX-License-Identifier: MIT
/*
 * Where every core lands in C. The boot core sets up the machine and starts
 * every VM's boot vCPU; each core then runs the vCPUs it owns, or waits in
 * Hyp for one to be started.
 */
#include "chan.h"
#include "console.h"
#include "htimer.h"
#include "irq.h"
#include "pcpu.h"
#include "psci.h"
#include "run_loop.h"
#include "vm.h"
#include "arch/cpu.h"

#define SHIKIRI_VERSION "0.1"

ARM_CODE void hyp_cpu_main(uint32_t index, uint32_t boot);

/* By enum board_uart_type (a table: smaller than a chain of tests). */
static const char uart_name[4][8] = {"PL011", "16550", "Cadence", "?"};

static void boot_main(void)
{
	console_init();
	pr_info("shikiri " SHIKIRI_VERSION ": %u core(s), %u VM(s)", (uint32_t)CONFIG_NR_CPUS,
		vm_config_count);
	pr_info("boot core MIDR 0x%08x, console %s at 0x%08x", read_midr(),
		uart_name[board_config.uart_type & 3u], board_config.uart_pa);
	psci_fw_init();
	irq_init();
	irq_arch_init();
	htimer_init();
	vcpu_init_irqs();
	chan_init();
	vm_init_all();
	run_loop_init();
	console_input_init();
	vm_start_all();
	console_input_start(); /* once every VM runs: typed input waits till then */
}

void hyp_cpu_main(uint32_t index, uint32_t boot)
{
	struct pcpu *c = &pcpus[index];

	c->id = index;
	write_htpidr((uint32_t)(uintptr_t)c);
	cpu_arch_init(index);
	htimer_cpu_init(c); /* cpu_arch_init left the timer off */
	if (boot)
		boot_main();
	vcpu_core_up(c);
}

// SPDX-License-Identifier: MIT
/*
 * Console input: what is typed on the board UART goes to one owner at a time,
 * a VM's vUART or the hypervisor's own one-key commands, and Ctrl-] moves it
 * to the next one (docs/console.md).
 */
#include "console.h"
#include "irq.h"
#include "lib.h"
#include "pcpu.h"
#include "spinlock.h"
#include "uart.h"
#include "vm.h"

/* The owners, in switching order: every candidate VM by VM id, then the
 * hypervisor. */
#define INPUT_HYP (-1)
#define INPUT_NONE (-2)

static spinlock_t input_lock;
static int32_t input_owner = INPUT_NONE;
static uint32_t input_cores; /* the candidates' boot cores */

/* VMs that can take input: a vUART, and a core that takes hypervisor
 * interrupts (hrt cores never do, so the vUART interrupt cannot reach them). */
static bool input_candidate(const struct vm *vm)
{
	return vm->cfg->console == VM_CONSOLE_VUART && vm->cfg->level != VM_LEVEL_HRT;
}

static bool name_is(const char *name, const char *want)
{
	size_t n = strnlen(want, VM_NAME_MAX);

	return n == strnlen(name, VM_NAME_MAX) && !memcmp(name, want, n);
}

/* Which owner has input; at boot also the switching order. */
static void announce(const char *order)
{
	if (input_owner == INPUT_HYP)
		pr_info("console input goes to the hypervisor: h help, s status, Ctrl-] next");
	else if (order)
		pr_info("console input goes to vm %s; Ctrl-] switches (%shypervisor)",
			vms[input_owner].cfg->name, order);
	else
		pr_info("console input goes to vm %s (Ctrl-] switches)",
			vms[input_owner].cfg->name);
}

void console_input_init(void)
{
#if defined(CONFIG_HYP_CONSOLE)
	const char *want = CONFIG_CONSOLE_INPUT_VM;
	uint32_t cores = 0;
	char order[CONFIG_MAX_VMS * (VM_NAME_MAX + 2u) + 1u]; /* "name, " each */
	size_t used = 0;

	order[0] = '\0';
	for (uint32_t i = 0; i < vm_config_count; i++) {
		int n;

		if (!input_candidate(&vms[i]))
			continue;
		cores |= BIT(vms[i].cfg->vcpu_pcpu[0]);
		if (input_owner == INPUT_NONE && (!want[0] || name_is(vms[i].cfg->name, want)))
			input_owner = (int32_t)i;
		n = snprintf(order + used, sizeof(order) - used, "%s, ", vms[i].cfg->name);
		if (n > 0 && used + (size_t)n < sizeof(order))
			used += (size_t)n;
	}
	if (!cores) {
		if (want[0])
			pr_warn("console input: no srt/be VM \"%s\" with a vUART", want);
		return; /* no core would take the receive interrupt */
	}
	if (input_owner == INPUT_NONE) {
		pr_warn("console input: no srt/be VM \"%s\" with a vUART", want);
		input_owner = INPUT_HYP;
	}
	/* A VM that has the board UART passed through owns its interrupt. */
	if (!irq_reserve(board_config.uart_irq, console_rx_irq)) {
		pr_warn("console input: the console's interrupt %u belongs to a VM",
			board_config.uart_irq);
		return;
	}
	input_cores = cores;
	announce(order);
#endif
}

void console_input_start(void)
{
	/* The receive interrupt goes to the boot cores of the candidates,
	 * where it traps (HCR.IMO): any of them passes the input on, so input
	 * keeps working while one of those VMs is stopped. Not before every VM
	 * runs: one VM's core must not take (and drop) what is typed for a VM
	 * that has not started yet. */
	if (!input_cores)
		return;
	uart_console_enable_rx_irq();
	irq_route(board_config.uart_irq, input_cores);
}

/* Every owner after the current one in order, wrapping; a stopped VM cannot
 * take input and is skipped. The hypervisor always can. */
static void input_switch(void)
{
	int32_t next = input_owner;

	for (uint32_t i = 0; i <= vm_config_count; i++) {
		next = next + 1 >= (int32_t)vm_config_count ? INPUT_HYP : next + 1;
		if (next == INPUT_HYP || (input_candidate(&vms[next]) && vm_running(&vms[next])))
			break;
	}
	input_owner = next;
	announce(NULL);
}

static const char *level_name(uint32_t level)
{
	return level == VM_LEVEL_HRT ? "hrt" : level == VM_LEVEL_SRT ? "srt" : "be";
}

static const char *state_name(uint32_t state)
{
	return state == VM_RUNNING ? "running" : state == VM_RESETTING ? "resetting" : "stopped";
}

/* The hypervisor's commands: one key each, nothing a guest can reach. */
static void hyp_command(char c)
{
	if (c == 'h' || c == '?') {
		pr_info("commands: s status, h help; Ctrl-] gives input to the next VM");
	} else if (c == 's') {
		for (uint32_t i = 0; i < vm_config_count; i++) {
			const struct vm *vm = &vms[i];

			pr_info("vm %s: %s, %s, %u vCPU(s), %u refused GICD accesses", vm->cfg->name,
				state_name(vm->state), level_name(vm->cfg->level), vm->cfg->nr_vcpus,
				vm_arch_refused(vm));
			vm_arch_status(vm);
			chan_report(vm);
		}
		for (uint32_t n = 0; n < CONFIG_NR_CPUS; n++) {
			const struct pcpu *p = &pcpus[n];
			int32_t owner = pcpu_configs[n].vm;

			/* A shared core's running vCPU changes under us: say "shared". */
			if (owner < 0 || (uint32_t)owner >= vm_config_count)
				continue;
			pr_info("core %u (vm %s): entries irq %u gicd %u vuart %u hvc %u smc %u abort %u",
				n, p->shared ? "shared" : vms[owner].cfg->name, p->trap_count[TRAP_IRQ],
				p->trap_count[TRAP_GICD], p->trap_count[TRAP_VUART],
				p->trap_count[TRAP_HVC], p->trap_count[TRAP_SMC],
				p->trap_count[TRAP_ABORT]);
		}
		for (uint32_t i = 0; i < vm_config_count; i++)
			vm_print_sched_stats(&vms[i]);
	} else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
		/* Letters only: an escape sequence (a terminal's answer, an
		 * arrow key) gets at most one line. */
		pr_info("unknown command '%c' (h for help)", c);
	}
}

/* Bounded per interrupt: the FIFO is 32 deep, so 64 reads empty it. */
#define RX_MAX_PER_IRQ 64u

static void console_rx(void)
{
	struct vm *to = NULL;
	int32_t c;

	/* Several cores may take the interrupt (it targets all candidates'
	 * boot cores): one at a time keeps the characters in order. */
	spin_lock(&input_lock);
	for (uint32_t i = 0; i < RX_MAX_PER_IRQ && (c = uart_console_getc()) >= 0;
	     i++) {
		if ((uint32_t)c == CONSOLE_SWITCH_KEY) {
			if (to)
				vuart_update_irq(to); /* what it got before the switch */
			to = NULL;
			input_switch();
		} else if (input_owner == INPUT_HYP) {
			hyp_command((char)c);
		} else if (input_owner >= 0 && vm_running(&vms[input_owner])) {
			to = &vms[input_owner];
			vuart_rx_push(to, (char)c);
		}
	}
	if (to)
		vuart_update_irq(to);
	spin_unlock(&input_lock);
}

void console_rx_irq(struct pcpu *c, uint32_t id)
{
	UNUSED(c);
	UNUSED(id);
	console_rx();
}

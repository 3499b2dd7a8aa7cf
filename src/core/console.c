// SPDX-License-Identifier: MIT
/* Hypervisor console: whole lines to the board UART under one lock. */
#include "console.h"
#include "lib.h"
#include "pl011.h"
#include "spinlock.h"
#include "vmconfig.h"
#include "gic.h"
#include "vm.h"
#include "arch/cpu.h"

static spinlock_t console_lock;

void console_init(void)
{
#if defined(CONFIG_HYP_CONSOLE)
	pl011_init(board_config.uart_pa);
#endif
}

/* The VM that receives console input (a vUART VM on srt/be cores). */
static struct vm *input_vm;

static bool input_candidate(const struct vm *vm)
{
	return vm->cfg->console == VM_CONSOLE_VUART && vm->cfg->level != VM_LEVEL_HRT;
}

void console_input_init(void)
{
#if defined(CONFIG_HYP_CONSOLE)
	const char *want = CONFIG_CONSOLE_INPUT_VM;

	for (uint32_t i = 0; i < vm_config_count && !input_vm; i++) {
		const char *name = vms[i].cfg->name;
		bool named = want[0] && strnlen(name, VM_NAME_MAX) == strnlen(want, VM_NAME_MAX) &&
			     !memcmp(name, want, strnlen(want, VM_NAME_MAX));

		if (input_candidate(&vms[i]) && (named || !want[0]))
			input_vm = &vms[i];
	}
	if (!input_vm) {
		if (want[0])
			pr_warn("console input: no srt/be VM \"%s\" with a vUART", want);
		return;
	}
	/* The receive interrupt goes to the input VM's boot core, where it
	 * traps (HCR.IMO) and becomes the vUART's virtual interrupt. */
	pl011_enable_rx_irq(board_config.uart_pa);
	gic_route_spi(board_config.uart_irq, input_vm->cfg->vcpu_pcpu[0]);
	pr_info("console input goes to vm %s", input_vm->cfg->name);
#endif
}

void console_rx(void)
{
	int32_t c;

	for (uint32_t i = 0; i < 64u && (c = pl011_getc(board_config.uart_pa)) >= 0; i++)
		if (input_vm && vm_running(input_vm))
			vuart_rx_push(input_vm, (char)c);
	if (input_vm)
		vuart_update_irq(input_vm);
}

static void console_write(const char *s, size_t n)
{
#if defined(CONFIG_HYP_CONSOLE)
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n')
			pl011_putc(board_config.uart_pa, '\r');
		pl011_putc(board_config.uart_pa, s[i]);
	}
#else
	UNUSED(s);
	UNUSED(n);
#endif
}

/* A line written without its end (an interactive prompt) and whose prefix
 * it had: its continuation needs no prefix, anybody else's line a newline. */
static bool line_open;
static char open_prefix[24];

static bool same_prefix(const char *prefix)
{
	size_t n = strnlen(prefix, sizeof(open_prefix) - 1);

	return line_open && n == strnlen(open_prefix, sizeof(open_prefix)) &&
	       !memcmp(prefix, open_prefix, n);
}

static void console_start(const char *prefix)
{
	if (same_prefix(prefix))
		return;
	if (line_open)
		console_write("\n", 1);
	console_write(prefix, strnlen(prefix, 64));
}

void console_line(const char *prefix, const char *text, size_t len)
{
	spin_lock(&console_lock);
	console_start(prefix);
	console_write(text, len);
	console_write("\n", 1);
	line_open = false;
	spin_unlock(&console_lock);
}

void console_partial(const char *prefix, const char *text, size_t len)
{
	size_t n = strnlen(prefix, sizeof(open_prefix) - 1);

	spin_lock(&console_lock);
	console_start(prefix);
	console_write(text, len);
	memcpy(open_prefix, prefix, n);
	open_prefix[n] = '\0';
	line_open = true;
	spin_unlock(&console_lock);
}

static void vlog(const char *fmt, va_list ap)
{
	char line[160];
	int n = vsnprintf(line, sizeof(line), fmt, ap);
	size_t len = n < 0 ? 0 : (size_t)n;

	if (len >= sizeof(line))
		len = sizeof(line) - 1;
	console_line("shikiri: ", line, len);
}

void log_printf(int level, const char *fmt, ...)
{
	va_list ap;

	if (level > CONFIG_LOG_LEVEL)
		return;
	va_start(ap, fmt);
	vlog(fmt, ap);
	va_end(ap);
}

void panic(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog(fmt, ap);
	va_end(ap);
	cpu_halt();
}

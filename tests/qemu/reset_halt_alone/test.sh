# reset = "halt" in a system where no VM restarts and none has a vUART (the
# only VM has the board UART passed through): the build leaves the reset's
# restore and the vUART out (docs/architecture.md, "What a system links"),
# and SYSTEM_RESET still stops the VM with its one line, after which the
# machine powers off (its last VM stopped).
DEFCONFIG=tests/qemu/reset_halt_alone/defconfig
check() {
	expect_exit 0
	expect_line '^reset: first boot of phoenix$'
	expect_count 1 '^shikiri: vm phoenix stopped: system-reset \(reset = "halt": no pristine copy\)$'
	expect_no_line 'second boot of phoenix|vm phoenix: reset'
	expect_line '^shikiri: all VMs stopped'
	expect_no_line 'ERROR|PANIC|assertion|exception'
	for f in 'FEATURE_RESET := n' 'FEATURE_VUART := n'; do
		grep -qx "$f" "$dir/gen/features.mk" || fail "gen/features.mk lacks: $f"
	done
	arm-none-eabi-nm "$dir/shikiri.elf" | grep -qw vuart_putc && fail "vuart_putc linked"
}

# Trapped MMIO besides the hot word accesses: narrow reads are sign- or
# zero-extended as the instruction asks, r8-r12 work as transfer registers
# (FIQ mode's banked r9 included, leaving SVC's alone), narrow UARTDR writes
# send their low byte; a halfword GICD read stops the VM at that instruction.
DEFCONFIG=tests/qemu/mmio_edge/defconfig
check() {
	expect_exit 0
	expect_line '^\[edge\] mmio_edge: ldrsb fr = 0xffffff90, ldrb fr = 0x00000090, ldrsh fr = 0x00000090$'
	expect_line '^\[edge\] mmio_edge: ldrsb prio = 0xffffffa0, ldrb prio = 0x000000a0$'
	expect_line '^\[edge\] mmio_edge: r9 typer ok$'
	expect_line '^\[edge\] mmio_edge: fiq r9 = 0x00000090, svc r9 = 0x00000055$'
	expect_line '^\[edge\] ok$'
	pc=$(sed -n 's/^\[edge\] mmio_edge: ldrh typer at \(0x[0-9a-f]\{8\}\)$/\1/p' "$log")
	[ -n "$pc" ] || fail "no ldrh address printed"
	expect_line "^shikiri: vm edge stopped: core 0: bad 2-byte read of GICD register 0x004, pc $pc\$"
	expect_no_line 'ERROR still running|PANIC|assertion'
}

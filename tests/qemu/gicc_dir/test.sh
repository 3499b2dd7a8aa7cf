# An hrt VM owns its core's physical CPU interface but not GICC_DIR (the
# interface's second page, unmapped): with EOImode = 1 its DIR of its own
# timer interrupt deactivates it through the hypervisor, and a DIR of an SPI
# it does not own is refused, reported once, and changes nothing.
DEFCONFIG=tests/qemu/gicc_dir/defconfig
check() {
	expect_exit 0
	expect_line '^\[rt\] gicdir: timer active after EOI: yes$'
	expect_line '^shikiri: vm rt: refused GICC_DIR write for IRQ 48 \(not its own\); further refusals are counted$'
	expect_line '^\[rt\] gicdir: foreign DIR done, timer still active: yes$'
	expect_line '^\[rt\] gicdir: timer active after own DIR: no$'
	expect_line '^shikiri: vm rt stopped: system-off$'
	expect_no_line 'ERROR|PANIC|assertion|exception'
}

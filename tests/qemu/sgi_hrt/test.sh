# A 2-vCPU hrt guest exchanges 100 SGI round trips between its own cores:
# physical SGIs, no hypervisor at the receiving end. (The source CPU field in
# GICC_IAR is then the physical core number, not the vCPU index: the guest
# owns the real CPU interface; see docs/interrupts.md.)
DEFCONFIG=tests/qemu/sgi_hrt/defconfig
check() {
	expect_exit 0
	expect_line '^\[pair\] sgi: 100/100 round trips ok$'
	expect_line '^\[pair\] bye from pair$'
	expect_no_line 'PANIC|assertion|exception'
}

# Trapped CP15 accesses (HCR.TSW, TAC, TIDCP, HSTR.T15; src/arch/armv7/cp15.c):
# three set/way ops trap and the one for set 0 / way 0 becomes one
# clean+invalidate of the VM's RAM; ACTLR ignores writes; CBAR reads 0; a
# conditional access failing its condition does nothing; an unknown
# IMPLEMENTATION DEFINED c15 write stops that VM alone, with one line; the
# same register group from user mode (VM "user") is an Undefined Instruction
# exception inside the guest, not a stop by the hypervisor.
# QEMU 7.2's cortex-a15 model does not implement HCR.TSW for the ARMv7
# set/way encodings (nor TIDCP at all): `-cpu max` (an ARMv8 core in AArch32)
# does TSW, and HSTR.T15 traps c15 on both, so the test runs on `max`.
DEFCONFIG=tests/qemu/cp15/defconfig
QEMU_ARGS="-cpu max"
check() {
	expect_exit 0
	for vm in cp15 user; do
		expect_line "^\[$vm\] cp15: set/way ops trapped 3$"
		expect_line "^\[$vm\] cp15: actlr write ignored$"
		expect_line "^\[$vm\] cp15: cbar 0x00000000$"
		expect_line "^\[$vm\] cp15: conditional op skipped$"
		expect_line "^shikiri: vm $vm: set/way sweeps emulated \(clean\+invalidate of its RAM\): 1$"
		expect_count 1 "^shikiri: vm $vm stopped"
	done
	expect_line '^shikiri: vm cp15 stopped: core 0: trapped CP15 access mcr p15, 1, r[0-9]+, c15, c0, 0 \(not emulated\), pc 0x4000[0-9a-f]{4}$'
	expect_line '^shikiri: vm cp15: core 0 entries: .* sysreg [0-9]+( |$)'
	expect_line '^\[user\] guest exception: undefined instruction at pc 0x4000[0-9a-f]{4}, spsr 0x[0-9a-f]*d0, vcpu 0$'
	expect_line '^shikiri: vm user stopped: system-off$'
	expect_no_line 'ERROR|PANIC|assertion'
}

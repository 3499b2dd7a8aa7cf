# The default system with cache colouring (CONFIG_CACHE_COLOURING=y): the
# hrt RTOS takes L2 colours 0-3, Linux (no direct-map) 4-15, both placed
# as 4 KiB frames of their colours with page-level stage-2 tables, and
# their images copied into the frames at boot (src/core/colour.c). The
# same run and checks as tests/qemu/default_system (hrt 0 entries, Linux's
# shell, the channel both ways), plus the coloured boot lines.
. ./tests/qemu/default_system/test.sh
DEFCONFIG=tests/qemu/colour_system/defconfig
TIMEOUT=400
RUN_CMD='make -s O="$dir" run'
check() {
	default_system_check
	expect_line '^shikiri: vm rt: hrt, 1 vCPU\(s\), RAM IPA 0x40000000 \(16 MiB\) in 4096 frames of cache colours 0-3 of 16'
	expect_line '^shikiri: vm linux: be, 2 vCPU\(s\), RAM IPA 0x48000000 \(256 MiB\) in 65536 frames of cache colours 4-15 of 16'
	expect_no_line 'PA 0x00000000'
	expect_doc_excerpt docs/partition-binding.md colour_system
	grep -q 'cache colours 0 1 2 3 of 16; 4096 frames' "$dir/gen/summary.txt" || fail "summary: rt's colours"
}

# A doorbell into a descheduled srt vCPU wakes it (docs/channels.md,
# docs/scheduling.md): the ping-pong of chan_rtos, with pong (srt) on core 1
# shared with busy (CPU-bound, lower fp priority). Between pings pong blocks
# in WFI and busy runs, so each PING's doorbell reaches a vCPU that is not on
# its core: it must pend, wake pong and preempt busy. Every round trip
# completes, with no pong-side timeout, before busy finishes its CPU-bound
# phase, and pong counts a doorbell per ping (the first may come before it
# listens). ping (hrt) keeps its zero-entry core.
DEFCONFIG=tests/qemu/chan_shared_wake/defconfig
TIMEOUT=240
check() {
	expect_exit 0
	expect_line '^\[pong\] rtos: channel pp: side 1, answering pings$'
	expect_line '^\[ping\] rtos: channel pp: 1000 round trips of 1000, in order and intact; bad 0, timeouts 0; '
	expect_line '^\[pong\] rtos: channel pp: published 0, acked 0 \(last seq 0\), dropped 0, pings answered 1000, doorbells in (999|1000) out [1-9][0-9]*, bad 0$'
	expect_line '^\[busy\] hog: busy running$'
	expect_before '^\[busy\] hog: busy running$' '^\[ping\] rtos: channel pp: 1000 round trips'
	expect_before '^\[ping\] rtos: channel pp: 1000 round trips' '^\[busy\] hog: busy chunks [1-9][0-9]*$'
	expect_line '^shikiri: vm ping: core 0 entries: irq 0 '
	expect_line '^shikiri: vm pong stopped: system-off$'
	expect_line '^shikiri: vm busy stopped: system-off$'
	expect_no_line 'FAILED|PANIC|exception|assertion|refused GICD|cannot attach'
}

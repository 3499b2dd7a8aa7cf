# RTOS <-> RTOS over a channel (docs/channels.md): ping (hrt, core 0) sends
# 1,000 PINGs (sequence number + six pattern words), pong (srt, core 1)
# answers each; ping checks that every answer is the one it waits for and
# intact, pong that the pings come in order and intact. Then both power off.
# ping's doorbell is a physical SPI: its core takes no hypervisor IRQ entry.
# (A side rings only while its peer listens, so the first PING, sent before
# pong attached, may go without a doorbell: pong drains before it sleeps.)
DEFCONFIG=tests/qemu/chan_rtos/defconfig
TIMEOUT=240
check() {
	expect_exit 0
	expect_line '^\[ping\] rtos: channel pp: side 0, pinging$'
	expect_line '^\[pong\] rtos: channel pp: side 1, answering pings$'
	expect_line '^\[ping\] rtos: channel pp: 1000 round trips of 1000, in order and intact; bad 0, timeouts 0; round trip min [0-9]+ avg [0-9]+ max [0-9]+ ticks$'
	expect_line '^\[pong\] rtos: channel pp: published 0, acked 0 \(last seq 0\), dropped 0, pings answered 1000, doorbells in [1-9][0-9]* out [1-9][0-9]*, bad 0$'
	expect_line '^\[ping\] rtos: done$'
	expect_line '^\[pong\] rtos: done$'
	expect_line '^shikiri: vm ping: core 0 entries: irq 0 '
	expect_line '^shikiri: vm ping stopped: system-off$'
	expect_line '^shikiri: vm pong stopped: system-off$'
	expect_line '^shikiri: vm ping: doorbells: [0-9]+ rings sent, 0 refused accesses, '
	expect_line '^shikiri: vm pong: doorbells: [0-9]+ rings sent, 0 refused accesses, '
	expect_no_line 'FAILED|PANIC|exception|assertion|refused GICD|cannot attach'
}

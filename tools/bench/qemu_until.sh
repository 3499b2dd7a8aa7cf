# shellcheck shell=sh
# Sourced by tools/bench/run.sh and xen.sh (no shebang: not run alone).
# qemu_until LOG PATTERN TIMEOUT QEMU [QEMU options...]: runs QEMU (bounded
# by TIMEOUT seconds) with its serial console in LOG.raw and stops it once
# PATTERN shows there (the systems measured beside a never-ending RTOS, or
# Xen idling after its domU, do not exit). Writes LOG.log (\r removed),
# LOG.stderr, and LOG.status: 0 when PATTERN showed, 1 otherwise.
qemu_until() {
	_log=$1
	_pattern=$2
	_timeout=$3
	shift 3
	: >"$_log.raw"
	timeout "$_timeout" "$@" -serial "file:$_log.raw" </dev/null 2>"$_log.stderr" &
	_pid=$!
	_found=1
	while kill -0 "$_pid" 2>/dev/null; do
		if grep -q "$_pattern" "$_log.raw"; then
			break
		fi
		sleep 1
	done
	grep -q "$_pattern" "$_log.raw" && _found=0
	kill "$_pid" 2>/dev/null
	wait "$_pid"
	echo "$_found" >"$_log.status"
	tr -d '\r' <"$_log.raw" >"$_log.log"
	rm -f "$_log.raw"
}

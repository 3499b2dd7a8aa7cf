#!/bin/sh
# Smoke run of the benchmark suite (tools/bench/run.sh with BENCH_SMOKE=1:
# 1,000 timer periods) into $O/tests/bench. Asserts structure, not
# thresholds on time: the results parse, every metric is there with its
# ratios computed, the hrt path shows zero hypervisor instructions and
# entries (and the TrustZone mode's RTOS core zero monitor entries), and the
# report has every section. One PASS/FAIL line per check.
set -u
: "${SRCTREE:=$(pwd)}" "${O:=$SRCTREE/build}"
cd "$SRCTREE" || exit 2
out=$O/tests/bench
mkdir -p "$out"
log=$out/bench.log
PYTHON=/usr/bin/python3

if BENCH_SMOKE=1 BENCH_OUT="$out" tools/bench/run.sh >"$log" 2>&1; then
	echo "PASS bench/run"
else
	echo "FAIL bench/run: tools/bench/run.sh failed (log: $log)"
	grep -A20 '^bench: errors:' "$log" | head -n 12 | sed 's/^/    /'
fi

json=$out/results.json
if $PYTHON -m json.tool "$json" >/dev/null 2>&1; then
	echo "PASS bench/json"
else
	echo "FAIL bench/json: $json does not parse"
	exit 0
fi

# check NAME PYTHON-EXPRESSION: r is the parsed results.json; the
# expression returns a list of problems (empty: pass).
check() {
	why=$($PYTHON - "$json" "$2" <<'PYEOF'
import json, sys
r = json.load(open(sys.argv[1]))
def isnum(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)
try:
    problems = eval(sys.argv[2])
except Exception as e:  # a missing key is a failure, not a crash
    problems = [f'{type(e).__name__}: {e}']
print('; '.join(str(p) for p in problems))
PYEOF
)
	if [ -z "$why" ]; then
		echo "PASS bench/$1"
	else
		echo "FAIL bench/$1: $why"
	fi
}

check metrics "[k for k in ('method', 'timer_latency', 'trap_paths', 'boot', 'memory', 'size', 'interference') if k not in r] + [p for p in ('irq_injection', 'hvc_version', 'psci_version', 'psci_cpu_on', 'gicd_read', 'gicd_write', 'vuart_fr_read', 'vuart_write', 'stage2_fault_report') if p not in r['trap_paths']['rows']] + [s for s in ('default', '1_vm', '2_vms', '4_vms') if not r['boot']['systems'][s]['vms']]"
check values "[f'trap {k}' for k, v in r['trap_paths']['rows'].items() if not isnum(v['hyp_instructions'])] + [f'timer {k}' for k in ('bare', 'hrt', 'srt') if not isnum(r['timer_latency']['runs'][k]['avg'])] + [f'boot {s}/{vm}' for s, d in r['boot']['systems'].items() for vm, v in d['vms'].items() if not isnum(v.get('traced_all_cores'))] + [f'boot work {s}' for s, d in r['boot']['systems'].items() if not isnum(d.get('boot_work'))] + [f'size {k}' for k in ('.text', '.rodata', '.data', '.bss') if not isnum(r['size']['sections'].get(k))] + ([] if r['size']['sloc']['total'] > 0 else ['sloc']) + ([] if r['memory']['stage2']['memory'] else ['stage-2 counts']) + [f'errors: {r[\"errors\"]}'] * bool(r['errors'])"
# The size table (issue 18): the three systems' .text, each a number.
check size-systems "[k for k in ('hrt_only', 'default', 'everything') if not isnum(r['size']['systems'].get(k, {}).get('text'))]"
check ratios "[f'{name}' for name, row in [('timer ' + k, v) for k, v in r['timer_latency']['rows'].items()] + [('trap ' + k, v) for k, v in r['trap_paths']['rows'].items() if k != 'stage2_fault_report'] + [('chase', r['memory']['pointer_chase']['chase'])] + [('interference ' + k, v) for k, v in r['interference']['rows'].items()] if not isnum(row['ratio'])]"
# The hrt proof is the entry counters: no hypervisor entry on the hrt core
# means no hypervisor instruction there. (Its latency equals bare metal's under
# icount on an idle host, but a heavily loaded host can shift one sample by a
# few ticks in QEMU itself, with zero entries: the smoke run does not assert
# on that; the report shows it.)
check hrt-zero "[f'{k} = {v}' for k, v in (('hrt IRQ entries', r['timer_latency']['runs']['hrt'].get('hyp_irq_entries')), ('hrt entries, all causes', r['timer_latency']['runs']['hrt'].get('hyp_entries')), ('hrt min latency - bare min', r['timer_latency']['rows']['hrt_min']['hyp_instructions']), ('hrt core IRQ entries under load', r['interference']['hrt_core_hyp_entries']['irq'])) if v != 0]"
# Metric 9 (cyclictest) is full-run only: the smoke run must say it skipped it.
check cyclictest "([] if r['cyclictest']['skipped'] and r['cyclictest']['skip_reason'] else ['cyclictest not skipped in the smoke run']) + [e for e in r['cyclictest']['errors']]"
# The Xen peer (tools/bench/xen.sh): skipped with its reason (Xen could not
# be fetched, or BENCH_XEN=0), or every row has its figures.
check xen-peer "(['xen_peer missing'] if 'xen_peer' not in r else [] if r['xen_peer'].get('skipped') else [f'xen {k} {c}' for k in ('timer_min', 'timer_avg', 'timer_max', 'hvc_version', 'psci_version', 'gicd_read', 'gicd_write', 'vuart_fr_read', 'vuart_write') for c in ('bare', 'shikiri', 'xen', 'shikiri_ratio', 'xen_ratio', 'shikiri_over_xen_hyp') if not isnum(r['xen_peer']['rows'][k][c])] + [f'xen errors: {r[\"xen_peer\"][\"errors\"]}'] * bool(r['xen_peer']['errors']))"
# Shared cores (issue 10): the switch cost and every scheduler's decision
# costs for 2, 4 and 8 vCPUs, with numbers.
check shared-core "([] if isnum(r['shared_core']['switch'].get('avg')) else ['no switch cost']) + [f'{p} {n} {w}' for p in ('fp', 'edf', 'rr') for n in ('2', '4', '8') for w in ('pick', 'tick_pick', 'block_wake') if not isnum(r['shared_core']['sched_cost'].get(p, {}).get(n, {}).get(w))]"
# Cache colouring (issue 20): the coloured pointer chase and its ratio to the
# uncoloured one, the stage-2 table bytes of the four systems (a coloured VM's
# own from summary.txt), the coloured default system's boot work beside the
# uncoloured one's, each a number.
check colouring "[f'chase {k}' for k in ('bare', 'hypervisor', 'ratio') if not isnum(r['memory']['colouring']['chase'][k])] + [f'stage-2 bytes {s}' for s in ('memory', 'memory_coloured', 'default', 'default_coloured') if not isnum(r['memory']['colouring']['stage2_bytes'][s]['total_bytes'])] + [f'coloured VM tables {s}' for s in ('memory_coloured', 'default_coloured') if not r['memory']['colouring']['stage2_bytes'][s]['coloured_vms'] or not all(isnum(v['table_bytes']) and v['table_bytes'] > 0 for v in r['memory']['colouring']['stage2_bytes'][s]['coloured_vms'].values())] + [f'boot {k}' for k in ('uncoloured', 'coloured', 'ratio', 'extra') if not isnum(r['boot']['colouring'][k])] + ([] if r['boot']['systems']['default_coloured']['vms'] else ['no coloured default system VMs'])"
# The TrustZone section (issue 19, tools/bench/tz.sh): the Secure RTOS's
# latency bare and on its dedicated core, with ratios; no monitor entry on
# its core while it measures (the trace, complete and with the RTOS's FIQs in
# it, and the monitor's own counter); the shared layout's figures from
# tools/bench/tz_shared.sh when that exists, "not measured" (never a number)
# when it does not; the mode's SLOC and .text; no error of the section.
check trustzone "[f'latency {s} {k}' for s in ('min', 'avg', 'max') for k in ('bare', 'secure', 'ratio') if not isnum(r['trustzone']['dedicated']['rows'][s][k])] + [f'monitor entries on the RTOS core: {v}' for v in (r['trustzone']['dedicated']['monitor_entries_core0'], r['trustzone']['dedicated']['secure']['monitor_counts_core0']['irq']) if v != 0] + ([] if r['trustzone']['dedicated']['trace']['complete'] and r['trustzone']['dedicated']['fiqs_core0'] else ['trace incomplete or without the RTOS FIQs']) + (([f'shared {k}' for k in ('switch_ns_to_s', 'switch_s_to_ns', 'deadline_misses') if not isnum(r['trustzone']['shared'][k])]) if r['trustzone']['shared']['measured'] else ['shared layout not measured though tools/bench/tz_shared.sh exists'] if __import__('os').path.exists('tools/bench/tz_shared.sh') else [] if r['trustzone']['shared']['why'].startswith('not measured') else ['shared: no reason']) + [f'size {k}' for k in ('text', 'arch_text') if not isnum(r['trustzone']['size'][k])] + ([] if r['trustzone']['size']['sloc']['total'] > 0 else ['sloc']) + [f'errors: {r[\"trustzone\"][\"errors\"]}'] * bool(r['trustzone']['errors'])"
# Restart and control (issue 21): the traced restart with its image copy
# apart, the status reads (page and hypercall), each a number; the observed
# hrt core took no hypervisor entry (a counter, as hrt-zero).
check control "[f'restart {k}' for k in ('instructions', 'copy', 'without_copy') if not (isnum(r['control']['restart'][k]) and r['control']['restart'][k] > 0)] + [f'{k} read' for k in ('page', 'hvc') if not isnum(r['control']['status_read'][k]['avg'])] + ([] if r['control']['hrt_observed']['hrt_core_entries'] == 0 else [f\"hrt core entries while observed: {r['control']['hrt_observed']['hrt_core_entries']}\"])"
check identical-binaries "[g for g, same in r['binaries_identical'].items() if not same]"

missing=""
for section in '## Method' '## Summary' '## 1. Timer' '## 2. Trap paths' '## 3. Boot' \
	'## 4. Memory' '## 5. Size' '## 6. Interference' '## 7. Shared cores' '## 8. Linux' '## 9. Linux cyclictest' \
	'## 10. Restart and control' \
	'## Peer: Xen 4.17' '## TrustZone mode'; do
	grep -q "^$section" "$out/report.md" 2>/dev/null || missing="$missing '$section'"
done
if [ -z "$missing" ]; then
	echo "PASS bench/report"
else
	echo "FAIL bench/report: $out/report.md lacks$missing"
fi

# Every plot is drawn: a missing gnuplot is an error of the run, never a
# silent "plots: none" (tools/bench/gnuplot.py). First the error path itself,
# with gnuplot out of reach and with a script gnuplot refuses.
why=$(cd tools/bench && PATH=/nonexistent $PYTHON - "$out/plot-error" <<'PYEOF'
import sys, gnuplot
errors = []
made = gnuplot.draw(sys.argv[1], 'probe', 'plot x\n', errors)
print('ok' if made == [] and len(errors) == 1 and 'gnuplot not found' in errors[0] else f'{made} {errors}')
PYEOF
)
why2=$(cd tools/bench && $PYTHON - "$out/plot-error" <<'PYEOF'
import sys, gnuplot
errors = []
made = gnuplot.draw(sys.argv[1], 'probe', 'this is no gnuplot command\n', errors)
print('ok' if made == [] and len(errors) == 1 and 'probe.png' in errors[0] and 'failed' in errors[0] else f'{made} {errors}')
PYEOF
)
if [ "$why" = ok ] && [ "$why2" = ok ]; then
	echo "PASS bench/plot_errors"
else
	echo "FAIL bench/plot_errors: without gnuplot: $why; a bad script: $why2"
fi
missing=""
for png in timer_latency interference trap_paths shared_latency; do
	[ -s "$out/$png.png" ] || missing="$missing $png.png"
done
if [ ! -s "$out/logs/xen.skipped" ] && { [ ! -s "$out/xen_peer.png" ] || [ ! -s "$out/xen_latency.png" ]; }; then
	missing="$missing xen_peer.png/xen_latency.png"
fi
if [ -z "$missing" ]; then
	echo "PASS bench/plots"
else
	echo "FAIL bench/plots: missing$missing"
fi

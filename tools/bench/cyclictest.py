#!/usr/bin/python3
"""make bench, metric 9: Debian's cyclictest in the Linux VM and bare.

tools/bench/run.sh boots Debian's kernel with the bench initramfs
(tools/linux/cyclictest.sh: busybox + cyclictest + its libraries) bare and as
a 1-vCPU `be` VM alone on core 0 (tests/bench/configs/cyclictest_defconfig),
the same command line on both sides; /init runs
`cyclictest -m -p 90 -i 1000 -l N -q -h 200` (tools/linux/init). This module
reads logs/bare_cyclictest.log and logs/cyclictest.log.

report.py imports it for results.json, report.md and the plot;
`cyclictest.py report OUT SMOKE` (BENCH_ONLY=cyclictest) writes OUT/report.md
and OUT/results.json with this metric alone.

Under -icount shift=4,sleep=off the guest's clock is virtual: a microsecond
is 62.5 instructions (16 ns each), so cyclictest's microseconds are
instruction counts in disguise, not silicon time.
"""
import json
import os
import re
import sys

import gnuplot  # tools/bench/gnuplot.py, beside this file

US_INSTRUCTIONS = 62.5  # 1 us of icount time at shift=4: 16 ns per instruction
KVM_ARM_MAX_RATIO = 48  # the seed paper's KVM/ARM guest/native ratio at the maximum
RUNS = (('bare', 'bare_cyclictest'), ('vm', 'cyclictest'))
PREFIX_RE = re.compile(r'^\[linux\] ')
HIST_RE = re.compile(r'^(\d{6})\s+(\d+)$')
SUMMARY_RE = re.compile(r'^# (Total|Min Latencies|Avg Latencies|Max Latencies|'
                        r'Histogram Overflows): *(\d+)')
ENTRIES_RE = re.compile(r'^shikiri: vm linux: core \d+ entries: (.*)$')


def _num(v):
    try:
        return int(v)
    except (TypeError, ValueError):
        return None


def read_run(out, name, errors):
    """The cyclictest figures of one run, or None (with an error)."""
    path = os.path.join(out, 'logs', name + '.log')
    try:
        with open(path, encoding='utf-8', errors='replace') as f:
            lines = [PREFIX_RE.sub('', line) for line in f.read().splitlines()]
        with open(os.path.join(out, 'logs', name + '.status')) as f:
            found = f.read().strip() == '0'
    except OSError:
        errors.append(f'{name}: no console log')
        return None
    if not found or 'linux: done' not in lines:
        errors.append(f'{name}: Linux did not reach "linux: done" (or QEMU did not end)')
    run = {'hist': {}, 'hyp_entries': None, 'loops': None, 'rc': None}
    summary = {}
    for line in lines:
        m = HIST_RE.match(line)
        if m:
            run['hist'][int(m.group(1))] = int(m.group(2))
            continue
        m = SUMMARY_RE.match(line)
        if m:
            summary[m.group(1)] = int(m.group(2))
            continue
        m = ENTRIES_RE.match(line)
        if m:
            run['hyp_entries'] = {k: _num(v) for k, v in
                                  (t.split(' ', 1) for t in
                                   re.findall(r'[a-z]+ \d+', m.group(1)))}
            continue
        if line.startswith('linux: cyclictest loops '):
            run['loops'] = _num(line.split()[-1])
        elif line.startswith('linux: cyclictest rc '):
            run['rc'] = _num(line.split()[-1])
        elif line.startswith('linux: cyclictest missing'):
            errors.append(f'{name}: {line}')
        elif re.search(r'Kernel panic|Oops|PANIC|assertion', line):
            errors.append(f'{name}: {line}')
    if run['rc'] != 0:
        errors.append(f'{name}: cyclictest exit status {run["rc"]}')
    for key in ('Total', 'Min Latencies', 'Avg Latencies', 'Max Latencies',
                'Histogram Overflows'):
        if key not in summary:
            errors.append(f'{name}: no "# {key}" line from cyclictest')
            return None
    run.update(total=summary['Total'], min=summary['Min Latencies'],
               avg_cyclictest=summary['Avg Latencies'], max=summary['Max Latencies'],
               overflows=summary['Histogram Overflows'])
    # cyclictest's "Total" counts the samples in the histogram; the ones
    # past its last bucket are the "Histogram Overflows", not in Total.
    measured = run['total'] + run['overflows']
    if run['loops'] is not None and measured != run['loops']:
        errors.append(f'{name}: {measured} of {run["loops"]} loops measured')
    # cyclictest prints an integer average; the histogram (1 us buckets, each
    # sample truncated to whole us by cyclictest) gives it to 2 decimals when
    # no sample overflowed.
    counted = sum(run['hist'].values())
    run['avg'] = (round(sum(us * c for us, c in run['hist'].items()) / counted, 2)
                  if counted and not run['overflows'] else float(run['avg_cyclictest']))
    # Percentiles from the histogram: the smallest bucket holding the share;
    # None when it lies among the overflows.
    for key, share in (('p99', 0.99), ('p99.9', 0.999)):
        need, acc, run[key] = share * measured, 0, None
        for us in sorted(run['hist']):
            acc += run['hist'][us]
            if acc >= need:
                run[key] = us
                break
    if counted != run['total']:
        errors.append(f'{name}: histogram holds {counted} samples, not {run["total"]}')
    return run


def results(out, smoke):
    """The metric's part of results.json; its problems in 'errors'."""
    res = {'skipped': bool(smoke), 'skip_reason': None, 'errors': [],
           'command': 'cyclictest -m -p 90 -i 1000 -l N -q -h 200',
           'unit': 'us of icount virtual time: 1 us = 62.5 instructions (16 ns each)',
           'settings': ('Debian armmp-lpae kernel, busybox initramfs + Debian rt-tests '
                        'cyclictest; bare: -smp 1 -m 256M, QEMU\'s loader and DTB; VM: a '
                        '1-vCPU be VM with 256 MiB alone on core 0 (timer interrupts '
                        'injected through the vGIC list registers); kernel command line '
                        '"console=ttyAMA0 rdinit=/init quiet nosmp shikiri.bench '
                        'shikiri.test=cyclictest shikiri.loops=N" on both sides'),
           'kvm_arm_seed_max_ratio': KVM_ARM_MAX_RATIO}
    if smoke:
        res['skip_reason'] = 'BENCH_SMOKE=1: full make bench only'
        return res
    try:
        with open(os.path.join(out, 'logs', 'cyclictest.skipped')) as f:
            res['skipped'] = True
            res['skip_reason'] = ('cannot fetch the Linux guest or rt-tests:armhf: ' +
                                  f.read().strip())
            return res
    except OSError:
        pass
    try:
        with open(os.path.join(out, 'logs', 'cyclictest.version')) as f:
            res['rt_tests_version'] = f.read().strip()
    except OSError:
        res['rt_tests_version'] = None
    runs = {key: read_run(out, name, res['errors']) for key, name in RUNS}
    res['runs'] = runs
    res['rows'] = {}
    for stat in ('min', 'avg', 'p99', 'p99.9', 'max'):
        b = (runs['bare'] or {}).get(stat)
        v = (runs['vm'] or {}).get(stat)
        res['rows'][stat] = {
            'bare': b, 'vm': v,
            'ratio': round(v / b, 3) if b and v is not None else None,
            'difference_us': round(v - b, 2) if b is not None and v is not None else None,
            'difference_instructions': (round((v - b) * US_INSTRUCTIONS)
                                        if b is not None and v is not None else None)}
    res['loops'] = (runs['bare'] or {}).get('loops')
    if runs['vm']:
        res['hyp_entries'] = runs['vm']['hyp_entries']
    return res


def _fmt(v):
    if v is None:
        return 'n/a'
    if isinstance(v, float):
        v = round(v, 2) + 0.0
        return f'{int(v):,}' if v == int(v) else f'{v:,.2f}'
    return f'{v:,}' if isinstance(v, int) else str(v)


def _fmt_ratio(v):
    return 'n/a' if v is None else f'{v:.2f}x'


def section(res, plots):
    """The report.md section (a list of paragraphs)."""
    L = ['## 9. Linux cyclictest\n']
    if res['skipped']:
        L.append(f'Skipped: {res["skip_reason"]}.\n')
        return L
    L.append(f'Debian\'s `cyclictest` (rt-tests {res.get("rt_tests_version") or "?"}, armhf, '
             'fetched with its libraries by `tools/linux/cyclictest.sh`) in the Linux VM and '
             f'bare: `{res["command"]}` with N = {_fmt(res["loops"])} (one SCHED_FIFO thread '
             'at priority 90, memory locked, a 1 ms interval, latencies in us). Settings: '
             f'{res["settings"]}. The VM runs alone, so the figures hold no QEMU interleaving '
             'of other cores on the one icount clock. **Units:** under `-icount shift=4,'
             'sleep=off` the guest\'s clock is virtual, so a microsecond here is 62.5 '
             'instructions of guest, kernel and hypervisor code, not silicon time; cyclictest '
             'truncates each sample to whole us. The average is the histogram\'s (cyclictest '
             'prints it as an integer). This kernel has no `/dev/cpu_dma_latency` (cyclictest '
             'warns and goes on); the idle core waits in WFI either way.\n')
    rows = []
    for stat, r in res['rows'].items():
        rows.append([stat, _fmt(r['bare']), _fmt(r['vm']), _fmt_ratio(r['ratio']),
                     _fmt(r['difference_us']), _fmt(r['difference_instructions'])])
    L.append('| cyclictest latency (us) | bare | Linux VM | ratio | difference (us) | '
             'difference (instructions) |\n|---|---|---|---|---|---|\n' +
             '\n'.join('| ' + ' | '.join(r) + ' |' for r in rows) + '\n')
    mx = res['rows']['max']['ratio']
    L.append(f'The seed paper measured KVM/ARM\'s guest **{res["kvm_arm_seed_max_ratio"]}x** '
             'worse than native at the maximum (every interrupt through the host); here the '
             f'ratio at the maximum is **{_fmt_ratio(mx)}** (at p99.9: '
             f'{_fmt_ratio(res["rows"]["p99.9"]["ratio"])}). The tail depends on which of the '
             'kernel\'s own periodic work lands on a wake-up: under icount its phase against '
             'the 1 ms wake-ups is fixed for a given build and moves with any change in the '
             'instructions executed before, so p99.9 and the '
             'maximum move between builds of the same setup (either way), while min, avg '
             'and p99 hold. The difference in '
             'instructions is what running in the partition adds under QEMU (mostly the '
             'hypervisor entries for the injected timer interrupts); on silicon, exception '
             'entries and cache and TLB effects also cost time, which icount does not '
             'count.\n')
    he = res.get('hyp_entries')
    if he:
        L.append('Hypervisor entries on the VM\'s core over the whole run (boot included): ' +
                 ', '.join(f'{k} {_fmt(v)}' for k, v in he.items()) + '.\n')
    if 'cyclictest.png' in plots:
        L.append('![cyclictest histograms](cyclictest.png)\n')
    return L


def summary_rows(res):
    """(label, bare, hypervisor, ratio, difference in instructions) rows for the
    summary table."""
    if res['skipped'] or not res.get('rows'):
        return []
    return [(f'cyclictest {stat} in the Linux VM (us; 1 us = 62.5 instr.)', r['bare'],
             r['vm'], r['ratio'], r['difference_instructions'])
            for stat, r in res['rows'].items() if stat in ('avg', 'max')]


def plot(res, out, errors):
    """cyclictest.png: the bare and VM histograms stacked; [] (with the reason
    in errors) when gnuplot cannot draw it; [] when the metric did not run."""
    if res['skipped'] or not all((res.get('runs') or {}).values()):
        return []
    pdir = os.path.join(out, 'plot')
    os.makedirs(pdir, exist_ok=True)
    series = [('bare', res['runs']['bare']), ('Linux VM (be, alone on core 0)', res['runs']['vm'])]
    hi = max([us for _, run in series for us, c in run['hist'].items() if c] + [1])
    lo = min([us for _, run in series for us, c in run['hist'].items() if c] + [hi])
    body = ('set termoption noenhanced\nset multiplot layout 2,1 title "cyclictest latency '
            '(Debian rt-tests), QEMU icount: 1 us = 62.5 instructions"\nset logscale y\n'
            f'set yrange [0.5:*]\nset xrange [{max(lo - 3, 0)}:{hi + 3}]\nset grid\n'
            'set ylabel "loops"\nset style fill solid 0.7\nset boxwidth 1\nset key top right\n')
    for i, (label, run) in enumerate(series):
        path = os.path.join(pdir, f'cyclictest_{i}.dat')
        with open(path, 'w') as f:
            for us, c in sorted(run['hist'].items()):
                if c:
                    f.write(f'{us} {c}\n')
        if i == len(series) - 1:
            body += 'set xlabel "latency (us of icount time)"\n'
        body += f'plot "{path}" using 1:2 with boxes lc {i + 1} title "{label}"\n'
    body += 'unset multiplot\n'
    return gnuplot.draw(out, 'cyclictest', body, errors)


def main():
    """BENCH_ONLY=cyclictest: this metric alone into OUT/report.md and results.json."""
    if len(sys.argv) != 4 or sys.argv[1] != 'report':
        print('usage: cyclictest.py report OUT SMOKE', file=sys.stderr)
        return 2
    out = sys.argv[2]
    res = results(out, sys.argv[3] == '1')
    made = plot(res, out, res['errors'])
    with open(os.path.join(out, 'results.json'), 'w') as f:
        json.dump({'cyclictest': res, 'plots': made, 'errors': res['errors']}, f, indent=1)
        f.write('\n')
    L = ['# shikiri benchmark report (BENCH_ONLY=cyclictest)\n',
         'Only metric 9 was run; `make bench` without BENCH_ONLY runs everything.\n']
    L += section(res, made)
    if res['errors']:
        L += ['## Errors\n'] + [f'- {e}' for e in res['errors']] + ['']
    with open(os.path.join(out, 'report.md'), 'w') as f:
        f.write('\n'.join(L))
    for label, b, v, r, d in summary_rows(res):
        print(f'{label}: bare {_fmt(b)}, VM {_fmt(v)}, ratio {_fmt_ratio(r)}, '
              f'difference {_fmt(d)} instructions')
    if res['skipped']:
        print(f'cyclictest skipped: {res["skip_reason"]}')
    print(f'report: {os.path.join(out, "report.md")}  plots: {", ".join(made) or "none"}')
    for e in res['errors']:
        print('bench: cyclictest: ' + e, file=sys.stderr)
    return 1 if res['errors'] else 0


if __name__ == '__main__':
    sys.exit(main())

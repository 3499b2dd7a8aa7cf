#!/usr/bin/python3
"""Turn the logs of tools/bench/run.sh into results.json, report.md and plots.

Every figure comes from a QEMU run under `-icount shift=4,sleep=off`, where
one guest or hypervisor instruction is one tick of the 62.5 MHz counter and
every run is byte-identical: the numbers are instruction counts, not
silicon time.  Guest-side figures compare one binary run bare and in a
partition; "hypervisor instructions" is their difference.
"""
import argparse
import collections
import datetime
import json
import os
import re
import subprocess
import sys

import control  # section 10, restart and control (tools/bench/control.py)
import cyclictest  # metric 9 (tools/bench/cyclictest.py, beside this file)
import gnuplot  # every plot is drawn through gnuplot.draw (tools/bench/gnuplot.py)

errors = []


def err(msg):
    errors.append(msg)


# --- Console logs --------------------------------------------------------------

LINE_RE = re.compile(r'^(?:\[(?P<vm>[^\]]+)\] )?bench: (?P<kind>[a-z_-]+)(?P<rest>.*)$')


_logs = {}


def read_log(out, name, traced=False):
    """Returns (lines, records) of logs/NAME.log; records are
    (vm, kind, {key: value}) for every "bench: kind k=v ..." line.
    Problems are reported once, on the first read.  A traced run is stopped
    by tools/bench/run.sh once the trace has what it needs: its exit status
    and the guests' "done" lines do not matter."""
    if name not in _logs:
        _logs[name] = _read_log(out, name, traced)
    return _logs[name]


def _read_log(out, name, traced):
    path = os.path.join(out, 'logs', name + '.log')
    try:
        with open(path, encoding='utf-8', errors='replace') as f:
            lines = f.read().splitlines()
    except OSError:
        err(f'{name}: no console log')
        return [], []
    try:
        with open(os.path.join(out, 'logs', name + '.status')) as f:
            status = int(f.read().strip() or '-1')
    except (OSError, ValueError):
        status = -1
    if status != 0 and not traced:
        err(f'{name}: QEMU exit status {status} (124: timeout)')
    records = []
    for line in lines:
        m = LINE_RE.match(line)
        if not m:
            continue
        kv = dict(tok.split('=', 1) for tok in m.group('rest').split() if '=' in tok)
        records.append((m.group('vm'), m.group('kind'), kv))
    for line in lines:
        if re.search(r'PANIC|assertion|guest exception|timer-lost|period [0-9]+ lost|trap-error|memory-error', line):
            err(f'{name}: {line}')
    dones = sum(1 for _, k, _ in records if k == 'done')
    if dones == 0 and not traced:
        err(f'{name}: no "bench: done" line')
    return lines, records


def num(v):
    try:
        return int(v)
    except (TypeError, ValueError):
        return None


def ratio(part, bare):
    if part is None or bare is None or bare == 0:
        return None
    return round(part / bare, 3)


def diff(part, bare):
    if part is None or bare is None:
        return None
    return round(part - bare, 3)


# --- Metrics -----------------------------------------------------------------------

def timer_run(out, name, vm=None):
    _, recs = read_log(out, name)
    res = {'hist': {}}
    for rvm, kind, kv in recs:
        if vm is not None and rvm != vm:
            continue
        if kind == 'timer':
            delivered = num(kv.get('delivered'))
            s = num(kv.get('sum'))
            res.update(periods=num(kv.get('periods')), period_ticks=num(kv.get('period')),
                       delivered=delivered, min=num(kv.get('min')), max=num(kv.get('max')),
                       avg=round(s / delivered, 3) if delivered and s is not None else None)
        elif kind == 'timer-entries':
            res['hyp_irq_entries'] = num(kv.get('irq'))
            res['hyp_entries'] = num(kv.get('total'))
        elif kind == 'timer-hist':
            res['hist'][kv.get('lat')] = num(kv.get('count'))
    if 'avg' not in res:
        err(f'{name}: no timer result')
        res.update(periods=None, period_ticks=None, delivered=None, min=None, max=None, avg=None)
    elif res['delivered'] != res['periods']:
        err(f'{name}: {res["delivered"]}/{res["periods"]} periods delivered')
    return res


def compare(row, bare, part):
    row['bare'] = bare
    row['hypervisor'] = part
    row['ratio'] = ratio(part, bare)
    row['hyp_instructions'] = diff(part, bare)
    return row


def timer_latency(out):
    bare = timer_run(out, 'bare_timer')
    hrt = timer_run(out, 'timer_hrt')
    srt = timer_run(out, 'timer_srt')
    res = {'unit': 'ticks (= instructions) from the timer deadline to the handler',
           'periods': bare.get('periods'), 'period_ticks': bare.get('period_ticks'),
           'runs': {'bare': bare, 'hrt': hrt, 'srt': srt}, 'rows': {}}
    for level, run in (('hrt', hrt), ('srt', srt)):
        for stat in ('min', 'avg', 'max'):
            res['rows'][f'{level}_{stat}'] = compare({}, bare.get(stat), run.get(stat))
    return res


def traps(out, timer):
    _, bare_recs = read_log(out, 'bare_traps')
    _, part_recs = read_log(out, 'traps')

    def per_op(recs):
        ops = {}
        for _, kind, kv in recs:
            if kind == 'trap':
                n = num(kv.get('n'))
                t = num(kv.get('ticks'))
                e = num(kv.get('entries'))
                ops[kv.get('op')] = {
                    'ticks_per_op': round(t / n, 3) if n and t is not None else None,
                    'entries_per_op': round(e / n, 3) if n and e is not None else None,
                    'n': n}
        return ops

    bare, part = per_op(bare_recs), per_op(part_recs)
    labels = collections.OrderedDict([
        ('irq_injection', 'IRQ injection (srt timer latency - bare)'),
        ('hvc_version', 'hypercall round trip (hvc SHIKIRI_HC_VERSION)'),
        ('psci_version', 'PSCI VERSION (smc; bare: QEMU firmware via hvc)'),
        ('psci_cpu_on', 'PSCI CPU_ON (call to the new vCPU\'s first instruction)'),
        ('gicd_read', 'GICD access emulation: read GICD_TYPER'),
        ('gicd_write', 'GICD access emulation: write GICD_ISENABLER0'),
        ('vuart_fr_read', 'vUART read UARTFR'),
        ('vuart_write', 'vUART write UARTDR (line-buffered, printed every 256)'),
        ('stage2_fault_report', 'stage-2 fault report (abort to core parked)'),
    ])
    rows = collections.OrderedDict()
    for op, label in labels.items():
        row = {'label': label}
        if op == 'irq_injection':
            b = timer['runs']['bare'].get('avg')
            p = timer['runs']['srt'].get('avg')
            compare(row, b, p)
            row['entries_per_op'] = 1.0 if timer['runs']['srt'].get('hyp_irq_entries') == \
                timer['runs']['srt'].get('periods') else None
            row['method'] = 'guest: timer latency, srt partition minus bare'
        elif op == 'stage2_fault_report':
            compare(row, None, None)
            row['method'] = 'QEMU instruction trace of the hypervisor (no bare equivalent)'
        else:
            b, p = bare.get(op, {}), part.get(op, {})
            if not p:
                err(f'traps: no result for {op}')
            compare(row, b.get('ticks_per_op'), p.get('ticks_per_op'))
            row['entries_per_op'] = p.get('entries_per_op')
            row['n'] = p.get('n')
            row['method'] = 'guest: counter ticks per operation, partition minus bare'
        rows[op] = row
    loop = {'bare': bare.get('loop', {}).get('ticks_per_op'),
            'hypervisor': part.get('loop', {}).get('ticks_per_op')}
    return {'unit': 'ticks (= instructions) per operation', 'rows': rows, 'loop': loop}


def read_trace(out, name):
    """logs/NAME.trace.json from tools/bench/trace_count.py."""
    try:
        with open(os.path.join(out, 'logs', name + '.trace.json')) as f:
            res = json.load(f)
    except (OSError, ValueError):
        err(f'{name}: no instruction-trace result')
        return {}
    if not res.get('complete'):
        err(f'{name}: the instruction trace ended early')
    return res


def fault_trace(out, traps_res):
    """Hypervisor instructions on core 0 from the faulter's stage-2 data abort
    (its read of the PL031 at IPA 0x09010000) to that core's PSCI CPU_OFF,
    from QEMU's instruction trace (tools/bench/trace_count.py)."""
    row = traps_res['rows']['stage2_fault_report']
    lines, _ = read_log(out, 'fault', traced=True)
    if not any(re.match(r'^shikiri: vm faulter stopped: core 0: stage-2 data abort \(read\) '
                        r'at IPA 0x09010000', l) for l in lines):
        err('fault: no stop line for the faulter')
    t = read_trace(out, 'fault')
    if t.get('complete'):
        row['hypervisor'] = t['instructions']
        row['hyp_instructions'] = t['instructions']
        row['entries_per_op'] = 1.0
        row['top_functions'] = t['top_functions']


def boot(out):
    _, bare_recs = read_log(out, 'bare_boot')
    bare = None
    for _, kind, kv in bare_recs:
        if kind == 'boot':
            bare = num(kv.get('first'))
    if bare is None:
        err('bare_boot: no boot result')
    systems = collections.OrderedDict()
    for key, name in (('default', 'default'), ('default_coloured', 'default_coloured'),
                      ('1_vm', 'boot_1'), ('2_vms', 'boot_2'), ('4_vms', 'boot_4')):
        vms = collections.OrderedDict()
        if not name.startswith('default'):
            _, recs = read_log(out, name)
            for vm, kind, kv in recs:
                if kind == 'boot':
                    vms[vm] = compare({}, bare, num(kv.get('first')))
            if not vms:
                err(f'{name}: no boot results')
        tr = read_trace(out, 'trace_' + name)
        trace = tr.get('vms', {})
        for vm, t in trace.items():
            row = vms.setdefault(vm, compare({}, None, None))
            row['core'] = t['core']
            row['entry'] = t['entry']
            row['traced_all_cores'] = t['all_cores']
            row['traced_own_core'] = t['own_core']
        vms = collections.OrderedDict(sorted(vms.items(), key=lambda kv: (kv[1].get('core', 99), kv[0])))
        systems[key] = {'system': name, 'vms': vms,
                        'last_vm_traced': max((r.get('traced_all_cores') or 0
                                               for r in vms.values()), default=None),
                        'boot_work': tr.get('boot_work'),
                        'boot_work_per_core': tr.get('boot_work_per_core', {}),
                        'top_functions': tr.get('top_functions', [])}
    # Cache colouring (issue 20): the coloured default system's boot work (its
    # boot copies of the images into their frames) over the uncoloured one's.
    bw = (systems['default']['boot_work'], systems['default_coloured']['boot_work'])
    colouring = {'uncoloured': bw[0], 'coloured': bw[1], 'ratio': ratio(bw[1], bw[0]),
                 'extra': diff(bw[1], bw[0])}
    return {'unit': 'ticks (= instructions) from QEMU reset to the VM\'s main(); traced: '
                    'hypervisor instructions before the VM\'s first instruction',
            'bare_startup': bare, 'systems': systems, 'colouring': colouring}


# The PA column is "colours:0-3" for a coloured VM (tools/gen/emit_summary.c).
SUMMARY_RE = re.compile(r'^(\d+)\s+(\S+)\s+(hrt|srt|be)\s+(\S+)\s+(0x[0-9a-f]+)\s+->\s+'
                        r'(0x[0-9a-f]+|colours:\S+)\s+(\d+)\s+(\S+)\s+(\d+)\s+(\d+)\s+(\d+)\s')


def summary_vms(out, system):
    vms = collections.OrderedDict()
    try:
        with open(os.path.join(out, 'sys', system, 'gen', 'summary.txt')) as f:
            for line in f:
                m = SUMMARY_RE.match(line)
                if m:
                    vms[m.group(2)] = {'level': m.group(3), 'cores': m.group(4),
                                       'pa': m.group(6),
                                       'ram': f'{m.group(7)} {m.group(8)}',
                                       'blocks_1g': int(m.group(9)),
                                       'blocks_2m': int(m.group(10)),
                                       'pages_4k': int(m.group(11))}
    except OSError:
        err(f'{system}: no gen/summary.txt')
    return vms


SIZE_UNITS = {'bytes': 1, 'KiB': 1 << 10, 'MiB': 1 << 20, 'GiB': 1 << 30}
COLOURS_RE = re.compile(r'^vm\d+ (\S+): cache colours ([0-9 ]+) of (\d+); (\d+) frames .*'
                        r'stage-2 tables (\d+) (bytes|KiB|MiB|GiB)$')


def stage2_bytes(out, system):
    """The system's stage-2 tables (section .rodata.s2 of gen/vmconfig.o, all
    VMs) and, per coloured VM, its tables from summary.txt's colour line."""
    path = os.path.join(out, 'sys', system, 'gen', 'vmconfig.o')
    total = None
    try:
        txt = subprocess.run(['arm-none-eabi-size', '-A', path], capture_output=True,
                             text=True, check=True).stdout
        for line in txt.splitlines():
            parts = line.split()
            if len(parts) >= 2 and parts[0] == '.rodata.s2' and parts[1].isdigit():
                total = int(parts[1])
    except (OSError, subprocess.CalledProcessError):
        pass
    if total is None:
        err(f'{system}: no .rodata.s2 in {path}')
    vms = collections.OrderedDict()
    try:
        with open(os.path.join(out, 'sys', system, 'gen', 'summary.txt')) as f:
            for line in f:
                m = COLOURS_RE.match(line.rstrip('\n'))
                if m:
                    vms[m.group(1)] = {'colours': m.group(2), 'of': int(m.group(3)),
                                       'frames': int(m.group(4)),
                                       'table_bytes': int(m.group(5)) * SIZE_UNITS[m.group(6)]}
    except OSError:
        err(f'{system}: no gen/summary.txt')
    return {'total_bytes': total, 'coloured_vms': vms}


def memory(out):
    def chase(name):
        _, recs = read_log(out, name)
        for _, kind, kv in recs:
            if kind == 'memory':
                if kv.get('cycle') != 'ok':
                    err(f'{name}: pointer chase is not one cycle')
                steps = num(kv.get('steps'))
                return {'ticks_per_step': round(num(kv['chase']) / steps, 3),
                        'build_ticks': num(kv.get('build')), 'steps': steps,
                        'bytes': num(kv.get('bytes'))}
        err(f'{name}: no memory result')
        return {}
    bare, part = chase('bare_memory'), chase('memory')
    row = compare({}, bare.get('ticks_per_step'), part.get('ticks_per_step'))
    build_row = compare({}, bare.get('build_ticks'), part.get('build_ticks'))
    stage2 = collections.OrderedDict()
    for system in ('default', 'default_coloured', 'timer_hrt', 'interference', 'traps', 'memory',
                   'memory_coloured', 'boot_4'):
        stage2[system] = summary_vms(out, system)
    # Cache colouring (issue 20): the same chase in the same VM, its RAM as
    # 4 KiB frames of colours 0-7 (memory_coloured) against 2 MiB blocks
    # (memory): "bare" is the uncoloured run here.
    col = chase('memory_coloured')
    colouring = {
        'chase': compare({}, part.get('ticks_per_step'), col.get('ticks_per_step')),
        'build': compare({}, part.get('build_ticks'), col.get('build_ticks')),
        'stage2_bytes': collections.OrderedDict(
            (s, stage2_bytes(out, s)) for s in ('memory', 'memory_coloured', 'default',
                                                'default_coloured'))}
    for s in ('memory_coloured', 'default_coloured'):
        if not colouring['stage2_bytes'][s]['coloured_vms']:
            err(f'{s}: no coloured VM in gen/summary.txt')
    return {'pointer_chase': {'unit': 'ticks (= instructions) per step', 'buffer_bytes':
                              bare.get('bytes'), 'steps': bare.get('steps'),
                              'chase': row, 'build': build_row},
            'stage2': stage2, 'colouring': colouring}


def size(out, srctree):
    sys_dir = os.path.join(out, 'sys', 'default')

    def sections(path):
        try:
            txt = subprocess.run(['arm-none-eabi-size', '-A', path], capture_output=True,
                                 text=True, check=True).stdout
        except (OSError, subprocess.CalledProcessError):
            err(f'size: cannot read {path}')
            return {}
        res = {}
        for line in txt.splitlines():
            parts = line.split()
            if len(parts) >= 2 and parts[0].startswith('.') and parts[1].isdigit():
                res[parts[0]] = int(parts[1])
        return res
    elf = sections(os.path.join(sys_dir, 'shikiri.elf'))
    vmc = sections(os.path.join(sys_dir, 'gen', 'vmconfig.o'))
    img = sections(os.path.join(sys_dir, 'gen', 'images.o'))
    hyp = {s: elf.get(s, 0) for s in ('.text', '.rodata', '.data', '.bss')}
    s2 = vmc.get('.rodata.s2', 0)
    vm_tables = sum(v for k, v in vmc.items() if k.startswith(('.rodata', '.data')) and
                    k != '.rodata.s2')
    images = img.get('.rodata.vm_images', 0)
    generated = {'stage2_tables': s2, 'vm_config_tables': vm_tables, 'guest_images': images}
    # .rodata holds the generated tables and the embedded guest images.
    hyp['.rodata without generated tables and images'] = hyp['.rodata'] - s2 - vm_tables - images
    return {'unit': 'bytes (default system, configs/qemu_virt_defconfig)',
            'sections': hyp, 'generated': generated, 'systems': size_systems(out, sections),
            'sloc': sloc(srctree)}


# Three systems side by side (each links only what it uses: features.mk):
# (results key, bench system, what it is, goal in bytes).
SIZE_SYSTEMS = (
    ('hrt_only', 'size_hrt', 'one `hrt` VM on a dedicated core, no channels', 12 * 1024),
    ('default', 'default', 'the default system (hrt RTOS + Linux + one channel)', 28 * 1024),
    ('everything', 'size_all', 'everything on (shared cores under fp, edf and rr, a channel, '
                               'vUART and console input)', 40 * 1024),
)


def size_systems(out, sections):
    """`.text` of the hypervisor proper of each SIZE_SYSTEMS system: the
    ELF's less what the generated objects (tables, images) put there, and
    the features its generator chose (gen/features.mk)."""
    res = collections.OrderedDict()
    for key, system, what, goal in SIZE_SYSTEMS:
        d = os.path.join(out, 'sys', system)
        text = sections(os.path.join(d, 'shikiri.elf')).get('.text')
        gen_text = sum(sections(os.path.join(d, 'gen', o)).get('.text', 0)
                       for o in ('vmconfig.o', 'images.o'))
        features = {}
        try:
            with open(os.path.join(d, 'gen', 'features.mk')) as f:
                for line in f:
                    m = re.match(r'^(\w+) :=(.*)$', line)
                    if m:
                        features[m.group(1)] = m.group(2).strip()
        except OSError:
            err(f'size: {system}: no gen/features.mk')
        res[key] = {'system': system, 'what': what, 'goal': goal,
                    'text': text - gen_text if text is not None else None,
                    'features': features}
    return res


def strip_comments(text, asm):
    text = re.sub(r'/\*.*?\*/', lambda m: '\n' * m.group(0).count('\n'), text, flags=re.S)
    out = []
    for line in text.splitlines():
        line = re.sub(r'//.*$', '', line)
        if asm:
            line = re.sub(r'(^|\s)@.*$', '', line)
        out.append(line)
    return out


def sloc(srctree):
    """Non-blank, non-comment lines of src/ (the generated tables live in
    $(O)/gen, not in src/)."""
    per_dir = collections.OrderedDict()
    total = 0
    src = os.path.join(srctree, 'src')
    for root, _, files in sorted(os.walk(src)):
        for fn in sorted(files):
            if not fn.endswith(('.c', '.h', '.S')):
                continue
            path = os.path.join(root, fn)
            with open(path, errors='replace') as f:
                lines = strip_comments(f.read(), fn.endswith('.S'))
            n = sum(1 for l in lines if l.strip())
            rel = os.path.relpath(root, srctree).split(os.sep)
            key = '/'.join(rel[:3] if rel[:2] in (['src', 'arch'], ['src', 'platform']) else rel[:2])
            per_dir[key] = per_dir.get(key, 0) + n
            total += n
    return {'total': total, 'by_directory': dict(sorted(per_dir.items()))}


def interference(out, timer):
    alone = timer['runs']['hrt']
    loaded = timer_run(out, 'interference', vm='hrt')
    lines, _ = read_log(out, 'interference')
    load = {}
    for line in lines:
        m = re.match(r'^\[load\] timer: load (\d+)/(\d+) periods, latency min (\d+) avg (\d+) '
                     r'max (\d+) ticks$', line)
        if m:
            load = {'delivered': int(m.group(1)), 'periods': int(m.group(2)),
                    'min': int(m.group(3)), 'avg': int(m.group(4)), 'max': int(m.group(5))}
        m = re.match(r'^\[load\] timer: hyp irq entries (\d+)$', line)
        if m:
            load['hyp_irq_entries'] = int(m.group(1))
    if not load:
        err('interference: no result from the load VM')
    rows = {}
    for stat in ('min', 'avg', 'max'):
        rows[stat] = compare({}, alone.get(stat), loaded.get(stat))
    return {'unit': 'hrt timer latency, ticks; "bare" = the hrt VM alone, '
                    '"hypervisor" = beside the srt storm VM',
            'alone': alone, 'loaded': loaded, 'rows': rows, 'load': load,
            'hrt_core_hyp_entries': {'irq': loaded.get('hyp_irq_entries'),
                                     'total': loaded.get('hyp_entries')}}


def shared_core(out, timer):
    """The srt timer VM on a core it shares with a CPU-bound VM (fixed
    priority): wake-up latency against the same VM on a dedicated core, and
    the vCPU switch cost the hypervisor measured (save + restore, ticks of
    the counter = instructions under icount)."""
    dedicated = timer['runs']['srt']
    shared = timer_run(out, 'shared', vm='srt')
    lines, _ = read_log(out, 'shared')
    switch = {}
    sched = {}
    for line in lines:
        m = re.match(r'^shikiri: vm \S+: core \d+: (\d+) direct vCPU switches, save\+restore '
                     r'avg (\d+) max (\d+) ticks$', line)
        if m:
            switch = {'switches': int(m.group(1)), 'avg': int(m.group(2)),
                      'max': int(m.group(3))}
        m = re.match(r'^shikiri: vm (\S+): vcpu 0 on core \d+ \((\w+)\): switches (\d+), '
                     r'preemptions (\d+), overruns (\d+), misses (\d+)', line)
        if m:
            sched[m.group(1)] = {'scheduler': m.group(2), 'switches': int(m.group(3)),
                                 'preemptions': int(m.group(4))}
    if not switch:
        err('shared: no switch-cost line')
    # schedule() and friends per scheduler (tools/bench/sched_cost): policy ->
    # vCPUs on the core -> what -> instructions per call.
    cost = {}
    try:
        with open(os.path.join(out, 'logs', 'sched_cost.log')) as f:
            cost_lines = f.read().splitlines()
    except OSError:
        cost_lines = []
    for line in cost_lines:
        m = re.match(r'^sched_cost (\w+) vcpus=(\d+) (\w+)=(\d+)$', line)
        if m:
            cost.setdefault(m.group(1), {}).setdefault(m.group(2), {})[m.group(3)] = \
                int(m.group(4))
    if not cost:
        err('sched_cost: no scheduler cost lines')
    rows = {}
    for stat in ('min', 'avg', 'max'):
        rows[stat] = compare({}, dedicated.get(stat), shared.get(stat))
    return {'unit': 'srt timer latency, ticks; "bare" = the srt VM on a dedicated core, '
                    '"hypervisor" = on a core shared with a CPU-bound VM',
            'shared': shared, 'rows': rows, 'switch': switch, 'sched': sched,
            'sched_cost': cost}


def linux(out, smoke):
    """Linux boot time: QEMU reset to /init's first command, from the counter
    /init prints (tools/linux/ticks.c), bare and as the default system's
    Linux VM (tools/bench/run.sh run_until: full runs only)."""
    res = {'unit': 'ticks from QEMU reset to /init (= instructions, plus idle time '
                   'skipped by sleep=off)', 'skipped': smoke}
    if smoke:
        return res

    def ticks(name):
        path = os.path.join(out, 'logs', name + '.log')
        try:
            with open(path, encoding='utf-8', errors='replace') as f:
                text = f.read()
            with open(os.path.join(out, 'logs', name + '.status')) as f:
                found = f.read().strip() == '0'
        except OSError:
            err(f'{name}: no console log')
            return None
        if not found:
            err(f'{name}: Linux did not reach "linux: done"')
        m = re.search(r'linux: ticks (\d+)', text)
        if not m:
            err(f'{name}: no "linux: ticks" line')
            return None
        return int(m.group(1))
    res['boot'] = compare({}, ticks('bare_linux'), ticks('linux_boot'))
    # The hrt timer VM alone vs beside Linux running its load.
    alone = timer_run(out, 'timer_hrt')
    loaded = timer_run(out, 'interference_linux', vm='hrt')
    lines, recs = read_log(out, 'interference_linux')
    start = next((num(kv.get('at')) for vm, k, kv in recs if vm == 'hrt' and k == 'timer-start'),
                 None)
    load_at = next((i for i, l in enumerate(lines) if l == '[linux] linux: load running'), None)
    start_at = next((i for i, l in enumerate(lines) if l.startswith('[hrt] bench: timer-start')),
                    None)
    if load_at is None or start_at is None or load_at > start_at:
        err('interference_linux: the Linux load was not running when the hrt VM started '
            'measuring (raise BENCH_START_TICKS)')
    res['interference'] = {
        'rows': {stat: compare({}, alone.get(stat), loaded.get(stat))
                 for stat in ('min', 'avg', 'max')},
        'loaded': loaded, 'measure_start_ticks': start,
        'load': 'busybox CPU loop + 64 KiB dd memory loop + 100 us usleep stream (nosmp: no IPIs)',
        'hrt_core_hyp_entries': {'irq': loaded.get('hyp_irq_entries'),
                                 'total': loaded.get('hyp_entries')}}
    res['settings'] = ('Debian armmp-lpae kernel + busybox initramfs, -smp 2 -m 256M bare / '
                       'a 2-vCPU 256 MiB be VM beside the hrt RTOS; kernel command line '
                       '"console=ttyAMA0 rdinit=/init quiet nosmp shikiri.bench '
                       'shikiri.test=basic" on both sides')
    return res


def same_binaries(out):
    """The bare runs boot the ELF whose .bin each system embeds: check that
    every system built the same bytes for each bench guest."""
    res = {}
    for g in ('bench_timer', 'bench_traps', 'bench_boot', 'bench_memory'):
        blobs = set()
        for system in os.listdir(os.path.join(out, 'sys')):
            p = os.path.join(out, 'sys', system, 'guests', g + '.bin')
            if os.path.exists(p):
                with open(p, 'rb') as f:
                    blobs.add(f.read())
        res[g] = len(blobs) == 1
        if len(blobs) != 1:
            err(f'{g}: the systems do not embed identical binaries')
    return res


# --- Output ----------------------------------------------------------------------

def fmt(v):
    if v is None:
        return 'n/a'
    if isinstance(v, float):
        v = round(v, 2) + 0.0  # + 0.0: no "-0.00"
        if v == int(v):
            return f'{int(v):,}'
        return f'{v:,.2f}'
    if isinstance(v, int):
        return f'{v:,}'
    return str(v)


def fmt_ratio(v):
    return 'n/a' if v is None else f'{v:.2f}x'


def table(header, rows):
    out = ['| ' + ' | '.join(header) + ' |', '|' + '---|' * len(header)]
    out += ['| ' + ' | '.join(str(c) for c in r) + ' |' for r in rows]
    return '\n'.join(out)


def summary_rows(res):
    t = res['timer_latency']['runs']
    tp = res['trap_paths']['rows']
    rows = [
        ('timer latency avg, hrt', t['bare'].get('avg'), t['hrt'].get('avg'),
         res['timer_latency']['rows']['hrt_avg']['ratio'],
         res['timer_latency']['rows']['hrt_avg']['hyp_instructions']),
        ('timer latency avg, srt', t['bare'].get('avg'), t['srt'].get('avg'),
         res['timer_latency']['rows']['srt_avg']['ratio'],
         res['timer_latency']['rows']['srt_avg']['hyp_instructions']),
    ]
    for op in ('hvc_version', 'gicd_read', 'vuart_write', 'psci_cpu_on', 'stage2_fault_report'):
        r = tp[op]
        rows.append((op.replace('_', ' '), r['bare'], r['hypervisor'], r['ratio'],
                     r['hyp_instructions']))
    for key, label in (('1_vm', '1 VM'), ('4_vms', '4 VMs'), ('default', 'default system')):
        b = res['boot']['systems'][key]
        rows.append((f'boot work, {label} (traced)', None, b['boot_work'], None, b['boot_work']))
    b = res['boot']['systems']['default']
    rows.append(('boot: reset to last VM started, default system', None, b['last_vm_traced'],
                 None, b['last_vm_traced']))
    c = res['memory']['pointer_chase']['chase']
    rows.append(('pointer chase per step', c['bare'], c['hypervisor'], c['ratio'],
                 c['hyp_instructions']))
    # Cache colouring: "bare" is the uncoloured system here.
    c = res['memory']['colouring']['chase']
    rows.append(('pointer chase per step, uncoloured vs coloured', c['bare'], c['hypervisor'],
                 c['ratio'], c['hyp_instructions']))
    c = res['boot']['colouring']
    rows.append(('boot work, default system, uncoloured vs coloured', c['uncoloured'],
                 c['coloured'], c['ratio'], c['extra']))
    lb = res['linux'].get('boot')
    if lb:
        rows.append(('Linux boot to /init (ticks)', lb['bare'], lb['hypervisor'], lb['ratio'],
                     lb['hyp_instructions']))
        li = res['linux']['interference']['rows']['max']
        rows.append(('hrt latency max, alone vs beside Linux', li['bare'], li['hypervisor'],
                     li['ratio'], li['hyp_instructions']))
    for label, b, v, r, d in cyclictest.summary_rows(res['cyclictest']):
        rows.append((label, b, v, r, d))
    rows += control.summary_rows(res['control'])
    i = res['interference']['rows']['max']
    rows.append(('hrt latency max, alone vs loaded', i['bare'], i['hypervisor'], i['ratio'],
                 i['hyp_instructions']))
    return [(n, fmt(b), fmt(p), fmt_ratio(r), fmt(h)) for n, b, p, r, h in rows]


SUMMARY_HEADER = ['metric (ticks = instructions)', 'bare', 'hypervisor', 'ratio',
                  'hypervisor instructions']


def cross_check(res):
    """The two methods side by side where both apply: a 1-VM boot."""
    vm = res['boot']['systems']['1_vm']['vms'].get('vm0', {})
    g, t = vm.get('hyp_instructions'), vm.get('traced_all_cores')
    if g is None or t is None:
        return ''
    verdict = 'agree exactly' if g == t else f'differ by {fmt(abs(g - t))}'
    return (f' Cross-check: for a 1-VM boot the guest-side difference ({fmt(g)}) and the '
            f'traced count ({fmt(t)}) {verdict}.')


def write_report(res, out, plots):
    m = res['method']
    t = res['timer_latency']
    L = []
    L.append('# shikiri benchmark report\n')
    L.append(f'Generated {m["date"]} by `make bench`{" (smoke run)" if m["smoke"] else ""}; '
             f'{m["qemu"]}.\n')
    L.append('## Method\n')
    L.append(
        'Every figure comes from QEMU (`-M virt -cpu cortex-a15 -m 1G`) run with '
        '`-icount shift=4,sleep=off`: each instruction advances the virtual clock by 16 ns, '
        'one tick of the 62.5 MHz generic counter, so **a tick is an instruction** and every '
        'run is byte-identical. The figures are exact instruction counts under emulation, '
        '**not silicon time**: QEMU models neither pipelines, caches nor TLB timing, and '
        'an exception entry costs no instruction.\n')
    L.append(
        'Each guest-side benchmark is one binary (`guests/bench_*`) that runs both **bare** '
        '(booted by QEMU directly in SVC, without the hypervisor; QEMU\'s built-in PSCI answers '
        '`hvc`) and **in a partition**; it tells the two apart at run time with '
        '`SHIKIRI_HC_VERSION`. All bare and partition runs come from the same build in the same '
        'run of the suite'
        f' (identical binaries checked: {"yes" if all(res["binaries_identical"].values()) else "NO"}). '
        '"Ratio" is hypervisor / bare and "hypervisor instructions" is hypervisor − bare. '
        'The stage-2 fault path has no bare equivalent: it is counted from QEMU\'s '
        'instruction trace of the hypervisor (`-singlestep -d exec` filtered to the '
        'hypervisor\'s addresses), as are the boot counts.' + cross_check(res) + '\n')
    L.append('## Summary\n')
    L.append(table(SUMMARY_HEADER, summary_rows(res)) + '\n')

    L.append('## 1. Timer-interrupt wake-up latency\n')
    L.append(f'{fmt(t["periods"])} periods of {fmt(t["period_ticks"])} ticks on the virtual '
             'timer, absolute deadlines, the guest asleep in `wfi`; latency = counter in the '
             'handler − deadline (`guests/bench_timer`). `hrt`: the guest owns the physical GIC '
             'CPU interface; `srt`: each interrupt is taken by the hypervisor and injected '
             'through a list register.\n')
    rows = []
    for lvl in ('bare', 'hrt', 'srt'):
        r = t['runs'][lvl]
        for stat in ('min', 'avg', 'max'):
            pass
        rows.append([lvl, fmt(r.get('min')), fmt(r.get('avg')), fmt(r.get('max')),
                     fmt_ratio(None if lvl == 'bare' else t['rows'][f'{lvl}_avg']['ratio']),
                     fmt(0 if lvl == 'bare' else t['rows'][f'{lvl}_avg']['hyp_instructions']),
                     fmt(r.get('hyp_irq_entries')) if lvl != 'bare' else 'n/a'])
    L.append(table(['run', 'min', 'avg', 'max', 'ratio (avg)', 'hypervisor instructions (avg)',
                    'hypervisor IRQ entries'], rows) + '\n')
    if 'timer_latency.png' in plots:
        L.append('![latency histograms](timer_latency.png)\n')

    L.append('## 2. Trap paths\n')
    L.append(f'Ticks per operation, {fmt(res["trap_paths"]["rows"]["hvc_version"].get("n"))} '
             'operations between two counter reads (`guests/bench_traps`, a 2-vCPU `srt` VM). '
             'Bare, the operation hits QEMU\'s real GIC distributor and PL011, and `hvc`/PSCI are '
             'answered by QEMU\'s firmware at no instruction cost, so the bare figure is the '
             f'loop itself (empty loop: {fmt(res["trap_paths"]["loop"]["bare"])} ticks). '
             'Entries/op is the hypervisor-entry counter (`SHIKIRI_HC_TRAP_COUNT`) per operation.\n')
    rows = []
    for op, r in res['trap_paths']['rows'].items():
        rows.append([r['label'], fmt(r['bare']), fmt(r['hypervisor']), fmt_ratio(r['ratio']),
                     fmt(r['hyp_instructions']), fmt(r.get('entries_per_op'))])
    L.append(table(['path', 'bare', 'hypervisor', 'ratio', 'hypervisor instructions',
                    'entries/op'], rows) + '\n')
    f = res['trap_paths']['rows']['stage2_fault_report']
    if f.get('top_functions'):
        L.append('Stage-2 fault report: a VM reads an unassigned device (PL031) and is stopped '
                 'beside a running partner VM; counted are the hypervisor instructions on the '
                 'faulting core from the abort to its PSCI CPU_OFF (one console line printed). '
                 'Where they go: ' + ', '.join(f'`{x["function"]}` {fmt(x["instructions"])}'
                                               for x in f['top_functions']) + '.\n')
    if 'trap_paths.png' in plots:
        L.append('![trap paths](trap_paths.png)\n')

    L.append('## 3. Boot\n')
    bt = res['boot']
    L.append('Two counts per VM. **Traced**: hypervisor instructions executed from QEMU reset '
             'until the exception return into the VM\'s first instruction, from QEMU\'s '
             'instruction trace, on all cores and on the VM\'s own boot core. This works for any '
             'image, so it covers the default system (`configs/qemu_virt_defconfig`) as it is. '
             '**Guest-side**, for the 1/2/4-VM systems (16 MiB `srt` VMs `vm0`..`vm3` on cores '
             '0..3 running `guests/bench_boot`): the counter value at the start of `main()` '
             f'(CNTVOFF = 0); bare, the same binary gets there after {fmt(bt["bare_startup"])} '
             'ticks of its own start-up code, and "hypervisor instructions" is the difference. '
             'QEMU runs the cores one after another on one icount clock, so a VM started later '
             'also waits for what other cores executed meanwhile (the bench VMs sleep once '
             'started, so they add nothing). Guest (e.g. Linux) boot time is not included '
             'here.\n')
    rows = []
    for key, s in bt['systems'].items():
        for vm, r in s['vms'].items():
            rows.append([key.replace('_', ' '), vm, r.get('core', '?'), fmt(r['bare']),
                         fmt(r['hypervisor']), fmt_ratio(r['ratio']), fmt(r['hyp_instructions']),
                         fmt(r.get('traced_all_cores')), fmt(r.get('traced_own_core'))])
    L.append(table(['system', 'VM', 'core', 'bare', 'hypervisor', 'ratio',
                    'hypervisor instructions', 'traced, all cores', 'traced, own core'],
                   rows) + '\n')
    L.append('**Boot work** is what the hypervisor itself does to boot: on each core, the '
             'instructions it ran before its own first guest entry, summed over the cores. '
             '"Traced, all cores" for a VM started late also counts the trapped accesses of the '
             'VMs already running while QEMU had not yet scheduled the late VM\'s core (in the '
             'default system, the RTOS\'s vUART output on core 0 before core 2 first runs); '
             'boot work does not.\n')
    rows = []
    for key, s in bt['systems'].items():
        per_core = ', '.join(f'core {c}: {fmt(v)}' for c, v in s['boot_work_per_core'].items())
        top = ', '.join(f'`{x["function"]}` {fmt(x["instructions"])}'
                        for x in s['top_functions'][:6])
        rows.append([key.replace('_', ' '), fmt(s['boot_work']), per_core, top])
    L.append(table(['system', 'boot work', 'per core', 'where it goes'], rows) + '\n')
    bc = bt['colouring']
    L.append('**Cache colouring** (issue 20): `default coloured` is the default system with its '
             'RAM in 4 KiB frames of cache colours (`tests/bench/configs/default_coloured_defconfig`'
             ', the partitions of `tests/qemu/colour_system`: rt colours 0-3, Linux 4-15 of 16). '
             f'Its boot work is {fmt(bc["coloured"])} instructions against '
             f'{fmt(bc["uncoloured"])} uncoloured (ratio {fmt_ratio(bc["ratio"])}): the '
             'hypervisor copies the RTOS image and Linux\'s zImage, DTB and initrd from its own '
             'image into their scattered frames at boot and cleans them to the point of '
             'coherency (see "where it goes"). This is an instruction count: on silicon its time '
             'also depends on memory bandwidth, which QEMU does not model.\n')

    L.append('## 4. Memory\n')
    pc = res['memory']['pointer_chase']
    L.append(f'Pointer chase (`guests/bench_memory`): one random cycle (Sattolo) through the '
             f'64-byte slots of a {fmt((pc["buffer_bytes"] or 0) >> 20)} MiB buffer, '
             f'{fmt(pc["steps"])} dependent loads; the partition has 96 MiB of RAM. QEMU does '
             'not model TLB or cache timing, so under icount this counts instructions only: it '
             'is a **regression guard** (it must stay at ratio 1.00), not a memory-latency '
             'figure.\n')
    rows = [['chase, per step', fmt(pc['chase']['bare']), fmt(pc['chase']['hypervisor']),
             fmt_ratio(pc['chase']['ratio']), fmt(pc['chase']['hyp_instructions'])],
            ['building the cycle, total', fmt(pc['build']['bare']),
             fmt(pc['build']['hypervisor']), fmt_ratio(pc['build']['ratio']),
             fmt(pc['build']['hyp_instructions'])]]
    L.append(table(['pointer chase', 'bare', 'hypervisor', 'ratio', 'hypervisor instructions'],
                   rows) + '\n')
    L.append('Stage-2 descriptors per VM (from the generator\'s `gen/summary.txt`; RAM uses the '
             'largest blocks the layout allows, the 4 KiB pages map the 8 KiB GIC CPU '
             'interface):\n')
    rows = []
    for system, vms in res['memory']['stage2'].items():
        for vm, d in vms.items():
            rows.append([system, vm, d['level'], d['ram'], d['blocks_1g'], d['blocks_2m'],
                         d['pages_4k']])
    L.append(table(['system', 'VM', 'level', 'RAM', '1 GiB blocks', '2 MiB blocks',
                    '4 KiB pages'], rows) + '\n')
    mc = res['memory']['colouring']
    L.append('**Cache colouring** (issue 20): `memory_coloured` is the `memory` system with the '
             'VM\'s 96 MiB in 4 KiB frames of cache colours 0-7 of 16 '
             '(`tests/bench/configs/memory_coloured_defconfig`), so its stage 2 is 4 KiB pages '
             'instead of 2 MiB blocks. The same chase, coloured against uncoloured ("uncoloured" '
             'here is the `memory` system, not bare metal). **QEMU models no cache and no TLB**: '
             'the extra TLB misses and longer table walks of 4 KiB stage 2 cost nothing under '
             'emulation, and neither does the interference colouring removes, so this ratio '
             'says nothing about silicon; it guards that colouring adds no instructions to the '
             'guest\'s path. To see the benefit, run `memory_coloured` beside a memory-heavy '
             'neighbour (the `interference` guests) on a board.\n')
    rows = [['chase, per step', fmt(mc['chase']['bare']), fmt(mc['chase']['hypervisor']),
             fmt_ratio(mc['chase']['ratio']), fmt(mc['chase']['hyp_instructions'])],
            ['building the cycle, total', fmt(mc['build']['bare']),
             fmt(mc['build']['hypervisor']), fmt_ratio(mc['build']['ratio']),
             fmt(mc['build']['hyp_instructions'])]]
    L.append(table(['pointer chase', 'uncoloured', 'coloured', 'ratio', 'difference'], rows) +
             '\n')
    L.append('Stage-2 table bytes (`.rodata.s2` of the generated `vmconfig.o`, all VMs of the '
             'system; per coloured VM from `gen/summary.txt`: one 4 KiB level-3 table per 2 MiB '
             'of its RAM):\n')
    rows = []
    for system, d in mc['stage2_bytes'].items():
        per_vm = ', '.join(f'{vm} (colours {v["colours"]} of {v["of"]}, {fmt(v["frames"])} '
                           f'frames): {fmt(v["table_bytes"])}'
                           for vm, v in d['coloured_vms'].items())
        rows.append([system, fmt(d['total_bytes']), per_vm or 'uncoloured'])
    L.append(table(['system', 'stage-2 tables, bytes', 'coloured VMs'], rows) + '\n')

    L.append('## 5. Size\n')
    sz = res['size']
    L.append('The hypervisor of the default system (`configs/qemu_virt_defconfig`), from '
             '`arm-none-eabi-size -A`. `.rodata` includes the generated tables and the embedded '
             'guest images, broken out below.\n')
    rows = [[k, fmt(v)] for k, v in sz['sections'].items()]
    rows += [[f'generated: {k.replace("_", " ")}', fmt(v)] for k, v in sz['generated'].items()]
    L.append(table(['section', 'bytes'], rows) + '\n')
    L.append('Each system links only what it uses (the generator\'s `gen/features.mk`, '
             'docs/architecture.md, "What a system links"): `.text` of the '
             'hypervisor proper (generated tables and images apart) of three systems:\n')
    rows = []
    for r in sz['systems'].values():
        ft = r['features']
        on = [f'sched {ft["FEATURE_SCHED"]}' if ft.get('FEATURE_SCHED') else 'no scheduler']
        on += [n for k, n in (('FEATURE_CHAN', 'channels'), ('FEATURE_VUART', 'vUART'),
                              ('FEATURE_CONSOLE_INPUT', 'console input'),
                              ('FEATURE_INJECT', 'injection (vGIC list registers)'),
                              ('FEATURE_RESET', 'reset')) if ft.get(k) == 'y']
        if ft.get('UART_DRIVER'):
            on.append(ft['UART_DRIVER'])
        rows.append([f'{r["what"]} (`{r["system"]}`)', fmt(r['text']), fmt(r['goal']),
                     ', '.join(on)])
    L.append(table(['system', '.text bytes', 'goal', 'linked'], rows) + '\n')
    L.append('Source lines of `src/` (non-blank, non-comment; generated code lives in '
             '`$(O)/gen` and is not counted):\n')
    rows = [[d, fmt(n)] for d, n in sz['sloc']['by_directory'].items()]
    rows.append(['**total**', f'**{fmt(sz["sloc"]["total"])}**'])
    L.append(table(['directory', 'lines'], rows) + '\n')

    L.append('## 6. Interference\n')
    it = res['interference']
    L.append('The `hrt` timer VM alone (core 0) and beside an `srt` VM on core 1 that takes a '
             f'dense stream of its own timer interrupts (`storm`, {fmt(it["load"].get("periods"))} '
             'periods of 2,000 ticks, each injected by the hypervisor, covering the whole run). '
             'Linux as the load comes later. Here "bare" is the hrt VM alone and "hypervisor" the '
             'hrt VM under load.\n')
    rows = [[stat, fmt(r['bare']), fmt(r['hypervisor']), fmt_ratio(r['ratio']),
             fmt(r['hyp_instructions'])] for stat, r in it['rows'].items()]
    L.append(table(['hrt latency', 'alone', 'loaded', 'ratio', 'difference'], rows) + '\n')
    he = it['hrt_core_hyp_entries']
    L.append(f'Hypervisor entries on the hrt core during the loaded run: **{fmt(he["irq"])}** '
             f'for IRQs, **{fmt(he["total"])}** in all (its own counter reads excluded). The load '
             f'VM took {fmt(it["load"].get("hyp_irq_entries"))} hypervisor IRQ entries '
             f'(latency min/avg/max {fmt(it["load"].get("min"))}/{fmt(it["load"].get("avg"))}/'
             f'{fmt(it["load"].get("max"))}).' +
             (' With no hypervisor entry on the hrt core, a difference between the two runs '
              'comes from how QEMU interleaves the two cores on one icount clock, not from '
              'hypervisor code on the hrt core.' if he['total'] == 0 else '') + '\n')
    if 'interference.png' in plots:
        L.append('![interference](interference.png)\n')

    L.append('## 7. Shared cores\n')
    sc = res['shared_core']
    L.append('The `srt` timer VM on a core it shares with a CPU-bound `be` VM under the '
             'fixed-priority scheduler (`tests/bench/configs/shared_defconfig`): every period '
             'it is blocked in WFI, the Hyp timer wakes it at its guest timer\'s deadline, it '
             'preempts the hog (a vCPU switch) and its timer interrupt is forwarded. "bare" is '
             'the same VM on a dedicated core (section 1, srt).\n')
    rows = [[stat, fmt(r['bare']), fmt(r['hypervisor']), fmt_ratio(r['ratio']),
             fmt(r['hyp_instructions'])] for stat, r in sc['rows'].items()]
    L.append(table(['srt wake-up latency', 'dedicated', 'shared', 'ratio', 'difference'],
                   rows) + '\n')
    sw = sc['switch']
    L.append(f'vCPU switch cost (save + restore of the whole vCPU state: registers, CP15, '
             f'timers, VFP/NEON, vGIC, banked PPIs), measured by the hypervisor over '
             f'{fmt(sw.get("switches"))} direct switches: avg **{fmt(sw.get("avg"))}**, max '
             f'{fmt(sw.get("max"))} ticks (= instructions, counter reads included).\n')
    if 'shared_latency.png' in plots:
        L.append('![shared core latency](shared_latency.png)\n')
    cost = sc.get('sched_cost', {})
    if cost:
        L.append('Each scheduler\'s decision cost (`tools/bench/sched_cost`: the scheduler '
                 'files linked into a bare harness with the hypervisor\'s compiler flags, under '
                 'the same icount method), instructions per call: `pick` is `schedule()` with '
                 'nothing changed, `tick_pick` a Hyp-timer event (budget or slice) and the pick '
                 'after it, `block_wake` a vCPU blocking in WFI and waking again.\n')
        rows = []
        for pol in sorted(cost):
            for n in sorted(cost[pol], key=int):
                c = cost[pol][n]
                rows.append([pol, n, fmt(c.get('pick')), fmt(c.get('tick_pick')),
                             fmt(c.get('block_wake'))])
        L.append(table(['scheduler', 'vCPUs on the core', 'pick (schedule())', 'tick_pick',
                        'block_wake'], rows) + '\n')

    L.append('## 8. Linux\n')
    lx = res['linux']
    if lx.get('skipped'):
        L.append('Skipped in the smoke run (a Linux boot under icount takes about 30 s of wall '
                 'time): `make bench` runs it.\n')
    else:
        L.append('Boot time of Debian\'s kernel with the busybox initramfs, from QEMU\'s reset '
                 '(the hypervisor\'s first instruction, or the bare kernel\'s) to the first '
                 'command of `/init`, which prints the counter (`tools/linux/ticks.c`). Under '
                 '`sleep=off` a tick is an instruction while a core runs and idle time is skipped '
                 'to the next timer, so these are ticks of virtual time, not instructions alone. '
                 f'Settings, the same on both sides: {lx["settings"]}. `nosmp`: Debian\'s SMP '
                 'kernel stalls bringing up its second CPU under `-icount` on QEMU 7.2, bare as '
                 'well (also with `clocksource=jiffies`).\n')
        b = lx['boot']
        L.append(table(['Linux boot', 'bare', 'hypervisor', 'ratio', 'difference'],
                       [['QEMU reset to /init', fmt(b['bare']), fmt(b['hypervisor']),
                         fmt_ratio(b['ratio']), fmt(b['hyp_instructions'])]]) + '\n')
        it = lx['interference']
        L.append('**Linux as the interference load.** The `hrt` timer VM (core 0) alone, and '
                 f'beside the Linux VM (core 2) running {it["load"]}; it measures from counter '
                 f'tick {fmt(it["measure_start_ticks"])} on, after Linux printed `linux: load '
                 'running`. "bare" is the hrt VM alone, "hypervisor" beside Linux.\n')
        rows = [[stat, fmt(r['bare']), fmt(r['hypervisor']), fmt_ratio(r['ratio']),
                 fmt(r['hyp_instructions'])] for stat, r in it['rows'].items()]
        L.append(table(['hrt latency', 'alone', 'beside Linux', 'ratio', 'difference'], rows)
                 + '\n')
        he = it['hrt_core_hyp_entries']
        L.append(f'Hypervisor entries on the hrt core during the measurement: **{fmt(he["irq"])}** '
                 f'for IRQs, **{fmt(he["total"])}** in all.\n')

    L += cyclictest.section(res['cyclictest'], plots)
    L += control.section(res['control'], fmt)

    if errors:
        L.append('## Errors\n')
        L += [f'- {e}' for e in errors]
        L.append('')
    with open(os.path.join(out, 'report.md'), 'w') as f:
        f.write('\n'.join(L))


def plots(res, out):
    """The report's plots; a plot that cannot be drawn is an error (gnuplot.py)."""
    pdir = os.path.join(out, 'plot')
    os.makedirs(pdir, exist_ok=True)
    made = []

    def hist_file(name, run):
        path = os.path.join(pdir, name + '.dat')
        with open(path, 'w') as f:
            for lat, c in sorted(((int(k), v) for k, v in run['hist'].items() if k != 'over')):
                f.write(f'{lat} {c}\n')
        return path

    def script(name, body):
        made.extend(gnuplot.draw(out, name, body, errors))

    def panels(name, title, series):
        """One histogram panel per run, stacked, on a shared x range."""
        hi = max([int(k) for _, run in series for k in run['hist'] if k != 'over'] + [1])
        body = (f'set termoption noenhanced\nset multiplot layout {len(series)},1 '
                f'title "{title}"\nset logscale y\nset yrange [0.5:*]\n'
                f'set xrange [0:{int(hi * 1.1) + 5}]\nset grid\nset ylabel "periods"\n'
                'set style fill solid 0.7\nset boxwidth 1\nset key top left\n')
        for i, (label, run) in enumerate(series):
            f = hist_file(f'{name}_{i}', run)
            if i == len(series) - 1:
                body += 'set xlabel "latency (ticks = instructions)"\n'
            body += f'plot "{f}" using 1:2 with boxes lc {i + 1} title "{label}"\n'
        body += 'unset multiplot\n'
        script(name, body)

    runs = res['timer_latency']['runs']
    panels('timer_latency', 'Timer wake-up latency, QEMU icount',
           [('bare', runs['bare']), ('hrt', runs['hrt']), ('srt', runs['srt'])])
    it = res['interference']
    panels('interference', 'hrt timer latency: alone vs beside the storm load',
           [('hrt alone', it['alone']), ('hrt beside storm', it['loaded'])])
    sc = res['shared_core']
    if sc['shared'].get('hist'):
        panels('shared_latency', 'srt wake-up latency: dedicated core vs shared core (fp)',
               [('srt, dedicated core', runs['srt']), ('srt, core shared with a hog',
                                                       sc['shared'])])
    tp = os.path.join(pdir, 'trap_paths.dat')
    with open(tp, 'w') as f:
        for op, r in res['trap_paths']['rows'].items():
            if r['hyp_instructions'] is not None:
                f.write(f'"{op}" {r["hyp_instructions"]}\n')
    script('trap_paths',
           'set title "Hypervisor instructions per trap path"\nset style fill solid 0.6\n'
           'set boxwidth 0.6\nset logscale y\nset yrange [1:*]\nset grid ytics\n'
           'set xtics rotate by -30\nset bmargin 6\nunset key\nset termoption noenhanced\n'
           f'plot "{tp}" using 0:2:xtic(1) with boxes\n')
    return made


def print_summary(res, out, plots_made):
    rows = summary_rows(res)
    widths = [max(len(str(r[i])) for r in rows + [SUMMARY_HEADER]) for i in range(5)]
    print()
    print('  '.join(h.ljust(widths[i]) if i == 0 else h.rjust(widths[i])
                    for i, h in enumerate(SUMMARY_HEADER)))
    for r in rows:
        print('  '.join(str(c).ljust(widths[i]) if i == 0 else str(c).rjust(widths[i])
                        for i, c in enumerate(r)))
    print()
    print(f'hrt core: {fmt(res["interference"]["hrt_core_hyp_entries"]["irq"])} hypervisor IRQ '
          f'entries under load; ticks are QEMU icount instructions, not silicon time.')
    sc = res['shared_core']
    print(f'shared core: vCPU switch avg {fmt(sc["switch"].get("avg"))} ticks; srt wake-up '
          f'latency avg shared/dedicated {fmt_ratio(sc["rows"]["avg"]["ratio"])}')
    print(f'report: {os.path.join(out, "report.md")}  results: '
          f'{os.path.join(out, "results.json")}  plots: {", ".join(plots_made) or "none"}')


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--out', required=True)
    ap.add_argument('--srctree', required=True)
    ap.add_argument('--periods', type=int, required=True)
    ap.add_argument('--smoke', default='0')
    ap.add_argument('--qemu', default='qemu-system-arm')
    ap.add_argument('--seconds', type=int, default=None)
    a = ap.parse_args()
    try:
        qv = subprocess.run([a.qemu, '--version'], capture_output=True,
                            text=True).stdout.splitlines()[0]
    except (OSError, IndexError):
        qv = 'QEMU (version unknown)'
    res = collections.OrderedDict()
    res['method'] = {
        'qemu': qv, 'icount': '-icount shift=4,sleep=off',
        'tick': 'one 62.5 MHz counter tick = 16 ns of virtual time = one instruction',
        'machine': '-M virt -cpu cortex-a15 -m 1G (hypervisor runs: virtualization=on)',
        'note': 'instruction counts under emulation, not silicon time',
        'smoke': a.smoke == '1', 'timer_periods': a.periods,
        'date': datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%d %H:%M UTC'),
        'build_and_run_seconds': a.seconds}
    res['binaries_identical'] = same_binaries(a.out)
    res['timer_latency'] = timer_latency(a.out)
    res['trap_paths'] = traps(a.out, res['timer_latency'])
    fault_trace(a.out, res['trap_paths'])
    res['boot'] = boot(a.out)
    res['memory'] = memory(a.out)
    res['size'] = size(a.out, a.srctree)
    res['interference'] = interference(a.out, res['timer_latency'])
    res['shared_core'] = shared_core(a.out, res['timer_latency'])
    res['linux'] = linux(a.out, a.smoke == '1')
    res['control'] = control.results(a.out, errors)
    res['cyclictest'] = cyclictest.results(a.out, a.smoke == '1')
    errors.extend(res['cyclictest']['errors'])
    made = plots(res, a.out) + cyclictest.plot(res['cyclictest'], a.out, errors)
    res['plots'] = made
    res['errors'] = errors
    with open(os.path.join(a.out, 'results.json'), 'w') as f:
        json.dump(res, f, indent=1)
        f.write('\n')
    write_report(res, a.out, made)
    print_summary(res, a.out, made)
    if errors:
        print('bench: errors:', file=sys.stderr)
        for e in errors:
            print('  ' + e, file=sys.stderr)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())

#!/usr/bin/python3
"""Restart and control figures for make bench (issue 21; docs/control.md).

Imported by tools/bench/report.py (section 10 of report.md, results.json's
"control"); the runs are tools/bench/run.sh's:

  logs/restart.trace.json        trace_count.py restart: an hrt RTOS's fault
                                 (its store to IPA 0x3f000000) to the first
                                 instruction of the RTOS its policy restarted,
                                 on its own core, the image/DTB copy apart
  logs/control_reads.trace.json  trace_count.py reads: an observe-only
                                 controller's status reads, per read (control
                                 page, hypercall)
  logs/control.log               the same system untraced: the watcher's
                                 line with the hrt core's hypervisor entries
"""
import json
import os
import re

RESTART_GOAL = 5000  # hypervisor instructions without the image copy
READ_GOAL = 120      # per control-page status read
HRT_READS = 20000    # the watcher's reads (guests/boss, WATCHER)

WATCHER_RE = re.compile(r"^\[watcher\] boss: watcher: (?P<ok>\d+) of (?P<n>\d+) reads say "
                        r"running, the target.s core entries (?P<e>\d+)$")
RESTARTED_RE = re.compile(r'^shikiri: vm rt restarting: core 0: stage-2 data abort \(write\) at IPA '
                          r'0x3f000000, pc 0x[0-9a-f]+; restart 1$')
DTB_RE = re.compile(r'^vm0\.dtb rt: DTB 0x[0-9a-f]+ (?P<n>\d+) bytes$')


def _json(out, name, errors):
    try:
        with open(os.path.join(out, 'logs', name + '.trace.json')) as f:
            res = json.load(f)
    except (OSError, ValueError):
        errors.append(f'{name}: no instruction-trace result')
        return None
    if not res.get('complete'):
        errors.append(f'{name}: the instruction trace ended early')
        return None
    return res


def _lines(path):
    try:
        with open(path, errors='replace') as f:
            return f.read().splitlines()
    except OSError:
        return []


def restart(out, errors):
    t = _json(out, 'restart', errors)
    if not any(RESTARTED_RE.match(line) for line in _lines(os.path.join(out, 'logs',
                                                                          'restart.log'))):
        errors.append('restart: no "vm rt restarting: core 0: ...; restart 1" line')
    sysdir = os.path.join(out, 'sys', 'restart')
    try:
        image = os.path.getsize(os.path.join(sysdir, 'guests', 'rtos_fault.bin'))
    except OSError:
        image = None
    dtb = None
    for line in _lines(os.path.join(sysdir, 'gen', 'summary.txt')):
        m = DTB_RE.match(line)
        if m:
            dtb = int(m.group('n'))
    if not t:
        return {'instructions': None, 'copy': None, 'without_copy': None, 'other_cores': None,
                'image_bytes': image, 'dtb_bytes': dtb, 'goal_without_copy': RESTART_GOAL,
                'meets_goal': None, 'top_functions': []}
    return {'instructions': t['instructions'], 'copy': t['copy'],
            'without_copy': t['without_copy'], 'other_cores': t['other_cores'],
            'image_bytes': image, 'dtb_bytes': dtb, 'goal_without_copy': RESTART_GOAL,
            'meets_goal': t['without_copy'] <= RESTART_GOAL,
            'top_functions': t['top_functions']}


def reads(out, errors):
    t = _json(out, 'control_reads', errors)
    page = t['page'] if t else {'n': 0, 'min': None, 'avg': None, 'max': None}
    hvc = t['hvc'] if t else {'n': 0, 'min': None, 'avg': None, 'max': None}
    return {'controller': 'bare-metal guest (guests/boss as watcher, srt, core 1): a 32-bit LDR '
                          'into r0, as Linux userspace shikiri-ctl does (a low register)',
            'page': page, 'hvc': hvc, 'goal': READ_GOAL,
            'meets_goal': None if page['avg'] is None else page['max'] <= READ_GOAL}


def hrt_observed(out, errors):
    for line in _lines(os.path.join(out, 'logs', 'control.log')):
        m = WATCHER_RE.match(line)
        if m:
            ok, n, e = (int(m.group(k)) for k in ('ok', 'n', 'e'))
            if ok != n or n != HRT_READS:
                errors.append(f'control: {line}')
            return {'reads': n, 'running': ok, 'hrt_core_entries': e}
    errors.append('control: no watcher line (its reads and the hrt core\'s entries)')
    return {'reads': None, 'running': None, 'hrt_core_entries': None}


def _problems(out, errors):
    """A hypervisor panic or a guest's failed check in any of the runs."""
    for name in ('restart', 'control_reads', 'control'):
        for line in _lines(os.path.join(out, 'logs', name + '.log')):
            if re.search(r'PANIC|assertion|guest exception|boss: FAIL', line):
                errors.append(f'{name}: {line}')


def results(out, errors):
    _problems(out, errors)
    return {'restart': restart(out, errors), 'status_read': reads(out, errors),
            'hrt_observed': hrt_observed(out, errors)}


def summary_rows(res):
    """(label, bare, hypervisor, ratio, hypervisor instructions) rows."""
    r, s = res['restart'], res['status_read']
    return [('RTOS fault to restarted RTOS, own core (w/o image copy)', None, r['instructions'],
             None, r['without_copy']),
            ('control page status read', None, s['page']['avg'], None, s['page']['avg'])]


def section(res, fmt):
    r, s, h = res['restart'], res['status_read'], res['hrt_observed']

    def goal(ok):
        return 'n/a' if ok is None else 'met' if ok else 'NOT met'
    L = ['## 10. Restart and control\n',
         'Hypervisor instructions from QEMU\'s trace (as the stage-2 fault report). **Restart**: '
         'an `hrt` RTOS (`guests/rtos` as `rtos_fault`, core 0, `on-fault = "restart"`) stores '
         'to an unmapped IPA; counted on its core from that data abort to the exception return '
         'into the restarted RTOS\'s first instruction (its console line included). '
         '"Image copy" is the restore\'s copy of the pristine image and DTB (`blob_copy` and what '
         f'it calls: `memcpy` and the cache clean of the copied bytes; {fmt(r["image_bytes"])} + '
         f'{fmt(r["dtb_bytes"])} bytes). **Status read**: {s["controller"]}; each trapped load of '
         'its control page\'s `STATE` register and each read hypercall (`SHIKIRI_HC_CTL_READ`), '
         'counted per hypervisor entry. **Observed hrt core**: the watcher reads the state of an '
         f'`hrt` VM that never traps {fmt(h["reads"])} times, then that core\'s hypervisor-entry '
         'counter (`ENTRIES` of its slot).\n',
         '| measure | hypervisor instructions | goal |', '|---|---|---|',
         f'| RTOS fault → first instruction of the restarted RTOS, own core | '
         f'{fmt(r["instructions"])} (image copy {fmt(r["copy"])}) | ≤ 5,000 + image copy |',
         f'| the same without the image copy | {fmt(r["without_copy"])} | ≤ '
         f'{fmt(r["goal_without_copy"])}: {goal(r["meets_goal"])} |',
         f'| control-page status read (min / avg / max of {fmt(s["page"]["n"])}) | '
         f'{fmt(s["page"]["min"])} / {fmt(s["page"]["avg"])} / {fmt(s["page"]["max"])} | '
         f'≤ {s["goal"]}: {goal(s["meets_goal"])} |',
         f'| the read hypercall (min / avg / max of {fmt(s["hvc"]["n"])}) | '
         f'{fmt(s["hvc"]["min"])} / {fmt(s["hvc"]["avg"])} / {fmt(s["hvc"]["max"])} | – |',
         f'| hrt core entries while observed ({fmt(h["reads"])} reads) | '
         f'{fmt(h["hrt_core_entries"])} | 0 |', '']
    if r['top_functions']:
        L.append('Restart, where the instructions go: ' +
                 ', '.join(f'`{x["function"]}` {fmt(x["instructions"])}'
                           for x in r['top_functions']) + '.\n')
    return L

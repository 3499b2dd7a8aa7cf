#!/usr/bin/python3
"""Count hypervisor instructions in QEMU's execution trace (tools/bench/run.sh).

QEMU runs with `-singlestep -d exec,int,nochain -dfilter <hypervisor range>`,
so every executed hypervisor instruction is one "Trace <cpu>: ..." line
(guest code is outside the filter and not logged).  When icount makes QEMU
re-execute an I/O instruction, it logs "cpu_io_recompile: rewound ..." and
the instruction appears twice: those lines are subtracted.  The trace is
read as a stream (from a FIFO), so it is never stored.

  trace_count.py boot TRACE SUMMARY   hypervisor instructions before each VM's
                                      first instruction (first exception return
                                      to the guest on its boot core); stops
                                      reading when every VM has started
  trace_count.py fault TRACE IPA      instructions on core 0 from the stage-2
                                      data abort at IPA (hex) to that core's
                                      next smc (PSCI CPU_OFF of the parked core)

Prints one JSON object.
"""
import collections
import json
import re
import sys


def boot(stream, summary):
    # First core of each VM, from the generator's summary.txt.
    vms = {}
    with open(summary) as f:
        for line in f:
            m = re.match(r'^\d+\s+(\S+)\s+(?:hrt|srt|be)\s+(\d+)', line)
            if m:
                vms[m.group(2)] = m.group(1)
    total = 0
    per_cpu = collections.Counter()
    rewinds = collections.Counter()
    cpu = None
    started = {}
    for line in stream:
        if line.startswith('Trace '):
            cpu = line[6:line.index(':')]
            total += 1
            per_cpu[cpu] += 1
        elif line.startswith('cpu_io_recompile'):
            rewinds[cpu] += 1
        elif line.startswith('Exception return from AArch32 hyp to svc') and cpu in vms \
                and vms[cpu] not in started:
            started[vms[cpu]] = {
                'core': int(cpu), 'entry': line.split()[-1],
                'all_cores': total - sum(rewinds.values()),
                'own_core': per_cpu[cpu] - rewinds[cpu]}
            if len(started) == len(vms):
                break
    return {'vms': started, 'complete': len(started) == len(vms) and len(vms) > 0}


def fault(stream, ipa):
    marker = 'HDFAR 0x%x' % int(ipa, 16)
    count = rewinds = 0
    funcs = collections.Counter()
    started = done = False
    cpu = None
    for line in stream:
        if not started:
            started = marker in line
            continue
        if line.startswith('Trace '):
            cpu = line[6:line.index(':')]
            if cpu == '0':
                count += 1
                funcs[line.rsplit(']', 1)[-1].strip() or '?'] += 1
        elif line.startswith('cpu_io_recompile') and cpu == '0':
            rewinds += 1
        elif line.startswith('Taking exception 13') and line.rstrip().endswith('CPU 0'):
            done = True
            break
    return {'complete': started and done, 'instructions': count - rewinds,
            'top_functions': [{'function': f, 'instructions': c}
                              for f, c in funcs.most_common(6)]}


def main():
    if len(sys.argv) != 4 or sys.argv[1] not in ('boot', 'fault'):
        print(__doc__, file=sys.stderr)
        return 2
    with open(sys.argv[2], errors='replace') as stream:
        res = boot(stream, sys.argv[3]) if sys.argv[1] == 'boot' else fault(stream, sys.argv[3])
    print(json.dumps(res))
    return 0


if __name__ == '__main__':
    sys.exit(main())

#!/usr/bin/python3
"""Write $KCONFIG_CONFIG from a defconfig file, as `python3 -m defconfig`
does, and refuse a defconfig any of whose assignments would not take effect.

    tools/kconfig/defconfig.py Kconfig DEFCONFIG

Kconfig ignores a value given to a symbol whose prompt is hidden (the
platform-derived addresses and board DT follow the Platform choice unless
their *_CUSTOM switch is on, docs/kconfig.md) and only warns about a symbol
that does not exist: either way the build would silently use another value
than the file says. Each such line is reported as
`FILE:LINE: CONFIG_X=v has no effect: ...` and nothing is written.
"""
import os
import re
import sys

import kconfiglib

ASSIGN = re.compile(r'^(?:CONFIG_(\w+)=(.*)|# CONFIG_(\w+) is not set)\s*$')


def unquote(v):
    if len(v) >= 2 and v[0] == v[-1] == '"':
        return v[1:-1].replace('\\"', '"').replace('\\\\', '\\')
    return v


def why_not(kconf, sym):
    """Why sym ignores a value: its prompt's condition, or no prompt at all."""
    conds = [node.prompt[1] for node in sym.nodes if node.prompt]
    if not conds:
        return f'{sym.name} has no prompt: its value is derived'
    deps = ' || '.join(kconfiglib.expr_str(c) for c in conds)
    return f'{sym.name} can be set only when {deps} (set that in the same file)'


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    kconf = kconfiglib.Kconfig(sys.argv[1], warn_to_stderr=False)
    path = sys.argv[2]
    kconf.load_config(path)
    problems = []
    with open(path, errors='replace') as f:
        for n, line in enumerate(f, 1):
            m = ASSIGN.match(line)
            if not m:
                continue
            name = m.group(1) or m.group(3)
            want = unquote(m.group(2)) if m.group(1) else 'n'
            sym = kconf.syms.get(name)
            if sym is None or not sym.nodes:
                problems.append(f'{path}:{n}: CONFIG_{name} has no effect: Kconfig has no '
                                f'symbol {name}')
                continue
            have = sym.str_value
            if sym.orig_type in (kconfiglib.INT, kconfiglib.HEX):
                try:
                    same = int(have, 0) == int(want, 0)
                except ValueError:
                    same = have == want
            else:
                same = have == want
            if not same:
                problems.append(f'{path}:{n}: CONFIG_{name}={m.group(2) or "n"} has no effect '
                                f'(the value is {have or "empty"}): {why_not(kconf, sym)}')
    if problems:
        print('\n'.join(problems), file=sys.stderr)
        return 1
    kconf.write_config(os.environ.get('KCONFIG_CONFIG', '.config'))
    return 0


if __name__ == '__main__':
    sys.exit(main())

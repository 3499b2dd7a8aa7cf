"""Draw the benchmark plots with gnuplot, and say why when one cannot be drawn.

A plot that cannot be drawn is an error of the run (report.md "Errors",
results.json "errors", the exit status of make bench), never a silent
"plots: none": report.py, cyclictest.py and xen.py all draw through draw().
"""
import os
import shutil
import subprocess

_terminal = None


def terminal():
    """(gnuplot path, terminal line) or raises RuntimeError saying why not."""
    global _terminal
    gp = shutil.which('gnuplot')
    if not gp:
        raise RuntimeError('gnuplot not found (tools/deps.sh gnuplot-nox installs it; '
                           'make bench and make check install it before they start)')
    if _terminal is None:
        try:
            term = subprocess.run([gp, '-e', 'set terminal'], capture_output=True, text=True,
                                  timeout=60)
        except (OSError, subprocess.TimeoutExpired) as e:
            raise RuntimeError(f'gnuplot does not start: {e}') from e
        text = term.stdout + term.stderr
        if term.returncode != 0 or 'png' not in text:
            first = (term.stderr.strip().splitlines() or ['no png terminal'])[0]
            raise RuntimeError(f'gnuplot does not start (exit {term.returncode}): {first}')
        _terminal = 'pngcairo size 900,640' if 'pngcairo' in text else 'png size 900,640'
    return gp, _terminal


def draw(out, name, body, errors):
    """Write plot/NAME.gp (set terminal + output NAME.png + body) and run it.
    Returns [NAME.png] when the PNG was made, else [] with the reason appended
    to errors."""
    try:
        gp, term = terminal()
    except RuntimeError as e:
        errors.append(f'plot {name}.png: {e}')
        return []
    pdir = os.path.join(out, 'plot')
    os.makedirs(pdir, exist_ok=True)
    path = os.path.join(pdir, name + '.gp')
    png = os.path.join(out, name + '.png')
    with open(path, 'w') as f:
        f.write(f'set terminal {term}\nset output "{png}"\n{body}')
    if os.path.exists(png):
        os.remove(png)  # an old run's picture must not pass for this one
    try:
        run = subprocess.run([gp, path], capture_output=True, text=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired) as e:
        errors.append(f'plot {name}.png: gnuplot {path}: {e}')
        return []
    made = os.path.exists(png) and os.path.getsize(png) > 0
    if run.returncode != 0 or not made:
        why = (run.stderr.strip().splitlines() or [f'exit status {run.returncode}'])[-1]
        errors.append(f'plot {name}.png: gnuplot {path} failed: {why}')
        return []
    return [name + '.png']

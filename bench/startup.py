#!/usr/bin/python3
# bench/startup — cold start of `kanri` to its first frame under Xvfb, where
# the time goes before it, and the resident memory of the idle window.
# Prints figures; never fails on a time.
#
# Copyright 2026 The Kanri authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: startup.py [--runs N] BUILDDIR [BUILDDIR…]
#   (run inside tests/run-headless.sh, or `meson test -C build --benchmark
#   startup`). Given several build folders (say, one of the commit before a
#   change), it starts them in turn, run after run, so that whatever else the
#   machine does weighs on each alike, and prints each one's figures.
#
# Kanri prints when each phase of its start ends (KANRI_REPORT_FIRST_FRAME;
# kanri_report_phase()): main() reached (the dynamic linker and
# constructors before it), GTK and libadwaita initialized (the display, the
# theme), the window built from its template, the first page built, and the
# first frame drawn. A build that does not report a phase shows "-" for it.

import argparse
import os
import queue
import statistics
import subprocess
import tempfile
import threading
import time

# The phases, in the order they end, with the labels printed.
PHASES = (
    ('main', 'main'),
    ('gtk-init', 'GTK/Adw init'),
    ('window', 'window built'),
    ('pages', 'first page built'),
    ('first-frame', 'first frame'),
)
# Reported after the first frame, in whatever order they finish.
LATER_PHASES = (
    ('store', 'local model open'),
    ('tenants', 'tenants loaded'),
    ('all-pages', 'all pages built'),
)


def rss_kib(pid):
    with open(f'/proc/{pid}/status') as status:
        for line in status:
            if line.startswith('VmRSS:'):
                return int(line.split()[1])
    return 0


def parse_line(line):
    """('phase', µs) from a line Kanri prints, or None."""
    words = line.split()
    # kanri: first frame at T us
    if words[:3] == ['kanri:', 'first', 'frame'] and len(words) >= 5:
        return 'first-frame', int(words[4])
    # kanri: phase NAME at T us
    if words[:2] == ['kanri:', 'phase'] and len(words) >= 5:
        return words[2], int(words[4])
    return None


def one_run(builddir, home, renderer):
    env = dict(os.environ)
    env.pop('GSK_RENDERER', None)
    if renderer:
        env['GSK_RENDERER'] = renderer
    env.update({
        'HOME': home,
        'XDG_DATA_HOME': os.path.join(home, 'data'),
        'XDG_CONFIG_HOME': os.path.join(home, 'config'),
        'XDG_CACHE_HOME': os.path.join(home, 'cache'),
        'GSETTINGS_BACKEND': 'memory',
        'GSETTINGS_SCHEMA_DIR': os.path.join(builddir, 'data'),
        'ADW_DISABLE_PORTAL': '1',
        'KANRI_REPORT_FIRST_FRAME': '1',
    })
    phases = {}
    start_us = time.monotonic_ns() // 1000
    process = subprocess.Popen([os.path.join(builddir, 'src', 'kanri')], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    # Read on a thread, so that waiting for the phases after the first frame
    # can give up: a build from before they were reported never prints them.
    lines = queue.Queue()

    def pump():
        for line in process.stdout:
            lines.put(line)
        lines.put(None)

    threading.Thread(target=pump, daemon=True).start()
    deadline = None
    try:
        while True:
            timeout = None if deadline is None else max(0.0, deadline - time.monotonic())
            try:
                line = lines.get(timeout=timeout)
            except queue.Empty:
                break
            if line is None:
                break
            parsed = parse_line(line)
            if parsed is None:
                continue
            phases[parsed[0]] = (parsed[1] - start_us) / 1000.0
            if parsed[0] == 'first-frame':
                deadline = time.monotonic() + 10.0
            if 'first-frame' in phases and all(key in phases for key, _ in LATER_PHASES):
                break
        if 'first-frame' not in phases:
            raise RuntimeError(f'{builddir}: kanri exited before its first frame')
        # Let start-up work finish (the database opens in a thread, the demo
        # tenant's emulator starts) before reading the idle footprint.
        time.sleep(2.0)
        rss = rss_kib(process.pid)
    finally:
        process.terminate()
        process.wait()
    return phases, rss


def main():
    parser = argparse.ArgumentParser(description='Cold start of kanri to its first frame')
    parser.add_argument('--runs', type=int, default=10)
    parser.add_argument('builddirs', nargs='*', default=['build'])
    args = parser.parse_args()
    # The old form: startup.py BUILDDIR RUNS.
    if len(args.builddirs) == 2 and args.builddirs[1].isdigit():
        args.runs = int(args.builddirs.pop())
    builddirs = [os.path.abspath(b) for b in args.builddirs]

    # Xvfb has no GPU: GTK's default GL renderer runs on Mesa's llvmpipe,
    # which costs time and memory a real desktop does not pay; the cairo
    # renderer is the other end of the range.
    for label, renderer in (('GL renderer (llvmpipe)', None), ('cairo renderer', 'cairo')):
        results = {b: ([], []) for b in builddirs}
        with tempfile.TemporaryDirectory(prefix='kanri-bench-') as home:
            homes = {}
            for i, builddir in enumerate(builddirs):
                homes[builddir] = os.path.join(home, str(i))
                os.makedirs(homes[builddir])
                # One untimed run first: the first start also creates the
                # database.
                one_run(builddir, homes[builddir], renderer)
            for _ in range(args.runs):
                for builddir in builddirs:
                    phases, rss = one_run(builddir, homes[builddir], renderer)
                    results[builddir][0].append(phases)
                    results[builddir][1].append(rss)
        for builddir in builddirs:
            runs, rsses = results[builddir]
            times = [r['first-frame'] for r in runs]
            name = f' [{builddir}]' if len(builddirs) > 1 else ''
            print(f'{label}{name}: startup to first frame: median {statistics.median(times):.0f} ms '
                  f'(min {min(times):.0f}, max {max(times):.0f}, {args.runs} runs); '
                  f'idle window RSS: median {statistics.median(rsses) / 1024:.1f} MiB')
            # Each phase as the median moment it ended (from the spawn), and
            # the median time it took after the one before.
            parts = []
            for key, phase_label in PHASES:
                if not all(key in r for r in runs):
                    parts.append(f'{phase_label} -')
                    continue
                at = statistics.median(r[key] for r in runs)
                parts.append(f'{phase_label} {at:.0f}')
            print('  phases ended at (median ms from spawn): ' + ', '.join(parts))
            steps = []
            previous = None
            for key, phase_label in PHASES:
                if all(key in r for r in runs):
                    took = statistics.median(r[key] - (r[previous] if previous else 0) for r in runs)
                    steps.append(f'{phase_label} +{took:.0f}')
                    previous = key
            print('  each phase took (median ms): ' + ', '.join(steps))
            later = []
            for key, phase_label in LATER_PHASES:
                if all(key in r for r in runs):
                    later.append(f'{phase_label} {statistics.median(r[key] for r in runs):.0f}')
                else:
                    later.append(f'{phase_label} -')
            print('  after it, ended at (median ms from spawn): ' + ', '.join(later))


if __name__ == '__main__':
    main()

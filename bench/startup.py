#!/usr/bin/python3
# bench/startup — cold start of `kanri` to its first frame under Xvfb, and the
# resident memory of the idle window. Prints figures; never fails on a time.
#
# Copyright 2026 The Kanri authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: startup.py BUILDDIR [RUNS]   (run inside tests/run-headless.sh, or
# `meson test -C build --benchmark startup`)

import os
import statistics
import subprocess
import sys
import tempfile
import time


def rss_kib(pid):
    with open(f'/proc/{pid}/status') as status:
        for line in status:
            if line.startswith('VmRSS:'):
                return int(line.split()[1])
    return 0


def one_run(builddir, home, renderer):
    env = dict(os.environ)
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
    start_us = time.monotonic_ns() // 1000
    process = subprocess.Popen([os.path.join(builddir, 'src', 'kanri')], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        for line in process.stdout:
            if line.startswith('kanri: first frame at '):
                frame_us = int(line.split()[4])
                break
        else:
            raise RuntimeError('kanri exited before its first frame')
        # Let start-up work finish (the database opens in a thread) before
        # reading the idle footprint.
        time.sleep(2.0)
        rss = rss_kib(process.pid)
    finally:
        process.terminate()
        process.wait()
    return (frame_us - start_us) / 1000.0, rss


def main():
    builddir = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else 'build')
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 10
    # Xvfb has no GPU: GTK's default GL renderer runs on Mesa's llvmpipe,
    # which costs time and memory a real desktop does not pay; the cairo
    # renderer is the other end of the range.
    for label, renderer in (('GL renderer (llvmpipe)', None), ('cairo renderer', 'cairo')):
        times, rsses = [], []
        with tempfile.TemporaryDirectory(prefix='kanri-bench-') as home:
            # One untimed run first: the first start also creates the database.
            one_run(builddir, home, renderer)
            for _ in range(runs):
                ms, rss = one_run(builddir, home, renderer)
                times.append(ms)
                rsses.append(rss)
        print(f'{label}: startup to first frame: median {statistics.median(times):.0f} ms '
              f'(min {min(times):.0f}, max {max(times):.0f}, {runs} runs); '
              f'idle window RSS: median {statistics.median(rsses) / 1024:.1f} MiB')


if __name__ == '__main__':
    main()

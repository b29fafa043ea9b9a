#!/usr/bin/python3
# bench/batch — kanri-cli analyze --batch over a generated mbox: messages/s,
# MB/s and the peak resident memory, on the cores this machine has.
# Prints figures; never fails on a time.
#
# Copyright 2026 The Kanri authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: batch.py [--messages N] [--body-kb K] [--keep PATH] KANRI_CLI HEADERS_DIR
#
# The mbox holds the sample messages of HEADERS_DIR (tests/data/headers)
# in turn, each with a Message-ID of its own (so none is a duplicate) and a
# body padded to about K KB, the size of a typical message with a little
# HTML; 100,000 messages of 15 KB make the ~1.5 GB mbox issue 16 names.
# The first run reads the file from disk; the figures are of the runs after,
# from the page cache, where the analysis and not the disk is measured.

import argparse
import os
import re
import resource
import statistics
import subprocess
import tempfile
import time

MESSAGE_ID = re.compile(rb'^(Message-ID:[ \t]*)<[^>\r\n]*>', re.IGNORECASE | re.MULTILINE)


def samples(headers_dir):
    found = []
    for name in sorted(os.listdir(headers_dir)):
        if not name.endswith('.eml'):
            continue
        with open(os.path.join(headers_dir, name), 'rb') as f:
            data = f.read().replace(b'\r\n', b'\n')
        if not MESSAGE_ID.search(data):
            continue
        head, sep, body = data.partition(b'\n\n')
        found.append((name, head, body))
    return found


def write_mbox(path, messages, body_kb, headers_dir):
    pool = samples(headers_dir)
    filler = (b'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod '
              b'tempor incididunt ut labore et dolore magna aliqua.\n')
    with open(path, 'wb') as out:
        for i in range(messages):
            name, head, body = pool[i % len(pool)]
            head = MESSAGE_ID.sub(b'\\1<bench-%d@kanri.example>' % i, head, count=1)
            padding = filler * max(0, (body_kb * 1024 - len(head) - len(body)) // len(filler))
            # mboxrd: a body line starting with "From " is quoted.
            text = body + padding
            text = re.sub(rb'(?m)^(>*From )', rb'>\1', text)
            out.write(b'From bench@kanri.example Mon Dec  7 10:00:00 2026\n')
            out.write(head + b'\n\n' + text)
            if not text.endswith(b'\n'):
                out.write(b'\n')
            out.write(b'\n')


def one_run(cli, mbox):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    result = subprocess.run([cli, 'analyze', '--batch', '--csv', mbox],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise RuntimeError(f'kanri-cli failed ({result.returncode}): {result.stderr}')
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    # ru_maxrss of the children is the largest any child reached, in KiB.
    return elapsed, cpu, after.ru_maxrss, result.stderr.strip()


def main():
    parser = argparse.ArgumentParser(description='kanri-cli analyze --batch over a generated mbox')
    parser.add_argument('--messages', type=int, default=100000)
    parser.add_argument('--body-kb', type=int, default=15)
    parser.add_argument('--runs', type=int, default=3)
    parser.add_argument('--keep', help='write the mbox here and keep it')
    parser.add_argument('cli')
    parser.add_argument('headers_dir')
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix='kanri-bench-batch-') as tmp:
        mbox = args.keep or os.path.join(tmp, 'bench.mbox')
        if not os.path.exists(mbox):
            start = time.monotonic()
            write_mbox(mbox, args.messages, args.body_kb, args.headers_dir)
            print(f'wrote {mbox}: {os.path.getsize(mbox) / 1e6:.0f} MB in {time.monotonic() - start:.1f} s')
        size = os.path.getsize(mbox)

        one_run(args.cli, mbox)  # from disk into the page cache
        runs = [one_run(args.cli, mbox) for _ in range(args.runs)]
        elapsed = statistics.median(r[0] for r in runs)
        cpu = statistics.median(r[1] for r in runs)
        rss = max(r[2] for r in runs)
        print(f'kanri-cli analyze --batch --csv, {args.messages} messages, {size / 1e6:.0f} MB, '
              f'{os.cpu_count()} cores, median of {args.runs}:')
        print(f'  {elapsed:.2f} s: {args.messages / elapsed:.0f} messages/s, {size / 1e6 / elapsed:.0f} MB/s; '
              f'CPU {cpu:.2f} s ({cpu / elapsed:.2f} cores busy); peak RSS {rss / 1024:.0f} MiB')
        print(f'  its own summary: {runs[-1][3]}')


if __name__ == '__main__':
    main()

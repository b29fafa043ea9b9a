#!/usr/bin/python3
# pyspf-bench.py
#
# Copyright 2026 The Kanri authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The pyspf side of bench-spf: evaluates the converted RFC 7208 suite with
# pyspf (Debian's python3-spf) over the same in-memory zones, answering DNS
# the way the suite's own driver testspf.py does, and prints one JSON line.

import json
import socket
import sys
import time

import spf

zonedata = {}


def load_zone(zone):
    # testspf.py's getrdata(): SPF records double as TXT when a name has no
    # TXT entry; "NONE" is no record; TXT strings are tuples.
    out = {}
    for name, entries in zone.items():
        records = []
        generated = []
        has_txt = False
        for entry in entries:
            if entry == 'TIMEOUT':
                records.append('TIMEOUT')
                continue
            (rtype, value), = entry.items()
            if rtype in ('TXT', 'SPF') and isinstance(value, str):
                value = (value,)
            if rtype in ('TXT', 'SPF'):
                value = tuple(value)
            if rtype == 'MX':
                value = tuple(value)
            if rtype == 'TXT':
                has_txt = True
            elif rtype == 'SPF':
                generated.append(('TXT', value, name))
            if value != ('NONE',):
                records.append((rtype, value, name))
        if not has_txt:
            records.extend(g for g in generated if g[1] != ('NONE',))
        out[name.lower()] = records
    return out


def dns_lookup(name, qtype, strict=True, timeout=None, level=0):
    # testspf.py's DNSLookup().
    try:
        timed_out = True
        labels = []
        for label in name.split('.'):
            if label:
                if len(label) > 63:
                    raise spf.TempError('DNS label too long')
                labels.append(label)
        name = '.'.join(labels)
        for record in zonedata[name.lower()]:
            if record == 'TIMEOUT':
                if timed_out:
                    raise spf.TempError('DNS timeout')
                return
            rtype, value, owner = record
            if rtype == qtype:
                timed_out = False
            if rtype == 'AAAA':
                value = bytes(socket.inet_pton(socket.AF_INET6, value))
            elif rtype in ('TXT', 'SPF'):
                value = tuple(s.encode('utf-8') for s in value)
            yield ((owner, rtype), value)
            if not level and rtype == 'CNAME':
                for answer in dns_lookup(value, qtype, strict, timeout, 1):
                    yield answer
    except KeyError:
        if name.startswith('error.'):
            raise spf.TempError('DNS timeout')


spf.DNSLookup = dns_lookup


def main():
    global zonedata
    with open(sys.argv[1]) as stream:
        suite = json.load(stream)
    rounds = int(sys.argv[2])

    cases = []
    for scenario in suite['scenarios']:
        zone = load_zone(scenario['zone'])
        for test in scenario['tests']:
            cases.append((zone, test))

    agree = 0
    checks = 0
    start = time.perf_counter()
    for _ in range(rounds):
        for zone, test in cases:
            zonedata = zone
            q = spf.query(i=test['host'], s=test['mailfrom'], h=test['helo'], strict=True)
            q.set_default_explanation('DEFAULT')
            result, _code, _explanation = q.check()
            result = {'unknown': 'permerror', 'error': 'temperror'}.get(result, result)
            checks += 1
            if result in test['result']:
                agree += 1
    elapsed = time.perf_counter() - start

    print(json.dumps({'checks': checks, 'seconds': elapsed,
                      'us_per_check': elapsed * 1e6 / checks,
                      'accepted_results': agree // rounds, 'cases': len(cases)}))


if __name__ == '__main__':
    main()

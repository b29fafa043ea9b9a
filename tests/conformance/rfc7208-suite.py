#!/usr/bin/python3
# rfc7208-suite.py
#
# Copyright 2026 The Kanri authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Reads the RFC 7208 test suite that Debian's python3-spf ships (YAML,
# gzipped; BSD-licensed data that stays out of this repository) and prints
# it as JSON for test-spf-conformance: every scenario's zonedata in Kanri's
# zone format (which is the suite's own shape) and its test cases.

import gzip
import json
import sys

try:
    import yaml
except ImportError:
    sys.exit("rfc7208-suite.py: python3-yaml is not installed (apt-get install python3-yaml)")


def zone_value(value):
    # json-glib ends strings at a NUL, so a NUL octet in a record cannot
    # reach the zone loader; U+FFFD stands in for it. Both are outside the
    # visible ASCII that SPF records allow, so the record is refused the
    # same way (the suite's a-null and mx-null cases).
    if isinstance(value, str):
        return value.replace('\0', '\ufffd')
    if isinstance(value, list):
        return [zone_value(item) for item in value]
    return value


def zone(zonedata):
    out = {}
    for name, records in (zonedata or {}).items():
        entries = []
        for record in records:
            if isinstance(record, dict):
                entries.append({t: zone_value(v) for t, v in record.items()})
            else:
                entries.append(record)
        out[str(name)] = entries
    return out


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: rfc7208-suite.py SUITE.yml[.gz]")
    path = sys.argv[1]
    opener = gzip.open if path.endswith('.gz') else open
    with opener(path, 'rb') as stream:
        documents = list(yaml.safe_load_all(stream))

    scenarios = []
    for document in documents:
        tests = []
        for test_id, test in document['tests'].items():
            result = test['result']
            tests.append({
                'id': test_id,
                'spec': str(test.get('spec', '')),
                'host': str(test['host']),
                'mailfrom': str(test.get('mailfrom', '')),
                'helo': str(test.get('helo', '')),
                # The suite accepts alternatives: a list, the first preferred.
                'result': result if isinstance(result, list) else [result],
                'explanation': test.get('explanation'),
            })
        scenarios.append({
            'description': document.get('description', ''),
            'zone': zone(document.get('zonedata')),
            'tests': tests,
        })

    json.dump({'scenarios': scenarios}, sys.stdout)


if __name__ == '__main__':
    main()

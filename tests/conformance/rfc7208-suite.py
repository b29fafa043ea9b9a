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
# zone format (which is the suite's own shape), as text, and its test cases.

import gzip
import json
import sys

try:
    import yaml
except ImportError:
    sys.exit("rfc7208-suite.py: python3-yaml is not installed (apt-get install python3-yaml)")


def zone(zonedata):
    # As JSON text in a string: the driver hands it to the zone loader as
    # written, so that a NUL octet in a record ("\u0000", as in a-null and
    # mx-null) reaches it rather than ending the driver's own parse of it.
    return json.dumps({str(name): records for name, records in (zonedata or {}).items()})


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

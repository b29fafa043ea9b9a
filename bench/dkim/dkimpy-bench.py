#!/usr/bin/python3
# dkimpy-bench.py
#
# Copyright 2026 The Kanri authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The dkimpy side of bench-dkim: signs messages of about 10 KB with the keys
# of tests/data/dkim (dkimpy, Debian's python3-dkim), verifies each ROUNDS
# times with dkimpy over the corpus zone in memory, and prints one JSON
# object: {"zone": {...}, "dkimpy": VERSION, "messages": [{"name", "message" (base64),
# "dkimpy_us"}]}, so that bench-dkim verifies the same messages.
#
#   /usr/bin/python3 bench/dkim/dkimpy-bench.py DATA_DIR ROUNDS

import base64
import importlib.metadata
import json
import os
import sys
import time

import dkim

data = sys.argv[1]
rounds = int(sys.argv[2])
zone = json.load(open(os.path.join(data, 'zone.json')))


def dns(name, timeout=5):
    name = name.decode() if isinstance(name, bytes) else name
    return ''.join(zone[name.rstrip('.').lower()][0]['TXT']).encode()


def key(name):
    return open(os.path.join(data, 'keys', name), 'rb').read().strip()


HEADERS = (b'Received: from mail.example.com (mail.example.com [192.0.2.25])\r\n'
           b'\tby mx.example.net with ESMTPS id 4Tq9; Tue, 14 Nov 2023 22:13:20 +0000\r\n'
           b'From: Taro Yamada <taro@example.com>\r\n'
           b'To: Hanako Suzuki <hanako@example.net>\r\n'
           b'Subject: Quarterly figures, with the tables for every office\r\n'
           b'Date: Tue, 14 Nov 2023 22:13:18 +0000\r\n'
           b'Message-ID: <20231114221318.4242@example.com>\r\n'
           b'MIME-Version: 1.0\r\n'
           b'Content-Type: text/plain; charset="us-ascii"\r\n')
LINE = b'The quarterly figures for the office are  as agreed: \t%04d units sold.\r\n'
BODY = b''.join(LINE % i for i in range(140))
MESSAGE = HEADERS + b'\r\n' + BODY
# The fastest of BATCHES batches, as bench-dkim reports its own: the least
# disturbed by other work on the machine.
BATCHES = 5
SIGNED = [b'from', b'to', b'subject', b'date', b'message-id', b'mime-version', b'content-type']

CASES = [
    ('rsa2048-relaxed', 's2048', key('rsa2048.pem'), b'rsa-sha256', (b'relaxed', b'relaxed')),
    ('rsa2048-simple', 's2048', key('rsa2048.pem'), b'rsa-sha256', (b'simple', b'simple')),
    ('rsa1024-relaxed', 's1024', key('rsa1024.pem'), b'rsa-sha256', (b'relaxed', b'relaxed')),
    ('rsa4096-relaxed', 's4096', key('rsa4096.pem'), b'rsa-sha256', (b'relaxed', b'relaxed')),
    ('ed25519-relaxed', 'sed', key('ed25519.key'), b'ed25519-sha256', (b'relaxed', b'relaxed')),
]

out = []
for name, selector, private, algorithm, canon in CASES:
    signature = dkim.sign(MESSAGE, selector.encode(), b'example.com', private, canonicalize=canon,
                          include_headers=SIGNED, signature_algorithm=algorithm, linesep=b'\r\n')
    message = signature + MESSAGE
    assert dkim.verify(message, dnsfunc=dns)
    best = None
    for _ in range(BATCHES):
        start = time.perf_counter()
        for _ in range(rounds // BATCHES):
            dkim.verify(message, dnsfunc=dns)
        batch = (time.perf_counter() - start) / (rounds // BATCHES)
        best = batch if best is None else min(best, batch)
    out.append({'name': name, 'message': base64.b64encode(message).decode(),
                'dkimpy_us': best * 1e6})

json.dump({'zone': zone, 'dkimpy': importlib.metadata.version('dkimpy'), 'messages': out}, sys.stdout)
sys.stdout.write('\n')

#!/usr/bin/python3
# dkim-differential.py: messages for test-dkim-differential, each signed by
# dkimpy (Debian's python3-dkim) and verified by it.
#
# A fixed seed makes the same messages every run: random header fields and
# bodies (folded lines, trailing white space, empty lines at the end, LF or
# CRLF), signed with RSA-1024, RSA-2048 or Ed25519 keys of tests/data/dkim,
# in any of the four canonicalizations, with l= or without, over-signing
# or not, then changed in one of many ways on the way (or not at all). For
# each it prints dkimpy's verdict on every signature; the test asks Kanri
# for its own and compares. Prints one JSON object on standard output:
#   {"zone": {...}, "now": N, "cases": [{"id", "change", "message" (base64),
#    "dkimpy": [true|false, ...]}]}
#
#   /usr/bin/python3 tests/conformance/dkim-differential.py [COUNT] [SEED]

import base64
import json
import os
import random
import sys

import dkim

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, '..', 'data', 'dkim')
SIGNED_AT = 1700000000
NOW = SIGNED_AT + 3600

dkim.time.time = lambda: SIGNED_AT

ZONE = json.load(open(os.path.join(DATA, 'zone.json')))


def dns(name, timeout=5):
    name = name.decode() if isinstance(name, bytes) else name
    records = ZONE.get(name.rstrip('.').lower())
    if not records or records == ['TIMEOUT']:
        return None
    return ''.join(records[0]['TXT']).encode()


def key(name):
    return open(os.path.join(DATA, 'keys', name), 'rb').read()


SIGNERS = [
    ('s1024', key('rsa1024.pem'), b'rsa-sha256'),
    ('s2048', key('rsa2048.pem'), b'rsa-sha256'),
    ('sed', key('ed25519.key').strip(), b'ed25519-sha256'),
]

WORDS = ('quarterly figures report meeting Tokyo Osaka invoice attached please '
         'review the draft before Friday regards thanks budget approval').split()


def words(rng, n):
    return ' '.join(rng.choice(WORDS) for _ in range(n))


def body_lines(rng):
    lines = []
    for _ in range(rng.randint(0, 12)):
        kind = rng.random()
        if kind < 0.15:
            lines.append(b'')
        elif kind < 0.3:
            lines.append(words(rng, rng.randint(1, 8)).encode() + rng.choice([b' ', b'\t', b'  \t']))
        elif kind < 0.4:
            lines.append(b'  ' + words(rng, 3).encode().replace(b' ', b'\t ', 1))
        else:
            lines.append(words(rng, rng.randint(1, 14)).encode())
    lines += [b''] * rng.choice([0, 0, 1, 3])
    return lines


def header_fields(rng):
    subject = words(rng, rng.randint(1, 12)).encode()
    if len(subject) > 40 and rng.random() < 0.5:
        cut = subject.index(b' ', 30) if b' ' in subject[30:] else len(subject)
        subject = subject[:cut] + b'\r\n\t' + subject[cut:].lstrip()
    fields = [
        b'Received: from mail.example.com (mail.example.com [192.0.2.25])\r\n'
        b'\tby mx.example.net with ESMTPS id 4Tq9; Tue, 14 Nov 2023 22:13:20 +0000',
        b'From: Taro Yamada <taro@example.com>',
        b'To: Hanako Suzuki <hanako@example.net>',
        b'Subject:' + rng.choice([b' ', b'  ', b'\t']) + subject + rng.choice([b'', b' ']),
        b'Date: Tue, 14 Nov 2023 22:13:18 +0000',
        b'Message-ID: <%d@example.com>' % rng.randint(1, 10 ** 9),
        b'MIME-Version: 1.0',
        b'Content-Type: text/plain; charset="us-ascii"',
    ]
    for i in range(rng.randint(0, 3)):
        fields.append(b'X-Tag: ' + words(rng, 2).encode())
    return fields


def change(rng, message):
    """One change on the way, or none; returns (name, message)."""
    head, body = message.split(b'\r\n\r\n', 1)
    choice = rng.choice(['none', 'none', 'none', 'body-append', 'body-banner', 'body-space',
                         'body-empty-lines', 'body-lf', 'subject', 'subject-case-name',
                         'header-rewrap', 'header-space', 'add-field', 'add-subject',
                         'reorder', 'remove-to', 'body-truncate'])
    if choice == 'body-append':
        body += words(rng, 6).encode() + b'\r\n'
    elif choice == 'body-banner':
        body = b'[EXTERNAL] ' + words(rng, 5).encode() + b'\r\n\r\n' + body
    elif choice == 'body-space':
        body = body.replace(b' ', b'  ', 1) if b' ' in body else body + b' \r\n'
    elif choice == 'body-empty-lines':
        body += b'\r\n\r\n'
    elif choice == 'body-lf':
        return choice, (head + b'\r\n\r\n' + body).replace(b'\r\n', b'\n')
    elif choice == 'subject':
        head = head.replace(b'\r\nSubject:', b'\r\nSubject: [EXT]', 1)
    elif choice == 'subject-case-name':
        head = head.replace(b'\r\nSubject:', b'\r\nSUBJECT:', 1)
    elif choice == 'header-rewrap':
        head = head.replace(b'\r\nTo: Hanako Suzuki', b'\r\nTo: Hanako\r\n Suzuki', 1)
    elif choice == 'header-space':
        head = head.replace(b'\r\nFrom: Taro Yamada', b'\r\nFrom:  Taro   Yamada ', 1)
    elif choice == 'add-field':
        head += b'\r\nX-Gateway: scanned'
    elif choice == 'add-subject':
        head += b'\r\nSubject: another subject'
    elif choice == 'reorder':
        lines = head.split(b'\r\n')
        fields = []
        for line in lines:
            if line[:1] in (b' ', b'\t') and fields:
                fields[-1] += b'\r\n' + line
            else:
                fields.append(line)
        signature = [f for f in fields if f.lower().startswith(b'dkim-signature')]
        rest = [f for f in fields if not f.lower().startswith(b'dkim-signature')]
        rng.shuffle(rest)
        head = b'\r\n'.join(signature + rest)
    elif choice == 'remove-to':
        lines = head.split(b'\r\n')
        head = b'\r\n'.join(l for l in lines if not l.startswith(b'To:'))
    elif choice == 'body-truncate':
        body = body[:len(body) // 2]
    return choice, head + b'\r\n\r\n' + body


def make_case(rng, number):
    fields = header_fields(rng)
    lines = body_lines(rng)
    message = b'\r\n'.join(fields) + b'\r\n\r\n' + b''.join(l + b'\r\n' for l in lines)
    n_signatures = rng.choice([1, 1, 1, 2])
    signed = [b'from', b'to', b'subject', b'date', b'message-id']
    for _ in range(n_signatures):
        selector, private, algorithm = rng.choice(SIGNERS)
        canon = (rng.choice([b'simple', b'relaxed']), rng.choice([b'simple', b'relaxed']))
        include = signed + rng.sample([b'mime-version', b'content-type', b'x-tag', b'reply-to'], rng.randint(0, 3))
        line = dkim.sign(message, selector.encode(), b'example.com', private, canonicalize=canon,
                         include_headers=include, length=rng.random() < 0.25,
                         signature_algorithm=algorithm, linesep=b'\r\n')
        message = line + message
    name, message = change(rng, message)
    d = dkim.DKIM(message, minkey=1024)
    verdicts = []
    for idx in range(n_signatures):
        try:
            verdicts.append(bool(d.verify(idx=idx, dnsfunc=dns)))
        except dkim.DKIMException:
            verdicts.append(False)
    return {'id': '%03d' % number, 'change': name,
            'message': base64.b64encode(message).decode(), 'dkimpy': verdicts}


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 8617
    rng = random.Random(seed)
    cases = [make_case(rng, i) for i in range(count)]
    json.dump({'now': NOW, 'zone': ZONE, 'cases': cases}, sys.stdout)
    sys.stdout.write('\n')


main()

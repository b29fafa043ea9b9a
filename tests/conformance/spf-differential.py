#!/usr/bin/python3
# spf-differential.py
#
# Copyright 2026 The Kanri authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Generates SPF cases from a fixed seed, runs pyspf (Debian's python3-spf)
# on each with its DNS answered from the case's zone, and prints them as
# JSON for test-spf-differential, which runs Kanri on the same zones and
# compares. The zones use Kanri's zone format, which is the RFC 7208 test
# suite's; the lookup below answers as KanriZoneResolver does. The cases
# cover syntax errors (after a lookup that times out, too), void lookups,
# include and redirect loops, the 10-lookup limit, redirect=, exp=, IPv4,
# IPv4-mapped and IPv6 clients, macros, and NUL octets in records.
#
# Where pyspf departs from RFC 7208, pyspf is run again with those
# departures corrected (KNOWN_DIFFERENCES), and test-spf-differential
# accepts Kanri's result when it is the corrected one. Areas where RFC 7208
# leaves room for either answer are kept out of the zones instead:
# - MX hosts always have both an A and an AAAA record: pyspf counts an MX
#   host without addresses as a void lookup, which §4.6.4 ("terms" whose
#   queries find nothing) does not settle either way.
# - Delimiters other than "." appear only with %{l}: pyspf joins the parts
#   of the other letters with the delimiter instead of "." (§7.3).
# - No ptr mechanism and no %{p}: RFC 7208 §5.5 says not to use them.
# - At most one DNS-querying term before a redirect= in a record: pyspf
#   counts redirect= against the 10-lookup limit as soon as it parses it,
#   even when a mechanism matches first; §4.6.4 counts the terms evaluated.

import ipaddress
import json
import random
import sys

try:
    import spf
except ImportError:
    sys.exit("spf-differential.py: python3-spf is not installed (apt-get install python3-spf)")

SEED = 7208
CASES = 1500

CLIENTS4 = ['192.0.2.10', '198.51.100.7', '::ffff:192.0.2.10']
CLIENTS6 = ['2001:db8::10', '2001:db8:1:2::7']
OTHER4 = ['203.0.113.5', '192.0.2.99']
OTHER6 = ['2001:db8:ffff::1', '2001:db8::99']

HOSTS = ['example.com', 'a.example.com', 'b.example.com', 'c.example.org',
         'd.example.net', 'mx1.example.com', 'mx2.example.org']
RECORD_NAMES = ['example.com', 'a.example.com', 'b.example.com', 'c.example.org',
                'd.example.net']
MISSING = ['nx1.example.com', 'nx2.example.net', 'nx3.example.org']
# Valid domain-specs that expand to names no query can be made of (§4.3).
MALFORMED = ['x..example.com', 'l' * 64 + '.example.com', '%{l}.' + 'q' * 60 + '.example.com']
EMPTY = 'empty.example.com'
SLOW = 'slow.example.com'
EXPLAIN = 'why.example.com'
QUALIFIERS = ['', '', '', '+', '-', '~', '?']

SYNTAX_ERRORS = [
    'foo', 'foo:example.com', 'a:foo.123', 'ip4:192.0.2.1/33', 'ip6:2001:db8::/129',
    'a/33', 'mx//129', 'a:example.com/x', 'ip4:1.2.3', 'ip4:1.2.3.256', 'ip4:01.2.3.4',
    'exists', 'include', 'exists:%{x}.example.com', 'a:%', 'a:%{d', 'a:%{d0}.example.com',
    'exists:%{c}.example.com', 'include:%{t}.example.com', '1x=foo', '=a', '-all:x',
    'a:example.com:80', 'include:example.com/24', 'redirect=', 'exp=', 'all/24',
    'ip6:2001:db8::1//64', 'ip4:192.0.2.1//64', 'exists:example.com/24', 'mx:example.com//',
    'a:foo.example.com\0', 'foo=%{q}', 'foo=%', 'a:.', 'a:%{ir}', 'ip6:2001:db8:::1',
    'redirect=a.example.com redirect=b.example.com', 'exp=why.example.com exp=why.example.com',
    'include:example.com..', 'a:%{d}.%', 'ptr:%{l}.example.com.%{x}', 'mx:%%%x.example.com',
    'foo=%{c}', 'moo=%{r}.x', 'x=%{t}', 'a:%{C}.example.com', 'exists:%{i0}.example.com',
    'a:%{ir5r}.example.com', 'ip4:192.0.2.1/', 'ip6:', 'a:', 'mx:/24', 'a:example.com/032',
    'ip4:192.0.2.1/032', 'all:', '+-all', 'a:%{d}%{', 'redirect=example.com/24',
    'exp=why.example.com/24', '_foo=bar', 'foo_bar=%{x}', 'ip4:192.0.2.1/+8', 'a:example.com:',
    'exists:%{l}%', 'a:%{d}.%{o', 'x=%{d}}', 'a:%{dr-x}.example.com', 'v=spf1', 'redirect=%{c}',
    'exp=%{t}.example.com', 'include:%{s}', 'a:example.com//', 'mx/24/', 'ip6:2001:db8::1/64/',
]


def queries_dns(term):
    name = term.lstrip('+-~?').split(':')[0].split('/')[0].lower()
    return name in ('a', 'mx', 'include', 'exists', 'ptr')


class Lookup:
    """Answers pyspf's queries from a zone as KanriZoneResolver does, for
    what the generated zones hold: no CNAME, no SPF type, no "NONE"."""

    def __init__(self, zone):
        self.zone = {name.lower(): entries for name, entries in zone.items()}

    def __call__(self, name, qtype, strict=True, timeout=None):
        entries = self.zone.get(name.lower().rstrip('.'))
        if entries is None:
            return []
        answers = []
        timed_out = False
        for entry in entries:
            if entry == 'TIMEOUT':
                timed_out = True
                continue
            (rtype, value), = entry.items()
            if rtype == qtype:
                answers.append(((name, rtype), self.value(rtype, value)))
        if not answers and timed_out:
            raise spf.TempError('DNS timeout')
        return answers

    @staticmethod
    def value(rtype, value):
        if rtype == 'TXT':
            strings = value if isinstance(value, list) else [value]
            return tuple(s.encode('utf-8') for s in strings)
        if rtype == 'MX':
            return (value[0], value[1])
        return value


# pyspf's departures from RFC 7208, each with a variant that corrects it.
KNOWN_DIFFERENCES = [
    {
        'name': 'pyspf-truncates-one-label',
        'rfc': '§7.3',
        'why': 'An expanded domain name longer than 253 characters loses '
               'successive labels on the left until it fits (RFC 7208 §7.3); '
               'pyspf removes only the first label, so a name built from '
               'several %{i} of an IPv6 client stays too long and is looked '
               'up as a name that does not exist.',
    },
    {
        'name': 'pyspf-lax-macro-syntax',
        'rfc': '§7.1',
        'why': 'Every "%" starts a macro-expand (RFC 7208 §7.1), so "%%%x" is '
               '"%%" and then a bad "%x", and a number of parts must not be '
               'zero (§7.3, "%{d0}"); pyspf accepts both.',
    },
    {
        'name': 'pyspf-lax-explanation-text',
        'rfc': '§6.2',
        'why': 'An explanation is visible ASCII and spaces (explain-string, RFC '
               '7208 §7.1), and one with a syntax error is no explanation '
               '(§6.2); pyspf accepts any character, a NUL included.',
    },
    {
        'name': 'pyspf-refuses-self-include',
        'rfc': '§5.2',
        'why': 'pyspf makes "include:" of the current domain a permerror while '
               'parsing the record; RFC 7208 evaluates the terms in order '
               '(§4.6.2, §5.2), so a term before it can match or fail with a '
               'temperror, and only the 10-lookup limit (§4.6.4) ends the loop.',
    },
]

_active = set()
_original_expand = spf.query.expand
_original_validate = spf.query.validate_mechanism


def macro_syntax_error(text):
    """Where text breaks RFC 7208 §7.1's macro-string, or None."""
    i = 0
    while i < len(text):
        if text[i] != '%':
            i += 1
            continue
        following = text[i + 1:i + 2]
        if following in ('%', '_', '-'):
            i += 2
            continue
        end = text.find('}', i)
        body = text[i + 2:end] if following == '{' and end > 0 else None
        letter = body[:1].lower() if body else ''
        if not letter or letter not in 'slodiphcrtv':
            return text[i:]
        digits = body[1:len(body) - len(body[1:].lstrip('0123456789'))]
        rest = body[1 + len(digits):]
        if rest[:1] in ('r', 'R'):
            rest = rest[1:]
        if (digits and int(digits) == 0) or any(c not in '.-+,/_=' for c in rest):
            return text[i:]
        i = end + 1
    return None


def _expand(self, text, stripdot=True):
    if 'pyspf-lax-macro-syntax' in _active and macro_syntax_error(text) is not None:
        raise spf.PermError('invalid macro', macro_syntax_error(text))
    if 'pyspf-lax-explanation-text' in _active and not stripdot and \
       any(not ' ' <= c <= '~' for c in text):
        raise spf.PermError('invalid explanation', text)
    result = _original_expand(self, text, stripdot)
    if 'pyspf-truncates-one-label' in _active and stripdot:
        while len(result) > 253 and '.' in result:
            result = result[result.index('.') + 1:]
    return result


def _validate_mechanism(self, mech):
    try:
        return _original_validate(self, mech)
    except spf.PermError as error:
        if 'pyspf-refuses-self-include' not in _active or \
           error.msg != 'include has trivial recursion':
            raise
    qualifier = mech[0] if mech[0] in '+-~?' else '+'
    target = self.expand_domain(mech.split(':', 1)[1])
    return mech, 'include', target, self.cidrmax, spf.RESULTS[qualifier]


spf.query.expand = _expand
spf.query.validate_mechanism = _validate_mechanism


def run_pyspf(case, corrections=()):
    _active.clear()
    _active.update(corrections)
    spf.DNSLookup = Lookup(json.loads(case['zone']))
    query = spf.query(i=case['ip'], s=case['sender'], h=case['helo'],
                      receiver='receiver.example', strict=True)
    query.set_default_explanation('DEFAULT')
    result, _, explanation = query.check()
    outcome = {'result': result}
    if result == 'fail':
        outcome['explanation'] = explanation
    return outcome


def corrected_outcome(case):
    """pyspf's outcome with all its known differences corrected, and the
    differences that make it differ, when it differs from pyspf's own."""
    names = [difference['name'] for difference in KNOWN_DIFFERENCES]
    corrected = run_pyspf(case, names)
    if corrected == case['pyspf']:
        return None
    # A difference matters when correcting all the others is not enough, or,
    # where any one correction is enough, when it changes pyspf's outcome.
    differences = [name for name in names if run_pyspf(case, set(names) - {name}) != corrected]
    if not differences:
        differences = [name for name in names if run_pyspf(case, [name]) != case['pyspf']]
    corrected['differences'] = differences
    return corrected


class Case:
    """One zone and one query, built at random from a family."""

    def __init__(self, rng, family):
        self.rng = rng
        self.ipv6 = rng.random() < 0.45
        self.ip = rng.choice(CLIENTS6 if self.ipv6 else CLIENTS4)
        self.local = rng.choice(['user', 'first.last', 'a-b', 'postmaster'])
        self.sender_domain = rng.choice(['example.com', 'example.com', 'a.example.com'])
        self.helo = rng.choice(['mail.example.com', 'helo.example.org'])
        self.zone = {}
        self.family = family
        self.add_hosts()
        getattr(self, 'family_' + family)()

    def pick(self, items):
        return self.rng.choice(items)

    def add(self, name, entry):
        self.zone.setdefault(name, []).append(entry)

    def client_address(self):
        address = self.ip
        if address.startswith('::ffff:'):
            address = address[len('::ffff:'):]
        return address

    def add_hosts(self):
        for host in HOSTS:
            if host.startswith('mx') or self.rng.random() < 0.7:
                self.add(host, {'A': self.pick(OTHER4 + [self.client_address()] if not self.ipv6
                                               else OTHER4)})
            if host.startswith('mx') or self.rng.random() < 0.7:
                self.add(host, {'AAAA': self.pick(OTHER6 + [self.ip] if self.ipv6 else OTHER6)})
        for name in RECORD_NAMES:
            if self.rng.random() < 0.6:
                self.add(name, {'MX': [10, self.pick(['mx1.example.com', 'mx2.example.org'])]})
        self.add(EMPTY, {'MX': [0, 'mx1.example.com']})
        self.add(SLOW, 'TIMEOUT')
        explanation = self.pick(['Denied %{i} for %{d}', 'See %{c} via %{r}',
                                 'Not %{l} at %{o}', 'bad %{x} macro', 'plain text',
                                 'Denied\0 here'])
        self.add(EXPLAIN, {'TXT': explanation})

    # Terms

    def network_term(self):
        if self.rng.random() < 0.5:
            address = self.pick(['192.0.2.10', '192.0.2.0', '198.51.100.7', '203.0.113.5'])
            cidr = self.pick(['', '', '/24', '/32', '/16', '/0'])
            return 'ip4:' + address + cidr
        address = self.pick(['2001:db8::10', '2001:db8::', '2001:db8:1:2::7', '2001:db8:ffff::1'])
        cidr = self.pick(['', '', '/32', '/64', '/128', '/0'])
        return 'ip6:' + address + cidr

    def target(self):
        return self.pick(HOSTS + HOSTS + MISSING + MALFORMED + [EMPTY, SLOW])

    def macro_target(self):
        return self.pick(['%{i}.m.example.com', '%{ir}.%{v}.m.example.com',
                          '%{l}.u.%{d2}', '%{o}.o.example.net', '%{h}.h.example.org',
                          '%{d2}', '%{l1r-}.u.example.com', '%{ir}.%{v}._spf.%{d2}',
                          '%{i}.%{i}.%{i}.%{i}.long.example.com',
                          '%{ir}.%{i}.%{ir}.%{i}.%{l}.long.example.com'])

    def dns_term(self, kind=None):
        kind = kind or self.pick(['a', 'a', 'mx', 'include', 'exists', 'exists'])
        if kind == 'a':
            tail = self.pick(['', ':' + self.target(), '/24', '//64', ':' + self.target() + '/24//48'])
            return 'a' + tail
        if kind == 'mx':
            return 'mx' + self.pick(['', ':' + self.pick(RECORD_NAMES + MISSING + [EMPTY]), '/24'])
        if kind == 'include':
            return 'include:' + self.pick(RECORD_NAMES + MISSING + MALFORMED + [SLOW, EMPTY])
        return 'exists:' + self.pick([self.target(), self.macro_target()])

    def term(self):
        roll = self.rng.random()
        if roll < 0.3:
            return self.pick(QUALIFIERS) + self.network_term()
        if roll < 0.9:
            return self.pick(QUALIFIERS) + self.dns_term()
        return self.pick(QUALIFIERS) + 'all'

    def record(self, terms, redirect=None, exp=None):
        modifiers = []
        if redirect:
            modifiers.append('redirect=' + redirect)
        if exp:
            modifiers.append('exp=' + exp)
        self.rng.shuffle(modifiers)
        return ' '.join(['v=spf1'] + terms + modifiers)

    def set_record(self, name, text):
        self.add(name, {'TXT': text})

    def expanded(self, template):
        """The RFC 7208 §7.3 expansion of the few macro forms used here."""
        if self.ipv6:
            i = '.'.join(ipaddress.IPv6Address(self.ip).exploded.replace(':', '').upper())
        else:
            i = self.client_address()
        values = {
            'i': i, 'ir': '.'.join(reversed(i.split('.'))), 'v': 'ip6' if self.ipv6 else 'in-addr',
            'l': self.local, 'o': self.sender_domain,
            'd2': '.'.join(self.sender_domain.split('.')[-2:]), 'h': self.helo,
            'l1r-': self.local.split('-')[0],
        }
        result = template
        for key in sorted(values, key=len, reverse=True):
            result = result.replace('%{' + key + '}', values[key])
        while len(result) > 253 and '.' in result:
            result = result[result.index('.') + 1:]
        return result

    def add_macro_targets(self):
        for template in ['%{i}.m.example.com', '%{ir}.%{v}.m.example.com', '%{l}.u.%{d2}',
                         '%{o}.o.example.net', '%{h}.h.example.org', '%{l1r-}.u.example.com',
                         '%{i}.%{i}.%{i}.%{i}.long.example.com',
                         '%{ir}.%{i}.%{ir}.%{i}.%{l}.long.example.com']:
            if self.rng.random() < 0.6:
                name = self.expanded(template)
                self.add(name, {'A': '127.0.0.2'})
                if self.rng.random() < 0.7:
                    self.set_record(name, self.pick(['v=spf1 +all', 'v=spf1 -all',
                                                     'v=spf1 ' + self.network_term() + ' ~all']))

    # Families

    def family_mixed(self):
        self.add_macro_targets()
        for name in RECORD_NAMES:
            if self.rng.random() < 0.8:
                terms = [self.term() for _ in range(self.rng.randint(0, 5))]
                redirect = None
                if self.rng.random() < 0.25 and sum(map(queries_dns, terms)) <= 1:
                    redirect = self.pick(RECORD_NAMES + MISSING + [SLOW])
                exp = EXPLAIN if self.rng.random() < 0.3 else None
                self.set_record(name, self.record(terms, redirect, exp))

    def family_syntax(self):
        self.add_macro_targets()
        for name in RECORD_NAMES[1:]:
            text = self.record([self.term() for _ in range(self.rng.randint(0, 3))])
            if self.rng.random() < 0.1:
                text = text.replace('v=spf1', 'v=spf1\0', 1)
            self.set_record(name, text)
        terms = [self.term() for _ in range(self.rng.randint(0, 4))]
        if self.rng.random() < 0.6:
            terms.insert(0, self.pick(['a:' + SLOW, 'exists:' + SLOW, 'include:' + SLOW,
                                       'mx:' + SLOW]))
        terms.insert(self.rng.randint(0, len(terms)), self.pick(SYNTAX_ERRORS))
        self.set_record('example.com', self.record(terms))
        self.sender_domain = 'example.com'

    def family_void(self):
        terms = []
        for _ in range(self.rng.randint(1, 5)):
            kind = self.pick(['a', 'mx', 'exists', 'include'])
            target = self.pick(MISSING + MALFORMED + [EMPTY, 'a.example.com'])
            terms.append(self.pick(QUALIFIERS) + kind + ':' + target)
        terms.append(self.pick(['-all', '~all', '+all', self.network_term()]))
        self.set_record('example.com', self.record(terms))
        self.set_record('a.example.com', 'v=spf1 a:nx1.example.com ?all')
        self.sender_domain = 'example.com'

    def family_loop(self):
        names = RECORD_NAMES[:self.rng.randint(2, 4)]
        for index, name in enumerate(names):
            following = names[(index + 1) % len(names)]
            terms = [self.term() for _ in range(self.rng.randint(0, 2))]
            if self.rng.random() < 0.5:
                terms.append('include:' + following)
                self.set_record(name, self.record(terms))
            else:
                self.set_record(name, self.record(terms[:1], redirect=following))
        self.sender_domain = 'example.com'

    def family_limit(self):
        chain = self.rng.randint(1, 4)
        for depth in range(chain):
            name = RECORD_NAMES[depth]
            count = self.rng.randint(1, 6)
            terms = [self.dns_term(self.pick(['a', 'mx', 'exists']))
                     for _ in range(count)]
            if depth + 1 < chain:
                terms.insert(self.rng.randint(0, len(terms)), 'include:' + RECORD_NAMES[depth + 1])
            terms.append(self.pick(['', '-all', '?all', self.network_term()]))
            self.set_record(name, self.record([t for t in terms if t]))
        self.sender_domain = 'example.com'

    def family_macro(self):
        self.add_macro_targets()
        terms = []
        for _ in range(self.rng.randint(1, 3)):
            kind = self.pick(['exists', 'include', 'a'])
            terms.append(self.pick(QUALIFIERS) + kind + ':' + self.macro_target())
        terms.append(self.pick(['-all', '~all', '', '?all']))
        exp = EXPLAIN if self.rng.random() < 0.4 else None
        self.set_record('example.com', self.record([t for t in terms if t], exp=exp))
        self.sender_domain = 'example.com'

    def to_json(self, index):
        return {
            'id': '%s-%d' % (self.family, index),
            'zone': json.dumps(self.zone, sort_keys=True),
            'ip': self.ip,
            'sender': self.local + '@' + self.sender_domain,
            'helo': self.helo,
        }


FAMILIES = ['mixed', 'mixed', 'syntax', 'void', 'loop', 'limit', 'macro', 'macro']


def main():
    rng = random.Random(SEED)
    cases = []
    for index in range(CASES):
        case = Case(rng, FAMILIES[index % len(FAMILIES)]).to_json(index)
        case['pyspf'] = run_pyspf(case)
        corrected = corrected_outcome(case)
        if corrected is not None:
            case['corrected'] = corrected
        cases.append(case)
    json.dump({
        'known_differences': KNOWN_DIFFERENCES,
        'cases': cases,
    }, sys.stdout)


if __name__ == '__main__':
    main()

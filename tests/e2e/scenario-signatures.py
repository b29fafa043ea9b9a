# The Header Analyzer verifies a message's DKIM signature again: a message
# as signed passes, and one whose body a gateway changed (a banner) fails,
# and the section says the body changed. Keys come from the KANRI_DNS_ZONE
# test zone (tests/meson.build), so no query leaves the machine.
#
# Copyright 2026 The Kanri authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os

LANGUAGES = ['C', 'ja']

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'data', 'dkim', 'messages')
ARGS = [os.path.realpath(os.path.join(DATA, name))
        for name in ('rsa2048-relaxed-relaxed.eml', 'body-banner.eml')]


def signature_title(app):
    return app.tr('%s, selector %s').replace('%s', 'example.com', 1).replace('%s', 's2048', 1)


def show_input(app, name):
    app.find('label', name, timeout=30).click_at()
    app.settle(0.5)


def run(app):
    passed = app.tr('Pass', 'signature result')
    failed = app.tr('Fail', 'signature result')

    # As signed: the signature verifies.
    show_input(app, 'rsa2048-relaxed-relaxed.eml')
    app.find('label', app.tr('Signatures'), timeout=30)
    title = app.find('label', signature_title(app), timeout=30)
    app.scroll_into_view(title)
    app.find('label', passed, timeout=10)
    app.screenshot('verified')

    # A banner added to the body: the body hash no longer matches.
    show_input(app, 'body-banner.eml')
    title = app.find('label', signature_title(app), timeout=30)
    app.scroll_into_view(title)
    app.find('label', failed, timeout=10)
    body = app.tr('The body hash does not match: the body was changed after it was signed.')
    reasons = [n for n in app.find_all('label') if body in (n.name or '')]
    if not reasons:
        raise AssertionError('no label names the changed body')
    app.screenshot('body-changed')
    app.quit()

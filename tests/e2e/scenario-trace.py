# The message trace beside the hops, on the demo tenant: Run Trace on an
# analyzed message asks Exchange Online (here the emulator, whose seed holds
# this sample's trace) and shows the service's events among the hops.
#
# Copyright 2026 The Kanri authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os

LANGUAGES = ['C', 'ja']

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'data', 'headers')
ARGS = [os.path.realpath(os.path.join(DATA, 'plain-inbound.eml'))]


def run(app):
    app.find('label', 'plain-inbound.eml', timeout=30)
    app.find('label', app.tr('Message Trace'), timeout=30)
    button = app.find('push button', app.tr('_Run Trace'), timeout=30)
    app.scroll_into_view(button)
    # The demo tenant connects on its own; until then the trace says so.
    for _ in range(60):
        if button.sensitive():
            break
        app.settle(0.5)
    button.click()

    status = app.tr('Exchange Online traced the message to %s (%s).')
    status = status.replace('%s', 'hanako@contoso.example', 1).replace('%s', 'Delivered', 1)
    label = app.find('label', status, timeout=60)
    # The service's own event names, among the Received hops.
    for event in ('Receive', 'Spam filter verdict', 'Deliver'):
        app.find('label', event, timeout=10)
    app.find('label', app.tr('Hop %u: %s').replace('%u', '5', 1)
             .replace('%s', 'OS3P286MB5678.JPNP286.PROD.OUTLOOK.COM', 1), timeout=10)
    app.scroll_into_view(label)
    app.screenshot('traced')
    app.quit()

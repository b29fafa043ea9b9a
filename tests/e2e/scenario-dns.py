# DNS & IP Tools: an SPF check against a zone file (the KANRI_DNS_ZONE test
# hook), its result and trace; the Exchange Online Protection ranges looked
# up "live" in the same zone; an IP classified; then an NDR line decoded on
# the Delivery & NDR page.
#
# Copyright 2026 The Kanri authors
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import time

import pyatspi

from kanri_e2e import E2EFailure

LANGUAGES = ['C', 'ja']

# kanri_ip_class_get_label (KANRI_IP_CLASS_RELAY_POOL)
RELAY_POOL_LABEL = 'Exchange Online relay pool'

ENV = {
    'KANRI_DNS_ZONE': os.path.join(os.environ['KANRI_TEST_DATA'], 'zones', 'dns-page.json'),
}


def extents(node):
    return node.acc.queryComponent().getExtents(pyatspi.WINDOW_COORDS)


def scroll_into_view(app, node):
    """Scrolls the page with the mouse wheel until @node is inside the window."""
    _, _, width, height = extents(app.frame)
    for _ in range(80):
        _, y, _, h = extents(node)
        if 60 <= y and y + h <= height - 20:
            return
        app.xdotool('mousemove', '--window', app.window_id, str(width - 40), str(height // 2),
                    'click', '5' if y + h > height - 20 else '4')
        app.settle(0.05)
    app.settle()


def find_prefix(app, role, prefix, timeout=20):
    deadline = time.monotonic() + timeout
    while True:
        for node in app.find_all(role):
            if node.name.startswith(prefix) and node.showing():
                return node
        if time.monotonic() > deadline:
            raise E2EFailure(f'no {role} starting with {prefix!r}')
        time.sleep(0.2)


def run(app):
    app.find('label', '50', timeout=30)
    app.show_page('DNS & IP Tools')

    # The hook is never silent: the page says where its answers come from.
    find_prefix(app, 'label', app.tr('DNS answers come from the zone file %s (%s), not from the network.')
                .split('%s')[0])

    app.find('text', app.tr('Domain')).type('contoso.example')
    app.find('text', app.tr('Sending IP Address')).type('203.0.113.5')
    app.screenshot('spf-form')
    app.find('push button', app.tr('Check _SPF')).click()

    result = app.tr('%s: %s').replace('%s', app.tr('Fail', 'spf-result'), 1) \
        .replace('%s', app.tr('This IP address is not authorized to send for the domain.'), 1)
    result_label = app.find('label', result, timeout=20)
    app.find('label', app.tr('%u of %u, of which void: %u of %u')
             .replace('%u', '3', 1).replace('%u', '10', 1).replace('%u', '0', 1).replace('%u', '2', 1))
    app.find('label', '203.0.113.5 is not one of contoso.example\'s mail servers')

    # The trace: the include, the record it leads to, and that record's include.
    for subject in ('contoso.example', 'include:spf.protection.outlook.com',
                    'spf.protection.outlook.com', 'include:spf2.protection.outlook.com'):
        app.find('label', subject)
    scroll_into_view(app, result_label)
    app.screenshot('spf-result')
    scroll_into_view(app, app.find('label', 'include:spf.protection.outlook.com'))
    app.screenshot('spf-trace')

    # The ranges were looked up in the zone as the page opened.
    live = find_prefix(app, 'label', app.tr('Live, resolved at %s').split('%s')[0])
    scroll_into_view(app, live)
    app.screenshot('ranges')

    ip = app.find('text', app.tr('IP Address to Classify'))
    scroll_into_view(app, ip)
    ip.type('40.95.7.8')
    template = app.tr('%s: %s\n%s').split('%s')
    classification = find_prefix(app, 'label', template[0] + app.tr(RELAY_POOL_LABEL) + template[1])
    scroll_into_view(app, classification)
    app.screenshot('ip')

    # The NDR decoder on the Delivery & NDR page.
    app.show_page('Delivery & NDR')
    entry = app.find('text', app.tr('NDR Line or Status Code'))
    scroll_into_view(app, entry)
    entry.type('550 5.7.708 Access denied, traffic not accepted from this IP')
    code = json.loads(app.kanri_cli('ndr', '--json', '5.7.708'))
    app.find('label', app.tr('%s (SMTP %u) — %s').replace('%s', '5.7.708', 1)
             .replace('%u', '550', 1).replace('%s', code['title'], 1))
    scroll_into_view(app, app.find('label', code['meaning']))
    app.screenshot('ndr')

    entry.click_at()
    app.key('ctrl+a')
    app.type_text('5.9.99')
    unknown = json.loads(app.kanri_cli('ndr', '--json', '5.9.99'))
    notice = app.find('label', app.tr('%s is not in Kanri’s table. %s').replace('%s', '5.9.99', 1)
                      .replace('%s', unknown['class'], 1))
    scroll_into_view(app, notice)
    app.screenshot('ndr-unknown')
    app.quit()

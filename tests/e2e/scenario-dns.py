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

from kanri_e2e import E2EFailure

LANGUAGES = ['C', 'ja']

# kanri_ip_class_get_label (KANRI_IP_CLASS_RELAY_POOL)
RELAY_POOL_LABEL = 'Exchange Online relay pool'

ENV = {
    'KANRI_DNS_ZONE': os.path.join(os.environ['KANRI_TEST_DATA'], 'zones', 'dns-page.json'),
}


def scroll_into_view(app, node):
    app.scroll_into_view(node, steps=80)


def find_prefix(app, role, prefix, timeout=20):
    deadline = time.monotonic() + timeout
    while True:
        for node in app.find_all(role):
            if node.name.startswith(prefix) and node.showing():
                return node
        if time.monotonic() > deadline:
            raise E2EFailure(f'no {role} starting with {prefix!r}')
        time.sleep(0.2)


def find_together(app, role, names, timeout=20):
    """Waits for nodes of @role with each of @names (a name ending in '…' is a
    prefix), in one walk of the window per try: each walk is slow."""
    deadline = time.monotonic() + timeout
    while True:
        nodes = [node for node in app.find_all(role) if node.showing()]
        found = {}
        for name in names:
            for node in nodes:
                if node.name == name or (name.endswith('…') and node.name.startswith(name[:-1])):
                    found[name] = node
                    break
        if len(found) == len(names):
            return found
        if time.monotonic() > deadline:
            raise E2EFailure(f'no {role} {[n for n in names if n not in found]!r}')
        time.sleep(0.2)


def trace_label_names(app):
    """The names of all the SPF trace's labels. From GTK 4.12 a GtkListView
    makes rows only for what its scroller shows (GTK 4.8 made a few hundred
    at once), so the trace is scrolled through with the wheel over it, top
    to bottom, and what each position shows is gathered."""
    trace = app.find('list', app.tr('SPF trace'))
    scroll_into_view(app, trace)
    app.screenshot('spf-trace')
    x, y, w, h = trace.extents()
    names = set()
    unchanged = 0
    while unchanged < 3:
        seen = {node.name for node in app.find_all('label', root=trace) if node.showing()}
        unchanged = unchanged + 1 if seen <= names else 0
        names |= seen
        app.xdotool('mousemove', '--window', app.window_id, str(x + w // 2), str(y + h // 2),
                    'click', '5')
        app.settle(0.2)
    return names


def run(app):
    app.find('label', '50', timeout=30)
    app.show_page('DNS & IP Tools')

    # The hook is never silent: the page says where its answers come from;
    # and the ranges were looked up "live" in the zone as the page opened.
    zone_notice = app.tr('DNS answers come from the zone file %s (%s), not from the network.').split('%s')[0] + '…'
    live_notice = app.tr('Live, resolved at %s').split('%s')[0] + '…'
    notices = find_together(app, 'label', [zone_notice, live_notice])

    fields = find_together(app, 'text', [app.tr('Domain'), app.tr('Sending IP Address'),
                                         app.tr('IP Address to Classify')])
    fields[app.tr('Domain')].type('contoso.example')
    fields[app.tr('Sending IP Address')].type('203.0.113.5')
    app.screenshot('spf-form')
    app.find('push button', app.tr('Check _SPF')).click()

    result = app.tr('%s: %s').replace('%s', app.tr('Fail', 'spf-result'), 1) \
        .replace('%s', app.tr('This IP address is not authorized to send for the domain.'), 1)
    result_label = app.find('label', result, timeout=20)

    # One walk of the labels for the rest (each walk of the whole window is
    # slow): the lookups, the explanation and the trace, where the include
    # holds the record it leads to and that record's own include.
    labels = {node.name: node for node in app.find_all('label') if node.showing()}
    expected = [
        app.tr('%u of %u, of which void: %u of %u')
        .replace('%u', '3', 1).replace('%u', '10', 1).replace('%u', '0', 1).replace('%u', '2', 1),
        '203.0.113.5 is not one of contoso.example\'s mail servers',
        'contoso.example', 'include:spf.protection.outlook.com',
        'spf.protection.outlook.com', 'include:spf2.protection.outlook.com',
    ]
    trace = trace_label_names(app)
    missing = [name for name in expected if name not in labels and name not in trace]
    if missing:
        raise E2EFailure(f'not on the page after the SPF check: {missing!r}')
    scroll_into_view(app, result_label)
    app.screenshot('spf-result')

    scroll_into_view(app, notices[live_notice])
    app.screenshot('ranges')

    ip = fields[app.tr('IP Address to Classify')]
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
    decoded = find_together(app, 'label', [
        app.tr('%s (SMTP %u) — %s').replace('%s', '5.7.708', 1).replace('%u', '550', 1)
        .replace('%s', code['title'], 1),
        code['meaning'], code['cause'], code['fix']])
    scroll_into_view(app, decoded[code['meaning']])
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

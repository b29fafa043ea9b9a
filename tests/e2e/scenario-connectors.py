# The seed's scenario on the demo tenant: Overview reports that mail arrives
# through a gateway without enhanced filtering; a partner connector is
# created with two IPv4 addresses and TLS required (an IPv6 address is
# refused on the way); enhanced filtering skips the last IP for the whole
# organization; the tenant holds exactly that, the journal two operations
# done, and the finding is gone. Enter goes on, Escape cancels.
#
# Copyright 2026 The Kanri authors
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import sqlite3
import subprocess
import time

from kanri_e2e import E2EFailure, Node, log

LANGUAGES = ['C', 'ja']

NAME = 'Partner Gateway'
IPS = ['203.0.113.20', '203.0.113.21']
IPV6 = '2001:db8::25'
CREATE = ('New-InboundConnector -Name "Partner Gateway" -ConnectorType Partner -SenderDomains * '
          '-RestrictDomainsToIPAddresses $true -SenderIPAddresses 203.0.113.20,203.0.113.21 '
          '-RequireTls $true')
ENHANCED = 'Set-InboundConnector -Identity "Partner Gateway" -EFSkipLastIP $true -EFUsers $null'


def button(app, msgid, root=None, timeout=15.0):
    """A showing button by its label: GTK 4.8 names a button with a
    mnemonic "_Label Label", one with an accessible label by that label.
    Searching within @root (a wizard) is much faster than the whole app."""
    text = app.tr(msgid)
    deadline = time.monotonic() + timeout
    while True:
        for node in app.find_all('push button', root=root):
            if (node.name == text or node.name.endswith(' ' + text)) and node.showing():
                return node
        if time.monotonic() > deadline:
            raise E2EFailure(f'no button {text!r}')
        time.sleep(0.2)


def toplevels(app, title):
    """The showing windows named @title: they are the app's children, no
    need to walk every page's widgets to find them."""
    found = []
    root = app.accessible_app
    for i in range(root.childCount):
        # A window that closes while they are read leaves the list shorter
        # than its count was (seen on GTK 4.24): it is not showing.
        try:
            child = root[i]
        except IndexError:
            break
        if child is not None and child.name == title:
            node = Node(app, child)
            if node.showing():
                found.append(node)
    return found


def window(app, msgid, timeout=15.0):
    title = app.tr(msgid)
    deadline = time.monotonic() + timeout
    while True:
        found = toplevels(app, title)
        if found:
            return found[0]
        if time.monotonic() > deadline:
            raise E2EFailure(f'no window {title!r}')
        time.sleep(0.2)


def window_gone(app, msgid, timeout=15.0):
    title = app.tr(msgid)
    deadline = time.monotonic() + timeout
    while toplevels(app, title):
        if time.monotonic() > deadline:
            raise E2EFailure(f'the window {title!r} is still showing')
        time.sleep(0.2)


def step(wizard, number, total, title_msgid):
    app = wizard.app
    wizard.find('label', app.tr('Step %u of %u: %s') % (number, total, app.tr(title_msgid)))


def finding_title(app):
    return app.tr('Mail for %s arrives through %s') % ('contoso.com, contoso.co.jp',
                                                      'mx1.mailgate.fabrikam.net')


def create_connector(app):
    button(app, '_Add Connector…').click()
    wizard = window(app, 'Add a Connector')

    # 1. Connection from: Partner organization, chosen already.
    step(wizard, 1, 5, 'Connection From')
    app.screenshot('wizard-1-connection')
    app.key('Return')

    # 2. The name; Enter goes on.
    step(wizard, 2, 5, 'Connector Name')
    wizard.find('text', app.tr('Name')).type(NAME)
    app.screenshot('wizard-2-name')
    app.key('Return')

    # 3. Authenticating sent email: IPv6 is refused, with the reason.
    step(wizard, 3, 5, 'Authenticating Sent Email')
    entry = wizard.find('text', app.tr('Sender IP address'))
    entry.type(IPV6)
    app.key('Return')
    wizard.find('label', app.tr('“%s” is an IPv6 address. Exchange Online accepts only IPv4 sender IP '
                                'addresses: a single address such as 203.0.113.10, or a CIDR range from '
                                '/24 to /32 such as 198.51.100.0/24.') % IPV6)
    app.screenshot('wizard-3-ipv6-refused')
    if button(app, '_Next', root=wizard).sensitive():
        raise E2EFailure('Next is sensitive with no sender IP address')

    # Enter adds each address; on the empty field it goes on.
    entry.click_at()
    app.key('ctrl+a')
    app.type_text(IPS[0])
    app.key('Return')
    app.type_text(IPS[1])
    app.key('Return')
    for ip in IPS:
        wizard.find('label', ip)
    app.screenshot('wizard-3-authentication')
    app.key('Return')

    # 4. Security restrictions: TLS required and every sender domain, as
    # they come.
    step(wizard, 4, 5, 'Security Restrictions')
    app.screenshot('wizard-4-security')
    app.key('Return')

    # 5. Review: every choice and the exact PowerShell.
    step(wizard, 5, 5, 'Review Connector')
    wizard.find('label', CREATE)
    wizard.find('label', app.tr('The sending server’s IP address is one of %s') % ', '.join(IPS))
    app.screenshot('wizard-5-review')
    app.key('Return')

    # Create, through the journal.
    wizard.find('label', app.tr('Connector Created'), timeout=30)
    app.screenshot('wizard-6-created')
    app.key('Return')
    window_gone(app, 'Add a Connector')
    app.find('list item', NAME, timeout=30)


def set_enhanced_filtering(app):
    button(app, app.tr('Enhanced filtering for “%s”') % NAME).click()
    wizard = window(app, 'Enhanced Filtering')

    # From the row: the wizard starts on the IP addresses of this connector.
    step(wizard, 2, 4, 'Skip IP Addresses')
    button(app, '_Back', root=wizard).click()
    step(wizard, 1, 4, 'Connector')
    app.screenshot('enhanced-filtering-1-connector')
    app.key('Return')

    step(wizard, 2, 4, 'Skip IP Addresses')
    wizard.find(None, app.tr('Automatically detect and skip the last IP address')).click()
    app.screenshot('enhanced-filtering-2-skip')
    app.key('Return')

    # 3. Apply to the entire organization, chosen already.
    step(wizard, 3, 4, 'Apply To')
    app.screenshot('enhanced-filtering-3-apply-to')
    app.key('Return')

    step(wizard, 4, 4, 'Review')
    wizard.find('label', ENHANCED)
    app.screenshot('enhanced-filtering-4-review')
    app.key('Return')

    wizard.find('label', app.tr('Enhanced Filtering Saved'), timeout=30)
    app.screenshot('enhanced-filtering-5-saved')
    app.key('Return')
    window_gone(app, 'Enhanced Filtering')


def escape_cancels(app):
    # Nothing typed: Escape closes at once.
    button(app, '_Add Connector…').click()
    window(app, 'Add a Connector')
    app.key('Escape')
    window_gone(app, 'Add a Connector')

    # Something typed: Escape asks first.
    button(app, '_Add Connector…').click()
    wizard = window(app, 'Add a Connector')
    app.key('Return')
    wizard.find('text', app.tr('Name')).type('Half typed')
    app.key('Escape')
    app.find('label', app.tr('Discard What You Entered?'))
    app.screenshot('wizard-discard')
    button(app, '_Discard').click()
    window_gone(app, 'Add a Connector')


def check_tenant(app):
    """What the demo tenant holds, read by kanri-cli as a user would."""
    cli = os.path.join(app.builddir, 'src', 'cli', 'kanri-cli')
    out = subprocess.run([cli, 'invoke', '--demo', 'Get-InboundConnector', '--json'],
                         env=app.environment(), capture_output=True, text=True, timeout=60)
    if out.returncode != 0:
        raise E2EFailure('kanri-cli failed: ' + out.stderr)
    connectors = [c for c in json.loads(out.stdout) if c.get('Name') == NAME]
    if len(connectors) != 1:
        raise E2EFailure(f'{len(connectors)} connectors named {NAME}')
    c = connectors[0]
    expected = {
        'ConnectorType': 'Partner',
        'Enabled': True,
        'SenderIPAddresses': IPS,
        'RestrictDomainsToIPAddresses': True,
        'RestrictDomainsToCertificate': False,
        'RequireTls': True,
        'SenderDomains': ['smtp:*;1'],
        'EFSkipLastIP': True,
        'EFSkipIPs': [],
        'EFUsers': [],
    }
    for key, value in expected.items():
        if c.get(key) != value:
            raise E2EFailure(f'{NAME}: {key} is {c.get(key)!r}, not {value!r}')
    log('the tenant holds', NAME, 'with exactly the settings chosen')


def check_journal(app):
    path = os.path.join(app.home, 'data', 'kanri', 'kanri.db')
    db = sqlite3.connect(f'file:{path}?mode=ro', uri=True)
    try:
        rows = db.execute('SELECT powershell, state FROM operations ORDER BY id').fetchall()
    finally:
        db.close()
    if rows != [(CREATE, 'done'), (ENHANCED, 'done')]:
        raise E2EFailure(f'the journal holds {rows!r}')
    log('the journal holds two operations, done')


def run(app):
    # Overview: the scenario check's finding.
    app.find('label', finding_title(app), timeout=30)
    app.screenshot('overview-finding')

    app.find('list item', app.tr('Connectors')).click()
    app.find('list item', finding_title(app))
    app.screenshot('page')

    create_connector(app)
    set_enhanced_filtering(app)

    # The finding is gone, here and on Overview.
    app.wait_gone('label', finding_title(app), timeout=30)
    app.screenshot('page-after')

    escape_cancels(app)
    check_tenant(app)
    check_journal(app)

    app.find('list item', app.tr('Operations')).click()
    app.screenshot('operations')
    app.quit()

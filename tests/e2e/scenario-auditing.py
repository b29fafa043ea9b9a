# Mailbox Auditing on the demo tenant: "needs attention", fix option 2 on
# all that need it (after the confirmation shows the count and the
# PowerShell), then the emulator has MailItemsAccessed and Send wherever they
# are expected; the audit bypass of the demo's one bypassed account stopped;
# the CSV export, through GTK's own file dialog, has the seed's
# columns, a BOM and RFC 4180 quoting of names with commas and Japanese.
#
# Copyright 2026 The Kanri authors
# SPDX-License-Identifier: GPL-3.0-or-later

import csv
import gettext
import io
import json
import os
import subprocess
import time

from kanri_e2e import E2EFailure, log, role_name

LANGUAGES = ['C', 'ja']

# Where each action is expected (Microsoft Learn "Manage mailbox auditing";
# the seed's option 2): MailItemsAccessed for every logon type, Send for
# Admin and Owner.
EXPECTED = {
    'Admin': ('AuditAdmin', ['MailItemsAccessed', 'Send']),
    'Delegate': ('AuditDelegate', ['MailItemsAccessed']),
    'Owner': ('AuditOwner', ['MailItemsAccessed', 'Send']),
}


def cli(app, *args):
    binary = os.path.join(app.builddir, 'src', 'cli', 'kanri-cli')
    out = subprocess.run([binary, 'invoke', '--demo', *args, '--json'], env=app.environment(),
                         capture_output=True, text=True)
    if out.returncode != 0:
        raise E2EFailure(f'kanri-cli {" ".join(args)} failed: {out.stderr}')
    return json.loads(out.stdout)


def ngettext(app, singular, plural, n):
    if app.language == 'C':
        return singular if n == 1 else plural
    catalog = gettext.translation('kanri', os.path.join(app.builddir, 'po'), languages=[app.language])
    return catalog.ngettext(singular, plural, n)


def shown_in_dialog(app, acc):
    """Whether @acc is in a dialog: a window of its own (libadwaita 1.2's
    AdwMessageDialog) or a dialog inside the main window (AdwAlertDialog,
    from libadwaita 1.5)."""
    while acc.parent is not None and role_name(acc.parent) != 'application':
        acc = acc.parent
        if role_name(acc) in ('dialog', 'alert'):
            return True
    return acc != app.frame.acc


def click_button(app, msgid, in_dialog=False):
    """Clicks the button whose label shows msgid; in_dialog: the one in a
    dialog, not the main window's."""
    deadline = time.monotonic() + 15
    while True:
        for label in app.find_all('label', app.tr(msgid)):
            if not label.showing():
                continue
            if in_dialog and not shown_in_dialog(app, label.acc):
                continue
            acc = label.acc.parent
            while acc is not None and role_name(acc) not in ('push button', 'toggle button'):
                acc = acc.parent
            if acc is not None:
                acc.queryAction().doAction(0)
                app.settle()
                return
        if time.monotonic() > deadline:
            raise E2EFailure(f'no button shows “{app.tr(msgid)}”')
        time.sleep(0.2)


def find_prefix(app, role, prefix, timeout=15):
    deadline = time.monotonic() + timeout
    while True:
        nodes = [n for n in app.find_all(role) if n.name.startswith(prefix) and n.showing()]
        if nodes:
            return nodes[0]
        if time.monotonic() > deadline:
            raise E2EFailure(f'nothing showing with role {role!r} starting “{prefix}”')
        time.sleep(0.2)


def missing_expected(mailbox):
    """What a mailbox lacks of the expected actions, on the logon types it
    manages itself (not in DefaultAuditSet)."""
    managed = mailbox.get('DefaultAuditSet') or []
    lacking = []
    for logon_type, (member, actions) in EXPECTED.items():
        if logon_type in managed:
            continue
        for action in actions:
            if action not in (mailbox.get(member) or []):
                lacking.append(f'{member}:{action}')
    return lacking


def run(app):
    before = cli(app, 'Get-Mailbox', '-ResultSize', 'Unlimited')
    needing = [m['UserPrincipalName'] for m in before if missing_expected(m)]
    if not needing:
        raise E2EFailure('the demo tenant has no mailbox for option 2')
    log(len(needing), 'mailboxes need option 2')

    app.find('list item', app.tr('Mailbox Auditing')).click_at()
    find_prefix(app, 'label', app.tr('All Mailboxes') + ' (')
    app.screenshot('table')

    # Needs attention.
    find_prefix(app, 'push button', app.tr('Needs Attention') + ' (').click()
    time.sleep(1)
    app.screenshot('needs-attention')

    # Option 2 on all that need it, confirmed.
    app.find('push button', app.tr('_Fix')).click()
    app.find('menu item', app.tr('Add to All _That Need It…')).click()
    heading = ngettext(app, 'Fix %u Mailbox?', 'Fix %u Mailboxes?', len(needing)).replace('%u', str(len(needing)))
    app.find('label', heading)
    app.screenshot('confirm')
    click_button(app, '_Fix', in_dialog=True)

    done = ngettext(app, 'Fixed %u mailbox', 'Fixed %u mailboxes', len(needing)).replace('%u', str(len(needing)))
    app.find('label', done, timeout=60)
    app.screenshot('fixed')

    # In the emulator: every mailbox has what is expected, and nothing was
    # added to a list Microsoft manages.
    after = {m['UserPrincipalName']: m for m in cli(app, 'Get-Mailbox', '-ResultSize', 'Unlimited')}
    for upn in needing:
        lacking = missing_expected(after[upn])
        if lacking:
            raise E2EFailure(f'{upn} still lacks {lacking}')
    for mailbox in before:
        fixed = after[mailbox['UserPrincipalName']]
        for logon_type, (member, _) in EXPECTED.items():
            if logon_type in (mailbox.get('DefaultAuditSet') or []) and fixed.get(member) != mailbox.get(member):
                raise E2EFailure(f'{mailbox["UserPrincipalName"]}: a managed {member} was changed')
        if 'MessageBind' in str(fixed) and 'MessageBind' not in str(mailbox):
            raise E2EFailure(f'{mailbox["UserPrincipalName"]}: MessageBind was added')

    # The demo's account that bypasses auditing is listed; its bypass is
    # stopped through the journal after the confirmation.
    if not cli(app, 'Get-MailboxAuditBypassAssociation', '-Identity', 'leeg')[0]['AuditBypassEnabled']:
        raise E2EFailure('the demo tenant has no account that bypasses auditing')
    # GTK 4.8 does not name the button by its accessible label ("Stop the
    # audit bypass of leeg"): found by its label; the demo has one such
    # account.
    click_button(app, '_Stop Bypass…')
    click_button(app, '_Stop Bypass', in_dialog=True)
    deadline = time.monotonic() + 20
    while cli(app, 'Get-MailboxAuditBypassAssociation', '-Identity', 'leeg')[0]['AuditBypassEnabled']:
        if time.monotonic() > deadline:
            raise E2EFailure('leeg still bypasses auditing')
        time.sleep(0.5)
    app.screenshot('bypass-stopped')

    # The CSV of every mailbox, through GTK's own dialog.
    find_prefix(app, 'push button', app.tr('All Mailboxes') + ' (').click()
    time.sleep(1)
    path = os.path.join(app.home, 'MailboxAuditSet.csv')
    app.find('push button', app.tr('Export CSV…')).click()
    time.sleep(1.5)
    # The name field holds the suggested name, its stem selected: replaced
    # whole by the path.
    app.key('ctrl+l')
    app.key('ctrl+a')
    app.type_text(path)
    app.screenshot('save-dialog')
    app.key('Return')

    deadline = time.monotonic() + 20
    while not os.path.exists(path):
        if time.monotonic() > deadline:
            raise E2EFailure('the CSV was not written')
        time.sleep(0.2)
    time.sleep(0.5)
    with open(path, 'rb') as f:
        data = f.read()

    if not data.startswith(b'\xef\xbb\xbf'):
        raise E2EFailure('the CSV has no UTF-8 BOM')
    text = data[3:].decode('utf-8')
    lines = text.split('\r\n')
    if lines[0] != 'DisplayName,DefaultAuditSet,AuditAdmin,AuditDelegate,AuditOwner,AuditLogAgeLimit':
        raise E2EFailure(f'the header is {lines[0]!r}')
    if '\n' in text.replace('\r\n', ''):
        raise E2EFailure('a line does not end with CRLF')
    if not any(line.startswith('"Doe, John",') for line in lines):
        raise E2EFailure('“Doe, John” is not quoted')
    if not any(line.startswith('山田 太郎,') for line in lines):
        raise E2EFailure('山田 太郎 is missing or quoted for no reason')
    if not any(line.startswith('会議室 A (10 名),') for line in lines):
        raise E2EFailure('会議室 A (10 名) is missing')
    rows = list(csv.reader(io.StringIO(text, newline='')))
    rows = [row for row in rows if row]
    if len(rows) != len(before) + 1 or any(len(row) != 6 for row in rows):
        raise E2EFailure(f'{len(rows) - 1} rows for {len(before)} mailboxes, or a row without 6 fields')
    yamada = next(row for row in rows if row[0] == '山田 太郎')
    source = next(m for m in before if m['DisplayName'] == '山田 太郎')
    if yamada[2] != ','.join(after[source['UserPrincipalName']]['AuditAdmin']):
        raise E2EFailure(f'山田 太郎’s AuditAdmin is {yamada[2]!r}')
    log('CSV:', len(rows) - 1, 'mailboxes,', len(data), 'bytes')
    app.screenshot('exported')

    app.quit()

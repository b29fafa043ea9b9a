# Recoverable Items on the demo tenant: the Mailbox Import Export role is
# missing, so the page shows how to grant it; Kanri assigns it (New-
# ManagementRoleAssignment through the journal) and searches; then Purges
# of one mailbox, two items selected and restored, and one item of each
# other folder type (Deleted Items, Deletions, Discovery Holds) restored.
# The emulator then has them back in their original folders, and the
# journal has the assignment and every restore.
#
# Copyright 2026 The Kanri authors
# SPDX-License-Identifier: GPL-3.0-or-later

import gettext
import json
import os
import sqlite3
import subprocess
import time

import pyatspi

from kanri_e2e import E2EFailure, log, role_name

LANGUAGES = ['C', 'ja']

MAILBOX = 'ichiro.suzuki@contoso.co.jp'
ADMIN = 'admin@contoso.onmicrosoft.com'


def cli(app, *args):
    """kanri-cli invoke --demo, on the demo tenant the app runs."""
    binary = os.path.join(app.builddir, 'src', 'cli', 'kanri-cli')
    out = subprocess.run([binary, 'invoke', '--demo', *args, '--json'], env=app.environment(),
                         capture_output=True, text=True)
    if out.returncode != 0:
        raise E2EFailure(f'kanri-cli {" ".join(args)} failed: {out.stderr}')
    return json.loads(out.stdout)


def data_path(app, name):
    return os.path.join(app.home, 'data', 'kanri', name)


def fmt(template, *args):
    """A C format of the catalogue (%s, or %1$s in a translation)."""
    for i, arg in enumerate(args, 1):
        template = template.replace(f'%{i}$s', arg)
    for arg in args:
        template = template.replace('%s', arg, 1)
    return template


def ngettext(app, singular, plural, n):
    if app.language == 'C':
        return singular if n == 1 else plural
    catalog = gettext.translation('kanri', os.path.join(app.builddir, 'po'), languages=[app.language])
    return catalog.ngettext(singular, plural, n)


def button_around(app, msgid):
    """The button whose label shows msgid."""
    for label in app.find_all('label', app.tr(msgid)):
        if not label.showing():
            continue
        acc = label.acc.parent
        while acc is not None and role_name(acc) not in ('push button', 'toggle button'):
            acc = acc.parent
        if acc is not None:
            return acc
    raise E2EFailure(f'no button around “{app.tr(msgid)}”')


def select_row(app, subject, attempts=5):
    """Selects the result row of subject with a real click, until Restore
    Selected… can be pressed. The list is read again when a restore ends
    (the restored items leave it), and a click just before that is lost with
    the old rows: the row is clicked again, then, as a user would."""
    for _ in range(attempts):
        row = app.find('label', subject, timeout=20)
        row.click_at()
        deadline = time.monotonic() + 3
        while time.monotonic() < deadline:
            if button_around(app, '_Restore Selected…').getState().contains(pyatspi.STATE_SENSITIVE):
                return
            time.sleep(0.2)
    raise E2EFailure(f'clicking “{subject}” did not select it')


def click_button(app, msgid, every=False):
    """Clicks the button whose label shows msgid (a mnemonic label's button
    has both spellings in its name on GTK 4.8; its label has the text).
    every: each such button, for one that is also on a page not shown (GTK
    4.8 calls those visible too)."""
    app.find('label', app.tr(msgid))
    labels = [n for n in app.find_all('label', app.tr(msgid)) if n.showing()]
    for label in labels if every else labels[:1]:
        acc = label.acc.parent
        while acc is not None and role_name(acc) not in ('push button', 'toggle button'):
            acc = acc.parent
        if acc is None:
            raise E2EFailure(f'no button around “{app.tr(msgid)}”')
        acc.queryAction().doAction(0)
        app.settle()


def wait_for(predicate, what, timeout=15.0):
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise E2EFailure(f'timed out waiting for {what}')
        time.sleep(0.2)


def add_purged_item(app):
    """The demo seed has one item in Purges per mailbox: the emulator gets a
    second one for this mailbox, as a hold would have put it there."""
    db = sqlite3.connect(data_path(app, 'demo-tenant.db'), timeout=10)
    with db:
        db.execute("INSERT INTO recoverable_items (mailbox_id, entry_id, subject, item_class, source_folder, "
                   "last_parent_path, last_parent_folder_id, last_modified) "
                   "SELECT r.mailbox_id, 'E2E0PURGED0000000000000000000000000000000000000000000000000000', "
                   "'見積書 (第 2 版)', 'IPM.Note', 'PurgedItems', r.last_parent_path, r.last_parent_folder_id, "
                   "r.last_modified - 3600 FROM recoverable_items r JOIN mailboxes m ON m.id = r.mailbox_id "
                   "WHERE m.upn = ? AND r.source_folder = 'RecoverableItems' LIMIT 1", (MAILBOX,))
    db.close()


def run(app):
    # The page, on a tenant where nobody holds the role.
    app.find('list item', app.tr('Recoverable Items')).click_at()
    app.find('label', app.tr('The Mailbox Import Export Role Is Needed'))
    app.find('label', f'New-ManagementRoleAssignment -Role "Mailbox Import Export" -User "{ADMIN}"')
    app.screenshot('role-missing')

    # Kanri assigns it, through the journal; the demo tenant applies it.
    # (GTK 4.8 reports a stack's hidden pages as showing: the journal
    # tells when it is done, the search below that it applies.)
    click_button(app, '_Assign the Role')
    expected = [('done', f'New-ManagementRoleAssignment -Role "Mailbox Import Export" -User "{ADMIN}"')]

    def assignments():
        db = sqlite3.connect(data_path(app, 'kanri.db'), timeout=10)
        rows = db.execute("SELECT state, powershell FROM operations "
                          "WHERE cmdlet = 'New-ManagementRoleAssignment'").fetchall()
        db.close()
        return rows

    wait_for(lambda: assignments() == expected, 'the role assignment in the journal', timeout=30)
    log('role assigned through the journal')

    add_purged_item(app)
    purged = cli(app, 'Get-RecoverableItems', '-Identity', MAILBOX, '-SourceFolder', 'PurgedItems',
                 '-ResultSize', 'Unlimited')
    if len(purged) != 2:
        raise E2EFailure(f'expected 2 items in Purges, the emulator has {len(purged)}')
    everything = cli(app, 'Get-RecoverableItems', '-Identity', MAILBOX, '-ResultSize', 'Unlimited')

    # The mailbox: its picker's search, then Enter. With the role, the page
    # reads its deleted items at once.
    app.find('push button', app.tr('Mailbox')).click()
    app.find('entry', app.tr('Search mailboxes')).type('suzuki')
    time.sleep(0.5)
    app.key('Return')
    app.find('label', '鈴木 一郎')
    app.find('label', everything[0]['Subject'], timeout=20)
    app.screenshot('role-granted')

    # Purges, searched.
    app.find('push button', app.tr('Purges')).click()
    click_button(app, '_Search')
    first = app.find('label', purged[0]['Subject'])
    second = app.find('label', purged[1]['Subject'])
    app.screenshot('purges')

    # Both selected, restored after the confirmation shows the PowerShell.
    # The first click after the picker closed only gives the pointer back.
    # The second row joins the selection from the keyboard: Ctrl+click over
    # xdotool does not reach GTK with its modifier on this stack.
    first.click_at()
    first.click_at()
    app.key('shift+Down')
    click_button(app, '_Restore Selected…')
    app.find('label', app.tr('PowerShell'))
    app.screenshot('confirm')
    click_button(app, '_Restore')

    app.find('label', ngettext(app, 'Restored %u item', 'Restored %u items', 2).replace('%u', '2'), timeout=30)
    app.wait_gone('label', purged[0]['Subject'])
    app.screenshot('restored')

    # In the emulator: out of Purges, back in the folders they came from.
    left = cli(app, 'Get-RecoverableItems', '-Identity', MAILBOX, '-SourceFolder', 'PurgedItems',
               '-ResultSize', 'Unlimited')
    if left:
        raise E2EFailure(f'still in Purges: {left}')
    db = sqlite3.connect(data_path(app, 'demo-tenant.db'), timeout=10)
    rows = db.execute("SELECT r.entry_id, r.folder FROM restored_items r JOIN mailboxes m ON m.id = r.mailbox_id "
                      "WHERE m.upn = ?", (MAILBOX,)).fetchall()
    db.close()
    restored = dict(rows)
    for item in purged:
        if restored.get(item['EntryID']) != item['LastParentPath']:
            raise E2EFailure(f'{item["Subject"]} is not back in {item["LastParentPath"]}: {restored}')
    log('restored to', sorted(restored.values()))

    # One item from each other folder type, the Discovery Holds the
    # Exchange admin center cannot restore among them.
    singles = []
    for folder, msgid in (('DeletedItems', 'Deleted Items'),
                          ('RecoverableItems', 'Recoverable Items – Deletions'),
                          ('DiscoveryHoldsItems', 'Discovery Holds')):
        items = cli(app, 'Get-RecoverableItems', '-Identity', MAILBOX, '-SourceFolder', folder,
                    '-ResultSize', 'Unlimited')
        if not items:
            raise E2EFailure(f'the demo mailbox has nothing in {folder}')
        item = items[0]
        app.find('push button', app.tr(msgid)).click()
        click_button(app, '_Search')
        select_row(app, item['Subject'])
        click_button(app, '_Restore Selected…')
        app.find('label', app.tr('PowerShell'))
        click_button(app, '_Restore')
        app.find('label', ngettext(app, 'Restored %u item', 'Restored %u items', 1).replace('%u', '1'), timeout=30)
        app.screenshot(f'restored-{folder}')
        singles.append(item)

    db = sqlite3.connect(data_path(app, 'demo-tenant.db'), timeout=10)
    restored = dict(db.execute("SELECT r.entry_id, r.folder FROM restored_items r JOIN mailboxes m "
                               "ON m.id = r.mailbox_id WHERE m.upn = ?", (MAILBOX,)).fetchall())
    db.close()
    for item in singles:
        if restored.get(item['EntryID']) != item['LastParentPath']:
            raise E2EFailure(f'{item["Subject"]} ({item["SourceFolder"]}) is not back in '
                             f'{item["LastParentPath"]}: {restored}')
    log('restored one item of each other folder type')

    # In the journal: two restores done, shown on the Operations page.
    db = sqlite3.connect(data_path(app, 'kanri.db'), timeout=10)
    operations = db.execute("SELECT state, parameters, summary FROM operations "
                            "WHERE cmdlet = 'Restore-RecoverableItems'").fetchall()
    db.close()
    if len(operations) != 5 or any(state != 'done' for state, _, _ in operations):
        raise E2EFailure(f'the journal has {operations}')
    for item in purged + singles:
        if not any(item['EntryID'] in parameters for _, parameters, _ in operations):
            raise E2EFailure(f'no restore of {item["EntryID"]} in the journal')

    app.find('list item', app.tr('Operations')).click_at()
    for _, _, summary in operations:
        app.find('label', summary)
    app.screenshot('journal')

    app.quit()

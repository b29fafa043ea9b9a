# The demo tenant on first start: Overview shows what the sync brought; an
# operation made through a test hook shows in Operations with its PowerShell,
# and the emulator (the demo tenant's own state file) has the change.
#
# Copyright 2026 The Kanri authors
# SPDX-License-Identifier: GPL-3.0-or-later

import json

from kanri_e2e import E2EFailure

LANGUAGES = ['C', 'ja']
ENV = {'KANRI_TEST_HOOKS': '1'}

POWERSHELL = 'Set-Mailbox -Identity "taro.yamada@contoso.co.jp" -AuditOwner @{Add="SearchQueryInitiated"}'


def run(app):
    # First start lands on the Overview; the demo tenant syncs by itself.
    app.find('label', app.tr('Overview'))
    app.find('label', '50', timeout=30)     # mailboxes
    app.find('label', '3')                  # accepted domains
    app.find('label', app.tr('Just now'))
    app.screenshot('overview')

    app.activate_action('test-run', POWERSHELL)

    app.show_page('Operations')
    row = app.find('label', 'Test hook', timeout=20)
    app.find('label', app.tr('Done', context='operation state'), timeout=20)
    row.click_at()
    app.find('label', POWERSHELL)
    app.screenshot('operations')

    mailbox = json.loads(app.kanri_cli('invoke', '--demo', 'Get-Mailbox',
                                       '-Identity', 'taro.yamada@contoso.co.jp', '--json'))
    if 'SearchQueryInitiated' not in mailbox[0]['AuditOwner']:
        raise E2EFailure(f'the demo tenant does not have the change: {mailbox[0]["AuditOwner"]}')

    app.quit()

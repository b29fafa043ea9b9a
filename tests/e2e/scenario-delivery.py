# Delivery & NDR: the message expiration set to 12 hours through the page;
# the chart follows, the change goes through the journal, and the demo
# tenant has it.
#
# Copyright 2026 The Kanri authors
# SPDX-License-Identifier: GPL-3.0-or-later

import json

from kanri_e2e import E2EFailure

LANGUAGES = ['C', 'ja']


def run(app):
    app.find('label', '50', timeout=30)
    app.show_page('Delivery & NDR')
    app.find('label', '1.00:00:00 (24 hours)' if app.language == 'C'
             else app.tr('%s (%.4g hours)').replace('%s', '1.00:00:00').replace('%.4g', '24'))
    chart = app.find('image', app.tr('Retry timeline'))
    before = chart.description
    app.screenshot('before')

    span = app.find('text', app.tr('As a Time Span (d.hh:mm:ss)'))
    span.click_at()
    app.key('ctrl+a')
    app.type_text('0.12:00:00')
    app.find('label', 'Set-TransportConfig -MessageExpiration "0.12:00:00"')
    if chart.description == before:
        raise E2EFailure(f'the chart did not follow the new value: {before!r}')
    app.screenshot('edited')

    app.find('push button', app.tr('_Save')).click()
    app.find('label', '0.12:00:00 (12 hours)' if app.language == 'C'
             else app.tr('%s (%.4g hours)').replace('%s', '0.12:00:00').replace('%.4g', '12'),
             timeout=20)
    app.screenshot('saved')

    config = json.loads(app.kanri_cli('invoke', '--demo', 'Get-TransportConfig', '--json'))
    if config[0]['MessageExpiration'] not in ('12:00:00', '0.12:00:00'):
        raise E2EFailure(f'the demo tenant has {config[0]["MessageExpiration"]}')

    app.show_page('Operations')
    app.find('label', app.tr('Set the message expiration to %s').replace('%s', '0.12:00:00'))
    app.quit()

# Add tenant…: the device code flow against an emulator's OAuth endpoints on
# loopback; the code shows, the sign-in completes (approved on the emulator's
# own sign-in page, as a person would in a browser), the tokens go to the
# Secret Service, and the new tenant becomes current and syncs.
#
# Copyright 2026 The Kanri authors
# SPDX-License-Identifier: GPL-3.0-or-later

import urllib.parse
import urllib.request

LANGUAGES = ['C', 'ja']
KEYRING = True


def approve(base_url, code):
    data = urllib.parse.urlencode({'code': code, 'action': 'approve'}).encode()
    with urllib.request.urlopen(f'{base_url}/devicelogin', data=data, timeout=10) as reply:
        if b'Signed in' not in reply.read():
            raise AssertionError('the emulator did not accept the code')


def run(app):
    base_url = app.emulator_url

    app.find('label', '50', timeout=30)
    app.find('push button', app.tr('Tenant')).click()
    app.find('menu item', app.tr('_Add Tenant…')).click()

    app.find('label', app.tr('Where Is the Tenant?'))
    app.screenshot('cloud')
    app.find('push button', app.tr('_Continue')).click()

    code = app.find('label', description=app.tr('Sign-in code'), timeout=20)
    app.screenshot('code')
    approve(base_url, code.name)

    # The new tenant is current, named after its domain, and synced.
    app.find('label', 'contoso.onmicrosoft.com', timeout=30)
    app.find('label', '50', timeout=30)
    app.screenshot('signed-in')
    app.quit()


def prepare(app):
    app.emulator_url = app.start_emulator('--port', '0')
    app.extra_env['KANRI_SIGNIN_URL'] = app.emulator_url
    app.extra_env['KANRI_EXO_URL'] = app.emulator_url

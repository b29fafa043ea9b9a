# "Open With Kanri" on a message: kanri started with a file (as the desktop
# file's `Exec=kanri %U` starts it) shows the Header Analyzer with that
# message's report.
#
# Copyright 2026 The Kanri authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os

LANGUAGES = ['C', 'ja']

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'data', 'headers')
ARGS = [os.path.realpath(os.path.join(DATA, 'relay-pool.eml'))]


def run(app):
    app.find('label', 'relay-pool.eml', timeout=30)
    app.find('label', app.tr('Connecting IP (CIP)'), timeout=30)
    app.find('label', '40.95.12.34', timeout=10)
    app.find('label', 'relay-pool', timeout=10)
    app.screenshot('opened')
    app.quit()

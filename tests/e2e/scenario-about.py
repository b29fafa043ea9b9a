# The primary menu opens About, which shows the version; Kanri quits cleanly.
# With no locale at all, as on a machine that has none: LANGUAGE alone picks
# the language (the Japanese run finds the Japanese menu).
#
# Copyright 2026 The Kanri authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os

LANGUAGES = ['C', 'ja']
ENV = {'LC_ALL': '', 'LANG': '', 'LC_MESSAGES': ''}


def run(app):
    app.screenshot('window')

    app.open_primary_menu_item('_About Kanri')
    version = os.environ['KANRI_VERSION']
    app.find(None, version)
    app.screenshot('about')

    app.key('Escape')
    app.wait_gone(None, version)
    app.quit()

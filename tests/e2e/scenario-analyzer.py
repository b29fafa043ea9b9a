# Header Analyzer: a message opened through the file dialog, headers pasted
# from the clipboard, and a file dragged from another process and dropped on
# the page; each ends with its connecting IP and findings on screen.
#
# Copyright 2026 The Kanri authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import subprocess
import time

from kanri_e2e import E2EFailure, log

LANGUAGES = ['C', 'ja']

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'data', 'headers')


def sample(name):
    return os.path.realpath(os.path.join(DATA, name))


def expect_report(app, cip, findings):
    """The report of the input just added: its CIP and its findings' ids."""
    app.find('label', cip, timeout=30)
    for finding in findings:
        app.find('label', finding, timeout=10)


def window_geometry(window):
    out = subprocess.run(['xdotool', 'getwindowgeometry', '--shell', window],
                         capture_output=True, text=True, check=True).stdout
    values = dict(line.split('=') for line in out.split())
    return int(values['X']), int(values['Y']), int(values['WIDTH']), int(values['HEIGHT'])


def wait_for_x_window(title, timeout=20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        out = subprocess.run(['xdotool', 'search', '--onlyvisible', '--name', f'^{title}$'],
                             capture_output=True, text=True)
        if out.stdout.split():
            return out.stdout.split()[-1]
        time.sleep(0.2)
    raise E2EFailure(f'no window titled {title!r}')


def open_through_dialog(app, path):
    # The Open… button in English, Ctrl+O in Japanese.
    if app.language == 'C':
        app.find('push button', app.tr('_Open…')).click()
    else:
        app.key('ctrl+o')
    # The file dialog: GTK's own or the desktop portal's, whichever this
    # system has; either way an X window with the dialog's title. With no
    # window manager the keyboard follows the pointer: it goes over the
    # dialog, Ctrl+L opens the location field, the path is pasted there
    # whole, Enter opens. Typed a key at a time, the path came out garbled
    # on GTK 4.18 ("….emlt/"): the field's completion inserts what it found
    # as each folder loads, between the keys.
    dialog = wait_for_x_window(app.tr('Open Messages'))
    x, y, w, h = window_geometry(dialog)
    app.xdotool('mousemove', str(x + w // 2), str(y + h // 2))
    app.settle(1.0)
    app.screenshot('dialog')
    app.key('ctrl+l')
    clip = hold_clipboard(app, path.encode())
    app.key('ctrl+v')
    app.settle(0.5)
    app.key('Return')
    clip.terminate()
    deadline = time.monotonic() + 15
    while subprocess.run(['xdotool', 'search', '--onlyvisible', '--name', f'^{app.tr("Open Messages")}$'],
                         capture_output=True, text=True).stdout.split():
        if time.monotonic() > deadline:
            raise E2EFailure('the file dialog did not close')
        time.sleep(0.2)


def hold_clipboard(app, data):
    """Puts @data on the clipboard; returns the xclip that holds it."""
    # xclip keeps the clipboard until another program takes it; -quiet
    # keeps it in the foreground, where the scenario can stop it.
    clip = subprocess.Popen(['xclip', '-quiet', '-selection', 'clipboard', '-i'],
                            stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, env=app.environment())
    clip.stdin.write(data)
    clip.stdin.close()
    app.helpers.append(clip)
    app.settle(0.5)
    return clip


def paste_from_clipboard(app, path):
    with open(path, 'rb') as f:
        hold_clipboard(app, f.read())
    if app.language == 'C':
        # Ctrl+V. There is no window manager to give the window back the X
        # input focus the file dialog took: xdotool does, as one would.
        app.xdotool('windowfocus', '--sync', app.window_id)
        app.key('ctrl+v')
    else:
        app.find('push button', app.tr('_Paste')).click()


def drag_and_drop(app, path):
    source = subprocess.Popen([os.environ['KANRI_DRAG_SOURCE'], path], stdout=subprocess.PIPE,
                              text=True, env=app.environment())
    app.helpers.append(source)
    if source.stdout.readline().strip() != 'ready':
        raise E2EFailure('the drag source did not start')
    app.settle(0.5)

    # The drag source's window is at the top left of the screen, above the
    # others (there is no window manager); the drop goes to the middle of
    # the page's report area.
    out = subprocess.run(['xdotool', 'search', '--pid', str(source.pid)],
                         capture_output=True, text=True)
    x, y, w, h = window_geometry(out.stdout.split()[-1])
    sx, sy = x + w // 2, y + h // 2

    target = app.find(name=app.tr('Drop area'))
    tx, ty, tw, th = target.extents()
    wx, wy, _, _ = window_geometry(app.window_id)
    dx, dy = wx + tx + tw * 2 // 3, wy + ty + th // 2
    log(f'drag from {sx},{sy} to {dx},{dy}')

    app.xdotool('mousemove', str(sx), str(sy))
    time.sleep(0.3)
    app.xdotool('mousedown', '1')
    time.sleep(0.3)
    steps = 25
    for i in range(1, steps + 1):
        x = sx + (dx - sx) * i // steps
        y = sy + (dy - sy) * i // steps
        app.xdotool('mousemove', str(x), str(y))
        time.sleep(0.05)
    time.sleep(0.5)
    app.screenshot('dragging')
    app.xdotool('mouseup', '1')
    app.settle(1.0)

    try:
        line = source.stdout.readline().strip()
    except Exception:
        line = ''
    log('drag source says', line)
    if line != 'dropped':
        raise E2EFailure(f'the drag did not end in a drop: {line!r}')


def run(app):
    app.find('label', '50', timeout=30)
    app.show_page('Header Analyzer')
    app.find('label', app.tr('Analyze Message Headers'))
    app.screenshot('empty')

    # (a) Open… through the file dialog.
    open_through_dialog(app, sample('enhanced-filtering.eml'))
    expect_report(app, '203.0.113.10', ['cip-is-relay', 'enhanced-filtering-applied'])
    app.find('label', app.tr('Applied: the original sender is %s (%s)')
             .replace('%s', '198.51.100.23', 1).replace('%s', 'mail.fabrikam.example', 1))
    app.screenshot('opened')

    # (b) Headers pasted from the clipboard: Ctrl+V in English, the Paste
    # button in Japanese.
    paste_from_clipboard(app, sample('gateway-no-ef.eml'))
    expect_report(app, '203.0.113.10', ['dmarc-fail', 'spf-fail', 'spam-verdict'])
    app.find('label', app.tr('Pasted text'))
    app.screenshot('pasted')

    # (c) A real drag and drop from another process.
    drag_and_drop(app, sample('relay-pool.eml'))
    expect_report(app, '40.95.12.34', ['relay-pool', 'spf-fail'])
    app.find('label', 'relay-pool.eml')
    app.screenshot('dropped')

    # The rest of the report, with the wheel over it.
    x, y = app.find(name=app.tr('Drop area')).center()
    app.xdotool('mousemove', '--window', app.window_id, str(x + 200), str(y))
    for name in ('report-2', 'report-3', 'report-4'):
        app.xdotool('click', '--repeat', '8', '--delay', '30', '5')
        app.settle(0.5)
        app.screenshot(name)

    app.quit()

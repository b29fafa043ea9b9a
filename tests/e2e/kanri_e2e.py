# kanri_e2e.py — drives the real `kanri` through accessibility, for the e2e suite.
#
# Copyright 2026 The Kanri authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs inside tests/run-headless.sh (an X server and a D-Bus session bus of its
# own). What works on this stack (GTK 4.8, Xvfb, no window manager): names,
# roles and the click action of buttons over AT-SPI; typing does not, so text
# goes in with xdotool after a click at the field's centre.
#
# A scenario is a file tests/e2e/scenario-NAME.py defining run(app); list it in
# tests/e2e/meson.build. See scenario-about.py.

import importlib.util
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback

import pyatspi

DEFAULT_TIMEOUT = 15.0

# GTK 4.24's X11 backend warns "gdk_frame_timings_submitted() called on
# submitted frame." the first time a popover draws on Xvfb (no compositor),
# whatever the renderer: a plain GtkMenuButton with a GtkPopover in a window
# of its own does too (GNOME Web's tests let it through: GNOME/epiphany,
# tests/ephy-shell-test.c). Under G_DEBUG=fatal-warnings it ends the app at
# its first menu. So on that GTK the app runs without fatal warnings and its
# output is read instead: any warning or critical but exactly that one of
# GDK's fails the scenario, as an abort would have.
FRAME_TIMINGS_WARNING = 'gdk_frame_timings_submitted() called on submitted frame.'
LOG_LINE = re.compile(r'(?:^|[\s(-])(?:([\w-]+)-)?(WARNING|CRITICAL) \*\*: (?:[\d:.]+: )?(.*)$')


def gtk_at_least(major, minor):
    """Whether the GTK that Kanri was built with (meson tells us) is at least @major.@minor."""
    version = [int(part) for part in os.environ.get('KANRI_GTK_VERSION', '0.0').split('.')[:2]]
    return version >= [major, minor]


def warns_of_frame_timings():
    return gtk_at_least(4, 24)


class E2EFailure(Exception):
    pass


def log(*args):
    print('#', *args, flush=True)


def accessible_name(acc):
    """An accessible's name, without GTK 4.8's doubling of mnemonic labels.

    A button that uses an underline is named "_Sync Now Sync Now" there: the
    label as written, a space, and the label as shown; without an
    underline in its text (the Japanese labels), "同期 同期".
    """
    name = acc.name or ''
    if not name and role_name(acc) in ('menu item', 'check menu item', 'radio menu item'):
        name = labelled_by_text(acc)
    half = (len(name) - 2) // 2
    raw, clean = name[:half + 1], name[half + 2:]
    if len(name) >= 4 and name[half + 1:half + 2] == ' ' and raw.replace('_', '', 1) == clean:
        return clean
    return name


def labelled_by_text(acc):
    """The text of what @acc is labelled by: all GTK 4.18 (Debian 13) gives
    of a menu item's name over AT-SPI, where GTK 4.8 gave the name itself."""
    try:
        for relation in acc.getRelationSet():
            if relation.getRelationType() == pyatspi.RELATION_LABELLED_BY:
                return ' '.join(relation.getTarget(i).queryText().getText(0, -1)
                                for i in range(relation.getNTargets()))
    except Exception:
        return ''
    return ''


def label_text(acc):
    """A label's text, which GTK 4.18 (Debian 13) does not give as its name
    where the label has an accessible label of its own (the PowerShell of a
    change is named "PowerShell"); GTK 4.8 named it by its text."""
    if role_name(acc) != 'label':
        return None
    try:
        return acc.queryText().getText(0, -1)
    except Exception:
        return None


def role_name(acc):
    """An accessible's role, by the names the scenarios use, those of GTK 4.8
    and at-spi2-core 2.46 (Debian 12): the at-spi2-core of Debian 13 (2.56)
    calls a push button "button", and GTK 4.10 gave toggle buttons a role
    of their own, where GTK 4.8 made them push buttons."""
    name = acc.getRoleName()
    return 'push button' if name in ('button', 'toggle button') else name


class Node:
    """An accessible object of the app, with the few things a test does to it."""

    def __init__(self, app, acc):
        self.app = app
        self.acc = acc

    @property
    def name(self):
        return accessible_name(self.acc)

    @property
    def role(self):
        return role_name(self.acc)

    def showing(self):
        # GTK 4.8 sets no SHOWING state; VISIBLE is the widget's visible flag.
        try:
            return self.acc.getState().contains(pyatspi.STATE_VISIBLE)
        except Exception:
            return False

    def sensitive(self):
        return self.acc.getState().contains(pyatspi.STATE_SENSITIVE)

    def click(self):
        """Activates a button or menu item through its AT-SPI action."""
        # A GtkMenuButton exposes no action itself; its inner toggle does.
        for acc in [self.acc] + [self.acc[i] for i in range(self.acc.childCount)]:
            try:
                action = acc.queryAction()
            except NotImplementedError:
                continue
            if action.nActions > 0:
                action.doAction(0)
                self.app.settle()
                return
        self.click_at()

    def toplevel(self):
        """The window that @self is drawn in: its ancestor that is a child of
        the application (a dialog inside the window, libadwaita's, is not one)."""
        acc = self.acc
        while acc is not None:
            parent = acc.parent
            if parent is None or role_name(parent) == 'application':
                return acc
            acc = parent
        return None

    def extents(self):
        """Where @self is drawn, as x, y, width, height in its X window (where
        xdotool's --window points).

        GTK 4.8 gives WINDOW_COORDS positions in the window's surface, and a
        window's own as 0,0. Newer GTK (measured on 4.18 by drawing the
        reported rectangles on a screenshot; the same on 4.24) makes a
        position the sum of the bounds of the accessible and of each of its
        ancestors, the window included; but the window's bounds are
        relative to itself, so they start at minus
        the margin around its content (5 px here, the resize border of a
        window without a window manager), and that margin is counted with
        the wrong sign: everything comes out two margins up and left of
        where it is drawn, and a click near an edge lands on the neighbour.
        The window's own position is minus that margin, so this undoes it on
        every GTK."""
        x, y, w, h = self.acc.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
        toplevel = self.toplevel()
        if toplevel is None or toplevel == self.acc:
            return x, y, w, h
        tx, ty, _, _ = toplevel.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
        return x - 2 * tx, y - 2 * ty, w, h

    def center(self):
        x, y, w, h = self.extents()
        return x + w // 2, y + h // 2

    def click_at(self):
        """A real pointer click at the widget's centre (for text fields)."""
        x, y = self.center()
        self.app.xdotool('mousemove', '--window', self.app.window_id, str(x), str(y), 'click', '1')
        self.app.settle()

    def type(self, text):
        self.click_at()
        self.app.type_text(text)

    def find(self, role=None, name=None, timeout=DEFAULT_TIMEOUT):
        return self.app.find(role, name, timeout=timeout, root=self)

    @property
    def description(self):
        return self.acc.description or ''

    def __str__(self):
        return f'{self.role} "{self.name}"'


class App:
    """One run of the real `kanri`, with private folders and settings."""

    def __init__(self, scenario, language='C', extra_env=None, args=None):
        self.scenario = scenario
        self.builddir = os.environ['KANRI_BUILDDIR']
        self.screenshot_dir = os.environ.get('KANRI_SCREENSHOT_DIR',
                                             os.path.join(self.builddir, 'meson-logs', 'screenshots'))
        self.home = tempfile.mkdtemp(prefix=f'kanri-e2e-{scenario}-')
        self.runtime_dir = os.path.join(self.home, 'run')
        os.makedirs(self.runtime_dir, mode=0o700)
        self.language = language
        self.extra_env = extra_env or {}
        self.args = list(args or [])
        self.process = None
        self.window_id = None
        self.helpers = []

    # -- process --------------------------------------------------------

    def environment(self):
        env = dict(os.environ)
        for key in ('NO_AT_BRIDGE', 'GTK_A11Y', 'G_TEST_SRCDIR', 'G_TEST_BUILDDIR'):
            env.pop(key, None)
        env.update({
            'HOME': self.home,
            'XDG_DATA_HOME': os.path.join(self.home, 'data'),
            'XDG_CONFIG_HOME': os.path.join(self.home, 'config'),
            'XDG_CACHE_HOME': os.path.join(self.home, 'cache'),
            'XDG_STATE_HOME': os.path.join(self.home, 'state'),
            'XDG_RUNTIME_DIR': self.runtime_dir,
            'GSETTINGS_BACKEND': 'memory',
            'GSETTINGS_SCHEMA_DIR': os.path.join(self.builddir, 'data'),
            'KANRI_LOCALEDIR': os.path.join(self.builddir, 'po'),
            'ADW_DISABLE_PORTAL': '1',
            'LANGUAGE': self.language,
            'LC_ALL': 'C.UTF-8',
            'G_DEBUG': 'fatal-warnings',
        })
        env.update(self.extra_env)
        return env

    def pin_fonts(self):
        """GTK's font settings of this run's own, over any the machine has
        in /etc/gtk-4.0: with run-headless.sh's private fontconfig (only the
        pinned font set) every machine draws the same pixels."""
        font_name = os.environ.get('KANRI_TEST_FONT_NAME')
        families = os.environ.get('KANRI_TEST_FONT_FAMILIES')
        if not font_name or not families:
            raise E2EFailure('end-to-end tests draw with a pinned font set: '
                             'run them through tests/run-headless.sh (meson test does)')
        listed = subprocess.run(['fc-list', '--format', '%{family[0]}\n'], env=self.environment(),
                                check=True, capture_output=True, text=True).stdout.split('\n')
        strays = sorted(set(f for f in listed if f) - set(families.split(';')))
        if strays:
            raise E2EFailure(f'fonts outside the pinned set ({families}): {", ".join(strays)}')
        settings_dir = os.path.join(self.home, 'config', 'gtk-4.0')
        os.makedirs(settings_dir, exist_ok=True)
        with open(os.path.join(settings_dir, 'settings.ini'), 'w') as settings:
            settings.write('[Settings]\n'
                           f'gtk-font-name={font_name}\n'
                           f'gtk-xft-dpi={96 * 1024}\n'
                           'gtk-xft-antialias=1\n'
                           'gtk-xft-hinting=1\n'
                           'gtk-xft-hintstyle=hintslight\n'
                           'gtk-xft-rgba=none\n')

    def app_environment(self):
        env = self.environment()
        if warns_of_frame_timings():
            env['G_DEBUG'] = ''
        return env

    def start(self):
        self.pin_fonts()
        binary = os.path.join(self.builddir, 'src', 'kanri')
        self.stderr_path = os.path.join(self.home, 'kanri.stderr')
        self.stderr = open(self.stderr_path, 'w')
        self.process = subprocess.Popen([binary, *self.args], env=self.app_environment(),
                                        stdout=self.stderr, stderr=subprocess.STDOUT)
        self.frame = self.wait_for_window()
        self.window_id = self.wait_for_x_window()
        self.settle()
        return self

    def wait_for_window(self, timeout=30.0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise E2EFailure(f'kanri exited early with status {self.process.returncode}:\n'
                                 + self.read_stderr())
            desktop = pyatspi.Registry.getDesktop(0)
            for i in range(desktop.childCount):
                app = desktop[i]
                if app is None or app.name != 'kanri':
                    continue
                for j in range(app.childCount):
                    if app[j] is not None and role_name(app[j]) == 'frame':
                        self.accessible_app = app
                        return Node(self, app[j])
            time.sleep(0.2)
        raise E2EFailure('the Kanri window did not appear')

    def wait_for_x_window(self, timeout=10.0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            out = subprocess.run(['xdotool', 'search', '--pid', str(self.process.pid)],
                                 capture_output=True, text=True)
            ids = out.stdout.split()
            if ids:
                return ids[-1]
            time.sleep(0.2)
        raise E2EFailure('no X window for kanri')

    def read_stderr(self):
        self.stderr.flush()
        with open(self.stderr_path) as f:
            return f.read()

    def check_log(self):
        """Fails on any warning or critical the app wrote (see FRAME_TIMINGS_WARNING)."""
        for line in self.read_stderr().splitlines():
            match = LOG_LINE.search(line)
            if match is None:
                continue
            domain, _, message = match.groups()
            if warns_of_frame_timings() and domain == 'Gdk' and message == FRAME_TIMINGS_WARNING:
                continue
            raise E2EFailure(f'kanri warned: {line}')

    def quit(self):
        """Quits with Ctrl+Q, as a user would, and requires a clean exit."""
        # Without a window manager nothing gives the keyboard back to the
        # main window when a dialog closes, as Mutter would, and GTK now and
        # then loses the first keys after the focus moves (seen after Add
        # Tenant…). So the main window is focused and the shortcut pressed
        # again while the app is still there; an app that does not quit on
        # Ctrl+Q fails all three.
        for attempt in range(3):
            self.xdotool('windowfocus', '--sync', self.window_id)
            self.key('ctrl+q')
            try:
                status = self.process.wait(timeout=5 * (attempt + 1))
                break
            except subprocess.TimeoutExpired:
                log(f'no exit {5 * (attempt + 1)} s after Ctrl+Q, attempt {attempt + 1}')
        else:
            stacks = self.thread_stacks()
            self.process.kill()
            raise E2EFailure('kanri did not exit after Ctrl+Q; its threads were:\n' + stacks)
        if status != 0:
            raise E2EFailure(f'kanri exited with status {status}:\n' + self.read_stderr())
        log('kanri exited cleanly')

    def thread_stacks(self):
        """The stacks of every thread of the running app, to tell why it hangs."""
        if shutil.which('gdb') is None:
            return '(gdb is not installed)'
        out = subprocess.run(['gdb', '-p', str(self.process.pid), '-batch', '-nx',
                              '-ex', 'thread apply all bt'],
                             capture_output=True, text=True, timeout=60)
        return out.stdout

    def start_emulator(self, *args):
        """An Exchange Online emulator of its own on loopback; returns its base URL."""
        emulator = subprocess.Popen([os.path.join(self.builddir, 'src', 'emulator', 'kanri-emulator'),
                                     *args], stdout=subprocess.PIPE, text=True,
                                    env=self.environment())
        self.helpers.append(emulator)
        url = emulator.stdout.readline().strip()
        if not url.startswith('http://127.0.0.1:'):
            raise E2EFailure(f'the emulator did not start: {url!r}')
        return url

    def kanri_cli(self, *args):
        """Runs kanri-cli with the app's folders (so --demo is the app's demo tenant)."""
        result = subprocess.run([os.path.join(self.builddir, 'src', 'cli', 'kanri-cli'), *args],
                                env=self.environment(), capture_output=True, text=True)
        if result.returncode != 0:
            raise E2EFailure(f'kanri-cli {" ".join(args)} failed: {result.stderr}')
        return result.stdout

    def activate_action(self, action, *parameters):
        """Activates an application action over D-Bus (the test hooks)."""
        variants = ', '.join(f'<{p!r}>' for p in parameters)
        subprocess.run(['gdbus', 'call', '--session', '--dest', 'io.github.kanri.Kanri',
                        '--object-path', '/io/github/kanri/Kanri',
                        '--method', 'org.gtk.Actions.Activate', action, f'[{variants}]', '{}'],
                       check=True, capture_output=True, env=self.environment())
        self.settle()

    def cleanup(self):
        for helper in self.helpers:
            helper.terminate()
            helper.wait()
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
        shutil.rmtree(self.home, ignore_errors=True)

    # -- input and output ------------------------------------------------

    def xdotool(self, *args):
        subprocess.run(['xdotool', *args], check=True)

    def key(self, *keys):
        self.xdotool('key', '--clearmodifiers', *keys)
        self.settle()

    def type_text(self, text):
        self.xdotool('type', '--delay', '20', text)
        self.settle()

    def settle(self, seconds=0.3):
        time.sleep(seconds)

    def scroll_into_view(self, node, steps=120):
        """Scrolls with the mouse wheel over the window until @node is inside it."""
        _, _, width, height = self.frame.extents()
        for _ in range(steps):
            _, y, _, h = node.extents()
            if 60 <= y and y + h <= height - 20:
                return
            self.xdotool('mousemove', '--window', self.window_id, str(width - 40), str(height // 2),
                         'click', '5' if y + h > height - 20 else '4')
            self.settle(0.05)
        self.settle()

    def screenshot(self, name):
        os.makedirs(self.screenshot_dir, exist_ok=True)
        path = os.path.join(self.screenshot_dir, f'e2e-{self.scenario}-{name}.png')
        subprocess.run(['import', '-window', 'root', path], check=True)
        log('screenshot', path)
        return path

    # -- finding things --------------------------------------------------

    def find_all(self, role=None, name=None, root=None, description=None):
        found = []

        def walk(acc, depth):
            if acc is None or depth > 60:
                return
            try:
                if (role is None or role_name(acc) == role) and \
                   (name is None or name in (accessible_name(acc), label_text(acc))) and \
                   (description is None or acc.description == description):
                    found.append(Node(self, acc))
                for i in range(acc.childCount):
                    walk(acc[i], depth + 1)
            except Exception:
                return

        walk((root.acc if root else self.accessible_app), 0)
        return found

    def find(self, role=None, name=None, timeout=DEFAULT_TIMEOUT, root=None, showing=True,
             description=None):
        deadline = time.monotonic() + timeout
        while True:
            nodes = [n for n in self.find_all(role, name, root, description)
                     if not showing or n.showing()]
            if nodes:
                return nodes[0]
            if time.monotonic() > deadline:
                raise E2EFailure(f'nothing showing with role {role!r}, name {name!r}, '
                                 f'description {description!r}')
            time.sleep(0.2)

    def wait_gone(self, role=None, name=None, timeout=DEFAULT_TIMEOUT):
        deadline = time.monotonic() + timeout
        while any(n.showing() for n in self.find_all(role, name)):
            if time.monotonic() > deadline:
                raise E2EFailure(f'{role} {name!r} is still showing')
            time.sleep(0.2)

    def show_page(self, msgid):
        """Opens a page from the sidebar, given its title's msgid."""
        row = self.find('list item', self.tr(msgid))
        row.click_at()

    def open_primary_menu_item(self, msgid):
        """Clicks an item of the primary menu, given its msgid ("_About Kanri")."""
        self.find('push button', self.tr('Main Menu')).click()
        self.find('menu item', self.tr(msgid)).click()

    def tr(self, msgid, context=None):
        """The UI's text for a msgid in this run's language, mnemonic removed."""
        return translate(msgid, self.language, context).replace('_', '')


_catalogs = {}


def translate(english, language, context=None):
    if language == 'C':
        return english
    import gettext
    if language not in _catalogs:
        _catalogs[language] = gettext.translation(
            'kanri', os.path.join(os.environ['KANRI_BUILDDIR'], 'po'), languages=[language])
    if context is not None:
        return _catalogs[language].pgettext(context, english)
    return _catalogs[language].gettext(english)


def start_keyring(home):
    """A Secret Service on this test's session bus, unlocked, for sign-ins: one
    for the whole scenario, in a folder of its own that outlives each run.

    Without the app's fatal warnings and malloc checks: a warning of the
    daemon's own must not end it."""
    env = dict(os.environ, HOME=home, XDG_DATA_HOME=os.path.join(home, 'data'),
               XDG_RUNTIME_DIR=os.path.join(home, 'run'))
    os.makedirs(env['XDG_RUNTIME_DIR'], mode=0o700)
    for key in ('G_DEBUG', 'MALLOC_CHECK_', 'MALLOC_PERTURB_'):
        env.pop(key, None)
    subprocess.run(['gnome-keyring-daemon', '--daemonize', '--unlock', '--components=secrets'],
                   input=b'test', env=env, check=True, capture_output=True)


def main():
    scenario = sys.argv[1]
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), f'scenario-{scenario}.py')
    spec = importlib.util.spec_from_file_location(f'scenario_{scenario}', path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)

    languages = getattr(module, 'LANGUAGES', ['C'])
    if getattr(module, 'KEYRING', False):
        keyring_home = tempfile.mkdtemp(prefix=f'kanri-e2e-keyring-')
        start_keyring(keyring_home)
    for language in languages:
        app = App(f'{scenario}-{"en" if language == "C" else language}', language=language,
                  extra_env=dict(getattr(module, 'ENV', {})), args=getattr(module, 'ARGS', []))

        try:
            log(f'scenario {scenario} ({language})')
            if hasattr(module, 'prepare'):
                module.prepare(app)
            app.start()
            module.run(app)
            app.check_log()
        except Exception:
            traceback.print_exc()
            try:
                app.screenshot('failure')
            except Exception:
                pass
            if app.process is not None:
                print(app.read_stderr(), file=sys.stderr)
            log('failed:', scenario, language)
            return 1
        finally:
            app.cleanup()
    log('passed:', scenario)
    if getattr(module, 'KEYRING', False):
        shutil.rmtree(keyring_home, ignore_errors=True)
    return 0


if __name__ == '__main__':
    sys.exit(main())

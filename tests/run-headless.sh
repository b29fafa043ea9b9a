#!/bin/sh
# Runs a command with an X server and a D-Bus session bus of its own, so that
# GUI and end-to-end tests can run side by side (meson test runs them in
# parallel) without seeing each other's windows.
#
# Usage: run-headless.sh COMMAND [ARG…]
set -eu

displayfd_file=$(mktemp)
trap 'rm -f "$displayfd_file"; [ -n "${xvfb_pid:-}" ] && kill "$xvfb_pid" 2>/dev/null || true' EXIT

Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp -noreset 3>"$displayfd_file" 2>/dev/null &
xvfb_pid=$!

# Xvfb writes its display number once it accepts connections.
tries=0
while [ ! -s "$displayfd_file" ]; do
    tries=$((tries + 1))
    if [ "$tries" -gt 200 ] || ! kill -0 "$xvfb_pid" 2>/dev/null; then
        echo "run-headless.sh: Xvfb did not start" >&2
        exit 1
    fi
    sleep 0.05
done

DISPLAY=":$(head -n 1 "$displayfd_file")"
export DISPLAY
unset WAYLAND_DISPLAY

status=0
dbus-run-session -- "$@" || status=$?
exit "$status"

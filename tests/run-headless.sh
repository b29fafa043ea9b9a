#!/bin/sh
# Runs a command with an X server, a D-Bus session bus and fonts of its own,
# so that GUI and end-to-end tests can run side by side (meson test runs them
# in parallel) without seeing each other's windows, and draw the same pixels
# on every machine: only the fonts of one pinned set count, never the ones a
# machine happens to have.
#
# Usage: run-headless.sh COMMAND [ARG…]
#   KANRI_FONT_SET  the font set (tests/fontconfig-set.sh); dejavu by default
#   KANRI_SCREEN    the X screen's size; 1280x800 by default
#
# The command sees FONTCONFIG_FILE, and KANRI_TEST_FONT_NAME and
# KANRI_TEST_FONT_FAMILIES: the GTK font name to draw with and the families
# that fontconfig may offer.
set -eu

private_dir=$(mktemp -d)
displayfd_file="$private_dir/display"
: >"$displayfd_file"
trap 'rm -rf "$private_dir"; [ -n "${xvfb_pid:-}" ] && kill "$xvfb_pid" 2>/dev/null || true' EXIT

font_info=$("$(dirname "$0")/fontconfig-set.sh" "${KANRI_FONT_SET:-dejavu}" "$private_dir/fontconfig")
FONTCONFIG_FILE="$private_dir/fontconfig/fonts.conf"
KANRI_TEST_FONT_NAME=$(printf '%s\n' "$font_info" | sed -n 1p)
KANRI_TEST_FONT_FAMILIES=$(printf '%s\n' "$font_info" | sed -n 2p)
export FONTCONFIG_FILE KANRI_TEST_FONT_NAME KANRI_TEST_FONT_FAMILIES

Xvfb -displayfd 3 -screen 0 "${KANRI_SCREEN:-1280x800}x24" -nolisten tcp -noreset 3>"$displayfd_file" 2>/dev/null &
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

#!/bin/sh
# Runs a test with a Secret Service of its own: a fresh HOME, a D-Bus
# session bus, and gnome-keyring-daemon with an unlocked login keyring
# (with an empty password none is created, and it would prompt on a
# display). The test learns the daemon's HOME from KANRI_TEST_KEYRING_HOME.
#
# The bus and the daemon run without the test's G_DEBUG and malloc
# checks, which are for our code: a warning of theirs must not end them.
#
# Usage: run-with-keyring.sh COMMAND [ARG…]
set -eu

home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT

HOME="$home"
XDG_DATA_HOME="$home/.local/share"
XDG_CONFIG_HOME="$home/.config"
XDG_CACHE_HOME="$home/.cache"
XDG_RUNTIME_DIR="$home/run"
KANRI_TEST_KEYRING_HOME="$home"
KANRI_SAVED_G_DEBUG="${G_DEBUG-}"
KANRI_SAVED_MALLOC_CHECK_="${MALLOC_CHECK_-}"
KANRI_SAVED_MALLOC_PERTURB_="${MALLOC_PERTURB_-}"
export HOME XDG_DATA_HOME XDG_CONFIG_HOME XDG_CACHE_HOME XDG_RUNTIME_DIR KANRI_TEST_KEYRING_HOME
export KANRI_SAVED_G_DEBUG KANRI_SAVED_MALLOC_CHECK_ KANRI_SAVED_MALLOC_PERTURB_
mkdir -p -m 700 "$XDG_RUNTIME_DIR"

status=0
env -u G_DEBUG -u MALLOC_CHECK_ -u MALLOC_PERTURB_ dbus-run-session -- sh -c '
  printf test | gnome-keyring-daemon --daemonize --unlock --components=secrets >/dev/null || exit 77
  G_DEBUG="$KANRI_SAVED_G_DEBUG" MALLOC_CHECK_="$KANRI_SAVED_MALLOC_CHECK_" \
    MALLOC_PERTURB_="$KANRI_SAVED_MALLOC_PERTURB_" exec "$@"
' kanri-keyring "$@" || status=$?
exit "$status"

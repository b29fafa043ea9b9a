#!/usr/bin/env bash
# Kanri's developer entry point.
#
#   ./dev.sh run    build and start Kanri (on the demo tenant)
#   ./dev.sh test   build and run the whole test suite headlessly
#
# On a fresh Debian 12 machine both install the Debian packages they need
# (apt-get; sudo when not root), configure and build. Run again, they only
# rebuild what changed. CI=true makes compiler warnings errors.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
builddir="$root/build"

# What Kanri needs to build, then what its tests and tools need.
build_packages=(
    meson ninja-build pkg-config gcc gettext
    libglib2.0-dev libglib2.0-dev-bin libglib2.0-bin
    libgtk-4-dev libadwaita-1-dev libsoup-3.0-dev libjson-glib-dev
    libsqlite3-dev libsecret-1-dev libgmime-3.0-dev libgsf-1-dev libpsl-dev
    nettle-dev libgmp-dev
    desktop-file-utils appstream
)
run_packages=(
    locales dconf-gsettings-backend librsvg2-common adwaita-icon-theme
    fonts-dejavu-core fonts-droid-fallback
)
# The tests draw with pinned font sets (tests/fontconfig-set.sh): DejaVu and
# Droid Sans Fallback, Cantarell (GNOME's UI font), Noto Sans CJK (what a
# Japanese desktop has).
test_packages=(
    xvfb xauth dbus at-spi2-core python3 python3-pyatspi python3-spf python3-yaml
    python3-dkim python3-nacl python3-authres opendkim-tools libopendkim-dev
    gnome-keyring libsecret-tools xdotool xclip imagemagick flatpak-builder
    fontconfig fonts-cantarell fonts-noto-cjk
)

log() {
    printf '\033[1m==> %s\033[0m\n' "$*" >&2
}

as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    else
        sudo "$@"
    fi
}

ensure_packages() {
    local missing=()
    local pkg
    for pkg in "$@"; do
        # dpkg-query is fast and needs no network: only go to apt when needed.
        if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
            missing+=("$pkg")
        fi
    done
    if [ ${#missing[@]} -eq 0 ]; then
        return
    fi
    log "Installing Debian packages: ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# LANGUAGE alone chooses Kanri's language (src/core/kanri-i18n.c), and the
# tests run in each language that way, where the machine has a UTF-8 locale
# other than C.UTF-8: from glibc 2.41 (Debian 13) gettext ignores LANGUAGE
# in C.UTF-8 as in C.
ensure_locale() {
    if locale -a 2>/dev/null | grep -qx 'en_US\.utf8'; then
        return
    fi
    log "Generating the en_US.UTF-8 locale"
    if grep -q '^# *en_US\.UTF-8 UTF-8$' /etc/locale.gen; then
        as_root sed -i 's/^# *\(en_US\.UTF-8 UTF-8\)$/\1/' /etc/locale.gen
    elif ! grep -q '^en_US\.UTF-8 UTF-8$' /etc/locale.gen; then
        echo 'en_US.UTF-8 UTF-8' | as_root tee -a /etc/locale.gen >/dev/null
    fi
    as_root locale-gen
}

current_option() {
    meson introspect "$builddir" --buildoptions | python3 -c '
import json, sys
for option in json.load(sys.stdin):
    if option["name"] == sys.argv[1]:
        print(str(option["value"]).lower())' "$1"
}

configure() {
    local werror=false
    if [ "${CI:-}" = true ]; then
        werror=true
    fi
    if [ ! -f "$builddir/build.ninja" ]; then
        log "Configuring in $builddir"
        meson setup "$builddir" "$root" -Dwerror="$werror"
    elif [ "$(current_option werror)" != "$werror" ]; then
        meson configure "$builddir" -Dwerror="$werror"
    fi
}

build() {
    log "Building"
    # The translations too: Kanri runs from the build tree (KANRI_LOCALEDIR).
    ninja -C "$builddir" all kanri-gmo
}

cmd_run() {
    ensure_packages "${build_packages[@]}" "${run_packages[@]}"
    ensure_locale
    configure
    build
    log "Starting Kanri"
    # From the build tree: the settings schema and the translations come from
    # there; everything else is compiled into the binary.
    GSETTINGS_SCHEMA_DIR="$builddir/data" \
    KANRI_LOCALEDIR="$builddir/po" \
        exec "$builddir/src/kanri" "$@"
}

cmd_test() {
    ensure_packages "${build_packages[@]}" "${run_packages[@]}" "${test_packages[@]}"
    ensure_locale
    configure
    build
    log "Testing"
    # A private X server and session bus for the whole run; each GUI and
    # end-to-end test also starts its own, so they can run side by side.
    "$root/tests/run-headless.sh" meson test -C "$builddir" --print-errorlogs "$@"
}

usage() {
    sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'
}

case "${1:-}" in
    run)
        shift
        cmd_run "$@"
        ;;
    test)
        shift
        cmd_test "$@"
        ;;
    -h|--help|help)
        usage
        ;;
    *)
        usage >&2
        exit 2
        ;;
esac

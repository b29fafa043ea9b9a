#!/bin/sh
# Checks that po/LANG.po translates every string the sources have now:
# extracts a fresh template (as meson's glib preset does, into a temporary
# folder, never the source tree), merges the catalogue into it and requires 0
# untranslated and 0 fuzzy messages.
#
# Usage: check-translations.sh SOURCE_ROOT LANG
set -eu

srcroot=$1
lang=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cd "$srcroot"
grep -v '^#' po/POTFILES.in | grep -v '^$' > "$tmp/files"

xgettext --files-from="$tmp/files" --directory="$srcroot" --output="$tmp/kanri.pot" \
    --from-code=UTF-8 --add-comments --package-name=kanri \
    --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
    --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
    --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
    --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
    --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
    --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format \
    --flag=g_markup_printf_escaped:1:c-format --flag=g_log:3:c-format \
    --flag=g_print:1:c-format --flag=g_printerr:1:c-format --flag=g_printf:1:c-format \
    --flag=g_fprintf:2:c-format --flag=g_sprintf:2:c-format --flag=g_snprintf:3:c-format

msgmerge --quiet --no-fuzzy-matching "po/$lang.po" "$tmp/kanri.pot" -o "$tmp/merged.po"
msgfmt --check --statistics -o /dev/null "$tmp/merged.po" 2> "$tmp/stats"
cat "$tmp/stats"

if grep -Eq 'untranslated|fuzzy' "$tmp/stats"; then
    echo "po/$lang.po is incomplete. Untranslated or fuzzy messages:" >&2
    msgattrib --untranslated --only-fuzzy "$tmp/merged.po" 2>/dev/null | head -40 >&2 || true
    msgattrib --untranslated "$tmp/merged.po" | grep '^msgid' | head -40 >&2
    exit 1
fi

# Also the catalogue as shipped: valid, and with nothing fuzzy.
msgfmt --check --statistics -o /dev/null "po/$lang.po" 2>&1 | tee "$tmp/shipped"
if grep -Eq 'fuzzy' "$tmp/shipped"; then
    echo "po/$lang.po has fuzzy messages" >&2
    exit 1
fi

#!/bin/sh
# Writes a private fontconfig set-up for one of the font sets the tests draw
# with, so that the fonts a machine happens to have never count: a folder of
# links to exactly the set's font files, a configuration that reads only that
# folder (no /etc/fonts, no conf.d, no ~/.fonts), its own cache, and fixed
# rendering options.
#
# Usage: fontconfig-set.sh SET DIR
#   SET  dejavu     DejaVu + Droid Sans Fallback (what ./dev.sh run installs)
#        cantarell  Cantarell, GNOME's UI font (Droid Sans Fallback for CJK)
#        noto-cjk   Noto Sans CJK, what a Japanese desktop has
#   DIR  an empty folder; DIR/fonts.conf is the file for FONTCONFIG_FILE
#
# Prints two lines for the caller to read: the GTK font name the set is
# drawn with (gtk-font-name) and the families its files hold, ';'-separated
# (what a test may see, and all it may see).
set -eu

if [ $# -ne 2 ]; then
    echo "usage: fontconfig-set.sh SET DIR" >&2
    exit 2
fi
set_name=$1
dir=$2

dejavu=/usr/share/fonts/truetype/dejavu
droid=/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf
cantarell=/usr/share/fonts/opentype/cantarell
noto=/usr/share/fonts/opentype/noto

# Each set: its Debian packages, its files, the families GTK's "Sans" and
# "Monospace" resolve to (first choice, then fallbacks), and the font name.
case "$set_name" in
    dejavu)
        packages="fonts-dejavu-core fonts-droid-fallback"
        files="$dejavu/DejaVuSans.ttf $dejavu/DejaVuSans-Bold.ttf
               $dejavu/DejaVuSansMono.ttf $dejavu/DejaVuSansMono-Bold.ttf $droid"
        sans="DejaVu Sans;Droid Sans Fallback"
        mono="DejaVu Sans Mono;Droid Sans Fallback"
        font_name="Sans 10"
        ;;
    cantarell)
        packages="fonts-cantarell fonts-dejavu-core fonts-droid-fallback"
        # One variable font from fonts-cantarell 0.303.1 (Debian 13), a file
        # per weight before (Debian 12).
        if [ -f "$cantarell/Cantarell-VF.otf" ]; then
            cantarell_files="$cantarell/Cantarell-VF.otf"
        else
            cantarell_files="$cantarell/Cantarell-Regular.otf $cantarell/Cantarell-Bold.otf"
        fi
        files="$cantarell_files
               $dejavu/DejaVuSansMono.ttf $dejavu/DejaVuSansMono-Bold.ttf $droid"
        sans="Cantarell;Droid Sans Fallback"
        mono="DejaVu Sans Mono;Droid Sans Fallback"
        font_name="Cantarell 11"
        ;;
    noto-cjk)
        packages="fonts-noto-cjk"
        files="$noto/NotoSansCJK-Regular.ttc $noto/NotoSansCJK-Bold.ttc"
        sans="Noto Sans CJK JP"
        mono="Noto Sans Mono CJK JP"
        font_name="Sans 11"
        ;;
    *)
        echo "fontconfig-set.sh: no font set named '$set_name' (dejavu, cantarell, noto-cjk)" >&2
        exit 2
        ;;
esac

mkdir -p "$dir/fonts" "$dir/cache"
for file in $files; do
    if [ ! -f "$file" ]; then
        echo "fontconfig-set.sh: the font set '$set_name' needs $file (Debian packages: $packages; ./dev.sh test installs them)" >&2
        exit 1
    fi
    ln -sf "$file" "$dir/fonts/"
done

prefer() {
    printf '%s\n' "$1" | tr ';' '\n' | while IFS= read -r family; do
        printf '      <family>%s</family>\n' "$family"
    done
}

alias_block() {
    printf '  <alias binding="same">\n    <family>%s</family>\n    <prefer>\n' "$1"
    prefer "$2"
    printf '    </prefer>\n  </alias>\n'
}

{
    cat <<EOF
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<!-- Written by tests/fontconfig-set.sh for the font set '$set_name'. -->
<fontconfig>
  <dir>$dir/fonts</dir>
  <cachedir>$dir/cache</cachedir>
EOF
    for generic in sans-serif Sans serif Serif system-ui; do
        alias_block "$generic" "$sans"
    done
    for generic in monospace Monospace; do
        alias_block "$generic" "$mono"
    done
    cat <<'EOF'
  <match target="font">
    <edit name="antialias" mode="assign"><bool>true</bool></edit>
    <edit name="hinting" mode="assign"><bool>true</bool></edit>
    <edit name="hintstyle" mode="assign"><const>hintslight</const></edit>
    <edit name="rgba" mode="assign"><const>none</const></edit>
    <edit name="embeddedbitmap" mode="assign"><bool>false</bool></edit>
  </match>
</fontconfig>
EOF
} >"$dir/fonts.conf"

printf '%s\n' "$font_name"
# shellcheck disable=SC2086 # the list of files splits on white space
fc-scan --format '%{family[0]}\n' $files | sort -u | paste -sd ';' -

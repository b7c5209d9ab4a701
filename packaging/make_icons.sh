#!/bin/sh
# Renders Diptych's icons from their SVG sources (run after editing an SVG; the results are committed).
#   needs: rsvg-convert (librsvg2-bin), icotool (icoutils), png2icns (icnsutils)
# 16 and 24 px come from the *-16px.svg drawings made on the 16-pixel grid; larger sizes from the
# full drawing. Output: resources/icons/hicolor/<size>x<size>/{apps,mimetypes}/*.png (the layout of
# the hicolor theme, installed as is by `diptych install-desktop`), diptych.ico, diptych.icns.
# On macOS without png2icns: iconutil -c icns on a .iconset folder of the same PNGs does the same.
set -eu
cd "$(dirname "$0")/../resources/icons"
render() {  # name dir
    for s in 16 24 32 48 64 128 256 512; do
        src="$1.svg"; [ "$s" -le 24 ] && src="$1-16px.svg"
        mkdir -p "hicolor/${s}x${s}/$2"
        rsvg-convert -w "$s" -h "$s" "$src" -o "hicolor/${s}x${s}/$2/$1.png"
    done
    mkdir -p "hicolor/scalable/$2"
    cp "$1.svg" "hicolor/scalable/$2/$1.svg"
}
render diptych apps
render application-x-diptych-project mimetypes
p=hicolor
icotool -c -o diptych.ico $p/16x16/apps/diptych.png $p/24x24/apps/diptych.png $p/32x32/apps/diptych.png \
    $p/48x48/apps/diptych.png $p/64x64/apps/diptych.png $p/128x128/apps/diptych.png -r $p/256x256/apps/diptych.png
icotool -c -o application-x-diptych-project.ico $p/16x16/mimetypes/application-x-diptych-project.png \
    $p/32x32/mimetypes/application-x-diptych-project.png $p/48x48/mimetypes/application-x-diptych-project.png \
    -r $p/256x256/mimetypes/application-x-diptych-project.png
png2icns diptych.icns $p/16x16/apps/diptych.png $p/32x32/apps/diptych.png $p/48x48/apps/diptych.png \
    $p/128x128/apps/diptych.png $p/256x256/apps/diptych.png $p/512x512/apps/diptych.png >/dev/null
png2icns application-x-diptych-project.icns $p/16x16/mimetypes/application-x-diptych-project.png \
    $p/32x32/mimetypes/application-x-diptych-project.png $p/128x128/mimetypes/application-x-diptych-project.png \
    $p/256x256/mimetypes/application-x-diptych-project.png $p/512x512/mimetypes/application-x-diptych-project.png >/dev/null

#!/bin/sh
# make browser: opens the playground page (make playground) in headless Chromium and checks what it
# shows against the PC (check_page.mjs). With --screenshot FILE, instead takes a picture of the
# page after some training. Installs Chromium through apt-get when missing, as the firmware
# tests install QEMU; fails loudly if it cannot; never skips.
set -eu
cd "$(dirname "$0")/../.."

die() {
    echo "tests/wasm/browser.sh: $*" >&2
    exit 1
}

CARGO=${CARGO:-cargo}
PAGE=target/playground/stacknet-playground.html
OUT=target/wasm
# The picture: a window wide enough for the page's layout, tall enough for every panel.
SCREENSHOT_WINDOW=1260,1010
# The picture's run: the classic program from seed 1, some epochs in, then playing.
SCREENSHOT_STEPS="set:seed=1;train:20000;click:play"

[ -f "$PAGE" ] || die "$PAGE is missing (make playground)"
if ! command -v chromium >/dev/null 2>&1; then
    echo "tests/wasm/browser.sh: installing chromium (apt-get install chromium)"
    { apt-get update && apt-get install -y --no-install-recommends chromium; } >/dev/null \
        || die "could not install chromium (apt-get install -y --no-install-recommends chromium)"
fi
command -v node >/dev/null 2>&1 || die "node is missing (make wasm installs it)"

# A fresh profile for every run, so that nothing carries over between runs.
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT

if [ "${1:-}" = --screenshot ]; then
    picture=${2:?--screenshot needs a file name}
    # Chromium's PNG of the page's smooth surfaces is over 200 KB; pngquant's palette of at most
    # 256 colours keeps it under 80 KB with no difference to see.
    if ! command -v pngquant >/dev/null 2>&1; then
        echo "tests/wasm/browser.sh: installing pngquant (apt-get install pngquant)"
        { apt-get update && apt-get install -y --no-install-recommends pngquant; } >/dev/null \
            || die "could not install pngquant (apt-get install -y --no-install-recommends pngquant)"
    fi
    timeout 60 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$profile" --virtual-time-budget=3000 --hide-scrollbars \
        --window-size="$SCREENSHOT_WINDOW" --screenshot="$profile/page.png" \
        "file://$PWD/$PAGE#test=$SCREENSHOT_STEPS" 2>/dev/null || die "chromium failed to take the screenshot"
    [ -s "$profile/page.png" ] || die "chromium wrote no screenshot"
    pngquant --quality=70-95 --speed 1 --strip --force --output "$picture" "$profile/page.png" \
        || die "pngquant could not make the screenshot smaller"
    echo "tests/wasm/browser.sh: wrote $picture ($(wc -c <"$picture") bytes)"
    exit 0
fi

$CARGO build --quiet --release --manifest-path tests/wasm/pc-reference/Cargo.toml \
    || die "could not build tests/wasm/pc-reference"
mkdir -p "$OUT"
tests/wasm/pc-reference/target/release/stacknet-pc-reference >"$OUT/reference.json" \
    || die "the PC's reference runs failed"
node tests/wasm/check_page.mjs "$PAGE" "$OUT/reference.json" "$profile" \
    || die "the page in headless Chromium does not show what it should"

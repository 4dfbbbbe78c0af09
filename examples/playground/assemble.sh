#!/bin/sh
# make playground: builds the module (opt-level "s") and writes the page as one self-contained
# file, target/playground/stacknet-playground.html: the hand-written HTML with the CSS, the
# JavaScript and the module (as base64) inlined, so that it opens from disk and works offline.
set -eu
cd "$(dirname "$0")/../.."

die() {
    echo "examples/playground/assemble.sh: $*" >&2
    exit 1
}

CARGO=${CARGO:-cargo}
TARGET=wasm32-unknown-unknown
SOURCES=examples/playground
MODULE=$SOURCES/module/target/$TARGET/release/stacknet_playground.wasm
PAGE=target/playground/stacknet-playground.html

rustup target list --installed | grep -qx "$TARGET" || rustup target add "$TARGET" \
    || die "could not install the Rust target $TARGET (rustup target add $TARGET)"
$CARGO build --quiet --release --target "$TARGET" --manifest-path "$SOURCES/module/Cargo.toml" \
    || die "could not build the module"

mkdir -p "$(dirname "$PAGE")"
# Each marker stands alone on its line in playground.html; everything else is copied as it is.
awk -v style="$SOURCES/playground.css" -v script="$SOURCES/playground.js" -v module="$MODULE" '
    function copy(file,   line) {
        while ((getline line < file) > 0) print line
        close(file)
    }
    $0 == "@STYLE@" { copy(style); next }
    $0 == "@SCRIPT@" { copy(script); next }
    $0 == "@MODULE@" { system("base64 -w 76 " module); next }
    { print }
' "$SOURCES/playground.html" >"$PAGE.tmp" || die "could not assemble the page"
mv "$PAGE.tmp" "$PAGE"
echo "examples/playground/assemble.sh: wrote $PAGE ($(wc -c <"$PAGE") bytes)"
